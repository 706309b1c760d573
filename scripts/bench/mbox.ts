/**
 * `tsx scripts/bench/mbox.ts [--messages N]`
 * Mailing-list parsing at scale: N synthetic messages (100,000 by default) in one mbox, split,
 * parsed and threaded by src/sources/mbox/bench.ts in a fresh process, whose wall time and peak
 * RSS are measured like the other figures (scripts may not import an upstream folder, so the run
 * itself lives beside the parser). Target: 100k messages in < 60 s and < 1 GB peak RSS.
 */
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { measureScript } from './measure.ts';

export interface MboxBench {
  messages: number;
  errors: number;
  megabytes: number;
  splitParseSeconds: number;
  threadSeconds: number;
  messagesPerSecond: number;
  threads: number;
  /** The whole child process, synthetic mbox generation included. */
  wallSeconds: number;
  peakRssMb: number;
  /** Parse + thread under 60 s and peak RSS under 1 GB. */
  ok: boolean;
}

export async function benchMbox(messages = 100_000): Promise<MboxBench> {
  const m = await measureScript('src/sources/mbox/bench.ts', [String(messages)]);
  const line = m.output.split('\n').find((l) => l.startsWith('{'));
  if (!line) throw new Error(`src/sources/mbox/bench.ts printed no figures:\n${m.output.slice(-2000)}`);
  const figures = JSON.parse(line) as Omit<MboxBench, 'wallSeconds' | 'peakRssMb' | 'ok'>;
  return { ...figures, wallSeconds: m.seconds, peakRssMb: m.peakRssMb, ok: figures.splitParseSeconds + figures.threadSeconds < 60 && m.peakRssMb < 1024 };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { messages: { type: 'string', default: '100000' } } });
  const r = await benchMbox(Number(values.messages));
  console.log(`mbox: ${r.messages} messages (${r.megabytes} MB, ${r.errors} errors): split+parse ${r.splitParseSeconds} s, thread ${r.threadSeconds} s (${r.messagesPerSecond}/s), ${r.threads} threads, ${Math.round(r.peakRssMb)} MB peak RSS — target < 60 s, < 1 GB: ${r.ok ? 'ok' : 'MISSED'}`);
}
