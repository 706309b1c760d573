import type { Rng } from './prng.ts';
import { GITHUB_END, GITHUB_START, type GithubPerson } from './github-people.ts';
import { diffHunk, type RepoKey } from './github-text.ts';
import type { WorldIssueComment, WorldLabel, WorldPull, WorldReview, WorldReviewComment, WorldTimelineEvent } from '../simulator/github-world.ts';

/**
 * Building one pull request as a story in time: pushes, reviews with inline comments and
 * their replies, conversation comments, timeline events, then merge or close. Whatever falls
 * after the demo's end is cut off (a pull merged "later" is still open at the sync).
 * Author associations are filled in afterwards (github.ts), as GitHub computes them when it
 * answers: from who is a member or contributor at the sync, the same on every record.
 */

export const iso = (t: number): string => new Date(Math.floor(t) * 1000).toISOString().replace('.000Z', 'Z');

type IdKind = 'pull' | 'review' | 'reviewComment' | 'issueComment' | 'event';

/** GitHub's ids grow with time, one sequence per record type; these mimic that (unique, roughly time-ordered). */
export class IdAllocator {
  private used = new Set<string>();
  private static readonly BASE: Record<IdKind, [number, number]> = {
    pull: [1_662_000_000, 12],
    review: [1_805_000_000, 18],
    reviewComment: [1_452_000_000, 9],
    issueComment: [1_881_000_000, 11],
    event: [11_420_000_000, 95],
  };

  next(kind: IdKind, t: number): number {
    const [base, rate] = IdAllocator.BASE[kind];
    let id = base + Math.floor((t - GITHUB_START) * rate);
    while (this.used.has(`${kind}:${id}`)) id++;
    this.used.add(`${kind}:${id}`);
    return id;
  }
}

export interface PullContext {
  rng: Rng;
  repo: RepoKey;
  fullName: string;
  ids: IdAllocator;
  labels: ReadonlyMap<string, WorldLabel>;
}

/** A record before associations are known: the world's type minus that field, plus when it happened. */
type Draft<T> = Omit<T, 'author_association'> & { at: number };
interface Head {
  sha: string;
  at: number;
}

export class PullBuilder {
  readonly heads: Head[];
  readonly reviews: Draft<WorldReview>[] = [];
  readonly reviewComments: Draft<WorldReviewComment>[] = [];
  readonly issueComments: Draft<WorldIssueComment>[] = [];
  readonly timeline: WorldTimelineEvent[] = [];
  labels: string[] = [];
  requested = new Set<string>();
  title: string;
  draft = false;
  locked = false;
  private closed: { at: number; by: string; merged: boolean } | undefined;
  private outdatedShare = 0.35;

  constructor(
    readonly ctx: PullContext,
    readonly number: number,
    readonly created: number,
    readonly author: string | null,
    title: string,
    public body: string | null,
    readonly branch: string,
    readonly files: string[],
    /** Full name of the fork the head lives in, null when that fork was deleted, undefined for the base repository. */
    readonly fork?: string | null,
  ) {
    this.title = title;
    this.heads = [{ sha: ctx.rng.hex(40), at: created }];
  }

  get head(): string {
    return (this.heads[this.heads.length - 1] as Head).sha;
  }
  get last(): number {
    const times = [this.created, ...this.heads.map((h) => h.at), ...this.reviews.map((r) => r.at), ...this.reviewComments.map((c) => c.at), ...this.issueComments.map((c) => c.at), ...this.timeline.map((e) => Date.parse(e.created_at) / 1000)];
    return Math.max(...times);
  }
  get isClosed(): boolean {
    return this.closed !== undefined;
  }

  event(at: number, event: string, actor: string | null, extra: Partial<WorldTimelineEvent> = {}): void {
    this.timeline.push({ id: this.ctx.ids.next('event', at), event, actor, created_at: iso(at), ...extra });
  }

  /** New commits on the branch; a force push (a rebase or amend) also shows in the timeline. */
  push(at: number, force: boolean): void {
    this.heads.push({ sha: this.ctx.rng.hex(40), at });
    if (force) this.event(at, 'head_ref_force_pushed', this.author, { commit_id: this.head });
  }

  label(at: number, name: string, actor: string | null): void {
    const label = this.ctx.labels.get(name);
    if (!label || this.labels.includes(name)) return;
    this.labels.push(name);
    this.event(at, 'labeled', actor, { label: { name: label.name, color: label.color } });
  }

