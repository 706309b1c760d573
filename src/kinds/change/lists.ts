import { FACET_OF, type StatusFacet } from './status.ts';
import type { ChangeSummary } from './summary.ts';

/**
 * Static, paginated review lists. Every project × status combination that has
 * changes gets its own pages (no empty ones: a large Gerrit has thousands of
 * projects), plus one list per month of creation.
 */

export const PAGE_SIZE = 50;

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

/** Changes per status facet (and in all) for one project, or for every project under the key ''. */
export type FacetCounts = Record<StatusFacet | 'all', number>;

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

/** The project a change belongs to, as the list pages name and link it. */
export type ProjectOf = (change: ChangeSummary) => { name: string; slug: string } | undefined;

/** Every list page for the given changes (already sorted newest first), grouped in one pass. */
export function allListPages(changes: readonly ChangeSummary[], projectOf: ProjectOf): ListPage[] {
  const groups = new Map<string, { filter: ListFilter; items: ChangeSummary[] }>();
  const add = (key: string, filter: ListFilter, c: ChangeSummary) => {
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { filter, items: [] }));
    g.items.push(c);
  };
  groups.set('', { filter: {}, items: [] });
  for (const c of changes) {
    const status = FACET_OF[c.status];
    const p = projectOf(c);
    const project = p && { name: p.name, slug: p.slug };
    const month = c.created.slice(0, 7);
    add('', {}, c);
    add(`s:${status}`, { status }, c);
    add(`m:${month}`, { month }, c);
    if (project) {
      add(`p:${project.slug}`, { project }, c);
      add(`p:${project.slug}|s:${status}`, { project, status }, c);
    }
  }
  const out: ListPage[] = [];
  for (const { filter, items } of groups.values()) {
    const pages = Math.max(1, Math.ceil(items.length / PAGE_SIZE));
    for (let page = 1; page <= pages; page++) {
      out.push({ param: listParam(filter, page), filter, page, pages, total: items.length, items: items.slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE) });
    }
  }
  return out;
}

const countCache = new WeakMap<readonly ChangeSummary[], Map<string, FacetCounts>>();

/** Status counts per project slug ('' = all projects), computed once per list of changes. */
export function facetCounts(changes: readonly ChangeSummary[], projectOf: ProjectOf): Map<string, FacetCounts> {
  let counts = countCache.get(changes);
  if (counts) return counts;
  counts = new Map();
  const bump = (key: string, status: StatusFacet) => {
    let c = counts!.get(key);
    if (!c) counts!.set(key, (c = { all: 0, open: 0, merged: 0, abandoned: 0 }));
    c.all++;
    c[status]++;
  };
  for (const c of changes) {
    bump('', FACET_OF[c.status]);
    const p = projectOf(c);
    if (p) bump(p.slug, FACET_OF[c.status]);
  }
  countCache.set(changes, counts);
  return counts;
}

const monthCache = new WeakMap<readonly ChangeSummary[], string[]>();

/** Every `YYYY-MM` in which a change was created, newest first (computed once per list: every list page shows it). */
export function monthsOf(changes: readonly ChangeSummary[]): string[] {
  let months = monthCache.get(changes);
  if (!months) monthCache.set(changes, (months = [...new Set(changes.map((c) => c.created.slice(0, 7)))].sort().reverse()));
  return months;
}
