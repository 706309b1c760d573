import { readdir, readFile } from 'node:fs/promises';
import { extname, join, relative } from 'node:path';

/*
 * The build-time check that dist/ holds no e-mail address. Written apart from maskEmail
 * (src/lib/privacy.ts) on purpose, as an independent check of the same rules:
 *
 * - an at sign is `@`, `＠`, `﹫`, `%40`, `&#64;`, `&#x40;` (any zeros, any case of the x) or
 *   `&commat;`, with any zero-width characters or soft hyphens right before or after it;
 * - before it a local part of letters, digits, marks (any script) and `._%+-`, not reaching back
 *   over the previous at sign nor into the domain of the address before, or a quoted local part
 *   on one line (up to 64 characters, `\"` escapes);
 * - after it dotted labels whose last starts with two letters (not `icon@2x.png`), or an address
 *   literal `[192.0.2.1]` / `[IPv6:…]`.
 *
 * An at sign right after `…` has no local part, so the masked forms (`j…@example.org`,
 * `j…%40example.org`, `"j…@example.org`, `u…@[…]`) pass. Text is scanned as readers and scripts
 * see it: JSON parsed, JavaScript string escapes and HTML character references decoded.
 */

const TEXT = new Set(['.html', '.json', '.js', '.mjs', '.css', '.csv', '.svg', '.txt', '.xml', '.map', '.ics']);
const AT_SIGN = /(?:@|＠|﹫|%40|&#0*64;|&#[xX]0*40;|&commat;)[\u200B-\u200D\u2060\uFEFF\u00AD]*/g;
const HIDDEN = /[\u200B-\u200D\u2060\uFEFF\u00AD]/;
const LOCAL_CHAR = /[\p{L}\p{N}\p{M}._%+-]/u;
const DOMAIN_RUN = /[\p{L}\p{N}\p{M}.-]*/uy;
const DOMAIN = /^(?:[\p{L}\p{N}\p{M}-]+\.)+\p{L}[\p{L}\p{M}][\p{L}\p{N}\p{M}-]*/u;
const RETINA = /^[0-9]x\./;
const ADDRESS_LITERAL = /\[(?:[0-9]{1,3}(?:\.[0-9]{1,3}){3}|IPv6:[0-9A-Fa-f:.]+)\]/iy;
/** RFC 5321: a local part has at most 64 characters; longer runs are reported by their last 64. */
const LOCAL_MAX = 64;

export interface Finding {
  file: string;
  match: string;
}

/** The domain after an at sign, as the index where it ends, or -1. */
function domainAfter(text: string, at: number): number {
  if (text[at] === '[') {
    ADDRESS_LITERAL.lastIndex = at;
    return ADDRESS_LITERAL.test(text) ? ADDRESS_LITERAL.lastIndex : -1;
  }
  DOMAIN_RUN.lastIndex = at;
  const run = DOMAIN_RUN.exec(text)![0];
  if (RETINA.test(run)) return -1;
  const m = DOMAIN.exec(run);
  return m ? at + m[0].length : -1;
}

/** An odd number of backslashes right before `i` (stopping at `floor`) escapes the character at `i`. */
function escaped(text: string, i: number, floor: number): boolean {
  let k = i - 1;
  while (k >= floor && text[k] === '\\') k--;
  return (i - 1 - k) % 2 === 1;
}

/**
 * The addresses in a text that readers see (decoded), each as written. The work at each at sign
 * is bounded by the text between it and its neighbours, so the scan is linear.
 */
export function emailsIn(text: string): string[] {
  const found: string[] = [];
  let floor = 0;
  for (const m of text.matchAll(AT_SIGN)) {
    let at = m.index;
    while (at > floor && HIDDEN.test(text[at - 1]!)) at--;
    const after = m.index + m[0].length;
    const prev = text[at - 1];
    let from = -1;
    if (prev === '"') {
      // A quoted local part: back to the unescaped opening quote, on the same line.
      const close = at - 1;
      if (close >= floor && !escaped(text, close, floor)) {
        for (let i = close - 1; i >= floor && i >= close - LOCAL_MAX - 1; i--) {
          const c = text[i];
          if (c === '\n' || c === '\r') break;
          if (c === '"' && !escaped(text, i, floor)) {
            if (i < close - 1) from = i;
            break;
          }
        }
      }
    } else {
      // Only the last 64 characters are reported; one is enough to make it an address.
      let i = at;
      for (let chars = 0; chars < LOCAL_MAX && i > floor; chars++) {
        const pair = i >= 2 && /[\uDC00-\uDFFF]/.test(text[i - 1]!) && /[\uD800-\uDBFF]/.test(text[i - 2]!);
        const ch = text.slice(pair ? i - 2 : i - 1, i);
        if (!LOCAL_CHAR.test(ch)) break;
        i -= ch.length;
      }
      if (i < at) from = i;
    }
    if (from < 0 && prev !== '…') {
      floor = after;
      continue;
    }
    const end = domainAfter(text, after);
    if (end >= 0 && from >= 0) found.push(text.slice(from, end));
    // The next local part cannot start inside this address's domain (`two@x.org@y.org` is one address).
    floor = end >= 0 && (from >= 0 || prev === '…') ? end : after;
  }
  return found;
}

const NAMED_REFERENCES = new Map(Object.entries({
  amp: '&', AMP: '&', lt: '<', LT: '<', gt: '>', GT: '>', quot: '"', QUOT: '"', apos: "'", nbsp: '\u00A0', NewLine: '\n', Tab: '\t',
  commat: '@', period: '.', lowbar: '_', UnderBar: '_', percnt: '%', plus: '+', num: '#', hellip: '…', mldr: '…',
  lsqb: '[', lbrack: '[', rsqb: ']', rbrack: ']', colon: ':', semi: ';', sol: '/', bsol: '\\', excl: '!', quest: '?', equals: '=',
  shy: '\u00AD', zwnj: '\u200C', zwj: '\u200D', ZeroWidthSpace: '\u200B', NoBreak: '\u2060',
}));

const JS_ESCAPES = new Map(Object.entries({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', v: '\v', 0: '\0', '/': '/', '"': '"', "'": "'", '\\': '\\' }));

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

function isHex(c: number): boolean {
  return isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);
}

function isAsciiAlnum(c: number): boolean {
  return isDigit(c) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x7a);
}

/** A run of digits (from `i`) as a code point; too large, a surrogate or zero gives U+FFFD. */
function codePointOf(digits: string, radix: number): string {
  const cp = digits.length > 8 ? Infinity : parseInt(digits, radix);
  return cp > 0 && cp <= 0x10ffff && !(cp >= 0xd800 && cp <= 0xdfff) ? String.fromCodePoint(cp) : '\uFFFD';
}

/**
 * Replaces what `decode` recognises at each `marker` (it returns the text and where it ends, or
 * undefined to keep the marker as it is). Each character is looked at a bounded number of times.
 */
function decodeAt(text: string, marker: string, decode: (at: number) => [string, number] | undefined): string {
  let at = text.indexOf(marker);
  if (at === -1) return text;
  const parts: string[] = [];
  let copied = 0;
  while (at !== -1) {
    const hit = decode(at);
    if (hit) {
      parts.push(text.slice(copied, at), hit[0]);
      copied = hit[1];
    }
    at = text.indexOf(marker, hit ? hit[1] : at + 1);
  }
  parts.push(text.slice(copied));
  return parts.join('');
}

/** HTML and XML character references, decoded once (`&amp;#64;` becomes the text `&#64;`). */
export function decodeHtml(text: string): string {
  return decodeAt(text, '&', (at) => {
    let i = at + 1;
    if (text.charCodeAt(i) === 0x23) {
      const hex = (text.charCodeAt(i + 1) | 0x20) === 0x78;
      i += hex ? 2 : 1;
      const start = i;
      while (i < text.length && (hex ? isHex(text.charCodeAt(i)) : isDigit(text.charCodeAt(i)))) i++;
      if (i === start) return undefined;
      // Browsers accept a numeric reference without its semicolon.
      return [codePointOf(text.slice(start, i), hex ? 16 : 10), text.charCodeAt(i) === 0x3b ? i + 1 : i];
    }
    while (i < text.length && isAsciiAlnum(text.charCodeAt(i))) i++;
    const named = text.charCodeAt(i) === 0x3b ? NAMED_REFERENCES.get(text.slice(at + 1, i)) : undefined;
    return named === undefined ? undefined : [named, i + 1];
  });
}

/** JavaScript and JSON string escapes (`\n`, `\u0040`, `\u{40}`, `\x40`, `\\`, …); other backslashes stay. */
export function decodeJs(text: string): string {
  return decodeAt(text, '\\', (at) => {
    const c = text[at + 1];
    if (c === 'u' && text[at + 2] === '{') {
      let i = at + 3;
      while (i < text.length && isHex(text.charCodeAt(i))) i++;
      return i > at + 3 && text[i] === '}' ? [codePointOf(text.slice(at + 3, i), 16), i + 1] : undefined;
    }
    if (c === 'u' || c === 'x') {
      const end = at + (c === 'u' ? 6 : 4);
      for (let i = at + 2; i < end; i++) if (!isHex(text.charCodeAt(i))) return undefined;
      return [String.fromCharCode(parseInt(text.slice(at + 2, end), 16)), end];
    }
    const plain = c === undefined ? undefined : JS_ESCAPES.get(c);
    return plain === undefined ? undefined : [plain, at + 2];
  });
}

/** Every string value and key of a parsed JSON value (without recursion: nesting depth is no limit). */
function* stringsOf(root: unknown): Generator<string> {
  const stack: unknown[] = [root];
  while (stack.length) {
    const value = stack.pop();
    if (typeof value === 'string') yield value;
    else if (Array.isArray(value)) for (let i = value.length - 1; i >= 0; i--) stack.push(value[i]);
    else if (value !== null && typeof value === 'object') {
      const entries = Object.entries(value);
      for (let i = entries.length - 1; i >= 0; i--) stack.push(entries[i]![1], entries[i]![0]);
    }
  }
}

/** `<script>` contents, and the page with them cut out (a newline in their place). */
function splitScripts(html: string): { page: string; scripts: string[] } {
  const open = /<script\b[^>]*>/gi;
  const close = /<\/script/gi;
  const scripts: string[] = [];
  let page = '';
  let copied = 0;
  for (let m = open.exec(html); m; m = open.exec(html)) {
    const body = m.index + m[0].length;
    close.lastIndex = body;
    const stop = close.exec(html)?.index ?? html.length;
    page += `${html.slice(copied, body)}\n`;
    scripts.push(html.slice(body, stop));
    copied = open.lastIndex = stop;
  }
  return { page: page + html.slice(copied), scripts };
}

/** The texts of a file as readers and scripts see them. */
export function readerTexts(file: string, text: string): Iterable<string> {
  switch (extname(file).toLowerCase()) {
    case '.json':
    case '.map': {
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch {
        return [decodeJs(text)];
      }
      return stringsOf(parsed);
    }
    case '.js':
    case '.mjs':
      return [decodeJs(text)];
    case '.html':
    case '.svg':
    case '.xml': {
      const { page, scripts } = splitScripts(text);
      return [decodeHtml(page), ...scripts.map(decodeJs)];
    }
    default:
      return [text];
  }
}

/*
 * Mail archives spell the at sign out: `jane(a)example.org`, `jane [at] example [dot] org`,
 * `jane at example.org`. The bracketed forms are never prose, so each is an address when a local
 * part comes before it and a dotted domain after it. A bare ` at ` is prose as often as not ("look
 * at example.org"), so it counts only when the local part has what addresses have and words do
 * not: a dot, digit, `_`, `+` or `-` inside it (`maya.okafor at example.org`). The masked forms
 * (`m… at example.org`) have no such local part and pass.
 */
const SPELLED_BRACKETED = /([\p{L}\p{N}._%+-]+)[ \t]*(?:\((?:a|A)\)|[[({<][ \t]*(?:at|AT|At)[ \t]*[\])}>])[ \t]*((?:[\p{L}\p{N}-]+(?:\.|[ \t]*[[({<][ \t]*(?:dot|DOT)[ \t]*[\])}>][ \t]*|[ \t]+(?:dot|DOT)[ \t]+))+\p{L}{2,})/gu;
const SPELLED_BARE = /(?<![\p{L}\p{N}._%+-])([\p{L}\p{N}]+[._+-][\p{L}\p{N}._+-]*[\p{L}\p{N}]|[\p{L}]+[0-9]+[\p{L}\p{N}]*)[ \t]+(?:at|AT)[ \t]+((?:[\p{L}\p{N}-]+\.)+\p{L}{2,})(?![\p{L}\p{N}-])/gu;

/** Spelled-out addresses in a text (the mail-archive forms), each as written. */
export function spelledEmailsIn(text: string): string[] {
  const found: string[] = [];
  for (const m of text.matchAll(SPELLED_BRACKETED)) found.push(m[0]);
  for (const m of text.matchAll(SPELLED_BARE)) found.push(m[0]);
  return found;
}

/** The addresses in one file of the built site, as readers and scripts see its text. */
export function emailsInFile(file: string, text: string): string[] {
  const found: string[] = [];
  for (const t of readerTexts(file, text)) {
    for (const match of emailsIn(t)) found.push(match);
    for (const match of spelledEmailsIn(t)) found.push(match);
  }
  return found;
}

/** Every e-mail-looking string in the built site: the build fails when there is one. */
export async function scanForEmails(dir: string): Promise<Finding[]> {
  const findings: Finding[] = [];
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (TEXT.has(extname(e.name))) {
        const text = await readFile(p, 'utf8');
        for (const match of emailsInFile(e.name, text)) findings.push({ file: relative(dir, p), match });
      }
    }
  };
  await walk(dir);
  return findings;
}
