import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

export const root = resolve(import.meta.dirname, '../..');
const PROBE = resolve(import.meta.dirname, 'rss-probe.mjs');

export interface Measured {
  seconds: number;
  peakRssMb: number;
  output: string;
}

/** Runs a project script in a fresh Node process (with tsx) and measures wall time and peak RSS. */
export async function measureScript(script: string, args: readonly string[], env: NodeJS.ProcessEnv = {}): Promise<Measured> {
  const tmp = await mkdtemp(join(tmpdir(), 'agora-rss-'));
  const rssFile = join(tmp, 'rss');
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', PROBE, script, ...args], {
    cwd: root,
    env: { ...process.env, ...env, AGORA_RSS_FILE: rssFile },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr.on('data', (d: Buffer) => (output += d.toString()));
  const code = await new Promise<number | null>((res) => child.on('close', res));
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const kb = Number(await readFile(rssFile, 'utf8').catch(() => '0'));
  await rm(tmp, { recursive: true, force: true });
  if (code !== 0) throw new Error(`${script} ${args.join(' ')} exited with ${code}:\n${output.slice(-3000)}`);
  return { seconds, peakRssMb: kb / 1024, output };
}
