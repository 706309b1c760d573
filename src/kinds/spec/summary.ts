import type { Item } from '../../model/item.ts';
import { personKey } from '../../model/person.ts';
import type { Spec, SpecStatus } from '../../model/spec.ts';
import type { ItemSummary, KindEvent, StatusWord } from '../types.ts';

/** The list-friendly view of a design spec. */
export interface SpecSummary extends ItemSummary {
  kind: 'spec';
  /** Spec key (`<name>`, or `<sig>/<NNNN-name>` for KEPs). */
  id: string;
  repository: string;
  project?: string;
  release?: string;
  status: SpecStatus;
  statusText: string;
  /** Person keys of its authors (uncounted people dropped when settled). */
  authors: string[];
  blueprintName?: string;
  /** Every path it had or has (history and aliases): changes touching one of them reviewed it. */
  paths: string[];
  /** The release it was first approved in, the release it was implemented in, when the history says. */
  approvedIn?: string;
  implementedIn?: string;
  /** When it was first approved (the first `approved` step), for time-to-approval. */
  approvedAt?: string;
  /** When it was last implemented (the newest `implemented` step, the one `implementedIn` names), for the lifecycle chart. */
  implementedAt?: string;
  summary: string;
  renderFailed: boolean;
}

export const SPEC_STATUS_WORDS: readonly StatusWord[] = [
  { value: 'proposed', facet: 'proposed', label: 'Proposed' },
  { value: 'approved', facet: 'approved', label: 'Approved' },
  { value: 'implemented', facet: 'implemented', label: 'Implemented' },
  { value: 'backlog', facet: 'backlog', label: 'Backlog' },
  { value: 'abandoned', facet: 'abandoned', label: 'Abandoned' },
  { value: 'superseded', facet: 'abandoned', label: 'Superseded' },
  { value: 'deferred', facet: 'backlog', label: 'Deferred' },
  { value: 'withdrawn', facet: 'abandoned', label: 'Withdrawn' },
  { value: 'other', facet: 'other', label: 'Other' },
];

export function specPath(source: string, key: string): string {
  return `specs/${source}/${key}/`;
}

export function summariseSpec({ source, data: s }: Item<Spec>): SpecSummary {
  const approved = s.history.find((h) => h.status === 'approved');
  const implemented = [...s.history].reverse().find((h) => h.status === 'implemented');
  return {
    key: `${source}:${s.key}`,
    kind: 'spec',
    id: s.key,
    source,
    title: s.title || s.key,
    created: s.created,
    updated: s.updated,
    place: s.group ?? s.repository,
    path: specPath(source, s.key),
    ...(s.url ? { url: s.url } : {}),
    repository: s.repository,
    ...(s.project ? { project: s.project } : {}),
    ...(s.release ? { release: s.release } : {}),
    status: s.status,
    statusText: s.statusText,
    authors: [...new Set(s.authors.map((a) => personKey(source, a.id)))],
    ...(s.blueprintName ? { blueprintName: s.blueprintName } : {}),
    paths: [...new Set([s.path, ...s.history.map((h) => h.path), ...s.aliases])],
    ...(approved?.release ? { approvedIn: approved.release } : {}),
    ...(approved ? { approvedAt: approved.date } : {}),
    ...(implemented?.release ? { implementedIn: implemented.release } : {}),
    ...(implemented ? { implementedAt: implemented.date } : {}),
    summary: s.summary,
    renderFailed: s.renderError !== undefined,
  };
}

/** Its authors wrote it: one `authored` event each, when it was first committed. */
export function specActivity(s: SpecSummary): KindEvent[] {
  return s.authors.map((who) => ({ who, act: 'authored', when: s.created! }));
}
