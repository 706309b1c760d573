/**
 * A GitHub pull request (the pull, its reviews, review comments, conversation
 * comments and timeline) -> the model's Change. Pure and deterministic: the
 * same records in any order give the same bytes out.
 *
 * docs/review-model.md says how each GitHub notion maps onto the review model
 * and where it does not compare with Gerrit; the comments here say why in short.
 */
import { nameLooksLikeBot } from '../../lib/bots.ts';
import type { Change, PatchSet, ReviewMessage, Vote } from '../../model/change.ts';
import { maskDeep, type Account } from '../../model/person.ts';
import {
  GithubParseError,
  isDeletedUser,
  isFullPull,
  parseIssueComments,
  parsePull,
  parseReviewComments,
  parseReviews,
  parseTimeline,
  type GithubIssueComment,
  type GithubPull,
  type GithubReview,
  type GithubReviewComment,
  type GithubTimelineEvent,
  type GithubUser,
  type Parsed,
} from './parse.ts';

/** What the driver fetched for one pull request: raw JSON (or records parse.ts already gave). */
export interface PullInput {
  /** The repository as configured or expanded (`owner/name`): the change's project. */
  repo: string;
  /** GET /pulls/{n} when fetched (sizes known), else the list's entry. */
  pull: unknown;
  reviews?: readonly unknown[];
  /** Review (diff line) comments, GET /pulls/{n}/comments. */
  reviewComments?: readonly unknown[];
  /** Conversation comments, GET /issues/{n}/comments. */
  issueComments?: readonly unknown[];
  /** GET /issues/{n}/timeline; leave out when not fetched (forcePushes then stays unknown). */
  timeline?: readonly unknown[];
  /** Names the repository had before (a rename or transfer), oldest first. */
  movedFrom?: readonly string[];
}

export interface MapContext {
  /** The source id from the config. */
  source: string;
  /** Web base to rewrite `html_url` links onto (the demo simulator, a proxy). */
  webUrl?: string;
  /** The config's `bots`: all-digit entries are user ids, the rest case-insensitive patterns for logins and names. */
  bots?: readonly string[];
}

export interface MappedPull {
  change: Change;
  /** What was skipped or cut, one line each, naming the record (for the sync log). */
  notes: string[];
}

/** Label every GitHub review lands on: approvals are what Gerrit's Code-Review records. */
export const REVIEW_LABEL = 'Code-Review';

/**
 * Associations whose approval counts toward merging under branch protection
 * (they can have write access), so their verdict weighs like a core reviewer's ±2.
 */
const CORE_ASSOCIATIONS: ReadonlySet<string> = new Set(['OWNER', 'MEMBER', 'COLLABORATOR']);

/** The one account every deleted user (null user, `ghost`) becomes. */
export const DELETED_ACCOUNT: Readonly<Account> = Object.freeze({ id: 'ghost', name: 'Deleted user', isBot: false });

/** Longest text kept per field, in UTF-16 code units (64 KiB). */
export const TEXT_CAP = 64 * 1024;

// ---------------------------------------------------------------- text

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;

/**
 * Caps a text at `cap` UTF-16 code units, never splitting a surrogate pair, and
 * says so visibly in the text. `dropped` counts characters (code points) not kept.
 */
export function capText(text: string, cap: number = TEXT_CAP): { text: string; dropped: number } {
  if (text.length <= cap) return { text, dropped: 0 };
  const cut = isHighSurrogate(text.charCodeAt(cap - 1)) ? cap - 1 : cap;
  let dropped = 0;
  for (const _ of text.slice(cut)) dropped++;
  return { text: `${text.slice(0, cut)}\n\n[… truncated: ${dropped} characters not kept]`, dropped };
}

// ---------------------------------------------------------------- accounts

interface Bots {
  ids: ReadonlySet<string>;
  patterns: readonly RegExp[];
}

const compiledBots = new WeakMap<readonly string[], Bots>();

