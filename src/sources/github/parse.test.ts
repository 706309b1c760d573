import { describe, expect, it } from 'vitest';
import {
  GithubParseError,
  GithubPull,
  GithubUser,
  githubTimeToIso,
  isDeletedUser,
  isFullPull,
  linkRels,
  parseIssueComments,
  parseLinkHeader,
  parsePull,
  parsePulls,
  parseRepo,
  parseReviewComments,
  parseReviews,
  parseTimeline,
  parseUser,
} from './parse.ts';

const user = (id: number, login: string, extra: Record<string, unknown> = {}) => ({ login, id, type: 'User', site_admin: false, ...extra });

/** A list-form pull as github.com sends it today (trimmed to what matters plus some noise). */
function listPull(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    url: 'https://api.github.com/repos/acme/widgets/pulls/12',
    id: 1012,
    node_id: 'PR_kwDOAAAAAc4AAAAM',
    html_url: 'https://github.com/acme/widgets/pull/12',
    number: 12,
    state: 'open',
    locked: false,
    title: 'Make widgets spin',
    user: user(101, 'alice'),
    body: 'Spins them.',
    labels: [{ id: 1, name: 'enhancement', color: 'fff' }],
    created_at: '2024-01-10T09:00:00Z',
    updated_at: '2024-01-11T14:00:05Z',
    closed_at: null,
    merged_at: null,
    draft: false,
    head: { label: 'alice:spin', ref: 'spin', sha: 'aaaa', repo: { full_name: 'alice/widgets', id: 5 } },
    base: { label: 'acme:main', ref: 'main', sha: 'bbbb', repo: { full_name: 'acme/widgets', id: 4 } },
    author_association: 'CONTRIBUTOR',
    future_field: { anything: [1, 2] },
    ...extra,
  };
}

describe('githubTimeToIso', () => {
  it('keeps UTC whole seconds, converts offsets and drops fractions', () => {
    expect(githubTimeToIso('2016-01-04T13:51:56Z')).toBe('2016-01-04T13:51:56Z');
    expect(githubTimeToIso('2016-01-04T13:51:56.999Z')).toBe('2016-01-04T13:51:56Z');
    expect(githubTimeToIso('2016-01-04T05:51:56-08:00')).toBe('2016-01-04T13:51:56Z');
    expect(githubTimeToIso('2016-01-04T19:21:56+0530')).toBe('2016-01-04T13:51:56Z');
    // No zone: the API's default, UTC, not this machine's zone.
    expect(githubTimeToIso('2016-01-04T13:51:56')).toBe('2016-01-04T13:51:56Z');
  });
  it('refuses what is not a time', () => {
    for (const bad of ['', 'yesterday', '2016-02-30T00:00:00Z', '2016-13-01T00:00:00Z', '1451915516']) expect(githubTimeToIso(bad)).toBeUndefined();
  });
});

describe('users', () => {
  it('reads deleted users (null, {} or absent) as null', () => {
    expect(parseUser(null, 'u')).toBeNull();
    expect(parseUser({}, 'u')).toBeNull();
    expect(parseReviews([{ id: 1, state: 'APPROVED' }], 'acme/widgets#12').records[0]?.user).toBeNull();
  });
  it('knows the ghost account for a deleted user, and no one else', () => {
    expect(isDeletedUser(parseUser(user(10137, 'ghost'), 'u'))).toBe(true);
    expect(isDeletedUser(parseUser(user(10137, 'Ghost'), 'u'))).toBe(true);
    expect(isDeletedUser(null)).toBe(true);
    expect(isDeletedUser(parseUser(user(7, 'ghostwriter'), 'u'))).toBe(false);
  });
  it('keeps unknown fields and needs login and id', () => {
    expect(parseUser(user(7, 'x', { plan: 'pro' }), 'u')).toMatchObject({ login: 'x', id: 7, plan: 'pro' });
    expect(() => parseUser({ login: 'x' }, 'pull.user')).toThrow(/^pull\.user\.id: /);
    expect(() => parseUser('x', 'pull.user')).toThrow(GithubParseError);
  });
});

