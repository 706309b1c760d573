import { createHash } from 'node:crypto';
import { getISOWeek } from 'date-fns';
import { UTCDate } from '@date-fns/utc';
import { beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { MEETING_CASES, MEETING_TEAMS, MEETING_XSS, generateMeetings, generateScaledMeetbot, type DemoMeeting, type DemoMeetings } from './meetings.ts';
import { DEMO_NOW } from './pipeline.ts';

let demo: DemoMeetings;
beforeAll(() => {
  demo = generateMeetings();
});

const text = (path: string, encoding: BufferEncoding = 'utf8') => demo.files.get(path)!.bytes.toString(encoding);
const fileOf = (m: DemoMeeting, ext: string) => m.files.find((f) => f.endsWith(`/${m.key}${ext}`));
const withCase = (c: string) => demo.meetings.filter((m) => m.cases.includes(c as never));

/** Lines said per nick, recounted from a raw log (`HH:MM:SS <nick> …`, `… * nick …`, or OpenDev's ISO form), plus #chair'd nicks at 0. */
function recount(log: string): Map<string, number> {
  const counts = new Map<string, number>();
  for (const line of log.split('\n')) {
    const m = /^(?:\d\d:\d\d:\d\d |\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d {2})(?:<([^>]+)> (.*)|\* (\S+) .*)$/.exec(line);
    if (!m) continue;
    const nick = m[1] ?? m[3]!;
    counts.set(nick, (counts.get(nick) ?? 0) + 1);
    const chair = /^#chair (.*)$/.exec(m[2] ?? '');
    if (chair) for (const c of chair[1]!.split(/[ ,]+/).filter(Boolean)) if (!counts.has(c)) counts.set(c, 0);
  }
  return counts;
}

/** The same from a .log.html, for meetingology (which publishes no raw log). */
function recountHtml(html: string): Map<string, number> {
  // The nick goes between placeholders, so stripping the tags leaves it.
  const plain = html
    .replace(/<span class="nk"> &lt;(.+?)&gt;<\/span> /g, ' \u0001$1\u0002 ')
    .replace(/<span class="nka">\* (\S+)<\/span> /g, '* $1 ')
    .replace(/<[^>]+>/g, '')
    .replace(/\u0001/g, '<')
    .replace(/\u0002/g, '>');
  return recount(plain.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'));
}

function peopleOfText(minutes: string): Map<string, number> {
  const section = minutes.split('People Present (lines said)\n---------------------------\n')[1]!.split('\n\n')[0]!;
  return new Map(section.split('\n').map((l) => /^\* (.+) \((\d+)\)$/.exec(l)!).map((m) => [m[1]!, Number(m[2])]));
}

function peopleOfHtml(minutes: string): Map<string, number> {
  const section = minutes.split('<h3>People present (lines said)</h3>')[1]!.split('</ol>')[0]!;
  const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return new Map([...section.matchAll(/<li>(.+) \((\d+)\)<\/li>/g)].map((m) => [unescape(m[1]!), Number(m[2])]));
}

function peopleOfMoin(minutes: string): Map<string, number> {
  const section = minutes.split('== People present (lines said) ==\n\n')[1]!.split('\n\n')[0]!;
  return new Map(section.split('\n').map((l) => /^ \* (.+) \((\d+)\)$/.exec(l)!).map((m) => [m[1]!, Number(m[2])]));
}

describe('generateMeetings', () => {
  it('is deterministic', () => {
    const digest = (d: DemoMeetings) => {
      const h = createHash('sha256');
      for (const [k, f] of [...d.files].sort(([a], [b]) => (a < b ? -1 : 1))) h.update(`${k}\0${f.mtime}\0`).update(f.bytes);
      for (const [k, y] of d.schedules) h.update(`${k}\0${y}`);
      return h.digest('hex');
    };
    expect(digest(generateMeetings())).toBe(digest(demo));
  });

  it('keeps to a few hundred meetings and a few MB, all before the demo day, in <team>/<YYYY>/ folders', () => {
    expect(demo.meetings.length).toBeGreaterThan(300);
    expect(demo.meetings.length).toBeLessThan(600);
    const bytes = [...demo.files.values()].reduce((n, f) => n + f.bytes.length, 0);
    expect(bytes).toBeLessThan(10_000_000);
    for (const [path, f] of demo.files) {
      const m = /^([a-z-]+)\/(\d{4})\/\1\.(\d{4})-\d\d-\d\d-\d\d\.\d\d\.(log\.txt|log\.html|txt|html|moin\.txt)$/.exec(path);
      expect(m, path).not.toBeNull();
      expect(m![2]).toBe(m![3]);
      expect(f.mtime * 1000).toBeLessThan(DEMO_NOW);
      expect(f.mtime * 1000).toBeGreaterThanOrEqual(Date.UTC(2024, 0, 1));
    }
  });

  it('has every team, over 2024 to 2026, and the folders of the renamed meeting and the old meeting id', () => {
    const folders = new Set([...demo.files.keys()].map((k) => k.split('/')[0]));
    for (const team of MEETING_TEAMS) {
      const years = new Set(demo.meetings.filter((m) => m.team === team.id).map((m) => new Date(m.start * 1000).getUTCFullYear()));
      expect([...years].sort(), team.id).toEqual([2024, 2025, 2026]);
    }
    expect([...folders].sort()).toEqual(['aurora-compute', 'aurora-dashboard', 'aurora-docs', 'aurora-network', 'aurora-network-ovn', 'aurora-tc', 'aurora-ui']);
    expect(demo.meetings.filter((m) => m.folder === 'aurora-ui').every((m) => m.start < Date.UTC(2025, 0, 1) / 1000 && m.cases.includes('id-changed'))).toBe(true);
    expect(demo.meetings.filter((m) => m.folder === 'aurora-dashboard').every((m) => m.start >= Date.UTC(2025, 0, 1) / 1000)).toBe(true);
  });

  it('has every hard case', () => {
    for (const c of MEETING_CASES) if (c !== 'missed') expect(withCase(c).length, c).toBeGreaterThan(0);
    for (const team of MEETING_TEAMS) expect(demo.missed.some((m) => m.team === team.id), team.id).toBe(true);
  });

  it('holds meetings on their schedule: weekday, hour, and ISO week parity for biweekly teams', () => {
    for (const m of demo.meetings) {
      const team = MEETING_TEAMS.find((t) => t.id === m.team)!;
      const d = new UTCDate(m.start * 1000);
      expect(d.getUTCDay()).toBe(team.day);
      expect(d.getUTCHours()).toBe(Number(team.time.slice(0, 2)));
      if (team.frequency === 'biweekly-odd') expect(getISOWeek(d) % 2).toBe(1);
      if (team.frequency === 'biweekly-even') expect(getISOWeek(d) % 2).toBe(0);
      if (team.frequency === 'first-thursday') expect(d.getUTCDate()).toBeLessThanOrEqual(7);
    }
    for (const miss of demo.missed) expect(demo.meetings.some((m) => m.team === miss.team && Math.abs(m.start - miss.at) < 3600)).toBe(false);
  });

  it('writes each team its files: OpenDev four, meetingology .moin.txt and .log.html, an unended meeting its raw log only', () => {
    for (const m of demo.meetings) {
      const exts = m.files.map((f) => f.slice(f.lastIndexOf(m.key) + m.key.length + 1)).sort();
      if (!m.ended) expect(exts).toEqual(['log.txt']);
      else if (m.team === 'aurora-docs') expect(exts).toEqual(['log.html', 'moin.txt']);
      else expect(exts).toEqual(['html', 'log.html', 'log.txt', 'txt']);
    }
    const unended = withCase('no-endmeeting');
    expect(unended).toHaveLength(1);
    expect(text(unended[0]!.files[0]!)).not.toContain('#endmeeting');
  });

  it('counts the lines said as a small independent recount of the log does', () => {
    let checked = 0;
    for (const m of demo.meetings.filter((x) => x.ended)) {
      const log = m.team === 'aurora-docs' ? recountHtml(text(fileOf(m, '.log.html')!)) : recount(text(fileOf(m, '.log.txt')!, m.cases.includes('latin1') ? 'latin1' : 'utf8'));
      const sorted = (x: Map<string, number>) => [...x].sort(([a], [b]) => (a < b ? -1 : 1));
      expect(sorted(log), m.key).toEqual(sorted(m.attendees));
      if (m.team === 'aurora-docs') expect(sorted(peopleOfMoin(text(fileOf(m, '.moin.txt')!)))).toEqual(sorted(log));
      else {
        expect(sorted(peopleOfText(text(fileOf(m, '.txt')!))), m.key).toEqual(sorted(log));
        expect(sorted(peopleOfHtml(text(fileOf(m, '.html')!))), m.key).toEqual(sorted(log));
      }
      checked++;
    }
    expect(checked).toBeGreaterThan(300);
  });

  it('lists in the minutes every #action and #topic of the log (less what #undo took back)', () => {
    for (const m of demo.meetings.filter((x) => x.ended && x.team !== 'aurora-docs')) {
      const lines = text(fileOf(m, '.log.txt')!, m.cases.includes('latin1') ? 'latin1' : 'utf8').split('\n');
      const actions = lines.filter((l) => /<[^>]+> #action /.test(l)).length - lines.filter((l) => /<[^>]+> #undo$/.test(l)).length;
      const topics = lines.filter((l) => /<[^>]+> #topic /.test(l)).length;
      const minutes = text(fileOf(m, '.txt')!);
      const listed = minutes.split('Action Items\n------------\n')[1]!.split('\n\n\n')[0]!.split('\n').filter((l) => l.startsWith('* ')).length;
      expect(listed, m.key).toBe(actions);
      expect((text(fileOf(m, '.html')!).match(/<b class="TOPIC">/g) ?? []).length, m.key).toBe(topics);
    }
  });

  it('carries an action over meetings until it is done', () => {
    const repeated = withCase('repeated-action').filter((m) => m.team === 'aurora-compute');
    expect(repeated.length).toBeGreaterThanOrEqual(3);
  });

  it('plants the raw-log cases: Latin-1 bytes, a garbled line, ISO timestamps, a nick change, a bot error', () => {
    const latin = withCase('latin1')[0]!;
    const raw = demo.files.get(fileOf(latin, '.log.txt')!)!.bytes;
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(raw)).toThrow();
    expect(raw.toString('latin1')).toContain('caf\u00e9');
    expect(text(fileOf(latin, '.txt')!)).toContain('na\u00efve');
    const garbled = text(fileOf(withCase('garbled')[0]!, '.log.txt')!).split('\n');
    expect(garbled.filter((l) => !/^\d\d:\d\d:\d\d (<[^>]+>|\*) /.test(l))).toHaveLength(1);
    const iso = withCase('iso-log');
    expect(iso.every((m) => m.team === 'aurora-tc')).toBe(true);
    for (const line of text(fileOf(iso[0]!, '.log.txt')!).trimEnd().split('\n')) expect(line).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d {2}(<[^>]+>|\*|\*\*\*) /);
    const tcChange = withCase('nick-change').find((m) => m.team === 'aurora-tc')!;
    expect(text(fileOf(tcChange, '.log.txt')!)).toMatch(/ {2}\*\*\* (\S+) is now known as \1_\n/);
    expect(text(fileOf(withCase('away-nick')[0]!, '.log.txt')!)).toMatch(/<\S+\|away> /);
    expect(text(fileOf(withCase('bot-error')[0]!, '.log.txt')!)).toMatch(/<opendevmeet> Error: I need to be at least halfopped/);
    expect(text(fileOf(withCase('renamed')[0]!, '.log.txt')!)).toContain("The meeting name has been set to 'aurora-network-ovn'");
  });

  it('keeps hostile text as MeetBot does: escaped in the log and minutes, a javascript: link left in its href', () => {
    const hostile = withCase('hostile').find((m) => m.team === 'aurora-compute')!;
    const log = text(fileOf(hostile, '.log.html')!);
    const minutes = text(fileOf(hostile, '.html')!);
    expect(log).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(log + minutes).not.toContain(MEETING_XSS[0]);
    expect(log + minutes).not.toContain(MEETING_XSS[2]);
    expect(minutes).toContain(`<a href="${MEETING_XSS[1]}">`);
    expect(minutes).toContain('&lt;b&gt;new&lt;/b&gt;');
    expect(text(fileOf(hostile, '.log.txt')!)).toContain(MEETING_XSS[0]);
    expect(text(fileOf(withCase('hostile').find((m) => m.team === 'aurora-docs')!, '.moin.txt')!)).toContain(MEETING_XSS[1]);
  });

  it('runs votes: OpenDev #startvote results in the minutes, meetingology +1s in the moin minutes', () => {
    const opendev = withCase('vote').find((m) => m.team !== 'aurora-docs')!;
    expect(text(fileOf(opendev, '.txt')!).replace(/\n\s+/g, ' ')).toMatch(/VOTE: Voted on ".+\?" Results are, Yes: \d+, No: \d+/);
    const moin = text(fileOf(withCase('vote').find((m) => m.team === 'aurora-docs')!, '.moin.txt')!);
    expect(moin).toMatch(/== Vote results ==\n\n \* \[\[https:\/\/\S+#\d+\|.+\]\]\n {2}\* Motion (carried|denied)|Deadlock/);
  });

  it('writes the irc-meetings YAML for each team: biweekly odd/even, start_date, chairs as "Name (nick)", one unknown frequency', () => {
    expect([...demo.schedules.keys()].sort()).toEqual(MEETING_TEAMS.map((t) => `${t.id}-meeting.yaml`).sort());
    const frequencies: string[] = [];
    for (const [file, yaml] of demo.schedules) {
      const doc = parseYaml(yaml) as { meeting_id: string; project: string; chair: string; schedule: { time: string; day: string; irc: string; frequency: string; start_date?: number }[] };
      expect(`${doc.meeting_id}-meeting.yaml`).toBe(file);
      expect(doc.chair).toMatch(/^[^,()]+ \([^()\s]+\)(, [^,()]+ \([^()\s]+\))*$/);
      for (const slot of doc.schedule) {
        expect(slot.time).toMatch(/^\d{4}$/);
        frequencies.push(slot.frequency);
        if (slot.start_date !== undefined) expect(String(slot.start_date)).toMatch(/^20\d{6}$/);
      }
    }
    expect(frequencies).toEqual(expect.arrayContaining(['weekly', 'biweekly-odd', 'biweekly-even', 'first-thursday', 'every-full-moon']));
  });
});

describe('generateScaledMeetbot', () => {
  it('writes n logs, minutes for most, in the same layout', () => {
    const { files } = generateScaledMeetbot(600);
    const logs = [...files.keys()].filter((k) => k.endsWith('.log.txt'));
    expect(logs).toHaveLength(600);
    const minutes = [...files.keys()].filter((k) => /\d\.txt$/.test(k));
    expect(minutes.length).toBeGreaterThan(480);
    expect(minutes.length).toBeLessThan(600);
    for (const k of files.keys()) expect(k).toMatch(/^(bench-team-\d\d)\/(\d{4})\/\1\.\2-\d\d-\d\d-\d\d\.\d\d\.(log\.txt|log\.html|txt|html)$/);
    expect(new Set(logs.map((k) => k.split('/')[1])).size).toBeGreaterThan(1);
  });
});
