/**
 * One raw message (bytes from `split.ts`) -> a `ParsedMessage`: a plain object with what the
 * mailing-list pages need and nothing else (no attachment content, no To/Cc). Pure: bytes in,
 * object out. Addresses are returned as written (`from.address`); masking them, and keeping only
 * the domain, is the mapper's job, as for every upstream.
 *
 * MIME is read by postal-mime (MIT-0): it is pure JavaScript with no dependencies, decodes every
 * charset the WHATWG TextDecoder knows (iso-8859-*, windows-125x, koi8-r, gb2312/gbk, big5,
 * shift_jis, …) in headers (RFC 2047 and RFC 2231) and bodies, handles quoted-printable, base64
 * and format=flowed, and is fast enough for 100k messages; mailparser would add a dozen
 * dependencies and a stream per message for the same result. HTML-only mail is turned into text by
 * html-to-text (an HTML parser, htmlparser2, underneath), never by regular expressions.
 *
 * What postal-mime cannot know, and this module adds before handing it the bytes:
 * - Raw 8-bit headers (old clients wrote `Subject: Grüße` in latin1): header bytes that are not
 *   UTF-8 are read as windows-1252 (flag `header-charset-guessed`).
 * - 8-bit bodies without a charset, or labelled us-ascii / unknown-8bit (pipermail's .txt
 *   archives drop Content-Type altogether): UTF-8 when the bytes are valid UTF-8, else
 *   windows-1252, the superset of latin1 that such mail nearly always is (flag `charset-guessed`).
 *   For a quoted-printable or base64 body the decoded text tells: UTF-8 unless it decodes with
 *   replacement characters. A multipart message that names no charset anywhere gets the same
 *   guess for all of it.
 */
import { compile } from 'html-to-text';
import PostalMime, { addressParser, decodeWords, type Email, type Header } from 'postal-mime';
import { parseMailDate, type DateFlag } from './date.ts';
import { messageIds, synthesiseMessageId } from './ids.ts';
import { parseEnvelope, type RawMessage } from './split.ts';

export type MessageFlag =
  | 'message-id-synthesised'
  | 'message-id-malformed'
  | 'date-missing'
  | 'date-unparsable'
  | 'date-zone-assumed'
  | 'date-two-digit-year'
  | 'date-implausible'
  | 'from-missing'
  | 'header-charset-guessed'
  | 'charset-guessed'
  | 'html-only'
  | 'encrypted';

export interface Mailbox {
  /** Display name, decoded; '' when there is none. */
  name: string;
  /** As written, domain lower-cased; undefined when the header has none. */
  address: string | undefined;
}

export interface AttachmentInfo {
  filename: string | undefined;
  /** Lower-case MIME type. */
  contentType: string;
  /** Decoded bytes; for a part pipermail scrubbed, the size it reported (undefined when it did not). */
  size: number | undefined;
  /** A signature part (application/pgp-signature, application/pkcs7-signature): not content. */
  signature?: true;
  /** Removed by the archive (pipermail's "attachment was scrubbed" notice); only its description is left. */
  scrubbed?: true;
}

export interface ParsedMessage {
  /** Without `<>`; synthesised from a digest of the message when it has none (flag `message-id-synthesised`). */
  messageId: string;
  inReplyTo: string | undefined;
  /** Oldest first, without `<>`, without the message's own id. */
  references: string[];
  /** RFC 2047 decoded, white space collapsed; '' when missing. */
  subject: string;
  from: Mailbox;
  /** UTC whole-second ISO time from `Date:`; undefined when missing or unreadable (see the flags). */
  date: string | undefined;
  /** The date of the mbox `From ` line (read as UTC), a fallback the caller may use. */
  envelopeDate: string | undefined;
  /** Plain text (text/plain preferred; HTML converted); LF line breaks, no trailing blank lines. */
  text: string;
  attachments: AttachmentInfo[];
  signed: 'pgp' | 'smime' | undefined;
  /** From `List-Id:` (`Name <id>`): id lower-cased. */
  list: { id: string; name: string | undefined } | undefined;
  flags: MessageFlag[];
}

export type ParseFailure = 'empty' | 'no-headers' | 'mime';

