/**
 * The `meetbot` source: a meeting bot's published output, walked through the
 * web server's directory listings (`<base>/<team>/<year>/<id>.<YYYY-MM-DD-HH.MM>.log.txt`,
 * and the `.txt`/`.html` minutes, `.log.html` and meetingology's `.moin.txt`
 * beside it; Fedora's `<channel>/<date>/` layout walks the same way).
 *
 * Incremental and polite: every listing is asked with the validators of the
 * last sync (a 304 costs nothing), listings of years before last year and of
 * day folders older than two months are not asked again at all once read
 * (past years never change; `--full` asks them), and a meeting is read only
 * when one of its files is new or its listing row (date, size) changed.
 *
 * Per meeting the log is taken from the best output present (the raw log,
 * else its HTML form, else the log meetingology embeds in its minutes), and
 * the text minutes, when there are some, cross-check it; a meeting with
 * minutes only is read from them. A file that cannot be fetched or parsed is
 * reported and asked again next time; the rest of the run goes on.
 */
import type { MeetbotSourceConfig } from '../../config/schema.ts';
import { eachLimited } from '../../lib/pool.ts';
import { MEETING_KIND, type LogLine, type Meeting } from '../../model/meeting.ts';
import type { SourceDriver, SyncContext, SyncOutcome } from '../types.ts';
import { entriesOf, MeetbotClient, type ListingState, type RequestCounts } from './client.ts';
import type { ListingEntry } from './listing.ts';
import { botMatcher, meetingItem, toMeeting } from './map.ts';
import { crossCheck, decodeLog, deriveMeeting, meetingFromMinutes, parseLogHtml, parseLogTxt, parseMeetbotFileName, parseMinutesHtml, parseMinutesTxt, parseMoin, type DerivedMeeting, type ParsedMinutes } from './parse.ts';

export type Output = 'log.txt' | 'log.html' | 'txt' | 'html' | 'moin.txt';

/** One meeting's files, as the listings show them. */
export interface MeetingFileSet {
  key: string;
  meetingId: string;
  start: string;
  outputs: Partial<Record<Output, ListingEntry>>;
}

interface MeetbotState {
  /** Listing states by path below the base (`nova/2024/`). */
  listings: Record<string, ListingState>;
  /** Per meeting read, the listing stamp of each output when it was read. */
  read: Record<string, Partial<Record<Output, string>>>;
}

const FROZEN_DAYS = 62;

/** A folder whose contents no longer change: a year before last year, a day folder two months old. */
function isFrozen(name: string, nowMs: number): boolean {
  const year = new Date(nowMs).getUTCFullYear();
  if (/^\d{4}$/.test(name)) return Number(name) < year - 1;
  if (/^\d{4}-\d{2}-\d{2}$/.test(name)) return Date.parse(`${name}T00:00:00Z`) < nowMs - FROZEN_DAYS * 86_400_000;
  return false;
}

/** A folder wholly older than `since` (a year or day folder): not walked. */
function isBefore(name: string, since: Date | undefined): boolean {
  if (!since) return false;
  if (/^\d{4}$/.test(name)) return Number(name) < since.getUTCFullYear();
  if (/^\d{4}-\d{2}-\d{2}$/.test(name)) return name < since.toISOString().slice(0, 10);
  return false;
}

interface Walk {
  ctx: SyncContext<MeetbotSourceConfig>;
  client: MeetbotClient;
  before: MeetbotState;
  after: MeetbotState;
  meetings: Map<string, MeetingFileSet>;
  complete: boolean;
}

/** Lists one folder (or reuses its stored listing when it is frozen), then its files and subfolders. */
async function walk(w: Walk, url: string, path: string, depth: number): Promise<void> {
  const prev = w.before.listings[path];
  let entries: ListingEntry[];
  const name = path.replace(/\/$/, '').split('/').pop() ?? '';
  if (prev && !w.ctx.full && isFrozen(name, w.ctx.now())) {
    entries = entriesOf(url, prev);
    w.after.listings[path] = prev;
  } else {
    try {
      const got = await w.client.listing(url, w.ctx.full ? undefined : prev);
      entries = got.entries;
      w.after.listings[path] = got.state;
    } catch (err) {
      w.complete = false;
      w.ctx.skip(url, `listing not read, its meetings are asked again on the next sync: ${(err as Error).message}`);
      return;
    }
  }
  const since = w.ctx.windowStart;
  for (const e of entries) {
    if (e.dir) {
      if (depth < 3 && !isBefore(e.name, since)) await walk(w, e.url, `${path}${e.name}/`, depth + 1);
      continue;
    }
    const f = parseMeetbotFileName(e.name);
    if (!f) continue;
    if (since && f.start < since.toISOString()) continue;
    const key = `${f.meetingId}.${f.stamp}`;
    let set = w.meetings.get(key);
    if (!set) w.meetings.set(key, (set = { key, meetingId: f.meetingId, start: f.start, outputs: {} }));
    set.outputs[f.output] ??= e;
  }
}

