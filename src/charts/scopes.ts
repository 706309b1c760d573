/** What a chart can be drawn for: everything, or one project (pure). */

/** A chart scope. `id` is also the URL path piece: `charts/<chart>/<id>/`. */
export interface ChartScope {
  id: string;
  /** What readers see: the project's name, with its source when another source has a project of that name (`docs (sourceA)`). */
  label: string;
  /** Project name; absent for the `all` scope. */
  project?: string;
  /**
   * The project's place key (`placeKey(source, name)` from src/lib/places.ts);
   * absent for the `all` scope. Data is looked up by it, never by name: two
   * sources may each have a project of the same name.
   */
  place?: string;
  /**
   * The source id of a scope that is one source (the job-trends chart's
   * `sources/<id>`); absent otherwise. Data is looked up by it, like `place`.
   */
  source?: string;
  /**
   * How sentences name the `all` scope ("all lists"); `scopeWords` gives
   * "all projects" when absent. Not used for a place's scope, which its label names.
   */
  words?: string;
}

/** A place as `projectScopes` needs it (the catalog's `Place` fits). */
export interface ScopePlace {
  key: string;
  source: string;
  name: string;
  slug: string;
}

export const ALL_SCOPE: ChartScope = { id: 'all', label: 'All projects' };

/** The `all` scope of the mailing-list charts. */
export const ALL_LISTS_SCOPE: ChartScope = { id: 'all', label: 'All lists', words: 'all lists' };

/**
 * `all` plus one scope per project, under `projects/<slug>` so that no
 * project slug (which may contain `/`) can collide with `all`, with the
 * `dark/` embed segment or with other routes. Slugs are already distinct
 * when a name is in several sources (`<source>/<name>`); so are the labels,
 * which then name the source. `all` is the scope for everything
 * (`ALL_LISTS_SCOPE` for charts of lists).
 */
export function projectScopes(projects: Iterable<ScopePlace>, all: ChartScope = ALL_SCOPE): ChartScope[] {
  const list = [...projects].sort((a, b) => a.slug.localeCompare(b.slug));
  const sources = new Map<string, Set<string>>();
  for (const p of list) {
    let set = sources.get(p.name);
    if (!set) sources.set(p.name, (set = new Set()));
    set.add(p.source);
  }
  const label = (p: ScopePlace) => (sources.get(p.name)!.size > 1 ? `${p.name} (${p.source})` : p.name);
  return [all, ...list.map((p) => ({ id: `projects/${p.slug}`, label: label(p), project: p.name, place: p.key }))];
}

/**
 * "all projects" (or the `all` scope's own `words`, "all lists") or the
 * project's label (its name, with the source when the name is in several),
 * for titles and sentences.
 */
export function scopeWords(scope: ChartScope): string {
  return scope.project === undefined ? (scope.words ?? 'all projects') : scope.label;
}

/**
 * A scope's entry among data kept for all projects and by place key: the
 * total for `all`, else the place's entry (`undefined` when it has none, or
 * when the scope has no place key: a name alone is never looked up).
 */
export function scopeEntry<T>(scope: ChartScope, total: T, byPlace: ReadonlyMap<string, T>): T | undefined {
  if (scope.place !== undefined) return byPlace.get(scope.place);
  return scope.project === undefined ? total : undefined;
}
