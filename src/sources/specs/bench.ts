/**
 * Spec rendering throughput: N synthetic specs (default 1,000) through the
 * renderer a sync uses, one docutils process for all. Target: 1,000 RST specs
 * in under 60 s. Run: `npx tsx src/sources/specs/bench.ts [--count N] [--format rst|markdown]`;
 * prints one JSON object. The documents are generated here with the shape of
 * a nova-specs spec (title, blueprint link, the usual sections, lists, code,
 * tables, notes, footnotes, links), varied by a seeded generator.
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { mulberry32 } from '../../lib/random.ts';
import { MarkdownRenderer } from './markdown.ts';
import { RstRenderer } from './rst.ts';

const WORDS = 'the compute service scheduler volume instance driver request placement host image flavor network port quota policy migration resize rebuild allocation resource provider trait inventory aggregate cell conductor api microversion notification event server attachment device'.split(' ');

interface Words {
  sentence(min?: number, max?: number): string;
  paragraph(sentences?: number): string;
  /** 1 to `max` paragraphs, blank-line separated. */
  paragraphs(max: number): string;
  int(max: number): number;
}

function words(seed: number): Words {
  const next = mulberry32(seed);
  const int = (max: number) => Math.floor(next() * max);
  const sentence = (min = 6, max = 18) => {
    const n = min + int(max - min);
    const ws = Array.from({ length: n }, () => WORDS[int(WORDS.length)]!);
    ws[0] = ws[0]!.charAt(0).toUpperCase() + ws[0]!.slice(1);
    return `${ws.join(' ')}.`;
  };
  const paragraph = (sentences = 2 + int(4)) => Array.from({ length: sentences }, () => sentence()).join(' ');
  return { int, sentence, paragraph, paragraphs: (max: number) => Array.from({ length: 1 + int(max) }, () => paragraph()).join('\n\n') };
}

const underline = (text: string, char: string) => `${text}\n${char.repeat(text.length)}\n`;

/** One RST spec in the nova-specs shape; `i` varies its size and constructs. */
export function syntheticRst(i: number): string {
  const w = words(i + 1);
  const title = `Synthetic spec ${i}: ${w.sentence(3, 7).slice(0, -1)}`;
  const out: string[] = [];
  out.push('..\n This work is licensed under a Creative Commons Attribution 3.0 Unported\n License.\n');
  out.push(`${'='.repeat(title.length)}\n${title}\n${'='.repeat(title.length)}\n`);
  out.push(`https://blueprints.launchpad.net/nova/+spec/synthetic-${i}\n`);
  out.push(`${w.paragraph()} See the related work [1]_.\n`);
  out.push(underline('Problem description', '='), `${w.paragraphs(6)}\n`);
  out.push(underline('Use Cases', '-'), ...Array.from({ length: 2 + w.int(4) }, () => `* As an operator, ${w.sentence().toLowerCase()}\n`), '');
  out.push(underline('Proposed change', '='), `${w.paragraphs(9)}\n`);
  out.push(`#. ${w.sentence()}\n\n   * ${w.sentence()}\n   * ${w.sentence()}\n\n#. ${w.sentence()}\n`);
  out.push(`.. code-block:: python\n\n    def synthetic_${i}(context, instance):\n        return instance.flavor.extra_specs.get('hw:${w.int(99)}')\n`);
  out.push(`.. note:: ${w.sentence()}\n`);
  out.push(underline('Alternatives', '-'), `${w.paragraphs(5)}\n`);
  out.push(underline('Data model impact', '-'), `${w.paragraph(2)}\n`);
  out.push(`==========  ========  ========\nField       Type      Nullable\n==========  ========  ========\nname_${i % 10}      String    False\ncount       Integer   True\n==========  ========  ========\n`);
  out.push(underline('REST API impact', '-'), `${w.paragraph(2)} Request body::\n\n    {\n        "server": {"id": "${i}", "size": ${w.int(512)}}\n    }\n`);
  out.push(`+------------+------------------+\n| Code       | Meaning          |\n+============+==================+\n| 202        | Accepted         |\n+------------+------------------+\n| 409        | Conflict         |\n+------------+------------------+\n`);
  for (const name of ['Security impact', 'Notifications impact', 'Other end user impact', 'Performance Impact', 'Other deployer impact', 'Developer impact', 'Upgrade impact']) {
    out.push(underline(name, '-'), `${w.int(3) === 0 ? 'None' : w.paragraphs(5)}\n`);
  }
  if (w.int(2)) out.push(`.. warning::\n\n   ${w.sentence()}\n`);
  out.push(underline('Implementation', '='), underline('Assignee(s)', '-'), 'Primary assignee:\n  synthetic-owner\n\nFeature Liaison:\n  None\n');
  out.push(underline('Work Items', '-'), ...Array.from({ length: 3 + w.int(6) }, () => `* ${w.sentence(4, 10)}\n`), '');
  out.push(underline('Dependencies', '='), `* See \`the API guide <https://docs.example.org/api/${i}>\`_ and :ref:\`liaisons\`.\n`);
  out.push(underline('Testing', '='), `${w.paragraphs(3)}\n`);
  out.push(underline('Documentation Impact', '='), `${w.paragraph(2)}\n`);
  out.push(underline('References', '='), `.. [1] https://review.example.org/c/${1000 + i}\n`);
  out.push(underline('History', '='), `.. list-table:: Revisions\n   :header-rows: 1\n\n   * - Release Name\n     - Description\n   * - 2024.1\n     - Introduced\n`);
  return out.join('\n');
}

