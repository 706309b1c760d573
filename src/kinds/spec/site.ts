/**
 * The specs views the specs pages and the change pages read, computed once
 * per build: specs by release and status, and their links to reviews.
 */
import { CHANGE_KIND } from '../../model/change.ts';
import { SPEC_KIND, type SpecStatus } from '../../model/spec.ts';
import type { ChangeSummary } from '../change/summary.ts';
import type { ItemSummary } from '../types.ts';
import { specLinks, type SpecLinks } from './links.ts';
import type { SpecSummary } from './summary.ts';

export interface ReleaseRow {
  /** The release name, or `''` for specs outside any release (backlog, abandoned). */
  release: string;
  specs: SpecSummary[];
  counts: Partial<Record<SpecStatus, number>>;
}

export interface SpecsView {
  specs: readonly SpecSummary[];
  /** Newest release first (by name: release names sort by date), then specs outside any release. */
  releases: ReleaseRow[];
  links: SpecLinks;
}

const memo = new WeakMap<object, SpecsView>();

export function specsView(catalog: { items(kind: string): readonly ItemSummary[] }): SpecsView {
  const had = memo.get(catalog);
  if (had) return had;
  const specs = catalog.items(SPEC_KIND) as readonly SpecSummary[];
  const byRelease = new Map<string, ReleaseRow>();
  for (const s of specs) {
    const r = s.release ?? '';
    let row = byRelease.get(r);
    if (!row) byRelease.set(r, (row = { release: r, specs: [], counts: {} }));
    row.specs.push(s);
    row.counts[s.status] = (row.counts[s.status] ?? 0) + 1;
  }
  const releases = [...byRelease.values()].sort((a, b) => (a.release === '' ? 1 : b.release === '' ? -1 : b.release.localeCompare(a.release, 'en', { numeric: true })));
  for (const r of releases) r.specs.sort((a, b) => a.title.localeCompare(b.title));
  const view = { specs, releases, links: specLinks(specs, catalog.items(CHANGE_KIND) as readonly ChangeSummary[]) };
  memo.set(catalog, view);
  return view;
}