  request(at: number, actor: string | null, reviewer: string): void {
    if (reviewer === this.author || this.requested.has(reviewer)) return;
    this.requested.add(reviewer);
    this.event(at, 'review_requested', actor, { requested_reviewer: reviewer });
  }

  comment(at: number, who: string | null, body: string): Draft<WorldIssueComment> {
    const c = { id: this.ctx.ids.next('issueComment', at), user: who, body, created_at: iso(at), updated_at: iso(at), at };
    this.issueComments.push(c);
    return c;
  }

  /** A submitted review, with `inline` comments on the current head (GitHub ties them to the review). */
  review(at: number, who: string | null, state: 'APPROVED' | 'CHANGES_REQUESTED' | 'COMMENTED', body: string, inline: string[] = []): Draft<WorldReview> {
    const r: Draft<WorldReview> = { id: this.ctx.ids.next('review', at), user: who, body, state, submitted_at: iso(at), commit_id: this.head, at };
    this.reviews.push(r);
    if (who !== null) this.requested.delete(who);
    inline.forEach((text, i) => this.inline(at - inline.length + i, r.id, who, text));
    return r;
  }

  private inline(at: number, reviewId: number, who: string | null, body: string, replyTo?: Draft<WorldReviewComment>): Draft<WorldReviewComment> {
    const rng = this.ctx.rng;
    const path = replyTo?.path ?? rng.pick(this.files);
    const spot = replyTo ? { hunk: replyTo.diff_hunk, line: replyTo.original_line ?? 1, position: replyTo.original_position ?? 1 } : diffHunk(rng, path);
    const c: Draft<WorldReviewComment> = {
      id: this.ctx.ids.next('reviewComment', at),
      pull_request_review_id: reviewId,
      user: who,
      body,
      path,
      line: spot.line,
      original_line: spot.line,
      start_line: null,
      side: 'RIGHT',
      position: spot.position,
      original_position: spot.position,
      commit_id: replyTo?.commit_id ?? this.head,
      original_commit_id: replyTo?.original_commit_id ?? this.head,
      diff_hunk: spot.hunk,
      subject_type: 'line',
      created_at: iso(at),
      updated_at: iso(at),
      at,
      ...(replyTo ? { in_reply_to_id: replyTo.id } : {}),
    };
    this.reviewComments.push(c);
    return c;
  }

  /** Threads the review's comments: answering an inline comment makes a COMMENTED review with an empty body, as on github.com. */
  reply(at: number, who: string | null, to: Draft<WorldReviewComment>, body: string): Draft<WorldReviewComment> {
    const root = to.in_reply_to_id ? (this.reviewComments.find((c) => c.id === to.in_reply_to_id) ?? to) : to;
    const r = this.review(at, who, 'COMMENTED', '');
    return this.inline(at, r.id, who, body, root);
  }

  /** Inline comments of a review (the ones that open a thread). */
  threadsOf(review: Draft<WorldReview>): Draft<WorldReviewComment>[] {
    return this.reviewComments.filter((c) => c.pull_request_review_id === review.id && c.in_reply_to_id === undefined);
  }

  dismiss(at: number, review: Draft<WorldReview>, by: string): void {
    review.state = 'DISMISSED';
    this.event(at, 'review_dismissed', by);
  }

  merge(at: number, by: string): void {
    this.closed = { at, by, merged: true };
  }
  close(at: number, by: string): void {
    this.closed = { at, by, merged: false };
  }

  /** Drops whatever happened after the demo's end: the pull is then as the sync sees it. */
  private cutOff(): void {
    const keep = <T extends { at: number }>(list: T[]) => list.splice(0, list.length, ...list.filter((x) => x.at <= GITHUB_END));
    keep(this.heads);
    keep(this.reviews);
    keep(this.issueComments);
    const reviewIds = new Set(this.reviews.map((r) => r.id));
    this.reviewComments.splice(0, this.reviewComments.length, ...this.reviewComments.filter((c) => c.at <= GITHUB_END && reviewIds.has(c.pull_request_review_id ?? -1)));
    this.timeline.splice(0, this.timeline.length, ...this.timeline.filter((e) => Date.parse(e.created_at) / 1000 <= GITHUB_END));
    if (this.closed && this.closed.at > GITHUB_END) this.closed = undefined;
  }

