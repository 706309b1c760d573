/**
 * The job-trends chart in the built demo (Hacker News threads and a job
 * board's CSV): its page with the change ("+N%") over the months shown, the
 * view controls (measure, smoothing, log scale, keywords) kept in the URL
 * and followed by the table, the embed code and the downloads; the
 * methodology note; and the embed honouring a view from its address.
 */
import { describe, expect, it } from 'vitest';
import { axeViolations, useSite } from './harness.ts';

const { open, harness } = useSite();

interface ChartJson {
  title: string;
  series: { id: string; label: string; points: { month: string; value: number }[] }[];
}

const url = (path: string) => new URL(path, harness().server.url).href;
const KEYWORDS = ['Python', 'OpenStack', 'Python AND OpenStack', 'Storage', 'Networking', 'Virtualization'];

describe('job trends chart', () => {
  it('shows postings per keyword, the growth of each over the months shown and how the numbers are made', async () => {
    const page = await open('charts/job-trends/all/');
    const json = (await (await page.request.get(url('charts/job-trends/all.json'))).json()) as ChartJson;
    expect(json.series.map((s) => s.label)).toEqual(KEYWORDS);
    const svg = page.locator('figure[data-agora-chart] svg.agora-chart');
    for (const s of json.series) expect(await svg.locator(`g[data-series="${s.id}"]`).count(), s.id).toBe(1);
    expect(await page.locator('table[data-chart-table] thead th').allTextContents()).toEqual(['Month', ...KEYWORDS]);

    // The growth of the combined keyword, first month to last, as the JSON has it.
    const both = json.series.find((s) => s.label === 'Python AND OpenStack')!;
    const [first, last] = [both.points[0]!, both.points.at(-1)!];
    const growth = Math.round((100 * (last.value - first.value)) / first.value);
    const item = page.locator('.chart-change li[data-series="kw-python-and-openstack"]');
    expect(await item.isVisible()).toBe(true);
    expect((await item.textContent())!.replace(/,/g, '')).toMatch(new RegExp(`^Python AND OpenStack: \\+${growth}(\\.\\d)?% from January 2019 \\(${first.value}\\) to October 2026 \\(${last.value}\\)\\.$`));

    const about = page.locator('section.chart-about');
    expect(await about.locator('h2').textContent()).toBe('How these numbers are made');
    const note = await about.textContent();
    expect(note).toContain('Hacker News');
    expect(note).toMatch(/Python AND OpenStack/);
    expect(note).toMatch(/“java” is not found in “javascript”/);
    // Counts only: no posting's text reaches the page.
    expect(await page.content()).not.toMatch(/Apply:|We(&#x27;|')re \d+ people/);
    await page.context().close();
  });

  it('switches measure, smoothing, scale and keywords; the table, the URL, the embed code and the downloads follow', async () => {
    const page = await open('charts/job-trends/all/');
    const form = page.locator('form.chart-view');
    await expect.poll(() => form.isVisible()).toBe(true);
    await form.locator('select[name="measure"]').selectOption('share');
    await form.locator('select[name="smoothing"]').selectOption('3');
    await form.locator('select[name="scale"]').selectOption('log');
    for (const name of ['OpenStack', 'Storage', 'Networking', 'Virtualization']) await form.getByLabel(name, { exact: true }).uncheck();
    await expect.poll(() => page.url()).toMatch(/\?measure=share&smoothing=3&scale=log&series=kw-python,kw-python-and-openstack$/);

    const svg = page.locator('figure[data-agora-chart] svg.agora-chart');
    expect(await svg.getAttribute('data-y-scale')).toBe('log');
    expect(await svg.locator('g[data-series]').count()).toBe(2);
    expect(await page.locator('table[data-chart-table] thead th').allTextContents()).toEqual(['Month', 'Python', 'Python AND OpenStack']);
    expect(await page.locator('table[data-chart-table] caption').textContent()).toMatch(/^Share of job postings per month by keyword \(3-month average\)/);
    expect(await page.locator('.chart-change li').count()).toBe(2);
    // The last keyword cannot be unchecked: a chart needs one.
    await form.getByLabel('Python', { exact: true }).uncheck();
    await form.getByLabel('Python AND OpenStack', { exact: true }).click();
    expect(await page.locator('.chart-live').textContent()).toBe('At least one of the keywords stays shown.');
    expect(await form.getByLabel('Python AND OpenStack', { exact: true }).isChecked()).toBe(true);

    // Two chosen months: the change is between them.
    await page.locator('form.chart-range select[name="from"]').selectOption('2021-01');
    await page.locator('form.chart-range select[name="to"]').selectOption('2024-12');
    expect(await page.locator('.chart-change li').first().textContent()).toMatch(/^Python AND OpenStack: [+−]?[\d,.]+% from January 2021 \([\d.]+\) to December 2024 \([\d.]+\)\.$/);
    const code = await page.locator('.chart-embed pre code').textContent();
    expect(code).toBe('<iframe src="https://agora.example.org/embed/job-trends/all/?from=2021-01&amp;to=2024-12&amp;measure=share&amp;smoothing=3&amp;scale=log&amp;series=kw-python-and-openstack" title="Job postings per month by keyword: all job sources" width="100%" height="560" style="border:0" loading="lazy"></iframe>');
    // The CSV download is the view shown, made in the browser.
    const csv = await page.locator('.chart-links a[data-download="csv"]').evaluate(async (a) => [(a as HTMLAnchorElement).href, await (await fetch((a as HTMLAnchorElement).href)).text()]);
    expect(csv[0]).toMatch(/^blob:/);
    const lines = csv[1]!.trim().split('\r\n');
    expect(lines[0]).toBe('month,Python AND OpenStack');
    expect(lines).toHaveLength(1 + 48);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it('opens a linked view as it was left', async () => {
    const page = await open('charts/job-trends/all/?measure=share&series=kw-python,kw-openstack&from=2022-01');
    await expect.poll(() => page.locator('table[data-chart-table] thead th').allTextContents()).toEqual(['Month', 'Python', 'OpenStack']);
    expect(await page.locator('form.chart-view select[name="measure"]').inputValue()).toBe('share');
    expect(await page.locator('form.chart-view').getByLabel('Storage', { exact: true }).isChecked()).toBe(false);
    expect(await page.locator('table[data-chart-table] tbody tr').first().locator('th').textContent()).toBe('January 2022');
    await page.context().close();
  });

  it('embeds the view its address asks for, and passes axe', async () => {
    const page = await open('embed/job-trends/all/?measure=share&smoothing=12&series=kw-python,kw-python-and-openstack');
    await expect.poll(() => page.locator('h1').textContent()).toBe('Share of job postings per month by keyword (12-month average): all job sources');
    expect(await page.locator('svg.agora-chart g[data-series]').count()).toBe(2);
    expect(await page.locator('header.site-header').count()).toBe(0);
    expect(await page.locator('form.chart-view').count()).toBe(0);
    expect(await page.locator('.chart-change li').allTextContents()).toEqual([expect.stringMatching(/^Python: /), expect.stringMatching(/^Python AND OpenStack: /)]);
    expect(await axeViolations(page)).toEqual([]);
    await page.context().close();
  });

  it('is not searched: no job-listing kind or job source in the filters', async () => {
    const page = await open('search/?q=python');
    await page.waitForFunction(() => /results? for “python”/.test(document.getElementById('search-status')?.textContent ?? ''));
    expect(await page.locator('#search-kind option').allTextContents()).not.toContain('Job-listing months');
    const sources = await page.locator('#search-source option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    expect(sources).toContain('demo');
    expect(sources).not.toContain('hn-jobs');
    expect(sources).not.toContain('board');
    const kinds = await page.locator('#search-results li.search-hit').evaluateAll((lis) => lis.map((li) => (li as HTMLElement).dataset.kind));
    expect(kinds).not.toContain('job-month');
    await page.context().close();
  });

  it('shows the built view without JavaScript', async () => {
    const page = await open('charts/job-trends/all/', { javaScriptEnabled: false });
    expect(await page.locator('svg.agora-chart g[data-series]').count()).toBe(KEYWORDS.length);
    expect(await page.locator('.chart-change li').count()).toBe(KEYWORDS.length);
    expect(await page.locator('form.chart-view').isVisible()).toBe(false);
    await page.context().close();
  });
});
