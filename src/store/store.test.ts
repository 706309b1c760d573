import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { makeItem } from '../model/item.ts';
import { bucketFor, fileNameFor, Store } from './store.ts';

const item = (n: number | string, subject = 'x', updatedOn = '2024-01-01T00:00:00Z') =>
  makeItem({ source: 'demo', type: 'gerrit', origin: 'https://review.example', kind: 'change', nativeId: n, updatedOn, data: { subject, n } });

const made: string[] = [];
const tmp = () => {
  const dir = mkdtempSync(join(tmpdir(), 'agora-store-'));
  made.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('Store', () => {
  it('writes one file per item in a hashed bucket and reads it back', async () => {
    const s = new Store(tmp()).source('demo');
    expect(await s.set(item(42))).toBe('new');
    const path = s.pathOf('change', '42');
    expect(path).toMatch(new RegExp(`/demo/change/${bucketFor('42')}/42\\.json$`));
    expect((await s.get('change', '42'))?.data).toEqual({ subject: 'x', n: 42 });
  });

  it('does not rewrite an unchanged item (same bytes, same mtime)', async () => {
    const s = new Store(tmp()).source('demo');
    await s.set(item(1));
    const before = readFileSync(s.pathOf('change', '1'), 'utf8');
    const mtime = statSync(s.pathOf('change', '1')).mtimeMs;
    await new Promise((r) => setTimeout(r, 20));
    expect(await s.set(item(1))).toBe('unchanged');
    expect(statSync(s.pathOf('change', '1')).mtimeMs).toBe(mtime);
    expect(await s.set(item(1))).toBe('unchanged');
    expect(await s.set(item(1, 'y', '2024-02-01T00:00:00Z'))).toBe('updated');
    expect(readFileSync(s.pathOf('change', '1'), 'utf8')).not.toBe(before);
  });

  it('gives free-form ids a safe, unique file name', () => {
    expect(fileNameFor('12345')).toBe('12345.json');
    const a = fileNameFor('<CAB+x@mail.example.org>');
    const b = fileNameFor('<CAB-x@mail.example.org>');
    expect(a).toMatch(/^[A-Za-z0-9._~-]+\.json$/);
    expect(a).not.toBe(b);
    expect(fileNameFor('../../etc/passwd')).not.toContain('/');
  });

  it('lists and streams items in a stable order, and removes leftovers of a killed write', async () => {
    const s = new Store(tmp()).source('demo');
    for (const n of [3, 1, 2]) await s.set(item(n));
    const leftover = `${s.pathOf('change', '1')}.abc123.tmp`;
    writeFileSync(leftover, '{"half');
    expect(await s.cleanTemporaries()).toBe(1);
    expect(readdirSync(dirname(leftover)).some((f) => f.endsWith('.tmp'))).toBe(false);
    const ids: string[] = [];
    for await (const i of s.items('change')) ids.push(i.id);
    expect(ids.sort()).toEqual(['demo:change:1', 'demo:change:2', 'demo:change:3']);
    expect((await s.files('change')).length).toBe(3);
    await s.remove(s.pathOf('change', '2'));
    await s.flush();
    expect(await s.get('change', '2')).toBeUndefined();
  });

  it('keeps sync state in _meta.json', async () => {
    const s = new Store(tmp()).source('demo');
    expect(await s.getMeta()).toEqual({});
    await s.setMeta({ cursor: '2024-01-01T00:00:00Z' });
    expect(await s.getMeta()).toEqual({ cursor: '2024-01-01T00:00:00Z' });
  });

  // Regression: meta built by merging old and new state kept the old key order, so a fresh
  // sync and an updated store differed in bytes while holding the same state.
  it('writes the same meta bytes whatever order the keys were set in', async () => {
    const a = new Store(tmp()).source('demo');
    const b = new Store(tmp()).source('demo');
    await a.setMeta({ cursor: 'x', projects: { q: '2', p: '1' } });
    await b.setMeta({ projects: { p: '1', q: '2' }, cursor: 'x' });
    expect(readFileSync(join(a.dir, '_meta.json'), 'utf8')).toBe(readFileSync(join(b.dir, '_meta.json'), 'utf8'));
  });

  it('names the file when a stored item is corrupt', async () => {
    const s = new Store(tmp()).source('demo');
    const path = s.pathOf('change', '9');
    await mkdir(dirname(path), { recursive: true });
    writeFileSync(path, '{"source": "demo"');
    await expect(s.get('change', '9')).rejects.toThrow(`${path}: stored item is not valid JSON`);
  });

  it('refuses items of another source and unsafe source ids', async () => {
    const store = new Store(tmp());
    await expect(store.source('other').set(item(1))).rejects.toThrow(/does not belong to source other/);
    expect(() => store.source('../x')).toThrow(/invalid source id/);
  });
});
