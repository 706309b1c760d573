/**
 * The Algolia HN Search API (https://hn.algolia.com/api) over a made-up world
 * (scripts/demo/hn.ts), node:http only:
 *
 *   GET /api/v1/search_by_date?tags=&numericFilters=&page=&hitsPerPage=&query=
 *   GET /api/v1/search?…           the same hits (by points, then date)
 *   GET /api/v1/items/<id>         the item and its comment tree (`children`, recursively)
 *
 * As the real API: `tags` are ANDed by commas and ORed inside parentheses
 * (`story,author_whoishiring`, `(story,poll)`); `numericFilters` are
 * `created_at_i>=N`-style, ANDed; `hitsPerPage` defaults to 20 and is capped,
 * `page` counts from 0, and no more than the pagination limit (1000) of hits
 * can be paged to (`nbPages` says so, `nbHits` still counts them all). Search
 * hits write times as `2024-01-02T16:00:12Z`, items as `…12.000Z`, both with
 * `created_at_i`. A deleted comment keeps its place with a null author and
 * text; a dead one carries `dead: true`. Unknown ids answer 404 in JSON.
 *
 * Faults (faults.ts) fire per request (a 429 with Retry-After, a 500, a cut-off
 * body); `stats` counts requests by path, for tests that a re-sync asks less.
 * `addComment` grows a thread from the next request on (the current month).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { HnItem, HnWorld } from '../demo/hn.ts';
import { takeFault, type Fault, type SimRequest } from './faults.ts';
import { faulty, send, type Resource } from './http-resource.ts';
import { serve } from './serve.ts';

export interface HnSimulatorOptions {
  world: HnWorld;
  /** Largest `hitsPerPage` served (Algolia: 1000); smaller makes paging show with a small world. */
  maxHitsPerPage?: number;
  /** Deepest hit that can be paged to (Algolia: 1000). */
  paginationLimit?: number;
  port?: number;
  host?: string;
  faults?: Fault[];
  delayMs?: number;
}

export interface HnSimulatorStats {
  requests: number;
  searches: number;
  /** `items/<id>` requests by id. */
  items: Map<number, number>;
}

export interface HnSimulator {
  url: string;
  /** The API base a source config names: `<url>/api/v1`. */
  api: string;
  stats: HnSimulatorStats;
  faults: Fault[];
  /** Adds a top-level comment to a story; returns it. */
  addComment(storyId: number, comment: { author: string | null; text: string | null; at: number; dead?: boolean }): HnItem;
  resetStats(): void;
  close(): Promise<void>;
}

const iso = (seconds: number, ms: boolean): string => new Date(seconds * 1000).toISOString().replace(/\.\d{3}Z$/, ms ? '.000Z' : 'Z');

/** Every item of the world by id (stories and comments). */
function indexItems(stories: readonly HnItem[]): Map<number, HnItem> {
  const out = new Map<number, HnItem>();
  const walk = (i: HnItem): void => {
    out.set(i.id, i);
    i.children.forEach(walk);
  };
  stories.forEach(walk);
  return out;
}

function descendants(i: HnItem): number {
  return i.children.reduce((n, c) => n + 1 + descendants(c), 0);
}

function tagsOf(i: HnItem): string[] {
  return [i.type, `author_${i.author ?? ''}`, `story_${i.story_id ?? i.id}`];
}

/** The item as `items/<id>` answers it. */
export function itemJson(i: HnItem): Record<string, unknown> {
  return {
    id: i.id,
    created_at: iso(i.created_at_i, true),
    created_at_i: i.created_at_i,
    type: i.type,
    author: i.author,
    title: i.title,
    url: i.type === 'story' ? '' : null,
    text: i.text,
    points: i.points,
    parent_id: i.parent_id,
    story_id: i.story_id,
    ...(i.dead ? { dead: true } : {}),
    children: i.children.map(itemJson),
    options: [],
  };
}

/** The item as a search hit. */
export function hitJson(i: HnItem, storyTitle: (id: number) => string | null): Record<string, unknown> {
  const common = { _tags: tagsOf(i), author: i.author, created_at: iso(i.created_at_i, false), created_at_i: i.created_at_i, objectID: String(i.id), updated_at: iso(i.created_at_i + 3600, true) };
  if (i.type === 'story') {
    return { _highlightResult: { author: { matchLevel: 'none', matchedWords: [], value: i.author }, title: { matchLevel: 'none', matchedWords: [], value: i.title } }, ...common, children: i.children.map((c) => c.id), num_comments: descendants(i), points: i.points, story_id: i.id, story_text: i.text, title: i.title };
  }
  return { ...common, comment_text: i.text, parent_id: i.parent_id, story_id: i.story_id, story_title: storyTitle(i.story_id ?? 0), points: null };
}

/** Algolia's `tags`: AND by commas, OR inside parentheses. */
export function matchTags(spec: string, tags: readonly string[]): boolean {
  const terms = spec.match(/\([^)]*\)|[^,]+/g) ?? [];
  return terms.every((term) => {
    const options = term.replace(/^\(|\)$/g, '').split(',').map((t) => t.trim()).filter(Boolean);
    return options.length === 0 || options.some((o) => tags.includes(o));
  });
}

