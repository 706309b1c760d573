/**
 * Real meetbot output (see ../shared/reference-data/SOURCES.md, rows meetbot/) through the
 * parsers: each meeting is derived from its .log.txt and from its .log.html, and both are held
 * against the minutes the bot wrote (.txt and .html). The files are read in place, never copied,
 * and nothing from them (nicks, names, texts) is written here: the assertions are counts and
 * equality between the forms.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { foldNick } from '../../src/model/meeting.ts';
import { crossCheck, deriveMeeting, meetingFromMinutes, type DerivedMeeting } from '../../src/sources/meetbot/derive.ts';
import { decodeLog, parseMeetbotFileName, type MeetbotOutput } from '../../src/sources/meetbot/files.ts';
import { parseLogHtml, parseLogTxt } from '../../src/sources/meetbot/log.ts';
import { parseMinutesHtml, parseMinutesTxt, type ParsedMinutes } from '../../src/sources/meetbot/minutes.ts';
import { parseMoin } from '../../src/sources/meetbot/moin.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = resolve(process.env.AGORA_REFERENCE_DATA ?? join(REPO, '..', 'shared', 'reference-data'));
const DIR = join(REFERENCE, 'meetbot');
const present = existsSync(DIR);
if (!present) console.warn(`meetbot conformance skipped: no reference data at ${DIR} (set AGORA_REFERENCE_DATA to the reference-data folder)`);

interface Meeting {
  key: string;
  day: string;
  files: Partial<Record<MeetbotOutput, string>>;
}

function meetings(): Meeting[] {
  const byKey = new Map<string, Meeting>();
  for (const file of readdirSync(DIR).sort()) {
    const name = parseMeetbotFileName(file);
    if (!name) continue;
    const key = `${name.meetingId}.${name.stamp}`;
    const m = byKey.get(key) ?? { key, day: name.start.slice(0, 10), files: {} };
    const { text, guessed } = decodeLog(readFileSync(join(DIR, file)));
    expect(guessed, `${file} is UTF-8`).toBe(false);
    m.files[name.output] = text;
    byKey.set(key, m);
  }
  return [...byKey.values()];
}

const flat = (s: string) => s.replace(/\s+/g, ' ').trim();
const clock = (iso: string) => iso.slice(11, 19);

/** The minutes' attendees folded like ours, as account → lines. */
function foldedAttendees(m: ParsedMinutes): Record<string, number> {
  const out: Record<string, number> = {};
  for (const a of m.attendees) out[foldNick(a.nick)] = (out[foldNick(a.nick)] ?? 0) + a.lines;
  return out;
}

function summary(d: DerivedMeeting) {
  return {
    title: d.title,
    start: d.start,
    end: d.end,
    ended: d.ended,
    topics: d.topics,
    notes: d.notes,
    votes: d.votes,
    attendees: d.attendees,
    flags: d.flags,
  };
}

