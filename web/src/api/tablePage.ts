import { api } from './client';
import type { Page, Query } from './client';

/** What ProTable passes to `request`: its page and the search form's values. */
export interface TableParams {
  current?: number;
  pageSize?: number;
  [filter: string]: unknown;
}

/** The search form's values named in `names` that are set, as API query parameters. */
export function pickFilters(params: TableParams, names: string[]): Query {
  const query: Query = {};
  for (const name of names) {
    const value = params[name];
    if (value !== undefined && value !== null && value !== '') query[name] = String(value);
  }
  return query;
}

/**
 * One page of a list route (`limit`/`offset`, docs/api.md "Paging") in ProTable's shape, with
 * whether its total is exact (false: at least `total`, where a list bounds its count).
 */
export async function tablePage<T>(path: string, query: Query, params: TableParams, defaultSize = 20) {
  const pageSize = params.pageSize ?? defaultSize;
  const page = await api<Page<T>>('GET', path, {
    query: { ...query, limit: pageSize, offset: ((params.current ?? 1) - 1) * pageSize },
  });
  return { data: page.items, total: page.total, totalExact: page.totalExact !== false, success: true };
}