/** Algolia's `numericFilters`: `field op number`, ANDed; a filter it cannot read is an error, as the API's 400. */
export function matchNumeric(spec: string, values: Record<string, number | null>): boolean {
  return spec
    .split(',')
    .map((f) => f.trim())
    .filter(Boolean)
    .every((f) => {
      const m = /^([a-z_]+)\s*(<=|>=|<|>|=|!=)\s*(-?\d+(?:\.\d+)?)$/.exec(f);
      if (!m) throw new Error(`invalid numericFilters: ${f}`);
      const v = values[m[1]!];
      if (v === null || v === undefined) return false;
      const n = Number(m[3]);
      return { '<': v < n, '<=': v <= n, '>': v > n, '>=': v >= n, '=': v === n, '!=': v !== n }[m[2] as '<'];
    });
}

function jsonResource(status: number, value: unknown): Resource {
  return { status, type: 'application/json; charset=utf-8', body: Buffer.from(JSON.stringify(value)) };
}

export async function startHnSimulator(options: HnSimulatorOptions): Promise<HnSimulator> {
  // A copy: addComment changes this server's world, not the caller's (its truth stays as written).
  const stories = structuredClone(options.world.stories);
  let items = indexItems(stories);
  const faults = options.faults ?? [];
  const maxPerPage = options.maxHitsPerPage ?? 1000;
  const limit = options.paginationLimit ?? 1000;
  const stats: HnSimulatorStats = { requests: 0, searches: 0, items: new Map() };

  const search = (params: URLSearchParams, byDate: boolean): Resource => {
    const tags = params.get('tags') ?? '';
    const numeric = params.get('numericFilters') ?? '';
    const words = (params.get('query') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
    const perPage = Math.min(maxPerPage, Math.max(1, Number(params.get('hitsPerPage') ?? 20) || 20));
    const page = Math.max(0, Number(params.get('page') ?? 0) || 0);
    let found: HnItem[];
    try {
      found = [...items.values()].filter((i) => matchTags(tags, tagsOf(i)) && matchNumeric(numeric, { created_at_i: i.created_at_i, points: i.points, num_comments: descendants(i) }) && words.every((w) => `${i.title ?? ''} ${i.text ?? ''}`.toLowerCase().includes(w)));
    } catch (err) {
      return jsonResource(400, { message: (err as Error).message, status: 400 });
    }
    found.sort((a, b) => (byDate ? 0 : (b.points ?? 0) - (a.points ?? 0)) || b.created_at_i - a.created_at_i || b.id - a.id);
    const reachable = found.slice(0, limit);
    const hits = reachable.slice(page * perPage, (page + 1) * perPage).map((i) => hitJson(i, (id) => items.get(id)?.title ?? null));
    return jsonResource(200, { exhaustive: { nbHits: true, typo: true }, exhaustiveNbHits: true, exhaustiveTypo: true, hits, hitsPerPage: perPage, nbHits: found.length, nbPages: Math.ceil(reachable.length / perPage), page, params: params.toString(), processingTimeMS: 1, query: params.get('query') ?? '', serverTimeMS: 2 });
  };

  const route = (req: SimRequest): Resource => {
    if (req.path === '/api/v1/search_by_date' || req.path === '/api/v1/search') {
      stats.searches++;
      return search(req.params, req.path.endsWith('_by_date'));
    }
    const m = /^\/api\/v1\/items\/(\d+)$/.exec(req.path);
    if (m) {
      const id = Number(m[1]);
      stats.items.set(id, (stats.items.get(id) ?? 0) + 1);
      const item = items.get(id);
      return item ? jsonResource(200, itemJson(item)) : jsonResource(404, { status: 404, error: 'Not Found' });
    }
    return jsonResource(404, { status: 404, error: 'Not Found' });
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const rawUrl = req.url ?? '/';
    const parsed = new URL(rawUrl, 'http://simulator.invalid');
    const sim: SimRequest = { method: req.method ?? 'GET', url: rawUrl, path: parsed.pathname, params: parsed.searchParams };
    stats.requests++;
    if (sim.method !== 'GET' && sim.method !== 'HEAD') {
      send(req, res, { ...jsonResource(405, { status: 405, error: 'Method Not Allowed' }), headers: { Allow: 'GET, HEAD' } }, false);
      return;
    }
    const fault = takeFault(faults, sim);
    const r = route(sim);
    send(req, res, fault ? faulty(r, fault) : r, false);
  };

  const { server, url } = await serve(options, handle);
  return {
    url,
    api: `${url}/api/v1`,
    stats,
    faults,
    addComment: (storyId, c) => {
      const parent = items.get(storyId);
      if (!parent) throw new Error(`hn simulator: no item ${storyId}`);
      const ids = [...items.keys()];
      const item: HnItem = { id: Math.max(...ids) + 1, created_at_i: c.at, type: 'comment', author: c.author, title: null, text: c.text, parent_id: parent.id, story_id: parent.story_id ?? parent.id, points: null, children: [], ...(c.dead ? { dead: true } : {}) };
      parent.children.push(item);
      items = indexItems(stories);
      return item;
    },
    resetStats: () => {
      stats.requests = stats.searches = 0;
      stats.items.clear();
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        if (!server.listening) return resolve();
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
