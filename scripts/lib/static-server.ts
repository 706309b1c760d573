import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
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
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    let path = decodeURIComponent(url.pathname);
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
      if (nf) createReadStream(notFound).pipe(res);
      else res.end('not found');
      return;
    }
    log.push({ path: url.pathname, bytes: final.size });
    res.writeHead(200, { 'content-type': TYPES[extname(target)] ?? 'application/octet-stream', 'content-length': final.size });
    createReadStream(target).pipe(res);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const { port: actual } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${actual}${base}`,
    log,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