describe('parsePull', () => {
  it('reads the list form: no sizes, so not a full pull', () => {
    const p = parsePull(listPull(), 'acme/widgets#12');
    expect(p).toMatchObject({ number: 12, state: 'open', title: 'Make widgets spin', closed_at: undefined, merged_at: undefined, draft: false });
    expect(p.labels.map((l) => l.name)).toEqual(['enhancement']);
    expect(p.head).toMatchObject({ ref: 'spin', sha: 'aaaa' });
    expect(isFullPull(p)).toBe(false);
    expect((p as Record<string, unknown>).future_field).toEqual({ anything: [1, 2] });
  });
  it('reads the single form', () => {
    const p = parsePull(listPull({ merged: true, merged_at: '2024-01-12T08:00:00Z', merged_by: user(102, 'bob'), additions: 10, deletions: 2, changed_files: 3, commits: 1, state: 'closed' }), 'acme/widgets#12');
    expect(isFullPull(p)).toBe(true);
    expect(p).toMatchObject({ merged: true, merged_at: '2024-01-12T08:00:00Z', additions: 10, deletions: 2, changed_files: 3 });
    expect(p.merged_by?.login).toBe('bob');
  });
  it('reads an old Enterprise pull: no draft, node_id nor author_association; a deleted fork; null labels', () => {
    const raw = listPull({ labels: null, head: { ref: 'spin', sha: 'aaaa', repo: null } });
    for (const k of ['draft', 'node_id', 'author_association']) delete raw[k];
    const p = parsePull(raw, 'acme/widgets#12');
    expect(p.draft).toBeUndefined();
    expect(p.node_id).toBeUndefined();
    expect(p.head.repo).toBeUndefined();
    expect(p.labels).toEqual([]);
  });
  it('reads a pull whose author was deleted', () => {
    expect(parsePull(listPull({ user: null }), 'acme/widgets#12').user).toBeNull();
  });
  it('names where and what is wrong', () => {
    expect(() => parsePull(listPull({ number: 'twelve' }), 'acme/widgets#12')).toThrow('acme/widgets#12 pull.number: ');
    expect(() => parsePull(listPull({ state: 'merged' }), 'acme/widgets#12')).toThrow(/pull\.state: expected open or closed, got "merged"/);
    expect(() => parsePull(listPull({ created_at: 'soon' }), 'acme/widgets#12')).toThrow(/pull\.created_at: expected an ISO 8601 time/);
    expect(() => parsePull(listPull({ user: { login: 7, id: 1 } }), 'acme/widgets#12')).toThrow(/pull\.user\.login: /);
    expect(() => parsePull([], 'acme/widgets#12')).toThrow(GithubParseError);
  });
  it('keeps hostile strings as text', () => {
    const nasty = '<script>alert(1)</script>\u0000\u202e{{x}}${y}';
    const p = parsePull(listPull({ title: nasty, body: nasty, labels: [{ name: '__proto__' }, 'constructor'] }), 'acme/widgets#12');
    expect(p.title).toBe(nasty);
    expect(p.body).toBe(nasty);
    expect(p.labels.map((l) => l.name)).toEqual(['__proto__', 'constructor']);
  });
  it('gives the same record when given its own output (the mapper takes either)', () => {
    const once = parsePull(listPull({ user: {} }), 'x');
    expect(GithubPull.parse(once)).toEqual(once);
  });
});

