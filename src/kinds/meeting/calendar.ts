/** iCal files of the site: one per team with a schedule, one for every team. */
import type { Schedule } from '../../model/meeting.ts';
import { calendar } from '../schedule/ics.ts';
import type { ScheduleSummary } from './summary.ts';
import type { Team } from './views.ts';

function asSchedule(s: ScheduleSummary): Schedule {
  return { key: s.id, project: s.project, file: '', chairNicks: [], slots: s.slots, flags: s.flags, ...(s.agendaUrl ? { agendaUrl: s.agendaUrl } : {}), ...(s.chair ? { chair: s.chair } : {}), ...(s.description ? { description: s.description } : {}) };
}

/** The .ics text for some teams; `site` gives the calendar's name and the host of its event ids. */
export function teamsCalendar(teams: readonly Team[], site: { title: string; url: string }, name: string, stamp: Date): string {
  const schedules = teams.flatMap((t) => (t.schedule ? [asSchedule(t.schedule)] : []));
  return calendar(schedules, { name, url: site.url, stamp, hostname: new URL(site.url).hostname });
}
