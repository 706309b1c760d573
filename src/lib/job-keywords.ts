/**
 * Keywords for job-posting trends: the `keywords` config both job sources
 * take, compiled into a matcher that says which keywords a posting mentions.
 * Pure: definitions and posting HTML in, keyword names out.
 *
 * A keyword is `{ any?, all?, none? }`:
 * - `any`: terms; the posting mentions at least one of them.
 * - `all`: names of OTHER keywords; the posting matches every one of them
 *   ("Python AND OpenStack" = `all: [Python, OpenStack]`).
 * - `none`: terms; a posting mentioning any of them does not match
 *   (phrases such as "no remote").
 * A keyword needs `any` or `all`; with both, it needs both.
 *
 * How a name is told from a term: by where it is written. Entries of `all`
 * are always keyword names (exact spelling, case included), so a misspelt
 * name is an error, never a silent term; entries of `any` and `none` are
 * always terms. A keyword's terms can therefore never make a cycle, and a
 * term that happens to equal a keyword's name ("Python: { any: [Python] }",
 * as the hiringtrends dictionary gives it) stays a term.
 *
 * How a term matches: case-insensitively (after Unicode NFKC folding), as a
 * whole word or phrase. A phrase's spaces match any run of spaces inside a
 * paragraph, never a paragraph break. The characters beside a match must not
 * continue a word:
 * - a letter, digit or `_` continues it ("java" is not in "javascript",
 *   "python" not in "python3");
 * - after a term, `+` and `#` continue it ("c" is not in "c++" or "c#");
 * - `.`, `&` and `@` between two word characters join them into one token
 *   ("node" is not in "node.js", ".net" not in "asp.net", "r" not in "r&d"),
 *   while a sentence's full stop ("… Python.") does not;
 * - anything else (space, `-`, `/`, `,`, `'`, brackets) is a boundary, so
 *   "Python-based", "python/django" and "Python's" mention Python, and
 *   "objective-c" mentions "c" (exclude it with `none` if that matters).
 * Terms may hold punctuation anywhere (`c++`, `c#`, `.net`, `node.js`).
 */
import { createHash } from 'node:crypto';
import { Parser } from 'htmlparser2';
import { z } from 'zod';

/**
 * Bumped when the matching rules change, so counts made under the old rules
 * get a different `keywordsDigest` and are counted again.
 */
export const MATCHER_VERSION = 1;

const WORD = String.raw`\p{L}\p{N}`;
/** A match may not follow a word character, nor a word character and a joiner. */
const BEFORE = String.raw`(?<![${WORD}_]|[${WORD}][.&@])`;
/** A match may not be followed by a word character, `+` or `#`, nor a joiner and a word character. */
const AFTER = String.raw`(?![${WORD}_+#]|[.&@][${WORD}])`;

/** Folds case and compatibility forms, and writes every whitespace run as one space. */
function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

const term = z
  .string()
  .trim()
  .min(1, 'expected a term')
  .refine((t) => /[\p{L}\p{N}]/u.test(t), 'expected a term with at least one letter or digit');
const keywordName = z.string().trim().min(1, 'expected a keyword name');

export const KeywordDefinition = z
  .strictObject({
    /** Terms: the posting mentions at least one. */
    any: z.array(term).min(1).optional(),
    /** Names of other keywords: the posting matches every one. */
    all: z.array(keywordName).min(1).optional(),
    /** Terms: a posting that mentions any of them does not match. */
    none: z.array(term).min(1).optional(),
  })
  .refine((d) => d.any !== undefined || d.all !== undefined, { message: 'expected any (terms) or all (keyword names); none alone matches nothing' });
export type KeywordDefinition = z.infer<typeof KeywordDefinition>;

/** Keyword definitions by name, in config order (the order charts and `match` use). */
export type KeywordDefinitions = Readonly<Record<string, KeywordDefinition>>;

/** Raised for definitions that cannot be compiled: a name `all` refers to that is not defined, or a cycle. */
export class KeywordError extends Error {
  constructor(
    message: string,
    /** The keyword whose definition is wrong (for a config error's path). */
    readonly keyword: string,
  ) {
    super(message);
    this.name = 'KeywordError';
  }
}

