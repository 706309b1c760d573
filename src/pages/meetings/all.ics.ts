import type { APIRoute } from 'astro';
import { getSite } from '../../catalog/index.ts';
import { meetingsView } from '../../kinds/meeting/index.ts';
import { teamsCalendar } from '../../kinds/meeting/calendar.ts';

/** Every team's schedule in one calendar. */
export const GET: APIRoute = async () => {
  const { catalog, loaded } = await getSite();
  const site = loaded.config.site;
  const body = teamsCalendar(meetingsView(catalog).teams, site, `${site.title}: all meetings`, new Date());
  return new Response(body, { headers: { 'content-type': 'text/calendar; charset=utf-8' } });
};
