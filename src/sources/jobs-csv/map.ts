/**
 * Rows of a jobs CSV file to JobMonth records, one per month. Pure.
 * Postings are counted and matched here; their text goes no further.
 */
import type { Matcher } from '../../lib/job-keywords.ts';
import type { JobMonth } from '../../model/jobs.ts';
import type { PostingRow, RowProblem, TotalRow } from './parse.ts';

/**
 * The `keywordsDigest` of months imported as totals: no keyword definitions
 * made them, and they are never counted again (the file is read again when
 * it changes).
 */
export const IMPORTED_TOTALS_DIGEST = 'imported-totals';

export interface MonthOptions {
  /** The file's name, as the months' source ("thread"). */
  file: string;
  /** The sync machine's month (`YYYY-MM`, UTC): months before it are complete. */
  currentMonth: string;
}

export interface MappedMonth {
  month: JobMonth;
  /** The newest posting's date (postings) or the first of the month (totals). */
  updatedOn: string;
}

export interface Mapped {
  months: MappedMonth[];
  /** Rows left out (a second row for the same posting id or month and keyword). */
  problems: RowProblem[];
  /** What a manager should know about months that were kept. */
  warnings: { where: string; message: string }[];
}

const monthStart = (month: string) => `${month}-01T00:00:00Z`;

function groupByMonth<R extends { month: string }>(rows: readonly R[]): Map<string, R[]> {
  const out = new Map<string, R[]>();
  for (const r of rows) {
    const list = out.get(r.month);
    if (list) list.push(r);
    else out.set(r.month, [r]);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : 1)));
}

/**
 * Counts postings per month and the keywords they match. A posting with
 * neither title nor text is left out as `empty`; a row repeating an earlier
 * row's id is a problem (the posting is counted once). Every keyword has a
 * count, 0 included, so a month without a match is told from a keyword not
 * counted.
 */
export function postingMonths(rows: readonly PostingRow[], matcher: Matcher, digest: string, opts: MonthOptions): Mapped {
  const problems: RowProblem[] = [];
  const firstRowOfId = new Map<string, number>();
  const months: MappedMonth[] = [];
  for (const [month, list] of groupByMonth(rows)) {
    const counts: Record<string, number> = Object.fromEntries(matcher.names.map((n) => [n, 0]));
    const excluded: Record<string, number> = {};
    const ids: string[] = [];
    let postings = 0;
    for (const r of list) {
      if (r.id !== undefined) {
        const first = firstRowOfId.get(r.id);
        if (first !== undefined) {
          problems.push({ row: r.row, column: 'id', reason: `the posting id "${r.id}" is already on row ${first}; counted once` });
          continue;
        }
        firstRowOfId.set(r.id, r.row);
      }
      if (!r.title.trim() && !r.text.trim()) {
        excluded.empty = (excluded.empty ?? 0) + 1;
        continue;
      }
      postings++;
      if (r.id !== undefined) ids.push(r.id);
      // A blank line keeps the title its own paragraph, in plain text and HTML alike.
      for (const name of matcher.match(`${r.title}\n\n${r.text}`)) counts[name] = (counts[name] ?? 0) + 1;
    }
    const dates = list.map((r) => r.date).sort();
    months.push({
      month: {
        month,
        postings,
        counts,
        ...(ids.length ? { ids } : {}),
        threads: [{ id: opts.file, title: opts.file, created: dates[0]! }],
        complete: month < opts.currentMonth,
        excluded,
        keywordsDigest: digest,
      },
      updatedOn: dates.at(-1)!,
    });
  }
  return { months, problems, warnings: [] };
}

/**
 * Monthly totals as they are. The month's `total` (or `postings`) row gives
 * its posting count; without one, the count is taken as the month's largest
 * keyword count (there were at least that many postings) and a warning says
 * so, since shares of postings are then upper bounds. A second row for the
 * same month and keyword is a problem and the first is kept.
 */
export function totalMonths(rows: readonly TotalRow[], opts: MonthOptions): Mapped {
  const problems: RowProblem[] = [];
  const warnings: Mapped['warnings'] = [];
  const months: MappedMonth[] = [];
  for (const [month, list] of groupByMonth(rows)) {
    const counts: Record<string, number> = {};
    const rowOf = new Map<string | undefined, number>();
    let total: number | undefined;
    for (const r of list) {
      const first = rowOf.get(r.keyword);
      if (first !== undefined) {
        problems.push({ row: r.row, column: 'keyword', reason: `${r.keyword === undefined ? 'the total' : `"${r.keyword}"`} for ${month} is already on row ${first}; that row is kept` });
        continue;
      }
      rowOf.set(r.keyword, r.row);
      if (r.keyword === undefined) total = r.count;
      else counts[r.keyword] = r.count;
    }
    const largest = Math.max(0, ...Object.values(counts));
    if (total === undefined) {
      warnings.push({ where: `${opts.file} ${month}`, message: `no total (or postings) row: the month's postings are taken as its largest keyword count, ${largest}, so shares of postings are upper bounds` });
    } else if (largest > total) {
      const over = Object.keys(counts).filter((k) => counts[k]! > total);
      warnings.push({ where: `${opts.file} ${month}`, message: `${over.map((k) => `"${k}"`).join(', ')} count more postings than the month's total, ${total}` });
    }
    months.push({
      month: {
        month,
        postings: total ?? largest,
        counts,
        threads: [{ id: opts.file, title: opts.file, created: monthStart(month) }],
        complete: month < opts.currentMonth,
        excluded: {},
        keywordsDigest: IMPORTED_TOTALS_DIGEST,
      },
      updatedOn: monthStart(month),
    });
  }
  return { months, problems, warnings };
}
