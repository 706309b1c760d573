/**
 * Downloads for every mail archive source (I/O only): one shared transport
 * with retries, conditional requests (a month whose ETag or Last-Modified did
 * not change answers 304 and is not read again) and gzip bodies unpacked.
 */
import { HttpTransport, sourceTransport, gunzipIfNeeded, utf8, type Validators } from '../../lib/http/transport.ts';
import type { SyncContext } from '../types.ts';

export interface ArchiveClientOptions {
  timeout: number;
  retries: number;
}

export type Download = { changed: false; validators: Validators } | { changed: true; bytes: Uint8Array; validators: Validators };

export class ArchiveClient {
  private readonly http: HttpTransport;

  constructor(ctx: Pick<SyncContext, 'signal' | 'log' | 'config'>, options: ArchiveClientOptions, fetchFn?: typeof fetch) {
    this.http = sourceTransport(ctx, options, fetchFn);
  }

  /** A file, unpacked when it is gzip (by its bytes, whatever the name says); `ifChanged` makes it conditional. */
  async file(url: string, ifChanged?: Validators): Promise<Download> {
    const r = await this.http.get(url, { ifChanged, parse: (body, res) => gunzipIfNeeded(body, res.url) });
    return r.notModified ? { changed: false, validators: r.validators } : { changed: true, bytes: r.value, validators: r.validators };
  }

  /** A page or JSON document as text. */
  async text(url: string, accept = 'text/html, application/json;q=0.9, */*;q=0.5'): Promise<string> {
    const r = await this.http.get(url, { accept, parse: (body) => utf8(body) });
    if (r.notModified) throw new Error(`${url}: 304 to an unconditional request`);
    return r.value;
  }
}
