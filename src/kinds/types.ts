/**
 * What a kind of item declares once, so the catalog, the people pages, search
 * and charts serve it without knowing it: its schema, how an item becomes a
 * catalog summary, who it mentions, what people did in it (activity events),
 * and where its page lives. Nothing here knows an upstream format.
 */
import type { z } from 'zod';
import type { Item } from '../model/item.ts';
import type { Account } from '../model/person.ts';

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
  /** Key of the item the act was on (its summary's `key`). */
  item: string;
  source: string;
  /** Name of the place it happened in (a project, list, team or repository), when it has one. */
  place?: string;
  /**
   * The same act as another event, seen from a second item (reviewing a spec's
   * change is reviewing the spec): listed on the person's page and counted
   * among the kind's acts, but not again in the person's total activity.
   */
  echo?: boolean;
}

/** An event as a kind reports it; the catalog fills in kind, item, source and (by default) place. */
export type KindEvent = Pick<ActivityEvent, 'who' | 'act' | 'when' | 'echo'> & { place?: string };

/** What a kind may read of other kinds when it derives events from them (`related`), after every summary is settled. */
export interface RelatedContext {
  /** Settled summaries of any kind (people already counted or dropped). */
  items(kind: string): readonly ItemSummary[];
}

/** What every catalog summary has, whatever its kind. Kinds add their own fields. */
export interface ItemSummary {
  /** Unique within its kind across the portal, e.g. `<source>:<number>` for a change. */
  key: string;
  kind: string;
  source: string;
  /** What a list or a search result shows as its title. */
  title: string;
  created?: string;
  updated: string;
  /** The place it belongs to (project, list, team, repository), by name within its source. */
  place?: string;
  /** Site-relative path of its page, without the base. */
  path: string;
  /** Link to it upstream. */
  url?: string;
}

/** One word of a kind's status vocabulary: the stored value, the facet it falls in, and what readers see. */
export interface StatusWord {
  value: string;
  facet: string;
  label: string;
}

/** What the catalog hands a kind when it settles summaries after every item is read. */
export interface SettleContext {
  /** Whether a person key is a counted contributor (a human who did not opt out). */
  counts(personKey: string): boolean;
  /** Free text with opted-out people's names replaced. */
  redact(text: string): string;
}

/**
 * One searchable page. Kinds give theirs through `search`; people and place
 * pages have their own; the index builder knows nothing else about them.
 */
export interface SearchDoc {
  /** Unique across the portal, e.g. `demo:change:10001`. */
  id: string;
  /** Site-relative page path without the base, e.g. `changes/demo/10001/`. */
  path: string;
  title: string;
  /** Plain text; providers cap it to a few KB. */
  body: string;
  /**
   * Who the page is about or by, as shown: a person's name and username, a
   * change owner's. Indexed (boosted, so a name finds the person, then what
   * they own, before pages that only mention them), not stored.
   */
  people?: string;
  /** Source id from the config. */
  source: string;
  /** `change`, `person`, `project`, or another kind's name. */
  kind: string;
  project?: string;
  /** ISO 8601 (UTC). */
  date: string;
  status?: string;
  /** Who wrote it, as a result shows it ("Ada Lovelace"); for kinds whose pages are by one person (messages). */
  byline?: string;
}

/**
 * What a kind's page and search documents may ask about the people they show,
 * as the catalog settled it over every item of every kind.
 */
export interface PeopleView {
  /** Opted out: name and words stay off pages and out of the index. */
  isHidden(personKey: string): boolean;
  /** Automation. */
  isBot(personKey: string): boolean;
  /** The name, username and page the site shows for a person. */
  person(personKey: string): { name: string; username?: string; path?: string } | undefined;
  /** Free text with opted-out people's names replaced. */
  redact(text: string): string;
  /** `redact`, and opted-out people's first names too: for conversations, where people greet and sign by first name. */
  redactStrict(text: string): string;
}

/** One fact at the top of an item page: text, a time, a person (by key) or an outside link. */
export interface PageFact {
  label: string;
  text?: string;
  /** ISO 8601; shown as a UTC date and time. */
  time?: string;
  /** A person key: shown by name, linked to their page. */
  person?: string;
  /** An upstream URL for `text`. */
  href?: string;
}

/** A part of an item page: paragraphs of plain text, or dated entries by people (comments, replies). */
export interface PageSection {
  heading: string;
  paragraphs?: string[];
  entries?: { who?: string; when?: string; text: string }[];
}

/**
 * An item page as a kind describes it. The generic page (src/pages/[...page].astro)
 * renders it in the site layout; escaping, names and links are the page's job,
 * so a kind returns plain text only.
 */
export interface ItemPage {
  title: string;
  facts: PageFact[];
  sections: PageSection[];
}

export interface KindDefinition<T = unknown, S extends ItemSummary = ItemSummary> {
  /** The stored kind (`content/<source>/<kind>/`). */
  kind: string;
  /** Words for it: `{ one: 'review', many: 'reviews' }`. */
  label: { one: string; many: string };
  /** Its list pages in the site's navigation, when it has them (`{ id: 'reviews', path: 'reviews/' }`); `label` defaults to `label.many`. */
  nav?: { id: string; path: string; label?: string };
  /** What its places are called (`project`, `list`, `team`, `repository`). */
  placeLabel?: { one: string; many: string };
  /** The home page counts it and lists its latest items (default: kinds with a generic `page`). */
  home?: boolean;
  /** Its `nav` page lists its places (mailing lists), so the places entry of the navigation leaves them out. */
  navListsPlaces?: boolean;
  /** Its data, checked when an item is read back from the store. */
  schema: z.ZodType<T>;
  /** The small list-friendly view the catalog keeps (full items stay in the store). */
  summarise(item: Item<T>): S;
  /** Every account the item mentions, by native id (identity, bot and opt-out settling). */
  accounts(item: Item<T>): Iterable<[string, Account]>;
  /** What people did in it. Bots and opted-out people are dropped by the catalog. */
  activity(item: Item<T>, summary: S): KindEvent[];
  /**
   * Acts on its items that other kinds' items record (reviews of a spec are
   * reviews of the changes that touched it): called once with all of its
   * settled summaries, after every kind settled. Events of uncounted people
   * are dropped by the catalog, as for `activity`.
   */
  related?(summaries: readonly S[], ctx: RelatedContext): Iterable<{ item: S; event: KindEvent }>;
  /** What its search documents' date is, before it in a result (`held`); `updated` when absent. */
  searchDate?: string;
  /** Status vocabulary, defined once for every page, list and search result. */
  statuses?: readonly StatusWord[];
  /** The status value of a summary, when the kind has statuses. */
  status?(summary: S): string;
  /** Called once per summary after bots and opt-outs are settled (drop uncounted people, redact text). */
  settle?(summary: S, ctx: SettleContext): void;
  /** Words for its acts: `{ authored: { counted: 'changes authored', did: 'authored' } }`. */
  acts: Record<string, { counted: string; did: string }>;
  /** List order; newest update first when absent. */
  compare?(a: S, b: S): number;
  /**
   * Its search documents (usually one: its page). Read from the store at build
   * time, after the catalog settled people, so names shown are names indexed.
   */
  search?(item: Item<T>, summary: S, people: PeopleView): SearchDoc | SearchDoc[];
  /**
   * Its page, for kinds without a page of their own: the generic route renders
   * it at `summary.path`, and lists the kind's items at `nav.path` (which every
   * `summary.path` must start with). Kinds with their own pages (changes) leave it out.
   */
  page?(item: Item<T>, summary: S, people: PeopleView): ItemPage;
}
