/**
 * The GitHub simulator's records: a world's compact entries (github-world.ts) turned into the JSON
 * api.github.com sends for them (REST v3, 2022-11-28), with every URL derived from where the
 * simulator is reached (`api`) and its web base (`web`).
 */
import { GHOST, legacyNodeId, type GithubWorld, type UserRef, type WorldIssueComment, type WorldPull, type WorldRepo, type WorldReview, type WorldReviewComment, type WorldTimelineEvent, type WorldUser } from './github-world.ts';

type Json = Record<string, unknown>;

/** How a deleted account shows in a record (see github-world.ts). */
type DeletedAs = 'ghost' | 'null';

/** A world with look-ups, built once per world change. */
export class WorldIndex {
  readonly users = new Map<string, WorldUser>();
  readonly reposById = new Map<number, WorldRepo>();
  readonly reposByName = new Map<string, WorldRepo>();
  /** Earlier names (lower case) -> the repository now. */
  readonly renamed = new Map<string, WorldRepo>();
  private readonly pulls = new Map<string, WorldPull>();

  constructor(readonly world: GithubWorld) {
    for (const u of world.users) this.users.set(u.login.toLowerCase(), u);
    for (const r of world.repos) {
      this.reposById.set(r.id, r);
      this.reposByName.set(fullName(r).toLowerCase(), r);
      for (const old of r.renamedFrom ?? []) this.renamed.set(old.toLowerCase(), r);
    }
    for (const p of world.pulls) this.pulls.set(`${p.repo.toLowerCase()}#${p.number}`, p);
  }

  pull(repo: WorldRepo, n: number): WorldPull | undefined {
    return this.pulls.get(`${fullName(repo).toLowerCase()}#${n}`);
  }

  pullsOf(repo: WorldRepo): WorldPull[] {
    const name = fullName(repo).toLowerCase();
    return this.world.pulls.filter((p) => p.repo.toLowerCase() === name);
  }
}

export function fullName(r: WorldRepo): string {
  return `${r.owner}/${r.name}`;
}

export interface RenderContext {
  /** API base as the client reached it, e.g. http://127.0.0.1:4000 or …/api/v3 */
  api: string;
  /** Web base for html_url, e.g. https://github.com */
  web: string;
  index: WorldIndex;
}

const REACTIONS = ['+1', '-1', 'laugh', 'hooray', 'confused', 'heart', 'rocket', 'eyes'] as const;

function reactions(url: string): Json {
  return { url: `${url}/reactions`, total_count: 0, ...Object.fromEntries(REACTIONS.map((r) => [r, 0])) };
}

