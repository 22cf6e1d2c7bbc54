import { describe, expect, it } from 'vitest';
import { capabilities } from '../capabilities';
import { keysOf, mergeMessages } from '../platform/messages';
import { catalogues } from './catalogues';
import enUS from './en-US.json';
import zhCN from './zh-CN.json';

describe('message catalogues', () => {
  it('have the same keys in Chinese and English, none empty', () => {
    expect(keysOf(catalogues['en-US']).sort()).toEqual(keysOf(catalogues['zh-CN']).sort());
    for (const catalogue of Object.values(catalogues)) {
      for (const key of keysOf(catalogue)) {
        const text = key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], catalogue);
        expect(typeof text === 'string' && text.length > 0, key).toBe(true);
      }
    }
  });

  it('give each capability the same keys in both languages', () => {
    expect(keysOf(enUS).sort()).toEqual(keysOf(zhCN).sort());
    for (const capability of capabilities) {
      expect(keysOf(capability.messages['en-US']).sort(), capability.name).toEqual(keysOf(capability.messages['zh-CN']).sort());
    }
  });

  it('refuse a key two capabilities both declare', () => {
    expect(() => mergeMessages([{ menu: { audit: 'a' } }, { menu: { audit: 'b' } }])).toThrow('menu.audit');
    expect(mergeMessages([{ menu: { audit: 'a' } }, { menu: { sync: 'b' } }])).toEqual({ menu: { audit: 'a', sync: 'b' } });
  });

  it('name every menu entry, page title and menu group in both languages', () => {
    const keys = capabilities.flatMap((capability) => [
      ...(capability.menu ?? []).map((entry) => entry.label),
      ...(capability.menuGroups ?? []).map((group) => group.label),
      ...capability.routes.flatMap((route) => (route.title ? [route.title] : [])),
    ]);
    for (const catalogue of Object.values(catalogues)) {
      const known = new Set(keysOf(catalogue));
      expect(keys.filter((key) => !known.has(key))).toEqual([]);
    }
  });

  it('keep the add and save messages users know from seed 004', () => {
    expect(zhCN.common.addSuccess).toBe('新增成功!');
    expect(zhCN.common.saveSuccess).toBe('保存成功!');
    expect(zhCN.common.addFailed).toBe('新增失败!');
  });
});
