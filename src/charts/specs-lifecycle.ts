/**
 * Specs approved and specs implemented per month (pure), for all specs and
 * each place with specs.
 *
 * A spec counts once as approved, in the UTC month of its first `approved`
 * step (the commit that first put it among the approved specs, or first gave
 * it an approved status in its metadata), and once as implemented, in the
 * month of its newest `implemented` step. Steps are dated by their commit's
 * committer date: when the reviewed change landed, not when it was written.
 * A spec approved again for a later release (re-proposed) is not approved
 * twice; one implemented without an approved step still counts as
 * implemented.
 *
 * Both series are counts, zero-filled from the scope's first milestone to its
 * last. Releases are not on the axis: each release's counts are in the
 * source notes (see specs.ts).
 */
import { ByList, widen, type MonthSpan } from './lists.ts';
import { ByRelease, releaseNotes, type ReleaseTally, type SpecMilestone } from './specs.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, zeroFill, type ChartData, type Month, type TimeSeries } from './series.ts';
import { formatValue } from './format.ts';

export const LIFECYCLE_SERIES = [
  { id: 'approved', label: 'Specs approved', total: 'sum' },
  { id: 'implemented', label: 'Specs implemented', total: 'sum' },
] as const satisfies readonly Omit<TimeSeries, 'points'>[];

type Milestone = (typeof LIFECYCLE_SERIES)[number]['id'];
type Counts = Record<Milestone, number>;

interface Tally extends MonthSpan {
  months: Record<Milestone, Map<Month, number>>;
  releases: ByRelease<Counts>;
}

const newTally = (): Tally => ({ months: { approved: new Map(), implemented: new Map() }, releases: new ByRelease(() => ({ approved: 0, implemented: 0 })) });

function add(t: Tally, what: Milestone, m: Month, release: string | undefined): void {
  t.months[what].set(m, (t.months[what].get(m) ?? 0) + 1);
  t.releases.at(release, m)[what]++;
  widen(t, m);
}

export interface LifecycleScope {
  series: TimeSeries[];
  /** Each release's approvals and implementations (by the release the step names). */
  releases: ReleaseTally<Counts>[];
}

function toScope(t: Tally): LifecycleScope {
  const { first, last } = t;
  const series = LIFECYCLE_SERIES.map((s) => ({ ...s, points: first === undefined || last === undefined ? [] : zeroFill(t.months[s.id], first, last) }));
  return { series, releases: [...t.releases.releases.values()] };
}

export interface LifecycleSeries {
  total: LifecycleScope;
  /** By place key (`placeKey(source, place)`). */
  places: Map<string, LifecycleScope>;
}

/** One pass over the milestones; a date that cannot be read is not counted. */
export function specLifecycleSeries(milestones: Iterable<SpecMilestone>): LifecycleSeries {
  const tallies = new ByList(newTally);
  const count = (s: SpecMilestone, what: Milestone, date: string | undefined, release: string | undefined) => {
    const m = date === undefined ? undefined : eventMonth(date);
    if (!m) return;
    add(tallies.total, what, m, release);
    if (s.place !== undefined) add(tallies.of(s.source, s.place), what, m, release);
  };
  for (const s of milestones) {
    count(s, 'approved', s.approved, s.approvedIn);
    count(s, 'implemented', s.implemented, s.implementedIn);
  }
  return { total: toScope(tallies.total), places: new Map([...tallies.lists].map(([key, t]) => [key, toScope(t)])) };
}

const counted = (n: number, what: string) => (n ? `${formatValue(n)} ${what}` : '');
const describeCounts = (c: Counts) => [counted(c.approved, 'approved'), counted(c.implemented, 'implemented')].filter(Boolean).join(', ');

/** The series for one scope, wrapped with the words a chart needs (the release notes in `source`). */
export function specLifecycleChartData(series: LifecycleSeries, scope: ChartScope, siteTitle: string): ChartData {
  const s = scopeEntry(scope, series.total, series.places) ?? toScope(newTally());
  const where = scopeWords(scope);
  const notes = releaseNotes(s.releases, 'By release (the release the step names):', describeCounts);
  return {
    title: `Specs approved and implemented per month: ${where}`,
    description: `Design specs approved, and specs implemented, in each month (UTC), for ${where}. The axis is months, not releases: each release's counts are in the notes under the chart.`,
    unit: 'specs per month',
    series: s.series,
    source: `${siteTitle}, from the specs repositories' history. A spec counts as approved once, in the month (UTC) of the commit that first made it approved (moved it among the approved specs, or gave it that status in its metadata): one approved again for a later release is not counted again. It counts as implemented in the month of the commit that last made it implemented. Commits are dated when they landed. Releases are not on the axis, but in these notes.${notes ? ` ${notes}` : ''}`,
  };
}
