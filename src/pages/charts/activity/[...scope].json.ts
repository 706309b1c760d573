import type { APIRoute, GetStaticPaths } from 'astro';
import { toJson } from '../../../charts/export.ts';
import { activityChartFor, activityChartScopes } from '../../../charts/site.ts';

/** `charts/activity/<scope>.json`: the chart's data for download. */
export const getStaticPaths = (async () => (await activityChartScopes()).map((s) => ({ params: { scope: s.id } }))) satisfies GetStaticPaths;

export const GET: APIRoute = async ({ params }) => {
  const chart = await activityChartFor(params.scope ?? 'all');
  return new Response(toJson(chart.data), { headers: { 'Content-Type': 'application/json' } });
};
