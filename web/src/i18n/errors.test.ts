import { afterEach, describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { describeError } from './errors';
import i18n from './index';

const failure = (code: string, message: string, field?: string) => new ApiError(422, { error: { code, message, field } }, null);

describe('describeError', () => {
  afterEach(async () => {
    await i18n.changeLanguage('zh-CN');
  });

  it('says a known code in the console\'s language, naming the field', async () => {
    await i18n.changeLanguage('zh-CN');
    expect(describeError(failure('missing_field', 'name: required', 'creditCode'))).toBe('请填写“统一社会信用代码”');
    await i18n.changeLanguage('en-US');
    expect(describeError(failure('missing_field', 'name: required', 'creditCode'))).toBe('Please fill in "Credit code"');
  });

  it('names a field without a label by its own name, and quotes the node where the text asks', () => {
    expect(describeError(failure('unknown_field', 'no such field', 'colour'))).toBe('不认识的字段“colour”');
    expect(describeError(failure('csv_syntax', 'line 3: unclosed quote', 'file'))).toBe('文件不是有效的 CSV：line 3: unclosed quote');
  });

  it('falls back to the node\'s message for an unknown code, or a text needing a field not named', () => {
    expect(describeError(failure('brand_new_code', 'something new'))).toBe('something new');
    expect(describeError(failure('invalid_code', 'the code does not match'))).toBe('the code does not match');
    expect(describeError(new Error('offline'))).toBe('offline');
    expect(describeError('plain')).toBe('plain');
  });

  it('explains a bare gateway failure by its status', () => {
    expect(describeError(new ApiError(502, {}, null))).toBe('服务器暂时无法访问，请稍后重试');
  });
});
