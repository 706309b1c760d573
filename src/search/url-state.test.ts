import { describe, expect, it } from 'vitest';
import { parseSearchState, toSearchString } from './url-state.ts';

describe('search URL state', () => {
  it('reads q, source and project, defaulting to empty', () => {
    expect(parseSearchState('?q=fix+race&source=demo&project=aurora%2Fcompute')).toEqual({ q: 'fix race', source: 'demo', project: 'aurora/compute' });
    expect(parseSearchState('')).toEqual({ q: '', source: '', project: '' });
    expect(parseSearchState('?q=' + 'x'.repeat(900)).q).toHaveLength(500);
  });

  it('writes only what is set and round-trips', () => {
    expect(toSearchString({ q: '', source: '', project: '' })).toBe('');
    expect(toSearchString({ q: '  ', source: '', project: 'a/b' })).toBe('?project=a%2Fb');
    const s = { q: 'title:fix +"quota"', source: 'demo', project: 'aurora/compute' };
    expect(parseSearchState(toSearchString(s))).toEqual(s);
  });
});
