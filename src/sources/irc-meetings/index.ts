/**
 * The `irc-meetings` source: meeting definitions in the irc-meetings YAML
 * format (OpenStack's and OpenDev's schedules), from a folder or a git
 * repository kept in the source's cache. Each file becomes one `schedule`
 * item keyed by its meeting id; a file that does not parse is reported by
 * name and the others are kept; a file removed from the repository removes
 * its schedule.
 */
import type { IrcMeetingsSourceConfig } from '../../config/schema.ts';
import { makeItem } from '../../model/item.ts';
import { Schedule, SCHEDULE_KIND, scheduleFileId } from '../../model/meeting.ts';
import type { SourceDriver, SyncContext, SyncOutcome } from '../types.ts';
import { readMeetingFiles } from './client.ts';
import { parseMeetingYaml } from './parse.ts';

async function syncSchedules(ctx: SyncContext<IrcMeetingsSourceConfig>): Promise<SyncOutcome> {
  const { config } = ctx;
  // What the site shows as the source: a public URL for the repository when the config gives one.
  const origin = config.webUrl ?? config.repo ?? config.path!;
  const { files, revision } = await readMeetingFiles({ path: config.path, repo: config.repo, branch: config.branch, dir: config.dir, cacheDir: ctx.cacheDir, log: ctx.log });
  const kept = new Set<string>();
  let complete = true;
  for (const [i, f] of files.entries()) {
    ctx.progress({ done: i, total: files.length, note: f.file });
    let parsed: ReturnType<typeof parseMeetingYaml>;
    try {
      parsed = parseMeetingYaml(f.text, f.file);
    } catch (err) {
      complete = false;
      ctx.skip(f.file, `not read, its stored schedule (if any) is kept: ${(err as Error).message}`);
      continue;
    }
    for (const p of parsed.problems) ctx.warn(f.file, p.startsWith(`${f.file}:`) ? `line ${p.slice(f.file.length + 1)}` : p);
    const data = Schedule.parse(parsed.schedule);
    // Keyed by file: two files may share a meeting id (a team's meeting and its office hours);
    // the team page joins them by that id.
    const id = scheduleFileId(data.file);
    kept.add(id);
    await ctx.emit(makeItem({ source: config.id, type: 'irc-meetings', origin, kind: SCHEDULE_KIND, nativeId: id, updatedOn: '1970-01-01T00:00:00Z', data }));
  }
  // Definitions gone from the folder are gone: the folder is read whole every time. A run that
  // could not read a file keeps every stored schedule (the failed one may be among them).
  if (complete) {
    for await (const item of ctx.stored(SCHEDULE_KIND)) {
      const id = scheduleFileId((item.data as Schedule).file);
      if (!kept.has(id)) ctx.remove(SCHEDULE_KIND, id);
    }
  }
  // No cursor (it is a time elsewhere): the revision read is kept beside it.
  return { complete, ...(revision ? { meta: { revision } } : {}) };
}

export const ircMeetingsDriver: SourceDriver<IrcMeetingsSourceConfig> = { type: 'irc-meetings', kinds: [SCHEDULE_KIND], sync: syncSchedules };
