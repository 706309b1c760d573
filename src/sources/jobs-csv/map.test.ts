import { describe, expect, it } from 'vitest';
import { compileKeywords, keywordsDigest } from '../../lib/job-keywords.ts';
import { JobMonth } from '../../model/jobs.ts';
import { IMPORTED_TOTALS_DIGEST, postingMonths, totalMonths } from './map.ts';
import type { PostingRow, TotalRow } from './parse.ts';

const defs = {
  Python: { any: ['python', 'django', 'flask'] },
  OpenStack: { any: ['openstack'] },
  'Python AND OpenStack': { all: ['Python', 'OpenStack'] },
  Remote: { any: ['remote'], none: ['no remote'] },
};
const matcher = compileKeywords(defs);
const digest = keywordsDigest(defs);
const opts = { file: 'jobs.csv', currentMonth: '2024-03' };

let row = 1;
const posting = (date: string, title: string, text: string, id?: string): PostingRow => ({ row: ++row, date, month: date.slice(0, 7), title, text, ...(id ? { id } : {}) });

describe('postings to months', () => {
  it('counts postings and keyword matches per month, every keyword included, months in order', () => {
    const rows = [
      posting('2024-03-02T10:00:00Z', 'Cloud engineer', '<p>OpenStack &amp; Django</p><p>Remote</p>'),
      posting('2024-01-05T09:00:00Z', 'Python developer', 'Flask, no remote'),
      posting('2024-01-20T12:00:00Z', 'Rust developer', 'embedded'),
      posting('2024-01-03T08:00:00Z', 'OpenStack operator', 'Python'),
    ];
    const { months, problems } = postingMonths(rows, matcher, digest, opts);
    expect(problems).toEqual([]);
    expect(months.map((m) => m.month.month)).toEqual(['2024-01', '2024-03']);
    const [jan, mar] = months;
    expect(jan!.month).toEqual({
      month: '2024-01',
      postings: 3,
      counts: { Python: 2, OpenStack: 1, 'Python AND OpenStack': 1, Remote: 0 },
      threads: [{ id: 'jobs.csv', title: 'jobs.csv', created: '2024-01-03T08:00:00Z' }],
      complete: true,
      excluded: {},
      keywordsDigest: digest,
    });
    expect(jan!.updatedOn).toBe('2024-01-20T12:00:00Z');
    expect(mar!.month.complete).toBe(false);
    expect(mar!.month.counts).toEqual({ Python: 1, OpenStack: 1, 'Python AND OpenStack': 1, Remote: 1 });
    for (const m of months) expect(() => JobMonth.parse(m.month)).not.toThrow();
    // No posting text is kept.
    expect(JSON.stringify(months)).not.toMatch(/developer|Flask|embedded/);
  });

  it('matches a keyword in the title, and keeps title and text apart for phrases', () => {
    const m = compileKeywords({ 'Big Data': { any: ['big data'] }, Python: { any: ['python'] } });
    const { months } = postingMonths([posting('2024-02-01', 'Python and big', 'data pipelines'), posting('2024-02-02', 'Big Data', '')], m, 'd', opts);
    expect(months[0]!.month.counts).toEqual({ 'Big Data': 1, Python: 1 });
  });

  it('leaves out empty postings, counts a repeated id once, and keeps the ids', () => {
    const rows = [posting('2024-02-01', 'A', 'python', '101'), posting('2024-02-02', ' ', '', '102'), posting('2024-02-03', 'A again', 'python', '101'), posting('2024-02-04', 'B', 'go', '103')];
    const { months, problems } = postingMonths(rows, matcher, digest, opts);
    expect(months[0]!.month).toMatchObject({ postings: 2, ids: ['101', '103'], excluded: { empty: 1 }, counts: { Python: 1 } });
    expect(problems).toEqual([{ row: rows[2]!.row, column: 'id', reason: `the posting id "101" is already on row ${rows[0]!.row}; counted once` }]);
  });

  it('counts postings with no keywords configured', () => {
    const { months } = postingMonths([posting('2023-12-31T23:59:59Z', 'x', 'y')], compileKeywords({}), keywordsDigest({}), opts);
    expect(months[0]!.month).toMatchObject({ month: '2023-12', postings: 1, counts: {}, complete: true });
    expect(months[0]!.month.ids).toBeUndefined();
  });
});

describe('totals to months', () => {
  const total = (month: string, keyword: string | undefined, count: number): TotalRow => ({ row: ++row, month, count, ...(keyword ? { keyword } : {}) });

  it('imports counts as they are, the total row giving the postings', () => {
    const { months, problems, warnings } = totalMonths([total('2024-02', 'Python', 30), total('2024-02', undefined, 120), total('2024-02', 'OpenStack', 7), total('2024-03', undefined, 10)], opts);
    expect(problems).toEqual([]);
    expect(warnings).toEqual([]);
    expect(months.map((m) => m.month)).toEqual([
      { month: '2024-02', postings: 120, counts: { Python: 30, OpenStack: 7 }, threads: [{ id: 'jobs.csv', title: 'jobs.csv', created: '2024-02-01T00:00:00Z' }], complete: true, excluded: {}, keywordsDigest: IMPORTED_TOTALS_DIGEST },
      { month: '2024-03', postings: 10, counts: {}, threads: [{ id: 'jobs.csv', title: 'jobs.csv', created: '2024-03-01T00:00:00Z' }], complete: false, excluded: {}, keywordsDigest: IMPORTED_TOTALS_DIGEST },
    ]);
    for (const m of months) expect(() => JobMonth.parse(m.month)).not.toThrow();
  });

  it('takes the largest count for a month without a total, and says so', () => {
    const { months, warnings } = totalMonths([total('2024-01', 'Python', 30), total('2024-01', 'Go', 12)], opts);
    expect(months[0]!.month.postings).toBe(30);
    expect(warnings).toEqual([{ where: 'jobs.csv 2024-01', message: expect.stringContaining("no total (or postings) row: the month's postings are taken as its largest keyword count, 30") }]);
  });

  it('keeps the first of two rows for the same month and keyword, and warns of a count above the total', () => {
    const rows = [total('2024-01', undefined, 10), total('2024-01', 'Python', 12), total('2024-01', 'Python', 3), total('2024-01', undefined, 11)];
    const { months, problems, warnings } = totalMonths(rows, opts);
    expect(months[0]!.month).toMatchObject({ postings: 10, counts: { Python: 12 } });
    expect(problems).toEqual([
      { row: rows[2]!.row, column: 'keyword', reason: `"Python" for 2024-01 is already on row ${rows[1]!.row}; that row is kept` },
      { row: rows[3]!.row, column: 'keyword', reason: `the total for 2024-01 is already on row ${rows[0]!.row}; that row is kept` },
    ]);
    expect(warnings).toEqual([{ where: 'jobs.csv 2024-01', message: `"Python" count more postings than the month's total, 10` }]);
  });
});
