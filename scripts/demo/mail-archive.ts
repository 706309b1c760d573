/**
 * What list archives make of the messages they received, byte for byte where it matters:
 *
 * - mbox (`mbox`, `mboxEntry`): `From <sender> <asctime>` separators, mboxrd quoting (`>From `,
 *   `>>From `, …), a blank line after each message.
 * - Mailman 2 pipermail month `.txt` (`pipermailText`): per message the separator
 *   `From user at host  <ctime>`, the six headers pipermail keeps (From as `user at host (Name)`,
 *   Date, Subject, In-Reply-To, References, Message-ID, values as written), then the body as its
 *   scrubber leaves it: text parts decoded, other parts replaced by "was scrubbed" notices, addresses
 *   spelled `user at host`. Body lines starting with `From ` are not quoted, as pipermail does not.
 *   Bodies are UTF-8, except text that came as ISO-8859-1 or windows-1252, which keeps its bytes
 *   (archives written before a list's charset moved to UTF-8 are such a mix).
 * - HyperKitty (Mailman 3) export (`hyperkittyExport`): each message rebuilt from the database as
 *   `Email.as_message()` does: From, To, Subject, Date, Message-ID and a bare In-Reply-To (no
 *   References), multipart/mixed with one UTF-8 text part whose addresses read `user(a)host`, then
 *   each attachment (an HTML part is one, named `attachment.html`). Not From-quoted either.
 *
 * The month of a message is the month of its Date when that is within 15 days of its arrival
 * (Mailman's ARCHIVER_ALLOWABLE_SANE_DATE_SKEW), else the month it arrived; all times are UTC.
 */
import { createHash } from 'node:crypto';
import { asctime, encodeText, encodeWords, foldHeader, isAscii, rfc5322Date } from './mail-mime.ts';
import { field, leafText, leaves, readFacts, unfold, type Leaf, type MessageFacts } from './mail-read.ts';

export interface ArchivedMessage {
  /** The message as the list archived it (RFC 5322, LF or CRLF line breaks). */
  raw: Buffer;
  /** Unix seconds when the list archived it (the mbox `From ` line's date). */
  archivedAt: number;
}

export interface ArchiveOptions {
  /** Public base of the archive, baked into pipermail's attachment URLs. */
  archiveBase?: string;
}

export const DEFAULT_ARCHIVE_BASE = 'http://lists.aurora.example';
const DAY = 86400;
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

/** Unix seconds the archive files the message under. */
export function archiveTime(msg: ArchivedMessage, facts: MessageFacts = readFacts(msg.raw)): number {
  const d = facts.date?.t;
  return d !== undefined && Math.abs(d - msg.archivedAt) <= 15 * DAY ? d : msg.archivedAt;
}

/** `YYYY-MM` of the archive volume the message goes to. */
export function archiveMonth(msg: ArchivedMessage): string {
  return new Date(archiveTime(msg) * 1000).toISOString().slice(0, 7);
}

/** `2024-March` for `2024-03`. */
export function pipermailVolume(month: string): string {
  return `${month.slice(0, 4)}-${MONTH_NAMES[Number(month.slice(5, 7)) - 1]}`;
}

/** `2024-03` for `2024-March`, or undefined. */
export function monthOfVolume(volume: string): string | undefined {
  const m = /^(\d{4})-([A-Za-z]+)$/.exec(volume);
  const i = m ? MONTH_NAMES.indexOf(m[2]!) : -1;
  return m && i >= 0 ? `${m[1]}-${String(i + 1).padStart(2, '0')}` : undefined;
}

// ---------------------------------------------------------------- mbox

/** One message as an mboxrd entry: separator, the message with `^>*From ` lines quoted, a blank line. */
export function mboxEntry(msg: ArchivedMessage): Buffer {
  const facts = readFacts(msg.raw);
  const sender = facts.address && !/\s/.test(facts.address) ? facts.address : 'MAILER-DAEMON';
  const text = msg.raw.toString('latin1').replace(/^(>*From )/gm, '>$1');
  const end = text.endsWith('\n') ? '' : '\n';
  return Buffer.concat([Buffer.from(`From ${sender} ${asctime(msg.archivedAt)}\n`), Buffer.from(`${text}${end}\n`, 'latin1')]);
}

export function mbox(messages: Iterable<ArchivedMessage>): Buffer {
  return Buffer.concat([...messages].map(mboxEntry));
}

// ---------------------------------------------------------------- pipermail

const SEPARATOR = '-------------- next part --------------\n';
const EXTENSIONS: Record<string, string> = { 'text/html': '.html', 'application/pdf': '.pdf', 'image/png': '.png', 'image/jpeg': '.jpg', 'application/pgp-signature': '.sig', 'text/plain': '.txt' };

