/**
 * Raw GitHub REST v3 JSON -> typed upstream records. Pure: parsed JSON in,
 * records (or errors naming where) out.
 *
 * Every schema is loose: GitHub adds fields all the time, and GitHub Enterprise
 * servers several years old lack newer ones (`draft`, `node_id`,
 * `author_association`, `line`/`original_line` on review comments,
 * `submitted_at` on early reviews), so only what the mapper reads is checked
 * and everything it can do without is optional. Unknown fields pass through
 * untouched; the mapper copies named fields only (never an `email`).
 */
import { isValid, parseISO } from 'date-fns';
import { z } from 'zod';
import { isoSeconds } from '../../lib/clock.ts';

// ---------------------------------------------------------------- times

const ISO_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$/i;

/**
 * A GitHub timestamp in the one form the store keeps: UTC, whole seconds, `Z`.
 * github.com always sends `2016-01-04T13:51:56Z`; Enterprise servers asked with a
 * `Time-Zone` header (and some proxies) send offsets, and a few send fractions.
 * A time without a zone is read as UTC (the API's documented default), never as
 * this machine's local time.
 */
export function githubTimeToIso(text: string): string | undefined {
  const t = text.trim().toUpperCase();
  if (!ISO_DATE_TIME.test(t)) return undefined;
  const zoned = /(?:Z|[+-]\d{2}(?::?\d{2})?)$/.test(t.slice(16)) ? t : `${t}Z`;
  const date = parseISO(zoned);
  return isValid(date) ? isoSeconds(date.getTime()) : undefined;
}

const Time = z.string().transform((v, ctx) => {
  const iso = githubTimeToIso(v);
  if (iso === undefined) {
    ctx.addIssue({ code: 'custom', message: `expected an ISO 8601 time like "2016-01-04T13:51:56Z", got ${JSON.stringify(v.slice(0, 40))}` });
    return z.NEVER;
  }
  return iso;
});

/** A time that may be null or absent (closed_at on an open pull, submitted_at on a pending review). */
const OptionalTime = Time.nullish().transform((v) => v ?? undefined);
const OptionalString = z.string().nullish().transform((v) => v ?? undefined);
const OptionalInt = z.number().int().nullish().transform((v) => v ?? undefined);

// ---------------------------------------------------------------- records

const UserObject = z.looseObject({
  login: z.string(),
  id: z.number().int(),
  node_id: z.string().optional(),
  /** `User`, `Bot` (GitHub Apps), `Organization`, `Mannequin` (imported placeholders). */
  type: z.string().optional(),
  /** Only the /users endpoints send a display name; embedded users have none. */
  name: OptionalString,
});

function isEmptyObject(v: unknown): boolean {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0;
}

/**
 * A user embedded in another record. A deleted account comes as `null` (or, in
 * some recorded data, as `{}` or not at all): all of these read as `null`. The
 * `ghost` account GitHub shows in their place is a deleted user too
 * (see isDeletedUser); it is kept as sent, and the mapper folds it in.
 */
export const GithubUser = z.preprocess((v) => (v === undefined || isEmptyObject(v) ? null : v), UserObject.nullable());
export type GithubUser = z.infer<typeof GithubUser>;

/** GitHub's stand-in for deleted accounts (github.com's is id 10137; each Enterprise server has its own). */
export const GHOST_LOGIN = 'ghost';

export function isDeletedUser(user: GithubUser): boolean {
  return user === null || user.login.toLowerCase() === GHOST_LOGIN;
}

export const GithubRepo = z.looseObject({
  id: z.number().int().optional(),
  node_id: z.string().optional(),
  name: z.string().optional(),
  full_name: z.string().regex(/^[^/\s]+\/[^/\s]+$/, 'expected owner/name'),
  owner: GithubUser.optional(),
  html_url: z.string().optional(),
  fork: z.boolean().optional(),
  archived: z.boolean().optional(),
  private: z.boolean().optional(),
  default_branch: z.string().optional(),
});
export type GithubRepo = z.infer<typeof GithubRepo>;

