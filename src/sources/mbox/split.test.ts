import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSeparator, MboxSplitter, parseEnvelope, splitMbox, splitMboxStream, type RawMessage, type SplitOptions } from './split.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/mbox/${name}`, import.meta.url));
const bytes = (text: string) => new TextEncoder().encode(text);
const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');
const split = (input: string | Uint8Array, options?: SplitOptions) => [...splitMbox(typeof input === 'string' ? bytes(input) : input, options)];

describe('isSeparator', () => {
  it('takes the asctime form anywhere, with or without seconds, zone or a comma', () => {
    for (const line of [
      'From jdoe@cs.example.edu Mon Mar  3 14:02:11 1997',
      'From MAILER-DAEMON Thu Jan  1 00:00:00 1998',
      'From - Thu Jan 1 00:00 1998',
      'From  Thu Jan  1 00:00:00 1998',
      'From jdoe@example.org Thu Jan  1 00:00:00 PST 1998',
      'From jdoe@example.org Thu, Jan  1 00:00:00 +0100 1998',
      'From kim at example.org  Sat Nov  8 11:37:32 2014',
    ])
      expect(isSeparator(line, false), line).toBe(true);
  });

  it('takes a sender with an at sign and any date only after a blank line', () => {
    expect(isSeparator('From jdoe@example.org 4 Mar 1997 11:00', true)).toBe(true);
    expect(isSeparator('From jdoe@example.org Tue, 4 Mar 1997 11:00:00 -0500', true)).toBe(true);
    expect(isSeparator('From jdoe at example.org 1997-03-04', true)).toBe(true);
    expect(isSeparator('From jdoe@example.org 4 Mar 1997 11:00', false)).toBe(false);
  });

  it('leaves body lines that start with "From " alone', () => {
    for (const line of ['From the changelog:', 'From the minutes of 3 May:', 'From what I see at 10:30 it works', 'From: jdoe@example.org', 'From jdoe@example.org, thanks', 'From jdoe@example.org I got 3 replies', 'From the minutes of 3 May 1999:', 'Fromage Thu Jan  1 00:00:00 1998'])
      expect(isSeparator(line, true), line).toBe(false);
  });
});

describe('splitMbox', () => {
  it('splits a 1990s archive into its four messages, with their offsets and envelopes', () => {
    const buf = fixture('1990s.mbox');
    const messages = split(buf);
    const envelopes = ['From jdoe@cs.example.edu Mon Mar  3 14:02:11 1997', 'From mmuller@example.de Tue Mar  4 09:15:00 1997', 'From jdoe@cs.example.edu 4 Mar 1997 11:00', 'From list-admin@lists.example.edu Wed Mar  5 00:00:00 1997'];
    expect(messages.map((m) => m.envelope)).toEqual(envelopes);
    expect(messages.map((m) => m.offset)).toEqual(envelopes.map((e) => buf.indexOf(e)));
    // The first message keeps its body lines that start with "From " and unquotes ">From ".
    const first = text(messages[0]!.bytes);
    expect(first).toMatch(/^Received: by cs\.example\.edu/);
    expect(first).toContain('\n\nFrom the changelog:\n');
    expect(first).toContain('\nFrom now on, please report bugs to the list.\n');
    // No blank line of the format at the end, and the message's last line break kept.
    expect(first.endsWith('John Doe, Dept. of Widgetry\n')).toBe(true);
    const third = text(messages[2]!.bytes);
    expect(third).toContain('\nFrom   the archive maintainer: this line is not a separator.\n>From here on it is mboxrd-quoted.\n');
    // Latin1 bytes are passed through untouched.
    expect(messages[1]!.bytes.includes(0xfc)).toBe(true);
  });

  it('returns views into the buffer unless a line was unquoted', () => {
    const buf = fixture('1990s.mbox');
    const [first, second] = split(buf);
    expect(second!.bytes.buffer).toBe(buf.buffer);
    expect(first!.bytes.buffer).not.toBe(buf.buffer);
  });

  it('reads >From lines as mboxrd by default, or as mboxo, or not at all', () => {
    const input = 'From a@example.org Thu Jan  1 00:00:00 1998\nSubject: x\n\n>From one\n>>From two\n>>>From three\n> From four\n>Fromage\n';
    const body = (options?: SplitOptions) => text(split(input, options)[0]!.bytes).split('\n\n')[1];
    expect(body()).toBe('From one\n>From two\n>>From three\n> From four\n>Fromage\n');
    expect(body({ variant: 'mboxrd' })).toBe(body());
    expect(body({ variant: 'mboxo' })).toBe('From one\n>>From two\n>>>From three\n> From four\n>Fromage\n');
    expect(body({ variant: 'none' })).toBe('>From one\n>>From two\n>>>From three\n> From four\n>Fromage\n');
  });

  it('splits CRLF archives the same way, keeping CRLF inside messages', () => {
    const buf = fixture('crlf.mbox');
    expect(buf.includes('\r\n')).toBe(true);
    const messages = split(buf);
    expect(messages.map((m) => m.envelope)).toEqual(['From judy@example.org Mon Apr  3 09:00:00 2023', 'From judy@example.org Mon Apr  3 09:05:00 2023']);
    expect(text(messages[0]!.bytes).endsWith('First message, CRLF line breaks.\r\nFrom here, quoted.\r\n')).toBe(true);
    expect(text(messages[1]!.bytes).endsWith('Second message.\r\n')).toBe(true);
    expect(messages[1]!.offset).toBe(buf.indexOf('From judy@example.org Mon Apr  3 09:05'));
  });

  it('splits pipermail months on their "user at host" lines', () => {
    const messages = split(fixture('pipermail-2014-November.txt'));
    expect(messages.map((m) => m.envelope)).toEqual(['From kim at example.org  Sat Nov  8 11:37:32 2014', 'From lee at example.net  Sat Nov  8 12:00:00 2014', 'From kim at example.org  Mon Dec 15 09:00:00 2014']);
  });

  it('splits on a strict separator even without a blank line before it, a lax one only after one', () => {
    const strict = split('From a@example.org Thu Jan  1 00:00:00 1998\nSubject: one\n\nbody\nFrom b@example.org Thu Jan  1 00:00:01 1998\nSubject: two\n\nbody\n');
    expect(strict.map((m) => text(m.bytes))).toEqual(['Subject: one\n\nbody\n', 'Subject: two\n\nbody\n']);
    const lax = split('From a@example.org Thu Jan  1 00:00:00 1998\nSubject: one\n\nbody\nFrom b@example.org 2 Jan 1998\nmore\n\nFrom c@example.org 2 Jan 1998\nSubject: three\n');
    expect(lax.map((m) => m.envelope)).toEqual(['From a@example.org Thu Jan  1 00:00:00 1998', 'From c@example.org 2 Jan 1998']);
    expect(text(lax[0]!.bytes)).toBe('Subject: one\n\nbody\nFrom b@example.org 2 Jan 1998\nmore\n');
  });

  it('reads a file without separators as one message, and drops a blank start', () => {
    expect(split('Subject: bare\n\nbody')).toEqual([{ offset: 0, envelope: undefined, bytes: bytes('Subject: bare\n\nbody') }]);
    const leading = split('\n\r\n\nFrom a@example.org Thu Jan  1 00:00:00 1998\nSubject: x\n\ny');
    expect(leading.map((m) => [m.offset, m.envelope, text(m.bytes)])).toEqual([[4, 'From a@example.org Thu Jan  1 00:00:00 1998', 'Subject: x\n\ny']]);
    expect(split('')).toEqual([]);
    expect(split('\n\n')).toEqual([]);
  });

  it('keeps text before the first separator and empty messages, for the parser to report', () => {
    const messages = split(fixture('broken.mbox'));
    expect(messages.map((m) => [m.offset, m.envelope, m.bytes.length > 0])).toEqual([
      [0, undefined, true],
      [51, 'From nobody@example.org Mon Jan  1 00:00:00 2024', false],
      [101, 'From x@example.org Mon Jan  1 00:00:01 2024', true],
    ]);
  });

  it('is linear: 50,000 messages split in well under a second per 10 MB', () => {
    const one = 'From a@example.org Thu Jan  1 00:00:00 1998\nSubject: x\nMessage-ID: <x@example.org>\n\n>From a body line\nand some text that fills the line up to a normal length\n\n';
    const buf = bytes(one.repeat(50_000));
    const started = performance.now();
    let n = 0;
    for (const m of splitMbox(buf)) n += m.bytes.length > 0 ? 1 : 0;
    expect(n).toBe(50_000);
    expect(performance.now() - started).toBeLessThan(5_000);
  });
});

