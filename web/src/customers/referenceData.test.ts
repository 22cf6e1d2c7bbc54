import { renderHook, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { forgetReferenceData, loadReferenceList, useReferenceData } from './referenceData';

const orgs = [{ code: 'HQ', name: '集团总部', level: 0 }];

// A node that answers as it does a system administrator: orgs yes, industries 403.
function nodeForSystemAdmin() {
  const asked: string[] = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (input: RequestInfo | URL) => {
      const path = String(input);
      asked.push(path.split('?')[0]);
      if (path.startsWith('/api/v1/industries')) {
        return new Response('{"error":{"code":"forbidden"}}', { status: 403 });
      }
      return new Response(JSON.stringify({ items: orgs, total: 1, limit: 500, offset: 0 }), { status: 200 });
    }),
  );
  return asked;
}

describe('reference data', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    forgetReferenceData();
  });

  it('loads each list on its own: a 403 on industries leaves the orgs', async () => {
    nodeForSystemAdmin();
    expect(await loadReferenceList('industries')).toEqual([]);
    expect(await loadReferenceList('orgs')).toEqual(orgs);
  });

  it('reads a list once, and asks again for one that failed', async () => {
    const asked = nodeForSystemAdmin();
    await loadReferenceList('orgs');
    await loadReferenceList('industries');
    await loadReferenceList('orgs');
    await loadReferenceList('industries');
    expect(asked).toEqual(['/api/v1/orgs', '/api/v1/industries', '/api/v1/industries']);
  });

  it('gives a page the orgs when industries are refused', async () => {
    nodeForSystemAdmin();
    const { result } = renderHook(() => useReferenceData());
    await waitFor(() => expect(result.current).toEqual({ industries: [], orgs }));
  });
});
