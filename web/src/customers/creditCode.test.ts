import { describe, expect, it } from 'vitest';
import { creditCodeCheckCharacter, isValidCreditCode } from './creditCode';

describe('unified social credit code', () => {
  it('accepts a code whose check character matches', () => {
    // 91350100M000100Y43 is the standard's own example
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(creditCodeCheckCharacter('91350100M000100Y4')).toBe('3');
  });

  it('refuses a wrong check character, length, letters and division', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(isValidCreditCode('91350100M000100I43')).toBe(false);
    expect(isValidCreditCode('913A0100M000100Y43')).toBe(false);
  });
});
