/**
 * What the GitHub simulator (github.ts) serves: a "world" of accounts, repositories and pull
 * requests with their reviews, inline (review) comments, conversation (issue) comments and
 * timeline events. It is plain JSON (a demo generator writes one to a file and
 * `npm run simulator -- --github world.json` serves it).
 *
 * Field names and values are GitHub's own (REST v3, api.github.com, API version 2022-11-28):
 * snake_case, ISO 8601 UTC times without milliseconds, review states in capitals, author
 * associations as GitHub spells them. What a world leaves out is what the simulator derives
 * when it answers, the way github.com does:
 *   - every `url`/`*_url` from the simulator's own address, every `html_url` from its web base
 *     (`https://github.com` unless told otherwise), `_links`, and legacy `node_id`s
 *     (base64 of "0<len>:<Type><id>", e.g. MDQ6VXNlcjE= for user 1), unless a record gives one;
 *   - user objects (login, id, node_id, avatar_url, type, site_admin, …) from `users`;
 *   - the pull list's short records and the single pull's full ones (additions, deletions,
 *     changed_files, commits, merged, merged_by, mergeable, comments, review_comments);
 *   - `commented` and `reviewed` timeline entries from the pull's comments and reviews,
 *     mixed in time order with the events listed here.
 *
 * Accounts are referred to by login. A deleted account (`deleted: true`) is sent as GitHub
 * sends them, which differs by record: as the `ghost` user (id 10137) on pulls, conversation
 * comments and timeline events, and as `user: null` on reviews and inline comments. A
 * reference may also be `null` outright (a record whose author GitHub no longer knows).
 */

export type AccountType = 'User' | 'Bot' | 'Organization';

/** GitHub's `author_association` values. */
export type AuthorAssociation = 'OWNER' | 'MEMBER' | 'COLLABORATOR' | 'CONTRIBUTOR' | 'FIRST_TIME_CONTRIBUTOR' | 'FIRST_TIMER' | 'MANNEQUIN' | 'NONE';

/** A login from `users`, or null for a record sent with `user: null`. */
export type UserRef = string | null;

export interface WorldUser {
  id: number;
  /** Bots' logins end in `[bot]` (e.g. `dependabot[bot]`) and have type Bot. */
  login: string;
  type: AccountType;
  /** A deleted account: its records show `ghost` or `null` instead (see the file comment). It has no repositories. */
  deleted?: boolean;
  site_admin?: boolean;
  node_id?: string;
}

export interface WorldRepo {
  id: number;
  /** Login of the owning user or organization (in `users`). */
  owner: string;
  name: string;
  /**
   * Earlier full names (`owner/name`), oldest first: a renamed or transferred repository.
   * GET /repos/<earlier>/... answers 301 Moved Permanently to /repositories/<id>/...
   */
  renamedFrom?: string[];
  description?: string | null;
  fork?: boolean;
  archived?: boolean;
  /** Listed and served only with a token (anonymous requests get 404, as on github.com). */
  private?: boolean;
  default_branch?: string;
  language?: string | null;
  topics?: string[];
  created_at: string;
  updated_at: string;
  pushed_at: string;
  node_id?: string;
}

export interface WorldLabel {
  id: number;
  name: string;
  /** Six hex digits without `#`. */
  color: string;
  description?: string | null;
  default?: boolean;
}

export interface WorldPull {
  /** Current full name of the repository (`owner/name`, a repo in `repos`). */
  repo: string;
  /** Per repository, shared with issues. */
  number: number;
  /** Global id. */
  id: number;
  title: string;
  body: string | null;
  user: UserRef;
  state: 'open' | 'closed';
  draft?: boolean;
  locked?: boolean;
  created_at: string;
  updated_at: string;
  closed_at: string | null;
  merged_at: string | null;
  merged_by?: UserRef;
  merge_commit_sha?: string | null;
  /** `repo`: the head repository's full name when it is a fork; null when the fork was deleted; absent = the base repository. */
  head: { ref: string; sha: string; repo?: string | null };
  base: { ref: string; sha: string };
  labels?: WorldLabel[];
  requested_reviewers?: string[];
  assignees?: string[];
  author_association: AuthorAssociation;
  additions: number;
  deletions: number;
  changed_files: number;
  commits: number;
  reviews?: WorldReview[];
  reviewComments?: WorldReviewComment[];
  issueComments?: WorldIssueComment[];
  /** Events other than comments and reviews (those are derived): head_ref_force_pushed, labeled, closed, merged, … */
  timeline?: WorldTimelineEvent[];
  node_id?: string;
}

export type ReviewState = 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED' | 'DISMISSED' | 'PENDING';

export interface WorldReview {
  id: number;
  user: UserRef;
  /** Empty string when the review has no text (GitHub sends "" then, not null). */
  body: string;
  /** PENDING reviews are their author's draft: never listed (no token here is their author). */
  state: ReviewState;
  /** Absent for PENDING. */
  submitted_at?: string;
  /** The head commit the review was made on. */
  commit_id: string;
  author_association: AuthorAssociation;
  node_id?: string;
}

export interface WorldReviewComment {
  id: number;
  /** The review it belongs to (GitHub makes a COMMENTED review for a lone inline comment). */
  pull_request_review_id: number | null;
  user: UserRef;
  body: string;
  path: string;
  /** Line in the file at `commit_id`; null when the line is gone (outdated comment). */
  line: number | null;
  original_line?: number | null;
  /** First line of a multi-line comment. */
  start_line?: number | null;
  side?: 'LEFT' | 'RIGHT';
  /** Legacy diff position; null when outdated. */
  position?: number | null;
  original_position?: number | null;
  commit_id: string;
  original_commit_id?: string;
  diff_hunk: string;
  /** The comment this one answers (the first of its thread). */
  in_reply_to_id?: number;
  subject_type?: 'line' | 'file';
  created_at: string;
  updated_at: string;
  author_association: AuthorAssociation;
  node_id?: string;
}

export interface WorldIssueComment {
  id: number;
  user: UserRef;
  body: string;
  created_at: string;
  updated_at: string;
  author_association: AuthorAssociation;
  node_id?: string;
}

/**
 * A timeline event as GET /repos/{o}/{r}/issues/{n}/timeline lists it. The fields beside
 * id/event/actor/created_at depend on the event, as on GitHub: head_ref_force_pushed and
 * merged/closed/referenced carry `commit_id` (null when none), labeled/unlabeled a `label`,
 * review_requested a `requested_reviewer` (a login), renamed a `rename`.
 */
export interface WorldTimelineEvent {
  id: number;
  event: string;
  actor: UserRef;
  created_at: string;
  commit_id?: string | null;
  label?: { name: string; color: string };
  requested_reviewer?: string;
  rename?: { from: string; to: string };
  node_id?: string;
}

export interface GithubWorld {
  users: WorldUser[];
  repos: WorldRepo[];
  pulls: WorldPull[];
}

/** Who GitHub shows for a deleted account's pulls and comments. */
export const GHOST: WorldUser = { id: 10137, login: 'ghost', type: 'User', node_id: 'MDQ6VXNlcjEwMTM3' };
