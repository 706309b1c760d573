import type { Message, Thread } from '../../model/mail.ts';
import { maskEmail, personKey } from '../../model/person.ts';
import type { PeopleView, SearchDoc } from '../types.ts';
import type { MessageSummary, ThreadSummary } from './summary.ts';

/** How much of a message's own words (not what it quotes) goes into the index. */
export const MAX_MESSAGE_CHARS = 4000;
/** How much of a thread's opening message its document holds. */
const THREAD_OPENING_CHARS = 600;

function cut(text: string, max: number): string {
  return text.length > max ? text.slice(0, text.lastIndexOf(' ', max) > 0 ? text.lastIndexOf(' ', max) : max) : text;
}

/** What the poster wrote: text and signature segments, without the quotes and the list footer. */
export function ownWords(m: Pick<Message, 'segments'>): string {
  return m.segments.filter((s) => s.kind === 'text' || s.kind === 'signature').map((s) => s.text).join('\n\n');
}

/**
 * A message as a search document: subject, the poster as `people`, and as body
 * the list, the thread it is in, its own words (quotes folded on the page are
 * the quoted messages' words and are found there) and attachment names.
 */
export function messageToDoc(source: string, m: Message, s: MessageSummary, people: PeopleView, threadTitle?: string): SearchDoc {
  const who = personKey(source, m.author.id);
  const hidden = people.isHidden(who);
  const p = hidden ? undefined : people.person(who);
  // The poster's name is in the body, not in `people`: a name finds the person's page, then what
  // they own (changes), before the many messages that merely carry it.
  const body = [
    `${p ? `By ${p.name}. ` : ''}List ${m.list}.${threadTitle && threadTitle !== s.title ? ` In thread: ${threadTitle}.` : ''}`,
    hidden ? '' : cut(people.redactStrict(ownWords(m)), MAX_MESSAGE_CHARS),
    m.attachments.filter((a) => !a.signature).map((a) => a.name).join(' '),
  ].filter(Boolean).join('\n\n');
  return {
    id: `${source}:message:${m.key}`,
    path: s.path,
    title: maskEmail(s.title),
    body: maskEmail(body),
    ...(p ? { byline: maskEmail(p.name) } : {}),
    source,
    kind: 'message',
    project: m.list,
    date: m.date,
  };
}

/** A thread as a search document: subject, list and the start of its opening message; who started it as its byline. */
export function threadToDoc(source: string, t: Thread, s: ThreadSummary, people: PeopleView, opening?: Message): SearchDoc {
  const starter = people.isHidden(s.starter) ? undefined : people.person(s.starter);
  const body = [
    // Who took part is on the thread's messages and people's pages: short thread documents that
    // repeat names would outrank a person's own changes for their name.
    `List ${t.list}. ${s.messages} message${s.messages === 1 ? '' : 's'}.`,
    opening && !people.isHidden(s.starter) ? cut(people.redactStrict(ownWords(opening)), THREAD_OPENING_CHARS) : '',
  ].filter(Boolean).join('\n\n');
  return {
    id: `${source}:thread:${t.key}`,
    path: s.path,
    title: maskEmail(s.title),
    body: maskEmail(body),
    ...(starter ? { byline: maskEmail(starter.name) } : {}),
    source,
    kind: 'thread',
    project: t.list,
    date: t.lastDate,
  };
}
