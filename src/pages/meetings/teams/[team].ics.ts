import type { APIRoute, GetStaticPaths } from 'astro';
import { getSite } from '../../../catalog/index.ts';
import { meetingsView } from '../../../kinds/meeting/index.ts';
import { teamsCalendar } from '../../../kinds/meeting/calendar.ts';

export const getStaticPaths = (async () => {
  const { catalog } = await getSite();
  return meetingsView(catalog).teams.filter((t) => t.schedule).map((t) => ({ params: { team: t.slug } }));
}) satisfies GetStaticPaths;

/** One team's schedule as a calendar to subscribe to. */
export const GET: APIRoute = async ({ params }) => {
  const { catalog, loaded } = await getSite();
  const team = meetingsView(catalog).bySlug.get(params.team!)!;
  const site = loaded.config.site;
  return new Response(teamsCalendar([team], site, `${site.title}: ${team.name}`, new Date()), { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
