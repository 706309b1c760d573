/**
 * Build-time glue between the catalog and the registered charts: which charts
 * and scopes exist, and the prepared props for one of them. The generic chart
 * routes, the charts index and the home and project pages call `chartFor`
 * (or `activityChartFor`); components only render what it returns. This is
 * the only chart module that loads the site.
 */
import { CHANGE_KIND, getSite, specsView, trackActions, UNKNOWN_ORG, type Catalog, type ChangeSummary, type MeetingSummary } from '../catalog/index.ts';
import { MEETING_KIND, trackPerSource } from './meetings.ts';
import { specMilestones } from './specs.ts';
import type { RendererName } from './renderers.ts';
import { chartById, chartsFor, routeProblems, type Chart, type ChartCatalog, type ChartContext } from './registry.ts';
import { ALL_SCOPE, type ChartScope } from './scopes.ts';
import type { ChartData } from './series.ts';
import { controlProblems, viewCombinations, viewKey, type ChartControls, type ChartView } from './views.ts';

export interface ChartLinks {
  /** Site-relative paths (pass through `href()`): the chart page, its downloads and embeds. */
  page: string;
  csv: string;
  json: string;
  svg: string;
  embed: string;
  embedDark: string;
}

/** What pages show of a registered chart. */
export interface ChartInfo {
  id: string;
  title: string;
  summary: string;
  renderer: RendererName;
}

export interface PreparedChart {
  chart: ChartInfo;
  scope: ChartScope;
  data: ChartData;
  /** A DOM-id-safe name for this chart (`activity-all`, `contributors-projects-aurora-compute`). */
  id: string;
  links: ChartLinks;
  /** Base name for downloaded files, e.g. `activity-aurora-compute`. */
  fileName: string;
  /** What the reader may change (the chart's `controls`); absent when nothing. */
  controls?: ChartControls;
  /** With `controls.views`: the data of every view but the default one (that is `data`), by `viewKey`. */
  variants?: Record<string, ChartData>;
  /** Paragraphs on how the numbers are made (the chart's `about`). */
  about?: string[];
}

export function chartLinks(chartId: string, scope: Pick<ChartScope, 'id'>): ChartLinks {
  return {
    page: `charts/${chartId}/${scope.id}/`,
    csv: `charts/${chartId}/${scope.id}.csv`,
    json: `charts/${chartId}/${scope.id}.json`,
    svg: `charts/${chartId}/${scope.id}.svg`,
    embed: `embed/${chartId}/${scope.id}/`,
    embedDark: `embed/${chartId}/dark/${scope.id}/`,
  };
}

export function activityLinks(scope: ChartScope): ChartLinks {
  return chartLinks('activity', scope);
}

function domId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '');
}

interface Loaded {
  /** The built-in charts and the plugins'. */
  charts: Chart[];
  context: ChartContext;
  scopes: Map<string, ChartScope[]>;
  data: Map<string, (scope: ChartScope, view?: ChartView) => ChartData>;
  prepared: Map<string, PreparedChart>;
}

let cache: Promise<Loaded> | undefined;

/** The few views of the catalog that charts read (ChartCatalog): reviews, activity events, places, people, tracked action items, spec milestones. */
export function chartCatalog(full: Catalog): ChartCatalog {
  return {
    changes: full.items<ChangeSummary>(CHANGE_KIND),
    events: full.events,
    projects: full.places,
    people: full.people,
    items: (kind) => full.items(kind),
    meetingActions: () => trackPerSource(full.items<MeetingSummary>(MEETING_KIND), trackActions),
    // The specs pages' view (made once per catalog): its summaries and review links.
    specMilestones: () => {
      const { specs, links } = specsView(full);
      return specMilestones(specs, links.bySpec);
    },
  };
}

async function load(): Promise<Loaded> {
  cache ??= getSite().then(({ catalog: full, loaded }) => {
    const catalog = chartCatalog(full);
    const context: ChartContext = { catalog, siteTitle: loaded.config.site.title, unknownOrg: UNKNOWN_ORG, sources: loaded.config.sources };
    // Charts the site has data for: a portal of reviews only shows no list charts, and the other way round.
    const charts = chartsFor(loaded.plugins).filter((c) => !c.available || c.available(catalog));
    const scopes = new Map(charts.map((c) => [c.id, c.scopes(catalog)]));
    const problems = [...routeProblems(charts.map((c) => ({ id: c.id, scopes: scopes.get(c.id) ?? [] }))), ...charts.flatMap((c) => controlProblems(c.id, c.controls))];
    if (problems.length) throw new Error(`chart registry: ${problems.join('; ')}`);
    return { charts, context, scopes, data: new Map(), prepared: new Map() };
  });
  return cache;
}

