import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nameLooksLikeBot as looksLikeBot } from '../../src/lib/bots.ts';
import { DEMO_SEARCH_CHANGE, QUOKKA_SUBJECT, generateDemo, generateScaled, writeDemoFixtures, type DemoData } from './generate.ts';
import type { AccountInfo, ChangeInfo } from './gerrit-types.ts';

const TIME = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.000000000$/;
const RESERVED = /@(?:[a-z0-9-]+\.)*(?:example|example\.(?:com|net|org))$/;
const END = '2026-10-31 23:59:59.000000000';

let dir: string;
let demo: DemoData;
let jsonl: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agora-demo-'));
  demo = generateDemo();
  await writeDemoFixtures(join(dir, 'a'), demo);
  jsonl = await readFile(join(dir, 'a', 'changes.jsonl'), 'utf8');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Every object with an `_account_id` anywhere inside `value`. */
function accountsIn(value: unknown, out: AccountInfo[] = []): AccountInfo[] {
  if (Array.isArray(value)) for (const v of value) accountsIn(v, out);
  else if (value && typeof value === 'object') {
    if ('_account_id' in value) out.push(value as AccountInfo);
    for (const v of Object.values(value)) accountsIn(v, out);
  }
  return out;
}

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

describe('generateDemo determinism', () => {
  it('writes identical bytes for the same seed and different bytes for another', async () => {
    await writeDemoFixtures(join(dir, 'b'), generateDemo());
    await writeDemoFixtures(join(dir, 'c'), generateDemo({ seed: 'another-seed' }));
    for (const file of ['changes.jsonl', 'projects.json', 'accounts.json']) {
      expect(sha256(await readFile(join(dir, 'b', file), 'utf8')), file).toBe(sha256(await readFile(join(dir, 'a', file), 'utf8')));
    }
    expect(sha256(await readFile(join(dir, 'c', 'changes.jsonl'), 'utf8'))).not.toBe(sha256(jsonl));
  });

  it('writes one compact JSON change per line, under 40 MB', () => {
    const lines = jsonl.trimEnd().split('\n');
    expect(lines).toHaveLength(demo.changes.length);
    expect(JSON.parse(lines[0] ?? '')).toEqual(demo.changes[0]);
    expect(Buffer.byteLength(jsonl)).toBeLessThan(40 * 1024 * 1024);
  });
});

describe('the community', () => {
  it('has four code projects and the specs project under one prefix, 60+ humans in 8+ organisations, 2,000+ changes over ~3 years', () => {
    const names = Object.keys(demo.projects);
    expect(names).toHaveLength(5);
    expect(names).toContain('aurora/specs');
    expect(new Set(names.map((n) => n.split('/')[0])).size).toBe(1);
    for (const [name, p] of Object.entries(demo.projects)) expect(p).toMatchObject({ id: encodeURIComponent(name), state: 'ACTIVE' });
    const humans = demo.accounts.filter((a) => !looksLikeBot(a));
    expect(humans.length).toBeGreaterThanOrEqual(60);
    expect(humans.length).toBeLessThanOrEqual(80);
    expect(new Set(humans.map((a) => a.email.split('@')[1]).filter((d) => d !== 'example.net')).size).toBeGreaterThanOrEqual(8);
    expect(demo.changes.length).toBeGreaterThanOrEqual(2200);
    expect(demo.changes.length).toBeLessThanOrEqual(2600);
    const created = demo.changes.map((c) => Date.parse(`${c.created.slice(0, 10)}T00:00:00Z`));
    const years = (Math.max(...created) - Math.min(...created)) / (365.25 * 86400_000);
    expect(years).toBeGreaterThan(2.8);
    expect(years).toBeLessThan(3.01);
  });

  it('has three bots, only Zuul tagged SERVICE_USER, all found by name as well', () => {
    const bots = demo.accounts.filter((a) => looksLikeBot(a));
    expect(bots.map((b) => b.name).sort()).toEqual(['Aurora Proposal Bot', 'Sunbeam Storage CI', 'Zuul']);
    expect(bots.filter((b) => b.tags?.includes('SERVICE_USER')).map((b) => b.name)).toEqual(['Zuul']);
    for (const b of bots) expect(looksLikeBot({ name: b.name, username: b.username })).toBe(true);
    const authors = new Set(demo.changes.flatMap((c) => c.messages.map((m) => m.author.name)));
    for (const b of bots) expect(authors.has(b.name), b.name).toBe(true);
    expect(demo.changes.some((c) => c.owner.name === 'Aurora Proposal Bot')).toBe(true);
  });

  it('references only accounts that exist, with the same details', () => {
    const byId = new Map(demo.accounts.map((a) => [a._account_id, a]));
    expect(byId.size).toBe(demo.accounts.length);
    for (const c of demo.changes) {
      for (const a of accountsIn(c)) {
        const known = byId.get(a._account_id);
        expect(known, `change ${c._number} account ${a._account_id}`).toBeDefined();
        expect({ name: a.name, email: a.email, username: a.username }).toEqual({ name: known?.name, email: known?.email, username: known?.username });
      }
    }
  });

  it('uses reserved example domains for every e-mail address, in fields and in text', () => {
    for (const a of demo.accounts) expect(a.email).toMatch(RESERVED);
    const emails = jsonl.match(/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g) ?? [];
    expect(emails.length).toBeGreaterThan(1000);
    for (const e of new Set(emails)) expect(e).toMatch(RESERVED);
  });
});

