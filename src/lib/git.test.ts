import { chmodSync, existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { TestRepo } from '../../test/git-repo.ts';
import { batchedBlobs, GitRepository, historiesOf, parseCatFileBatch, parseLog, parseLsTree, parsePerson, remoteUrl, syncClone, type LogCommit } from './git.ts';

let repo: TestRepo;
let cacheRoot: string;
let warnings: string[];
const log = { warn: (m: string) => warnings.push(m) };

beforeEach(() => {
  repo = TestRepo.temp();
  cacheRoot = mkdtempSync(join(tmpdir(), 'agora-git-cache-'));
  warnings = [];
});
afterEach(() => {
  repo.remove();
  rmSync(cacheRoot, { recursive: true, force: true });
});

describe('syncClone', () => {
  it('makes a full clone by default and a shallow one with a depth; deepens a shallow clone asked for the history', async () => {
    repo.write('a.txt', '1');
    repo.commit('one', { date: '2024-01-01T10:00:00Z' });
    repo.write('a.txt', '2');
    const second = repo.commit('two', { date: '2024-01-02T10:00:00Z' });
    const cacheDir = join(cacheRoot, 'clone');

    const shallow = await syncClone({ repo: repo.dir, cacheDir, depth: 1, label: 'test', log });
    expect(shallow).toEqual({ dir: cacheDir, revision: second, updated: true });
    const clone = new TestRepo(cacheDir);
    expect(clone.git('rev-list', '--count', 'HEAD')).toBe('1');

    const full = await syncClone({ repo: repo.dir, cacheDir, label: 'test', log });
    expect(full.revision).toBe(second);
    expect(clone.git('rev-parse', '--is-shallow-repository')).toBe('false');
    expect(clone.git('rev-list', '--count', 'HEAD')).toBe('2');

    const fresh = await syncClone({ repo: repo.dir, cacheDir: join(cacheRoot, 'full'), label: 'test', log });
    expect(new TestRepo(fresh.dir).git('rev-list', '--count', 'HEAD')).toBe('2');
    expect(warnings).toEqual([]);
  });

  it('reads the last good clone with a warning when the fetch fails, and names the source when there is none', async () => {
    const first = repo.commit('one', { date: '2024-01-01T10:00:00Z' });
    const cacheDir = join(cacheRoot, 'clone');
    await syncClone({ repo: repo.dir, cacheDir, label: 'specs', log });
    renameSync(repo.dir, `${repo.dir}-gone`);
    try {
      const again = await syncClone({ repo: repo.dir, cacheDir, label: 'specs', log });
      expect(again).toEqual({ dir: cacheDir, revision: first, updated: false });
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/^specs: cannot update .*reading the last good clone/);
      await expect(syncClone({ repo: repo.dir, cacheDir: join(cacheRoot, 'other'), label: 'specs', log })).rejects.toThrow(/^specs: cannot clone .* and there is no earlier clone/);
      expect(existsSync(join(cacheRoot, 'other.partial'))).toBe(false);
    } finally {
      renameSync(`${repo.dir}-gone`, repo.dir);
    }
  });

  it('stops when the signal is aborted', async () => {
    repo.commit('one', { date: '2024-01-01T10:00:00Z' });
    const signal = AbortSignal.abort();
    await expect(syncClone({ repo: repo.dir, cacheDir: join(cacheRoot, 'clone'), label: 'test', log, signal })).rejects.toThrow();
  });

  it('turns a local path into a file:// URL and leaves URLs and scp-like addresses alone', () => {
    expect(remoteUrl(repo.dir)).toBe(`file://${repo.dir}`);
    expect(remoteUrl('https://opendev.org/openstack/nova-specs')).toBe('https://opendev.org/openstack/nova-specs');
    expect(remoteUrl('git@github.com:kubernetes/enhancements.git')).toBe('git@github.com:kubernetes/enhancements.git');
  });
});

