/**
 * Real mbox files and pipermail months (see ../shared/reference-data/SOURCES.md) through the
 * real split + parse + thread path, and the two archive index pages through the link reader.
 * The samples are read in place, never copied, and nothing from them (names, addresses, ids,
 * subjects) is written here: the assertions are counts and shapes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { maskArchiveEmail } from '../../src/lib/privacy.ts';
import { MessageParseError, parseRawMessage, type ParsedMessage } from '../../src/sources/mbox/parse.ts';
import { parseArchiveIndex } from '../../src/sources/mbox/pipermail.ts';
import { joinSegments, segmentBody } from '../../src/sources/mbox/quote.ts';
import { splitMbox } from '../../src/sources/mbox/split.ts';
import { threadMessages } from '../../src/sources/mbox/thread.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = resolve(process.env.AGORA_REFERENCE_DATA ?? join(REPO, '..', 'shared', 'reference-data'));
const DIRS = ['mbox', 'pipermail'].map((d) => join(REFERENCE, d));
const present = DIRS.every((d) => existsSync(d));
if (!present) console.warn(`mbox conformance skipped: no reference data at ${DIRS.join(' and ')} (set AGORA_REFERENCE_DATA to the reference-data folder)`);

/** An address with an at sign, or pipermail's spelled-out one, with a local part of two or more characters (masked ones keep one). */
const ADDRESS = /[\p{L}\p{N}._%+-]{2,}(?:@| at )(?:[\p{L}\p{N}-]+\.)+\p{L}{2,}/u;

interface Sample {
  file: string;
  bytes: Buffer;
  messages: ParsedMessage[];
  errors: MessageParseError[];
  offsets: number[];
}

async function read(dir: string, file: string): Promise<Sample> {
  const bytes = readFileSync(join(REFERENCE, dir, file));
  const sample: Sample = { file: `${dir}/${file}`, bytes, messages: [], errors: [], offsets: [] };
  for (const raw of splitMbox(bytes)) {
    sample.offsets.push(raw.offset);
    const parsed = await parseRawMessage(raw);
    if (parsed instanceof MessageParseError) sample.errors.push(parsed);
    else sample.messages.push(parsed);
  }
  return sample;
}

