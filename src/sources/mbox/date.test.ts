import { describe, expect, it } from 'vitest';
import { parseMailDate } from './date.ts';

const iso = (v: string) => parseMailDate(v)?.iso;
const flags = (v: string) => parseMailDate(v)?.flags;

describe('parseMailDate', () => {
  it('reads RFC 5322 dates as UTC', () => {
    expect(parseMailDate('Tue, 10 Jul 2012 13:29:44 +0200')).toEqual({ iso: '2012-07-10T11:29:44Z', flags: [] });
    expect(iso('10 Jul 2012 13:29:44 -0700')).toBe('2012-07-10T20:29:44Z');
    expect(iso('Tue, 10 Jul 2012 13:29:44 +0200 (CEST)')).toBe('2012-07-10T11:29:44Z');
    expect(iso('Sun, 29 Jul 2012 20:57 +0200')).toBe('2012-07-29T18:57:00Z');
    expect(iso('Tue,10 Jul 2012 13:29:44 +0530')).toBe('2012-07-10T07:59:44Z');
    expect(iso('Mon, 31 Dec 2012 23:30:00 -0100')).toBe('2013-01-01T00:30:00Z');
    expect(iso('Wed, 31 Dec 2008 23:59:60 +0000')).toBe('2008-12-31T23:59:59Z');
    expect(iso('  Thu, 1 January 2004 09:00:00.123 +0000 ')).toBe('2004-01-01T09:00:00Z');
  });

  it('reads two- and three-digit years the way RFC 5322 says', () => {
    expect(parseMailDate('Mon, 3 Mar 97 14:02:11 -0500')).toEqual({ iso: '1997-03-03T19:02:11Z', flags: ['two-digit-year'] });
    expect(iso('Mon, 5 Jan 04 10:00:00 +0000')).toBe('2004-01-05T10:00:00Z');
    expect(iso('Fri, 1 Jan 49 10:00:00 +0000')).toBe('2049-01-01T10:00:00Z');
    expect(iso('Sun, 1 Jan 50 10:00:00 +0000')).toBe('1950-01-01T10:00:00Z');
    expect(iso('Wed, 1 Jan 103 10:00:00 +0000')).toBe('2003-01-01T10:00:00Z');
  });

  it('reads obsolete and common zone names', () => {
    expect(iso('Mon, 3 Mar 97 14:02:11 EST')).toBe('1997-03-03T19:02:11Z');
    expect(iso('4 Mar 97 11:00 PST')).toBe('1997-03-04T19:00:00Z');
    expect(iso('Thu, 1 Jul 1999 12:00:00 EDT')).toBe('1999-07-01T16:00:00Z');
    expect(parseMailDate('Thu, 1 Jul 1999 12:00:00 GMT')).toEqual({ iso: '1999-07-01T12:00:00Z', flags: [] });
    expect(iso('Thu, 1 Jul 1999 12:00:00 UT')).toBe('1999-07-01T12:00:00Z');
    expect(iso('Thu, 1 Jul 1999 12:00:00 CEST')).toBe('1999-07-01T10:00:00Z');
    expect(iso('Thu, 1 Jul 1999 12:00:00 MET DST')).toBe('1999-07-01T11:00:00Z');
    expect(iso('Thu, 1 Jul 1999 12:00:00 GMT+0200')).toBe('1999-07-01T10:00:00Z');
    expect(iso('Thu, 1 Jul 1999 12:00:00+0200')).toBe('1999-07-01T10:00:00Z');
    // A numeric zone wins over a name written after it.
    expect(iso('Thu, 1 Jul 1999 12:00:00 +0200 CEST')).toBe('1999-07-01T10:00:00Z');
  });

  it('reads a missing, unknown, military or impossible zone as UTC, flagged', () => {
    for (const v of ['Thu, 1 Jul 1999 12:00:00', 'Thu, 1 Jul 1999 12:00:00 XYZT', 'Thu, 1 Jul 1999 12:00:00 A', 'Thu, 1 Jul 1999 12:00:00 +2500', 'Thu, 1 Jul 1999 12:00:00 -0075'])
      expect(parseMailDate(v), v).toEqual({ iso: '1999-07-01T12:00:00Z', flags: ['zone-assumed'] });
  });

  it('reads asctime, dd-Mon-yyyy and ISO 8601', () => {
    expect(iso('Thu Jan  1 00:00:00 1998')).toBe('1998-01-01T00:00:00Z');
    expect(iso('Thu Jan  1 00:00:00 1998 +0100')).toBe('1997-12-31T23:00:00Z');
    expect(iso('Thu Jan  1 00:00:00 PST 1998')).toBe('1998-01-01T08:00:00Z');
    expect(iso('1-Jan-1998 10:00:00 +0000')).toBe('1998-01-01T10:00:00Z');
    expect(iso('2012-07-10 13:29:44+02:00')).toBe('2012-07-10T11:29:44Z');
    expect(iso('2012-07-10T13:29:44Z')).toBe('2012-07-10T13:29:44Z');
    expect(parseMailDate('2012-07-10 13:29')).toEqual({ iso: '2012-07-10T13:29:00Z', flags: ['zone-assumed'] });
  });

  it('flags implausible years but still returns them', () => {
    expect(flags('Thu, 1 Jan 1970 00:00:00 +0000')).toEqual(['implausible']);
    expect(flags('Fri, 1 Jan 2100 00:00:00 +0000')).toEqual(['implausible']);
  });

  it('returns undefined for what is not a date', () => {
    for (const v of ['', '   ', 'yesterday', 'Thu, 1 Foo 1999 12:00:00 +0000', 'Thu, 30 Feb 1999 12:00:00 +0000', 'Thu, 1 Jul 1999 25:00:00 +0000', 'Thu, 1 Jul 1999', 'Jul 1999 12:00:00', '(just a comment)'])
      expect(parseMailDate(v), v).toBeUndefined();
    expect(parseMailDate(undefined)).toBeUndefined();
  });
});
