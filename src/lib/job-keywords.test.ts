import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileKeywords, KeywordError, KeywordsConfig, keywordsDigest, parseTermsDictionary, postingText, type KeywordDefinitions } from './job-keywords.ts';

const one = (def: KeywordDefinitions[string]) => {
  const m = compileKeywords({ K: def });
  return (text: string) => m.match(text).includes('K');
};

describe('keyword terms', () => {
  it('match whole words, case-insensitively', () => {
    const java = one({ any: ['java'] });
    expect(java('We write Java and Kotlin')).toBe(true);
    expect(java('JAVA')).toBe(true);
    expect(java('JavaScript, TypeScript')).toBe(false);
    expect(java('java_home')).toBe(false);
    expect(java('Java-based services; Java/Scala')).toBe(true);
    expect(java("Java's type system.")).toBe(true);
    const python = one({ any: ['python'] });
    expect(python('python3')).toBe(false);
    expect(python('#python')).toBe(true);
    expect(python('Jython')).toBe(false);
    expect(python('Pythonista')).toBe(false);
  });

  it('match phrases across any spacing inside a paragraph, not across paragraphs', () => {
    const bigData = one({ any: ['Big Data'] });
    expect(bigData('big data')).toBe(true);
    expect(bigData('BIG \t\n  DATA team')).toBe(true);
    expect(bigData('big&nbsp;data')).toBe(true);
    expect(bigData('bigdata')).toBe(false);
    expect(bigData('big datasets')).toBe(false);
    expect(bigData('we are big<p>data is our business')).toBe(false);
    expect(bigData('we are big\n\ndata is our business')).toBe(false);
    expect(bigData('we are big\r\n   \r\ndata is our business')).toBe(false);
  });

  it('match terms with punctuation, with boundaries that fit them', () => {
    const c = one({ any: ['c'] });
    const cpp = one({ any: ['c++'] });
    const cs = one({ any: ['c#'] });
    const net = one({ any: ['.net'] });
    const node = one({ any: ['node.js'] });
    expect(['C/C++', 'C++', 'C#', 'c++11', 'C and Go'].map(c)).toEqual([true, false, false, false, true]);
    expect(['C++ developers', '(C++)', 'C++11', 'C#'].map(cpp)).toEqual([true, true, false, false]);
    expect(['C# and F#', 'c#.', 'C'].map(cs)).toEqual([true, true, false]);
    expect(['.NET Core', 'C#/.NET', 'ASP.NET', 'we use .net.', 'dotnet'].map(net)).toEqual([true, true, false, true, false]);
    expect(['Node.js backend', 'NODE.JS.', 'node', 'nodejs'].map(node)).toEqual([true, true, false, false]);
    // A joiner between word characters makes one token: no "node" inside "node.js", no "r" inside "R&D".
    expect(one({ any: ['node'] })('node.js and Deno')).toBe(false);
    expect(one({ any: ['r'] })('R&D lab')).toBe(false);
    expect(one({ any: ['r'] })('R, Julia')).toBe(true);
    // A full stop that ends a sentence is a boundary.
    expect(one({ any: ['python'] })('We use Python. Also Go.')).toBe(true);
  });

  it('read posting HTML: entities decoded, tags dropped, link targets not read', () => {
    expect(postingText('Acme | Python &amp; Go | Remote<p>Apply: jobs&#x2F;acme &lt;at&gt; example<br>Thanks&nbsp;!')).toBe('Acme | Python & Go | Remote\nApply: jobs/acme <at> example\nThanks !');
    const m = compileKeywords({ 'R&D': { any: ['r&d'] }, Python: { any: ['python'] }, Slash: { any: ['ci/cd'] } });
    expect(m.match('R&amp;D, CI&#x2F;CD')).toEqual(['R&D', 'Slash']);
    expect(m.match('<a href="https://python.org/jobs">our page</a>')).toEqual([]);
    expect(m.match('<i>Py</i>thon')).toEqual(['Python']);
    expect(m.match('<p>Python</p>')).toEqual(['Python']);
    expect(m.match('plain text, no tags: Python')).toEqual(['Python']);
  });

  it('exclude postings with a none term', () => {
    const remote = one({ any: ['remote'], none: ['no remote', 'not remote'] });
    expect(remote('Remote OK')).toBe(true);
    expect(remote('Onsite, no remote')).toBe(false);
    expect(remote('Remote for seniors; NOT   remote for interns')).toBe(false);
    expect(remote('remotely')).toBe(false);
  });
});