function attachmentUrls(list: string, facts: MessageFacts, when: number, base: string): (type: string) => string {
  const day = new Date(when * 1000).toISOString().slice(0, 10).replace(/-/g, '');
  const dir = createHash('sha1').update(facts.messageId ?? String(when)).digest('hex').slice(0, 8);
  const used = new Map<string, number>();
  return (type) => {
    const ext = EXTENSIONS[type] ?? '.bin';
    const n = used.get(ext) ?? 0;
    used.set(ext, n + 1);
    return `${base}/pipermail/${list}/attachments/${day}/${dir}/attachment${n ? `-${String(n).padStart(4, '0')}` : ''}${ext}`;
  };
}

/** The body Mailman 2's scrubber leaves for pipermail, and the charset it keeps. */
export function pipermailBody(msg: ArchivedMessage, list: string, options: ArchiveOptions = {}): { text: string; charset: 'utf-8' | 'iso-8859-1' | 'windows-1252' } {
  const facts = readFacts(msg.raw);
  const url = attachmentUrls(list, facts, archiveTime(msg, facts), options.archiveBase ?? DEFAULT_ARCHIVE_BASE);
  const parts = leaves(msg.raw);
  const texts: string[] = [];
  const charsets = new Set<string>();
  for (const leaf of parts) {
    if (leaf.type === 'text/plain' && !(leaf.attachment && !leaf.charset)) {
      texts.push(leafText(leaf));
      charsets.add(leaf.charset ?? 'us-ascii');
    } else if (leaf.type === 'text/plain') {
      texts.push(`An embedded and charset-unspecified text was scrubbed...\nName: ${leaf.filename ?? 'not available'}\nURL: <${url(leaf.type)}>\n`);
    } else if (leaf.type === 'text/html') {
      texts.push(`An HTML attachment was scrubbed...\nURL: <${url(leaf.type)}>\n`);
    } else {
      texts.push(`A non-text attachment was scrubbed...\nName: ${leaf.filename ?? 'not available'}\nType: ${leaf.type}\nSize: ${leaf.bytes.length} bytes\nDesc: ${leaf.description || 'not available'}\nURL: <${url(leaf.type)}>\n`);
    }
  }
  const text = texts.map((t) => (t.endsWith('\n') ? t : `${t}\n`)).join(SEPARATOR);
  const only = charsets.size === 1 ? [...charsets][0] : undefined;
  const charset = only === 'iso-8859-1' || only === 'windows-1252' ? only : 'utf-8';
  return { text, charset };
}

/** One message as pipermail's `Article.as_text()` writes it into the month's `.txt`. */
export function pipermailArticle(msg: ArchivedMessage, list: string, options: ArchiveOptions = {}): Buffer {
  const facts = readFacts(msg.raw);
  const address = (facts.address ?? 'bogus@does.not.exist.com').replace('@', ' at ');
  const get = (name: string) => field(facts.fields, name);
  const lines = [
    `From ${address}  ${asctime(archiveTime(msg, facts))}`,
    `From: ${address} (${facts.rawName || address})`,
    `Date: ${get('date') ?? asctime(msg.archivedAt)}`,
    `Subject: ${get('subject') ?? 'No subject'}`,
  ];
  const inReplyTo = get('in-reply-to');
  const references = get('references');
  const id = get('message-id');
  if (inReplyTo) lines.push(`In-Reply-To: ${inReplyTo}`);
  if (references) lines.push(`References: ${references}`);
  if (id) lines.push(`Message-ID: ${id}`);
  const body = pipermailBody(msg, list, options);
  const obscured = body.text.replace(/([-+,.\w]+)@([-+.\w]+)/g, '$1 at $2');
  const encoded = body.charset === 'utf-8' ? Buffer.from(obscured, 'utf8') : encodeLossy(obscured, body.charset);
  return Buffer.concat([Buffer.from(`${lines.join('\n')}\n\n`, 'latin1'), encoded, Buffer.from(obscured.endsWith('\n') ? '\n' : '\n\n')]);
}

/** Text in a single-byte charset, characters it lacks as `?` (Python's errors='replace'). */
function encodeLossy(text: string, charset: 'iso-8859-1' | 'windows-1252'): Buffer {
  return Buffer.concat([...text].map((ch) => {
    try {
      return encodeText(ch, charset);
    } catch {
      return Buffer.from('?');
    }
  }));
}

/** A month's `.txt` archive: its messages in the order they arrived. */
export function pipermailText(list: string, messages: Iterable<ArchivedMessage>, options: ArchiveOptions = {}): Buffer {
  return Buffer.concat([...messages].map((m) => pipermailArticle(m, list, options)));
}

// ---------------------------------------------------------------- HyperKitty

interface HkAttachment {
  name: string;
  type: string;
  bytes: Buffer;
}