/** Team folders of the base listing, as the config asks for them. */
async function teams(w: Walk, base: string): Promise<ListingEntry[]> {
  const got = await w.client.listing(base, w.ctx.full ? undefined : w.before.listings['']);
  w.after.listings[''] = got.state;
  const dirs = got.entries.filter((e) => e.dir);
  const wanted = w.ctx.config.teams;
  if (!wanted) return dirs;
  for (const t of wanted) if (!dirs.some((d) => d.name === t)) w.ctx.warn(t, `no folder "${t}/" in ${base}: no meetings of this team were read`);
  return dirs.filter((d) => wanted.includes(d.name));
}

function stampsOf(set: MeetingFileSet): Partial<Record<Output, string>> {
  const out: Partial<Record<Output, string>> = {};
  for (const [o, e] of Object.entries(set.outputs) as [Output, ListingEntry][]) out[o] = e.stamp;
  return out;
}

function unchanged(read: Partial<Record<Output, string>> | undefined, now: Partial<Record<Output, string>>): boolean {
  if (!read) return false;
  return (Object.keys(now) as Output[]).every((o) => read[o] === now[o]);
}

/** Where the page links each output: the config's `webUrl` in place of `url` when set (a mirror, the demo). */
function linkOf(config: MeetbotSourceConfig, url: string | undefined): string | undefined {
  if (!url || !config.webUrl) return url;
  const from = config.url.endsWith('/') ? config.url : `${config.url}/`;
  const to = config.webUrl.endsWith('/') ? config.webUrl : `${config.webUrl}/`;
  return url.startsWith(from) ? to + url.slice(from.length) : url;
}

async function text(client: MeetbotClient, e: ListingEntry, flags: Set<string>): Promise<string> {
  const { text: t, guessed } = decodeLog(await client.file(e.url));
  if (guessed) flags.add('charset-guessed');
  return t;
}

/** Reads one meeting from the best of its outputs. */
export async function readMeeting(client: MeetbotClient, set: MeetingFileSet, config: MeetbotSourceConfig, isBot: (nick: string) => boolean, warn: (where: string, reason: string) => void): Promise<Meeting> {
  const day = set.start.slice(0, 10);
  const o = set.outputs;
  const flags = new Set<string>();
  let minutes: ParsedMinutes | undefined;
  if (o['txt']) minutes = parseMinutesTxt(await text(client, o['txt'], flags));
  let moin: ParsedMinutes | undefined;
  let lines: LogLine[] | undefined;
  let from: Meeting['from'];
  let garbled: { line: number; text: string }[] = [];
  let channel: string | undefined;
  if (o['log.txt']) {
    ({ lines, garbled } = parseLogTxt(await text(client, o['log.txt'], flags), day));
    from = 'log.txt';
  } else if (o['log.html']) {
    ({ lines, garbled, channel } = parseLogHtml(await text(client, o['log.html'], flags), day));
    from = 'log.html';
  } else if (o['moin.txt']) {
    moin = parseMoin(await text(client, o['moin.txt'], flags), day);
    lines = moin.log;
    from = lines?.length ? 'moin.txt' : 'minutes';
  } else from = 'minutes';
  if (o['moin.txt'] && !moin && !minutes) moin = parseMoin(await text(client, o['moin.txt'], flags), day);
  minutes ??= moin;
  // HTML minutes are read only when they are all there is besides the log (or instead of it).
  if (!minutes && o['html'] && !lines?.length) minutes = parseMinutesHtml(await text(client, o['html'], flags));
  if (garbled.length) {
    flags.add('garbled-lines');
    const shown = garbled.slice(0, 3).map((g) => `line ${g.line}: ${JSON.stringify(g.text.slice(0, 60))}`);
    warn(`${o['log.txt']?.url ?? o['log.html']?.url}`, `${garbled.length} line${garbled.length === 1 ? '' : 's'} not in a log line form, left out (${shown.join('; ')}${garbled.length > 3 ? '; …' : ''})`);
  }
  let derived: DerivedMeeting;
  if (lines?.length) {
    derived = deriveMeeting(lines, { isBot, ...(channel ? { channel } : {}) });
    if (minutes) {
      const disagree = crossCheck(derived, minutes);
      if (disagree.length) {
        flags.add('minutes-disagree');
        warn(o['txt']?.url ?? o['moin.txt']?.url ?? set.key, `the minutes and the log disagree, the log is followed: ${disagree.slice(0, 2).join('; ')}${disagree.length > 2 ? '; …' : ''}`);
      }
    }
  } else if (minutes) {
    derived = meetingFromMinutes(minutes, day, { isBot });
    from = 'minutes';
  } else throw new Error('no log and no minutes');
  const files: Meeting['files'] = {};
  const link = (x: Output) => linkOf(config, o[x]?.url);
  if (o['log.txt']) files.log = link('log.txt');
  if (o['log.html']) files.logHtml = link('log.html');
  if (o['txt']) files.minutes = link('txt');
  if (o['html']) files.minutesHtml = link('html');
  if (o['moin.txt']) files.moin = link('moin.txt');
  return toMeeting(derived, { key: set.key, team: set.meetingId, files, from, flags: [...flags] });
}

