import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Page } from '../api/client';
import type { Industry, Org } from '../api/types';

export interface ReferenceData {
  industries: Industry[];
  orgs: Org[]; // the caller's scope
}

let cached: Promise<ReferenceData> | undefined;

async function load(): Promise<ReferenceData> {
  const [industries, orgs] = await Promise.all([
    api<{ items: Industry[] }>('GET', '/api/v1/industries'),
    api<Page<Org>>('GET', '/api/v1/orgs', { query: { limit: 500, sort: 'code' } }),
  ]);
  return { industries: industries.items, orgs: orgs.items };
}

/** Industries and orgs, read once per page load: they change rarely and only at HQ. */
export function useReferenceData(): ReferenceData | undefined {
  const [data, setData] = useState<ReferenceData>();
  useEffect(() => {
    cached ??= load().catch((error) => {
      cached = undefined;
      throw error;
    });
    cached.then(setData).catch(() => setData({ industries: [], orgs: [] }));
  }, []);
  return data;
}

export function localName(item: { name: string; nameEn?: string }, language: string): string {
  return language.startsWith('en') && item.nameEn ? item.nameEn : item.name;
}
