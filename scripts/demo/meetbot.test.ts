/**
 * The demo's meeting bot against a real MeetBot 0.1.4 meeting (../shared/reference-data/meetbot):
 * its log is replayed through the same rules (the bot's replies taken from the log) and the
 * minutes, text and HTML, must come out byte for byte as the real bot wrote them, stylesheets
 * aside. The sample is read in place; nothing from it is written here.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { MeetBotSession, splitLink } from './meetbot.ts';
import { htmlLog, htmlMinutes, textLog, textMinutes } from './meetbot-writers.ts';
import { pyFill } from './pytextwrap.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const DIR = join(resolve(process.env.AGORA_REFERENCE_DATA ?? join(REPO, '..', 'shared', 'reference-data')), 'meetbot');
const present = existsSync(DIR);
if (!present) console.warn(`meetbot conformance skipped: no reference data at ${DIR} (set AGORA_REFERENCE_DATA to the reference-data folder)`);

const LINE = /^(\d\d):(\d\d):(\d\d) (?:<([^>]+)> (.*)|\* (\S+) (.*))$/;
const withoutStyle = (html: string) => html.replace(/<style type="text\/css">[\s\S]*?<\/style>\n/, '<style/>');

function replay(base: string): MeetBotSession {
  const log = readFileSync(join(DIR, `${base}.log.txt`), 'utf8');
  const text = readFileSync(join(DIR, `${base}.txt`), 'utf8');
  const channel = /<title>(\S+) log<\/title>/.exec(readFileSync(join(DIR, `${base}.log.html`), 'utf8'))![1]!;
  const url = new URL(/^(https?:\/\/\S+)\.log\.html$/m.exec(text)![1]!);
  const day = Date.parse(`${/\.(\d{4}-\d\d-\d\d)-\d\d\.\d\d$/.exec(base)![1]}T00:00:00Z`) / 1000;
  const path = url.pathname.slice(1);
  const s = new MeetBotSession({ flavour: 'meetbot', channel, botNick: '', speaks: false, urlPrefix: `${url.origin}/`, path: () => path });
  for (const line of log.split('\n')) {
    const m = LINE.exec(line);
    if (!m) throw new Error(`unexpected log line ${line.slice(0, 12)}…`);
    const t = day + Number(m[1]) * 3600 + Number(m[2]) * 60 + Number(m[3]);
    if (m[4] !== undefined) s.say(t, m[4], m[5]!);
    else s.me(t, m[6]!, m[7]!);
  }
  return s;
}

describe.skipIf(!present)('the demo meeting bot writes what MeetBot 0.1.4 wrote', () => {
  const bases = present ? readdirSync(DIR).filter((f) => f.endsWith('.log.txt')).map((f) => f.slice(0, -'.log.txt'.length)) : [];

  it.each(bases)('%s', (base) => {
    const s = replay(base);
    expect(s.ended).toBe(true);
    expect(textLog(s)).toBe(readFileSync(join(DIR, `${base}.log.txt`), 'utf8'));
    expect(textMinutes(s)).toBe(readFileSync(join(DIR, `${base}.txt`), 'utf8'));
    expect(withoutStyle(htmlMinutes(s))).toBe(withoutStyle(readFileSync(join(DIR, `${base}.html`), 'utf8')));
    expect(withoutStyle(htmlLog(s))).toBe(withoutStyle(readFileSync(join(DIR, `${base}.log.html`), 'utf8')));
  });
});

describe('MeetBot details', () => {
  it('wraps as Python textwrap does', () => {
    expect(pyFill('aaa bbb ccc', 7)).toBe('aaa bbb\nccc');
    expect(pyFill('x '.repeat(3) + 'y'.repeat(12) + ' z', 8)).toBe('x x x\nyyyyyyyyyyyy\nz');
    expect(pyFill('keep  two  spaces', 72)).toBe('keep  two  spaces');
  });

  it('splits links as MeetBot 0.1.4 and meetingology do, javascript: included', () => {
    expect(splitLink('Board: https://example.org/x.', true)).toEqual({ prefix: 'Board: ', url: 'https://example.org/x', suffix: '.' });
    expect(splitLink('Board: https://example.org/x')).toEqual({ prefix: '', url: 'Board:', suffix: ' https://example.org/x' });
    expect(splitLink('javascript:alert(1)')).toEqual({ prefix: '', url: 'javascript:alert(1)', suffix: '' });
  });

  it('lets only chairs set topics and end the meeting, and counts the bot', () => {
    const s = new MeetBotSession({ flavour: 'opendev', channel: '#c', botNick: 'bot', urlPrefix: 'http://x/' });
    s.say(100, 'a', 'before the meeting, not logged');
    s.say(120, 'a', '#startmeeting team');
    s.say(130, 'b', '#topic not a chair');
    s.say(140, 'a', '#chair b c');
    s.say(150, 'b', '#topic now a chair');
    s.say(160, 'c', '#endmeeting');
    s.say(170, 'a', 'after');
    expect(s.minutes.map((m) => m.line)).toEqual(['now a chair']);
    expect(s.ended).toBe(true);
    expect(Object.fromEntries(s.attendees)).toEqual({ a: 2, bot: 4, b: 2, c: 1 });
    expect(s.path).toBe('team/1970/team.1970-01-01-00.02');
  });
});
