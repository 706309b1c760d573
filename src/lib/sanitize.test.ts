import { describe, expect, it } from 'vitest';
import { sanitizeDocumentHtml } from './sanitize.ts';

describe('sanitizeDocumentHtml', () => {
  it('removes scripts, styles, frames and forms with their code', () => {
    const out = sanitizeDocumentHtml('<p>a</p><script>alert(1)</script><style>p{}</style><iframe src="https://x.example"></iframe><form><button>b</button></form>');
    expect(out).not.toMatch(/<script|alert|<style|<iframe|<form|<button/);
    expect(out).toContain('<p>a</p>');
  });

  it('removes event handlers and style attributes', () => {
    const out = sanitizeDocumentHtml('<p onclick="alert(1)" style="color:red">x</p><img src="https://i.example/a.png" onerror="alert(1)">');
    expect(out).not.toMatch(/onclick|onerror|style=|alert/);
    expect(out).toContain('<img src="https://i.example/a.png"');
  });

  it('keeps http(s), relative and fragment links, marked nofollow ugc', () => {
    const out = sanitizeDocumentHtml('<a href="https://a.example/x">a</a><a href="../other.html">b</a><a href="#problem">c</a>');
    expect(out).toBe('<a href="https://a.example/x" rel="nofollow ugc">a</a><a href="../other.html" rel="nofollow ugc">b</a><a href="#problem" rel="nofollow ugc">c</a>');
  });

  it('drops javascript:, data:, vbscript:, mailto: and protocol-relative hrefs, keeping the text', () => {
    for (const href of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' javascript:alert(1)', 'java&#x09;script:alert(1)', 'data:text/html,<script>x</script>', 'vbscript:x', 'mailto:someone@example.org', '//evil.example/x']) {
      const out = sanitizeDocumentHtml(`<a href="${href}">t</a>`);
      expect(out, href).not.toContain('href');
      expect(out, href).toContain('>t</a>');
    }
  });

  it('keeps images only with an http(s) source; others show their alternative text or path', () => {
    expect(sanitizeDocumentHtml('<img src="data:image/png;base64,AAAA" alt="x">')).toBe('<span class="image-not-shown">x</span>');
    expect(sanitizeDocumentHtml('<img src="javascript:alert(1)" onerror="alert(2)">')).toBe('<span class="image-not-shown">image</span>');
    expect(sanitizeDocumentHtml('<img src="images/local.png">')).toBe('<span class="image-not-shown">images/local.png</span>');
    expect(sanitizeDocumentHtml('<img src="x.png" alt="<script>alert(1)</script>">')).toBe('<span class="image-not-shown">&lt;script&gt;alert(1)&lt;/script&gt;</span>');
    expect(sanitizeDocumentHtml('<img src="https://i.example/a.png" alt="diagram">')).toBe('<img src="https://i.example/a.png" alt="diagram" loading="lazy" referrerpolicy="no-referrer" />');
  });

  it('keeps what docutils produces: heading ids, admonitions, footnotes, tables, code with its language', () => {
    const html = [
      '<section><h2 id="problem">Problem</h2>',
      '<aside class="admonition note"><p class="admonition-title">Note</p><p>n</p></aside>',
      '<a class="footnote-reference brackets" href="#footnote-1" id="footnote-reference-1" role="doc-noteref"><span class="fn-bracket">[</span>1<span class="fn-bracket">]</span></a>',
      '<aside class="footnote brackets" id="footnote-1" role="note"><span class="label">1</span><p>f</p></aside>',
      '<table><thead><tr><th class="head" colspan="2"><p>A</p></th></tr></thead><tbody><tr><td>1</td><td>2</td></tr></tbody></table>',
      '<pre class="code python literal-block"><code>x = 1</code></pre>',
      '<dl><dt>t</dt><dd>d</dd></dl><p>x<sup>2</sup>y<sub>i</sub></p></section>',
    ].join('');
    const out = sanitizeDocumentHtml(html);
    for (const kept of ['<h2 id="problem">', 'class="admonition note"', 'class="admonition-title"', 'id="footnote-1"', 'class="footnote-reference brackets"', 'role="doc-noteref"', 'colspan="2"', 'class="code python literal-block"', '<dl><dt>t</dt><dd>d</dd></dl>', '<sup>2</sup>', '<sub>i</sub>']) {
      expect(out).toContain(kept);
    }
  });

  it('drops class names a document could use to borrow the site\'s styles', () => {
    expect(sanitizeDocumentHtml('<div class="note site-banner">x</div>')).toBe('<div class="note">x</div>');
  });

  it('keeps GFM task list checkboxes as disabled checkboxes, and no other input', () => {
    expect(sanitizeDocumentHtml('<li class="task-list-item"><input type="checkbox" checked> done</li>')).toBe('<li class="task-list-item"><input type="checkbox" checked disabled /> done</li>');
    expect(sanitizeDocumentHtml('<input type="text" value="x"><input type="submit">')).toBe('');
  });
});
