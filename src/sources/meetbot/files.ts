/**
 * The names and bytes of the files a MeetBot-family bot publishes per meeting.
 *
 * MeetBot names every output `<base><extension>`, where `<base>` is its
 * `filenamePattern` (`%(meetingname)s.%%F-%%H.%%M` in the deployments we read:
 * the meeting name, the start date and the start hour and minute, all in the
 * bot's time zone, which these deployments keep at UTC) and the extension is
 * one of its writers': `.log.txt` (raw log), `.log.html` (log as HTML), `.txt`
 * (text minutes), `.html` (HTML minutes); meetingology adds `.moin.txt`
 * (MoinMoin minutes with the log embedded). Other writers (`.rst`, `.1.html`,
 * `.mw.txt`…) are not read.
 */

export const MEETBOT_OUTPUTS = ['log.txt', 'log.html', 'moin.txt', 'txt', 'html'] as const;
export type MeetbotOutput = (typeof MEETBOT_OUTPUTS)[number];

export interface MeetbotFileName {
  /** The meeting name part (`nova`, `magazine`, `tc_meeting.extra`). */
  meetingId: string;
  /** `YYYY-MM-DD-HH.MM`, as in the name. */
  stamp: string;
  /** The stamp as UTC ISO 8601 (`2020-06-10T12:02:00Z`). */
  start: string;
  output: MeetbotOutput;
}

// The meeting name is what #meetingname leaves (lower case, spaces made `_`, `/`
// removed) or the channel without `#`: letters, digits and a few punctuation
// marks. Anything else (spaces, quotes, slashes, control characters) is refused
// rather than carried into page names. The greedy id lets a name contain dots
// and even date-like parts; the last stamp before the extension wins.
const FILE_NAME = /^([\p{L}\p{N}._+-]+)\.(\d{4})-(\d{2})-(\d{2})-(\d{2})\.(\d{2})\.(log\.txt|log\.html|moin\.txt|txt|html)$/u;

/** Reads a published file's name (a bare name, or the last segment of a path or URL); undefined when it is not a meetbot output. */
export function parseMeetbotFileName(name: string): MeetbotFileName | undefined {
  const base = name.slice(name.lastIndexOf('/') + 1);
  const m = FILE_NAME.exec(base);
  if (!m) return undefined;
  const [, meetingId, y, mo, d, h, mi, output] = m as unknown as [string, string, string, string, string, string, string, MeetbotOutput];
  if (!/[\p{L}\p{N}]/u.test(meetingId)) return undefined;
  if (!validStamp(+y, +mo, +d, +h, +mi)) return undefined;
  return { meetingId, stamp: `${y}-${mo}-${d}-${h}.${mi}`, start: `${y}-${mo}-${d}T${h}:${mi}:00Z`, output };
}

function validStamp(y: number, mo: number, d: number, h: number, mi: number): boolean {
  if (mo < 1 || mo > 12 || d < 1 || h > 23 || mi > 59) return false;
  const date = new Date(Date.UTC(y, mo - 1, d));
  return date.getUTCMonth() === mo - 1 && date.getUTCDate() === d;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
// WHATWG "windows-1252" is the superset of latin-1 that old IRC clients sent
// as "latin-1"; every byte decodes, so the fallback never fails.
const windows1252 = new TextDecoder('windows-1252');

/**
 * Decodes a published file. MeetBot writes UTF-8 (its `output_codec`), but it
 * logs whatever bytes the clients sent: when the bytes are not valid UTF-8 the
 * whole file is read as windows-1252 and `guessed` is true (the driver flags
 * `charset-guessed`). A UTF-8 BOM is dropped, a UTF-16 BOM honoured; CRLF and
 * lone CR become LF.
 */
export function decodeLog(bytes: Uint8Array): { text: string; guessed: boolean } {
  const { text, guessed } = decodeBytes(bytes);
  return { text: text.replace(/\r\n?/g, '\n'), guessed };
}

function decodeBytes(bytes: Uint8Array): { text: string; guessed: boolean } {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), guessed: false };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), guessed: false };
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
  try {
    return { text: utf8Strict.decode(body), guessed: false };
  } catch {
    return { text: windows1252.decode(body), guessed: true };
  }
}