/** HyperKitty's scrubber: the text parts joined, everything else an attachment. */
function hyperkittyContent(parts: Leaf[]): { content: string; attachments: HkAttachment[] } {
  const texts: string[] = [];
  const attachments: HkAttachment[] = [];
  for (const leaf of parts) {
    if (leaf.type === 'text/plain' && !leaf.attachment) {
      const t = leafText(leaf);
      texts.push(t.endsWith('\n') ? t : `${t}\n`);
      continue;
    }
    const dot = leaf.filename?.lastIndexOf('.') ?? -1;
    const ext = leaf.filename && dot > 0 ? leaf.filename.slice(dot) : EXTENSIONS[leaf.type] ?? '.bin';
    const base = leaf.filename ? leaf.filename.slice(0, dot > 0 ? dot : undefined).replace(/[^-\w.]/g, '') : 'attachment';
    attachments.push({ name: `${base || 'attachment'}${ext.replace(/[^-\w.]/g, '')}`, type: leaf.type, bytes: leaf.bytes });
  }
  return { content: texts.join('\n'), attachments };
}

/** A header value as Python's email policy writes it: ASCII as is, else UTF-8 words (the shorter of Q and B). */
function pyHeader(name: string, value: string): string {
  if (isAscii(value)) return foldHeader(name, value);
  const q = encodeWords(value, 'utf-8', 'Q');
  const b = encodeWords(value, 'utf-8', 'B');
  return foldHeader(name, (q.length <= b.length ? q : b).replace(/=\?utf-8\?([QB])\?/g, (_, e: string) => `=?utf-8?${e.toLowerCase()}?`));
}

/** The Message-ID Mailman 3 gives a message that came without one. */
function assignedId(msg: ArchivedMessage): string {
  return `${createHash('sha1').update(msg.raw).digest('hex').slice(0, 32)}@lists.aurora.example`;
}

/** What `Email.as_message()` rebuilds, with the `From ` line the export view writes. */
export function hyperkittyMessage(msg: ArchivedMessage, listAddress: string): Buffer {
  const facts = readFacts(msg.raw);
  const address = facts.address ?? 'unknown@lists.aurora.example';
  const get = (name: string) => field(facts.fields, name);
  const date = facts.date ?? { t: msg.archivedAt, tz: 0 };
  const reply = get('in-reply-to');
  const refs = get('references');
  const ref = reply && /\S/.test(reply) ? /<([^<>]+)>/.exec(unfold(reply))?.[1] ?? reply.trim() : refs ? unfold(refs).trim().split(/\s+/).pop()?.replace(/^<|>$/g, '') : undefined;
  const id = createHash('sha1').update(facts.messageId ?? assignedId(msg)).digest();
  const boundary = `===============${(id.readBigUInt64BE(0) % 10n ** 19n).toString().padStart(19, '0')}==`;
  const { content, attachments } = hyperkittyContent(leaves(msg.raw));
  const text = content.replace(/([\p{L}\p{N}_.+-]+)@([\p{L}\p{N}_.+-]+)/gu, '$1(a)$2');
  const lines = [
    `From ${address} ${asctime(msg.archivedAt)}`,
    facts.name && facts.name !== address ? `${pyHeader('From', facts.name)} <${address}>` : `From: ${address}`,
    `To: ${listAddress}`,
    pyHeader('Subject', facts.subject),
    `Date: ${rfc5322Date(date.t, date.tz, { padDay: true })}`,
    `Message-ID: <${facts.messageId ?? assignedId(msg)}>`,
    ...(ref ? [`In-Reply-To: ${ref}`] : []),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="utf-8"',
    `Content-Transfer-Encoding: ${isAscii(text) ? '7bit' : '8bit'}`,
    '',
    text === '' || text.endsWith('\n') ? text : `${text}\n`,
  ];
  const out = [Buffer.from(lines.join('\n'), 'utf8')];
  for (const a of attachments) {
    const b64 = a.bytes.toString('base64').replace(/.{76}/g, '$&\n').replace(/\n$/, '');
    out.push(Buffer.from(`\n--${boundary}\nContent-Type: ${a.type}\nContent-Disposition: attachment; filename="${a.name}"\nContent-Transfer-Encoding: base64\nMIME-Version: 1.0\n\n${b64}\n`));
  }
  // as_bytes() ends at the closing delimiter; the view adds two line breaks.
  out.push(Buffer.from(`\n--${boundary}--\n\n`));
  return Buffer.concat(out);
}

/** The export view's mbox: messages by arrival, each followed by two line breaks (then gzipped by the caller). */
export function hyperkittyExport(listAddress: string, messages: Iterable<ArchivedMessage>): Buffer {
  return Buffer.concat([...messages].sort((a, b) => a.archivedAt - b.archivedAt).map((m) => hyperkittyMessage(m, listAddress)));
}

/** The date HyperKitty files a message under (its Date, or its arrival when it has none). */
export function hyperkittyDate(msg: ArchivedMessage): number {
  return readFacts(msg.raw).date?.t ?? msg.archivedAt;
}