describe('dates and numbers', () => {
  it('keeps created <= every event <= updated <= end, and submitted only on merged changes', () => {
    let previous = 0;
    let previousCreated = '';
    for (const c of demo.changes) {
      expect(c._number).toBeGreaterThan(previous);
      expect(c.created >= previousCreated).toBe(true);
      previous = c._number;
      previousCreated = c.created;
      const dates = [
        ...c.messages.map((m) => m.date),
        ...Object.values(c.revisions).map((r) => r.created),
        ...Object.values(c.labels).flatMap((l) => (l.all ?? []).flatMap((v) => (v.date ? [v.date] : []))),
      ];
      for (const d of [c.created, c.updated, ...dates]) expect(d).toMatch(TIME);
      for (const d of dates) expect(d >= c.created && d <= c.updated, `change ${c._number} date ${d}`).toBe(true);
      expect(c.updated <= END).toBe(true);
      expect(c.updated).toBe(c.messages[c.messages.length - 1]?.date);
      if (c.status === 'MERGED') {
        expect(c.submitted && c.submitted <= c.updated).toBe(true);
        expect(c.submitter?.name).toBe('Zuul');
      } else expect(c.submitted).toBeUndefined();
    }
    expect(demo.changes[0]?._number).toBe(10001);
  });
});

