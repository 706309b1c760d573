/**
 * GitHub REST v3 reading, through @octokit/rest with the throttling and retry plugins. I/O only:
 * records come out as the API sent them (typed `unknown`; parse.ts validates them).
 *
 * What the client takes care of:
 * - paging by the Link header (`per_page=100`), following absolute `next` URLs as given;
 * - conditional requests: every GET is remembered (ETag and body; the newest 500) for this run and asked again
 *   with If-None-Match; a 304 answers from memory and costs no budget. `etags` lists the tags
 *   seen, and `pulls()` takes a stored one for its first page, so a repository without any new
 *   update costs one free request on the next run;
 * - rate limits: a primary (403/429 with x-ratelimit-remaining: 0) or secondary (GitHub's
 *   "secondary rate limit" message, or a 403/429 with retry-after) limit is waited out when the
 *   wait is at most `maxWait` seconds; a longer one stops with a GithubRateLimitError saying when
 *   the budget resets. 5xx answers and timeouts are retried `retries` times (1, 4, 9… s apart);
 * - renamed or transferred repositories: GitHub answers 301 to /repositories/{id}; fetch follows
 *   it and `repo()` reports the new full name;
 * - 404: of a repository or an owner, a GithubNotFoundError naming it; of a pull's reviews,
 *   comments or timeline, nothing, with a warning (and an entry in `missing`);
 * - the token: sent as `Authorization: token …`, never in a log line or an error message.
 */
import { readFileSync } from 'node:fs';
import { Octokit } from '@octokit/rest';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { Logger } from '../types.ts';
import { linkRels } from './parse.ts';

export type FetchLike = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

export interface GithubBudget {
  remaining: number;
  limit: number;
  /** When the budget is full again (UTC ISO 8601). */
  reset: string;
  /** x-ratelimit-resource: `core` for the REST calls used here. */
  resource?: string;
}

export interface GithubClientOptions {
  /** API base: https://api.github.com, https://host/api/v3 (Enterprise), a proxy or the simulator. */
  baseUrl: string;
  /** From the environment (the driver reads it); without one the client reads anonymously (60 requests an hour). */
  token?: string | undefined;
  /** Seconds before one request is given up (and retried). */
  timeout: number;
  /** Retries of 5xx answers and timeouts. */
  retries: number;
  /** Longest rate-limit wait, in seconds, before the run stops. */
  maxWait: number;
  log: Logger;
  /** Called with the x-ratelimit-* headers of every answer (for progress lines). */
  onBudget?: (b: GithubBudget) => void;
  /** Default `agora/<version>`. */
  userAgent?: string;
  signal?: AbortSignal;
  /** For tests. */
  fetch?: FetchLike;
  now?: () => number;
  /** Milliseconds per second of a wait GitHub asks for (tests may shrink it; default 1000). */
  waitUnitMs?: number;
}

/** Something GitHub answered that ends this request; the message names the request, never the token. */
export class GithubError extends Error {
  override name = 'GithubError';
  constructor(
    message: string,
    readonly status: number | undefined,
    readonly url: string,
  ) {
    super(message);
  }
}

export class GithubNotFoundError extends GithubError {
  override name = 'GithubNotFoundError';
}

/** A rate-limit wait longer than maxWait: the run stops; what it has is kept and the next run resumes. */
export class GithubRateLimitError extends GithubError {
  override name = 'GithubRateLimitError';
  constructor(
    message: string,
    url: string,
    readonly kind: 'primary' | 'secondary',
    /** When the budget resets (UTC ISO 8601). */
    readonly resetAt: string,
    override readonly status: number,
  ) {
    super(message, status, url);
  }
}

export interface RepoAnswer {
  /** As GitHub spells it now. */
  fullName: string;
  /** The answer's ETag, to store for the next run's conditional request. */
  etag?: string;
  /** The stored ETag still holds (304): `fullName` is the stored one and `record` is undefined. */
  notModified?: boolean;
  /** The name asked for, when GitHub knows the repository under another name now (renamed or transferred). */
  movedFrom?: string;
  record: unknown;
}

/** Pulls newest update first; after (or during) the iteration, what the first page said. */
export interface PullListing extends AsyncIterable<unknown> {
  /** The first page answered 304 to the stored ETag: nothing was updated since. */
  readonly notModified: boolean;
  /** The first page's ETag, to store for the next run (the stored one again after a 304). */
  readonly etag: string | undefined;
}

interface Page {
  data: unknown;
  /** The absolute URL of the next page, if any. */
  next?: string;
  etag?: string;
  notModified: boolean;
  /** Where the answer came from after redirects. */
  url: string;
}