describe('keyword combinations', () => {
  const defs: KeywordDefinitions = {
    Python: { any: ['python', 'django', 'flask'] },
    OpenStack: { any: ['openstack'] },
    'Python AND OpenStack': { all: ['Python', 'OpenStack'] },
    'Remote Python': { any: ['remote'], all: ['Python'], none: ['no remote'] },
    Storage: { any: ['storage', 'ceph', 'swift'] },
  };
  const m = compileKeywords(defs);

  it('match AND of other keywords, and give names in config order', () => {
    expect(m.names).toEqual(Object.keys(defs));
    expect(m.match('OpenStack and Django')).toEqual(['Python', 'OpenStack', 'Python AND OpenStack']);
    expect(m.match('Ceph, OpenStack')).toEqual(['OpenStack', 'Storage']);
    expect(m.match('Flask, remote')).toEqual(['Python', 'Remote Python']);
    expect(m.match('Flask, no remote')).toEqual(['Python']);
    expect(m.match('Swift on OpenStack, Python')).toEqual(['Python', 'OpenStack', 'Python AND OpenStack', 'Storage']);
    expect(m.match('Rust')).toEqual([]);
  });

  it('combine combinations, and keep a term equal to a keyword name a term', () => {
    const nested = compileKeywords({ A: { any: ['a1'] }, B: { any: ['b1'] }, AB: { all: ['A', 'B'] }, ABC: { all: ['AB'], any: ['c1'] }, Python: { any: ['Python'] } });
    expect(nested.match('a1 b1 c1')).toEqual(['A', 'B', 'AB', 'ABC']);
    expect(nested.match('a1 c1')).toEqual(['A']);
    expect(nested.match('python')).toEqual(['Python']);
  });

  it('name the keyword and the missing name for an undefined reference', () => {
    const bad = { Python: { any: ['python'] }, Both: { all: ['Python', 'Openstack'] } };
    expect(() => compileKeywords(bad)).toThrow(KeywordError);
    expect(() => compileKeywords(bad)).toThrow(/keyword "Both": all names "Openstack", which is not a defined keyword/);
    expect(() => compileKeywords({ ...bad, OpenStack: { any: ['openstack'] } })).toThrow(/did you mean "OpenStack"\?/);
  });

  it('name the cycle path', () => {
    expect(() => compileKeywords({ A: { all: ['B'] }, B: { all: ['C'] }, C: { all: ['A'] } })).toThrow('keywords refer to each other in a cycle: "A" → "B" → "C" → "A"');
    expect(() => compileKeywords({ X: { any: ['x'] }, Self: { all: ['X', 'Self'] } })).toThrow('cycle: "Self" → "Self"');
    // Two keywords needing the same one is no cycle.
    expect(() => compileKeywords({ X: { any: ['x'] }, Y: { all: ['X'] }, Z: { all: ['X', 'Y'] } })).not.toThrow();
  });
});

describe('the keywords config schema', () => {
  it('accepts the issue example and refuses bad definitions, naming the keyword', () => {
    const ok = KeywordsConfig.safeParse({ Python: { any: ['python'] }, OpenStack: { any: ['openstack'] }, 'Python AND OpenStack': { all: ['Python', 'OpenStack'] } });
    expect(ok.success).toBe(true);
    const issues = (v: unknown) => {
      const r = KeywordsConfig.safeParse(v);
      return r.success ? [] : r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
    };
    expect(issues({ A: { none: ['x'] } })).toEqual([expect.stringMatching(/^A: expected any \(terms\) or all/)]);
    expect(issues({ A: { any: [] } })[0]).toMatch(/^A\.any: /);
    expect(issues({ A: { any: ['+'] } })[0]).toMatch(/^A\.any\.0: expected a term with at least one letter or digit/);
    expect(issues({ A: { any: ['a'], sometimes: ['b'] } })[0]).toMatch(/^A: /);
    expect(issues({ A: { all: ['B'] } })).toEqual([expect.stringMatching(/^A: keyword "A": all names "B"/)]);
    expect(issues({ A: { all: ['B'] }, B: { all: ['A'] } })).toEqual([expect.stringMatching(/^A: .*cycle: "A" → "B" → "A"/)]);
  });
});

