/**
 * The mail sources synced for real: the pipermail, HyperKitty and mbox drivers (src/sources/index.ts)
 * run by the engine (`runSync`) into a temporary store, against the local mail simulator serving four
 * months of the demo's aurora-dev list (62 messages). What a manager relies on: a re-sync downloads only
 * what changed and changes nothing else, threads join across months and syncs and keep their ids, a
 * month that fails is reported and read next time without losing what was stored, and no address
 * reaches the store.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateMail, mbox, type DemoMessage } from '../../scripts/demo/mail.ts';
import { hyperkittyDate, type ArchivedMessage } from '../../scripts/demo/mail-archive.ts';
import { field, readFacts } from '../../scripts/demo/mail-read.ts';
import { startMailSimulator, type MailSimulator, type MailSimulatorOptions } from '../../scripts/simulator/mail.ts';
import { AgoraConfig } from '../../src/config/schema.ts';
import { Message, Thread } from '../../src/model/mail.ts';
import { drivers } from '../../src/sources/index.ts';
import { Store } from '../../src/store/store.ts';
import { runSync } from '../../src/sync/run.ts';
import { REPO_ROOT, tempDir, treeHash } from './helpers.ts';

const LIST = 'aurora-dev';
const ADDRESS = `${LIST}@lists.aurora.example`;
const MONTHS = ['2023-11', '2023-12', '2024-01', '2024-02'];
const VOLUMES = ['2023-November', '2023-December', '2024-January', '2024-February'];
/** The sync machine's clock and the simulator's: late in the list's last month. */
const NOW = Date.parse('2024-02-29T12:00:00Z');
/** HyperKitty's created_at: the list was created the month before its first message. */
const CREATED = Date.parse('2023-10-25T00:00:00Z') / 1000;

