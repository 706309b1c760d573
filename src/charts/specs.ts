/**
 * What the design-spec charts share (pure): the spec kind's name, a spec's
 * milestones as the charts read them, how they are made from the spec
 * summaries and their review links, the charts' scopes (`all` specs plus one
 * per place with specs), and their axis of releases.
 *
 * The spec charts are per release (a category axis, drawn as bars). A
 * milestone counts in the release its step names (the release a spec was
 * approved in, the release it was implemented in), not the spec's current
 * release: a spec re-proposed for a later release still counts its first
 * approval under the release it was approved in.
 */
import type { ItemSummary } from '../catalog/types.ts';
import { placeKey } from '../lib/places.ts';
import { projectScopes, type ChartScope, type ScopePlace } from './scopes.ts';
import type { AxisCategory, CategoryAxis } from './series.ts';
import { median } from './thread-replies.ts';

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

/** The axis category of milestones whose step names no release (last on the axis). */
export const NO_RELEASE: AxisCategory = { id: '(no release)', label: 'No release named' };

/** The axis category id of a step's release: its name, or `NO_RELEASE`'s id when it names none. */
export function releaseId(release: string | undefined): string {
  return release === undefined || release === '' ? NO_RELEASE.id : release;
}

/** Milliseconds of an ISO instant; `undefined` for text that is not a date. */
function timeOf(iso: string | undefined): number | undefined {
  if (iso === undefined) return undefined;
  const t = Date.parse(iso);
  return Number.isNaN(t) ? undefined : t;
}

const byName = (a: string, b: string) => a.localeCompare(b, 'en', { numeric: true });

/**
 * Every release the milestones name, in time order, for the spec charts' axis.
 * Release names need not sort by date (OpenStack's `zed` came before
 * `2023.1`), so releases are ordered by the median date of the approvals and
 * implementations that name them: the middle of the release's own activity,
 * which one early or late step does not move. Ties go by name. Milestones
 * naming no release are left out (their category goes last, see `releaseAxis`);
 * so are dates that cannot be read.
 */
export function releaseOrder(milestones: Iterable<SpecMilestone>): string[] {
  const dates = new Map<string, number[]>();
  const add = (release: string | undefined, date: string | undefined) => {
    const t = timeOf(date);
    if (release === undefined || release === '' || t === undefined) return;
    let list = dates.get(release);
    if (!list) dates.set(release, (list = []));
    list.push(t);
  };
  for (const m of milestones) {
    add(m.approvedIn, m.approved);
    add(m.implementedIn, m.implemented);
  }
  const middle = new Map([...dates].map(([r, ts]) => [r, median(ts)!]));
  return [...middle.keys()].sort((a, b) => middle.get(a)! - middle.get(b)! || byName(a, b));
}

/**
 * A scope's release axis: the releases it has milestones in (`present`, by
 * `releaseId`), in `order` (every scope of a chart orders them alike), then
 * `NO_RELEASE` when present. A present release missing from `order` goes
 * before it, by name.
 */
export function releaseAxis(order: readonly string[], present: ReadonlySet<string>): CategoryAxis {
  const known = new Set(order);
  const extra = [...present].filter((r) => !known.has(r) && r !== NO_RELEASE.id).sort(byName);
  const releases = [...order.filter((r) => present.has(r)), ...extra];
  const categories = releases.map((r) => ({ id: r, label: r }));
  if (present.has(NO_RELEASE.id)) categories.push(NO_RELEASE);
  return { kind: 'category', name: 'release', label: 'Release', categories };
}

/** The words the spec charts' notes use for the axis order. */
export const RELEASE_ORDER_NOTE = 'Releases are in time order, by the median date of the approvals and implementations naming them; steps that name no release come last.';