describe('review shapes', () => {
  it('matches Gerrit ChangeInfo on every change', () => {
    for (const c of demo.changes) {
      expect(c.id).toBe(`${encodeURIComponent(c.project)}~${encodeURIComponent(c.branch)}~${c.change_id}`);
      expect(c.change_id).toMatch(/^I[0-9a-f]{40}$/);
      const current = c.revisions[c.current_revision];
      expect(current, `change ${c._number}`).toBeDefined();
      const shas = Object.keys(c.revisions);
      for (const sha of shas) expect(sha).toMatch(/^[0-9a-f]{40}$/);
      expect(Object.values(c.revisions).map((r) => r._number).sort((a, b) => a - b)).toEqual(shas.map((_, i) => i + 1));
      expect(current?._number).toBe(shas.length);
      for (const r of Object.values(c.revisions)) {
        expect(r.ref).toBe(`refs/changes/${String(c._number % 100).padStart(2, '0')}/${c._number}/${r._number}`);
        expect(r.commit.message.startsWith(`${c.subject}\n\n`)).toBe(true);
        expect(r.commit.message).toContain(`\nChange-Id: ${c.change_id}`);
        const files = Object.keys(r.files).length;
        expect(files).toBeGreaterThanOrEqual(1);
        expect(files).toBeLessThanOrEqual(12);
      }
      const files = Object.values(current?.files ?? {});
      expect(c.insertions).toBe(files.reduce((s, f) => s + (f.lines_inserted ?? 0), 0));
      expect(c.deletions).toBe(files.reduce((s, f) => s + (f.lines_deleted ?? 0), 0));
      for (const [label, [min, max]] of [['Code-Review', [-2, 2]], ['Verified', [-1, 1]], ['Workflow', [-1, 1]]] as const) {
        const info = c.labels[label];
        expect(info?.default_value).toBe(0);
        for (const v of info?.all ?? []) expect(v.value >= min && v.value <= max).toBe(true);
      }
    }
  });

  it('merges only with a +2, Workflow+1 and Zuul gate, then the merge message', () => {
    const merged = demo.changes.filter((c) => c.status === 'MERGED');
    expect(merged.length / demo.changes.length).toBeGreaterThan(0.6);
    for (const c of merged) {
      expect(c.labels['Code-Review']?.all?.some((v) => v.value === 2)).toBe(true);
      expect(c.labels.Workflow?.all?.some((v) => v.value === 1)).toBe(true);
      expect(c.labels.Verified?.approved?.name).toBe('Zuul');
      const last = c.messages[c.messages.length - 1];
      expect(last?.message).toBe('Change has been successfully merged by Zuul');
      expect(c.messages.some((m) => m.tag === 'autogenerated:zuul:gate' && m.message.includes('Build succeeded (gate pipeline).'))).toBe(true);
    }
    const humanMerged = merged.filter((c) => !looksLikeBot(c.owner));
    expect(humanMerged.filter((c) => c.labels['Code-Review']?.all?.filter((v) => v.value === 2).length === 2).length / humanMerged.length).toBeGreaterThan(0.9);
  });

  it('has abandoned, open, rechecked, multi-patch-set, stable cherry-pick, topic and hashtag changes', () => {
    const by = (s: string) => demo.changes.filter((c) => c.status === s);
    expect(by('ABANDONED').every((c) => c.messages.some((m) => m.message.startsWith('Abandoned')))).toBe(true);
    expect(by('ABANDONED').some((c) => c.messages.some((m) => m.message.includes('abandoned due to inactivity')))).toBe(true);
    expect(by('NEW').filter((c) => c.updated >= '2026-09-01').length).toBeGreaterThan(20);
    expect(demo.changes.some((c) => c.messages.some((m) => m.message.startsWith('Patch Set') && m.message.includes('Verified-1')))).toBe(true);
    expect(demo.changes.some((c) => c.messages.some((m) => /\n\nrecheck/.test(m.message)))).toBe(true);
    expect(Math.max(...demo.changes.map((c) => Object.keys(c.revisions).length))).toBeGreaterThanOrEqual(6);
    const picks = demo.changes.filter((c) => c.branch.startsWith('stable/'));
    expect(picks.length).toBeGreaterThan(50);
    const masterIds = new Set(demo.changes.filter((c) => c.branch === 'master').map((c) => c.change_id));
    expect(picks.every((c) => masterIds.has(c.change_id) && c.messages[0]?.message === 'Patch Set 1: Cherry Picked from branch master.')).toBe(true);
    expect(demo.changes.filter((c) => c.topic).length).toBeGreaterThan(200);
    expect(demo.changes.filter((c) => c.hashtags.length).length).toBeGreaterThan(50);
    expect(demo.changes.some((c) => c.messages.some((m) => m.author.name === 'Sunbeam Storage CI' && c.project !== 'aurora/compute'))).toBe(false);
  });
});

