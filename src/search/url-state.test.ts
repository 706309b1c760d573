import { describe, expect, it } from 'vitest';
import { parseSearchState, toSearchString } from './url-state.ts';

describe('search URL state', () => {
  it('reads q, kind, source and project, defaulting to empty', () => {
    expect(parseSearchState('?q=fix+race&source=demo&project=aurora%2Fcompute')).toEqual({ q: 'fix race', kind: '', source: 'demo', project: 'aurora/compute' });
    expect(parseSearchState('?q=ada&kind=person')).toEqual({ q: 'ada', kind: 'person', source: '', project: '' });
    expect(parseSearchState('')).toEqual({ q: '', kind: '', source: '', project: '' });
    expect(parseSearchState('?q=' + 'x'.repeat(900)).q).toHaveLength(500);
  });

  it('writes only what is set and round-trips', () => {
    expect(toSearchString({ q: '', kind: '', source: '', project: '' })).toBe('');
    expect(toSearchString({ q: '  ', kind: '', source: '', project: 'a/b' })).toBe('?project=a%2Fb');
    expect(toSearchString({ q: 'fix', kind: 'change', source: '', project: '' })).toBe('?q=fix&kind=change');
    // A kind with no words still filters, so it stays in the address.
    expect(toSearchString({ q: '', kind: 'project', source: '', project: '' })).toBe('?kind=project');
    const s = { q: 'title:fix +"quota"', kind: 'change', source: 'demo', project: 'aurora/compute' };
    expect(parseSearchState(toSearchString(s))).toEqual(s);
  });
});
