/**
 * Writing mail as clients write it: text in legacy charsets (Node has decoders for them but no
 * encoders, so the tables are built once from TextDecoder), quoted-printable and base64 bodies,
 * RFC 2047 encoded words, folded header lines, RFC 5322 and asctime dates, and MIME trees.
 * Everything is LF-terminated, as mbox files are; a caller wanting CRLF converts the whole message.
 */

export type Charset = 'us-ascii' | 'utf-8' | 'iso-8859-1' | 'windows-1252' | 'koi8-r' | 'gb2312';

const tables = new Map<Charset, Map<string, number[]>>();

/** Character -> bytes for the non-ASCII part of a legacy charset (ASCII is itself in all of them). */
function table(charset: Charset): Map<string, number[]> {
  let t = tables.get(charset);
  if (t) return t;
  t = new Map();
  if (charset === 'gb2312') {
    const decoder = new TextDecoder('gbk');
    for (let hi = 0xa1; hi <= 0xf7; hi++) {
      for (let lo = 0xa1; lo <= 0xfe; lo++) {
        const ch = decoder.decode(Uint8Array.of(hi, lo));
        if (ch.length === 1 && ch !== '\uFFFD' && !t.has(ch)) t.set(ch, [hi, lo]);
      }
    }
  } else if (charset !== 'utf-8' && charset !== 'us-ascii') {
    const decoder = new TextDecoder(charset === 'iso-8859-1' ? 'latin1' : charset);
    for (let b = 0x80; b <= 0xff; b++) {
      // TextDecoder's "latin1" is windows-1252; ISO-8859-1 proper maps every byte to the same code point.
      const ch = charset === 'iso-8859-1' ? String.fromCharCode(b) : decoder.decode(Uint8Array.of(b));
      if (ch !== '\uFFFD' && !t.has(ch)) t.set(ch, [b]);
    }
  }
  tables.set(charset, t);
  return t;
}

/** `text` in `charset`; throws on a character the charset does not have (a mistake in a fixture). */
export function encodeText(text: string, charset: Charset): Buffer {
  if (charset === 'utf-8') return Buffer.from(text, 'utf8');
  const t = table(charset);
  const out: number[] = [];
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code < 0x80) out.push(code);
    else {
      const bytes = charset === 'us-ascii' ? undefined : t.get(ch);
      if (!bytes) throw new Error(`demo mail: ${JSON.stringify(ch)} (U+${code.toString(16).toUpperCase()}) has no ${charset} encoding`);
      out.push(...bytes);
    }
  }
  return Buffer.from(out);
}

export function isAscii(text: string): boolean {
  return /^[\x00-\x7f]*$/.test(text);
}

/** Quoted-printable (RFC 2045 6.7) of LF-separated bytes: soft breaks at 76 columns, trailing blanks encoded. */
export function quotedPrintable(bytes: Buffer): string {
  const lines: string[] = [];
  let start = 0;
  for (let i = 0; i <= bytes.length; i++) {
    if (i < bytes.length && bytes[i] !== 0x0a) continue;
    const line = bytes.subarray(start, i);
    start = i + 1;
    let out = '';
    let col = 0;
    for (let j = 0; j < line.length; j++) {
      const b = line[j]!;
      const last = j === line.length - 1;
      const literal = (b >= 33 && b <= 126 && b !== 61) || ((b === 0x20 || b === 0x09) && !last);
      const piece = literal ? String.fromCharCode(b) : `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
      if (col + piece.length > 75) {
        out += '=\n';
        col = 0;
      }
      out += piece;
      col += piece.length;
    }
    lines.push(out);
  }
  return lines.join('\n');
}

/** Base64 in lines of 76 characters. */
export function base64Lines(bytes: Buffer): string {
  const b64 = bytes.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < b64.length; i += 76) lines.push(b64.slice(i, i + 76));
  return lines.join('\n');
}

/** RFC 2047 encoded words for `text` (several when long), never splitting a character. */
export function encodeWords(text: string, charset: Charset, encoding: 'B' | 'Q' = 'Q'): string {
  const words: string[] = [];
  const prefix = `=?${charset}?${encoding}?`;
  let chunk = '';
  const encode = (s: string): string => {
    const bytes = encodeText(s, charset);
    if (encoding === 'B') return bytes.toString('base64');
    let q = '';
    for (const b of bytes) {
      if (b === 0x20) q += '_';
      else if ((b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x21 || b === 0x2a || b === 0x2b || b === 0x2d || b === 0x2f) q += String.fromCharCode(b);
      else q += `=${b.toString(16).toUpperCase().padStart(2, '0')}`;
    }
    return q;
  };
  for (const ch of text) {
    if (chunk && prefix.length + encode(chunk + ch).length + 2 > 75) {
      words.push(`${prefix}${encode(chunk)}?=`);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(`${prefix}${encode(chunk)}?=`);
  return words.join(' ');
}

/** A display name as a client writes it: as is, quoted when it has specials, or encoded when not ASCII. */
export function displayName(name: string, charset: Charset = 'utf-8', encoding: 'B' | 'Q' = 'Q'): string {
  if (!isAscii(name)) return encodeWords(name, charset, encoding);
  return /[()<>@,;:\\".[\]]/.test(name) ? `"${name.replace(/(["\\])/g, '\\$1')}"` : name;
}

