/**
 * The Gerrit source: for each project, ask for changes updated since the
 * cursor, map them to model items and hand them to the engine. Transport,
 * parsing and mapping live in client.ts, parse.ts and map.ts.
 */
import type { GerritSourceConfig } from '../../config/schema.ts';
import { clampCursor, FUTURE_SKEW_MS } from '../../lib/clock.ts';
import type { Item } from '../../model/item.ts';
import type { RemovalCandidate, SourceDriver, SyncContext, SyncOutcome } from '../types.ts';
import { splitBotConfig } from './bots.ts';
import { GerritClient, type FetchLike, type Sleep } from './client.ts';
import { HttpNotFoundError, HttpStatusError } from '../../lib/http/errors.ts';
import { mapChange } from './map.ts';
import { isoToGerritQueryTime, parseChanges } from './parse.ts';

export interface GerritDriverDeps {
  fetch?: FetchLike;
  sleep?: Sleep;
  now?: () => number;
  random?: () => number;
}

/** Thrown for a failure that stops the whole source; names the source, and the project when there is one. */
export class GerritSourceError extends Error {
  override name = 'GerritSourceError';
}

/** Quotes a query value when Gerrit's query parser would otherwise split it. */
export function queryValue(value: string): string {
  return /^[A-Za-z0-9_./+-]+$/.test(value) ? value : `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

/**
 * The query for one project. `after:` is inclusive in Gerrit, and we step a
 * further second back because Gerrit compares whole seconds: changes seen
 * again come back with the same digest and cost no write.
 */
export function buildQuery(project: string | undefined, since: Date | undefined, extra: string | undefined, legacy?: { nowMs: number }): string {
  const terms = project === undefined ? [] : [`project:${queryValue(project)}`];
  // Without a project, a date still makes a valid query that matches every visible change.
  const from = since ?? (project === undefined && !extra?.trim() ? new Date(1000) : undefined);
  if (from && legacy) {
    // Gerrit before 2.9 has no after:, only age: ("last updated at least that long ago").
    // -age:<s> is "updated within the last <s> seconds"; an hour more covers clock skew.
    const seconds = Math.max(1, Math.ceil((legacy.nowMs - from.getTime()) / 1000) + 3600);
    terms.push(since ? `-age:${seconds}s` : '(status:open OR status:merged OR status:abandoned)');
  } else if (from) terms.push(`after:"${isoToGerritQueryTime(new Date(from.getTime() - 1000))}"`);
  if (extra?.trim()) terms.push(`(${extra.trim()})`);
  return terms.join(' ');
}

/** A 400 that says the server does not know after: (Gerrit 2.6-2.8). */
function refusesAfter(err: unknown): boolean {
  return err instanceof HttpStatusError && err.status === 400 && /\b(after|since)\b/i.test(err.bodyExcerpt);
}

function compileBots(config: GerritSourceConfig): ReturnType<typeof splitBotConfig> {
  try {
    return splitBotConfig(config.bots);
  } catch (err) {
    throw new GerritSourceError(`source "${config.id}": ${(err as Error).message}`, { cause: err });
  }
}

function makeClient(ctx: SyncContext<GerritSourceConfig>, deps: GerritDriverDeps): GerritClient {
  const { config } = ctx;
  return new GerritClient({
    baseUrl: config.url,
    timeoutMs: config.timeout * 1000,
    retries: config.retries,
    fetch: deps.fetch,
    sleep: deps.sleep,
    now: deps.now,
    random: deps.random,
    signal: ctx.signal,
    onRetry: ({ url, attempt, delayMs, reason }) =>
      ctx.log.warn(`${config.id}: retry ${attempt}/${config.retries} in ${(delayMs / 1000).toFixed(1)} s for GET ${url}: ${reason}`),
  });
}

async function syncGerrit(ctx: SyncContext<GerritSourceConfig>, deps: GerritDriverDeps): Promise<SyncOutcome> {
  const { config } = ctx;
  const { patterns: botPatterns, ids: botIds } = compileBots(config);
  const client = makeClient(ctx, deps);

  // Without a project list, one query over every visible project: a single
  // stream sorted by update time needs only one cursor (key "*"), and costs
  // one request instead of one per project on a server with thousands.
  const projects: (string | undefined)[] = config.projects ?? [undefined];
  const keyOf = (p: string | undefined) => p ?? ALL_PROJECTS;
  const labelOf = (p: string | undefined) => (p === undefined ? 'all projects' : `project ${p}`);

  // One cursor per project: a project synced early in the run must not be
  // skipped past by a newer change seen later in another project, and a
  // project newly added to the config starts from `since`, not from the others.
  const previous = projectCursors(ctx.meta);
  // Only the configured scopes keep a cursor, so the state matches what a fresh sync would write.
  const cursors: Record<string, string> = {};
  for (const p of projects) if (previous[keyOf(p)]) cursors[keyOf(p)] = previous[keyOf(p)]!;
  let done = 0;
  let projectMissed = false;
  let notFound: HttpNotFoundError | undefined;
  let answeredScopes = 0;
  // Projects read to the end that have no change at all (so no cursor of their own).
  const empty = new Set<string>();
  let changeSkipped = false;
  // No cursor moves past the moment this run began: a change dated in the future
  // (a wrong upstream clock) must not make every later change look old.
  const runStart = ctx.now();
  const future: { number: number; updated: string }[] = [];
  let legacyQuery = false;
  for (const project of projects) {
    const key = keyOf(project);
    ctx.progress({ done, note: project ?? 'all projects' });
    let own = previous[key];
    if (own && own > clampCursor(own, runStart)) {
      ctx.warn(labelOf(project), `the stored cursor ${own} is in the future (a wrong upstream clock put it there): syncing from ${ctx.windowStart?.toISOString() ?? 'the beginning'} again`);
      delete cursors[key];
      own = undefined;
    }
    // Per-project cursors: a project without one (new, or on --full) starts at the configured window.
    const since = ctx.full || !own ? ctx.windowStart : new Date(own);
    let maxUpdated: string | undefined;
    let answered = 0;
    const list = async (legacy: boolean): Promise<void> => {
      const query = buildQuery(project, since, config.query, legacy ? { nowMs: runStart } : undefined);
      for await (const page of client.changePages(query, { pageSize: config.pageSize, files: config.files })) {
        answered += page.length;
        const { changes, skipped } = parseChanges(page);
        for (const s of skipped) ctx.skip(`${s.where} (${labelOf(project)})`, s.reason);
        if (skipped.length) changeSkipped = true;
        for (const change of changes) {
          let item;
          try {
            item = mapChange(change, { config, botPatterns, botIds });
          } catch (err) {
            ctx.skip(`change ${change._number} (${labelOf(project)})`, `cannot map: ${(err as Error).message}`);
            changeSkipped = true;
            continue;
          }
          await ctx.emit(item);
          done++;
          if (Date.parse(item.updatedOn) > runStart + FUTURE_SKEW_MS) future.push({ number: change._number, updated: item.updatedOn });
          if (!maxUpdated || item.updatedOn > maxUpdated) maxUpdated = item.updatedOn;
        }
        ctx.progress({ done, note: project ?? 'all projects' });
      }
    };
    try {
      try {
        await list(legacyQuery);
      } catch (err) {
        if (legacyQuery || answered > 0 || !refusesAfter(err)) throw err;
        legacyQuery = true;
        ctx.log.warn(`${config.id}: ${config.url} does not know the after: operator (Gerrit before 2.9): asking with -age: instead`);
        await list(true);
      }
      answeredScopes++;
      // Only a project read to the end moves its cursor, and never past the start of this run.
      const next = maxUpdated === undefined ? undefined : clampCursor(maxUpdated, runStart);
      if (next && (!own || next > own)) cursors[key] = next;
      if (answered === 0 && !own) empty.add(key);
    } catch (err) {
      if (err instanceof HttpNotFoundError) {
        // One missing project should not hide the others; the run is then not complete,
        // so nothing is removed and the cursor stays where it was.
        ctx.skip(labelOf(project), `source "${config.id}": ${err.message}`);
        projectMissed = true;
        notFound = err;
        continue;
      }
      throw new GerritSourceError(`source "${config.id}", ${labelOf(project)}: ${(err as Error).message}`, { cause: err });
    }
  }
  // Queries never 404 on a Gerrit (an unknown project gives []): when nothing answered,
  // the URL is not a Gerrit REST root, and the source has failed.
  if (answeredScopes === 0 && notFound) {
    throw new GerritSourceError(
      `source "${config.id}": ${config.url} could not be read: ${notFound.message}. Is it the Gerrit base URL (e.g. https://review.example.org, or https://example.org/r for a Gerrit served under a path)?`,
      { cause: notFound },
    );
  }
  if (future.length) {
    const latest = future.reduce((a, b) => (b.updated > a.updated ? b : a));
    ctx.warn(
      'clock',
      `${future.length} change${future.length === 1 ? '' : 's'} updated in the future (latest: change ${latest.number} at ${latest.updated}); the clock of ${config.url} or those changes are wrong. They are stored, and cursors stop at the start of this run (${new Date(runStart).toISOString()}).`,
    );
  }

  // A missed project keeps its old cursor: it still needs everything since then. A skipped
  // (malformed) change does not hold the cursor back, but the run is not complete, so a
  // --full run does not delete the good copy stored before the change went bad.
  // The source-wide cursor shown in reports is the oldest project cursor. A project with no
  // change at all has none (it is asked from `since` each run, one cheap request) and must
  // not hold the others back forever; a missed project without one still does.
  const counted = projects.map(keyOf).filter((k) => !empty.has(k));
  const values = counted.map((p) => cursors[p]).filter((v): v is string => v !== undefined);
  const cursor = values.length === counted.length && values.length > 0 ? values.sort()[0] : ctx.meta.cursor;
  return { cursor, meta: { projects: cursors }, complete: !projectMissed && !changeSkipped };
}

