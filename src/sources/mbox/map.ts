/**
 * A parsed mail -> the stored `Message` (pure). The address is used once, to
 * make the poster's keyed id and keep the domain for affiliation, and is then
 * dropped; names, subjects and bodies are masked for every spelled-out form.
 */
import { maskArchiveEmail } from '../../lib/privacy.ts';
import { nameLooksLikeBot } from '../../lib/bots.ts';
import type { BodySegment, Message } from '../../model/mail.ts';
import { messageKey } from './ids.ts';
import type { ParsedMessage } from './parse.ts';
import { segmentBody } from './quote.ts';
import { normaliseSubject } from './thread.ts';

export interface MapContext {
  list: string;
  /** The archive month, `YYYY-MM`. */
  month: string;
  /** Keyed id for an address or other identifying text (`ctx.identityId`). */
  identityId(value: string): string;
  url?: string;
}

const ADDRESS = /^([^@\s]+)@([^@\s]+)$/;

/** Who posted: a keyed id from the address (or from the name when there is none), a name to show, the domain. */
export function mapAuthor(from: ParsedMessage['from'], identityId: MapContext['identityId']): Message['author'] {
  const address = from.address?.trim().toLowerCase();
  const m = address ? ADDRESS.exec(address) : null;
  let name = maskArchiveEmail(from.name.trim());
  // A name that was only the address ("jane@example.org" <jane@example.org>) is masked to nothing useful.
  if (!name || name.includes('…@') || name.includes('… at ')) name = m ? m[1]! : 'Unknown poster';
  const id = identityId(m ? address! : `name:${name.toLowerCase()}`);
  return { id, name, ...(m ? { emailDomain: m[2]! } : {}), isBot: nameLooksLikeBot({ name }) || /^(?:mailer-daemon|noreply|no-reply|donotreply)$/i.test(m?.[1] ?? '') };
}

/** Pipermail's scrubber line before each part it replaced by a notice (the notice is read as an attachment). */
const NEXT_PART = /^-{14} next part -{14}[ \t]*$/gm;

/** An attachment a reader would call one: not the HTML twin of the text that pipermail scrubbed. */
function isListed(a: ParsedMessage['attachments'][number]): boolean {
  return !(a.scrubbed && a.filename === undefined && /^text\/html\b/.test(a.contentType));
}

export function mapMessage(p: ParsedMessage, ctx: MapContext): Message {
  const text = maskArchiveEmail(p.text).replace(NEXT_PART, '').replace(/\s+$/, '');
  const segments: BodySegment[] = segmentBody(text).map((s) =>
    s.kind === 'quote' ? { kind: 'quote', text: s.text, ...(s.attribution ? { attribution: s.attribution } : {}), depth: s.depth } : { kind: s.kind, text: s.text },
  );
  const date = p.date ?? p.envelopeDate;
  const subject = maskArchiveEmail(p.subject);
  return {
    key: messageKey(p.messageId),
    messageId: p.messageId,
    ...(p.inReplyTo ? { inReplyTo: p.inReplyTo } : {}),
    references: p.references,
    list: ctx.list,
    month: ctx.month,
    subject,
    isReply: p.inReplyTo !== undefined || p.references.length > 0 || normaliseSubject(p.subject).isReply,
    author: mapAuthor(p.from, ctx.identityId),
    date: date ?? `${ctx.month}-01T00:00:00Z`,
    dateKnown: date !== undefined,
    segments,
    attachments: p.attachments.filter(isListed).map((a) => ({
      name: maskArchiveEmail(a.filename ?? '(unnamed)'),
      type: a.contentType,
      ...(a.size !== undefined ? { size: a.size } : {}),
      ...(a.signature ? { signature: true } : {}),
      ...(a.scrubbed ? { scrubbed: true } : {}),
    })),
    ...(p.signed ? { signed: p.signed } : {}),
    flags: [...p.flags, ...(p.date === undefined && p.envelopeDate !== undefined ? ['date-from-envelope'] : [])],
    ...(ctx.url ? { url: ctx.url } : {}),
  };
}
