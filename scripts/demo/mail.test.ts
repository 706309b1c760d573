import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { buildCommunity } from './community.ts';
import { parseDay } from './calendar.ts';
import { pipermailArticle } from './mail-archive.ts';
import { leafText, leaves, readFacts } from './mail-read.ts';
import { ATTACHMENTS, MAIL_CASES, MAIL_LISTS, XSS_MARKERS, generateMail, mboxMonth, mboxMonths, messagesByMonth, pipermailMonthText, scaledMbox, type DemoMailList, type DemoMessage, type MailCase } from './mail.ts';

let lists: DemoMailList[];
let all: DemoMessage[];
beforeAll(() => {
  lists = generateMail();
  all = lists.flatMap((l) => l.messages);
});

const digest = (ls: DemoMailList[]) => {
  const h = createHash('sha256');
  for (const l of ls) for (const m of l.messages) h.update(`${m.archivedAt}\n`).update(m.raw);
  return h.digest('hex');
};
const withCase = (c: MailCase) => all.filter((m) => m.cases.includes(c));
const one = (c: MailCase) => {
  const found = withCase(c);
  expect(found, c).toHaveLength(1);
  return found[0]!;
};
const header = (m: DemoMessage, name: string) => readFacts(m.raw).fields.find((f) => f.name === name)?.raw;

