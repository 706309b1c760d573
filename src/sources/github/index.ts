/**
 * The `github` source: pull requests of GitHub (or GitHub Enterprise)
 * repositories, with their reviews, inline comments, conversation and
 * timeline, as the one review model's changes.
 *
 * Incremental and polite. Per repository the sync keeps a cursor (the newest
 * `updated_at` it stored) and the first listing page's ETag. A run lists the
 * pulls newest update first and stops at the cursor; the first page is asked
 * with the stored ETag, so a repository with nothing new costs one 304, which
 * GitHub does not count against the rate limit. Only pulls updated since are
 * read in full (the pull, reviews, inline and conversation comments, timeline).
 * Rate limits are waited out by the client (up to `maxWait`); progress lines
 * show the budget left.
 *
 * Nothing is lost: a pull that cannot be read is reported and keeps its stored
 * copy, and its repository's cursor and ETag stay where they were, so the next
 * run reads it again. A repository renamed or transferred is synced under its
 * new name; its pulls stored under the old name are replaced by the new ones.
 */
import type { GithubSourceConfig } from '../../config/schema.ts';
import { CHANGE_KIND, type Change, type ReviewMessage } from '../../model/change.ts';
import type { Account } from '../../model/person.ts';
import { makeItem } from '../../model/item.ts';
import type { SourceDriver, SyncContext, SyncOutcome } from '../types.ts';
import { createGithubClient, field, GithubNotFoundError, GithubRateLimitError, type GithubBudget, type GithubClient } from './client.ts';
import { mapPull, orderMessages } from './map.ts';

/** What the source keeps per repository between runs. */
interface RepoState {
  /** Newest `updated_at` stored (UTC ISO 8601). */
  cursor?: string;
  /** The first listing page's ETag when the cursor was saved. */
  etag?: string;
  /** Numbers of the pulls stored that were updated exactly at the cursor (the listing's stop is inclusive: these are not read again). */
  atCursor?: number[];
  /** Names GitHub knew the repository under before, oldest first. */
  movedFrom?: string[];
  /** The repository record's ETag (a re-sync asks it conditionally). */
  repoEtag?: string;
}

/** What the source keeps per `owner/*` entry: the owner listing's ETag and the names it gave. */
interface OwnerState {
  etag: string;
  repos: string[];
  pages: number;
}

type RepoStates = Record<string, RepoState>;

function repoStates(meta: Record<string, unknown>): RepoStates {
  const repos = meta.repos;
  if (!repos || typeof repos !== 'object') return {};
  const out: RepoStates = {};
  for (const [name, state] of Object.entries(repos as Record<string, unknown>)) {
    if (!state || typeof state !== 'object') continue;
    const s = state as Record<string, unknown>;
    out[name] = {
      ...(typeof s.cursor === 'string' ? { cursor: s.cursor } : {}),
      ...(typeof s.etag === 'string' ? { etag: s.etag } : {}),
      ...(Array.isArray(s.movedFrom) ? { movedFrom: s.movedFrom.filter((m): m is string => typeof m === 'string') } : {}),
      ...(typeof s.repoEtag === 'string' ? { repoEtag: s.repoEtag } : {}),
      ...(Array.isArray(s.atCursor) ? { atCursor: s.atCursor.filter((n): n is number => typeof n === 'number') } : {}),
    };
  }
  return out;
}

function ownerStates(meta: Record<string, unknown>): Record<string, OwnerState> {
  const owners = meta.owners;
  if (!owners || typeof owners !== 'object') return {};
  const out: Record<string, OwnerState> = {};
  for (const [owner, v] of Object.entries(owners as Record<string, unknown>)) {
    const s = v as Partial<OwnerState> | undefined;
    if (s && typeof s.etag === 'string' && Array.isArray(s.repos) && typeof s.pages === 'number') out[owner] = { etag: s.etag, repos: s.repos.filter((r): r is string => typeof r === 'string'), pages: s.pages };
  }
  return out;
}

/** The configured repositories, `owner/*` expanded to the owner's repositories (forks left out: their pulls live upstream). */
async function expandRepos(client: GithubClient, ctx: SyncContext<GithubSourceConfig>, owners: Record<string, OwnerState>): Promise<{ repos: string[]; missed: boolean }> {
  const out = new Set<string>();
  const known = ctx.full ? {} : ownerStates(ctx.meta);
  let missed = false;
  for (const entry of ctx.config.repos) {
    const [owner, name] = entry.split('/') as [string, string];
    if (name !== '*') {
      out.add(entry);
      continue;
    }
    try {
      const listed = await client.ownerRepoNames(owner, known[owner]);
      for (const r of listed.repos) out.add(r);
      if (listed.etag) owners[owner] = { etag: listed.etag, repos: listed.repos, pages: listed.pages };
    } catch (err) {
      if (err instanceof GithubRateLimitError) throw err;
      missed = true;
      ctx.warn(entry, `the repositories of ${owner} could not be listed: ${(err as Error).message}`);
    }
  }
  return { repos: [...out], missed };
}

