import { gunzipSync } from 'node:zlib';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { hyperkittyDate, mbox } from '../demo/mail-archive.ts';
import { generateMail, messagesByMonth, pipermailMonthText, type DemoMailList } from '../demo/mail.ts';
import { parseFaultSpec } from './faults.ts';
import { startMailSimulator, type MailSimulator, type MailSimulatorOptions } from './mail.ts';

let demo: DemoMailList[];
let sim: MailSimulator | undefined;
beforeAll(() => {
  demo = generateMail();
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const dev = () => demo.find((l) => l.name === 'aurora-dev')!;
const start = async (over: Partial<MailSimulatorOptions> = {}) => {
  sim = await startMailSimulator({ lists: demo, ...over });
  return sim;
};
async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(`${sim!.url}${path}`, { headers, method, redirect: 'manual' });
  return { res, status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/gi)].map((m) => m[1]!);
const separators = (buf: Buffer) => buf.toString('latin1').match(/^From \S+ \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/gm)?.length ?? 0;

describe('pipermail', () => {
  it('lists every month, newest first, each with its views and a .txt.gz link with its size', async () => {
    await start();
    const { status, body, res } = await get('/pipermail/aurora-dev/');
    expect(status).toBe(200);
    const html = body.toString();
    expect(html).toContain('<title>The Aurora-dev Archives</title>');
    const months = [...messagesByMonth(dev()).keys()];
    const gz = hrefs(html).filter((h) => h.endsWith('.txt.gz'));
    expect(gz).toHaveLength(months.length);
    expect(gz[0]).toBe('2026-October.txt.gz');
    expect(gz.at(-1)).toBe('2023-November.txt.gz');
    for (const view of ['thread', 'subject', 'author', 'date']) expect(hrefs(html)).toContain(`2024-March/${view}.html`);
    expect(html).toMatch(/<td>March 2024:<\/td>/);
    expect(html).toMatch(/\[ Gzip'd Text \d+ KB \]/);
    expect(hrefs(html)).toContain('../aurora-dev.mbox/aurora-dev.mbox');
    expect(res.headers.get('etag')).toMatch(/^"[0-9a-f]+-[0-9a-f]+"$/);
    const moved = await get('/pipermail/aurora-dev');
    expect([moved.status, moved.res.headers.get('location')]).toEqual([301, '/pipermail/aurora-dev/']);
  });

  it('serves a month gzipped and as text, with validators, 304s and HEAD', async () => {
    await start();
    const expected = pipermailMonthText(dev(), '2024-08');
    const { res, body } = await get('/pipermail/aurora-dev/2024-August.txt.gz');
    expect(res.headers.get('content-type')).toBe('application/x-gzip');
    expect(gunzipSync(body).equals(expected)).toBe(true);
    expect(body.length).toBe(Number(res.headers.get('content-length')));
    const etag = res.headers.get('etag')!;
    const lastModified = res.headers.get('last-modified')!;
    expect(new Date(lastModified).toUTCString()).toBe(lastModified);
    expect((await get('/pipermail/aurora-dev/2024-August.txt.gz', { 'If-None-Match': etag })).status).toBe(304);
    expect((await get('/pipermail/aurora-dev/2024-August.txt.gz', { 'If-None-Match': `"nope", W/${etag}` })).status).toBe(304);
    expect((await get('/pipermail/aurora-dev/2024-August.txt.gz', { 'If-Modified-Since': lastModified })).status).toBe(304);
    expect((await get('/pipermail/aurora-dev/2024-August.txt.gz', { 'If-Modified-Since': new Date(Date.parse(lastModified) - 1000).toUTCString() })).status).toBe(200);
    const head = await get('/pipermail/aurora-dev/2024-August.txt.gz', {}, 'HEAD');
    expect([head.status, head.body.length, head.res.headers.get('etag'), head.res.headers.get('content-length')]).toEqual([200, 0, etag, String(body.length)]);
    const txt = await get('/pipermail/aurora-dev/2024-August.txt');
    expect(txt.body.equals(expected)).toBe(true);
    expect(txt.res.headers.get('etag')).not.toBe(etag);
    expect(txt.body.toString('latin1')).toMatch(/^From \S+ at \S+ {2}\w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d 2024\nFrom: \S+ at \S+ \(.+\)\n/);
    expect(txt.body.toString('latin1')).toContain('A non-text attachment was scrubbed...\nName: quota-report.pdf\nType: application/pdf\nSize: 12345 bytes\nDesc: not available\nURL: <http://lists.aurora.example/pipermail/aurora-dev/attachments/20240820/');
    expect((await get('/pipermail/aurora-dev/2024-August/thread.html')).body.toString()).toContain('Quota usage report and topology');
    expect((await get('/pipermail/aurora-dev/2019-August.txt.gz')).status).toBe(404);
  });

  it('offers text only for lists and months without gzip, and can send gzip as a content encoding', async () => {
    await start({ lists: demo.map((l) => (l.name === 'aurora-announce' ? { ...l, pipermail: 'text' as const } : l.name === 'aurora-dev' ? { ...l, textOnlyBefore: '2024-01' } : l)) });
    const announce = hrefs((await get('/pipermail/aurora-announce/')).body.toString());
    expect(announce.filter((h) => h.endsWith('.txt.gz'))).toEqual([]);
    expect(announce).toContain('2025-March.txt');
    expect((await get('/pipermail/aurora-announce/2025-March.txt.gz')).status).toBe(404);
    expect((await get('/pipermail/aurora-announce/2025-March.txt')).status).toBe(200);
    const devLinks = hrefs((await get('/pipermail/aurora-dev/')).body.toString());
    expect(devLinks).toContain('2023-December.txt');
    expect(devLinks).toContain('2024-January.txt.gz');
    await sim!.close();
    await start({ gzipAsContentEncoding: true });
    const { res, body } = await get('/pipermail/aurora-dev/2024-August.txt.gz');
    expect(res.headers.get('content-encoding')).toBe('x-gzip');
    expect(body.equals(pipermailMonthText(dev(), '2024-08'))).toBe(true);
  });
});

describe('HyperKitty', () => {
  it('describes the lists as the REST API does', async () => {
    await start();
    const one = JSON.parse((await get('/archives/api/list/aurora-discuss@lists.aurora.example/')).body.toString());
    expect(Object.keys(one)).toEqual(['url', 'name', 'display_name', 'description', 'subject_prefix', 'archive_policy', 'created_at', 'threads', 'emails']);
    expect(one).toMatchObject({ name: 'aurora-discuss@lists.aurora.example', display_name: 'Aurora-discuss', archive_policy: 'public', url: `${sim!.url}/archives/api/list/aurora-discuss@lists.aurora.example/` });
    expect(Date.parse(one.created_at)).toBeLessThan(Date.parse('2023-11-01T00:00:00Z'));
    const page = JSON.parse((await get('/archives/api/lists/?limit=2')).body.toString());
    expect([page.count, page.results.length, page.previous]).toEqual([3, 2, null]);
    expect(page.next).toBe(`${sim!.url}/archives/api/lists/?limit=2&offset=2`);
    expect((await get('/archives/api/list/nope@lists.aurora.example/')).status).toBe(404);
  });

  it('exports a date range as a gzipped mbox, with validators', async () => {
    await start();
    const path = '/archives/list/aurora-dev@lists.aurora.example/export/aurora-dev@lists.aurora.example-2024-08.mbox.gz?start=2024-08-01&end=2024-09-01';
    const { res, body } = await get(path);
    expect(res.headers.get('content-type')).toBe('application/gzip');
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="aurora-dev@lists.aurora.example-2024-08.mbox.gz"');
    const text = gunzipSync(body).toString('utf8');
    const inRange = dev().messages.filter((m) => hyperkittyDate(m) >= Date.parse('2024-08-01T00:00:00Z') / 1000 && hyperkittyDate(m) < Date.parse('2024-09-01T00:00:00Z') / 1000);
    expect(inRange.length).toBeGreaterThan(20);
    expect(separators(gunzipSync(body))).toBe(inRange.length);
    expect(text).toContain('To: aurora-dev@lists.aurora.example');
    expect(text).toContain('Content-Disposition: attachment; filename="quota-report.pdf"');
    expect(text).not.toMatch(/^References:/m);
    expect(text).toMatch(/^In-Reply-To: [^<\s]+@\S+$/m);
    expect((await get(path, { 'If-None-Match': res.headers.get('etag')! })).status).toBe(304);
    expect((await get('/archives/list/aurora-dev@lists.aurora.example/export/x.mbox.gz?start=2024-13-01')).status).toBe(400);
    const all = gunzipSync((await get('/archives/list/aurora-dev@lists.aurora.example/export/all.mbox.gz')).body);
    expect(separators(all)).toBe(dev().messages.length + 1); // the body line shaped like a separator is not quoted
  });
});

describe('mbox files', () => {
  it('serves a list and a month, plain and gzipped', async () => {
    await start();
    const whole = await get('/mbox/aurora-announce.mbox');
    expect(whole.body.equals(mbox(demo.find((l) => l.name === 'aurora-announce')!.messages))).toBe(true);
    expect(whole.res.headers.get('content-type')).toBe('application/mbox');
    expect(gunzipSync((await get('/mbox/aurora-announce.mbox.gz')).body).equals(whole.body)).toBe(true);
    const month = await get('/mbox/aurora-dev-2025-09.mbox');
    expect(month.body.toString('latin1')).toContain('\n>From tomasz.wilk@aurora-infra.example Tue Sep  9 08:12:44 2025\n');
    expect(month.body.toString('latin1')).toContain('\n>>From what Maya wrote');
    expect((await get('/mbox/aurora-dev-2019-01.mbox')).status).toBe(404);
    expect((await get('/pipermail/aurora-dev.mbox/aurora-dev.mbox')).body.equals(mbox(dev().messages))).toBe(true);
  });
});

describe('changes between syncs and faults', () => {
  it('appends a message to the current month: new ETag and Last-Modified, the message in every format', async () => {
    let clock = Date.parse('2026-10-31T12:00:00Z');
    await start({ now: () => clock });
    const first = await get('/pipermail/aurora-dev/2026-October.txt.gz');
    const etag = first.res.headers.get('etag')!;
    clock += 60_000;
    const raw = 'From: Maya Okafor <maya.okafor@nimbus-systems.example>\nDate: Sat, 31 Oct 2026 12:01:00 +0000\nSubject: [aurora-dev] Late addition\nMessage-ID: <late-addition@nimbus-systems.example>\n\nOne more thing before the month ends.\n';
    expect(sim!.addMessage('aurora-dev', raw)).toEqual({ month: '2026-10' });
    const second = await get('/pipermail/aurora-dev/2026-October.txt.gz', { 'If-None-Match': etag });
    expect(second.status).toBe(200);
    expect(second.res.headers.get('etag')).not.toBe(etag);
    expect(Date.parse(second.res.headers.get('last-modified')!)).toBe(Date.parse('2026-10-31T12:01:00Z'));
    expect(gunzipSync(second.body).toString()).toContain('From maya.okafor at nimbus-systems.example  Sat Oct 31 12:01:00 2026\n');
    const hk = gunzipSync((await get('/archives/list/aurora-dev@lists.aurora.example/export/x.mbox.gz?start=2026-10-31&end=2026-11-01')).body).toString();
    expect(hk).toContain('Message-ID: <late-addition@nimbus-systems.example>');
    expect((await get('/mbox/aurora-dev-2026-10.mbox')).body.toString()).toContain('One more thing');
    const before = (await get('/pipermail/aurora-dev/2024-August.txt')).res.headers.get('etag');
    sim!.touchMonth('aurora-dev', '2024-08');
    const touched = await get('/pipermail/aurora-dev/2024-August.txt');
    expect(touched.body.equals(pipermailMonthText(dev(), '2024-08'))).toBe(true);
    expect(touched.res.headers.get('etag')).not.toBe(before);
    expect(Date.parse(touched.res.headers.get('last-modified')!)).toBe(Date.parse('2026-10-31T12:01:00Z'));
  });

  it('a removed month 404s and leaves the index', async () => {
    await start();
    sim!.removeMonth('aurora-dev', '2024-08');
    expect((await get('/pipermail/aurora-dev/2024-August.txt.gz')).status).toBe(404);
    expect(hrefs((await get('/pipermail/aurora-dev/')).body.toString())).not.toContain('2024-August.txt.gz');
    expect(sim!.months('aurora-dev')).not.toContain('2024-08');
  });

  it('injects a 500 on one month, a truncated gzip, an HTML page and an empty body', async () => {
    await start({ faults: [parseFaultSpec('match=2024-March.txt.gz,status=500'), parseFaultSpec('match=2024-April.txt.gz,truncate'), parseFaultSpec('match=2024-May,html'), parseFaultSpec('match=2024-June,empty,times=2')] });
    expect((await get('/pipermail/aurora-dev/2024-March.txt.gz')).status).toBe(500);
    expect((await get('/pipermail/aurora-dev/2024-March.txt.gz')).status).toBe(200);
    const cut = await get('/pipermail/aurora-dev/2024-April.txt.gz');
    expect(cut.status).toBe(200);
    expect(cut.res.headers.get('etag')).toBeNull();
    expect(() => gunzipSync(cut.body)).toThrow(/unexpected end of file/);
    const page = await get('/pipermail/aurora-dev/2024-May.txt.gz');
    expect([page.status, page.res.headers.get('content-type')]).toEqual([200, 'text/html; charset=utf-8']);
    expect((await get('/pipermail/aurora-dev/2024-June.txt')).body.length).toBe(0);
    expect(sim!.requests.map((r) => r.status)).toEqual([500, 200, 200, 200, 200]);
  });
});
