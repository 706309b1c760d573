/**
 * Time to spec approval per month (pure): the median number of days from the
 * first review of a spec's proposal to its approval, by the UTC month of the
 * approval, beside the number of specs approved in the month, for all specs
 * and each place with specs.
 *
 * The first review is the creation of the earliest change linked to the spec
 * as a review (the spec kind joins reviews of the specs project to the specs
 * whose files they touch or that their subject names); the approval is the
 * spec's first `approved` step, dated when its commit landed. The median, not
 * the mean: one spec discussed for years would lift a month's mean above
 * every other spec approved in it.
 *
 * Not every approval can be measured. A spec with no linked review (added
 * without one, or reviewed before the site's review history starts) has no
 * start; one whose earliest linked review came after its approval (a later
 * edit, when the proposal's review is not on the site) would give a negative
 * time. Both are left out of the median, counted among the approvals, and
 * their numbers are given in the source notes, beside each release's median.
 *
 * The median is a rate: a month without a measured approval has no point
 * (the line breaks there), while approvals are zero-filled.
 */
import { differenceInSeconds } from 'date-fns';
import { formatValue } from './format.ts';
import { ByList, widen, type MonthSpan } from './lists.ts';
import { ByRelease, releaseNotes, type ReleaseTally, type SpecMilestone } from './specs.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, zeroFill, type ChartData, type Month, type SeriesPoint, type TimeSeries } from './series.ts';
import { median } from './thread-replies.ts';

export const APPROVAL_DAYS_SERIES = { id: 'median-days', label: 'Median days from first review to approval', total: 'none' } as const satisfies Omit<TimeSeries, 'points'>;
export const APPROVALS_SERIES = { id: 'approvals', label: 'Specs approved', total: 'sum' } as const satisfies Omit<TimeSeries, 'points'>;

/** Approvals, and the days to each measured one. */
interface Counts {
  approvals: number;
  days: number[];
}

interface Tally extends MonthSpan {
  months: Map<Month, Counts>;
  releases: ByRelease<Counts>;
  /** Approvals left out of the median: no linked review, or the earliest one after the approval. */
  unreviewed: number;
  reviewedLater: number;
}

const newCounts = (): Counts => ({ approvals: 0, days: [] });
const newTally = (): Tally => ({ months: new Map(), releases: new ByRelease(newCounts), unreviewed: 0, reviewedLater: 0 });

/** An approval, and what became of its measure: days, or why there are none. */
type Measure = number | 'unreviewed' | 'reviewed-later';

function add(t: Tally, m: Month, release: string | undefined, measure: Measure): void {
  let month = t.months.get(m);
  if (!month) t.months.set(m, (month = newCounts()));
  const inRelease = t.releases.at(release, m);
  for (const c of [month, inRelease]) {
    c.approvals++;
    if (typeof measure === 'number') c.days.push(measure);
  }
  if (measure === 'unreviewed') t.unreviewed++;
  if (measure === 'reviewed-later') t.reviewedLater++;
  widen(t, m);
}

const round1 = (n: number) => Math.round(n * 10) / 10;
const DAY_SECONDS = 86_400;

/** Days (fractional) from the first review to the approval; why there are none when it cannot be measured. */
function measureOf(approved: string, firstReview: string | undefined): Measure {
  if (firstReview === undefined) return 'unreviewed';
  const seconds = differenceInSeconds(new Date(approved), new Date(firstReview));
  if (Number.isNaN(seconds)) return 'unreviewed';
  return seconds < 0 ? 'reviewed-later' : seconds / DAY_SECONDS;
}

export interface ApprovalTimeScope {
  series: TimeSeries[];
  releases: ReleaseTally<Counts>[];
  unreviewed: number;
  reviewedLater: number;
}

