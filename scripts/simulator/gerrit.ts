/**
 * A local HTTP server speaking the subset of Gerrit's REST API Agora uses,
 * for tests, the demo and benchmarks. node:http only. Faults (errors, rate
 * limits, cut-off bodies, HTML pages) can be injected per request.
 */
import { serve } from './serve.ts';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ChangeSet, loadFixtureDir, type ProjectInfo } from './changes.ts';
import { takeFault, type Fault, type FaultResponse, type SimRequest } from './faults.ts';
import { applyOptions } from './options.ts';
import { compileQuery, parseQuery, QuerySyntaxError, requiredProject, type IndexedChange } from './query.ts';

export type { Fault, FaultResponse, SimRequest } from './faults.ts';

export interface GerritSimulatorOptions {
  fixtureDir?: string;
  changes?: readonly unknown[];
  projects?: Record<string, ProjectInfo>;
  port?: number;
  host?: string;
  faults?: Fault[];
  /** Wait this long before answering each request (to make a sync slow enough to interrupt). */
  delayMs?: number;
  /** Server-side cap on `n`, as Gerrit's query limit. */
  maxPageSize?: number;
  now?: () => number;
  /**
   * Answer as Gerrit 2.6-2.8 did: `kind` and `_sortkey` on every change, paging
   * with `N=<sortkey>` (S= ignored), no `created`/`uploader`/`kind` on revisions,
   * no vote dates, and no `after:`/`before:` operators (only `age:`).
   */
  legacy?: boolean;
  /** A broken server: ignore `S=` and always answer from the first change. */
  ignoreStart?: boolean;
  /** A broken server: mark the last change of every page with `_more_changes`. */
  alwaysMore?: boolean;
}

export interface GerritSimulator {
  url: string;
  requests: { method: string; url: string }[];
  changes: ChangeSet;
  faults: Fault[];
  close(): Promise<void>;
}

const XSSI = ")]}'\n";

function text(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  res.end(body);
}

/** Gerrit 2.x's sort key: hex of the update time and of the change number, so text order is listing order. */
export function sortKeyOf(e: IndexedChange): string {
  const hex = (n: number) => Math.max(0, Math.floor(n)).toString(16).padStart(8, '0').slice(-8);
  return `${hex(e.updatedMs / 1000)}${hex(e.number)}`;
}

/** What a 2.6-2.8 server leaves out of a change it sends, and what it adds. */
function legacyShape(c: Record<string, unknown>, e: IndexedChange): Record<string, unknown> {
  const out: Record<string, unknown> = { kind: 'gerritcodereview#change', ...c, _sortkey: sortKeyOf(e) };
  delete out.hashtags;
  delete out.submitted;
  delete out.meta_rev_id;
  if (out.revisions && typeof out.revisions === 'object') {
    out.revisions = Object.fromEntries(
      Object.entries(out.revisions as Record<string, Record<string, unknown>>).map(([sha, r]) => {
        const { created: _c, uploader: _u, kind: _k, ...rest } = r;
        return [sha, rest];
      }),
    );
  }
  if (out.labels && typeof out.labels === 'object') {
    out.labels = Object.fromEntries(
      Object.entries(out.labels as Record<string, Record<string, unknown>>).map(([name, l]) => {
        const all = Array.isArray(l.all) ? (l.all as Record<string, unknown>[]).map(({ date: _d, ...a }) => a) : undefined;
        return [name, all ? { ...l, all } : l];
      }),
    );
  }
  return out;
}

function sendFault(res: ServerResponse, fault: FaultResponse, realBody: () => string): void {
  if (fault.html) {
    res.writeHead(fault.status ?? 200, { 'content-type': 'text/html; charset=utf-8', ...fault.headers });
    res.end('<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><h1>Please sign in</h1></body></html>\n');
  } else if (fault.truncate) {
    const body = realBody();
    res.writeHead(fault.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...fault.headers });
    res.end(body.slice(0, Math.max(XSSI.length + 1, Math.floor(body.length / 2))));
  } else if (fault.empty) {
    res.writeHead(fault.status ?? 200, { 'content-type': 'application/json; charset=utf-8', ...fault.headers });
    res.end(`${XSSI}[]\n`);
  } else {
    const status = fault.status ?? 500;
    text(res, status, fault.body ?? (status === 429 ? 'Too Many Requests\n' : 'Internal server error\n'), fault.headers);
  }
}

