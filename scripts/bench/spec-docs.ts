/**
 * Synthetic spec documents for the specs benchmark (scripts/bench/specs.ts):
 * reStructuredText in the shape of a nova-specs spec (title, blueprint link,
 * the usual sections, lists, code, tables, notes, footnotes, links, a
 * list-table), about 13 KB each, varied by a seeded generator so every run
 * writes the same bytes.
 */
import { mulberry32 } from '../../src/lib/random.ts';

const WORDS = 'the compute service scheduler volume instance driver request placement host image flavor network port quota policy migration resize rebuild allocation resource provider trait inventory aggregate cell conductor api microversion notification event server attachment device'.split(' ');

export interface Words {
  sentence(min?: number, max?: number): string;
  paragraph(sentences?: number): string;
  /** 1 to `max` paragraphs, blank-line separated. */
  paragraphs(max: number): string;
  int(max: number): number;
}

/** Seeded filler text in the specs' vocabulary. */
export function words(seed: number): Words {
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

/** A release's spec template (`specs/<release>-template.rst`): a spec file the layout leaves out. */
export function syntheticTemplate(release: string): string {
  const title = 'Example Spec - The title of your blueprint';
  const sections = ['Problem description', 'Use Cases', 'Proposed change', 'Alternatives', 'Data model impact', 'REST API impact', 'Implementation', 'Dependencies', 'Testing', 'Documentation Impact', 'References'];
  const body = sections.map((s) => `${underline(s, '=')}\nExplain the ${s.toLowerCase()} of your change here (${release}).\n`);
  return [`${'='.repeat(title.length)}\n${title}\n${'='.repeat(title.length)}\n`, 'https://blueprints.launchpad.net/nova/+spec/example\n', ...body].join('\n');
}
