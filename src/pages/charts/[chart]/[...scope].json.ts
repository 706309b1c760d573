import type { APIRoute, GetStaticPaths } from 'astro';
import { toJson } from '../../../charts/export.ts';
import { chartFor, chartRoutes } from '../../../charts/site.ts';

/** `charts/<chart>/<scope>.json`: a registered chart's data for download. */
export const getStaticPaths = (async () => (await chartRoutes()).map((r) => ({ params: { chart: r.chart, scope: r.scope } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const chart = await chartFor(params.chart ?? '', params.scope ?? 'all');
  return new Response(toJson(chart.data), { headers: { 'Content-Type': 'application/json' } });
};
