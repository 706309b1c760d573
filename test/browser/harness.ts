import { execFile } from 'node:child_process';
import { resolve } from 'node:path';
import { promisify } from 'node:util';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject } from 'vitest';
import { findChromium, MANUAL_INSTALL, systemProbe } from '../../scripts/lib/chromium.ts';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';

const run = promisify(execFile);
export const root = resolve(import.meta.dirname, '../..');

/** The Chromium global-setup.ts found or installed (looked up again when a file runs without it). */
export function chromiumPath(): string {
  let provided: string | undefined;
  try {
    provided = inject('chromium');
  } catch {
    provided = undefined;
  }
  const found = provided ?? findChromium(systemProbe());
  if (!found) throw new Error(`browser tests need Chromium: ${MANUAL_INSTALL} (or set AGORA_CHROMIUM)`);
  return found;
}

/** Flags for a headless Chromium in a container, without background traffic. */
export const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Builds the demo portal once per test run into .cache/test-dist (reused when AGORA_TEST_DIST is set). */
let built: Promise<string> | undefined;

/** The built demo: made once by global-setup.ts (or built here when called from it). */
export function buildDemo(): Promise<string> {
  let provided: string | undefined;
  try {
    provided = inject('demoDist');
  } catch {
    provided = undefined;
  }
  built ??= provided ? Promise.resolve(provided) : build();
  return built;
}

async function build(): Promise<string> {
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
  const executablePath = chromiumPath();
  const dist = await buildDemo();
  const server = await serveStatic(dist, '/');
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  return {
    server,
    browser,
    async close() {
      await browser.close();
      await server.close();
    },
  };
}

/** Opens a page; any script dialog (a sign of injected script) or uncaught page error fails the test. */
export async function newPage(h: Harness, path: string, opts: { javaScriptEnabled?: boolean; colorScheme?: 'light' | 'dark' } = {}): Promise<Page> {
  const context = await h.browser.newContext({ javaScriptEnabled: opts.javaScriptEnabled ?? true, colorScheme: opts.colorScheme ?? 'light' });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`unexpected ${d.type()} dialog on ${path}: ${d.message()}`);
  });
  page.on('pageerror', (e) => {
    throw new Error(`uncaught error on ${path}: ${e.message}`);
  });
  const res = await page.goto(new URL(path, h.server.url).href);
  if (res?.status() !== 200) throw new Error(`${path} answered ${res?.status()}`);
  return page;
}

export async function axeViolations(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`);
}

/** Starts the harness for the calling test file and returns a page opener bound to it. */
export function useSite(): { open: (path: string, opts?: Parameters<typeof newPage>[2]) => Promise<Page>; harness: () => Harness } {
  let h: Harness | undefined;
  beforeAll(async () => {
    h = await startHarness();
  }, 600_000);
  afterAll(async () => {
    await h?.close();
  });
  return {
    open: (path, opts) => newPage(h!, path, opts),
    harness: () => h!,
  };
}
