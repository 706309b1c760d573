/**
 * A job board's CSV export, read by RFC 4180 (csv-parse does the CSV:
 * quoted fields with commas, doubled quotes and line breaks, CRLF, LF or CR,
 * a UTF-8 byte order mark; spaces around a field are dropped). Pure: text in,
 * rows and the problems of the rows that cannot be used out.
 *
 * The header row says the form (column names in any order and case; other
 * columns are ignored):
 * - `date,title,text`: one row per posting, to be matched with the keywords.
 *   An `id` column, when there is one, gives the postings' ids.
 * - `month,keyword,count`: monthly totals, imported as they are. The
 *   keywords `total` and `postings` (any case) are not keywords: their count
 *   is the month's number of postings.
 *
 * Rows are numbered by the line they start on (the header is row 1), so a
 * row is found in an editor even when a quoted field spans lines.
 */
import { parse, type CsvError, type Info } from 'csv-parse/sync';

export interface RowProblem {
  /** The line the row starts on (1 = the header). */
  row: number;
  /** The column whose value is wrong, when one is. */
  column?: string;
  reason: string;
}

export interface PostingRow {
  row: number;
  /** UTC ISO 8601, no milliseconds. */
  date: string;
  /** `YYYY-MM`, in UTC. */
  month: string;
  title: string;
  /** As written: plain text or HTML. */
  text: string;
  id?: string;
}

export interface TotalRow {
  row: number;
  month: string;
  /** The keyword as written, or undefined for the month's `total`/`postings` row. */
  keyword?: string;
  count: number;
}

export type JobsCsv =
  | { form: 'postings'; rows: PostingRow[]; problems: RowProblem[] }
  | { form: 'totals'; rows: TotalRow[]; problems: RowProblem[] };

/** A problem with the whole file (no header, an unknown form): nothing in it can be read. */
export class JobsCsvError extends Error {
  constructor(
    readonly row: number,
    message: string,
  ) {
    super(message);
    this.name = 'JobsCsvError';
  }
}

const POSTING_COLUMNS = ['date', 'title', 'text'] as const;
const TOTAL_COLUMNS = ['month', 'keyword', 'count'] as const;
/** Keywords of the totals form that give the month's posting count. */
const TOTAL_KEYWORDS = new Set(['total', 'postings']);

/** Where a problem is, for a report: `jobs.csv row 14, column date`. */
export function describeRow(file: string, p: Pick<RowProblem, 'row' | 'column'>): string {
  return `${file} row ${p.row}${p.column ? `, column ${p.column}` : ''}`;
}

interface CsvRecord {
  row: number;
  fields: string[];
}

/** Line breaks inside a raw record (LF only, see records()), the one that ends it aside. */
function innerBreaks(raw: string): number {
  return raw.replace(/\n$/, '').match(/\n/g)?.length ?? 0;
}

/** What a csv-parse error means for the row it stopped at. */
function csvProblemReason(err: CsvError): string {
  switch (err.code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return `a quoted field opened in this row is never closed, so the rest of the file (to line ${String(err.lines)}) is one field and was not read`;
    case 'INVALID_OPENING_QUOTE':
      return 'a quote in the middle of an unquoted field (a field with quotes must be quoted whole, its quotes doubled: "say ""hi""")';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'text after a quoted field\'s closing quote (a quote inside a quoted field must be doubled: "")';
    default:
      return err.message;
  }
}

/**
 * Every record with the line it starts on, and the problems csv-parse found
 * (one per row). Line breaks are made LF first: csv-parse counts a CRLF
 * inside a quoted field as two lines, which would number the rows after it
 * wrong (a field's CRLF and LF mean the same to a matcher; a lone CR, the
 * old Mac line end, is read as a line break too).
 */
function records(input: string): { records: CsvRecord[]; problems: RowProblem[] } {
  const text = input.replace(/\r\n?/g, '\n');
  const problems: RowProblem[] = [];
  const seen = new Set<number>();
  const parsed = parse(text, {
    bom: true,
    info: true,
    raw: true,
    trim: true,
    relax_column_count: true,
    record_delimiter: '\n',
    skip_records_with_error: true,
    on_skip: (err) => {
      if (!err) return undefined;
      const lines = typeof err.lines === 'number' ? err.lines : 0;
      const row = lines - innerBreaks(typeof err.raw === 'string' ? err.raw : '');
      // csv-parse can stop twice in one bad row; it is one problem.
      if (!seen.has(row)) problems.push({ row, reason: csvProblemReason(err) });
      seen.add(row);
      return undefined;
    },
  }) as unknown as { record: string[]; info: Info; raw: string }[];
  return { records: parsed.map((r) => ({ row: r.info.lines - innerBreaks(r.raw), fields: r.record })), problems };
}

const isBlank = (r: CsvRecord) => r.fields.every((f) => f === '');

type Columns = Map<string, number>;

function headerColumns(header: CsvRecord): Columns {
  const columns: Columns = new Map();
  header.fields.forEach((f, i) => {
    const name = f.toLowerCase();
    if (!name) return;
    if (columns.has(name)) throw new JobsCsvError(header.row, `row ${header.row}: the header names the column "${name}" twice`);
    columns.set(name, i);
  });
  return columns;
}