/** The first reference problem of a set of definitions, or undefined when they compile. */
export function keywordProblem(defs: KeywordDefinitions): KeywordError | undefined {
  const names = Object.keys(defs);
  for (const name of names) {
    for (const ref of defs[name]!.all ?? []) {
      if (Object.hasOwn(defs, ref)) continue;
      const near = names.find((n) => n.toLowerCase() === ref.toLowerCase());
      const hint = near ? ` (did you mean "${near}"? names are matched exactly)` : ` (defined: ${names.map((n) => `"${n}"`).join(', ')})`;
      return new KeywordError(`keyword "${name}": all names "${ref}", which is not a defined keyword${hint}`, name);
    }
  }
  const cycle = findCycle(defs);
  if (cycle) return new KeywordError(`keywords refer to each other in a cycle: ${cycle.map((n) => `"${n}"`).join(' → ')}`, cycle[0]!);
  return undefined;
}

/** A path `A → B → … → A` through `all` references, or undefined. Depth-first, marking names done once left. */
function findCycle(defs: KeywordDefinitions): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const visit = (name: string): string[] | undefined => {
    const at = path.indexOf(name);
    if (at >= 0) return [...path.slice(at), name];
    if (done.has(name)) return undefined;
    path.push(name);
    for (const ref of defs[name]?.all ?? []) {
      const found = visit(ref);
      if (found) return found;
    }
    path.pop();
    done.add(name);
    return undefined;
  };
  for (const name of Object.keys(defs)) {
    const found = visit(name);
    if (found) return found;
  }
  return undefined;
}

/**
 * The `keywords` config (a map of name to definition), checked whole: every
 * name in `all` is defined and no keyword depends on itself.
 */
export const KeywordsConfig = z.record(keywordName, KeywordDefinition).superRefine((defs, ctx) => {
  const problem = keywordProblem(defs);
  if (problem) ctx.addIssue({ code: 'custom', path: [problem.keyword], message: problem.message });
});
export type KeywordsConfig = z.infer<typeof KeywordsConfig>;

/**
 * A posting's HTML as plain text: tags dropped, entities decoded (htmlparser2
 * decodes them with the `entities` package), block tags and `<br>` as
 * paragraph breaks (`\n`), and so is a blank line in the text; other
 * whitespace, line breaks included, is one space.
 * Attribute values (link targets) are not text. Plain text passes through.
 */
export function postingText(html: string): string {
  const parts: string[] = [];
  // Text with no tag or entity reads the same without the parser (which is most of a match's time).
  if (!/[<&]/.test(html)) parts.push(html);
  else parseInto(html, parts);
  // A line break in the text is a space (as HTML renders it); a blank line is a paragraph break (as plain text means it).
  return parts
    .join('')
    .replace(/\n[^\S\n]*\n/g, BREAK)
    .split(BREAK)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '')
    .join('\n');
}

function parseInto(html: string, parts: string[]): void {
  const parser = new Parser(
    {
      ontext: (text) => void parts.push(text),
      onopentag: (name) => void (BREAKS.has(name) && parts.push(BREAK)),
      onclosetag: (name) => void (BREAKS.has(name) && parts.push(BREAK)),
    },
    { decodeEntities: true, lowerCaseTags: true },
  );
  parser.write(html);
  parser.end();
}

/** Stands for a paragraph break while the text is put together (U+2029 PARAGRAPH SEPARATOR). */
const BREAK = '\u2029';
const BREAKS = new Set(['p', 'br', 'div', 'li', 'ul', 'ol', 'pre', 'blockquote', 'tr', 'td', 'th', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'hr', 'section', 'article']);

/** Escapes the characters a `u` pattern gives a meaning to (and only those: `\-` is an error there). */
function escapeRegExp(s: string): string {
  return s.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');
}

/**
 * Terms of one list, folded. A term is first looked for as a plain substring
 * (cheap), and only where it occurs is its pattern (with the word boundaries)
 * compiled, once, and run: most postings mention few of many terms.
 */
class TermList {
  private readonly needles: string[];
  private readonly patterns = new Map<string, RegExp>();

  constructor(terms: readonly string[]) {
    this.needles = [...new Set(terms.map(fold))];
  }

  /** True when the folded text mentions one of the terms as a whole word or phrase. */
  test(text: string): boolean {
    return this.needles.some((n) => text.includes(n) && this.pattern(n).test(text));
  }

  private pattern(needle: string): RegExp {
    let p = this.patterns.get(needle);
    if (!p) {
      p = new RegExp(`${BEFORE}${escapeRegExp(needle)}${AFTER}`, 'u');
      this.patterns.set(needle, p);
    }
    return p;
  }
}

interface Compiled {
  any?: TermList;
  all: readonly string[];
  none?: TermList;
}

