import { z } from 'zod';

/**
 * Mailing-list archives as the portal keeps them: one `message` item per mail
 * and one `thread` item per conversation (the sync driver threads them). No
 * address is ever stored: a poster is a keyed id, a display name and the
 * domain of the address (for affiliation).
 */
export const MESSAGE_KIND = 'message';
export const THREAD_KIND = 'thread';

export const MailAuthor = z.strictObject({
  /** Native account id: a keyed hash of the address (`ctx.identityId`), or of the name when there is none. */
  id: z.string().min(1),
  /** Display name as written (decoded); the local part of the address when the header has no name. */
  name: z.string(),
  /** Lower-cased domain of the address, for affiliation. */
  emailDomain: z.string().optional(),
  isBot: z.boolean().default(false),
});
export type MailAuthor = z.infer<typeof MailAuthor>;

/** A piece of a message body, so pages fold quotes and leave signatures and list footers quiet. */
export const BodySegment = z.strictObject({
  kind: z.enum(['text', 'quote', 'signature', 'footer']),
  text: z.string(),
  /** "On Monday, Ada wrote:" before a quote. */
  attribution: z.string().optional(),
  depth: z.number().int().min(0).optional(),
});
export type BodySegment = z.infer<typeof BodySegment>;

export const Attachment = z.strictObject({
  name: z.string(),
  type: z.string(),
  /** Bytes, when known. The content is never stored. */
  size: z.number().int().nonnegative().optional(),
  signature: z.boolean().optional(),
  /** Removed by the archive, which left only its description. */
  scrubbed: z.boolean().optional(),
});

export const Message = z.strictObject({
  /** Stable key from the Message-ID (`m…`): page name and store id. */
  key: z.string().min(1),
  /** Kept for threading only; never shown (ids look like addresses). */
  messageId: z.string().min(1),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).default([]),
  /** The list's name: the place it belongs to. */
  list: z.string().min(1),
  /** The archive month it came from, `YYYY-MM`. */
  month: z.string().regex(/^\d{4}-\d{2}$/),
  subject: z.string(),
  /** A reply (references, In-Reply-To or a reply prefix), not a new topic. */
  isReply: z.boolean(),
  author: MailAuthor,
  /** UTC ISO 8601; the start of the archive month when the message's own date could not be read. */
  date: z.string(),
  /** False when `date` is the archive month's, not the message's. */
  dateKnown: z.boolean(),
  segments: z.array(BodySegment),
  attachments: z.array(Attachment).default([]),
  signed: z.enum(['pgp', 'smime']).optional(),
  /** What the parser noticed (`charset-guessed`, `html-only`, `date-two-digit-year`…). */
  flags: z.array(z.string()).default([]),
  /** The archive page or file it came from. */
  url: z.string().optional(),
});
export type Message = z.infer<typeof Message>;

export const ThreadEntry = z.strictObject({
  /** Message key; its page and item. */
  key: z.string().min(1),
  messageId: z.string().min(1),
  inReplyTo: z.string().optional(),
  references: z.array(z.string()).default([]),
  subject: z.string(),
  /** Key of the message it answers, when that one is in the archive. */
  parent: z.string().optional(),
  depth: z.number().int().nonnegative(),
  /** Attached by subject: its references were lost. */
  bySubject: z.boolean().optional(),
  /** Native account id of the poster. */
  author: z.string(),
  date: z.string(),
});

export const Thread = z.strictObject({
  /** Stable key (`t…`) from its top message's id. */
  key: z.string().min(1),
  list: z.string().min(1),
  subject: z.string(),
  /** Messages in reading order: each, then its replies. */
  messages: z.array(ThreadEntry).min(1),
  firstDate: z.string(),
  lastDate: z.string(),
});
export type Thread = z.infer<typeof Thread>;
