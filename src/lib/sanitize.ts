/**
 * Sanitising of HTML rendered from documents people wrote (design specs in
 * reStructuredText and Markdown). An allow-list of what docutils and the
 * Markdown pipeline produce: structure, text markup, tables, code, links and
 * images. Scripts, styles, forms, frames, event handlers, `style` attributes
 * and every URL scheme but http(s) are removed; links are marked as user
 * content (`rel="nofollow ugc"`); an image is loaded only from an http(s) URL
 * (else its alternative text is shown). Addresses are not linked (`mailto:` is not
 * allowed), so the text stays but no address becomes a link.
 */
import sanitizeHtml from 'sanitize-html';

const BLOCK = ['p', 'div', 'section', 'aside', 'blockquote', 'pre', 'hr', 'figure', 'figcaption', 'details', 'summary'];
const HEADINGS = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'];
const LISTS = ['ul', 'ol', 'li', 'dl', 'dt', 'dd'];
const TABLES = ['table', 'caption', 'colgroup', 'col', 'thead', 'tbody', 'tfoot', 'tr', 'th', 'td'];
const INLINE = ['a', 'img', 'span', 'br', 'em', 'strong', 'b', 'i', 'u', 's', 'del', 'ins', 'mark', 'small', 'sup', 'sub', 'code', 'kbd', 'samp', 'var', 'cite', 'abbr', 'q', 'dfn', 'tt', 'input'];

/**
 * Class names the renderers give (docutils' HTML5 writer, Agora's fallbacks for
 * Sphinx markup, GitHub-flavoured Markdown). Others, which a document could set
 * with `.. class::` to borrow the site's own styles, are dropped.
 */
const CLASSES = [
  // docutils (the admonitions: one word each)
  ...'admonition admonition-title attention caution danger error hint important note tip warning seealso'.split(' '),
  'footnote', 'footnote-list', 'footnote-reference', 'citation', 'citation-list', 'citation-reference', 'brackets', 'superscript', 'label', 'backrefs', 'fn-bracket',
  'reference', 'external', 'internal', 'docutils', 'literal', 'literal-block', 'code', 'simple', 'arabic', 'loweralpha', 'upperalpha', 'lowerroman', 'upperroman',
  'head', 'field-list', 'field-name', 'field-body', 'option-list', 'option', 'option-group', 'classifier', 'description', 'docinfo', 'topic', 'topic-title', 'contents',
  'sidebar', 'sidebar-title', 'rubric', 'line-block', 'line', 'attribution', 'epigraph', 'highlights', 'pull-quote', 'compound', 'container', 'legend', 'caption',
  'formula', 'math', 'problematic', 'align-*', 'colwidths-*', 'first', 'last', 'title', 'subtitle',
  // Agora's fallbacks (rst_render.py)
  'image-not-shown', 'xref', 'role-*', 'directive', 'directive-*', 'toctree', 'toctree-caption', 'code-caption', 'raw-disabled', 'include-disabled',
  // Markdown (GFM)
  'contains-task-list', 'task-list-item', 'footnotes', 'sr-only', 'data-footnote-backref', 'language-*',
];

const ALLOWED_SCHEMES = ['http', 'https'];
const HTTP_URL = /^https?:\/\//i;

const OPTIONS: sanitizeHtml.IOptions = {
  allowedTags: [...BLOCK, ...HEADINGS, ...LISTS, ...TABLES, ...INLINE],
  allowedAttributes: {
    '*': ['id', 'title', 'lang', 'dir', 'role', 'aria-*'],
    a: ['href', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'loading', 'referrerpolicy'],
    ol: ['start', 'reversed', 'type'],
    li: ['value'],
    th: ['colspan', 'rowspan', 'align', 'scope'],
    td: ['colspan', 'rowspan', 'align'],
    col: ['span'],
    colgroup: ['span'],
    input: ['type', 'checked', 'disabled'],
    details: ['open'],
  },
  // Code blocks carry their language as a free class name (`code python`, `language-go`).
  allowedClasses: { '*': CLASSES, pre: ['*'], code: ['*'] },
  allowedSchemes: ALLOWED_SCHEMES,
  allowedSchemesByTag: { img: ALLOWED_SCHEMES },
  allowedSchemesAppliedToAttributes: ['href', 'src', 'cite'],
  allowProtocolRelative: false,
  allowedStyles: {},
  disallowedTagsMode: 'discard',
  transformTags: {
    a: (tagName, attribs) => ({ tagName, attribs: withUgcRel(attribs) }),
    img: (tagName, attribs) => (HTTP_URL.test(attribs.src ?? '') ? { tagName, attribs: { ...attribs, loading: 'lazy', referrerpolicy: 'no-referrer' } } : imageAsText(attribs)),
    // GFM task lists: a checkbox that shows, never a form control.
    input: (tagName, attribs) => ({ tagName, attribs: { ...attribs, disabled: '' } }),
  },
  // (An image without an http(s) source is already text: see imageAsText.)
  exclusiveFilter: (frame) => frame.tag === 'input' && (frame.attribs.type ?? '').toLowerCase() !== 'checkbox',
};

/**
 * An image the page will not load (a path inside the repository, `data:`…) stays visible as
 * its alternative text, or its path when it has none, instead of vanishing.
 */
function imageAsText(attribs: sanitizeHtml.Attributes): sanitizeHtml.Tag {
  const src = (attribs.src ?? '').trim();
  const text = attribs.alt?.trim() || (src && !/^[a-z][a-z0-9+.-]*:/i.test(src) ? src : '') || 'image';
  return { tagName: 'span', attribs: { class: 'image-not-shown' }, text };
}

/** A link with an href gets `rel="nofollow ugc"`: the site vouches for none of them. */
function withUgcRel(attribs: sanitizeHtml.Attributes): sanitizeHtml.Attributes {
  const { rel: _rel, ...rest } = attribs;
  return rest.href === undefined ? rest : { ...rest, rel: 'nofollow ugc' };
}

/** Sanitised copy of rendered document HTML (see the module comment for what is kept). */
export function sanitizeDocumentHtml(html: string): string {
  return sanitizeHtml(html, OPTIONS);
}