function chartNamed(loaded: Loaded, id: string): Chart {
  const chart = chartById(id, loaded.charts);
  if (!chart) throw new Error(`unknown chart ${JSON.stringify(id)} (registered: ${loaded.charts.map((c) => c.id).join(', ')})`);
  return chart;
}

/** Every registered chart, in registry order, with its scopes. */
export async function chartList(): Promise<{ chart: ChartInfo; scopes: ChartScope[] }[]> {
  const { charts, scopes } = await load();
  return charts.map((c) => ({ chart: info(c), scopes: scopes.get(c.id)! }));
}

/** Every (chart, scope) pair: what the generic routes build. */
export async function chartRoutes(): Promise<{ chart: string; scope: string }[]> {
  return (await chartList()).flatMap(({ chart, scopes }) => scopes.map((s) => ({ chart: chart.id, scope: s.id })));
}

export async function chartScopes(chartId: string): Promise<ChartScope[]> {
  const loaded = await load();
  chartNamed(loaded, chartId);
  return loaded.scopes.get(chartId)!;
}

function info(c: Chart): ChartInfo {
  return { id: c.id, title: c.title, summary: c.summary, renderer: c.renderer };
}

/**
 * Prepared chart for a scope id (`all`, `projects/aurora/compute`), a scope,
 * or `{ place: key }` (a project's place key, `Place.key`: source and name, so
 * two sources' projects of the same name are two scopes). A project name or
 * place key is never read as a scope id: a project may be called `all` or
 * `projects/x`. Throws for an unknown chart, scope or place, naming it. The
 * catalog is read once per chart, the data once per scope.
 */
export async function chartFor(chartId: string, scope: string | ChartScope | { place: string } = 'all'): Promise<PreparedChart> {
  const loaded = await load();
  const chart = chartNamed(loaded, chartId);
  const scopes = loaded.scopes.get(chart.id)!;
  const byPlace = typeof scope === 'object' && !('id' in scope);
  const wanted = typeof scope === 'string' ? scope : 'id' in scope ? scope.id : scope.place;
  const found = byPlace ? scopes.find((s) => s.place === wanted) : scopes.find((s) => s.id === wanted) ?? (wanted === 'all' ? ALL_SCOPE : undefined);
  if (!found) throw new Error(`${chart.id} chart: unknown ${byPlace ? 'place' : 'scope'} ${JSON.stringify(wanted)}${byPlace ? ' (expected a place key, placeKey(source, name))' : ' (expected "all" or "projects/<slug>")'}`);
  const key = `${chart.id} ${found.id}`;
  let prepared = loaded.prepared.get(key);
  if (!prepared) {
    let dataOf = loaded.data.get(chart.id);
    if (!dataOf) loaded.data.set(chart.id, (dataOf = chart.load(loaded.context)));
    const dims = chart.controls?.views ?? [];
    // The default view is `data`; the others are computed here once each (the page carries each once).
    const variants = dims.length > 0 ? Object.fromEntries(viewCombinations(dims).slice(1).map((v) => [viewKey(dims, v), dataOf!(found, v)])) : undefined;
    const about = chart.about?.(loaded.context);
    prepared = {
      chart: info(chart),
      scope: found,
      data: dataOf(found),
      id: domId(`${chart.id}-${found.id}`),
      links: chartLinks(chart.id, found),
      // A source scope (`sources/<id>`) is named like a project's, so two scopes never share a file name.
      fileName: domId(`${chart.id}-${found.project === undefined && found.source === undefined ? 'all' : found.id.replace(/^(projects|sources)\//, '')}`),
      ...(chart.controls ? { controls: chart.controls } : {}),
      ...(variants ? { variants } : {}),
      ...(about?.length ? { about } : {}),
    };
    loaded.prepared.set(key, prepared);
  }
  return prepared;
}

/** The first chart, as the home and project pages show it. */
export function activityChartFor(scope: string | ChartScope | { place: string } = 'all'): Promise<PreparedChart> {
  return chartFor('activity', scope);
}

export function activityChartScopes(): Promise<ChartScope[]> {
  return chartScopes('activity');
}
