/**
 * A large meetbot archive for benchmarks: `n` meeting logs over 25 teams and the years from
 * 2012, in the demo's file layout (`<team>/<YYYY>/<team>.<YYYY-MM-DD-HH.MM>.log.txt` and, for
 * nine meetings in ten, the `.log.html`, `.txt` and `.html` the bot writes at #endmeeting). Short
 * meetings with a fixed set of nicks keep it fast (10,000 logs in a few seconds); they go through
 * the same bot and writers as the demo, so a parser reads them as it reads the demo's.
 */
import { MeetBotSession } from './meetbot.ts';
import { htmlLog, htmlMinutes, textLog, textMinutes } from './meetbot-writers.ts';
import type { DemoMeetings } from './meetings.ts';
import { Rng } from './prng.ts';

const TEAMS = 25;
const WEEK = 7 * 86400;
const FIRST = Date.UTC(2012, 0, 3, 14) / 1000;
const NICKS = Array.from({ length: 40 }, (_, i) => `dev${String(i + 1).padStart(2, '0')}`);
const CHATTER = ['o/', 'the gate is green again', 'I will look at it today', '+1', 'any reviewers for the quota fix?', 'makes sense', 'not yet, next week'];

function speak(s: MeetBotSession, rng: Rng, team: string, at: number, ends: boolean): void {
  let t = at + rng.int(0, 60);
  const people = Array.from({ length: rng.int(3, 7) }, () => rng.pick(NICKS));
  const chair = people[0]!;
  s.say(t, chair, `#startmeeting ${team}`);
  for (const p of people) s.say((t += rng.int(2, 20)), p, rng.pick(CHATTER));
  for (let topic = 0; topic < 2; topic++) {
    s.say((t += 10), chair, `#topic Topic ${topic + 1}`);
    for (let i = 0; i < 3; i++) s.say((t += rng.int(5, 50)), rng.pick(people), rng.pick(CHATTER));
    if (rng.chance(0.6)) s.say((t += 5), rng.pick(people), '#info status noted');
    if (rng.chance(0.5)) s.say((t += 5), chair, `#action ${rng.pick(people)} to follow up`);
  }
  if (ends) s.say((t += 30), chair, '#endmeeting');
}

/** `n` meetings' files, in the layout of `generateMeetings().files`. */
export function generateScaledMeetbot(n: number, seed = 'agora-bench'): Pick<DemoMeetings, 'files'> {
  const files: DemoMeetings['files'] = new Map();
  const rng = new Rng(`${seed}/meetbot`);
  // A team's meetings spread over fifteen years: weekly at 10,000, further apart for fewer.
  const apart = Math.max(1, Math.floor(780 / Math.ceil(n / TEAMS))) * WEEK;
  for (let i = 0; i < n; i++) {
    const team = `bench-team-${String((i % TEAMS) + 1).padStart(2, '0')}`;
    const at = FIRST + Math.floor(i / TEAMS) * apart + (i % TEAMS) * 1800;
    const s = new MeetBotSession({ flavour: 'opendev', channel: `#${team}`, botNick: 'opendevmeet', urlPrefix: 'https://meetings.aurora.example/meetings/' });
    speak(s, rng, team, at, rng.chance(0.9));
    const last = s.lines[s.lines.length - 1]!.t + 1;
    files.set(`${s.path}.log.txt`, { bytes: Buffer.from(textLog(s)), mtime: last });
    if (!s.ended) continue;
    files.set(`${s.path}.log.html`, { bytes: Buffer.from(htmlLog(s)), mtime: last });
    files.set(`${s.path}.txt`, { bytes: Buffer.from(textMinutes(s)), mtime: last });
    files.set(`${s.path}.html`, { bytes: Buffer.from(htmlMinutes(s)), mtime: last });
  }
  return { files };
}
