import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { makeItem } from '../model/item.ts';
import { Store } from './store.ts';

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
  dir = undefined;
});

const Note = z.object({ title: z.string(), words: z.number().int() });

describe('items read back with their kind schema', () => {
  it('returns data that matches, and names the file, field and problem when it does not', async () => {
    dir = await mkdtemp(join(tmpdir(), 'agora-schema-'));
    const store = new Store(dir).source('notes');
    await store.set(makeItem({ source: 'notes', type: 'test', origin: 'x', kind: 'note', nativeId: 'a', updatedOn: '2024-01-01T00:00:00Z', data: { title: 'A', words: 3 } }));
    expect((await store.get('note', 'a', Note))?.data).toEqual({ title: 'A', words: 3 });
    const path = store.pathOf('note', 'b');
    await store.set(makeItem({ source: 'notes', type: 'test', origin: 'x', kind: 'note', nativeId: 'b', updatedOn: '2024-01-01T00:00:00Z', data: { title: 'B', words: 'many' } }));
    await expect(store.get('note', 'b', Note)).rejects.toThrow(`${path}: stored note does not match its schema: data.words: Invalid input: expected number, received string`);
    const all: string[] = [];
    await expect(
      (async () => {
        for await (const i of store.items('note', Note)) all.push(i.id);
      })(),
    ).rejects.toThrow(path);
    // Without a schema only the envelope is checked.
    await writeFile(path, '{"broken": true}');
    await expect(store.get('note', 'b')).rejects.toThrow(`${path}: stored item lacks the envelope`);
  });
});
