/**
 * `Date:` header values -> whole-second UTC ISO time. Pure and deterministic: never `Date.parse`,
 * whose reading of a date without a zone depends on the machine's time zone.
 *
 * Read: RFC 5322 (`Tue, 10 Jul 2012 13:29:44 +0200`), with or without the weekday, seconds or a
 * comment (`(CEST)`); its obsolete syntax (RFC 5322 4.3): two- and three-digit years (`98` is 1998,
 * `04` is 2004, `103` is 2003), zone names (`UT`, `GMT`, `EST`/`EDT`, `CST`/`CDT`, `MST`/`MDT`,
 * `PST`/`PDT`) and military letters; asctime (`Thu Jan  1 00:00:00 1998`, what old clients put in
 * `Date:`); `1-Jan-1998`; ISO 8601 (`2012-07-10 13:29:44+02:00`); full month and weekday names.
 * Zones that are neither numeric nor in RFC 822 but common in archives (`CET`, `CEST`, `BST`,
 * `JST`, …) are read from a small table.
 *
 * Flags on a read date:
 * - `zone-assumed`: no zone, an unknown name, a military letter (RFC 5322 says these cannot be
 *   trusted: RFC 822 had their signs reversed), or an impossible offset (`+2500`, `-0075`): read as UTC;
 * - `two-digit-year`: the century was inferred;
 * - `implausible`: before 1971 or after 2099 (a client with a reset clock); the time is still
 *   returned and the caller may prefer the archive's month.
 * Anything else (no day, no month, a day the month does not have, 25:00) is not a date: undefined.
 */

export type DateFlag = 'zone-assumed' | 'two-digit-year' | 'implausible';

export interface MailDate {
  /** `2012-07-10T11:29:44Z`. */
  iso: string;
  flags: DateFlag[];
}

const MONTHS: Record<string, number> = {
  jan: 1, january: 1, feb: 2, february: 2, mar: 3, march: 3, apr: 4, april: 4, may: 5, jun: 6, june: 6, jul: 7, july: 7,
  aug: 8, august: 8, sep: 9, sept: 9, september: 9, oct: 10, october: 10, nov: 11, november: 11, dec: 12, december: 12,
};
const WEEKDAYS = new Set(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday', 'tues', 'thur', 'thurs']);

/** Offsets in minutes. RFC 822's names first, then names seen in archives. */
const ZONES: Record<string, number> = {
  ut: 0, utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420,
  wet: 0, west: 60, bst: 60, cet: 60, cest: 120, met: 60, mest: 120, mez: 60, mesz: 120, eet: 120, eest: 180, msk: 180, msd: 240,
  ist: 330, jst: 540, kst: 540, hkt: 480, sgt: 480, awst: 480, acst: 570, acdt: 630, aest: 600, aedt: 660, nzst: 720, nzdt: 780,
  hst: -600, akst: -540, akdt: -480, ast: -240, adt: -180, nst: -210, ndt: -150,
};

const TIME = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?$/;
const NUMERIC_ZONE = /^([+-])(\d{2}):?(\d{2})$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2}|[A-Za-z]{1,5})?$/;

