import type { AgoraConfig } from '../config/schema.ts';
import type { Change } from '../model/change.ts';
import type { Item } from '../model/item.ts';
import { personKey, type Account } from '../model/person.ts';
import { personPath, projectPath, projectSlugs } from './slug.ts';
import { summariseChange } from './summarise.ts';
import { OPTED_OUT_NAME, UNKNOWN_ORG, type ActivityEvent, type ChangeSummary, type Person, type ProjectSummary } from './types.ts';

/** What the items say about one account, merged over every change it appears in. */
interface Seen {
  source: string;
  accountId: string;
  name: string;
  username?: string;
  emailDomain?: string;
  /** Changes the account appears in, and in how many of them it looked like automation. */
  changes: number;
  botIn: number;
  names: Set<string>;
}

const PLACEHOLDER = /^Account \d+$/;

/**
 * Everything the pages need to list and count, built from the stored changes
 * in two steps: `add` each item (one pass over the store), then `finish`,
 * which decides once per person whether they are a bot or opted out (a later
 * change may know more than the first) and only then counts. Full change
 * bodies are not kept: a change page reads its own item from the store.
 */
export class Catalog {
  /** Newest update first (after `finish`). */
  readonly changes: ChangeSummary[] = [];
  readonly people = new Map<string, Person>();
  readonly projects = new Map<string, ProjectSummary>();
  readonly byKey = new Map<string, ChangeSummary>();
  /** What counted people did, oldest first (after `finish`). */
  readonly events: ActivityEvent[] = [];
  private readonly optOut: Set<string>;
  private readonly seen = new Map<string, Seen>();
  private readonly hidden = new Set<string>();
  private readonly bots = new Set<string>();
  private readonly byProject = new Map<string, ChangeSummary[]>();
  private readonly authored = new Map<string, ChangeSummary[]>();
  private readonly reviewed = new Map<string, { change: ChangeSummary; date: string }[]>();
  private redactPattern?: RegExp;

  constructor(private readonly config: Pick<AgoraConfig, 'affiliations' | 'privacy'>) {
    this.optOut = new Set(config.privacy.optOut.map((s) => s.toLowerCase()));
  }

  add(item: Item<Change>): void {
    for (const [id, account] of Object.entries(item.data.accounts)) this.notice(item.source, id, account);
    const summary = summariseChange(item);
    this.changes.push(summary);
    this.byKey.set(summary.key, summary);
  }

  /** Settles who is a bot or opted out, then counts. Call once, after the last `add`. */
  finish(): this {
    for (const [key, s] of this.seen) {
      // Most of its changes must say so: a person who once pasted CI reports stays a person,
      // while a CI system known only by its id is flagged in nearly every change it reports on.
      if (s.botIn * 2 > s.changes) this.bots.add(key);
      if (this.optOut.has(key.toLowerCase()) || [...s.names].some((n) => this.optOut.has(n.toLowerCase()))) this.hidden.add(key);
    }
    for (const [key, s] of this.seen) this.people.set(key, this.person(key, s));
    this.changes.sort((a, b) => b.updated.localeCompare(a.updated) || b.number - a.number);
    for (const c of this.changes) {
      c.reviews = c.reviews.filter((r) => this.counts(r.by));
      c.subject = this.redact(c.subject);
      push(this.byProject, c.project, c);
      if (c.owner) {
        push(this.authored, c.owner, c);
        this.count(c.owner, 'changesAuthored', c.created, c.updated);
        if (this.counts(c.owner)) this.events.push({ who: c.owner, act: 'authored', when: c.created, kind: 'change', item: c.key, source: c.source, place: c.project });
      }
      for (const r of c.reviews) {
        push(this.reviewed, r.by, { change: c, date: r.date });
        this.count(r.by, 'reviewsGiven', r.date);
        this.events.push({ who: r.by, act: 'reviewed', when: r.date, kind: 'change', item: c.key, source: c.source, place: c.project });
      }
    }
    this.events.sort((a, b) => a.when.localeCompare(b.when) || a.who.localeCompare(b.who) || a.item.localeCompare(b.item));
    for (const list of this.reviewed.values()) list.sort((a, b) => b.date.localeCompare(a.date));
    const slugs = projectSlugs(this.byProject.keys());
    for (const [name, changes] of this.byProject) this.projects.set(name, this.project(name, slugs.get(name)!, changes));
    return this;
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
    return [...this.people.values()]
      .filter((p) => p.path && (p.changesAuthored > 0 || p.reviewsGiven > 0))
      .sort((a, b) => b.changesAuthored + b.reviewsGiven - (a.changesAuthored + a.reviewsGiven) || a.name.localeCompare(b.name));
  }

