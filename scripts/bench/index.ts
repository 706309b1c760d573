/**
 * `npm run bench [-- --changes N] [--messages N] [--logs N] [--skip-scale] [--skip-search] [--skip-mail] [--skip-meetings] [--skip-specs]`
 * Prints the figures the foundation issue names, each beside its target:
 *  1. demo build: time and peak RSS;
 *  2. sync + build of a large corpus (default 100,000 changes) served by the
 *     local Gerrit simulator: time and peak RSS of each step;
 *  3. search: bytes transferred to the first result and query latency at 10k
 *     and 100k documents (scripts/bench/search.ts);
 *  4. charts: each registered chart's build cost, for the demo and the large
 *     corpus (scripts/bench/charts.ts);
 *  5. mail: split + parse + thread throughput and peak RSS on a synthetic
 *     mbox of 100,000 messages (scripts/bench/mbox.ts);
 *  6. meetings: 10,000 meetbot logs discovered, parsed and stored, and the
 *     requests of a re-sync with nothing new (scripts/bench/meetbot.ts);
 *  7. specs: a synthetic nova-specs git repository of 1,000 specs synced
 *     end to end (clone, history, docutils, store), then synced again after
 *     one commit touching one spec (scripts/bench/specs.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateScaled, writeDemoFixtures } from '../demo/generate.ts';
import type { ChartCost } from './charts.ts';
import { measureScript, root, type Measured } from './measure.ts';
import { benchMbox } from './mbox.ts';
import { benchMeetbot } from './meetbot.ts';
import type { SpecsSyncBench } from './specs.ts';

const { values } = parseArgs({
  options: {
    changes: { type: 'string', default: '100000' },
    'skip-scale': { type: 'boolean', default: false },
    'skip-search': { type: 'boolean', default: false },
    'skip-mail': { type: 'boolean', default: false },
    messages: { type: 'string', default: '100000' },
    'skip-meetings': { type: 'boolean', default: false },
    logs: { type: 'string', default: '10000' },
    'skip-specs': { type: 'boolean', default: false },
    specs: { type: 'string', default: '1000' },
  },
});

const rows: string[][] = [['figure', 'value', 'target', '']];
const verdict = (ok: boolean) => (ok ? 'ok' : 'MISSED');
function row(figure: string, value: string, target = '', ok?: boolean): void {
  rows.push([figure, value, target, ok === undefined ? '' : verdict(ok)]);
  console.error(`  ${figure}: ${value}${target ? ` (target ${target})` : ''}`);
}
const fmt = (m: Measured) => `${m.seconds.toFixed(1)} s, ${Math.round(m.peakRssMb)} MB peak RSS`;

async function startSimulator(fixtures: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--max-old-space-size=12288', '--import', 'tsx', 'scripts/simulator/cli.ts', '--fixtures', fixtures], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise<string>((res, rej) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += d.toString();
      const m = /(http:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (m) res(m[1]!);
    });
    child.on('exit', (code) => rej(new Error(`simulator exited with ${code}`)));
  });
  return { url, child };
}

async function benchDemoBuild(): Promise<void> {
  console.error('demo build…');
  const out = await mkdtemp(join(tmpdir(), 'agora-bench-demo-'));
  try {
    const m = await measureScript('scripts/build.ts', ['--out', out, '--quiet'], { AGORA_CONFIG: resolve(root, 'agora.config.yaml') });
    row('demo build', fmt(m), '< 60 s', m.seconds < 60);
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

/** One row per registered chart: the catalog pass, then data, SVG, table, text and downloads of every scope. */
async function benchCharts(config: string, corpus: string): Promise<void> {
  console.error(`charts for ${corpus}…`);
  const m = await measureScript('scripts/bench/charts.ts', ['--config', config, '--json']);
  const f = JSON.parse(m.output.slice(m.output.indexOf('{'))) as { charts: ChartCost[]; events: number };
  for (const c of f.charts) {
    row(`charts ${corpus}: ${c.id} (${c.scopes} scopes)`, `${Math.round(c.prepareMs + c.scopesMs)} ms (catalog pass ${Math.round(c.prepareMs)} ms, scopes ${Math.round(c.scopesMs)} ms)${c.note ? `; ${c.note}` : ''}`);
  }
}

async function benchScale(n: number): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'agora-bench-scale-'));
  let sim: ChildProcess | undefined;
  try {
    console.error(`generating ${n} changes…`);
    const fixtures = join(work, 'fixtures');
    await writeDemoFixtures(fixtures, generateScaled(n));
    const started = await startSimulator(fixtures);
    sim = started.child;
    const config = join(work, 'agora.config.yaml');
    await writeFile(
      config,
      [
        'site: { title: "Scale benchmark", url: "https://bench.example.org" }',
        'data: content',
        'sources:',
        `  - { id: bench, type: gerrit, url: "${started.url}", webUrl: "https://review.bench.example", pageSize: 500 }`,
        '',
      ].join('\n'),
    );
    console.error(`syncing ${n} changes from ${started.url}…`);
    const sync = await measureScript('scripts/sync.ts', ['--config', config]);
    row(`sync ${n} changes`, fmt(sync));
    sim.kill('SIGTERM');
    sim = undefined;
    console.error(`building the site for ${n} changes…`);
    const build = await measureScript('scripts/build.ts', ['--config', config, '--out', join(work, 'dist'), '--quiet']);
    row(`build ${n} changes`, fmt(build));
    // The demo's affiliations, so the organisation chart has its bands (the build above runs without them, as before).
    const demoConfig = await readFile(resolve(root, 'agora.config.yaml'), 'utf8');
    const affiliations = /^affiliations:\n(?: {2}.*\n)+/m.exec(demoConfig)?.[0] ?? '';
    const chartsConfig = join(work, 'charts.config.yaml');
    await writeFile(chartsConfig, (await readFile(config, 'utf8')).replace('data: content\n', `data: content\n${affiliations}`));
    await benchCharts(chartsConfig, `${n / 1000}k`);
    const total = sync.seconds + build.seconds;
    const peak = Math.max(sync.peakRssMb, build.peakRssMb);
    row(`sync+build ${n} changes`, `${(total / 60).toFixed(1)} min`, '< 10 min', total < 600);
    row(`sync+build ${n} peak RSS`, `${Math.round(peak)} MB`, '< 2048 MB', peak < 2048);
  } finally {
    sim?.kill('SIGTERM');
    await rm(work, { recursive: true, force: true });
  }
}

