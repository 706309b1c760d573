/**
 * Monthly review activity (pure): changes opened, changes merged and distinct
 * active reviewers, for all projects and for each project.
 */
import type { ChangeSummary } from '../catalog/types.ts';
import { placeKey } from '../lib/places.ts';
import { ALL_SCOPE, projectScopes, scopeEntry, scopeWords, type ChartScope, type ScopePlace } from './scopes.ts';
import { monthOf, zeroFill, type ChartData, type Month, type TimeSeries } from './series.ts';

/** A change as the chart reads it; `source` and `project` make its place key. */
export type ActivityChange = Pick<ChangeSummary, 'source' | 'project' | 'status' | 'created' | 'updated' | 'submitted' | 'reviews'>;

export const ACTIVITY_SERIES = [
  { id: 'opened', label: 'Changes opened', total: 'sum' },
  { id: 'merged', label: 'Changes merged', total: 'sum' },
  { id: 'reviewers', label: 'Active reviewers', total: 'none' },
] as const satisfies readonly Omit<TimeSeries, 'points'>[];

/** Kept for callers of the first chart; every chart shares `ChartScope`. */
export type ActivityScope = ChartScope;
export { ALL_SCOPE };

/** `all` plus one scope per project (see `projectScopes`). */
export function activityScopes(projects: Iterable<ScopePlace>): ActivityScope[] {
  return projectScopes(projects);
}

interface Tally {
  opened: Map<Month, number>;
  merged: Map<Month, number>;
  reviewers: Map<Month, Set<string>>;
  first?: Month;
  last?: Month;
}

function newTally(): Tally {
  return { opened: new Map(), merged: new Map(), reviewers: new Map() };
}

function seen(t: Tally, m: Month): void {
  if (t.first === undefined || m < t.first) t.first = m;
  if (t.last === undefined || m > t.last) t.last = m;
}

function count(t: Tally, c: ActivityChange): void {
  const opened = monthOf(c.created);
  if (opened) {
    t.opened.set(opened, (t.opened.get(opened) ?? 0) + 1);
    seen(t, opened);
  }
  if (c.status === 'MERGED') {
    // A merged change without a submit time (old Gerrit exports) merged no later than its last update.
    const merged = monthOf(c.submitted ?? c.updated);
    if (merged) {
      t.merged.set(merged, (t.merged.get(merged) ?? 0) + 1);
      seen(t, merged);
    }
  }
  for (const r of c.reviews) {
    const m = monthOf(r.date);
    if (!m) continue;
    let people = t.reviewers.get(m);
    if (!people) t.reviewers.set(m, (people = new Set()));
    people.add(r.by);
    seen(t, m);
  }
}

function toSeries(t: Tally): TimeSeries[] {
  if (t.first === undefined || t.last === undefined) return ACTIVITY_SERIES.map((s) => ({ ...s, points: [] }));
  const { first, last } = t;
  const reviewers = new Map([...t.reviewers].map(([m, set]) => [m, set.size]));
  const values: Record<(typeof ACTIVITY_SERIES)[number]['id'], Map<Month, number>> = { opened: t.opened, merged: t.merged, reviewers };
  return ACTIVITY_SERIES.map((s) => ({ ...s, points: zeroFill(values[s.id], first, last) }));
}

export interface ActivitySeries {
  total: TimeSeries[];
  /** By place key (`placeKey(source, project)`), so same-named projects of two sources stay apart. */
  projects: Map<string, TimeSeries[]>;
}

/**
 * One pass over the changes. Each scope is zero-filled between its own first and
 * last active month (UTC), so a young project's chart does not start with years of zeros.
 */
export function activitySeries(changes: Iterable<ActivityChange>): ActivitySeries {
  const total = newTally();
  const byPlace = new Map<string, Tally>();
  for (const c of changes) {
    count(total, c);
    const key = placeKey(c.source, c.project);
    let t = byPlace.get(key);
    if (!t) byPlace.set(key, (t = newTally()));
    count(t, c);
  }
  return { total: toSeries(total), projects: new Map([...byPlace].map(([key, t]) => [key, toSeries(t)])) };
}

/** Series for one scope, wrapped with the words a chart needs. */
export function activityChartData(series: ActivitySeries, scope: ActivityScope, siteTitle: string): ChartData {
  const s = scopeEntry(scope, series.total, series.projects) ?? ACTIVITY_SERIES.map((x) => ({ ...x, points: [] }));
  const where = scopeWords(scope);
  return {
    title: `Review activity per month: ${where}`,
    description: `Changes opened, changes merged and distinct active reviewers per month (UTC) in ${where}.`,
    unit: 'changes or people per month',
    series: s,
    source: `${siteTitle}, from code review data. Opened by creation month, merged by submit month; a reviewer is a person other than the owner who voted or commented, bots excluded.`,
  };
}
