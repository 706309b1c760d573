/**
 * The specs source end to end: a synthetic nova-specs repository of N specs
 * (default 1,000; scripts/bench/specs-repo.ts) written as real git commits in
 * a temporary folder, then synced by the engine and the specs driver — the
 * code `agora sync` runs: clone, one pass over the history, the redirects,
 * docutils rendering, the store — into a temporary store. Timed: the first
 * sync (target: under 60 s for 1,000 specs), and a second one after one more
 * commit touching one spec, which must render that spec only. Generating the
 * repository is timed apart and left out of the figures. Every temporary
 * folder is removed, also when a step fails.
 *
 * Run: `npx tsx scripts/bench/specs.ts [--count N] [--seed S]`; prints one JSON object.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { AgoraConfig } from '../../src/config/schema.ts';
import { drivers } from '../../src/sources/index.ts';
import { Store } from '../../src/store/store.ts';
import { runSync, type SourceReport } from '../../src/sync/run.ts';
import { appendCommits, syntheticSpecsRepo, touchOneSpec, writeBareRepo } from './specs-repo.ts';

export interface SpecsSyncRun {
  seconds: number;
  new: number;
  updated: number;
  unchanged: number;
  removed: number;
  /** Specs the driver rendered (the others kept their stored rendering), and the time that took. */
  rendered: number;
  renderSeconds: number;
  warnings: number;
  /** The first warning, to tell expected ones (a Sphinx role docutils does not know) from a regression. */
  firstWarning?: string;
  skipped: number;
}

export interface SpecsSyncBench {
  specs: number;
  /** Spec files at the head (a re-proposed spec has two), commits, and their bytes. */
  files: number;
  commits: number;
  megabytes: number;
  moves: number;
  reproposed: number;
  generateSeconds: number;
  docutils?: string;
  first: SpecsSyncRun;
  /** After one more commit touching one spec. */
  second: SpecsSyncRun & { touched: string };
  /** Stored specs whose status is implemented, and how many the repository has. */
  implemented: { stored: number; expected: number };
  targetSeconds: number;
  ok: boolean;
}

/** `specs: 1 of 1000 specs rendered in 0.1 s (docutils 0.19); …`, as the driver logs it. */
const RENDERED = /: (\d+) of \d+ specs rendered in ([\d.]+) s(?: \(docutils ([^)]+)\))?/;

function runFigures(report: SourceReport, seconds: number, info: readonly string[]): SpecsSyncRun & { docutils?: string } {
  if (report.error) throw new Error(`specs sync failed: ${report.error}`);
  const m = info.map((line) => RENDERED.exec(line)).find((x) => x !== null);
  if (!m) throw new Error(`the specs driver logged no rendering summary:\n${info.join('\n')}`);
  return {
    seconds: Number(seconds.toFixed(2)),
    new: report.new,
    updated: report.updated,
    unchanged: report.unchanged,
    removed: report.removed,
    rendered: Number(m[1]),
    renderSeconds: Number(m[2]),
    warnings: report.warnings.length,
    ...(report.warnings[0] ? { firstWarning: `${report.warnings[0].where}: ${report.warnings[0].reason}` } : {}),
    skipped: report.skipped.length,
    ...(m[3] ? { docutils: m[3] } : {}),
  };
}

export async function benchSpecsSync(count = 1000, seed = 1): Promise<SpecsSyncBench> {
  const work = await mkdtemp(join(tmpdir(), 'agora-bench-specs-'));
  try {
    const generated = performance.now();
    const synthetic = syntheticSpecsRepo(count, seed);
    const repo = join(work, 'specs.git');
    await writeBareRepo(repo, synthetic.commits);
    const generateSeconds = (performance.now() - generated) / 1000;

    const config = AgoraConfig.parse({ site: { title: 'Specs benchmark', url: 'https://bench.example.org' }, sources: [{ id: 'specs', type: 'specs', repo, project: 'bench/specs' }] });
    const store = new Store(join(work, 'content'));
    const sync = async () => {
      const info: string[] = [];
      const log = { info: (m: string) => info.push(m), warn: () => {} };
      const started = performance.now();
      const [report] = await runSync(config, { store, drivers, log, cacheDir: join(work, 'cache') });
      return runFigures(report!, (performance.now() - started) / 1000, info);
    };
    const { docutils, ...first } = await sync();
    const touch = touchOneSpec(synthetic);
    await appendCommits(repo, [touch.commit]);
    const { docutils: _, ...second } = await sync();

    let implemented = 0;
    for await (const item of store.source('specs').items('spec')) if ((item.data as { status?: string }).status === 'implemented') implemented++;
    const specFiles = [...synthetic.files.keys()].filter((p) => /\/(approved|implemented)\/[^/]+\.rst$/.test(p));
    const targetSeconds = 60 * (count / 1000);
    return {
      specs: synthetic.keys.length,
      files: specFiles.length,
      commits: synthetic.commits.length,
      megabytes: Math.round(specFiles.reduce((n, p) => n + synthetic.files.get(p)!.length, 0) / 1e5) / 10,
      moves: synthetic.moves,
      reproposed: synthetic.reproposed.length,
      generateSeconds: Number(generateSeconds.toFixed(2)),
      ...(docutils ? { docutils } : {}),
      first,
      second: { ...second, touched: touch.path },
      implemented: { stored: implemented, expected: synthetic.implemented.length },
      targetSeconds,
      ok: first.new === count && first.rendered === count && first.seconds < targetSeconds && second.rendered === 1 && second.updated === 1 && second.new === 0 && implemented === synthetic.implemented.length,
    };
  } finally {
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, seed: { type: 'string', default: '1' } } });
  console.log(JSON.stringify(await benchSpecsSync(Number(values.count), Number(values.seed))));
}
