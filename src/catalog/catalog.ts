import type { AgoraConfig } from '../config/schema.ts';
import { placeKey } from '../lib/places.ts';
import type { Item } from '../model/item.ts';
import { personKey, type Account } from '../model/person.ts';
import type { KindRegistry } from '../kinds/registry.ts';
import type { ActivityEvent, ItemSummary, KindDefinition, PeopleView } from '../kinds/types.ts';
import { personPath, projectPath, projectSlugs } from './slug.ts';
import { OPTED_OUT_NAME, UNKNOWN_ORG, type Person, type Place } from './types.ts';

/** Places are keyed by `placeKey(source, name)`; it lives in src/lib/places.ts (charts use it too) and stays importable from here. */
export { placeKey };

/** What the items say about one account, merged over every item it appears in. */
interface Seen {
  source: string;
  accountId: string;
  name: string;
  username?: string;
  emailDomain?: string;
  /** Items the account appears in, and in how many of them it looked like automation. */
  items: number;
  botIn: number;
  names: Set<string>;
}

const PLACEHOLDER = /^Account \d+$/;

/**
 * Everything the pages need to list and count, for every kind of item, built
 * in two steps: `add` each item (one pass over the store), then `finish`,
 * which decides once per person whether they are a bot or opted out (a later
 * item may know more than the first), settles each kind's summaries, and only
 * then counts people, places and organisations from the activity events.
 * Full items are not kept: an item's page reads it from the store.
 */
export class Catalog {
  readonly people = new Map<string, Person>();
  /** Places by `placeKey(source, name)`. */
  readonly places = new Map<string, Place>();
  /** What counted people did, oldest first (after `finish`). */
  readonly events: ActivityEvent[] = [];
  private readonly summaries = new Map<string, ItemSummary[]>();
  private readonly index = new Map<string, ItemSummary>();
  /** Summary key by stored item id, and back. */
  private readonly keys = new Map<string, string>();
  private readonly ids = new Map<string, string>();
  private readonly pending: ActivityEvent[] = [];
  private readonly optOut: Set<string>;
  private readonly seen = new Map<string, Seen>();
  private readonly hidden = new Set<string>();
  private readonly bots = new Set<string>();
  private readonly byPerson = new Map<string, ActivityEvent[]>();
  private readonly byPlace = new Map<string, ItemSummary[]>();
  private redactPattern?: RegExp;
  private strictPattern?: RegExp | null;

  constructor(
    private readonly config: Pick<AgoraConfig, 'affiliations' | 'privacy'>,
    readonly kinds: KindRegistry,
  ) {
    this.optOut = new Set(config.privacy.optOut.map((s) => s.toLowerCase()));
  }

  /**
   * More people to leave out, by account key: those the config names by e-mail
   * address, whose keys only the source's identity key can tell (loadSite).
   * Call before `finish`.
   */
  optOutKeys(keys: Iterable<string>): void {
    for (const k of keys) this.optOut.add(k.toLowerCase());
  }

  add(item: Item<unknown>): void {
    const def = this.kind(item.kind);
    for (const [id, account] of def.accounts(item)) this.notice(item.source, id, account);
    const summary = def.summarise(item);
    push(this.summaries, def.kind, summary);
    this.index.set(indexKey(def.kind, summary.key), summary);
    this.keys.set(item.id, summary.key);
    this.ids.set(indexKey(def.kind, summary.key), item.id);
    for (const e of def.activity(item, summary)) {
      this.pending.push({ ...e, kind: def.kind, item: summary.key, source: summary.source, place: e.place ?? summary.place });
    }
  }

