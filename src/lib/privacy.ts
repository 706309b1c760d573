/**
 * E-mail masking. Addresses are never stored: every free-text field an upstream sends goes
 * through `maskEmail` (or the whole record through `maskDeep`) before it reaches the store.
 *
 * What counts as an address (the build's privacy scan, scripts/lib/privacy-scan.ts, is an
 * independent implementation of the same rules and fails the build on anything left):
 *
 * - an at sign: `@`, full-width `＠`, small `﹫`, `%40`, `&#64;` / `&#x40;` (any leading zeros,
 *   any case of the x) or `&commat;`, with any zero-width characters (U+200B..U+200D, U+2060,
 *   U+FEFF) or soft hyphens (U+00AD) right before or after it;
 * - before it a local part: letters, digits and marks of any script and `._%+-`, not reaching back
 *   over the previous at sign, nor into the domain of the address before (`two@x.org@y.org` is one
 *   address); or a quoted local part on one line (`"john doe"`, up to 64 characters, `\"` escapes);
 * - after it a domain: dotted labels of letters, digits, marks and `-` whose last label starts with
 *   two letters (`例え.jp`, `xn--p1ai` qualify; `localhost`, `2.0.1` do not), not a retina asset
 *   name (`icon@2x.png`); or a literal `[192.0.2.1]` / `[IPv6:2001:db8::1]`.
 *
 * The masked form keeps the first character of the local part, puts `…` right before the at sign
 * (as written, without the invisible characters) and keeps the domain: `j…@example.org`,
 * `j…%40example.org`, `j…&#64;example.org`; a quoted local part keeps its opening quote
 * (`"j…@example.org`), an address literal is masked too (`u…@[…]`). An at sign right after `…`
 * has no local part, so masked text is never masked, nor reported, again.
 *
 * Linear time: at signs are found by one regular-expression search, and the work at each is
 * bounded by the text between it and its neighbours (64 characters for a quoted local part).
 */

const CORE_AT = /@|\uFF20|\uFE6B|%40|&#0*64;|&#[xX]0*40;|&commat;/g;
const LITERAL = /\[(?:\d{1,3}(?:\.\d{1,3}){3}|[Ii][Pp][Vv]6:[0-9A-Fa-f:.]+)\]/y;
const MAX_QUOTED = 64;
const ELLIPSIS = 0x2026;

function isInvisible(c: number): boolean {
  return c === 0x200b || c === 0x200c || c === 0x200d || c === 0x2060 || c === 0xfeff || c === 0x00ad;
}

const LETTER = /^\p{L}$/u;
const MARK = /^\p{M}$/u;
const ALNUM_MARK = /^[\p{L}\p{N}\p{M}]$/u;

function isLetter(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  return LETTER.test(String.fromCodePoint(cp));
}

function isLetterOrMark(cp: number): boolean {
  return isLetter(cp) || (cp >= 0x300 && MARK.test(String.fromCodePoint(cp)));
}

/** Letters, digits and marks of any script. */
function isAlnum(cp: number): boolean {
  if (cp < 0x80) return (cp >= 0x30 && cp <= 0x39) || (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a);
  return ALNUM_MARK.test(String.fromCodePoint(cp));
}

function isLocalChar(cp: number): boolean {
  return isAlnum(cp) || cp === 0x2e || cp === 0x5f || cp === 0x25 || cp === 0x2b || cp === 0x2d;
}

/** The code point that ends at `end` (a surrogate pair counts as one), and its length. */
function codePointBefore(text: string, end: number): [number, number] {
  const low = text.charCodeAt(end - 1);
  if (low >= 0xdc00 && low <= 0xdfff && end >= 2) {
    const high = text.charCodeAt(end - 2);
    if (high >= 0xd800 && high <= 0xdbff) return [text.codePointAt(end - 2)!, 2];
  }
  return [low, 1];
}

function codePointLength(cp: number): number {
  return cp > 0xffff ? 2 : 1;
}

/**
 * Where a domain name that starts at `start` ends, or -1 when there is none: labels up to the
 * first character that cannot belong, ending after the last label that starts with two letters.
 */
function domainEnd(text: string, start: number): number {
  let i = start;
  let labelLength = 0;
  let dots = 0;
  let tldLabel = false; // the current label starts with two letters and follows a dot
  let end = -1;
  for (;;) {
    const cp = text.codePointAt(i);
    if (cp === 0x2e) {
      if (labelLength === 0) break;
      if (tldLabel) end = i;
      if (dots === 0 && i - start === 2 && text.charCodeAt(start) >= 0x30 && text.charCodeAt(start) <= 0x39 && text[start + 1] === 'x') return -1; // icon@2x.png
      dots++;
      const first = text.codePointAt(i + 1);
      const second = first === undefined ? undefined : text.codePointAt(i + 1 + codePointLength(first));
      tldLabel = first !== undefined && second !== undefined && isLetter(first) && isLetterOrMark(second);
      labelLength = 0;
      i++;
    } else if (cp !== undefined && (cp === 0x2d || isAlnum(cp))) {
      labelLength++;
      i += codePointLength(cp);
    } else break;
  }
  if (tldLabel && labelLength > 0) end = i;
  return end;
}