/** The config's `bots` entries, compiled once per list. */
export function compileBots(entries: readonly string[] = []): Bots {
  const cached = compiledBots.get(entries);
  if (cached) return cached;
  const ids = new Set<string>();
  const patterns: RegExp[] = [];
  entries.forEach((entry, i) => {
    if (/^\s*\d+\s*$/.test(entry)) ids.add(entry.trim());
    else {
      try {
        patterns.push(new RegExp(entry, 'i'));
      } catch (err) {
        throw new Error(`bots[${i}] is not a valid regular expression: ${(err as Error).message}`, { cause: err });
      }
    }
  });
  const bots = { ids, patterns };
  compiledBots.set(entries, bots);
  return bots;
}

/** GitHub Apps are `type: Bot` with a `name[bot]` login; machine users are known by name or config only. */
function isBotUser(user: NonNullable<GithubUser>, bots: Bots): boolean {
  if (user.type === 'Bot' || /\[bot\]$/i.test(user.login) || bots.ids.has(String(user.id))) return true;
  return nameLooksLikeBot({ name: user.name ?? undefined, username: user.login }, bots.patterns);
}

class Accounts {
  private readonly byId = new Map<string, Account>();
  constructor(private readonly bots: Bots) {}

  /** The account id of a user, remembering the account (copied field by field: never an `email`). */
  add(user: GithubUser): string {
    if (user === null || isDeletedUser(user)) {
      this.byId.set(DELETED_ACCOUNT.id, { ...DELETED_ACCOUNT });
      return DELETED_ACCOUNT.id;
    }
    const id = String(user.id);
    const prev = this.byId.get(id);
    // Only /users sends a display name; keep it when one record has it.
    const name = user.name?.trim() || prev?.name || user.login;
    this.byId.set(id, { id, name, username: user.login, isBot: (prev?.isBot ?? false) || isBotUser(user, this.bots) });
    return id;
  }

  /** Sorted by id, so the stored bytes do not depend on the order records came in. */
  record(): Record<string, Account> {
    const out: Record<string, Account> = {};
    for (const id of [...this.byId.keys()].sort()) out[id] = this.byId.get(id)!;
    return out;
  }
}

// ---------------------------------------------------------------- links

/** `html_url` moved onto `webUrl` (same path, query and fragment), when one is set. */
export function rewriteWebUrl(htmlUrl: string, webUrl: string | undefined): string {
  if (!webUrl) return htmlUrl;
  let path: string;
  try {
    const u = new URL(htmlUrl);
    path = `${u.pathname}${u.search}${u.hash}`;
  } catch {
    path = htmlUrl.startsWith('/') ? htmlUrl : `/${htmlUrl}`;
  }
  return `${webUrl.replace(/\/+$/, '')}${path}`;
}

// ---------------------------------------------------------------- patch sets

interface Sighting {
  sha: string;
  date?: string;
  uploader?: string;
  /** Ties on date break by the record (kind, then id), never by input order, so numbering is deterministic. */
  kind: number;
  id: number;
}

function bySightingDate(a: Sighting, b: Sighting): number {
  if (a.date !== b.date) {
    if (a.date === undefined) return 1;
    if (b.date === undefined) return -1;
    return a.date < b.date ? -1 : 1;
  }
  return a.kind - b.kind || a.id - b.id || (a.sha < b.sha ? -1 : a.sha > b.sha ? 1 : 0);
}

/** Sighting kinds, in the order that wins a tie. */
const SEEN_IN = { forcePush: 0, review: 1, inline: 2 } as const;

/**
 * Patch sets from the head commits the records name: reviews (`commit_id`),
 * review comments (`original_commit_id`, the commit they were written on) and
 * force pushes (`commit_id`, the new head). Each is dated by when it was first
 * seen as the head; the current head comes last whatever its dates.
 */
