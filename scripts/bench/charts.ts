/**
 * `tsx scripts/bench/charts.ts --config FILE [--json]`
 * The build cost of each registered chart: after the catalog is loaded, the
 * time to read it for the chart (one pass) and then, for every scope, to
 * compute the data and write what the site writes from it: the SVG, the data
 * table, the text alternative, the CSV, the JSON and the standalone SVG.
 * Every registered chart gets a row, the mailing-list ones included; a chart
 * with nothing to count in the corpus (the list charts, when it has no mail:
 * the demo and the scale corpus are Gerrit only) says so in its row, since it
 * then measures only its empty `all` scope.
 */
import { parseArgs } from 'node:util';
import { loadSite, UNKNOWN_ORG } from '../../src/catalog/index.ts';
import { toCsv, toJson, toStandaloneSvg } from '../../src/charts/export.ts';
import { MESSAGE_KIND } from '../../src/charts/lists.ts';
import { RENDERERS } from '../../src/charts/renderers.ts';
import { CHARTS } from '../../src/charts/registry.ts';
import { chartCatalog } from '../../src/charts/site.ts';
import { chartTable } from '../../src/charts/table.ts';
import { textAlternative } from '../../src/charts/text-alt.ts';

export interface ChartCost {
  id: string;
  scopes: number;
  /** Reading the catalog once for the chart. */
  prepareMs: number;
  /** Data, SVG, table, text alternative and downloads for every scope. */
  scopesMs: number;
  /** Characters written (keeps the work from being optimised away, and shows its size). */
  bytes: number;
  /** Set when no scope had a single point, e.g. `no data: this corpus has no mail`. */
  note?: string;
}

export function measureCharts(context: Parameters<(typeof CHARTS)[number]['load']>[0]): ChartCost[] {
  const mail = context.catalog.items(MESSAGE_KIND).length > 0;
  return CHARTS.map((chart) => {
    const renderer = RENDERERS[chart.renderer];
    const t0 = performance.now();
    const dataOf = chart.load(context);
    const scopes = chart.scopes(context.catalog);
    const t1 = performance.now();
    let bytes = 0;
    let points = 0;
    for (const scope of scopes) {
      const data = dataOf(scope);
      for (const s of data.series) points += s.points.length;
      const id = `${chart.id}-${scope.id}`.replace(/[^A-Za-z0-9_-]+/g, '-');
      bytes += renderer.render(data, { id, describedBy: `${id}-alt` }).length;
      bytes += chartTable(data).rows.length + textAlternative(data).length;
      bytes += toCsv(data).length + toJson(data).length + toStandaloneSvg(data, { id }, renderer.render).length;
    }
    const cost: ChartCost = { id: chart.id, scopes: scopes.length, prepareMs: t1 - t0, scopesMs: performance.now() - t1, bytes };
    if (points === 0) cost.note = mail ? 'no data in this corpus' : 'no data: this corpus has no mail';
    return cost;
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { config: { type: 'string' }, json: { type: 'boolean', default: false } } });
  if (!values.config) throw new Error('usage: charts.ts --config FILE [--json]');
  const started = performance.now();
  const { catalog, loaded } = await loadSite(values.config);
  const loadSeconds = (performance.now() - started) / 1000;
  const charts = measureCharts({ catalog: chartCatalog(catalog), siteTitle: loaded.config.site.title, unknownOrg: UNKNOWN_ORG });
  const result = { loadSeconds, events: catalog.events.length, charts };
  if (values.json) console.log(JSON.stringify(result));
  else for (const c of charts) console.log(`${c.id}: ${c.scopes} scopes, prepare ${c.prepareMs.toFixed(0)} ms, scopes ${c.scopesMs.toFixed(0)} ms${c.note ? ` (${c.note})` : ''}`);
}
