/**
 * A local mailing-list archive server for tests and the demo, in the real formats (node:http only):
 *
 *   Mailman 2 pipermail
 *     GET /pipermail/<list>/                       archive index (archtoc.html), newest month first
 *     GET /pipermail/<list>/YYYY-Month.txt.gz      a month, gzipped (lists with pipermail: 'gzip')
 *     GET /pipermail/<list>/YYYY-Month.txt         a month as text (every list; the only form of
 *                                                  'text' lists and of months before textOnlyBefore)
 *     GET /pipermail/<list>/YYYY-Month/thread.html (subject.html, author.html, date.html)
 *     GET /pipermail/<list>.mbox/<list>.mbox       the full raw archive
 *   Mailman 3 HyperKitty
 *     GET /archives/api/lists/                     lists (limit/offset pages)
 *     GET /archives/api/list/<list>@<domain>/      one list: name, display_name, created_at, …
 *     GET /archives/list/<list>@<domain>/export/<file>.mbox.gz?start=YYYY-MM-DD&end=YYYY-MM-DD
 *                                                  gzipped mbox of messages dated start <= d < end
 *   Plain files
 *     GET /mbox/<list>.mbox, /mbox/<list>-YYYY-MM.mbox, and .mbox.gz of both
 *
 * Files carry ETag and Last-Modified (Apache's size-mtime ETag) and answer 304 to If-None-Match /
 * If-Modified-Since; HEAD works everywhere. `addMessage` appends to a month (its ETag and
 * Last-Modified move), `touchMonth` rewrites one unchanged, `removeMonth` drops one (404 after).
 * Faults (faults.ts) fire per request: a status, a cut-off body (`truncate`: half the gzip
 * bytes), an HTML page, an empty body, or a side effect (`run`). How a resource is sent (validators,
 * 304, HEAD, faults) is in http-resource.ts; the routes stay here, in one file a little over 300
 * lines, because they share the lists' state and caches.
 */
import { serve } from './serve.ts';
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { archiveMonth, hyperkittyDate, hyperkittyExport, mbox, monthOfVolume, pipermailText, pipermailVolume, type ArchivedMessage } from '../demo/mail-archive.ts';
import { readFacts } from '../demo/mail-read.ts';
import { takeFault, type Fault, type SimRequest } from './faults.ts';
import { errorPage, faulty, gz, notFound, send, type Resource } from './http-resource.ts';
import { hyperkittyListJson, hyperkittyListsPage, pipermailIndex, pipermailMonthPage, type HyperkittyList } from './mail-pages.ts';

export interface MailSimList {
  name: string;
  messages: readonly ArchivedMessage[];
  displayName?: string;
  description?: string;
  subjectPrefix?: string;
  /** Unix seconds (HyperKitty's created_at); 14 days before the first message by default. */
  createdAt?: number;
  /** How pipermail offers months: `gzip` (`.txt.gz` linked, `.txt` served too; the default) or `text` (`.txt` only). */
  pipermail?: 'gzip' | 'text';
  /** `YYYY-MM`: earlier months are offered as `.txt` only (archived before gzipping was turned on). */
  textOnlyBefore?: string;
}

export interface MailSimulatorOptions {
  lists: readonly MailSimList[];
  port?: number;
  host?: string;
  faults?: Fault[];
  delayMs?: number;
  /** Milliseconds; the clock of `addMessage` and `touchMonth`. */
  now?: () => number;
  /** The lists' domain (`lists.aurora.example`). */
  domain?: string;
  /** Send ETag and Last-Modified (true; HyperKitty's real export view sends neither). */
  validators?: boolean;
  /** Serve `.txt.gz` as `Content-Type: text/plain` + `Content-Encoding: x-gzip`, as an Apache with `AddEncoding x-gzip .gz` does. */
  gzipAsContentEncoding?: boolean;
}

