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

/** Splits `text` into runs, marking the word cores (`nova` in `(nova),`) that `isMatch` accepts. */
export function highlight(text: string, isMatch: (word: string) => boolean): Segment[] {
  const out: Segment[] = [];
  let plain = '';
  let last = 0;
  for (const m of text.matchAll(WORDS)) {
    const word = m[0];
    const start = m.index;
    const core = CORE.exec(word);
    const body = core?.[2] ?? '';
    if (body && isMatch(body)) {
      const lead = core?.[1] ?? '';
      plain += text.slice(last, start) + lead;
      if (plain) out.push({ text: plain, match: false });
      out.push({ text: body, match: true });
      plain = core?.[3] ?? '';
    } else {
      plain += text.slice(last, start) + word;
    }
    last = start + word.length;
  }
  plain += text.slice(last);
  if (plain) out.push({ text: plain, match: false });
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
    const core = CORE.exec(m[0])?.[2] ?? '';
    if (core && isMatch(core)) {
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
