/**
 * Specs approved and specs implemented per release (pure), for all specs and
 * each place with specs.
 *
 * A spec counts once as approved, in the release its first `approved` step
 * names (the commit that first put it among the approved specs, or first gave
 * it an approved status in its metadata), and once as implemented, in the
 * release its newest `implemented` step names. A spec approved again for a
 * later release (re-proposed) is not approved twice: it stays counted in the
 * release of its first approval. One implemented without an approved step
 * still counts as implemented. A step whose date cannot be read is not
 * counted.
 *
 * The axis is the releases the scope has milestones in, in time order (see
 * `releaseOrder`), with steps that name no release last. Both series are
 * counts: a release with approvals but no implementation has 0 implemented.
 */
import { ByList } from './lists.ts';
import { RELEASE_ORDER_NOTE, releaseAxis, releaseId, releaseOrder, type SpecMilestone } from './specs.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, type ChartData, type TimeSeries } from './series.ts';

export const LIFECYCLE_SERIES = [
  { id: 'approved', label: 'Specs approved', total: 'sum' },
  { id: 'implemented', label: 'Specs implemented', total: 'sum' },
] as const satisfies readonly Omit<TimeSeries, 'points'>[];

type Milestone = (typeof LIFECYCLE_SERIES)[number]['id'];
type Counts = Record<Milestone, number>;

/** A scope's counts by release id (`releaseId`). */
type Tally = Map<string, Counts>;

function add(t: Tally, what: Milestone, release: string): void {
  let c = t.get(release);
  if (!c) t.set(release, (c = { approved: 0, implemented: 0 }));
  c[what]++;
}

export interface LifecycleSeries {
  /** Every release of the milestones, in time order: the axis order of every scope. */
  order: string[];
  total: Tally;
  /** By place key (`placeKey(source, place)`). */
  places: Map<string, Tally>;
}

/** One pass over the milestones; a step whose date cannot be read is not counted. */
export function specLifecycleSeries(milestones: Iterable<SpecMilestone>): LifecycleSeries {
  const list = [...milestones];
  const tallies = new ByList<Tally>(() => new Map());
  const count = (s: SpecMilestone, what: Milestone, date: string | undefined, release: string | undefined) => {
    if (date === undefined || !eventMonth(date)) return;
    add(tallies.total, what, releaseId(release));
    if (s.place !== undefined) add(tallies.of(s.source, s.place), what, releaseId(release));
  };
  for (const s of list) {
    count(s, 'approved', s.approved, s.approvedIn);
    count(s, 'implemented', s.implemented, s.implementedIn);
  }
  return { order: releaseOrder(list), total: tallies.total, places: tallies.lists };
}

/** The series for one scope, on its release axis, wrapped with the words a chart needs. */
export function specLifecycleChartData(series: LifecycleSeries, scope: ChartScope, siteTitle: string): ChartData {
  const t = scopeEntry(scope, series.total, series.places) ?? new Map<string, Counts>();
  const axis = releaseAxis(series.order, new Set(t.keys()));
  const where = scopeWords(scope);
  return {
    axis,
    title: `Specs approved and implemented per release: ${where}`,
    description: `Design specs approved, and specs implemented, in each release, for ${where}: a spec counts in the release its approval or implementation names.`,
    unit: 'specs per release',
    series: LIFECYCLE_SERIES.map((s) => ({ ...s, points: axis.categories.map((c) => ({ month: c.id, value: t.get(c.id)?.[s.id] ?? 0 })) })),
    source: `${siteTitle}, from the specs repositories' history. A spec counts as approved once, in the release named by the commit that first made it approved (moved it among the approved specs of a release, or gave it that status in its metadata): one approved again for a later release is not counted again, and stays in the release of its first approval. It counts as implemented in the release named by the commit that last made it implemented. ${RELEASE_ORDER_NOTE}`,
  };
}
