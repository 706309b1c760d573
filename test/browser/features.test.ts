import { describe, expect, it } from 'vitest';
import { DEMO_SEARCH_CHANGE, QUOKKA_SUBJECT } from '../../scripts/demo/generate.ts';
import { axeViolations, useSite } from './harness.ts';

const { open, harness } = useSite();

interface ChartJson {
  series: { id: string; label: string; points: { month: string; value: number }[] }[];
}

describe('search', () => {
  it('finds the demo change by a word only it contains, and opening the result works', async () => {
    const page = await open('search/');
    await page.locator('#search-q').fill('quokka');
    await page.locator('#search-q').press('Enter');
    const first = page.locator('#search-results li a').first();
    await first.waitFor();
    expect(await first.textContent()).toContain(QUOKKA_SUBJECT);
    await expect.poll(() => page.locator('#search-status').textContent()).toMatch(/results? for “quokka”/);
    // Only the change has the word; the person pages listing the change show its subject, so they follow it.
    expect(await page.locator('#search-results li.search-hit:not([data-kind="person"])').count()).toBe(1);
    expect(page.url()).toMatch(/[?&]q=quokka/);
    // Regression: the button style's display overrode the hidden attribute.
    expect(await page.locator('#search-more').isVisible()).toBe(false);
    await first.click();
    await page.waitForURL(new RegExp(`/changes/demo/${DEMO_SEARCH_CHANGE}/$`));
    expect(await page.locator('h1').textContent()).toBe(QUOKKA_SUBJECT);
    await page.context().close();
  });

  it('runs the query from ?q= on load and is reachable from the header form', async () => {
    const page = await open('');
    await page.locator('#header-q').fill('quokka');
    await page.locator('#header-q').press('Enter');
    await page.waitForURL(/\/search\/\?q=quokka/);
    await page.locator('#search-results li a').first().waitFor();
    expect(await page.locator('#search-results li a').first().textContent()).toContain(QUOKKA_SUBJECT);
    await page.context().close();
  });

  it('fetches only a few small files for a one-word query (sharded index)', async () => {
    const page = await open('search/');
    const fetched: string[] = [];
    let bytes = 0;
    page.on('requestfinished', (r) => {
      const path = new URL(r.url()).pathname;
      if (!path.startsWith('/search/') || path.endsWith('.js')) return;
      fetched.push(path);
      void r.sizes().then((s) => (bytes += s.responseBodySize));
    });
    await page.locator('#search-q').fill('scheduler');
    await page.locator('#search-q').press('Enter');
    await page.locator('#search-results li').first().waitFor();
    await page.waitForTimeout(200);
    // Manifest, the term's shard and the document chunks of the first results: never the whole index.
    expect(fetched.length).toBeGreaterThan(2);
    expect(fetched.length).toBeLessThan(16);
    expect(bytes).toBeLessThan(172 * 1024);
    await page.context().close();
  });

  it('hostile text in results stays text', async () => {
    const page = await open('search/?q=onerror');
    await page.locator('#search-results li').first().waitFor();
    expect(await page.locator('#search-results img').count()).toBe(0);
    expect(await page.locator('#search-results script').count()).toBe(0);
    await page.context().close();
  });

  it('the Kind filter keeps only that kind, lives in the address and comes back with the page', async () => {
    const page = await open('search/?q=quokka');
    const hits = page.locator('#search-results li.search-hit');
    const kinds = () => hits.evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.kind));
    const statusHas = (words: string) => page.waitForFunction((w) => (document.getElementById('search-status')?.textContent ?? '').includes(w), words);
    await statusHas('for “quokka”');
    expect(new Set(await kinds())).toEqual(new Set(['change', 'person']));
    // The kinds the demo's index holds, in the words the site uses for them.
    expect(await page.locator('#search-kind option').allTextContents()).toEqual(['All kinds', 'Reviews', 'Messages', 'Threads', 'Meetings', 'Meeting schedules', 'Specs', 'People', 'Projects']);

    await page.locator('#search-kind').selectOption('person');
    await statusHas('for “quokka” among people');
    expect(await hits.count()).toBeGreaterThan(0);
    expect(new Set(await kinds())).toEqual(new Set(['person']));
    expect(page.url()).toMatch(/[?&]q=quokka&kind=person(&|$)/);

    // Open a result, come back: the form and the results still say people.
    await page.locator('#search-results li a').first().click();
    await page.waitForURL(/\/people\/demo\/[^/]+\/$/);
    await page.goBack();
    await statusHas('for “quokka” among people');
    expect(await page.locator('#search-kind').inputValue()).toBe('person');
    expect(new Set(await kinds())).toEqual(new Set(['person']));

    // The result label is the filter's word for one: a review, as the navigation calls changes.
    await page.locator('#search-kind').selectOption('change');
    await statusHas('for “quokka” among reviews');
    expect(await kinds()).toEqual(['change']);
    expect(await page.locator('#search-results .search-meta').first().textContent()).toMatch(/^Review · demo · /);
    expect(await page.locator('#search-results li a').first().textContent()).toContain(QUOKKA_SUBJECT);
    expect(await axeViolations(page)).toEqual([]);

    // Back to every kind: the parameter leaves the address.
    await page.locator('#search-kind').selectOption('');
    await page.waitForFunction(() => /for “quokka”(,|\.)/.test(document.getElementById('search-status')?.textContent ?? ''));
    expect(page.url()).not.toMatch(/kind=/);
    await page.context().close();
  });

  it('axe finds no violations on the search page with results', { timeout: 120_000 }, async () => {
    const page = await open('search/?q=scheduler');
    await page.locator('#search-results li').first().waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

describe('activity chart', () => {
  it('renders an SVG whose markers and data table match the JSON download', async () => {
    const page = await open('charts/activity/all/');
    const json = (await (await page.request.get(new URL('charts/activity/all.json', harness().server.url).href)).json()) as ChartJson;
    const svg = page.locator('figure[data-agora-chart] svg.agora-chart').first();
    expect(await svg.getAttribute('role')).toBe('img');
    for (const s of json.series) {
      expect(await svg.locator(`g[data-series="${s.id}"] path.marker`).count(), s.id).toBe(s.points.length);
    }
    const rows = page.locator('table[data-chart-table] tbody tr[data-month]');
    expect(await rows.count()).toBe(json.series[0]!.points.length);
    const firstMonth = json.series[0]!.points[0]!.month;
    const cells = await page.locator(`table[data-chart-table] tbody tr[data-month="${firstMonth}"] td`).allTextContents();
    expect(cells.map((c) => Number(c.replace(/,/g, '')))).toEqual(json.series.map((s) => s.points[0]!.value));
    await page.context().close();
  });

  it('keeps a time range in the URL and narrows the table', async () => {
    const page = await open('charts/activity/all/?from=2025-01&to=2025-06');
    const rows = page.locator('table[data-chart-table] tbody tr[data-month]:visible');
    await expect.poll(() => rows.count()).toBe(6);
    await page.context().close();
  });

  it('is visible without JavaScript', async () => {
    const page = await open('charts/activity/all/', { javaScriptEnabled: false });
    expect(await page.locator('svg.agora-chart path.line').count()).toBeGreaterThan(0);
    await page.context().close();
  });

  it('embed pages render without site chrome, light and dark', { timeout: 120_000 }, async () => {
    // [path, reader's colour scheme, theme the embed must show]
    const cases = [
      ['embed/activity/all/', 'light', 'light'],
      ['embed/activity/all/', 'dark', 'dark'],
      ['embed/activity/all/?theme=light', 'dark', 'light'],
      ['embed/activity/all/?theme=dark', 'light', 'dark'],
      ['embed/activity/dark/all/', 'light', 'dark'],
    ] as const;
    for (const [path, scheme, theme] of cases) {
      const page = await open(path, { colorScheme: scheme });
      const where = `${path} for a ${scheme}-scheme reader`;
      expect(await page.locator('svg.agora-chart').count(), where).toBe(1);
      expect(await page.locator('header.site-header').count(), where).toBe(0);
      // The page and the chart's own colours (its text colour, --chart-fg) both follow the theme.
      const colours = await page.evaluate(() => ({
        page: getComputedStyle(document.body).backgroundColor,
        text: getComputedStyle(document.querySelector('svg.agora-chart')!).color,
      }));
      expect(isDark(colours.page), `${where}: page background ${colours.page}`).toBe(theme === 'dark');
      expect(isDark(colours.text), `${where}: chart text ${colours.text}`).toBe(theme !== 'dark');
      expect(await axeViolations(page), where).toEqual([]);
      await page.context().close();
    }
  });

  it('axe finds no violations on the chart page', { timeout: 120_000 }, async () => {
    const page = await open('charts/activity/all/');
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });
});

/** `rgb(r, g, b)` darker than mid-grey (relative luminance below 0.4). */
function isDark(colour: string): boolean {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  if (r === undefined || g === undefined || b === undefined) throw new Error(`not a colour: ${colour}`);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4;
}
