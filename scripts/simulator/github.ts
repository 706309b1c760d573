/**
 * A local HTTP server speaking the subset of GitHub's REST API (v3) that Agora reads, for tests
 * and the demo (node:http only). It serves a world (github-world.ts):
 *
 *   GET /repos/{o}/{r}                          a repository (301 to /repositories/{id} from an earlier name)
 *   GET /repositories/{id}[/…]                  the same by id (where the 301s and the Link headers point)
 *   GET /users/{login}/repos, /orgs/{org}/repos an owner's repositories (type, sort, direction)
 *   GET /users/{login}                          an account
 *   GET /repos/{o}/{r}/pulls                    state=open|closed|all, sort=created|updated|popularity|long-running, direction, base
 *   GET /repos/{o}/{r}/pulls/{n}                a pull with its counts
 *   GET /repos/{o}/{r}/pulls/{n}/reviews        submitted reviews, oldest first
 *   GET /repos/{o}/{r}/pulls/{n}/comments       inline comments (sort=created|updated, direction, since)
 *   GET /repos/{o}/{r}/issues/{n}/comments      conversation comments (since)
 *   GET /repos/{o}/{r}/issues/{n}/timeline      events, comments and reviews, oldest first
 *   GET /rate_limit                             the caller's budget (free, as on GitHub)
 *
 * As github.com: lists page with per_page (default 30, at most 100) and page, with an RFC 5988
 * Link header (prev, next, last, first) whose URLs use /repositories/{id}; every GET has a strong
 * ETag (a hash of its body) and answers 304 to a matching If-None-Match; x-ratelimit-limit/
 * remaining/used/reset/resource on every answer, counting down per request (304s free) from
 * 60 an hour for anonymous callers and 5000 for each `Authorization: token|Bearer X`, then a
 * primary-limit 403; unknown paths and private repositories (anonymous) 404 with GitHub's JSON.
 * Faults (faults.ts, plus `limit: 'primary' | 'secondary'`) answer chosen requests with a
 * secondary-limit 403 (retry-after: 1), a primary-limit 403 (resetting a second later), a 502…
 */
import { createHash } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { checkGithubWorld, type GithubWorld, type WorldPull, type WorldRepo } from './github-world.ts';
import { fullName, issueCommentObject, pullObject, repoObject, reviewCommentObject, reviewObject, timelineObjects, userObject, visibleReviews, WorldIndex, type RenderContext } from './github-render.ts';
import { parseFaultSpec, takeFault, type Fault, type FaultResponse, type SimRequest } from './faults.ts';
import { serve, type ServeOptions } from './serve.ts';

export interface GithubFaultResponse extends FaultResponse {
  /** Answer as GitHub does when a limit is hit: `secondary` 403 with retry-after: 1, `primary` 403 with remaining 0 and a reset one second ahead. */
  limit?: 'primary' | 'secondary';
}

export interface GithubFault extends Fault {
  respond: GithubFaultResponse;
}

export interface GithubSimulatorOptions extends ServeOptions {
  world: GithubWorld;
  /** Base of every html_url (default https://github.com). */
  webUrl?: string;
  /** Where the API is mounted, e.g. `/api/v3` as on GitHub Enterprise (default: the root). */
  basePath?: string;
  /** Requests per window (default 60 anonymous, 5000 per token). */
  limits?: { anonymous?: number; authenticated?: number };
  /** Window length in seconds (default 3600), from a caller's first request. */
  windowSeconds?: number;
  /** Tokens accepted; others get 401 Bad credentials. Absent: every token is good. */
  tokens?: string[];
  faults?: GithubFault[];
  now?: () => number;
}

export interface GithubSimulatorStats {
  requests: number;
  /** Requests that counted against a budget. */
  counted: number;
  notModified: number;
  /** Requests per path (without the query). */
  byPath: Map<string, number>;
}

export interface Budget {
  limit: number;
  remaining: number;
  used: number;
  /** Unix seconds. */
  reset: number;
}

