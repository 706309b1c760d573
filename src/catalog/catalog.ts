import type { AgoraConfig } from '../config/schema.ts';
import type { Change } from '../model/change.ts';
import type { Item } from '../model/item.ts';
import { personKey, type Account } from '../model/person.ts';
import { personPath, projectPath, projectSlug } from './slug.ts';
import { summariseChange } from './summarise.ts';
import { OPTED_OUT_NAME, UNKNOWN_ORG, type ChangeSummary, type Person, type ProjectSummary } from './types.ts';

/**
 * Everything the pages need to list and count, built in one pass over the
 * stored changes. Full change bodies are not kept: a change page reads its
 * own item from the store, so memory stays proportional to the summaries.
 */
export class Catalog {
  /** Newest update first. */
  readonly changes: ChangeSummary[] = [];
  readonly people = new Map<string, Person>();
  readonly projects = new Map<string, ProjectSummary>();
  readonly byKey = new Map<string, ChangeSummary>();
  private readonly optOut: Set<string>;
  /** Names of opted-out people seen so far, for redacting free text. */
  private readonly hiddenNames = new Set<string>();
  private redactPattern?: RegExp;
  private readonly projectPeople = new Map<string, Set<string>>();

  constructor(private readonly config: Pick<AgoraConfig, 'affiliations' | 'privacy'>) {
    this.optOut = new Set(config.privacy.optOut.map((s) => s.toLowerCase()));
  }

  /** Whether a person asked to be left out (matched by key, name or username). */
  isOptedOut(account: Pick<Account, 'name' | 'username'>, key: string): boolean {
    return this.optOut.has(key.toLowerCase()) || this.optOut.has(account.name.toLowerCase()) || (account.username !== undefined && this.optOut.has(account.username.toLowerCase()));
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

  add(item: Item<Change>): void {
    const c = item.data;
    const hidden = new Set<string>();
    for (const [id, account] of Object.entries(c.accounts)) {
      const key = personKey(item.source, id);
      if (this.isOptedOut(account, key)) hidden.add(key);
      this.notePerson(item.source, id, account, hidden.has(key));
    }
    const summary = summariseChange(item, (k) => hidden.has(k));
    this.changes.push(summary);
    this.byKey.set(summary.key, summary);
    if (summary.owner) {
      const p = this.people.get(summary.owner);
      if (p) {
        p.changesAuthored++;
        this.touch(p, summary.created);
        this.touch(p, summary.updated);
      }
    }
    for (const r of summary.reviews) {
      const p = this.people.get(r.by);
      if (p) {
        p.reviewsGiven++;
        this.touch(p, r.date);
      }
    }
    this.noteProject(summary);
  }

  /** Sorts once all items are in. */
  finish(): this {
    this.changes.sort((a, b) => b.updated.localeCompare(a.updated) || b.number - a.number);
    return this;
  }

  /** People with a page: humans who did something and did not opt out. */
  contributors(): Person[] {
    return [...this.people.values()]
      .filter((p) => p.path && (p.changesAuthored > 0 || p.reviewsGiven > 0))
      .sort((a, b) => b.changesAuthored + b.reviewsGiven - (a.changesAuthored + a.reviewsGiven) || a.name.localeCompare(b.name));
  }

  /**
   * Free text (commit messages, review comments) with the names and usernames
   * of opted-out people replaced, so a Signed-off-by line does not undo the opt-out.
   */
  redact(text: string): string {
    if (this.hiddenNames.size === 0) return text;
    this.redactPattern ??= new RegExp(
      `(?<![\\p{L}\\p{N}_])(?:${[...this.hiddenNames].sort((a, b) => b.length - a.length).map(escapeRegExp).join('|')})(?![\\p{L}\\p{N}_])`,
      'giu',
    );
    return text.replace(this.redactPattern, OPTED_OUT_NAME);
  }

  /** Changes owned by a person, newest update first (index built on first use). */
  authoredBy(key: string): ChangeSummary[] {
    this.indexPeople();
    return this.authoredIndex!.get(key) ?? [];
  }

  /** Review actions by a person, newest first. */
  reviewsBy(key: string): { change: ChangeSummary; date: string }[] {
    this.indexPeople();
    return this.reviewIndex!.get(key) ?? [];
  }

  private authoredIndex?: Map<string, ChangeSummary[]>;
  private reviewIndex?: Map<string, { change: ChangeSummary; date: string }[]>;

  private indexPeople(): void {
    if (this.authoredIndex) return;
    const authored = new Map<string, ChangeSummary[]>();
    const reviews = new Map<string, { change: ChangeSummary; date: string }[]>();
    for (const c of this.changes) {
      if (c.owner) (authored.get(c.owner) ?? authored.set(c.owner, []).get(c.owner)!).push(c);
      for (const r of c.reviews) (reviews.get(r.by) ?? reviews.set(r.by, []).get(r.by)!).push({ change: c, date: r.date });
    }
    for (const list of reviews.values()) list.sort((a, b) => b.date.localeCompare(a.date));
    this.authoredIndex = authored;
    this.reviewIndex = reviews;
  }

  nameOf(key: string | undefined): string {
    if (!key) return OPTED_OUT_NAME;
    return this.people.get(key)?.name ?? 'Unknown account';
  }

  private notePerson(source: string, id: string, account: Account, hidden: boolean): void {
    const key = personKey(source, id);
    const existing = this.people.get(key);
    if (existing) {
      // Later items may know more (a name where an earlier one only had the id).
      if (!hidden && existing.name.startsWith('Account ') && !account.name.startsWith('Account ')) existing.name = account.name;
      return;
    }
    if (hidden) {
      for (const n of [account.name, account.username]) if (n && n.length > 2 && !n.startsWith('Account ')) this.hiddenNames.add(n);
      this.redactPattern = undefined;
    }
    this.people.set(key, {
      key,
      source,
      accountId: id,
      name: hidden ? OPTED_OUT_NAME : account.name,
      username: hidden ? undefined : account.username,
      org: hidden ? UNKNOWN_ORG : this.orgOf(account),
      isBot: account.isBot,
      path: account.isBot || hidden ? undefined : personPath(source, id),
      changesAuthored: 0,
      reviewsGiven: 0,
    });
  }

  private touch(p: Person, date: string): void {
    if (!p.firstSeen || date < p.firstSeen) p.firstSeen = date;
    if (!p.lastSeen || date > p.lastSeen) p.lastSeen = date;
  }

  private noteProject(s: ChangeSummary): void {
    let p = this.projects.get(s.project);
    if (!p) {
      p = { name: s.project, source: s.source, slug: projectSlug(s.project), path: projectPath(s.project), changes: 0, merged: 0, open: 0, abandoned: 0, contributors: 0 };
      this.projects.set(s.project, p);
    }
    p.changes++;
    if (s.status === 'MERGED') p.merged++;
    else if (s.status === 'NEW') p.open++;
    else p.abandoned++;
    if (!p.lastActivity || s.updated > p.lastActivity) p.lastActivity = s.updated;
    let people = this.projectPeople.get(s.project);
    if (!people) this.projectPeople.set(s.project, (people = new Set()));
    if (s.owner) people.add(s.owner);
    for (const r of s.reviews) people.add(r.by);
    p.contributors = people.size;
  }
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

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
