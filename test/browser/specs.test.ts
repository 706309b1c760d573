/**
 * Design specs in the built demo, in Chromium: the specs index by release and
 * status; a spec page with its table of contents, rendered text, status history
 * and the reviews about it, linked both ways with the change pages; the hostile
 * spec inert (no script, no javascript: link, the markup shown as text); search
 * for a spec's words; axe on the specs pages.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Spec, SPEC_KIND } from '../../src/model/spec.ts';
import { Store } from '../../src/store/store.ts';
import { axeViolations, buildDemo, root, useSite } from './harness.ts';

const { open } = useSite();

let specs: Spec[];
beforeAll(async () => {
  await buildDemo();
  specs = [];
  for await (const item of new Store(join(root, 'content')).source('specs').items(SPEC_KIND, Spec)) specs.push(item.data);
}, 600_000);

const pageOf = (s: Spec) => `specs/specs/${s.key}/`;

describe('the specs index', () => {
  it('counts specs per release and status, and lists each one', async () => {
    const page = await open('specs/');
    expect(await page.locator('h1').textContent()).toBe('Design specs');
    const rows = await page.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')));
    const total = rows.reduce((n, r) => n + Number(r.at(-1)), 0);
    expect(total).toBe(specs.length);
    const releases = new Set(specs.map((s) => s.release ?? 'No release'));
    expect(rows.map((r) => r[0]).sort()).toEqual([...releases].sort());
    expect(await page.locator('main section li a').count()).toBe(specs.length);
  });
});

describe('a spec page', () => {
  it('has a table of contents, its rendered text, its status history and its reviews, linked both ways', async () => {
    const spec = specs.find((s) => s.status === 'implemented' && s.history.length >= 2)!;
    const page = await open(pageOf(spec));
    expect(await page.locator('h1').textContent()).toBe(spec.title);
    // The table of contents: one link per entry, each to a heading of the rendered text.
    const toc = await page.locator('nav.toc a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(toc.length).toBe(spec.toc.length);
    for (const href of toc) expect(await page.locator(`.spec-body [id="${href!.slice(1)}"]`).count(), href!).toBe(1);
    await page.locator('nav.toc a').first().click();
    expect(new URL(page.url()).hash).toBe(toc[0]);
    // Status history: a row per step, the newest being where the spec is now.
    const history = await page.locator('#history + .table-wrap tbody tr').allInnerTexts();
    expect(history.length).toBe(spec.history.length);
    expect(history.at(-1)).toContain(spec.path);
    // Reviews: the change that proposed it, and one implementing it; each change page links back.
    const review = page.locator('#reviews ~ h3:has-text("Of the spec") + ul a').first();
    const reviewHref = await review.getAttribute('href');
    expect(reviewHref).toMatch(/\/changes\/demo\/\d+\/$/);
    const implementing = page.locator('#reviews ~ h3:has-text("Implementing it") + ul a');
    expect(await implementing.count()).toBeGreaterThan(0);
    const change = await open(reviewHref!.replace(/^\//, ''));
    expect(await change.locator(`a[href$="/${pageOf(spec)}"]`).count()).toBe(1);
    expect(await change.locator('dt', { hasText: /^Spec$/ }).count()).toBe(1);
  });

  it('the hostile spec shows its markup as text: no script runs, no javascript: link', async () => {
    const hostile = specs.find((s) => (s.html ?? '').includes('&lt;script&gt;'))!;
    // open() fails the test on any dialog or page error.
    const page = await open(pageOf(hostile));
    expect(await page.locator('.spec-body script, .spec-body iframe, .spec-body [onerror], .spec-body [onmouseover]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.locator('.spec-body').innerText()).toContain('<script>alert(1)</script>');
  });

  it('specs with markup problems still render whole', async () => {
    const flawed = specs.filter((s) => s.flags.includes('render-warnings'));
    expect(flawed.length).toBeGreaterThan(0);
    for (const s of flawed) {
      const page = await open(pageOf(s));
      expect(await page.locator('.spec-body h2').count(), s.key).toBeGreaterThan(2);
      expect(await page.locator('.notice').count(), s.key).toBe(0);
    }
  });
});

describe('a spec docutils cannot render', () => {
  it('shows a notice and its source as text, under the title its author gave it', async () => {
    const failed = specs.filter((s) => s.renderError !== undefined);
    expect(failed.map((s) => s.key)).toEqual(['image-precache-aggregates']);
    const spec = failed[0]!;
    const page = await open(pageOf(spec));
    expect(await page.locator('h1').textContent()).toBe(spec.title);
    await expect.poll(() => page.locator('.notice').textContent()).toContain('could not be rendered');
    const source = await page.locator('main pre').first().textContent();
    expect(source).toContain('warm the base images first');
    expect(source).toContain(spec.title);
    expect(await page.locator('.spec-body h2').count()).toBe(0);
    expect(await axeViolations(page)).toEqual([]);
  });
});

describe('people who reviewed specs', () => {
  it('a reviewer of a spec\'s change has the spec on their page, as reviewed', async () => {
    const spec = specs.find((s) => s.status === 'implemented' && s.history.length >= 2)!;
    const page = await open(pageOf(spec));
    const reviewHref = await page.locator('#reviews ~ h3:has-text("Of the spec") + ul a').first().getAttribute('href');
    const change = await open(reviewHref!.replace(/^\//, ''));
    const reviewer = await change.locator('table a[href*="/people/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    let found = false;
    for (const href of [...new Set(reviewer)]) {
      const person = await open(href.replace(/^\//, ''));
      const rows = await person.locator('main tr', { hasText: spec.title }).allInnerTexts();
      if (rows.some((r) => /reviewed/.test(r) && /Spec/.test(r))) found = true;
      if (found) {
        expect(await person.locator('main', { hasText: 'specs reviewed' }).count()).toBe(1);
        break;
      }
    }
    expect(found).toBe(true);
  });
});

describe('search and accessibility', () => {
  it('a spec’s title finds its page', async () => {
    const spec = specs.find((s) => s.status === 'approved')!;
    const q = spec.title.split(/\s+/).filter((w) => /^[a-z]{5,}$/i.test(w)).map((w) => `+${w}`).join(' ');
    const page = await open(`search/?q=${encodeURIComponent(q)}&kind=spec`);
    await page.waitForFunction((query) => (document.getElementById('search-status')?.textContent ?? '').includes(`for “${query}”`), q);
    const hrefs = await page.locator('#search-results li.search-hit a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.some((h) => h?.endsWith(`/${pageOf(spec)}`)), `${q}: ${hrefs.join(' ')}`).toBe(true);
  });

  it('the specs pages pass axe', { timeout: 120_000 }, async () => {
    const spec = specs.find((s) => s.status === 'implemented')!;
    for (const path of ['specs/', pageOf(spec)]) {
      const page = await open(path);
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
});
