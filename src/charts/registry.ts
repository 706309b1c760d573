/**
 * Every chart the site has. A chart is one entry here: its id (the URL piece
 * in `charts/<id>/<scope>/`), its words, the renderer that draws it, the
 * scopes it has and how its data comes from the catalog. The routes, the
 * charts index, downloads and embeds are generic over this list, so adding a
 * chart is a pure data module plus one entry below.
 *
 * Entries see the catalog only through `ChartCatalog`, handed to them by
 * site.ts (the one chart module that loads the site).
 */
import type { ItemSummary, JobMonthSummary, MeetingSummary, Person, ProjectSummary, ThreadSummary } from '../catalog/types.ts';
import { actionItemSeries, actionItemsChartData } from './action-items.ts';
import { activityChartData, activitySeries, type ActivityChange } from './activity.ts';
import { attendanceChartData, attendanceSeries } from './meeting-attendance.ts';
import { JOB_MONTH_KIND, JOB_SMOOTHING, jobScopes, jobTrendsChartData, jobTrendsSeries, methodologyNote } from './job-trends.ts';
import { MEETING_KIND, meetingScopes, type MeetingAction } from './meetings.ts';
import { meetingsHeldChartData, meetingsHeldSeries } from './meetings-held.ts';
import { contributorChartData, contributorSeries } from './contributors.ts';
import { listActivityChartData, listActivitySeries } from './list-activity.ts';
import { listScopes, MESSAGE_KIND, THREAD_KIND, type ListEvent } from './lists.ts';
import { newPosterSeries, newPostersChartData } from './new-posters.ts';
import { approvalTimeChartData, approvalTimeSeries } from './spec-approval-time.ts';
import { SPEC_KIND, specScopes, type SpecMilestone } from './specs.ts';
import { specLifecycleChartData, specLifecycleSeries } from './specs-lifecycle.ts';
import { placeKey } from '../lib/places.ts';
import { isRendererName, RENDERERS, type RendererName } from './renderers.ts';
import { projectScopes, type ChartScope } from './scopes.ts';
import type { ChartData } from './series.ts';
import { defaultView, type ChartControls, type ChartView } from './views.ts';
import { firstReplyChartData, repliedThreadsChartData, threadReplySeries } from './thread-replies.ts';

/**
 * What chart data functions may read of the catalog (the build's `Catalog`
 * fits it). Kept to the fields charts use, so tests build one by hand; a new
 * chart that needs more widens it here.
 */
export interface ChartCatalog {
  readonly changes: readonly ActivityChange[];
  /** What counted people did (bots and opted-out people have none); `kind` and `item` tell a list message's event. */
  readonly events: readonly ListEvent[];
  /** Places by place key (`placeKey(source, name)`). */
  readonly projects: ReadonlyMap<string, Pick<ProjectSummary, 'key' | 'source' | 'name' | 'slug'>>;
  readonly people: ReadonlyMap<string, Pick<Person, 'org'>>;
  /** Summaries of any kind, newest update first (for charts of kinds the core does not know). */
  items(kind: string): readonly ItemSummary[];
  /** Action items followed across each team's meetings (the meeting kind's `trackActions`, one source at a time); read once, by the action-items chart. */
  meetingActions(): readonly MeetingAction[];
  /** Each design spec's approval, implementation and first review (from the spec kind's summaries and review links); read once by each spec chart. */
  specMilestones(): readonly SpecMilestone[];
}

export interface ChartContext {
  catalog: ChartCatalog;
  siteTitle: string;
  /** The organisation name the catalog gives people it cannot place (`UNKNOWN_ORG`). */
  unknownOrg: string;
  /** The config's sources (for a chart's notes on where its numbers come from; never shown whole: they may hold credentials). */
  sources?: readonly { id: string; type: string }[];
}

export interface ChartDefinition<Prepared> {
  /** URL piece and file-name prefix: lower case, digits and `-`, starting with a letter. */
  id: string;
  /** "Review activity per month": the charts index heading and breadcrumb. */
  title: string;
  /** One sentence for the charts index. */
  summary: string;
  /** `line` or `stacked` for monthly data; `bars` for data with a category axis (`ChartData.axis`), which the others refuse. */
  renderer: RendererName;
  /** `all` first, then per-project scopes (`projects/<slug>`). */
  scopes(catalog: ChartCatalog): ChartScope[];
  /** Whether the site has data for it (review charts on a portal of lists only do not); always when absent. */
  available?(catalog: ChartCatalog): boolean;
  /** What a reader may change on the chart page besides the months (src/charts/views.ts); `data` gets a choice per `views` dimension. */
  controls?: ChartControls;
  /** Paragraphs under the chart on its page: how the numbers are made (plain text). */
  about?(context: ChartContext): string[];
  /** One pass over the catalog for every scope (called once per build). */
  prepare(context: ChartContext): Prepared;
  /** `view` holds a choice per `controls.views` dimension (the defaults when the caller names none). */
  data(prepared: Prepared, scope: ChartScope, context: ChartContext, view: ChartView): ChartData;
}

