/**
 * A small fixed GitHub world for tests: an organization with a renamed repository, an archived one
 * and a fork, a user's own repository, a bot, a deleted account, and pulls in every state
 * (open, draft, merged, closed unmerged) with reviews of each kind, inline threads, conversation
 * comments and force pushes. Invented names only.
 */
import type { GithubWorld, WorldPull, WorldUser } from './github-world.ts';

export interface SampleWorldOptions {
  /** Pulls in aurora/nova (default 7); the other repositories get one each. */
  pulls?: number;
}

const USERS: WorldUser[] = [
  { id: 100, login: 'aurora', type: 'Organization' },
  { id: 1, login: 'alice', type: 'User' },
  { id: 2, login: 'bob', type: 'User' },
  { id: 3, login: 'carol', type: 'User', site_admin: false },
  { id: 4, login: 'gone-user', type: 'User', deleted: true },
  { id: 49699333, login: 'dependabot[bot]', type: 'Bot' },
];

const at = (day: number, hour = 10): string => new Date(Date.UTC(2024, 0, 1 + day, hour)).toISOString().replace('.000Z', 'Z');
const sha = (seed: number): string => (seed * 2654435761).toString(16).padStart(8, '0').repeat(5).slice(0, 40);

/** Pull `n` of aurora/nova: its kind comes from n so every kind is there from 5 pulls on. */
function novaPull(n: number, total: number): WorldPull {
  const kind = n % 5; // 0 merged, 1 open, 2 draft, 3 closed unmerged, 4 merged by a bot-made change
  const created = at(n * 2);
  const updated = at(n * 2 + 1, 10 + (n % 7));
  const author = kind === 4 ? 'dependabot[bot]' : n % 4 === 3 ? 'gone-user' : ['alice', 'bob', 'carol'][n % 3]!;
  const head = sha(n * 31 + 1);
  const merged = kind === 0 || kind === 4;
  const closed = merged || kind === 3;
  const id = 2_000_000 + n;
  return {
    repo: 'aurora/nova',
    number: n,
    id,
    title: `Change number ${n} of ${total}`,
    body: n % 6 === 5 ? null : `Body of pull ${n}.\n\nSecond paragraph.`,
    user: author,
    state: closed ? 'closed' : 'open',
    draft: kind === 2,
    created_at: created,
    updated_at: updated,
    closed_at: closed ? updated : null,
    merged_at: merged ? updated : null,
    merged_by: merged ? 'alice' : null,
    merge_commit_sha: merged ? sha(n * 31 + 2) : null,
    head: { ref: kind === 4 ? `dependabot/npm/lib-${n}` : `topic-${n}`, sha: head, ...(n % 7 === 6 ? { repo: null } : {}) },
    base: { ref: 'main', sha: sha(n * 31 + 3) },
    labels: n % 2 ? [{ id: 900 + (n % 3), name: ['bug', 'enhancement', 'docs'][n % 3]!, color: 'd73a4a' }] : [],
    requested_reviewers: kind === 1 ? ['carol'] : [],
    author_association: author === 'alice' ? 'MEMBER' : author === 'dependabot[bot]' ? 'NONE' : 'CONTRIBUTOR',
    additions: 10 * n,
    deletions: n,
    changed_files: 1 + (n % 4),
    commits: 1 + (n % 3),
    reviews: [
      { id: id * 10 + 1, user: 'bob', body: 'Please fix the naming.', state: 'CHANGES_REQUESTED', submitted_at: at(n * 2, 12), commit_id: sha(n * 31 + 4), author_association: 'MEMBER' },
      { id: id * 10 + 2, user: n % 3 === 0 ? 'gone-user' : 'carol', body: '', state: 'COMMENTED', submitted_at: at(n * 2, 13), commit_id: sha(n * 31 + 4), author_association: 'CONTRIBUTOR' },
      ...(merged ? [{ id: id * 10 + 3, user: 'alice', body: 'Looks good.', state: 'APPROVED' as const, submitted_at: at(n * 2, 15), commit_id: head, author_association: 'MEMBER' as const }] : []),
      ...(kind === 3 ? [{ id: id * 10 + 4, user: 'alice', body: 'Not this way.', state: 'DISMISSED' as const, submitted_at: at(n * 2, 16), commit_id: head, author_association: 'MEMBER' as const }] : []),
      { id: id * 10 + 5, user: 'carol', body: 'draft', state: 'PENDING', commit_id: head, author_association: 'CONTRIBUTOR' },
    ],
    reviewComments: [
      { id: id * 10 + 6, pull_request_review_id: id * 10 + 2, user: n % 3 === 0 ? 'gone-user' : 'carol', body: 'Why this name?', path: 'src/main.c', line: 12, side: 'RIGHT', commit_id: sha(n * 31 + 4), diff_hunk: '@@ -10,3 +10,4 @@\n context\n+added', created_at: at(n * 2, 13), updated_at: at(n * 2, 13), author_association: 'CONTRIBUTOR' },
      { id: id * 10 + 7, pull_request_review_id: id * 10 + 8, user: author, body: 'Renamed.', path: 'src/main.c', line: null, original_line: 12, position: null, original_position: 4, side: 'RIGHT', commit_id: head, original_commit_id: sha(n * 31 + 4), diff_hunk: '@@ -10,3 +10,4 @@\n context\n+added', in_reply_to_id: id * 10 + 6, created_at: at(n * 2, 14), updated_at: at(n * 2 + 1, 9), author_association: 'CONTRIBUTOR' },
    ],
    issueComments: [
      { id: id * 10 + 8, user: 'alice', body: 'Thanks!', created_at: at(n * 2, 11), updated_at: at(n * 2, 11), author_association: 'MEMBER' },
      { id: id * 10 + 9, user: n % 2 ? 'gone-user' : 'bob', body: 'Rebased on main.', created_at: at(n * 2, 14), updated_at: at(n * 2 + 1, 8), author_association: 'CONTRIBUTOR' },
    ],
    timeline: [
      { id: id * 10 + 10, event: 'head_ref_force_pushed', actor: author, created_at: at(n * 2, 14), commit_id: head },
      ...(n % 2 ? [{ id: id * 10 + 11, event: 'head_ref_force_pushed', actor: author, created_at: at(n * 2, 15), commit_id: head }] : []),
      ...(n % 2 ? [{ id: id * 10 + 12, event: 'labeled', actor: 'alice', created_at: at(n * 2, 11), label: { name: 'bug', color: 'd73a4a' } }] : []),
      ...(merged ? [{ id: id * 10 + 13, event: 'merged', actor: 'alice', created_at: updated, commit_id: sha(n * 31 + 2) }] : []),
      ...(closed ? [{ id: id * 10 + 14, event: 'closed', actor: 'alice', created_at: updated, commit_id: null }] : []),
    ],
  };
}