function toScope(t: Tally): ApprovalTimeScope {
  const { first, last } = t;
  const medians: SeriesPoint[] = [];
  for (const m of [...t.months.keys()].sort()) {
    const mid = median(t.months.get(m)!.days);
    if (mid !== undefined) medians.push({ month: m, value: round1(mid) });
  }
  const approvals = new Map([...t.months].map(([m, c]) => [m, c.approvals]));
  return {
    series: [
      { ...APPROVAL_DAYS_SERIES, points: medians },
      { ...APPROVALS_SERIES, points: first === undefined || last === undefined ? [] : zeroFill(approvals, first, last) },
    ],
    releases: [...t.releases.releases.values()],
    unreviewed: t.unreviewed,
    reviewedLater: t.reviewedLater,
  };
}

export interface ApprovalTimeSeries {
  total: ApprovalTimeScope;
  /** By place key (`placeKey(source, place)`). */
  places: Map<string, ApprovalTimeScope>;
}

/** One pass over the milestones: every spec with a readable approval date counts, measured or not. */
export function approvalTimeSeries(milestones: Iterable<SpecMilestone>): ApprovalTimeSeries {
  const tallies = new ByList(newTally);
  for (const s of milestones) {
    const m = s.approved === undefined ? undefined : eventMonth(s.approved);
    if (!m) continue;
    const measure = measureOf(s.approved!, s.firstReview);
    add(tallies.total, m, s.approvedIn, measure);
    if (s.place !== undefined) add(tallies.of(s.source, s.place), m, s.approvedIn, measure);
  }
  return { total: toScope(tallies.total), places: new Map([...tallies.lists].map(([key, t]) => [key, toScope(t)])) };
}

const plural = (n: number, one: string, many: string) => `${formatValue(n)} ${n === 1 ? one : many}`;

/** "median 12 days over 3 of 4 approvals", or "4 approvals, none measured". */
function describeRelease(c: Counts): string {
  const mid = median(c.days);
  if (mid === undefined) return `${plural(c.approvals, 'approval', 'approvals')}, none measured`;
  return `median ${formatValue(round1(mid))} days over ${formatValue(c.days.length)} of ${plural(c.approvals, 'approval', 'approvals')}`;
}

/** What the median leaves out in this scope, in numbers. */
function leftOut(s: ApprovalTimeScope, approvals: number): string {
  const some = (n: number) => (n ? `${formatValue(n)} of the ${formatValue(approvals)} approvals here` : 'none here');
  return `Specs without a linked review are left out of the median (${some(s.unreviewed)}), and so are those whose earliest linked review was opened after the approval, a later edit when the proposal's review is not on the site (${some(s.reviewedLater)}); both still count among the specs approved.`;
}

/** The series for one scope, wrapped with the words a chart needs (what is left out and the release notes in `source`). */
export function approvalTimeChartData(series: ApprovalTimeSeries, scope: ChartScope, siteTitle: string): ChartData {
  const s = scopeEntry(scope, series.total, series.places) ?? toScope(newTally());
  const where = scopeWords(scope);
  const approvals = s.releases.reduce((n, r) => n + r.counts.approvals, 0);
  const notes = releaseNotes(s.releases, 'By release of approval:', describeRelease);
  return {
    title: `Time to spec approval per month: ${where}`,
    description: `The median number of days from the first review of a spec's proposal to the spec's approval, by the month (UTC) of approval, and the number of specs approved, for ${where}. Months without a measured approval have no median. The axis is months, not releases: each release's median is in the notes under the chart.`,
    unit: 'days (median) or specs per month',
    series: s.series,
    source: `${siteTitle}, from the specs repositories' history and the code reviews linked to each spec. For each month (UTC) of approval, the median over the specs approved in it of the days from the creation of the earliest change linked to the spec as a review (its proposal, as far back as the site's reviews go) to the commit that first made the spec approved, dated when it landed (for an even number of specs, the mean of the middle two). ${leftOut(s, approvals)} Releases are not on the axis, but in these notes.${notes ? ` ${notes}` : ''}`,
  };
}