/** `Name: value` folded at spaces so lines stay within 78 columns where they can (RFC 5322 2.2.3). */
export function foldHeader(name: string, value: string): string {
  const words = value.split(' ');
  let line = `${name}:`;
  const lines: string[] = [];
  for (const w of words) {
    if (line.length + 1 + w.length > 78 && line.trim() !== `${name}:`) {
      lines.push(line);
      line = `\t${w}`;
    } else line += ` ${w}`;
  }
  lines.push(line);
  return lines.join('\n');
}

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** RFC 5322 date of unix time `t` in the zone `tz` minutes east: `Tue, 5 Mar 2024 09:22:07 -0500`. */
export function rfc5322Date(t: number, tz: number, options: { twoDigitYear?: boolean; padDay?: boolean } = {}): string {
  const d = new Date((t + tz * 60) * 1000);
  const sign = tz < 0 ? '-' : '+';
  const zone = `${sign}${pad(Math.floor(Math.abs(tz) / 60))}${pad(Math.abs(tz) % 60)}`;
  const year = options.twoDigitYear ? pad(d.getUTCFullYear() % 100) : String(d.getUTCFullYear());
  const day = options.padDay ? pad(d.getUTCDate()) : String(d.getUTCDate());
  return `${DAYS[d.getUTCDay()]}, ${day} ${MONTHS[d.getUTCMonth()]} ${year} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${zone}`;
}

/** asctime of unix time `t` in UTC, as mbox `From ` lines and C's ctime write it: `Tue Mar  5 14:22:07 2024`. */
export function asctime(t: number): string {
  const d = new Date(t * 1000);
  return `${DAYS[d.getUTCDay()]} ${MONTHS[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** A header line: text (ASCII, already folded or encoded) or raw bytes (an old client's 8-bit header). */
export type Header = readonly [name: string, value: string | Buffer];

export type MimeNode =
  | { kind: 'leaf'; headers: Header[]; body: Buffer }
  | { kind: 'multipart'; headers: Header[]; boundary: string; parts: MimeNode[]; preamble?: string };

export interface TextPartOptions {
  charset?: Charset;
  cte?: '7bit' | '8bit' | 'quoted-printable' | 'base64';
  subtype?: 'plain' | 'html';
  /** Extra Content-Type parameters, e.g. `format=flowed`. */
  params?: string;
  /** Content-Disposition: attachment with this file name. */
  filename?: string;
}

/** A text part, its body encoded as asked (7bit/8bit by default, whichever the text needs). */
export function textPart(text: string, options: TextPartOptions = {}): MimeNode {
  const charset = options.charset ?? (isAscii(text) ? 'us-ascii' : 'utf-8');
  const bytes = encodeText(text.endsWith('\n') ? text : `${text}\n`, charset);
  const cte = options.cte ?? (isAscii(text) ? '7bit' : '8bit');
  const body = cte === 'quoted-printable' ? Buffer.from(`${quotedPrintable(bytes.subarray(0, bytes.length - 1))}\n`) : cte === 'base64' ? Buffer.from(`${base64Lines(bytes)}\n`) : bytes;
  const headers: Header[] = [
    ['Content-Type', `text/${options.subtype ?? 'plain'}; charset="${charset}"${options.params ? `; ${options.params}` : ''}`],
    ['Content-Transfer-Encoding', cte],
  ];
  if (options.filename) headers.push(['Content-Disposition', `attachment; filename="${options.filename}"`]);
  return { kind: 'leaf', headers, body };
}

/** A base64 attachment. */
export function attachmentPart(bytes: Buffer, contentType: string, filename: string | undefined, description?: string, disposition = 'attachment'): MimeNode {
  const headers: Header[] = [['Content-Type', filename ? `${contentType}; name="${filename}"` : contentType]];
  if (description) headers.push(['Content-Description', description]);
  headers.push(['Content-Disposition', filename ? `${disposition}; filename="${filename}"` : disposition]);
  headers.push(['Content-Transfer-Encoding', 'base64']);
  return { kind: 'leaf', headers, body: Buffer.from(`${base64Lines(bytes)}\n`) };
}

export function multipart(subtype: string, boundary: string, parts: MimeNode[], params = '', preamble?: string): MimeNode {
  return { kind: 'multipart', headers: [['Content-Type', `multipart/${subtype}; ${params ? `${params}; ` : ''}boundary="${boundary}"`]], boundary, parts, ...(preamble ? { preamble } : {}) };
}

function headerBytes(headers: readonly Header[]): Buffer[] {
  return headers.map(([name, value]) => {
    if (typeof value !== 'string') return Buffer.concat([Buffer.from(`${name}: `), value, Buffer.from('\n')]);
    return Buffer.from(`${value.includes('\n') ? `${name}: ${value}` : foldHeader(name, value)}\n`, 'latin1');
  });
}

function nodeBody(node: MimeNode): Buffer[] {
  if (node.kind === 'leaf') return [node.body];
  const out: Buffer[] = [];
  if (node.preamble) out.push(Buffer.from(`${node.preamble}\n`));
  for (const [i, part] of node.parts.entries()) {
    out.push(Buffer.from(`${i === 0 && !node.preamble ? '' : '\n'}--${node.boundary}\n`));
    out.push(...headerBytes(part.headers), Buffer.from('\n'), ...nodeBody(part));
  }
  out.push(Buffer.from(`\n--${node.boundary}--\n`));
  return out;
}

/**
 * A whole message: `headers` (already in the order a client and the list wrote them), then the
 * node's MIME headers, a blank line and its body. A header value with line breaks is taken as
 * already folded.
 */
export function renderMessage(headers: readonly Header[], node: MimeNode): Buffer {
  return Buffer.concat([...headerBytes(headers), Buffer.from('MIME-Version: 1.0\n'), ...headerBytes(node.headers), Buffer.from('\n'), ...nodeBody(node)]);
}