/** `owner/name/123`: numbers count per repository. */
const refOf = (repo: string, n: number) => `${repo}/${n}`;

async function collect<T>(it: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of it) out.push(x);
  return out;
}

/** What a run keeps of a stored pull to ask only newer conversation comments (`since`) and merge them in. */
interface EarlierComments {
  /** The stored copy's `updated`: comments changed since then are asked. */
  since: string;
  comments: ReviewMessage[];
  accounts: Record<string, Account>;
}

/** The stored pulls' conversation comments, by ref, read once per run and only when a pull needs them. */
function earlierComments(ctx: SyncContext<GithubSourceConfig>): () => Promise<Map<string, EarlierComments>> {
  let loaded: Promise<Map<string, EarlierComments>> | undefined;
  const load = async () => {
    const out = new Map<string, EarlierComments>();
    for await (const item of ctx.stored(CHANGE_KIND)) {
      const c = item.data as Change;
      if (!c.ref) continue;
      const comments = c.messages.filter((m) => m.type === 'comment');
      const accounts: Record<string, Account> = {};
      for (const m of comments) if (m.author !== undefined && c.accounts[m.author]) accounts[m.author] = c.accounts[m.author]!;
      out.set(c.ref, { since: c.updated, comments, accounts });
    }
    return out;
  };
  return () => (loaded ??= load());
}

/**
 * The stored conversation comments the `since` request did not return again
 * (unchanged since), merged into the freshly mapped pull in the mapper's order.
 * A comment deleted upstream since cannot be told from an unchanged one: it is
 * kept until a `--full` run, which asks every comment again.
 */
function mergeEarlier(change: Change, earlier: EarlierComments): Change {
  const fresh = new Set(change.messages.map((m) => m.id));
  const kept = earlier.comments.filter((m) => !fresh.has(m.id));
  if (!kept.length) return change;
  const messages = orderMessages([...change.messages, ...kept]);
  const accounts = { ...change.accounts };
  for (const m of kept) if (m.author !== undefined && !accounts[m.author] && earlier.accounts[m.author]) accounts[m.author] = earlier.accounts[m.author]!;
  return { ...change, messages, accounts: Object.fromEntries(Object.entries(accounts).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) };
}

interface RepoRun {
  state: RepoState;
  /** False when a pull of it could not be read (its cursor then stays). */
  complete: boolean;
}

async function syncRepo(client: GithubClient, ctx: SyncContext<GithubSourceConfig>, asked: string, known: [string, RepoState] | undefined, counts: { done: number }, budget: () => string, stored: () => Promise<Map<string, EarlierComments>>): Promise<RepoRun & { name: string }> {
  const [owner, name] = asked.split('/') as [string, string];
  const previous = known?.[1];
  const info = await client.repo(owner, name, !ctx.full && previous?.repoEtag && previous.cursor !== undefined ? { etag: previous.repoEtag, fullName: known![0] } : undefined);
  const full = info.fullName;
  const movedFrom = [...new Set([...(previous?.movedFrom ?? []), ...(info.movedFrom && info.movedFrom !== full ? [info.movedFrom] : [])])];
  if (info.movedFrom) ctx.warn(asked, `GitHub knows this repository as ${full} now (renamed or transferred): synced under the new name; update the config`);
  const [o, n] = full.split('/') as [string, string];
  const floor = ctx.windowStart?.toISOString().replace(/\.\d{3}Z$/, 'Z');
  const stopBefore = ctx.full ? floor : (previous?.cursor ?? floor);
  const listing = client.pulls(o, n, { ...(stopBefore ? { stopBefore } : {}), ...(!ctx.full && previous?.etag ? { etag: previous.etag } : {}) });
  let newest = previous?.cursor;
  const atCursor = [...(previous?.atCursor ?? [])];
  let complete = true;
  for await (const record of listing) {
    const number = field(record, 'number');
    if (typeof number !== 'number') {
      ctx.skip(`${full} pulls`, 'a listed pull request has no number');
      complete = false;
      continue;
    }
    const where = `${full}#${number}`;
    // Updated at the very second of the cursor and stored then: nothing new (a pull updated since has a later time).
    if (!ctx.full && previous?.cursor !== undefined && field(record, 'updated_at') === previous.cursor && previous.atCursor?.includes(number)) continue;
    try {
      // One request at a time, as GitHub asks of integrations (concurrent ones trip the secondary limit).
      const pull = await client.pull(o, n, number);
      const reviews = await collect(client.reviews(o, n, number));
      const reviewComments = await collect(client.reviewComments(o, n, number));
      // A pull stored before: only the conversation comments changed since (`since`), the rest merged from the store.
      const earlier = ctx.full ? undefined : (await stored()).get(refOf(full, number));
      const issueComments = await collect(client.issueComments(o, n, number, earlier?.since));
      const timeline = await collect(client.timeline(o, n, number));
      const { change: mapped, notes } = mapPull({ repo: full, pull, reviews, reviewComments, issueComments, timeline, ...(movedFrom.length ? { movedFrom } : {}) }, { source: ctx.config.id, ...(ctx.config.webUrl ? { webUrl: ctx.config.webUrl } : {}), bots: ctx.config.bots });
      const change = earlier ? mergeEarlier(mapped, earlier) : mapped;
      for (const note of notes) ctx.warn(where, note.startsWith(`${where} `) ? note.slice(where.length + 1) : note);
      await ctx.emit(changeItem(ctx.config, change));
      // The same pull under a name the repository had before is this one: drop the old copy.
      for (const old of movedFrom) ctx.remove(CHANGE_KIND, refOf(old, number));
      if (newest === undefined || change.updated > newest) {
        newest = change.updated;
        atCursor.length = 0;
      }
      if (change.updated === newest) atCursor.push(number);
    } catch (err) {
      if (err instanceof GithubRateLimitError) throw err;
      complete = false;
      ctx.skip(where, `not read, the stored copy kept: ${(err as Error).message}`);
    }
    counts.done++;
    ctx.progress({ done: counts.done, note: `${full} · ${budget()}` });
  }
  if (listing.notModified) ctx.log.info(`${ctx.config.id}: ${full}: nothing updated (304)`);
  // A pull missed keeps the cursor and ETag: the next run lists from the same place and reads it again.
  const state: RepoState = complete
    ? { ...(newest ? { cursor: newest } : {}), ...(atCursor.length ? { atCursor: [...new Set(atCursor)].sort((a, b) => a - b) } : {}), ...(listing.etag ? { etag: listing.etag } : {}), ...(movedFrom.length ? { movedFrom } : {}), ...(info.etag ? { repoEtag: info.etag } : {}) }
    : { ...previous, ...(movedFrom.length ? { movedFrom } : {}) };
  return { name: full, state, complete };
}