function patchSetsOf(pull: GithubPull, sightings: readonly Sighting[]): PatchSet[] {
  const first = new Map<string, Sighting>();
  for (const s of [...sightings].sort(bySightingDate)) {
    const prev = first.get(s.sha);
    if (!prev) first.set(s.sha, { ...s });
    else if (!prev.uploader && s.uploader) prev.uploader = s.uploader;
  }
  const head = first.get(pull.head.sha) ?? { sha: pull.head.sha, kind: 0, id: 0 };
  first.delete(pull.head.sha);
  return [...first.values(), head].map((s, i) => {
    const ps: PatchSet = { number: i + 1, revision: s.sha };
    if (s.date) ps.created = s.date;
    if (s.uploader) ps.uploader = s.uploader;
    return ps;
  });
}

// ---------------------------------------------------------------- votes and messages

function voteValue(review: GithubReview): number | undefined {
  const core = CORE_ASSOCIATIONS.has(review.author_association?.toUpperCase() ?? '');
  if (review.state === 'APPROVED') return core ? 2 : 1;
  if (review.state === 'CHANGES_REQUESTED') return core ? -2 : -1;
  if (review.state === 'DISMISSED') return 0;
  return undefined;
}

const TYPE_ORDER: Record<NonNullable<ReviewMessage['type']>, number> = { review: 0, comment: 1, inline: 2 };

interface Sorted {
  msg: ReviewMessage;
  n: number;
}

function compareMessages(a: Sorted, b: Sorted): number {
  if (a.msg.date !== b.msg.date) return a.msg.date < b.msg.date ? -1 : 1;
  return TYPE_ORDER[a.msg.type ?? 'comment'] - TYPE_ORDER[b.msg.type ?? 'comment'] || a.n - b.n;
}

/**
 * Messages in the order a mapped pull keeps them: by date, then reviews,
 * conversation, inline comments, then as given. The driver merges stored
 * comments with it, so a merged pull reads as one mapped whole.
 */
export function orderMessages(messages: readonly ReviewMessage[]): ReviewMessage[] {
  return messages.map((msg, n) => ({ msg, n })).sort(compareMessages).map((m) => m.msg);
}

/** By date (undated last), voter, then review id: never by the order records came in. */
function compareVotes(a: { vote: Vote; n: number }, b: { vote: Vote; n: number }): number {
  const da = a.vote.date ?? '\uffff';
  const db = b.vote.date ?? '\uffff';
  if (da !== db) return da < db ? -1 : 1;
  if (a.vote.by !== b.vote.by) return a.vote.by < b.vote.by ? -1 : 1;
  return a.n - b.n;
}

// ---------------------------------------------------------------- the pull

function describeRawPull(repo: string, raw: unknown): string {
  const n = raw && typeof raw === 'object' ? (raw as Record<string, unknown>).number : undefined;
  return typeof n === 'number' ? `${repo}#${n}` : repo;
}

function statusOf(pull: GithubPull): Change['status'] {
  if (pull.merged_at !== undefined || pull.merged === true) return 'MERGED';
  return pull.state === 'closed' ? 'ABANDONED' : 'NEW';
}

/**
 * Parses one part; skipped records become notes. Undefined when the part is
 * absent, or is not a list at all (noted): the pull is mapped without it.
 */
function part<T>(parse: (json: unknown, where: string) => Parsed<T>, json: readonly unknown[] | undefined, where: string, notes: string[]): T[] | undefined {
  if (json === undefined) return undefined;
  try {
    const { records, skipped } = parse(json, where);
    for (const err of skipped) notes.push(`skipped ${err.message}`);
    return records;
  } catch (err) {
    if (!(err instanceof GithubParseError)) throw err;
    notes.push(`skipped ${err.message}`);
    return undefined;
  }
}

/** Everything mapPull builds, gathered by the steps below. */
class Builder {
  readonly notes: string[] = [];
  readonly sightings: Sighting[] = [];
  readonly votes: { vote: Vote; n: number }[] = [];
  readonly messages: Sorted[] = [];
  readonly accounts: Accounts;
  /** Patch set numbers are known only once every sighting is in, so records wait here. */
  private readonly patchSetOf: ((number: (sha: string | undefined) => number | undefined) => void)[] = [];