  /** Changes of a project, newest update first. */
  changesIn(project: string): ChangeSummary[] {
    return this.byProject.get(project) ?? [];
  }

  /** Changes owned by a person, newest update first. */
  authoredBy(key: string): ChangeSummary[] {
    return this.authored.get(key) ?? [];
  }

  /** Review actions by a person, newest first. */
  reviewsBy(key: string): { change: ChangeSummary; date: string }[] {
    return this.reviewed.get(key) ?? [];
  }

  /**
   * Free text (commit messages, review comments, subjects) with the names and
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

  /** A counted contributor: a known human who did not opt out. */
  private counts(key: string): boolean {
    return this.seen.has(key) && !this.bots.has(key) && !this.hidden.has(key);
  }

  private notice(source: string, id: string, account: Account): void {
    const key = personKey(source, id);
    let s = this.seen.get(key);
    if (!s) {
      s = { source, accountId: id, name: account.name, changes: 0, botIn: 0, names: new Set() };
      this.seen.set(key, s);
    }
    // Later items may know more (a name where an earlier one only had the id).
    if (PLACEHOLDER.test(s.name) && !PLACEHOLDER.test(account.name)) s.name = account.name;
    s.username ??= account.username;
    s.emailDomain ??= account.emailDomain;
    s.changes++;
    if (account.isBot) s.botIn++;
    s.names.add(account.name);
    if (account.username) s.names.add(account.username);
  }

  private person(key: string, s: Seen): Person {
    const hidden = this.hidden.has(key);
    const bot = this.bots.has(key);
    return {
      key,
      source: s.source,
      accountId: s.accountId,
      name: hidden ? OPTED_OUT_NAME : s.name,
      username: hidden ? undefined : s.username,
      org: hidden ? UNKNOWN_ORG : this.orgOf({ emailDomain: s.emailDomain, isBot: bot }),
      isBot: bot,
      path: bot || hidden ? undefined : personPath(s.source, s.accountId),
      changesAuthored: 0,
      reviewsGiven: 0,
    };
  }

  private count(key: string, field: 'changesAuthored' | 'reviewsGiven', ...dates: string[]): void {
    const p = this.people.get(key);
    if (!p) return;
    p[field]++;
    for (const d of dates) {
      if (!p.firstSeen || d < p.firstSeen) p.firstSeen = d;
      if (!p.lastSeen || d > p.lastSeen) p.lastSeen = d;
    }
  }

  private project(name: string, slug: string, changes: ChangeSummary[]): ProjectSummary {
    const people = new Set<string>();
    let merged = 0;
    let open = 0;
    for (const c of changes) {
      if (c.status === 'MERGED') merged++;
      else if (c.status === 'NEW') open++;
      if (c.owner && this.counts(c.owner)) people.add(c.owner);
      for (const r of c.reviews) people.add(r.by);
    }
    return {
      name,
      source: changes[0]!.source,
      slug,
      path: projectPath(slug),
      changes: changes.length,
      merged,
      open,
      abandoned: changes.length - merged - open,
      contributors: people.size,
      lastActivity: changes[0]?.updated,
    };
  }
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
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
