/**
 * `tsx scripts/bench/search.ts [--docs N] [--json]`
 * Builds the search index of a synthetic review corpus with the site's own
 * builder, then plays the browser: for one-word queries it sums the gzip
 * size of every file the worker fetches to show the first page of results
 * (manifest, term shards, document chunks), and times queries once their
 * shards are loaded. Without --docs it runs 10k and 100k documents, each in
 * its own process so peak RSS is per size.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';
import { buildSearchIndex } from '../../src/search/build.ts';
import { SearchEngine } from '../../src/search/engine.ts';
import { fileFetcher } from '../../src/search/test-helpers.ts';
import { syntheticDocs } from './search-corpus.ts';
import { workerBundleGzip } from './search-worker-size.ts';

export interface SearchBenchFigures {
  docs: number;
  buildSeconds: number;
  peakRssMiB: number;
  indexFiles: number;
  indexMiB: number;
  shardCount: number;
  terms: number;
  /** Gzip KB fetched to show the first 10 results of a one-word query (manifest + shards + chunks), over the query set. */
  firstSearchKB: { median: number; p95: number; max: number };
  /** The same with the worker script (lunr included) added, as a first visit downloads it too. */
  firstSearchWithCodeKB: { median: number; p95: number; max: number };
  workerScriptKB: number | undefined;
  /** ms per query (rank + first page) once its files are loaded. */
  queryMs: { p50: number; p95: number; max: number };
  perQuery: { q: string; results: number; kb: number; files: number }[];
}

/** Everyday words from the corpus's common list, plus multi-word and prefix queries for latency. */
const ONE_WORD = ['fix', 'scheduler', 'timeout', 'volume', 'deadlock', 'keystone', 'typo', 'migration', 'flaky', 'backport', 'quota', 'rebase', 'endpoint', 'leak', 'spec'];
const OTHER = ['fix scheduler timeout', '+volume +error', 'title:migration', 'conf*', 'deadlock -nova'];

const gz = (b: Uint8Array) => gzipSync(b, { level: 6 }).length;
const kb = (n: number) => Math.round((n / 1024) * 10) / 10;

function quantile(values: number[], q: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? 0;
}

export async function benchSearch({ docs }: { docs: number }): Promise<SearchBenchFigures> {
  const dir = await mkdtemp(join(tmpdir(), 'agora-search-bench-'));
  try {
    const started = performance.now();
    const { manifest, stats } = await buildSearchIndex(syntheticDocs({ docs, projects: 8, sources: ['demo'] }), dir);
    const buildSeconds = (performance.now() - started) / 1000;
    const peakRssMiB = process.resourceUsage().maxRSS / 1024;

    const sizes = new Map<string, number>();
    const sizeOf = async (path: string) => {
      let s = sizes.get(path);
      if (s === undefined) {
        s = gz(new Uint8Array(await readFile(join(dir, path))));
        sizes.set(path, s);
      }
      return s;
    };
    const perQuery: SearchBenchFigures['perQuery'] = [];
    for (const q of ONE_WORD) {
      const log: string[] = [];
      const engine = new SearchEngine(fileFetcher(dir, log)); // a first visit: nothing cached
      const res = await engine.search({ q, limit: 10 });
      let bytes = 0;
      for (const p of new Set(log)) bytes += await sizeOf(p);
      perQuery.push({ q, results: res.total, kb: kb(bytes), files: new Set(log).size });
    }
    const worker = await workerBundleGzip().catch(() => undefined);
    const firsts = perQuery.map((p) => p.kb);
    const stat3 = (v: number[]) => ({ median: quantile(v, 0.5), p95: quantile(v, 0.95), max: Math.max(...v) });

    // Latency: one engine, everything the queries need loaded once, then timed rounds.
    const engine = new SearchEngine(fileFetcher(dir));
    const queries = [...ONE_WORD, ...OTHER];
    for (const q of queries) await engine.search({ q, limit: 10 });
    const times: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (const q of queries) {
        const t = performance.now();
        await engine.search({ q, limit: 10 });
        times.push(performance.now() - t);
      }
    }
    const round2 = (n: number) => Math.round(n * 100) / 100;
    return {
      docs,
      buildSeconds: round2(buildSeconds),
      peakRssMiB: Math.round(peakRssMiB),
      indexFiles: stats.files,
      indexMiB: round2(stats.bytes / 1048576),
      shardCount: manifest.shardCount,
      terms: stats.terms,
      firstSearchKB: stat3(firsts),
      firstSearchWithCodeKB: stat3(firsts.map((f) => kb(f * 1024 + (worker ?? 0)))),
      workerScriptKB: worker === undefined ? undefined : kb(worker),
      queryMs: { p50: round2(quantile(times, 0.5)), p95: round2(quantile(times, 0.95)), max: round2(Math.max(...times)) },
      perQuery,
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export function formatFigures(f: SearchBenchFigures): string {
  return [
    `search @ ${f.docs.toLocaleString('en')} docs: build ${f.buildSeconds}s, peak RSS ${f.peakRssMiB} MiB, ${f.indexFiles} files / ${f.indexMiB} MiB, ${f.shardCount} shards, ${f.terms} terms`,
    `  first one-word search (gzip, first 10 results): median ${f.firstSearchKB.median} KB, p95 ${f.firstSearchKB.p95} KB, max ${f.firstSearchKB.max} KB` +
      (f.workerScriptKB !== undefined ? `; with worker script (${f.workerScriptKB} KB): median ${f.firstSearchWithCodeKB.median} KB, max ${f.firstSearchWithCodeKB.max} KB` : ''),
    `  query once loaded: p50 ${f.queryMs.p50} ms, p95 ${f.queryMs.p95} ms, max ${f.queryMs.max} ms`,
    `  per query: ${f.perQuery.map((p) => `${p.q} ${p.kb}KB/${p.files}f/${p.results}r`).join(', ')}`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { docs: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (values.docs) {
    const figures = await benchSearch({ docs: Number(values.docs) });
    console.log(values.json ? JSON.stringify(figures) : formatFigures(figures));
    return;
  }
  for (const docs of [10_000, 100_000]) {
    // A child per size, so the peak RSS of 100k is not the 10k run's leftovers.
    const child = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--docs', String(docs)], { stdio: 'inherit' });
    if (child.status !== 0) throw new Error(`search bench at ${docs} docs exited with ${child.status}`);
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) await main();
