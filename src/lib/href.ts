/**
 * The site's base path. At build time scripts/build.ts exports AGORA_BASE from
 * the validated config; `import.meta.env.BASE_URL` is the fallback (it is not
 * reliably replaced in prerendered server modules).
 */
export function siteBase(): string {
  const fromEnv = typeof process !== 'undefined' ? process.env.AGORA_BASE : undefined;
  return fromEnv ?? import.meta.env.BASE_URL ?? '/';
}

/** Site-relative path -> URL under the configured base (`/portal/` + `changes/x/1/`). */
export function href(path: string, base: string = siteBase()): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return `${b}${path.replace(/^\/+/, '')}`;
}
