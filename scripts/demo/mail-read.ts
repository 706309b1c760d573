/**
 * Reading a raw message back the way a list archiver does, without the parser under test
 * (scripts may not import src/sources/mbox): header fields as written, the Date, the sender,
 * RFC 2047 words, and the leaf parts of the MIME tree with their decoded bytes. Only what the
 * archive formats in mail-archive.ts need; tolerant (a part it cannot read is kept as bytes).
 */

export interface Field {
  /** Lower case. */
  name: string;
  /** As written, folds (LF + blank) kept, bytes as latin1 code units. */
  raw: string;
}

export interface MessageFacts {
  fields: Field[];
  /** Unix seconds and zone (minutes east) of the Date field, when it reads as a date. */
  date: { t: number; tz: number } | undefined;
  /** Without `<>`. */
  messageId: string | undefined;
  address: string | undefined;
  /** The display name as written (RFC 2047 words and all), '' when none. */
  rawName: string;
  /** The display name decoded. */
  name: string;
  /** The subject decoded, '' when none. */
  subject: string;
  headerEnd: number;
  bodyStart: number;
}

export interface Leaf {
  /** Lower-case `type/subtype`. */
  type: string;
  charset: string | undefined;
  filename: string | undefined;
  description: string | undefined;
  attachment: boolean;
  /** Decoded (base64 and quoted-printable undone). */
  bytes: Buffer;
}

/** [end of the header block, start of the body]. */
function bounds(raw: Buffer): [number, number] {
  let pos = 0;
  while (pos < raw.length) {
    let nl = raw.indexOf(0x0a, pos);
    if (nl < 0) nl = raw.length;
    const end = nl > pos && raw[nl - 1] === 0x0d ? nl - 1 : nl;
    if (end === pos) return [pos, Math.min(raw.length, nl + 1)];
    pos = nl + 1;
  }
  return [raw.length, raw.length];
}

