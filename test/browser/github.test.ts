/**
 * GitHub pull requests in the built demo, in Chromium: a pull request page
 * (GitHub's words, review states with the value they count as, revisions,
 * the conversation with inline comments), the hostile pull request inert, the
 * reviews list mixing both platforms with their source shown and filters
 * over both, the search finding a pull request, and axe on those pages.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { GITHUB_XSS } from '../../scripts/demo/github.ts';
import { Change, CHANGE_KIND } from '../../src/model/change.ts';
import { Store } from '../../src/store/store.ts';
import { axeViolations, buildDemo, root, useSite } from './harness.ts';

const { open } = useSite();

let pulls: Change[];
let gerrit = 0;
beforeAll(async () => {
  await buildDemo();
  pulls = [];
  const store = new Store(join(root, 'content'));
  for await (const item of store.source('github').items(CHANGE_KIND, Change)) pulls.push(item.data);
  for await (const _ of store.source('demo').items(CHANGE_KIND, Change)) gerrit++;
}, 600_000);

const pageOf = (c: Change) => `changes/github/${c.ref}/`;

describe('a pull request page', () => {
  it('shows the pull request in GitHub words: review states and their value, revisions, conversation and inline comments', async () => {
    const pr = pulls.find((c) => c.status === 'MERGED' && c.votes.some((v) => v.state === 'APPROVED') && c.messages.some((m) => m.type === 'inline'))!;
    const page = await open(pageOf(pr));
    expect(await page.locator('h1').textContent()).toBe(pr.subject);
    const intro = await page.locator('main > p').nth(1).textContent();
    expect(intro).toContain(`Pull request #${pr.number}`);
    expect(await page.locator('.status').first().textContent()).toBe('Merged');
    expect(await page.locator('dt', { hasText: 'Review system' }).locator('+ dd').textContent()).toContain('GitHub');
    const rows = await page.locator('#votes-h ~ .table-wrap tbody tr').allInnerTexts();
    expect(rows.length).toBe(pr.votes.length);
    expect(rows.some((r) => /Approved/.test(r) && /\+[12]/.test(r))).toBe(true);
    expect(await page.locator('#ps-h').textContent()).toMatch(/^Revisions \(\d+\)$/);
    const inline = pr.messages.find((m) => m.type === 'inline')!;
    expect(await page.locator('.timeline li', { hasText: `on ${inline.path}` }).count()).toBeGreaterThan(0);
    expect(await page.locator('a[href="' + pr.url + '"]').count()).toBeGreaterThan(0);
  });

  it('a closed, unmerged pull request says Closed', async () => {
    const pr = pulls.find((c) => c.status === 'ABANDONED')!;
    const page = await open(pageOf(pr));
    expect(await page.locator('.status').first().textContent()).toBe('Closed');
  });

  it('the hostile pull request shows its markup as text: no script runs, no element is injected', async () => {
    const hostile = pulls.filter((c) => [c.subject, c.commitMessage ?? '', ...c.messages.map((m) => m.text)].some((t) => GITHUB_XSS.some((x) => t.includes(x))));
    expect(hostile.length).toBeGreaterThan(0);
    for (const pr of hostile) {
      const dialogs: string[] = [];
      const page = await open(pageOf(pr));
      page.on('dialog', (d) => {
        dialogs.push(d.message());
        void d.dismiss();
      });
      await page.reload();
      expect(await page.locator('main script, main img[onerror], main a[href^="javascript:"]').count(), pr.ref).toBe(0);
      expect(await page.locator('main').textContent(), pr.ref).toMatch(/<script>alert\(1\)<\/script>|<img src=x onerror=alert\(1\)>|javascript:alert\(1\)/);
      expect(dialogs, pr.ref).toEqual([]);
    }
  });
});

describe('reviews of both platforms', () => {
  it('lists GitHub pull requests beside Gerrit changes, with their source, and filters over both', async () => {
    const page = await open('reviews/');
    const all = await page.locator('nav[aria-label="Filter by status"] a').first().textContent();
    expect(all).toBe(`All statuses (${(gerrit + pulls.length).toLocaleString('en-US')})`);
    expect(await page.locator('nav[aria-label="Filter by status"] a', { hasText: 'Abandoned or closed' }).count()).toBe(1);
    // The project filter has both platforms' projects; a GitHub project's list holds its pull requests only.
    const cli = page.locator('a', { hasText: /^aurora-cloud\/aurora-cli/ }).first();
    expect(await cli.count()).toBe(1);
    expect(await page.locator('a', { hasText: /^aurora\/compute/ }).count()).toBeGreaterThan(0);
    const list = await open((await cli.getAttribute('href'))!.replace(/^\//, ''));
    const projects = await list.locator('main table tbody tr').evaluateAll((trs) => trs.map((tr) => tr.querySelector('a')?.getAttribute('href') ?? ''));
    expect(projects.length).toBeGreaterThan(0);
    expect(projects.every((h) => h.includes('/changes/github/aurora-cloud/aurora-cli/'))).toBe(true);
    // A month's list mixes both: the source shows in the project column.
    const month = await open('reviews/');
    const monthHrefs = await month.locator('details.months a').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    let mixedMonth: string | undefined;
    for (const h of monthHrefs.reverse()) {
      const cells = await (await open(h.replace(/^\//, ''))).locator('main table tbody tr td:nth-child(3)').allInnerTexts();
      if (cells.some((t) => t.includes('· GitHub')) && cells.some((t) => !t.includes('GitHub'))) {
        mixedMonth = h;
        break;
      }
    }
    expect(mixedMonth).toBeDefined();
  });

  it('search finds a pull request by its title', async () => {
    const pr = pulls.find((c) => c.status === 'MERGED' && !/[<>]/.test(c.subject))!;
    const words = pr.subject.split(/\s+/).filter((w) => /^[a-z]{5,}$/i.test(w)).slice(0, 3).map((w) => `+${w}`).join(' ');
    const page = await open(`search/?q=${encodeURIComponent(words)}&kind=change`);
    await page.waitForFunction((query) => (document.getElementById('search-status')?.textContent ?? '').includes(`for “${query}”`), words);
    const hrefs = await page.locator('#search-results li.search-hit a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.some((h) => h?.endsWith(`/${pageOf(pr)}`)), `${words}: ${hrefs.join(' ')}`).toBe(true);
  });

  it('the pull request page and the reviews list pass axe', { timeout: 120_000 }, async () => {
    const pr = pulls.find((c) => c.status === 'MERGED' && c.votes.length > 1)!;
    for (const path of [pageOf(pr), 'reviews/']) {
      const page = await open(path);
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
});
