/**
 * Fixed mailing-list data for the list chart tests: message and thread
 * summaries as the catalog keeps them (every author, bots too) and the
 * message events it keeps (counted people only), built from one table of
 * posts so the three agree. Expected numbers are worked out in the tests.
 *
 * Lists: `aurora-dev` and `aurora-users` in source `demo`, and another
 * `aurora-dev` in source `mirror` (same name, another list). `demo:bot` is
 * automation and `demo:hidden` opted out: their messages have summaries but
 * no events.
 */
import type { MessageSummary, ThreadSummary } from '../../catalog/types.ts';
import type { ListEvent } from '../lists.ts';

export const BOT = 'demo:bot';
export const HIDDEN = 'demo:hidden';

interface Post {
  source: string;
  list: string;
  thread: string;
  /** Message key, unique within its source only (both sources have an `m1`). */
  key: string;
  who: string;
  when: string;
}

const post = (source: string, list: string, thread: string, key: string, who: string, when: string): Post => ({ source, list, thread, key, who, when });

/** In each thread's reading order (which is not always time order: t4's first reply in time is its second entry). */
export const POSTS: Post[] = [
  // aurora-dev, January: 3 counted messages from 2 posters (demo:1, demo:2); the bot's does not count.
  post('demo', 'aurora-dev', 't1', 'm1', 'demo:1', '2024-01-05T10:00:00Z'),
  post('demo', 'aurora-dev', 't1', 'm2', 'demo:2', '2024-01-05T14:00:00Z'), // t1: replied after 4 hours
  post('demo', 'aurora-dev', 't2', 'm3', 'demo:1', '2024-01-20T09:00:00Z'),
  post('demo', 'aurora-dev', 't2', 'm5', BOT, '2024-01-21T10:00:00Z'), // t2: a bot's reply is no reply…
  post('demo', 'aurora-dev', 't2', 'm4', 'demo:1', '2024-02-02T09:00:00Z'), // …nor is the starter's own: unanswered
  // February: a thread started by someone who opted out is left out, though demo:2 answered it.
  post('demo', 'aurora-dev', 't3', 'm6', HIDDEN, '2024-02-10T00:00:00Z'),
  post('demo', 'aurora-dev', 't3', 'm7', 'demo:2', '2024-02-10T12:00:00Z'),
  // March: nothing anywhere. April: demo:3 and demo:4 are new; two threads, replied after 2 and 24 hours.
  post('demo', 'aurora-dev', 't4', 'm8', 'demo:3', '2024-04-01T00:00:00Z'),
  post('demo', 'aurora-dev', 't4', 'm9', 'demo:2', '2024-04-01T10:00:00Z'),
  post('demo', 'aurora-dev', 't4', 'm10', 'demo:1', '2024-04-01T02:00:00Z'),
  post('demo', 'aurora-dev', 't5', 'm11', 'demo:4', '2024-04-15T00:00:00Z'),
  post('demo', 'aurora-dev', 't5', 'm12', 'demo:3', '2024-04-16T00:00:00Z'),
  // aurora-users, February: demo:2 is new here but not among all lists; demo:5 is new everywhere.
  post('demo', 'aurora-users', 't6', 'm13', 'demo:2', '2024-02-05T00:00:00Z'), // never answered
  post('demo', 'aurora-users', 't7', 'm14', 'demo:5', '2024-02-06T00:00:00Z'),
  post('demo', 'aurora-users', 't7', 'm15', 'demo:2', '2024-02-06T01:00:00Z'), // after 1 hour
  // May: one thread, never answered (0%, and no median).
  post('demo', 'aurora-users', 't9', 'm16', 'demo:5', '2024-05-03T00:00:00Z'),
  // The other source's aurora-dev, January, with message keys the demo source also uses.
  post('mirror', 'aurora-dev', 't1', 'm1', 'mirror:1', '2024-01-07T10:00:00Z'),
  post('mirror', 'aurora-dev', 't1', 'm2', 'mirror:2', '2024-01-07T11:00:00Z'), // after 1 hour
];

const counted = (p: Post) => p.who !== BOT && p.who !== HIDDEN;

export const MAIL_MESSAGES: MessageSummary[] = POSTS.map((p, i) => ({
  key: `${p.source}:${p.key}`,
  kind: 'message',
  id: p.key,
  source: p.source,
  title: `Message ${i}`,
  created: p.when,
  updated: p.when,
  place: p.list,
  path: `messages/${p.source}/${p.key}/`,
  author: p.who,
  month: p.when.slice(0, 7),
  isReply: POSTS.findIndex((q) => q.source === p.source && q.thread === p.thread) !== i,
  attachments: 0,
}));

/** What `Catalog.events` holds for these posts: counted people's messages, oldest first. */
export const MAIL_EVENTS: ListEvent[] = MAIL_MESSAGES.filter((_, i) => counted(POSTS[i]!))
  .map((m) => ({ who: m.author, when: m.created!, kind: 'message', item: m.key, source: m.source, place: m.place }))
  .sort((a, b) => a.when.localeCompare(b.when));

export const MAIL_THREADS: ThreadSummary[] = [...new Set(POSTS.map((p) => `${p.source} ${p.thread}`))].map((id) => {
  const posts = POSTS.filter((p) => `${p.source} ${p.thread}` === id);
  const first = posts[0]!;
  const times = posts.map((p) => p.when).sort();
  return {
    key: `${first.source}:${first.thread}`,
    kind: 'thread',
    id: first.thread,
    source: first.source,
    title: `Thread ${first.thread}`,
    created: times[0],
    updated: times.at(-1)!,
    place: first.list,
    path: `threads/${first.source}/${first.thread}/`,
    messages: posts.length,
    participants: [...new Set(posts.filter(counted).map((p) => p.who))],
    starter: first.who,
    entries: posts.map((p, depth) => ({ key: p.key, depth: Math.min(depth, 1) })),
  };
});
