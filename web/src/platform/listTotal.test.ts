import { describe, expect, it } from 'vitest';
import en from '../i18n/en-US.json';
import zh from '../i18n/zh-CN.json';
import { totalText } from './listTotal';

// `t` over one catalogue's common texts, as i18next interpolates them.
const over = (catalogue: { common: Record<string, string> }) => (key: string, values: { total: string }) =>
  catalogue.common[key.replace('common.', '')].replace('{{total}}', values.total);

describe('a list total', () => {
  it('is the count when exact and the bound with a plus when counting stopped there', () => {
    expect(totalText(over(zh), 1234, true, 'zh-CN')).toBe('共 1,234 条');
    expect(totalText(over(zh), 10000, false, 'zh-CN')).toBe('共 10,000+ 条');
    expect(totalText(over(en), 7, true, 'en-US')).toBe('7 items');
    expect(totalText(over(en), 10000, false, 'en-US')).toBe('10,000+ items');
  });
});
