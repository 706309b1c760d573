/**
 * Requests to the Algolia HN Search API (I/O only), over the shared transport
 * (retries 429 honouring Retry-After, 5xx and timeouts). Politeness: the
 * driver asks one thing at a time, and this client waits `delay` seconds
 * between two requests; the API is free and shared (Algolia asks for no more
 * than 10,000 requests an hour from one address).
 */
import { excerpt, HttpFormatError } from '../../lib/http/errors.ts';
import { defaultSleep, sourceTransport, utf8, type FetchLike, type HttpTransport, type Sleep } from '../../lib/http/transport.ts';
import type { SyncContext } from '../types.ts';
import { parseItem, parseSearchPage, type ItemNode, type SearchPage } from './parse.ts';

export interface HnClientOptions {
  url: string;
  timeout: number;
  retries: number;
  /** Seconds between two requests. */
  delay: number;
}

/** What a search asks: Algolia's `tags`, `numericFilters`, paging. */
export interface SearchQuery {
  tags: string;
  numericFilters?: string[];
  page: number;
  hitsPerPage: number;
}

export class HnClient {
  private readonly http: HttpTransport;
  private readonly base: string;
  private last = 0;
  /** Requests made (retries not counted), for the run's log. */
  requests = 0;

  constructor(
    private readonly ctx: Pick<SyncContext, 'signal' | 'log' | 'config'>,
    private readonly options: HnClientOptions,
    fetchFn?: FetchLike,
    private readonly sleep: Sleep = defaultSleep,
  ) {
    this.http = sourceTransport(ctx, options, fetchFn);
    this.base = options.url.replace(/\/+$/, '');
  }

  searchUrl(q: SearchQuery): string {
    const params = new URLSearchParams({ tags: q.tags, page: String(q.page), hitsPerPage: String(q.hitsPerPage) });
    if (q.numericFilters?.length) params.set('numericFilters', q.numericFilters.join(','));
    return `${this.base}/search_by_date?${params}`;
  }

  itemUrl(id: string): string {
    return `${this.base}/items/${encodeURIComponent(id)}`;
  }

  async search(q: SearchQuery): Promise<SearchPage> {
    return this.json(this.searchUrl(q), parseSearchPage);
  }

  async item(id: string): Promise<ItemNode> {
    return this.json(this.itemUrl(id), parseItem);
  }

  private async json<T>(url: string, parse: (text: string, where: string) => T): Promise<T> {
    await this.pause();
    this.requests++;
    const r = await this.http.get(url, {
      accept: 'application/json',
      parse: (body, res) => {
        // A JSON body cut off in transit is worth one more attempt; the transport retries it once.
        const text = utf8(body);
        try {
          return parse(text, res.url);
        } catch (err) {
          const what = (err as Error).message.replace(`${res.url}: `, '');
          throw new HttpFormatError('GET', res.url, what, excerpt(text), { cause: err, retry: !text.trimEnd().endsWith('}') });
        }
      },
    });
    if (r.notModified) throw new Error(`${url}: 304 to an unconditional request`);
    return r.value;
  }

  /** Waits out what is left of `delay` since the last request. */
  private async pause(): Promise<void> {
    const gap = this.options.delay * 1000 - (Date.now() - this.last);
    if (this.last && gap > 0) await this.sleep(gap, this.ctx.signal);
    this.last = Date.now();
  }
}