/** A message that cannot be read. The caller reports it with where it was (list, month, byte offset) and goes on. */
export class MessageParseError extends Error {
  override readonly name = 'MessageParseError';
  readonly reason: ParseFailure;
  /** Byte offset in the mbox, when known (set by `parseRawMessage`). */
  offset: number | undefined;

  constructor(reason: ParseFailure, message: string, offset?: number) {
    super(message);
    this.reason = reason;
    this.offset = offset;
  }
}

export interface ParseOptions {
  /** The mbox `From ` line, for `envelopeDate`. */
  envelope?: string | undefined;
}

const utf8Strict = new TextDecoder('utf-8', { fatal: true });
const utf8Lenient = new TextDecoder('utf-8');
const windows1252 = new TextDecoder('windows-1252');
const encoder = new TextEncoder();

/** Labels that say nothing about 8-bit bytes: the bytes decide. */
const WEAK_CHARSETS = new Set(['', 'us-ascii', 'ascii', 'ansi_x3.4-1968', 'iso646-us', 'us', 'unknown-8bit', 'unknown', 'x-unknown', 'default', 'none', 'charset']);

const htmlToText = compile({
  wordwrap: false,
  limits: { maxInputLength: 4_000_000 },
  selectors: [
    { selector: 'img', format: 'skip' },
    { selector: 'a', options: { hideLinkHrefIfSameAsText: true } },
  ],
});

function has8bit(bytes: Uint8Array, start = 0, end = bytes.length): boolean {
  for (let i = start; i < end; i++) if (bytes[i]! >= 0x80) return true;
  return false;
}

function isUtf8(bytes: Uint8Array): boolean {
  try {
    utf8Strict.decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** [end of the header block, start of the body]: the first empty line splits them. */
function headerBounds(bytes: Uint8Array): [number, number] {
  let pos = 0;
  while (pos < bytes.length) {
    let nl = bytes.indexOf(0x0a, pos);
    if (nl < 0) nl = bytes.length;
    const contentEnd = nl > pos && bytes[nl - 1] === 0x0d ? nl - 1 : nl;
    if (contentEnd === pos) return [pos, Math.min(bytes.length, nl + 1)];
    pos = nl + 1;
  }
  return [bytes.length, bytes.length];
}

interface Field {
  name: string;
  value: string;
}

/** Unfolded header fields of a decoded header block. */
function fields(header: string): Field[] {
  const out: Field[] = [];
  for (const line of header.split(/\r?\n/)) {
    if (/^[ \t]/.test(line) && out.length > 0) out[out.length - 1]!.value += ` ${line.trim()}`;
    else {
      const colon = line.indexOf(':');
      if (colon > 0) out.push({ name: line.slice(0, colon).trim().toLowerCase(), value: line.slice(colon + 1).trim() });
    }
  }
  return out;
}

function param(value: string | undefined, name: string): string | undefined {
  if (value === undefined) return undefined;
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]*))`, 'i').exec(value);
  return m ? (m[1] ?? m[2] ?? '').trim().toLowerCase() : undefined;
}

function mediaType(value: string | undefined): string {
  return (value?.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
}

/** The header block with Content-Type's charset set to `charset` (the field added when missing). */
function withCharset(header: string, charset: string): string {
  const lines = header.split(/\r?\n/);
  const out: string[] = [];
  let found = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^content-type\s*:/i.test(line) && !found) {
      let value = line.slice(line.indexOf(':') + 1);
      while (i + 1 < lines.length && /^[ \t]/.test(lines[i + 1]!)) value += ` ${lines[++i]!.trim()}`;
      value = value.replace(/;\s*charset\s*=\s*(?:"[^"]*"|[^;\s]*)/gi, '').trim();
      out.push(`Content-Type: ${value || 'text/plain'}; charset=${charset}`);
      found = true;
    } else out.push(line);
  }
  if (!found) out.push(`Content-Type: text/plain; charset=${charset}`);
  return out.join('\n');
}

function join(header: string, body: Uint8Array): Uint8Array {
  const head = encoder.encode(`${header}\n\n`);
  const out = new Uint8Array(head.length + body.length);
  out.set(head, 0);
  out.set(body, head.length);
  return out;
}

async function mime(bytes: Uint8Array): Promise<Email> {
  try {
    return await PostalMime.parse(bytes, { attachmentEncoding: 'arraybuffer' });
  } catch (e) {
    throw new MessageParseError('mime', `MIME structure could not be read: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** Headers and body as postal-mime should see them (see the module comment), and the flags that earned. */