  constructor(
    readonly where: string,
    bots: Bots,
  ) {
    this.accounts = new Accounts(bots);
  }

  text(text: string, what: string): string {
    const capped = capText(text);
    if (capped.dropped) this.notes.push(`${this.where} ${what}: text truncated, ${capped.dropped} characters not kept`);
    return capped.text;
  }

  seen(sha: string | undefined, date: string | undefined, kind: number, id: number, uploader?: string): void {
    if (sha) this.sightings.push({ sha, date, uploader, kind, id });
  }

  message(msg: ReviewMessage, n: number, sha: string | undefined): void {
    this.messages.push({ msg, n });
    this.patchSetOf.push((number) => {
      const ps = number(sha);
      if (ps !== undefined) msg.patchSet = ps;
    });
  }

  vote(vote: Vote, n: number, sha: string | undefined): void {
    this.votes.push({ vote, n });
    this.patchSetOf.push((number) => {
      const ps = number(sha);
      if (ps !== undefined) vote.patchSet = ps;
    });
  }

  numberPatchSets(patchSets: readonly PatchSet[]): void {
    const bySha = new Map(patchSets.map((p) => [p.revision, p.number]));
    for (const set of this.patchSetOf) set((sha) => (sha ? bySha.get(sha) : undefined));
  }
}

function addReviews(b: Builder, reviews: readonly GithubReview[], comments: readonly GithubReviewComment[]): void {
  for (const r of reviews) {
    const by = b.accounts.add(r.user);
    const value = voteValue(r);
    b.seen(r.commit_id, r.submitted_at, SEEN_IN.review, r.id);
    if (value !== undefined) {
      const vote: Vote = { label: REVIEW_LABEL, value, by, state: r.state };
      if (r.submitted_at) vote.date = r.submitted_at;
      if (r.state === 'DISMISSED') vote.dismissed = true;
      b.vote(vote, r.id, r.commit_id);
    }
    const body = r.body ?? '';
    // A COMMENTED review without a body only wraps inline comments, which are messages of their own.
    if (!body.trim() && value === undefined) continue;
    // Early Enterprise reviews have no submitted_at: their inline comments' time is the best left.
    const date = r.submitted_at ?? comments.filter((c) => c.pull_request_review_id === r.id).map((c) => c.created_at).sort()[0];
    if (!date) {
      b.notes.push(`${b.where} review-${r.id}: no submitted_at, so no message (its vote is kept undated)`);
      continue;
    }
    b.message({ id: `review-${r.id}`, author: by, date, text: b.text(body, `review-${r.id}`), type: 'review', state: r.state }, r.id, r.commit_id);
  }
}

function addInlineComments(b: Builder, comments: readonly GithubReviewComment[]): void {
  for (const c of comments) {
    b.seen(c.original_commit_id, c.created_at, SEEN_IN.inline, c.id);
    const msg: ReviewMessage = { id: `inline-${c.id}`, author: b.accounts.add(c.user), date: c.created_at, text: b.text(c.body ?? '', `inline-${c.id}`), type: 'inline', path: c.path };
    // `position` is an offset into the diff, not a file line, so it is not used.
    const line = c.line ?? c.original_line;
    if (line !== undefined) msg.line = line;
    // The message id it answers, so a reader can find it among the messages.
    if (c.in_reply_to_id !== undefined) msg.inReplyTo = `inline-${c.in_reply_to_id}`;
    b.message(msg, c.id, c.original_commit_id);
  }
}

function addIssueComments(b: Builder, comments: readonly GithubIssueComment[]): void {
  for (const c of comments) {
    b.message({ id: `comment-${c.id}`, author: b.accounts.add(c.user), date: c.created_at, text: b.text(c.body ?? '', `comment-${c.id}`), type: 'comment' }, c.id, undefined);
  }
}

