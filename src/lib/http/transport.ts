/**
 * One HTTP transport for every upstream that speaks plain HTTP (Gerrit REST,
 * mailing-list archives, meeting logs…; GitHub goes through octokit's own
 * plugins). GET only, anonymous. It retries what is worth retrying (408, 429,
 * 5xx, timeouts, network failures, a body cut off in transit) with the delays
 * retry-timing.ts computes, honouring Retry-After; it turns everything else into
 * the typed errors of errors.ts; it makes conditional requests (ETag /
 * Last-Modified, a 304 comes back as `notModified`) and reads gzip bodies, both
 * `Content-Encoding: gzip` and `.gz` files served as they are.
 *
 * `fetch`, `sleep`, the clock and the jitter are injectable, so tests run
 * against local servers without waiting for real backoff.
 */
import { gunzipSync } from 'node:zlib';
import { excerpt, HttpAuthError, HttpFormatError, HttpNetworkError, HttpNotFoundError, HttpStatusError } from './errors.ts';
import { RETRY_STATUSES, retryDelay } from './retry-timing.ts';

export type FetchLike = (input: string, init?: RequestInit) => Promise<Response>;
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

export interface TransportOptions {
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

/** What the last response of an item said about its version, for the next conditional request. */
export interface Validators {
  etag?: string;
  lastModified?: string;
}

export interface GetOptions<T> {
  accept?: string;
  /** Ask only for a newer version than this one: a 304 answer gives `notModified: true`. */
  ifChanged?: Validators;
  /** Called before every retry that followed a timeout (a caller may ask for less next time). */
  onTimeout?: () => void;
  /**
   * Reads the body. Throw an HttpFormatError with `retry: true` for a body worth
   * one more attempt (cut off in transit); any other error stops at once.
   */
  parse: (body: Uint8Array, response: { url: string; contentType: string }) => T;
}

export type GetResult<T> = { notModified: true; status: 304; url: string; validators: Validators } | { notModified: false; status: number; url: string; validators: Validators; value: T };

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

/** A failure worth another attempt, and the response whose headers may say when. */
class Retryable extends Error {
  constructor(
    readonly final: Error,
    readonly headers?: Headers,
    readonly timedOut = false,
  ) {
    super(final.message);
  }
}

const GZIP_MAGIC = [0x1f, 0x8b];

/** A body that is itself a gzip file (`.gz` served as application/gzip) is unpacked; others pass as they are. */
export function gunzipIfNeeded(bytes: Uint8Array, url: string): Uint8Array {
  if (bytes.length < 2 || bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return bytes;
  try {
    return gunzipSync(bytes);
  } catch (err) {
    throw new HttpFormatError('GET', url, `the gzip body is corrupt or cut off (${(err as Error).message})`, '', { cause: err, retry: true });
  }
}

/** UTF-8 text of a body; a byte-order mark is dropped. */
export function utf8(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.startsWith('\uFEFF') ? text.slice(1) : text;
}

export class HttpTransport {
  private readonly fetchFn: FetchLike;
  private readonly sleepFn: Sleep;
  private readonly now: () => number;

  constructor(private readonly options: TransportOptions) {
    this.fetchFn = options.fetch ?? ((input, init) => fetch(input, init));
    this.sleepFn = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
  }

  /**
   * GETs `url` and returns what `parse` makes of the body, retrying what is
   * worth retrying. A function `url` is asked again for every attempt, after
   * `onTimeout` had its say, so a caller can ask for less when the server is slow.
   */
  async get<T>(url: string | (() => string), options: GetOptions<T>): Promise<GetResult<T>> {
    const maxAttempts = this.options.retries + 1;
    let formatRetried = false;
    for (let attempt = 1; ; attempt++) {
      const target = typeof url === 'string' ? url : url();
      try {
        return await this.attempt(target, options);
      } catch (err) {
        if (!(err instanceof Retryable)) throw err;
        // A cut-off body is retried once, however many retries the config allows.
        const isFormat = err.final instanceof HttpFormatError;
        if (isFormat && formatRetried) throw err.final;
        if (attempt >= maxAttempts) throw err.final;
        if (isFormat) formatRetried = true;
        if (err.timedOut) options.onTimeout?.();
        const delayMs = retryDelay(attempt, err.headers, this.now(), { jitter: this.options.random });
        this.options.onRetry?.({ url: target, attempt, delayMs, reason: err.message });
        await this.sleepFn(delayMs, this.options.signal);
      }
    }
  }

  private async attempt<T>(url: string, options: GetOptions<T>): Promise<GetResult<T>> {
    const method = 'GET';
    const timeout = AbortSignal.timeout(this.options.timeoutMs);
    const signal = this.options.signal ? AbortSignal.any([this.options.signal, timeout]) : timeout;
    const headers: Record<string, string> = { accept: options.accept ?? '*/*', 'accept-encoding': 'gzip' };
    if (options.ifChanged?.etag) headers['if-none-match'] = options.ifChanged.etag;
    if (options.ifChanged?.lastModified) headers['if-modified-since'] = options.ifChanged.lastModified;
    let response: Response;
    let body: Uint8Array;
    try {
      response = await this.fetchFn(url, { method, headers, signal, redirect: 'follow' });
      // fetch already undoes Content-Encoding: gzip; a cut-off compressed stream fails here.
      body = new Uint8Array(await response.arrayBuffer());
    } catch (err) {
      if (this.options.signal?.aborted) throw err;
      const timedOut = timeout.aborted || (err as Error).name === 'TimeoutError';
      const cause = (err as { cause?: Error }).cause?.message;
      const detail = timedOut ? `no answer within ${this.options.timeoutMs / 1000} s` : `${(err as Error).message}${cause ? ` (${cause})` : ''}`;
      throw new Retryable(new HttpNetworkError(method, url, detail, err), undefined, timedOut);
    }
    const validators: Validators = {};
    const etag = response.headers.get('etag');
    const lastModified = response.headers.get('last-modified');
    if (etag) validators.etag = etag;
    if (lastModified) validators.lastModified = lastModified;
    if (response.status === 304) {
      // A 304 may omit the validators; the ones asked with still hold.
      return { notModified: true, status: 304, url: response.url || url, validators: { ...options.ifChanged, ...validators } };
    }
    if (!response.ok) {
      const bodyExcerpt = excerpt(utf8(body.subarray(0, 4096)));
      if (response.status === 401 || response.status === 403) throw new HttpAuthError(method, url, response.status, bodyExcerpt);
      if (response.status === 404) throw new HttpNotFoundError(method, url, bodyExcerpt);
      const error = new HttpStatusError(method, url, response.status, bodyExcerpt);
      if (RETRY_STATUSES.has(response.status)) throw new Retryable(error, response.headers);
      throw error;
    }
    let value: T;
    try {
      value = options.parse(body, { url: response.url || url, contentType: response.headers.get('content-type') ?? '' });
    } catch (err) {
      if (err instanceof HttpFormatError && err.retry) throw new Retryable(err);
      throw err;
    }
    return { notModified: false, status: response.status, url: response.url || url, validators, value };
  }
}

/**
 * The transport a source's client uses: its config's timeout (seconds) and
 * retries, the run's abort signal, and every retry told to the run's log with
 * the source id, so a slow sync explains itself.
 */
export function sourceTransport(
  ctx: { signal?: AbortSignal; log: { warn(message: string): void }; config: { id: string } },
  options: { timeout: number; retries: number },
  fetchFn?: FetchLike,
): HttpTransport {
  return new HttpTransport({
    timeoutMs: options.timeout * 1000,
    retries: options.retries,
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    ...(fetchFn ? { fetch: fetchFn } : {}),
    onRetry: ({ url, attempt, delayMs, reason }) => ctx.log.warn(`${ctx.config.id}: ${reason}; retry ${attempt} of ${url} in ${Math.round(delayMs / 100) / 10}s`),
  });
}
