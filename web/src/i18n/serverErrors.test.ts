import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { catalogues } from './catalogues';

// Every error code the node answers with has a text in both languages (`errors.<code>`), so
// that a Chinese user reads Chinese whatever the node's message says. The codes are those the
// error tables declare (`*_errors.yaml`, one per module and node/'s own) and those the C++
// sources throw: the patterns below are how the sources name codes; when a new way of naming
// them appears, add its pattern here (the count check below notices when they find too few).
const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
const FOLDERS = ['node', 'modules', 'sync', 'interfaces'];
const PATTERNS: RegExp[] = [
  /ApiError\(\s*ErrorKind::k\w+,\s*"([a-z0-9_]+)"/g,
  /\bInvalid\(\s*"([a-z0-9_]+)"/g,
  /\bViolation\(\s*"([a-z0-9_]+)"/g, // password policy
  /ProtocolError\{\s*\d+,\s*"([a-z0-9_]+)"/g,
  /ErrorBodyFor\([^,]+,\s*\d+,\s*"([a-z0-9_]+)"/g,
  /(?:\bfailure = |\{nullptr, )"([a-z0-9_]+)"/g, // why a credential was refused (401's code)
];
// Files whose Invalid() takes a field and answers `invalid_<field>`.
const FIELD_CODES = /ApiError Invalid\(const std::string& column/;
const LENGTH_CHECK = /CheckLength\([^;]*?"(\w+)"\)/g; // answers invalid_<field>

function filesUnder(dir: string, keep: (name: string) => boolean): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return filesUnder(full, keep);
    return keep(name) ? [full] : [];
  });
}
const sources = (dir: string) => filesUnder(dir, (name) => /\.(cpp|h)$/.test(name) && !/_test\.cpp$/.test(name));
const TABLE_CODE = /^([A-Za-z0-9_]+):\s*$/gm; // a code at the top level of an error table

function declaredCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of FOLDERS.flatMap((folder) => filesUnder(path.join(ROOT, folder), (name) => name.endsWith('_errors.yaml')))) {
    for (const [, code] of readFileSync(file, 'utf8').matchAll(TABLE_CODE)) codes.add(code);
  }
  return codes;
}

function serverCodes(): Set<string> {
  const codes = new Set<string>();
  for (const file of FOLDERS.flatMap((folder) => sources(path.join(ROOT, folder)))) {
    const text = readFileSync(file, 'utf8');
    const prefix = FIELD_CODES.test(text) ? 'invalid_' : '';
    for (const pattern of PATTERNS) {
      for (const [, code] of text.matchAll(pattern)) {
        if (code.endsWith('_')) continue; // "invalid_" + field: the fields are found apart
        codes.add(pattern.source.startsWith('\\bInvalid') ? prefix + code : code);
      }
    }
    for (const [, field] of text.matchAll(LENGTH_CHECK)) codes.add('invalid_' + field);
  }
  return codes;
}

describe('error texts', () => {
  it('exist in both languages for every code the node answers with', () => {
    const thrown = serverCodes();
    expect(thrown.size, 'the patterns find the codes of the C++ sources').toBeGreaterThan(90);
    const declared = declaredCodes();
    expect(declared.size, 'the error tables are found').toBeGreaterThan(120);
    const codes = [...new Set([...thrown, ...declared])].sort();
    for (const [language, catalogue] of Object.entries(catalogues)) {
      const errors = catalogue.errors as Record<string, string>;
      expect(codes.filter((code) => typeof errors[code] !== 'string'), language).toEqual([]);
    }
  });
});
