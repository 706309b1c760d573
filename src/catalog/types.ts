/**
 * Build-time views of the store that pages, search and charts read. The core
 * knows only kinds, places, people, organisations and activity events; what a
 * kind's summary holds is the kind's business (src/kinds/). Nothing here knows
 * an upstream format.
 */
export type { ActivityEvent, ItemSummary } from '../kinds/types.ts';
export type { ChangeSummary } from '../kinds/change/summary.ts';
export type { MessageSummary, ThreadSummary } from '../kinds/mail/summary.ts';
export type { MeetingSummary } from '../kinds/meeting/summary.ts';
export type { JobMonthSummary } from '../kinds/jobs/index.ts';

export const UNKNOWN_ORG = 'Unknown affiliation';
export const OPTED_OUT_NAME = 'A contributor (opted out)';

export interface Person {
  /** `<source>:<native account id>` of the person's first account. */
  key: string;
  /**
   * Every account ref that is this person. One today; an identity file (many
   * accounts from many sources, with dated affiliations) will fill it without
   * changing events, which name accounts, or pages, which name people.
   */
  accounts: string[];
  source: string;
  accountId: string;
  name: string;
  username?: string;
  org: string;
  isBot: boolean;
  /** Site-relative path of the person's page; absent for bots and opted-out people. */
  path?: string;
  /** Counted acts by `<kind>:<act>` (`change:authored`, `message:posted`…). */
  acts: Record<string, number>;
  /** Every counted act, of every kind. */
  activity: number;
  firstSeen?: string;
  lastSeen?: string;
}

/**
 * Where items belong: a project, a mailing list, a meeting team, a repository.
 * Keyed by source and name, so two sources may each have a `docs`.
 */
export interface Place {
  key: string;
  source: string;
  name: string;
  /** What such places are called (`project`, `list`…), from the kind. */
  label: { one: string; many: string };
  slug: string;
  path: string;
  /** Items in it, of every kind. */
  items: number;
  byKind: Record<string, number>;
  /** Items per status facet, per kind (`facets.change.merged`). */
  facets: Record<string, Record<string, number>>;
  /** Distinct counted people with an event in it. */
  contributors: number;
  firstActivity?: string;
  lastActivity?: string;
}

/** @deprecated name kept for pages written before places had kinds. */
export type ProjectSummary = Place;

export interface SourceSummary {
  id: string;
  type: string;
  origin: string;
  items: number;
  cursor?: string;
}
