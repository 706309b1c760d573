/**
 * `tsx scripts/bench/charts.ts --config FILE [--json]`
 * The build cost of each registered chart: after the catalog is loaded, the
 * time to read it for the chart (one pass) and then, for every scope, to
 * compute the data and write what the site writes from it: the SVG, the data
 * table, the text alternative, the CSV, the JSON and the standalone SVG.
 */
import { parseArgs } from 'node:util';
import { loadSite, UNKNOWN_ORG } from '../../src/catalog/index.ts';
import { toCsv, toJson, toStandaloneSvg } from '../../src/charts/export.ts';
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
}

export function measureCharts(context: Parameters<(typeof CHARTS)[number]['load']>[0]): ChartCost[] {
  return CHARTS.map((chart) => {
    const renderer = RENDERERS[chart.renderer];
    const t0 = performance.now();
    const dataOf = chart.load(context);
    const scopes = chart.scopes(context.catalog);
    const t1 = performance.now();
    let bytes = 0;
    for (const scope of scopes) {
      const data = dataOf(scope);
      const id = `${chart.id}-${scope.id}`.replace(/[^A-Za-z0-9_-]+/g, '-');
      bytes += renderer.render(data, { id, describedBy: `${id}-alt` }).length;
      bytes += chartTable(data).rows.length + textAlternative(data).length;
      bytes += toCsv(data).length + toJson(data).length + toStandaloneSvg(data, { id }, renderer.render).length;
    }
    return { id: chart.id, scopes: scopes.length, prepareMs: t1 - t0, scopesMs: performance.now() - t1, bytes };
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
  else for (const c of charts) console.log(`${c.id}: ${c.scopes} scopes, prepare ${c.prepareMs.toFixed(0)} ms, scopes ${c.scopesMs.toFixed(0)} ms`);
}
