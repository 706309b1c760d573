/**
 * Real GitHub responses (see ../shared/reference-data/SOURCES.md, rows github/)
 * through the real parse + map path. The samples are read in place, never
 * copied; assertions are counts and shapes, never the people in them.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Change } from '../../src/model/change.ts';
import { mapPull } from '../../src/sources/github/map.ts';
import { GithubUser, isFullPull, linkRels, parseLinkHeader, parsePull, parseReviews } from '../../src/sources/github/parse.ts';
import { pythonStrings, readReplayData } from '../pygithub-replay.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = resolve(process.env.AGORA_REFERENCE_DATA ?? join(REPO, '..', 'shared', 'reference-data'));
const DIR = join(REFERENCE, 'github');
const present = existsSync(DIR);
if (!present) console.warn(`github conformance skipped: no reference data at ${DIR} (set AGORA_REFERENCE_DATA to the reference-data folder)`);

const EMAIL = /[\p{L}\p{N}\p{M}._%+-]+@(?:[\p{L}\p{N}\p{M}-]+\.)+\p{L}{2,}/u;
const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
const read = (name: string) => readFileSync(join(DIR, name), 'utf8');
const asList = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const ctx = { source: 'ref', webUrl: 'http://localhost:4010' };

/** The pull the PyGithub reviews belong to is not in the data: a minimal stand-in carries them. */
const CARRIER = { number: 1, state: 'open', title: 't', user: null, created_at: '2017-01-01T00:00:00Z', updated_at: '2019-01-01T00:00:00Z', head: { ref: 'h', sha: 'h0' }, base: { ref: 'b', sha: 'b0' }, html_url: 'https://github.com/o/r/pull/1' };

describe.skipIf(!present)('github conformance: perceval pull request and reviews', () => {
  const pullsRaw = present ? asList(JSON.parse(read('github_request_pull_request_1'))) : [];
  const reviewsRaw = present ? asList(JSON.parse(read('github_request_pull_request_1_reviews'))) : [];

  it('parses and maps every pull record', () => {
    expect(pullsRaw).toHaveLength(1);
    for (const [i, raw] of pullsRaw.entries()) {
      const p = parsePull(raw, `sample[${i}]`);
      expect(isFullPull(p)).toBe(true);
      expect(p.labels.length).toBeGreaterThan(0);
      const repo = p.base.repo?.full_name ?? 'o/r';
      const { change, notes } = mapPull({ repo, pull: raw }, ctx);
      expect(notes).toEqual([]);
      expect(Change.parse(change)).toEqual(change);
      expect(change).toMatchObject({ number: p.number, ref: `${repo}/${p.number}`, project: repo, branch: p.base.ref, insertions: p.additions, deletions: p.deletions, filesChanged: p.changed_files });
      expect(change.hashtags).toHaveLength(new Set(p.labels.map((l) => l.name)).size);
      // The sample says merged: true with merged_at null: merged it is, dated by its closing.
      expect(change.status).toBe('MERGED');
      expect(change.submitted).toBe(p.closed_at);
      for (const t of [change.created, change.updated, change.submitted]) expect(t).toMatch(ISO);
      expect(change.url.startsWith('http://localhost:4010/')).toBe(true);
      expect(change.patchSets).toEqual([{ number: 1, revision: p.head.sha }]);
      expect(Object.keys(change.accounts)).toEqual([change.owner]);
      expect(JSON.stringify(change)).not.toMatch(EMAIL);
    }
  });

  it('parses every review and maps each to a vote or a message', () => {
    const { records, skipped } = parseReviews(reviewsRaw, 'sample');
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(reviewsRaw.length);
    expect(records.length).toBeGreaterThan(0);
    // One review's user is an empty object: a deleted account.
    expect(records.filter((r) => r.user === null)).toHaveLength(1);
    const { change, notes } = mapPull({ repo: 'o/r', pull: pullsRaw[0], reviews: reviewsRaw }, ctx);
    expect(notes).toEqual([]);
    for (const r of records) {
      const vote = change.votes.some((v) => v.state === r.state && v.date === r.submitted_at);
      const message = change.messages.some((m) => m.id === `review-${r.id}` && m.type === 'review' && m.state === r.state);
      expect(vote || message, `review ${r.id}`).toBe(true);
    }
    expect(change.votes.map((v) => v.value)).toEqual(records.map(() => 2));
    expect(change.accounts.ghost).toMatchObject({ name: 'Deleted user', isBot: false });
    // The reviews name a commit that is not the head: two patch sets, the head last.
    expect(change.patchSets.map((p) => p.number)).toEqual([1, 2]);
    expect(change.votes.every((v) => v.patchSet === 1)).toBe(true);
  });
});