interface Cached {
  etag: string;
  data: unknown;
  next?: string;
}

/** Bodies kept for in-run 304s (the newest; a long run would otherwise keep every page it read). */
const CACHE_ENTRIES = 500;

/** Most consecutive rate-limit waits for one request before giving up (a server that never lets go). */
const MAX_LIMIT_WAITS = 10;

const OctokitWithPlugins = Octokit.plugin(throttling, retry);
type OctokitInstance = InstanceType<typeof OctokitWithPlugins>;

function agoraVersion(): string {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version?: string };
    return pkg.version ?? '0';
  } catch {
    return '0';
  }
}

/** UTC ISO 8601 without milliseconds. */
function iso(ms: number): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** The `rel="next"` URL of a Link header (RFC 8288; parse.ts reads the header). */
export function nextLink(link: string | undefined): string | undefined {
  return linkRels(link).next;
}

/** A field of a JSON record, when it is an object (records are raw JSON until parse.ts reads them). */
export function field(record: unknown, key: string): unknown {
  return record && typeof record === 'object' ? (record as Record<string, unknown>)[key] : undefined;
}

interface ErrorLike {
  status?: number;
  message?: string;
  response?: { headers?: Record<string, string | undefined>; data?: unknown };
}

function headerOf(err: ErrorLike, name: string): string | undefined {
  return err.response?.headers?.[name];
}

export function createGithubClient(options: GithubClientOptions): GithubClient {
  return new GithubClient(options);
}

export class GithubClient {
  readonly baseUrl: string;
  /** Request path (below baseUrl, with the query) -> the last ETag seen, for the driver to keep. */
  readonly etags = new Map<string, string>();
  /** Sub-resources that answered 404 (a pull deleted meanwhile, an endpoint a server lacks). */
  readonly missing: string[] = [];
  private readonly cache = new Map<string, Cached>();
  private readonly octokit: OctokitInstance;
  private readonly now: () => number;
  private readonly unit: number;

  constructor(private readonly options: GithubClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.now = options.now ?? Date.now;
    this.unit = options.waitUnitMs ?? 1000;
    const warn = (m: unknown): void => options.log.warn(this.redact(String(m)));
    this.octokit = new OctokitWithPlugins({
      baseUrl: this.baseUrl,
      ...(options.token ? { auth: options.token } : {}),
      userAgent: options.userAgent ?? `agora/${agoraVersion()}`,
      // The request log plugin reports every 304 as an error and every request as info: the driver reports instead.
      log: { debug: () => {}, info: () => {}, warn, error: () => {} },
      request: { fetch: this.fetchWithTimeout(options.fetch ?? fetch) },
      retry: {
        retries: options.retries,
        retryAfterBaseValue: this.unit,
        // 429 is a rate limit: waited out by the throttling plugin or stopped, never retried blindly.
        doNotRetry: [400, 401, 403, 404, 410, 422, 429, 451],
      },
      throttle: {
        retryAfterBaseValue: this.unit,
        onRateLimit: (after: number, o: { method: string; url: string }, _k: unknown, count: number) => this.waitOrStop('primary', after, o, count),
        onSecondaryRateLimit: (after: number, o: { method: string; url: string }, _k: unknown, count: number) => this.waitOrStop('secondary', after, o, count),
      },
    });
  }

  /**
   * GET /repos/{o}/{r}, following a rename. With the ETag and name a run stored (`known`), a 304
   * answers with that name and costs no budget.
   */
  async repo(owner: string, name: string, known?: { etag: string; fullName: string }): Promise<RepoAnswer> {
    const asked = `${owner}/${name}`;
    const page = await this.page(`/repos/${enc(owner)}/${enc(name)}`, { what: `GitHub repository ${asked}`, etag: known?.etag });
    if (page.notModified && page.data === undefined && known) return { fullName: known.fullName, ...(known.fullName !== asked ? { movedFrom: asked } : {}), record: undefined, etag: known.etag, notModified: true };
    const fullName = field(page.data, 'full_name');
    if (typeof fullName !== 'string') throw new GithubError(`GET ${this.show(page.url)}: the answer has no full_name (not a repository record)`, 200, page.url);
    const tag = page.etag ? { etag: page.etag } : {};
    if (fullName.toLowerCase() === asked.toLowerCase()) return { fullName, record: page.data, ...tag };
    this.options.log.info(`GitHub: ${asked} is now ${fullName} (renamed or transferred)`);
    return { fullName, movedFrom: asked, record: page.data, ...tag };
  }

