import { describe, expect, it } from 'vitest';
import { growth, jobScopes, jobTrendsChartData, jobTrendsSeries, keywordWords, methodologyNote, scopeTrends, type JobMonthInput } from './job-trends.ts';
import { formatChange } from './format.ts';
import { renderLineChart } from './line-chart.ts';
import type { ChartScope } from './scopes.ts';
import { allMonths } from './series.ts';
import { chartTable } from './table.ts';
import { textAlternative } from './text-alt.ts';
import { HnHiringSourceConfig, JobsCsvSourceConfig } from '../config/schema.ts';

const KEYWORDS = ['Python', 'OpenStack', 'Python AND OpenStack'];
const month = (source: string, type: string, m: string, postings: number, counts: Record<string, number>, extra: Partial<JobMonthInput> = {}): JobMonthInput => ({
  source,
  type,
  month: m,
  postings,
  counts,
  complete: true,
  excluded: {},
  ...extra,
});
const hn = (m: string, postings: number, py: number, os: number, both: number, extra: Partial<JobMonthInput> = {}) =>
  month('hn', 'hn-hiring', m, postings, { Python: py, OpenStack: os, 'Python AND OpenStack': both }, extra);

/** hn: Jan–Apr 2024 with no thread in March and April not over; board: a file of totals (Python only), Feb–May. */
const SUMMARIES: JobMonthInput[] = [
  hn('2024-01', 400, 40, 2, 1, { excluded: { deleted: 12, dead: 3 } }),
  hn('2024-02', 500, 60, 10, 5, { excluded: { deleted: 8 } }),
  hn('2024-04', 200, 30, 42, 21, { complete: false, excluded: { empty: 1 } }),
  month('board', 'jobs-csv', '2024-02', 100, { Python: 20 }),
  month('board', 'jobs-csv', '2024-03', 0, {}),
  month('board', 'jobs-csv', '2024-05', 50, { Python: 5 }),
];

const series = jobTrendsSeries(SUMMARIES, { keywords: KEYWORDS });
const [ALL, BOARD, HN] = jobScopes(SUMMARIES) as [ChartScope, ChartScope, ChartScope];
const values = (points: readonly { month: string; value: number }[]) => points.map((p) => [p.month, p.value]);

describe('jobTrendsSeries', () => {
  it('has every keyword in config order, and scopes for all sources and each source', () => {
    expect(series.keywords).toEqual(KEYWORDS);
    expect(jobScopes(SUMMARIES).map((s) => [s.id, s.label, s.source])).toEqual([
      ['all', 'All job sources', undefined],
      ['sources/board', 'board', 'board'],
      ['sources/hn', 'hn', 'hn'],
    ]);
    expect(scopeTrends(series, HN).keywords.map((k) => k.keyword)).toEqual(KEYWORDS);
    expect(scopeTrends(series, BOARD).keywords.map((k) => k.keyword)).toEqual(['Python']);
    expect(scopeTrends(series, { source: 'nope' }).months).toEqual([]);
  });

  it('zero-fills counts over months with nothing, and sums the sources', () => {
    const hnTrends = scopeTrends(series, HN);
    expect(hnTrends.months).toEqual(['2024-01', '2024-02', '2024-03', '2024-04']);
    expect(hnTrends.empty).toEqual(['2024-03']);
    expect(values(hnTrends.keywords[0]!.counts)).toEqual([['2024-01', 40], ['2024-02', 60], ['2024-03', 0], ['2024-04', 30]]);
    const all = scopeTrends(series, ALL);
    expect(all.months).toEqual(['2024-01', '2024-02', '2024-03', '2024-04', '2024-05']);
    expect(all.empty).toEqual([]);
    expect(values(all.postings)).toEqual([['2024-01', 400], ['2024-02', 600], ['2024-03', 0], ['2024-04', 200], ['2024-05', 50]]);
    expect(values(all.keywords[0]!.counts)).toEqual([['2024-01', 40], ['2024-02', 80], ['2024-03', 0], ['2024-04', 30], ['2024-05', 5]]);
    expect(all.incomplete).toEqual(['2024-04']);
    expect(all.excluded).toEqual({ deleted: 20, dead: 3, empty: 1 });
  });

  it('gives no value, not 0, where no source counted a keyword', () => {
    const all = scopeTrends(series, ALL);
    // OpenStack: board does not count it, so May (board alone) has no value; March (no postings at all) is 0.
    expect(values(all.keywords[1]!.counts)).toEqual([['2024-01', 2], ['2024-02', 10], ['2024-03', 0], ['2024-04', 42]]);
    expect(all.partial).toEqual(['OpenStack', 'Python AND OpenStack']);
    // Its share's base is the postings of the sources that counted it: hn's 500 in February, not 600.
    expect(values(all.keywords[1]!.base)).toEqual([['2024-01', 400], ['2024-02', 500], ['2024-03', 0], ['2024-04', 200]]);
  });
});

