/**
 * The demo mailing lists, fetched from the mail simulator in each archive format, through the
 * real split + parse + thread path of src/sources/mbox: every message is parsed or reported with
 * its reason, and each hard case comes out as the parser documents it. (Lives in test/ because
 * scripts/ may not import an upstream folder.)
 */
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { maskArchiveEmail } from '../../src/lib/privacy.ts';
import { MessageParseError, parseRawMessage, type ParsedMessage } from '../../src/sources/mbox/parse.ts';
import { parseArchiveIndex } from '../../src/sources/mbox/pipermail.ts';
import { splitMbox } from '../../src/sources/mbox/split.ts';
import { threadMessages } from '../../src/sources/mbox/thread.ts';
import { ATTACHMENTS, XSS_MARKERS, generateMail, messagesByMonth, type DemoMailList } from '../../scripts/demo/mail.ts';
import { startMailSimulator, type MailSimulator } from '../../scripts/simulator/mail.ts';

type Format = 'mbox' | 'pipermail' | 'hyperkitty';
interface Read {
  messages: ParsedMessage[];
  errors: string[];
}

let lists: DemoMailList[];
let sim: MailSimulator;
const read = new Map<string, Read>();
const key = (list: string, format: Format) => `${list} ${format}`;

async function fetchBytes(path: string): Promise<Buffer> {
  const res = await fetch(`${sim.url}${path}`);
  expect(res.status, path).toBe(200);
  return Buffer.from(await res.arrayBuffer());
}

async function parseAll(bytes: Buffer, month: string, out: Read): Promise<void> {
  for (const raw of splitMbox(bytes)) {
    const parsed = await parseRawMessage(raw);
    if (parsed instanceof MessageParseError) out.errors.push(`${month}@${parsed.offset}: ${parsed.reason}`);
    else out.messages.push(parsed);
  }
}

beforeAll(async () => {
  lists = generateMail();
  sim = await startMailSimulator({ lists });
  for (const l of lists) {
    const index = parseArchiveIndex((await fetchBytes(`/pipermail/${l.name}/`)).toString(), `${sim.url}/pipermail/${l.name}/`);
    expect(index.map((i) => `${i.year}-${String(i.month).padStart(2, '0')}`)).toEqual([...messagesByMonth(l).keys()]);
    const byFormat: Record<Format, Read> = { mbox: { messages: [], errors: [] }, pipermail: { messages: [], errors: [] }, hyperkitty: { messages: [], errors: [] } };
    for (const link of index) {
      const month = `${link.year}-${String(link.month).padStart(2, '0')}`;
      expect(link.compression).toBe('gzip');
      await parseAll(gunzipSync(await fetchBytes(new URL(link.url!).pathname)), month, byFormat.pipermail);
      await parseAll(await fetchBytes(`/mbox/${l.name}-${month}.mbox`), month, byFormat.mbox);
      const next = link.month === 12 ? `${link.year + 1}-01-01` : `${link.year}-${String(link.month + 1).padStart(2, '0')}-01`;
      await parseAll(gunzipSync(await fetchBytes(`/archives/list/${l.address}/export/${l.address}-${month}.mbox.gz?start=${month}-01&end=${next}`)), month, byFormat.hyperkitty);
    }
    for (const f of ['mbox', 'pipermail', 'hyperkitty'] as const) read.set(key(l.name, f), byFormat[f]);
  }
}, 120_000);
afterAll(async () => {
  await sim?.close();
});

const get = (list: string, format: Format) => read.get(key(list, format))!;
const find = (list: string, format: Format, subject: RegExp) => {
  const found = get(list, format).messages.filter((m) => subject.test(m.subject));
  expect(found.length, `${list} ${format} ${subject}`).toBeGreaterThan(0);
  return found[0]!;
};

