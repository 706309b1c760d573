/** URL path pieces for things whose names come from upstreams. */

/** `aurora/compute` -> `aurora/compute`; anything outside [a-z0-9._-/] becomes `-`. */
export function projectSlug(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9._/-]+/g, '-')
    .replace(/\/+/g, '/')
    .replace(/^[-/.]+|[-/]+$/g, '') || 'project';
}

export function changePath(source: string, number: number): string {
  return `changes/${source}/${number}/`;
}

export function personPath(source: string, accountId: string): string {
  return `people/${source}/${encodeURIComponent(accountId)}/`;
}

/** The project page for a slug the catalog made unique (see Catalog). */
export function projectPath(slug: string): string {
  return `projects/${slug}/`;
}
