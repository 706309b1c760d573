/**
 * The meeting sources synced for real: the meetbot driver walking the simulator's directory
 * listings (Apache and nginx styles) and the irc-meetings driver reading a git repository made
 * here, both run by the engine into a temporary store. What a manager relies on: a re-sync with
 * nothing new makes only conditional requests (and none for past years), a new meeting costs one
 * changed listing and its own files, a file that fails is reported and read next time without
 * losing what was stored, and no address reaches the store.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync, type Dirent } from 'node:fs';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { generateMeetings, type DemoMeetings } from '../../scripts/demo/meetings.ts';
import { startMeetbotSimulator, type MeetbotSimulator, type MeetbotSimulatorOptions } from '../../scripts/simulator/meetings.ts';
import { AgoraConfig } from '../../src/config/schema.ts';
import { Meeting, Schedule } from '../../src/model/meeting.ts';
import { drivers } from '../../src/sources/index.ts';
import { Store } from '../../src/store/store.ts';
import { runSync } from '../../src/sync/run.ts';
import { countJson, tempDir, treeHash } from './helpers.ts';

/** The sync machine's clock: just after the three months served. */
const NOW = Date.parse('2024-04-01T00:00:00Z');
const ADDRESS = /[\w.+-]{2,}@[\w-]+\.[\w.-]+/;

let demo: DemoMeetings;
beforeAll(() => {
  demo = generateMeetings({ start: '2024-01-01', end: '2024-03-31' });
});

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function simulator(opts: Partial<MeetbotSimulatorOptions> = {}): Promise<MeetbotSimulator> {
  const sim = await startMeetbotSimulator({ files: demo.files, ...opts });
  cleanup.push(() => sim.close());
  return sim;
}

async function dir(prefix: string): Promise<string> {
  const d = await tempDir(prefix);
  cleanup.push(() => rm(d, { recursive: true, force: true }));
  return d;
}

function config(sources: Record<string, unknown>[]): AgoraConfig {
  return AgoraConfig.parse({ site: { title: 'T', url: 'https://t.example.org' }, sources });
}

const quiet = { info: () => {}, warn: () => {} };

async function sync(cfg: AgoraConfig, data: string, clock = NOW, full = false) {
  const [report] = await runSync(cfg, { store: new Store(data), drivers, log: quiet, clock: () => clock, full, cacheDir: join(data, '..', 'cache') });
  return report!;
}

function storedMeetings(data: string, source = 'meetings'): Meeting[] {
  const out: Meeting[] = [];
  const store = new Store(data).source(source);
  const walk = (d: string): void => {
    for (const e of readdirSafe(d)) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) out.push(Meeting.parse((JSON.parse(readFileSync(p, 'utf8')) as { data: unknown }).data));
    }
  };
  walk(join(store.dir, 'meeting'));
  return out;
}

function readdirSafe(d: string): Dirent[] {
  try {
    return readdirSync(d, { withFileTypes: true });
  } catch {
    return [];
  }
}

