import type { ChangeSummary, Person } from '../catalog/types.ts';
import { day } from '../lib/format.ts';
import { statusLabel } from '../kinds/change/status.ts';
import { maskEmail } from '../model/person.ts';
import type { SearchDoc } from './types.ts';

/** Changes per list the person page shows (its LIMIT), so the document holds what a reader sees there. */
export const PERSON_LISTED = 100;
export const MAX_PERSON_BODY_CHARS = 12_000;

export interface PersonActivity {
  /** Changes the person owns, newest update first (Catalog.authoredBy). */
  authored: readonly ChangeSummary[];
  /** Their reviews, newest first (Catalog.reviewsBy). */
  reviewed: readonly { change: ChangeSummary; date: string }[];
  /** Their acts on items of other kinds, newest first, as the page's timeline words them ("posted: Subject"). */
  other?: readonly string[];
  /** All their acts, of every kind: the page's timeline says when it shows only the latest. */
  acts?: number;
  /** Places they were active in with their counts, as the page's "Active in" line shows them. */
  places?: readonly (readonly [string, number])[];
}

/**
 * A contributor's page as a search document (pure): the name as title, name
 * and username as `people` (so either finds the page first), and as body what
 * the page shows: username, organisation, source, counts (by status, as the
 * rows show it), first and last seen, projects, then the subjects of the
 * changes they authored and reviewed. Only for people with a page: bots and
 * people who opted out have none, and get no document.
 */
export function personToDoc(person: Person, activity: PersonActivity): SearchDoc {
  if (!person.path) throw new Error(`search: ${person.key} has no person page (a bot or opted out) and gets no document`);
  const { authored, reviewed, other = [] } = activity;
  const byStatus = new Map<string, number>();
  for (const c of authored) byStatus.set(c.status, (byStatus.get(c.status) ?? 0) + 1);
  const projects = new Map<string, number>();
  for (const c of authored) projects.set(c.project, (projects.get(c.project) ?? 0) + 1);
  const reviewedIn = [...new Set(reviewed.slice(0, PERSON_LISTED).map((r) => r.change.project))].filter((p) => !projects.has(p));
  const statuses = [...byStatus].sort((a, b) => b[1] - a[1]).map(([st, n]) => `${n} ${statusLabel(st).toLowerCase()}`);
  const summary = [
    person.username && `Username ${person.username}.`,
    `Affiliation ${person.org}. Source ${person.source}.`,
    `${authored.length} changes authored${statuses.length ? ` (${statuses.join(', ')})` : ''}, ${reviewed.length} reviews given.`,
    person.firstSeen && `First seen ${day(person.firstSeen)}, last seen ${day(person.lastSeen)}.`,
    projects.size > 0 && `Projects: ${[...projects].sort((a, b) => b[1] - a[1]).map(([p, n]) => `${p} (${n})`).join(', ')}.`,
    reviewedIn.length > 0 && `Also reviewed in ${reviewedIn.join(', ')}.`,
    activity.places?.length && `Active in: ${activity.places.map(([p, n]) => `${p} (${n})`).join(', ')}.`,
  ].filter(Boolean);
  const lists = [
    `Changes authored: ${list(authored.slice(0, PERSON_LISTED).map(listed))}.${more(authored.length, 'most recently updated')}`,
    `Reviews given: ${list(reviewed.slice(0, PERSON_LISTED).map((r) => listed(r.change)))}.${more(reviewed.length, 'most recent')}`,
    ...(other.length ? [`Other activity: ${list(other.slice(0, PERSON_LISTED))}.`] : []),
    ...(activity.acts !== undefined && activity.acts > PERSON_LISTED ? [`Activity: showing the ${PERSON_LISTED} most recent of ${activity.acts}.`] : []),
  ];
  const body = [summary.join(' '), ...lists].join('\n\n');
  return {
    id: `${person.source}:person:${person.accountId}`,
    path: person.path,
    title: maskEmail(person.name),
    body: maskEmail(body.length > MAX_PERSON_BODY_CHARS ? body.slice(0, body.lastIndexOf(' ', MAX_PERSON_BODY_CHARS)) : body),
    people: maskEmail([person.name, person.username].filter(Boolean).join(' ')),
    source: person.source,
    kind: 'person',
    date: person.lastSeen ?? person.firstSeen ?? '',
  };
}

function list(items: string[]): string {
  return items.length ? items.join('; ') : 'none';
}

/** The page's note under a list it cut. */
function more(total: number, which: string): string {
  return total > PERSON_LISTED ? ` Showing the ${PERSON_LISTED} ${which} of ${total}.` : '';
}

/** A change as its row reads: subject, and the branch when it is not the main one. */
function listed(c: ChangeSummary): string {
  return c.branch !== 'master' && c.branch !== 'main' ? `${c.subject} (${c.branch})` : c.subject;
}
