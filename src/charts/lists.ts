/**
 * What the mailing-list charts share (pure): the mail kinds' names, the
 * events they read, their scopes (`all` lists plus one per list) and a tally
 * kept for all lists and by list.
 *
 * People are counted from the catalog's activity events, not from the message
 * summaries: a summary names its author whoever they are, while the events
 * (one per message: `posted`, or `replied` for an answer) are only those of
 * counted people, so bots and people who opted out are left out the way every
 * other chart leaves them out.
 */
import type { ActivityEvent, ItemSummary } from '../catalog/types.ts';
import { placeKey } from '../lib/places.ts';
import { ALL_LISTS_SCOPE, projectScopes, type ChartScope, type ScopePlace } from './scopes.ts';
import type { Month } from './series.ts';

/** The mail kinds (`MESSAGE_KIND`, `THREAD_KIND` in src/model/mail.ts, which chart code does not import). */
export const MESSAGE_KIND = 'message';
export const THREAD_KIND = 'thread';

/** An event as the list charts read it: `kind` picks messages, `item` is the message's summary key, `place` its list. */
export type ListEvent = Pick<ActivityEvent, 'who' | 'when' | 'source' | 'place' | 'kind' | 'item'>;

/**
 * `all` ("All lists") plus one scope per place that has messages, so a
 * code-review project gets no empty list charts. Place keys come from the
 * message summaries, which every list with mail has, even one whose posters
 * are all bots (its charts then say there is no data).
 */
export function listScopes(places: Iterable<ScopePlace>, messages: Iterable<Pick<ItemSummary, 'source' | 'place'>>): ChartScope[] {
  const lists = new Set<string>();
  for (const m of messages) if (m.place !== undefined) lists.add(placeKey(m.source, m.place));
  return projectScopes([...places].filter((p) => lists.has(p.key)), ALL_LISTS_SCOPE);
}

/** The months a scope has anything in, to zero-fill counts between its own first and last month. */
export interface MonthSpan {
  first?: Month;
  last?: Month;
}

export function widen(span: MonthSpan, m: Month): void {
  if (span.first === undefined || m < span.first) span.first = m;
  if (span.last === undefined || m > span.last) span.last = m;
}

/** One tally for all lists and one per list (by place key), made on first use. */
export class ByList<T> {
  readonly lists = new Map<string, T>();
  readonly total: T;

  constructor(private readonly make: () => T) {
    this.total = make();
  }

  /** The tally of a list (`source` and list name), made when it is new. */
  of(source: string, list: string): T {
    const key = placeKey(source, list);
    let t = this.lists.get(key);
    if (!t) this.lists.set(key, (t = this.make()));
    return t;
  }
}
