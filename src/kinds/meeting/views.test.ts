import { describe, expect, it } from 'vitest';
import type { Slot } from '../../model/meeting.ts';
import type { MeetingSummary, ScheduleSummary } from './summary.ts';
import { actionWords, buildTeams, linkParts, missedMeetings, openActionsByOwner, slotWords, trackActions } from './views.ts';

function meeting(team: string, start: string, actions: [string, string[]][] = []): MeetingSummary {
  const id = `${team}.${start.slice(0, 10)}-14.00`;
  return {
    key: `m:${id}`, kind: 'meeting', id, source: 'm', title: `${team} meeting`, updated: start, place: team, path: `meetings/m/${id}/`,
    team, start, end: start, minutes: 60, ended: true, attendees: [], attendance: 3, chairs: [], topics: [], decisions: [],
    actions: actions.map(([text, nicks]) => ({ text, owners: nicks.map((n) => `m:${n}`), ownerNicks: nicks, time: start })), from: 'log.txt', flags: [],
  };
}

const weekly: Slot = { time: '1400', day: 'Thursday', irc: 'aurora-meeting', frequency: 'weekly', known: true, duration: 60 };
const schedule = (id: string, slots: Slot[]): ScheduleSummary => ({ key: `s:${id}`, kind: 'schedule', id, source: 's', title: `Team ${id}`, updated: '1970-01-01T00:00:00Z', place: id, path: `meetings/teams/${id}/`, project: `Team ${id}`, slots, flags: [] });

describe('trackActions', () => {
  it('carries an action raised again in the next meeting, closes it when the next one does not raise it', () => {
    const list = [
      meeting('nova', '2024-01-04T14:00:00Z', [['ada to write the spec', ['ada']], ['bo to fix the gate', ['bo']]]),
      meeting('nova', '2024-01-11T14:00:00Z', [['ada to continue to write the spec', ['ada']]]),
      meeting('nova', '2024-01-18T14:00:00Z', [['Ada to write the spec.', ['ada']]]),
      meeting('nova', '2024-01-25T14:00:00Z', []),
      meeting('oslo', '2024-01-25T15:00:00Z', [['cy to release', ['cy']]]),
    ];
    const tracked = trackActions(list);
    const spec = tracked.find((a) => a.text.toLowerCase().includes('spec'))!;
    expect(spec.raised.map((r) => r.start.slice(0, 10))).toEqual(['2024-01-04', '2024-01-11', '2024-01-18']);
    expect(spec.state).toBe('closed');
    expect(spec.closed).toBe('2024-01-25T14:00:00Z');
    const gate = tracked.find((a) => a.text.includes('gate'))!;
    expect([gate.state, gate.closed]).toEqual(['closed', '2024-01-11T14:00:00Z']);
    const release = tracked.find((a) => a.team === 'oslo')!;
    expect(release.state).toBe('open');
    expect(openActionsByOwner(tracked).map((o) => [o.nick, o.actions.length])).toEqual([['cy', 1]]);
  });

  it('keeps actions of other owners apart even with the same words', () => {
    const tracked = trackActions([meeting('t', '2024-01-04T14:00:00Z', [['review the docs change', ['ada']]]), meeting('t', '2024-01-11T14:00:00Z', [['review the docs change', ['bo']]])]);
    expect(tracked.map((a) => [a.ownerNicks[0], a.state])).toEqual([['bo', 'open'], ['ada', 'closed']]);
  });

  it('drops case, punctuation and carry-over words from action text', () => {
    expect(actionWords('STILL: continue to write the spec (cont.)')).toBe('write the spec');
  });
});

describe('missedMeetings and buildTeams', () => {
  it('flags scheduled days without a meeting, from the first meeting held to the newest on the site', () => {
    const held = [meeting('nova', '2024-01-04T14:02:00Z'), meeting('nova', '2024-01-18T14:00:00Z')];
    expect(missedMeetings({ slots: [weekly] }, held, '2024-01-25T14:00:00Z')).toEqual(['2024-01-11T14:00:00Z', '2024-01-25T14:00:00Z']);
    expect(missedMeetings({ slots: [weekly] }, [], '2024-01-25T14:00:00Z')).toEqual([]);
  });

  it('joins schedules and held meetings by meeting id; teams without either still appear', () => {
    const teams = buildTeams([meeting('nova', '2024-01-04T14:00:00Z'), meeting('glance', '2024-01-05T14:00:00Z')], [schedule('nova', [weekly]), schedule('keystone', [weekly])], new Date('2024-01-06T00:00:00Z'));
    expect(teams.map((t) => [t.id, t.meetings.length, !!t.schedule])).toEqual([['glance', 1, false], ['keystone', 0, true], ['nova', 1, true]]);
    expect(teams.find((t) => t.id === 'nova')!.next).toBe('2024-01-11T14:00:00Z');
  });
});

describe('words and links', () => {
  it('describes slots, unknown frequencies as written', () => {
    expect(slotWords(weekly)).toBe('Weekly on Thursday at 14:00 UTC, #aurora-meeting');
    expect(slotWords({ ...weekly, frequency: 'first-friday' })).toBe('First Friday of the month at 14:00 UTC, #aurora-meeting');
    expect(slotWords({ ...weekly, frequency: 'every-full-moon', known: false })).toContain('"every-full-moon" (not a frequency Agora knows)');
  });

  it('links http(s) URLs only, without trailing punctuation', () => {
    expect(linkParts('see https://x.example/a). and javascript:alert(1)')).toEqual([{ text: 'see ' }, { text: 'https://x.example/a', href: 'https://x.example/a' }, { text: '). and javascript:alert(1)' }]);
  });
});