describe.skipIf(!present)('meetbot conformance with real meetings', () => {
  const all = present ? meetings() : [];

  it('names every file in the folder as a meetbot output', () => {
    const files = readdirSync(DIR);
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !parseMeetbotFileName(f))).toEqual([]);
    expect(all.length).toBeGreaterThan(0);
  });

  for (const meeting of all) {
    describe(`meeting ${all.indexOf(meeting) + 1}`, () => {
      const { files, day } = meeting;
      const txtLog = files['log.txt'] === undefined ? undefined : parseLogTxt(files['log.txt'], day);
      const htmlLog = files['log.html'] === undefined ? undefined : parseLogHtml(files['log.html'], day);
      const minutes = files.txt === undefined ? undefined : parseMinutesTxt(files.txt);
      const htmlMinutes = files.html === undefined ? undefined : parseMinutesHtml(files.html);
      const moin = files['moin.txt'] === undefined ? undefined : parseMoin(files['moin.txt'], day);
      const fromTxt = txtLog && deriveMeeting(txtLog.lines, { channel: htmlLog?.channel });
      const fromHtml = htmlLog && deriveMeeting(htmlLog.lines, { channel: htmlLog.channel });

      it('reads every log line, in both log forms alike', () => {
        for (const log of [txtLog, htmlLog]) if (log) expect(log.garbled).toEqual([]);
        if (txtLog && htmlLog) {
          expect(htmlLog.lines.length).toBe(txtLog.lines.length);
          expect(htmlLog.lines).toEqual(txtLog.lines);
        }
        if (txtLog) expect(txtLog.lines.length).toBe(files['log.txt']!.split('\n').filter((l) => l.trim()).length);
      });

      it('derives the same meeting from the .log.txt and the .log.html', () => {
        if (!fromTxt || !fromHtml) return;
        expect(summary(fromHtml)).toEqual(summary(fromTxt));
        expect(fromHtml.log).toEqual(fromTxt.log);
      });

      it('agrees with the text minutes: topics, actions, agreed, attendees, times', () => {
        if (!minutes) return;
        for (const derived of [fromTxt, fromHtml]) {
          if (!derived) continue;
          expect(crossCheck(derived, minutes)).toEqual([]);
          expect(derived.topics.length).toBe(minutes.topics.length);
          expect(derived.topics.length).toBeGreaterThan(0);
          expect(derived.topics.map((t) => flat(t.title))).toEqual(minutes.topics.map((t) => flat(t.title)));
          expect(derived.topics.map((t) => clock(t.start))).toEqual(minutes.topics.map((t) => t.time));
          const actions = derived.notes.filter((n) => n.type === 'action').map((n) => flat(n.text));
          expect(actions).toEqual(minutes.actions.map(flat));
          expect(actions).toEqual(minutes.notes.filter((n) => n.type === 'action').map((n) => flat(n.text)));
          expect(derived.notes.filter((n) => n.type === 'agreed').length).toBe(minutes.notes.filter((n) => n.type === 'agreed').length);
          expect(derived.notes.map((n) => [n.type, flat(n.text), n.topic])).toEqual(minutes.notes.map((n) => [n.type, flat(n.text), n.topic]));
          expect(Object.fromEntries(derived.attendees.map((a) => [a.account, a.lines]))).toEqual(foldedAttendees(minutes));
          expect(derived.attendees.reduce((s, a) => s + a.lines, 0)).toBe(minutes.attendees.reduce((s, a) => s + a.lines, 0));
          expect(clock(derived.start)).toBe(minutes.start);
          expect(clock(derived.end)).toBe(minutes.end);
          expect(derived.ended).toBe(true);
          expect(derived.owner).toBe(minutes.owner && foldNick(minutes.owner));
          expect(derived.flags).toEqual([]);
          expect(derived.attendees.filter((a) => a.isBot)).toHaveLength(1);
        }
      });

      it('finds the same action owners as "Action items, by person"', () => {
        if (!minutes?.actionsByPerson || !fromTxt) return;
        const ours: Record<string, string[]> = {};
        for (const n of fromTxt.notes) if (n.type === 'action') for (const o of n.owners) (ours[o] ??= []).push(flat(n.text));
        const theirs: Record<string, string[]> = {};
        for (const [nick, acts] of Object.entries(minutes.actionsByPerson)) (theirs[foldNick(nick)] ??= []).push(...acts.map(flat));
        expect(ours).toEqual(theirs);
      });

      it('reads the HTML minutes as the text minutes', () => {
        if (!minutes || !htmlMinutes) return;
        expect(htmlMinutes.title).toBe(minutes.title);
        expect(htmlMinutes.channel).toBe(minutes.channel);
        expect([htmlMinutes.owner, htmlMinutes.start, htmlMinutes.end]).toEqual([minutes.owner, minutes.start, minutes.end]);
        expect(htmlMinutes.topics).toEqual(minutes.topics);
        expect(htmlMinutes.notes.map((n) => ({ ...n, text: flat(n.text) }))).toEqual(minutes.notes.map((n) => ({ ...n, text: flat(n.text) })));
        expect(htmlMinutes.actions.map(flat)).toEqual(minutes.actions.map(flat));
        expect(htmlMinutes.attendees).toEqual(minutes.attendees);
        if (fromTxt) expect(crossCheck(fromTxt, htmlMinutes)).toEqual([]);
      });

      it('builds from the minutes alone a meeting that agrees with the log', () => {
        if (!minutes || !fromTxt) return;
        const only = meetingFromMinutes(minutes, day);
        expect(crossCheck(only, minutes)).toEqual([]);
        expect([only.start, only.end]).toEqual([fromTxt.start, fromTxt.end]);
        expect(only.topics.map((t) => [t.title, t.start, t.end])).toEqual(fromTxt.topics.map((t) => [t.title, t.start, t.end]));
        expect(only.notes.map((n) => [n.type, flat(n.text), n.time, n.topic, n.owners])).toEqual(fromTxt.notes.map((n) => [n.type, flat(n.text), n.time, n.topic, n.owners]));
      });

      it('reads a moin minutes file with its embedded log, when there is one', () => {
        if (!moin) return;
        expect(moin.garbled ?? []).toEqual([]);
        if (moin.log) expect(crossCheck(deriveMeeting(moin.log), moin)).toEqual([]);
      });
    });
  }
});
