/**
 * Time to spec approval per release (pure): the median number of days from
 * the first review of a spec's proposal to its approval, over the specs
 * approved in each release, beside the number of specs approved in it, for
 * all specs and each place with specs.
 *
 * The first review is the creation of the earliest change linked to the spec
 * as a review (the spec kind joins reviews of the specs project to the specs
 * whose files they touch or that their subject names); the approval is the
 * spec's first `approved` step, dated when its commit landed, and it counts in
 * the release that step names (a spec approved again for a later release
 * stays in the release of its first approval). The median, not the mean: one
 * spec discussed for years would lift a release's mean above every other spec
 * approved in it.
 *
 * Not every approval can be measured. A spec with no linked review (added
 * without one, or reviewed before the site's review history starts) has no
 * start; one whose earliest linked review came after its approval (a later
 * edit, when the proposal's review is not on the site) would give a negative
 * time. Both are left out of the median, counted among the approvals, and
 * their numbers are given in the source notes.
 *
 * The median is a rate: a release without a measured approval has no value
 * (no bar, an empty cell), while approvals are counts. The axis is the
 * releases the scope has approvals in, in time order (see `releaseOrder`).
 */
import { differenceInSeconds } from 'date-fns';
import { formatValue } from './format.ts';
import { ByList } from './lists.ts';
import { RELEASE_ORDER_NOTE, releaseAxis, releaseId, releaseOrder, type SpecMilestone } from './specs.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, type ChartData, type SeriesPoint, type TimeSeries } from './series.ts';
import { median } from './thread-replies.ts';

export const APPROVAL_DAYS_SERIES = { id: 'median-days', label: 'Median days from first review to approval', total: 'none' } as const satisfies Omit<TimeSeries, 'points'>;
export const APPROVALS_SERIES = { id: 'approvals', label: 'Specs approved', total: 'sum' } as const satisfies Omit<TimeSeries, 'points'>;

/** Approvals, and the days to each measured one. */
interface Counts {
  approvals: number;
  days: number[];
}

interface Tally {
  /** By release id (`releaseId`). */
  releases: Map<string, Counts>;
  /** Approvals left out of the median: no linked review, or the earliest one after the approval. */
  unreviewed: number;
  reviewedLater: number;
}

const newCounts = (): Counts => ({ approvals: 0, days: [] });
const newTally = (): Tally => ({ releases: new Map(), unreviewed: 0, reviewedLater: 0 });

/** An approval, and what became of its measure: days, or why there are none. */
type Measure = number | 'unreviewed' | 'reviewed-later';

function add(t: Tally, release: string, measure: Measure): void {
  let c = t.releases.get(release);
  if (!c) t.releases.set(release, (c = newCounts()));
  c.approvals++;
  if (typeof measure === 'number') c.days.push(measure);
  if (measure === 'unreviewed') t.unreviewed++;
  if (measure === 'reviewed-later') t.reviewedLater++;
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

export interface ApprovalTimeSeries {
  /** Every release of the milestones, in time order: the axis order of every scope. */
  order: string[];
  total: Tally;
  /** By place key (`placeKey(source, place)`). */
  places: Map<string, Tally>;
}

/** One pass over the milestones: every spec with a readable approval date counts, measured or not. */
export function approvalTimeSeries(milestones: Iterable<SpecMilestone>): ApprovalTimeSeries {
  const list = [...milestones];
  const tallies = new ByList(newTally);
  for (const s of list) {
    if (s.approved === undefined || !eventMonth(s.approved)) continue;
    const measure = measureOf(s.approved, s.firstReview);
    const release = releaseId(s.approvedIn);
    add(tallies.total, release, measure);
    if (s.place !== undefined) add(tallies.of(s.source, s.place), release, measure);
  }
  return { order: releaseOrder(list), total: tallies.total, places: tallies.lists };
}

/** What the median leaves out in this scope, in numbers. */
function leftOut(t: Tally, approvals: number): string {
  const some = (n: number) => (n ? `${formatValue(n)} of the ${formatValue(approvals)} approvals here` : 'none here');
  return `Specs without a linked review are left out of the median (${some(t.unreviewed)}), and so are those whose earliest linked review was opened after the approval, a later edit when the proposal's review is not on the site (${some(t.reviewedLater)}); both still count among the specs approved.`;
}

/** The series for one scope, on its release axis, wrapped with the words a chart needs (what is left out in `source`). */
export function approvalTimeChartData(series: ApprovalTimeSeries, scope: ChartScope, siteTitle: string): ChartData {
  const t = scopeEntry(scope, series.total, series.places) ?? newTally();
  const axis = releaseAxis(series.order, new Set(t.releases.keys()));
  const where = scopeWords(scope);
  const medians: SeriesPoint[] = [];
  const approvals: SeriesPoint[] = [];
  for (const c of axis.categories) {
    const counts = t.releases.get(c.id) ?? newCounts();
    const mid = median(counts.days);
    if (mid !== undefined) medians.push({ month: c.id, value: round1(mid) });
    approvals.push({ month: c.id, value: counts.approvals });
  }
  const total = approvals.reduce((n, p) => n + p.value, 0);
  return {
    axis,
    title: `Time to spec approval per release: ${where}`,
    description: `The median number of days from the first review of a spec's proposal to the spec's approval, over the specs approved in each release, and the number of specs approved, for ${where}. Releases without a measured approval have no median.`,
    unit: 'days (median) or specs per release',
    series: [
      { ...APPROVAL_DAYS_SERIES, points: medians },
      { ...APPROVALS_SERIES, points: approvals },
    ],
    source: `${siteTitle}, from the specs repositories' history and the code reviews linked to each spec. For each release, the median over the specs approved in it of the days from the creation of the earliest change linked to the spec as a review (its proposal, as far back as the site's reviews go) to the commit that first made the spec approved, dated when it landed (for an even number of specs, the mean of the middle two). A spec counts in the release that commit names, once: one approved again for a later release stays in the release of its first approval. ${leftOut(t, total)} ${RELEASE_ORDER_NOTE}`,
  };
}
