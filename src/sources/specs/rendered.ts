/**
 * What a spec renderer (reStructuredText or Markdown) gives back: the title,
 * sanitised body HTML, its table of contents and the plain text of each
 * section (for summaries and search). Both renderers produce this one shape.
 */

export interface RenderedTocEntry {
  /** 1 for the spec's top sections (the title is not an entry). */
  depth: number;
  title: string;
  /** The id of the section's heading in `html`. */
  anchor: string;
}

export interface RenderedSection {
  title: string;
  depth: number;
  /** Plain text of the section's own content (without its subsections), whitespace collapsed. */
  text: string;
}

export interface Rendered {
  /** The document title (RST: the lone top title; Markdown: the lone `#` heading), or the name given when there is none. */
  title: string;
  /** Sanitised HTML of the body, without the title. */
  html: string;
  toc: RenderedTocEntry[];
  sections: RenderedSection[];
  /** Plain text before the first section (nova-specs put the blueprint link and the spec's first words there). */
  intro: string;
  /** Problems the renderer noticed and worked around ("line 12: ..."), for the spec's `render-warnings` flag. */
  warnings: string[];
}

/** Rendering one document failed; the caller keeps the spec with this message and its escaped source. */
export class RenderError extends Error {
  override name = 'RenderError';
  constructor(
    readonly document: string,
    reason: string,
  ) {
    super(`${document}: ${reason}`);
  }
}

/** Collapses runs of whitespace to one space. */
export function plainText(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}
