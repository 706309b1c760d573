import { describe, expect, it } from 'vitest';
import { describeRow, JobsCsvError, parseJobsCsv, postingDate, totalsMonth, type PostingRow, type TotalRow } from './parse.ts';

const postings = (text: string) => {
  const r = parseJobsCsv(text);
  if (r.form !== 'postings') throw new Error(`read as ${r.form}`);
  return r;
};
const totals = (text: string) => {
  const r = parseJobsCsv(text);
  if (r.form !== 'totals') throw new Error(`read as ${r.form}`);
  return r;
};
const fileError = (text: string) => {
  try {
    parseJobsCsv(text);
  } catch (err) {
    expect(err).toBeInstanceOf(JobsCsvError);
    return (err as Error).message;
  }
  throw new Error('expected the file to be refused');
};

describe('the postings form', () => {
  it('reads date,title,text rows with RFC 4180 quoting', () => {
    const r = postings(['date,title,text', '2024-01-11,Backend engineer,"Python, Django and ""OpenStack"""', '2024-01-12T09:30:00Z,"Multi', 'line title",<p>C++ &amp; Rust</p>', ''].join('\n'));
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual<PostingRow[]>([
      { row: 2, date: '2024-01-11T00:00:00Z', month: '2024-01', title: 'Backend engineer', text: 'Python, Django and "OpenStack"' },
      { row: 3, date: '2024-01-12T09:30:00Z', month: '2024-01', title: 'Multi\nline title', text: '<p>C++ &amp; Rust</p>' },
    ]);
  });

  it('reads CRLF files with a byte order mark, columns in any order and case, extra columns ignored, an id column', () => {
    const r = postings('\ufeffText,ID,Company,Date,Title\r\n"a\r\nb",17,Acme,2024-02-01 10:00+02:00,T1\r\n,,,2024-03-31T23:30:00-01:00,\r\n');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual([
      { row: 2, date: '2024-02-01T08:00:00Z', month: '2024-02', title: 'T1', text: 'a\nb', id: '17' },
      { row: 4, date: '2024-04-01T00:30:00Z', month: '2024-04', title: '', text: '' },
    ]);
    // Old Mac line ends, and rows after a quoted CRLF still numbered by their line.
    const cr = postings('date,title,text\r2024-01-01,"a\r\n\r\nb",c\r2024-13-01,c,d\r');
    expect(cr.rows.map((x) => x.row)).toEqual([2]);
    expect(cr.problems.map((p) => [p.row, p.column])).toEqual([[5, 'date']]);
  });

  it('names the row and column of a bad date and keeps the other rows', () => {
    const r = postings('date,title,text\n2024-01-02,a,b\n2024-13-01,c,d\n01/02/2024,e,f\n2024-02-30,g,h\n1704067200,i,j\n2024-03-04,k,l\n');
    expect(r.rows.map((x) => x.row)).toEqual([2, 7]);
    expect(r.problems.map((p) => `${describeRow('jobs.csv', p)}: ${p.reason}`)).toEqual([
      'jobs.csv row 3, column date: "2024-13-01" is not a date (expected YYYY-MM-DD, or a date and time such as 2024-01-11T14:00:05Z or 2024-01-11 14:00+02:00)',
      expect.stringMatching(/^jobs\.csv row 4, column date: "01\/02\/2024" is not a date/),
      expect.stringMatching(/^jobs\.csv row 5, column date: "2024-02-30" is not a date/),
      expect.stringMatching(/^jobs\.csv row 6, column date: "1704067200" is not a date/),
    ]);
  });

  it('reports rows with the wrong number of fields or broken quoting, by the line they start on', () => {
    const r = postings(['date,title,text', '2024-01-02,a,b,extra', '2024-01-03,"two', 'lines",ok', '2024-01-04,only two', '2024-01-05,x "y" z,t', '2024-01-06,fine,row', '2024-01-07,"never closed,t', '2024-01-08,a,b'].join('\n'));
    expect(r.rows.map((x) => [x.row, x.title])).toEqual([
      [3, 'two\nlines'],
      [7, 'fine'],
    ]);
    expect(r.problems.map((p) => [p.row, p.reason])).toEqual([
      [2, '4 fields where the header has 3 (a field with a comma must be quoted)'],
      [5, '2 fields where the header has 3 (a field with a comma must be quoted)'],
      [6, expect.stringMatching(/^a quote in the middle of an unquoted field/)],
      [8, 'a quoted field opened in this row is never closed, so the rest of the file (to line 9) is one field and was not read'],
    ]);
  });

  it('skips blank lines', () => {
    expect(postings('\n\ndate,title,text\n\n2024-01-02,a,b\n\n').rows.map((x) => x.row)).toEqual([5]);
  });
});