  /**
   * An owner's public repositories (owner/* expansion), by full name: archived ones included, forks
   * left out (a fork's pull requests are the upstream's business). GET /users/{owner}/repos answers
   * for users and organizations alike (/orgs/{o}/repos 404s for a user). With what a run stored (`known`:
   * the first page's ETag, the names, and that it was one page), a 304 answers with those names and
   * costs no budget; a listing of several pages is read again (a later page may have changed).
   */
  async ownerRepoNames(owner: string, known?: { etag: string; repos: string[]; pages: number }): Promise<{ repos: string[]; etag?: string; pages: number; notModified: boolean }> {
    const path = `/users/${enc(owner)}/repos?type=owner&sort=full_name&per_page=100`;
    const first = await this.page(path, { what: `GitHub account ${owner}`, etag: known && known.pages === 1 ? known.etag : undefined });
    if (first.notModified && first.data === undefined && known) return { repos: known.repos, etag: known.etag, pages: 1, notModified: true };
    const repos: string[] = [];
    const take = (data: unknown, url: string) => {
      for (const record of asArray(data, url, this)) {
        const fullName = field(record, 'full_name');
        if (typeof fullName === 'string' && field(record, 'fork') !== true) repos.push(fullName);
      }
    };
    take(first.data, first.url);
    let pages = 1;
    const seen = new Set<string>();
    for (let next = first.next; next !== undefined && !seen.has(next); pages++) {
      seen.add(next);
      const page = await this.page(next, { what: `GitHub account ${owner}` });
      take(page.data, page.url);
      next = page.next;
    }
    return { repos, ...(first.etag ? { etag: first.etag } : {}), pages, notModified: false };
  }

  /**
   * A repository's pulls, newest update first, stopping at the first one updated before `stopBefore`
   * (ISO). The first page is asked with `etag` (a stored one): on 304 nothing is yielded.
   */
  pulls(owner: string, name: string, opts: { stopBefore?: string; etag?: string } = {}): PullListing {
    const client = this;
    const state = { notModified: false, etag: undefined as string | undefined };
    const stop = opts.stopBefore === undefined ? undefined : Date.parse(opts.stopBefore);
    const path = `/repos/${enc(owner)}/${enc(name)}/pulls?state=all&sort=updated&direction=desc&per_page=100`;
    async function* iterate(): AsyncGenerator<unknown> {
      let page = await client.page(path, { what: `GitHub repository ${owner}/${name}`, etag: opts.etag });
      state.etag = page.etag ?? opts.etag;
      if (page.notModified && opts.etag !== undefined && page.data === undefined) {
        state.notModified = true;
        return;
      }
      const seen = new Set<string>();
      for (;;) {
        for (const pull of asArray(page.data, page.url, client)) {
          const updated = Date.parse(String(field(pull, 'updated_at')));
          if (stop !== undefined && updated < stop) return;
          yield pull;
        }
        if (!page.next || seen.has(page.next)) return;
        seen.add(page.next);
        page = await client.page(page.next, { what: `GitHub repository ${owner}/${name}` });
      }
    }
    return {
      get notModified() {
        return state.notModified;
      },
      get etag() {
        return state.etag;
      },
      [Symbol.asyncIterator]: () => iterate(),
    };
  }

  /** GET /repos/{o}/{r}/pulls/{n} (with additions, deletions, changed_files, merged_by); undefined when gone. */
  async pull(owner: string, name: string, n: number): Promise<unknown> {
    const page = await this.page(`/repos/${enc(owner)}/${enc(name)}/pulls/${n}`, { what: `pull ${owner}/${name}#${n}`, fatal404: false });
    return page.data;
  }

  reviews(owner: string, name: string, n: number): AsyncGenerator<unknown> {
    return this.list(`/repos/${enc(owner)}/${enc(name)}/pulls/${n}/reviews?per_page=100`, { what: `reviews of ${owner}/${name}#${n}` });
  }

  /** Inline (diff) comments. */
  reviewComments(owner: string, name: string, n: number): AsyncGenerator<unknown> {
    return this.list(`/repos/${enc(owner)}/${enc(name)}/pulls/${n}/comments?per_page=100`, { what: `review comments of ${owner}/${name}#${n}` });
  }

  /** Conversation comments, those updated at or after `since` (ISO) when given. */
  issueComments(owner: string, name: string, n: number, since?: string): AsyncGenerator<unknown> {
    const q = since === undefined ? '' : `&since=${encodeURIComponent(since)}`;
    return this.list(`/repos/${enc(owner)}/${enc(name)}/issues/${n}/comments?per_page=100${q}`, { what: `comments of ${owner}/${name}#${n}` });
  }

