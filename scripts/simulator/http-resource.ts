/**
 * How the mail and meetbot simulators answer, whatever was asked: a resource (status, type, bytes, mtime)
 * is sent as Apache sends a static file (size-mtime ETag, Last-Modified, 304 to If-None-Match or,
 * without it, If-Modified-Since; HEAD without a body), or replaced by the fault a test asked for.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { gzipSync } from 'node:zlib';
import type { FaultResponse } from './faults.ts';

export interface Resource {
  status: number;
  type: string;
  body: Buffer;
  /** Unix seconds; with it the response carries validators and answers conditional requests. */
  mtime?: number | undefined;
  /** Instead of Apache's size-mtime ETag. */
  etag?: string;
  headers?: Record<string, string> | undefined;
}

/** An Apache error page. */
export function errorPage(status: number, title: string, text: string): Resource {
  return { status, type: 'text/html; charset=iso-8859-1', body: Buffer.from(`<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>${title}</title>\n</head><body>\n<h1>${title.replace(/^\d+ /, '')}</h1>\n<p>${text}</p>\n</body></html>\n`) };
}

export function notFound(path: string): Resource {
  return errorPage(404, '404 Not Found', `The requested URL ${path.replace(/[<>&"]/g, '')} was not found on this server.`);
}

/** Apache's ETag: size and mtime (microseconds) in hex. */
export function apacheEtag(size: number, mtime: number): string {
  return `"${size.toString(16)}-${(mtime * 1_000_000).toString(16)}"`;
}

export function gz(body: Buffer): Buffer {
  return gzipSync(body, { level: 9 });
}

/** Sends `r`, or 304 when the request's validators still match; returns the status sent. */
export function send(req: IncomingMessage, res: ServerResponse, r: Resource, validators: boolean): number {
  const headers: Record<string, string> = { 'Content-Type': r.type, ...r.headers };
  if (validators && r.status === 200 && r.mtime !== undefined) {
    const etag = r.etag ?? apacheEtag(r.body.length, r.mtime);
    headers.ETag = etag;
    headers['Last-Modified'] = new Date(r.mtime * 1000).toUTCString();
    const inm = req.headers['if-none-match'];
    const ims = req.headers['if-modified-since'];
    const tags = inm?.split(',').map((t) => t.trim().replace(/^W\//, ''));
    const fresh = tags ? tags.includes('*') || tags.includes(etag) : ims !== undefined && !Number.isNaN(Date.parse(ims)) && r.mtime <= Date.parse(ims) / 1000;
    if (fresh) {
      delete headers['Content-Type'];
      delete headers['Content-Encoding'];
      res.writeHead(304, headers);
      res.end();
      return 304;
    }
  }
  headers['Content-Length'] = String(r.body.length);
  res.writeHead(r.status, headers);
  res.end(req.method === 'HEAD' ? undefined : r.body);
  return r.status;
}

/** What a fault turns the answer into. A cut-off or empty body carries no validators (nothing to cache). */
export function faulty(r: Resource, fault: FaultResponse): Resource {
  if (fault.html) return { status: fault.status ?? 200, type: 'text/html; charset=utf-8', body: Buffer.from('<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><h1>Please sign in</h1></body></html>\n'), headers: fault.headers };
  if (fault.truncate) return { ...r, status: fault.status ?? r.status, body: r.body.subarray(0, Math.max(1, Math.floor(r.body.length / 2))), mtime: undefined, headers: { ...r.headers, ...fault.headers } };
  if (fault.empty) return { ...r, status: fault.status ?? 200, body: Buffer.alloc(0), mtime: undefined, headers: { ...r.headers, ...fault.headers } };
  const status = fault.status ?? 500;
  return { status, type: 'text/plain; charset=utf-8', body: Buffer.from(fault.body ?? (status === 429 ? 'Too Many Requests\n' : 'Internal server error\n')), headers: fault.headers };
}
