/**
 * One ordinary post, from what it says to its bytes: a reply's body in its client's style
 * (bottom-posted, interleaved, top-posted, Outlook's original block), then the MIME shape that
 * client sends (plain text, or text with an HTML alternative), and the list footer when the copy
 * came from a subscriber's mailbox. Tags what it did, so tests can find every case.
 */
import { multipart, renderMessage, textPart, type MimeNode } from './mail-mime.ts';
import { MAIL_DOMAIN, postHeaders, referencesOf, type ListRef, type Poster } from './mail-post.ts';
import { attribution, htmlAlternative, MAILMAN2_FOOTER, MAILMAN3_FOOTER, outlookOriginal, quote, type Quoted } from './mail-text.ts';
import type { Rng } from './prng.ts';

/** Every kind of case the demo lists hold at least once (tests look for each). */
export const MAIL_CASES = [
  // Legacy charsets and transfer encodings.
  'charset-iso-8859-1', 'charset-windows-1252', 'charset-koi8-r', 'charset-gb2312', 'raw-8bit-header', 'encoded-name-utf8',
  'quoted-printable', 'base64',
  // Structure.
  'html-only', 'html-alternative', 'attachments', 'pgp-signed', 'crlf',
  // Threading and headers.
  'lost-references', 'no-date', 'no-message-id', 'two-digit-year', 'date-skewed',
  // Bodies.
  'from-line-in-body', 'obfuscated-addresses', 'spam', 'signature', 'footer', 'quoted-footer', 'top-posted', 'outlook-original',
  'interleaved', 'gmail-wrapped-attribution',
] as const;
export type MailCase = (typeof MAIL_CASES)[number];

export interface MailListRef extends ListRef {
  subjectPrefix: string;
  footer: 'mailman2' | 'mailman3';
}

export function footerOf(list: MailListRef): string {
  return (list.footer === 'mailman2' ? MAILMAN2_FOOTER : MAILMAN3_FOOTER)(list.name, MAIL_DOMAIN);
}

export interface Post {
  list: MailListRef;
  poster: Poster;
  /** Unix seconds: Date, and arrival at the list. */
  at: number;
  archivedAt: number;
  /** Decoded, list prefix included. */
  subject: string;
  messageId: string;
  inReplyTo?: string | undefined;
  references: string[];
  /** The plain text as written (quotes and signature included, footer not). */
  text: string;
  /** The archived copy is a subscriber's: the list footer is on it. */
  withFooter?: boolean;
  cases: MailCase[];
}

/** The part a post starts with (greeting aside), signed and with the poster's signature. */
export function signed(poster: Poster, text: string, cases: MailCase[]): string {
  if (!poster.signature) return text;
  cases.push('signature');
  return `${text}\n\n-- \n${poster.signature}`;
}

export interface ReplyInput {
  parent: Post;
  poster: Poster;
  at: number;
  paras: string[];
}

/** A reply's text in the style of the poster's client. */
export function replyBody(rng: Rng, r: ReplyInput): { text: string; cases: MailCase[] } {
  const cases: MailCase[] = [];
  const p = r.parent;
  const q: Quoted = { name: p.poster.name, address: p.poster.address, at: p.at, tz: r.poster.tz, text: p.text, subject: p.subject };
  const own = r.paras.join('\n\n');
  const sign = r.poster.first;
  const client = r.poster.client;
  if (client === 'outlook') {
    cases.push('top-posted', 'outlook-original');
    return { text: `${signed(r.poster, `${own}\n\n${sign}`, cases)}\n\n${outlookOriginal(q, `${p.list.name}@${MAIL_DOMAIN}`)}`, cases };
  }
  const keepAll = rng.chance(0.12);
  // Subscribers get the decorated copy: quoting all of it quotes the list footer too.
  let quoted = quote(keepAll ? `${p.text}\n${footerOf(p.list)}` : p.text, keepAll);
  if (keepAll) cases.push('quoted-footer');
  const attr = attribution(client, q);
  if (client === 'gmail' && attr.includes('\n')) cases.push('gmail-wrapped-attribution');
  if (client === 'gmail' && rng.chance(0.25)) {
    cases.push('top-posted');
    return { text: `${signed(r.poster, `${own}\n\n${sign}`, cases)}\n\n${attr}\n\n${quoted}`, cases };
  }
  const paragraphs = p.text.split('\n-- \n')[0]!.split('\n\n').filter((x) => !x.startsWith('>') && !/^On .*wrote:/s.test(x) && !x.includes('Original Message'));
  if ((client === 'mutt' || client === 'thunderbird') && paragraphs.length >= 3 && r.paras.length >= 2 && rng.chance(0.35)) {
    cases.push('interleaved');
    const [a, b] = r.paras as [string, string];
    quoted = `${quote(paragraphs[1]!, true)}\n\n${a}\n\n${quote(paragraphs[2]!, true)}\n\n${b}`;
    return { text: signed(r.poster, `${attr}\n${quoted}\n\n${sign}`, cases), cases };
  }
  const greeting = rng.chance(0.4) ? `Hi ${p.poster.first},\n\n` : '';
  return { text: signed(r.poster, `${attr}\n${quoted}\n\n${greeting}${own}\n\n${sign}`, cases), cases };
}

/** The post as a reply to `parent`: subject, threading headers. */
export function replyTo(parent: Post, fields: Pick<Post, 'poster' | 'at' | 'archivedAt' | 'messageId' | 'text' | 'cases'>): Post {
  const subject = /^re:/i.test(parent.subject) ? parent.subject : `Re: ${parent.subject}`;
  return { ...fields, list: parent.list, subject, inReplyTo: parent.messageId, references: referencesOf(parent.references, parent.messageId) };
}

/** The MIME body a client sends for `text`. */
export function clientBody(post: Post): MimeNode {
  const { poster, text } = post;
  const footer = post.withFooter ? `\n${footerOf(post.list)}` : '';
  if (post.withFooter) post.cases.push('footer');
  if (poster.client === 'gmail' || poster.client === 'outlook') {
    post.cases.push('html-alternative');
    const alt = multipart('alternative', `000000000000${Buffer.from(post.messageId).toString('hex').slice(0, 16)}`, [
      textPart(text, { cte: /[^\x00-\x7f]/.test(text) ? 'quoted-printable' : '7bit', charset: /[^\x00-\x7f]/.test(text) ? 'utf-8' : 'us-ascii' }),
      textPart(htmlAlternative(text), { subtype: 'html', cte: 'quoted-printable', charset: 'utf-8' }),
    ]);
    // Mailman cannot append to an alternative: the footer goes in a part of its own around it.
    return footer ? multipart('mixed', `===============${Buffer.from(post.messageId).toString('hex').slice(0, 19)}==`, [alt, textPart(footer.slice(1))]) : alt;
  }
  return textPart(`${text}${footer}`);
}

export function renderPost(post: Post): Buffer {
  const node = clientBody(post);
  return renderMessage(postHeaders({ list: post.list, poster: post.poster, at: post.at, archivedAt: post.archivedAt, subject: post.subject, messageId: post.messageId, inReplyTo: post.inReplyTo, references: post.references }), node);
}
