import { readFileSync } from 'node:fs';
import { mkdtemp, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { AgoraConfig } from '../../config/schema.ts';
import { Message, Thread } from '../../model/mail.ts';
import { Store } from '../../store/store.ts';
import { runSync } from '../../sync/run.ts';
import { defineDriver } from '../types.ts';
import { listNameOf, mboxDriver } from './index.ts';

const FIXTURES = join(import.meta.dirname, '../../../test/fixtures/mbox');
const fixture = (name: string) => readFileSync(join(FIXTURES, name));
const drivers = new Map([['mbox', defineDriver(mboxDriver)]]);
const log = { info: () => {}, warn: () => {} };

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

function config(path: string, extra: Record<string, unknown> = {}) {
  return AgoraConfig.parse({ site: { title: 'T', url: 'https://a.example.org' }, sources: [{ id: 'old', type: 'mbox', path, ...extra }] });
}

async function stored(store: Store) {
  const s = store.source('old');
  const messages: Message[] = [];
  const threads: Thread[] = [];
  for await (const i of s.items('message', Message)) messages.push(i.data);
  for await (const i of s.items('thread', Thread)) threads.push(i.data);
  return { messages, threads };
}

describe('the mbox source', () => {
  it('stores every message of a file and threads them, with no address anywhere in the store', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-mbox-'));
    const file = join(dir, 'old-list.mbox');
    await writeFile(file, Buffer.concat([fixture('1990s.mbox'), Buffer.from('\n'), fixture('charsets.mbox')]));
    const store = new Store(join(dir, 'content'));
    const [report] = await runSync(config(file), { store, drivers, log });
    expect(report).toMatchObject({ ok: true, skipped: [] });
    const { messages, threads } = await stored(store);
    expect(messages.length).toBeGreaterThan(3);
    expect(new Set(messages.map((m) => m.list))).toEqual(new Set(['old-list']));
    expect(threads.flatMap((t) => t.messages.map((e) => e.key)).sort()).toEqual(messages.map((m) => m.key).sort());
    const text = readFileSync(store.source('old').pathOf('message', messages[0]!.key), 'utf8');
    expect(text).not.toMatch(/"(?:address|from)"/);
    for (const m of messages) expect(JSON.stringify({ ...m, messageId: '', inReplyTo: '', references: [] })).not.toMatch(/[\w.+-]+@[\w-]+\.[\w.]+/);
  });

  it('does not read an unchanged file again, reads a gzip file, and reports an unreadable message with its offset', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-mbox-'));
    const file = join(dir, 'mixed.mbox.gz');
    await writeFile(file, gzipSync(Buffer.concat([fixture('broken.mbox'), Buffer.from('\n'), fixture('crlf.mbox')])));
    await utimes(file, new Date('2020-01-01T00:00:00Z'), new Date('2020-01-01T00:00:00Z'));
    const store = new Store(join(dir, 'content'));
    const [first] = await runSync(config(file), { store, drivers, log });
    expect(first!.ok).toBe(true);
    expect(first!.new).toBeGreaterThan(0);
    for (const s of first!.skipped) expect(s.where).toMatch(/mixed\.mbox\.gz \(mixed\) at byte \d+/);
    const [second] = await runSync(config(file), { store, drivers, log });
    expect(second).toMatchObject({ ok: true, new: 0, updated: 0 });
  });

  it('names a list after its file or URL', () => {
    expect(listNameOf('/srv/archives/old-list.mbox')).toBe('old-list');
    expect(listNameOf('https://example.org/mail/devel.mbox.gz?x=1')).toBe('devel');
    expect(listNameOf('https://lists.example.org/pipermail/openstack-discuss/')).toBe('openstack-discuss');
  });
});