describe('jobTrendsChartData', () => {
  it('draws counts per keyword with honest words', () => {
    const data = jobTrendsChartData(series, ALL, {}, 'Demo');
    expect(data.title).toBe('Job postings per month by keyword: all job sources');
    expect(data.series.map((s) => [s.id, s.label, s.total])).toEqual([
      ['kw-python', 'Python', 'sum'],
      ['kw-openstack', 'OpenStack', 'sum'],
      ['kw-python-and-openstack', 'Python AND OpenStack', 'sum'],
    ]);
    expect(data.unit).toBe('postings per month');
    expect(data.description).toBe(
      'Job postings in all job sources each month (UTC) that mention Python, OpenStack and Python AND OpenStack; a posting that mentions several counts under each. 1,250 postings in all, from January 2024 to May 2024.',
    );
    expect(data.source).toContain('Demo, from a job board’s export (board) and Hacker News “Ask HN: Who is hiring?” threads (hn).');
    expect(data.source).toContain('a posting is a top-level comment of a month’s “Who is hiring?” thread');
    expect(data.source).toContain('Not final: April 2024 (the month is not over, or a thread is still to be read).');
    expect(data.source).toContain('Left out, not counted as postings: 20 deleted, 3 dead and 1 empty.');
    expect(data.source).toContain('OpenStack and Python AND OpenStack are not counted by every source in every month');
    expect(jobTrendsChartData(series, HN, {}, 'Demo').source).toContain('Nothing was found for March 2024 (no thread or row): counted as 0 postings.');
  });

  it('draws shares of the month’s postings, with no value for a month of no postings', () => {
    const data = jobTrendsChartData(series, ALL, { measure: 'share' }, 'Demo');
    expect(data.title).toBe('Share of job postings per month by keyword: all job sources');
    expect(data.unit).toBe('percent of the month’s postings');
    expect(values(data.series[0]!.points)).toEqual([['2024-01', 10], ['2024-02', 13.33], ['2024-04', 15], ['2024-05', 10]]);
    // OpenStack out of hn's postings only (2 of 400, 10 of 500, 42 of 200).
    expect(values(data.series[1]!.points)).toEqual([['2024-01', 0.5], ['2024-02', 2], ['2024-04', 21]]);
    expect(data.series.every((s) => s.total === 'none')).toBe(true);
    expect(data.description).toContain('Months with no postings have no value.');
  });

  it('smooths with a trailing average, counts by month and shares by pooled postings', () => {
    const counts = jobTrendsChartData(series, HN, { smoothing: 3 }, 'Demo');
    expect(counts.title).toBe('Job postings per month by keyword (3-month average): hn');
    expect(values(counts.series[0]!.points)).toEqual([['2024-03', 33.3], ['2024-04', 30]]);
    expect(counts.series[0]!.total).toBe('none');
    expect(counts.description).toContain('the average of the month and the 2 before it; the first 2 months have none.');
    const shares = jobTrendsChartData(series, HN, { measure: 'share', smoothing: 3 }, 'Demo');
    // (40 + 60 + 0) of (400 + 500 + 0); then (60 + 0 + 30) of (500 + 0 + 200).
    expect(values(shares.series[0]!.points)).toEqual([['2024-03', 11.11], ['2024-04', 12.86]]);
    // A window with a month the keyword was not counted in (OpenStack in May) has no value.
    expect(values(jobTrendsChartData(series, ALL, { smoothing: 3 }, 'Demo').series[1]!.points)).toEqual([['2024-03', 4], ['2024-04', 17.3]]);
    expect(jobTrendsChartData(series, HN, { smoothing: 6 }, 'Demo').series[0]!.points).toEqual([]);
  });

  it('compares chosen keywords, in the order asked, and refuses unknown ones and options', () => {
    const data = jobTrendsChartData(series, HN, { keywords: ['OpenStack', 'Python'] }, 'Demo');
    expect(data.title).toBe('Job postings per month: OpenStack and Python, hn');
    expect(data.series.map((s) => s.label)).toEqual(['OpenStack', 'Python']);
    expect(() => jobTrendsChartData(series, BOARD, { keywords: ['OpenStack'] }, 'Demo')).toThrow('job-trends chart: no keyword "OpenStack" here (known: "Python")');
    expect(() => jobTrendsChartData(series, ALL, { smoothing: 2.5 }, 'Demo')).toThrow(/smoothing must be a whole number/);
    expect(() => jobTrendsChartData(series, ALL, { measure: 'ratio' as 'share' }, 'Demo')).toThrow(/unknown measure "ratio"/);
  });

  it('can add the month’s postings as a series', () => {
    const data = jobTrendsChartData(series, HN, { postings: true }, 'Demo');
    expect(data.series.at(-1)).toMatchObject({ id: 'postings', label: 'All postings', total: 'sum' });
    expect(values(data.series.at(-1)!.points)).toEqual([['2024-01', 400], ['2024-02', 500], ['2024-03', 0], ['2024-04', 200]]);
  });

  it('renders on both scales, with a table and a text alternative', () => {
    for (const measure of ['count', 'share'] as const) {
      const data = jobTrendsChartData(series, ALL, { measure }, 'Demo');
      for (const yScale of ['linear', 'log'] as const) expect(renderLineChart(data, { id: 'j', yScale })).not.toMatch(/NaN|Infinity/);
      expect(chartTable(data).rows).toHaveLength(allMonths(data).length);
      expect(textAlternative(data)).toMatch(/^From January 2024 to May 2024 \(5 months\)\. Python: /);
    }
  });

  it('says there is no data yet without summaries', () => {
    const empty = jobTrendsSeries([]);
    const data = jobTrendsChartData(empty, ALL, {}, 'Demo');
    expect(data.series).toEqual([{ id: 'postings', label: 'Postings', total: 'sum', points: [] }]);
    expect(renderLineChart(data, { id: 'e' })).toContain('No data yet');
    expect(jobScopes([]).map((s) => s.id)).toEqual(['all']);
  });
});