describe.skipIf(!present)('mbox conformance with real archives', async () => {
  const files = present ? DIRS.flatMap((d) => readdirSync(d).filter((f) => /\.(txt|mbox)$/.test(f)).map((f) => [d.endsWith('mbox') ? 'mbox' : 'pipermail', f] as const)).sort() : [];
  const samples = await Promise.all(files.map(([dir, file]) => read(dir, file)));
  const byFile = (name: string) => samples.find((s) => s.file === name)!;

  it('parses every message of every sample, none skipped', () => {
    expect(samples.map((s) => [s.file, s.offsets.length, s.messages.length, s.errors.map((e) => `${e.offset}: ${e.reason}`)])).toEqual([
      ['mbox/html-email-1.txt', 1, 1, []],
      ['mbox/mbox_iso8859_encoding.mbox', 1, 1, []],
      ['mbox/mbox_multipart.mbox', 2, 2, []],
      ['mbox/mbox_single.mbox', 1, 1, []],
      ['pipermail/bigbang-dev-test.txt', 6, 6, []],
      ['pipermail/non-ascii-headers.txt', 6, 6, []],
    ]);
    // A bare message (no From line) starts at 0; mbox messages start at their From line.
    for (const s of samples) for (const o of s.offsets) expect(o === 0 || s.bytes.subarray(o, o + 5).toString('latin1') === 'From ').toBe(true);
  });

  it('finds ids, senders, dates and text in each, and decodes every charset without replacement characters', () => {
    for (const s of samples) {
      for (const m of s.messages) {
        const where = `${s.file} ${m.messageId}`;
        expect(m.flags, where).not.toContain('message-id-synthesised');
        expect(m.date, where).toMatch(/^(19|20)\d\d-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        expect(m.from.address, where).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]{2,}$/);
        expect(m.subject.length, where).toBeGreaterThan(0);
        expect(m.text.length, where).toBeGreaterThan(0);
        expect(JSON.stringify(m), where).not.toContain('\uFFFD');
        expect(joinSegments(segmentBody(m.text))).toBe(m.text);
      }
    }
    // RFC 2047 names and subjects in latin1, latin2 and UTF-8 decode to non-ASCII letters.
    const names = samples.flatMap((s) => s.messages.map((m) => m.from.name));
    expect(names.filter((n) => /[^\x00-\x7f]/.test(n)).length).toBeGreaterThanOrEqual(5);
    const pipermail = byFile('pipermail/non-ascii-headers.txt').messages;
    expect(pipermail.filter((m) => /[^\x00-\x7f]/.test(m.subject))).toHaveLength(2);
    // Undeclared 8-bit bodies in a pipermail month are guessed (as UTF-8 there).
    expect(pipermail.filter((m) => m.flags.includes('charset-guessed')).length).toBeGreaterThan(0);
    expect(pipermail.some((m) => /[^\x00-\x7f]/.test(m.text))).toBe(true);
  });

  it('takes text/plain from multipart/alternative, and lists scrubbed attachments and signatures', () => {
    for (const m of byFile('mbox/mbox_multipart.mbox').messages) {
      expect(m.text).not.toMatch(/<[a-z]+[\s>]/i);
      expect(m.attachments).toEqual([]);
    }
    const html = byFile('mbox/html-email-1.txt').messages[0]!;
    expect(html.text).toMatch(/^This is a test message\nNon-ASCII chars: r\u00e9ponse fran\u00e7ais$/);
    expect(html.list?.id).toMatch(/^[a-z.]+$/);
    const scrubbed = byFile('pipermail/bigbang-dev-test.txt').messages;
    expect(scrubbed.map((m) => m.attachments.map((a) => [a.contentType, a.scrubbed]))).toEqual(Array.from({ length: 6 }, () => [['text/html', true]]));
    for (const m of scrubbed) expect(m.text).not.toContain('next part');
    const signed = byFile('pipermail/non-ascii-headers.txt').messages.filter((m) => m.signed);
    expect(signed.map((m) => [m.signed, m.attachments])).toEqual([['pgp', [{ filename: 'signature.asc', contentType: 'application/pgp-signature', size: 190, signature: true, scrubbed: true }]]]);
  });

  it('threads the pipermail months', () => {
    const shape = (name: string) => threadMessages(byFile(name).messages).threads.map((t) => t.messages.map((m) => [m.depth, m.parentMissing]));
    expect(shape('pipermail/bigbang-dev-test.txt')).toEqual([
      [
        [0, false],
        [1, false],
        [2, false],
      ],
      [[0, false]],
      [
        [0, false],
        [1, false],
      ],
    ]);
    // One reply stands below the thread's first message through a parent that is not in the month.
    expect(shape('pipermail/non-ascii-headers.txt')).toEqual([
      [
        [0, false],
        [1, true],
        [1, false],
      ],
      [[0, true]],
      [[0, true]],
      [[0, false]],
    ]);
    // Threading the months together, in any order, changes none of their threads.
    const both = [...byFile('pipermail/non-ascii-headers.txt').messages, ...byFile('pipermail/bigbang-dev-test.txt').messages];
    expect(threadMessages([...both].reverse())).toEqual(threadMessages(both));
    expect(threadMessages(both).threads).toHaveLength(7);
  });

  it('leaves no address in the text, the names or the subjects once masked, though the samples are full of them', () => {
    const raw = samples.flatMap((s) => s.messages.map((m) => [m.text, m.from.name, m.subject].join('\n')));
    expect(raw.filter((t) => ADDRESS.test(t)).length).toBeGreaterThan(3);
    for (const t of raw) expect(maskArchiveEmail(t)).not.toMatch(ADDRESS);
  });
});

describe.skipIf(!present)('pipermail index pages', () => {
  const page = (name: string) => readFileSync(join(REFERENCE, 'pipermail', name), 'utf8');

  it('reads the month archives of a pipermail index', () => {
    expect(parseArchiveIndex(page('pipermail_index.html'), 'https://lists.example.org/pipermail/list/').map((l) => [l.href, l.year, l.month, l.format, l.compression, l.url])).toEqual([
      ['2015-November.txt.gz', 2015, 11, 'pipermail', 'gzip', 'https://lists.example.org/pipermail/list/2015-November.txt.gz'],
      ['2016-March.txt', 2016, 3, 'pipermail', undefined, 'https://lists.example.org/pipermail/list/2016-March.txt'],
      ['2016-April.txt', 2016, 4, 'pipermail', undefined, 'https://lists.example.org/pipermail/list/2016-April.txt'],
    ]);
  });

  it("reads the month mboxes of an Apache mod_mbox index (by link, whatever the labels say)", () => {
    expect(parseArchiveIndex(page('pipermail_apache_index.html')).map((l) => [l.href, l.year, l.month, l.format])).toEqual([
      ['201511.mbox', 2015, 11, 'mod_mbox'],
      ['201603.mbox', 2016, 3, 'mod_mbox'],
      ['201604.mbox', 2016, 4, 'mod_mbox'],
    ]);
  });
});
