import type { Change } from '../../model/change.ts';
import { personKey, maskEmail } from '../../model/person.ts';
import type { SearchDoc } from '../types.ts';
import { changeNumber, changeStatusLabel, PLATFORM_WORDS } from './platform.ts';
import type { ChangeSummary } from './summary.ts';

/** How much prose (commit message, what humans wrote in review) one change contributes to the index. */
export const MAX_PROSE_CHARS = 4000;
/** How much of the automation reports' distinct words one change contributes. */
export const MAX_AUTOMATION_CHARS = 1500;
/** Names and patch sets listed in the facts; a page with more shows them all, the index the first ones. */
const MAX_LISTED = 60;

/** The Change-Id trailer: the facts hold the Change-Id once. Other trailers (names, bugs, links) are text the page shows. */
const CHANGE_ID_TRAILER = /^change-id:.*$/gim;
/** Gerrit's "Patch Set 3:" before the votes and the rest of a message's first line. */
const PATCH_SET_PREFIX = /^patch set \d+:[ \t]*/gim;
/**
 * Build and log ids in CI reports: 16 or more hex digits, new for every job of
 * every run. Nobody types them (the report links them), and each would be a
 * term of its own in some shard, so they are left out of automation text.
 */
const OPAQUE_ID = /(?<![\p{L}\p{N}])[0-9a-f]{16,}(?![\p{L}\p{N}])/giu;

/** What a change document needs to know about the people on the page. */
export interface ChangePeople {
  /** Opted out: their messages and their name stay out of the index. */
  isHidden(personKey: string): boolean;
  /** Automation, as the catalog settled it over every change (default: what this change says). */
  isBot?(personKey: string): boolean;
  /** The name and username the site shows for a person (default: the change's account record). */
  person?(personKey: string): { name: string; username?: string } | undefined;
  /** Replaces opted-out people's names in free text (see Catalog.redact). */
  redact?(text: string): string;
}

/**
 * A change as a search document (pure), holding what its page shows: the
 * subject as title; the owner's name and username as `people`; as body the
 * commit message (trailers too, but the Change-Id) and what humans wrote in
 * review, then the page's facts (status, number, project, branch, topic,
 * Change-Id, hashtags, patch set revisions, the names of everyone else
 * shown), then each distinct word of the automation reports (CI results,
 * links to logs and manuals), once.
 * People who opted out and bots are never indexed by name; messages of people
 * who opted out are hidden on the page and left out here too.
 */
export function changeToDoc(source: string, change: Change, summary: ChangeSummary, people: ChangePeople): SearchDoc {
  const redact = people.redact ?? ((t: string) => t);
  const keyOf = (id: string) => personKey(source, id);
  const isBot = (id: string) => (people.isBot ? people.isBot(keyOf(id)) : (change.accounts[id]?.isBot ?? false));
  const shown = (id: string | undefined) => {
    if (id === undefined || people.isHidden(keyOf(id)) || isBot(id)) return undefined;
    const p = people.person?.(keyOf(id));
    const name = p?.name ?? change.accounts[id]?.name;
    return name ? { name: redact(name), username: p ? p.username : change.accounts[id]?.username } : undefined;
  };

  const words = PLATFORM_WORDS[summary.platform];
  const prose: string[] = [];
  const automation: string[] = [];
  // The first line of a commit message is the subject, already the title; a pull request's body is all its own.
  const github = summary.platform === 'github';
  if (change.commitMessage) prose.push((github ? change.commitMessage : change.commitMessage.replace(/^[^\n]*\n?/, '')).replace(CHANGE_ID_TRAILER, '').trim());
  for (const m of change.messages) {
    if (m.author !== undefined && people.isHidden(keyOf(m.author))) continue;
    const text = m.text.replace(PATCH_SET_PREFIX, '').trim();
    if (!text) continue;
    if (m.author === undefined || isBot(m.author)) automation.push(text);
    else prose.push(text);
  }

  const owner = shown(change.owner);
  const others = new Set<string>();
  const note = (id: string | undefined) => {
    const p = id !== change.owner ? shown(id) : undefined;
    if (p) others.add(p.name);
  };
  for (const v of change.votes) note(v.by);
  for (const m of change.messages) note(m.author);
  for (const ps of change.patchSets) note(ps.uploader);
  for (const l of change.labelSummary ?? []) note(l.by);
  // Files the page shows comments on (GitHub's inline comments), by path: their words find the page.
  const files = [...new Set(change.messages.filter((m) => m.path && !(m.author !== undefined && people.isHidden(keyOf(m.author)))).map((m) => m.path!))].sort();

  const facts = [
    `${changeStatusLabel(change.status, summary.platform)} ${words.change} ${changeNumber(change, summary.platform)} in ${change.project}, branch ${change.branch}${change.topic ? `, topic ${change.topic}` : ''}.`,
    // "#12" as GitHub readers write it; a Gerrit number is found by itself.
    github && `#${change.number} ${words.name}.`,
    change.changeId && `${words.id} ${change.changeId}.`,
    change.hashtags.length > 0 && `${words.tags} ${change.hashtags.join(', ')}.`,
    change.patchSets.length > 0 && `${github ? 'Revisions' : 'Patch sets'} ${change.patchSets.slice(0, MAX_LISTED).map((ps) => `${ps.revision.slice(0, 10)}${ps.kind ? ` ${ps.kind}` : ''}`).join(', ')}.`,
    others.size > 0 && `With ${[...others].slice(0, MAX_LISTED).join(', ')}.`,
    files.length > 0 && `Comments on ${files.slice(0, MAX_LISTED).join(', ')}.`,
    // A bot owner is no person to find, but the page says "by" it: its name finds the change, not a person page.
    change.owner !== undefined && !shown(change.owner) && isBot(change.owner) && change.accounts[change.owner]?.name && `By ${change.accounts[change.owner]!.name}.`,
    // The design specs the page links (joined by these at build time).
    summary.mentions?.blueprints.length && `Implements blueprint ${summary.mentions.blueprints.join(', ')}.`,
    summary.mentions?.files.length && `Spec ${summary.mentions.files.join(', ')}.`,
  ].filter(Boolean);

  const body = [
    cut(maskEmail(redact(prose.join('\n\n'))), MAX_PROSE_CHARS),
    // Kept past the prose cap, so `12345`, a topic, a Change-Id or a reviewer's name always find the change.
    maskEmail(redact(facts.join(' '))),
    cut(distinctWords(maskEmail(redact(automation.join('\n'))).replace(OPAQUE_ID, ' ')), MAX_AUTOMATION_CHARS),
  ].filter((s) => s !== '');
  return {
    id: `${source}:change:${summary.ref}`,
    path: summary.path,
    title: maskEmail(redact(change.subject)),
    body: body.join('\n\n'),
    people: owner && maskEmail([owner.name, owner.username].filter(Boolean).join(' ')),
    source,
    kind: 'change',
    project: change.project,
    date: summary.updated,
    status: summary.status,
  };
}

/** Each white-space separated word once, first occurrence first (CI reports repeat themselves). */
export function distinctWords(text: string): string {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const w of text.split(/\s+/)) {
    const key = w.toLowerCase();
    if (w === '' || seen.has(key)) continue;
    seen.add(key);
    out.push(w);
  }
  return out.join(' ');
}

/** The first `max` characters, at a word boundary when one is near. */
function cut(text: string, max: number): string {
  if (text.length <= max) return text;
  const space = text.lastIndexOf(' ', max);
  return text.slice(0, space > max * 0.8 ? space : max).trimEnd();
}
