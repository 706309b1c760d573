import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import { chromium, type Browser } from 'playwright-core';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';

const run = promisify(execFile);
export const root = resolve(import.meta.dirname, '../..');
export const CHROMIUM = process.env.AGORA_CHROMIUM ?? '/usr/bin/chromium';

/** Builds the demo portal once per test run into .cache/test-dist (reused when AGORA_TEST_DIST is set). */
export async function buildDemo(): Promise<string> {
  if (process.env.AGORA_TEST_DIST) return resolve(process.env.AGORA_TEST_DIST);
  const out = resolve(root, '.cache/test-dist');
  await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--out', out, '--quiet'], { cwd: root, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, AGORA_CONFIG: resolve(root, 'agora.config.yaml') } });
  return out;
}

export interface Harness {
  server: StaticServer;
  browser: Browser;
  close(): Promise<void>;
}

export async function startHarness(): Promise<Harness> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`browser tests need Chromium at ${CHROMIUM}: apt-get install -y chromium (or set AGORA_CHROMIUM)`);
  }
  const dist = await buildDemo();
  const server = await serveStatic(dist, '/');
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}