export interface MailSimulator {
  url: string;
  requests: { method: string; url: string; status: number }[];
  faults: Fault[];
  /** `YYYY-MM` of a list's months, oldest first. */
  months(list: string): string[];
  /** Appends a message (archived now unless `archivedAt`, unix seconds); its month changes. */
  addMessage(list: string, raw: Buffer | string, archivedAt?: number): { month: string };
  /** The month's files are written again, unchanged: new Last-Modified and ETag. */
  touchMonth(list: string, month: string): void;
  /** The month and its messages disappear (404 from now on). */
  removeMonth(list: string, month: string): void;
  close(): Promise<void>;
}

interface Month {
  messages: ArchivedMessage[];
  /** Unix seconds: the files' mtime. */
  mtime: number;
  version: number;
  cache?: { version: number; txt: Buffer; gz: Buffer };
}

interface ListState {
  info: MailSimList;
  hk: HyperkittyList;
  months: Map<string, Month>;
  version: number;
  /** Unix seconds: when the index (and the full mbox) last changed. */
  mtime: number;
}

const DAY = 86400;

/** A `YYYY-MM-DD` query parameter as unix seconds; undefined when absent, null when not a day. */
function dayParam(value: string | null): number | undefined | null {
  if (value === null) return undefined;
  const m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const d = new Date(ms);
  return d.getUTCDate() === Number(m[3]) && d.getUTCMonth() === Number(m[2]) - 1 ? ms / 1000 : null;
}

