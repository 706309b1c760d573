import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from './harness.ts';

let h: Harness;

beforeAll(async () => {
  h = await startHarness();
}, 600_000);
afterAll(async () => {
  await h?.close();
});

/** Opens a page and fails the test if any script dialog (a sign of injected script) opens. */
async function open(path: string, opts: { javaScriptEnabled?: boolean } = {}): Promise<Page> {
  const context = await h.browser.newContext({ javaScriptEnabled: opts.javaScriptEnabled ?? true });
  const page = await context.newPage();
  page.on('dialog', (d) => {
    throw new Error(`unexpected ${d.type()} dialog: ${d.message()}`);
  });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  (page as Page & { errors: string[] }).errors = errors;
  const res = await page.goto(new URL(path, h.server.url).href);
  expect(res?.status(), path).toBe(200);
  return page;
}

async function axe(page: Page): Promise<string[]> {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations.map((v) => `${v.id}: ${v.help} (${v.nodes.length} nodes, e.g. ${v.nodes[0]?.target.join(' ')})`);
}

describe('demo portal in Chromium', () => {
  it('home page shows headline numbers and recent activity', async () => {
    const page = await open('');
    await expect(page.title()).resolves.toContain('Aurora');
    const cards = await page.locator('.cards .card').allTextContents();
    expect(cards.join(' ')).toMatch(/code reviews/);
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(5);
    await page.context().close();
  });

  it('review list paginates and filters by status without JavaScript', async () => {
    const page = await open('reviews/', { javaScriptEnabled: false });
    expect(await page.locator('table tbody tr').count()).toBe(50);
    await page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: 'Merged' }).click();
    await expect(page.locator('h1').textContent()).resolves.toBe('Merged reviews');
    const statuses = await page.locator('table tbody .status').allTextContents();
    expect(new Set(statuses)).toEqual(new Set(['Merged']));
    await page.getByRole('link', { name: 'Older →' }).click();
    expect(page.url()).toMatch(/reviews\/status\/merged\/page\/2\/$/);
    await page.context().close();
  });

  it('a change page shows votes, patch sets and messages', async () => {
    const list = await open('reviews/status/merged/');
    await list.locator('table tbody tr a').first().click();
    await list.waitForURL(/\/changes\/demo\/\d+\/$/);
    expect(await list.locator('#votes-h').isVisible()).toBe(true);
    expect(await list.locator('section[aria-labelledby="votes-h"] tbody tr').count()).toBeGreaterThan(0);
    expect(await list.locator('.timeline > li').count()).toBeGreaterThan(0);
    await list.context().close();
  });

  it('hostile upstream text stays inert text', async () => {
    const page = await open('search/?q=onerror');
    await page.context().close();
    // The demo holds changes whose subject and messages carry script and event-handler payloads.
    const list = await open('reviews/');
    const html = await list.content();
    expect(html).not.toMatch(/<script>alert/i);
    expect(html).not.toMatch(/<img[^>]+onerror/i);
    await list.context().close();
  });

  for (const path of ['', 'reviews/', 'projects/', 'people/']) {
    it(`axe finds no violations on /${path}`, async () => {
      const page = await open(path);
      expect(await axe(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('axe finds no violations on a change page', async () => {
    const list = await open('reviews/');
    const href = await list.locator('table tbody tr a').first().getAttribute('href');
    await list.context().close();
    const page = await open(href!.replace(/^\//, ''));
    expect(await axe(page)).toEqual([]);
    await page.context().close();
  });
});
