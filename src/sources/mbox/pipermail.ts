/**
 * The month archives a list's archive index page links to: pipermail's (Mailman 2)
 * `2016-April.txt` / `2016-April.txt.gz`, and Apache mod_mbox's `201604.mbox` (linked as
 * `201604.mbox/thread`). Pure: HTML text in, links out; the client downloads them and feeds the
 * bytes to `split.ts`. It lives beside the mbox parser rather than in a folder of its own because
 * a pipermail source is an mbox source with another way to list its files (as in Perceval, where
 * Pipermail extends MBox), and upstream folders may not import each other.
 *
 * The page is read with htmlparser2 (no regular expressions over HTML); only the `href` of each
 * `<a>` is looked at, so the layout of the page (tables, list items, labels that disagree with
 * the links) does not matter.
 */
import { Parser } from 'htmlparser2';

export interface ArchiveLink {
  /** As written in the page (mod_mbox's `/thread` removed). */
  href: string;
  /** `href` resolved against the page's URL, when given. */
  url: string | undefined;
  year: number;
  /** 1-12. */
  month: number;
  format: 'pipermail' | 'mod_mbox';
  /** `gzip` for `.txt.gz`. */
  compression: 'gzip' | undefined;
}

const MONTHS = ['january', 'february', 'march', 'april', 'may', 'june', 'july', 'august', 'september', 'october', 'november', 'december'];
const PIPERMAIL = /(?:^|\/)(\d{4})-([A-Za-z]+)\.txt(\.gz)?$/;
const MOD_MBOX = /(?:^|\/)(\d{4})(\d{2})\.mbox$/;

function hrefs(html: string): string[] {
  const out: string[] = [];
  const parser = new Parser(
    {
      onopentag(name, attributes) {
        if (name === 'a' && attributes.href !== undefined) out.push(attributes.href.trim());
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true },
  );
  parser.write(html);
  parser.end();
  return out;
}

/** The month archives linked from an index page, oldest first, each once. */
export function parseArchiveIndex(html: string, pageUrl?: string): ArchiveLink[] {
  const seen = new Map<string, ArchiveLink>();
  for (const raw of hrefs(html)) {
    const href = raw.replace(/[?#].*$/, '').replace(/\/thread$/, '');
    let link: Omit<ArchiveLink, 'href' | 'url'> | undefined;
    const p = PIPERMAIL.exec(href);
    const month = p ? MONTHS.indexOf(p[2]!.toLowerCase()) + 1 : 0;
    if (p && month > 0) link = { year: Number(p[1]), month, format: 'pipermail', compression: p[3] ? 'gzip' : undefined };
    const m = MOD_MBOX.exec(href);
    if (m && Number(m[2]) >= 1 && Number(m[2]) <= 12) link = { year: Number(m[1]), month: Number(m[2]), format: 'mod_mbox', compression: undefined };
    if (!link || seen.has(href)) continue;
    let url: string | undefined;
    if (pageUrl !== undefined) {
      try {
        url = new URL(href, pageUrl).href;
      } catch {
        url = undefined;
      }
    }
    seen.set(href, { href, url, ...link });
  }
  return [...seen.values()].sort((a, b) => a.year - b.year || a.month - b.month || (a.href < b.href ? -1 : a.href > b.href ? 1 : 0));
}

/** The archives of the month of `since` (UTC ISO) and later: a month's file grows until the month ends, so it is read again. */
export function archivesSince(links: readonly ArchiveLink[], since: string | undefined): ArchiveLink[] {
  if (since === undefined) return [...links];
  const year = Number(since.slice(0, 4));
  const month = Number(since.slice(5, 7));
  return links.filter((l) => l.year > year || (l.year === year && l.month >= month));
}
