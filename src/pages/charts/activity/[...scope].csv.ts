import type { APIRoute, GetStaticPaths } from 'astro';
import { toCsv } from '../../../charts/export.ts';
import { activityChartFor, activityChartScopes } from '../../../charts/site.ts';

/** `charts/activity/<scope>.csv`: the chart's data for download. */
export const getStaticPaths = (async () => (await activityChartScopes()).map((s) => ({ params: { scope: s.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const chart = await activityChartFor(params.scope ?? 'all');
  return new Response(toCsv(chart.data), { headers: { 'Content-Type': 'text/csv; charset=utf-8' } });
};