export interface GithubSimulator {
  url: string;
  /** Served as it is at each request: a test may change it (then call `changed()`). */
  world: GithubWorld;
  faults: GithubFault[];
  stats: GithubSimulatorStats;
  /** Every request: method, URL, whether it was authorised, its If-None-Match. */
  requests: { method: string; url: string; authorized: boolean; ifNoneMatch?: string }[];
  /** Re-reads the world after a test changed it. */
  changed(): void;
  /** The next `times` matching requests get a secondary-limit 403. */
  secondaryLimit(times?: number, match?: string): void;
  /** The next `times` matching requests get a primary-limit 403 resetting a second later. */
  primaryLimit(times?: number, match?: string): void;
  /** The next `times` matching requests get a 502 Bad Gateway. */
  badGateway(times?: number, match?: string): void;
  /** The budget of a token (or the anonymous one). */
  budget(token?: string): Budget;
  close(): Promise<void>;
}

const DOCS = 'https://docs.github.com/rest';
const SECONDARY_MESSAGE =
  'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach out to GitHub Support for help, please include the request ID DEAD:BEEF:0000000:0000000:00000000.';

interface Answer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

class NotFound extends Error {}

function notFound(): Answer {
  return { status: 404, body: { message: 'Not Found', documentation_url: DOCS, status: '404' } };
}

function invalid(field: string, value: string): Answer {
  return { status: 422, body: { message: 'Validation Failed', errors: [{ resource: 'Search', field, code: 'invalid', value }], documentation_url: DOCS, status: '422' } };
}

/** A `since` value as GitHub reads it (an ISO 8601 time), or NaN. */
function timeParam(value: string | null): number | undefined {
  if (value === null) return undefined;
  return /^\d{4}-\d{2}-\d{2}(T[\d:.]+(Z|[+-]\d{2}:?\d{2})?)?$/.test(value) ? Date.parse(value) : Number.NaN;
}

/** `items` cut to the page asked for, with GitHub's Link header (URLs on `linkBase`, other query parameters kept). */
function paginate<T>(items: readonly T[], params: URLSearchParams, linkBase: string): { page: T[]; link?: string } {
  const perPage = Math.min(100, Math.max(1, Number.parseInt(params.get('per_page') ?? '30', 10) || 30));
  const page = Math.max(1, Number.parseInt(params.get('page') ?? '1', 10) || 1);
  const last = Math.max(1, Math.ceil(items.length / perPage));
  const slice = items.slice((page - 1) * perPage, page * perPage);
  const href = (n: number): string => {
    const q = new URLSearchParams(params);
    q.set('page', String(n));
    return `<${linkBase}?${q.toString()}>`;
  };
  const rels: string[] = [];
  if (page > 1) rels.push(`${href(Math.min(page - 1, last))}; rel="prev"`);
  if (page < last) rels.push(`${href(page + 1)}; rel="next"`, `${href(last)}; rel="last"`);
  if (page > 1) rels.push(`${href(1)}; rel="first"`);
  return rels.length ? { page: slice, link: rels.join(', ') } : { page: slice };
}

function list(items: readonly unknown[], params: URLSearchParams, linkBase: string): Answer {
  const { page, link } = paginate(items, params, linkBase);
  return { status: 200, body: page, headers: link ? { Link: link } : {} };
}

const byTime =
  <T>(key: (x: T) => string, dir: 'asc' | 'desc') =>
  (a: T, b: T): number => {
    const c = key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0;
    return dir === 'asc' ? c : -c;
  };

function pullsList(ctx: RenderContext, repo: WorldRepo, params: URLSearchParams, linkBase: string): Answer {
  const state = params.get('state') ?? 'open';
  if (!['open', 'closed', 'all'].includes(state)) return invalid('state', state);
  const sort = params.get('sort') ?? 'created';
  if (!['created', 'updated', 'popularity', 'long-running'].includes(sort)) return invalid('sort', sort);
  const direction = params.get('direction') ?? (sort === 'created' ? 'desc' : 'asc');
  if (direction !== 'asc' && direction !== 'desc') return invalid('direction', direction);
  const base = params.get('base');
  const pulls = ctx.index
    .pullsOf(repo)
    .filter((p) => state === 'all' || p.state === state)
    .filter((p) => base === null || p.base.ref === base);
  const key: (p: WorldPull) => string =
    sort === 'updated' ? (p) => p.updated_at : sort === 'popularity' ? (p) => String(p.issueComments?.length ?? 0).padStart(9, '0') : (p) => p.created_at;
  // long-running: open longest first, i.e. by creation, as "asc" by default lists the oldest first.
  const sorted = [...pulls].sort((a, b) => byTime(key, direction)(a, b) || (direction === 'asc' ? a.number - b.number : b.number - a.number));
  return list(
    sorted.map((p) => pullObject(ctx, repo, p, false)),
    params,
    linkBase,
  );
}