async function readMime(bytes: Uint8Array, flags: MessageFlag[]): Promise<{ email: Email; fields: Field[] }> {
  const [headerEnd, bodyStart] = headerBounds(bytes);
  // An unsplit `From ` line at the top is the envelope, not a header.
  let start = 0;
  if (bytes[0] === 0x46 && bytes[1] === 0x72 && bytes[2] === 0x6f && bytes[3] === 0x6d && bytes[4] === 0x20) {
    const nl = bytes.indexOf(0x0a);
    start = Math.min(headerEnd, nl < 0 ? bytes.length : nl + 1);
  }
  const headerBytes = bytes.subarray(start, headerEnd);
  const body = bytes.subarray(bodyStart);
  let header: string;
  let rewrite = false;
  if (has8bit(headerBytes) && !isUtf8(headerBytes)) {
    header = windows1252.decode(headerBytes);
    flags.push('header-charset-guessed');
    rewrite = true;
  } else header = utf8Lenient.decode(headerBytes);
  header = header.replace(/(?:\r?\n)+$/, '');

  const first = header.split(/\r?\n/, 1)[0] ?? '';
  if (!/^[!-9;-~]+[ \t]*:/.test(first)) throw new MessageParseError('no-headers', `no header block: the message starts with ${JSON.stringify(first.slice(0, 60))}`);

  const fs = fields(header);
  const get = (name: string) => fs.find((f) => f.name === name)?.value;
  const contentType = get('content-type');
  const type = mediaType(contentType);
  const cte = (get('content-transfer-encoding') ?? '7bit').trim().toLowerCase();
  const charset = param(contentType, 'charset') ?? '';

  if (type.startsWith('text/') && WEAK_CHARSETS.has(charset)) {
    if (cte === 'quoted-printable' || cte === 'base64') {
      const email = await mime(join(withCharset(header, 'utf-8'), body));
      flags.push('charset-guessed');
      const decoded = email.text ?? email.html ?? '';
      if (!decoded.includes('\uFFFD')) {
        if (!/[^\x00-\x7f]/.test(decoded)) flags.pop();
        return { email, fields: fs };
      }
      return { email: await mime(join(withCharset(header, 'windows-1252'), body)), fields: fs };
    }
    if (has8bit(body)) {
      flags.push('charset-guessed');
      return { email: await mime(join(withCharset(header, isUtf8(body) ? 'utf-8' : 'windows-1252'), body)), fields: fs };
    }
  } else if (type.startsWith('multipart/') && has8bit(body) && !/charset/i.test(header) && !hasCharsetWord(body) && !isUtf8(body)) {
    flags.push('charset-guessed');
    return { email: await mime(join(header, encoder.encode(windows1252.decode(body)))), fields: fs };
  }
  return { email: await mime(rewrite || start > 0 ? join(header, body) : bytes), fields: fs };
}

/** Whether "charset" appears in the bytes (any case), without decoding them. */
function hasCharsetWord(bytes: Uint8Array): boolean {
  const word = [0x63, 0x68, 0x61, 0x72, 0x73, 0x65, 0x74];
  for (let i = bytes.indexOf(0x3d); i >= 0; i = bytes.indexOf(0x3d, i + 1)) {
    // "charset=" and "charset =": look back from each '=' over optional spaces.
    let j = i - 1;
    while (j >= 0 && bytes[j] === 0x20) j--;
    if (j < 6) continue;
    let match = true;
    for (let k = 0; k < 7; k++) if ((bytes[j - 6 + k]! | 0x20) !== word[k]) match = false;
    if (match) return true;
  }
  return false;
}

const UTF8_LABEL = /^utf-?8(?:\*.*)?$/i;
const ENCODED_WORD = /=\?([^?\s]+)\?([bBqQ])\?([^?\s]*)\?=/g;

