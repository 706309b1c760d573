import type { SearchDoc } from '../../src/search/types.ts';

/**
 * A seeded, review-like corpus for the search benchmark and tests: commit
 * subjects and messages plus reviewer comments, drawn from a fixed list of
 * everyday development words and a long Zipf tail of invented identifiers,
 * so term frequencies look like a real code-review site's.
 */
import { mulberry32 } from '../../src/lib/random.ts';

const COMMON = `fix add remove update refactor test tests support allow use make handle check config configuration option options
default value values error errors exception log logging message messages request response api client server service
driver volume instance network port router subnet security group policy quota scheduler compute storage image
database migration schema model query cache timeout retry retries connection pool thread lock race condition
deadlock memory leak performance unit functional integration job gate zuul release note notes docs documentation
typo comment comments nit looks good me thanks patch set rebase merge conflict branch stable master main backport
deprecate deprecated removal python py3 library requirement requirements version upgrade downgrade compatibility
missing wrong broken failing failure fails passes pass skip skipped flaky bug issue story task spec blueprint
endpoint url token auth authentication authorization keystone nova neutron cinder glance swift horizon heat
should could would please maybe consider instead here there this that change changes code line lines file files
function method class variable parameter argument return returns field fields object list dict string integer`.split(/\s+/);

const SYLLABLES = 'ka lo mi nu pe ra si to vu ze ba co di fa gu he ji ko lu ma ne po qu ri sa te ul vo wa xi yo zu'.split(' ');

export interface CorpusOptions {
  docs: number;
  seed?: number;
  projects?: number;
  sources?: string[];
  /** Invented words in the long tail. */
  vocabulary?: number;
}

/** Yields `docs` documents; the same options always give the same documents. */
export function* syntheticDocs(options: CorpusOptions): Generator<SearchDoc> {
  const rand = mulberry32(options.seed ?? 42);
  const vocab = options.vocabulary ?? 30_000;
  const tail: string[] = [];
  for (let i = 0; i < vocab; i++) {
    const n = 2 + Math.floor(rand() * 3);
    let w = '';
    for (let j = 0; j < n; j++) w += SYLLABLES[Math.floor(rand() * SYLLABLES.length)];
    tail.push(w);
  }
  // Zipf over the tail: rank r drawn with weight 1/r via inverse transform on a harmonic approximation.
  const zipf = () => tail[Math.min(vocab - 1, Math.floor(Math.exp(rand() * Math.log(vocab + 1))) - 1)]!;
  const common = () => COMMON[Math.floor(Math.pow(rand(), 1.6) * COMMON.length)]!;
  const word = () => (rand() < 0.55 ? common() : zipf());
  const sentence = (min: number, max: number) => {
    const n = min + Math.floor(rand() * (max - min + 1));
    const out: string[] = [];
    for (let i = 0; i < n; i++) out.push(word());
    const s = out.join(' ');
    return `${s.charAt(0).toUpperCase()}${s.slice(1)}.`;
  };
  const projects = Array.from({ length: options.projects ?? 4 }, (_, i) => `aurora/${['compute', 'network', 'storage', 'identity', 'dashboard', 'images', 'docs', 'infra'][i % 8]}${i >= 8 ? `-${i}` : ''}`);
  const sources = options.sources ?? ['demo'];
  const start = Date.UTC(2019, 0, 1);
  for (let i = 0; i < options.docs; i++) {
    const source = sources[i % sources.length]!;
    const number = 10_000 + i;
    const paragraphs: string[] = [];
    const bodySentences = 3 + Math.floor(rand() * 8);
    for (let s = 0; s < bodySentences; s++) paragraphs.push(sentence(6, 18));
    paragraphs.push(`Closes-Bug: #${100000 + Math.floor(rand() * 900000)}`);
    const reviews = Math.floor(rand() * 5);
    for (let r = 0; r < reviews; r++) paragraphs.push(`Patch Set ${1 + r}: ${rand() < 0.4 ? 'Code-Review+1' : 'Code-Review-1'}\n\n${sentence(4, 24)}`);
    yield {
      id: `${source}:change:${number}`,
      path: `changes/${source}/${number}/`,
      title: sentence(4, 10).replace(/\.$/, ''),
      body: paragraphs.join('\n\n'),
      source,
      kind: 'change',
      project: projects[Math.floor(rand() * projects.length)]!,
      date: new Date(start + Math.floor(rand() * 6 * 365 * 86_400_000)).toISOString(),
      status: rand() < 0.7 ? 'MERGED' : rand() < 0.5 ? 'NEW' : 'ABANDONED',
    };
  }
}
