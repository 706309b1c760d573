import { describe, expect, it } from 'vitest';
import { Change } from '../../model/change.ts';
import { capText, DELETED_ACCOUNT, mapPull, rewriteWebUrl, TEXT_CAP, type MapContext, type PullInput } from './map.ts';
import { GithubParseError } from './parse.ts';

const REPO = 'acme/widgets';
const ctx: MapContext = { source: 'gh' };
const user = (id: number, login: string, extra: Record<string, unknown> = {}) => ({ login, id, type: 'User', ...extra });
const ALICE = user(101, 'alice');
const BOB = user(102, 'bob');
const CAROL = user(103, 'carol');

function pull(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: 1012,
    node_id: 'PR_kwDOAAAAAc4AAAAM',
    html_url: 'https://github.com/acme/widgets/pull/12',
    number: 12,
    state: 'open',
    title: 'Make widgets spin',
    user: ALICE,
    body: 'Spins them.',
    labels: [{ name: 'ux' }, { name: 'enhancement' }, { name: 'ux' }],
    created_at: '2024-01-10T09:00:00Z',
    updated_at: '2024-01-11T14:00:05Z',
    closed_at: null,
    merged_at: null,
    draft: false,
    head: { ref: 'spin', sha: 'head3' },
    base: { ref: 'main', sha: 'base0' },
    author_association: 'CONTRIBUTOR',
    ...extra,
  };
}

let nextId = 1;
function review(state: string, who: Record<string, unknown> | null, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { id: 500 + nextId++, user: who, body: '', state, commit_id: 'head1', submitted_at: '2024-01-10T10:00:00Z', author_association: 'NONE', ...extra };
}

const map = (input: Partial<PullInput>, c: MapContext = ctx) => mapPull({ repo: REPO, pull: pull(), ...input }, c);