export function sampleGithubWorld(options: SampleWorldOptions = {}): GithubWorld {
  const total = options.pulls ?? 7;
  const pulls = Array.from({ length: total }, (_, i) => novaPull(i + 1, total));
  const one = (repo: string, number: number, id: number): WorldPull => ({ ...novaPull(number, total), repo, id, reviews: [], reviewComments: [], issueComments: [], timeline: [] });
  return {
    users: USERS.map((u) => ({ ...u })),
    repos: [
      { id: 5001, owner: 'aurora', name: 'nova', renamedFrom: ['aurora/old-nova'], description: 'The main project', default_branch: 'main', language: 'C', created_at: at(0), updated_at: at(40), pushed_at: at(40) },
      { id: 5002, owner: 'aurora', name: 'docs', archived: true, description: null, created_at: at(1), updated_at: at(2), pushed_at: at(2) },
      { id: 5003, owner: 'aurora', name: 'nova-fork', fork: true, created_at: at(3), updated_at: at(3), pushed_at: at(3) },
      { id: 5004, owner: 'aurora', name: 'secret', private: true, created_at: at(4), updated_at: at(4), pushed_at: at(4) },
      { id: 5005, owner: 'alice', name: 'tools', created_at: at(5), updated_at: at(6), pushed_at: at(6) },
    ],
    pulls: [...pulls, one('aurora/docs', 1, 3_000_001), one('alice/tools', 1, 3_000_002)],
  };
}