describe('demo mail through the real parser', () => {
  it('parses every message of every list in every format, or reports it', () => {
    const counts = lists.flatMap((l) => (['mbox', 'pipermail', 'hyperkitty'] as const).map((f) => [l.name, f, get(l.name, f).messages.length, get(l.name, f).errors.map((e) => e.replace(/@\d+/, ''))]));
    // pipermail and HyperKitty do not quote body lines starting with `From `: the one shaped like an
    // mbox separator splits its message there, and the tail (no header block) is reported.
    expect(counts).toEqual([
      ['aurora-discuss', 'mbox', 2500, []],
      ['aurora-discuss', 'pipermail', 2500, []],
      ['aurora-discuss', 'hyperkitty', 2500, []],
      ['aurora-dev', 'mbox', 1500, []],
      ['aurora-dev', 'pipermail', 1500, ['2025-09: no-headers']],
      ['aurora-dev', 'hyperkitty', 1500, ['2025-09: no-headers']],
      ['aurora-announce', 'mbox', 150, []],
      ['aurora-announce', 'pipermail', 150, []],
      ['aurora-announce', 'hyperkitty', 150, []],
    ]);
  });

  it('decodes the legacy charsets of the mbox without replacement characters', () => {
    expect(find('aurora-dev', 'mbox', /Вопрос/).subject).toBe('[aurora-dev] [network] Вопрос о миграции на OVN');
    const zh = find('aurora-discuss', 'mbox', /热迁移/);
    expect([zh.from.name, zh.text]).toEqual(['李雷', expect.stringContaining('有人遇到过同样的问题吗？')]);
    const fr = find('aurora-discuss', 'mbox', /^\[dashboard\] Probl/);
    expect([fr.from.name, fr.subject]).toEqual(['Zoë Lindqvist', "[dashboard] Problème d'affichage des noms accentués"]);
    expect(fr.text).toContain('« Développement »');
    const cp = get('aurora-discuss', 'mbox').messages.filter((m) => m.subject.includes('“quota” report'));
    expect(cp.map((m) => m.flags.includes('header-charset-guessed'))).toEqual([false, true]);
    expect(cp[0]!.text).toContain('€0 – for every single');
    for (const l of lists) for (const m of get(l.name, 'mbox').messages) expect(JSON.stringify(m), m.subject).not.toContain('\uFFFD');
  });

  it('reads the hard cases as the parser documents them', () => {
    const mbox = (list: string) => get(list, 'mbox').messages;
    const flagged = (list: string, flag: string) => mbox(list).filter((m) => m.flags.includes(flag as never));
    expect(flagged('aurora-dev', 'date-missing').map((m) => m.envelopeDate)).toEqual(['2025-05-20T12:00:07Z']);
    expect(flagged('aurora-discuss', 'date-two-digit-year').map((m) => m.date)).toEqual(['2025-07-15T08:04:11Z']);
    expect(flagged('aurora-discuss', 'message-id-synthesised').map((m) => m.subject)).toEqual(['[dashboard] Login loop with SSO after upgrade']);
    const html = flagged('aurora-discuss', 'html-only');
    expect(html.map((m) => m.subject)).toEqual(['[dashboard] Console shows a blank page']);
    // No markup and no script survives; a link's target stays as text in brackets (never to be linkified).
    expect(html[0]!.text).not.toMatch(/<\/?(script|iframe|img|a)\b|onerror|onclick/i);
    for (const marker of XSS_MARKERS.slice(0, 2)) expect(html[0]!.text).not.toContain(marker);
    expect(html[0]!.text).toContain(`this screenshot [${XSS_MARKERS[2]}]`);
    const att = find('aurora-dev', 'mbox', /Quota usage report/);
    expect(att.attachments.map((a) => [a.filename, a.contentType, a.size])).toEqual(ATTACHMENTS.map((a) => [a.name, a.type, a.size]));
    expect(find('aurora-dev', 'pipermail', /Quota usage report/).attachments.map((a) => [a.filename, a.size, a.scrubbed])).toEqual(ATTACHMENTS.map((a) => [a.name, a.size, true]));
    const adv = find('aurora-announce', 'mbox', /AASA-2025-001/);
    expect([adv.signed, adv.attachments.map((a) => [a.filename, a.signature])]).toEqual(['pgp', [['signature.asc', true]]]);
    expect(find('aurora-announce', 'pipermail', /AASA-2025-001/).signed).toBe('pgp');
    expect(find('aurora-dev', 'mbox', /Timestamps in the gate/).text).toMatch(/^From the logs I can see[^]*\nFrom tomasz\.wilk@aurora-infra\.example Tue Sep {2}9 08:12:44 2025\n[^]*\n>From what Maya wrote/m);
    expect(find('aurora-discuss', 'mbox', /Typo in the install guide/).text).not.toContain('\r');
    const spam = find('aurora-discuss', 'mbox', /URGENT/);
    expect(spam.subject).toBe('🎉 URGENT: You have won 1,000,000 EUR – claim now!!!');
  });

  it('threads a list, the reply that lost its References joining by subject', () => {
    const result = threadMessages(get('aurora-discuss', 'mbox').messages);
    const lost = get('aurora-discuss', 'mbox').messages.find((m) => m.subject === 'Re: [network] DHCP leases expire too early')!;
    const thread = result.threads.find((t) => t.messages.some((m) => m.messageId === lost.messageId))!;
    expect(thread.messages.map((m) => [m.depth, m.bySubject])).toEqual([
      [0, false],
      [1, true],
    ]);
    expect(result.duplicates).toEqual([]);
    expect(result.threads.length).toBeGreaterThan(400);
  });

  const address = /[\p{L}\p{N}._%+-]{2,}(?:@|%40|&#64;|\(a\)| at )(?:[\p{L}\p{N}-]+\.)+example\b/u;
  const survey = /operators survey/;

  it('masks every address of every text, the obfuscated ones included', () => {
    expect(find('aurora-discuss', 'mbox', survey).text).toMatch(address);
    for (const f of ['mbox', 'pipermail', 'hyperkitty'] as const) {
      for (const m of lists.flatMap((l) => get(l.name, f).messages)) {
        expect(maskArchiveEmail([m.text, m.from.name, m.subject].join('\n')), m.subject).not.toMatch(address);
      }
    }
  });

  // Regression: in "the chairs at maya.okafor at bluefin-networks.example",
  // maskArchiveEmail masked "chairs at maya.okafor" and left the real address.
  it('masks a spelled-out address that follows the English word "at"', () => {
    for (const f of ['mbox', 'pipermail', 'hyperkitty'] as const) expect(maskArchiveEmail(find('aurora-discuss', f, survey).text)).not.toMatch(address);
  });
});
