/**
 * Search finds what a reader sees. On the built demo, with fixed seeds:
 *  - every word shown on random change and person pages (but page chrome and
 *    stop words) finds that page, through the search engine the worker runs;
 *    so does every word of the mail shown on random message pages, and on
 *    thread pages it finds the thread or one of its messages;
 *  - rare words from random pages (mail pages too), typed into the real search
 *    page, give results, nearly always with the page itself on the first page of them;
 *  - a change's Change-Id and revision find it first;
 *  - names shown on a change page find the person first, then the change;
 *    people who opted out are not found by name, bots have no person result.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { SearchEngine } from '../../src/search/engine.ts';
import { fileFetcher } from '../../src/search/test-helpers.ts';
import type { SearchManifest, StoredDoc } from '../../src/search/types.ts';
import { buildDemo, useSite } from './harness.ts';
import { isStopWord, pickRareWords, readMailPages, readPages, samplePages, templateWords, visibleText, type RareWord, type VisiblePage } from './visible-words.ts';

const { open } = useSite();

/** Share of rare words whose own page must be among the first page (10) of results; every word must give some. */
const FIRST_PAGE_SHARE = 0.9;
/**
 * "Rare": on at most this many of the demo's pages (changes, people, threads
 * and messages), counting a word's index term (`asked` counts for `ask`). The
 * demo is generated from a small vocabulary (about 950 words besides ids), so
 * only some pages show a word this rare; the pages are drawn among those.
 */
const MAX_PAGES = 10;

interface Results {
  total: number;
  hits: { path: string; kind: string; meta: string; marked: string[] }[];
}

/** Types `q` into the search page and waits for its own answer (the status names the query). */
async function search(page: Page, q: string): Promise<Results> {
  await page.locator('#search-q').fill(q);
  await page.locator('#search-q').press('Enter');
  await page.waitForFunction((query) => (document.getElementById('search-status')?.textContent ?? '').includes(`for “${query}”`), q);
  return readResults(page);
}

async function readResults(page: Page): Promise<Results> {
  const status = (await page.locator('#search-status').textContent()) ?? '';
  const total = Number(/^([\d,]+) results?/.exec(status)?.[1]?.replace(/,/g, '') ?? NaN);
  const hits = await page.locator('#search-results li.search-hit').evaluateAll((lis) =>
    lis.map((li) => ({
      path: new URL((li.querySelector('h2 a') as HTMLAnchorElement).href).pathname.slice(1),
      kind: (li as HTMLElement).dataset.kind ?? '',
      meta: li.querySelector('.search-meta')?.textContent ?? '',
      marked: [...li.querySelectorAll('mark')].map((m) => m.textContent ?? ''),
    })),
  );
  return { total, hits };
}

let dist: string;
let all: VisiblePage[];
let changes: VisiblePage[];
let people: VisiblePage[];
let messages: VisiblePage[];
let threads: VisiblePage[];
beforeAll(async () => {
  dist = await buildDemo();
  changes = readPages(dist, 'changes');
  people = readPages(dist, 'people');
  all = [...changes, ...people];
  messages = readMailPages(dist, 'messages');
  threads = readMailPages(dist, 'threads');
}, 600_000);

/**
 * Page chrome per source: the person pages of a Gerrit source and of a mailing
 * list are different templates (a table of changes, or not), each with its own labels.
 */
function chromeBySource(pages: VisiblePage[]): (page: VisiblePage) => Set<string> {
  const group = (p: VisiblePage) => p.path.split('/').slice(0, 2).join('/');
  const bySource = new Map<string, VisiblePage[]>();
  for (const p of pages) bySource.set(group(p), [...(bySource.get(group(p)) ?? []), p]);
  const chrome = new Map([...bySource].map(([g, ps]) => [g, templateWords(ps)]));
  return (p) => chrome.get(group(p))!;
}

/**
 * The pages that count as finding a mail page: a message page itself; a
 * thread page or any of its messages (the thread's document holds its
 * subject, participants and the start of the first message; each message
 * its own words).
 */
