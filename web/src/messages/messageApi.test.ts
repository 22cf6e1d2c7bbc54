import { describe, expect, it } from 'vitest';
import { isConsolePath } from './messageApi';

describe('isConsolePath', () => {
  it('takes paths of the console and nothing that leaves it', () => {
    expect(isConsolePath('/approvals/01a2')).toBe(true);
    expect(isConsolePath('/')).toBe(true);
    expect(isConsolePath('')).toBe(false);
    expect(isConsolePath('//evil.example/login')).toBe(false);
    expect(isConsolePath('/\\evil.example')).toBe(false);
    expect(isConsolePath('https://evil.example')).toBe(false);
    expect(isConsolePath('javascript:alert(1)')).toBe(false);
  });
});
