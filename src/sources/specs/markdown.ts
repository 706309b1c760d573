/**
 * Markdown specs (Kubernetes KEPs' README.md) rendered by the site's own
 * Markdown pipeline: Astro's processor (`@astrojs/markdown-satteri`, which
 * Astro 7 uses for .md pages), GitHub-flavoured Markdown, heading ids from
 * github-slugger. Raw HTML in the source is allowed by the pipeline and then
 * removed or reduced by the sanitiser like anything else.
 *
 * The lone `#` heading at the top is the title and leaves the body; the TOC,
 * sections and intro are read back from the sanitised HTML, so anchors are
 * those that survived sanitising.
 */
import { createSatteriMarkdownProcessor } from '@astrojs/markdown-satteri';
import { Parser } from 'htmlparser2';
import { sanitizeDocumentHtml } from '../../lib/sanitize.ts';
import { plainText, RenderError, type Rendered, type RenderedSection, type RenderedTocEntry } from './rendered.ts';

export { RenderError, type Rendered } from './rendered.ts';

type Processor = Awaited<ReturnType<typeof createSatteriMarkdownProcessor>>;

/** Renders Markdown documents; the processor is built once and reused. */
export class MarkdownRenderer {
  #processor: Promise<Processor> | undefined;

  async render(text: string, name: string): Promise<Rendered> {
    this.#processor ??= createSatteriMarkdownProcessor({ syntaxHighlight: false });
    let code: string;
    try {
      code = (await (await this.#processor).render(text)).code;
    } catch (error) {
      throw new RenderError(name, `Markdown rendering failed: ${(error as Error).message}`);
    }
    const { body, title } = takeTitle(sanitizeDocumentHtml(code));
    const outline = outlineOf(body, title ? 2 : undefined);
    return { title: title || name, html: body, ...outline, warnings: title ? [] : ['no document title (a lone top `#` heading): the file name is used'] };
  }

  /** Nothing to release; there for the same shape as the RST renderer. */
  async close(): Promise<void> {}
}

interface Span {
  start: number;
  end: number;
  text: string;
}

/** Every `<h1>` of the HTML, where it starts and ends. */
function h1Spans(html: string): Span[] {
  const spans: Span[] = [];
  let open: Span | undefined;
  const parser: Parser = new Parser({
    onopentag(name) {
      if (name === 'h1') open = { start: parser.startIndex, end: 0, text: '' };
    },
    ontext(text) {
      if (open) open.text += text;
    },
    onclosetag(name) {
      if (name === 'h1' && open) {
        open.end = parser.endIndex + 1;
        spans.push(open);
        open = undefined;
      }
    },
  });
  parser.end(html);
  return spans;
}

/** The title is the document's only h1 when nothing but whitespace comes before it; it is cut from the body. */
function takeTitle(html: string): { body: string; title: string } {
  const spans = h1Spans(html);
  const first = spans[0];
  if (spans.length !== 1 || !first || html.slice(0, first.start).trim() !== '') return { body: html, title: '' };
  return { body: html.slice(first.end).replace(/^\s+/, ''), title: plainText(first.text) };
}

const HEADING = /^h([1-6])$/;

/**
 * The TOC, per-section text and intro of body HTML. Depth 1 is `top` (h2 when
 * the title was taken out, else the highest heading level present). GFM's
 * footnotes section, with its visually hidden heading, is not a section.
 */
function outlineOf(html: string, top?: number): { toc: RenderedTocEntry[]; sections: RenderedSection[]; intro: string } {
  const headings: Array<{ level: number; id: string; title: string; text: string }> = [];
  let intro = '';
  let heading: { level: number; id: string; title: string; text: string } | undefined;
  let inHeading = false;
  let skipDepth = 0;
  let depth = 0;
  const parser = new Parser({
    onopentag(name, attribs) {
      depth++;
      if (skipDepth) return;
      if (name === 'section' && /\bfootnotes\b/.test(attribs.class ?? '')) {
        skipDepth = depth;
        return;
      }
      const level = HEADING.exec(name);
      if (level) {
        heading = { level: Number(level[1]), id: attribs.id ?? '', title: '', text: '' };
        headings.push(heading);
        inHeading = true;
      }
    },
    ontext(text) {
      if (skipDepth) return;
      if (inHeading && heading) heading.title += text;
      else if (heading) heading.text += text;
      else intro += text;
    },
    onclosetag(name) {
      if (skipDepth === depth) skipDepth = 0;
      depth--;
      if (HEADING.test(name)) inHeading = false;
      // Block ends separate words that the markup alone kept apart.
      else if (heading) heading.text += ' ';
      else intro += ' ';
    },
  });
  parser.end(html);
  const base = top ?? Math.min(...headings.map((h) => h.level), 6);
  const entries = headings.map((h) => ({ depth: Math.max(1, h.level - base + 1), title: plainText(h.title), anchor: h.id, text: plainText(h.text) }));
  return {
    toc: entries.filter((e) => e.anchor).map(({ depth: d, title, anchor }) => ({ depth: d, title, anchor })),
    sections: entries.map(({ depth: d, title, text }) => ({ title, depth: d, text })),
    intro: plainText(intro),
  };
}