describe('GitRepository', () => {
  it('lists files with their modes, symbolic links with their targets, and reads blobs as bytes', async () => {
    repo.write('specs/2024.1/approved/a.rst', 'A\n');
    repo.write('bin/run', '#!/bin/sh\n');
    chmodSync(join(repo.dir, 'bin/run'), 0o755);
    repo.link('specs/2024.2/approved/a.rst', '../../2024.1/approved/a.rst');
    repo.write('data/raw.bin', Buffer.from([0xff, 0x00, 0xfe]));
    repo.write('odd name\twith tab.rst', 'x');
    const head = repo.commit('one', { date: '2024-01-01T10:00:00Z' });
    const git = new GitRepository(repo.dir);
    expect(await git.headRevision()).toBe(head);

    const files = await git.listFiles(head);
    const byPath = Object.fromEntries(files.map((f) => [f.path, f]));
    expect(Object.keys(byPath).sort()).toEqual(['bin/run', 'data/raw.bin', 'odd name\twith tab.rst', 'specs/2024.1/approved/a.rst', 'specs/2024.2/approved/a.rst']);
    expect(byPath['specs/2024.1/approved/a.rst']).toMatchObject({ mode: '100644', type: 'file' });
    expect(byPath['bin/run']).toMatchObject({ mode: '100755', type: 'executable' });
    expect(byPath['specs/2024.2/approved/a.rst']).toMatchObject({ mode: '120000', type: 'symlink', target: '../../2024.1/approved/a.rst' });
    expect(byPath['specs/2024.1/approved/a.rst']!.target).toBeUndefined();

    expect([...(await git.readBlob(head, 'data/raw.bin'))]).toEqual([0xff, 0x00, 0xfe]);
    await expect(git.readBlob(head, 'nope.rst')).rejects.toThrow(/^git cat-file:/);

    const many = await git.readObjects([`${head}:specs/2024.1/approved/a.rst`, `${head}:data/raw.bin`, `${head}:missing`]);
    expect(many.get(`${head}:specs/2024.1/approved/a.rst`)?.toString()).toBe('A\n');
    expect([...many.get(`${head}:data/raw.bin`)!]).toEqual([0xff, 0x00, 0xfe]);
    expect(many.has(`${head}:missing`)).toBe(false);
  });

  it('gives the files changed between two revisions, renames included', async () => {
    repo.write('specs/x/approved/a.rst', 'line one\nline two\nline three\n');
    repo.write('specs/x/approved/b.rst', 'b\n');
    repo.write('specs/x/approved/c.rst', 'c\n');
    const one = repo.commit('one', { date: '2024-01-01T10:00:00Z' });
    repo.move('specs/x/approved/a.rst', 'specs/x/implemented/a.rst');
    repo.write('specs/x/approved/b.rst', 'b changed\n');
    repo.rm('specs/x/approved/c.rst');
    repo.write('specs/x/approved/d.rst', 'd\n');
    const two = repo.commit('two', { date: '2024-01-02T10:00:00Z' });
    const changes = await new GitRepository(repo.dir).changedFiles(one, two);
    expect(changes.sort((p, q) => p.path.localeCompare(q.path))).toEqual([
      { status: 'M', path: 'specs/x/approved/b.rst' },
      { status: 'D', path: 'specs/x/approved/c.rst' },
      { status: 'A', path: 'specs/x/approved/d.rst' },
      { status: 'R', path: 'specs/x/implemented/a.rst', from: 'specs/x/approved/a.rst', similarity: 100 },
    ]);
  });

  it('builds every file history from one log, following renames, with authors, UTC dates and co-authors', async () => {
    const spec = 'Title\n=====\n\nA long enough body so that a small edit keeps the rename similar.\n'.repeat(5);
    repo.write('specs/2024.1/approved/a.rst', spec);
    repo.write('specs/2024.1/approved/b.rst', 'b\n');
    const c1 = repo.commit('propose a', { date: '2024-01-01T10:00:00+02:00', committed: '2024-01-05T12:00:00Z', author: 'Ann Author', email: 'ann@example.invalid', trailers: ['Co-Authored-By: Bo Helper <bo@example.invalid>', 'co-authored-by: Cy <cy@example.invalid>', 'Change-Id: I123'] });
    repo.write('specs/2024.1/approved/a.rst', `${spec}more\n`);
    const c2 = repo.commit('edit a', { date: '2024-02-01T10:00:00Z', author: 'Dee', email: 'dee@example.invalid' });
    repo.move('specs/2024.1/approved/a.rst', 'specs/2024.1/implemented/a.rst');
    repo.link('specs/2024.1/approved/a.rst', '../implemented/a.rst');
    const c3 = repo.commit('move a to implemented', { date: '2024-03-01T10:00:00Z' });
    repo.write('specs/2024.1/approved/b.rst', 'b2\n');
    const c4 = repo.commit('edit b', { date: '2024-04-01T10:00:00Z' });
    repo.move('specs/2024.1/approved/b.rst', 'specs/2024.1/implemented/b.rst');
    const c5 = repo.commit('move b to implemented', { date: '2024-05-01T10:00:00Z' });

    const git = new GitRepository(repo.dir);
    const histories = await git.fileHistory(['specs/2024.1/implemented/a.rst', 'specs/2024.1/approved/a.rst', 'specs/2024.1/implemented/b.rst', 'never/there.rst']);
    const a = histories.get('specs/2024.1/implemented/a.rst')!;
    expect(a.map((c) => [c.hash, c.change.status, c.change.path, c.change.from])).toEqual([
      // The old path is now a link, so git sees a copy (the old path changed type), not a rename.
      [c3, 'C', 'specs/2024.1/implemented/a.rst', 'specs/2024.1/approved/a.rst'],
      [c2, 'M', 'specs/2024.1/approved/a.rst', undefined],
      [c1, 'A', 'specs/2024.1/approved/a.rst', undefined],
    ]);
    expect(a[2]).toMatchObject({
      author: { name: 'Ann Author', email: 'ann@example.invalid' },
      date: '2024-01-01T08:00:00Z',
      committed: '2024-01-05T12:00:00Z',
      coAuthors: [
        { name: 'Bo Helper', email: 'bo@example.invalid' },
        { name: 'Cy', email: 'cy@example.invalid' },
      ],
    });
    expect(a[1]).toMatchObject({ author: { name: 'Dee' }, coAuthors: [] });
    // The link where the file was keeps the path's history, as `git log --follow` would.
    expect(histories.get('specs/2024.1/approved/a.rst')!.map((c) => [c.hash, c.change.status])).toEqual([
      [c3, 'T'],
      [c2, 'M'],
      [c1, 'A'],
    ]);
    expect(histories.get('specs/2024.1/implemented/b.rst')!.map((c) => [c.hash, c.change.status])).toEqual([
      [c5, 'R'],
      [c4, 'M'],
      [c1, 'A'],
    ]);
    expect(histories.get('never/there.rst')).toEqual([]);

    // Without -B the move beside a new link is an addition, and the history stops there.
    const plain = await new GitRepository(repo.dir, { breakRewrites: false }).fileHistory(['specs/2024.1/implemented/a.rst']);
    expect(plain.get('specs/2024.1/implemented/a.rst')!.map((c) => [c.hash, c.change.status])).toEqual([[c3, 'A']]);
  });

  it('keeps one history for a file deleted and added again at the same path', async () => {
    repo.write('specs/abandoned/x.rst', 'x\n');
    const c1 = repo.commit('one', { date: '2024-01-01T00:00:00Z' });
    repo.rm('specs/abandoned/x.rst');
    repo.write('other.txt', 'o');
    const c2 = repo.commit('two', { date: '2024-01-02T00:00:00Z' });
    repo.write('specs/abandoned/x.rst', 'completely new text\n');
    const c3 = repo.commit('three', { date: '2024-01-03T00:00:00Z' });
    const h = await new GitRepository(repo.dir).fileHistory(['specs/abandoned/x.rst']);
    expect(h.get('specs/abandoned/x.rst')!.map((c) => [c.hash, c.change.status])).toEqual([
      [c3, 'A'],
      [c2, 'D'],
      [c1, 'A'],
    ]);
  });

  it('skips merge commits (they show no changes) and reads a history with branches', async () => {
    repo.write('a.rst', 'a\n');
    const c1 = repo.commit('one', { date: '2024-01-01T00:00:00Z' });
    repo.git('checkout', '-q', '-b', 'side');
    repo.write('b.rst', 'b\n');
    const c2 = repo.commit('side', { date: '2024-01-02T00:00:00Z' });
    repo.git('checkout', '-q', 'main');
    repo.write('a.rst', 'a2\n');
    const c3 = repo.commit('main', { date: '2024-01-03T00:00:00Z' });
    repo.git('-c', 'user.name=T', '-c', 'user.email=t@example.invalid', 'merge', '-q', '--no-ff', '-m', 'merge', 'side');
    const h = await new GitRepository(repo.dir).fileHistory(['a.rst', 'b.rst']);
    expect(h.get('a.rst')!.map((c) => c.hash)).toEqual([c3, c1]);
    expect(h.get('b.rst')!.map((c) => c.hash)).toEqual([c2]);
  });
});

