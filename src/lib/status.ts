/** How a change status reads on the site (StatusBadge shows the same words). */
export const STATUS_LABELS: Readonly<Record<string, string>> = { NEW: 'Open', MERGED: 'Merged', ABANDONED: 'Abandoned' };

export function statusLabel(status: string): string {
  return STATUS_LABELS[status] ?? status.charAt(0) + status.slice(1).toLowerCase();
}