/** The list the simulator serves: four months of the demo's aurora-dev, and two late replies that make threads cross months. */
let messages: ArchivedMessage[];
beforeAll(() => {
  const demo = generateMail()
    .find((l) => l.name === LIST)!
    .messages.filter((m) => MONTHS.includes(m.month));
  const roots = (month: string) => demo.filter((m) => m.month === month && !field(readFacts(m.raw).fields, 'references') && !field(readFacts(m.raw).fields, 'in-reply-to'));
  const late = (root: DemoMessage, n: number, date: string): ArchivedMessage => ({
    raw: Buffer.from(mail({ id: `cross-month.${n}@bluefin-networks.example`, subject: `Re: ${readFacts(root.raw).subject}`, date, inReplyTo: root.messageId!, references: [root.messageId!] })),
    archivedAt: Date.parse(date) / 1000 + 60,
  });
  messages = [...demo, late(roots('2023-11')[0]!, 1, '2023-12-04T08:00:00Z'), late(roots('2023-12')[0]!, 2, '2024-01-08T16:30:00Z')].sort((a, b) => a.archivedAt - b.archivedAt);
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function simulator(opts: Partial<MailSimulatorOptions> = {}): Promise<MailSimulator> {
  const sim = await startMailSimulator({ lists: [{ name: LIST, messages, createdAt: CREATED }], now: () => NOW, ...opts });
  cleanup.push(() => sim.close());
  return sim;
}

async function storeDir(): Promise<string> {
  const dir = await tempDir('mail-sync');
  cleanup.push(() => rm(dir, { recursive: true, force: true }));
  return dir;
}

/** No retries: a fault is seen at once, and no test waits for backoff. */
function config(...sources: Record<string, unknown>[]): AgoraConfig {
  return AgoraConfig.parse({ site: { title: 'Test', url: 'https://agora.example.org' }, sources: sources.map((s) => ({ retries: 0, ...s })) });
}
const pipermail = (sim: MailSimulator) => ({ id: 'dev', type: 'pipermail', url: `${sim.url}/pipermail/${LIST}/` });
const hyperkitty = (sim: MailSimulator) => ({ id: 'hk', type: 'hyperkitty', url: `${sim.url}/archives/list/${ADDRESS}/` });

async function sync(cfg: AgoraConfig, dir: string, opts: { full?: boolean } = {}) {
  const info: string[] = [];
  const warnings: string[] = [];
  const reports = await runSync(cfg, {
    store: new Store(dir),
    drivers,
    full: opts.full,
    log: { info: (m) => void info.push(m), warn: (m) => void warnings.push(m) },
    now: () => 0,
    clock: () => NOW,
  });
  return { reports, report: reports[0]!, info, warnings };
}

/** Status and decoded URL of what the simulator was asked from request `from` on. */
function asked(sim: MailSimulator, from = 0): string[] {
  return sim.requests.slice(from).map((r) => `${r.status} ${decodeURIComponent(r.url)}`);
}
const volume = (i: number) => `/pipermail/${LIST}/${VOLUMES[i]}.txt.gz`;
const index = `/pipermail/${LIST}/`;
const exportOf = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const next = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
  return `/archives/list/${ADDRESS}/export/${ADDRESS}-${month}.mbox.gz?start=${month}-01&end=${next}-01`;
};

async function stored(dir: string, source: string) {
  const s = new Store(dir).source(source);
  const msgs = new Map<string, Message>();
  const threads = new Map<string, Thread>();
  for await (const i of s.items('message', Message)) msgs.set(i.data.key, i.data);
  for await (const i of s.items('thread', Thread)) threads.set(i.data.key, i.data);
  return { messages: msgs, threads, pathOf: (kind: string, id: string) => s.pathOf(kind, id) };
}

/** Every stored message is in exactly one stored thread, and every thread lists stored messages only. */
function expectThreaded({ messages: msgs, threads }: Awaited<ReturnType<typeof stored>>): void {
  const threadOf = new Map<string, string>();
  for (const t of threads.values()) {
    for (const e of t.messages) {
      expect(threadOf.get(e.key), `message ${e.key} in two threads`).toBeUndefined();
      threadOf.set(e.key, t.key);
      expect(msgs.has(e.key), `thread ${t.key} lists ${e.key}, which is not stored`).toBe(true);
    }
  }
  expect([...msgs.keys()].filter((k) => !threadOf.has(k)), 'stored messages that no thread holds').toEqual([]);
}

const ids = (value: string | undefined) => [...(value ?? '').matchAll(/<([^<>\s]+)>/g)].map((m) => m[1]!);

/** The Message-IDs of the simulator's messages, and how many threads their references make (union-find). */
function upstream(list: readonly ArchivedMessage[]): { messageIds: Set<string>; threads: number } {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    if (!parent.has(x)) parent.set(x, x);
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  const messageIds = new Set<string>();
  for (const m of list) {
    const facts = readFacts(m.raw);
    const id = facts.messageId!;
    messageIds.add(id);
    for (const other of [...ids(field(facts.fields, 'references')), ...ids(field(facts.fields, 'in-reply-to'))]) parent.set(find(other), find(id));
  }
  return { messageIds, threads: new Set([...messageIds].map(find)).size };
}

/** A plain-text message as a mail client sends it. */
function mail(h: { id: string; subject: string; date: string; inReplyTo?: string; references?: string[]; body?: string }): string {
  return [
    'From: Nadia Ferreira <nadia.ferreira@bluefin-networks.example>',
    `To: ${ADDRESS}`,
    `Subject: ${h.subject}`,
    `Date: ${new Date(h.date).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <${h.id}>`,
    ...(h.inReplyTo ? [`In-Reply-To: <${h.inReplyTo}>`] : []),
    ...(h.references?.length ? [`References: ${h.references.map((r) => `<${r}>`).join(' ')}`] : []),
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    h.body ?? 'A late follow-up.\n\nNadia\n',
  ].join('\n');
}

/** Threads that start with a message that answers none (a real root), started before February. */
function rootedThreads(threads: Map<string, Thread>): Thread[] {
  return [...threads.values()]
    .filter((t) => t.firstDate < '2024-01' && t.messages[0]!.depth === 0 && !t.messages[0]!.inReplyTo && t.messages[0]!.references.length === 0)
    .sort((a, b) => a.firstDate.localeCompare(b.firstDate));
}

describe('pipermail', () => {
  it('stores every month, then downloads only what changed: nothing, then the month a reply joined an older thread in', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const cfg = config(pipermail(sim));
    const want = upstream(messages);
    expect(want.messageIds.size).toBe(62);

    const first = await sync(cfg, dir);
    expect(asked(sim)).toEqual([`200 ${index}`, ...VOLUMES.map((_, i) => `200 ${volume(i)}`)]);
    const s1 = await stored(dir, 'dev');
    expect(first.report).toMatchObject({ ok: true, skipped: [], warnings: [], new: 62 + want.threads, updated: 0, removed: 0 });
    expect(new Set([...s1.messages.values()].map((m) => m.messageId))).toEqual(want.messageIds);
    expect(new Set([...s1.messages.values()].map((m) => m.month))).toEqual(new Set(MONTHS));
    expect(s1.threads.size).toBe(want.threads);
    expectThreaded(s1);
    // Threads cross months (the test below depends on it).
    expect([...s1.threads.values()].some((t) => t.firstDate.slice(0, 7) !== t.lastDate.slice(0, 7))).toBe(true);

    // Nothing changed upstream: only the index is read, every month answers 304, no file changes.
    const hash = treeHash(join(dir, 'dev'));
    const mark = sim.requests.length;
    const second = await sync(cfg, dir);
    expect(asked(sim, mark)).toEqual([`200 ${index}`, ...VOLUMES.map((_, i) => `304 ${volume(i)}`)]);
    expect(second.report).toMatchObject({ ok: true, new: 0, updated: 0, removed: 0, skipped: [], warnings: [] });
    expect(treeHash(join(dir, 'dev'))).toBe(hash);

    // A reply, today, to a thread started in an earlier month.
    const thread = rootedThreads(s1.threads)[0]!;
    const root = thread.messages[0]!;
    expect(sim.addMessage(LIST, mail({ id: 'late-reply.1@bluefin-networks.example', subject: `Re: ${root.subject}`, date: '2024-02-29T10:00:00Z', inReplyTo: root.messageId, references: [root.messageId] }), NOW / 1000 - 3600)).toEqual({ month: '2024-02' });
    const mark2 = sim.requests.length;
    const third = await sync(cfg, dir);
    expect(asked(sim, mark2)).toEqual([`200 ${index}`, `304 ${volume(0)}`, `304 ${volume(1)}`, `304 ${volume(2)}`, `200 ${volume(3)}`]);
    // The message is new, its thread is rewritten, nothing else changes.
    expect(third.report).toMatchObject({ ok: true, new: 1, updated: 1, removed: 0, skipped: [] });
    const s3 = await stored(dir, 'dev');
    expect(s3.messages.size).toBe(63);
    expect(s3.threads.size).toBe(want.threads);
    const reply = [...s3.messages.values()].find((m) => m.messageId === 'late-reply.1@bluefin-networks.example')!;
    expect(reply).toMatchObject({ list: LIST, month: '2024-02', isReply: true, date: '2024-02-29T10:00:00Z' });
    const joined = s3.threads.get(thread.key)!;
    expect(joined.messages.map((e) => e.key)).toEqual(expect.arrayContaining([...thread.messages.map((e) => e.key), reply.key]));
    expect(joined.messages.find((e) => e.key === reply.key)).toMatchObject({ parent: root.key, depth: 1 });
    expect(joined).toMatchObject({ firstDate: thread.firstDate, lastDate: '2024-02-29T10:00:00Z' });
    expectThreaded(s3);
  });

  it('reports a cut-off month and a failing one with their URLs, keeps what was stored, and reads both on the next sync', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const cfg = config(pipermail(sim));
    const first = await sync(cfg, dir);
    const newest = first.report.cursor!;
    expect(newest.slice(0, 7)).toBe('2024-02');
    const before = await stored(dir, 'dev');
    // Two months change upstream, and both fail to download.
    const dec = sim.addMessage(LIST, mail({ id: 'december-late@bluefin-networks.example', subject: 'Mirror of the gate logs', date: '2023-12-20T09:00:00Z' }), Date.parse('2023-12-20T09:01:00Z') / 1000);
    expect(dec.month).toBe('2023-12');
    sim.touchMonth(LIST, '2024-01');
    sim.faults.push({ match: `${VOLUMES[1]}.txt.gz`, respond: { truncate: true } }, { match: `${VOLUMES[2]}.txt.gz`, respond: { status: 500 } });
    const mark = sim.requests.length;
    const failed = await sync(cfg, dir);
    expect(asked(sim, mark)).toEqual([`200 ${index}`, `304 ${volume(0)}`, `200 ${volume(1)}`, `500 ${volume(2)}`, `304 ${volume(3)}`]);
    expect(failed.report.ok).toBe(true);
    expect(failed.report.skipped).toEqual([
      { where: `${sim.url}${volume(1)} (${LIST}, 2023-12)`, reason: expect.stringMatching(/asked again on the next sync: .*gzip body is corrupt or cut off/) },
      { where: `${sim.url}${volume(2)} (${LIST}, 2024-01)`, reason: expect.stringMatching(/asked again on the next sync: .*500/) },
    ]);
    // Nothing stored before is lost or changed.
    expect(failed.report).toMatchObject({ new: 0, updated: 0, removed: 0 });
    const after = await stored(dir, 'dev');
    expect(after.messages).toEqual(before.messages);
    expect(after.threads).toEqual(before.threads);

    // The faults are gone: the two months are read (their validators were not kept), the others are not.
    const mark2 = sim.requests.length;
    const next = await sync(cfg, dir);
    expect(asked(sim, mark2)).toEqual([`200 ${index}`, `304 ${volume(0)}`, `200 ${volume(1)}`, `200 ${volume(2)}`, `304 ${volume(3)}`]);
    // Regression: the cursor went back to the newest message of the months read (January).
    expect(next.report).toMatchObject({ ok: true, skipped: [], new: 2, updated: 0, cursor: newest });
    const s = await stored(dir, 'dev');
    expect(s.messages.size).toBe(63);
    expect([...s.messages.values()].find((m) => m.messageId === 'december-late@bluefin-networks.example')).toMatchObject({ month: '2023-12' });
    expectThreaded(s);
    // And the month after that is not read again.
    const mark3 = sim.requests.length;
    await sync(cfg, dir);
    expect(asked(sim, mark3)).toEqual([`200 ${index}`, ...VOLUMES.map((_, i) => `304 ${volume(i)}`)]);
  });

  // Regression: a --full run threaded only what it had read, so the messages it kept from a month that
  // had left the index were dropped from the threads that also had messages in other months: stored,
  // but in no thread, so on no list or month page.
  it('keeps the messages of a month that left the index, with a warning, on a --full run too, and still in their threads', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const cfg = config(pipermail(sim));
    await sync(cfg, dir);
    const before = await stored(dir, 'dev');
    const december = [...before.messages.values()].filter((m) => m.month === '2023-12');
    expect(december.length).toBeGreaterThan(0);
    const inDecember = (t: Thread) => t.messages.some((e) => before.messages.get(e.key)!.month === '2023-12');
    expect([...before.threads.values()].some((t) => inDecember(t) && t.messages.some((e) => before.messages.get(e.key)!.month !== '2023-12'))).toBe(true);

    sim.removeMonth(LIST, '2023-12');
    const gone = { where: `${LIST} 2023-12`, reason: 'this month is no longer in the archive index; its stored messages are kept' };
    const mark = sim.requests.length;
    const second = await sync(cfg, dir);
    expect(asked(sim, mark)).toEqual([`200 ${index}`, `304 ${volume(0)}`, `304 ${volume(2)}`, `304 ${volume(3)}`]);
    expect(second.report).toMatchObject({ ok: true, new: 0, updated: 0, removed: 0, skipped: [], warnings: [gone] });
    expect((await stored(dir, 'dev')).messages).toEqual(before.messages);

    // --full reads every listed month again; pipermail cannot ask about a message one by one, so what
    // it did not see is kept, and the engine says so.
    const mark2 = sim.requests.length;
    const full = await sync(cfg, dir, { full: true });
    expect(asked(sim, mark2)).toEqual([`200 ${index}`, `200 ${volume(0)}`, `200 ${volume(2)}`, `200 ${volume(3)}`]);
    expect(full.report).toMatchObject({ ok: true, removed: 0, skipped: [] });
    expect(full.report.warnings).toEqual([gone, { where: 'removal', reason: `${december.length} stored items the listing did not show kept: this source cannot ask about items one by one` }]);
    const after = await stored(dir, 'dev');
    expect(after.messages).toEqual(before.messages);
    expect(after.threads).toEqual(before.threads);
    expectThreaded(after);
  });

  it('removes the thread a late message merged into another, and loses no message', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const cfg = config(pipermail(sim));
    await sync(cfg, dir);
    const before = await stored(dir, 'dev');
    const [a, b] = rootedThreads(before.threads);
    const rootA = a!.messages[0]!;
    const rootB = b!.messages[0]!;
    // A message that references both threads' roots: JWZ hangs B's root under A's.
    sim.addMessage(LIST, mail({ id: 'both-threads@bluefin-networks.example', subject: `Re: ${rootB.subject}`, date: '2024-02-29T10:00:00Z', inReplyTo: rootB.messageId, references: [rootA.messageId, rootB.messageId] }), NOW / 1000 - 3600);
    const { report } = await sync(cfg, dir);
    expect(report).toMatchObject({ ok: true, new: 1, updated: 1, removed: 1, skipped: [] });
    const after = await stored(dir, 'dev');
    expect(after.threads.size).toBe(before.threads.size - 1);
    expect(after.threads.has(b!.key)).toBe(false);
    expect(existsSync(after.pathOf('thread', b!.key))).toBe(false);
    const merged = after.threads.get(a!.key)!;
    const late = [...after.messages.values()].find((m) => m.messageId === 'both-threads@bluefin-networks.example')!;
    expect(merged.messages.map((e) => e.key).sort()).toEqual([...a!.messages, ...b!.messages].map((e) => e.key).concat(late.key).sort());
    expect(merged.messages.find((e) => e.key === rootB.key)).toMatchObject({ parent: rootA.key, depth: 1 });
    expect(after.messages.size).toBe(before.messages.size + 1);
    for (const key of before.messages.keys()) expect(after.messages.has(key), key).toBe(true);
    expectThreaded(after);
  });
});