  /** The issue timeline (force pushes among its events). */
  timeline(owner: string, name: string, n: number): AsyncGenerator<unknown> {
    return this.list(`/repos/${enc(owner)}/${enc(name)}/issues/${n}/timeline?per_page=100`, { what: `timeline of ${owner}/${name}#${n}` });
  }

  /** Every record of a paged list. A 404 ends it empty with a warning. */
  private async *list(path: string, opts: { what: string }): AsyncGenerator<unknown> {
    let url: string | undefined = path;
    const seen = new Set<string>();
    while (url !== undefined) {
      const page = await this.page(url, { what: opts.what, fatal404: false });
      if (page.data === undefined) return;
      yield* asArray(page.data, page.url, this);
      url = page.next && !seen.has(page.next) ? page.next : undefined;
      if (url) seen.add(url);
    }
  }

  /**
   * One GET. `etag` (a stored tag) or the run's own memory makes it conditional; a 304 gives the
   * remembered body, or `data: undefined` when there is none. A 404 throws (`fatal404`, the default)
   * or gives `data: undefined` with a warning.
   */
  private async page(pathOrUrl: string, opts: { what: string; etag?: string | undefined; fatal404?: boolean }): Promise<Page> {
    const key = this.keyOf(pathOrUrl);
    const cached = this.cache.get(key);
    const etag = cached?.etag ?? opts.etag;
    for (let waits = 0; ; waits++) {
      try {
        const res = await this.octokit.request(`GET ${pathOrUrl}`, { headers: etag ? { 'if-none-match': etag } : {} });
        const headers = res.headers as Record<string, string | undefined>;
        const next = nextLink(headers.link);
        const got = headers.etag;
        if (got) {
          this.etags.set(key, got);
          this.remember(key, { etag: got, data: res.data, ...(next ? { next } : {}) });
        }
        return { data: res.data, ...(next ? { next } : {}), ...(got ? { etag: got } : {}), notModified: false, url: res.url };
      } catch (err) {
        const e = err as ErrorLike;
        if (e.status === 304) {
          const tag = headerOf(e, 'etag') ?? etag;
          if (tag) this.etags.set(key, tag);
          const hit = this.cache.get(key);
          return { data: hit?.data, ...(hit?.next ? { next: hit.next } : {}), ...(tag ? { etag: tag } : {}), notModified: true, url: this.absolute(pathOrUrl) };
        }
        if (e.status === 404 && opts.fatal404 === false) {
          const note = `${opts.what}: GitHub answered 404 Not Found for GET ${this.show(pathOrUrl)}; taken as empty`;
          this.missing.push(note);
          this.options.log.warn(note);
          return { data: undefined, notModified: false, url: this.absolute(pathOrUrl) };
        }
        const wait = this.retryAfterWait(e, waits);
        if (wait !== undefined) {
          this.options.log.info(`GitHub asks to wait ${wait} s (retry-after) before GET ${this.show(pathOrUrl)}`);
          await this.sleep(wait * this.unit);
          continue;
        }
        throw this.failure(e, pathOrUrl, opts.what);
      }
    }
  }

  private remember(key: string, entry: Cached): void {
    this.cache.delete(key);
    this.cache.set(key, entry);
    if (this.cache.size > CACHE_ENTRIES) this.cache.delete(this.cache.keys().next().value as string);
  }

  /** A 403/429 with retry-after that the throttling plugin did not recognise (no "secondary rate limit" text). */
  private retryAfterWait(e: ErrorLike, waits: number): number | undefined {
    if (e.status !== 403 && e.status !== 429) return undefined;
    const after = Number(headerOf(e, 'retry-after'));
    if (!Number.isFinite(after) || after < 0 || headerOf(e, 'x-ratelimit-remaining') === '0' || /\bsecondary rate\b/i.test(e.message ?? '')) return undefined;
    return after <= this.options.maxWait && waits < MAX_LIMIT_WAITS ? after : undefined;
  }

  /** The throttling plugin's question: wait `after` seconds, or give up (then `failure` explains). */
  private waitOrStop(kind: 'primary' | 'secondary', after: number, o: { method: string; url: string }, count: number): boolean {
    if (after > this.options.maxWait || count >= MAX_LIMIT_WAITS) return false;
    this.options.log.info(`GitHub ${kind} rate limit on ${o.method} ${this.show(o.url)}: waiting ${after} s (until ${iso(this.now() + after * 1000)})`);
    return true;
  }

