import { describe, expect, it } from 'vitest';
import { keywordsFor } from './keywords.ts';

describe('keywordsFor', () => {
  const defs = { Python: { any: ['python', 'django'] }, OpenStack: { any: ['openstack'] }, 'Python AND OpenStack': { all: ['Python', 'OpenStack'] }, 'C++': { any: ['c++'] } };

  it('matches whole words in the text, and combinations of other keywords', () => {
    const k = keywordsFor(defs);
    expect(k.names).toEqual(Object.keys(defs));
    expect(k.matcher.match('<p>Django and <i>OpenStack</i></p>')).toEqual(['Python', 'OpenStack', 'Python AND OpenStack']);
    expect(k.matcher.match('<p>Pythonic? no. C++ yes</p>')).toEqual(['C++']);
    expect(k.matcher.match('<a href="https://python.org">site</a>')).toEqual([]);
  });

  it('gives a digest that follows the definitions, not their key order', () => {
    const a = keywordsFor(defs).digest;
    expect(keywordsFor({ ...defs }).digest).toBe(a);
    expect(keywordsFor({ Python: { any: ['python'] } }).digest).not.toBe(a);
  });

  it('refuses a combination of unknown names, and cycles', () => {
    expect(() => keywordsFor({ X: { all: ['Y'] } })).toThrow(/"X"[\s\S]*"Y"/);
    expect(() => keywordsFor({ A: { all: ['B'] }, B: { all: ['A'] } })).toThrow(/cycle|→/);
  });
});
