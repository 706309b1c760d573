/**
 * Mailing lists in the built demo, in Chromium: the lists and list pages with
 * their months, threads and chart; a whole thread (order, nesting, folded
 * quotes, posters); search for what a message says; the list charts and
 * their embed; axe on every mail page. Then a small site built from an mbox
 * of hostile HTML mail, whose pages and search must show it as inert text.
 */
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { Thread, THREAD_KIND } from '../../src/model/mail.ts';
import { Store } from '../../src/store/store.ts';
import { axeViolations, buildDemo, root, useSite } from './harness.ts';
import { hostileMbox, SHOWN, WORDS } from './hostile-mail.ts';
import { mailBody, pickRareWords, readMailPages, readPages, visibleText, type VisiblePage } from './visible-words.ts';

const { open, harness } = useSite();
const run = promisify(execFile);
const url = (path: string) => new URL(path, harness().server.url).href;
const num = (s: string | null) => Number((s ?? '').replace(/,/g, ''));

/** The demo's lists: name and source id. */
const LISTS = [
  ['aurora-discuss', 'discuss'],
  ['aurora-dev', 'devel'],
  ['aurora-announce', 'announce'],
] as const;

let dist: string;
beforeAll(async () => {
  dist = await buildDemo();
}, 600_000);

const pagesIn = (dir: string) => readdirSync(join(dist, dir), { withFileTypes: true }).filter((e) => e.isDirectory()).length;

async function storedThread(source: string, key: string): Promise<Thread> {
  const item = await new Store(join(root, 'content')).source(source).get(THREAD_KIND, key, Thread);
  if (!item) throw new Error(`thread ${source}/${key} is not in the store`);
  return item.data;
}

