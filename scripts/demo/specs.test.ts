import { execFile, execFileSync } from 'node:child_process';
import { lstat, mkdtemp, readFile, readlink, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gerritTime } from './calendar.ts';
import { generateDemo } from './generate.ts';
import type { ChangeInfo } from './gerrit-types.ts';
import { DEMO_NOW } from './pipeline.ts';
import { SPECS_PROJECT, SPEC_CASES, generateSpecs, type DemoSpecs } from './specs.ts';
import { specsRepoHead, writeSpecsRepo } from './specs-repo.ts';

const run = promisify(execFile);
const NOW = DEMO_NOW / 1000;

let dir: string;
let specs: DemoSpecs;
let repoA: string;
let repoB: string;

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
}

/** Everything in the specs, maps included, as one comparable string. */
function serialise(s: DemoSpecs): string {
  return JSON.stringify(s, (_k, v: unknown) => (v instanceof Map ? [...v.entries()] : v));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'agora-specs-'));
  specs = generateSpecs();
  repoA = await writeSpecsRepo(join(dir, 'a'), specs);
  repoB = await writeSpecsRepo(join(dir, 'b'), generateSpecs());
}, 60_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const specFiles = () => [...specs.files.keys()].filter((p) => /^specs\/(?:[^/]+\/)+[^/]+\.rst$/.test(p) && !/\/index\.rst$/.test(p));

describe('generateSpecs and writeSpecsRepo determinism', () => {
  it('gives the same specs, the same bytes and the same final commit twice', async () => {
    expect(serialise(generateSpecs())).toBe(serialise(specs));
    expect(await specsRepoHead(repoA)).toMatch(/^[0-9a-f]{40}$/);
    expect(await specsRepoHead(repoB)).toBe(await specsRepoHead(repoA));
    expect(git(repoB, 'ls-tree', '-r', 'HEAD')).toBe(git(repoA, 'ls-tree', '-r', 'HEAD'));
    expect(serialise(generateSpecs({ seed: 'another-seed' }))).not.toBe(serialise(specs));
  });

  it('commits one event at a time, in date order over 2024-2026, with fixed author and committer dates', () => {
    const log = git(repoA, 'log', '--reverse', '--format=%at %ct %an <%ae> %cn|%s').trimEnd().split('\n');
    expect(log).toHaveLength(specs.commits.length);
    specs.commits.forEach((c, i) => {
      expect(log[i]).toBe(`${c.at} ${c.at} ${c.author.name} <${c.author.email}> ${c.author.name}|${c.message.split('\n')[0]}`);
      if (i > 0) expect(c.at).toBeGreaterThanOrEqual(specs.commits[i - 1]!.at);
    });
    const years = new Set(specs.commits.map((c) => c.date.slice(0, 4)));
    expect([...years].sort()).toEqual(['2024', '2025', '2026']);
    expect(git(repoA, 'status', '--porcelain')).toBe('');
  });

  it('has one commit with a Co-Authored-By trailer, the same message as its review', () => {
    const withTrailer = specs.commits.filter((c) => /\nCo-Authored-By: .+ <[^>]+@[^>]+>\n/.test(c.message));
    expect(withTrailer).toHaveLength(1);
    expect(git(repoA, 'log', '--format=%B', '--grep=Co-Authored-By')).toContain(withTrailer[0]!.message.trimEnd());
    const review = specs.specs.flatMap((s) => s.reviews).find((r) => r.message === withTrailer[0]!.message);
    expect(review).toBeDefined();
  });
});

