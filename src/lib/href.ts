/** Site-relative path -> URL under the configured base (`/portal/` + `changes/x/1/`). */
export function href(path: string, base: string = import.meta.env.BASE_URL): string {
  const b = base.endsWith('/') ? base : `${base}/`;
  return `${b}${path.replace(/^\/+/, '')}`;
}