function daysIn(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Minutes east of UTC for a zone token, or undefined (not a zone), or NaN (a zone, but unusable). */
function zoneOffset(token: string): number | undefined {
  const m = NUMERIC_ZONE.exec(token);
  if (m) {
    const hours = Number(m[2]);
    const minutes = Number(m[3]);
    if (hours > 14 || minutes > 59) return Number.NaN;
    return (m[1] === '-' ? -1 : 1) * (hours * 60 + minutes);
  }
  const lower = token.toLowerCase();
  if (lower in ZONES) return ZONES[lower];
  if (/^[a-ik-z]$/.test(lower)) return Number.NaN; // military zones (J is not one)
  return undefined;
}

function build(year: number, month: number, day: number, hh: number, mm: number, ss: number, offset: number | undefined, flags: DateFlag[]): MailDate | undefined {
  if (month < 1 || month > 12 || day < 1 || day > daysIn(year, month)) return undefined;
  if (hh > 24 || mm > 59 || ss > 60 || (hh === 24 && (mm > 0 || ss > 0))) return undefined;
  if (offset === undefined || Number.isNaN(offset)) {
    flags.push('zone-assumed');
    offset = 0;
  }
  const ms = Date.UTC(year, month - 1, day, hh, mm, Math.min(ss, 59)) - offset * 60_000;
  const iso = `${new Date(ms).toISOString().slice(0, 19)}Z`;
  const y = Number(iso.slice(0, 4));
  if (y < 1971 || y > 2099) flags.push('implausible');
  return { iso, flags };
}

function removeComments(value: string): string {
  // Innermost comments first; RFC 5322 comments nest. Bounded passes keep this linear.
  let out = value;
  for (let i = 0; i < 3 && out.includes('('); i++) out = out.replace(/\([^()]*\)/g, ' ');
  return out.replace(/[()]/g, ' ');
}

function year4(token: string, flags: DateFlag[]): number {
  const n = Number(token);
  if (token.length === 2) {
    flags.push('two-digit-year');
    return n < 50 ? 2000 + n : 1900 + n;
  }
  if (token.length === 3) return 1900 + n;
  return n;
}

/** A `Date:` value as UTC, or undefined when it does not name a day and a time. */
export function parseMailDate(value: string | undefined): MailDate | undefined {
  if (value === undefined) return undefined;
  const text = removeComments(value).trim();
  if (text === '') return undefined;
  const flags: DateFlag[] = [];

  const iso = ISO.exec(text);
  if (iso) {
    const offset = iso[7] === undefined ? undefined : iso[7] === 'Z' ? 0 : zoneOffset(iso[7]);
    return build(Number(iso[1]), Number(iso[2]), Number(iso[3]), Number(iso[4] ?? 0), Number(iso[5] ?? 0), Number(iso[6] ?? 0), offset, flags);
  }

  // Commas and dots after names ("Tue," "Jan.") are noise; `1-Jan-1998` is three tokens.
  const tokens = text
    .replace(/,/g, ' ')
    .split(/\s+/)
    .flatMap((t) => (/^\d{1,2}-[A-Za-z]{3,9}-\d{2,4}$/.test(t) ? t.split('-') : [t]))
    .flatMap((t) => {
      // "13:29:44+0200" and "GMT+0200": a zone glued to the time or to GMT.
      const glued = /^(\d{1,2}:\d{2}(?::\d{2})?|gmt|utc|ut)([+-]\d{2}:?\d{2})$/i.exec(t);
      if (!glued) return [t];
      return /^\d/.test(glued[1]!) ? [glued[1]!, glued[2]!] : [glued[2]!];
    })
    .map((t) => t.replace(/\.$/, ''))
    .filter((t) => t !== '');

  let month: number | undefined;
  let monthAt = -1;
  let time: RegExpExecArray | undefined;
  let offset: number | undefined;
  const numbers: { token: string; at: number }[] = [];
  tokens.forEach((token, at) => {
    const lower = token.toLowerCase();
    if (WEEKDAYS.has(lower)) return;
    if (month === undefined && lower in MONTHS) {
      month = MONTHS[lower];
      monthAt = at;
      return;
    }
    const t = time === undefined ? TIME.exec(token) : null;
    if (t) {
      time = t;
      return;
    }
    if (/^\d{1,4}$/.test(token)) {
      numbers.push({ token, at });
      return;
    }
    // The first zone wins ("+0200 CEST" without parentheses), unless it was unusable.
    const z = zoneOffset(token);
    if (z !== undefined && (offset === undefined || Number.isNaN(offset))) offset = z;
  });
  if (month === undefined || time === undefined || numbers.length < 2) return undefined;

  // The year has four digits or is more than 31; otherwise the day comes first (RFC order
  // `1 Jan 98`, asctime `Jan  1 … 1998`, `Jan 1 98` all have the day before the year).
  let dayToken: string;
  let yearToken: string;
  const long = numbers.findIndex((n) => n.token.length >= 3 || Number(n.token) > 31);
  if (long >= 0) {
    yearToken = numbers[long]!.token;
    const others = numbers.filter((_, i) => i !== long);
    dayToken = (others.find((n) => n.at < monthAt) ?? others[0])!.token;
  } else {
    const before = numbers.filter((n) => n.at < monthAt);
    const after = numbers.filter((n) => n.at > monthAt);
    if (before.length >= 1 && after.length >= 1) [dayToken, yearToken] = [before[0]!.token, after[0]!.token];
    else [dayToken, yearToken] = [numbers[0]!.token, numbers[1]!.token];
  }
  const year = year4(yearToken, flags);
  const [hh, mm, ss] = [Number(time[1]), Number(time[2]), Number(time[3] ?? 0)];
  return build(year, month, Number(dayToken), hh, mm, ss, offset, flags);
}