describe('mapPull: the pull', () => {
  it('maps the fields of an open pull from the list form', () => {
    const { change, notes } = map({});
    expect(notes).toEqual([]);
    expect(Change.parse(change)).toEqual(change);
    expect(change).toMatchObject({
      number: 12,
      ref: 'acme/widgets/12',
      changeId: 'PR_kwDOAAAAAc4AAAAM',
      project: REPO,
      branch: 'main',
      hashtags: ['enhancement', 'ux'],
      subject: 'Make widgets spin',
      commitMessage: 'Spins them.',
      status: 'NEW',
      owner: '101',
      created: '2024-01-10T09:00:00Z',
      updated: '2024-01-11T14:00:05Z',
      insertions: 0,
      deletions: 0,
      url: 'https://github.com/acme/widgets/pull/12',
    });
    expect(change.topic).toBeUndefined();
    expect(change.filesChanged).toBeUndefined();
    expect(change.submitted).toBeUndefined();
    expect(change.draft).toBeUndefined();
    expect(change.forcePushes).toBeUndefined();
    expect(change.accounts).toEqual({ '101': { id: '101', name: 'alice', username: 'alice', isBot: false } });
  });
  it('takes sizes from the single form, and merged or closed states', () => {
    const merged = map({ pull: pull({ state: 'closed', merged: true, merged_at: '2024-01-12T08:00:00Z', closed_at: '2024-01-12T08:00:00Z', additions: 7, deletions: 3, changed_files: 2 }) }).change;
    expect(merged).toMatchObject({ status: 'MERGED', submitted: '2024-01-12T08:00:00Z', insertions: 7, deletions: 3, filesChanged: 2 });
    const closed = map({ pull: pull({ state: 'closed', merged: false, closed_at: '2024-01-12T08:00:00Z' }) }).change;
    expect(closed.status).toBe('ABANDONED');
    expect(closed.submitted).toBeUndefined();
    // merged without merged_at (seen in recorded data): still merged, dated by closing.
    const odd = map({ pull: pull({ state: 'closed', merged: true, merged_at: null, closed_at: '2024-01-12T09:00:00Z' }) }).change;
    expect(odd).toMatchObject({ status: 'MERGED', submitted: '2024-01-12T09:00:00Z' });
  });
  it('keeps drafts, moves and an empty body out of the way', () => {
    const { change } = map({ pull: pull({ draft: true, body: '   ' }), movedFrom: ['old/widgets'] });
    expect(change.draft).toBe(true);
    expect(change.movedFrom).toEqual(['old/widgets']);
    expect(change.commitMessage).toBeUndefined();
    expect(map({ movedFrom: [] }).change.movedFrom).toBeUndefined();
  });
  it('uses the ref as change id on servers without node_id', () => {
    const raw = pull();
    delete raw.node_id;
    delete raw.draft;
    expect(map({ pull: raw }).change.changeId).toBe('acme/widgets/12');
  });
  it('rewrites links onto webUrl', () => {
    expect(map({}, { source: 'gh', webUrl: 'http://localhost:4010/web/' }).change.url).toBe('http://localhost:4010/web/acme/widgets/pull/12');
    expect(rewriteWebUrl('https://ghe.example.org/acme/widgets/pull/12#x', 'http://proxy')).toBe('http://proxy/acme/widgets/pull/12#x');
    expect(rewriteWebUrl('https://github.com/a/b/pull/1', undefined)).toBe('https://github.com/a/b/pull/1');
  });
  it('throws, naming the pull, when the pull does not parse', () => {
    expect(() => map({ pull: pull({ title: 5 }) })).toThrow(GithubParseError);
    expect(() => map({ pull: pull({ title: 5 }) })).toThrow(/^acme\/widgets#12 pull\.title: /);
    expect(() => mapPull({ repo: REPO, pull: 'nope' }, ctx)).toThrow(/^acme\/widgets pull: /);
    expect(() => mapPull({ repo: 'widgets', pull: pull() }, ctx)).toThrow(/owner\/name/);
  });
  it('maps a deleted author to the one neutral account', () => {
    const a = map({ pull: pull({ user: null }) }).change;
    const b = map({ pull: pull({ user: user(10137, 'ghost') }) }).change;
    for (const c of [a, b]) {
      expect(c.owner).toBe('ghost');
      expect(c.accounts).toEqual({ ghost: DELETED_ACCOUNT });
    }
  });
  it('masks addresses quoted in the body', () => {
    const { change } = map({ pull: pull({ body: 'Signed-off-by: Someone <someone@example.org>' }) });
    expect(change.commitMessage).not.toContain('someone@');
    expect(change.commitMessage).toContain('@example.org');
  });
  it('never copies an email field', () => {
    const { change } = map({ pull: pull({ user: { ...ALICE, email: 'alice@example.org', name: 'Alice A.' } }) });
    expect(JSON.stringify(change)).not.toContain('alice@');
    expect(change.accounts['101']).toEqual({ id: '101', name: 'Alice A.', username: 'alice', isBot: false });
  });
});

describe('mapPull: votes', () => {
  const votesOf = (reviews: unknown[]) => map({ reviews }).change.votes.map((v) => [v.by, v.value, v.state, v.dismissed ?? false]);
  it('weighs approvals and change requests by association', () => {
    expect(
      votesOf([
        review('APPROVED', BOB, { author_association: 'OWNER' }),
        review('APPROVED', BOB, { author_association: 'MEMBER', submitted_at: '2024-01-10T10:00:01Z' }),
        review('APPROVED', BOB, { author_association: 'COLLABORATOR', submitted_at: '2024-01-10T10:00:02Z' }),
        review('APPROVED', CAROL, { author_association: 'CONTRIBUTOR', submitted_at: '2024-01-10T10:00:03Z' }),
        review('APPROVED', CAROL, { author_association: 'FIRST_TIME_CONTRIBUTOR', submitted_at: '2024-01-10T10:00:04Z' }),
        review('CHANGES_REQUESTED', BOB, { author_association: 'member', submitted_at: '2024-01-10T10:00:05Z' }),
        review('CHANGES_REQUESTED', CAROL, { author_association: 'NONE', submitted_at: '2024-01-10T10:00:06Z' }),
      ]),
    ).toEqual([
      ['102', 2, 'APPROVED', false],
      ['102', 2, 'APPROVED', false],
      ['102', 2, 'APPROVED', false],
      ['103', 1, 'APPROVED', false],
      ['103', 1, 'APPROVED', false],
      ['102', -2, 'CHANGES_REQUESTED', false],
      ['103', -1, 'CHANGES_REQUESTED', false],
    ]);
  });
  it('counts an old server review without association as ±1', () => {
    expect(votesOf([review('APPROVED', BOB, { author_association: undefined })])).toEqual([['102', 1, 'APPROVED', false]]);
  });
  it('keeps dismissed reviews as dismissed zeros, and gives comments no vote', () => {
    expect(votesOf([review('DISMISSED', BOB, { body: 'was +2' }), review('COMMENTED', CAROL, { body: 'hm' })])).toEqual([['102', 0, 'DISMISSED', true]]);
  });
  it('skips pending reviews and their comments entirely', () => {
    const pending = review('PENDING', CAROL, { body: 'draft thoughts', submitted_at: null });
    const { change } = map({ reviews: [pending], reviewComments: [{ id: 9, pull_request_review_id: pending.id, user: CAROL, body: 'private', path: 'a.ts', created_at: '2024-01-10T10:00:00Z' }] });
    expect(change.votes).toEqual([]);
    expect(change.messages).toEqual([]);
    expect(change.accounts['103']).toBeUndefined();
  });
  it('dates and numbers every vote', () => {
    const [vote] = map({ reviews: [review('APPROVED', BOB, { commit_id: 'head3', submitted_at: '2024-01-11T00:00:00Z' })] }).change.votes;
    expect(vote).toEqual({ label: 'Code-Review', value: 1, by: '102', state: 'APPROVED', date: '2024-01-11T00:00:00Z', patchSet: 1 });
  });
  it('gives a review by a deleted user to the deleted account', () => {
    const { change } = map({ reviews: [review('APPROVED', null), review('APPROVED', {}, { submitted_at: '2024-01-10T10:00:01Z' })] });
    expect(change.votes.map((v) => v.by)).toEqual(['ghost', 'ghost']);
    expect(change.accounts.ghost).toEqual(DELETED_ACCOUNT);
  });
});

describe('mapPull: messages', () => {
  it('maps reviews, conversation and inline comments, sorted by date, ids prefixed', () => {
    const r = review('APPROVED', BOB, { id: 77, body: 'LGTM', submitted_at: '2024-01-10T12:00:00Z', commit_id: 'head1' });
    const { change } = map({
      reviews: [r, review('COMMENTED', CAROL, { id: 78, body: '' })],
      issueComments: [{ id: 456, user: CAROL, body: 'Thanks!', created_at: '2024-01-10T11:00:00Z' }],
      reviewComments: [
        { id: 790, pull_request_review_id: 77, in_reply_to_id: 789, user: ALICE, body: 'done', path: 'src/a.ts', original_line: 4, created_at: '2024-01-10T13:00:00Z', original_commit_id: 'head2' },
        { id: 789, pull_request_review_id: 77, user: BOB, body: 'rename?', path: 'src/a.ts', line: 5, original_line: 4, created_at: '2024-01-10T12:00:00Z', original_commit_id: 'head1' },
      ],
    });
    expect(change.messages).toEqual([
      { id: 'comment-456', author: '103', date: '2024-01-10T11:00:00Z', text: 'Thanks!', type: 'comment' },
      { id: 'review-77', author: '102', date: '2024-01-10T12:00:00Z', text: 'LGTM', type: 'review', state: 'APPROVED', patchSet: 1 },
      { id: 'inline-789', author: '102', date: '2024-01-10T12:00:00Z', text: 'rename?', type: 'inline', path: 'src/a.ts', line: 5, patchSet: 1 },
      { id: 'inline-790', author: '101', date: '2024-01-10T13:00:00Z', text: 'done', type: 'inline', path: 'src/a.ts', line: 4, inReplyTo: 'inline-789', patchSet: 2 },
    ]);
  });
  it('keeps an approval without a body as a message (it is what the reviewer said)', () => {
    expect(map({ reviews: [review('APPROVED', BOB)] }).change.messages).toMatchObject([{ type: 'review', state: 'APPROVED', text: '' }]);
  });
  it('dates an old review without submitted_at by its comments, else keeps only its vote', () => {
    const dated = review('CHANGES_REQUESTED', BOB, { id: 80, submitted_at: undefined, body: 'see inline' });
    const undated = review('APPROVED', CAROL, { id: 81, submitted_at: undefined, body: 'ok' });
    const { change, notes } = map({ reviews: [dated, undated], reviewComments: [{ id: 1, pull_request_review_id: 80, user: BOB, body: 'x', path: 'a', created_at: '2024-01-10T15:00:00Z' }] });
    expect(change.messages.map((m) => [m.id, m.date])).toEqual([
      ['review-80', '2024-01-10T15:00:00Z'],
      ['inline-1', '2024-01-10T15:00:00Z'],
    ]);
    expect(change.votes.map((v) => [v.by, v.date])).toEqual([
      ['102', undefined],
      ['103', undefined],
    ]);
    expect(notes).toEqual(['acme/widgets#12 review-81: no submitted_at, so no message (its vote is kept undated)']);
  });
  it('skips records that do not parse, naming them, and maps the rest', () => {
    const { change, notes } = map({
      reviews: [review('APPROVED', BOB), { id: 'x', state: 'APPROVED' }],
      issueComments: [{ id: 1, user: CAROL, body: 'hi', created_at: 'tomorrow' }],
      reviewComments: [{ id: 2, user: CAROL, body: 'no path', created_at: '2024-01-10T10:00:00Z' }],
      timeline: [{ nothing: true }],
    });
    expect(change.votes).toHaveLength(1);
    expect(notes).toEqual([
      expect.stringMatching(/^skipped acme\/widgets#12 reviews\[1\]\.id: /),
      expect.stringMatching(/^skipped acme\/widgets#12 review_comments\[0\]\.path: /),
      expect.stringMatching(/^skipped acme\/widgets#12 issue_comments\[0\]\.created_at: expected an ISO 8601 time/),
      expect.stringMatching(/^skipped acme\/widgets#12 timeline\[0\]\.event: /),
    ]);
  });
  it('maps the pull without a part that is not a list at all', () => {
    const { change, notes } = map({ reviews: { message: 'Not Found' } as unknown as unknown[], timeline: 'oops' as unknown as unknown[] });
    expect(change.votes).toEqual([]);
    expect(change.forcePushes).toBeUndefined();
    expect(notes).toEqual(['skipped acme/widgets#12 reviews: expected a JSON array, got object', 'skipped acme/widgets#12 timeline: expected a JSON array, got string']);
  });
  it('keeps hostile text as text', () => {
    const nasty = '<img src=x onerror=alert(1)> ]]> {{7*7}} \u202e';
    const { change } = map({ pull: pull({ title: nasty }), issueComments: [{ id: 1, user: user(5, '<b>x</b>'), body: nasty, created_at: '2024-01-10T10:00:00Z' }] });
    expect(change.subject).toBe(nasty);
    expect(change.messages[0]?.text).toBe(nasty);
    expect(change.accounts['5']?.name).toBe('<b>x</b>');
  });
});

describe('mapPull: patch sets and force pushes', () => {
  it('numbers the head commits by first sighting, the current head last', () => {
    const { change } = map({
      reviews: [review('COMMENTED', BOB, { commit_id: 'head2', submitted_at: '2024-01-10T12:00:00Z' }), review('APPROVED', BOB, { commit_id: 'head3', submitted_at: '2024-01-11T09:00:00Z' })],
      reviewComments: [
        { id: 1, user: CAROL, body: 'a', path: 'a', created_at: '2024-01-10T10:00:00Z', original_commit_id: 'head1', commit_id: 'head3' },
        { id: 2, user: CAROL, body: 'b', path: 'a', created_at: '2024-01-10T13:00:00Z', original_commit_id: 'head2' },
      ],
    });
    expect(change.patchSets).toEqual([
      { number: 1, revision: 'head1', created: '2024-01-10T10:00:00Z' },
      { number: 2, revision: 'head2', created: '2024-01-10T12:00:00Z' },
      { number: 3, revision: 'head3', created: '2024-01-11T09:00:00Z' },
    ]);
    expect(change.votes[0]?.patchSet).toBe(3);
  });
  it('has one undated patch set when nothing names another commit', () => {
    expect(map({}).change.patchSets).toEqual([{ number: 1, revision: 'head3' }]);
  });
  it('counts force pushes and dates the heads they name', () => {
    const { change } = map({
      timeline: [
        { event: 'committed', sha: 'head1' },
        { event: 'head_ref_force_pushed', actor: BOB, created_at: '2024-01-10T16:00:00Z', commit_id: 'head2' },
        { event: 'labeled', actor: ALICE, created_at: '2024-01-10T17:00:00Z' },
        { event: 'head_ref_force_pushed', actor: ALICE, created_at: '2024-01-11T08:00:00Z', commit_id: null },
      ],
    });
    expect(change.forcePushes).toBe(2);
    expect(change.patchSets).toEqual([
      { number: 1, revision: 'head2', created: '2024-01-10T16:00:00Z', uploader: '102' },
      { number: 2, revision: 'head3' },
    ]);
    expect(Object.keys(change.accounts)).toEqual(['101', '102']);
    expect(map({ timeline: [] }).change.forcePushes).toBe(0);
  });
});

describe('mapPull: bots', () => {
  it('knows Apps, [bot] logins, default names and the config patterns and ids', () => {
    const comments = [user(1, 'renovate', { type: 'Bot' }), user(2, 'dependabot[bot]'), user(3, 'openstack-zuul'), user(4, 'acme-release-robot'), user(5, 'dave'), user(6, 'erin')].map((u, i) => ({
      id: i + 1,
      user: u,
      body: 'x',
      created_at: '2024-01-10T10:00:00Z',
    }));
    const { change } = map({ issueComments: comments }, { source: 'gh', bots: ['release-ROBOT$', '6'] });
    const bots = Object.values(change.accounts)
      .filter((a) => a.isBot)
      .map((a) => a.id);
    expect(bots).toEqual(['1', '2', '3', '4', '6']);
    expect(() => map({}, { source: 'gh', bots: ['('] })).toThrow(/bots\[0\] is not a valid regular expression/);
  });
});

describe('mapPull: truncation', () => {
  it('caps each text at 64 KiB of UTF-16 without splitting a pair, visibly, with a note', () => {
    const body = 'a'.repeat(TEXT_CAP - 1) + '😀' + 'b'.repeat(10);
    const { change, notes } = map({ pull: pull({ body }), issueComments: [{ id: 4, user: BOB, body: 'c'.repeat(TEXT_CAP + 5), created_at: '2024-01-10T10:00:00Z' }] });
    expect(change.commitMessage).toBe(`${'a'.repeat(TEXT_CAP - 1)}\n\n[… truncated: 11 characters not kept]`);
    expect(change.messages[0]?.text.startsWith('c'.repeat(TEXT_CAP))).toBe(true);
    expect(change.messages[0]?.text.endsWith('[… truncated: 5 characters not kept]')).toBe(true);
    expect(notes).toEqual(['acme/widgets#12 comment-4: text truncated, 5 characters not kept', 'acme/widgets#12 body: text truncated, 11 characters not kept']);
  });
  it('leaves texts at the cap alone', () => {
    expect(capText('x'.repeat(TEXT_CAP))).toEqual({ text: 'x'.repeat(TEXT_CAP), dropped: 0 });
    expect(capText('😀😀', 3)).toEqual({ text: '😀\n\n[… truncated: 1 characters not kept]', dropped: 1 });
  });
});

describe('mapPull: determinism', () => {
  it('gives the same bytes whatever order the records come in', () => {
    const reviews = [
      review('APPROVED', BOB, { submitted_at: '2024-01-10T12:00:00Z' }),
      review('CHANGES_REQUESTED', CAROL, { submitted_at: '2024-01-10T12:00:00Z', commit_id: 'head2' }),
      review('DISMISSED', BOB, { submitted_at: '2024-01-10T12:00:00Z' }),
    ];
    const issueComments = [1, 2, 3].map((id) => ({ id, user: [ALICE, BOB, CAROL][id - 1], body: `c${id}`, created_at: '2024-01-10T12:00:00Z' }));
    const reviewComments = [5, 6].map((id) => ({ id, user: CAROL, body: 'x', path: 'p', created_at: '2024-01-10T12:00:00Z', original_commit_id: `head${id - 4}` }));
    const a = map({ reviews, issueComments, reviewComments, timeline: [] });
    const b = map({ reviews: [...reviews].reverse(), issueComments: [...issueComments].reverse(), reviewComments: [...reviewComments].reverse(), timeline: [] });
    expect(JSON.stringify(b)).toBe(JSON.stringify(a));
    expect(JSON.stringify(map({ reviews, issueComments, reviewComments, timeline: [] }))).toBe(JSON.stringify(a));
  });
});
