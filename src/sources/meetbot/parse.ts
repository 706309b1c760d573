/**
 * The pure parsing layer of the meetbot source, in one place for the driver:
 * file names and bytes (`files.ts`), logs (`log.ts`), minutes (`minutes.ts`,
 * `moin.ts`) and the meeting they make (`derive.ts`). No I/O here.
 */
export { decodeLog, MEETBOT_OUTPUTS, parseMeetbotFileName, type MeetbotFileName, type MeetbotOutput } from './files.ts';
export { parseLogHtml, parseLogLine, parseLogTxt, type Garbled, type ParsedLog } from './log.ts';
export { parseMinutesHtml, parseMinutesTxt, type MinutesNote, type MinutesTopic, type MinutesVote, type ParsedMinutes } from './minutes.ts';
export { parseMoin } from './moin.ts';
export { crossCheck, deriveMeeting, meetingFromMinutes, type DeriveOptions, type DerivedMeeting } from './derive.ts';
