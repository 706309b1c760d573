import { describe, expect, it } from 'vitest';
import { joinSegments, segmentBody, type Segment } from './quote.ts';

function roundTrip(text: string): Segment[] {
  const segments = segmentBody(text);
  expect(joinSegments(segments)).toBe(text);
  return segments;
}

describe('segmentBody', () => {
  it('splits reply, attribution + quote, and signature', () => {
    const text = 'I agree.\n\nOn Mon, 3 Mar 1997, John Doe wrote:\n> Widget 0.9 is out.\n>\n> Please test.\n\nThanks!\n-- \nJane';
    expect(roundTrip(text)).toEqual([
      { kind: 'text', text: 'I agree.\n' },
      { kind: 'quote', attribution: 'On Mon, 3 Mar 1997, John Doe wrote:', text: '> Widget 0.9 is out.\n>\n> Please test.', depth: 1 },
      { kind: 'text', text: '\nThanks!' },
      { kind: 'signature', text: '-- \nJane' },
    ]);
  });

  it("takes Gmail's wrapped attribution, whose second line starts with >", () => {
    const text = 'thanks!\n\nOn Sat, Nov 8, 2014 at 11:41 AM, Kim Example <kim at example.org\n> wrote:\n\n> a third thread\n>';
    expect(roundTrip(text)).toEqual([
      { kind: 'text', text: 'thanks!\n' },
      { kind: 'quote', attribution: 'On Sat, Nov 8, 2014 at 11:41 AM, Kim Example <kim at example.org\n> wrote:\n', text: '> a third thread\n>', depth: 1 },
    ]);
  });

  it('takes an attribution wrapped over two lines, and a blank line before the quote', () => {
    const text = 'On Tue, Jul 24, 2012 at 03:26:24PM -0400, Some Body\nwrote:\n\n> > nested\n> outer';
    expect(roundTrip(text)).toEqual([{ kind: 'quote', attribution: 'On Tue, Jul 24, 2012 at 03:26:24PM -0400, Some Body\nwrote:\n', text: '> > nested\n> outer', depth: 1 }]);
  });

  it('knows attributions in other languages', () => {
    for (const line of ['Dne 10.7.2012 13:48, Paul napsal(a):', 'Am 01.02.2003 schrieb Max:', 'Le 3 mars 1997, Jean a écrit :', 'El lunes, Ana escribió:', 'Иван написал:'])
      expect(roundTrip(`${line}\n> x`)[0], line).toMatchObject({ kind: 'quote', attribution: line });
  });

  it('keeps interleaved replies apart, and a "wrote:" that is not before a quote as text', () => {
    const text = '> question one\nanswer one\n> question two\nanswer two\n\nShe wrote: nothing.';
    expect(roundTrip(text).map((s) => s.kind)).toEqual(['quote', 'text', 'quote', 'text']);
    expect(roundTrip('Bob wrote:\n\nno quote follows').map((s) => s.kind)).toEqual(['text']);
  });

  it("treats Outlook's Original Message as a quote to the end", () => {
    const text = 'Top-posted answer.\n\n-----Original Message-----\nFrom: Someone\nSent: Monday\n\nThe question.';
    expect(roundTrip(text)).toEqual([
      { kind: 'text', text: 'Top-posted answer.\n' },
      { kind: 'quote', attribution: '-----Original Message-----', text: 'From: Someone\nSent: Monday\n\nThe question.', depth: 0 },
    ]);
  });

  it('ends a signature at a quote or the list footer, and accepts "--" without its space', () => {
    const text = 'Answer.\n--\nJane\n\nOn Mon, Bob wrote:\n> q\n_______________________________________________\ndev mailing list\nhttps://lists.example.org/mailman/listinfo/dev';
    expect(roundTrip(text).map((s) => [s.kind, s.text])).toEqual([
      ['text', 'Answer.'],
      ['signature', '--\nJane\n'],
      ['quote', '> q'],
      ['footer', '_______________________________________________\ndev mailing list\nhttps://lists.example.org/mailman/listinfo/dev'],
    ]);
  });

  it('leaves plain text and empty text as one segment', () => {
    expect(roundTrip('')).toEqual([{ kind: 'text', text: '' }]);
    expect(roundTrip('just text\n\nmore')).toEqual([{ kind: 'text', text: 'just text\n\nmore' }]);
    expect(roundTrip('a -- b\n-- not a signature line')).toEqual([{ kind: 'text', text: 'a -- b\n-- not a signature line' }]);
  });

  it('is linear on long bodies', () => {
    const text = Array.from({ length: 100_000 }, (_, i) => (i % 3 === 0 ? '> quoted line' : 'text line')).join('\n');
    const started = performance.now();
    expect(joinSegments(segmentBody(text))).toBe(text);
    expect(performance.now() - started).toBeLessThan(3_000);
  });
});
