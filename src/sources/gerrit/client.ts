/**
 * Anonymous Gerrit REST over HTTP: GET, XSSI prefix, JSON, paging, retries.
 * I/O only; what the JSON means is parse.ts's business. `fetch`, `sleep` and
 * the clock are injectable so tests run against the local simulator without
 * waiting for real backoff.
 */
import {
  excerpt,
  GerritAuthError,
  GerritFormatError,
  GerritHttpError,
  GerritNetworkError,
  GerritNotFoundError,
  GerritPagingError,
} from './errors.ts';
import { stripXssiPrefix } from './parse.ts';
import { RETRY_STATUSES, retryDelay } from './retry-timing.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface GerritClientOptions {
  /** Server base URL, e.g. https://review.opendev.org (no trailing `/a/`: we read anonymously). */
  baseUrl: string;
  timeoutMs: number;
  /** Extra attempts after the first for retryable failures. */
  retries: number;
  fetch?: FetchLike;
  sleep?: Sleep;
  now?: () => number;
  /** Jitter source in [0, 1) for backoff; absent = no jitter (deterministic). */
  random?: () => number;
  signal?: AbortSignal;
  /** Told about every retry, so a slow sync explains itself. */
  onRetry?: (info: { url: string; attempt: number; delayMs: number; reason: string }) => void;
}

/**
 * ALL_REVISIONS for the patch-set list; CURRENT_COMMIT because only the current
 * revision's commit message is stored. Files (when configured) stay ALL_FILES:
 * the change page shows a file count for every patch set.
 */
export const CHANGE_OPTIONS = ['DETAILED_ACCOUNTS', 'DETAILED_LABELS', 'MESSAGES', 'ALL_REVISIONS', 'CURRENT_COMMIT'] as const;

/** Smallest page asked for after timeouts: below this, paging costs more than it saves. */
export const MIN_PAGE_SIZE_AFTER_TIMEOUT = 10;

export const defaultSleep: Sleep = (ms, signal) =>
  new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason as Error);
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    };
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Failures worth another attempt, and the response whose headers may say when. */
class Retryable extends Error {
  constructor(
    readonly final: Error,
    readonly headers?: Headers,
    readonly timedOut = false,
  ) {
    super(final.message);
  }
}

function looksLikeHtml(body: string): boolean {
  return /^\s*<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(body);
}

export class GerritClient {
  readonly baseUrl: string;
  private readonly fetchFn: FetchLike;
  private readonly sleepFn: Sleep;
  private readonly now: () => number;

  constructor(private readonly options: GerritClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleepFn = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
  }

  /**
   * GETs `path` (relative to the base URL) and returns its JSON, retrying what
   * is worth retrying. A function `path` is asked again for every attempt, after
   * `onTimeout` had its say, so a caller can ask for less when the server is slow.
   */
  async getJson(path: string | (() => string), hooks: { onTimeout?: () => void } = {}): Promise<unknown> {
    const maxAttempts = this.options.retries + 1;
    let formatRetried = false;
    for (let attempt = 1; ; attempt++) {
      const url = `${this.baseUrl}${typeof path === 'string' ? path : path()}`;
      try {
        return await this.attempt(url);
      } catch (err) {
        if (!(err instanceof Retryable)) throw err;
        // A cut-off body is retried once, however many retries the config allows.
        const isFormat = err.final instanceof GerritFormatError;
        if (isFormat && formatRetried) throw err.final;
        if (attempt >= maxAttempts) throw err.final;
        if (isFormat) formatRetried = true;
        if (err.timedOut) hooks.onTimeout?.();
        const delayMs = retryDelay(attempt, err.headers, this.now(), { jitter: this.options.random });
        this.options.onRetry?.({ url, attempt, delayMs, reason: err.message });
        await this.sleepFn(delayMs, this.options.signal);
      }
    }
  }