function wordBytes(encoding: string, text: string): Uint8Array {
  if (encoding === 'b' || encoding === 'B') return Buffer.from(text, 'base64');
  const bytes: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '_') bytes.push(0x20);
    else if (c === '=' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      bytes.push(parseInt(text.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(c.charCodeAt(0) & 0xff);
  }
  return Uint8Array.from(bytes);
}

/**
 * RFC 2047 decoding (postal-mime's `decodeWords`), except that encoded words labelled UTF-8
 * whose bytes are not UTF-8 (`=?UTF-8?Q?Luc=eda?=`, written by clients that sent latin1 under
 * that label) are read as windows-1252 instead of turning into replacement characters. Words
 * are checked together first, since a character may be split over two words.
 */
export function decodeHeader(value: string): string {
  return value.includes('=?') ? decodeWords(relabelUtf8Words(value)) : value;
}

/** The value with each UTF-8-labelled encoded word that is not UTF-8 relabelled windows-1252 (see `decodeHeader`). */
function relabelUtf8Words(value: string): string {
  const utf8Words = [...value.matchAll(ENCODED_WORD)].filter((m) => UTF8_LABEL.test(m[1]!));
  if (utf8Words.length === 0 || isUtf8(Buffer.concat(utf8Words.map((m) => wordBytes(m[2]!, m[3]!))))) return value;
  return value.replace(ENCODED_WORD, (word, charset: string, encoding: string, text: string) =>
    UTF8_LABEL.test(charset) && !isUtf8(wordBytes(encoding, text)) ? `=?windows-1252?${encoding}?${text}?=` : word,
  );
}

const PIPERMAIL_FROM = /^\s*([^\s"()<>@]+) at ([^\s"()<>@]+)\s*(?:\((.*)\))?\s*$/;

function cleanName(name: string): string {
  return name
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^"(.*)"$/, '$1')
    .replace(/^'(.*)'$/, '$1')
    .replace(/\\(.)/g, '$1')
    .trim();
}

function normaliseAddress(address: string | undefined): string | undefined {
  const a = address?.trim();
  if (!a) return undefined;
  const at = a.lastIndexOf('@');
  return at < 0 ? a : `${a.slice(0, at)}@${a.slice(at + 1).toLowerCase()}`;
}

/** A From header's last `<local@domain>` and what comes before it. */
const TRAILING_ADDRESS = /^(.*?)\s*<\s*([^\s<>@]+@[^\s<>@]+)\s*>\s*$/s;

function readFrom(raw: string | undefined, email: Email): Mailbox | undefined {
  if (raw === undefined || raw.trim() === '') return undefined;
  const pm = PIPERMAIL_FROM.exec(raw);
  if (pm) return { name: cleanName(decodeHeader(pm[3] ?? '')), address: normaliseAddress(`${pm[1]}@${pm[2]}`) };
  const from = raw.includes('=?') ? addressParser(relabelUtf8Words(raw))[0] : email.from;
  const box = from?.group ? from.group[0] : from;
  if (box?.address?.includes('@')) return { name: cleanName(box.name), address: normaliseAddress(box.address) };
  // Markup in an unquoted name (`<b>Mallory</b> <m@example.org>`) makes the address parser take
  // its first `<` for the address, which then has no at sign: the address is the last one in
  // angle brackets and the name what comes before it.
  const trailing = TRAILING_ADDRESS.exec(raw);
  if (trailing && !trailing[1]!.includes('@')) return { name: cleanName(decodeHeader(trailing[1]!)), address: normaliseAddress(trailing[2]) };
  if (box) return { name: cleanName(box.name), address: normaliseAddress(box.address) };
  return { name: cleanName(decodeHeader(raw)), address: undefined };
}

function readList(raw: string | undefined): ParsedMessage['list'] {
  if (raw === undefined) return undefined;
  const m = /^(.*)<([^<>]+)>\s*$/.exec(raw);
  if (m) {
    const name = cleanName(decodeHeader(m[1]!));
    return { id: m[2]!.trim().toLowerCase(), name: name === '' ? undefined : name };
  }
  const id = raw.trim().toLowerCase();
  return /^[^\s]+\.[^\s]+$/.test(id) ? { id, name: undefined } : undefined;
}

const SCRUB_SEPARATOR = '-------------- next part --------------';
const SCRUBBED = /^(A non-text attachment|An HTML attachment|An embedded and charset-unspecified text|An embedded message|A message part incompatible with plain text digests) was scrubbed/;