describe('growth', () => {
  it('is the change from one month to another in percent of the first, labelled like the talk', () => {
    // OpenStack on hn: 2 in January, 42 in April.
    expect(growth(series, 'OpenStack', '2024-01', '2024-04', { scope: HN })).toEqual({ from: '2024-01', to: '2024-04', value: 2000, label: '+2,000%', start: 2, end: 42 });
    expect(growth(series, 'Python', '2024-02', '2024-04', { scope: HN })).toMatchObject({ value: -50, label: '−50%' });
    expect(growth(series, 'Python', '2024-01', '2024-04', { scope: HN, measure: 'share' })).toMatchObject({ start: 10, end: 15, value: 50, label: '+50%' });
    expect(growth(series, 'Python', '2024-01', '2024-01')).toMatchObject({ value: 0, label: '0%' });
  });

  it('has no value from 0 or where a month has none', () => {
    expect(growth(series, 'Python', '2024-03', '2024-04', { scope: HN })).toEqual({ from: '2024-03', to: '2024-04', value: undefined, label: '—', start: 0, end: 30, reason: '0 in March 2024: growth from nothing has no percentage' });
    expect(growth(series, 'Python', '2024-01', '2024-03', { measure: 'share' })).toMatchObject({ value: undefined, label: '—', reason: 'no value in March 2024' });
    expect(growth(series, 'Python', '2023-01', '2030-01')).toMatchObject({ value: undefined, reason: 'no value in January 2023 and January 2030' });
    expect(() => growth(series, 'Rust', '2024-01', '2024-02')).toThrow('no keyword "Rust"');
  });

  it('formats changes with a sign and at most one decimal', () => {
    expect([2100, -50, 12.34, 0.04, -0.04, 0].map(formatChange)).toEqual(['+2,100%', '−50%', '+12.3%', '0%', '0%', '0%']);
  });
});