describe('keywordsDigest', () => {
  const defs: KeywordDefinitions = { Python: { any: ['python', 'django'] }, OpenStack: { any: ['openstack'] }, Both: { all: ['Python', 'OpenStack'] } };

  it('is the same for the same definitions, whatever their order or the case of terms', () => {
    const d = keywordsDigest(defs);
    expect(d).toMatch(/^[0-9a-f]{32}$/);
    expect(keywordsDigest(structuredClone(defs))).toBe(d);
    expect(keywordsDigest({ Both: { all: ['OpenStack', 'Python'] }, OpenStack: { any: ['OpenStack'] }, Python: { any: ['Django', ' python ', 'python'] } })).toBe(d);
  });

  it('changes with anything that can change a count', () => {
    const d = keywordsDigest(defs);
    expect(keywordsDigest({ ...defs, Python: { any: ['python'] } })).not.toBe(d);
    expect(keywordsDigest({ ...defs, Python: { any: ['python', 'django'], none: ['monty python'] } })).not.toBe(d);
    expect(keywordsDigest({ ...defs, Storage: { any: ['ceph'] } })).not.toBe(d);
    expect(keywordsDigest({ Py: defs.Python!, OpenStack: defs.OpenStack!, Both: { all: ['Py', 'OpenStack'] } })).not.toBe(d);
    expect(keywordsDigest({})).not.toBe(d);
  });
});

describe('the hiringtrends term dictionary', () => {
  it('reads plain terms, /alias[A|B] and /js[X]', () => {
    const defs = parseTermsDictionary(['Python', 'App Engine/alias[App Engine|AppEngine|GAE]', 'AngularJS/js[Angular]', 'node.js/js[node]', '', '# a comment', 'CI/CD', 'Vi/alias[Vi|Vim|vi]'].join('\r\n'));
    expect(defs).toEqual({
      Python: { any: ['Python'] },
      'App Engine': { any: ['App Engine', 'AppEngine', 'GAE'] },
      AngularJS: { any: ['Angular', 'Angular.js', 'Angularjs'] },
      'node.js': { any: ['node', 'node.js', 'nodejs'] },
      'CI/CD': { any: ['CI/CD'] },
      Vi: { any: ['vi', 'Vim'] },
    });
    const m = compileKeywords(defs);
    expect(m.match('GAE, AngularJS and Node.js; CI/CD')).toEqual(['App Engine', 'AngularJS', 'node.js', 'CI/CD']);
    expect(m.match('angular.js, NodeJS, vim')).toEqual(['AngularJS', 'node.js', 'Vi']);
  });

  it('names the line of a repeated name or an unknown modifier', () => {
    expect(() => parseTermsDictionary('Go\nRust\nGo', 'x.dic')).toThrow('x.dic line 3: "Go" is already defined on line 1');
    expect(() => parseTermsDictionary('Go\nReact/jsx[react]')).toThrow('terms.dic line 2: unknown modifier "/jsx[…]"');
    expect(() => parseTermsDictionary('Go/alias[|]')).toThrow('terms.dic line 1: "/alias[|]" lists no term');
  });

  const ref = process.env.AGORA_REFERENCE_DATA ?? join(import.meta.dirname, '../../../shared/reference-data');
  const dic = join(ref, 'job-trends/terms.dic');
  it.skipIf(!existsSync(dic))('reads the real terms.dic into keywords that compile', () => {
    const text = readFileSync(dic, 'utf8');
    const lines = text.split(/\r?\n/).filter((l) => l.trim());
    const defs = parseTermsDictionary(text);
    expect(Object.keys(defs)).toHaveLength(lines.length);
    const js = lines.filter((l) => l.includes('/js['));
    const alias = lines.filter((l) => l.includes('/alias['));
    expect(js.length).toBeGreaterThan(5);
    expect(alias.length).toBeGreaterThan(5);
    for (const l of js) expect(defs[l.split('/js[')[0]!]!.any).toHaveLength(3);
    const m = compileKeywords(defs);
    expect(m.names).toHaveLength(lines.length);
    expect(m.match('Python, OpenStack, C++ and node.js')).toEqual(expect.arrayContaining(['Python', 'OpenStack', 'C++', 'node.js']));
    expect(m.match('JavaScript')).not.toContain('Java');
  });
  if (!existsSync(dic)) console.warn(`reference data absent (${dic}): the real terms.dic test is skipped`);
});
