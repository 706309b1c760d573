/**
 * Active contributors per month by organisation (pure): a person is active in
 * a month when they have at least one activity event in it, and counts once
 * in that month, under their organisation. For all projects and each project.
 */
import type { ActivityEvent } from '../catalog/types.ts';
import { placeKey } from '../lib/places.ts';
import { scopeEntry, scopeWords, type ChartScope } from './scopes.ts';
import { eventMonth, seriesIds, sumOf, zeroFill, type ChartData, type Month, type TimeSeries } from './series.ts';

/** An event as the chart reads it; `source` and `place` (a name) make its place key. */
export type ContributorEvent = Pick<ActivityEvent, 'who' | 'when' | 'source' | 'place'>;

/**
 * Named organisations before the rest is folded into "Other". Six: six bands
 * plus "Other" and "Unknown affiliation" is about as many as a reader tells
 * apart by colour, each takes one of the palette's category colours (checked
 * for contrast in both themes), and the legend fits in two rows at full width.
 * A single organisation is never folded: it is shown by name instead (in the
 * seventh band colour), since "Other (1 organisation)" would only hide its name.
 */
export const CONTRIBUTOR_DEFAULTS = { top: 6 };

export const UNKNOWN_BAND = { id: 'unknown', label: 'Unknown affiliation' } as const;
export const OTHER_BAND_ID = 'other';

/** Person-months of one scope: per organisation (unknown apart) and month. */
export interface OrgTally {
  byOrg: Map<string, Map<Month, number>>;
  unknown: Map<Month, number>;
  first?: Month;
  last?: Month;
}

export interface ContributorSeries {
  total: OrgTally;
  /** By place key (`placeKey(source, place)` of the events), so same-named projects of two sources stay apart. */
  projects: Map<string, OrgTally>;
}

function newTally(): OrgTally {
  return { byOrg: new Map(), unknown: new Map() };
}

function bump(t: OrgTally, org: string | undefined, m: Month): void {
  let months = t.unknown;
  if (org !== undefined) {
    months = t.byOrg.get(org) ?? new Map();
    if (months.size === 0) t.byOrg.set(org, months);
  }
  months.set(m, (months.get(m) ?? 0) + 1);
  if (t.first === undefined || m < t.first) t.first = m;
  if (t.last === undefined || m > t.last) t.last = m;
}

/**
 * One pass over the events. `orgOf` names a person's organisation, or gives
 * `undefined` (or an empty name) when it is not known; it is asked once per person.
 */
export function contributorSeries(events: Iterable<ContributorEvent>, orgOf: (who: string) => string | undefined): ContributorSeries {
  const total = newTally();
  const projects = new Map<string, OrgTally>();
  const orgs = new Map<string, string | undefined>();
  // Person-months already counted: `<month> <who>` for all projects, `<month> <who> <place key>` per project.
  const seen = new Set<string>();
  for (const e of events) {
    const m = eventMonth(e.when);
    if (!m) continue;
    let org = orgs.get(e.who);
    if (org === undefined && !orgs.has(e.who)) {
      org = orgOf(e.who) || undefined;
      orgs.set(e.who, org);
    }
    const key = `${m} ${e.who}`;
    if (!seen.has(key)) {
      seen.add(key);
      bump(total, org, m);
    }
    if (e.place === undefined) continue;
    const place = placeKey(e.source, e.place);
    const inPlace = `${key} ${place}`;
    if (seen.has(inPlace)) continue;
    seen.add(inPlace);
    let t = projects.get(place);
    if (!t) projects.set(place, (t = newTally()));
    bump(t, org, m);
  }
  return { total, projects };
}

export interface OrganisationBands {
  series: TimeSeries[];
  /** Organisations folded into "Other", largest first. */
  folded: string[];
}

/**
 * The stack, bottom to top: the `top` organisations with the most person-months
 * over the scope's whole range (ties by name), then "Other" for two or more
 * others (one is named instead), then "Unknown affiliation", always its own band. Zero-filled from
 * the scope's first to its last active month.
 */
export function organisationBands(t: OrgTally, top: number = CONTRIBUTOR_DEFAULTS.top): OrganisationBands {
  if (!Number.isInteger(top) || top < 0) throw new Error(`invalid contributors chart top: ${String(top)} (expected a whole number, 0 or more)`);
  const unknown = (points: TimeSeries['points']): TimeSeries => ({ ...UNKNOWN_BAND, total: 'none', tone: 'neutral', points });
  if (t.first === undefined || t.last === undefined) return { series: [unknown([])], folded: [] };
  const { first, last } = t;
  const ranked = [...t.byOrg].map(([org, months]) => ({ org, months, total: sumOf(months.values()) })).sort((a, b) => b.total - a.total || (a.org < b.org ? -1 : a.org > b.org ? 1 : 0));
  const cut = ranked.length === top + 1 ? top + 1 : top;
  const named = ranked.slice(0, cut);
  const rest = ranked.slice(cut);
  const ids = seriesIds('org', named.map((r) => r.org));
  const series: TimeSeries[] = named.map((r, i) => ({ id: ids[i]!, label: r.org, total: 'none', points: zeroFill(r.months, first, last) }));
  if (rest.length) {
    const other = new Map<Month, number>();
    for (const r of rest) for (const [m, n] of r.months) other.set(m, (other.get(m) ?? 0) + n);
    const label = `Other (${rest.length} organisation${rest.length === 1 ? '' : 's'})`;
    series.push({ id: OTHER_BAND_ID, label, total: 'none', tone: 'other', points: zeroFill(other, first, last) });
  }
  series.push(unknown(zeroFill(t.unknown, first, last)));
  return { series, folded: rest.map((r) => r.org) };
}

/** How the bands were chosen, in words, e.g. `the 6 organisations with the most person-months, then "Other" (A and B), then …`. */
function bandWords(named: number, folded: readonly string[]): string {
  const unknown = 'people whose affiliation is not known';
  if (!folded.length) return named === 0 ? `no known organisation, only ${unknown}` : `${named === 1 ? 'its one organisation' : `all ${named} organisations`}, then ${unknown}`;
  const names = folded.length > 8 ? `${folded.length} smaller organisations` : folded.length === 1 ? folded[0]! : `${folded.slice(0, -1).join(', ')} and ${folded[folded.length - 1]!}`;
  return `the ${named} organisations with the most person-months, then "Other" (${names}), then ${unknown}`;
}

/** Bands for one scope, wrapped with the words a chart needs. */
export function contributorChartData(series: ContributorSeries, scope: ChartScope, siteTitle: string, options: { top?: number } = {}): ChartData {
  const tally = scopeEntry(scope, series.total, series.projects) ?? newTally();
  const { series: bands, folded } = organisationBands(tally, options.top ?? CONTRIBUTOR_DEFAULTS.top);
  const named = bands.filter((b) => !b.tone).length;
  const where = scopeWords(scope);
  return {
    title: `Active contributors per month by organisation: ${where}`,
    description: `People active in ${where} in each month (UTC), by organisation: ${bandWords(named, folded)}.`,
    unit: 'people per month',
    series: bands,
    stackTotal: { id: 'total', label: 'All active contributors', sumUnit: 'person-months' },
    source: `${siteTitle}, from activity records. A person is active in a month when they authored or reviewed a change (or did anything else the portal records) in it, and counts once, under the organisation of their e-mail domain; bots and people who opted out are not counted.`,
  };
}
