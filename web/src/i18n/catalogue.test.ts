import { describe, expect, it } from 'vitest';
import enUS from './en-US';
import zhCN from './zh-CN';

function keysOf(value: unknown, prefix = ''): string[] {
  if (typeof value !== 'object' || value === null) return [prefix];
  return Object.entries(value).flatMap(([key, inner]) => keysOf(inner, prefix ? `${prefix}.${key}` : key));
}

describe('message catalogues', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect(keysOf(enUS).sort()).toEqual(keysOf(zhCN).sort());
    for (const catalogue of [zhCN, enUS]) {
      for (const key of keysOf(catalogue)) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(typeof text === 'string' && text.length > 0, key).toBe(true);
      }
    }
  });

  it('keep the add and save messages users know from seed 004', () => {
    expect(zhCN.common.addSuccess).toBe('新增成功!');
    expect(zhCN.common.saveSuccess).toBe('保存成功!');
    expect(zhCN.common.addFailed).toBe('新增失败!');
  });
});
