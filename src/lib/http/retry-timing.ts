/**
 * When to try a failed request again. Pure: the clock and the jitter come in
 * as arguments, so tests can pin the exact delays the client schedules.
 */

export interface HeaderSource {
  get(name: string): string | null;
}

export interface BackoffOptions {
  /** Delay before the first retry, in ms. */
  baseMs?: number;
  /** Longest delay backoff may reach, in ms. */
  capMs?: number;
  /** Returns a number in [0, 1); the delay is scaled by 0.5 + jitter/2. Absent = no jitter. */
  jitter?: () => number;
}

export const RETRY_STATUSES: ReadonlySet<number> = new Set([408, 429, 500, 502, 503, 504]);

/** Longest server-requested wait we honour; beyond this we wait this long and try anyway. */
export const MAX_SERVER_DELAY_MS = 5 * 60_000;

/**
 * `Retry-After` is either delta-seconds or an HTTP date. Returns ms to wait
 * (0 for a date in the past), or undefined when the value cannot be read.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(text)) return Math.round(Number(text) * 1000);
  // HTTP dates always name a weekday or month; reject bare numbers with signs and the like.
  if (!/[A-Za-z]/.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}

/**
 * `X-RateLimit-Reset` / `RateLimit-Reset`: some servers send epoch seconds
 * (GitHub style), the IETF draft sends seconds from now. Values that would be
 * after 2001 as epoch seconds are read as epoch seconds; smaller ones as a delta.
 */
export function parseRateLimitReset(value: string | null | undefined, nowMs: number): number | undefined {
  if (value == null) return undefined;
  const text = value.trim();
  if (!/^\d+(\.\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  if (n > 1e9) return Math.max(0, Math.round(n * 1000 - nowMs));
  return Math.round(n * 1000);
}

/** Server-requested delay from the response headers, or undefined when none is readable. */
export function delayFromHeaders(headers: HeaderSource | undefined, nowMs: number): number | undefined {
  if (!headers) return undefined;
  const found =
    parseRetryAfter(headers.get('retry-after'), nowMs) ??
    parseRateLimitReset(headers.get('x-ratelimit-reset'), nowMs) ??
    parseRateLimitReset(headers.get('ratelimit-reset'), nowMs);
  return found === undefined ? undefined : Math.min(found, MAX_SERVER_DELAY_MS);
}

/** Exponential backoff for attempt n (1-based): base * 2^(n-1), capped, optionally jittered. */
export function backoffDelay(attempt: number, options: BackoffOptions = {}): number {
  const base = options.baseMs ?? 500;
  const cap = options.capMs ?? 30_000;
  const raw = Math.min(cap, base * 2 ** Math.max(0, attempt - 1));
  if (!options.jitter) return raw;
  return Math.round(raw * (0.5 + options.jitter() / 2));
}

/** The delay before retry n: what the server asked for, else backoff. */
export function retryDelay(attempt: number, headers: HeaderSource | undefined, nowMs: number, options: BackoffOptions = {}): number {
  return delayFromHeaders(headers, nowMs) ?? backoffDelay(attempt, options);
}