describe('hyperkitty', () => {
  const exportsFrom = (month: string) => ['2023-10', ...MONTHS].filter((m) => m >= month);

  it("reads every month from the list's creation, then only from the month before the cursor's on", async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const cfg = config(hyperkitty(sim));
    const first = await sync(cfg, dir);
    expect(asked(sim)).toEqual([`200 /archives/api/list/${ADDRESS}/`, ...exportsFrom('2023-10').map((m) => `200 ${exportOf(m)}`)]);
    const newest = [...messages].map((m) => new Date(hyperkittyDate(m) * 1000).toISOString().replace('.000Z', 'Z')).sort().at(-1)!;
    expect(newest.slice(0, 7)).toBe('2024-02');
    expect(first.report).toMatchObject({ ok: true, skipped: [], warnings: [], cursor: newest });
    const s = await stored(dir, 'hk');
    expect(new Set([...s.messages.values()].map((m) => m.messageId))).toEqual(upstream(messages).messageIds);
    expect(s.threads.size).toBe(upstream(messages).threads);
    expectThreaded(s);

    const hash = treeHash(join(dir, 'hk'));
    const mark = sim.requests.length;
    const second = await sync(cfg, dir);
    expect(asked(sim, mark)).toEqual([`304 ${exportOf('2024-01')}`, `304 ${exportOf('2024-02')}`]);
    expect(second.report).toMatchObject({ ok: true, new: 0, updated: 0, cursor: newest });
    expect(treeHash(join(dir, 'hk'))).toBe(hash);
  });

  it('finds a message filed late in the month before the cursor (held for moderation over the month end)', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const cfg = config(hyperkitty(sim));
    await sync(cfg, dir);
    // Archived now, dated in January: HyperKitty's export files it by its Date, under January.
    sim.addMessage(LIST, mail({ id: 'held-in-moderation@bluefin-networks.example', subject: 'Held over the month end', date: '2024-01-31T23:50:00Z' }), NOW / 1000 - 60);
    const second = await sync(cfg, dir);
    expect(second.report).toMatchObject({ ok: true, new: 2 });
    const s = await stored(dir, 'hk');
    expect([...s.messages.values()].some((m) => m.messageId === 'held-in-moderation@bluefin-networks.example')).toBe(true);
    expectThreaded(s);
  });

  it("reads the cursor's month again from a server that sends no validators (as HyperKitty's export view), and changes nothing", async () => {
    const sim = await simulator({ validators: false });
    const dir = await storeDir();
    const cfg = config(hyperkitty(sim));
    await sync(cfg, dir);
    const hash = treeHash(join(dir, 'hk'));
    const mark = sim.requests.length;
    const second = await sync(cfg, dir);
    expect(asked(sim, mark)).toEqual([`200 ${exportOf('2024-01')}`, `200 ${exportOf('2024-02')}`]);
    expect(second.report).toMatchObject({ ok: true, new: 0, updated: 0, removed: 0 });
    expect(treeHash(join(dir, 'hk'))).toBe(hash);
  });

  it('asks a month that failed again on the next sync: the cursor does not move past it', async () => {
    const sim = await simulator({ faults: [{ match: `${ADDRESS}-2023-12.mbox.gz`, respond: { status: 500 } }] });
    const dir = await storeDir();
    const cfg = config(hyperkitty(sim));
    const first = await sync(cfg, dir);
    expect(first.report).toMatchObject({ ok: true, cursor: '2023-12-01T00:00:00Z' });
    const newest = [...messages].map((m) => new Date(hyperkittyDate(m) * 1000).toISOString().replace('.000Z', 'Z')).sort().at(-1)!;
    // The newest message held is kept beside the cursor held back.
    expect(await new Store(dir).source('hk').getMeta()).toMatchObject({ cursor: '2023-12-01T00:00:00Z', newest });
    expect(first.report.skipped).toEqual([{ where: `${sim.url}/archives/list/${ADDRESS}/export/${encodeURIComponent(`${ADDRESS}-2023-12`)}.mbox.gz?start=2023-12-01&end=2024-01-01 (${LIST}, 2023-12)`, reason: expect.stringMatching(/500/) }]);
    const inDecember = new Set(messages.filter((m) => new Date(hyperkittyDate(m) * 1000).toISOString().startsWith('2023-12')).map((m) => readFacts(m.raw).messageId!));
    expect(inDecember.size).toBeGreaterThan(0);
    const s1 = await stored(dir, 'hk');
    expect(new Set([...s1.messages.values()].map((m) => m.messageId))).toEqual(new Set([...upstream(messages).messageIds].filter((id) => !inDecember.has(id))));
    expectThreaded(s1);

    const mark = sim.requests.length;
    const second = await sync(cfg, dir);
    expect(asked(sim, mark)).toEqual([`304 ${exportOf('2023-11')}`, `200 ${exportOf('2023-12')}`, `304 ${exportOf('2024-01')}`, `304 ${exportOf('2024-02')}`]);
    const s2 = await stored(dir, 'hk');
    // December's messages, and the threads only they make, are new.
    expect(second.report).toMatchObject({ ok: true, skipped: [], new: inDecember.size + s2.threads.size - s1.threads.size, removed: 0 });
    expect(second.report.cursor).toBe(newest);
    expect(await new Store(dir).source('hk').getMeta()).not.toHaveProperty('newest');
    expect(new Set([...s2.messages.values()].map((m) => m.messageId))).toEqual(upstream(messages).messageIds);
    expect(s2.threads.size).toBe(upstream(messages).threads);
    expectThreaded(s2);

    // Regression: the cursor stayed in December (the newest message of the month read), so every
    // later sync asked for December and January again.
    const mark2 = sim.requests.length;
    await sync(cfg, dir);
    expect(asked(sim, mark2)).toEqual([`304 ${exportOf('2024-01')}`, `304 ${exportOf('2024-02')}`]);
  });
});

