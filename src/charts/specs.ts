/**
 * What the design-spec charts share (pure): the spec kind's name, a spec's
 * milestones as the charts read them, how they are made from the spec
 * summaries and their review links, the charts' scopes (`all` specs plus one
 * per place with specs), and the per-release notes.
 *
 * The chart library counts by month, while specs belong to releases: the
 * charts count milestones in the UTC month they happened in and give each
 * release's numbers in words, in the source notes under the chart (and in
 * the downloads). A release is the one the milestone's step names (the
 * release a spec was approved in, the release it was implemented in), not
 * the spec's current release: a spec re-proposed for a later release still
 * counts its first approval under the release it was approved in.
 */
import type { ItemSummary } from '../catalog/types.ts';
import { placeKey } from '../lib/places.ts';
import { formatValue, monthShort } from './format.ts';
import { projectScopes, type ChartScope, type ScopePlace } from './scopes.ts';
import type { Month } from './series.ts';

/** The spec kind (`SPEC_KIND` in src/model/spec.ts, which chart code does not import). */
export const SPEC_KIND = 'spec';

/** The `all` scope of the spec charts. */
export const ALL_SPECS_SCOPE: ChartScope = { id: 'all', label: 'All specs', words: 'all specs' };

/** A spec's dated milestones (UTC ISO 8601), as the spec charts read them. */
export interface SpecMilestone {
  source: string;
  /** Its place: the repository, or the group (SIG, project) the layout names. */
  place?: string;
  /** The spec's summary key. */
  key: string;
  /** The first `approved` step, and the release it names. */
  approved?: string;
  approvedIn?: string;
  /** The newest `implemented` step, and the release it names. */
  implemented?: string;
  implementedIn?: string;
  /** The earliest creation of a change linked to it as a review (its proposal, as far as the site's reviews go back). */
  firstReview?: string;
}

/** A spec summary as `specMilestones` reads it (the spec kind's `SpecSummary` fits). */
export interface MilestoneSpec {
  key: string;
  source: string;
  place?: string;
  approvedAt?: string;
  approvedIn?: string;
  implementedAt?: string;
  implementedIn?: string;
}

/** A spec's links to changes (the spec kind's `specsView(…).links.bySpec` fits): reviews of it, or its implementation. */
export type SpecChangeLinks = ReadonlyMap<string, readonly { change: { created: string }; as: string }[]>;

/** The earliest of the `created` dates, by time (text that is not a date is skipped). */
function earliest(dates: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestAt = Infinity;
  for (const d of dates) {
    const at = Date.parse(d);
    if (!Number.isNaN(at) && at < bestAt) [best, bestAt] = [d, at];
  }
  return best;
}

/** Each spec's milestones, from its summary and the changes linked to it (pure; what site.ts hands the charts). */
export function specMilestones(specs: Iterable<MilestoneSpec>, bySpec: SpecChangeLinks): SpecMilestone[] {
  const out: SpecMilestone[] = [];
  for (const s of specs) {
    const reviews = (bySpec.get(s.key) ?? []).filter((l) => l.as === 'review').map((l) => l.change.created);
    const firstReview = earliest(reviews);
    out.push({
      source: s.source,
      ...(s.place !== undefined ? { place: s.place } : {}),
      key: s.key,
      ...(s.approvedAt !== undefined ? { approved: s.approvedAt } : {}),
      ...(s.approvedIn !== undefined ? { approvedIn: s.approvedIn } : {}),
      ...(s.implementedAt !== undefined ? { implemented: s.implementedAt } : {}),
      ...(s.implementedIn !== undefined ? { implementedIn: s.implementedIn } : {}),
      ...(firstReview !== undefined ? { firstReview } : {}),
    });
  }
  return out;
}

/**
 * `all` ("All specs") plus one scope per place that has specs, so a
 * code-review project or a list gets no empty spec charts.
 */
export function specScopes(places: Iterable<ScopePlace>, specs: Iterable<Pick<ItemSummary, 'source' | 'place'>>): ChartScope[] {
  const withSpecs = new Set<string>();
  for (const s of specs) if (s.place !== undefined) withSpecs.add(placeKey(s.source, s.place));
  return projectScopes([...places].filter((p) => withSpecs.has(p.key)), ALL_SPECS_SCOPE);
}

/** One release's milestones in a scope, and the months they fell in. */
export interface ReleaseTally<T> {
  /** The release's name; `''` for milestones whose step names no release. */
  release: string;
  first: Month;
  last: Month;
  counts: T;
}

/** Tallies by release, made on first use, each widened to the months of its milestones. */
export class ByRelease<T> {
  readonly releases = new Map<string, ReleaseTally<T>>();

  constructor(private readonly make: () => T) {}

  /** The release's tally, widened to `month`. */
  at(release: string | undefined, month: Month): T {
    const name = release ?? '';
    let r = this.releases.get(name);
    if (!r) this.releases.set(name, (r = { release: name, first: month, last: month, counts: this.make() }));
    if (month < r.first) r.first = month;
    if (month > r.last) r.last = month;
    return r.counts;
  }
}

/** How many releases the notes name, newest first; the older ones are only counted. */
export const NOTED_RELEASES = 8;

/** "Mar 2024" or "Jan 2024 to Mar 2024". */
function monthSpan(first: Month, last: Month): string {
  return first === last ? monthShort(first) : `${monthShort(first)} to ${monthShort(last)}`;
}

/**
 * The notes' sentence of releases: the newest first (by their latest
 * milestone, since release names need not sort by date: `zed` before
 * `2023.1`), each with `describe`'s words and its months; milestones naming
 * no release last. Empty when there are none.
 */
export function releaseNotes<T>(releases: Iterable<ReleaseTally<T>>, heading: string, describe: (counts: T) => string, max = NOTED_RELEASES): string {
  const all = [...releases];
  const named = all.filter((r) => r.release !== '').sort((a, b) => b.last.localeCompare(a.last) || b.release.localeCompare(a.release, 'en', { numeric: true }));
  if (!all.length) return '';
  const shown = named.slice(0, max).map((r) => `${r.release}: ${describe(r.counts)} (${monthSpan(r.first, r.last)})`);
  const older = named.length - shown.length;
  if (older > 0) shown.push(`and ${formatValue(older)} older release${older === 1 ? '' : 's'}, listed on the specs pages`);
  const none = all.find((r) => r.release === '');
  if (none) shown.push(`no release named: ${describe(none.counts)} (${monthSpan(none.first, none.last)})`);
  return `${heading} ${shown.join('; ')}.`;
}
