import type { SourceReport } from './run.ts';

/** The end-of-run summary: one line per source, then every skipped item with its reason. */
export function formatSummary(reports: readonly SourceReport[]): string {
  const lines: string[] = [];
  for (const r of reports) {
    const head = `${r.ok ? 'ok    ' : 'FAILED'} ${r.source} (${r.type}): ${r.new} new, ${r.updated} updated, ${r.unchanged} unchanged, ${r.removed} removed, ${r.skipped.length} skipped in ${r.seconds.toFixed(1)}s`;
    lines.push(head);
    if (r.cursor) lines.push(`       cursor: ${r.cursor}`);
    if (r.error) lines.push(`       error: ${r.error}`);
    for (const w of r.warnings ?? []) lines.push(`       warning: ${w.where}: ${w.reason}`);
    const shown = r.skipped.slice(0, 50);
    for (const s of shown) lines.push(`       skipped ${s.where}: ${s.reason}`);
    if (r.skipped.length > shown.length) lines.push(`       … and ${r.skipped.length - shown.length} more skipped`);
  }
  return lines.join('\n');
}
