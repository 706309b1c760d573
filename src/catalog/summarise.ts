import type { Change } from '../model/change.ts';
import type { Item } from '../model/item.ts';
import { personKey } from '../model/person.ts';
import { changePath } from './slug.ts';
import type { ChangeSummary } from './types.ts';

/** The small, list-friendly view of a stored change (pure). */
export function summariseChange(item: Item<Change>, isHidden: (key: string) => boolean = () => false): ChangeSummary {
  const c = item.data;
  const key = (id: string) => personKey(item.source, id);
  const human = (id: string | undefined): id is string => id !== undefined && c.accounts[id] !== undefined && !c.accounts[id]!.isBot;
  const reviews: { by: string; date: string }[] = [];
  const seen = new Set<string>();
  const add = (id: string | undefined, date: string | undefined) => {
    if (!human(id) || id === c.owner || !date) return;
    const k = `${id}|${date.slice(0, 10)}`;
    if (seen.has(k)) return;
    seen.add(k);
    reviews.push({ by: key(id), date });
  };
  for (const v of c.votes) if (v.label === 'Code-Review' || v.label === 'Workflow') add(v.by, v.date);
  for (const m of c.messages) add(m.author, m.date);
  reviews.sort((a, b) => a.date.localeCompare(b.date) || a.by.localeCompare(b.by));
  const owner = c.owner !== undefined ? key(c.owner) : undefined;
  return {
    key: `${item.source}:${c.number}`,
    source: item.source,
    number: c.number,
    project: c.project,
    branch: c.branch,
    subject: c.subject,
    status: c.status,
    owner: owner && !isHidden(owner) ? owner : undefined,
    created: c.created,
    updated: c.updated,
    submitted: c.submitted,
    insertions: c.insertions,
    deletions: c.deletions,
    patchSets: c.patchSets.length,
    reviews: reviews.filter((r) => !isHidden(r.by)),
    topic: c.topic,
    path: changePath(item.source, c.number),
    url: c.url,
  };
}
