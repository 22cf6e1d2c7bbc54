import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { MemoryRouter } from 'react-router-dom';
import { afterEach, describe, expect, it } from 'vitest';
import '../i18n';
import GlobalSearch from './GlobalSearch';

/** Answers GET /api/v1/search as the node does, with `indexing` as given. */
function answerSearch(indexing: boolean) {
  const asked: string[] = [];
  globalThis.fetch = ((input: RequestInfo | URL) => {
    asked.push(String(input));
    const body = {
      query: '重载',
      truncated: false,
      indexing,
      groups: [
        {
          kind: 'customer',
          more: false,
          hits: [{ id: 'c1', title: '广州重载科技有限公司', subtitle: 'KH1 · 440100', path: '/customers/c1', highlights: [[2, 4]] }],
        },
      ],
    };
    return Promise.resolve(new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } }));
  }) as typeof fetch;
  return asked;
}

function renderSearch() {
  render(
    <MemoryRouter>
      <GlobalSearch />
    </MemoryRouter>,
  );
  fireEvent.change(screen.getByTestId('global-search'), { target: { value: '重载' } });
}

describe('the header search box', () => {
  const original = globalThis.fetch;
  afterEach(() => {
    cleanup();
    globalThis.fetch = original;
  });

  it('says that matches may be missing while the node catches its index up after a load', async () => {
    const asked = answerSearch(true);
    renderSearch();
    expect(await screen.findByTestId('search-indexing', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.getByText('索引正在更新，部分结果可能暂缺')).toBeTruthy();
    expect(screen.getAllByTestId('search-hit')).toHaveLength(1);
    expect(asked[0]).toContain('/api/v1/search?');
  });

  it('says nothing of the index once it is current', async () => {
    answerSearch(false);
    renderSearch();
    expect(await screen.findByTestId('search-hit', {}, { timeout: 5000 })).toBeTruthy();
    expect(screen.queryByTestId('search-indexing')).toBeNull();
  });
});
