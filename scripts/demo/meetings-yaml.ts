/**
 * irc-meetings meeting definitions (the YAML files yaml2ical reads) for the demo teams, laid out
 * as the real repository's files are: `project`, `meeting_id`, `agenda_url`, a `schedule` list of
 * slots (`time` as a quoted HHMM, `day`, `irc` without `#`, `frequency`, `start_date` as
 * YYYYMMDD), `chair` as "Name (nick), …" and a folded `description`. The TC's office hours have
 * a frequency yaml2ical does not know (`every-full-moon`).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DAY } from './calendar.ts';
import type { MeetingTeam } from './meetings.ts';
import { meetsOn } from './meetings.ts';

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

function yyyymmdd(t: number): string {
  return new Date(t * 1000).toISOString().slice(0, 10).replace(/-/g, '');
}

function firstMeeting(team: MeetingTeam, from: number): number {
  let day = from;
  while (!meetsOn(team, day)) day += DAY;
  return day;
}

interface Slot {
  time: string;
  day: string;
  irc: string;
  frequency: string;
  startDate?: string;
  duration?: number;
}

function slotYaml(s: Slot): string {
  const rows = [`  - time:       '${s.time}'`];
  if (s.duration) rows.push(`    duration:   ${s.duration}`);
  rows.push(`    day:        ${s.day}`, `    irc:        ${s.irc}`, `    frequency:  ${s.frequency}`);
  if (s.startDate) rows.push(`    start_date: ${s.startDate}`);
  return rows.join('\n');
}

export function scheduleYaml(team: MeetingTeam, chairs: { name: string; nick: string }[], from: number): string {
  const slots: Slot[] = [{ time: team.time, day: DAYS[team.day]!, irc: team.channel.slice(1), frequency: team.frequency, startDate: yyyymmdd(firstMeeting(team, from)) }];
  if (team.frequency === 'first-thursday') slots[0]!.duration = 45;
  if (team.id === 'aurora-tc') slots.push({ time: '0100', day: 'Friday', irc: team.channel.slice(1), frequency: 'every-full-moon' });
  const description = team.description.match(/.{1,70}(\s|$)/g)!.map((l) => `  ${l.trim()}`).join('\n');
  return [
    `project:  ${team.title}`,
    `meeting_id: ${team.id}`,
    `agenda_url: https://wiki.aurora.example/Meetings/${team.id}`,
    'schedule:',
    ...slots.map(slotYaml),
    `chair:  ${chairs.map((c) => `${c.name} (${c.nick})`).join(', ')}`,
    'description:  >',
    description,
    '',
  ].join('\n');
}

/** Writes the schedules into `dir` (an irc-meetings `path` source reads that folder). */
export async function writeMeetingSchedules(dir: string, schedules: ReadonlyMap<string, string>): Promise<void> {
  await mkdir(dir, { recursive: true });
  for (const [file, yaml] of schedules) await writeFile(join(dir, file), yaml);
}
