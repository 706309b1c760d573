/**
 * A meeting bot's published logs as a static web server shows them (node:http only):
 *
 *   GET <base>                     listing of the team folders
 *   GET <base><team>/              listing of the year folders
 *   GET <base><team>/<YYYY>/       listing of the meeting files
 *   GET <base><team>/<YYYY>/<file> the file: text/plain; charset=utf-8 for .txt (the bot's
 *                                  Latin-1 log included, as a real server mislabels it),
 *                                  text/html for .html
 *
 * Listings are Apache mod_autoindex tables (with `?C=…;O=…` sorting) or nginx autoindex pages
 * (autoindex.ts). A folder asked without its slash is redirected (301). Files and listings carry
 * ETag and Last-Modified and answer 304 to If-None-Match / If-Modified-Since; HEAD works; other
 * methods get 405; unknown paths 404. Faults (faults.ts) fire per request, as for the mail
 * simulator, and `stats` counts what was asked (for tests that a second sync only revalidates).
 * `setFile` and `deleteFile` change what is served from the next request.
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { MeetbotFile } from '../demo/meetings.ts';
import { apacheIndex, nginxIndex, type AutoindexStyle, type IndexEntry } from './autoindex.ts';
import { takeFault, type Fault, type SimRequest } from './faults.ts';
import { errorPage, faulty, notFound, send, type Resource } from './http-resource.ts';
import { serve } from './serve.ts';

export interface MeetbotSimulatorOptions {
  /** `<team>/<YYYY>/<file>` -> file, as generateMeetings() gives them. */
  files: Map<string, MeetbotFile>;
  /** Where the tree is served, with slashes at both ends. */
  base?: string;
  style?: AutoindexStyle;
  port?: number;
  host?: string;
  faults?: Fault[];
  delayMs?: number;
}

export interface MeetbotSimulatorStats {
  requests: number;
  /** Requests that carried If-None-Match or If-Modified-Since. */
  conditional: number;
  notModified: number;
  /** Requests per path (without the query). */
  byPath: Map<string, number>;
}

export interface MeetbotSimulator {
  url: string;
  stats: MeetbotSimulatorStats;
  faults: Fault[];
  /** Adds or replaces a file (`<team>/<YYYY>/<file>`). */
  setFile(path: string, file: MeetbotFile): void;
  deleteFile(path: string): void;
  close(): Promise<void>;
}

function contentType(name: string): string {
  if (name.endsWith('.html')) return 'text/html';
  if (name.endsWith('.txt')) return 'text/plain; charset=utf-8';
  return 'application/octet-stream';
}

/** The entries of folder `dir` ('' for the top, 'team/', 'team/2024/'), folders with their newest file's time. */
function entriesOf(files: Map<string, MeetbotFile>, dir: string): IndexEntry[] | undefined {
  const out = new Map<string, IndexEntry>();
  for (const [path, f] of files) {
    if (!path.startsWith(dir)) continue;
    const rest = path.slice(dir.length);
    const slash = rest.indexOf('/');
    const name = slash < 0 ? rest : rest.slice(0, slash);
    const e = out.get(name) ?? { name, dir: slash >= 0, size: 0, mtime: 0 };
    e.mtime = Math.max(e.mtime, f.mtime);
    if (!e.dir) e.size = f.bytes.length;
    out.set(name, e);
  }
  return out.size || dir === '' ? [...out.values()] : undefined;
}

export async function startMeetbotSimulator(options: MeetbotSimulatorOptions): Promise<MeetbotSimulator> {
  const base = options.base ?? '/meetings/';
  if (!base.startsWith('/') || !base.endsWith('/')) throw new Error(`meetbot simulator: base must start and end with "/", got ${base}`);
  const style = options.style ?? 'apache';
  // A copy: setFile and deleteFile change this server's tree, not the caller's map.
  const files = new Map(options.files);
  const faults = options.faults ?? [];
  const stats: MeetbotSimulatorStats = { requests: 0, conditional: 0, notModified: 0, byPath: new Map() };

  const listing = (path: string, dir: string, query: string): Resource | undefined => {
    const entries = entriesOf(files, dir);
    if (!entries) return undefined;
    const body = Buffer.from(style === 'apache' ? apacheIndex(path, entries, query) : nginxIndex(path, entries));
    const mtime = Math.max(0, ...entries.map((e) => e.mtime));
    // The page differs with its sort order, so its tag comes from its bytes.
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 16)}"`;
    return { status: 200, type: style === 'apache' ? 'text/html;charset=UTF-8' : 'text/html', body, mtime, etag };
  };

  const route = (req: SimRequest): Resource => {
    let path: string;
    try {
      path = decodeURIComponent(req.path);
    } catch {
      return errorPage(400, '400 Bad Request', 'Your browser sent a request that this server could not understand.');
    }
    if (!path.startsWith(base)) return path === base.slice(0, -1) ? { ...errorPage(301, '301 Moved Permanently', 'The document has moved.'), headers: { Location: base } } : notFound(path);
    const rest = path.slice(base.length);
    if (rest === '' || rest.endsWith('/')) return listing(path, rest, req.url.includes('?') ? req.url.slice(req.url.indexOf('?') + 1) : '') ?? notFound(path);
    const file = files.get(rest);
    if (file) return { status: 200, type: contentType(rest), body: file.bytes, mtime: file.mtime };
    if (entriesOf(files, `${rest}/`)) return { ...errorPage(301, '301 Moved Permanently', 'The document has moved.'), headers: { Location: `${path}/` } };
    return notFound(path);
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const rawUrl = req.url ?? '/';
    const parsed = new URL(rawUrl, 'http://simulator.invalid');
    const sim: SimRequest = { method: req.method ?? 'GET', url: rawUrl, path: parsed.pathname, params: parsed.searchParams };
    stats.requests++;
    stats.byPath.set(parsed.pathname, (stats.byPath.get(parsed.pathname) ?? 0) + 1);
    if (req.headers['if-none-match'] !== undefined || req.headers['if-modified-since'] !== undefined) stats.conditional++;
    if (sim.method !== 'GET' && sim.method !== 'HEAD') {
      send(req, res, { ...errorPage(405, '405 Method Not Allowed', 'Method Not Allowed'), headers: { Allow: 'GET, HEAD' } }, true);
      return;
    }
    const fault = takeFault(faults, sim);
    const r = route(sim);
    if (send(req, res, fault ? faulty(r, fault) : r, true) === 304) stats.notModified++;
  };

  const { server, url } = await serve(options, handle);
  return {
    url,
    stats,
    faults,
    setFile: (path, file) => void files.set(path, file),
    deleteFile: (path) => void files.delete(path),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