export interface Matcher {
  /** Keyword names in config order. */
  readonly names: readonly string[];
  /** Names of the keywords a posting (HTML, or plain text) matches, in config order. */
  match(html: string): string[];
}

/** Compiles keyword definitions; throws a KeywordError for an undefined name in `all` or a cycle. */
export function compileKeywords(defs: KeywordDefinitions): Matcher {
  const problem = keywordProblem(defs);
  if (problem) throw problem;
  const names = Object.keys(defs);
  const compiled = new Map<string, Compiled>();
  for (const name of names) {
    const d = defs[name]!;
    compiled.set(name, { all: d.all ?? [], ...(d.any ? { any: new TermList(d.any) } : {}), ...(d.none ? { none: new TermList(d.none) } : {}) });
  }
  return {
    names,
    match(html) {
      const text = postingText(html)
        .split('\n')
        .map(fold)
        .join('\n');
      const memo = new Map<string, boolean>();
      const matches = (name: string): boolean => {
        const known = memo.get(name);
        if (known !== undefined) return known;
        const c = compiled.get(name)!;
        const yes = (!c.any || c.any.test(text)) && c.all.every(matches) && !c.none?.test(text);
        memo.set(name, yes);
        return yes;
      };
      return names.filter(matches);
    },
  };
}

/** A definition in a canonical form: terms folded, de-duplicated and sorted (their order and case do not change a count). */
function canonical(d: KeywordDefinition): Record<string, string[]> {
  const terms = (list: readonly string[] | undefined) => [...new Set((list ?? []).map(fold))].sort();
  return { all: [...new Set(d.all ?? [])].sort(), any: terms(d.any), none: terms(d.none) };
}

/**
 * A stable digest of keyword definitions and the matching rules, stored in
 * every JobMonth: the same definitions give the same digest whatever their
 * order or the case of their terms; any change that can change a count
 * gives another one.
 */
export function keywordsDigest(defs: KeywordDefinitions): string {
  const names = Object.keys(defs).sort();
  const body = { version: MATCHER_VERSION, keywords: names.map((n) => [n, canonical(defs[n]!)]) };
  return createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32);
}

/**
 * Reads a hiringtrends term dictionary (terms.dic): one keyword per line.
 * - `Name` alone: the keyword Name, matching the term Name.
 * - `Name/alias[A|B|…]`: the keyword Name, matching any of the terms A, B, …
 *   (Name itself only when it is one of them).
 * - `Name/js[X]`: a JavaScript library, the keyword Name, matching X, X.js
 *   or Xjs (`AngularJS/js[Angular]` matches "Angular", "Angular.js" and
 *   "AngularJS"), as hiringtrends' JobPosting reads the modifier.
 * A `/` not followed by a modifier is part of the name ("CI/CD"). Blank
 * lines and lines starting with `#` are skipped. A repeated name or an
 * unknown modifier is an error naming the line.
 */
export function parseTermsDictionary(text: string, file = 'terms.dic'): Record<string, KeywordDefinition> {
  const out: Record<string, KeywordDefinition> = {};
  const lineOf = new Map<string, number>();
  text.split(/\r\n|\n|\r/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line || line.startsWith('#')) return;
    const where = `${file} line ${i + 1}`;
    const { name, terms } = dictionaryLine(line, where);
    const before = lineOf.get(name);
    if (before !== undefined) throw new Error(`${where}: "${name}" is already defined on line ${before}`);
    lineOf.set(name, i + 1);
    out[name] = { any: terms };
  });
  return out;
}

function dictionaryLine(line: string, where: string): { name: string; terms: string[] } {
  const m = /^(.+?)\/([A-Za-z]+)\[([^\]]*)\]$/.exec(line);
  if (!m) return { name: line, terms: [line] };
  const name = m[1]!.trim();
  const modifier = m[2]!;
  const data = m[3]!.trim();
  if (!name) throw new Error(`${where}: a modifier with no name before it`);
  let terms: string[];
  if (modifier === 'alias') terms = data.split('|').map((a) => a.trim());
  else if (modifier === 'js') terms = data ? [data, `${data}.js`, `${data}js`] : [];
  else throw new Error(`${where}: unknown modifier "/${modifier}[…]" (expected /alias[A|B] or /js[Name])`);
  const unique = [...new Map(terms.filter((t) => /[\p{L}\p{N}]/u.test(t)).map((t) => [fold(t), t])).values()];
  if (!unique.length) throw new Error(`${where}: "/${modifier}[${data}]" lists no term`);
  return { name, terms: unique };
}