/** Counts force pushes, and records each new head (with who pushed it) as a sighting. */
function addTimeline(b: Builder, events: readonly GithubTimelineEvent[]): number {
  let forcePushes = 0;
  for (const e of events) {
    if (e.event !== 'head_ref_force_pushed') continue;
    forcePushes++;
    const uploader = e.actor === undefined ? undefined : b.accounts.add(e.actor);
    b.seen(e.commit_id, e.created_at, SEEN_IN.forcePush, e.id ?? 0, uploader);
  }
  return forcePushes;
}

/**
 * Maps one pull request. A record of a part that does not parse is skipped with
 * a note naming it; a pull that does not parse throws (a GithubParseError naming it).
 */
export function mapPull(input: PullInput, ctx: MapContext): MappedPull {
  if (!/^[^/\s]+\/[^/\s]+$/.test(input.repo)) throw new Error(`expected a repository as owner/name, got ${JSON.stringify(input.repo)}`);
  const pull = parsePull(input.pull, describeRawPull(input.repo, input.pull));
  const where = `${input.repo}#${pull.number}`;
  const b = new Builder(where, compileBots(ctx.bots));

  const allReviews = part(parseReviews, input.reviews, where, b.notes) ?? [];
  // Pending reviews are their author's private drafts, and so are their comments.
  const pending = new Set(allReviews.filter((r) => r.state === 'PENDING').map((r) => r.id));
  const reviews = allReviews.filter((r) => !pending.has(r.id));
  const inline = (part(parseReviewComments, input.reviewComments, where, b.notes) ?? []).filter((c) => c.pull_request_review_id === undefined || !pending.has(c.pull_request_review_id));
  const issueComments = part(parseIssueComments, input.issueComments, where, b.notes) ?? [];
  // An unreadable timeline leaves forcePushes unknown rather than 0.
  const timeline = part(parseTimeline, input.timeline, where, b.notes);

  const owner = b.accounts.add(pull.user);
  addReviews(b, reviews, inline);
  addInlineComments(b, inline);
  addIssueComments(b, issueComments);
  const forcePushes = timeline === undefined ? undefined : addTimeline(b, timeline);
  const patchSets = patchSetsOf(pull, b.sightings);
  b.numberPatchSets(patchSets);

  const ref = `${input.repo}/${pull.number}`;
  const body = pull.body ?? '';
  const change: Change = {
    number: pull.number,
    ref,
    changeId: pull.node_id ?? ref,
    project: input.repo,
    branch: pull.base.ref,
    hashtags: [...new Set(pull.labels.map((l) => l.name))].sort(),
    subject: b.text(pull.title, 'title'),
    status: statusOf(pull),
    owner,
    created: pull.created_at,
    updated: pull.updated_at,
    // The list form has no sizes: 0 until the single form is fetched.
    insertions: pull.additions ?? 0,
    deletions: pull.deletions ?? 0,
    patchSets,
    votes: [...b.votes].sort(compareVotes).map((v) => v.vote),
    messages: [...b.messages].sort(compareMessages).map((m) => m.msg),
    accounts: b.accounts.record(),
    url: rewriteWebUrl(pull.html_url, ctx.webUrl),
  };
  if (body.trim()) change.commitMessage = b.text(body, 'body');
  const submitted = pull.merged_at ?? (pull.merged === true ? pull.closed_at : undefined);
  if (submitted) change.submitted = submitted;
  if (isFullPull(pull)) change.filesChanged = pull.changed_files;
  if (pull.draft === true) change.draft = true;
  if (input.movedFrom?.length) change.movedFrom = [...input.movedFrom];
  if (forcePushes !== undefined) change.forcePushes = forcePushes;
  // Bodies and comments quote commit trailers (Signed-off-by: … <address>): addresses never reach the store.
  return { change: maskDeep(change), notes: b.notes };
}