export function userObject(ctx: RenderContext, u: WorldUser): Json {
  const url = `${ctx.api}/users/${u.login}`;
  return {
    login: u.login,
    id: u.id,
    node_id: u.node_id ?? legacyNodeId(u.type === 'Organization' ? 'Organization' : u.type === 'Bot' ? 'Bot' : 'User', u.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${u.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: u.type === 'Bot' ? `${ctx.web}/apps/${u.login.replace(/\[bot\]$/, '')}` : `${ctx.web}/${u.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: u.type,
    user_view_type: 'public',
    site_admin: u.site_admin ?? false,
  };
}

/** The user object for a reference, or null; a deleted account as `deletedAs` says. */
export function userRef(ctx: RenderContext, login: UserRef | undefined, deletedAs: DeletedAs): Json | null {
  if (login === null || login === undefined) return null;
  const u = ctx.index.users.get(login.toLowerCase());
  if (!u) throw new Error(`the world has no user "${login}"`);
  if (u.deleted) return deletedAs === 'ghost' ? userObject(ctx, GHOST) : null;
  return userObject(ctx, u);
}

/** A repository as GET /repos/{o}/{r} (`full`) or a listing sends it. */
export function repoObject(ctx: RenderContext, r: WorldRepo, full: boolean): Json {
  const name = fullName(r);
  const url = `${ctx.api}/repos/${name}`;
  const owner = userRef(ctx, r.owner, 'ghost');
  const out: Json = {
    id: r.id,
    node_id: r.node_id ?? legacyNodeId('Repository', r.id),
    name: r.name,
    full_name: name,
    private: r.private ?? false,
    owner,
    html_url: `${ctx.web}/${name}`,
    description: r.description ?? null,
    fork: r.fork ?? false,
    url,
    forks_url: `${url}/forks`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    comments_url: `${url}/comments{/number}`,
    git_url: `git://${new URL(ctx.web).host}/${name}.git`,
    clone_url: `${ctx.web}/${name}.git`,
    created_at: r.created_at,
    updated_at: r.updated_at,
    pushed_at: r.pushed_at,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: r.language ?? null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: false,
    has_pages: false,
    has_discussions: false,
    forks_count: 0,
    mirror_url: null,
    archived: r.archived ?? false,
    disabled: false,
    open_issues_count: ctx.index.pullsOf(r).filter((p) => p.state === 'open').length,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: r.topics ?? [],
    visibility: r.private ? 'private' : 'public',
    forks: 0,
    open_issues: ctx.index.pullsOf(r).filter((p) => p.state === 'open').length,
    watchers: 0,
    default_branch: r.default_branch ?? 'main',
  };
  if (full) {
    out.network_count = 0;
    out.subscribers_count = 0;
    const o = ctx.index.users.get(r.owner.toLowerCase());
    if (o?.type === 'Organization') out.organization = owner;
  }
  return out;
}

function branchObject(ctx: RenderContext, repo: WorldRepo | null, ref: string, sha: string): Json {
  const ownerLogin = repo?.owner ?? 'ghost';
  return { label: `${ownerLogin}:${ref}`, ref, sha, user: repo ? userRef(ctx, repo.owner, 'ghost') : userObject(ctx, GHOST), repo: repo ? repoObject(ctx, repo, false) : null };
}

function labelObject(ctx: RenderContext, repo: WorldRepo, l: NonNullable<WorldPull['labels']>[number]): Json {
  return { id: l.id, node_id: legacyNodeId('Label', l.id), url: `${ctx.api}/repos/${fullName(repo)}/labels/${encodeURIComponent(l.name)}`, name: l.name, color: l.color, default: l.default ?? false, description: l.description ?? null };
}

function headRepo(ctx: RenderContext, repo: WorldRepo, p: WorldPull): WorldRepo | null {
  if (p.head.repo === null) return null;
  if (p.head.repo === undefined) return repo;
  return ctx.index.reposByName.get(p.head.repo.toLowerCase()) ?? null;
}

/** A pull as the list sends it, or (`full`) as GET /pulls/{n} does, with the counts and merge fields. */
export function pullObject(ctx: RenderContext, repo: WorldRepo, p: WorldPull, full: boolean): Json {
  const name = fullName(repo);
  const url = `${ctx.api}/repos/${name}/pulls/${p.number}`;
  const html = `${ctx.web}/${name}/pull/${p.number}`;
  const issue = `${ctx.api}/repos/${name}/issues/${p.number}`;
  const assignees = (p.assignees ?? []).map((l) => userRef(ctx, l, 'ghost'));
  const out: Json = {
    url,
    id: p.id,
    node_id: p.node_id ?? legacyNodeId('PullRequest', p.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issue,
    number: p.number,
    state: p.state,
    locked: p.locked ?? false,
    title: p.title,
    user: userRef(ctx, p.user, 'ghost'),
    body: p.body,
    created_at: p.created_at,
    updated_at: p.updated_at,
    closed_at: p.closed_at,
    merged_at: p.merged_at,
    merge_commit_sha: p.merge_commit_sha ?? null,
    assignee: assignees[0] ?? null,
    assignees,
    requested_reviewers: (p.requested_reviewers ?? []).map((l) => userRef(ctx, l, 'ghost')),
    requested_teams: [],
    labels: (p.labels ?? []).map((l) => labelObject(ctx, repo, l)),
    milestone: null,
    draft: p.draft ?? false,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${ctx.api}/repos/${name}/pulls/comments{/number}`,
    comments_url: `${issue}/comments`,
    statuses_url: `${ctx.api}/repos/${name}/statuses/${p.head.sha}`,
    head: branchObject(ctx, headRepo(ctx, repo, p), p.head.ref, p.head.sha),
    base: branchObject(ctx, repo, p.base.ref, p.base.sha),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issue },
      comments: { href: `${issue}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${ctx.api}/repos/${name}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: `${ctx.api}/repos/${name}/statuses/${p.head.sha}` },
    },
    author_association: p.author_association,
    auto_merge: null,
    active_lock_reason: null,
  };
  if (!full) return out;
  const merged = p.merged_at !== null;
  return {
    ...out,
    merged,
    mergeable: p.state === 'open' ? true : null,
    rebaseable: p.state === 'open' ? true : null,
    mergeable_state: p.state === 'open' ? (p.draft ? 'draft' : 'clean') : 'unknown',
    merged_by: merged ? userRef(ctx, p.merged_by, 'ghost') : null,
    comments: (p.issueComments ?? []).length,
    review_comments: (p.reviewComments ?? []).length,
    maintainer_can_modify: false,
    commits: p.commits,
    additions: p.additions,
    deletions: p.deletions,
    changed_files: p.changed_files,
  };
}

/** Reviews the public sees: a PENDING one is its author's draft. */
export function visibleReviews(p: WorldPull): WorldReview[] {
  return (p.reviews ?? []).filter((r) => r.state !== 'PENDING');
}

export function reviewObject(ctx: RenderContext, repo: WorldRepo, p: WorldPull, r: WorldReview): Json {
  const pullUrl = `${ctx.api}/repos/${fullName(repo)}/pulls/${p.number}`;
  const html = `${ctx.web}/${fullName(repo)}/pull/${p.number}#pullrequestreview-${r.id}`;
  const out: Json = {
    id: r.id,
    node_id: r.node_id ?? legacyNodeId('PullRequestReview', r.id),
    user: userRef(ctx, r.user, 'null'),
    body: r.body,
    state: r.state,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: r.author_association,
    _links: { html: { href: html }, pull_request: { href: pullUrl } },
  };
  if (r.submitted_at !== undefined) out.submitted_at = r.submitted_at;
  out.commit_id = r.commit_id;
  return out;
}

export function reviewCommentObject(ctx: RenderContext, repo: WorldRepo, p: WorldPull, c: WorldReviewComment): Json {
  const name = fullName(repo);
  const url = `${ctx.api}/repos/${name}/pulls/comments/${c.id}`;
  const pullUrl = `${ctx.api}/repos/${name}/pulls/${p.number}`;
  const html = `${ctx.web}/${name}/pull/${p.number}#discussion_r${c.id}`;
  const out: Json = {
    url,
    pull_request_review_id: c.pull_request_review_id,
    id: c.id,
    node_id: c.node_id ?? legacyNodeId('PullRequestReviewComment', c.id),
    diff_hunk: c.diff_hunk,
    path: c.path,
    position: c.position ?? c.line,
    original_position: c.original_position ?? c.position ?? c.line ?? 1,
    commit_id: c.commit_id,
    original_commit_id: c.original_commit_id ?? c.commit_id,
    user: userRef(ctx, c.user, 'null'),
    body: c.body,
    created_at: c.created_at,
    updated_at: c.updated_at,
    html_url: html,
    pull_request_url: pullUrl,
    author_association: c.author_association,
    _links: { self: { href: url }, html: { href: html }, pull_request: { href: pullUrl } },
    reactions: reactions(url),
    start_line: c.start_line ?? null,
    original_start_line: c.start_line ?? null,
    start_side: c.start_line ? (c.side ?? 'RIGHT') : null,
    line: c.line,
    original_line: c.original_line ?? c.line,
    side: c.side ?? 'RIGHT',
    subject_type: c.subject_type ?? 'line',
  };
  if (c.in_reply_to_id !== undefined) out.in_reply_to_id = c.in_reply_to_id;
  return out;
}

export function issueCommentObject(ctx: RenderContext, repo: WorldRepo, p: WorldPull, c: WorldIssueComment): Json {
  const name = fullName(repo);
  const url = `${ctx.api}/repos/${name}/issues/comments/${c.id}`;
  return {
    url,
    html_url: `${ctx.web}/${name}/pull/${p.number}#issuecomment-${c.id}`,
    issue_url: `${ctx.api}/repos/${name}/issues/${p.number}`,
    id: c.id,
    node_id: c.node_id ?? legacyNodeId('IssueComment', c.id),
    user: userRef(ctx, c.user, 'ghost'),
    created_at: c.created_at,
    updated_at: c.updated_at,
    author_association: c.author_association,
    body: c.body,
    reactions: reactions(url),
    performed_via_github_app: null,
  };
}

function eventObject(ctx: RenderContext, repo: WorldRepo, e: WorldTimelineEvent): Json {
  const name = fullName(repo);
  const out: Json = {
    id: e.id,
    node_id: e.node_id ?? legacyNodeId(`${e.event.replace(/(^|_)(\w)/g, (_m, _s, c: string) => c.toUpperCase())}Event`, e.id),
    url: `${ctx.api}/repos/${name}/issues/events/${e.id}`,
    actor: userRef(ctx, e.actor, 'ghost'),
    event: e.event,
    commit_id: e.commit_id ?? null,
    commit_url: e.commit_id ? `${ctx.api}/repos/${name}/commits/${e.commit_id}` : null,
    created_at: e.created_at,
    performed_via_github_app: null,
  };
  if (e.label) out.label = e.label;
  if (e.requested_reviewer !== undefined) {
    out.review_requester = out.actor;
    out.requested_reviewer = userRef(ctx, e.requested_reviewer, 'ghost');
  }
  if (e.rename) out.rename = e.rename;
  return out;
}

/**
 * The issue timeline: the listed events, the conversation comments (`commented`) and the reviews
 * (`reviewed`, state in lower case and no created_at, as GitHub sends them), oldest first.
 */
export function timelineObjects(ctx: RenderContext, repo: WorldRepo, p: WorldPull): Json[] {
  const entries: { at: string; id: number; json: Json }[] = [];
  for (const e of p.timeline ?? []) entries.push({ at: e.created_at, id: e.id, json: eventObject(ctx, repo, e) });
  for (const c of p.issueComments ?? []) {
    const json = issueCommentObject(ctx, repo, p, c);
    entries.push({ at: c.created_at, id: c.id, json: { ...json, event: 'commented', actor: json.user } });
  }
  for (const r of visibleReviews(p)) {
    const json = reviewObject(ctx, repo, p, r);
    entries.push({ at: r.submitted_at ?? '', id: r.id, json: { ...json, state: r.state.toLowerCase(), event: 'reviewed' } });
  }
  return entries.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : a.id - b.id)).map((e) => e.json);
}
