import type { APIRoute, GetStaticPaths } from 'astro';
import { toStandaloneSvg } from '../../../charts/export.ts';
import { RENDERERS } from '../../../charts/renderers.ts';
import { chartFor, chartRoutes } from '../../../charts/site.ts';

/** `charts/<chart>/<scope>.svg`: a registered chart as a standalone image (fixed light colours). */
export const getStaticPaths = (async () => (await chartRoutes()).map((r) => ({ params: { chart: r.chart, scope: r.scope } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const chart = await chartFor(params.chart ?? '', params.scope ?? 'all');
  return new Response(toStandaloneSvg(chart.data, { id: chart.id }, RENDERERS[chart.chart.renderer].render), { headers: { 'Content-Type': 'image/svg+xml' } });
};