/** A registered chart, with its prepared state hidden behind `load`. */
export interface Chart {
  id: string;
  title: string;
  summary: string;
  renderer: RendererName;
  scopes(catalog: ChartCatalog): ChartScope[];
  available?(catalog: ChartCatalog): boolean;
  controls?: ChartControls;
  about?(context: ChartContext): string[];
  /** Reads the catalog once; the function it returns gives any scope's data, in the default view unless one is named. */
  load(context: ChartContext): (scope: ChartScope, view?: ChartView) => ChartData;
}

export function defineChart<Prepared>(def: ChartDefinition<Prepared>): Chart {
  const { prepare, data, ...rest } = def;
  const fallback = defaultView(def.controls?.views);
  return {
    ...rest,
    load(context) {
      const prepared = prepare(context);
      return (scope, view) => data(prepared, scope, context, { ...fallback, ...view });
    },
  };
}

/** The scopes and availability every list chart shares. */
const LIST_SCOPES = {
  scopes: (catalog: ChartCatalog) => listScopes(catalog.projects.values(), catalog.items(MESSAGE_KIND)),
  available: (catalog: ChartCatalog) => catalog.items(MESSAGE_KIND).length > 0,
};

/** The scopes and availability every meeting chart shares. */
const MEETING_SCOPES = {
  scopes: (catalog: ChartCatalog) => meetingScopes(catalog.projects.values(), catalog.items(MEETING_KIND)),
  available: (catalog: ChartCatalog) => catalog.items(MEETING_KIND).length > 0,
};

/** The scopes and availability every spec chart shares. */
const SPEC_SCOPES = {
  scopes: (catalog: ChartCatalog) => specScopes(catalog.projects.values(), catalog.items(SPEC_KIND)),
  available: (catalog: ChartCatalog) => catalog.items(SPEC_KIND).length > 0,
};

/** The job-listing months (one per source and month: postings and matches per keyword). */
const jobMonthsOf = (catalog: ChartCatalog) => catalog.items(JOB_MONTH_KIND) as readonly JobMonthSummary[];

/** The meeting kind's summaries (settled: attendees are counted people only). */
const meetingsOf = (catalog: ChartCatalog) => catalog.items(MEETING_KIND) as readonly MeetingSummary[];

