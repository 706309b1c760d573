import { describe, expect, it } from 'vitest';
import type { Catalog } from '../catalog/catalog.ts';
import type { ItemSummary } from '../catalog/types.ts';
import { defaultKinds } from '../kinds/index.ts';
import { searchKinds, searchSources } from './kinds.ts';

// A site with reviews from `demo` and job-listing months from `hn-jobs` and `board`.
const kinds = defaultKinds();
const present = [kinds.get('change')!, kinds.get('job-month')!];
const items: Record<string, Pick<ItemSummary, 'source'>[]> = { change: [{ source: 'demo' }], 'job-month': [{ source: 'hn-jobs' }, { source: 'board' }] };
const catalog = {
  presentKinds: () => present,
  items: (kind: string) => items[kind] ?? [],
  contributors: () => [],
  places: new Map(),
} as unknown as Pick<Catalog, 'presentKinds' | 'items' | 'contributors' | 'places'>;

describe('search filters', () => {
  it('offer no kind and no source that the index has nothing of: job-listing months are not searched', () => {
    expect(typeof kinds.get('job-month')!.search).toBe('undefined');
    expect(searchKinds(catalog).map((k) => k.kind)).toEqual(['change']);
    expect(searchSources(catalog, ['demo', 'hn-jobs', 'board'])).toEqual(['demo']);
  });
});
