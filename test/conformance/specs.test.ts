/**
 * The real nova-specs documents (see ../shared/reference-data/SOURCES.md) through the RST
 * renderer. The files are read in place, never copied; the assertions are counts and shapes.
 * The section count is checked against a counter written here from the reStructuredText
 * specification's rules for section titles, independent of docutils.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { docutilsVersion, RstRenderer } from '../../src/sources/specs/rst.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = resolve(process.env.AGORA_REFERENCE_DATA ?? join(REPO, '..', 'shared', 'reference-data'));
const DIR = join(REFERENCE, 'specs', 'nova-specs');
const present = existsSync(DIR);
const docutils = docutilsVersion();
if (!present) console.warn(`specs conformance skipped: no reference data at ${DIR} (set AGORA_REFERENCE_DATA to the reference-data folder)`);
else if (!docutils) console.warn('specs conformance skipped: /usr/bin/python3 cannot import docutils (install it with: sudo apt-get install -y python3-docutils)');

function rstFiles(dir: string): string[] {
  return readdirSync(dir)
    .flatMap((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? rstFiles(path) : name.endsWith('.rst') ? [path] : [];
    })
    .sort();
}

// --- A section-title counter from the reStructuredText specification ("Sections") ---

/** A line of one repeated non-alphanumeric printable ASCII character, from column 0. */
const ADORNMENT = /^([!-/:-@[-`{-~])\1*$/;
/** First lines that start another body element (lists, fields, explicit markup, line blocks, doctests), never a title. */
const OTHER_ELEMENT = /^(?:[-+*\u2022\u2023\u2043](?:\s|$)|(?:\d+|[a-zA-Z]|[ivxlcdmIVXLCDM]+|#)[.)]\s|\((?:\d+|[a-zA-Z]|#)\)\s|:[^:\s][^:]*:(?:\s|$)|\.\.(?:\s|$)|__(?:\s|$)|\|(?:\s|$)|>>>)/;

interface Title {
  text: string;
  /** `o=` for an overlined `=` title, `u-` for an underlined-only `-` one: the level is the style's first appearance. */
  style: string;
}

const isBlank = (line: string | undefined) => line === undefined || line.trim() === '';
const adornment = (line: string | undefined) => (line !== undefined && ADORNMENT.test(line.trimEnd()) ? line.trimEnd() : undefined);

/**
 * Section titles in document order. A title starts a block (after a blank line) at column 0:
 * an underline at least as long as the text (or of four or more characters), or an overline and an
 * identical underline around the (possibly inset) text. A lone adornment line between blank lines is a
 * transition. Indented lines (literal blocks, directive content, quotes) never hold titles. A style's
 * level is the order of its first appearance; a title that skips a level is an error, not a section.
 */
function sectionTitles(source: string): Title[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const titles: Title[] = [];
  const styles: string[] = [];
  let depth = 0;
  /** Keeps the title when its level follows from the current one (a known style up to one deeper, or a new style one deeper than the deepest). */
  const add = (title: Title) => {
    const known = styles.indexOf(title.style);
    if (known === -1 && depth !== styles.length) return;
    if (known === -1) styles.push(title.style);
    const level = known === -1 ? styles.length : known + 1;
    if (level > depth + 1) return;
    depth = level;
    titles.push(title);
  };
  let blockStart = true;
  for (let i = 0; i < lines.length; ) {
    const line = lines[i]!;
    if (isBlank(line)) {
      blockStart = true;
      i++;
      continue;
    }
    const over = adornment(line);
    const text = lines[i + 1];
    if (blockStart && over && !isBlank(text) && !adornment(text) && adornment(lines[i + 2]) === over) {
      add({ text: text!.trim(), style: `o${over[0]}` });
      i += 3;
      continue;
    }
    const under = adornment(lines[i + 1]);
    if (blockStart && !over && !/^\s/.test(line) && !OTHER_ELEMENT.test(line) && under && (under.length >= 4 || under.length >= line.trimEnd().length)) {
      add({ text: line.trim(), style: `u${under[0]}` });
      i += 2;
      blockStart = true;
      continue;
    }
    blockStart = false;
    i++;
  }
  return titles;
}

/** The document title is the first title when its style is used by no other title (docutils' doctitle rule). */
function documentTitle(titles: Title[]): Title | undefined {
  const first = titles[0];
  return first && titles.filter((t) => t.style === first.style).length === 1 ? first : undefined;
}

/** Title text as shown: inline literal and emphasis markers removed. */
const shown = (text: string) => text.replace(/``|\*\*|\*|`/g, '');

describe('the section-title counter itself', () => {
  it('follows the adornment rules', () => {
    const src = ['=====', 'Title', '=====', '', 'Intro::', '', '  Not', '  ---', '', 'One', '---', '', '----', '', 'Two', '~~~', '', 'Long', '~~', '', '* item', '  ----', '', 'Three', '-----', 'para', 'not a title', '-----------', '', '.. note::', '', '   Inner', '   =====', '', '  Inset  ', '', '######', ' Four ', '######'].join('\n');
    const titles = sectionTitles(src);
    // As docutils 0.19 reads it: "Four" would skip a level (a new style two below "Three"), so it is no section.
    expect(titles.map((t) => `${t.style}:${t.text}`)).toEqual(['o=:Title', 'u-:One', 'u~:Two', 'u-:Three']);
    const deeper = sectionTitles(['A', '=', '', 'B', '-', '', 'C', '~', '', 'D', '-', '', 'E', '~', '', 'F', '+', '', 'G', '=', '', 'H', '+'].join('\n'));
    expect(deeper.map((t) => t.text)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G']);
    expect(documentTitle(titles)?.text).toBe('Title');
  });
});

describe.skipIf(!present || !docutils)('nova-specs reference documents through the RST renderer', () => {
  const files = present ? rstFiles(DIR) : [];
  const renderer = new RstRenderer();
  afterAll(() => renderer.close());

  it('finds the reference documents', () => {
    expect(files.length).toBeGreaterThanOrEqual(7);
  });

  it.each(files.map((f) => [relative(DIR, f), f]))('%s renders with its title, every section and a TOC', async (name, file) => {
    const source = readFileSync(file, 'utf8');
    const rendered = await renderer.render(source, name);
    const titles = sectionTitles(source);
    const title = documentTitle(titles);
    expect(title, 'the source has a document title').toBeDefined();
    expect(rendered.title).toBe(shown(title!.text));
    const sectionCount = titles.length - 1;
    const headings = rendered.html.match(/<h[2-6][\s>]/g) ?? [];
    expect(headings.length).toBe(sectionCount);
    expect(rendered.toc.length).toBe(sectionCount);
    expect(rendered.sections.length).toBe(sectionCount);
    expect(rendered.toc.length).toBeGreaterThan(0);
    expect(rendered.toc.map((e) => e.title)).toEqual(titles.slice(1).map((t) => shown(t.text)));
    for (const entry of rendered.toc) expect(rendered.html).toContain(`id="${entry.anchor}"`);
    expect(rendered.html).not.toMatch(/<script|system-message|Docutils System Messages/);
    expect(rendered.warnings.every((w) => /^line \d+: /.test(w))).toBe(true);
  });

  it('one process rendered them all', () => {
    expect(renderer.processStarts).toBe(1);
  });
});