describe('MboxSplitter', () => {
  const same = (a: RawMessage[], b: RawMessage[]) => expect(a.map((m) => [m.offset, m.envelope, text(m.bytes)])).toEqual(b.map((m) => [m.offset, m.envelope, text(m.bytes)]));

  it('gives the same messages for any chunk size', () => {
    for (const name of ['1990s.mbox', 'crlf.mbox', 'pipermail-2014-November.txt', 'broken.mbox', 'charsets.mbox']) {
      const buf = fixture(name);
      const whole = split(buf);
      for (const size of [1, 2, 3, 7, 64, 1000]) {
        const splitter = new MboxSplitter();
        const out: RawMessage[] = [];
        for (let i = 0; i < buf.length; i += size) out.push(...splitter.push(buf.subarray(i, i + size)));
        out.push(...splitter.end());
        same(out, whole);
      }
    }
  });

  it('returns copies, so the chunks can be reused', () => {
    const buf = Buffer.from(fixture('crlf.mbox'));
    const splitter = new MboxSplitter();
    const out = [...splitter.push(buf), ...splitter.end()];
    buf.fill(0);
    expect(text(out[1]!.bytes)).toContain('Second message.');
  });

  it('streams through splitMboxStream', async () => {
    const buf = fixture('1990s.mbox');
    async function* chunks() {
      for (let i = 0; i < buf.length; i += 100) yield buf.subarray(i, i + 100);
    }
    const out: RawMessage[] = [];
    for await (const m of splitMboxStream(chunks())) out.push(m);
    same(out, split(buf));
  });
});

describe('parseEnvelope', () => {
  it('reads sender and date (as UTC)', () => {
    expect(parseEnvelope('From jdoe@cs.example.edu Mon Mar  3 14:02:11 1997')).toEqual({ sender: 'jdoe@cs.example.edu', date: '1997-03-03T14:02:11Z' });
    expect(parseEnvelope('From kim at example.org  Sat Nov  8 11:37:32 2014')).toEqual({ sender: 'kim at example.org', date: '2014-11-08T11:37:32Z' });
    expect(parseEnvelope('From x@example.org Thu Jan  1 00:00 PST 1998')).toEqual({ sender: 'x@example.org', date: '1998-01-01T00:00:00Z' });
    expect(parseEnvelope('From jdoe@example.org 4 Mar 1997 11:00')).toEqual({ sender: 'jdoe@example.org 4 Mar 1997 11:00', date: undefined });
    expect(parseEnvelope('From  Mon Feb 30 00:00:00 1998')).toEqual({ sender: undefined, date: undefined });
  });
});