/** A label; very old payloads (and some proxies) give the bare name. */
const Label = z.union([z.string().transform((name) => ({ name })), z.looseObject({ name: z.string() })]);

/** `head` / `base`. `repo` is null when the fork the pull came from was deleted. */
const PullRef = z.looseObject({
  ref: z.string(),
  sha: z.string(),
  label: z.string().optional(),
  repo: GithubRepo.nullish().transform((v) => v ?? undefined),
});

const PullState = z.string().transform((v, ctx) => {
  const s = v.toLowerCase();
  if (s === 'open' || s === 'closed') return s;
  ctx.addIssue({ code: 'custom', message: `expected open or closed, got ${JSON.stringify(v.slice(0, 40))}` });
  return z.NEVER;
});

/**
 * A pull request, in either form: the list (GET /pulls) lacks `merged`,
 * `merged_by`, `additions`, `deletions`, `changed_files` and `commits`, which only
 * the single form (GET /pulls/{n}) has; `isFullPull` tells them apart.
 */
export const GithubPull = z.looseObject({
  id: z.number().int().optional(),
  node_id: z.string().optional(),
  number: z.number().int().positive(),
  state: PullState,
  title: z.string(),
  body: OptionalString,
  user: GithubUser,
  labels: z.array(Label).nullish().transform((v) => v ?? []),
  created_at: Time,
  updated_at: Time,
  closed_at: OptionalTime,
  merged_at: OptionalTime,
  /** Since 2019; absent on older Enterprise servers (and then the pull is not a draft). */
  draft: z.boolean().optional(),
  head: PullRef,
  base: PullRef,
  html_url: z.string(),
  author_association: z.string().optional(),
  // Single form only.
  merged: z.boolean().nullish().transform((v) => v ?? undefined),
  merged_by: GithubUser.optional(),
  additions: z.number().int().nonnegative().optional(),
  deletions: z.number().int().nonnegative().optional(),
  changed_files: z.number().int().nonnegative().optional(),
  commits: z.number().int().nonnegative().optional(),
});
export type GithubPull = z.infer<typeof GithubPull>;

/** Whether a pull came from GET /pulls/{n} (sizes known) rather than from the list. */
export function isFullPull(pull: GithubPull): boolean {
  return pull.additions !== undefined && pull.deletions !== undefined && pull.changed_files !== undefined;
}

/** The states GitHub gives reviews; others are kept as sent (upper-cased) and mapped to no vote. */
export const REVIEW_STATES = ['APPROVED', 'CHANGES_REQUESTED', 'COMMENTED', 'DISMISSED', 'PENDING'] as const;

export const GithubReview = z.looseObject({
  id: z.number().int(),
  node_id: z.string().optional(),
  user: GithubUser,
  body: OptionalString,
  state: z.string().min(1).transform((v) => v.toUpperCase()),
  html_url: z.string().optional(),
  /** The head commit the review was given on; null when that commit is gone. */
  commit_id: OptionalString,
  /** Absent on pending reviews, and on some early Enterprise servers' reviews. */
  submitted_at: OptionalTime,
  author_association: z.string().optional(),
});
export type GithubReview = z.infer<typeof GithubReview>;

/** A review comment: a comment on a line (or, since 2023, a whole file) of the diff. */
export const GithubReviewComment = z.looseObject({
  id: z.number().int(),
  node_id: z.string().optional(),
  pull_request_review_id: OptionalInt,
  user: GithubUser,
  body: OptionalString,
  path: z.string(),
  /** File line numbers (2020 on); older servers give only diff positions, which are not lines. */
  line: OptionalInt,
  original_line: OptionalInt,
  position: OptionalInt,
  original_position: OptionalInt,
  commit_id: OptionalString,
  original_commit_id: OptionalString,
  in_reply_to_id: OptionalInt,
  created_at: Time,
  updated_at: OptionalTime,
  html_url: z.string().optional(),
  author_association: z.string().optional(),
});
export type GithubReviewComment = z.infer<typeof GithubReviewComment>;

