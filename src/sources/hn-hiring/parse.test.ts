import { describe, expect, it } from 'vitest';
import { createdOf, HnFormatError, parseItem, parseSearchPage } from './parse.ts';

const hit = (over: Record<string, unknown> = {}) => ({
  objectID: '100',
  title: 'Ask HN: Who is hiring? (January 2024)',
  author: 'whoishiring',
  created_at: '2024-01-02T16:00:12Z',
  created_at_i: 1704211212,
  story_id: 100,
  num_comments: 3,
  _tags: ['story', 'author_whoishiring', 'story_100'],
  _highlightResult: { title: { value: 'x' } },
  ...over,
});

describe('parseSearchPage', () => {
  it('reads hits and paging, unknown fields passing', () => {
    const page = parseSearchPage(JSON.stringify({ hits: [hit()], page: 0, nbPages: 3, hitsPerPage: 1, nbHits: 3, processingTimeMS: 1, query: '', params: 'tags=story' }), 'u');
    expect(page).toMatchObject({ page: 0, nbPages: 3, hitsPerPage: 1, nbHits: 3, problems: [] });
    expect(page.hits[0]).toMatchObject({ objectID: '100', author: 'whoishiring', story_id: 100 });
  });

  it('leaves out a bad hit, naming it, and keeps the others', () => {
    const page = parseSearchPage(JSON.stringify({ hits: [hit(), { title: 'no id' }, hit({ objectID: '101', title: null, num_comments: null })], page: 0, nbPages: 1, hitsPerPage: 20, nbHits: 3 }), 'https://x/search');
    expect(page.hits.map((h) => h.objectID)).toEqual(['100', '101']);
    expect(page.problems).toHaveLength(1);
    expect(page.problems[0]).toMatch(/^https:\/\/x\/search: hit 1 left out: objectID/);
  });

  it('refuses what is not a search answer, naming where', () => {
    expect(() => parseSearchPage('{"message":"Invalid value"}', 'https://x/s')).toThrow(/https:\/\/x\/s: not an Algolia search answer: hits/);
    expect(() => parseSearchPage('{"hits": [', 'https://x/s')).toThrow(HnFormatError);
    expect(() => parseSearchPage('<html>', 'https://x/s')).toThrow(/not JSON/);
  });
});

describe('parseItem', () => {
  it('reads an item with its children unread, nulls allowed where HN allows them', () => {
    const item = parseItem(
      JSON.stringify({
        id: 1,
        created_at: '2011-04-01T13:11:26.000Z',
        created_at_i: 1301663486,
        type: 'story',
        author: 'whoishiring',
        title: 'Ask HN: Who is Hiring? (April 2011)',
        url: '',
        text: '<p>intro</p>',
        points: 280,
        parent_id: null,
        story_id: null,
        options: [],
        children: [{ id: 2, author: null, text: null, children: [] }, 'garbage'],
      }),
      'u',
    );
    expect(item.id).toBe(1);
    expect(item.children).toHaveLength(2);
    expect(createdOf(item)).toBe('2011-04-01T13:11:26Z');
  });

  it('refuses an item without an id', () => {
    expect(() => parseItem('{"title":"x"}', 'https://x/items/1')).toThrow(/https:\/\/x\/items\/1: not an HN item: id/);
  });
});

describe('createdOf', () => {
  it('takes created_at, else created_at_i, without milliseconds', () => {
    expect(createdOf({ created_at: '2024-01-02T16:00:12Z' })).toBe('2024-01-02T16:00:12Z');
    expect(createdOf({ created_at: null, created_at_i: 1704211212 })).toBe('2024-01-02T16:00:12Z');
    expect(createdOf({})).toBeUndefined();
  });
});