describe('mbox', () => {
  it('a URL answers 304 on the second sync; a file that did not change is not read again', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    const file = join(dir, 'aurora-dev.mbox');
    await writeFile(file, mbox(messages));
    const cfg = config({ id: 'mbox-url', type: 'mbox', url: `${sim.url}/mbox/${LIST}.mbox.gz` }, { id: 'mbox-file', type: 'mbox', path: file });
    const { threads } = upstream(messages);
    const store = join(dir, 'content');
    const first = await sync(cfg, store);
    expect(asked(sim)).toEqual([`200 /mbox/${LIST}.mbox.gz`]);
    for (const r of first.reports) expect(r).toMatchObject({ ok: true, skipped: [], new: 62 + threads });
    for (const id of ['mbox-url', 'mbox-file']) expectThreaded(await stored(store, id));

    const hash = treeHash(store);
    const mark = sim.requests.length;
    const second = await sync(cfg, store);
    expect(asked(sim, mark)).toEqual([`304 /mbox/${LIST}.mbox.gz`]);
    // Neither is read: nothing is stored again, not even as unchanged.
    for (const r of second.reports) expect(r).toMatchObject({ ok: true, new: 0, updated: 0, unchanged: 0, removed: 0 });
    expect(second.info).toEqual([`mbox-url: ${sim.url}/mbox/${LIST}.mbox.gz has not changed since the last sync (304)`, `mbox-file: ${file} has not changed since the last sync`]);
    expect(treeHash(store)).toBe(hash);

    // Both change: both are read again.
    const late = mail({ id: 'mbox-late@bluefin-networks.example', subject: 'Gate is green again', date: '2024-02-29T10:00:00Z' });
    sim.addMessage(LIST, late, NOW / 1000 - 3600);
    await writeFile(file, Buffer.concat([mbox(messages), mbox([{ raw: Buffer.from(late), archivedAt: NOW / 1000 - 3600 }])]));
    const third = await sync(cfg, store);
    for (const r of third.reports) expect(r).toMatchObject({ ok: true, new: 2, removed: 0 });
  });
});

