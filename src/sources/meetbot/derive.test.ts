import { describe, expect, it } from 'vitest';
import { crossCheck, deriveMeeting, meetingFromMinutes } from './derive.ts';
import { parseLogTxt } from './log.ts';
import type { ParsedMinutes } from './minutes.ts';

const DAY = '2024-01-11';

/** A log from `[nick, text]` rows (`*nick` for /me, `!` for a raw line), one second apart from 14:00:00. */
function log(...rows: [string, string][]): string {
  return rows
    .map(([nick, text], i) => {
      const t = `14:${String(Math.floor(i / 60)).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
      if (nick === '!') return `${t} ${text}`;
      return nick.startsWith('*') ? `${t} * ${nick.slice(1)} ${text}` : `${t} <${nick}> ${text}`;
    })
    .join('\n');
}

const START: [string, string][] = [
  ['alice', '#startmeeting Nova team'],
  ['meetbot', 'Meeting started Thu Jan 11 14:00:00 2024 UTC.  The chair is alice. Information about MeetBot at http://wiki.debian.org/MeetBot.'],
  ['meetbot', 'Useful Commands: #action #agreed #help #info #idea #link #topic.'],
];
const END: [string, string] = ['alice', '#endmeeting'];

const derive = (...rows: [string, string][]) => deriveMeeting(parseLogTxt(log(...rows), DAY).lines);

describe('deriveMeeting: the meeting', () => {
  it('runs from #startmeeting to #endmeeting, titled by the #startmeeting text', () => {
    const m = derive(['bob', 'before'], ...START, ['bob', 'hi'], END, ['bob', 'after']);
    expect(m).toMatchObject({ title: 'Nova team', owner: 'alice', start: '2024-01-11T14:00:01Z', end: '2024-01-11T14:00:05Z', ended: true, flags: [] });
    expect(m.attendees.find((a) => a.account === 'bob')!.lines).toBe(1);
    expect(m.log).toHaveLength(7);
  });

  it('flags a meeting never ended and ends it at its last line', () => {
    const m = derive(...START, ['bob', '#topic x'], ['bob', 'still here']);
    expect(m).toMatchObject({ ended: false, end: '2024-01-11T14:00:04Z' });
    expect(m.flags).toContain('no-endmeeting');
  });

  it('without #startmeeting, takes the first speaker as owner (as MeetBot replays) and flags it', () => {
    const m = derive(['carol', 'hello'], ['carol', '#topic First'], ['dave', '#topic ignored']);
    expect(m.owner).toBe('carol');
    expect(m.topics.map((t) => t.title)).toEqual(['First']);
    expect(m.flags).toEqual(expect.arrayContaining(['no-startmeeting', 'no-endmeeting']));
  });

  it('flags an empty log instead of failing', () => {
    expect(deriveMeeting([]).flags).toEqual(expect.arrayContaining(['empty-log', 'no-startmeeting', 'no-endmeeting']));
  });

  it('ignores a second #startmeeting inside the meeting, and an #endmeeting by a non-chair', () => {
    const m = derive(...START, ['bob', '#startmeeting Other'], ['bob', '#endmeeting'], ['alice', '#topic Still on'], END);
    expect(m.title).toBe('Nova team');
    expect(m.owner).toBe('alice');
    expect(m.topics.map((t) => t.title)).toEqual(['Still on']);
    expect(m.end).toBe('2024-01-11T14:00:06Z');
  });

  it('sets and clears the title with #meetingtopic, and the meeting name with #meetingname or the bot', () => {
    expect(derive(...START, ['alice', '#meetingtopic Better title'], END).title).toBe('Better title');
    const cleared = derive(...START, ['alice', '#meetingtopic none'], ['bob', '#meetingname Nova  API'], END);
    expect(cleared).toMatchObject({ title: 'nova_api', meetingName: 'nova_api' });
    expect(derive(...START, ['meetbot', "The meeting name has been set to 'nova'"], END).meetingName).toBe('nova');
  });
});

describe('deriveMeeting: commands', () => {
  it('records every minutes command, in any case, under the topic it falls in', () => {
    const m = derive(
      ...START,
      ['bob', '#info before any topic'],
      ['alice', '#TOPIC First'],
      ['bob', '#Info an info'],
      ['bob', '#idea an idea'],
      ['bob', '#help needs help'],
      ['bob', '#halp also help'],
      ['bob', '#link https://example.org more'],
      ['bob', 'https://example.org/auto'],
      ['bob', '#action bob to do it'],
      ['alice', '#agreed yes'],
      ['alice', '#agree also'],
      ['alice', '#accepted accepted'],
      ['alice', '#accept too'],
      ['alice', '#rejected no'],
      ['alice', '#topic Second'],
      ['alice', '#save'],
      ['alice', '#commands'],
      END,
    );
    expect(m.topics.map((t) => [t.title, t.by, t.line])).toEqual([
      ['First', 'alice', 4],
      ['Second', 'alice', 17],
    ]);
    expect(m.topics[0]!.end).toBe(m.topics[1]!.start);
    expect(m.topics[1]!.end).toBe(m.end);
    expect(m.notes.map((n) => [n.type, n.text, n.topic ?? null])).toEqual([
      ['info', 'before any topic', null],
      ['info', 'an info', 0],
      ['idea', 'an idea', 0],
      ['help', 'needs help', 0],
      ['help', 'also help', 0],
      ['link', 'https://example.org more', 0],
      ['link', 'https://example.org/auto', 0],
      ['action', 'bob to do it', 0],
      ['agreed', 'yes', 0],
      ['agreed', 'also', 0],
      ['agreed', 'accepted', 0],
      ['agreed', 'too', 0],
      ['info', 'REJECTED: no', 0],
    ]);
    expect(m.notes[0]).toMatchObject({ by: 'bob', time: '2024-01-11T14:00:03Z', line: 3 });
  });

  it('ignores chair-only commands from non-chairs, and takes anyone’s #action/#info/#link', () => {
    const m = derive(...START, ['bob', '#topic nope'], ['bob', '#agreed nope'], ['bob', '#undo'], ['bob', '#info kept'], ['bob', '#action kept'], END);
    expect(m.topics).toEqual([]);
    expect(m.notes.map((n) => n.text)).toEqual(['kept', 'kept']);
  });

  it('gives chairs with #chair (commas or spaces) and takes them with #unchair; chairs are compared by exact nick', () => {
    const m = derive(
      ...START,
      ['alice', '#chair bob, carol dave'],
      ['bob', '#topic by bob'],
      ['alice', '#unchair bob'],
      ['bob', '#topic refused'],
      ['carol_', '#topic refused too'],
      ['carol', '#topic by carol'],
      END,
    );
    expect(m.topics.map((t) => t.title)).toEqual(['by bob', 'by carol']);
    const chairs = m.attendees.filter((a) => a.chair).map((a) => a.account).sort();
    expect(chairs).toEqual(['alice', 'bob', 'carol', 'dave']);
    expect(m.attendees.find((a) => a.account === 'dave')).toMatchObject({ lines: 0, chair: true });
  });

  it('#undo removes the last item of the minutes, whatever it is', () => {
    const m = derive(...START, ['alice', '#topic One'], ['bob', '#info a'], ['alice', '#undo'], ['alice', '#topic Two'], ['alice', '#undo'], ['bob', '#action x'], END);
    expect(m.topics.map((t) => t.title)).toEqual(['One']);
    expect(m.notes.map((n) => n.text)).toEqual(['x']);
  });

  it('takes nothing from /me lines, bot lines, bot-name forms or commands later in a line', () => {
    const m = derive(...START, ['*bob', '#topic not a command'], ['meetbot', '#topic nor this'], ['bob', 'meetbot: topic x'], ['alice', 'meetbot: #topic x'], ['alice', 'so #info x'], END);
    expect(m.topics).toEqual([]);
    expect(m.notes).toEqual([]);
  });

  it('finds action owners among attendees and #nick names, whole words, case-insensitive', () => {
    const m = derive(
      ...START,
      ['bob', 'hi'],
      ['alice', '#nick erin'],
      ['bob', '#action BOB and Erin to write docs'],
      ['bob', '#action bobby to fix, not bob_x'],
      ['bob', '#action nobody'],
      END,
    );
    expect(m.notes.map((n) => n.owners)).toEqual([['bob', 'erin'], [], []]);
    expect(m.attendees.find((a) => a.account === 'erin')).toMatchObject({ lines: 0 });
  });
});

describe('deriveMeeting: people', () => {
  it('counts every line in the meeting, the bot’s and /me lines included, and lists #chair/#nick nicks with 0', () => {
    const m = derive(...START, ['bob', 'one'], ['*bob', 'two'], ['alice', '#nick zed'], END);
    expect(m.attendees.map((a) => [a.account, a.lines, a.isBot])).toEqual([
      ['alice', 3, false],
      ['bob', 2, false],
      ['meetbot', 2, true],
      ['zed', 0, false],
    ]);
    expect(m.log.filter((l) => l.type === 'bot')).toHaveLength(2);
  });

  it('folds nick forms and follows nick changes into one attendee', () => {
    const m = derive(...START, ['Bob_', 'one'], ['bob|away', 'two'], ['!', '*** bob is now known as robert'], ['robert', 'three'], ['robert', '#action robert to say hi'], END);
    const bob = m.attendees.find((a) => a.account === 'bob')!;
    expect(bob).toMatchObject({ nick: 'Bob_', lines: 4 });
    expect(m.attendees.some((a) => a.account === 'robert')).toBe(false);
    expect(m.log.filter((l) => l.nick === 'robert').every((l) => l.who === 'bob')).toBe(true);
    expect(m.notes[0]!.owners).toEqual(['bob']);
  });

  it('finds the bot by its "Meeting started" answer, or by the config when it says nothing', () => {
    expect(derive(...START, END).attendees.find((a) => a.account === 'meetbot')!.isBot).toBe(true);
    const quiet = deriveMeeting(parseLogTxt(log(['alice', '#startmeeting'], ['botty', '#topic from a bot line'], END), DAY).lines, { isBot: (n) => n === 'botty' });
    expect(quiet.topics).toEqual([]);
    expect(quiet.log[1]!.type).toBe('bot');
    expect(quiet.attendees.find((a) => a.account === 'botty')!.isBot).toBe(true);
  });

  it('flags a bot that answers with errors', () => {
    const m = derive(...START, ['alice', '#topic x'], ['meetbot', 'alice: Error: "topic" is not a valid command.'], END);
    expect(m.flags).toContain('bot-errors');
    expect(derive(...START, END).flags).not.toContain('bot-errors');
  });
});

describe('deriveMeeting: votes', () => {
  it('counts OpenStack #startvote votes, the last vote of each person counting', () => {
    const m = derive(
      ...START,
      ['alice', '#topic Vote'],
      ['bob', '#startvote refused, not a chair? a, b'],
      ['alice', '#startvote Ship it? Yes, No, Abstain'],
      ['bob', '#vote yes'],
      ['carol', '#vote No'],
      ['carol', '#vote yes'],
      ['dave', '#vote maybe'],
      ['bob', '#endvote'],
      ['alice', '#endvote'],
      END,
    );
    expect(m.votes).toEqual([{ question: 'Ship it?', time: '2024-01-11T14:00:05Z', counts: { Yes: 2, No: 0, Abstain: 0 }, result: 'Yes', topic: 0 }]);
    expect(m.notes.filter((n) => n.type === 'vote')).toHaveLength(1);
  });

  it('defaults #startvote options to Yes and No', () => {
    const m = derive(...START, ['alice', '#startvote Go?'], ['bob', '#vote no'], ['alice', '#endvote'], END);
    expect(m.votes[0]).toMatchObject({ counts: { Yes: 0, No: 1 }, result: 'No' });
  });

  it('counts meetingology motions (+1/-1/+0), honouring #voters and closing at #endmeeting', () => {
    const m = derive(
      ...START,
      ['alice', '#vote Adopt the plan'],
      ['bob', '+1'],
      ['carol', '-1 sorry'],
      ['carol', '+1 changed my mind'],
      ['dave', '+0'],
      ['alice', '#endvote'],
      ['alice', '#voters bob'],
      ['alice', '#vote Second motion'],
      ['bob', '-1'],
      ['carol', '+1'],
      END,
    );
    expect(m.votes.map((v) => [v.question, v.counts, v.result])).toEqual([
      ['Adopt the plan', { for: 2, against: 0, abstain: 1 }, 'Motion carried'],
      ['Second motion', { for: 0, against: 1, abstain: 0 }, 'Motion denied'],
    ]);
    expect(m.notes.filter((n) => n.type === 'vote').map((n) => n.text)).toEqual(['Adopt the plan (Carried)', 'Second motion (Denied)']);
  });

  it('flags a vote left open', () => {
    expect(derive(...START, ['alice', '#startvote Go?'], END).flags).toContain('open-vote');
  });
});

describe('meetingFromMinutes and crossCheck', () => {
  const minutes: ParsedMinutes = {
    title: 'Nova team',
    channel: '#nova',
    owner: 'alice',
    start: '23:50:00',
    end: '00:10:00',
    topics: [
      { title: 'One', by: 'alice', time: '23:55:00' },
      { title: 'Two', by: 'alice', time: '00:05:00' },
    ],
    notes: [
      { type: 'action', text: 'bob to   write', by: 'alice', time: '00:06:00', topic: 1 },
      { type: 'agreed', text: 'yes', by: 'alice', time: '23:56:00', topic: 0 },
    ],
    actions: ['bob to write'],
    actionsByPerson: { bob: ['bob to write'] },
    attendees: [
      { nick: 'alice', lines: 10 },
      { nick: 'bob', lines: 3 },
      { nick: 'bob_', lines: 2 },
    ],
  };

  it('places the minutes on the day, across midnight, with owners from "by person"', () => {
    const m = meetingFromMinutes(minutes, '2023-12-31');
    expect(m).toMatchObject({ title: 'Nova team', channel: '#nova', owner: 'alice', start: '2023-12-31T23:50:00Z', end: '2024-01-01T00:10:00Z', ended: true, flags: ['minutes-only'], log: [] });
    expect(m.topics.map((t) => [t.start, t.end])).toEqual([
      ['2023-12-31T23:55:00Z', '2024-01-01T00:05:00Z'],
      ['2024-01-01T00:05:00Z', '2024-01-01T00:10:00Z'],
    ]);
    expect(m.notes[0]).toMatchObject({ time: '2024-01-01T00:06:00Z', owners: ['bob'], topic: 1 });
    expect(m.attendees.map((a) => [a.account, a.lines, a.chair])).toEqual([
      ['alice', 10, true],
      ['bob', 5, false],
    ]);
  });

  it('agrees with itself and names each disagreement', () => {
    expect(crossCheck(meetingFromMinutes(minutes, '2023-12-31'), minutes)).toEqual([]);
    const derived = meetingFromMinutes(minutes, '2023-12-31');
    derived.topics.pop();
    derived.notes[0]!.text = 'carol to write';
    derived.attendees[1]!.lines = 4;
    derived.start = '2023-12-31T23:50:01Z';
    expect(crossCheck(derived, minutes)).toEqual([
      'topics: the log has 1, the minutes 2',
      'action only in the log: "carol to write"',
      'action only in the minutes: "bob to write"',
      'attendee bob: 4 lines in the log, 5 in the minutes',
      'start: 23:50:01 in the log, 23:50:00 in the minutes',
    ]);
  });
});