function formOf(columns: Columns, header: CsvRecord): 'postings' | 'totals' {
  const has = (names: readonly string[]) => names.filter((n) => columns.has(n));
  const postings = has(POSTING_COLUMNS);
  const totals = has(TOTAL_COLUMNS);
  const wanted = `date,title,text (postings) or month,keyword,count (monthly totals)`;
  if (postings.length === 3 && totals.length === 3) throw new JobsCsvError(header.row, `row ${header.row}: the header has the columns of both forms; expected ${wanted}`);
  if (postings.length === 3) return 'postings';
  if (totals.length === 3) return 'totals';
  const nearer = postings.length >= totals.length && postings.length > 0 ? POSTING_COLUMNS : totals.length > 0 ? TOTAL_COLUMNS : undefined;
  const missing = nearer ? `: no ${nearer.filter((n) => !columns.has(n)).join(', ')} column` : '';
  throw new JobsCsvError(header.row, `row ${header.row}: the header "${header.fields.join(',')}" is not one of the two forms${missing}; expected ${wanted}`);
}

const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?(Z|[+-]\d{2}:\d{2})?)?$/i;
const DATE_FORMS = 'expected YYYY-MM-DD, or a date and time such as 2024-01-11T14:00:05Z or 2024-01-11 14:00+02:00';

/**
 * A posting date, read strictly: a calendar date, or a date and time with
 * `Z` or an offset (none = UTC). Other forms (`01/02/2024`, Unix times, month
 * names) are refused rather than guessed. Returns the UTC instant and month,
 * or why the value is not a date.
 */
export function postingDate(value: string): { date: string; month: string } | { error: string } {
  const m = DATE_TIME.exec(value.trim());
  const bad = { error: `"${value}" is not a date (${DATE_FORMS})` };
  if (!m) return bad;
  const [y, mo, d, h = 0, mi = 0, s = 0] = m.slice(1, 7).map((p) => (p === undefined ? undefined : Number(p))) as number[];
  const zone = m[7]?.toUpperCase();
  const local = Date.UTC(y!, mo! - 1, d!, h, mi, s);
  const check = new Date(local);
  // Date.UTC rolls 2024-02-30 over into March: a value that does not come back unchanged is not a date.
  if (check.getUTCFullYear() !== y || check.getUTCMonth() !== mo! - 1 || check.getUTCDate() !== d || h > 23 || mi > 59 || s > 59) return bad;
  let offsetMinutes = 0;
  if (zone && zone !== 'Z') {
    const [oh, om] = zone.slice(1).split(':').map(Number) as [number, number];
    if (oh > 14 || om > 59) return bad;
    offsetMinutes = (zone[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const iso = new Date(local - offsetMinutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
  return { date: iso, month: iso.slice(0, 7) };
}

/** A month of the totals form: `YYYY-MM` exactly. */
export function totalsMonth(value: string): string | { error: string } {
  const v = value.trim();
  return /^\d{4}-(0[1-9]|1[0-2])$/.test(v) ? v : { error: `"${value}" is not a month (expected YYYY-MM, e.g. 2024-03)` };
}

function fieldCount(r: CsvRecord, header: CsvRecord): RowProblem | undefined {
  if (r.fields.length === header.fields.length) return undefined;
  return { row: r.row, reason: `${r.fields.length} fields where the header has ${header.fields.length} (a field with a comma must be quoted)` };
}

function postingRow(r: CsvRecord, columns: Columns): PostingRow | RowProblem {
  const get = (name: string) => r.fields[columns.get(name)!] ?? '';
  const when = postingDate(get('date'));
  if ('error' in when) return { row: r.row, column: 'date', reason: when.error };
  const id = columns.has('id') ? get('id') : '';
  return { row: r.row, ...when, title: get('title'), text: get('text'), ...(id ? { id } : {}) };
}

function totalRow(r: CsvRecord, columns: Columns): TotalRow | RowProblem {
  const get = (name: string) => r.fields[columns.get(name)!] ?? '';
  const month = totalsMonth(get('month'));
  if (typeof month !== 'string') return { row: r.row, column: 'month', reason: month.error };
  const keyword = get('keyword');
  if (!keyword) return { row: r.row, column: 'keyword', reason: 'no keyword' };
  const count = get('count');
  if (!/^\d+$/.test(count) || !Number.isSafeInteger(Number(count))) return { row: r.row, column: 'count', reason: `"${count}" is not a count (expected a whole number, 0 or more)` };
  return { row: r.row, month, count: Number(count), ...(TOTAL_KEYWORDS.has(keyword.toLowerCase()) ? {} : { keyword }) };
}

/**
 * Reads a jobs CSV file. Throws a JobsCsvError when the file has no header
 * or the header is of neither form; a bad row is a problem, and the other
 * rows are kept.
 */
export function parseJobsCsv(text: string): JobsCsv {
  const { records: all, problems } = records(text);
  const data = all.filter((r) => !isBlank(r));
  const header = data.shift();
  if (!header) throw new JobsCsvError(1, 'the file has no header row (expected date,title,text or month,keyword,count)');
  const columns = headerColumns(header);
  const form = formOf(columns, header);
  const rows: (PostingRow | TotalRow)[] = [];
  for (const r of data) {
    const got = fieldCount(r, header) ?? (form === 'postings' ? postingRow(r, columns) : totalRow(r, columns));
    if ('reason' in got) problems.push(got);
    else rows.push(got);
  }
  problems.sort((a, b) => a.row - b.row);
  return form === 'postings' ? { form, rows: rows as PostingRow[], problems } : { form, rows: rows as TotalRow[], problems };
}