export async function startMailSimulator(options: MailSimulatorOptions): Promise<MailSimulator> {
  const domain = options.domain ?? 'lists.aurora.example';
  const now = options.now ?? Date.now;
  const validators = options.validators ?? true;
  const faults = options.faults ?? [];
  const requests: MailSimulator['requests'] = [];
  const lists = new Map<string, ListState>();

  for (const info of options.lists) {
    const months = new Map<string, Month>();
    for (const m of info.messages) {
      const key = archiveMonth(m);
      const month = months.get(key) ?? { messages: [], mtime: 0, version: 0 };
      month.messages.push(m);
      month.mtime = Math.max(month.mtime, m.archivedAt);
      months.set(key, month);
    }
    const first = Math.min(...info.messages.map((m) => m.archivedAt), Math.floor(now() / 1000));
    const hk: HyperkittyList = {
      name: `${info.name}@${domain}`,
      displayName: info.displayName ?? info.name[0]!.toUpperCase() + info.name.slice(1),
      description: info.description ?? '',
      subjectPrefix: info.subjectPrefix ?? '',
      createdAt: info.createdAt ?? first - 14 * DAY,
    };
    const mtime = Math.max(0, ...[...months.values()].map((m) => m.mtime));
    lists.set(info.name, { info, hk, months: new Map([...months].sort(([a], [b]) => (a < b ? -1 : 1))), version: 0, mtime });
  }

  const list = (name: string): ListState => {
    const l = lists.get(name);
    if (!l) throw new Error(`mail simulator: no list ${name}`);
    return l;
  };
  const changed = (l: ListState) => {
    l.version++;
    l.mtime = Math.max(l.mtime + 1, Math.floor(now() / 1000));
  };
  const bump = (l: ListState, key: string, month: Month) => {
    month.version++;
    month.mtime = Math.max(month.mtime + 1, Math.floor(now() / 1000));
    changed(l);
    l.months.set(key, month);
    l.months = new Map([...l.months].sort(([a], [b]) => (a < b ? -1 : 1)));
  };
  const files = (l: ListState, month: Month) => {
    if (month.cache?.version !== month.version) {
      const txt = pipermailText(l.info.name, month.messages);
      month.cache = { version: month.version, txt, gz: gz(txt) };
    }
    return month.cache;
  };
  const gzipped = (l: ListState, key: string) => (l.info.pipermail ?? 'gzip') === 'gzip' && !(l.info.textOnlyBefore && key < l.info.textOnlyBefore);
  const allMessages = (l: ListState) => [...l.months.values()].flatMap((m) => m.messages).sort((a, b) => a.archivedAt - b.archivedAt);
  const mboxCache = new Map<string, { version: number; plain: Buffer; gz: Buffer }>();
  const mboxOf = (l: ListState, key: string | undefined) => {
    const id = `${l.info.name} ${key ?? ''}`;
    const version = key ? (l.months.get(key)?.version ?? -1) : l.version;
    let c = mboxCache.get(id);
    if (c?.version !== version) {
      const plain = mbox(key ? (l.months.get(key)?.messages ?? []) : allMessages(l));
      c = { version, plain, gz: gz(plain) };
      mboxCache.set(id, c);
    }
    return c;
  };

  const pipermail = (l: ListState, rest: string, path: string): Resource => {
    if (rest === '' || rest === 'index.html') {
      const months = [...l.months].map(([key, m]) => {
        const gzip = gzipped(l, key);
        const f = files(l, m);
        return { month: key, file: `${pipermailVolume(key)}.txt${gzip ? '.gz' : ''}`, size: (gzip ? f.gz : f.txt).length, gzip };
      });
      const body = Buffer.from(pipermailIndex({ list: l.info.name, realName: l.hk.displayName, listinfo: `http://${domain}/mailman/listinfo/${l.info.name}`, mboxSize: mboxOf(l, undefined).plain.length, months }));
      return { status: 200, type: 'text/html; charset=us-ascii', body, mtime: l.mtime };
    }
    const file = /^(\d{4}-[A-Za-z]+)\.txt(\.gz)?$/.exec(rest);
    if (file) {
      const key = monthOfVolume(file[1]!);
      const month = key ? l.months.get(key) : undefined;
      if (!key || !month || (file[2] && !gzipped(l, key))) return notFound(path);
      const f = files(l, month);
      if (!file[2]) return { status: 200, type: 'text/plain', body: f.txt, mtime: month.mtime };
      return options.gzipAsContentEncoding
        ? { status: 200, type: 'text/plain', body: f.gz, mtime: month.mtime, headers: { 'Content-Encoding': 'x-gzip' } }
        : { status: 200, type: 'application/x-gzip', body: f.gz, mtime: month.mtime };
    }
    const page = /^(\d{4}-[A-Za-z]+)\/(thread|subject|author|date)\.html$/.exec(rest);
    const key = page ? monthOfVolume(page[1]!) : undefined;
    const month = key ? l.months.get(key) : undefined;
    if (!page || !key || !month) return notFound(path);
    const entries = month.messages.map((m) => {
      const f = readFacts(m.raw);
      return { subject: f.subject || 'No subject', author: f.name || (f.address ?? '').replace('@', ' at '), date: f.date?.t ?? m.archivedAt };
    });
    return { status: 200, type: 'text/html; charset=utf-8', body: Buffer.from(pipermailMonthPage(l.hk.displayName, key, page[2] as 'thread', entries)), mtime: month.mtime };
  };

  const hyperkittyExportOf = (l: ListState, params: URLSearchParams, filename: string): Resource => {
    const start = dayParam(params.get('start'));
    const end = dayParam(params.get('end'));
    if (start === null || end === null) return { status: 400, type: 'text/html; charset=utf-8', body: Buffer.from('Invalid dates') };
    const picked: ArchivedMessage[] = [];
    let mtime = l.hk.createdAt;
    for (const month of l.months.values()) {
      for (const m of month.messages) {
        const d = hyperkittyDate(m);
        if ((start === undefined || d >= start) && (end === undefined || d < end)) {
          picked.push(m);
          mtime = Math.max(mtime, month.mtime);
        }
      }
    }
    const body = gz(hyperkittyExport(l.hk.name, picked));
    const etag = `"${createHash('sha1').update(body).digest('hex').slice(0, 20)}"`;
    return { status: 200, type: 'application/gzip', body, mtime, etag, headers: { 'Content-Disposition': `attachment; filename="${filename}.mbox.gz"` } };
  };

  const route = (req: SimRequest, base: string): Resource => {
    const path = decodeURIComponent(req.path);
    let m = /^\/pipermail\/([^/]+)\.mbox\/\1\.mbox$/.exec(path);
    if (m && lists.has(m[1]!)) {
      const l = list(m[1]!);
      return { status: 200, type: 'application/mbox', body: mboxOf(l, undefined).plain, mtime: l.mtime };
    }
    m = /^\/pipermail\/([^/]+)(\/.*)?$/.exec(path);
    if (m && lists.has(m[1]!)) {
      if (m[2] === undefined) return { ...errorPage(301, '301 Moved Permanently', 'The document has moved.'), headers: { Location: `${path}/` } };
      return pipermail(list(m[1]!), m[2].slice(1), path);
    }
    const byFqdn = (fqdn: string) => [...lists.values()].find((l) => l.hk.name === fqdn);
    if (path === '/archives/api/lists/') {
      const limit = Math.max(1, Number(req.params.get('limit') ?? 10) || 10);
      const offset = Math.max(0, Number(req.params.get('offset') ?? 0) || 0);
      return { status: 200, type: 'application/json', body: Buffer.from(JSON.stringify(hyperkittyListsPage(base, [...lists.values()].map((l) => l.hk), limit, offset))) };
    }
    m = /^\/archives\/api\/list\/([^/]+)\/$/.exec(path);
    if (m) {
      const l = byFqdn(m[1]!);
      if (!l) return { status: 404, type: 'application/json', body: Buffer.from('{"detail":"Not found."}') };
      return { status: 200, type: 'application/json', body: Buffer.from(JSON.stringify(hyperkittyListJson(base, l.hk))) };
    }
    m = /^\/archives\/list\/([^/]+)\/export\/([^/]+)\.mbox\.gz$/.exec(path);
    if (m) {
      const l = byFqdn(m[1]!);
      return l ? hyperkittyExportOf(l, req.params, m[2]!) : errorPage(404, '404 Not Found', 'Not Found');
    }
    m = /^\/mbox\/(.+?)(?:-(\d{4}-\d{2}))?\.mbox(\.gz)?$/.exec(path);
    if (m && lists.has(m[1]!)) {
      const l = list(m[1]!);
      const key = m[2];
      if (key && !l.months.has(key)) return notFound(path);
      const c = mboxOf(l, key);
      const mtime = key ? l.months.get(key)!.mtime : l.mtime;
      return m[3] ? { status: 200, type: 'application/x-gzip', body: c.gz, mtime } : { status: 200, type: 'application/mbox', body: c.plain, mtime };
    }
    return notFound(path);
  };

  const handle = (req: IncomingMessage, res: ServerResponse, base: string): void => {
    const rawUrl = req.url ?? '/';
    const parsed = new URL(rawUrl, 'http://simulator.invalid');
    const sim: SimRequest = { method: req.method ?? 'GET', url: rawUrl, path: parsed.pathname, params: parsed.searchParams };
    const log = { method: sim.method, url: rawUrl, status: 0 };
    requests.push(log);
    if (sim.method !== 'GET' && sim.method !== 'HEAD') {
      log.status = send(req, res, { ...errorPage(405, '405 Method Not Allowed', 'Method Not Allowed'), headers: { Allow: 'GET, HEAD' } }, validators);
      return;
    }
    const fault = takeFault(faults, sim);
    const r = route(sim, base);
    log.status = send(req, res, fault ? faulty(r, fault) : r, validators);
  };

  const { server, url } = await serve(options, (req, res) => handle(req, res, `http://${req.headers.host ?? 'localhost'}`));
  return {
    url,
    requests,
    faults,
    months: (name) => [...list(name).months.keys()],
    addMessage(name, raw, archivedAt) {
      const l = list(name);
      const msg = { raw: Buffer.isBuffer(raw) ? raw : Buffer.from(raw), archivedAt: archivedAt ?? Math.floor(now() / 1000) };
      const key = archiveMonth(msg);
      const month = l.months.get(key) ?? { messages: [], mtime: 0, version: 0 };
      month.messages.push(msg);
      bump(l, key, month);
      return { month: key };
    },
    touchMonth(name, key) {
      const l = list(name);
      const month = l.months.get(key);
      if (!month) throw new Error(`mail simulator: ${name} has no month ${key}`);
      bump(l, key, month);
    },
    removeMonth(name, key) {
      const l = list(name);
      if (!l.months.delete(key)) throw new Error(`mail simulator: ${name} has no month ${key}`);
      changed(l);
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