describe('batchedBlobs', () => {
  /** A repository that records its reads: `<rev>:<path>` batches and single reads. */
  function fake(missing: string[] = []) {
    const batches: string[][] = [];
    const singles: string[] = [];
    return {
      batches,
      singles,
      readObjects: async (names: readonly string[]) => {
        batches.push(names.map((n) => n.slice(2)));
        return new Map(names.filter((n) => !missing.includes(n.slice(2))).map((n) => [n, Buffer.from(`text of ${n.slice(2)}`)]));
      },
      readBlob: async (_rev: string, path: string) => {
        singles.push(path);
        return Buffer.from(`single ${path}`);
      },
    };
  }

  it('reads planned paths a batch at a time, also when asked for while a batch is on its way', async () => {
    const repo = fake();
    const read = batchedBlobs(repo, 'r', ['a', 'b', 'c', 'd', 'e'], 2);
    const [a, b] = await Promise.all([read('a'), read('b')]);
    expect([a.toString(), b.toString()]).toEqual(['text of a', 'text of b']);
    expect((await read('c')).toString()).toBe('text of c');
    expect((await read('e')).toString()).toBe('text of e');
    expect((await read('d')).toString()).toBe('text of d');
    expect(repo.batches).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
    expect(repo.singles).toEqual([]);
  });

  it('reads on its own a path not planned, one asked for twice, and one the batch did not give', async () => {
    const repo = fake(['b']);
    const read = batchedBlobs(repo, 'r', ['a', 'b', 'line\nbreak'], 10);
    await read('a');
    expect((await read('b')).toString()).toBe('single b');
    expect((await read('a')).toString()).toBe('single a');
    await read('x');
    await read('line\nbreak');
    expect(repo.batches).toEqual([['a', 'b']]);
    expect(repo.singles).toEqual(['b', 'a', 'x', 'line\nbreak']);
  });

  it('reads a real repository', async () => {
    repo.write('one.txt', 'one\n').write('two.txt', 'two\n');
    const head = repo.commit('two files', { date: '2024-01-01T00:00:00Z' });
    const read = batchedBlobs(new GitRepository(repo.dir), head, ['one.txt', 'two.txt']);
    expect([(await read('two.txt')).toString(), (await read('one.txt')).toString()]).toEqual(['two\n', 'one\n']);
    await expect(read('three.txt')).rejects.toThrow(/three\.txt/);
  });
});

