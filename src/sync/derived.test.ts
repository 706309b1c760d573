/** Items derived from many others (mail threads): a run reads what it stored and removes what it replaced. */
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgoraConfig } from '../config/schema.ts';
import { makeItem } from '../model/item.ts';
import { defineDriver, type SyncContext } from '../sources/types.ts';
import { Store } from '../store/store.ts';
import { runSync } from './run.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const config = AgoraConfig.parse({ site: { title: 'T', url: 'https://a.example.org' }, sources: [{ id: 'list', type: 'gerrit', url: 'https://x.example.org' }] });
const log = { info: () => {}, warn: () => {} };
const thread = (id: string) => makeItem({ source: 'list', type: 'test', origin: 'x', kind: 'thread', nativeId: id, updatedOn: '2024-01-01T00:00:00Z', data: { id } });

function driverRunning(step: (ctx: SyncContext) => Promise<void>) {
  return new Map([['gerrit', defineDriver({ type: 'gerrit', kinds: ['thread'], sync: async (ctx) => (await step(ctx), { complete: true }) })]]);
}

describe('ctx.stored and ctx.remove', () => {
  it('reads back what earlier runs stored, and removes a replaced item after the run returns', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-derived-'));
    const store = new Store(dir);
    await runSync(config, { store, log, drivers: driverRunning(async (ctx) => void (await ctx.emit(thread('a')), await ctx.emit(thread('b')))) });
    const seen: string[] = [];
    const [report] = await runSync(config, {
      store,
      log,
      drivers: driverRunning(async (ctx) => {
        for await (const item of ctx.stored('thread')) seen.push(item.id);
        ctx.remove('thread', 'b');
        ctx.remove('thread', 'missing');
      }),
    });
    expect(seen.sort()).toEqual(['list:thread:a', 'list:thread:b']);
    expect(report).toMatchObject({ ok: true, removed: 1 });
    expect(existsSync(store.source('list').pathOf('thread', 'a'))).toBe(true);
    expect(existsSync(store.source('list').pathOf('thread', 'b'))).toBe(false);
  });

  it('removes nothing when the run throws, and keeps an item the run emitted again', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-derived-'));
    const store = new Store(dir);
    await runSync(config, { store, log, drivers: driverRunning(async (ctx) => void (await ctx.emit(thread('a')), await ctx.emit(thread('b')))) });
    const [failed] = await runSync(config, {
      store,
      log,
      drivers: driverRunning(async (ctx) => {
        ctx.remove('thread', 'a');
        throw new Error('upstream down');
      }),
    });
    expect(failed).toMatchObject({ ok: false, removed: 0 });
    expect(existsSync(store.source('list').pathOf('thread', 'a'))).toBe(true);
    const [kept] = await runSync(config, {
      store,
      log,
      drivers: driverRunning(async (ctx) => {
        ctx.remove('thread', 'b');
        await ctx.emit(thread('b'));
      }),
    });
    expect(kept).toMatchObject({ ok: true, removed: 0 });
    expect(() => driverRunning(async (ctx) => void ctx.stored('change'))).not.toThrow();
  });

  it("refuses kinds that are not the driver's", async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-derived-'));
    const [report] = await runSync(config, { store: new Store(dir), log, drivers: driverRunning(async (ctx) => void ctx.stored('change')) });
    expect(report!.error).toMatch(/asked for stored "change" items, not one of its kinds \(thread\)/);
  });
});