describe('generateMail', () => {
  it('is deterministic: the same seed gives the same bytes, another seed other bytes', () => {
    expect(digest(generateMail())).toBe(digest(lists));
    expect(digest(generateMail({ seed: 'another-seed' }))).not.toBe(digest(lists));
  });

  it('has three lists of the planned sizes over the demo period, every month present', () => {
    expect(lists.map((l) => [l.name, l.messages.length, l.address])).toEqual([
      ['aurora-discuss', 2500, 'aurora-discuss@lists.aurora.example'],
      ['aurora-dev', 1500, 'aurora-dev@lists.aurora.example'],
      ['aurora-announce', 150, 'aurora-announce@lists.aurora.example'],
    ]);
    expect(MAIL_LISTS.map((l) => l.size)).toEqual([2500, 1500, 150]);
    for (const l of lists.slice(0, 2)) {
      const months = [...messagesByMonth(l).keys()];
      expect(months).toHaveLength(36);
      expect([months[0], months.at(-1)]).toEqual(['2023-11', '2026-10']);
    }
    for (const m of all) {
      expect(m.archivedAt).toBeGreaterThanOrEqual(parseDay('2023-11-01'));
      expect(m.archivedAt).toBeLessThan(parseDay('2026-11-01') + 3600);
    }
    expect(lists.every((l) => l.messages.every((m, i, ms) => i === 0 || ms[i - 1]!.archivedAt <= m.archivedAt))).toBe(true);
  });

  it('holds every hard case, the fixed ones exactly once', () => {
    for (const c of MAIL_CASES) expect(withCase(c).length, c).toBeGreaterThan(0);
    for (const c of ['charset-koi8-r', 'charset-gb2312', 'html-only', 'attachments', 'pgp-signed', 'no-date', 'no-message-id', 'two-digit-year', 'from-line-in-body', 'spam', 'obfuscated-addresses', 'crlf', 'lost-references', 'date-skewed'] as const) one(c);
  });

  it('threads replies: In-Reply-To and References name messages of the same list sent before, subjects start with Re:', () => {
    for (const l of lists) {
      const sent = new Map(l.messages.filter((m) => m.messageId).map((m) => [m.messageId!, readFacts(m.raw).date?.t ?? m.archivedAt]));
      let replies = 0;
      for (const m of l.messages) {
        const reply = header(m, 'in-reply-to');
        if (!reply) continue;
        replies++;
        // Moderated lists archive some replies before their parent; the Date still follows it.
        const parentDate = sent.get(reply.replace(/[<>]/g, ''));
        expect(parentDate).toBeDefined();
        expect(readFacts(m.raw).date!.t).toBeGreaterThan(parentDate!);
        expect(m.subject).toMatch(/^Re: /);
        expect(header(m, 'references')).toContain(reply);
      }
      if (l.kind !== 'announce') expect(replies / l.messages.length).toBeGreaterThan(0.6);
    }
    expect(all.filter((m) => m.messageId).length).toBe(new Set(all.map((m) => m.messageId).filter(Boolean)).size);
  });

  it('is posted by the code reviewers (same names) at their organisations, with .example addresses only', () => {
    const start = parseDay('2023-11-01');
    const people = buildCommunity('agora-demo', start, parseDay('2026-10-31'));
    const names = new Set(people.people.map((p) => p.account.name));
    const posters = new Set(all.map((m) => m.from));
    expect([...posters].filter((n) => names.has(n)).length).toBeGreaterThan(50);
    const affiliations = Object.keys((parse(readFileSync(join(import.meta.dirname, '..', '..', 'agora.config.yaml'), 'utf8')) as { affiliations: Record<string, string> }).affiliations);
    const domains = new Set(all.map((m) => readFacts(m.raw).address?.split('@')[1]));
    // Every organisation with people in the community posts from its own domain (Sunbeam Storage only has a CI account).
    const staffed = new Set(people.people.map((p) => p.org.domain));
    for (const d of affiliations.filter((a) => staffed.has(a))) expect(domains.has(d), d).toBe(true);
    expect(affiliations.filter((a) => staffed.has(a)).length).toBeGreaterThanOrEqual(7);
    for (const m of all) {
      const f = readFacts(m.raw);
      const text = [m.raw.subarray(0, f.headerEnd).toString('latin1'), ...leaves(m.raw).filter((l) => l.type.startsWith('text/')).map(leafText)].join('\n');
      for (const [, domain] of text.matchAll(/[\w.+-]+(?:@|%40|&#64;|\(a\))((?:[\w-]+\.)+[\w-]+)/g)) expect(domain, m.subject).toMatch(/\.example$/);
    }
  });

  it('writes the legacy charsets, transfer encodings and broken headers as old clients did', () => {
    expect(header(one('charset-koi8-r'), 'content-type')).toBe('text/plain; charset="koi8-r"');
    expect(header(one('charset-koi8-r'), 'subject')).toMatch(/^\[aurora-dev\]\s+=\?koi8-r\?B\?/);
    expect(header(one('charset-gb2312'), 'from')).toMatch(/^=\?gb2312\?B\?[^?]+\?= <li\.lei@/);
    expect(header(one('charset-gb2312'), 'content-transfer-encoding')).toBe('base64');
    expect(header(one('charset-iso-8859-1'), 'from')).toMatch(/^=\?iso-8859-1\?Q\?Zo=EB_Lindqvist\?= </);
    expect(one('charset-iso-8859-1').raw.includes(Buffer.from('Bonjour \xe0 tous', 'latin1'))).toBe(true);
    const raw8 = one('raw-8bit-header');
    expect(header(raw8, 'subject')).toBe('Re: [ops] The \x93quota\x94 report shows \x800 for every project');
    expect(header(withCase('quoted-printable').find((m) => m.cases.includes('charset-windows-1252'))!, 'content-transfer-encoding')).toBe('quoted-printable');
    expect(header(one('no-date'), 'date')).toBeUndefined();
    expect(header(one('no-message-id'), 'message-id')).toBeUndefined();
    expect(one('no-message-id').messageId).toBeUndefined();
    expect(header(one('two-digit-year'), 'date')).toBe('Tue, 15 Jul 25 10:04:11 +0200');
    const skewed = one('date-skewed');
    expect(skewed.archivedAt - readFacts(skewed.raw).date!.t).toBe(41 * 86400 + 37);
    expect(skewed.month).toBe('2025-11');
    const lost = one('lost-references');
    expect([header(lost, 'in-reply-to'), header(lost, 'references'), lost.subject]).toEqual([undefined, undefined, 'Re: [network] DHCP leases expire too early']);
    const crlf = one('crlf').raw.toString('latin1');
    expect(crlf.split('\n').every((l, i, a) => i === a.length - 1 || l.endsWith('\r'))).toBe(true);
  });

  it('has hostile HTML, attachments of the announced sizes, a PGP/MIME signature, spam and obfuscated addresses', () => {
    const html = one('html-only');
    expect(header(html, 'content-type')).toBe('text/html; charset="utf-8"');
    const markup = leaves(html.raw)[0]!.bytes.toString();
    for (const marker of XSS_MARKERS) expect(markup).toContain(marker);
    expect(leaves(one('attachments').raw).slice(1).map((l) => [l.filename, l.type, l.bytes.length])).toEqual(ATTACHMENTS.map((a) => [a.name, a.type, a.size]));
    const signed = one('pgp-signed');
    expect(header(signed, 'content-type')).toMatch(/^multipart\/signed; micalg=pgp-sha256;\n\tprotocol="application\/pgp-signature";/);
    expect(leaves(signed.raw).map((l) => l.type)).toEqual(['text/plain', 'application/pgp-signature']);
    expect(header(one('spam'), 'x-spam-flag')).toBe('YES');
    const body = one('obfuscated-addresses').raw.toString();
    for (const form of [' at ', '(a)', '%40', '&#64;']) expect(body).toMatch(new RegExp(`[a-z.]+${form.replace(/[()]/g, '\\$&')}[a-z-]+\\.example`));
    expect(withCase('footer').every((m) => m.list === 'aurora-discuss' && m.month < '2024-03')).toBe(true);
    expect(withCase('quoted-footer').some((m) => m.raw.toString().includes('> _______________________________________________'))).toBe(true);
    expect(withCase('gmail-wrapped-attribution')[0]!.raw.toString()).toMatch(/^On .+ <[^>\s]+\n> wrote:$/m);
    expect(withCase('outlook-original')[0]!.raw.toString()).toMatch(/^-----Original Message-----\nFrom: .+ \[mailto:/m);
  });
});

describe('archive renderings', () => {
  it('mbox months: one separator per message, mboxrd quoting of From lines', () => {
    const dev = lists.find((l) => l.name === 'aurora-dev')!;
    const months = mboxMonths(dev);
    for (const [month, buf] of months) {
      const count = buf.toString('latin1').match(/^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/gm)?.length;
      expect(count, month).toBe(dev.messages.filter((m) => m.month === month).length);
    }
    const text = mboxMonth(dev, '2025-09').toString('latin1');
    expect(text).toContain('\n>From the logs I can see');
    expect(text).toContain('\n>From tomasz.wilk@aurora-infra.example Tue Sep  9 08:12:44 2025\n');
    expect(text).toContain('\n>>From what Maya wrote');
  });

  it("pipermail .txt: pipermail's separator and six headers, addresses spelled out, attachments scrubbed", () => {
    const dev = lists.find((l) => l.name === 'aurora-dev')!;
    const text = pipermailMonthText(dev, '2024-08').toString('latin1');
    const first = text.split('\n').slice(0, 3);
    expect(first[0]).toMatch(/^From [\w.]+ at [\w.-]+\.example {2}\w{3} Aug [ \d]\d \d\d:\d\d:\d\d 2024$/);
    expect(first[1]).toMatch(/^From: [\w.]+ at [\w.-]+\.example \(.+\)$/);
    expect(first[2]).toMatch(/^Date: /);
    const headers = text.slice(0, text.indexOf('\n\n')).split('\n').filter((l) => !/^\s/.test(l)).map((l) => l.slice(0, l.indexOf(':')));
    expect(headers.slice(1)).toEqual(['From', 'Date', 'Subject', ...(headers.includes('In-Reply-To') ? ['In-Reply-To', 'References'] : []), 'Message-ID']);
    expect(text).not.toMatch(/[\w.]+@[\w-]+\.example(?!>)/);
    expect(text).toContain('-------------- next part --------------\nA non-text attachment was scrubbed...\nName: topology.png\nType: image/png\nSize: 4242 bytes\nDesc: not available\nURL: <http://lists.aurora.example/pipermail/aurora-dev/attachments/20240820/');
    const html = one('html-only');
    expect(pipermailArticle(html, html.list).toString()).toMatch(/\n\nAn HTML attachment was scrubbed\.\.\.\nURL: <http:\/\/lists\.aurora\.example\/pipermail\/aurora-discuss\/attachments\/20241105\/[0-9a-f]{8}\/attachment\.html>\n/);
    const nodate = one('no-date');
    expect(pipermailArticle(nodate, nodate.list).toString()).toMatch(/^Date: Tue May 20 12:00:07 2025$/m);
    const latin = one('charset-iso-8859-1');
    expect(pipermailArticle(latin, latin.list).includes(Buffer.from('Bonjour \xe0 tous', 'latin1'))).toBe(true);
  });

  it('scaledMbox: n messages in chunks of whole messages, deterministic and quick', () => {
    const t0 = performance.now();
    const chunks = [...scaledMbox(5000, 'agora-bench', { chunkMessages: 500 })];
    expect(performance.now() - t0).toBeLessThan(5000);
    expect(chunks).toHaveLength(10);
    const count = (b: Buffer) => b.toString('latin1').match(/^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/gm)?.length ?? 0;
    expect(chunks.map(count)).toEqual(Array(10).fill(500));
    expect(chunks.every((c) => c.toString('latin1').startsWith('From '))).toBe(true);
    const again = [...scaledMbox(5000, 'agora-bench', { chunkMessages: 500 })];
    expect(Buffer.concat(again).equals(Buffer.concat(chunks))).toBe(true);
    const text = Buffer.concat(chunks).toString('latin1');
    expect(text).toMatch(/^In-Reply-To: </m);
    expect(text).toMatch(/^Content-Transfer-Encoding: quoted-printable$/m);
    expect(text).toMatch(/^Content-Type: text\/plain; charset=iso-8859-1$/m);
  });
});
