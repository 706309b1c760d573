import { describe, expect, it } from 'vitest';
import { MarkdownRenderer } from './markdown.ts';

const md = new MarkdownRenderer();

const KEP = `# KEP-1234: Better Things

<!-- toc -->
- [Summary](#summary)
<!-- /toc -->

Intro words.

## Summary

The *short* version.

## Motivation

### Goals

- one
  - nested
- [ ] task

### Non-Goals

| a | b |
|---|---|
| 1 | 2 |

## Design Details

\`\`\`go
func main() {}
\`\`\`

A note[^1] and ~~gone~~ and https://auto.example/x.

[^1]: The note.
`;

describe('MarkdownRenderer', () => {
  it('takes the lone # heading as the title and builds the TOC from the heading ids', async () => {
    const r = await md.render(KEP, 'keps/sig-x/1234-better-things/README.md');
    expect(r.title).toBe('KEP-1234: Better Things');
    expect(r.html).not.toContain('<h1');
    expect(r.toc).toEqual([
      { depth: 1, title: 'Summary', anchor: 'summary' },
      { depth: 1, title: 'Motivation', anchor: 'motivation' },
      { depth: 2, title: 'Goals', anchor: 'goals' },
      { depth: 2, title: 'Non-Goals', anchor: 'non-goals' },
      { depth: 1, title: 'Design Details', anchor: 'design-details' },
    ]);
    expect(r.html).toContain('<h2 id="summary">Summary</h2>');
    expect(r.warnings).toEqual([]);
  });

  it('gives each section its own plain text and the text before the first section as intro', async () => {
    const r = await md.render(KEP, 'README.md');
    expect(r.sections.find((s) => s.title === 'Summary')?.text).toBe('The short version.');
    expect(r.sections.find((s) => s.title === 'Goals')?.text).toBe('one nested task');
    expect(r.intro).toBe('Summary Intro words.');
    expect(r.sections.map((s) => s.title)).not.toContain('Footnotes');
  });

  it('renders GitHub-flavoured Markdown: tables, task lists, code with its language, footnotes, strikethrough, autolinks', async () => {
    const { html } = await md.render(KEP, 'README.md');
    expect(html).toMatch(/<table>[\s\S]*<td>2<\/td>/);
    expect(html).toContain('<input type="checkbox" disabled />');
    expect(html).toContain('<code class="language-go">func main() {}');
    expect(html).toContain('<del>gone</del>');
    expect(html).toContain('<a href="https://auto.example/x" rel="nofollow ugc">https://auto.example/x</a>');
    expect(html).toMatch(/<a href="#user-content-fn-1" id="user-content-fnref-1"[^>]*>1<\/a>/);
    expect(html).toContain('<li id="user-content-fn-1">');
  });

  it('without a lone # heading the file name is the title and the top level present is depth 1', async () => {
    const r = await md.render('## A\n\nx\n\n### B\n\ny\n', 'notes.md');
    expect(r.title).toBe('notes.md');
    expect(r.toc.map((e) => [e.title, e.depth])).toEqual([
      ['A', 1],
      ['B', 2],
    ]);
    expect(r.warnings.join()).toMatch(/no document title/);
    const two = await md.render('# One\n\n# Two\n', 'two.md');
    expect(two.title).toBe('two.md');
    expect(two.html).toContain('<h1 id="one">One</h1>');
  });

  it('removes raw HTML scripts, handlers and javascript: links', async () => {
    const r = await md.render('# T\n\n<script>alert(1)</script>\n\n<img src="https://i.example/a.png" onerror="alert(2)">\n\n[x](javascript:alert(3)) <a href="javascript:alert(4)" onclick="alert(5)">y</a>\n\n<iframe src="https://evil.example"></iframe>\n', 'README.md');
    expect(r.html).not.toMatch(/<script|alert|onerror|onclick|javascript:|<iframe/);
    expect(r.html).toContain('<img src="https://i.example/a.png"');
    expect(r.html).toContain('>x</a>');
  });

  it('the processor is built once and reused', async () => {
    const renderer = new MarkdownRenderer();
    const [a, b] = await Promise.all([renderer.render('# A\n\na', 'a.md'), renderer.render('# B\n\nb', 'b.md')]);
    expect([a.title, b.title]).toEqual(['A', 'B']);
    await renderer.close();
  });
});
