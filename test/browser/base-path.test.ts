import { execFile } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server.ts';
import { CHROMIUM_ARGS, chromiumPath, root } from './harness.ts';
import { chromium, type Browser } from 'playwright-core';

const run = promisify(execFile);
const out = resolve(root, '.cache/test-dist-portal');
let server: StaticServer;
let browser: Browser;

beforeAll(async () => {
  const dir = resolve(root, '.cache/portal-config');
  await mkdir(dir, { recursive: true });
  const demo = readFileSync(join(root, 'agora.config.yaml'), 'utf8');
  const config = demo.replace(/^ {2}base: \/$/m, '  base: /portal/').replace(/^data: content$/m, `data: ${join(root, 'content')}`);
  expect(config).toContain('base: /portal/');
  await writeFile(join(dir, 'agora.config.yaml'), config);
  await run(process.execPath, ['--import', 'tsx', 'scripts/build.ts', '--config', join(dir, 'agora.config.yaml'), '--out', out, '--quiet'], { cwd: root, maxBuffer: 64 << 20 });
  server = await serveStatic(out, '/portal/');
  browser = await chromium.launch({ executablePath: chromiumPath(), args: CHROMIUM_ARGS });
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? htmlFiles(join(dir, e.name)) : e.name.endsWith('.html') ? [join(dir, e.name)] : []));
}

describe('hosting under a sub-path (site.base: /portal/)', () => {
  it('every root-relative link, script and stylesheet points inside the base', () => {
    const bad = new Set<string>();
    for (const f of htmlFiles(out)) {
      for (const m of readFileSync(f, 'utf8').matchAll(/\s(?:href|src|action)="(\/[^"]*)"/g)) {
        if (!m[1]!.startsWith('/portal/')) bad.add(`${f.slice(out.length)}: ${m[1]}`);
      }
    }
    expect([...bad].slice(0, 10)).toEqual([]);
  });

  it('search and charts work under the base', async () => {
    const page = await browser.newPage();
    await page.goto(`${server.url}search/?q=quokka`);
    await page.locator('#search-results li a').first().waitFor();
    await page.locator('#search-results li a').first().click();
    await page.waitForURL(/\/portal\/changes\/demo\/\d+\/$/);
    await page.goto(`${server.url}embed/activity/all/`);
    expect(await page.locator('svg.agora-chart').count()).toBe(1);
    await page.close();
  });
});
