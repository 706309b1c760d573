/**
 * Spec statuses as people write them (a nova-specs folder name, a kep.yaml
 * `status:`), mapped onto the portal's SPEC_STATUSES. The text stays as
 * written (trimmed) beside the mapped word; a word Agora does not know is
 * `other`, never dropped.
 */
import type { SpecStatus } from '../../model/spec.ts';

export interface NormalisedStatus {
  status: SpecStatus;
  /** As written, surrounding blanks aside. */
  statusText: string;
}

/**
 * Known words (lower case, words joined by one space) and what they mean.
 * KEP statuses: provisional (proposed, not yet agreed), implementable (agreed:
 * approved), implemented, deferred, rejected, withdrawn, replaced. nova-specs
 * folders: approved, implemented, backlog, abandoned (and `proposed` in some
 * OpenStack spec repositories).
 */
const KNOWN: Record<string, SpecStatus> = {
  proposed: 'proposed',
  provisional: 'proposed',
  draft: 'proposed',
  'under review': 'proposed',
  approved: 'approved',
  accepted: 'approved',
  implementable: 'approved',
  implemented: 'implemented',
  complete: 'implemented',
  completed: 'implemented',
  backlog: 'backlog',
  abandoned: 'abandoned',
  // A KEP turned down is, for the reader, one that will not go ahead.
  rejected: 'abandoned',
  declined: 'abandoned',
  superseded: 'superseded',
  replaced: 'superseded',
  deferred: 'deferred',
  postponed: 'deferred',
  withdrawn: 'withdrawn',
};

/** `Implementable`, ` implemented `, `Under_Review`, `under-review` read the same. */
function canonical(text: string): string {
  return text.trim().toLowerCase().replace(/[\s_-]+/g, ' ');
}

/** The portal's status for a status as written; unknown or empty text is `other`, kept as written. */
export function normaliseStatus(text: string | undefined): NormalisedStatus {
  const statusText = (text ?? '').trim();
  return { status: KNOWN[canonical(statusText)] ?? 'other', statusText };
}

/** Whether the text names a status Agora knows (not `other`). */
export function isKnownStatus(text: string | undefined): boolean {
  return normaliseStatus(text).status !== 'other';
}

/** An order of statuses along a spec's life, for sorting steps made at the same moment. */
const RANK: Record<SpecStatus, number> = { proposed: 0, backlog: 1, approved: 2, deferred: 3, implemented: 4, superseded: 5, withdrawn: 6, abandoned: 7, other: 8 };

export function statusRank(status: SpecStatus): number {
  return RANK[status];
}
