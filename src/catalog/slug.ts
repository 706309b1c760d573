/** URL path pieces for things whose names come from upstreams. */

/**
 * Words a project slug segment must not be: the review lists put filters after
 * the slug (`reviews/project/<slug>/status/merged/month/2025-03/page/2/`), so a
 * project `demo/status/merged` would otherwise take a page of `demo`.
 */
export const RESERVED_SEGMENTS: ReadonlySet<string> = new Set(['project', 'projects', 'status', 'month', 'page']);

/**
 * Endings of files the site writes beside a slug's folder (`charts/activity/projects/<slug>.csv`,
 * `index.html`): a segment `tool.csv` would need a folder where project `tool` has its download.
 */
const FILE_LIKE = /\.(?:html?|csv|json|svg)$/;

/** Longest segment kept (file systems allow 255 bytes; names this long are rare and still unique after dedup). */
const MAX_SEGMENT = 80;

/**
 * One path segment: lower case, accents dropped, `[a-z0-9._-]` only (anything
 * else becomes `-`), no leading or trailing `.` or `-` (so never `.`, `..` or a
 * hidden file), and `-` appended to a reserved or file-like segment. The
 * segment is empty when nothing is left.
 */
function slugSegment(raw: string): string {
  const s = raw
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, '-')
    .replace(/^[.-]+/, '')
    .slice(0, MAX_SEGMENT)
    .replace(/[.-]+$/, '');
  return s && (RESERVED_SEGMENTS.has(s) || FILE_LIKE.test(s)) ? `${s}-` : s;
}

/**
 * The readable base slug of a project name: `openstack/nova` -> `openstack/nova`,
 * `Team/My Tool` -> `team/my-tool`, `x/./y/../z` -> `x/y/z`, `demo/status/merged`
 * -> `demo/status-/merged`. Always URL- and file-system-safe; never empty. Several
 * names can share a base slug: `projectSlugs` makes them unique.
 */
export function projectSlug(name: string): string {
  return name.split('/').map(slugSegment).filter(Boolean).join('/') || 'unnamed';
}

/**
 * A slug for every project name, distinct for distinct names. A name alone on
 * its base slug keeps it; when several share one, the name spelled exactly
 * like it (else the first in code-point order) keeps it and each other gets
 * `~` plus a hash of its name. Base slugs never contain `~`, so a suffixed slug
 * can never take another project's, and a project's slug does not depend on
 * the order the store lists it in or on activity.
 */
export function projectSlugs(names: Iterable<string>): Map<string, string> {
  const groups = new Map<string, string[]>();
  for (const name of new Set(names)) {
    const base = projectSlug(name);
    const group = groups.get(base);
    if (group) group.push(name);
    else groups.set(base, [name]);
  }
  const taken = new Set(groups.keys());
  const out = new Map<string, string>();
  for (const [base, group] of groups) {
    group.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const keeper = group.includes(base) ? base : group[0]!;
    for (const name of group) {
      if (name === keeper) {
        out.set(name, base);
        continue;
      }
      let slug = `${base}~${fnv1a(name)}`;
      for (let salt = 1; taken.has(slug); salt++) slug = `${base}~${fnv1a(`${name}\u0000${salt}`)}`;
      taken.add(slug);
      out.set(name, slug);
    }
  }
  return out;
}

/** 32-bit FNV-1a of the UTF-16 code units, as 8 hex digits (short, stable, no dependencies). */
function fnv1a(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h.toString(16).padStart(8, '0');
}


export function personPath(source: string, accountId: string): string {
  return `people/${source}/${encodeURIComponent(accountId)}/`;
}

/** The project page for a slug the catalog made unique (see Catalog). */
export function projectPath(slug: string): string {
  return `projects/${slug}/`;
}
