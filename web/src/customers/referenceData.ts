import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Page } from '../api/client';
import type { Industry, Org } from '../api/types';

export interface ReferenceData {
  industries: Industry[];
  orgs: Org[]; // the caller's scope
}

type ListName = keyof ReferenceData;

const sources: { [K in ListName]: () => Promise<ReferenceData[K]> } = {
  industries: async () => (await api<{ items: Industry[] }>('GET', '/api/v1/industries')).items,
  orgs: async () => (await api<Page<Org>>('GET', '/api/v1/orgs', { query: { limit: 500, sort: 'code' } })).items,
};

const cached = new Map<ListName, Promise<ReferenceData[ListName]>>();

/**
 * One reference list, read once per page load: they change rarely and only at HQ. Each list
 * stands alone: one the caller may not read (a system administrator has no customers:read, so
 * industries answer 403) or that fails is empty, is asked again on the next call, and takes no
 * other list with it. Never rejects.
 */
export function loadReferenceList<K extends ListName>(name: K): Promise<ReferenceData[K]> {
  const known = cached.get(name);
  if (known) return known as Promise<ReferenceData[K]>;
  const loading = sources[name]().catch((): ReferenceData[K] => {
    cached.delete(name);
    return [];
  });
  cached.set(name, loading);
  return loading;
}

/** Forgets every list read so far (tests; a later call reads afresh). */
export function forgetReferenceData(): void {
  cached.clear();
}

/** One reference list (loadReferenceList); undefined until it has arrived. */
export function useReferenceList<K extends ListName>(name: K): ReferenceData[K] | undefined {
  const [list, setList] = useState<ReferenceData[K]>();
  useEffect(() => {
    let current = true;
    loadReferenceList(name).then((items) => {
      if (current) setList(items);
    });
    return () => {
      current = false;
    };
  }, [name]);
  return list;
}

/** Industries and orgs, each loaded on its own (loadReferenceList); undefined until both have arrived. */
export function useReferenceData(): ReferenceData | undefined {
  const industries = useReferenceList('industries');
  const orgs = useReferenceList('orgs');
  return industries && orgs ? { industries, orgs } : undefined;
}

export function localName(item: { name: string; nameEn?: string }, language: string): string {
  return language.startsWith('en') && item.nameEn ? item.nameEn : item.name;
}