describe('the lifecycle cases', () => {
  it('has about 25 specs over 4+ releases, each case at least once', () => {
    expect(specs.specs.length).toBeGreaterThanOrEqual(20);
    expect(specs.specs.length).toBeLessThanOrEqual(30);
    expect(specs.releases.length).toBeGreaterThanOrEqual(4);
    for (const r of specs.releases) expect(r).toMatch(/^20\d\d\.[12]$/);
    for (const c of SPEC_CASES) expect(specs.specs.some((s) => s.cases.includes(c)), c).toBe(true);
    for (const s of specs.specs) {
      expect(s.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(s.blueprint).toBe(`https://blueprints.aurora.example/aurora/+spec/${s.name}`);
      expect(specs.files.has(s.path), s.path).toBe(true);
    }
  });

  it('keeps approved specs in specs/<R>/approved/ and moves implemented ones with a redirects line', () => {
    expect(specFiles().filter((p) => /^specs\/[\d.]+\/approved\//.test(p)).length).toBeGreaterThan(5);
    const implemented = specs.specs.filter((s) => s.cases.includes('implemented'));
    expect(implemented.length).toBeGreaterThanOrEqual(8);
    for (const s of implemented) {
      const m = /^specs\/([\d.]+)\/implemented\/([^/]+)\.rst$/.exec(s.path);
      expect(m, s.path).not.toBeNull();
      const redirects = specs.files.get(`specs/${m![1]}/redirects`) ?? '';
      expect(redirects.split('\n')).toContain(`approved/${s.name}.rst ../implemented/${s.name}.rst`);
      expect(specs.files.has(`specs/${m![1]}/approved/${s.name}.rst`)).toBe(false);
    }
    // git sees the move as a rename, and the redirects line in the same commit.
    const s = implemented[0]!;
    const moved = git(repoA, 'log', '--follow', '--format=', '--name-status', '--diff-filter=R', '--', s.path);
    expect(moved).toMatch(new RegExp(`^R100\t${s.path.replace('/implemented/', '/approved/').replace(/\./g, '\\.')}\t${s.path.replace(/\./g, '\\.')}$`, 'm'));
  });

  it('copies a re-proposed spec to the next release and keeps the old copy', () => {
    for (const s of specs.specs.filter((x) => x.cases.includes('reproposed'))) {
      const i = specs.releases.indexOf(s.release!);
      const next = specs.releases[i + 1]!;
      expect(specs.files.has(`specs/${s.release}/approved/${s.name}.rst`)).toBe(true);
      expect(s.reviews.map((r) => r.path)).toEqual([`specs/${s.release}/approved/${s.name}.rst`, `specs/${next}/approved/${s.name}.rst`]);
      expect(s.reviews[1]!.subject).toBe(`Re-propose ${s.name} for ${next}`);
      expect(s.path.startsWith(`specs/${next}/`)).toBe(true);
    }
  });

  it('parks specs in specs/abandoned/ and specs/backlog/, and one in a status folder nobody defined', () => {
    expect(specs.specs.filter((s) => s.cases.includes('abandoned')).every((s) => s.path === `specs/abandoned/${s.name}.rst`)).toBe(true);
    expect(specs.specs.filter((s) => s.cases.includes('backlog')).every((s) => s.path.startsWith('specs/backlog/') && !s.release)).toBe(true);
    const unknown = specFiles().filter((p) => {
      const m = /^specs\/[\d.]+\/([^/]+)\//.exec(p);
      return m && !['approved', 'implemented'].includes(m[1]!);
    });
    expect(unknown).toHaveLength(1);
    expect(unknown[0]).toMatch(/^specs\/[\d.]+\/postponed\/[a-z-]+\.rst$/);
  });

  it('has a template and an index for every release, the top index, and one symlink git stores as a link', async () => {
    for (const r of specs.releases) {
      expect(specs.files.get(`specs/${r}-template.rst`)).toContain('Example Spec - The title of your blueprint');
      expect(specs.files.get(`specs/${r}/index.rst`)).toContain('.. toctree::');
      expect(specs.files.get('doc/source/index.rst')).toContain(`specs/${r}/index`);
    }
    expect([...specs.links]).toHaveLength(1);
    const [path, target] = [...specs.links][0]!;
    const links = git(repoA, 'ls-tree', '-r', 'HEAD').split('\n').filter((l) => l.startsWith('120000 '));
    expect(links).toHaveLength(1);
    expect(links[0]!.endsWith(`\t${path}`)).toBe(true);
    expect((await lstat(join(repoA, path))).isSymbolicLink()).toBe(true);
    expect(await readlink(join(repoA, path))).toBe(target);
    expect(specs.files.has(`${path.split('/').slice(0, -1).join('/')}/${target}`)).toBe(true);
  });
});

const SECTIONS = [
  'Problem description', 'Use Cases', 'Proposed change', 'Alternatives', 'Data model impact', 'REST API impact', 'Security impact',
  'Implementation', 'Assignee(s)', 'Work Items', 'Dependencies', 'Testing', 'Documentation Impact', 'References', 'History',
];

describe('the spec texts', () => {
  it('follow the nova-specs structure: licence comment, over- and underlined title, blueprint URL, the sections in order', async () => {
    for (const path of specFiles().filter((p) => !p.endsWith('-template.rst'))) {
      const text = await readFile(join(repoA, path), 'utf8');
      expect(text).toBe(specs.files.get(path));
      expect(text.startsWith('..\n This work is licensed under a Creative Commons Attribution 3.0 Unported')).toBe(true);
      const spec = specs.specs.find((s) => path.endsWith(`/${s.name}.rst`))!;
      const bar = '='.repeat(spec.title.length);
      expect(text).toContain(`\n${bar}\n${spec.title}\n${bar}\n\n${spec.blueprint}\n`);
      let at = 0;
      for (const section of SECTIONS) {
        const i = text.indexOf(`\n${section}\n${section === 'Use Cases' || /impact$|Alternatives|Assignee|Work Items/.test(section) ? '-' : '='}`, at);
        expect(i, `${path}: ${section}`).toBeGreaterThan(at);
        at = i;
      }
    }
  });

  it('carry every construct a renderer must handle, and the hostile and broken markup once each', () => {
    const texts = specFiles().map((p) => specs.files.get(p)!);
    const some = (re: RegExp) => texts.filter((t) => re.test(t)).length;
    expect(some(/^\* .+\n\n {2}\* /m)).toBeGreaterThan(10); // nested bullets
    expect(some(/::\n\n {4}\S/)).toBe(texts.length); // literal block
    expect(some(/^\.\. code-block:: python$/m)).toBe(texts.length);
    expect(some(/^=+ {2}=+\nRelease +Description\n=+ {2}=+$/m)).toBe(texts.length); // simple table
    expect(some(/^\+-+\+-+\+-+\+\n\|.*\|\n\+=+\+=+\+=+\+$/m)).toBeGreaterThan(5); // grid table
    expect(some(/\[#\]_[\s\S]*^\.\. \[#\] /m)).toBe(texts.length); // footnote
    expect(some(/`[^`<]+<https:[^>]+>`__/)).toBe(texts.length); // anonymous link
    expect(some(/^\.\. note::$/m)).toBe(texts.length);
    expect(some(/:doc:`[^`]+`/)).toBeGreaterThanOrEqual(2);
    const hostile = texts.filter((t) => t.includes('.. raw:: html'));
    expect(hostile).toHaveLength(1);
    expect(hostile[0]).toContain('<script>alert(1)</script>');
    expect(hostile[0]).toContain('`x <javascript:alert(1)>`_');
    const broken = texts.filter((t) => t.includes('``project_id:resource and'));
    expect(broken).toHaveLength(1);
    expect(broken[0]).toContain('+--------------+----------+\n| instances    | 30 s |');
  });

  it('point :doc: links at specs that exist at the end', () => {
    for (const path of specFiles()) {
      for (const m of (specs.files.get(path) ?? '').matchAll(/:doc:`([^`]+)`/g)) {
        const parts = path.split('/').slice(0, -1);
        for (const seg of m[1]!.split('/')) {
          if (seg === '..') parts.pop();
          else parts.push(seg);
        }
        expect(specs.files.has(`${parts.join('/')}.rst`), `${path} -> ${m[1]}`).toBe(true);
      }
    }
  });
});

const PY = '/usr/bin/python3';
const RENDER = `
import io, json, sys, docutils.core
out = {}
for path in sys.argv[1:]:
    err = io.StringIO()
    try:
        docutils.core.publish_string(open(path, encoding='utf-8').read(), source_path=path, writer_name='html5',
            settings_overrides={'report_level': 2, 'halt_level': 5, 'warning_stream': err, 'traceback': True})
    except RecursionError as e:
        out[path] = ['EXCEPTION: RecursionError']
        continue
    out[path] = [l for l in err.getvalue().splitlines() if '(WARNING/' in l or '(ERROR/' in l or '(SEVERE/' in l]
print(json.dumps(out))
`;
let docutils = false;
try {
  execFileSync(PY, ['-c', 'import docutils'], { stdio: 'ignore' });
  docutils = true;
} catch {
  console.warn(`skipping the docutils rendering check: ${PY} has no docutils (apt-get install python3-docutils)`);
}

describe.skipIf(!docutils)('rendering with docutils', () => {
  it('renders every spec but the unrenderable one; only the broken one reports problems (Sphinx roles aside), none severe', async () => {
    const paths = specFiles().map((p) => join(repoA, p));
    const { stdout } = await run(PY, ['-c', RENDER, ...paths], { maxBuffer: 16 * 1024 * 1024 });
    const report = JSON.parse(stdout) as Record<string, string[]>;
    const problems = Object.entries(report)
      .map(([p, lines]) => [p, lines.filter((l) => !l.includes('role "doc"'))] as const)
      .filter(([, lines]) => lines.length);
    const failed = problems.filter(([, lines]) => lines.includes('EXCEPTION: RecursionError'));
    expect(failed.map(([p]) => p.replace(/^.*\//, ''))).toEqual([`${specs.specs.find((s) => s.cases.includes('unrenderable'))!.name}.rst`]);
    problems.splice(problems.indexOf(failed[0]!), 1);
    expect(problems).toHaveLength(1);
    const [path, lines] = problems[0]!;
    expect(path).toContain(specs.specs.find((s) => s.cases.includes('broken'))!.name);
    expect(lines.some((l) => l.includes('Malformed table'))).toBe(true);
    expect(lines.some((l) => l.includes('Inline literal start-string without end-string'))).toBe(true);
    expect(Object.values(report).flat().some((l) => l.includes('SEVERE'))).toBe(false);
  });
});

describe('the Gerrit changes of the specs', () => {
  let changes: ChangeInfo[];
  beforeAll(() => {
    changes = generateDemo().changes;
  }, 60_000);

  const byTopic = (name: string) => changes.filter((c) => c.topic === `bp/${name}`);
  const coreVotes = (c: ChangeInfo, label: string, value: number) =>
    (c.labels[label]?.all ?? []).filter((v) => v.value === value && (v.permitted_voting_range?.max ?? 0) >= value);

  it('gives every spec a merged review in aurora/specs, at its commit date, with two core +2s and Workflow+1', () => {
    for (const s of specs.specs) {
      const reviews = byTopic(s.name).filter((c) => c.project === SPECS_PROJECT);
      expect(reviews.map((c) => c.subject), s.name).toEqual(s.reviews.map((r) => r.subject));
      for (const [i, c] of reviews.entries()) {
        const r = s.reviews[i]!;
        const commit = specs.commits.find((x) => x.message === r.message)!;
        expect(commit, c.subject).toBeDefined();
        expect(c).toMatchObject({ status: 'MERGED', submitted: gerritTime(commit.at), change_id: r.changeId, branch: 'master' });
        expect(commit.message).toContain(`Change-Id: ${c.change_id}`);
        const rev = c.revisions[c.current_revision]!;
        expect(rev.commit.message).toBe(r.message);
        expect(rev.commit.message).toContain(r.path);
        expect(Object.keys(rev.files)).toEqual([r.path]);
        expect(coreVotes(c, 'Code-Review', 2)).toHaveLength(2);
        expect(coreVotes(c, 'Workflow', 1)).toHaveLength(1);
        const voters = new Set([c.owner._account_id, ...coreVotes(c, 'Code-Review', 2).map((v) => v._account_id)]);
        const others = c.messages.filter((m) => !voters.has(m.author._account_id) && m.author.name !== 'Zuul' && m.date < c.submitted!);
        expect(others.length, c.subject).toBeGreaterThan(0);
      }
    }
  });

  it('gives every implemented spec implementation changes in its code project, naming the blueprint, merged before the move', () => {
    for (const s of specs.specs.filter((x) => x.cases.includes('implemented'))) {
      const work = byTopic(s.name).filter((c) => c.project === s.project);
      expect(work.length, s.name).toBeGreaterThanOrEqual(1);
      expect(work.length).toBeLessThanOrEqual(3);
      const moved = specs.commits.find((c) => c.event === 'implement' && c.spec === s.name)!;
      for (const c of work) {
        expect(c.status).toBe('MERGED');
        expect(c.submitted! < gerritTime(moved.at)).toBe(true);
        expect(c.revisions[c.current_revision]!.commit.message).toMatch(new RegExp(`\\n(?:Partially-)?Implements: blueprint ${s.name}\\n`));
      }
      expect(work.some((c) => c.revisions[c.current_revision]!.commit.message.includes(`\nImplements: blueprint ${s.name}\n`))).toBe(true);
    }
    const open = specs.specs.find((x) => x.cases.includes('in-progress'))!;
    expect(byTopic(open.name).filter((c) => c.status === 'NEW')).toHaveLength(1);
  });

  it('adds about 50 changes, numbered in creation order with the rest', () => {
    const all = changes.filter((c) => c.topic?.startsWith('bp/'));
    expect(all.length).toBe(specs.specs.reduce((n, s) => n + s.reviews.length + s.work.length, 0));
    expect(all.length).toBeGreaterThan(40);
    expect(all.length).toBeLessThanOrEqual(65);
    expect(changes.filter((c) => c.project === SPECS_PROJECT).every((c) => c.topic?.startsWith('bp/'))).toBe(true);
  });
});

describe('dates', () => {
  it('puts every commit, review and implementation change before DEMO_NOW, and inside the demo', () => {
    const start = Date.parse('2023-11-01T00:00:00Z') / 1000;
    const times = [
      ...specs.commits.map((c) => c.at),
      ...specs.specs.flatMap((s) => [...s.reviews.flatMap((r) => [r.created, r.merged]), ...s.work.flatMap((w) => [w.created, ...(w.merged ? [w.merged] : [])])]),
    ];
    for (const t of times) {
      expect(t).toBeGreaterThan(start);
      expect(t).toBeLessThan(NOW);
    }
    for (const s of specs.specs) for (const r of s.reviews) expect(r.created).toBeLessThan(r.merged);
    for (const c of specs.commits) expect(c.date).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  });
});