/** Backslashes right before `at`, not counting any before `low`. */
function backslashesBefore(text: string, at: number, low: number): number {
  let n = 0;
  while (at - n - 1 >= low && text.charCodeAt(at - n - 1) === 0x5c) n++;
  return n;
}

/** The opening quote of a quoted local part whose closing quote is at `close`, or -1. */
function openingQuote(text: string, close: number, low: number): number {
  if (backslashesBefore(text, close, low) % 2 === 1) return -1;
  for (let p = close - 1; p >= low && close - p <= MAX_QUOTED + 1; p--) {
    const c = text.charCodeAt(p);
    if (c === 0x0a || c === 0x0d) return -1;
    if (c === 0x22 && backslashesBefore(text, p, low) % 2 === 0) return close - p > 1 ? p : -1;
  }
  return -1;
}

function firstCodePoint(text: string, at: number): string {
  return String.fromCodePoint(text.codePointAt(at)!);
}

/** `jane.doe@example.org` -> `j…@example.org` (and the obfuscated forms above); anything else comes back unchanged. */
export function maskEmail(text: string): string {
  let out = '';
  let copied = 0;
  // A local part starts at or after `low`: the end of the previous at sign, or of its domain
  // when that at sign belonged to an address (masked or not).
  let low = 0;
  for (const m of text.matchAll(CORE_AT)) {
    let start = m.index;
    while (start > low && isInvisible(text.charCodeAt(start - 1))) start--;
    let end = m.index + m[0].length;
    while (end < text.length && isInvisible(text.charCodeAt(end))) end++;

    let domain: number;
    let literal = false;
    if (text.charCodeAt(end) === 0x5b) {
      LITERAL.lastIndex = end;
      domain = LITERAL.test(text) ? LITERAL.lastIndex : -1;
      literal = true;
    } else domain = domainEnd(text, end);

    const before = start > 0 ? text.charCodeAt(start - 1) : -1;
    let localStart = start;
    let quote = -1;
    if (before === 0x22) quote = start - 1 >= low ? openingQuote(text, start - 1, low) : -1;
    else {
      while (localStart > low) {
        const [cp, length] = codePointBefore(text, localStart);
        if (!isLocalChar(cp)) break;
        localStart -= length;
      }
    }
    const hasLocal = quote >= 0 || localStart < start;

    if (domain >= 0 && hasLocal) {
      const head = quote >= 0 ? `"${firstCodePoint(text, quote + 1)}` : firstCodePoint(text, localStart);
      out += `${text.slice(copied, quote >= 0 ? quote : localStart)}${head}…${m[0]}${literal ? '[…]' : ''}`;
      copied = literal ? domain : end;
    }
    low = domain >= 0 && (hasLocal || before === ELLIPSIS) ? domain : end;
  }
  return copied === 0 ? text : out + text.slice(copied);
}

/**
 * A copy of a JSON-like value with `maskEmail` applied to every string, and to every key of every
 * object (arrays and plain objects are copied all the way down; other values are kept as they are).
 * Keys that mask to the same text collide: the last one wins.
 */
export function maskDeep<T>(value: T): T {
  return deep(value) as T;
}

function deep(value: unknown): unknown {
  if (typeof value === 'string') return maskEmail(value);
  if (Array.isArray(value)) return value.map(deep);
  if (value !== null && typeof value === 'object') {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) return value;
    // Object.fromEntries defines properties, so a "__proto__" key stays data.
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [maskEmail(k), deep(v)]));
  }
  return value;
}

/**
 * Spelled-out at signs, as mail archives write them: pipermail's `user at example.com`, and what
 * people type to dodge harvesters (`user (at) example.org`, `user[at]example.org`, `user{at}…`,
 * `user<at>…`, `user(a)example.org`, `user AT example.org`), with the dot spelled out too after
 * one of these (`example dot org`, `example[dot]org`, `example (dot) org`).
 */
const SPELLED_AT = /[ \t]*[[({<][ \t]*(?:at|AT|At)[ \t]*[\])}>][ \t]*|\((?:a|A)\)|[ \t]+(?:at|AT)[ \t]+/g;
const SPELLED_DOT = /[ \t]*[[({<][ \t]*(?:dot|DOT)[ \t]*[\])}>][ \t]*|[ \t]+(?:dot|DOT)[ \t]+/y;
const BARE_AT = /^[ \t]+(?:at|AT)[ \t]+$/;
/** SPELLED_AT right at a position (sticky). */
const SPELLED_AT_AFTER = new RegExp(SPELLED_AT.source, 'y');

