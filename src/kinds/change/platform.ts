/**
 * The words a review platform uses for the same things (pure). Gerrit and
 * GitHub share one model (docs/review-model.md); pages, lists and search
 * say "pull request", "revision" and "Closed" for GitHub, as its readers do.
 */
import type { Change, Vote } from '../../model/change.ts';
import { statusLabel } from './status.ts';

export type ReviewPlatform = 'gerrit' | 'github';

export interface PlatformWords {
  /** What one item is called: "change", "pull request". */
  change: string;
  /** One revision: "patch set", "revision". */
  revision: string;
  /** The native id row's label: "Change-Id", "Node id". */
  id: string;
  /** Free tags: "Hashtags", "Labels". */
  tags: string;
  /** The discussion: "Review messages", "Conversation". */
  messages: string;
  /** What the platform itself is called. */
  name: string;
}

export const PLATFORM_WORDS: Record<ReviewPlatform, PlatformWords> = {
  gerrit: { change: 'change', revision: 'patch set', id: 'Change-Id', tags: 'Hashtags', messages: 'Review messages', name: 'Gerrit' },
  github: { change: 'pull request', revision: 'revision', id: 'Node id', tags: 'Labels', messages: 'Conversation', name: 'GitHub' },
};

/** The platform of a stored change, by its upstream type; every type but `github` is Gerrit's model. */
export function platformOf(type: string): ReviewPlatform {
  return type === 'github' ? 'github' : 'gerrit';
}

/** The native id a change is stored, keyed and paged under: its `ref` (GitHub `owner/name/12`) or its number. */
export function changeRef(c: Pick<Change, 'ref' | 'number'>): string {
  return c.ref ?? String(c.number);
}

/** How a change's number reads: `12345` on Gerrit, `owner/name#12` on GitHub (numbers count per repository). */
export function changeNumber(c: { number: number; project: string }, platform: ReviewPlatform): string {
  return platform === 'github' ? `${c.project}#${c.number}` : String(c.number);
}

/** A status as the platform says it: a GitHub pull request closed unmerged is "Closed", not "Abandoned". */
export function changeStatusLabel(status: string, platform: ReviewPlatform): string {
  return platform === 'github' && status === 'ABANDONED' ? 'Closed' : statusLabel(status);
}

const REVIEW_STATES: Record<string, string> = { APPROVED: 'Approved', CHANGES_REQUESTED: 'Changes requested', DISMISSED: 'Dismissed', COMMENTED: 'Commented' };

/** A GitHub review's own words for a vote (`Approved`), when the vote came from one. */
export function reviewStateLabel(v: Pick<Vote, 'state' | 'dismissed'>): string | undefined {
  if (v.state === undefined) return undefined;
  const label = REVIEW_STATES[v.state] ?? v.state.charAt(0) + v.state.slice(1).toLowerCase().replace(/_/g, ' ');
  return v.dismissed && v.state !== 'DISMISSED' ? `${label} (dismissed)` : label;
}