function changeItem(config: GithubSourceConfig, change: Change) {
  return makeItem<Change>({ source: config.id, type: 'github', origin: config.webUrl ?? config.url, kind: CHANGE_KIND, nativeId: change.ref ?? String(change.number), updatedOn: change.updated, data: change });
}

const budgetWords = (b: GithubBudget | undefined) => (b ? `${b.remaining.toLocaleString('en-US')} of ${b.limit.toLocaleString('en-US')} requests left until ${b.reset.slice(11, 16)} UTC` : 'rate budget not known yet');

async function syncGithub(ctx: SyncContext<GithubSourceConfig>): Promise<SyncOutcome> {
  const { config } = ctx;
  // Read here, passed to the client only: never logged, stored or written.
  const token = process.env[config.tokenEnv] || undefined;
  let last: GithubBudget | undefined;
  const client = createGithubClient({
    baseUrl: config.url,
    token,
    timeout: config.timeout,
    retries: config.retries,
    maxWait: config.maxWait,
    log: ctx.log,
    onBudget: (b) => (last = b),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
  });
  if (!token) ctx.log.info(`${config.id}: no ${config.tokenEnv} in the environment: reading anonymously (GitHub allows 60 requests an hour)`);
  const previous = repoStates(ctx.meta);
  const states: RepoStates = { ...previous };
  const counts = { done: 0 };
  const stored = earlierComments(ctx);
  const owners: Record<string, OwnerState> = {};
  const { repos, missed } = await expandRepos(client, ctx, owners);
  let complete = !missed;
  for (const asked of repos) {
    try {
      const run = await syncRepo(client, ctx, asked, previous[asked] ? [asked, previous[asked]] : findMoved(previous, asked), counts, () => budgetWords(last), stored);
      states[run.name] = run.state;
      if (run.name !== asked) delete states[asked];
      if (!run.complete) complete = false;
    } catch (err) {
      if (err instanceof GithubRateLimitError) {
        // What was stored stays; the cursors of the repositories not finished stay, and the next run resumes.
        ctx.warn(asked, err.message);
        return outcome(states, owners, false);
      }
      complete = false;
      ctx.skip(asked, err instanceof GithubNotFoundError ? `no such repository (or it is private and no token can read it): ${err.message}` : `not synced: ${(err as Error).message}`);
    }
  }
  return outcome(states, owners, complete);
}

/** A repository configured under a name it had before, whose state is kept under its new name. */
function findMoved(states: RepoStates, asked: string): [string, RepoState] | undefined {
  return Object.entries(states).find(([, s]) => s.movedFrom?.includes(asked));
}

function outcome(states: RepoStates, owners: Record<string, OwnerState>, complete: boolean): SyncOutcome {
  const cursors = Object.values(states).map((s) => s.cursor).filter((c): c is string => c !== undefined).sort();
  return { ...(cursors[0] ? { cursor: cursors[0] } : {}), meta: { repos: states, owners }, complete };
}

export const githubDriver: SourceDriver<GithubSourceConfig> = {
  type: 'github',
  kinds: [CHANGE_KIND],
  sync: syncGithub,
};
