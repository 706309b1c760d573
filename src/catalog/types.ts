/** Build-time views of the store that pages, search and charts read. Nothing here knows an upstream format. */

export const UNKNOWN_ORG = 'Unknown affiliation';
export const OPTED_OUT_NAME = 'A contributor (opted out)';

export interface ChangeSummary {
  /** `<source>:<number>`, unique across the portal. */
  key: string;
  source: string;
  number: number;
  project: string;
  branch: string;
  subject: string;
  status: 'NEW' | 'MERGED' | 'ABANDONED';
  /** Person key of the owner (`<source>:<account id>`); an opted-out owner's Person carries the neutral name. */
  owner?: string;
  created: string;
  updated: string;
  submitted?: string;
  insertions: number;
  deletions: number;
  patchSets: number;
  /** Humans (not the owner, not bots, not opted out) who voted or commented, as person keys, with when (after Catalog.finish). */
  reviews: { by: string; date: string }[];
  topic?: string;
  /** Site-relative path of the change page, without the base, e.g. `changes/demo/10001/`. */
  path: string;
  /** Link to the change upstream. */
  url: string;
}

/**
 * One thing a person did, of any kind: authored a change, reviewed one, posted
 * to a list, chaired a meeting… People, their counts, first and last seen and
 * every "active contributors" figure come from these. Only counted people
 * (humans who did not opt out) have events in `Catalog.events`.
 */
export interface ActivityEvent {
  /** Person key, `<source>:<native account id>`. */
  who: string;
  /** What they did: `authored`, `reviewed`, `posted`, `attended`, `chaired`… */
  act: string;
  /** When, UTC ISO 8601. */
  when: string;
  /** The item's kind (`change`, `message`, `meeting`…). */
  kind: string;
  /** Key of the item the act was on (`<source>:<native id>` for changes). */
  item: string;
  source: string;
  /** Name of the place it happened in (a project, list, team or repository), when it has one. */
  place?: string;
}

export interface Person {
  key: string;
  source: string;
  accountId: string;
  name: string;
  username?: string;
  org: string;
  isBot: boolean;
  /** Site-relative path of the person's page; absent for bots and opted-out people. */
  path?: string;
  changesAuthored: number;
  reviewsGiven: number;
  firstSeen?: string;
  lastSeen?: string;
}

export interface ProjectSummary {
  name: string;
  source: string;
  slug: string;
  path: string;
  changes: number;
  merged: number;
  open: number;
  abandoned: number;
  contributors: number;
  lastActivity?: string;
}

export interface SourceSummary {
  id: string;
  type: string;
  origin: string;
  items: number;
  cursor?: string;
}