/**
 * Words that stand before a bare ` at ` in prose far more often than as a local part ("look at
 * example.com", "works at example.org"): a bare ` at ` after one of them is left alone. The
 * bracketed forms are never words, so they are masked whatever comes before them.
 */
const PROSE_BEFORE_AT = new Set(
  (
    'look looked looking looks glance peek is are was were be been being am me us him her them it you we they i ' +
    'available found hosted located posted published listed linked stored kept mirrored served deployed running runs run ' +
    'work works worked working job jobs team folks people guys colleagues friends student students engineer engineers developer developers intern ' +
    'here there live lives lived stay stayed staying arrive arrived aimed point pointed points pointing see seen held meet meeting ' +
    'up out online open opened started try tried both all not and or but only even also just still already then now directly somewhere anywhere'
  ).split(' '),
);

/** Last labels that are file name extensions, not top-level domains worth masking after a bare ` at ` ("look at setup.py"). */
const FILE_EXTENSIONS = new Set(
  'py md txt rst html htm json yaml yml toml cfg ini conf css xml js mjs ts tsx jsx java php rb go cpp hpp cc hh log gz tgz zip tar patch diff png jpg jpeg gif svg pdf sh bash lock sql csv jar deb rpm img'.split(' '),
);

function isLabelChar(text: string, at: number): boolean {
  const cp = text.codePointAt(at);
  return cp !== undefined && (cp === 0x2d || isAlnum(cp));
}

/** The labels of a domain starting at `start`, separated by `.` or a spelled-out dot: [start, end) of each. */
function spelledLabels(text: string, start: number): [number, number][] {
  const labels: [number, number][] = [];
  let i = start;
  for (;;) {
    const from = i;
    while (i < text.length && isLabelChar(text, i)) i += codePointLength(text.codePointAt(i)!);
    if (i === from) break;
    labels.push([from, i]);
    if (text.charCodeAt(i) === 0x2e && isLabelChar(text, i + 1)) {
      i++;
      continue;
    }
    SPELLED_DOT.lastIndex = i;
    if (SPELLED_DOT.test(text) && isLabelChar(text, SPELLED_DOT.lastIndex)) {
      i = SPELLED_DOT.lastIndex;
      continue;
    }
    break;
  }
  return labels;
}

/**
 * `maskEmail`, and also the spelled-out forms mail archives use (above): `user at example.com`
 * -> `u… at example.com`, `user(a)example.org` -> `u…(a)example.org`. Meant for mail text only:
 * a bare ` at ` before a file name or after a common word is prose and stays (see the two lists
 * above), but elsewhere (commit messages, review comments) "fix at foo.org" would lose a word,
 * so `maskEmail` keeps to at signs. Linear time, like `maskEmail`; masked text stays as it is.
 */
export function maskArchiveEmail(text: string): string {
  const masked = maskEmail(text);
  let out = '';
  let copied = 0;
  let low = 0;
  for (const m of masked.matchAll(SPELLED_AT)) {
    const start = m.index;
    const end = start + m[0].length;
    if (start < low) continue;
    const bare = BARE_AT.test(m[0]);
    let localStart = start;
    while (localStart > low) {
      const [cp, length] = codePointBefore(masked, localStart);
      if (!isLocalChar(cp)) break;
      localStart -= length;
    }
    const labels = spelledLabels(masked, end);
    let last = -1;
    for (let k = labels.length - 1; k >= 1; k--) {
      const [a] = labels[k]!;
      const first = masked.codePointAt(a)!;
      const second = masked.codePointAt(a + codePointLength(first));
      if (isLetter(first) && second !== undefined && isLetterOrMark(second)) {
        last = k;
        break;
      }
    }
    const local = masked.slice(localStart, start);
    const domainEndAt = last >= 0 ? labels[last]![1] : -1;
    let ok = domainEndAt >= 0 && local !== '' && !local.endsWith('.');
    if (ok && bare) {
      const tld = masked.slice(labels[last]![0], domainEndAt).toLowerCase();
      ok = !PROSE_BEFORE_AT.has(local.toLowerCase()) && !FILE_EXTENSIONS.has(tld);
    }
    // "the chairs at maya.okafor at example.org": what looked like a domain is the local part of
    // the address that follows; leave this one as prose so the next match masks the real address.
    if (ok) {
      SPELLED_AT_AFTER.lastIndex = domainEndAt;
      if (SPELLED_AT_AFTER.test(masked)) ok = false;
    }
    if (ok) {
      out += `${masked.slice(copied, localStart)}${firstCodePoint(masked, localStart)}…${m[0]}`;
      copied = end;
      low = domainEndAt;
    } else low = end;
  }
  return copied === 0 ? masked : out + masked.slice(copied);
}
