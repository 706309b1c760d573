import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DocutilsUnavailable, docutilsVersion, RenderError, RstRenderer, type Rendered } from './rst.ts';

const VERSION = docutilsVersion();
if (!VERSION) console.warn('RST renderer tests skipped: /usr/bin/python3 cannot import docutils (install it with: sudo apt-get install -y python3-docutils)');

const renderer = new RstRenderer();
afterAll(() => renderer.close());

const render = (text: string, name = 'spec.rst'): Promise<Rendered> => renderer.render(text, name);
const doc = (body: string) => `=========\nThe Title\n=========\n\n${body}\n`;

describe.skipIf(!VERSION)('RstRenderer: structure', () => {
  it('takes the title out, starts sections at h2 with the id on the heading, and builds the TOC', async () => {
    const r = await render(doc('Intro text.\n\nProblem description\n===================\n\nWhy.\n\nUse Cases\n---------\n\nWho.\n\nProposed change\n===============\n\nWhat.'));
    expect(r.title).toBe('The Title');
    expect(r.html).not.toContain('The Title');
    expect(r.html).toContain('<h2 id="problem-description">Problem description</h2>');
    expect(r.html).toContain('<h3 id="use-cases">Use Cases</h3>');
    expect(r.toc).toEqual([
      { depth: 1, title: 'Problem description', anchor: 'problem-description' },
      { depth: 2, title: 'Use Cases', anchor: 'use-cases' },
      { depth: 1, title: 'Proposed change', anchor: 'proposed-change' },
    ]);
    expect(r.sections).toEqual([
      { title: 'Problem description', depth: 1, text: 'Why.' },
      { title: 'Use Cases', depth: 2, text: 'Who.' },
      { title: 'Proposed change', depth: 1, text: 'What.' },
    ]);
    expect(r.intro).toBe('Intro text.');
    expect(r.warnings).toEqual([]);
  });

  it('reads section levels from any adornment, in the order they first appear', async () => {
    const chars = ['#', '*', '+', '^', '"', "'", '~', '`', ':', '.', '<', '>', '_', '!'];
    const body = chars.map((c, i) => `S${i}\n${c.repeat(4)}\n\ntext ${i}\n`).join('\n');
    const r = await render(`${'%'.repeat(5)}\nTitle\n${'%'.repeat(5)}\n\n${body}`);
    expect(r.title).toBe('Title');
    // Each new adornment opens a deeper level; docutils has no limit, HTML stops at h6.
    expect(r.toc.map((e) => e.depth)).toEqual(chars.map((_, i) => i + 1));
    expect(r.html).toContain('<h2 id="s0">S0</h2>');
    expect(r.html).toContain('<h6 id="s4">S4</h6>');
    expect(r.html).toMatch(/<h6 aria-level="7" id="s5">S5<\/h6>/);
  });

  it('keeps an overlined section level apart from the underlined one with the same character', async () => {
    const r = await render(doc('-----\nOver\n-----\n\na\n\nUnder\n-----\n\nb'));
    expect(r.toc.map((e) => [e.title, e.depth])).toEqual([
      ['Over', 1],
      ['Under', 2],
    ]);
  });

  it('renders nested lists, enumerated lists and definition lists', async () => {
    const r = await render(doc('* one\n\n  - nested\n\n    #. deep\n\n* two\n\nterm\n  definition'));
    expect(r.html).toMatch(/<ul[^>]*>\s*<li><p>one<\/p>\s*<ul>\s*<li><p>nested<\/p>\s*<ol class="arabic simple">\s*<li><p>deep<\/p><\/li>/);
    expect(r.html).toMatch(/<dl[^>]*>\s*<dt>term<\/dt>\s*<dd>\s*<p>definition<\/p>/);
  });

  it('renders literal blocks and code-block/sourcecode/code with the language as a class, any Sphinx option accepted', async () => {
    const r = await render(doc('Text::\n\n  literal <b>\n\n.. code-block:: python\n   :linenos:\n   :emphasize-lines: 1\n   :caption: Example\n\n   print("x")\n\n.. sourcecode:: console\n\n   $ ls\n\n.. code:: yaml\n\n   a: 1\n\n.. code-block::\n\n   plain'));
    expect(r.html).toContain('<pre class="literal-block">literal &lt;b&gt;</pre>');
    expect(r.html).toContain('<pre class="code python literal-block"><code>print("x")</code></pre>');
    expect(r.html).toContain('<p class="code-caption">Example</p>');
    expect(r.html).toContain('<pre class="code console literal-block"><code>$ ls</code></pre>');
    expect(r.html).toContain('<pre class="code yaml literal-block"><code>a: 1</code></pre>');
    expect(r.html).toContain('<pre class="code literal-block"><code>plain</code></pre>');
    expect(r.warnings).toEqual([]);
  });

  it('renders simple and grid tables, and list-table', async () => {
    const simple = '=====  =====\nA      B\n=====  =====\n1      2\n=====  =====';
    const grid = '+-----+-----+\n| h1  | h2  |\n+=====+=====+\n| c1  | c2  |\n+-----+-----+';
    const list = '.. list-table:: Caption\n   :header-rows: 1\n\n   * - X\n     - Y\n   * - 3\n     - 4';
    const r = await render(doc(`${simple}\n\n${grid}\n\n${list}`));
    expect(r.html.match(/<table/g)).toHaveLength(3);
    for (const cell of ['<th class="head"><p>A</p></th>', '<td><p>2</p></td>', '<th class="head"><p>h2</p></th>', '<td><p>c1</p></td>', '<caption>Caption</caption>', '<td><p>4</p></td>']) expect(r.html).toContain(cell);
  });

  it('renders named, anonymous, embedded, standalone and internal links, all nofollow ugc', async () => {
    const r = await render(doc('See `Named`_, `anon <https://anon.example/>`__, `embedded <https://emb.example/x>`_, https://bare.example/y and `Problem`_.\n\n.. _Named: https://named.example/\n\nProblem\n=======\n\nx'));
    expect(r.html).toContain('<a class="reference external" href="https://named.example/" rel="nofollow ugc">Named</a>');
    expect(r.html).toContain('href="https://anon.example/" rel="nofollow ugc">anon</a>');
    expect(r.html).toContain('href="https://emb.example/x" rel="nofollow ugc">embedded</a>');
    expect(r.html).toContain('href="https://bare.example/y" rel="nofollow ugc">https://bare.example/y</a>');
    expect(r.html).toContain('<a class="reference internal" href="#problem" rel="nofollow ugc">Problem</a>');
  });

  it('renders numbered, auto-numbered and labelled footnotes with links both ways', async () => {
    const r = await render(doc('A [1]_, B [#]_ and C [#note]_.\n\n.. [1] First.\n.. [#] Second.\n.. [#note] Third.'));
    expect(r.html.match(/class="footnote-reference brackets"/g)).toHaveLength(3);
    expect(r.html.match(/<aside class="footnote brackets" id="[^"]+" role="note">/g)).toHaveLength(3);
    expect(r.html).toMatch(/href="#footnote-1"/);
    expect(r.html).toMatch(/role="doc-backlink" href="#footnote-reference-1"/);
    expect(r.intro).toBe('A , B and C . 1 First. 2 Second. 3 Third.'); // references are not words of the text; the notes' labels are
  });

  it('renders note and warning admonitions', async () => {
    const r = await render(doc('.. note:: Mind this.\n\n.. warning::\n\n   Careful *now*.'));
    expect(r.html).toMatch(/<aside class="admonition note">\s*<p class="admonition-title">Note<\/p>\s*<p>Mind this.<\/p>/);
    expect(r.html).toMatch(/<aside class="admonition warning">\s*<p class="admonition-title">Warning<\/p>\s*<p>Careful <em>now<\/em>.<\/p>/);
  });
});

describe.skipIf(!VERSION)('RstRenderer: Sphinx markup and unknown markup degrade to visible text', () => {
  it('toctree becomes a list of its entries', async () => {
    const r = await render(doc('.. toctree::\n   :maxdepth: 2\n   :glob:\n\n   intro\n   The API <api/index>'));
    expect(r.html).toMatch(/<ul class="toctree simple">\s*<li><p>intro<\/p><\/li>\s*<li><p>The API<\/p><\/li>\s*<\/ul>/);
  });

  it(':ref:, :doc:, :term:, domain roles and unknown roles show their text, with a warning each', async () => {
    const r = await render(doc('See :ref:`the liaisons <feature-liaisons>`, :ref:`bare-label`, :doc:`/contributor/index`, :term:`API`, :py:class:`~nova.objects.Instance`, :option:`--all`, :madeup:`thing`.'));
    for (const text of ['>the liaisons</span>', '>bare-label</span>', '>/contributor/index</span>', '>API</span>', '>Instance</span>', '>--all</span>', '>thing</span>']) expect(r.html).toContain(text);
    expect(r.html).toContain('class="xref role-py-class docutils literal"');
    expect(r.html).not.toContain('problematic');
    expect(r.warnings.filter((w) => /role ":\S+:" is not part of docutils/.test(w))).toHaveLength(6);
  });

  it('an unknown directive shows its name, argument and content; a Sphinx text directive parses its content', async () => {
    const r = await render(doc('.. graphviz:: arch.dot\n   :align: center\n\n   digraph { a -> b }\n\n.. seealso:: The *other* spec.\n\n.. versionadded:: 2024.1\n\n   Added **here**.'));
    expect(r.html).toMatch(/<div class="directive directive-graphviz docutils container">\s*<p class="directive-name">graphviz: arch.dot<\/p>\s*<pre class="literal-block">digraph \{ a -&gt; b \}<\/pre>/);
    expect(r.html).toContain('<p>The <em>other</em> spec.</p>');
    expect(r.html).toContain('<p class="directive-name">versionadded: 2024.1</p>');
    expect(r.html).toContain('<p>Added <strong>here</strong>.</p>');
    expect(r.warnings.join('\n')).toMatch(/directive "graphviz" is not part of docutils[\s\S]*directive "seealso"[\s\S]*directive "versionadded"/);
  });

  it('role and default-role definitions do not leak from one document to the next', async () => {
    await render(doc('.. role:: custom\n\n.. default-role:: literal\n\n:custom:`a` `b`'));
    const next = await render(doc(':custom:`a` `b`'));
    expect(next.html).toContain('<span class="xref role-custom">a</span>');
    expect(next.html).toContain('<cite>b</cite>');
  });
});

describe.skipIf(!VERSION)('RstRenderer: hostile input', () => {
  it('the raw directive is disabled: its HTML is shown escaped, never run', async () => {
    const r = await render(doc('.. raw:: html\n\n   <script>alert(1)</script><img src=x onerror=alert(2)>\n\n.. role:: html(raw)\n   :format: html\n\n:html:`<b onclick="x()">b</b>`'));
    expect(r.html).not.toMatch(/<script|<img|<b /);
    expect(r.html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(r.warnings.join('\n')).toMatch(/raw directive disabled/);
  });

  it('include reads no file', async () => {
    const r = await render(doc('.. include:: /etc/passwd\n\n.. csv-table::\n   :file: /etc/passwd'));
    expect(r.html).not.toMatch(/root:/);
    expect(r.html).toContain('include: /etc/passwd');
  });

  it('javascript: and data: links lose their href', async () => {
    const r = await render(doc('`click <javascript:alert(1)>`_ and `data <data:text/html;base64,PHNjcmlwdD4=>`_ and `mail <mailto:a@b.example>`_\n\n.. image:: javascript:alert(1)\n\n.. image:: https://img.example/a.png'));
    expect(r.html).not.toMatch(/href="(javascript|data|mailto):|src="javascript:/);
    expect(r.html).toContain('>click</a>');
    expect(r.html.match(/<img /g)).toHaveLength(1);
  });
});

describe.skipIf(!VERSION)('RstRenderer: broken documents', () => {
  it('a broken document still gives output, with line-numbered warnings and no system messages in the HTML', async () => {
    const broken = doc('*unclosed emphasis and `unclosed link\n\n|undefined-substitution|\n\n+----+\n| bad grid\n+--\n\nMissing_ reference.\n\nSub\n---\n\nx\n\nDeeper\n~~~~~~\n\ny\n\nBack up wrong\n~~~~~~~~~~~~~\n\n.. code-block:: python\n\n.. note::');
    const r = await render(broken, 'specs/broken.rst');
    expect(r.title).toBe('The Title');
    expect(r.html).toContain('unclosed emphasis');
    expect(r.html).not.toMatch(/system-message|System Message|Docutils System Messages/);
    expect(r.warnings.length).toBeGreaterThan(3);
    expect(r.warnings.every((w) => /^line \d+: /.test(w))).toBe(true);
  });

  it('a document without a lone top title is titled by its name, with a warning', async () => {
    const r = await render('One\n===\n\na\n\nTwo\n===\n\nb\n', 'specs/untitled.rst');
    expect(r.title).toBe('specs/untitled.rst');
    expect(r.toc.map((e) => e.title)).toEqual(['One', 'Two']);
    expect(r.warnings.join()).toMatch(/no document title/);
  });

  it('empty and binary-looking input render without failing', async () => {
    expect((await render('', 'empty.rst')).html).toBe('');
    const odd = await render('T\n=\n\n\u0000\u0007 \ud800 \uffff text', 'odd.rst');
    expect(odd.html).toContain('text');
  });

  it('a document docutils itself cannot handle fails alone with a RenderError naming it; the next one renders', async () => {
    const deep = `T\n=\n\n${Array.from({ length: 1500 }, (_, i) => `${' '.repeat(i)}x\n\n`).join('')}`;
    const [bad, good] = await Promise.allSettled([render(deep, 'specs/deep.rst'), render(doc('fine'), 'specs/fine.rst')]);
    expect(bad.status).toBe('rejected');
    expect((bad as PromiseRejectedResult).reason).toBeInstanceOf(RenderError);
    expect(String((bad as PromiseRejectedResult).reason.message)).toMatch(/^specs\/deep\.rst: RecursionError/);
    expect(good.status === 'fulfilled' && good.value.html).toContain('fine');
  });
});

describe.skipIf(!VERSION)('RstRenderer: one process', () => {
  it('reuses one process for many documents (concurrent calls answered in order) and ends it on close', async () => {
    const r = new RstRenderer();
    try {
      const many = await Promise.all(Array.from({ length: 20 }, (_, i) => r.render(doc(`Body ${i}.`), `s${i}.rst`)));
      expect(many.map((m) => m.intro)).toEqual(Array.from({ length: 20 }, (_, i) => `Body ${i}.`));
      await r.render(doc('again'), 'again.rst');
      expect(r.processStarts).toBe(1);
      expect(r.running).toBe(true);
      expect(r.docutilsVersion).toBe(VERSION);
    } finally {
      await r.close();
    }
    expect(r.running).toBe(false);
    await r.close(); // twice is harmless
    // A later render starts a new process.
    expect((await r.render(doc('later'), 'later.rst')).intro).toBe('later');
    expect(r.processStarts).toBe(2);
    await r.close();
  });
});

describe('RstRenderer: when the renderer cannot run', () => {
  const dir = mkdtempSync(join(tmpdir(), 'agora-rst-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** A stand-in for Python that runs `script` with sh, whatever the arguments. */
  const fake = (name: string, script: string) => {
    const path = join(dir, name);
    writeFileSync(path, `#!/bin/sh\n${script}\n`);
    chmodSync(path, 0o755);
    return path;
  };

  it('no docutils: every render fails with DocutilsUnavailable naming the install command', async () => {
    const r = new RstRenderer({ python: fake('no-docutils', `echo '{"fatal": "cannot import docutils: No module named docutils"}'; exit 3`) });
    const err = await r.render('x', 'a.rst').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocutilsUnavailable);
    expect((err as Error).message).toMatch(/cannot import docutils[\s\S]*apt-get install -y python3-docutils/);
    await expect(r.render('y', 'b.rst')).rejects.toBeInstanceOf(DocutilsUnavailable);
    expect(r.processStarts).toBe(1);
  });

  it('no Python at that path: DocutilsUnavailable naming the path', async () => {
    const err = await new RstRenderer({ python: join(dir, 'missing-python') }).render('x', 'a.rst').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DocutilsUnavailable);
    expect((err as Error).message).toMatch(/missing-python cannot be run/);
  });

  it('a process that dies before it is ready is not restarted for every document', async () => {
    const r = new RstRenderer({ python: fake('dies', 'echo boom >&2; exit 1') });
    const results = await Promise.allSettled([r.render('a', 'a.rst'), r.render('b', 'b.rst')]);
    expect(results.map((x) => x.status)).toEqual(['rejected', 'rejected']);
    expect(String((results[0] as PromiseRejectedResult).reason)).toMatch(/stopped before starting \(exit 1\): boom/);
    expect(r.processStarts).toBe(1);
  });

  it('a document that takes too long fails alone; the process is replaced for the next', async () => {
    // Ready at once, then answers nothing for the first request and echoes a result for later ones.
    const script = [
      `echo '{"ready": true, "docutils": "fake"}'`,
      'n=0',
      'while read -r line; do',
      '  n=$((n+1))',
      '  if [ "$n" = 1 ] && [ ! -e "$0.once" ]; then touch "$0.once"; exec sleep 30; fi',
      `  id=$(printf '%s' "$line" | sed 's/^{"id": *\\([0-9]*\\).*/\\1/')`,
      `  echo "{\\"id\\": $id, \\"ok\\": true, \\"title\\": \\"T\\", \\"html\\": \\"<p>ok</p>\\"}"`,
      'done',
    ].join('\n');
    const r = new RstRenderer({ python: fake('slow', script), timeoutMs: 500 });
    try {
      const [slow, next] = await Promise.allSettled([r.render('a', 'slow.rst'), r.render('b', 'next.rst')]);
      expect(slow.status).toBe('rejected');
      expect(String((slow as PromiseRejectedResult).reason)).toMatch(/slow\.rst: rendering took longer than 0.5 s/);
      expect(next.status === 'fulfilled' && next.value.html).toBe('<p>ok</p>');
      expect(r.processStarts).toBe(2);
    } finally {
      await r.close();
    }
  });
});