describe.skipIf(!present)('github conformance: PyGithub ReplayData reviews', () => {
  const exchanges = present ? readReplayData(read('PullRequestReview.testAttributes.txt'), 'PullRequestReview.testAttributes.txt') : [];

  it('reads the replay blocks', () => {
    expect(exchanges).toHaveLength(1);
    const [x] = exchanges;
    expect(x).toMatchObject({ protocol: 'https', verb: 'GET', status: 200 });
    expect(x?.url).toMatch(/^\/repos\/[^/]+\/[^/]+\/pulls\/\d+\/reviews$/);
    expect(x?.responseHeaders.length).toBeGreaterThan(5);
    const length = x?.responseHeaders.find(([k]) => k.toLowerCase() === 'content-length')?.[1];
    expect(Number(length)).toBe(Buffer.byteLength(x?.responseBody ?? '', 'utf8'));
  });

  it('parses and maps every review record', () => {
    const body: unknown = JSON.parse(exchanges[0]!.responseBody);
    const { records, skipped } = parseReviews(body, 'replay');
    expect(skipped).toEqual([]);
    expect(records).toHaveLength(5);
    expect(records.map((r) => r.state).sort()).toEqual(['APPROVED', 'COMMENTED', 'COMMENTED', 'COMMENTED', 'COMMENTED']);
    for (const r of records) {
      expect(r.submitted_at).toMatch(ISO);
      expect(r.user).not.toBeNull();
      expect(r.commit_id).toMatch(/^[0-9a-f]{40}$/);
    }
    const { change, notes } = mapPull({ repo: 'o/r', pull: CARRIER, reviews: body as unknown[] }, ctx);
    expect(notes).toEqual([]);
    expect(Change.parse(change)).toEqual(change);
    // The OWNER's approval weighs +2; comments are messages, not votes.
    expect(change.votes.map((v) => [v.value, v.state])).toEqual([[2, 'APPROVED']]);
    const withBody = records.filter((r) => (r.body ?? '').trim() !== '' || r.state === 'APPROVED');
    expect(change.messages.map((m) => m.id).sort()).toEqual(withBody.map((r) => `review-${r.id}`).sort());
    expect(change.patchSets.map((p) => p.revision)).toEqual([...new Set(records.map((r) => r.commit_id))].concat('h0'));
    expect(JSON.stringify(change)).not.toMatch(EMAIL);
  });

  it('reads Python literals with escapes', () => {
    expect(pythonStrings(`[('a', 'it\\'s'), ("b", "x\\ty")]`, 't')).toEqual(['a', "it's", 'b', 'x\ty']);
    expect(() => readReplayData('https\nGET\nhost\nNone\n/x\n{}\nNone\nOK\n[]\n{}\n', 'f')).toThrow(/^f:8: expected a status code/);
  });
});

describe.skipIf(!present)('github conformance: octokit paginate-issues fixture', () => {
  interface Recorded {
    scope: string;
    method: string;
    path: string;
    status: number;
    response: unknown;
    headers: Record<string, string>;
  }
  const recorded: Recorded[] = present ? (JSON.parse(read('normalized-fixture.json')) as Recorded[]) : [];
  const linkOf = (r: Recorded) => Object.entries(r.headers).find(([k]) => k.toLowerCase() === 'link')?.[1];
  const urlOf = (r: Recorded) => new URL(r.path, r.scope.replace(/:443$/, '')).href;

  it('parses every Link header', () => {
    expect(recorded.length).toBeGreaterThan(1);
    for (const r of recorded) {
      const links = parseLinkHeader(linkOf(r));
      expect(links.length).toBeGreaterThan(0);
      for (const l of links) {
        expect(l.rel.length).toBe(1);
        expect(['first', 'prev', 'next', 'last']).toContain(l.rel[0]);
        expect(() => new URL(l.uri)).not.toThrow();
      }
    }
  });

  it('follows the next links through the recorded requests, in order', () => {
    let at = 0;
    const visited = [urlOf(recorded[0]!)];
    for (;;) {
      const next = linkRels(linkOf(recorded[at]!)).next;
      if (!next) break;
      at = recorded.findIndex((r) => urlOf(r) === next);
      expect(at, `next link ${next} was requested`).toBeGreaterThan(0);
      visited.push(next);
    }
    expect(visited).toEqual(recorded.map(urlOf));
    const last = linkRels(linkOf(recorded[0]!)).last;
    expect(last).toBe(urlOf(recorded[recorded.length - 1]!));
    // Every page after the first points back at the one before it.
    for (let i = 2; i < recorded.length; i++) expect(linkRels(linkOf(recorded[i]!)).prev).toBe(urlOf(recorded[i - 1]!));
    expect(linkRels(linkOf(recorded[recorded.length - 1]!)).last).toBeUndefined();
  });

  it("parses every issue's user with the user schema", () => {
    const issues = recorded.flatMap((r) => r.response as { user: unknown; number: number }[]);
    expect(issues.length).toBeGreaterThan(recorded.length);
    for (const issue of issues) {
      const u = GithubUser.parse(issue.user);
      expect(u).not.toBeNull();
      expect(Number.isInteger(u?.id)).toBe(true);
      expect(u?.type).toBe('User');
    }
    // Newest first, each number once: the pages neither overlap nor skip.
    const numbers = issues.map((i) => i.number);
    expect(numbers).toEqual([...numbers].sort((a, b) => b - a));
    expect(new Set(numbers).size).toBe(numbers.length);
  });
});