export const CHARTS: readonly Chart[] = [
  defineChart({
    id: 'activity',
    title: 'Review activity per month',
    summary: 'Changes opened, changes merged and distinct active reviewers per month, for all projects or one project.',
    renderer: 'line',
    // Projects with reviews: a mailing list gets no empty review chart.
    scopes: (catalog) => {
      const withChanges = new Set(catalog.changes.map((c) => placeKey(c.source, c.project)));
      return projectScopes([...catalog.projects.values()].filter((p) => withChanges.has(p.key)));
    },
    available: (catalog) => catalog.changes.length > 0,
    prepare: ({ catalog }) => activitySeries(catalog.changes),
    data: (series, scope, { siteTitle }) => activityChartData(series, scope, siteTitle),
  }),
  defineChart({
    id: 'contributors',
    title: 'Active contributors by organisation',
    summary: 'People active in each month, stacked by organisation: the largest ones, the others together, and people of unknown affiliation apart.',
    renderer: 'stacked',
    scopes: (catalog) => projectScopes(catalog.projects.values()),
    prepare: ({ catalog, unknownOrg }) =>
      contributorSeries(catalog.events, (who) => {
        const org = catalog.people.get(who)?.org;
        return org === unknownOrg ? undefined : org;
      }),
    data: (series, scope, { siteTitle }) => contributorChartData(series, scope, siteTitle),
  }),
  // Mailing lists: scopes only for places with messages (listScopes), and only on a site with mail.
  defineChart({
    id: 'list-activity',
    title: 'Mailing list activity per month',
    summary: 'Messages and distinct posters per month, for all lists or one list.',
    renderer: 'line',
    ...LIST_SCOPES,
    prepare: ({ catalog }) => listActivitySeries(catalog.events),
    data: (series, scope, { siteTitle }) => listActivityChartData(series, scope, siteTitle),
  }),
  defineChart({
    id: 'new-posters',
    title: 'New posters per month',
    summary: 'People posting to a list for the first time: for all lists their first message to any list, for one list their first message to it.',
    renderer: 'line',
    ...LIST_SCOPES,
    prepare: ({ catalog }) => newPosterSeries(catalog.events),
    data: (series, scope, { siteTitle }) => newPostersChartData(series, scope, siteTitle),
  }),
  defineChart({
    id: 'replied-threads',
    title: 'Threads with a reply per month',
    summary: 'Of the threads started each month, the percentage that someone other than the starter replied to, for all lists or one list.',
    renderer: 'line',
    ...LIST_SCOPES,
    // The thread kind's summaries are the mail kind's ThreadSummary.
    prepare: ({ catalog }) => threadReplySeries(catalog.items(THREAD_KIND) as readonly ThreadSummary[], catalog.events),
    data: (series, scope, { siteTitle }) => repliedThreadsChartData(series, scope, siteTitle),
  }),
  defineChart({
    id: 'first-reply',
    title: 'Time to first reply per month',
    summary: 'Median hours from the start of a thread to the first reply by someone else, by the month the thread started, for all lists or one list.',
    renderer: 'line',
    ...LIST_SCOPES,
    prepare: ({ catalog }) => threadReplySeries(catalog.items(THREAD_KIND) as readonly ThreadSummary[], catalog.events),
    data: (series, scope, { siteTitle }) => firstReplyChartData(series, scope, siteTitle),
  }),
  // IRC meetings: scopes only for teams with meetings (meetingScopes), and only on a site with meetings.
  defineChart({
    id: 'meetings-held',
    title: 'Meetings held per month',
    summary: 'Meetings held each month, stacked by team (the teams with the most meetings, the others together), for all teams or one team.',
    renderer: 'stacked',
    ...MEETING_SCOPES,
    // Bands are named like the teams' scopes (with the source when two sources have a team of that name).
    prepare: ({ catalog }) => {
      const labels = new Map(MEETING_SCOPES.scopes(catalog).flatMap((s) => (s.place === undefined ? [] : [[s.place, s.label] as const])));
      return meetingsHeldSeries(meetingsOf(catalog), labels);
    },
    data: (series, scope, { siteTitle }) => meetingsHeldChartData(series, scope, siteTitle),
  }),
  defineChart({
    id: 'meeting-attendance',
    title: 'Meeting attendance per month',
    summary: 'The median number of people who spoke per meeting, and the meetings held, each month, for all teams or one team.',
    renderer: 'line',
    ...MEETING_SCOPES,
    prepare: ({ catalog }) => attendanceSeries(meetingsOf(catalog)),
    data: (series, scope, { siteTitle }) => attendanceChartData(series, scope, siteTitle),
  }),
  defineChart({
    id: 'action-items',
    title: 'Action items per month',
    summary: 'Action items open at the end of each month, and those raised and closed in it, followed from meeting to meeting, for all teams or one team.',
    renderer: 'line',
    ...MEETING_SCOPES,
    prepare: ({ catalog }) => actionItemSeries(catalog.meetingActions()),
    data: (series, scope, { siteTitle }) => actionItemsChartData(series, scope, siteTitle),
  }),
  // Design specs: scopes only for places with specs (specScopes), and only on a site with specs. Per release: a category axis, drawn as bars.
  defineChart({
    id: 'specs-lifecycle',
    title: 'Specs approved and implemented per release',
    summary: 'Design specs approved for the first time and specs implemented, in each release, for all specs or one repository.',
    renderer: 'bars',
    ...SPEC_SCOPES,
    prepare: ({ catalog }) => specLifecycleSeries(catalog.specMilestones()),
    data: (series, scope, { siteTitle }) => specLifecycleChartData(series, scope, siteTitle),
  }),
  defineChart({
    id: 'spec-approval-time',
    title: 'Time to spec approval per release',
    summary: 'Median days from the first review of a spec’s proposal to its approval, over the specs approved in each release, and the specs approved, for all specs or one repository.',
    renderer: 'bars',
    ...SPEC_SCOPES,
    prepare: ({ catalog }) => approvalTimeSeries(catalog.specMilestones()),
    data: (series, scope, { siteTitle }) => approvalTimeChartData(series, scope, siteTitle),
  }),
  // Job listings: all job sources, then one scope per source (`sources/<id>`), only on a site with a job source.
  // Counts or shares, smoothed or not (computed per view at build time); log scale, any keywords and the growth over the range on the page.
  defineChart({
    id: 'job-trends',
    title: 'Job postings per month by keyword',
    summary: 'Job postings each month that mention each configured keyword, for all job sources or one.',
    renderer: 'line',
    scopes: (catalog) => jobScopes(jobMonthsOf(catalog)),
    available: (catalog) => catalog.items(JOB_MONTH_KIND).length > 0,
    controls: {
      views: [
        { id: 'measure', label: 'Measure', choices: [{ value: 'count', label: 'Postings' }, { value: 'share', label: 'Share of postings (%)' }] },
        { id: 'smoothing', label: 'Smoothing', choices: [{ value: '0', label: 'None' }, ...JOB_SMOOTHING.map((n) => ({ value: String(n), label: `${n}-month average` }))] },
      ],
      logScale: true,
      seriesPicker: 'Keywords',
      change: true,
    },
    about: ({ sources = [] }) => methodologyNote(sources),
    prepare: ({ catalog }) => jobTrendsSeries(jobMonthsOf(catalog)),
    data: (series, scope, { siteTitle }, view) => jobTrendsChartData(series, scope, { measure: view.measure === 'share' ? 'share' : 'count', smoothing: Number(view.smoothing ?? 0) }, siteTitle),
  }),
];