describe('privacy', () => {
  const EMAIL = [/[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/u, /[\p{L}\p{N}._%+-]{2,}(?:%40|&#64;|\(a\)| at )(?:[\p{L}\p{N}-]+\.)+example\b/u];
  const HIDDEN = new Set(['messageId', 'inReplyTo', 'references']);
  const withoutIds = (value: unknown): unknown =>
    Array.isArray(value) ? value.map(withoutIds) : value && typeof value === 'object' ? Object.fromEntries(Object.entries(value).filter(([k]) => !HIDDEN.has(k)).map(([k, v]) => [k, withoutIds(v)])) : value;
  const files = (root: string): string[] => readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));

  it('no stored file of the mail sources holds an address, the Message-ID fields aside', async () => {
    const sim = await simulator();
    const dir = await storeDir();
    // Addresses in every place a message can hold one: poster, subject, body, spelled out and not.
    sim.addMessage(
      LIST,
      mail({ id: 'privacy@bluefin-networks.example', subject: 'Re: ask nadia.ferreira@bluefin-networks.example', date: '2024-02-29T10:00:00Z', body: 'Write to nadia.ferreira@bluefin-networks.example, or to\nops at aurora-infra.example, or ops(a)aurora-infra.example.\n' }),
      NOW / 1000 - 3600,
    );
    const cfg = config(pipermail(sim), hyperkitty(sim), { id: 'mbox-url', type: 'mbox', url: `${sim.url}/mbox/${LIST}.mbox.gz` });
    const { reports } = await sync(cfg, dir);
    for (const r of reports) expect(r).toMatchObject({ ok: true, skipped: [] });
    const all = files(dir).filter((f) => !f.endsWith('.lock'));
    expect(all.filter((f) => f.includes('/message/')).length).toBe(3 * 63);
    let checked = 0;
    for (const f of all) {
      const text = JSON.stringify(withoutIds(JSON.parse(readFileSync(f, 'utf8'))));
      for (const re of EMAIL) expect(text, f).not.toMatch(re);
      checked++;
    }
    expect(checked).toBeGreaterThan(3 * 63);
    // The fields left out above do hold addresses: the check would see them.
    const one = files(dir).find((f) => f.includes('/message/'))!;
    expect(readFileSync(one, 'utf8')).toMatch(EMAIL[0]!);
  });

  it('pages never show the Message-ID fields', () => {
    const sources = ['src/pages', 'src/components', 'src/layouts', 'src/kinds']
      .flatMap((d) => readdirSync(join(REPO_ROOT, d), { recursive: true, withFileTypes: true }).filter((e) => e.isFile() && !e.name.includes('.test.')).map((e) => join(e.parentPath, e.name)));
    expect(sources.length).toBeGreaterThan(10);
    expect(sources.filter((f) => /\b(?:messageId|inReplyTo|references)\b/.test(readFileSync(f, 'utf8')))).toEqual([]);
  });
});
