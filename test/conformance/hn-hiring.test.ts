/**
 * A real Algolia `items/<id>` answer of a "Who is hiring?" thread (the VCR cassette hiringtrends
 * records, ../shared/reference-data/job-trends/) through the hn-hiring parser, mapper and driver.
 * The cassette is read in place, never copied, and nothing from it (names, texts, ids) is written
 * here: the assertions are counts, derived here independently of the code under test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { HnHiringSourceConfig } from '../../src/config/schema.ts';
import { compileKeywords, parseTermsDictionary } from '../../src/lib/job-keywords.ts';
import type { Item } from '../../src/model/item.ts';
import { JOB_MONTH_KIND, JobMonth } from '../../src/model/jobs.ts';
import { createHnHiringDriver } from '../../src/sources/hn-hiring/index.ts';
import { countMonth, HIRING_AUTHOR, hiringTitle, isHiringThread, monthOf, readThread, type KeywordMatcher } from '../../src/sources/hn-hiring/map.ts';
import { createdOf, parseItem } from '../../src/sources/hn-hiring/parse.ts';
import type { SyncContext } from '../../src/sources/types.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = resolve(process.env.AGORA_REFERENCE_DATA ?? join(REPO, '..', 'shared', 'reference-data'));
const CASSETTE = join(REFERENCE, 'job-trends', 'loads_the_items_from_the_API.yml');
const DICTIONARY = join(REFERENCE, 'job-trends', 'terms.dic');
const present = existsSync(CASSETTE);
if (!present) console.warn(`hn-hiring conformance skipped: no reference data at ${CASSETTE} (set AGORA_REFERENCE_DATA to the reference-data folder)`);

/** A stand-in matcher, so the parser and driver are checked apart from the real one: one word, whole, any case. */
const PYTHON = /\bpython\b/i;
const standIn = { names: ['Python'], matcher: { match: (html: string) => (PYTHON.test(html) ? ['Python'] : []) } satisfies KeywordMatcher, digest: 'stand-in' };

interface Interaction {
  request: { method: string; uri: string };
  response: { status: { code: number }; body: { encoding: string; string: string } };
}

function interactions(): Interaction[] {
  const doc = parseYaml(readFileSync(CASSETTE, 'utf8')) as { http_interactions: Interaction[] };
  return doc.http_interactions;
}