function ownerRepos(ctx: RenderContext, login: string, params: URLSearchParams, linkBase: string, org: boolean, authorized: boolean): Answer {
  const owner = ctx.index.users.get(login.toLowerCase());
  if (!owner || owner.deleted || (org && owner.type !== 'Organization')) return notFound();
  const sort = params.get('sort') ?? (org ? 'created' : 'full_name');
  if (!['created', 'updated', 'pushed', 'full_name'].includes(sort)) return invalid('sort', sort);
  const direction = params.get('direction') ?? (sort === 'full_name' ? 'asc' : 'desc');
  const type = params.get('type') ?? (org ? 'all' : 'owner');
  const repos = ctx.index.world.repos
    .filter((r) => r.owner.toLowerCase() === login.toLowerCase())
    // /users/{u}/repos lists public repositories only, whoever asks; /orgs/{o}/repos shows a member's private ones.
    .filter((r) => !r.private || (org && authorized && type !== 'public'))
    .filter((r) => (type === 'forks' ? r.fork : type === 'sources' ? !r.fork : type === 'private' ? r.private : true));
  const key = (r: WorldRepo): string => (sort === 'full_name' ? fullName(r).toLowerCase() : sort === 'updated' ? r.updated_at : sort === 'pushed' ? r.pushed_at : r.created_at);
  const sorted = [...repos].sort(byTime(key, direction === 'asc' ? 'asc' : 'desc'));
  return list(
    sorted.map((r) => repoObject(ctx, r, false)),
    params,
    linkBase,
  );
}

interface RepoScope {
  repo: WorldRepo;
  /** The path after the repository, e.g. `/pulls/3/reviews`. */
  rest: string;
}

/** The pull-scoped routes (`/pulls/{n}`, `/pulls/{n}/reviews`, `/issues/{n}/…`). */
function pullRoute(ctx: RenderContext, { repo, rest }: RepoScope, params: URLSearchParams, linkBase: string): Answer {
  if (rest === '/pulls') return pullsList(ctx, repo, params, linkBase);
  const m = /^\/(pulls|issues)\/(\d+)(\/(reviews|comments|timeline))?$/.exec(rest);
  if (!m) throw new NotFound();
  const p = ctx.index.pull(repo, Number(m[2]));
  if (!p) throw new NotFound();
  const [kind, sub] = [m[1], m[4]];
  if (kind === 'pulls' && sub === undefined) return { status: 200, body: pullObject(ctx, repo, p, true) };
  if (kind === 'pulls' && sub === 'reviews') return list(visibleReviews(p).map((r) => reviewObject(ctx, repo, p, r)), params, linkBase);
  if (kind === 'pulls' && sub === 'comments') {
    const since = timeParam(params.get('since'));
    if (Number.isNaN(since)) return invalid('since', params.get('since') ?? '');
    const sort = params.get('sort') ?? 'created';
    const dir = params.get('direction') ?? 'asc';
    const items = (p.reviewComments ?? [])
      .filter((c) => since === undefined || Date.parse(c.updated_at) >= since)
      .sort((a, b) => byTime<typeof a>((c) => (sort === 'updated' ? c.updated_at : c.created_at), dir === 'desc' ? 'desc' : 'asc')(a, b) || a.id - b.id);
    return list(items.map((c) => reviewCommentObject(ctx, repo, p, c)), params, linkBase);
  }
  if (kind === 'issues' && sub === 'comments') {
    const since = timeParam(params.get('since'));
    if (Number.isNaN(since)) return invalid('since', params.get('since') ?? '');
    const items = (p.issueComments ?? []).filter((c) => since === undefined || Date.parse(c.updated_at) >= since).sort((a, b) => a.id - b.id);
    return list(items.map((c) => issueCommentObject(ctx, repo, p, c)), params, linkBase);
  }
  if (kind === 'issues' && sub === 'timeline') return list(timelineObjects(ctx, repo, p), params, linkBase);
  throw new NotFound();
}

