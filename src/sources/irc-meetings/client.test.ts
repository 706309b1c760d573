import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMeetingFiles } from './client.ts';

let root: string;
let warnings: string[];
const log = { info: () => {}, warn: (m: string) => warnings.push(m) };

beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), 'agora-irc-meetings-'));
  warnings = [];
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

/** git in the test's repository, with an identity and no signing whatever the machine's config says. */
function git(repo: string, ...args: string[]): string {
  return execFileSync('git', ['-c', 'user.name=Test', '-c', 'user.email=test@example.invalid', '-c', 'commit.gpgsign=false', '-c', 'init.defaultBranch=main', ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
}

function commit(repo: string, message: string): string {
  git(repo, 'add', '-A');
  git(repo, 'commit', '-q', '-m', message);
  return git(repo, 'rev-parse', 'HEAD');
}

describe('readMeetingFiles from a folder', () => {
  it('reads every *.yaml, sub-folders included, hidden ones and other files left out, sorted', async () => {
    const folder = join(root, 'meetings');
    write(join(folder, 'b.yaml'), 'b');
    write(join(folder, 'a.yaml'), 'a');
    write(join(folder, 'sub', 'c.yaml'), 'c');
    write(join(folder, 'notes.txt'), 'x');
    write(join(folder, 'd.yml'), 'x');
    write(join(folder, '.hidden', 'e.yaml'), 'x');
    const got = await readMeetingFiles({ path: folder, dir: 'meetings', cacheDir: join(root, 'cache'), log });
    expect(got).toEqual({
      files: [
        { file: 'a.yaml', text: 'a' },
        { file: 'b.yaml', text: 'b' },
        { file: 'sub/c.yaml', text: 'c' },
      ],
    });
  });

  it('says so when the folder is not there, and wants one of path and repo', async () => {
    await expect(readMeetingFiles({ path: join(root, 'nope'), dir: 'meetings', cacheDir: join(root, 'cache'), log })).rejects.toThrow(/nope is not a folder/);
    await expect(readMeetingFiles({ dir: 'meetings', cacheDir: join(root, 'cache'), log })).rejects.toThrow(/either path .* or repo/);
  });
});

describe('readMeetingFiles from a git repository', () => {
  let repo: string;
  let cacheDir: string;

  beforeEach(() => {
    repo = join(root, 'upstream');
    cacheDir = join(root, 'cache', 'clone');
    mkdirSync(repo);
    git(repo, 'init', '-q');
    write(join(repo, 'meetings', 'a.yaml'), 'first');
    write(join(repo, 'README'), 'not a meeting');
  });

  it('clones on the first run, fetches the next commit on the second', async () => {
    const first = commit(repo, 'one');
    const one = await readMeetingFiles({ repo, dir: 'meetings', cacheDir, log });
    expect(one).toEqual({ files: [{ file: 'meetings/a.yaml', text: 'first' }], revision: first });
    // Shallow: only the one commit came over.
    expect(git(cacheDir, 'rev-parse', '--is-shallow-repository')).toBe('true');

    write(join(repo, 'meetings', 'a.yaml'), 'second');
    write(join(repo, 'meetings', 'b.yaml'), 'new');
    const second = commit(repo, 'two');
    const two = await readMeetingFiles({ repo, dir: 'meetings', cacheDir, log });
    expect(two).toEqual({
      files: [
        { file: 'meetings/a.yaml', text: 'second' },
        { file: 'meetings/b.yaml', text: 'new' },
      ],
      revision: second,
    });

    // A file deleted upstream, and one left in the clone by hand, are both gone after the next run.
    rmSync(join(repo, 'meetings', 'b.yaml'));
    const third = commit(repo, 'three');
    write(join(cacheDir, 'meetings', 'stray.yaml'), 'x');
    const three = await readMeetingFiles({ repo, dir: 'meetings', cacheDir, log });
    expect(three).toEqual({ files: [{ file: 'meetings/a.yaml', text: 'second' }], revision: third });
    expect(warnings).toEqual([]);
  });

  it('keeps reading the last good clone when the fetch fails, and says so', async () => {
    const first = commit(repo, 'one');
    await readMeetingFiles({ repo, dir: 'meetings', cacheDir, log });
    renameSync(repo, `${repo}-gone`);
    const again = await readMeetingFiles({ repo, dir: 'meetings', cacheDir, log });
    expect(again).toEqual({ files: [{ file: 'meetings/a.yaml', text: 'first' }], revision: first });
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatch(/cannot update .*upstream .*reading the last good clone/);
  });

  it('fails clearly when there is no clone to fall back on', async () => {
    await expect(readMeetingFiles({ repo: join(root, 'missing'), dir: 'meetings', cacheDir, log })).rejects.toThrow(/cannot clone .*missing and there is no earlier clone/);
    // A failed clone leaves nothing behind that a later run could take for a clone.
    commit(repo, 'one');
    await expect(readMeetingFiles({ repo, dir: 'meetings', cacheDir, log })).resolves.toMatchObject({ files: [{ file: 'meetings/a.yaml' }] });
  });

  it('reads the branch it is given', async () => {
    commit(repo, 'one');
    git(repo, 'checkout', '-q', '-b', 'stable');
    write(join(repo, 'meetings', 'a.yaml'), 'stable');
    const stable = commit(repo, 'on stable');
    git(repo, 'checkout', '-q', 'main');
    const got = await readMeetingFiles({ repo, branch: 'stable', dir: 'meetings', cacheDir, log });
    expect(got).toEqual({ files: [{ file: 'meetings/a.yaml', text: 'stable' }], revision: stable });
    await expect(readMeetingFiles({ repo, branch: 'nope', dir: 'meetings', cacheDir: join(root, 'other'), log })).rejects.toThrow(/cannot clone .*branch nope/);
  });

  it('refuses a missing dir or one outside the repository, and leaves symbolic links out', async () => {
    write(join(root, 'secret.yaml'), 'outside');
    symlinkSync(join(root, 'secret.yaml'), join(repo, 'meetings', 'link.yaml'));
    commit(repo, 'one');
    await expect(readMeetingFiles({ repo, dir: 'nope', cacheDir, log })).rejects.toThrow(/has no folder nope/);
    await expect(readMeetingFiles({ repo, dir: '..', cacheDir, log })).rejects.toThrow(/outside the repository/);
    const got = await readMeetingFiles({ repo, dir: 'meetings', cacheDir, log });
    expect(got.files.map((f) => f.file)).toEqual(['meetings/a.yaml']);
    expect(warnings).toEqual(['irc-meetings: link.yaml is a symbolic link; left out']);
  });
});
