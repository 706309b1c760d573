/**
 * The chart registry's routes in the built demo: the contributors chart (the
 * stacked one) with its table, downloads, embeds, interaction and axe checks,
 * a per-release chart (bars on a category axis, no month range), and the first
 * chart's URLs, which stay where they were.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, useSite } from './harness.ts';

const { open, harness } = useSite();

interface ChartJson {
  title: string;
  stackTotal?: { id: string; label: string };
  series: { id: string; label: string; tone?: string; points: { month: string; value: number }[] }[];
}

const url = (path: string) => new URL(path, harness().server.url).href;

describe('contributors by organisation chart', () => {
  it('draws one band per series of the JSON download, stacked, and a table with the monthly total', async () => {
    const page = await open('charts/contributors/all/');
    const json = (await (await page.request.get(url('charts/contributors/all.json'))).json()) as ChartJson;
    expect(json.title).toBe('Active contributors per month by organisation: all projects');
    // The demo has more organisations than the chart names: top ones, Other, then Unknown last.
    expect(json.series.length).toBeGreaterThanOrEqual(4);
    expect(json.series.at(-1)).toMatchObject({ label: 'Unknown affiliation', tone: 'neutral' });
    expect(json.series.at(-2)).toMatchObject({ id: 'other', tone: 'other' });
    expect(json.series.filter((s) => s.label === 'Unknown affiliation')).toHaveLength(1);
    const svg = page.locator('figure[data-agora-chart] svg.agora-chart.stacked-chart');
    expect(await svg.getAttribute('role')).toBe('img');
    for (const s of json.series) expect(await svg.locator(`g[data-series="${s.id}"] path.area`).count(), s.id).toBe(1);

    const rows = page.locator('table[data-chart-table] tbody tr[data-month]');
    expect(await rows.count()).toBe(json.series[0]!.points.length);
    const headers = await page.locator('table[data-chart-table] thead th').allTextContents();
    expect(headers).toEqual(['Month', ...json.series.map((s) => s.label), 'All active contributors']);
    const first = json.series[0]!.points[0]!.month;
    const cells = (await page.locator(`table[data-chart-table] tbody tr[data-month="${first}"] td`).allTextContents()).map((c) => Number(c.replace(/,/g, '')));
    const values = json.series.map((s) => s.points[0]!.value);
    expect(cells).toEqual([...values, values.reduce((a, b) => a + b, 0)]);
    expect(await page.locator('.chart-alt').first().textContent()).toMatch(/All active contributors: .* Share of the [\d,]+ person-months: .*Unknown affiliation \d+%\./);
    await page.context().close();
  });

  it('offers CSV, JSON and SVG downloads that answer with their types', async () => {
    const page = await open('charts/contributors/all/');
    const links = await page.locator('.chart-links a[download]').evaluateAll((as) => as.map((a) => [(a as HTMLAnchorElement).getAttribute('href'), (a as HTMLAnchorElement).download]));
    expect(links).toEqual([
      ['/charts/contributors/all.csv', 'contributors-all.csv'],
      ['/charts/contributors/all.json', 'contributors-all.json'],
      ['/charts/contributors/all.svg', 'contributors-all.svg'],
    ]);
    const csv = await page.request.get(url('charts/contributors/all.csv'));
    expect(csv.headers()['content-type']).toMatch(/^text\/csv/);
    expect((await csv.text()).split('\r\n')[0]).toMatch(/^month,.*,Other \(\d+ organisations\),Unknown affiliation,All active contributors$/);
    const svg = await page.request.get(url('charts/contributors/all.svg'));
    expect(svg.headers()['content-type']).toMatch(/^image\/svg\+xml/);
    expect(await svg.text()).toMatch(/^<\?xml[^>]*>\n<svg [^>]*class="agora-chart stacked-chart"/);
    await page.context().close();
  });

  it('has a page per project, linked from the first chart of the same project', async () => {
    const page = await open('charts/activity/projects/aurora/compute/');
    await page.getByRole('link', { name: 'Active contributors by organisation: aurora/compute' }).click();
    await page.waitForURL(/\/charts\/contributors\/projects\/aurora\/compute\/$/);
    expect(await page.locator('h1').textContent()).toBe('Active contributors per month by organisation: aurora/compute');
    expect(await page.locator('svg.stacked-chart path.area').count()).toBeGreaterThan(1);
    await page.context().close();
  });

  it('keeps a time range in the URL, narrowing the chart and the table', async () => {
    const page = await open('charts/contributors/all/?from=2025-01&to=2025-06');
    await expect.poll(() => page.locator('table[data-chart-table] tbody tr[data-month]:visible').count()).toBe(6);
    const svg = page.locator('figure[data-agora-chart] svg.agora-chart');
    expect([await svg.getAttribute('data-from'), await svg.getAttribute('data-to')]).toEqual(['2025-01', '2025-06']);
    expect(await page.locator('.chart-alt').first().textContent()).toMatch(/^From January 2025 to June 2025 \(6 months\)\./);
    await page.context().close();
  });

  it('reads out a month’s total and bands from the keyboard', async () => {
    const page = await open('charts/contributors/all/');
    await page.locator('figure[data-hydrated] .chart-plot').focus();
    await page.keyboard.press('ArrowLeft');
    const tooltip = page.locator('.chart-tooltip');
    await expect.poll(() => tooltip.isVisible()).toBe(true);
    const items = await tooltip.locator('li').allTextContents();
    expect(items[0]).toMatch(/^All active contributors: \d+$/);
    expect(items.at(-1)).toMatch(/^Unknown affiliation: \d+$/);
    expect(await page.locator('.chart-live').textContent()).toMatch(/^\w+ \d{4}: All active contributors \d+, /);
    await page.context().close();
  });

  it('is visible without JavaScript', async () => {
    const page = await open('charts/contributors/all/', { javaScriptEnabled: false });
    expect(await page.locator('svg.stacked-chart path.area').count()).toBeGreaterThan(2);
    await page.context().close();
  });

  it('embeds without site chrome, light and dark, and passes axe', async () => {
    const cases = [
      ['embed/contributors/all/', 'light', 'light'],
      ['embed/contributors/all/', 'dark', 'dark'],
      ['embed/contributors/all/?theme=dark', 'light', 'dark'],
      ['embed/contributors/dark/all/', 'light', 'dark'],
      ['embed/contributors/dark/projects/aurora/docs/', 'light', 'dark'],
    ] as const;
    for (const [path, scheme, theme] of cases) {
      const page = await open(path, { colorScheme: scheme });
      const where = `${path} for a ${scheme}-scheme reader`;
      expect(await page.locator('svg.stacked-chart').count(), where).toBe(1);
      expect(await page.locator('header.site-header').count(), where).toBe(0);
      const colours = await page.evaluate(() => ({
        page: getComputedStyle(document.body).backgroundColor,
        unknown: getComputedStyle(document.querySelector('svg.agora-chart .tone-neutral path.area')!).fill,
      }));
      expect(isDark(colours.page), `${where}: page background ${colours.page}`).toBe(theme === 'dark');
      // The Unknown band is the theme's neutral grey.
      expect(colours.unknown, where).toBe(theme === 'dark' ? 'rgb(110, 118, 129)' : 'rgb(132, 141, 151)');
      expect(await axeViolations(page), where).toEqual([]);
      await page.context().close();
    }
  }, 120_000);

  it('the snippet on the chart page points at its embed', async () => {
    const page = await open('charts/contributors/all/');
    expect(await page.locator('.chart-embed pre code').textContent()).toBe(
      '<iframe src="https://agora.example.org/embed/contributors/all/" title="Active contributors per month by organisation: all projects" width="100%" height="560" style="border:0" loading="lazy"></iframe>',
    );
    await page.context().close();
  });

  it('axe finds no violations on the chart page and the charts index', async () => {
    for (const path of ['charts/contributors/all/', 'charts/contributors/projects/aurora/network/', 'charts/']) {
      const page = await open(path);
      expect(await axeViolations(page), path).toEqual([]);
      await page.context().close();
    }
  }, 120_000);
});

interface CategoryJson {
  title: string;
  axis: { kind: string; name: string; label: string; categories: { id: string; label: string }[] };
  series: { id: string; label: string; points: { release: string; value: number }[] }[];
}

describe('a per-release chart (design specs)', () => {
  it('draws bars per release, a table by release, no range control, and ignores a month range in the URL', async () => {
    const page = await open('charts/specs-lifecycle/all/?from=2025-01&to=2025-02');
    const json = (await (await page.request.get(url('charts/specs-lifecycle/all.json'))).json()) as CategoryJson;
    expect(json.title).toBe('Specs approved and implemented per release: all specs');
    expect(json.axis).toMatchObject({ kind: 'category', name: 'release', label: 'Release' });
    const releases = json.axis.categories.map((c) => c.id);
    expect(releases.length).toBeGreaterThan(1);
    await page.locator('figure[data-agora-chart][data-hydrated]').waitFor();
    const svg = page.locator('figure[data-agora-chart] svg.agora-chart.bar-chart');
    expect(await svg.getAttribute('role')).toBe('img');
    expect(await svg.getAttribute('data-from')).toBeNull();
    // Counts: one bar per release and series (a zero is a stub).
    for (const s of json.series) expect(await svg.locator(`g[data-series="${s.id}"] rect.bar`).count(), s.id).toBe(releases.length);
    expect(await page.locator('form.chart-range').count()).toBe(0);
    expect(await page.locator('table[data-chart-table] thead th').allTextContents()).toEqual(['Release', ...json.series.map((s) => s.label)]);
    expect(await page.locator('table[data-chart-table] tbody tr:visible').count()).toBe(releases.length);
    expect(await page.locator('.chart-alt').first().textContent()).toMatch(/^By release: /);
    const csv = await (await page.request.get(url('charts/specs-lifecycle/all.csv'))).text();
    expect(csv.split('\r\n')[0]).toBe('release,Specs approved,Specs implemented');
    expect(csv.split('\r\n')[1]!.split(',')[0]).toBe(releases[0]);
    expect(await (await page.request.get(url('charts/specs-lifecycle/all.svg'))).text()).toMatch(/^<\?xml[^>]*>\n<svg [^>]*class="agora-chart bar-chart"/);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 60_000);

  it('embeds the approval time per release, every release kept whatever ?from says', async () => {
    const page = await open('embed/spec-approval-time/all/?from=2025-01&to=2025-01');
    const json = (await (await page.request.get(url('charts/spec-approval-time/all.json'))).json()) as CategoryJson;
    expect(json.title).toBe('Time to spec approval per release: all specs');
    await page.locator('figure[data-agora-chart][data-hydrated]').waitFor();
    const median = json.series.find((s) => s.id === 'median-days')!;
    // No bar where no approval was measured.
    expect(await page.locator('svg.bar-chart g[data-series="median-days"] rect.bar').count()).toBe(median.points.length);
    expect(await page.locator('table[data-chart-table] tbody tr').count()).toBe(json.axis.categories.length);
    expect(await page.locator('table[data-chart-table] tbody tr[hidden]').count()).toBe(0);
    await page.context().close();
  });
});

describe('the charts index', () => {
  it('lists every registered chart with a figure and its scopes', async () => {
    const page = await open('charts/');
    // The review charts and, as the demo has mailing lists, meetings, specs and job sources, their charts.
    const titles = ['Review activity per month', 'Active contributors by organisation', 'Mailing list activity per month', 'New posters per month', 'Threads with a reply per month', 'Time to first reply per month', 'Meetings held per month', 'Meeting attendance per month', 'Action items per month', 'Specs approved and implemented per release', 'Time to spec approval per release', 'Job postings per month by keyword'];
    expect(await page.locator('main h2').allTextContents()).toEqual(titles);
    expect(await page.locator('figure[data-agora-chart]').count()).toBe(titles.length);
    expect(await page.locator('a[href="/charts/contributors/projects/aurora/docs/"]').count()).toBe(1);
    await page.context().close();
  });
});

describe('URLs of the first chart', () => {
  it('stay where they were', async () => {
    const page = await open('charts/');
    for (const path of ['charts/activity/all/', 'charts/activity/all.csv', 'charts/activity/all.json', 'charts/activity/all.svg', 'embed/activity/all/', 'embed/activity/dark/all/', 'charts/activity/projects/aurora/docs/', 'embed/activity/dark/projects/aurora/docs/']) {
      expect((await page.request.get(url(path))).status(), path).toBe(200);
    }
    await page.context().close();
  });
});

/** `rgb(r, g, b)` darker than mid-grey (relative luminance below 0.4). */
function isDark(colour: string): boolean {
  const [r, g, b] = (colour.match(/[\d.]+/g) ?? []).map(Number).map((v) => v / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4));
  if (r === undefined || g === undefined || b === undefined) throw new Error(`not a colour: ${colour}`);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 0.4;
}
