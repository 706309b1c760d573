import type { Change, Vote } from '../model/change.ts';

const LABEL_ORDER = ['Code-Review', 'Verified', 'Workflow'];

/** Votes of a change in display order: by date, then label, undated (current-only) ones last. */
export function voteRows(c: Pick<Change, 'votes'>): Vote[] {
  const rank = (l: string) => {
    const i = LABEL_ORDER.indexOf(l);
    return i < 0 ? LABEL_ORDER.length : i;
  };
  return [...c.votes].sort((a, b) => (a.date ?? '\uffff').localeCompare(b.date ?? '\uffff') || rank(a.label) - rank(b.label) || a.label.localeCompare(b.label));
}
