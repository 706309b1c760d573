import { execFileSync, spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { axeViolations, buildDemo, root, useSite } from './harness.ts';

const { open } = useSite();

/** The demo change whose subject carries a script tag (written by the demo generator). */
const HOSTILE_CHANGE = 10058;

describe('demo portal pages', () => {
  it('home page shows headline numbers, the activity chart and recent activity', async () => {
    const page = await open('');
    expect(await page.title()).toContain('Aurora');
    expect((await page.locator('.cards .card').allTextContents()).join(' ')).toMatch(/code reviews/);
    expect(await page.locator('svg.agora-chart').count()).toBe(1);
    expect(await page.locator('table tbody tr').count()).toBeGreaterThan(5);
    await page.context().close();
  });

  it('review list paginates and filters by status and project without JavaScript', async () => {
    const page = await open('reviews/', { javaScriptEnabled: false });
    expect(await page.locator('table tbody tr').count()).toBe(50);
    await page.getByRole('navigation', { name: 'Filter by status' }).getByRole('link', { name: 'Merged' }).click();
    expect(await page.locator('h1').textContent()).toBe('Merged reviews');
    expect(new Set(await page.locator('table tbody .status').allTextContents())).toEqual(new Set(['Merged']));
    await page.getByRole('link', { name: 'Older →' }).click();
    expect(page.url()).toMatch(/reviews\/status\/merged\/page\/2\/$/);
    await page.getByRole('navigation', { name: 'Filter by project' }).getByRole('link', { name: 'aurora/docs' }).click();
    expect(await page.locator('h1').textContent()).toBe('Merged reviews in aurora/docs');
    await page.context().close();
  });

  it('a change page shows votes, patch sets and the messages timeline', async () => {
    const page = await open('reviews/status/merged/');
    await page.locator('table tbody tr a').first().click();
    await page.waitForURL(/\/changes\/demo\/\d+\/$/);
    expect(await page.locator('section[aria-labelledby="votes-h"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('section[aria-labelledby="ps-h"] tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('.timeline > li').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('hostile upstream text is shown as text and never runs', async () => {
    const page = await open(`changes/demo/${HOSTILE_CHANGE}/`);
    expect(await page.locator('h1').textContent()).toContain("<script>alert('xss')</script>");
    expect(await page.locator('main script').count()).toBe(0);
    expect(await page.locator('main img').count()).toBe(0);
    const links = await page.locator('main a').evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
    expect(links.filter((l) => /^\s*javascript:/i.test(l))).toEqual([]);
    await page.context().close();
  });

  it('contributor pages show their activity of every kind and their changes; opted-out people have none', async () => {
    const page = await open('people/');
    const text = await page.locator('main').textContent();
    expect(text).not.toContain('Connor Fitzgerald');
    await page.locator('main table tbody tr a').first().click();
    await page.waitForURL(/\/people\/demo\/\d+\/$/);
    expect(await page.locator('h2', { hasText: 'Changes authored' }).count()).toBe(1);
    expect(await page.locator('h2', { hasText: 'Activity' }).count()).toBe(1);
    expect(await page.locator('.cards').textContent()).toMatch(/reviews given/);
    await page.context().close();
  });

  it('a project page shows its chart and recent reviews', async () => {
    const page = await open('projects/aurora/compute/');
    expect(await page.locator('h1').textContent()).toBe('aurora/compute');
    expect(await page.locator('svg.agora-chart').count()).toBe(1);
    await page.context().close();
  });

  for (const path of ['', 'reviews/', 'projects/', 'projects/aurora/network/', 'people/', 'charts/']) {
    it(`axe finds no violations on /${path}`, { timeout: 120_000 }, async () => {
      const page = await open(path);
      expect(await axeViolations(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('axe finds no violations on a change page and a contributor page', { timeout: 120_000 }, async () => {
    for (const path of [`changes/demo/${HOSTILE_CHANGE}/`]) {
      const page = await open(path);
      expect(await axeViolations(page)).toEqual([]);
      const person = await page.locator('main a[href*="/people/"]').first().getAttribute('href');
      await page.context().close();
      const p2 = await open(person!.replace(/^\//, ''));
      expect(await axeViolations(p2)).toEqual([]);
      await p2.context().close();
    }
  });

  it('the opted-out contributor is in the store but nowhere in the built site', async () => {
    const stored = execFileSync('grep', ['-rl', 'Connor Fitzgerald', 'content/demo/change'], { cwd: root, encoding: 'utf8' });
    expect(stored.split('\n').filter(Boolean).length).toBeGreaterThan(0);
    const dist = await buildDemo();
    const leaked = spawnSync('grep', ['-rlI', '-e', 'Connor Fitzgerald', '-e', 'connorfitzge', dist], { encoding: 'utf8' });
    expect(leaked.stdout).toBe('');
  });
});