describe('the lists page and a list page', () => {
  it('the lists page has each list with as many messages and threads as the site has pages for', async () => {
    const page = await open('lists/');
    expect(await page.locator('h1').textContent()).toBe('Mailing lists');
    const rows = await page.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    expect(rows.map((r) => r[0]).sort()).toEqual(LISTS.map(([name]) => name).sort());
    for (const [name, source] of LISTS) {
      const [, src, messages, threads, posters] = rows.find((r) => r[0] === name)!;
      expect(src, name).toBe(source);
      expect(num(messages!), name).toBe(pagesIn(`messages/${source}`));
      expect(num(threads!), name).toBe(pagesIn(`threads/${source}`));
      expect(num(posters!), name).toBeGreaterThan(1);
    }
    await page.context().close();
  });

  it('a list page shows its numbers, the chart with its data table, the most discussed threads and the months', async () => {
    const page = await open('lists/');
    await page.locator('main table').getByRole('link', { name: 'aurora-discuss' }).click();
    await page.waitForURL(/\/lists\/aurora-discuss\/$/);
    expect(await page.locator('h1').textContent()).toBe('aurora-discuss mailing list');
    const cards = await page.locator('.cards .card').allTextContents();
    expect(cards.map((c) => c.replace(/[\d,]+/, 'N').trim())).toEqual(['N messages', 'N threads', 'N posters', 'N months']);
    const [messages, threads, , monthCount] = cards.map((c) => num(/[\d,]+/.exec(c)![0]));
    expect(messages).toBe(pagesIn('messages/discuss'));
    expect(threads).toBe(pagesIn('threads/discuss'));

    // The chart: an SVG with a marker per month and series, and its data table, which agree with the JSON download.
    const json = (await (await page.request.get(url('charts/list-activity/projects/aurora-discuss.json'))).json()) as ChartJson;
    expect(json.series.map((s) => s.label)).toEqual(['Messages', 'Posters']);
    const svg = page.locator('figure[data-agora-chart] svg.agora-chart');
    expect(await svg.count()).toBe(1);
    expect(await svg.getAttribute('role')).toBe('img');
    for (const s of json.series) expect(await svg.locator(`g[data-series="${s.id}"] path.marker`).count(), s.id).toBe(s.points.length);
    const chartRows = await page.locator('table[data-chart-table] tbody tr[data-month]').evaluateAll((trs) =>
      trs.map((tr) => [(tr as HTMLElement).dataset.month!, ...[...tr.querySelectorAll('td')].map((td) => Number((td.textContent ?? '').replace(/,/g, '')))] as const),
    );
    expect(chartRows).toEqual(json.series[0]!.points.map((p, i) => [p.month, p.value, json.series[1]!.points[i]!.value]));
    await page.locator('details.chart-details summary').click();
    expect(await page.locator('table[data-chart-table]').isVisible()).toBe(true);

    // Most discussed: ten threads, most messages first, each linking to its thread page.
    const top = page.locator('h2:text-is("Most discussed threads") + ol > li');
    expect(await top.count()).toBe(10);
    const counts = (await top.allTextContents()).map((t) => num(/: ([\d,]+) messages?, started by /.exec(t)?.[1] ?? 'NaN'));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const href of await top.locator('a:first-child').evaluateAll((as) => as.map((a) => a.getAttribute('href')))) expect(href).toMatch(/^\/threads\/discuss\/t[0-9a-f]+\/$/);

    // Months: newest first, one row per month of the chart, with the chart's numbers; together all the messages.
    const months = await page.locator('h2:text-is("Months") + .table-wrap tbody tr').evaluateAll((trs) =>
      trs.map((tr) => ({ month: /\/(\d{4}-\d\d)\/$/.exec(tr.querySelector('a')!.getAttribute('href')!)![1]!, cells: [...tr.querySelectorAll('td.num')].map((td) => Number((td.textContent ?? '').replace(/,/g, ''))) })),
    );
    expect(months.length).toBe(monthCount);
    expect(months.map((m) => m.month)).toEqual(months.map((m) => m.month).sort().reverse());
    expect(months.reduce((n, m) => n + m.cells[0]!, 0)).toBe(messages);
    const byMonth = new Map(chartRows.map(([month, m, p]) => [month, [m, p]]));
    // The table counts every archived message; the chart, like every chart, the counted people's
    // (no bots, no one who opted out): the same posters, and at most as many messages.
    for (const m of months) {
      const [chartMessages, chartPosters] = byMonth.get(m.month)!;
      expect(m.cells[2], m.month).toBe(chartPosters);
      expect(m.cells[0], m.month).toBeGreaterThanOrEqual(chartMessages!);
    }
    await page.context().close();
  });

  it('a month page lists the threads of that month and links to the months around it', async () => {
    const page = await open('lists/aurora-discuss/');
    const second = page.locator('h2:text-is("Months") + .table-wrap tbody tr').nth(1);
    const [label, shown] = [await second.locator('a').textContent(), num(await second.locator('td.num').first().textContent())];
    await second.locator('a').click();
    await page.waitForURL(/\/lists\/aurora-discuss\/\d{4}-\d\d\/$/);
    expect(await page.locator('h1').textContent()).toBe(`aurora-discuss: ${label}`);
    const intro = (await page.locator('main h1 + p').textContent()) ?? '';
    const [messages, threads] = [...intro.matchAll(/[\d,]+/g)].map((m) => num(m[0]));
    expect(messages).toBe(shown);
    const rows = page.locator('main table tbody tr');
    expect(await rows.count()).toBe(threads);
    const inMonth = (await rows.locator('td.num:nth-of-type(3)').allTextContents()).map(num);
    expect(inMonth.reduce((a, b) => a + b, 0)).toBe(messages);
    const nav = page.getByRole('navigation', { name: 'Months' });
    expect(await nav.locator('a[rel="next"]').count()).toBe(1);
    expect(await nav.locator('a[rel="prev"]').count()).toBe(1);
    await page.context().close();
  });
});

interface ChartJson {
  title: string;
  series: { id: string; label: string; points: { month: string; value: number }[] }[];
}