describe.skipIf(!present)('hn-hiring conformance with a recorded thread', () => {
  const recorded = present ? interactions().find((i) => /\/items\/\d+$/.test(i.request.uri))! : undefined;
  const body = recorded?.response.body.string ?? '{}';
  // Independent of the code under test: the raw JSON, top-level children with an author and text.
  const raw = JSON.parse(body) as { title: string; author: string; created_at: string; children: { author: string | null; text: string | null; children: unknown[] }[] };
  const withText = (raw.children ?? []).filter((c) => c.author && c.text && c.text.replace(/<[^>]*>/g, '').trim());
  const pythonRaw = withText.filter((c) => PYTHON.test(c.text!)).length;

  it('is a recorded items answer of a hiring thread', () => {
    expect(recorded!.request.method).toBe('get');
    expect(recorded!.response.status.code).toBe(200);
    expect(raw.author).toBe(HIRING_AUTHOR);
    expect(isHiringThread(raw)).toBe(true);
    expect(hiringTitle(raw.title)?.month).toBe(monthOf(raw.created_at));
  });

  it('reads every top-level child as a posting, none left out, and counts the matches', () => {
    const item = parseItem(body, recorded!.request.uri);
    const thread = readThread(item, { objectID: String(item.id) }, recorded!.request.uri);
    expect(thread.problems).toEqual([]);
    expect(thread.postings.length).toBe(withText.length);
    expect(thread.postings.length).toBe(raw.children.length);
    // Pinned, so a change of the sample is noticed: 219 postings, 37 naming Python.
    expect(withText.length).toBe(219);
    expect(pythonRaw).toBe(37);
    // Replies are not postings.
    expect(raw.children.some((c) => c.children.length > 0)).toBe(true);
    const month = monthOf(createdOf(item)!);
    const { month: counted, duplicates } = countMonth(month, [thread], standIn, true);
    expect(duplicates).toBe(0);
    expect(counted.postings).toBe(withText.length);
    expect(counted.counts).toEqual({ Python: pythonRaw });
    expect(new Set(counted.ids).size).toBe(withText.length);
    expect(counted.excluded).toEqual({});
  });

  it('gives one complete month through the driver, from a search hit to the stored counts', async () => {
    const item = parseItem(body, 'cassette');
    const created = createdOf(item)!;
    const month = monthOf(created);
    const hit = { objectID: String(item.id), title: raw.title, author: raw.author, created_at: created, created_at_i: Date.parse(created) / 1000, _tags: ['story', `author_${HIRING_AUTHOR}`] };
    const asked: string[] = [];
    const fetchStub = async (url: string): Promise<Response> => {
      asked.push(new URL(url).pathname);
      const json = url.includes('/search_by_date') ? JSON.stringify({ hits: [hit], page: 0, nbPages: 1, hitsPerPage: 100, nbHits: 1 }) : body;
      return new Response(json, { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' } });
    };
    const emitted: Item<unknown>[] = [];
    const warnings: string[] = [];
    const config = HnHiringSourceConfig.parse({ id: 'hn', type: 'hn-hiring', since: month, delay: 0, retries: 0 });
    const ctx: SyncContext<HnHiringSourceConfig> = {
      config,
      windowStart: new Date(`${month}-01T00:00:00Z`),
      full: false,
      meta: {},
      emit: async (i) => (emitted.push(i), 'new'),
      stored: async function* () {},
      remove: () => {},
      skip: (w, r) => warnings.push(`skip ${w}: ${r}`),
      warn: (w, r) => warnings.push(`${w}: ${r}`),
      cacheDir: '/nonexistent',
      // The month after the thread's: it is over.
      now: () => Date.parse(`${month}-01T00:00:00Z`) + 40 * 86_400_000,
      identityId: () => 'x',
      progress: () => {},
      log: { info: () => {}, warn: () => {} },
    };
    const outcome = await createHnHiringDriver({ fetch: fetchStub, keywords: () => standIn }).sync(ctx);
    expect(outcome.complete).toBe(true);
    expect(asked).toEqual(['/api/v1/search_by_date', `/api/v1/items/${item.id}`]);
    expect(emitted.map((i) => i.kind)).toEqual([JOB_MONTH_KIND]);
    const data = JobMonth.parse(emitted[0]!.data);
    expect(data).toMatchObject({ month, postings: withText.length, counts: { Python: pythonRaw }, complete: true, keywordsDigest: 'stand-in' });
    // No posting text is stored: only counts, ids and the thread's own header.
    expect(JSON.stringify(emitted[0])).not.toContain(withText[0]!.text!.slice(0, 30));
    // The next month, the current one, has no thread yet: not a warning (it may come later today).
    expect(warnings).toEqual([]);
  });
});

describe.skipIf(!present || !existsSync(DICTIONARY))('the real keyword matcher and term dictionary on the recorded thread', () => {
  const text = present && existsSync(DICTIONARY) ? readFileSync(DICTIONARY, 'utf8') : '';
  // Independent of the code under test: one keyword per line that is not blank or a comment.
  const lines = text.split(/\r\n|\n|\r/).map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
  const modified = lines.filter((l) => /\/(alias|js)\[[^\]]*\]$/.test(l));

  it('reads every line of terms.dic: plain names, /alias[A|B] and /js[X] modifiers, and compiles them all', () => {
    const defs = parseTermsDictionary(text, 'terms.dic');
    expect(Object.keys(defs)).toHaveLength(lines.length);
    expect(modified.length).toBeGreaterThan(10);
    for (const line of modified) {
      const [, name, modifier, data] = /^(.+?)\/(alias|js)\[([^\]]*)\]$/.exec(line)!;
      const terms = defs[name!.trim()]!.any!;
      if (modifier === 'alias') for (const a of data!.split('|')) expect(terms, line).toContain(a.trim());
      else expect(terms, line).toEqual([data, `${data}.js`, `${data}js`]);
    }
    // A plain line is its own term; a `/` inside a name without a modifier stays part of it.
    for (const line of lines.filter((l) => !modified.includes(l))) expect(defs[line]!.any, line).toEqual([line]);
    const matcher = compileKeywords(defs);
    expect([...matcher.names].sort()).toEqual(Object.keys(defs).sort());
  });

  it('counts the thread with the dictionary: each keyword at most once per posting, Python as a whole-word search does', () => {
    const defs = parseTermsDictionary(text, 'terms.dic');
    const matcher = compileKeywords(defs);
    const item = parseItem(present ? interactions().find((i) => /\/items\/\d+$/.test(i.request.uri))!.response.body.string : '{}', 'cassette');
    const thread = readThread(item, { objectID: String(item.id) }, 'cassette');
    const { month } = countMonth(monthOf(createdOf(item)!), [thread], { names: [...matcher.names], matcher, digest: 'dic' }, true);
    expect(month.postings).toBe(219);
    for (const [name, n] of Object.entries(month.counts)) expect(n, name).toBeLessThanOrEqual(month.postings);
    // Every keyword of the dictionary is counted, 0 included.
    expect(Object.keys(month.counts).sort()).toEqual(Object.keys(defs).sort());
    expect(month.counts.Python).toBe(37);
    // "Java" is never found inside "JavaScript": postings naming only JavaScript do not count for Java.
    const raw = JSON.parse(interactions().find((i) => /\/items\/\d+$/.test(i.request.uri))!.response.body.string) as { children: { text: string | null }[] };
    const javaOnlyInJs = raw.children.filter((c) => c.text && /javascript/i.test(c.text) && !/\bjava\b/i.test(c.text.replace(/javascript/gi, ''))).length;
    const javaWord = raw.children.filter((c) => c.text && /\bjava\b/i.test(c.text)).length;
    expect(javaOnlyInJs).toBeGreaterThan(0);
    expect(month.counts.Java).toBe(javaWord);
  });
});
