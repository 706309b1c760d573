/**
 * The specs source synced for real: the demo's specs repository written as a git history in a
 * temporary folder, cloned and read by the driver, rendered by docutils, run by the engine into a
 * temporary store. What a manager relies on: every spec is one item with its life across
 * releases (moves, re-proposals, redirects, a symlink recorded, templates and index pages left
 * out), hostile RST is inert, a re-sync with nothing new changes nothing, a new commit re-renders
 * only what it touched, and a repository that cannot be fetched keeps the last good copy.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Parser } from 'htmlparser2';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateSpecs, type DemoSpecs } from '../../scripts/demo/specs.ts';
import { writeSpecsRepo } from '../../scripts/demo/specs-repo.ts';
import { AgoraConfig } from '../../src/config/schema.ts';
import { Spec } from '../../src/model/spec.ts';
import { drivers } from '../../src/sources/index.ts';
import { docutilsVersion } from '../../src/sources/specs/rst.ts';
import { Store } from '../../src/store/store.ts';
import { runSync } from '../../src/sync/run.ts';
import { TestRepo } from '../git-repo.ts';
import { tempDir, treeHash } from './helpers.ts';

const ADDRESS = /[\w.+-]{2,}@[\w-]+\.[\w.-]+/;
const NOW = Date.parse('2026-11-01T00:00:00Z');
const haveDocutils = docutilsVersion() !== undefined;
if (!haveDocutils) console.warn('specs sync tests skipped: /usr/bin/python3 cannot import docutils (sudo apt-get install -y python3-docutils)');

let demo: DemoSpecs;
beforeAll(() => {
  demo = generateSpecs();
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function dir(prefix: string): Promise<string> {
  const d = await tempDir(prefix);
  cleanup.push(() => rm(d, { recursive: true, force: true }));
  return d;
}

const quiet = { info: () => {}, warn: () => {} };

async function setup() {
  const work = await dir('specs-sync');
  const repo = await writeSpecsRepo(join(work, 'repo'), demo);
  const data = join(work, 'content');
  const config = AgoraConfig.parse({ site: { title: 'T', url: 'https://t.example.org' }, sources: [{ id: 'specs', type: 'specs', repo, project: 'aurora/specs', webUrl: 'https://git.example.org/aurora/specs/src/branch/master/' }] });
  const info: string[] = [];
  const log = { ...quiet, info: (m: string) => info.push(m) };
  const sync = async () => (await runSync(config, { store: new Store(data), drivers, log, clock: () => NOW, cacheDir: join(work, 'cache') }))[0]!;
  return { work, repo, data, sync, info };
}

function stored(data: string): Spec[] {
  const root = join(data, 'specs', 'spec');
  return readdirSync(root).flatMap((b) => readdirSync(join(root, b)).map((f) => Spec.parse((JSON.parse(readFileSync(join(root, b, f), 'utf8')) as { data: unknown }).data)));
}

describe.skipIf(!haveDocutils)('specs sync', () => {
  it('stores every spec once, with its life across releases, its authors and its rendering', async () => {
    const { data, sync } = await setup();
    const report = await sync();
    expect(report.error).toBeUndefined();
    const specs = stored(data);
    expect(specs.map((s) => s.key).sort()).toEqual(demo.specs.map((s) => s.name).sort());
    for (const want of demo.specs) {
      const got = specs.find((s) => s.key === want.name)!;
      expect(got.path, want.name).toBe(want.path);
      expect(got.aliases.sort(), want.name).toEqual([...want.aliases].sort());
      expect(got.title, want.name).toBe(want.title);
      expect(got.authors.length, want.name).toBeGreaterThan(0);
      expect(got.url).toBe(`https://git.example.org/aurora/specs/src/branch/master/${want.path}`);
      if (want.fate === 'implemented') expect([got.status, got.history.map((h) => h.status)], want.name).toEqual(['implemented', expect.arrayContaining(['approved', 'implemented'])]);
      if (want.fate === 'reproposed') expect(new Set(got.history.filter((h) => h.status === 'approved').map((h) => h.release)).size, want.name).toBeGreaterThan(1);
      if (want.cases.includes('co-author')) expect(got.authors.length).toBeGreaterThan(1);
    }
    // Templates and index pages are not specs; the unknown status folder is kept as written.
    expect(specs.some((s) => /template|index/.test(s.path))).toBe(false);
    const odd = specs.find((s) => demo.specs.find((d) => d.name === s.key)!.cases.includes('unknown-status'))!;
    expect(odd.statusText).toBe(odd.path.split('/').at(-2));
    // Every spec renders but the one docutils cannot (kept with its source, its title read from it).
    const unrenderable = demo.specs.find((d) => d.cases.includes('unrenderable'))!;
    expect(specs.filter((s) => !(s.html && s.toc.length > 0)).map((s) => s.key)).toEqual([unrenderable.name]);
    const failed = specs.find((s) => s.key === unrenderable.name)!;
    expect(failed.renderError).toMatch(/RecursionError/);
    expect(failed.source).toContain('warm the base images first');
    expect(failed.title).toBe(unrenderable.title);
    expect(report.skipped.map((s) => s.where)).toContain(failed.path);
    expect(JSON.stringify(specs)).not.toMatch(ADDRESS);
  });

  it('renders hostile RST inert and reports the broken spec, keeping it', async () => {
    const { data, sync } = await setup();
    const report = await sync();
    const specs = stored(data);
    const hostile = specs.find((s) => demo.specs.find((d) => d.name === s.key)!.cases.includes('hostile'))!;
    // As a browser reads it: no script element, no event handler, no javascript: link (the words stay as text).
    const bad: string[] = [];
    const parser = new Parser({
      onopentag(name, attrs) {
        if (['script', 'iframe', 'object', 'embed', 'style'].includes(name)) bad.push(name);
        for (const [k, v] of Object.entries(attrs)) if (/^on/i.test(k) || /^\s*(javascript|data|vbscript):/i.test(v)) bad.push(`${name} ${k}=${v}`);
      },
    });
    parser.write(hostile.html!);
    parser.end();
    expect(bad).toEqual([]);
    expect(hostile.html).toContain('&lt;script&gt;');
    const broken = specs.find((s) => demo.specs.find((d) => d.name === s.key)!.cases.includes('broken'))!;
    expect(broken.flags).toContain('render-warnings');
    expect(report.warnings.map((w) => w.where)).toContain(broken.path);
  });

  it('changes nothing on a re-sync with nothing new, and re-renders only what a new commit touched', async () => {
    const { repo, data, sync, info } = await setup();
    await sync();
    expect(info.at(-1)).toMatch(new RegExp(`^specs: ${demo.specs.length} of ${demo.specs.length} specs rendered in [\\d.]+ s \\(docutils [^)]+\\); 0 kept their stored rendering$`));
    const before = treeHash(join(data, 'specs'));
    const again = await sync();
    expect(info.at(-1)).toMatch(new RegExp(`^specs: 0 of ${demo.specs.length} specs rendered`));
    expect([again.new, again.updated, again.removed]).toEqual([0, 0, 0]);
    expect(treeHash(join(data, 'specs'))).toBe(before);
    const target = demo.specs.find((s) => s.fate === 'approved' && !s.aliases.length)!;
    const file = join(repo, target.path);
    await writeFile(file, `${readFileSync(file, 'utf8')}\nAn added paragraph about zanzibar quotas.\n`);
    execFileSync('git', ['-c', 'user.name=Ada Example', '-c', 'user.email=ada@example.org', '-c', 'commit.gpgsign=false', 'commit', '-qam', 'Touch one spec'], { cwd: repo });
    const third = await sync();
    expect([third.new, third.updated, third.removed]).toEqual([0, 1, 0]);
    expect(info.at(-1)).toMatch(new RegExp(`^specs: 1 of ${demo.specs.length} specs rendered .*; ${demo.specs.length - 1} kept their stored rendering$`));
    const got = stored(data).find((s) => s.key === target.name)!;
    expect(got.html).toContain('zanzibar');
    expect(got.authors.map((a) => a.name)).toContain('Ada Example');
  });

  it('keeps the last good copy when the repository cannot be fetched', async () => {
    const { repo, data, sync } = await setup();
    await sync();
    const before = treeHash(join(data, 'specs'));
    await rm(repo, { recursive: true, force: true });
    const report = await sync();
    expect(report.ok).toBe(true);
    expect(report.warnings.map((w) => w.reason).join('\n')).toMatch(/last good/);
    expect(report.removed).toBe(0);
    expect(treeHash(join(data, 'specs'))).toBe(before);
  });
});

describe('specs sync of a KEP repository', () => {
  it('keeps the status history of every kep.yaml version, across a folder rename, and reports a broken version by commit', async () => {
    const repo = TestRepo.temp();
    cleanup.push(async () => repo.remove());
    const yaml = (status: string, stage: string, latest: string) =>
      `title: Thing\nkep-number: 42\nauthors:\n  - "@ann"\nowning-sig: sig-node\nstatus: ${status}\ncreation-date: 2021-01-01\nreviewers:\n  - "@bo"\napprovers:\n  - "@cy"\nstage: ${stage}\nlatest-milestone: "${latest}"\nmilestone:\n  alpha: "v1.20"\n  beta: "v1.22"\n  stable: "v1.24"\n`;
    const readme = `# KEP-42: Thing\n\n${'## Summary\n\nWhat the thing does, at some length for rename detection.\n\n'.repeat(6)}`;
    repo.write('keps/sig-node/42-thing/README.md', readme).write('keps/sig-node/42-thing/kep.yaml', yaml('provisional', 'alpha', 'v1.20'));
    repo.commit('provisional', { date: '2021-01-01T00:00:00Z' });
    repo.write('keps/sig-node/42-thing/kep.yaml', yaml('implementable', 'alpha', 'v1.20'));
    repo.commit('implementable', { date: '2021-03-01T00:00:00Z' });
    repo.write('keps/sig-node/42-thing/kep.yaml', yaml('implementable', 'alpha', 'v1.20').replace('owning-sig: sig-node', 'owning-sig: [sig-node'));
    const broken = repo.commit('broken', { date: '2021-05-01T00:00:00Z' });
    repo.move('keps/sig-node/42-thing/README.md', 'keps/sig-node/42-thing-renamed/README.md').move('keps/sig-node/42-thing/kep.yaml', 'keps/sig-node/42-thing-renamed/kep.yaml');
    repo.write('keps/sig-node/42-thing-renamed/kep.yaml', yaml('implementable', 'beta', 'v1.22'));
    repo.commit('rename, beta', { date: '2022-01-01T00:00:00Z' });
    repo.write('keps/sig-node/42-thing-renamed/kep.yaml', yaml('implemented', 'stable', 'v1.24'));
    repo.commit('implemented', { date: '2023-01-01T00:00:00Z' });
    const work = await dir('specs-kep');
    const config = AgoraConfig.parse({ site: { title: 'T', url: 'https://t.example.org' }, sources: [{ id: 'keps', type: 'specs', repo: repo.dir }] });
    const [report] = await runSync(config, { store: new Store(join(work, 'content')), drivers, log: quiet, clock: () => NOW, cacheDir: join(work, 'cache') });
    expect(report!.error).toBeUndefined();
    const root = join(work, 'content', 'keps', 'spec');
    const [spec] = readdirSync(root).flatMap((b) => readdirSync(join(root, b)).map((f) => Spec.parse((JSON.parse(readFileSync(join(root, b, f), 'utf8')) as { data: unknown }).data)));
    expect(spec!.key).toBe('sig-node/42-thing-renamed');
    expect(spec!.history.map((h) => [h.date.slice(0, 10), h.statusText, h.stage, h.release, h.path.split('/')[2]])).toEqual([
      ['2021-01-01', 'provisional', 'alpha', 'v1.20', '42-thing'],
      ['2021-03-01', 'implementable', 'alpha', 'v1.20', '42-thing'],
      ['2022-01-01', 'implementable', 'beta', 'v1.22', '42-thing-renamed'],
      ['2023-01-01', 'implemented', 'stable', 'v1.24', '42-thing-renamed'],
    ]);
    expect(spec).toMatchObject({ status: 'implemented', stage: 'stable', release: 'v1.24' });
    const reasons = report!.warnings.map((w) => `${w.where}: ${w.reason}`);
    expect(reasons.filter((r) => r.includes(broken.slice(0, 12)))).toEqual([expect.stringMatching(/^keps\/sig-node\/42-thing-renamed\/kep\.yaml: keps\/sig-node\/42-thing\/kep\.yaml:\d+ in commit [0-9a-f]{12} \(2021-05-01T00:00:00Z\): .+; this version is left out of the status history$/)]);
  });
});