/** The answer for a GET of `path` (below the base path). */
function route(ctx: RenderContext, path: string, params: URLSearchParams, query: string, authorized: boolean): Answer {
  const visible = (r: WorldRepo | undefined): r is WorldRepo => r !== undefined && (!r.private || authorized);
  let m = /^\/repos\/([^/]+)\/([^/]+)(\/.*)?$/.exec(path);
  if (m) {
    const name = `${decodeURIComponent(m[1]!)}/${decodeURIComponent(m[2]!)}`.toLowerCase();
    const rest = m[3] ?? '';
    const repo = ctx.index.reposByName.get(name);
    if (!visible(repo)) {
      const moved = ctx.index.renamed.get(name);
      if (!visible(moved)) return notFound();
      const url = `${ctx.api}/repositories/${moved.id}${rest}${query}`;
      return { status: 301, body: { message: 'Moved Permanently', url, documentation_url: 'https://docs.github.com/v3/#http-redirects' }, headers: { Location: url } };
    }
    return repoScoped(ctx, { repo, rest }, params);
  }
  m = /^\/repositories\/(\d+)(\/.*)?$/.exec(path);
  if (m) {
    const repo = ctx.index.reposById.get(Number(m[1]));
    return visible(repo) ? repoScoped(ctx, { repo, rest: m[2] ?? '' }, params) : notFound();
  }
  m = /^\/(users|orgs)\/([^/]+)\/repos$/.exec(path);
  if (m) return ownerRepos(ctx, decodeURIComponent(m[2]!), params, `${ctx.api}${path}`, m[1] === 'orgs', authorized);
  m = /^\/users\/([^/]+)$/.exec(path);
  if (m) {
    const u = ctx.index.users.get(decodeURIComponent(m[1]!).toLowerCase());
    return u && !u.deleted ? { status: 200, body: userObject(ctx, u) } : notFound();
  }
  return notFound();
}

function repoScoped(ctx: RenderContext, scope: RepoScope, params: URLSearchParams): Answer {
  if (scope.rest === '') return { status: 200, body: repoObject(ctx, scope.repo, true) };
  try {
    return pullRoute(ctx, scope, params, `${ctx.api}/repositories/${scope.repo.id}${scope.rest}`);
  } catch (err) {
    if (err instanceof NotFound) return notFound();
    throw err;
  }
}

/** The token of an `Authorization: token X` or `Bearer X` header. */
function tokenOf(req: IncomingMessage): string | undefined {
  const m = /^(?:token|bearer)\s+(\S+)\s*$/i.exec(req.headers.authorization ?? '');
  return m?.[1];
}

