import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AgoraConfig } from '../config/schema.ts';
import { makeItem } from '../model/item.ts';
import { defineDriver, type SourceDriver } from '../sources/types.ts';
import { Store } from '../store/store.ts';
import { runSync } from './run.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

/** A driver that stores one item whose author it knows only by address. */
function posterDriver(ids: string[], use = true): SourceDriver {
  return defineDriver({
    type: 'gerrit',
    kinds: ['note'],
    async sync(ctx) {
      const who = use ? ctx.identityId('Jane.Doe@Example.org') : 'plain';
      ids.push(who);
      await ctx.emit(makeItem({ source: ctx.config.id, type: 'test', origin: 'x', kind: 'note', nativeId: 'n1', updatedOn: '2024-01-01T00:00:00Z', data: { by: who } }));
      return { complete: true, cursor: '2024-01-01T00:00:00Z' };
    },
  });
}

const config = AgoraConfig.parse({ site: { title: 'T', url: 'https://a.example.org' }, sources: [{ id: 'list', type: 'gerrit', url: 'https://x.example.org' }] });
const log = { info: () => {}, warn: () => {} };

describe('keyed person ids', () => {
  it('gives the same id on every run, keeps the key in the sync state only, and never the address', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-identity-'));
    const ids: string[] = [];
    for (let i = 0; i < 2; i++) await runSync(config, { store: new Store(dir), drivers: new Map([['gerrit', posterDriver(ids)]]), log });
    expect(ids[0]).toMatch(/^[a-z2-7]{20}$/);
    expect(ids[1]).toBe(ids[0]);
    const meta = JSON.parse(await readFile(join(dir, 'list', '_meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta.identityKey).toMatch(/^[0-9a-f]{64}$/);
    const stored = await readFile(new Store(dir).source('list').pathOf('note', 'n1'), 'utf8');
    expect(stored).not.toMatch(/jane|example\.org/i);
    expect(stored).not.toContain(meta.identityKey as string);
  });

  it('writes no key for a source that never asks for one', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-identity-'));
    await runSync(config, { store: new Store(dir), drivers: new Map([['gerrit', posterDriver([], false)]]), log });
    const meta = JSON.parse(await readFile(join(dir, 'list', '_meta.json'), 'utf8')) as Record<string, unknown>;
    expect(meta).not.toHaveProperty('identityKey');
  });
});
