/**
 * Design specs: the `spec` kind (one spec document of a specs repository,
 * rendered at sync time). Its pages live under src/pages/specs/; its authors
 * are people (`authored`), and specs are joined to the code reviews about
 * them at build time (links.ts).
 */
import { Spec, SPEC_KIND } from '../../model/spec.ts';
import { defineKind } from '../registry.ts';
import { CHANGE_KIND } from '../../model/change.ts';
import type { ChangeSummary } from '../change/summary.ts';
import { specReviewEvents } from './links.ts';
import { specToDoc } from './search.ts';
import { SPEC_STATUS_WORDS, specActivity, summariseSpec, type SpecSummary } from './summary.ts';

export const specKind = defineKind<Spec, SpecSummary>({
  kind: SPEC_KIND,
  label: { one: 'spec', many: 'specs' },
  nav: { id: 'specs', path: 'specs/', label: 'Specs' },
  home: true,
  placeLabel: { one: 'repository', many: 'repositories' },
  navListsPlaces: true,
  schema: Spec,
  summarise: summariseSpec,
  accounts: ({ data: s }) => s.authors.map((a) => [a.id, { id: a.id, name: a.name, emailDomain: a.emailDomain, isBot: false }] as const),
  activity: (_item, s) => specActivity(s),
  // Reviewers of the changes that reviewed a spec reviewed the spec: their person pages say so.
  related: (specs, ctx) => specReviewEvents(specs, ctx.items(CHANGE_KIND) as readonly ChangeSummary[]),
  statuses: SPEC_STATUS_WORDS,
  status: (s) => s.status,
  settle(s, ctx) {
    s.title = ctx.redact(s.title);
    s.summary = ctx.redact(s.summary);
    s.authors = s.authors.filter((k) => ctx.counts(k));
  },
  acts: { authored: { counted: 'specs written', did: 'wrote' }, reviewed: { counted: 'specs reviewed', did: 'reviewed' } },
  search: (item, s, people) => specToDoc(item.source, item.data, s, people),
});

export * from './summary.ts';
export * from './links.ts';
export { specText, specToDoc } from './search.ts';
export * from './site.ts';
