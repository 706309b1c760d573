import type { Change } from '../model/change.ts';
import type { Item } from '../model/item.ts';
import { personKey } from '../model/person.ts';
import { changePath } from './slug.ts';
import type { ChangeSummary } from './types.ts';

/**
 * The small, list-friendly view of a stored change (pure). `reviews` holds
 * everyone other than the owner who voted on Code-Review/Workflow or wrote a
 * message, once per person and day; the catalog later drops bots and
 * opted-out people, whose status is only known once every change is read.
 */
export function summariseChange(item: Item<Change>): ChangeSummary {
  const c = item.data;
  const reviews: { by: string; date: string }[] = [];
  const seen = new Set<string>();
  const add = (id: string | undefined, date: string | undefined) => {
    if (id === undefined || id === c.owner || !date) return;
    const k = `${id}|${date.slice(0, 10)}`;
    if (seen.has(k)) return;
    seen.add(k);
    reviews.push({ by: personKey(item.source, id), date });
  };
  for (const v of c.votes) if (v.label === 'Code-Review' || v.label === 'Workflow') add(v.by, v.date);
  for (const m of c.messages) add(m.author, m.date);
  reviews.sort((a, b) => a.date.localeCompare(b.date) || a.by.localeCompare(b.by));
  return {
    key: `${item.source}:${c.number}`,
    source: item.source,
    number: c.number,
    project: c.project,
    branch: c.branch,
    subject: c.subject,
    status: c.status,
    owner: c.owner !== undefined ? personKey(item.source, c.owner) : undefined,
    created: c.created,
    updated: c.updated,
    submitted: c.submitted,
    insertions: c.insertions,
    deletions: c.deletions,
    patchSets: c.patchSets.length,
    reviews,
    topic: c.topic,
    path: changePath(item.source, c.number),
    url: c.url,
  };
}
