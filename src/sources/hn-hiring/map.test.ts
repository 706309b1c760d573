import { describe, expect, it } from 'vitest';
import { countMonth, exclusionOf, hiringTitle, isHiringThread, readThread, threadPostings, type KeywordMatcher, type ReadThread } from './map.ts';
import type { ItemNode } from './parse.ts';

describe('hiringTitle', () => {
  it.each([
    ['Ask HN: Who is hiring? (January 2024)', '2024-01'],
    ['Ask HN: Who is Hiring? (April 2011)', '2011-04'],
    ['Ask HN: Who Is Hiring? [December 2013]', '2013-12'],
    ['Who is hiring? (March 2012)', '2012-03'],
    ["Ask HN: Who's hiring? (Sept 2015)", '2015-09'],
    ['Ask HN: Who\u2019s Hiring? (Remote) (June 2020)', '2020-06'],
    ['Ask HN: Who is hiring? (June 2020, remote only)', '2020-06'],
  ])('%s is a hiring thread of %s', (title, month) => {
    expect(hiringTitle(title)).toEqual({ month });
  });

  it('takes a hiring title that names no month', () => {
    expect(hiringTitle('Ask HN: Who is hiring?')).toEqual({});
  });

  it.each([
    'Ask HN: Who wants to be hired? (January 2024)',
    'Ask HN: Freelancer? Seeking freelancer? (January 2024)',
    'Ask HN: Seeking freelancer? Who is hiring freelancers? (May 2014)',
    'Ask HN: What happened to Who is hiring? (May 2014)',
    'Show HN: a chart of Who is hiring threads',
    '',
  ])('%s is not a hiring thread', (title) => {
    expect(hiringTitle(title)).toBeUndefined();
  });

  it('wants the hiring account as author', () => {
    expect(isHiringThread({ title: 'Ask HN: Who is hiring? (May 2014)', author: 'whoishiring' })).toBe(true);
    expect(isHiringThread({ title: 'Ask HN: Who is hiring? (May 2014)', author: 'someone' })).toBe(false);
    expect(isHiringThread({ title: 'Ask HN: Who is hiring? (May 2014)', author: null })).toBe(false);
  });
});

const node = (id: number, over: Partial<ItemNode> = {}): ItemNode => ({ id, type: 'comment', author: `a${id}`, text: `<p>job ${id}</p>`, created_at: '2024-01-02T17:00:00Z', children: [], ...over });

describe('threadPostings', () => {
  it('keeps top-level comments with text and counts the others by reason', () => {
    const thread = node(1, {
      type: 'story',
      children: [
        node(2, { children: [node(20), node(21)] }),
        node(3, { author: null, text: null }),
        node(4, { deleted: true, text: '[deleted]' }),
        node(5, { dead: true }),
        node(6, { text: '<p> &nbsp; </p>' }),
        node(7, { text: null }),
        { text: 'no id' },
        node(8, { type: 'pollopt' }),
        node(9, { author: null }),
      ],
    });
    const r = threadPostings(thread, 'items/1');
    // Replies (20, 21) are not postings; a comment whose author is gone but text kept still is one.
    expect(r.postings.map((p) => p.id)).toEqual(['2', '9']);
    expect(r.excluded).toEqual({ deleted: 2, dead: 1, empty: 2, unreadable: 2 });
    expect(r.problems).toHaveLength(2);
    expect(r.problems[0]).toMatch(/^items\/1 child 6: not an HN item/);
  });

  it('reads a thread with no children', () => {
    expect(threadPostings(node(1, { children: null }), 'x')).toEqual({ postings: [], excluded: {}, problems: [] });
  });

  it('names the reason of one comment', () => {
    expect(exclusionOf(node(1))).toBeUndefined();
    expect(exclusionOf(node(1, { author: null, text: null }))).toBe('deleted');
    expect(exclusionOf(node(1, { dead: true }))).toBe('dead');
  });
});

describe('readThread', () => {
  it('takes the time and title from the item, else from the hit', () => {
    const hit = { objectID: '1', title: 'Ask HN: Who is hiring? (May 2014)', created_at: '2014-05-01T15:00:00Z' };
    const t = readThread(node(1, { type: 'story', title: null, created_at: null, children: [node(2)] }), hit, 'x');
    expect(t).toMatchObject({ id: '1', title: hit.title, created: '2014-05-01T15:00:00Z', excluded: {} });
    expect(t.postings).toHaveLength(1);
    expect(() => readThread(node(1, { created_at: null }), { objectID: '1' }, 'items/1')).toThrow(/items\/1: the thread has no time/);
  });
});

describe('countMonth', () => {
  const matcher: KeywordMatcher = { match: (html) => (/\bpython\b/i.test(html) ? ['Python'] : []) };
  const keywords = { names: ['Python', 'Rust'], matcher, digest: 'd1' };
  const thread = (id: string, created: string, postings: [string, string][], excluded = {}): ReadThread => ({ id, title: `t${id}`, created, postings: postings.map(([pid, html]) => ({ id: pid, html })), excluded });

  it('counts postings and matches, zero for a keyword with none, ids and no text', () => {
    const { month, duplicates } = countMonth('2024-01', [thread('1', '2024-01-02T16:00:00Z', [['11', 'Python dev'], ['10', 'Go dev']], { deleted: 1 })], keywords, true);
    expect(duplicates).toBe(0);
    expect(month).toEqual({
      month: '2024-01',
      postings: 2,
      counts: { Python: 1, Rust: 0 },
      ids: ['10', '11'],
      threads: [{ id: '1', title: 't1', created: '2024-01-02T16:00:00Z', url: 'https://news.ycombinator.com/item?id=1' }],
      complete: true,
      excluded: { deleted: 1 },
      keywordsDigest: 'd1',
    });
    expect(JSON.stringify(month)).not.toContain('dev');
  });

  it('counts both threads of a month, a posting in both once', () => {
    const a = thread('2', '2024-01-15T00:00:00Z', [['21', 'python'], ['22', 'java']], { dead: 1 });
    const b = thread('1', '2024-01-02T00:00:00Z', [['21', 'python'], ['11', 'python']], { dead: 2 });
    const { month, duplicates } = countMonth('2024-01', [a, b], keywords, false);
    expect(duplicates).toBe(1);
    expect(month.postings).toBe(3);
    expect(month.counts).toEqual({ Python: 2, Rust: 0 });
    expect(month.threads.map((t) => t.id)).toEqual(['1', '2']);
    expect(month.excluded).toEqual({ dead: 3 });
    expect(month.complete).toBe(false);
  });
});
