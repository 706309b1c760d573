/**
 * The code review change kind: Gerrit changes today, GitHub pull requests next.
 * Declared once; the catalog, people, search and charts read it from here.
 */
import { Change, CHANGE_KIND } from '../../model/change.ts';
import { defineKind } from '../registry.ts';
import { changeToDoc } from './search.ts';
import { CHANGE_STATUSES } from './status.ts';
import { summariseChange, type ChangeSummary } from './summary.ts';

export const changeKind = defineKind<Change, ChangeSummary>({
  kind: CHANGE_KIND,
  label: { one: 'review', many: 'reviews' },
  nav: { id: 'reviews', path: 'reviews/' },
  placeLabel: { one: 'project', many: 'projects' },
  schema: Change,
  summarise: summariseChange,
  accounts: (item) => Object.entries(item.data.accounts),
  activity: (_item, s) => [
    ...(s.owner ? [{ who: s.owner, act: 'authored', when: s.created }] : []),
    ...s.reviews.map((r) => ({ who: r.by, act: 'reviewed', when: r.date })),
  ],
  statuses: CHANGE_STATUSES,
  status: (s) => s.status,
  settle(s, ctx) {
    s.reviews = s.reviews.filter((r) => ctx.counts(r.by));
    s.subject = ctx.redact(s.subject);
    s.title = s.subject;
  },
  acts: { authored: { counted: 'changes authored', did: 'authored' }, reviewed: { counted: 'reviews given', did: 'reviewed' } },
  compare: (a, b) => b.updated.localeCompare(a.updated) || b.number - a.number,
  search: (item, summary, people) => changeToDoc(item.source, item.data, summary, people),
});

export { CHANGE_KIND } from '../../model/change.ts';
export * from './status.ts';
export * from './summary.ts';
export * from './lists.ts';
export * from './votes.ts';
export * from './rank.ts';
export * from './platform.ts';
export { changeToDoc, type ChangePeople } from './search.ts';
