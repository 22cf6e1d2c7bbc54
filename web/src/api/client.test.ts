import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError, apiWithHeaders, fileNameOf, isOutOfScope, queryString, setRequestLanguage } from './client';

describe('api client', () => {
  it('leaves empty filters out of the query string and encodes the rest', () => {
    expect(queryString({ q: '科技', state: '', org: undefined, limit: 20, offset: 0 })).toBe(
      '?q=%E7%A7%91%E6%8A%80&limit=20&offset=0',
    );
    expect(queryString({})).toBe('');
  });

  it('reads the error body the node sends, field and all', () => {
    const error = new ApiError(
      422,
      { error: { code: 'invalid_credit_code', message: 'check character', field: 'creditCode', requestId: 'r-1' } },
      null,
    );
    expect(error.status).toBe(422);
    expect(error.code).toBe('invalid_credit_code');
    expect(error.field).toBe('creditCode');
    expect(error.message).toBe('check character');
  });

  it('takes Retry-After of a lockout as seconds, and survives a body that is not ours', () => {
    expect(new ApiError(429, { error: { code: 'account_locked' } }, '900').retryAfterSeconds).toBe(900);
    const bare = new ApiError(502, {}, null);
    expect(bare.code).toBe('http_502');
    expect(bare.retryAfterSeconds).toBeUndefined();
  });

  it('names a download after Content-Disposition, UTF-8 names first', () => {
    expect(fileNameOf("attachment; filename=\"customers.xlsx\"; filename*=UTF-8''%E5%AE%A2%E6%88%B7.xlsx")).toBe('客户.xlsx');
    expect(fileNameOf('attachment; filename="customers.csv"')).toBe('customers.csv');
    expect(fileNameOf('inline')).toBeUndefined();
  });

  afterEach(() => vi.unstubAllGlobals());

  it('hands a write its answer with the headers, and reads X-MAMS-Out-Of-Scope', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(async () => new Response('{"id":"c-1"}', { status: 200, headers: { 'X-MAMS-Out-Of-Scope': 'true' } })),
    );
    const saved = await apiWithHeaders<{ id: string }>('PATCH', '/api/v1/customers/c-1', { body: {} });
    expect(saved.body.id).toBe('c-1');
    expect(isOutOfScope(saved.headers)).toBe(true);
    expect(isOutOfScope(new Headers())).toBe(false);
  });

  it('asks for messages in the console\'s language (Accept-Language)', async () => {
    const fetch = vi.fn(async (_url: string, _init: RequestInit) => new Response('{}', { status: 200 }));
    vi.stubGlobal('fetch', fetch);
    setRequestLanguage('en-US');
    await apiWithHeaders('GET', '/api/v1/customers');
    setRequestLanguage('zh-CN');
    await apiWithHeaders('GET', '/api/v1/customers');
    const languages = fetch.mock.calls.map(([, init]) => (init.headers as Record<string, string>)['Accept-Language']);
    expect(languages).toEqual(['en-US', 'zh-CN']);
  });
});