describe('output parsers', () => {
  it('reads ls-tree records and refuses a broken one', () => {
    expect(parseLsTree('100644 blob abc123\tx y.rst\x00120000 blob def456\tl\x00160000 commit 0123ab\tsub\x00')).toEqual([
      { path: 'x y.rst', mode: '100644', type: 'file', object: 'abc123' },
      { path: 'l', mode: '120000', type: 'symlink', object: 'def456' },
      { path: 'sub', mode: '160000', type: 'submodule', object: '0123ab' },
    ]);
    expect(() => parseLsTree('garbage\0')).toThrow(/unexpected line/);
  });

  it('reads a cat-file batch with missing objects', () => {
    const out = Buffer.concat([Buffer.from('abc blob 3\nxyz\n'), Buffer.from('nope missing\n'), Buffer.from('def blob 0\n\n')]);
    const got = parseCatFileBatch(out, ['a', 'nope', 'd']);
    expect([...got.keys()]).toEqual(['a', 'd']);
    expect(got.get('a')!.toString()).toBe('xyz');
    expect(got.get('d')!.length).toBe(0);
  });

  it('reads log output, paths with odd characters and empty commits included', () => {
    const header = (hash: string, time: number, trailers = '') => `\x1e${hash}\x1fN\x1fn@example.invalid\x1f${time}\x1f${time + 60}\x1f${trailers}\x1f`;
    const text = [header('c3', 1704067200), '\nR090', 'old\x1ename', 'new name', 'M', 'b', `${header('c2', 1704067100)}`, `\n${header('c1', 1704067000, 'Solo\x1dX <x@example.invalid>')}`, '\nA', 'old\x1ename', ''].join('\0');
    const commits = parseLog(text);
    expect(commits.map((c) => c.hash)).toEqual(['c3', 'c2', 'c1']);
    expect(commits[0]!.changes).toEqual([
      { status: 'R', path: 'new name', from: 'old\x1ename', similarity: 90 },
      { status: 'M', path: 'b' },
    ]);
    expect(commits[0]!.date).toBe('2024-01-01T00:00:00Z');
    expect(commits[0]!.committed).toBe('2024-01-01T00:01:00Z');
    expect(commits[1]!.changes).toEqual([]);
    expect(commits[2]!.coAuthors).toEqual([
      { name: 'Solo', email: '' },
      { name: 'X', email: 'x@example.invalid' },
    ]);
    expect(() => parseLog('not a log')).toThrow(/unexpected output/);
  });

  it('follows a swap of two names in one commit', () => {
    const commit = (hash: string, changes: LogCommit['changes']): LogCommit => ({ hash, author: { name: 'N', email: '' }, date: '2024-01-01T00:00:00Z', committed: '2024-01-01T00:00:00Z', coAuthors: [], changes });
    const log = [
      commit('c2', [
        { status: 'R', from: 'x', path: 'y' },
        { status: 'R', from: 'y', path: 'x' },
      ]),
      commit('c1', [
        { status: 'M', path: 'x' },
        { status: 'M', path: 'y' },
      ]),
    ];
    const h = historiesOf(log, ['x', 'y']);
    expect(h.get('x')!.map((c) => `${c.hash}:${c.change.path}`)).toEqual(['c2:x', 'c1:y']);
    expect(h.get('y')!.map((c) => `${c.hash}:${c.change.path}`)).toEqual(['c2:y', 'c1:x']);
  });

  it('reads a person from a trailer value', () => {
    expect(parsePerson(' Ann B <ann@example.invalid> ')).toEqual({ name: 'Ann B', email: 'ann@example.invalid' });
    expect(parsePerson('<only@example.invalid>')).toEqual({ name: 'only@example.invalid', email: 'only@example.invalid' });
    expect(parsePerson('   ')).toBeUndefined();
  });
});