/** Pipermail's "attachment was scrubbed" notices, taken out of the text and listed as attachments. */
function takeScrubbed(text: string): { text: string; scrubbed: AttachmentInfo[] } {
  if (!text.includes(SCRUB_SEPARATOR)) return { text, scrubbed: [] };
  const lines = text.split('\n');
  const kept: string[] = [];
  const scrubbed: AttachmentInfo[] = [];
  let i = 0;
  while (i < lines.length) {
    if (lines[i] !== SCRUB_SEPARATOR) {
      kept.push(lines[i]!);
      i++;
      continue;
    }
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    const notice = SCRUBBED.exec(lines[j] ?? '');
    if (!notice) {
      kept.push(lines[i]!);
      i++;
      continue;
    }
    const info: Record<string, string> = {};
    let k = j + 1;
    for (; k < lines.length && lines[k] !== SCRUB_SEPARATOR; k++) {
      const f = /^(Name|Type|Size|Desc|URL|From|Subject|Date):\s?(.*)$/.exec(lines[k]!);
      if (f) info[f[1]!] ??= f[2]!;
      else if (lines[k]!.trim() === '') {
        // Fields end at a blank line; a field-less blank run before the next separator is the notice's too.
        let n = k;
        while (n < lines.length && lines[n]!.trim() === '') n++;
        if (n < lines.length && lines[n] !== SCRUB_SEPARATOR) break;
      } else break;
    }
    const kind = notice[1]!;
    const type = info.Type?.trim().toLowerCase() || (kind.startsWith('An HTML') ? 'text/html' : kind.startsWith('An embedded message') ? 'message/rfc822' : kind.startsWith('An embedded and') ? 'text/plain' : 'application/octet-stream');
    const size = /^(\d+)\s*bytes?$/i.exec(info.Size?.trim() ?? '');
    const name = info.Name?.trim();
    scrubbed.push({
      filename: name && name !== 'not available' ? name : undefined,
      contentType: type,
      size: size ? Number(size[1]) : undefined,
      ...(isSignatureType(type) ? { signature: true as const } : {}),
      scrubbed: true,
    });
    i = k;
  }
  return { text: kept.join('\n'), scrubbed };
}

function isSignatureType(type: string): boolean {
  return type === 'application/pgp-signature' || type === 'application/pkcs7-signature' || type === 'application/x-pkcs7-signature';
}

/** Clear-signed (inline) PGP: the text without its armour, dash-escaping undone. */
function unarmour(text: string): { text: string; signed: boolean; encrypted: boolean } {
  const encrypted = /^-----BEGIN PGP MESSAGE-----$/m.test(text);
  const begin = text.search(/^-----BEGIN PGP SIGNED MESSAGE-----$/m);
  if (begin < 0) return { text, signed: false, encrypted };
  const lines = text.slice(begin).split('\n');
  let i = 1;
  while (i < lines.length && lines[i]!.trim() !== '') i++; // Hash: headers
  const sigAt = lines.findIndex((l, n) => n > i && l === '-----BEGIN PGP SIGNATURE-----');
  const endAt = lines.findIndex((l, n) => n > sigAt && l === '-----END PGP SIGNATURE-----');
  if (sigAt < 0 || endAt < 0) return { text, signed: true, encrypted };
  const signedPart = lines.slice(i + 1, sigAt).map((l) => (l.startsWith('- ') ? l.slice(2) : l));
  return { text: [text.slice(0, begin).replace(/\n$/, ''), ...signedPart, ...lines.slice(endAt + 1)].filter((l, n) => n > 0 || l !== '').join('\n'), signed: true, encrypted };
}

/** LF line breaks, no-break spaces as spaces, no trailing blanks on lines (but the signature separator `-- ` keeps its space) or at the end. */
function tidy(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\u00a0/g, ' ')
    .split('\n')
    .map((line) => (line === '-- ' ? line : line.trimEnd()))
    .join('\n')
    .replace(/\n+$/, '');
}

function dateFlag(f: DateFlag): MessageFlag {
  return f === 'zone-assumed' ? 'date-zone-assumed' : f === 'two-digit-year' ? 'date-two-digit-year' : 'date-implausible';
}

function header(headers: Header[], key: string): string | undefined {
  return headers.find((h) => h.key === key)?.value;
}

