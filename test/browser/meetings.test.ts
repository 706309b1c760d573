/**
 * IRC meetings in the built demo, in Chromium: the meetings index with the next
 * meeting in UTC and in the reader's own time zone; a team page with its
 * schedule, meetings held and those not held; a meeting page with its
 * decisions, action items with owners, attendees and an anchored log whose
 * speakers link to their pages; the .ics downloads, read back by ical.js;
 * the action-items and decisions pages; search for what a meeting decided;
 * the hostile log lines inert; axe on every meetings page.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { Meeting, MEETING_KIND } from '../../src/model/meeting.ts';
import { Store } from '../../src/store/store.ts';
import { expandCalendar } from '../ical-expand.ts';
import { axeViolations, buildDemo, root, useSite } from './harness.ts';

const { open, harness } = useSite();
const url = (path: string) => new URL(path, harness().server.url).href;

let dist: string;
let meetings: Meeting[];
beforeAll(async () => {
  dist = await buildDemo();
  meetings = [];
  const items = new Store(join(root, 'content')).source('meetings').items(MEETING_KIND, Meeting);
  for await (const item of items) meetings.push(item.data);
}, 600_000);

const pageOf = (m: Meeting) => `meetings/meetings/${m.key}/`;

describe('the meetings index', () => {
  it('lists every team with its schedule, last meeting and the next one in UTC and in the reader’s time', async () => {
    const context = await harness().browser.newContext({ timezoneId: 'Asia/Kolkata', locale: 'en-GB' });
    const page = await context.newPage();
    await page.goto(url('meetings/'));
    expect(await page.locator('h1').textContent()).toBe('Meetings');
    const teams = new Set(meetings.map((m) => m.team));
    const rows = await page.locator('main table tbody tr').count();
    expect(rows).toBe(teams.size);
    const compute = page.locator('main table tbody tr', { hasText: 'aurora-compute' });
    await expect.poll(() => compute.locator('.local').textContent()).toMatch(/your time: .*GMT\+5:30/);
    const utc = await compute.locator('time').first().getAttribute('datetime');
    expect(utc).toMatch(/^\d{4}-\d\d-\d\dT14:00:00Z$/);
    expect(Date.parse(utc!)).toBeGreaterThan(Date.now() - 86_400_000);
    await context.close();
  });
});

describe('a team page', () => {
  it('shows the schedule, every meeting held and the scheduled ones not held', async () => {
    const page = await open('meetings/teams/aurora-compute/');
    const text = await page.locator('main').innerText();
    expect(text).toContain('Weekly on Tuesday at 14:00 UTC');
    const held = meetings.filter((m) => m.team === 'aurora-compute');
    expect(await page.locator('main table').last().locator('tbody tr').count()).toBeGreaterThan(0);
    expect(await page.locator('main h2', { hasText: 'Meetings held' }).count()).toBe(1);
    expect(await page.locator(`main a[href$="/meetings/meetings/${held[0]!.key}/"]`).count()).toBe(1);
    expect(await page.locator('#not-held').count()).toBe(1);
    expect(await page.locator('#not-held + p').innerText()).toMatch(/^\d+ scheduled meetings? ha(s|ve) no log/);
  });
});

describe('a meeting page', () => {
  it('shows its decisions and actions with owners, and a log whose lines have anchors and speakers linked', async () => {
    const m = meetings.find((x) => x.notes.some((n) => n.type === 'agreed') && x.notes.some((n) => n.type === 'action' && n.owners.length) && x.from === 'log.txt')!;
    const page = await open(pageOf(m));
    const agreed = m.notes.filter((n) => n.type === 'agreed');
    const decisions = await page.locator('#decisions + ul li').allInnerTexts();
    expect(decisions.length).toBe(agreed.length);
    expect(decisions[0]).toContain(agreed[0]!.text.slice(0, 30));
    const action = m.notes.find((n) => n.type === 'action' && n.owners.length)!;
    const item = page.locator('#actions + ul li', { hasText: action.text.slice(0, 30) }).first();
    const owner = item.locator('a[href*="/people/meetings/"]').first();
    expect(await owner.getAttribute('href')).toContain(`/people/meetings/${action.owners[0]}/`);
    // The log: one anchored line per stored line; a speaker links to a person page that exists.
    expect(await page.locator('.irc-log li').count()).toBe(m.log.length);
    const line = action.line!;
    expect(await page.locator(`#l-${line}`).innerText()).toContain(action.text.slice(0, 20));
    const speaker = page.locator('.irc-log .irc-say .nk a').first();
    const res = await page.request.get(url((await speaker.getAttribute('href'))!.replace(/^\//, '')));
    expect(res.status()).toBe(200);
    await page.locator(`#actions + ul li a[href="#l-${line}"]`).first().click();
    expect(new URL(page.url()).hash).toBe(`#l-${line}`);
  });

  it('says when a meeting never ended, and when only its minutes were read', async () => {
    const open_ = meetings.find((m) => !m.ended)!;
    const page = await open(pageOf(open_));
    expect(await page.locator('main').innerText()).toContain('never ended with #endmeeting');
  });
});

describe('calendars', () => {
  it('a team’s .ics downloads from its page and calendar software reads the meetings from it', async () => {
    const page = await open('meetings/teams/aurora-compute/');
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('a[href$="aurora-compute.ics"]').click()]);
    expect(download.suggestedFilename()).toBe('aurora-compute.ics');
    const text = readFileSync((await download.path())!, 'utf8');
    const { events } = expandCalendar(text, new Date('2026-12-01T00:00:00Z'), new Date('2027-01-01T00:00:00Z'));
    expect(events.length).toBeGreaterThan(0);
    expect(events[0]!.location).toBe('#aurora-meeting');
    expect(events.flatMap((e) => e.starts).every((s) => /T14:00:00/.test(s) && new Date(s).getUTCDay() === 2)).toBe(true);
  });

  it('the calendar of all meetings has every team with a schedule', async () => {
    const res = await fetch(url('meetings/all.ics'));
    expect(res.headers.get('content-type') ?? '').toMatch(/calendar|octet-stream|text/);
    const { events } = expandCalendar(await res.text(), new Date('2026-12-01T00:00:00Z'), new Date('2027-03-01T00:00:00Z'));
    const ics = readdirSync(join(dist, 'meetings', 'teams')).filter((f) => f.endsWith('.ics'));
    expect(new Set(events.map((e) => e.summary)).size).toBeGreaterThanOrEqual(ics.length - 1);
  });
});

describe('actions, decisions and search', () => {
  it('the action items page lists open actions by person and recently closed ones', async () => {
    const page = await open('meetings/actions/');
    expect(await page.locator('main h2', { hasText: 'Open, by person' }).count()).toBe(1);
    expect(await page.locator('main section').count()).toBeGreaterThan(0);
    expect(await page.locator('main table tbody tr').count()).toBeGreaterThan(0);
  });

  it('the decisions page filters by words and team', async () => {
    const page = await open('meetings/decisions/');
    const all = await page.locator('#decisions tbody tr').count();
    expect(all).toBe(meetings.reduce((n, m) => n + m.notes.filter((x) => x.type === 'agreed').length, 0));
    await page.selectOption('#decision-team', 'aurora-tc');
    const tc = await page.locator('#decisions tbody tr:not([hidden])').count();
    expect(tc).toBeGreaterThan(0);
    expect(tc).toBeLessThan(all);
    await page.fill('#decision-q', 'zzzz-no-such-words');
    expect(await page.locator('#decisions tbody tr:not([hidden])').count()).toBe(0);
  });

  it('a decision’s words find its meeting in the site search, with team and date in the result', async () => {
    // A decision taken once (the demo's teams take some twice), found by its words.
    const taken = new Map<string, Meeting[]>();
    for (const x of meetings) for (const n of x.notes) if (n.type === 'agreed') taken.set(n.text, [...(taken.get(n.text) ?? []), x]);
    const [text, [m]] = [...taken].find(([t, ms]) => ms.length === 1 && t.split(' ').length >= 5)! as [string, Meeting[]];
    const q = text.split(/\s+/).filter((w) => /^[a-z]{4,}$/i.test(w)).map((w) => `+${w}`).join(' ');
    const page = await open(`search/?q=${encodeURIComponent(q)}&kind=meeting`);
    await page.waitForFunction((query) => (document.getElementById('search-status')?.textContent ?? '').includes(`for “${query}”`), q);
    const hrefs = await page.locator('#search-results li.search-hit a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs.some((h) => h?.endsWith(`/${pageOf(m!)}`)), `${q}: ${hrefs.join(' ')}`).toBe(true);
    expect(await page.locator('#search-results .search-meta').first().textContent()).toMatch(/^Meeting · meetings · aurora-/);
  });
});

describe('hostile log lines', () => {
  it('show as text: no script runs, no javascript: link, no injected element', async () => {
    const hostile = meetings.filter((m) => m.log.some((l) => l.text.includes('<script>')));
    expect(hostile.length).toBeGreaterThan(0);
    for (const m of hostile) {
      // newPage fails the test on any dialog or page error.
      const page = await open(pageOf(m));
      expect(await page.locator('main script, main img[onerror], main img[src="x"]').count()).toBe(0);
      expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
      expect(await page.locator('.irc-log').innerText()).toContain('<script>alert(1)</script>');
    }
  });
});

describe('privacy', () => {
  it('an attendee who opted out (by nick) is neither named nor quoted on a meeting page', async () => {
    const m = meetings.find((x) => x.attendees.some((a) => a.account === 'connorfitzge'))!;
    const page = await open(pageOf(m));
    const text = await page.locator('main').innerText();
    expect(text.toLowerCase()).not.toContain('connorfitzge');
    expect(text).toContain('A contributor (opted out): (line left out)');
    expect(await page.locator('a[href*="/people/meetings/connorfitzge/"]').count()).toBe(0);
  });
});

describe('accessibility', () => {
  it('the meetings pages pass axe', { timeout: 120_000 }, async () => {
    const m = meetings.find((x) => x.votes.length > 0) ?? meetings[0]!;
    for (const path of ['meetings/', 'meetings/teams/aurora-compute/', pageOf(m), 'meetings/actions/', 'meetings/decisions/']) {
      const page = await open(path);
      expect(await axeViolations(page), path).toEqual([]);
    }
  });
});