  /** Comments made before a later push: some lines are gone (outdated, `line: null`), the rest follow the new head. */
  private settleComments(): void {
    const rng = this.ctx.rng;
    const outdated = new Map<number, boolean>();
    for (const c of this.reviewComments) {
      const root = c.in_reply_to_id ?? c.id;
      const later = this.heads.filter((h) => h.at > c.at);
      if (!outdated.has(root)) outdated.set(root, later.length > 0 && rng.chance(this.outdatedShare));
      if (outdated.get(root)) {
        c.line = null;
        c.position = null;
        c.commit_id = c.original_commit_id ?? c.commit_id;
      } else if (later.length) {
        c.commit_id = (later[later.length - 1] as Head).sha;
      }
    }
  }

  finish(): PullDraft {
    this.cutOff();
    this.settleComments();
    const closed = this.closed;
    const merged = closed?.merged === true;
    const mergeSha = merged ? this.ctx.rng.hex(40) : null;
    if (closed) {
      // GitHub lists both for a merge: `merged` with the merge commit, then `closed` without one.
      if (merged) this.event(closed.at, 'merged', closed.by, { commit_id: mergeSha });
      this.event(closed.at, 'closed', closed.by, { commit_id: null });
      const branchGone = merged && this.fork === undefined && closed.at + 40 <= GITHUB_END && this.ctx.rng.chance(0.6);
      if (branchGone) this.event(closed.at + this.ctx.rng.int(2, 40), 'head_ref_deleted', closed.by);
    }
    this.timeline.sort((a, b) => a.created_at.localeCompare(b.created_at) || a.id - b.id);
    const updated = this.last;
    const pull: PullDraft = {
      repo: this.ctx.fullName,
      number: this.number,
      id: this.ctx.ids.next('pull', this.created),
      title: this.title,
      body: this.body,
      user: this.author,
      state: closed ? 'closed' : 'open',
      draft: this.draft && !closed,
      ...(this.locked ? { locked: true } : {}),
      created_at: iso(this.created),
      updated_at: iso(updated),
      closed_at: closed ? iso(closed.at) : null,
      merged_at: merged ? iso(closed.at) : null,
      merged_by: merged ? closed.by : null,
      merge_commit_sha: mergeSha,
      head: { ref: this.branch, sha: this.head, ...(this.fork !== undefined ? { repo: this.fork } : {}) },
      base: { ref: 'main', sha: this.ctx.rng.hex(40) },
      labels: this.labels.map((n) => this.ctx.labels.get(n) as WorldLabel),
      requested_reviewers: closed ? [] : [...this.requested],
      assignees: [],
      additions: 0,
      deletions: 0,
      changed_files: this.files.length,
      commits: this.heads.length,
      reviews: this.reviews.sort((a, b) => a.at - b.at || a.id - b.id),
      reviewComments: this.reviewComments.sort((a, b) => a.at - b.at || a.id - b.id),
      issueComments: this.issueComments.sort((a, b) => a.at - b.at || a.id - b.id),
      timeline: this.timeline,
      heads: this.heads.map((h) => h.sha),
    };
    const size = sizeOf(this.ctx.rng, this.files.length);
    pull.additions = size.additions;
    pull.deletions = size.deletions;
    return pull;
  }
}

function sizeOf(rng: Rng, files: number): { additions: number; deletions: number } {
  const additions = Math.max(1, Math.round(rng.logNormal(18 * files, 0.9)));
  return { additions, deletions: Math.round(additions * rng.next() * 0.6) };
}

/** A pull before author associations: its records still carry their `at`, and the heads it had. */
export interface PullDraft extends Omit<WorldPull, 'author_association' | 'reviews' | 'reviewComments' | 'issueComments'> {
  reviews: Draft<WorldReview>[];
  reviewComments: Draft<WorldReviewComment>[];
  issueComments: Draft<WorldIssueComment>[];
  /** Every head commit the pull had, oldest first. */
  heads: string[];
}

/** Someone active at `t` other than `not`, from `pool`. */
export function another(rng: Rng, pool: readonly GithubPerson[], t: number, not: readonly (string | null)[]): GithubPerson | undefined {
  const ok = pool.filter((p) => p.joined <= t && p.left > t && !not.includes(p.login));
  if (!ok.length) return undefined;
  return ok[rng.weighted(ok.map((p) => p.weight))];
}
