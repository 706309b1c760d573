import type { Rng } from './prng.ts';

/**
 * Time for the demo community: Gerrit's timestamp format, the six-monthly
 * release cycle and the daily activity curve changes are drawn from.
 */

export const DAY = 86400;

/** Unix seconds -> Gerrit's "2024-03-05 14:22:07.000000000" (UTC). */
export function gerritTime(t: number): string {
  const iso = new Date(t * 1000).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)}.000000000`;
}

/** "2024-03-05" (UTC midnight) -> unix seconds; throws on anything else. */
export function parseDay(day: string): number {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new Error(`demo calendar: not a YYYY-MM-DD date: ${JSON.stringify(day)}`);
  const ms = Date.parse(`${day}T00:00:00Z`);
  if (Number.isNaN(ms)) throw new Error(`demo calendar: invalid date: ${day}`);
  return ms / 1000;
}

export interface Release {
  /** "2025.1" */
  name: string;
  /** Unix seconds of the release day. */
  at: number;
}

/** Releases every six months (early April and early October), from a year before `start` to `end`. */
export function releasesBetween(start: number, end: number): Release[] {
  const out: Release[] = [];
  const first = new Date(start * 1000).getUTCFullYear() - 1;
  const last = new Date(end * 1000).getUTCFullYear();
  for (let year = first; year <= last; year++) {
    for (const [n, month] of [[1, 3], [2, 9]] as const) {
      const at = Date.UTC(year, month, 2) / 1000;
      if (at <= end) out.push({ name: `${year}.${n}`, at });
    }
  }
  return out;
}

function dayWeight(t: number, start: number, end: number, releases: readonly Release[]): number {
  const d = new Date(t * 1000);
  const dow = d.getUTCDay();
  const month = d.getUTCMonth();
  const dom = d.getUTCDate();
  // Growth: the community roughly doubles its pace over the period, then levels off.
  const progress = (t - start) / (end - start);
  let w = 0.55 + 0.75 * Math.min(1, progress * 1.3);
  if (dow === 0 || dow === 6) w *= 0.18;
  if ((month === 11 && dom >= 20) || (month === 0 && dom <= 3)) w *= 0.25;
  if (month === 7) w *= 0.7;
  for (const r of releases) {
    const before = (r.at - t) / DAY;
    // Feature-freeze rush in the weeks before a release, a lull right after it.
    if (before > 14 && before <= 49) w *= 1.45;
    else if (before > 0 && before <= 14) w *= 0.9;
    else if (before <= 0 && before > -10) w *= 0.75;
  }
  return w;
}

/** Working hours in UTC, weighted toward Europe and the Americas. */
const HOUR_WEIGHTS = [2, 2, 3, 4, 5, 6, 7, 8, 9, 10, 10, 9, 10, 11, 12, 12, 11, 10, 8, 7, 5, 4, 3, 2];

/**
 * `n` creation instants in [start, end), sorted, following the activity curve.
 * Uses a cumulative table over days so 100k samples stay cheap.
 */
export function sampleCreationTimes(rng: Rng, n: number, start: number, end: number): Float64Array {
  const releases = releasesBetween(start, end);
  const days = Math.max(1, Math.floor((end - start) / DAY));
  const cumulative = new Float64Array(days);
  let total = 0;
  for (let i = 0; i < days; i++) {
    total += dayWeight(start + i * DAY, start, end, releases);
    cumulative[i] = total;
  }
  const out = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    const r = rng.next() * total;
    let lo = 0;
    let hi = days - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    const hour = rng.weighted(HOUR_WEIGHTS);
    out[k] = start + lo * DAY + hour * 3600 + rng.int(0, 3599);
  }
  return out.sort();
}
