/**
 * `tsx scripts/bench/meetbot.ts [--logs N]`
 * Meeting logs at scale: N generated meetbot logs (10,000 by default, with their minutes and HTML
 * forms) served by the meetbot simulator in this process, then discovered through the listings,
 * parsed and stored by the real driver in a fresh, measured process (scripts/sync.ts on a
 * temporary config). A second sync with nothing new is counted request by request: it must make
 * only conditional requests, all answered 304. Targets: < 60 s and < 1 GB peak RSS.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { generateScaledMeetbot } from '../demo/meetings.ts';
import { startMeetbotSimulator } from '../simulator/meetings.ts';
import { measureScript } from './measure.ts';

export interface MeetbotBench {
  logs: number;
  files: number;
  megabytes: number;
  seconds: number;
  peakRssMb: number;
  /** Requests the first sync made. */
  firstRequests: number;
  /** The re-sync with nothing new: requests, how many were conditional, how many got a 304. */
  resync: { requests: number; conditional: number; notModified: number; seconds: number };
  ok: boolean;
}

export async function benchMeetbot(logs = 10_000): Promise<MeetbotBench> {
  const { files } = generateScaledMeetbot(logs);
  const megabytes = Math.round([...files.values()].reduce((n, f) => n + f.bytes.length, 0) / 1e5) / 10;
  const sim = await startMeetbotSimulator({ files });
  const work = await mkdtemp(join(tmpdir(), 'agora-bench-meetbot-'));
  try {
    const config = join(work, 'agora.config.yaml');
    await writeFile(config, ['site: { title: "Meetbot benchmark", url: "https://bench.example.org" }', 'data: content', 'sources:', `  - { id: meetings, type: meetbot, url: "${sim.url}/meetings/", concurrency: 8 }`, ''].join('\n'));
    const first = await measureScript('scripts/sync.ts', ['--config', config]);
    const firstRequests = sim.stats.requests;
    sim.stats.requests = sim.stats.conditional = sim.stats.notModified = 0;
    const again = await measureScript('scripts/sync.ts', ['--config', config]);
    const resync = { requests: sim.stats.requests, conditional: sim.stats.conditional, notModified: sim.stats.notModified, seconds: again.seconds };
    const ok = first.seconds < 60 && first.peakRssMb < 1024 && resync.requests === resync.conditional && resync.requests === resync.notModified;
    return { logs, files: files.size, megabytes, seconds: first.seconds, peakRssMb: first.peakRssMb, firstRequests, resync, ok };
  } finally {
    await sim.close();
    await rm(work, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values } = parseArgs({ options: { logs: { type: 'string', default: '10000' } } });
  const r = await benchMeetbot(Number(values.logs));
  console.log(JSON.stringify(r));
}
