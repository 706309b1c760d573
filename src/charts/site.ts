/**
 * Build-time glue between the catalog and the activity chart: which scopes
 * exist and the prepared props for one of them. Pages and the lead's home and
 * project pages call `activityChartFor`; components only render what it returns.
 */
import { getSite, type ChangeSummary } from '../catalog/index.ts';
import { activityChartData, activityScopes, activitySeries, ALL_SCOPE, type ActivityScope, type ActivitySeries } from './activity.ts';
import type { ChartData } from './series.ts';

export interface ChartLinks {
  /** Site-relative paths (pass through `href()`): the chart page, its downloads and embeds. */
  page: string;
  csv: string;
  json: string;
  svg: string;
  embed: string;
  embedDark: string;
}

export interface PreparedChart {
  scope: ActivityScope;
  data: ChartData;
  /** A DOM-id-safe name for this chart (`activity-all`, `activity-projects-aurora-compute`). */
  id: string;
  links: ChartLinks;
  /** Base name for downloaded files, e.g. `activity-aurora-compute`. */
  fileName: string;
}

export function activityLinks(scope: ActivityScope): ChartLinks {
  return {
    page: `charts/activity/${scope.id}/`,
    csv: `charts/activity/${scope.id}.csv`,
    json: `charts/activity/${scope.id}.json`,
    svg: `charts/activity/${scope.id}.svg`,
    embed: `embed/activity/${scope.id}/`,
    embedDark: `embed/activity/dark/${scope.id}/`,
  };
}

function domId(text: string): string {
  return text.replace(/[^A-Za-z0-9_-]+/g, '-').replace(/-+$/, '');
}

let cache: Promise<{ series: ActivitySeries; scopes: ActivityScope[]; siteTitle: string }> | undefined;

async function load() {
  cache ??= getSite().then(({ catalog, loaded }) => ({
    series: activitySeries(catalog.items<ChangeSummary>('change')),
    scopes: activityScopes(catalog.places.values()),
    siteTitle: loaded.config.site.title,
  }));
  return cache;
}

export async function activityChartScopes(): Promise<ActivityScope[]> {
  return (await load()).scopes;
}

/**
 * Prepared activity chart for a scope id (`all`, `projects/aurora/compute`), a
 * scope, or `{ project: name }`. A project name is never read as a scope id: a
 * project may be called `all` or `projects/x`. Throws for an unknown scope, naming it.
 */
export async function activityChartFor(scope: string | ActivityScope | { project: string } = 'all'): Promise<PreparedChart> {
  const { series, scopes, siteTitle } = await load();
  const byProject = typeof scope === 'object' && !('id' in scope);
  const wanted = typeof scope === 'string' ? scope : 'id' in scope ? scope.id : scope.project;
  const found = byProject ? scopes.find((s) => s.project === wanted) : wanted === 'all' ? ALL_SCOPE : scopes.find((s) => s.id === wanted);
  if (!found) throw new Error(`activity chart: unknown ${byProject ? 'project' : 'scope'} ${JSON.stringify(wanted)}${byProject ? '' : ' (expected "all" or "projects/<slug>")'}`);
  return {
    scope: found,
    data: activityChartData(series, found, siteTitle),
    id: domId(`activity-${found.id}`),
    links: activityLinks(found),
    fileName: domId(`activity-${found.project === undefined ? 'all' : found.id.replace(/^projects\//, '')}`),
  };
}