/** The cursor key of the single query used when no projects are configured. */
export const ALL_PROJECTS = '*';

function projectCursors(meta: SyncContext['meta']): Record<string, string> {
  const raw = meta.projects;
  if (!raw || typeof raw !== 'object') return {};
  return Object.fromEntries(Object.entries(raw as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/**
 * Asks about the stored changes a `--full` listing did not show, by number, in
 * the configured scope. Found ones are stored again (the listing missed them);
 * the rest are gone upstream, or left the configured projects or query.
 */
async function confirmGone(ctx: SyncContext<GerritSourceConfig>, candidates: readonly RemovalCandidate[], deps: GerritDriverDeps): Promise<Set<string>> {
  const { config } = ctx;
  const { patterns: botPatterns, ids: botIds } = compileBots(config);
  const client = makeClient(ctx, deps);
  const gone = new Set<string>();
  const byProject = new Map<string | undefined, number[]>();
  for (const c of candidates) {
    const number = Number(c.nativeId);
    const project = (c.item as Item<{ project?: string }>).data?.project;
    if (!Number.isInteger(number)) continue;
    if (config.projects && (project === undefined || !config.projects.includes(project))) {
      gone.add(c.nativeId);
      continue;
    }
    const key = config.projects ? project : undefined;
    byProject.set(key, [...(byProject.get(key) ?? []), number]);
  }
  for (const [project, numbers] of byProject) {
    const scope = [project === undefined ? '' : `project:${queryValue(project)}`, config.query?.trim() ? `(${config.query.trim()})` : ''].filter(Boolean).join(' ');
    const found = new Set<number>();
    for await (const page of client.changesByNumber(numbers, { scope, files: config.files })) {
      const { changes } = parseChanges(page);
      for (const change of changes) {
        found.add(change._number);
        await ctx.emit(mapChange(change, { config, botPatterns, botIds }));
      }
    }
    for (const n of numbers) if (!found.has(n)) gone.add(String(n));
  }
  return gone;
}

export function createGerritDriver(deps: GerritDriverDeps = {}): SourceDriver<GerritSourceConfig> {
  return { type: 'gerrit', kinds: ['change'], sync: (ctx) => syncGerrit(ctx, deps), confirmGone: (ctx, candidates) => confirmGone(ctx, candidates, deps) };
}

export const gerritDriver: SourceDriver<GerritSourceConfig> = createGerritDriver();