function ownPages(path: string): Set<string> {
  if (!path.startsWith('threads/')) return new Set([path]);
  const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
  return new Set([path, ...[...html.matchAll(/href="\/(messages\/[^"]+)"/g)].map((m) => m[1]!)]);
}

/** The built index, read as the worker reads it, with each document's page path. */
function builtIndex(): { engine: SearchEngine; pathOf: string[] } {
  const root = join(dist, 'search');
  const m = JSON.parse(readFileSync(join(root, 'manifest.json'), 'utf8')) as SearchManifest;
  const pathOf: string[] = [];
  for (let c = 0; c * m.chunkSize < m.docCount; c++) {
    const docs = JSON.parse(readFileSync(join(root, m.dir, 'c', `${c}.json`), 'utf8')) as StoredDoc[];
    docs.forEach((d, i) => (pathOf[c * m.chunkSize + i] = d[1]));
  }
  return { engine: new SearchEngine(fileFetcher(root)), pathOf };
}

describe('search finds what a page shows', () => {
  it('every word shown on random change and person pages finds that page (but page chrome and stop words)', async () => {
    const { engine, pathOf } = builtIndex();
    const missed: string[] = [];
    let checked = 0;
    for (const [kind, pages, count] of [['changes', changes, 20], ['people', people, 10]] as const) {
      const chrome = chromeBySource(pages);
      for (const page of samplePages(pages, `search-coverage/all-words/${kind}`, count)) {
        for (const word of page.words) {
          if (chrome(page).has(word) || isStopWord(word)) continue;
          checked++;
          const { ranked } = await engine.rank(word);
          if (!ranked.toArray().some((r) => pathOf[r.ref] === page.path)) missed.push(`${word} (${page.path})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(missed, `of ${checked} words shown, these do not find their page`).toEqual([]);
  }, 120_000);

  it('every word of the mail shown on random message and thread pages finds that message, or for a thread one of its pages (but page chrome and stop words)', async () => {
    const { engine, pathOf } = builtIndex();
    const missed: string[] = [];
    let checked = 0;
    for (const [kind, pages] of [['messages', messages], ['threads', threads]] as const) {
      const chrome = templateWords(pages);
      for (const page of samplePages(pages, `search-coverage/all-words/${kind}`, 25)) {
        const own = ownPages(page.path);
        for (const word of page.words) {
          if (chrome.has(word) || isStopWord(word)) continue;
          checked++;
          const { ranked } = await engine.rank(word);
          if (!ranked.toArray().some((r) => own.has(pathOf[r.ref]!))) missed.push(`${word} (${page.path})`);
        }
      }
    }
    expect(checked).toBeGreaterThan(1000);
    expect(missed, `of ${checked} words shown, these do not find their page`).toEqual([]);
  }, 120_000);

  it('rare words from random message and thread pages give results, nearly always their page on the first page', async () => {
    const mailAll = [...all, ...messages, ...threads];
    const words: RareWord[] = [
      ...pickRareWords(mailAll, messages, { seed: 'search-coverage/messages', count: 12, perPage: 2, maxPages: MAX_PAGES, byTerm: true }),
      ...pickRareWords(mailAll, threads, { seed: 'search-coverage/threads', count: 12, perPage: 2, maxPages: MAX_PAGES, byTerm: true }),
    ];
    expect(words.length).toBeGreaterThanOrEqual(40);
    const page = await open('search/');
    const empty: string[] = [];
    const missed: string[] = [];
    for (const w of words) {
      const res = await search(page, w.word);
      const own = ownPages(w.page);
      if (res.total === 0) empty.push(`${w.word} (${w.page})`);
      else if (!res.hits.some((h) => own.has(h.path))) missed.push(`${w.word} (${w.page}, on ${w.pages} pages; ${res.total} results)`);
    }
    expect(empty, 'rare words that found nothing').toEqual([]);
    const share = 1 - missed.length / words.length;
    expect(share, `own page not on the first page of results for: ${missed.join(', ')}`).toBeGreaterThanOrEqual(FIRST_PAGE_SHARE);
    await page.context().close();
  }, 180_000);

  it('rare words from random change and person pages give results, nearly always their own page on the first page', async () => {
    // Rare among every page the index holds (mail pages show names and words of changes too), as index terms.
    const everything = [...all, ...messages, ...threads];
    const words: RareWord[] = [
      ...pickRareWords(everything, changes, { seed: 'search-coverage/changes', count: 20, perPage: 2, maxPages: MAX_PAGES, byTerm: true }),
      ...pickRareWords(everything, people, { seed: 'search-coverage/people', count: 10, perPage: 2, maxPages: MAX_PAGES, byTerm: true }),
    ];
    // Fewer since the demo has mail: its messages show the same names and words (25 with these seeds).
    expect(words.length).toBeGreaterThanOrEqual(24);
    const page = await open('search/');
    const empty: string[] = [];
    const missed: string[] = [];
    for (const w of words) {
      const res = await search(page, w.word);
      if (res.total === 0) empty.push(`${w.word} (${w.page})`);
      else if (!res.hits.some((h) => h.path === w.page)) missed.push(`${w.word} (${w.page}, on ${w.pages} pages; ${res.total} results)`);
    }
    expect(empty, 'rare words that found nothing').toEqual([]);
    const share = 1 - missed.length / words.length;
    expect(share, `own page not on the first page of results for: ${missed.join(', ')}`).toBeGreaterThanOrEqual(FIRST_PAGE_SHARE);
    await page.context().close();
  }, 180_000);

  it('the revision a change shows finds it first, its Change-Id finds it (and its backports)', async () => {
    const page = await open('search/');
    for (const { path } of samplePages(changes, 'search-coverage/ids', 5)) {
      const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
      const changeId = /<dt>Change-Id<\/dt><dd><code>(I[0-9a-f]+)<\/code>/.exec(html)?.[1];
      const revision = /<td><code>([0-9a-f]{10})<\/code><\/td>/.exec(html)?.[1];
      expect(changeId, `the Change-Id on ${path}`).toBeDefined();
      expect(revision, `a revision on ${path}`).toBeDefined();
      expect((await search(page, revision!)).hits[0]?.path, revision).toBe(path);
      // Backports to other branches keep the Change-Id: all of them, this one among them.
      const byId = await search(page, changeId!);
      expect(byId.hits.map((h) => h.path), changeId).toContain(path);
      expect(byId.total).toBeLessThanOrEqual(5);
    }
    await page.context().close();
  }, 60_000);

  it('the owner’s and a reviewer’s name from random change pages find their person page first, and that change', async () => {
    const page = await open('search/');
    const index = builtIndex();
    let tried = 0;
    for (const { path } of samplePages(changes, 'search-coverage/names', 40)) {
      if (tried === 3) break;
      const html = readFileSync(join(dist, path, 'index.html'), 'utf8');
      // "Change 10100 by <a href="/people/demo/1/">Name</a>": an owner with a page (not a bot, not opted out).
      const owner = /Change \d+ by <a href="\/(people\/[^"]+)">([^<]+)<\/a>/.exec(html);
      const voters = [...html.matchAll(/<td><a href="\/(people\/[^"]+)">([^<]+)<\/a><\/td>/g)].filter((m) => m[1] !== owner?.[1]);
      if (!owner || voters.length === 0) continue;
      tried++;
      for (const [, personPath, shown] of [owner, voters[0]!]) {
        const name = visibleText(shown!);
        const res = await search(page, name);
        // A person has a page per source they are active in (review, lists) until an identity file
        // joins them: the name finds those pages first, the review one among them.
        const people = res.hits.slice(0, res.hits.findIndex((h) => h.kind !== 'person'));
        expect(people.length, name).toBeGreaterThan(0);
        expect(people.map((h) => h.path), name).toContain(personPath);
        expect(people.find((h) => h.path === personPath)?.meta, name).toMatch(/^Person · demo · last seen \d{4}-\d\d-\d\d$/);
        // Every change a reviewer is shown on matches, but far down the list (their own changes come first).
        const { ranked } = await index.engine.rank(name);
        expect(ranked.toArray().some((r) => index.pathOf[r.ref] === path), `${name} finds ${path}`).toBe(true);
      }
      // After their pages come what they own and the mail that names them (greetings, sign-offs):
      // this change among them. How far down depends on how much of the lists names the person, so
      // the check is that it is found, which the ranked list above already showed for each name.
    }
    expect(tried).toBe(3);
    await page.context().close();
  }, 180_000);

  it('names in any script find their person page first (Zoë, Łukasz, 李雷, María)', async () => {
    const page = await open('search/');
    for (const q of ['Zoë', 'Łukasz', '李雷', 'María']) {
      const res = await search(page, q);
      expect(res.hits[0]?.kind, q).toBe('person');
      expect(res.hits[0]?.marked.join(' '), q).toContain(q);
    }
    await page.context().close();
  });

  it('words inside URLs and paths find their page and are marked: manual, developers.html', async () => {
    const page = await open('search/');
    for (const q of ['manual', 'developers.html']) {
      const res = await search(page, q);
      expect(res.total, q).toBeGreaterThan(0);
      expect(res.hits[0]!.marked, q).toContain(q);
    }
    await page.context().close();
  });

  it('a person who opted out is not findable by name or username, and bots have no person result', async () => {
    const page = await open('search/');
    for (const q of ['Connor Fitzgerald', 'connorfitzge']) expect((await search(page, q)).total, q).toBe(0);
    const zuul = await search(page, 'Zuul');
    expect(zuul.hits.some((h) => h.kind === 'person')).toBe(false);
    await page.context().close();
  });

  it('project pages are results labelled as projects, and the project filter still applies', async () => {
    const page = await open('search/');
    const res = await search(page, 'aurora/network');
    expect(res.hits[0]).toMatchObject({ path: 'projects/aurora/network/', kind: 'project' });
    expect(res.hits[0]!.meta).toMatch(/^Project · demo · last activity \d{4}-\d\d-\d\d$/);
    await page.locator('#search-project').selectOption('aurora/docs');
    await page.waitForFunction(() => (document.getElementById('search-status')?.textContent ?? '').includes('in aurora/docs'));
    const filtered = await readResults(page);
    expect(filtered.hits.length).toBeGreaterThan(0);
    // The project's own page and its changes: nothing from another project, no person (they span projects).
    expect(filtered.hits.every((h) => (h.kind === 'change' && h.meta.includes('· aurora/docs')) || h.path === 'projects/aurora/docs/')).toBe(true);
    await page.context().close();
  });
});
