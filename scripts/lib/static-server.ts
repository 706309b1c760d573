import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.csv': 'text/csv; charset=utf-8',
  '.png': 'image/png',
  '.txt': 'text/plain; charset=utf-8',
  '.xml': 'application/xml',
  '.ico': 'image/x-icon',
};

/**
 * The request target as a URL and its decoded path, or undefined when it is not
 * a plain origin-form path: `//` and `//host/x` (which a URL parser reads as a
 * host), `*`, a full URL, bad percent-encoding or a NUL byte all answer 400.
 */
function readTarget(raw: string | undefined): { url: URL; path: string } | undefined {
  if (!raw || !raw.startsWith('/') || raw.startsWith('//')) return undefined;
  let url: URL;
  let path: string;
  try {
    url = new URL(raw, 'http://localhost');
    path = decodeURIComponent(url.pathname);
  } catch {
    return undefined;
  }
  return path.includes('\0') ? undefined : { url, path };
}

/** Streams a file; a read error (the file went away) ends the response instead of the process. */
function send(file: string, res: ServerResponse): void {
  createReadStream(file)
    .on('error', (err) => res.destroy(err))
    .pipe(res);
}

export interface StaticServer {
  url: string;
  close(): Promise<void>;
  /** Paths and byte counts served, for tests that measure transfers. */
  log: { path: string; bytes: number }[];
}

/**
 * Serves a built site on 127.0.0.1 the way a static host does: directory
 * index.html, the site base as a path prefix, 404 page. For tests and benchmarks.
 */
export async function serveStatic(dir: string, base = '/', port = 0): Promise<StaticServer> {
  const root = resolve(dir);
  const log: { path: string; bytes: number }[] = [];
  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const parsed = readTarget(req.url);
    if (!parsed) {
      res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }).end('bad request');
      return;
    }
    const { url } = parsed;
    let { path } = parsed;
    if (!path.startsWith(base)) {
      res.writeHead(404).end('not found');
      return;
    }
    path = path.slice(base.length - 1);
    const file = normalize(join(root, path));
    if (file !== root && !file.startsWith(root + sep)) {
      res.writeHead(403).end('forbidden');
      return;
    }
    let target = file;
    const st = await stat(target).catch(() => undefined);
    if (st?.isDirectory()) {
      if (!url.pathname.endsWith('/')) {
        res.writeHead(301, { location: `${url.pathname}/${url.search}` }).end();
        return;
      }
      target = join(target, 'index.html');
    }
    const final = await stat(target).catch(() => undefined);
    if (!final?.isFile()) {
      const notFound = join(root, '404.html');
      const nf = await stat(notFound).catch(() => undefined);
      res.writeHead(404, { 'content-type': TYPES['.html']! });
      if (nf) send(notFound, res);
      else res.end('not found');
      return;
    }
    log.push({ path: url.pathname, bytes: final.size });
    res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', 'content-length': final.size });
    send(target, res);
  };
  const server: Server = createServer((req, res) => {
    handle(req, res).catch((err: unknown) => {
      // One bad request must never stop the server.
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('internal error');
      else res.destroy(err as Error);
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}${base}`,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
