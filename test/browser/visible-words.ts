import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import lunr from 'lunr';
import { Rng } from '../../scripts/demo/prng.ts';

/**
 * Words a reader sees on built pages, and a seeded pick of the rare ones, for
 * the test that search finds what a page shows. Independent of the search
 * code on purpose: words are runs of letters and digits of the page's
 * visible text, not the analyzer's tokens.
 */

export interface VisiblePage {
  /** Site path, e.g. `changes/demo/10001/`. */
  path: string;
  /** Lower-cased distinct words of the page's main content. */
  words: Set<string>;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** The text of `<main>` as a reader gets it: no markup, scripts, styles or comments; references decoded. */
export function visibleText(html: string): string {
  const main = /<main\b[^>]*>([\s\S]*)<\/main>/i.exec(html)?.[1] ?? html;
  return main
    .replace(/<(script|style|template)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<!--[\s\S]*?-->/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (m, ref: string) => {
      if (ref[0] === '#') return String.fromCodePoint(ref[1] === 'x' || ref[1] === 'X' ? parseInt(ref.slice(2), 16) : Number(ref.slice(1)));
      return ENTITIES[ref.toLowerCase()] ?? m;
    });
}

/** Hex ids: revisions (`74b7cd082e`), Change-Ids (`I` and 40 hex digits), CI build ids. */
export const HEX_ID = /^i?[0-9a-f]*\d[0-9a-f]*$/;

/**
 * Candidate words: runs of letters and digits, at least three characters,
 * with a letter, that are not hex ids (they are checked on their own: they
 * would be most of the rare words, being unique to their page). Left out too:
 * numbers and times (`10100`, `11:41`).
 */
export function candidateWords(text: string): Set<string> {
  const out = new Set<string>();
  for (const m of text.toLowerCase().matchAll(/[\p{L}\p{N}]+/gu)) {
    const w = m[0];
    if ([...w].length < 3 || !/\p{L}/u.test(w) || (w.length >= 7 && HEX_ID.test(w))) continue;
    out.add(w);
  }
  return out;
}

/** lunr's English stop words (`the`, `none`, …) are not indexed, by design (see README, Search). */
export function isStopWord(word: string): boolean {
  return !lunr.stopWordFilter(new lunr.Token(word, {}));
}

/** Page chrome: words on more than half of the pages of a kind (headings, labels, table headers). */
export function templateWords(pages: VisiblePage[]): Set<string> {
  const df = new Map<string, number>();
  for (const p of pages) for (const w of p.words) df.set(w, (df.get(w) ?? 0) + 1);
  return new Set([...df].filter(([, n]) => n * 2 > pages.length).map(([w]) => w));
}

/** `count` of `pages` drawn with `seed` (Fisher-Yates over a copy). */
export function samplePages(pages: VisiblePage[], seed: string, count: number): VisiblePage[] {
  const rng = new Rng(seed);
  const order = [...pages];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(rng.next() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order.slice(0, count);
}

/**
 * Every page under `dist/<dir>/<source>/`, by path: `<id>/index.html`, or
 * deeper where an id has parts (a GitHub pull request's `<owner>/<name>/<n>/`).
 */
export function readPages(dist: string, dir: string, text: (html: string) => string = visibleText): VisiblePage[] {
  const pages: VisiblePage[] = [];
  const walk = (path: string): void => {
    for (const e of readdirSync(join(dist, path), { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const sub = `${path}${e.name}/`;
      if (existsSync(join(dist, sub, 'index.html'))) pages.push({ path: sub, words: candidateWords(text(readFileSync(join(dist, sub, 'index.html'), 'utf8'))) });
      else walk(sub);
    }
  };
  for (const source of readdirSync(join(dist, dir), { withFileTypes: true })) if (source.isDirectory()) walk(`${dir}/${source.name}/`);
  return pages.sort((a, b) => (a.path < b.path ? -1 : 1));
}

export interface RareWord {
  word: string;
  page: string;
  /** On how many of the pages read the word appears. */
  pages: number;
}

/** The term the index keeps for a word (lunr's Porter stemmer): `asked`, `asks` and `ask` are all `ask`. */
export function indexTerm(word: string): string {
  return lunr.stemmer(new lunr.Token(word, {})).toString();
}

/**
 * `count` pages of `from` drawn with `seed` among those showing a rare word,
 * and for each up to `perPage` of its words (random, not stop words) that
 * appear on at most `maxPages` of `all` pages, each word once overall. With
 * `byTerm`, a word is rare when its index term is (`ask` on two pages is not
 * rare when `asked` is on a hundred): what the index will find for it.
 */
export function pickRareWords(all: VisiblePage[], from: VisiblePage[], opts: { seed: string; count: number; perPage: number; maxPages: number; byTerm?: boolean }): RareWord[] {
  const key = opts.byTerm ? indexTerm : (w: string) => w;
  const terms = new Map<string, number>();
  for (const p of all) for (const t of new Set([...p.words].map(key))) terms.set(t, (terms.get(t) ?? 0) + 1);
  const df = { get: (w: string) => terms.get(key(w)) };
  const rng = new Rng(`${opts.seed}/words`);
  const order = samplePages(from, opts.seed, from.length);
  const used = new Set<string>();
  const out: RareWord[] = [];
  let taken = 0;
  for (const page of order) {
    if (taken >= opts.count) break;
    const rare = [...page.words].filter((w) => (df.get(w) ?? 0) <= opts.maxPages && !used.has(w) && !isStopWord(w)).sort();
    if (rare.length === 0) continue;
    taken++;
    for (let i = 0; i < opts.perPage && rare.length > 0; i++) {
      const [word] = rare.splice(Math.floor(rng.next() * rare.length), 1);
      used.add(word!);
      out.push({ word: word!, page: page.path, pages: df.get(word!)! });
    }
  }
  return out;
}

/**
 * What a reader sees of the mail on a thread or message page: the subject
 * heading, and of each message its poster, subject, own words, signature
 * and attachment names. Left out: folded quotes and list footers (closed
 * `<details>`: the quoted messages' and the list's words, which search finds
 * on those messages), the page's navigation and the component's labels.
 */
export function mailText(html: string): string {
  const main = /<main\b[^>]*>([\s\S]*)<\/main>/i.exec(html)?.[1] ?? html;
  const parts = [/<h1\b[^>]*>([\s\S]*?)<\/h1>/.exec(main)?.[1] ?? ''];
  for (const [, article] of main.matchAll(/<article class="mail"[^>]*>([\s\S]*?)<\/article>/g)) {
    const open = article!.replace(/<details\b[\s\S]*?<\/details>/g, ' ');
    for (const m of open.matchAll(/<strong\b[^>]*>(<a\b[\s\S]*?)<\/strong>|<p class="(?:prose|subject)\b[^"]*"[^>]*>([\s\S]*?)<\/p>/g)) parts.push(m[1] ?? m[2]!);
    const files = /<div class="attachments"[^>]*>[\s\S]*?<ul[^>]*>([\s\S]*?)<\/ul>/.exec(open)?.[1] ?? '';
    for (const [, li] of files.matchAll(/<li\b[^>]*>([\s\S]*?)<\/li>/g)) parts.push(li!.replace(/ \([^()]*\)( — removed by the archive)?$/, ''));
  }
  return visibleText(`<main>${parts.join('\n')}</main>`);
}

/** The body text of the messages on a mail page as shown (own words and signatures, not folded quotes), a blank line between paragraphs. */
export function mailBody(html: string): string {
  const paras: string[] = [];
  for (const [, article] of html.matchAll(/<article class="mail"[^>]*>([\s\S]*?)<\/article>/g)) {
    const open = article!.replace(/<details\b[\s\S]*?<\/details>/g, ' ');
    for (const [, p] of open.matchAll(/<p class="prose\b[^"]*"[^>]*>([\s\S]*?)<\/p>/g)) paras.push(visibleText(`<main>${p}</main>`).trim());
  }
  return paras.join('\n\n');
}

/** Like readPages, with the words of `mailText`: every thread or message page under `dist/<dir>/`. */
export function readMailPages(dist: string, dir: 'threads' | 'messages'): VisiblePage[] {
  return readPages(dist, dir, mailText);
}
