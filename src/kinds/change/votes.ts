import type { Change, Vote } from '../../model/change.ts';

const LABEL_ORDER = ['Code-Review', 'Verified', 'Workflow'];

function rank(label: string): number {
  const i = LABEL_ORDER.indexOf(label);
  return i < 0 ? LABEL_ORDER.length : i;
}

/** The labels voted on, Gerrit's usual three first, then others by name. */
export function voteLabels(votes: readonly Vote[]): string[] {
  return [...new Set(votes.map((v) => v.label))].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
}

/** Votes of a change in display order: by date, then label, undated (current-only) ones last. */
export function voteRows(c: Pick<Change, 'votes'>): Vote[] {
  return [...c.votes].sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || rank(a.label) - rank(b.label) || a.label.localeCompare(b.label));
}
