import { describe, expect, it } from 'vitest';
import { COMMANDS, isAutoLink, normaliseMeetingName, parseCommand, splitNicks, splitUnchair } from './commands.ts';

describe('parseCommand', () => {
  it('knows every MeetBot command and alias, in any case', () => {
    const expected: Record<string, string> = {
      '#startmeeting x': 'startmeeting',
      '#endmeeting': 'endmeeting',
      '#TOPIC x': 'topic',
      '#Info x': 'info',
      '#agreed x': 'agreed',
      '#agree x': 'agreed',
      '#ACCEPTED x': 'accepted',
      '#accept x': 'accepted',
      '#rejected x': 'rejected',
      '#action x': 'action',
      '#link x': 'link',
      '#idea x': 'idea',
      '#help x': 'help',
      '#halp x': 'help',
      '#chair a': 'chair',
      '#unchair a': 'unchair',
      '#undo': 'undo',
      '#nick a': 'nick',
      '#meetingname x': 'meetingname',
      '#meetingtopic x': 'meetingtopic',
      '#startvote q? a, b': 'startvote',
      '#vote a': 'vote',
      '#endvote': 'endvote',
      '#showvote': 'showvote',
      '#voters a': 'voters',
      '#votesrequired 2': 'votesrequired',
      '#subtopic x': 'subtopic',
      '#progress x': 'subtopic',
      '#commands': 'ignored',
      '#save': 'ignored',
      '#lurk': 'ignored',
      '#unlurk': 'ignored',
      '#restrictlogs': 'ignored',
    };
    for (const [line, name] of Object.entries(expected)) expect(parseCommand(line)?.name, line).toBe(name);
  });

  it('takes the rest of the line, after spaces and tabs, as the argument', () => {
    expect(parseCommand('#topic \t Next steps  ')).toEqual({ name: 'topic', word: 'topic', arg: 'Next steps', chairOnly: true });
    expect(parseCommand('#info:colon')).toMatchObject({ name: 'info', arg: ':colon' });
  });

  it('is no command when the word is unknown or not at the start, or in the bot-name form', () => {
    for (const line of ['#topicfoo x', 'see #topic x', ' #topic x', 'meetbot: topic x', 'zodbot: #topic x', '# topic', '#', '#über x', '#hasOwnProperty x', '#constructor']) {
      expect(parseCommand(line), line).toBeUndefined();
    }
  });

  it('marks the chair-only commands MeetBot checks', () => {
    const chairOnly = Object.entries(COMMANDS).filter(([, r]) => r.chairOnly).map(([w]) => w).sort();
    expect(chairOnly).toEqual(['accept', 'accepted', 'agree', 'agreed', 'chair', 'endmeeting', 'endvote', 'lurk', 'meetingtopic', 'progress', 'rejected', 'restrictlogs', 'save', 'startvote', 'subtopic', 'topic', 'unchair', 'undo', 'unlurk', 'voters', 'votesrequired']);
  });
});

describe('isAutoLink', () => {
  it('takes a line that starts with a URL as a #link, as MeetBot does', () => {
    expect(isAutoLink('https://example.org/x and more')).toBe(true);
    expect(isAutoLink('ftp://example.org')).toBe(true);
    expect(isAutoLink('see https://example.org')).toBe(false);
    expect(isAutoLink('mailto:someone')).toBe(false);
    expect(isAutoLink('#idea https://example.org')).toBe(false);
    expect(isAutoLink('javascript://alert(1)')).toBe(false);
  });
});

describe('argument helpers', () => {
  it('normalises #meetingname as MeetBot does', () => {
    expect(normaliseMeetingName('  Nova  API\tTeam ')).toBe('nova_api_team');
    expect(normaliseMeetingName('   ')).toBe('');
  });
  it('splits #chair/#nick on commas and spaces but #unchair on whitespace only', () => {
    expect(splitNicks('a, b c,,d')).toEqual(['a', 'b', 'c', 'd']);
    expect(splitUnchair('a, b')).toEqual(['a,', 'b']);
  });
});