/** The same shape as a KEP README. */
export function syntheticMarkdown(i: number): string {
  const w = words(i + 1);
  const sections = ['Summary', 'Motivation', 'Proposal', 'Design Details', 'Test Plan', 'Graduation Criteria', 'Drawbacks', 'Alternatives'];
  const body = sections.map((s, n) => `## ${s}\n\n${w.paragraph()}\n\n${n % 3 === 0 ? `- ${w.sentence()}\n  - ${w.sentence()}\n- [ ] ${w.sentence()}\n` : ''}${n % 4 === 1 ? `\n\`\`\`go\nfunc synthetic${i}() {}\n\`\`\`\n` : ''}${n % 4 === 2 ? '\n| a | b |\n|---|---|\n| 1 | 2 |\n' : ''}\n### Notes ${n}\n\n${w.paragraph(2)}[^${n}]\n\n[^${n}]: https://example.org/${i}/${n}\n`);
  return `# KEP-${i}: ${w.sentence(3, 7).slice(0, -1)}\n\n${body.join('\n')}`;
}

export interface BenchResult {
  format: 'rst' | 'markdown';
  count: number;
  seconds: number;
  perSpecMs: number;
  failures: number;
  withWarnings: number;
  sourceBytes: number;
  htmlBytes: number;
  processStarts?: number;
  docutils?: string;
  targetSeconds: number;
  ok: boolean;
}

/** Renders `count` synthetic specs, a few in flight at a time like a sync would. */
export async function benchSpecs(count = 1000, format: 'rst' | 'markdown' = 'rst', inFlight = 8): Promise<BenchResult> {
  const sources = Array.from({ length: count }, (_, i) => (format === 'rst' ? syntheticRst(i) : syntheticMarkdown(i)));
  const renderer = format === 'rst' ? new RstRenderer() : new MarkdownRenderer();
  let failures = 0;
  let withWarnings = 0;
  let htmlBytes = 0;
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < sources.length) {
      const i = next++;
      try {
        const r = await renderer.render(sources[i]!, `synthetic-${i}.${format === 'rst' ? 'rst' : 'md'}`);
        htmlBytes += r.html.length;
        if (r.warnings.length) withWarnings++;
      } catch {
        failures++;
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: inFlight }, worker));
  } finally {
    await renderer.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const target = 60 * (count / 1000);
  return {
    format,
    count,
    seconds: Number(seconds.toFixed(2)),
    perSpecMs: Number(((seconds * 1000) / Math.max(1, count)).toFixed(1)),
    failures,
    withWarnings,
    sourceBytes: sources.reduce((n, s) => n + s.length, 0),
    htmlBytes,
    ...(renderer instanceof RstRenderer ? { processStarts: renderer.processStarts, docutils: renderer.docutilsVersion } : {}),
    targetSeconds: target,
    ok: failures === 0 && seconds < target,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, format: { type: 'string', default: 'rst' } } });
  const format = values.format === 'markdown' ? 'markdown' : 'rst';
  console.log(JSON.stringify(await benchSpecs(Number(values.count), format)));
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