  /** Settles who is a bot or opted out, then counts. Call once, after the last `add`. */
  finish(): this {
    for (const [key, s] of this.seen) {
      // Most of its items must say so: a person who once pasted CI reports stays a person,
      // while a CI system known only by its id is flagged in nearly every item it reports on.
      if (s.botIn * 2 > s.items) this.bots.add(key);
      if (this.optOut.has(key.toLowerCase()) || [...s.names].some((n) => this.optOut.has(n.toLowerCase()))) this.hidden.add(key);
    }
    for (const [key, s] of this.seen) this.people.set(key, this.person(key, s));
    const settle = { counts: (k: string) => this.counts(k), redact: (t: string) => this.redact(t) };
    for (const [kind, list] of this.summaries) {
      const def = this.kind(kind);
      list.sort(def.compare ? (a, b) => def.compare!(a, b) : newestFirst);
      for (const s of list) {
        def.settle?.(s, settle);
        if (s.place !== undefined) push(this.byPlace, placeKey(s.source, s.place), s);
      }
    }
    this.addRelated();
    for (const e of this.pending) if (this.counts(e.who)) this.events.push(e);
    this.pending.length = 0;
    this.events.sort((a, b) => a.when.localeCompare(b.when) || a.who.localeCompare(b.who) || a.item.localeCompare(b.item) || a.act.localeCompare(b.act));
    for (const e of this.events) {
      push(this.byPerson, e.who, e);
      const p = this.people.get(e.who);
      if (!p) continue;
      const act = `${e.kind}:${e.act}`;
      p.acts[act] = (p.acts[act] ?? 0) + 1;
      if (!e.echo) p.activity++;
      if (!p.firstSeen || e.when < p.firstSeen) p.firstSeen = e.when;
      if (!p.lastSeen || e.when > p.lastSeen) p.lastSeen = e.when;
    }
    this.buildPlaces();
    return this;
  }

  /** Events kinds derive from other kinds' settled summaries (`KindDefinition.related`). */
  private addRelated(): void {
    const ctx = { items: (kind: string) => this.items(kind) };
    for (const def of this.kinds.all()) {
      const own = this.summaries.get(def.kind);
      if (!def.related || !own?.length) continue;
      for (const { item, event: e } of def.related(own, ctx)) {
        this.pending.push({ ...e, kind: def.kind, item: item.key, source: item.source, place: e.place ?? item.place });
      }
    }
  }

  /** Every summary of a kind, newest update first. */
  items<S extends ItemSummary = ItemSummary>(kind: string): readonly S[] {
    return (this.summaries.get(kind) ?? []) as S[];
  }

  /** One summary by kind and key. */
  item<S extends ItemSummary = ItemSummary>(kind: string, key: string): S | undefined {
    return this.index.get(indexKey(kind, key)) as S | undefined;
  }

  /** The summary key of a stored item (by its envelope id). */
  keyOf(item: Pick<Item<unknown>, 'id'>): string | undefined {
    return this.keys.get(item.id);
  }

  /** The stored item id (`<source>:<kind>:<native id>`) behind a summary, to read the full item. */
  itemIdOf(kind: string, key: string): string | undefined {
    return this.ids.get(indexKey(kind, key));
  }

  /** Kinds that have at least one item, in registry order. */
  presentKinds(): KindDefinition<unknown, ItemSummary>[] {
    return this.kinds.all().filter((k) => (this.summaries.get(k.kind)?.length ?? 0) > 0);
  }

  place(source: string, name: string): Place | undefined {
    return this.places.get(placeKey(source, name));
  }

  /** The place an item belongs to. */
  placeOf(summary: Pick<ItemSummary, 'source' | 'place'>): Place | undefined {
    return summary.place === undefined ? undefined : this.place(summary.source, summary.place);
  }

  /** Items in a place (of one kind, or all), newest update first. */
  itemsIn<S extends ItemSummary = ItemSummary>(place: Pick<Place, 'source' | 'name'>, kind?: string): S[] {
    const all = (this.byPlace.get(placeKey(place.source, place.name)) ?? []) as S[];
    return kind === undefined ? [...all].sort(newestFirst) : all.filter((s) => s.kind === kind);
  }

  /** A person's counted acts, oldest first. */
  eventsOf(key: string): readonly ActivityEvent[] {
    return this.byPerson.get(key) ?? [];
  }

