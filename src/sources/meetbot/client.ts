/**
 * Downloads for the meetbot source (I/O only): directory listings, asked with
 * the validators of the last time so an unchanged listing answers 304, and the
 * bot's output files. One shared transport retries 429, 5xx and timeouts.
 */
import { HttpTransport, sourceTransport, utf8, type FetchLike, type Validators } from '../../lib/http/transport.ts';
import type { SyncContext } from '../types.ts';
import { parseListing, type ListingEntry } from './listing.ts';

/** A listing as the last sync saw it: its validators and entries (`[name, dir, stamp]`, compact in the sync state). */
export interface ListingState extends Validators {
  entries: [string, boolean, string][];
}

export interface ClientOptions {
  timeout: number;
  retries: number;
}

/** Requests made, for the run's log and the benchmark. */
export interface RequestCounts {
  requests: number;
  conditional: number;
  notModified: number;
}

export class MeetbotClient {
  private readonly http: HttpTransport;
  readonly counts: RequestCounts = { requests: 0, conditional: 0, notModified: 0 };

  constructor(ctx: Pick<SyncContext, 'signal' | 'log' | 'config'>, options: ClientOptions, fetchFn?: FetchLike) {
    this.http = sourceTransport(ctx, options, fetchFn);
  }

  /** A folder's listing; with `prev`, a conditional request that keeps `prev`'s entries on a 304. */
  async listing(url: string, prev?: ListingState): Promise<{ changed: boolean; state: ListingState; entries: ListingEntry[] }> {
    this.counts.requests++;
    if (prev && (prev.etag || prev.lastModified)) this.counts.conditional++;
    const r = await this.http.get(url, { accept: 'text/html', ifChanged: prev, parse: (body, res) => parseListing(utf8(body), res.url) });
    if (r.notModified) {
      this.counts.notModified++;
      return { changed: false, state: { ...prev!, ...r.validators }, entries: entriesOf(url, prev!) };
    }
    return { changed: true, state: { ...r.validators, entries: r.value.map((e) => [e.name, e.dir, e.stamp]) }, entries: r.value };
  }

  /** One output file's bytes (decoded by the parser: logs are not always UTF-8). */
  async file(url: string): Promise<Uint8Array> {
    this.counts.requests++;
    const r = await this.http.get(url, { accept: 'text/plain, text/html;q=0.9, */*;q=0.5', parse: (body) => body });
    if (r.notModified) throw new Error(`${url}: 304 to an unconditional request`);
    return r.value;
  }
}

/** The entries a stored listing state holds, as absolute entries again. */
export function entriesOf(url: string, state: ListingState): ListingEntry[] {
  const base = url.endsWith('/') ? url : `${url}/`;
  return state.entries.map(([name, dir, stamp]) => ({ name, dir, stamp, url: new URL(encodeURIComponent(name) + (dir ? '/' : ''), base).href }));
}