function readFields(block: string): Field[] {
  const out: Field[] = [];
  for (const line of block.replace(/\r\n/g, '\n').split('\n')) {
    const last = out[out.length - 1];
    if (/^[ \t]/.test(line) && last) last.raw += `\n${line}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) out.push({ name: line.slice(0, colon).trim().toLowerCase(), raw: line.slice(colon + 1).replace(/^[ \t]/, '') });
    }
  }
  return out;
}

export function field(fields: readonly Field[], name: string): string | undefined {
  return fields.find((f) => f.name === name)?.raw;
}

export function unfold(value: string): string {
  return value.replace(/\n(?=[ \t])/g, '');
}

const utf8Fatal = new TextDecoder('utf-8', { fatal: true });

/** Bytes as text: in `charset` when it is a known label, else UTF-8 when they are UTF-8, else windows-1252. */
export function decodeBytes(bytes: Uint8Array, charset?: string): string {
  const label = charset?.toLowerCase();
  if (label && label !== 'us-ascii' && label !== 'ascii') {
    try {
      return new TextDecoder(label).decode(bytes);
    } catch {
      // An unknown label: guess below.
    }
  }
  try {
    return utf8Fatal.decode(bytes);
  } catch {
    return new TextDecoder('windows-1252').decode(bytes);
  }
}

/** RFC 2047 words decoded (white space between two words dropped); 8-bit bytes outside words guessed. */
export function decodeWords(value: string): string {
  const v = unfold(value);
  const plain = (s: string) => (/[\x80-\xff]/.test(s) ? decodeBytes(Buffer.from(s, 'latin1')) : s);
  let out = '';
  let last = 0;
  for (const m of v.matchAll(/=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g)) {
    const between = v.slice(last, m.index);
    if (last === 0 || !/^\s*$/.test(between)) out += plain(between);
    const [, charset, enc, text] = m as unknown as [string, string, string, string];
    const bytes = enc.toLowerCase() === 'b' ? Buffer.from(text, 'base64') : Buffer.from(text.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
    out += decodeBytes(bytes, charset.replace(/\*.*$/, ''));
    last = m.index + m[0].length;
  }
  return out + plain(v.slice(last));
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];
const ZONES: Record<string, number> = { ut: 0, utc: 0, gmt: 0, z: 0, est: -300, edt: -240, cst: -360, cdt: -300, mst: -420, mdt: -360, pst: -480, pdt: -420 };

/** RFC 5322 dates (two-digit years too) and asctime; undefined for anything else. */
export function readDate(value: string | undefined): { t: number; tz: number } | undefined {
  if (value === undefined) return undefined;
  const v = unfold(value).replace(/\([^)]*\)/g, ' ').trim();
  let day: number, month: number, year: number, hh: number, mm: number, ss: number, zone: string | undefined;
  const rfc = /^(?:[A-Za-z]{3},?\s*)?(\d{1,2})\s+([A-Za-z]{3})\w*\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([+-]\d{4}|[A-Za-z]{1,5})?/.exec(v);
  const asc = /^[A-Za-z]{3}\s+([A-Za-z]{3})\s+(\d{1,2})\s+(\d{1,2}):(\d{2}):(\d{2})\s+(\d{4})$/.exec(v);
  if (rfc) {
    [day, month, year, hh, mm, ss, zone] = [Number(rfc[1]), MONTHS.indexOf(rfc[2]!.toLowerCase()), Number(rfc[3]), Number(rfc[4]), Number(rfc[5]), Number(rfc[6] ?? 0), rfc[7]];
    if (rfc[3]!.length === 2) year += year < 50 ? 2000 : 1900;
  } else if (asc) {
    [month, day, hh, mm, ss, year, zone] = [MONTHS.indexOf(asc[1]!.toLowerCase()), Number(asc[2]), Number(asc[3]), Number(asc[4]), Number(asc[5]), Number(asc[6]), undefined];
  } else return undefined;
  if (month < 0) return undefined;
  let tz = 0;
  if (zone && /^[+-]\d{4}$/.test(zone)) tz = (zone[0] === '-' ? -1 : 1) * (Number(zone.slice(1, 3)) * 60 + Number(zone.slice(3)));
  else if (zone) tz = ZONES[zone.toLowerCase()] ?? 0;
  return { t: Date.UTC(year, month, day, hh, mm, ss) / 1000 - tz * 60, tz };
}

function readFrom(value: string | undefined): { address: string | undefined; rawName: string } {
  if (value === undefined) return { address: undefined, rawName: '' };
  const v = unfold(value).trim();
  const angle = /^(.*?)\s*<([^<>]*)>\s*$/.exec(v);
  if (angle) return { address: angle[2]!.trim() || undefined, rawName: angle[1]!.trim().replace(/^"(.*)"$/, '$1').replace(/\\(.)/g, '$1') };
  const paren = /^(\S+@\S+)\s*(?:\((.*)\))?$/.exec(v);
  if (paren) return { address: paren[1], rawName: paren[2] ?? '' };
  return { address: undefined, rawName: v };
}

/** The facts of a raw message's header block. */
export function readFacts(raw: Buffer): MessageFacts {
  const [headerEnd, bodyStart] = bounds(raw);
  const fields = readFields(raw.subarray(0, headerEnd).toString('latin1'));
  const id = field(fields, 'message-id');
  const from = readFrom(field(fields, 'from'));
  const subject = field(fields, 'subject');
  return {
    fields,
    date: readDate(field(fields, 'date')),
    messageId: id === undefined ? undefined : /<([^<>]+)>/.exec(id)?.[1] ?? (id.trim() || undefined),
    address: from.address,
    rawName: from.rawName,
    name: decodeWords(from.rawName),
    subject: subject === undefined ? '' : decodeWords(subject).replace(/\s+/g, ' ').trim(),
    headerEnd,
    bodyStart,
  };
}

function param(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(unfold(value));
  return m ? (m[1] ?? m[2]) : undefined;
}

function decodeTransfer(body: Buffer, cte: string): Buffer {
  if (cte === 'base64') return Buffer.from(body.toString('latin1').replace(/[^A-Za-z0-9+/=]/g, ''), 'base64');
  if (cte !== 'quoted-printable') return body;
  const text = body.toString('latin1').replace(/=\r?\n/g, '');
  return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1');
}

/** The leaf parts of a message (or of a part), in the order Python's `walk()` visits them. */
export function leaves(raw: Buffer, depth = 0): Leaf[] {
  const [headerEnd, bodyStart] = bounds(raw);
  const fields = readFields(raw.subarray(0, headerEnd).toString('latin1'));
  const ctype = field(fields, 'content-type');
  const type = (unfold(ctype ?? 'text/plain').split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
  const body = raw.subarray(bodyStart);
  const boundary = param(ctype, 'boundary');
  if (type.startsWith('multipart/') && boundary && depth < 10) {
    const lines = body.toString('latin1').split('\n');
    const parts: string[][] = [];
    let current: string[] | undefined;
    for (const line of lines) {
      const l = line.replace(/\r$/, '').trimEnd();
      if (l === `--${boundary}--`) break;
      if (l === `--${boundary}`) {
        current = [];
        parts.push(current);
      } else current?.push(line);
    }
    return parts.flatMap((p) => leaves(Buffer.from(p.join('\n'), 'latin1'), depth + 1));
  }
  const disposition = field(fields, 'content-disposition');
  const cte = unfold(field(fields, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const filename = param(disposition, 'filename') ?? param(ctype, 'name');
  const description = field(fields, 'content-description');
  return [{
    type,
    charset: param(ctype, 'charset')?.toLowerCase(),
    filename: filename === undefined ? undefined : decodeWords(filename),
    description: description === undefined ? undefined : decodeWords(description).trim(),
    attachment: disposition !== undefined && /^\s*attachment/i.test(disposition),
    bytes: decodeTransfer(body, cte),
  }];
}

/** A leaf's text: its charset decoded, CRLF as LF. */
export function leafText(leaf: Leaf): string {
  return decodeBytes(leaf.bytes, leaf.charset).replace(/\r\n/g, '\n');
}
