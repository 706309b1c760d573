import type { Change } from '../../model/change.ts';
import type { Item } from '../../model/item.ts';
import { personKey } from '../../model/person.ts';
import type { ItemSummary } from '../types.ts';
import { changeRef, platformOf, type ReviewPlatform } from './platform.ts';
import type { ChangeStatusValue } from './status.ts';

/** The list-friendly view of a code review change. */
export interface ChangeSummary extends ItemSummary {
  kind: 'change';
  number: number;
  /** The native id it is keyed and paged under (`changeRef`): the number on Gerrit, `owner/name/12` on GitHub. */
  ref: string;
  /** Whose words its pages use (`PLATFORM_WORDS`). */
  platform: ReviewPlatform;
  /** GitHub: a draft pull request. */
  draft?: boolean;
  /** The project (also the summary's `place`). */
  project: string;
  branch: string;
  subject: string;
  status: ChangeStatusValue;
  /** Person key of the owner (`<source>:<account id>`); an opted-out owner's Person carries the neutral name. */
  owner?: string;
  created: string;
  updated: string;
  submitted?: string;
  insertions: number;
  deletions: number;
  patchSets: number;
  /** Humans (not the owner, not bots, not opted out) who voted or commented, as person keys, with when (after the catalog settles). */
  reviews: { by: string; date: string }[];
  topic?: string;
  /**
   * What the change names that other kinds link to: blueprints (`Implements: blueprint x`,
   * `Partially-Implements: blueprint x`, a `bp/x` topic) and the spec-like files of its last patch
   * set (under `specs/` or `keps/`, or named in the commit message). Absent when it names none.
   */
  mentions?: { blueprints: string[]; files: string[] };
  /** Site-relative path of the change page, without the base, e.g. `changes/demo/10001/`. */
  path: string;
  /** Link to the change upstream. */
  url: string;
}

/**
 * Labels whose votes are a review of the change (Gerrit's; other upstreams map
 * their approvals onto Code-Review). Verified is CI's, so it is not counted.
 */
export const REVIEW_LABELS: ReadonlySet<string> = new Set(['Code-Review', 'Workflow']);

export function changePath(source: string, ref: string | number): string {
  return `changes/${source}/${ref}/`;
}

/**
 * The summary of a stored change (pure). `reviews` holds everyone other than
 * the owner who voted on a review label or wrote a message, once per person
 * and day; the catalog later drops bots and opted-out people, whose status is
 * only known once every item is read.
 */
export function summariseChange(item: Item<Change>): ChangeSummary {
  const c = item.data;
  const reviews: { by: string; date: string }[] = [];
  const seen = new Set<string>();
  const add = (id: string | undefined, date: string | undefined) => {
    if (id === undefined || id === c.owner || !date) return;
    const k = `${id}|${date.slice(0, 10)}`;
    if (seen.has(k)) return;
    seen.add(k);
    reviews.push({ by: personKey(item.source, id), date });
  };
  for (const v of c.votes) if (REVIEW_LABELS.has(v.label)) add(v.by, v.date);
  for (const m of c.messages) add(m.author, m.date);
  reviews.sort((a, b) => a.date.localeCompare(b.date) || a.by.localeCompare(b.by));
  const ref = changeRef(c);
  return {
    key: `${item.source}:${ref}`,
    kind: 'change',
    source: item.source,
    title: c.subject,
    place: c.project,
    number: c.number,
    ref,
    platform: platformOf(item.type),
    ...(c.draft ? { draft: true } : {}),
    project: c.project,
    branch: c.branch,
    subject: c.subject,
    status: c.status,
    owner: c.owner !== undefined ? personKey(item.source, c.owner) : undefined,
    created: c.created,
    updated: c.updated,
    submitted: c.submitted,
    insertions: c.insertions,
    deletions: c.deletions,
    patchSets: c.patchSets.length,
    reviews,
    topic: c.topic,
    ...mentionsOf(c),
    path: changePath(item.source, ref),
    url: c.url,
  };
}

const BLUEPRINT_LINE = /^\s*(?:(?:partially[- ])?implements|related[- ]to|blueprint)\s*:?\s*(?:blueprint\s+)?([a-z0-9][a-z0-9._-]*)\s*$/gim;
const SPEC_FILE = /(?:^|[\s(])((?:specs|keps)\/[\w./-]+\.(?:rst|md))\b/g;

/** The blueprints and spec files a change names (see `ChangeSummary.mentions`). */
export function mentionsOf(c: Pick<Change, 'topic' | 'commitMessage' | 'patchSets'>): { mentions?: { blueprints: string[]; files: string[] } } {
  const blueprints = new Set<string>();
  const files = new Set<string>();
  const message = c.commitMessage ?? '';
  for (const m of message.matchAll(BLUEPRINT_LINE)) blueprints.add(m[1]!.toLowerCase());
  const topic = /^(?:bp|blueprint)\/(.+)$/i.exec(c.topic ?? '');
  if (topic) blueprints.add(topic[1]!.toLowerCase());
  for (const m of message.matchAll(SPEC_FILE)) files.add(m[1]!);
  for (const f of c.patchSets.at(-1)?.files ?? []) if (/^(?:specs|keps)\//.test(f.path)) files.add(f.path);
  return blueprints.size || files.size ? { mentions: { blueprints: [...blueprints].sort(), files: [...files].sort() } } : {};
}