/** The built-in charts, then those the plugins bring (each checked for what a chart must have). */
export function chartsFor(plugins: readonly { file: string; charts: readonly unknown[] }[]): Chart[] {
  const out = [...CHARTS];
  for (const plugin of plugins) {
    plugin.charts.forEach((c, i) => {
      const chart = c as Partial<Chart> | undefined;
      const where = `plugin ${plugin.file}: charts[${i}]`;
      if (!chart || typeof chart.load !== 'function' || typeof chart.scopes !== 'function') throw new Error(`${where}: expected a chart made with defineChart({ id, title, summary, renderer, scopes, prepare, data })`);
      if (typeof chart.id !== 'string' || typeof chart.title !== 'string' || typeof chart.summary !== 'string') throw new Error(`${where}: id, title and summary must be text`);
      if (!isRendererName(chart.renderer)) throw new Error(`${where}: renderer must be one of ${Object.keys(RENDERERS).map((r) => `"${r}"`).join(', ')}`);
      out.push(chart as Chart);
    });
  }
  return out;
}

export function chartById(id: string, charts: readonly Chart[] = CHARTS): Chart | undefined {
  return charts.find((c) => c.id === id);
}

const CHART_ID = /^[a-z][a-z0-9-]*$/;
// A scope id is path segments of [a-z0-9._~-] (project slugs are made safe the same way).
const SCOPE_ID = /^[a-z0-9._~-]+(\/[a-z0-9._~-]+)*$/;

/**
 * What would make two routes meet or a URL break, in words (empty when none):
 * ids that are not URL-safe or repeat, a scope called `dark` (the embed's dark
 * variant is `embed/<chart>/dark/<scope>/`), a scope ending in a file name the
 * routes write (`x.csv`), a chart without the `all` scope.
 */
export function routeProblems(charts: readonly { id: string; scopes: readonly Pick<ChartScope, 'id'>[] }[]): string[] {
  const problems: string[] = [];
  const ids = new Set<string>();
  for (const c of charts) {
    if (!CHART_ID.test(c.id)) problems.push(`chart id ${JSON.stringify(c.id)} is not lower-case letters, digits and -`);
    if (ids.has(c.id)) problems.push(`chart id ${JSON.stringify(c.id)} is registered twice`);
    ids.add(c.id);
    const scopes = new Set<string>();
    if (!c.scopes.some((s) => s.id === 'all')) problems.push(`chart ${c.id} has no "all" scope`);
    for (const s of c.scopes) {
      const where = `chart ${c.id}: scope ${JSON.stringify(s.id)}`;
      if (!SCOPE_ID.test(s.id) || s.id.split('/').some((seg) => seg === '.' || seg === '..')) problems.push(`${where} is not a clean path`);
      if (s.id === 'dark' || s.id.startsWith('dark/')) problems.push(`${where} would meet the dark embed (embed/${c.id}/dark/…)`);
      if (/\.(csv|json|svg|html)$/.test(s.id)) problems.push(`${where} ends like a file the chart routes write`);
      if (scopes.has(s.id)) problems.push(`${where} appears twice`);
      scopes.add(s.id);
    }
  }
  return problems;
}