/** A comment on the conversation (the issue side of a pull request). */
export const GithubIssueComment = z.looseObject({
  id: z.number().int(),
  node_id: z.string().optional(),
  user: GithubUser,
  body: OptionalString,
  created_at: Time,
  updated_at: OptionalTime,
  html_url: z.string().optional(),
  author_association: z.string().optional(),
});
export type GithubIssueComment = z.infer<typeof GithubIssueComment>;

/**
 * A timeline event. Event types differ in shape (`committed` has no actor nor
 * created_at, `reviewed` has `user` and `submitted_at`), so only `event` is
 * required; the mapper reads `head_ref_force_pushed` (actor, created_at, and
 * commit_id, the new head, when the server fills it).
 */
export const GithubTimelineEvent = z.looseObject({
  event: z.string().min(1),
  id: OptionalInt,
  node_id: z.string().optional(),
  actor: GithubUser.optional(),
  created_at: OptionalTime,
  commit_id: OptionalString,
});
export type GithubTimelineEvent = z.infer<typeof GithubTimelineEvent>;

// ---------------------------------------------------------------- parsing

/** A record that did not parse, with where it was and why. */
export class GithubParseError extends Error {
  constructor(
    readonly where: string,
    readonly reason: string,
  ) {
    super(`${where}: ${reason}`);
    this.name = 'GithubParseError';
  }
}

function describeType(v: unknown): string {
  return v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v;
}

/** A zod path as `user.login`, `labels[2].name`. */
function pathText(path: readonly PropertyKey[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');
}

function joinWhere(where: string, path: string): string {
  if (!path) return where;
  if (!where) return path;
  return path.startsWith('[') ? `${where}${path}` : `${where}.${path}`;
}

/** Parses one record, or throws naming where and the first (up to three) problems. */
function parseOne<T extends z.ZodType>(schema: T, json: unknown, where: string): z.output<T> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  const first = result.error.issues[0];
  const at = joinWhere(where, first ? pathText(first.path) : '');
  const reasons = result.error.issues.slice(0, 3).map((issue, i) => (i === 0 ? issue.message : `${pathText(issue.path) || '(record)'}: ${issue.message}`));
  throw new GithubParseError(at, reasons.join('; '));
}

/** Records that parsed, and one error per record that did not (each naming it). */
export interface Parsed<T> {
  records: T[];
  skipped: GithubParseError[];
}

/**
 * Parses a list response record by record: a bad record is skipped (and named),
 * the rest kept. Throws only when the response is not an array at all.
 */
function parseEach<T extends z.ZodType>(schema: T, json: unknown, where: string): Parsed<z.output<T>> {
  if (!Array.isArray(json)) throw new GithubParseError(where, `expected a JSON array, got ${describeType(json)}`);
  const records: z.output<T>[] = [];
  const skipped: GithubParseError[] = [];
  json.forEach((entry, i) => {
    try {
      records.push(parseOne(schema, entry, `${where}[${i}]`));
    } catch (err) {
      if (!(err instanceof GithubParseError)) throw err;
      skipped.push(err);
    }
  });
  return { records, skipped };
}

/** `where` for a pull's parts: `owner/name#12` then the list name. */
function partWhere(where: string, part: string): string {
  return where ? `${where} ${part}` : part;
}

/** GET /repos/{o}/{r}/pulls/{n} (or one entry of the list). Throws naming `where` ("owner/name#12"). */
export function parsePull(json: unknown, where: string): GithubPull {
  return parseOne(GithubPull, json, partWhere(where, 'pull'));
}