async function syncMeetbot(ctx: SyncContext<MeetbotSourceConfig>, fetchFn?: typeof fetch): Promise<SyncOutcome & { counts: RequestCounts }> {
  const { config } = ctx;
  const base = config.url.endsWith('/') ? config.url : `${config.url}/`;
  const client = new MeetbotClient(ctx, config, fetchFn);
  const before = (ctx.meta.meetbot ?? { listings: {}, read: {} }) as MeetbotState;
  const after: MeetbotState = { listings: {}, read: { ...before.read } };
  const w: Walk = { ctx, client, before, after, meetings: new Map(), complete: true };
  const folders = await teams(w, base);
  for (const [i, t] of folders.entries()) {
    ctx.progress({ done: i, total: folders.length, note: `listing ${t.name}` });
    await walk(w, t.url, `${t.name}/`, 1);
  }
  const sets = [...w.meetings.values()].sort((a, b) => (a.key < b.key ? -1 : 1));
  const todo = sets.filter((s) => ctx.full || !unchanged(before.read[s.key], stampsOf(s)));
  const isBot = botMatcher(config);
  let newest = ctx.meta.cursor as string | undefined;
  let done = 0;
  await eachLimited(todo, config.concurrency, async (set) => {
    try {
      const meeting = await readMeeting(client, set, config, isBot, (where, reason) => ctx.warn(where, reason));
      await ctx.emit(meetingItem(config, meeting));
      after.read[set.key] = stampsOf(set);
      if (!newest || meeting.start > newest) newest = meeting.start;
    } catch (err) {
      w.complete = false;
      const where = Object.values(set.outputs)[0]?.url ?? set.key;
      ctx.skip(`${where} (${set.key})`, `meeting not read, asked again on the next sync: ${(err as Error).message}`);
    }
    ctx.progress({ done: ++done, total: todo.length, note: set.meetingId });
  });
  ctx.log.info(`${config.id}: ${sets.length} meetings listed, ${todo.length} read; ${client.counts.requests} requests (${client.counts.conditional} conditional, ${client.counts.notModified} unchanged)`);
  return { complete: w.complete, cursor: newest, meta: { meetbot: after }, counts: client.counts };
}

export function createMeetbotDriver(deps: { fetch?: typeof fetch; onCounts?: (c: RequestCounts) => void } = {}): SourceDriver<MeetbotSourceConfig> {
  return {
    type: 'meetbot',
    kinds: [MEETING_KIND],
    sync: async (ctx) => {
      const { counts, ...outcome } = await syncMeetbot(ctx, deps.fetch);
      deps.onCounts?.(counts);
      return outcome;
    },
  };
}

export const meetbotDriver = createMeetbotDriver();