describe('methodologyNote', () => {
  // The config's own parsing, so the note reads what a manager wrote (defaults included).
  const hnConfig = HnHiringSourceConfig.parse({
    id: 'hn-jobs',
    type: 'hn-hiring',
    since: '2012-01',
    keywords: {
      Python: { any: ['python', 'django', 'flask'] },
      OpenStack: { any: ['openstack'] },
      'Python AND OpenStack': { all: ['Python', 'OpenStack'] },
      Storage: { any: ['storage', 'ceph', 'swift'], none: ['swift ui'] },
      'Remote Python': { all: ['Python'], any: ['remote'] },
    },
  });
  const board = JobsCsvSourceConfig.parse({ id: 'board', type: 'jobs-csv', path: '/home/someone/exports/jobs.csv' });

  it('names the sources, each keyword in words and the rules', () => {
    const note = methodologyNote([hnConfig, board, { id: 'lists', type: 'mbox' }]);
    expect(note[0]).toBe('Job postings are counted per calendar month (UTC), from 2 sources.');
    expect(note[1]).toMatch(/^hn-jobs: Hacker News “Ask HN: Who is hiring\?” threads, one a month, read through the Algolia HN Search API, from January 2012\. A posting is a top-level comment/);
    expect(note[2]).toMatch(/^board: a job board’s export \(jobs\.csv\)\./);
    expect(note.join('\n')).not.toContain('someone');
    expect(note.slice(3, 9)).toEqual([
      'Keywords of hn-jobs:',
      'Python: postings naming python, django or flask.',
      'OpenStack: postings naming openstack.',
      'Python AND OpenStack: postings counted under both Python and OpenStack.',
      'Storage: postings naming storage, ceph or swift, except those naming swift ui.',
      'Remote Python: postings counted under Python that also name remote.',
    ]);
    expect(note.at(-1)).toContain('the postings’ text is not stored');
  });

  it('lists shared keywords once, and says when there are none', () => {
    const twin = { ...hnConfig, id: 'hn-mirror', url: 'https://user:secret@proxy.example/api/v1/' };
    const note = methodologyNote([hnConfig, twin]);
    expect(note.filter((p) => p.startsWith('Keywords'))).toEqual(['Keywords (every source):']);
    expect(note.find((p) => p.startsWith('hn-mirror'))).toContain('read through the API at https://proxy.example/api/v1, from January 2012');
    expect(note.join('\n')).not.toContain('secret');
    expect(methodologyNote([board])).toContain('No keywords are configured.');
    expect(methodologyNote([])).toEqual(['No job source is configured.']);
    expect(methodologyNote([HnHiringSourceConfig.parse({ id: 'hn', type: 'hn-hiring' })])[1]).toContain('from April 2011');
  });

  it('words a combination of three keywords', () => {
    expect(keywordWords('Stack', { all: ['Python', 'OpenStack', 'Storage'] })).toBe('Stack: postings counted under all of Python, OpenStack and Storage.');
  });
});
