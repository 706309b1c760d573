/** The mail kinds through the real mbox driver, the store and the catalog. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSite, type Site } from '../../catalog/index.ts';
import { loadConfig } from '../../config/load.ts';
import { allSearchDocs } from '../../search/providers.ts';
import { drivers } from '../../sources/index.ts';
import { Store } from '../../store/store.ts';
import { runSync } from '../../sync/run.ts';
import type { SearchDoc } from '../types.ts';
import { listMonths, QUOTE_LEFT_OUT, redactMessage, threadOfMessage, threadsOfMonth } from './views.ts';
import { Message } from '../../model/mail.ts';
import type { MessageSummary, ThreadSummary } from './summary.ts';

let dir: string;
let site: Site;
let docs: SearchDoc[];

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agora-mail-kinds-'));
  const fixture = await readFile(join(import.meta.dirname, '../../../test/fixtures/mbox/pipermail-2014-November.txt'));
  await writeFile(join(dir, 'demo-dev.txt'), fixture);
  const config = join(dir, 'agora.config.yaml');
  await writeFile(config, ['site: { title: T, url: https://t.example.org }', 'privacy:', '  optOut: [Kim@Example.org]', 'sources:', '  - { id: pm, type: mbox, path: demo-dev.txt }', ''].join('\n'));
  const loaded = loadConfig(config);
  const [report] = await runSync(loaded.config, { store: new Store(loaded.dataDir), drivers, log: { info: () => {}, warn: () => {} } });
  expect(report!.ok).toBe(true);
  site = await loadSite(config);
  docs = [];
  for await (const d of allSearchDocs(site)) docs.push(d);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('mail kinds in the catalog', () => {
  it('makes posters people from their posted and replied events, and honours an opt-out given by address', () => {
    const { catalog } = site;
    const people = catalog.contributors().map((p) => p.name);
    expect(people).toEqual(['Lée Example']);
    const lee = catalog.contributors()[0]!;
    expect(lee.acts).toEqual({ 'message:replied': 1 });
    expect(catalog.events.every((e) => e.kind === 'message')).toBe(true);
    const kim = [...catalog.people.values()].find((p) => p.key !== lee.key)!;
    expect(catalog.isHidden(kim.key)).toBe(true);
  });

  it('keys the list as a place, and prepares months and threads for the list pages', () => {
    const { catalog } = site;
    const list = catalog.place('pm', 'demo-dev')!;
    expect(list.label).toEqual({ one: 'list', many: 'lists' });
    const messages = catalog.itemsIn<MessageSummary>(list, 'message');
    const threads = catalog.itemsIn<ThreadSummary>(list, 'thread');
    expect(messages).toHaveLength(3);
    expect(threads).toHaveLength(2);
    expect(threads.map((t) => t.title)).toEqual(['Meeting notes', 'Meeting notes']);
    expect(listMonths(messages, threads, (k) => catalog.counts(k))).toEqual([
      { month: '2014-12', messages: 1, threadsStarted: 1, posters: 0 },
      { month: '2014-11', messages: 2, threadsStarted: 1, posters: 1 },
    ]);
    const nov = threadsOfMonth(messages, '2014-11', threadOfMessage(threads));
    expect(nov.map((t) => t.inMonth)).toEqual([2]);
    // The opted-out starter stays out of the participants.
    expect(nov[0]!.thread.participants).toEqual([catalog.contributors()[0]!.key]);
  });

  it('indexes threads and messages with the list, and never an address or an opted-out name', () => {
    const mail = docs.filter((d) => d.kind === 'message' || d.kind === 'thread');
    expect(mail.map((d) => d.kind).sort()).toEqual(['message', 'message', 'message', 'thread', 'thread']);
    expect(mail.every((d) => d.project === 'demo-dev')).toBe(true);
    const text = JSON.stringify(docs);
    expect(text).not.toMatch(/kim at example|lee at example|@example\./i);
    expect(text).not.toMatch(/Kim Example/);
    expect(docs.find((d) => d.kind === 'person')!.title).toBe('Lée Example');
  });

  // Regression: an opted-out poster's words showed where others quoted them, and their first name where
  // others greeted them ("Hi Connor,").
  it("leaves an opted-out poster's quoted words and first name out of the pages of others' messages", async () => {
    const { catalog, store } = site;
    const reply = catalog.items<MessageSummary>('message').find((m) => m.isReply && !catalog.isHidden(m.author))!;
    const item = (await store.source('pm').get('message', reply.id, Message))!;
    const shown = redactMessage(item.data, (t) => catalog.redactStrict(t));
    const quote = shown.segments.find((seg) => seg.kind === 'quote')!;
    expect(quote.text).toBe(QUOTE_LEFT_OUT);
    expect(JSON.stringify(shown)).not.toMatch(/Kim/);
    expect(catalog.redactStrict('Hi Kim, thanks. Kimberly and Kim Example too.')).toBe('Hi a participant, thanks. Kimberly and A contributor (opted out) too.');
  });
});
