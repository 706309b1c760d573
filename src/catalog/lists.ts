import type { ChangeSummary } from './types.ts';

/** Static, paginated review lists: every combination of project and status facet gets its own pages. */

export const PAGE_SIZE = 50;
export const STATUSES = ['open', 'merged', 'abandoned'] as const;
export type StatusFacet = (typeof STATUSES)[number];
const STATUS_OF: Record<StatusFacet, ChangeSummary['status']> = { open: 'NEW', merged: 'MERGED', abandoned: 'ABANDONED' };

export interface ListFilter {
  project?: { name: string; slug: string };
  status?: StatusFacet;
  /** `YYYY-MM`: changes created that month (UTC). */
  month?: string;
}

export interface ListPage {
  /** Rest-param value under /reviews/, e.g. `project/aurora/compute/status/merged/page/2` or undefined for page 1 of all. */
  param: string | undefined;
  filter: ListFilter;
  page: number;
  pages: number;
  total: number;
  items: ChangeSummary[];
}

export function listParam(filter: ListFilter, page = 1): string | undefined {
  const parts: string[] = [];
  if (filter.project) parts.push('project', filter.project.slug);
  if (filter.status) parts.push('status', filter.status);
  if (filter.month) parts.push('month', filter.month);
  if (page > 1) parts.push('page', String(page));
  return parts.length ? parts.join('/') : undefined;
}

/** Site-relative path of a list page. */
export function listPath(filter: ListFilter, page = 1): string {
  const p = listParam(filter, page);
  return p ? `reviews/${p}/` : 'reviews/';
}

export function matches(c: ChangeSummary, filter: ListFilter): boolean {
  return (
    (!filter.project || c.project === filter.project.name) &&
    (!filter.status || c.status === STATUS_OF[filter.status]) &&
    (!filter.month || c.created.startsWith(filter.month))
  );
}

/** Every list page for the given changes (already sorted newest first). */
export function allListPages(changes: readonly ChangeSummary[], projects: readonly { name: string; slug: string }[]): ListPage[] {
  const filters: ListFilter[] = [{}];
  for (const status of STATUSES) filters.push({ status });
  for (const project of projects) {
    filters.push({ project });
    for (const status of STATUSES) filters.push({ project, status });
  }
  for (const month of monthsOf(changes)) filters.push({ month });
  const out: ListPage[] = [];
  for (const filter of filters) {
    const selected = changes.filter((c) => matches(c, filter));
    const pages = Math.max(1, Math.ceil(selected.length / PAGE_SIZE));
    for (let page = 1; page <= pages; page++) {
      out.push({ param: listParam(filter, page), filter, page, pages, total: selected.length, items: selected.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) });
    }
  }
  return out;
}

const monthCache = new WeakMap<readonly ChangeSummary[], string[]>();

/** Every `YYYY-MM` in which a change was created, newest first (computed once per list: every list page shows it). */
export function monthsOf(changes: readonly ChangeSummary[]): string[] {
  let months = monthCache.get(changes);
  if (!months) monthCache.set(changes, (months = [...new Set(changes.map((c) => c.created.slice(0, 7)))].sort().reverse()));
  return months;
}
