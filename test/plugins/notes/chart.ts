/**
 * The notes plugin's chart: notes written per month, for all notebooks and
 * each notebook. One registry entry; the chart library, routes, tables,
 * downloads and embeds are the shared ones.
 */
import { defineChart } from '../../../src/plugin.ts';
import { projectScopes, scopeWords } from '../../../src/charts/scopes.ts';
import { monthOf, monthsBetween, type Month } from '../../../src/charts/series.ts';
import { placeKey } from '../../../src/lib/places.ts';
import { NOTE_KIND } from './kind.ts';

export const notesChart = defineChart({
  id: 'notes',
  title: 'Notes written per month',
  summary: 'How many notes were written each month, for all notebooks or one.',
  renderer: 'line',
  scopes: (catalog) => projectScopes([...catalog.projects.values()].filter((p) => catalog.items(NOTE_KIND).some((n) => n.source === p.source && n.place === p.name))),
  prepare: ({ catalog }) => catalog.items(NOTE_KIND),
  data: (notes, scope, { siteTitle }) => {
    const counts = new Map<Month, number>();
    for (const n of notes) {
      if (scope.place !== undefined && (n.place === undefined || placeKey(n.source, n.place) !== scope.place)) continue;
      const m = monthOf(n.created ?? n.updated);
      if (m) counts.set(m, (counts.get(m) ?? 0) + 1);
    }
    const months = [...counts.keys()].sort();
    const points = months.length ? monthsBetween(months[0]!, months.at(-1)!).map((month) => ({ month, value: counts.get(month) ?? 0 })) : [];
    return {
      title: `Notes written per month: ${scopeWords(scope)}`,
      description: `Notes written per month (UTC) in ${scopeWords(scope)}.`,
      unit: 'notes per month',
      series: [{ id: 'written', label: 'Notes written', total: 'sum', points }],
      source: `${siteTitle}, from the notes folder.`,
    };
  },
});
