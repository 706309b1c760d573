import { INDEX_SEPARATOR } from './analyze.ts';

/**
 * Highlighting and snippets as plain segments: the page turns them into
 * text nodes and <mark> elements, so upstream text is never parsed as HTML.
 */
export interface Segment {
  text: string;
  match: boolean;
}

const WORDS = /[^\s\-]+/g;
/** Leading punctuation, the word, trailing punctuation. */
const CORE = /^([^\p{L}\p{N}]*)(.*?)([^\p{L}\p{N}]*)$/su;
const SEPARATORS = new RegExp(INDEX_SEPARATOR.source, 'g');
const RUNS = /[\p{L}\p{N}]+/gu;
const PUNCTUATION = /[^\p{L}\p{N}]/u;

/**
 * The [start, end) ranges of `word` to mark: its core (`nova` in `(nova),`)
 * when that matches, else the pieces the index splits it into: the words
 * between separators (`developers.html` in `…/manual/developers.html#x`),
 * and within those their letter-and-digit runs (`manual`, `html`).
 */
function matchedRanges(word: string, isMatch: (word: string) => boolean): [number, number][] {
  const [cs, ce] = trimmed(word, 0, word.length);
  if (cs >= ce) return [];
  const core = word.slice(cs, ce);
  if (isMatch(core)) return [[cs, ce]];
  // Most words are letters and digits only: nothing inside them to split.
  if (!PUNCTUATION.test(core)) return [];
  const out: [number, number][] = [];
  let from = 0;
  const piece = (start: number, end: number) => {
    const [ps, pe] = trimmed(word, start, end);
    if (ps >= pe) return;
    if ((ps !== cs || pe !== ce) && isMatch(word.slice(ps, pe))) {
      out.push([ps, pe]);
      return;
    }
    for (const r of word.slice(ps, pe).matchAll(RUNS)) {
      const rs = ps + r.index;
      const re = rs + r[0].length;
      if ((rs !== ps || re !== pe) && isMatch(r[0])) out.push([rs, re]);
    }
  };
  for (const sep of word.matchAll(SEPARATORS)) {
    piece(from, sep.index);
    from = sep.index + sep[0].length;
  }
  piece(from, word.length);
  return out;
}

/** `[start, end)` narrowed to exclude punctuation at both ends. */
function trimmed(word: string, start: number, end: number): [number, number] {
  const m = CORE.exec(word.slice(start, end));
  const lead = m?.[1]?.length ?? 0;
  const body = m?.[2]?.length ?? 0;
  return [start + lead, start + lead + body];
}

/** Splits `text` into runs, marking the words and word pieces that `isMatch` accepts (see matchedRanges). */
export function highlight(text: string, isMatch: (word: string) => boolean): Segment[] {
  const out: Segment[] = [];
  const push = (t: string, match: boolean) => {
    if (!t) return;
    const prev = out[out.length - 1];
    if (prev && !prev.match && !match) prev.text += t;
    else out.push({ text: t, match });
  };
  let last = 0;
  for (const m of text.matchAll(WORDS)) {
    for (const [a, b] of matchedRanges(m[0], isMatch)) {
      push(text.slice(last, m.index + a), false);
      push(text.slice(m.index + a, m.index + b), true);
      last = m.index + b;
    }
  }
  push(text.slice(last), false);
  return out;
}

/**
 * About `width` characters of `text` around the first matched word (or its
 * start when no word matches), cut at spaces, with ellipses where cut.
 */
export function snippet(text: string, isMatch: (word: string) => boolean, width = 200): Segment[] {
  const flat = text.replace(/\s+/g, ' ').trim();
  let first = -1;
  for (const m of flat.matchAll(WORDS)) {
    if (matchedRanges(m[0], isMatch).length) {
      first = m.index;
      break;
    }
  }
  let start = first < 0 ? 0 : Math.max(0, first - Math.floor(width / 3));
  if (start > 0) {
    const space = flat.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(flat.length, start + width);
  if (end < flat.length) {
    const space = flat.lastIndexOf(' ', end);
    if (space > start + width / 2) end = space;
  }
  const segments = highlight(flat.slice(start, end), isMatch);
  if (start > 0) segments.unshift({ text: '…', match: false });
  if (end < flat.length) segments.push({ text: '…', match: false });
  return segments;
}
