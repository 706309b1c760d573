/**
 * Mailing lists: the `message` kind (one mail) and the `thread` kind (one
 * conversation, threaded by the sync driver). Their pages live under
 * src/pages/lists/; posters are people like reviewers, from `posted` and
 * `replied` events.
 */
import { Message, MESSAGE_KIND, Thread, THREAD_KIND } from '../../model/mail.ts';
import { defineKind } from '../registry.ts';
import { messageToDoc, threadToDoc } from './search.ts';
import { summariseMessage, summariseThread, type MessageSummary, type ThreadSummary } from './summary.ts';

const LIST = { one: 'list', many: 'lists' };

export const messageKind = defineKind<Message, MessageSummary>({
  kind: MESSAGE_KIND,
  label: { one: 'message', many: 'messages' },
  home: false,
  nav: { id: 'lists', path: 'lists/', label: 'Lists' },
  placeLabel: LIST,
  navListsPlaces: true,
  schema: Message,
  summarise: summariseMessage,
  accounts: ({ data: m }) => [[m.author.id, { id: m.author.id, name: m.author.name, emailDomain: m.author.emailDomain, isBot: m.author.isBot }]],
  activity: (_item, s) => [{ who: s.author, act: s.isReply ? 'replied' : 'posted', when: s.created! }],
  settle(s, ctx) {
    s.title = ctx.redact(s.title);
  },
  acts: { posted: { counted: 'threads started', did: 'posted' }, replied: { counted: 'replies', did: 'replied to' } },
  search: (item, s, people) => messageToDoc(item.source, item.data, s, people),
});

export const threadKind = defineKind<Thread, ThreadSummary>({
  kind: THREAD_KIND,
  label: { one: 'thread', many: 'threads' },
  nav: { id: 'lists', path: 'lists/', label: 'Mailing lists' },
  // The home page lists the latest conversations, not single messages.
  home: true,
  placeLabel: LIST,
  navListsPlaces: true,
  schema: Thread,
  summarise: summariseThread,
  // Posters are people through their messages; a thread adds no acts of its own.
  accounts: () => [],
  activity: () => [],
  settle(s, ctx) {
    s.title = ctx.redact(s.title);
    s.participants = s.participants.filter((k) => ctx.counts(k));
  },
  acts: {},
  search: (item, s, people) => threadToDoc(item.source, item.data, s, people),
});

export * from './summary.ts';
export { messageToDoc, ownWords, threadToDoc } from './search.ts';
export * from './views.ts';
