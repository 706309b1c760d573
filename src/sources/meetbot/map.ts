/**
 * Parsed meetbot output to the portal's `meeting` item (pure). Addresses the
 * bots print (`.hello` answers, `#info` lines) are masked in every text before
 * anything is stored.
 */
import type { MeetbotSourceConfig } from '../../config/schema.ts';
import { maskDeep } from '../../lib/privacy.ts';
import { makeItem, type Item } from '../../model/item.ts';
import { foldNick, Meeting, MEETING_KIND } from '../../model/meeting.ts';
import type { DerivedMeeting } from './derive.ts';

/**
 * Meeting bots and the infrastructure bots that sit in meeting channels, by
 * folded nick: their lines are bot lines, they are nobody's attendance.
 */
export const KNOWN_BOTS: ReadonlySet<string> = new Set(['meetbot', 'meetingology', 'zodbot', 'openstack', 'opendevmeet', 'opendevstatus', 'opendevreview', 'ubottu', 'ubotu', 'supybot', 'limnoria', 'gerritbot', 'purplebot', 'collabot', 'irc-meetbot', 'lurkbot']);

/** Whether a nick is a bot: a known one, or one the config lists (a nick, or a case-insensitive pattern). */
export function botMatcher(config: Pick<MeetbotSourceConfig, 'bots'>): (nick: string) => boolean {
  const patterns = config.bots.map((b) => new RegExp(b, 'i'));
  return (nick) => {
    const folded = foldNick(nick);
    return KNOWN_BOTS.has(folded) || patterns.some((p) => p.test(nick) || p.test(folded));
  };
}

/** What the driver knows of a meeting besides its parse: where its files are and which one the log came from. */
export interface MeetingOrigin {
  key: string;
  team: string;
  files: Meeting['files'];
  from: Meeting['from'];
  /** Flags of the reading (charset guessed, minutes disagree…), added to the parser's. */
  flags: string[];
}

export function toMeeting(derived: DerivedMeeting, origin: MeetingOrigin): Meeting {
  const { meetingName: _name, owner: _owner, flags, log, ...rest } = derived;
  const data: Meeting = {
    ...rest,
    key: origin.key,
    team: origin.team,
    log: origin.from === 'minutes' ? [] : log,
    from: origin.from,
    files: origin.files,
    flags: [...new Set([...flags, ...origin.flags])].sort(),
  };
  return Meeting.parse(maskDeep(data));
}

/** The stored item; its origin is the public base (`webUrl`) when the config has one, as its links are. */
export function meetingItem(config: Pick<MeetbotSourceConfig, 'id' | 'url' | 'webUrl'>, meeting: Meeting): Item<Meeting> {
  return makeItem({ source: config.id, type: 'meetbot', origin: config.webUrl ?? config.url, kind: MEETING_KIND, nativeId: meeting.key, updatedOn: meeting.end, data: meeting });
}
