import { DomUtils, parseDocument } from 'htmlparser2';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateMeetings, type DemoMeetings } from '../demo/meetings.ts';
import { strfsize } from './autoindex.ts';
import { parseFaultSpec } from './faults.ts';
import { startMeetbotSimulator, type MeetbotSimulator, type MeetbotSimulatorOptions } from './meetings.ts';

let demo: DemoMeetings;
let sim: MeetbotSimulator | undefined;
beforeAll(() => {
  demo = generateMeetings();
});
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

const start = async (over: Partial<MeetbotSimulatorOptions> = {}) => {
  sim = await startMeetbotSimulator({ files: demo.files, ...over });
  return sim;
};
async function get(path: string, headers: Record<string, string> = {}, method = 'GET') {
  const res = await fetch(`${sim!.url}${path}`, { headers, method, redirect: 'manual' });
  return { res, status: res.status, body: Buffer.from(await res.arrayBuffer()) };
}
/** The links of a page, read by a real HTML parser. */
const links = (html: string) => DomUtils.getElementsByTagName('a', parseDocument(html)).map((a) => a.attribs.href!);
const inFolder = (dir: string) => [...demo.files.keys()].filter((k) => k.startsWith(dir) && !k.slice(dir.length).includes('/')).map((k) => k.slice(dir.length));

describe('meetbot simulator, Apache listings', () => {
  it('lists the teams, the years and the files, with the parent link and the sorting links', async () => {
    await start();
    const top = await get('/meetings/');
    expect(top.status).toBe(200);
    expect(top.res.headers.get('content-type')).toMatch(/^text\/html/);
    const html = top.body.toString();
    expect(html).toContain('<title>Index of /meetings</title>');
    const hrefs = links(html);
    expect(hrefs.slice(0, 5)).toEqual(['?C=N;O=D', '?C=M;O=A', '?C=S;O=A', '?C=D;O=A', '/']);
    expect(hrefs.slice(5)).toEqual([...new Set([...demo.files.keys()].map((k) => `${k.split('/')[0]}/`))].sort());
    const years = links((await get('/meetings/aurora-compute/')).body.toString()).slice(5);
    expect(years).toEqual(['2024/', '2025/', '2026/']);
    const files = await get('/meetings/aurora-compute/2025/');
    const page = files.body.toString();
    expect(links(page)[4]).toBe('/meetings/aurora-compute/');
    expect(links(page).slice(5)).toEqual(inFolder('aurora-compute/2025/').sort());
    const first = inFolder('aurora-compute/2025/').sort()[0]!;
    const size = strfsize(demo.files.get(`aurora-compute/2025/${first}`)!.bytes.length);
    expect(page).toContain(`<a href="${first}">${first}</a></td><td align="right">2025-`);
    expect(page).toContain(`<td align="right">${size}</td>`);
    expect(page).toMatch(/<address>Apache\/2\.4\.\d+ \(Ubuntu\) Server at \S+ Port 443<\/address>/);
  });

  it('sorts by the column asked, as ?C=M;O=D', async () => {
    await start();
    const byDate = links((await get('/meetings/aurora-network/2024/?C=M;O=D')).body.toString());
    expect(byDate[1]).toBe('?C=M;O=A');
    const names = byDate.slice(5);
    const mtimes = names.map((n) => demo.files.get(`aurora-network/2024/${n}`)!.mtime);
    expect(mtimes).toEqual([...mtimes].sort((a, b) => b - a));
  });

  it('redirects a folder asked without its slash and answers 404 for what is not there', async () => {
    await start();
    const moved = await get('/meetings/aurora-tc');
    expect([moved.status, moved.res.headers.get('location')]).toEqual([301, '/meetings/aurora-tc/']);
    expect((await get('/meetings/nope/')).status).toBe(404);
    expect((await get('/meetings/aurora-tc/2024/nope.log.txt')).status).toBe(404);
    expect((await get('/elsewhere/')).status).toBe(404);
    expect((await get('/meetings/', {}, 'POST')).status).toBe(405);
  });
});

