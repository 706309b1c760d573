/**
 * Anonymous Gerrit REST over HTTP: GET, XSSI prefix, JSON, paging, retries.
 * I/O only; what the JSON means is parse.ts's business. `fetch`, `sleep` and
 * the clock are injectable so tests run against the local simulator without
 * waiting for real backoff.
 */
/**
 * Anonymous Gerrit REST over the shared HTTP transport (src/lib/http): XSSI
 * prefix, JSON, paging. I/O only; what the JSON means is parse.ts's business.
 * `fetch`, `sleep` and the clock are injectable so tests run against the local
 * simulator without waiting for real backoff.
 */
import { excerpt, HttpError, HttpFormatError, HttpStatusError, redactUrl } from '../../lib/http/errors.ts';
import { HttpTransport, utf8, type TransportOptions } from '../../lib/http/transport.ts';
import { stripXssiPrefix } from './parse.ts';

export type { FetchLike, Sleep } from '../../lib/http/transport.ts';
export { defaultSleep } from '../../lib/http/transport.ts';

export interface GerritClientOptions extends TransportOptions {
  /** Server base URL, e.g. https://review.opendev.org (no trailing `/a/`: we read anonymously). */
  baseUrl: string;
}

/**
 * ALL_REVISIONS for the patch-set list; CURRENT_COMMIT because only the current
 * revision's commit message is stored. Files (when configured) stay ALL_FILES:
 * the change page shows a file count for every patch set.
 */
export const CHANGE_OPTIONS = ['DETAILED_ACCOUNTS', 'DETAILED_LABELS', 'MESSAGES', 'ALL_REVISIONS', 'CURRENT_COMMIT'] as const;

/** Smallest page asked for after timeouts: below this, paging costs more than it saves. */
export const MIN_PAGE_SIZE_AFTER_TIMEOUT = 10;

/** The listing could not be read to a provable end (paging ignored, cut short, or stuck). */
export class GerritPagingError extends HttpError {
  override name = 'GerritPagingError';
  constructor(method: string, url: string, what: string) {
    super(`${method} ${redactUrl(url)}: ${what}`, method, url);
  }
}

function looksLikeHtml(body: string): boolean {
  return /^\s*<(!doctype|html|head|body|\?xml|[a-z]+[\s>])/i.test(body);
}

/** Gerrit's JSON: a login or proxy page is not retried; a cut-off body is, once. */
export function parseGerritJson(bytes: Uint8Array, url: string): unknown {
  const body = utf8(bytes);
  if (looksLikeHtml(body)) {
    // A login page or a proxy's error page: waiting will not turn it into JSON.
    throw new HttpFormatError('GET', url, 'expected JSON but got an HTML page (a login page or a proxy error page?)', excerpt(body, 80));
  }
  try {
    return JSON.parse(stripXssiPrefix(body));
  } catch (err) {
    throw new HttpFormatError('GET', url, `expected JSON but the body is not valid JSON (${body.length} bytes; cut off?)`, excerpt(body, 80), { cause: err, retry: true });
  }
}

export class GerritClient {
  readonly baseUrl: string;
  private readonly http: HttpTransport;

  constructor(options: GerritClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.http = new HttpTransport(options);
  }

  /**
   * GETs `path` (relative to the base URL) and returns its JSON, retrying what
   * is worth retrying. A function `path` is asked again for every attempt, after
   * `onTimeout` had its say, so a caller can ask for less when the server is slow.
   */
  async getJson(path: string | (() => string), hooks: { onTimeout?: () => void } = {}): Promise<unknown> {
    const url = (): string => `${this.baseUrl}${typeof path === 'string' ? path : path()}`;
    const result = await this.http.get(url, { accept: 'application/json', onTimeout: hooks.onTimeout, parse: (bytes, r) => parseGerritJson(bytes, r.url) });
    if (result.notModified) throw new HttpFormatError('GET', result.url, 'answered 304 Not Modified to an unconditional request', '');
    return result.value;
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
        if (before === undefined || !(err instanceof HttpStatusError) || err.status !== 400) throw err;
        throw new GerritPagingError('GET', url, `the listing stopped after ${seen.size} changes (offsets brought nothing more), and going on with before: was refused: HTTP 400 (${err.bodyExcerpt})`);
      }
      if (!Array.isArray(page)) throw new HttpFormatError('GET', url, 'expected a JSON array of changes', excerpt(JSON.stringify(page), 80));
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