  /** The error a failed request ends in: what was asked, what GitHub said, and what to do. */
  private failure(e: ErrorLike, pathOrUrl: string, what: string): GithubError {
    const url = this.show(pathOrUrl);
    const status = e.status;
    const said = this.redact(String(e.message ?? e)).replace(/ - https:\/\/docs\.github\.com\S*$/, '');
    if (status === 404) return new GithubNotFoundError(`${what} not found: GET ${url} answered 404 (deleted, private without a token that can see it, or misspelt)`, 404, url);
    if (status === 401) return new GithubError(`GET ${url}: GitHub rejected the credentials (401 ${said}); the token is wrong, expired or revoked`, 401, url);
    const limit = this.limitOf(e);
    if (limit) {
      const msg = `GitHub ${limit.kind} rate limit on GET ${url}: the wait (${limit.wait} s) is longer than maxWait (${this.options.maxWait} s) or came back ${MAX_LIMIT_WAITS} times; the budget resets at ${limit.resetAt}. What was synced is kept; run again after that${this.options.token ? '' : ', or set a token (5000 requests an hour instead of 60)'}`;
      return new GithubRateLimitError(msg, url, limit.kind, limit.resetAt, status ?? 403);
    }
    return new GithubError(`GET ${url}: ${status ? `${status} ` : ''}${said}`, status, url);
  }

  private limitOf(e: ErrorLike): { kind: 'primary' | 'secondary'; wait: number; resetAt: string } | undefined {
    if (e.status !== 403 && e.status !== 429) return undefined;
    const remaining = headerOf(e, 'x-ratelimit-remaining');
    const reset = Number(headerOf(e, 'x-ratelimit-reset'));
    const after = Number(headerOf(e, 'retry-after'));
    if (remaining === '0' && Number.isFinite(reset)) return { kind: 'primary', wait: Math.max(0, Math.ceil(reset - this.now() / 1000)), resetAt: iso(reset * 1000) };
    if (/\bsecondary rate\b/i.test(e.message ?? '') || Number.isFinite(after)) {
      const wait = Number.isFinite(after) ? after : 60;
      return { kind: 'secondary', wait, resetAt: iso(this.now() + wait * 1000) };
    }
    return undefined;
  }

  /** fetch with the per-request timeout and the run's abort signal; reports the budget headers. */
  private fetchWithTimeout(inner: FetchLike): FetchLike {
    return async (input, init) => {
      const signals = [AbortSignal.timeout(this.options.timeout * 1000), ...(this.options.signal ? [this.options.signal] : []), ...(init?.signal ? [init.signal] : [])];
      const res = await inner(input, { ...init, signal: AbortSignal.any(signals) });
      this.reportBudget(res.headers);
      return res;
    };
  }

  private reportBudget(h: Headers): void {
    if (!this.options.onBudget) return;
    const remaining = Number(h.get('x-ratelimit-remaining'));
    const limit = Number(h.get('x-ratelimit-limit'));
    const reset = Number(h.get('x-ratelimit-reset'));
    if (!h.has('x-ratelimit-remaining') || ![remaining, limit, reset].every(Number.isFinite)) return;
    const resource = h.get('x-ratelimit-resource');
    this.options.onBudget({ remaining, limit, reset: iso(reset * 1000), ...(resource ? { resource } : {}) });
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve, reject) => {
      const signal = this.options.signal;
      if (signal?.aborted) return reject(signal.reason as Error);
      const t = setTimeout(resolve, ms);
      signal?.addEventListener('abort', () => (clearTimeout(t), reject(signal.reason as Error)), { once: true });
    });
  }

  private absolute(pathOrUrl: string): string {
    return /^https?:\/\//.test(pathOrUrl) ? pathOrUrl : `${this.baseUrl}${pathOrUrl}`;
  }

  /** The cache and `etags` key: the path below baseUrl (absolute when elsewhere). */
  private keyOf(pathOrUrl: string): string {
    const abs = this.absolute(pathOrUrl);
    return abs.startsWith(`${this.baseUrl}/`) ? abs.slice(this.baseUrl.length) : abs;
  }

  /** A URL as shown in messages: below baseUrl, never with a secret. */
  private show(pathOrUrl: string): string {
    return this.redact(this.keyOf(pathOrUrl));
  }

  /** Belt and braces: the token never leaves in a message, whatever put it there. */
  private redact(text: string): string {
    const t = this.options.token;
    return t ? text.split(t).join('[REDACTED]') : text;
  }
}

const enc = (s: string): string => encodeURIComponent(s);

function asArray(data: unknown, url: string, client: GithubClient): unknown[] {
  if (Array.isArray(data)) return data;
  throw new GithubError(`GET ${url.startsWith(client.baseUrl) ? url.slice(client.baseUrl.length) : url}: expected a JSON array, got ${data === null ? 'null' : typeof data}`, 200, url);
}