/** GET /repos/{o}/{r}/pulls (one page). `where` is the repository ("owner/name"). */
export function parsePulls(json: unknown, where: string): Parsed<GithubPull> {
  return parseEach(GithubPull, json, partWhere(where, 'pulls'));
}

/** GET /repos/{o}/{r}. */
export function parseRepo(json: unknown, where: string): GithubRepo {
  return parseOne(GithubRepo, json, partWhere(where, 'repo'));
}

/** GET /users/{owner}/repos or /orgs/{org}/repos (one page). */
export function parseRepos(json: unknown, where: string): Parsed<GithubRepo> {
  return parseEach(GithubRepo, json, partWhere(where, 'repos'));
}

export function parseUser(json: unknown, where: string): GithubUser {
  return parseOne(GithubUser, json, where);
}

/** GET …/pulls/{n}/reviews (one page). `where` is the pull ("owner/name#12"). */
export function parseReviews(json: unknown, where: string): Parsed<GithubReview> {
  return parseEach(GithubReview, json, partWhere(where, 'reviews'));
}

/** GET …/pulls/{n}/comments (one page). */
export function parseReviewComments(json: unknown, where: string): Parsed<GithubReviewComment> {
  return parseEach(GithubReviewComment, json, partWhere(where, 'review_comments'));
}

/** GET …/issues/{n}/comments (one page). */
export function parseIssueComments(json: unknown, where: string): Parsed<GithubIssueComment> {
  return parseEach(GithubIssueComment, json, partWhere(where, 'issue_comments'));
}

/** GET …/issues/{n}/timeline (one page). */
export function parseTimeline(json: unknown, where: string): Parsed<GithubTimelineEvent> {
  return parseEach(GithubTimelineEvent, json, partWhere(where, 'timeline'));
}

// ---------------------------------------------------------------- Link headers

/** One link-value of a Link header (RFC 8288 section 3). */
export interface LinkValue {
  /** The target, resolved against `base` when one was given. */
  uri: string;
  /** Relation types, lower-cased (registered ones compare case-insensitively; extension URIs are kept as written). */
  rel: string[];
  /** Every other parameter by lower-cased name; the first occurrence wins, `title*`-style values decoded (RFC 8187). */
  params: Record<string, string>;
}

const TOKEN_CHARS = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

/**
 * A small scanner over the header text. Link headers are tiny (GitHub's are
 * four links), so clarity wins over speed; every loop advances.
 */
