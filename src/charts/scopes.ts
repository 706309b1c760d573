/** What a chart can be drawn for: everything, or one project (pure). */

/** A chart scope. `id` is also the URL path piece: `charts/<chart>/<id>/`. */
export interface ChartScope {
  id: string;
  label: string;
  /** Project name; absent for the `all` scope. */
  project?: string;
}

export const ALL_SCOPE: ChartScope = { id: 'all', label: 'All projects' };

/**
 * `all` plus one scope per project, under `projects/<slug>` so that no
 * project slug (which may contain `/`) can collide with `all`, with the
 * `dark/` embed segment or with other routes.
 */
export function projectScopes(projects: Iterable<{ name: string; slug: string }>): ChartScope[] {
  const list = [...projects].sort((a, b) => a.slug.localeCompare(b.slug));
  return [ALL_SCOPE, ...list.map((p) => ({ id: `projects/${p.slug}`, label: p.name, project: p.name }))];
}

/** "all projects" or the project's name, for titles and sentences. */
export function scopeWords(scope: ChartScope): string {
  return scope.project === undefined ? 'all projects' : scope.project;
}
