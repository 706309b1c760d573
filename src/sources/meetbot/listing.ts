/**
 * Directory listings as web servers write them for a meeting bot's output
 * (Apache mod_autoindex, nginx autoindex, lighttpd, Python's http.server…).
 * Pure: HTML in, entries out. Only the `<a href>` of each link and the text
 * that follows it on the row are read, so the layout (a table, a `<pre>`, a
 * list) does not matter: an entry is any link to a child of the listed folder,
 * a folder when it ends in `/`. Sorting links (`?C=N;O=D`), the parent link
 * and links elsewhere are not entries.
 *
 * The text after a link (date and size in every autoindex style) is kept as
 * the entry's `stamp`: when it changes between two listings, the file did.
 */
import { Parser } from 'htmlparser2';

export interface ListingEntry {
  /** The child's name, decoded, without the trailing `/` of a folder. */
  name: string;
  /** Absolute URL. */
  url: string;
  dir: boolean;
  /** The row's date and size as written (whitespace collapsed); empty when the listing shows none. */
  stamp: string;
}

interface RawLink {
  href: string;
  after: string;
}

function links(html: string): RawLink[] {
  const out: RawLink[] = [];
  let current: RawLink | undefined;
  let inLink = 0;
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'a') {
          inLink++;
          if (attributes.href !== undefined) {
            current = { href: attributes.href.trim(), after: '' };
            out.push(current);
          }
        }
        // A new row ends what the last link's row said.
        if (name === 'tr' || name === 'li' || name === 'br') current = undefined;
      },
      onclosetag(name) {
        if (name === 'a') inLink = Math.max(0, inLink - 1);
        if (name === 'tr' || name === 'li') current = undefined;
      },
      ontext(text) {
        if (!current || inLink > 0) return;
        // In a <pre> listing a row ends at its newline.
        const nl = text.indexOf('\n');
        current.after += nl >= 0 ? text.slice(0, nl) : text;
        if (nl >= 0) current = undefined;
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

/** The entries of a listing page at `pageUrl`, each once, in the order shown. */
export function parseListing(html: string, pageUrl: string): ListingEntry[] {
  const base = new URL(pageUrl.endsWith('/') ? pageUrl : `${pageUrl}/`);
  const seen = new Set<string>();
  const out: ListingEntry[] = [];
  for (const { href, after } of links(html)) {
    if (!href || href.startsWith('?') || href.startsWith('#')) continue;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    if (url.origin !== base.origin || url.search || !url.pathname.startsWith(base.pathname)) continue;
    const rest = url.pathname.slice(base.pathname.length);
    const dir = rest.endsWith('/');
    const name = dir ? rest.slice(0, -1) : rest;
    // Only direct children: not the folder itself, not deeper paths.
    if (!name || name.includes('/')) continue;
    let decoded: string;
    try {
      decoded = decodeURIComponent(name);
    } catch {
      decoded = name;
    }
    if (decoded === '.' || decoded === '..' || seen.has(decoded)) continue;
    seen.add(decoded);
    url.hash = '';
    out.push({ name: decoded, url: url.href, dir, stamp: after.replace(/\s+/g, ' ').trim() });
  }
  return out;
}