describe('meetbot sync', () => {
  it('stores every meeting the listings show, from the best output of each, with no address', async () => {
    const sim = await simulator();
    const data = await dir('meetbot');
    const report = await sync(config([{ id: 'meetings', type: 'meetbot', url: `${sim.url}/meetings/`, retries: 0 }]), data);
    expect(report.error).toBeUndefined();
    expect(report.new).toBe(demo.meetings.length);
    const stored = storedMeetings(data);
    expect(new Set(stored.map((m) => m.key))).toEqual(new Set(demo.meetings.map((m) => m.key)));
    for (const m of stored) {
      const want = demo.meetings.find((d) => d.key === m.key)!;
      expect(m.ended, m.key).toBe(want.ended);
      // The minutes' "lines said" (folded nicks) as the simulator's bot counted them.
      const said = new Map<string, number>();
      for (const [nick, n] of want.attendees) said.set(nick.toLowerCase().replace(/\|.*$/, '').replace(/[_`^-]+$/, ''), (said.get(nick.toLowerCase().replace(/\|.*$/, '').replace(/[_`^-]+$/, '')) ?? 0) + n);
      expect(m.attendees.reduce((n, a) => n + a.lines, 0), m.key).toBe([...said.values()].reduce((a, b) => a + b, 0));
    }
    const docs = stored.filter((m) => m.team === 'aurora-docs');
    expect(docs.length).toBeGreaterThan(0);
    expect(docs.every((m) => m.from === 'log.html' && m.files.moin)).toBe(true);
    expect(JSON.stringify(stored)).not.toMatch(ADDRESS);
  });

  it('re-syncs with conditional requests only, and does not ask about past years at all', async () => {
    const sim = await simulator();
    const data = await dir('meetbot');
    const cfg = config([{ id: 'meetings', type: 'meetbot', url: `${sim.url}/meetings/` }]);
    await sync(cfg, data);
    const before = treeHash(data);
    sim.stats.requests = sim.stats.conditional = sim.stats.notModified = 0;
    sim.stats.byPath.clear();
    const again = await sync(cfg, data);
    expect([again.new, again.updated]).toEqual([0, 0]);
    // Listings only (top, teams, years), each asked with its validators and answered 304.
    expect([...sim.stats.byPath.keys()].every((p) => p.endsWith('/'))).toBe(true);
    expect(sim.stats.conditional).toBe(sim.stats.requests);
    expect(sim.stats.notModified).toBe(sim.stats.requests);
    expect(treeHash(data)).toBe(before);
    // Two years later the 2024 folders are frozen: only the top and team listings are asked.
    sim.stats.byPath.clear();
    await sync(cfg, data, Date.parse('2026-06-01T00:00:00Z'));
    expect([...sim.stats.byPath.keys()].filter((p) => /\/2024\/$/.test(p))).toEqual([]);
  });

  it('reads only a new meeting when one appears, and its minutes when they come later', async () => {
    const sim = await simulator({ style: 'nginx' });
    const data = await dir('meetbot');
    const cfg = config([{ id: 'meetings', type: 'meetbot', url: `${sim.url}/meetings/` }]);
    const last = demo.meetings.filter((m) => m.files.some((f) => f.endsWith('.txt') && !f.endsWith('.log.txt'))).at(-1)!;
    const minutes = last.files.find((f) => f.endsWith('.txt') && !f.endsWith('.log.txt') && !f.endsWith('.moin.txt'))!;
    const held = demo.files.get(minutes)!;
    sim.deleteFile(minutes);
    await sync(cfg, data);
    expect(storedMeetings(data).find((m) => m.key === last.key)!.files.minutes).toBeUndefined();
    sim.stats.byPath.clear();
    sim.setFile(minutes, { bytes: held.bytes, mtime: held.mtime + 600 });
    const again = await sync(cfg, data);
    expect(again.updated).toBe(1);
    const fetched = [...sim.stats.byPath.keys()].filter((p) => !p.endsWith('/'));
    expect(fetched.every((p) => p.includes(last.key))).toBe(true);
    expect(storedMeetings(data).find((m) => m.key === last.key)!.files.minutes).toBeDefined();
  });

  it('reports a file that fails, keeps the rest, and reads it on the next sync', async () => {
    const victim = demo.meetings[3]!;
    const log = victim.files.find((f) => f.endsWith('.log.txt') || f.endsWith('.log.html'))!;
    const sim = await simulator({ faults: [{ match: log, times: 1, respond: { status: 500 } }] });
    const data = await dir('meetbot');
    const cfg = config([{ id: 'meetings', type: 'meetbot', url: `${sim.url}/meetings/`, retries: 0 }]);
    const first = await sync(cfg, data);
    expect(first.ok).toBe(true);
    expect(first.skipped.map((s) => s.where).join('\n')).toContain(victim.key);
    expect(first.skipped[0]!.reason).toMatch(/500/);
    expect(first.new).toBe(demo.meetings.length - 1);
    const second = await sync(cfg, data);
    expect([second.new, second.skipped.length]).toEqual([1, 0]);
    expect(countJson(data)).toBe(demo.meetings.length);
  });

  it('keeps the public base (webUrl) as the items’ origin and links, not the address it synced from', async () => {
    const sim = await simulator();
    const data = await dir('meetbot');
    await sync(config([{ id: 'meetings', type: 'meetbot', url: `${sim.url}/meetings/`, webUrl: 'https://meetings.example.org/meetings/', teams: ['aurora-tc'] }]), data);
    const text = readdirSafe(join(data, 'meetings', 'meeting')).flatMap((b) => readdirSafe(join(data, 'meetings', 'meeting', b.name)).map((f) => readFileSync(join(data, 'meetings', 'meeting', b.name, f.name), 'utf8')));
    expect(text.length).toBeGreaterThan(0);
    for (const t of text) {
      expect(t).not.toContain(sim.url);
      expect((JSON.parse(t) as { origin: string }).origin).toBe('https://meetings.example.org/meetings/');
    }
  });

  it('reads only the configured teams and says which are not there', async () => {
    const sim = await simulator();
    const data = await dir('meetbot');
    const report = await sync(config([{ id: 'meetings', type: 'meetbot', url: `${sim.url}/meetings/`, teams: ['aurora-tc', 'no-such-team'] }]), data);
    expect(new Set(storedMeetings(data).map((m) => m.team))).toEqual(new Set(['aurora-tc']));
    expect(report.warnings.map((w) => w.reason).join('\n')).toMatch(/no folder "no-such-team\/"/);
  });
});