describe('list parsers', () => {
  it('skip a bad record, naming it, and keep the rest', () => {
    const { records, skipped } = parseReviews(
      [
        { id: 1, user: user(1, 'a'), state: 'approved', submitted_at: '2024-01-01T00:00:00Z', commit_id: 'c1' },
        { id: 2, user: 'nobody', state: 'COMMENTED' },
        { id: 3, user: user(3, 'c'), state: 'PENDING' },
      ],
      'openstack/x#12',
    );
    expect(records.map((r) => [r.id, r.state])).toEqual([
      [1, 'APPROVED'],
      [3, 'PENDING'],
    ]);
    expect(records[1]?.submitted_at).toBeUndefined();
    expect(skipped.map((e) => e.where)).toEqual(['openstack/x#12 reviews[1].user']);
    expect(skipped[0]?.message).toMatch(/^openstack\/x#12 reviews\[1\]\.user: .*expected object/);
  });
  it('throw when the response is not a list', () => {
    expect(() => parseReviews({ message: 'Not Found' }, 'acme/widgets#12')).toThrow('acme/widgets#12 reviews: expected a JSON array, got object');
    expect(() => parsePulls(null, 'acme/widgets')).toThrow('acme/widgets pulls: expected a JSON array, got null');
  });
  it('read old reviews without node_id, submitted_at or author_association', () => {
    const { records, skipped } = parseReviews([{ id: 9, user: user(1, 'a'), body: null, state: 'CHANGES_REQUESTED', commit_id: null }], 'x');
    expect(skipped).toEqual([]);
    const r = records[0]!;
    expect([r.id, r.state, r.body, r.commit_id, r.submitted_at, r.author_association, r.node_id]).toEqual([9, 'CHANGES_REQUESTED', undefined, undefined, undefined, undefined, undefined]);
  });
  it('read review comments old and new', () => {
    const { records, skipped } = parseReviewComments(
      [
        { id: 5, user: user(1, 'a'), body: 'nit', path: 'a.ts', position: 4, original_position: 4, commit_id: 'c2', original_commit_id: 'c1', created_at: '2024-01-01T00:00:00Z' },
        { id: 6, user: null, body: 'ok', path: 'a.ts', line: 10, original_line: 9, in_reply_to_id: 5, pull_request_review_id: 77, created_at: '2024-01-02T00:00:00Z', subject_type: 'line' },
      ],
      'x',
    );
    expect(skipped).toEqual([]);
    expect(records.map((c) => [c.id, c.line, c.original_line, c.in_reply_to_id])).toEqual([
      [5, undefined, undefined, undefined],
      [6, 10, 9, 5],
    ]);
  });
  it('read issue comments and timeline events of any type', () => {
    expect(parseIssueComments([{ id: 1, user: user(1, 'a'), body: 'hi', created_at: '2024-01-01T00:00:00Z' }], 'x').records).toHaveLength(1);
    const t = parseTimeline(
      [
        { event: 'committed', sha: 'c1', author: { name: 'n', date: '2024-01-01T00:00:00Z' } },
        { event: 'head_ref_force_pushed', id: 3, actor: user(1, 'a'), created_at: '2024-01-02T00:00:00Z', commit_id: null },
        { event: 'labeled', actor: null, created_at: '2024-01-02T00:00:00Z', label: { name: 'x' } },
        { sha: 'no event' },
      ],
      'acme/widgets#12',
    );
    expect(t.records.map((e) => e.event)).toEqual(['committed', 'head_ref_force_pushed', 'labeled']);
    expect(t.skipped.map((e) => e.where)).toEqual(['acme/widgets#12 timeline[3].event']);
  });
  it('read repositories', () => {
    expect(parseRepo({ id: 1, full_name: 'acme/widgets', owner: user(2, 'acme', { type: 'Organization' }) }, 'acme/widgets').full_name).toBe('acme/widgets');
    expect(() => parseRepo({ full_name: 'widgets' }, 'acme/widgets')).toThrow(/repo\.full_name: expected owner\/name/);
  });
  it('users embedded anywhere share one schema', () => {
    expect(GithubUser.parse(user(1, 'dependabot[bot]', { type: 'Bot' }))).toMatchObject({ type: 'Bot' });
  });
});

describe('parseLinkHeader', () => {
  const api = 'https://api.github.com/repositories/1/issues';
  it("reads GitHub's form", () => {
    const h = `<${api}?page=2>; rel="next", <${api}?page=5>; rel="last"`;
    expect(parseLinkHeader(h)).toEqual([
      { uri: `${api}?page=2`, rel: ['next'], params: {} },
      { uri: `${api}?page=5`, rel: ['last'], params: {} },
    ]);
    expect(linkRels(h)).toEqual({ next: `${api}?page=2`, last: `${api}?page=5` });
  });
  it('reads several rels in one, any case, bare tokens and odd whitespace', () => {
    const links = parseLinkHeader(' <https://x/a> ;\trel = "Next  PREV"  ;type=text/html,\n<https://x/b>;rel=last ');
    expect(links).toEqual([
      { uri: 'https://x/a', rel: ['next', 'prev'], params: { type: 'text/html' } },
      { uri: 'https://x/b', rel: ['last'], params: {} },
    ]);
  });
  it('reads quoted params holding commas, semicolons and escapes', () => {
    const [link] = parseLinkHeader('<https://x/a>; title="one, two; \\"three\\""; rel="next"');
    expect(link).toEqual({ uri: 'https://x/a', rel: ['next'], params: { title: 'one, two; "three"' } });
  });
  it('keeps the first rel, decodes ext-values and keeps extension relation types as written', () => {
    const [link] = parseLinkHeader("<https://x/a>; rel=next; rel=prev; title*=UTF-8'de'n%c3%a4chstes, <https://x/b>; rel=\"https://example.org/Rel\"");
    expect(link?.rel).toEqual(['next']);
    expect(link?.params['title*']).toBe('nächstes');
    expect(parseLinkHeader('<https://x/b>; rel="https://example.org/Rel"')[0]?.rel).toEqual(['https://example.org/Rel']);
  });
  it('resolves relative targets against a base, and joins header lines', () => {
    expect(linkRels(['</issues?page=2>; rel=next', '</issues?page=1>; rel=prev'], 'https://ghe.example.org/api/v3/x')).toEqual({
      next: 'https://ghe.example.org/issues?page=2',
      prev: 'https://ghe.example.org/issues?page=1',
    });
  });
  it('skips malformed link-values and keeps the rest', () => {
    expect(linkRels('garbage; rel=next, <https://x/ok>; rel=last, <https://x/unclosed; rel=first')).toEqual({ last: 'https://x/ok' });
    expect(linkRels('<https://x/a>; rel="next" junk, <https://x/b>; rel=prev')).toEqual({ prev: 'https://x/b' });
    expect(parseLinkHeader('')).toEqual([]);
    expect(parseLinkHeader(undefined)).toEqual([]);
    expect(parseLinkHeader(',,, ,')).toEqual([]);
  });
  it('is not fooled by hostile parameter names', () => {
    const [link] = parseLinkHeader('<https://x/a>; __proto__=polluted; constructor=x; rel=next');
    expect(link?.params.__proto__).toBe('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(linkRels('<https://x/a>; rel="__proto__ next"').next).toBe('https://x/a');
  });
});
