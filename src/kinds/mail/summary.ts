import type { Message, Thread } from '../../model/mail.ts';
import { personKey } from '../../model/person.ts';
import type { Item } from '../../model/item.ts';
import type { ItemSummary } from '../types.ts';

export interface MessageSummary extends ItemSummary {
  kind: 'message';
  /** Message key (`m…`). */
  id: string;
  /** Person key of the poster. */
  author: string;
  month: string;
  isReply: boolean;
  attachments: number;
}

export interface ThreadSummary extends ItemSummary {
  kind: 'thread';
  id: string;
  messages: number;
  /** Person keys, in order of first post (uncounted people dropped when settled). */
  participants: string[];
  /** Person key of whoever started it. */
  starter: string;
  /** When someone other than the starter first answered. */
  firstReply?: string;
  /** Message keys in reading order. */
  entries: { key: string; depth: number }[];
}

/** A subject without the list's own tag (`[Demo-dev] Re: x` -> `Re: x` on demo-dev): the list is shown beside it. */
export function withoutListTag(subject: string, list: string): string {
  const norm = (t: string) => t.toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '');
  const m = /^\s*\[([^\]]{1,80})\]\s*/.exec(subject);
  return m && norm(m[1]!) === norm(list) && subject.length > m[0].length ? subject.slice(m[0].length) : subject;
}

export function messagePath(source: string, key: string): string {
  return `messages/${source}/${key}/`;
}

export function threadPath(source: string, key: string): string {
  return `threads/${source}/${key}/`;
}

export function summariseMessage({ source, data: m }: Item<Message>): MessageSummary {
  return {
    key: `${source}:${m.key}`,
    kind: 'message',
    id: m.key,
    source,
    title: withoutListTag(m.subject, m.list) || '(no subject)',
    created: m.date,
    updated: m.date,
    place: m.list,
    path: messagePath(source, m.key),
    url: m.url,
    author: personKey(source, m.author.id),
    month: m.month,
    isReply: m.isReply,
    attachments: m.attachments.filter((a) => !a.signature).length,
  };
}

export function summariseThread({ source, data: t }: Item<Thread>): ThreadSummary {
  const starter = personKey(source, t.messages[0]!.author);
  const participants = [...new Set(t.messages.map((e) => personKey(source, e.author)))];
  const reply = t.messages.filter((e) => personKey(source, e.author) !== starter).map((e) => e.date).sort()[0];
  return {
    key: `${source}:${t.key}`,
    kind: 'thread',
    id: t.key,
    source,
    title: withoutListTag(t.subject, t.list) || '(no subject)',
    created: t.firstDate,
    updated: t.lastDate,
    place: t.list,
    path: threadPath(source, t.key),
    messages: t.messages.length,
    participants,
    starter,
    ...(reply ? { firstReply: reply } : {}),
    entries: t.messages.map((e) => ({ key: e.key, depth: e.depth })),
  };
}