describe('search and hostile text', () => {
  it('has the word "quokka" in exactly one change, the exported DEMO_SEARCH_CHANGE', async () => {
    const lines = jsonl.split('\n').filter((l) => /quokka/i.test(l));
    expect(lines).toHaveLength(1);
    const c = JSON.parse(lines[0] ?? '{}') as ChangeInfo;
    expect(c).toMatchObject({ _number: DEMO_SEARCH_CHANGE, subject: QUOKKA_SUBJECT, status: 'MERGED' });
    for (const f of ['accounts.json', 'projects.json']) expect(await readFile(join(dir, 'a', f), 'utf8')).not.toMatch(/quokka/i);
  });

  it('carries script, onerror and javascript: payloads, non-ASCII names and a very long message', () => {
    expect(jsonl).toContain("<script>alert('xss')</script>");
    expect(jsonl).toContain('<img src=x onerror=alert(1)>');
    expect(jsonl).toContain('javascript:alert(');
    const owners = new Set(demo.changes.map((c) => c.owner.name));
    for (const name of ['Zoë Lindqvist', 'Łukasz Nowicki', '李雷', 'Ana María Ortega']) expect(owners.has(name), name).toBe(true);
    expect(Math.max(...demo.changes.flatMap((c) => c.messages.map((m) => m.message.length)))).toBeGreaterThan(10_000);
  });
});

describe('generateScaled', () => {
  it('streams N changes lazily, the same on every pass', async () => {
    const data = generateScaled(300, 'bench');
    const first = [...data.changes];
    expect(first).toHaveLength(300);
    expect(first.map((c) => c._number)).toEqual(Array.from({ length: 300 }, (_, i) => 10001 + i));
    expect(JSON.stringify([...data.changes])).toBe(JSON.stringify(first));
    const out = join(dir, 'scaled');
    expect(await writeDemoFixtures(out, data)).toEqual({ changes: 300 });
    expect((await readFile(join(out, 'changes.jsonl'), 'utf8')).trimEnd().split('\n')).toHaveLength(300);
  });
});

const REFERENCE = process.env.AGORA_REFERENCE_DATA ?? resolve(import.meta.dirname, '../../../shared/reference-data');
const REFERENCE_CHANGE = join(REFERENCE, 'gerrit', 'gerrit_s4ineh2w.json');
if (!existsSync(REFERENCE_CHANGE)) console.warn(`skipping Gerrit shape conformance: ${REFERENCE_CHANGE} not found (set AGORA_REFERENCE_DATA)`);

describe.skipIf(!existsSync(REFERENCE_CHANGE))('conformance with a real Gerrit change', () => {
  it('uses the same keys as a real server for revisions, commits, files, messages and votes', () => {
    const real = JSON.parse(readFileSync(REFERENCE_CHANGE, 'utf8')) as ChangeInfo;
    const ours = demo.changes.find((c) => c.status === 'MERGED' && c.topic && Object.keys(c.revisions).length > 1) as ChangeInfo;
    const keys = (o: object) => Object.keys(o).filter((k) => k !== 'avatars');
    const realRev = Object.values(real.revisions)[0];
    const ourRev = Object.values(ours.revisions)[0];
    expect(keys(ourRev ?? {})).toEqual(keys(realRev ?? {}));
    expect(keys(ourRev?.commit ?? {})).toEqual(keys(realRev?.commit ?? {}));
    expect(keys(ourRev?.commit.author ?? {})).toEqual(keys(realRev?.commit.author ?? {}));
    expect(keys(ourRev?.commit.committer ?? {})).toEqual(keys(realRev?.commit.committer ?? {}));
    const realFile = Object.values(realRev?.files ?? {})[0] ?? {};
    expect(keys(Object.values(ourRev?.files ?? {}).find((f) => f.lines_deleted && !f.status) ?? {})).toEqual(keys(realFile));
    expect(keys(ours.messages[0] ?? {}).filter((k) => k !== 'tag')).toEqual(keys(real.messages[0] ?? {}));
    const realVote = real.labels['Code-Review']?.all?.find((v) => v.date) ?? {};
    expect(keys(ours.labels['Code-Review']?.all?.find((v) => v.date) ?? {})).toEqual(keys(realVote));
    for (const k of keys(real).filter((k) => !['removable_reviewers'].includes(k))) expect(Object.keys(ours), k).toContain(k);
  });
});
