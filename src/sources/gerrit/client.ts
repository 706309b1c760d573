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
   * Pages of raw ChangeInfo for a query, newest update first. Follows
   * `_more_changes` on the last entry and asks for the next page with `S=`.
   * A page that times out is asked again with half as many changes (not below
   * MIN_PAGE_SIZE_AFTER_TIMEOUT), and the smaller size is kept for the rest of the query.
   */
  async *changePages(query: string, options: { pageSize: number; files?: boolean }): AsyncGenerator<unknown[]> {
    const opts: string[] = [...CHANGE_OPTIONS, ...(options.files ? ['ALL_FILES'] : [])];
    const floor = Math.min(options.pageSize, MIN_PAGE_SIZE_AFTER_TIMEOUT);
    let size = options.pageSize;
    let start = 0;
    const pathNow = (): string => {
      const params = new URLSearchParams({ q: query });
      for (const o of opts) params.append('o', o);
      params.set('n', String(size));
      if (start > 0) params.set('S', String(start));
      return `/changes/?${params.toString()}`;
    };
    const shrink = (): void => {
      size = Math.max(floor, Math.floor(size / 2));
    };
    for (;;) {
      const page = await this.getJson(pathNow, { onTimeout: shrink });
      if (!Array.isArray(page)) {
        throw new GerritFormatError('GET', `${this.baseUrl}${pathNow()}`, 'expected a JSON array of changes', excerpt(JSON.stringify(page), 80));
      }
      yield page;
      const last: unknown = page[page.length - 1];
      const more = !!last && typeof last === 'object' && (last as Record<string, unknown>)._more_changes === true;
      if (!more || page.length === 0) return;
      start += page.length;
    }
  }
}