  /** Whether a person asked to be left out (by key, name or username). */
  isHidden(key: string): boolean {
    return this.hidden.has(key);
  }

  isBot(key: string): boolean {
    return this.bots.has(key);
  }

  orgOf(account: Pick<Account, 'emailDomain' | 'isBot'>): string {
    if (account.isBot) return 'Automation';
    const domain = account.emailDomain;
    if (!domain) return UNKNOWN_ORG;
    // Match the domain or any parent domain (mail.corp.example -> corp.example).
    const parts = domain.split('.');
    for (let i = 0; i < parts.length - 1; i++) {
      const org = this.config.affiliations[parts.slice(i).join('.')];
      if (org) return org;
    }
    return UNKNOWN_ORG;
  }

  /** People with a page: humans who did something and did not opt out, most active first. */
  contributors(): Person[] {
    return [...this.people.values()].filter((p) => p.path && p.activity > 0).sort((a, b) => b.activity - a.activity || a.name.localeCompare(b.name));
  }

  /**
   * Free text (commit messages, comments, subjects) with the names and
   * usernames of opted-out people replaced, so a Signed-off-by line does not undo the opt-out.
   */
  redact(text: string): string {
    if (this.hidden.size === 0) return text;
    if (!this.redactPattern) {
      const names = [...this.hidden].flatMap((k) => [...(this.seen.get(k)?.names ?? [])]).filter((n) => n.length > 2 && !PLACEHOLDER.test(n));
      if (names.length === 0) return text;
      const alternatives = [...new Set(names)].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|');
      this.redactPattern = new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives})(?![\\p{L}\\p{N}_])`, 'giu');
    }
    return text.replace(this.redactPattern, OPTED_OUT_NAME);
  }

  /**
   * `redact`, and also the first names of opted-out people ("Hi Connor,", a "Connor" sign-off):
   * for conversations (mail), where people are greeted and sign by first name. Another person
   * with the same first name loses it too there: the opt-out weighs more.
   */
  redactStrict(text: string): string {
    const full = this.redact(text);
    if (this.strictPattern === undefined) {
      const firsts = [...this.hidden]
        .flatMap((k) => [...(this.seen.get(k)?.names ?? [])])
        .filter((n) => !PLACEHOLDER.test(n) && /\s/.test(n.trim()))
        .map((n) => n.trim().split(/\s+/)[0]!)
        .filter((f) => f.length > 2);
      this.strictPattern = firsts.length ? new RegExp(`(?<![\\p{L}\\p{N}_])(?:${[...new Set(firsts)].map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`, 'gu') : null;
    }
    return this.strictPattern ? full.replace(this.strictPattern, 'a participant') : full;
  }

  /** A counted contributor: a known human who did not opt out. */
  counts(key: string): boolean {
    return this.seen.has(key) && !this.bots.has(key) && !this.hidden.has(key);
  }

  private kind(kind: string): KindDefinition<unknown, ItemSummary> {
    const def = this.kinds.get(kind);
    if (!def) throw new Error(`no kind "${kind}" is registered (known: ${this.kinds.all().map((k) => k.kind).join(', ')})`);
    return def;
  }

  private notice(source: string, id: string, account: Account): void {
    const key = personKey(source, id);
    let s = this.seen.get(key);
    if (!s) {
      s = { source, accountId: id, name: account.name, items: 0, botIn: 0, names: new Set() };
      this.seen.set(key, s);
    }
    // Later items may know more (a name where an earlier one only had the id).
    if (PLACEHOLDER.test(s.name) && !PLACEHOLDER.test(account.name)) s.name = account.name;
    s.username ??= account.username;
    s.emailDomain ??= account.emailDomain;
    s.items++;
    if (account.isBot) s.botIn++;
    s.names.add(account.name);
    if (account.username) s.names.add(account.username);
  }

  private person(key: string, s: Seen): Person {
    const hidden = this.hidden.has(key);
    const bot = this.bots.has(key);
    return {
      key,
      accounts: [key],
      source: s.source,
      accountId: s.accountId,
      name: hidden ? OPTED_OUT_NAME : s.name,
      username: hidden ? undefined : s.username,
      org: hidden ? UNKNOWN_ORG : this.orgOf({ emailDomain: s.emailDomain, isBot: bot }),
      isBot: bot,
      path: bot || hidden ? undefined : personPath(s.source, s.accountId),
      acts: {},
      activity: 0,
    };
  }

  /**
   * Places from the summaries that name one. A name that appears in one source
   * keeps its readable slug; the same name in several sources is told apart by
   * the source id.
   */
  private buildPlaces(): void {
    const sourcesOf = new Map<string, Set<string>>();
    for (const list of this.byPlace.values()) {
      const s = list[0]!;
      let set = sourcesOf.get(s.place!);
      if (!set) sourcesOf.set(s.place!, (set = new Set()));
      set.add(s.source);
    }
    const ident = (source: string, name: string) => ((sourcesOf.get(name)?.size ?? 0) > 1 ? `${source}/${name}` : name);
    const slugs = projectSlugs([...this.byPlace.values()].map((l) => ident(l[0]!.source, l[0]!.place!)));
    const people = new Map<string, Set<string>>();
    for (const e of this.events) {
      if (e.place === undefined) continue;
      const k = placeKey(e.source, e.place);
      let set = people.get(k);
      if (!set) people.set(k, (set = new Set()));
      set.add(e.who);
    }
    for (const [key, list] of this.byPlace) {
      const first = list[0]!;
      const name = first.place!;
      const slug = slugs.get(ident(first.source, name))!;
      const byKind: Record<string, number> = {};
      const facets: Record<string, Record<string, number>> = {};
      let firstActivity: string | undefined;
      let lastActivity: string | undefined;
      let label = { one: 'place', many: 'places' };
      for (const s of list) {
        const def = this.kind(s.kind);
        label = def.placeLabel ?? label;
        byKind[s.kind] = (byKind[s.kind] ?? 0) + 1;
        const status = def.status?.(s);
        const facet = status === undefined ? undefined : def.statuses?.find((w) => w.value === status)?.facet;
        if (facet) {
          const f = (facets[s.kind] ??= {});
          f[facet] = (f[facet] ?? 0) + 1;
        }
        const start = s.created ?? s.updated;
        if (!firstActivity || start < firstActivity) firstActivity = start;
        if (!lastActivity || s.updated > lastActivity) lastActivity = s.updated;
      }
      this.places.set(key, {
        key,
        source: first.source,
        name,
        label,
        slug,
        path: projectPath(slug),
        items: list.length,
        byKind,
        facets,
        contributors: people.get(key)?.size ?? 0,
        firstActivity,
        lastActivity,
      });
    }
  }
}

function indexKey(kind: string, key: string): string {
  return `${kind}\u001f${key}`;
}

function newestFirst(a: ItemSummary, b: ItemSummary): number {
  return b.updated.localeCompare(a.updated) || (a.key < b.key ? 1 : a.key > b.key ? -1 : 0);
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** What kinds' pages and search documents may ask about people (PeopleView). */
export function peopleView(catalog: Catalog): PeopleView {
  return {
    isHidden: (key) => catalog.isHidden(key),
    isBot: (key) => catalog.isBot(key),
    person: (key) => catalog.people.get(key),
    redact: (t) => catalog.redact(t),
    redactStrict: (t) => catalog.redactStrict(t),
  };
}

/** Display names (and page paths) for the people a page shows, keyed by person key. */
export function namesFor(catalog: Catalog, keys: Iterable<string | undefined>): Record<string, { name: string; path?: string }> {
  const out: Record<string, { name: string; path?: string }> = {};
  for (const k of keys) {
    if (!k || out[k]) continue;
    const p = catalog.people.get(k);
    out[k] = { name: p?.name ?? 'Unknown account', path: p?.path };
  }
  return out;
}