class Scanner {
  i = 0;
  constructor(readonly s: string) {}
  get done(): boolean {
    return this.i >= this.s.length;
  }
  peek(): string {
    return this.s[this.i] ?? '';
  }
  skipSpace(): void {
    while (this.peek() === ' ' || this.peek() === '\t' || this.peek() === '\r' || this.peek() === '\n') this.i++;
  }
  token(): string {
    const start = this.i;
    while (!this.done && TOKEN_CHARS.test(this.peek())) this.i++;
    return this.s.slice(start, this.i);
  }
  /** A bare value: a token by the grammar, but servers send `type=text/html` too, so anything up to `;`, `,` or space. */
  bare(): string {
    const start = this.i;
    while (!this.done && !/[;,\s"]/.test(this.peek())) this.i++;
    return this.s.slice(start, this.i);
  }
  /** A quoted-string (RFC 9110 5.6.4), the opening quote at the cursor; backslash escapes one character. */
  quoted(): string {
    this.i++;
    let out = '';
    while (!this.done && this.peek() !== '"') {
      if (this.peek() === '\\' && this.i + 1 < this.s.length) this.i++;
      out += this.peek();
      this.i++;
    }
    this.i++; // the closing quote (or the end of a truncated header)
    return out;
  }
  /** Moves past the rest of a malformed link-value: to the next comma outside quotes and angle brackets. */
  resync(): void {
    while (!this.done && this.peek() !== ',') {
      if (this.peek() === '"') this.quoted();
      else if (this.peek() === '<') {
        const close = this.s.indexOf('>', this.i);
        this.i = close < 0 ? this.s.length : close + 1;
      } else this.i++;
    }
  }
}

/** RFC 8187 ext-value (`UTF-8'en'%E2%82%AC%20rates`), as used by `title*`; undefined when it is not one. */
function decodeExtValue(v: string): string | undefined {
  const m = /^([!#$%&+\-^_`{}~0-9A-Za-z]+)'[^']*'(.*)$/.exec(v);
  if (!m || !/^utf-8$/i.test(m[1] ?? '')) return undefined;
  try {
    return decodeURIComponent(m[2] ?? '');
  } catch {
    return undefined;
  }
}

function resolveUri(uri: string, base: string | undefined): string {
  if (!base) return uri;
  try {
    return new URL(uri, base).href;
  } catch {
    return uri;
  }
}

/** One link-value at the cursor; undefined (and the cursor moved past it) when malformed. */
function linkValue(sc: Scanner, base: string | undefined): LinkValue | undefined {
  if (sc.peek() !== '<') return undefined;
  const close = sc.s.indexOf('>', sc.i);
  if (close < 0) return undefined;
  const uri = sc.s.slice(sc.i + 1, close).trim();
  sc.i = close + 1;
  const params: Record<string, string> = Object.create(null) as Record<string, string>;
  for (;;) {
    sc.skipSpace();
    if (sc.peek() !== ';') break;
    sc.i++;
    sc.skipSpace();
    const name = sc.token().toLowerCase();
    if (!name) return undefined;
    sc.skipSpace();
    let value = '';
    if (sc.peek() === '=') {
      sc.i++;
      sc.skipSpace();
      value = sc.peek() === '"' ? sc.quoted() : sc.bare();
    }
    // RFC 8288 3.3: a second `rel` (or any repeated parameter) is ignored.
    if (!(name in params)) params[name] = value;
  }
  if (!sc.done && sc.peek() !== ',') return undefined;
  for (const name of Object.keys(params)) {
    if (!name.endsWith('*')) continue;
    const decoded = decodeExtValue(params[name] ?? '');
    if (decoded !== undefined) params[name] = decoded;
  }
  const rel = (params.rel ?? '')
    .split(/[ \t\r\n]+/)
    .filter(Boolean)
    .map((r) => (r.includes(':') ? r : r.toLowerCase()));
  delete params.rel;
  return { uri: resolveUri(uri, base), rel, params };
}

/**
 * Parses a Link header (RFC 8288): `<uri>; rel="next", <uri>; rel="last"`,
 * several relation types in one `rel` ("next prev"), quoted or bare values,
 * any whitespace, and several header lines (an array). A malformed link-value
 * is skipped, the others kept. Relative targets resolve against `base`.
 */
export function parseLinkHeader(value: string | readonly string[] | null | undefined, base?: string): LinkValue[] {
  if (value === null || value === undefined) return [];
  const text = typeof value === 'string' ? value : value.join(', ');
  const sc = new Scanner(text);
  const out: LinkValue[] = [];
  while (!sc.done) {
    sc.skipSpace();
    if (sc.peek() === ',') {
      sc.i++;
      continue;
    }
    if (sc.done) break;
    const start = sc.i;
    const link = linkValue(sc, base);
    if (link) out.push(link);
    else {
      if (sc.i === start) sc.i++;
      sc.resync();
    }
  }
  return out;
}

/** The target of each relation type (the first link naming it wins): `linkRels(h).next`. */
export function linkRels(value: string | readonly string[] | null | undefined, base?: string): Partial<Record<string, string>> {
  const rels: Record<string, string> = Object.create(null) as Record<string, string>;
  for (const link of parseLinkHeader(value, base)) for (const r of link.rel) if (!(r in rels)) rels[r] = link.uri;
  return rels;
}