export async function startGithubSimulator(options: GithubSimulatorOptions): Promise<GithubSimulator> {
  const problems = checkGithubWorld(options.world);
  if (problems.length) throw new Error(`GitHub simulator: the world has ${problems.length} problem(s):\n  ${problems.slice(0, 20).join('\n  ')}`);
  const now = options.now ?? Date.now;
  const basePath = (options.basePath ?? '').replace(/\/+$/, '');
  const web = (options.webUrl ?? 'https://github.com').replace(/\/+$/, '');
  const window = options.windowSeconds ?? 3600;
  const faults = options.faults ?? [];
  const stats: GithubSimulatorStats = { requests: 0, counted: 0, notModified: 0, byPath: new Map() };
  const requests: GithubSimulator['requests'] = [];
  const buckets = new Map<string, Budget>();
  let index = new WorldIndex(options.world);
  const sim = { world: options.world };

  const bucket = (token: string | undefined): Budget => {
    const key = token === undefined ? '' : `t:${token}`;
    const nowS = Math.floor(now() / 1000);
    let b = buckets.get(key);
    if (!b || b.reset <= nowS) {
      const limit = token === undefined ? (options.limits?.anonymous ?? 60) : (options.limits?.authenticated ?? 5000);
      b = { limit, remaining: limit, used: 0, reset: nowS + window };
      buckets.set(key, b);
    }
    return b;
  };

  const limitHeaders = (b: Budget): Record<string, string> => ({
    'x-ratelimit-limit': String(b.limit),
    'x-ratelimit-remaining': String(b.remaining),
    'x-ratelimit-reset': String(b.reset),
    'x-ratelimit-used': String(b.used),
    'x-ratelimit-resource': 'core',
  });

  const write = (req: IncomingMessage, res: ServerResponse, status: number, headers: Record<string, string>, body?: string): void => {
    res.writeHead(status, headers);
    res.end(req.method === 'HEAD' ? undefined : body);
  };

  const commonHeaders = (authorized: boolean): Record<string, string> => ({
    'content-type': 'application/json; charset=utf-8',
    'cache-control': authorized ? 'private, max-age=60, s-maxage=60' : 'public, max-age=60, s-maxage=60',
    vary: 'Accept, Authorization, Cookie, X-GitHub-OTP, Accept-Encoding',
    'x-github-media-type': 'github.v3; format=json',
    'x-github-api-version-selected': '2022-11-28',
    'x-github-request-id': `SIM:${stats.requests.toString(16).toUpperCase()}`,
    'access-control-expose-headers':
      'ETag, Link, Location, Retry-After, X-GitHub-OTP, X-RateLimit-Limit, X-RateLimit-Remaining, X-RateLimit-Used, X-RateLimit-Resource, X-RateLimit-Reset, X-OAuth-Scopes, X-Accepted-OAuth-Scopes, X-Poll-Interval, X-GitHub-Media-Type, X-GitHub-SSO, X-GitHub-Request-Id, Deprecation, Sunset',
  });

  /** A fault's answer; limits as GitHub words them, other faults as faults.ts describes. */
  const sendFault = (req: IncomingMessage, res: ServerResponse, fault: GithubFaultResponse, b: Budget, authorized: boolean, real: () => string): void => {
    const headers = { ...commonHeaders(authorized), ...limitHeaders(b), ...fault.headers };
    if (fault.limit === 'secondary') {
      return write(req, res, fault.status ?? 403, { ...headers, 'retry-after': '1' }, JSON.stringify({ message: SECONDARY_MESSAGE, documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits' }));
    }
    if (fault.limit === 'primary') {
      const reset = Math.floor(now() / 1000) + 1;
      return write(req, res, fault.status ?? 403, { ...headers, ...limitHeaders({ ...b, remaining: 0, used: b.limit, reset }) }, JSON.stringify(primaryBody(authorized)));
    }
    if (fault.html) return write(req, res, fault.status ?? 200, { ...headers, 'content-type': 'text/html; charset=utf-8' }, '<!DOCTYPE html>\n<html><head><title>Unicorn!</title></head><body><h1>No server is currently available to service your request.</h1></body></html>\n');
    if (fault.truncate) {
      const body = real();
      return write(req, res, fault.status ?? 200, headers, body.slice(0, Math.max(1, Math.floor(body.length / 2))));
    }
    if (fault.empty) return write(req, res, fault.status ?? 200, headers, '[]');
    const status = fault.status ?? 500;
    write(req, res, status, headers, fault.body ?? JSON.stringify({ message: status === 502 ? 'Server Error' : 'Internal Server Error', documentation_url: DOCS }));
  };

  const primaryBody = (authorized: boolean): unknown => ({
    message: authorized
      ? 'API rate limit exceeded for user ID 1. If you reach out to GitHub Support for help, please include the request ID DEAD:BEEF.'
      : "API rate limit exceeded for 127.0.0.1. (But here's the good news: Authenticated requests get a higher rate limit. Check out the documentation for more details.) If you reach out to GitHub Support for help, please include the request ID DEAD:BEEF.",
    documentation_url: 'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-primary-rate-limits',
  });

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const rawUrl = req.url ?? '/';
    const parsed = new URL(rawUrl, 'http://simulator.invalid');
    const simReq: SimRequest = { method: req.method ?? 'GET', url: rawUrl, path: parsed.pathname, params: parsed.searchParams };
    const token = tokenOf(req);
    const authorized = token !== undefined;
    const inm = req.headers['if-none-match'];
    stats.requests++;
    stats.byPath.set(parsed.pathname, (stats.byPath.get(parsed.pathname) ?? 0) + 1);
    requests.push({ method: simReq.method, url: rawUrl, authorized, ...(inm !== undefined ? { ifNoneMatch: inm } : {}) });
    const common = commonHeaders(authorized);
    const json = (status: number, body: unknown, headers: Record<string, string> = {}): void => write(req, res, status, { ...common, ...headers }, JSON.stringify(body));

    if (req.headers.authorization !== undefined && (!authorized || (options.tokens && !options.tokens.includes(token!)))) {
      return json(401, { message: 'Bad credentials', documentation_url: DOCS, status: '401' });
    }
    if (simReq.method !== 'GET' && simReq.method !== 'HEAD') return json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    if (basePath && !parsed.pathname.startsWith(`${basePath}/`)) return json(404, { message: 'Not Found', documentation_url: DOCS, status: '404' });
    const path = parsed.pathname.slice(basePath.length) || '/';
    const b = bucket(token);
    if (path === '/rate_limit') {
      const core = { limit: b.limit, used: b.used, remaining: b.remaining, reset: b.reset };
      return json(200, { resources: { core }, rate: core }, limitHeaders(b));
    }
    if (b.remaining <= 0) return json(403, primaryBody(authorized), limitHeaders(b));

    const ctx: RenderContext = { api: `http://${req.headers.host ?? 'localhost'}${basePath}`, web, index };
    const answer = (): Answer => route(ctx, path, parsed.searchParams, parsed.search, authorized);
    const fault = takeFault(faults, simReq) as GithubFaultResponse | undefined;
    if (fault) {
      count(b);
      return sendFault(req, res, fault, b, authorized, () => JSON.stringify(answer().body));
    }
    const a = answer();
    const body = JSON.stringify(a.body);
    // Hashed without the address it is served on, so a world's ETags are the same on every port (the demo's snapshot keeps them).
    const etag = `"${createHash('sha256').update(body.split(ctx.api).join('<api>')).digest('hex').slice(0, 32)}"`;
    if (a.status === 200 && inm !== undefined && inm.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
      stats.notModified++;
      const { 'content-type': _ct, ...rest } = common;
      return write(req, res, 304, { ...rest, ...limitHeaders(b), etag, ...(a.headers ?? {}) });
    }
    count(b);
    write(req, res, a.status, { ...common, ...limitHeaders(b), ...(a.status === 200 ? { etag } : {}), ...(a.headers ?? {}) }, body);
  };

  const count = (b: Budget): void => {
    stats.counted++;
    b.used++;
    b.remaining = Math.max(0, b.remaining - 1);
  };

  const addFault = (respond: GithubFaultResponse, times: number, match?: string): void => {
    faults.push({ respond, times, ...(match !== undefined ? { match } : {}) });
  };

  const { server, url } = await serve(options, handle);
  return {
    url: `${url}${basePath}`,
    get world() {
      return sim.world;
    },
    set world(w: GithubWorld) {
      sim.world = w;
      index = new WorldIndex(w);
    },
    faults,
    stats,
    requests,
    changed: () => void (index = new WorldIndex(sim.world)),
    secondaryLimit: (times = 1, match) => addFault({ limit: 'secondary' }, times, match),
    primaryLimit: (times = 1, match) => addFault({ limit: 'primary' }, times, match),
    badGateway: (times = 1, match) => addFault({ status: 502 }, times, match),
    budget: (token) => ({ ...bucket(token) }),
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/**
 * A --fault SPEC for the GitHub simulator: faults.ts's keys plus the flags `secondary-limit`
 * and `primary-limit`, e.g. "secondary-limit,times=3" or "primary-limit,match=/pulls".
 */
export function parseGithubFaultSpec(spec: string): GithubFault {
  const parts = spec.split(',').map((p) => p.trim());
  const limits: string[] = parts.filter((p) => p === 'secondary-limit' || p === 'primary-limit');
  if (limits.length > 1) throw new Error(`--fault "${spec}": choose one of secondary-limit and primary-limit`);
  const rest = parts.filter((p) => p && !limits.includes(p)).join(',');
  const fault: GithubFault = rest ? parseFaultSpec(rest) : { respond: {} };
  if (limits[0]) fault.respond.limit = limits[0] === 'secondary-limit' ? 'secondary' : 'primary';
  return fault;
}