describe('meetbot simulator, nginx listings', () => {
  it('lists folders first with ../, padded names, dates and exact sizes, CRLF lines', async () => {
    await start({ style: 'nginx', base: '/irclogs/' });
    const top = (await get('/irclogs/')).body.toString();
    expect(top).toMatch(/^<html>\r\n<head><title>Index of \/irclogs\/<\/title><\/head>\r\n/);
    expect(links(top)[0]).toBe('../');
    const page = (await get('/irclogs/aurora-docs/2024/')).body.toString();
    expect(links(page).slice(1)).toEqual(inFolder('aurora-docs/2024/').sort());
    const name = inFolder('aurora-docs/2024/').sort()[0]!;
    const size = demo.files.get(`aurora-docs/2024/${name}`)!.bytes.length;
    expect(page).toMatch(new RegExp(`<a href="${name.replace(/\./g, '\\.')}">${name.replace(/\./g, '\\.')}</a> +\\d\\d-[A-Z][a-z]{2}-2024 \\d\\d:\\d\\d +${size}\\r\\n`));
    const row = page.split('\r\n').find((l) => l.startsWith(`<a href="${name}">`))!;
    expect(row.replace(/<[^>]+>/g, '').length).toBe(50 + 1 + 18 + 19);
  });
});

describe('meetbot simulator, files and validators', () => {
  it('serves the files with their types, ETag and Last-Modified, and 304s a repeat, listings too', async () => {
    await start();
    const meeting = demo.meetings.find((m) => m.team === 'aurora-tc' && m.ended)!;
    const txt = meeting.files.find((f) => f.endsWith('.log.txt'))!;
    const html = meeting.files.find((f) => f.endsWith('.log.html'))!;
    const a = await get(`/meetings/${txt}`);
    expect(a.status).toBe(200);
    expect(a.res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(a.body.equals(demo.files.get(txt)!.bytes)).toBe(true);
    expect((await get(`/meetings/${html}`)).res.headers.get('content-type')).toBe('text/html');
    const etag = a.res.headers.get('etag')!;
    const lastModified = a.res.headers.get('last-modified')!;
    expect(Date.parse(lastModified) / 1000).toBe(demo.files.get(txt)!.mtime);
    expect((await get(`/meetings/${txt}`, { 'If-None-Match': etag })).status).toBe(304);
    expect((await get(`/meetings/${txt}`, { 'If-Modified-Since': lastModified })).status).toBe(304);
    const dir = txt.slice(0, txt.lastIndexOf('/') + 1);
    const listing = await get(`/meetings/${dir}`);
    expect(listing.res.headers.get('etag')).toBeTruthy();
    expect((await get(`/meetings/${dir}`, { 'If-None-Match': listing.res.headers.get('etag')! })).status).toBe(304);
    expect((await get(`/meetings/${dir}`, { 'If-Modified-Since': listing.res.headers.get('last-modified')! })).status).toBe(304);
    const head = await get(`/meetings/${txt}`, {}, 'HEAD');
    expect([head.status, head.body.length, head.res.headers.get('content-length')]).toEqual([200, 0, String(a.body.length)]);
    expect(sim!.stats).toMatchObject({ requests: 8, conditional: 4, notModified: 4 });
    expect(sim!.stats.byPath.get(`/meetings/${txt}`)).toBe(4);
    expect(sim!.stats.byPath.get(`/meetings/${dir}`)).toBe(3);
  });

  it('moves a file and its listing when the file changes, and forgets a deleted one', async () => {
    await start();
    const path = [...demo.files.keys()].find((k) => k.startsWith('aurora-compute/2026/'))!;
    const before = await get('/meetings/aurora-compute/2026/');
    sim!.setFile(path, { bytes: Buffer.from('changed'), mtime: demo.files.get(path)!.mtime + 60 });
    expect((await get('/meetings/aurora-compute/2026/', { 'If-None-Match': before.res.headers.get('etag')! })).status).toBe(200);
    expect((await get(`/meetings/${path}`)).body.toString()).toBe('changed');
    sim!.deleteFile(path);
    expect((await get(`/meetings/${path}`)).status).toBe(404);
    expect(demo.files.get(path)!.bytes.toString()).not.toBe('changed');
  });

  it('injects faults: a 500 for one file the first two times', async () => {
    const file = demo.meetings.find((m) => m.team === 'aurora-network' && m.ended)!.files[0]!;
    await start({ faults: [parseFaultSpec(`match=${file},status=500,times=2`)] });
    expect((await get('/meetings/aurora-network/')).status).toBe(200);
    expect((await get(`/meetings/${file}`)).status).toBe(500);
    expect((await get(`/meetings/${file}`)).status).toBe(500);
    const third = await get(`/meetings/${file}`);
    expect(third.status).toBe(200);
    expect(third.body.equals(demo.files.get(file)!.bytes)).toBe(true);
  });
});

describe('strfsize', () => {
  it('prints sizes as Apache does', () => {
    expect([0, 972, 973, 1024, 4608, 10_240, 12_800, 1_048_576, 10_485_760].map(strfsize)).toEqual(['  0 ', '972 ', '1.0K', '1.0K', '4.5K', ' 10K', ' 13K', '1.0M', ' 10M']);
  });
});