describe('the most discussed thread of aurora-discuss', () => {
  let path: string;
  let thread: Thread;
  let page: Page;
  beforeAll(async () => {
    const list = await open('lists/aurora-discuss/');
    const first = list.locator('h2:text-is("Most discussed threads") + ol > li > a').first();
    path = (await first.getAttribute('href'))!.slice(1);
    await list.context().close();
    thread = await storedThread('discuss', /threads\/discuss\/([^/]+)\//.exec(path)![1]!);
    page = await open(path);
  });
  afterAll(async () => {
    await page?.context().close();
  });

  it('shows every message of the thread, in the thread’s order', async () => {
    expect(thread.messages.length).toBeGreaterThan(10);
    expect(await page.locator('h1').textContent()).toBe(thread.subject);
    expect(await page.locator('main h1 + p').textContent()).toMatch(new RegExp(`^${thread.messages.length} messages from \\d+ participants, `));
    expect(await page.locator('ol.conversation > li article.mail').evaluateAll((as) => as.map((a) => a.id))).toEqual(thread.messages.map((m) => m.key));
    expect(await page.getByText('not in the archive').count()).toBe(0);
    // Each message links to its own page, which says where it stands in the thread.
    const second = thread.messages[1]!;
    expect(await page.locator(`#${second.key} header a[href="/messages/discuss/${second.key}/"]`).count()).toBe(1);
  });

  it('indents each reply under its parent', async () => {
    const layout = await page.locator('ol.conversation > li').evaluateAll((lis) =>
      lis.map((li) => ({ depth: getComputedStyle(li).getPropertyValue('--depth').trim(), margin: parseFloat(getComputedStyle(li).marginLeft), x: li.getBoundingClientRect().left, rem: parseFloat(getComputedStyle(document.documentElement).fontSize) })),
    );
    const index = new Map(thread.messages.map((m, i) => [m.key, i]));
    expect(Math.max(...thread.messages.map((m) => m.depth))).toBeGreaterThanOrEqual(2);
    thread.messages.forEach((m, i) => {
      const shown = Math.min(m.depth, 6);
      expect(layout[i]!.depth, m.key).toBe(String(shown));
      expect(layout[i]!.margin, m.key).toBeCloseTo(shown * 1.25 * layout[i]!.rem, 1);
      if (m.parent === undefined) return expect(m.depth, m.key).toBe(0);
      const p = index.get(m.parent)!;
      // The parent comes first, everything between them is deeper than it (its other replies), and the reply sits further in.
      expect(p, m.key).toBeLessThan(i);
      expect(m.depth, m.key).toBe(thread.messages[p]!.depth + 1);
      for (let j = p + 1; j < i; j++) expect(thread.messages[j]!.depth, `${thread.messages[j]!.key} between ${m.parent} and ${m.key}`).toBeGreaterThan(thread.messages[p]!.depth);
      if (thread.messages[p]!.depth < 6) expect(layout[i]!.x, m.key).toBeGreaterThan(layout[p]!.x);
    });
  });

  it('folds quoted text, and a click opens it', async () => {
    const quotes = page.locator('article.mail details.quote');
    expect(await quotes.count()).toBeGreaterThan(thread.messages.length / 2);
    expect(await quotes.evaluateAll((ds) => ds.filter((d) => (d as HTMLDetailsElement).open).length)).toBe(0);
    const first = quotes.first();
    const quote = first.locator('blockquote');
    expect(await quote.isVisible()).toBe(false);
    expect(await first.locator('summary').textContent()).toMatch(/\(\d+ lines?\)$/);
    await first.locator('summary').click();
    expect(await first.evaluate((d) => (d as HTMLDetailsElement).open)).toBe(true);
    expect(await quote.isVisible()).toBe(true);
    expect(await quote.textContent()).toMatch(/^>/);
  });

  it('links every poster to their person page, which lists their messages', async () => {
    const posters = await page.locator('article.mail > header strong a').evaluateAll((as) => as.map((a) => ({ href: a.getAttribute('href')!, name: a.textContent!, message: a.closest('article')!.id })));
    expect(posters.length).toBe(thread.messages.length);
    for (const { href, name, message } of posters) {
      expect(href, name).toMatch(/^\/people\/discuss\/[a-z2-7]+\/$/);
      const res = await page.request.get(url(href.slice(1)));
      expect(res.status(), href).toBe(200);
      const html = await res.text();
      expect(visibleText(/<h1[^>]*>([^<]*)<\/h1>/.exec(html)?.[1] ?? ''), href).toBe(name);
      // Their timeline links the message, unless it is older than the most recent ones the page shows.
      const shown = [...html.matchAll(/<tr><td><time datetime="([^"]+)"/g)].map((m) => m[1]!);
      const date = thread.messages.find((m) => m.key === message)!.date;
      if (!/Showing the [\d,]+ most recent of/.test(html) || date >= shown.at(-1)!) expect(html, `${name} lists ${message}`).toContain(`href="/messages/discuss/${message}/"`);
    }
    // Follow one: the reply's poster, and find the reply in their activity.
    const reply = thread.messages[1]!;
    await page.locator(`#${reply.key} > header strong a`).click();
    await page.waitForURL(/\/people\/discuss\/[a-z2-7]+\/$/);
    const row = page.locator(`main table tbody tr:has(a[href="/messages/discuss/${reply.key}/"])`);
    expect(await row.count()).toBe(1);
    expect(await row.locator('td').nth(1).textContent()).toBe('Message');
    expect(await row.locator('td').nth(4).textContent()).toBe('aurora-discuss');
    expect(await row.locator('time').getAttribute('datetime')).toBe(reply.date);
    await page.goBack();
  });
});

describe('axe', () => {
  it('finds no violations on the lists page, a list page, a month page, a thread page and a message page', { timeout: 120_000 }, async () => {
    const list = await open('lists/aurora-discuss/');
    const month = (await list.locator('h2:text-is("Months") + .table-wrap tbody tr a').first().getAttribute('href'))!;
    const threadPath = (await list.locator('h2:text-is("Most discussed threads") + ol > li > a').first().getAttribute('href'))!;
    await list.context().close();
    const thread = await open(threadPath.slice(1));
    const message = (await thread.locator('article.mail').nth(1).locator('header a[href^="/messages/"]').getAttribute('href'))!;
    await thread.context().close();
    for (const path of ['lists/', 'lists/aurora-discuss/', month.slice(1), threadPath.slice(1), message.slice(1), 'lists/aurora-announce/']) {
      const page = await open(path);
      expect(await axeViolations(page), path).toEqual([]);
      await page.context().close();
    }
  });
});

interface Hit {
  path: string;
  kind: string;
  meta: string;
}

/** Types `q` into the search page and waits for its answer; the hits of the first page of results. */
async function search(page: Page, q: string): Promise<Hit[]> {
  await page.locator('#search-q').fill(q);
  await page.locator('#search-q').press('Enter');
  await page.waitForFunction((query) => (document.getElementById('search-status')?.textContent ?? '').includes(`for “${query}”`), q);
  return page.locator('#search-results li.search-hit').evaluateAll((lis) =>
    lis.map((li) => ({ path: new URL((li.querySelector('h2 a') as HTMLAnchorElement).href).pathname.slice(1), kind: (li as HTMLElement).dataset.kind ?? '', meta: li.querySelector('.search-meta')?.textContent ?? '' })),
  );
}

/** `word` and up to `after` more words of its paragraph, from its first whole-word use in `text` (the phrase a reader would copy). */
function phraseAt(text: string, word: string, after = 2): string | undefined {
  const m = new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\p{L}\\p{N}])`, 'iu').exec(text);
  if (!m) return undefined;
  return text.slice(m.index).split(/\n\s*\n/)[0]!.trim().split(/\s+/).slice(0, after + 1).join(' ');
}

/** Who a message page says posted it, and in which list. */
function posterAndList(html: string): { poster: string; list: string } {
  const poster = visibleText(/<article class="mail"[\s\S]*?<strong[^>]*>([\s\S]*?)<\/strong>/.exec(html)![1]!).trim();
  const list = /<a href="\/lists\/([^/"]+)\/"/.exec(html)![1]!;
  return { poster, list };
}

describe('search for what a message says', () => {
  it('a rare phrase of random messages finds the message (or its thread) on the first page, saying the list and who wrote it', { timeout: 120_000 }, async () => {
    const messages = readMailPages(dist, 'messages');
    const all: VisiblePage[] = [...messages, ...readMailPages(dist, 'threads'), ...readPages(dist, 'changes'), ...readPages(dist, 'people')];
    // Rare words of the body (not only of the subject or the poster's name), with the words after them.
    const picks = pickRareWords(all, messages, { seed: 'mail/search-phrase', count: 20, perPage: 1, maxPages: 10, byTerm: true })
      // The words the site puts in place of an opted-out person's name are not the mail's.
      .filter((w) => !/^(?:participants?|contributor|opted)$/i.test(w.word))
      .map((w) => ({ ...w, phrase: phraseAt(mailBody(readFileSync(join(dist, w.page, 'index.html'), 'utf8')), w.word) }))
      .filter((w) => w.phrase !== undefined)
      .slice(0, 6);
    expect(picks.length).toBe(6);
    const page = await open('search/');
    for (const w of picks) {
      const html = readFileSync(join(dist, w.page, 'index.html'), 'utf8');
      const phrase = w.phrase;
      const thread = /<a href="\/(threads\/[^/]+\/[^/#"]+\/)#/.exec(html)?.[1];
      const hits = await search(page, phrase!);
      const hit = hits.find((h) => h.path === w.page) ?? hits.find((h) => h.path === thread);
      expect(hit, `“${phrase}” finds ${w.page} (or ${thread}) among ${hits.map((h) => h.path).join(', ')}`).toBeDefined();
      const { poster, list } = posterAndList(hit!.kind === 'message' ? html : readFileSync(join(dist, thread!, 'index.html'), 'utf8'));
      expect(hit!.meta).toMatch(new RegExp(`^${hit!.kind === 'message' ? 'Message' : 'Thread'} · [a-z]+ · ${list} · by ${poster.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} · `));
    }
    await page.context().close();
  });

  it('the Kind filter offers Messages and Threads, and keeps only that kind', async () => {
    const page = await open('search/?q=dhcp_lease_duration');
    await page.waitForFunction(() => /results? for “dhcp_lease_duration”/.test(document.getElementById('search-status')?.textContent ?? ''));
    expect(await page.locator('#search-kind option').allTextContents()).toEqual(['All kinds', 'Reviews', 'Messages', 'Threads', 'Meetings', 'Meeting schedules', 'Specs', 'People', 'Projects']);
    const kinds = () => page.locator('#search-results li.search-hit').evaluateAll((lis) => [...new Set(lis.map((li) => (li as HTMLElement).dataset.kind))]);
    for (const [kind, words] of [['message', 'messages'], ['thread', 'threads']] as const) {
      await page.locator('#search-kind').selectOption(kind);
      await page.waitForFunction((w) => (document.getElementById('search-status')?.textContent ?? '').includes(`among ${w}`), words);
      expect(await kinds()).toEqual([kind]);
      expect(page.url()).toContain(`kind=${kind}`);
      expect(await page.locator('#search-results .search-meta').first().textContent()).toMatch(new RegExp(`^${kind === 'message' ? 'Message' : 'Thread'} · discuss · aurora-discuss · by `));
    }
    await page.context().close();
  });
});

describe('list charts', () => {
  it('/charts/list-activity/all/ renders an SVG whose markers and data table match the JSON download', async () => {
    const page = await open('charts/list-activity/all/');
    const json = (await (await page.request.get(url('charts/list-activity/all.json'))).json()) as ChartJson;
    expect(json.title).toBe('Mailing list activity per month: all lists');
    expect(await page.locator('h1').textContent()).toBe(json.title);
    const svg = page.locator('figure[data-agora-chart] svg.agora-chart');
    expect(await svg.getAttribute('role')).toBe('img');
    for (const s of json.series) expect(await svg.locator(`g[data-series="${s.id}"] path.marker`).count(), s.id).toBe(s.points.length);
    const rows = page.locator('table[data-chart-table] tbody tr[data-month]');
    expect(await rows.count()).toBe(json.series[0]!.points.length);
    const first = json.series[0]!.points[0]!.month;
    expect((await page.locator(`table[data-chart-table] tr[data-month="${first}"] td`).allTextContents()).map(num)).toEqual(json.series.map((s) => s.points[0]!.value));
    // All lists: the sum of each list's messages.
    const lists = await Promise.all(LISTS.map(async ([name]) => (await (await page.request.get(url(`charts/list-activity/projects/${name}.json`))).json()) as ChartJson));
    const total = (j: ChartJson) => j.series[0]!.points.reduce((n, p) => n + p.value, 0);
    expect(total(json)).toBe(lists.reduce((n, j) => n + total(j), 0));
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('a list chart’s embed, as its snippet gives it, works inside another page', async () => {
    const page = await open('lists/aurora-discuss/');
    await page.getByRole('link', { name: 'Chart for aurora-discuss, with data and downloads' }).click();
    await page.waitForURL(/\/charts\/list-activity\/projects\/aurora-discuss\/$/);
    const snippet = (await page.locator('.chart-embed pre code').textContent())!;
    const src = /src="https:\/\/agora\.example\.org\/([^"]+)"/.exec(snippet)?.[1];
    expect(src).toBe('embed/list-activity/projects/aurora-discuss/');
    const title = /title="([^"]+)"/.exec(snippet)?.[1];
    // A page elsewhere that embeds the chart as the snippet says (pointing at the test server).
    await page.setContent(snippet.replace('https://agora.example.org/', harness().server.url.replace(/\/?$/, '/')));
    const frame = page.frameLocator(`iframe[title="${title}"]`);
    const svg = frame.locator('svg.agora-chart');
    await svg.waitFor();
    expect(await frame.locator('header.site-header').count()).toBe(0);
    expect(await svg.locator('g[data-series="messages"] path.marker').count()).toBeGreaterThan(12);
    await page.context().close();
    const embed = await open(src!);
    expect(await axeViolations(embed)).toEqual([]);
    await embed.context().close();
  });
});

describe('hostile mail', () => {
  let work: string;
  let server: StaticServer;
  let paths: string[];

  beforeAll(async () => {
    work = await mkdtemp(join(tmpdir(), 'agora-hostile-mail-'));
    await writeFile(join(work, 'evil.mbox'), hostileMbox());
    const config = join(work, 'agora.config.yaml');
    await writeFile(config, ['site:', '  title: Hostile mail', '  url: https://hostile.example.org', 'data: content', 'sources:', '  - id: evil', '    type: mbox', '    path: evil.mbox', ''].join('\n'));
    const env = { ...process.env, CI: 'true', ASTRO_TELEMETRY_DISABLED: '1' };
    await run(process.execPath, ['--import', 'tsx', 'scripts/sync.ts', '--config', config], { cwd: root, env });
    const out = join(work, 'dist');
    const built = await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--config', config, '--out', out, '--quiet'], { cwd: root, env, maxBuffer: 64 << 20 });
    expect(built.stdout).toMatch(/privacy check passed/);
    server = await serveStatic(out, '/');
    const under = (dir: string) => readdirSync(join(out, dir)).map((id) => `${dir}/${id}/`);
    paths = ['', 'lists/', 'lists/evil/', 'lists/evil/2025-01/', ...under('threads/evil'), ...under('messages/evil'), ...under('people/evil'), 'people/'];
  }, 300_000);

  afterAll(async () => {
    await server?.close();
    if (work) await rm(work, { recursive: true, force: true });
  });

  /** Opens a page of the hostile site, recording dialogs (dismissed) and page errors. */
  async function openHostile(path: string): Promise<{ page: Page; dialogs: string[]; errors: string[] }> {
    const context = await harness().browser.newContext();
    const page = await context.newPage();
    const dialogs: string[] = [];
    const errors: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(`${d.type()}: ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => errors.push(e.message));
    const res = await page.goto(new URL(path, server.url).href);
    expect(res?.status(), path).toBe(200);
    return { page, dialogs, errors };
  }

  /** What in the page's DOM could run or load something from the mail: anything here fails the test. */
  async function activeContent(page: Page): Promise<string[]> {
    // Hover and focus everything in the content, in case a handler survived on it.
    await page.locator('main').hover();
    return page.evaluate(() => {
      const found: string[] = [];
      const name = (el: Element) => `<${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}>`;
      const w = window as { __pwned?: unknown };
      if (w.__pwned !== undefined) found.push(`window.__pwned = ${String(w.__pwned)}`);
      for (const el of document.querySelectorAll('*')) {
        for (const a of el.attributes) {
          if (/^on/i.test(a.name)) found.push(`${name(el)} ${a.name}="${a.value}"`);
          if (/^(href|src|action|formaction|data|xlink:href|srcdoc|background|poster)$/i.test(a.name) && /^\s*(javascript|vbscript|data):/i.test(a.value.replace(/[\s\u0000-\u001f]/g, ''))) found.push(`${name(el)} ${a.name}="${a.value}"`);
          if (a.name === 'style' && /url\(|expression\(/i.test(a.value)) found.push(`${name(el)} style="${a.value}"`);
        }
      }
      for (const el of document.querySelectorAll('iframe, frame, object, embed, img, base, math, meta[http-equiv], link[rel="import"], template, main form:not([role="search"])')) found.push(name(el));
      // The site's own SVG is its charts; its own scripts are bundled files.
      for (const el of document.querySelectorAll('svg')) if (!(el.classList.contains('agora-chart') && el.closest('figure[data-agora-chart], .chart-plot'))) found.push(`${name(el)} ${el.outerHTML.slice(0, 80)}`);
      for (const el of document.querySelectorAll('script')) {
        const src = el.getAttribute('src');
        if (src === null ? /pwned|alert/.test(el.textContent ?? '') : !src.startsWith('/_astro/')) found.push(`${name(el)} ${el.outerHTML.slice(0, 120)}`);
      }
      for (const el of document.querySelectorAll('main style')) if (!el.closest('svg.agora-chart')) found.push(`${name(el)} ${el.textContent?.slice(0, 80)}`);
      return found;
    });
  }

  it('the checks catch a payload that does run (a canary injected by the test)', async () => {
    const { page, dialogs } = await openHostile('lists/');
    await page.evaluate((html) => document.querySelector('main')!.insertAdjacentHTML('beforeend', html), `<img src="x" onerror="${"window.__pwned='canary';alert('canary')"}"><a href="javascript:void 0">x</a><svg onload="void 0"></svg>`);
    await expect.poll(() => dialogs.length).toBe(1);
    const found = await activeContent(page);
    expect(found).toContain('window.__pwned = canary');
    expect(found.filter((f) => f.startsWith('<img>')).length).toBe(2);
    expect(found.some((f) => f.startsWith('<a> href="javascript:'))).toBe(true);
    expect(found.some((f) => f.startsWith('<svg> onload='))).toBe(true);
    await page.context().close();
  });

  it('builds a thread of three hostile messages and a fourth on its own', () => {
    expect(paths.filter((p) => p.startsWith('threads/'))).toHaveLength(2);
    expect(paths.filter((p) => p.startsWith('messages/'))).toHaveLength(4);
  });

  it('no page runs or loads anything from the mail, and the mail shows as text', { timeout: 180_000 }, async () => {
    const texts = new Map<string, string>();
    for (const path of paths) {
      const { page, dialogs, errors } = await openHostile(path);
      await page.waitForTimeout(100);
      expect(await activeContent(page), path).toEqual([]);
      expect(dialogs, path).toEqual([]);
      expect(errors, path).toEqual([]);
      texts.set(path, (await page.locator('main').innerText()).replace(/\s+/g, ' '));
      await page.context().close();
    }
    const thread = [...texts].find(([p, t]) => p.startsWith('threads/') && t.includes(WORDS.htmlOnly))?.[1] ?? '';
    // Subjects and names as text; the HTML-only mail as its words; the alternative as its text part; the attachment by name.
    expect(thread).toContain(SHOWN.scriptSubject);
    expect(thread).toContain(SHOWN.scriptName);
    expect(thread).toContain(SHOWN.encodedName);
    expect(thread).toContain(SHOWN.unquotedName);
    expect(thread).toContain(`Hostile HTML-only mail, ${WORDS.htmlOnly}.`);
    expect(thread).toContain(SHOWN.harmless);
    expect(thread).not.toContain('hostile alternative');
    expect(thread).toContain(SHOWN.attachmentName);
    const plain = [...texts].find(([p, t]) => p.startsWith('messages/') && t.includes(WORDS.plain))?.[1] ?? '';
    expect(plain).toContain(SHOWN.encodedSubject);
    expect(plain).toContain("<script>window.__pwned='plain-script';alert('plain-script')</script>");
    expect(texts.get('lists/evil/')).toContain(SHOWN.scriptSubject);
  });

  it('search shows hostile subjects, names and words as text', { timeout: 120_000 }, async () => {
    const { page, dialogs, errors } = await openHostile('search/');
    for (const q of [...Object.values(WORDS), 'pwned', 'script', 'onerror', 'javascript']) {
      await page.locator('#search-q').fill(q);
      await page.locator('#search-q').press('Enter');
      await page.waitForFunction((query) => (document.getElementById('search-status')?.textContent ?? '').includes(`for “${query}”`), q);
      if (Object.values(WORDS).includes(q as never)) expect(await page.locator('#search-results li.search-hit').count(), q).toBeGreaterThan(0);
      expect(await activeContent(page), q).toEqual([]);
    }
    await search(page, WORDS.htmlOnly);
    const results = (await page.locator('#search-results').innerText()).replace(/\s+/g, ' ');
    expect(results).toContain(SHOWN.scriptSubject);
    expect(results).toContain(`by ${SHOWN.scriptName}`);
    expect(dialogs).toEqual([]);
    expect(errors).toEqual([]);
    await page.context().close();
  });
});