/** A message's bytes (without the mbox `From ` line) -> ParsedMessage; throws MessageParseError. */
export async function parseMessage(bytes: Uint8Array, options: ParseOptions = {}): Promise<ParsedMessage> {
  let nonBlank = false;
  for (const b of bytes) {
    if (b !== 0x0a && b !== 0x0d && b !== 0x20 && b !== 0x09) {
      nonBlank = true;
      break;
    }
  }
  if (!nonBlank) throw new MessageParseError('empty', 'the message is empty');
  const flags: MessageFlag[] = [];
  const { email, fields: fs } = await readMime(bytes, flags);
  const headers = email.headers;

  const idValue = header(headers, 'message-id');
  let messageId = messageIds(idValue)[0];
  if (messageId === undefined && idValue !== undefined && idValue.trim() !== '') {
    messageId = idValue.trim().replace(/^<|>$/g, '').replace(/\s+/g, '');
    if (messageId !== '') flags.push('message-id-malformed');
  }
  if (!messageId) {
    messageId = synthesiseMessageId(bytes);
    flags.push('message-id-synthesised');
  }
  const inReplyTo = messageIds(header(headers, 'in-reply-to')).find((id) => id !== messageId);
  const references = messageIds(header(headers, 'references')).filter((id) => id !== messageId);

  const dateValue = header(headers, 'date');
  const parsedDate = parseMailDate(dateValue);
  if (dateValue === undefined || dateValue.trim() === '') flags.push('date-missing');
  else if (!parsedDate) flags.push('date-unparsable');
  else flags.push(...parsedDate.flags.map(dateFlag));

  const from = readFrom(header(headers, 'from'), email);
  if (!from) flags.push('from-missing');

  let text: string;
  if (email.text !== undefined) text = email.text;
  else if (email.html !== undefined) {
    text = htmlToText(email.html);
    flags.push('html-only');
  } else text = '';
  text = tidy(text);
  const { text: withoutScrubbed, scrubbed } = takeScrubbed(text);
  const armour = unarmour(withoutScrubbed);
  text = tidy(armour.text);

  const attachments: AttachmentInfo[] = [
    ...email.attachments.map((a): AttachmentInfo => {
      const content = a.content;
      const size = typeof content === 'string' ? content.length : content.byteLength;
      return { filename: a.filename ?? undefined, contentType: a.mimeType.toLowerCase(), size, ...(isSignatureType(a.mimeType.toLowerCase()) ? { signature: true as const } : {}) };
    }),
    ...scrubbed,
  ];

  const contentType = fs.find((f) => f.name === 'content-type')?.value;
  const type = mediaType(contentType);
  const protocol = param(contentType, 'protocol');
  const smimeType = param(contentType, 'smime-type');
  let signed: ParsedMessage['signed'];
  if (type === 'multipart/signed') signed = protocol?.includes('pkcs7') ? 'smime' : 'pgp';
  else if ((type === 'application/pkcs7-mime' || type === 'application/x-pkcs7-mime') && smimeType === 'signed-data') signed = 'smime';
  else if (armour.signed) signed = 'pgp';
  else {
    const sig = attachments.find((a) => a.signature);
    if (sig) signed = sig.contentType.includes('pkcs7') ? 'smime' : 'pgp';
  }
  if (type === 'multipart/encrypted' || ((type === 'application/pkcs7-mime' || type === 'application/x-pkcs7-mime') && smimeType !== 'signed-data') || armour.encrypted) flags.push('encrypted');

  return {
    messageId,
    inReplyTo,
    references,
    subject: decodeHeader(header(headers, 'subject') ?? '').replace(/\s+/g, ' ').trim(),
    from: from ?? { name: '', address: undefined },
    date: parsedDate?.iso,
    envelopeDate: options.envelope === undefined ? undefined : parseEnvelope(options.envelope).date,
    text,
    attachments,
    signed,
    list: readList(header(headers, 'list-id')),
    flags,
  };
}

/** `parseMessage` for a message from `splitMbox`: the parsed message, or the error with the message's byte offset. */
export async function parseRawMessage(raw: RawMessage): Promise<ParsedMessage | MessageParseError> {
  try {
    return await parseMessage(raw.bytes, { envelope: raw.envelope });
  } catch (e) {
    if (e instanceof MessageParseError) {
      e.offset = raw.offset;
      return e;
    }
    return new MessageParseError('mime', e instanceof Error ? e.message : String(e), raw.offset);
  }
}