  private async attempt(url: string): Promise<unknown> {
    const method = 'GET';
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    let response: Response;
    let body: string;
    try {
      response = await this.fetchFn(url, { method, headers: { accept: 'application/json' }, signal, redirect: 'follow' });
      body = await response.text();
    } catch (err) {
      if (this.options.signal?.aborted) throw err;
      const timedOut = timeout.aborted || (err as Error).name === 'TimeoutError';
      const detail = timedOut
        ? `no answer within ${this.options.timeoutMs / 1000} s`
        : `${(err as Error).message}${(err as { cause?: Error }).cause?.message ? ` (${(err as { cause: Error }).cause.message})` : ''}`;
      throw new Retryable(new GerritNetworkError(method, url, detail, err), undefined, timedOut);
    }
    if (!response.ok) {
      const bodyExcerpt = excerpt(body);
      if (response.status === 401 || response.status === 403) throw new GerritAuthError(method, url, response.status, bodyExcerpt);
      if (response.status === 404) throw new GerritNotFoundError(method, url, bodyExcerpt);
      const error = new GerritHttpError(method, url, response.status, bodyExcerpt);
      if (RETRY_STATUSES.has(response.status)) throw new Retryable(error, response.headers);
      throw error;
    }
    if (looksLikeHtml(body)) {
      // A login page or a proxy's error page: waiting will not turn it into JSON.
      throw new GerritFormatError(method, url, 'expected JSON but got an HTML page (a login page or a proxy error page?)', excerpt(body, 80));
    }
    try {
      return JSON.parse(stripXssiPrefix(body));
    } catch (err) {
      throw new Retryable(
        new GerritFormatError(method, url, `expected JSON but the body is not valid JSON (${body.length} bytes; cut off?)`, excerpt(body, 80), { cause: err }),
      );
    }
  }

  /**
   * Every change of a query, newest update first, as pages of raw ChangeInfo
   * that were not in an earlier page of this listing. Follows `_more_changes`
   * on the last entry, and ends only where the listing provably reached its end
   * (a page without `_more_changes`); it throws a GerritPagingError when it cannot.
   *
   * `S=` offsets shift when a change is deleted or updated during the listing
   * (updated changes move to the front), so each page overlaps the previous one
   * and must contain one of the changes already seen: without such an anchor,
   * changes may have been skipped, and the page is asked again from further back.
   * Servers that send `_sortkey` (Gerrit 2.6-2.9) are paged with `N=<sortkey>`,
   * which does not shift. When offsets stop helping (a page with nothing new, an
   * empty page after `_more_changes`, as a server that ignores `S=` or limits
   * how deep it pages gives), the listing goes on from the oldest change seen
   * with `before:`. A page that times out is asked again with half as many
   * changes (not below MIN_PAGE_SIZE_AFTER_TIMEOUT), kept for the rest of the query.
   */
  async *changePages(query: string, options: { pageSize: number; files?: boolean }): AsyncGenerator<unknown[]> {
    const opts: string[] = [...CHANGE_OPTIONS, ...(options.files ? ['ALL_FILES'] : [])];
    const floor = Math.min(options.pageSize, MIN_PAGE_SIZE_AFTER_TIMEOUT);
    let size = options.pageSize;
    const shrink = (): void => {
      size = Math.max(floor, Math.floor(size / 2));
    };
    const seen = new Set<string>();
    /** Oldest `updated` seen, for the `before:` fallback. */
    let oldest: string | undefined;
    /** The `before:` bound in use; undefined while paging the query as given. */
    let before: string | undefined;
    let start = 0;
    let back = 0;
    let sortkey: string | undefined;
    const params = (): URLSearchParams => {
      const p = new URLSearchParams({ q: before ? `${query} before:"${before}"` : query });
      for (const o of opts) p.append('o', o);
      p.set('n', String(size));
      if (sortkey !== undefined) p.set('N', sortkey);
      else if (start - back > 0) p.set('S', String(start - back));
      return p;
    };
    const pathNow = (): string => `/changes/?${params().toString()}`;
    for (let requests = 0; ; requests++) {
      const asked = sortkey === undefined ? Math.max(0, start - back) : 0;
      const url = `${this.baseUrl}${pathNow()}`;
      let page: unknown;
      try {
        page = await this.getJson(pathNow, { onTimeout: shrink });
      } catch (err) {
        if (before === undefined || !(err instanceof GerritHttpError) || err.status !== 400) throw err;
        throw new GerritPagingError('GET', url, `the listing stopped after ${seen.size} changes (offsets brought nothing more), and going on with before: was refused: HTTP 400 (${err.bodyExcerpt})`);
      }
      if (!Array.isArray(page)) throw new GerritFormatError('GET', url, 'expected a JSON array of changes', excerpt(JSON.stringify(page), 80));
      const last: unknown = page[page.length - 1];
      const more = isRecord(last) && last._more_changes === true;
      // An offset page must overlap what was seen: otherwise changes shifted past it.
      if (sortkey === undefined && asked > 0) {
        const anchored = page.some((c) => seen.has(changeKey(c) ?? ''));
        if (!anchored && requests < MAX_PAGING_REQUESTS) {
          back = Math.min(start, Math.max(1, back) * 4);
          continue;
        }
      }
      const fresh = page.filter((c) => {
        const key = changeKey(c);
        if (key === undefined) return true;
        if (seen.has(key)) return false;
        seen.add(key);
        return true;
      });
      for (const c of fresh) {
        const updated = isRecord(c) && typeof c.updated === 'string' ? c.updated : undefined;
        if (updated && (!oldest || updated < oldest)) oldest = updated;
      }
      if (fresh.length) yield fresh;
      if (!more && page.length > 0) return;
      if (!more && page.length === 0 && asked === 0) return;
      const progressed = fresh.some((c) => changeKey(c) !== undefined);
      const lastKey = isRecord(last) && typeof last._sortkey === 'string' ? last._sortkey : undefined;
      if (progressed && more && lastKey !== undefined) {
        sortkey = lastKey;
        continue;
      }
      if (progressed && more && page.length > 0) {
        start = asked + page.length;
        back = Math.min(start, overlapFor(size));
        continue;
      }
      // An empty page after `_more_changes`, or a page with nothing new: offsets do not get
      // further. Go on from the oldest change seen, unless that is where this try began.
      const bound = oldest ? nextSecond(oldest) : undefined;
      if (!bound || bound === before || requests >= MAX_PAGING_REQUESTS) {
        throw new GerritPagingError(
          'GET',
          url,
          page.length === 0
            ? 'the server said more changes follow, then sent an empty page; the listing cannot be shown complete'
            : `the page brought no change not already seen (${seen.size} so far): the server does not seem to page with S= or N=, and before: did not get further`,
        );
      }
      before = bound;
      start = 0;
      back = 0;
      sortkey = undefined;
    }
  }