async function benchSearchFigures(): Promise<void> {
  for (const docs of [10_000, 100_000]) {
    console.error(`search at ${docs} documents…`);
    const m = await measureScript('scripts/bench/search.ts', ['--docs', String(docs), '--json']);
    const f = JSON.parse(m.output.slice(m.output.indexOf('{'))) as {
      firstSearchKB: { median: number; max: number };
      queryMs: { p50: number; p95: number };
      buildSeconds: number;
    };
    const k = docs / 1000;
    row(`search ${k}k: index build`, `${f.buildSeconds.toFixed(1)} s, ${Math.round(m.peakRssMb)} MB peak RSS`);
    row(`search ${k}k: first one-word search`, `${f.firstSearchKB.median} KB median, ${f.firstSearchKB.max} KB max (gzip)`, docs === 10_000 ? '< 172 KB' : '', docs === 10_000 ? f.firstSearchKB.max < 172 : undefined);
    row(`search ${k}k: query latency`, `p50 ${f.queryMs.p50} ms, p95 ${f.queryMs.p95} ms`, '< 30 ms p95', f.queryMs.p95 < 30);
  }
}

async function benchMail(n: number): Promise<void> {
  console.error(`mail: parsing and threading ${n} messages…`);
  const r = await benchMbox(n);
  row(`mail: ${n / 1000}k messages parsed + threaded`, `${(r.splitParseSeconds + r.threadSeconds).toFixed(1)} s (${r.messagesPerSecond} messages/s; ${r.megabytes} MB mbox, ${r.threads} threads, ${r.errors} errors)`, '< 60 s', r.splitParseSeconds + r.threadSeconds < 60);
  row(`mail: ${n / 1000}k messages peak RSS`, `${Math.round(r.peakRssMb)} MB`, '< 1024 MB', r.peakRssMb < 1024);
}

async function benchMeetings(n: number): Promise<void> {
  console.error(`meetings: syncing ${n} meetbot logs…`);
  const r = await benchMeetbot(n);
  row(`meetings: ${n / 1000}k logs discovered, parsed, stored`, `${r.seconds.toFixed(1)} s (${r.files} files, ${r.megabytes} MB, ${r.firstRequests} requests)`, '< 60 s', r.seconds < 60);
  row(`meetings: ${n / 1000}k logs peak RSS`, `${Math.round(r.peakRssMb)} MB`, '< 1024 MB', r.peakRssMb < 1024);
  const c = r.resync;
  row('meetings: re-sync with nothing new', `${c.requests} requests, ${c.conditional} conditional, ${c.notModified} answered 304 (${c.seconds.toFixed(1)} s)`, 'conditional only', c.requests === c.conditional && c.requests === c.notModified);
}

async function benchSpecs(n: number): Promise<void> {
  console.error(`specs: generating a ${n}-spec git repository and syncing it…`);
  const m = await measureScript('scripts/bench/specs.ts', ['--count', String(n)]);
  const line = m.output.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`scripts/bench/specs.ts printed no figures:\n${m.output.slice(-2000)}`);
  const f = JSON.parse(line) as SpecsSyncBench;
  const target = 60 * (n / 1000);
  row(`specs: synthetic repository (not measured)`, `${f.generateSeconds.toFixed(1)} s to write ${f.commits} commits (${f.files} spec files, ${f.megabytes} MB, ${f.moves} moves, ${f.reproposed} re-proposals)`);
  row(
    `specs: first sync of ${n} specs (docutils ${f.docutils ?? '?'})`,
    `${f.first.seconds.toFixed(1)} s (${f.first.new} stored, ${f.first.rendered} rendered in ${f.first.renderSeconds.toFixed(1)} s, ${f.implemented.stored}/${f.implemented.expected} implemented), ${Math.round(m.peakRssMb)} MB peak RSS`,
    `< ${target} s`,
    f.first.seconds < target && f.first.new === n && f.implemented.stored === f.implemented.expected,
  );
  row('specs: sync after a commit touching one spec', `${f.second.seconds.toFixed(1)} s (${f.second.rendered} rendered, ${f.second.updated} updated, ${f.second.unchanged} unchanged)`, '1 rendered', f.second.rendered === 1 && f.second.updated === 1);
}

await benchDemoBuild();
await benchCharts(resolve(root, 'agora.config.yaml'), 'demo');
if (!values['skip-mail']) await benchMail(Number(values.messages));
if (!values['skip-meetings']) await benchMeetings(Number(values.logs));
if (!values['skip-specs']) await benchSpecs(Number(values.specs));
if (!values['skip-search']) await benchSearchFigures();
if (!values['skip-scale']) await benchScale(Number(values.changes));

const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
console.log(rows.map((r) => r.map((c, i) => c.padEnd(widths[i]!)).join('  ')).join('\n'));