describe('irc-meetings sync', () => {
  async function repo(files: ReadonlyMap<string, string>): Promise<string> {
    const d = await dir('irc-meetings-repo');
    await mkdir(join(d, 'meetings'));
    for (const [f, text] of files) await writeFile(join(d, 'meetings', f), text);
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@t.example', '-c', 'commit.gpgsign=false', ...args], { cwd: d, stdio: 'ignore' });
    git('init', '-q');
    git('add', '-A');
    git('commit', '-q', '-m', 'schedules');
    return d;
  }

  it('reads a repository, keeps the last good schedules when a file breaks, removes a deleted one', async () => {
    const origin = await repo(demo.schedules);
    const data = await dir('irc-meetings');
    const cfg = config([{ id: 'schedules', type: 'irc-meetings', repo: origin }]);
    const first = await sync(cfg, data);
    expect([first.ok, first.new]).toEqual([true, demo.schedules.size]);
    const [gone, broken] = [...demo.schedules.keys()];
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=T', '-c', 'user.email=t@t.example', '-c', 'commit.gpgsign=false', ...args], { cwd: origin, stdio: 'ignore' });
    await writeFile(join(origin, 'meetings', broken!), 'project: [unclosed\n');
    git('commit', '-qam', 'break one');
    const second = await sync(cfg, data);
    expect(second.skipped.map((s) => s.where)).toEqual([`meetings/${broken}`]);
    expect(second.removed).toBe(0);
    git('checkout', '-q', 'HEAD~1', '--', `meetings/${broken}`);
    git('rm', '-q', `meetings/${gone}`);
    git('commit', '-qam', 'fix one, remove one');
    const third = await sync(cfg, data);
    expect([third.skipped.length, third.removed]).toEqual([0, 1]);
    const meta = JSON.parse(readFileSync(join(data, 'schedules', '_meta.json'), 'utf8')) as { revision?: string; cursor?: string };
    expect(meta.revision).toMatch(/^[0-9a-f]{40}$/);
    expect(meta.cursor).toBeUndefined();
    const kept = readdirSafe(join(data, 'schedules', 'schedule')).flatMap((b) => readdirSafe(join(data, 'schedules', 'schedule', b.name)).map((f) => Schedule.parse((JSON.parse(readFileSync(join(data, 'schedules', 'schedule', b.name, f.name), 'utf8')) as { data: unknown }).data)));
    expect(kept.map((s) => s.file).sort()).toEqual([...demo.schedules.keys()].filter((f) => f !== gone).map((f) => `meetings/${f}`).sort());
  });
});