  /** Current ChangeInfo of the given change numbers (in batches); numbers the server does not show are absent. */
  async *changesByNumber(numbers: readonly number[], options: { scope?: string; files?: boolean; batch?: number }): AsyncGenerator<unknown[]> {
    const batch = options.batch ?? 25;
    for (let i = 0; i < numbers.length; i += batch) {
      const terms = numbers.slice(i, i + batch).map((n) => `change:${n}`);
      const q = `(${terms.join(' OR ')})${options.scope ? ` ${options.scope}` : ''}`;
      yield* this.changePages(q, { pageSize: batch, files: options.files });
    }
  }
}

/** A safety stop for paging loops, far above any real listing's retries. */
const MAX_PAGING_REQUESTS = 1_000_000;

function isRecord(v: unknown): v is Record<string, unknown> {
  return !!v && typeof v === 'object';
}

/** What identifies a change within a listing: its number, else its id. */
function changeKey(c: unknown): string | undefined {
  if (!isRecord(c)) return undefined;
  if (typeof c._number === 'number') return `#${c._number}`;
  if (typeof c.id === 'string') return c.id;
  return undefined;
}

/** Entries each offset page repeats from the previous one (at least one). */
function overlapFor(size: number): number {
  return Math.max(1, Math.min(10, Math.floor(size / 4)));
}

/**
 * A Gerrit timestamp rounded up to the next whole second, as `before:` reads it
 * (inclusive, whole seconds), so every change of the oldest second is asked again.
 */
function nextSecond(gerritTime: string): string | undefined {
  const ms = Date.parse(`${gerritTime.trim().replace(' ', 'T').slice(0, 19)}Z`);
  if (Number.isNaN(ms)) return undefined;
  return new Date(ms + 1000).toISOString().slice(0, 19).replace('T', ' ');
}