describe('the totals form', () => {
  it('reads month,keyword,count rows; total and postings give the month count', () => {
    const r = totals('month,keyword,count\n2024-01,total,120\n2024-01,Python,30\n2024-01,"Python AND OpenStack",4\n2024-02,POSTINGS,99\n');
    expect(r.problems).toEqual([]);
    expect(r.rows).toEqual<TotalRow[]>([
      { row: 2, month: '2024-01', count: 120 },
      { row: 3, month: '2024-01', keyword: 'Python', count: 30 },
      { row: 4, month: '2024-01', keyword: 'Python AND OpenStack', count: 4 },
      { row: 5, month: '2024-02', count: 99 },
    ]);
  });

  it('names the row and column of a bad month, keyword or count', () => {
    const r = totals('Month,Keyword,Count\n2024-1,Python,3\n2024-01-01,Python,3\n2024-01,,3\n2024-01,Go,-1\n2024-01,Go,1.5\n2024-01,Go,\n2024-01,Go,7\n');
    expect(r.rows).toEqual([{ row: 8, month: '2024-01', keyword: 'Go', count: 7 }]);
    expect(r.problems.map((p) => `${describeRow('t.csv', p)}: ${p.reason}`)).toEqual([
      't.csv row 2, column month: "2024-1" is not a month (expected YYYY-MM, e.g. 2024-03)',
      't.csv row 3, column month: "2024-01-01" is not a month (expected YYYY-MM, e.g. 2024-03)',
      't.csv row 4, column keyword: no keyword',
      't.csv row 5, column count: "-1" is not a count (expected a whole number, 0 or more)',
      't.csv row 6, column count: "1.5" is not a count (expected a whole number, 0 or more)',
      't.csv row 7, column count: "" is not a count (expected a whole number, 0 or more)',
    ]);
  });
});

describe('the header', () => {
  it('refuses a file with no header, an unknown form, both forms or a repeated column', () => {
    expect(fileError('')).toMatch(/no header row/);
    expect(fileError('\ufeff\r\n\r\n')).toMatch(/no header row/);
    expect(fileError('when,what\n2024-01-01,x\n')).toBe('row 1: the header "when,what" is not one of the two forms; expected date,title,text (postings) or month,keyword,count (monthly totals)');
    expect(fileError('date,title\n')).toMatch(/^row 1: the header "date,title" is not one of the two forms: no text column;/);
    expect(fileError('month,keyword,total\n')).toMatch(/: no count column;/);
    expect(fileError('date,title,text,month,keyword,count\n')).toMatch(/has the columns of both forms/);
    expect(fileError('\n\ndate,date,title,text\n')).toBe('row 3: the header names the column "date" twice');
  });

  it('gives no rows for a header alone', () => {
    expect(parseJobsCsv('month,keyword,count\r\n')).toEqual({ form: 'totals', rows: [], problems: [] });
  });
});

describe('dates', () => {
  it('reads dates and date-times into UTC, refusing what is not one', () => {
    expect(postingDate('2024-01-11')).toEqual({ date: '2024-01-11T00:00:00Z', month: '2024-01' });
    expect(postingDate('2024-01-11T14:00:05Z')).toEqual({ date: '2024-01-11T14:00:05Z', month: '2024-01' });
    expect(postingDate('2024-01-11t14:00:05.123z')).toEqual({ date: '2024-01-11T14:00:05Z', month: '2024-01' });
    expect(postingDate('2024-01-11 14:00')).toEqual({ date: '2024-01-11T14:00:00Z', month: '2024-01' });
    expect(postingDate('2024-02-01T01:00:00+02:00')).toEqual({ date: '2024-01-31T23:00:00Z', month: '2024-01' });
    expect(postingDate('2024-02-29')).toEqual({ date: '2024-02-29T00:00:00Z', month: '2024-02' });
    for (const bad of ['2023-02-29', '2024-00-10', '2024-01-32', '2024-01-11T24:00:00Z', '2024-01-11T10:60Z', '2024-01-11T10:00+15:00', '2024-01', 'Jan 11 2024', '11.01.2024', '2024-01-11T10:00:00 UTC', '']) {
      expect(postingDate(bad)).toEqual({ error: expect.stringContaining(`"${bad}" is not a date`) });
    }
    expect(totalsMonth(' 2024-12 ')).toBe('2024-12');
    expect(totalsMonth('2024-13')).toEqual({ error: expect.stringContaining('is not a month') });
  });
});
