import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Every text the console shows comes from the catalogues (i18n/zh-CN.json, i18n/en-US.json, and
// each capability's own <folder>/i18n/zh-CN.json and en-US.json). Chinese in code is a string
// someone forgot to translate; comments may quote the users' words. The language menu names
// each language in itself, as language menus do.
const SOURCE = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const ALLOWED = new Set(['layout/LanguageSwitch.tsx']);

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return sources(full);
    return /\.(ts|tsx)$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
  });
}

function withoutComments(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('message catalogues', () => {
  it('hold every Chinese text the console shows', () => {
    const offenders = sources(SOURCE)
      .filter((file) => {
        const name = path.relative(SOURCE, file).split(path.sep).join('/');
        return !ALLOWED.has(name);
      })
      .flatMap((file) =>
        withoutComments(readFileSync(file, 'utf8'))
          .split('\n')
          .filter((line) => /[\u4e00-\u9fff]/.test(line))
          .map((line) => `${path.relative(SOURCE, file)}: ${line.trim()}`),
      );
    expect(offenders).toEqual([]);
  });
});