/** Serialises changes the way Gerrit does: XSSI line, then pretty JSON with two-space indents. */
function pageBody(page: readonly IndexedChange[], options: ReadonlySet<string>, more: boolean, legacy = false): string {
  const parts = page.map((e, i) => {
    const trimmed = applyOptions(JSON.parse(e.line) as Record<string, unknown>, options);
    const c = legacy ? legacyShape(trimmed, e) : trimmed;
    if (more && i === page.length - 1) c._more_changes = true;
    return `  ${JSON.stringify(c, null, 2).replace(/\n/g, '\n  ')}`;
  });
  return `${XSSI}[\n${parts.join(',\n')}${parts.length ? '\n' : ''}]\n`;
}

export async function startGerritSimulator(options: GerritSimulatorOptions): Promise<GerritSimulator> {
  let changes: ChangeSet;
  let projects = options.projects;
  if (options.fixtureDir) {
    const loaded = loadFixtureDir(options.fixtureDir);
    changes = loaded.changes;
    projects ??= loaded.projects;
  } else {
    changes = ChangeSet.fromObjects(options.changes ?? []);
  }
  const now = options.now ?? Date.now;
  const maxPage = options.maxPageSize ?? 500;
  const faults = options.faults ?? [];
  const requests: { method: string; url: string }[] = [];
  // Paging asks the same query again with a larger S; keep the last few result lists.
  const cache = new Map<string, { version: number; hits: readonly IndexedChange[] }>();

  const search = (q: string): readonly IndexedChange[] => {
    const cached = cache.get(q);
    if (cached && cached.version === changes.version) return cached.hits;
    const query = parseQuery(q);
    const pred = compileQuery(query, now(), { timeOperators: !options.legacy });
    const project = requiredProject(query);
    const hits = (project !== undefined ? changes.inProject(project) : changes.all()).filter(pred);
    if (cache.size >= 16) cache.delete(cache.keys().next().value as string);
    cache.set(q, { version: changes.version, hits });
    return hits;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const rawUrl = req.url ?? '/';
    const parsed = new URL(rawUrl, 'http://simulator.invalid');
    const sim: SimRequest = { method: req.method ?? 'GET', url: rawUrl, path: parsed.pathname, params: parsed.searchParams };
    requests.push({ method: sim.method, url: rawUrl });
    if (sim.method !== 'GET' && sim.method !== 'HEAD') return text(res, 405, 'Method Not Allowed\n');

    if (sim.path === '/changes/' || sim.path === '/changes') {
      const q = sim.params.get('q') ?? 'status:open';
      const n = Math.min(maxPage, Math.max(1, Number(sim.params.get('n') ?? maxPage) || maxPage));
      const askedStart = Math.max(0, Number(sim.params.get('S') ?? sim.params.get('start') ?? 0) || 0);
      const ignoresStart = options.legacy || options.ignoreStart;
      const opts = new Set(sim.params.getAll('o').map((o) => o.toUpperCase()));
      // Taken first: a fault's side effect (a change deleted mid-sync) shows in this very answer.
      const fault = takeFault(faults, sim);
      let hits: readonly IndexedChange[];
      try {
        hits = search(q);
      } catch (err) {
        if (err instanceof QuerySyntaxError) return text(res, 400, `${err.message}\n`);
        throw err;
      }
      let start = ignoresStart ? 0 : askedStart;
      const after = options.legacy ? sim.params.get('N') : null;
      if (after !== null) {
        const i = hits.findIndex((h) => sortKeyOf(h) < after);
        start = i < 0 ? hits.length : i;
      }
      const page = hits.slice(start, start + n);
      const more = options.alwaysMore ? page.length > 0 : start + n < hits.length;
      const body = (): string => pageBody(page, opts, more, options.legacy);
      if (fault) return sendFault(res, fault, body);
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      return void res.end(body());
    }
    const fault = takeFault(faults, sim);
    if (fault) return sendFault(res, fault, () => `${XSSI}{}\n`);
    if (sim.path === '/projects/' || sim.path === '/projects') {
      const list = projects ?? Object.fromEntries(changes.projects().map((p) => [p, { id: encodeURIComponent(p), state: 'ACTIVE' }]));
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8' });
      return void res.end(`${XSSI}${JSON.stringify(list, null, 2)}\n`);
    }
    return text(res, 404, 'Not Found\n');
  };

  const { server, url } = await serve(options, handle);
  return {
    url,
    requests,
    changes,
    faults,
    close: () =>
      // Safe to call twice: tests close early to simulate an unreachable server.
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
