import { describe, expect, it } from 'vitest';
import { summariseChange } from '../kinds/change/summary.ts';
import type { Change } from '../model/change.ts';
import { makeItem } from '../model/item.ts';
import { changeToDoc, MAX_BODY_CHARS } from './change-doc.ts';

const change: Change = {
  number: 4242,
  changeId: 'I0123',
  project: 'aurora/compute',
  branch: 'main',
  topic: 'quota-v2',
  hashtags: [],
  subject: 'Fix quota race',
  commitMessage: 'Fix quota race\n\nThe scheduler double-counted.\n\nChange-Id: I0123\nSigned-off-by: Jane Doe <jane.doe@example.org>\n',
  status: 'MERGED',
  owner: '1',
  created: '2024-01-01T00:00:00Z',
  updated: '2024-01-03T00:00:00Z',
  insertions: 1,
  deletions: 1,
  patchSets: [],
  votes: [],
  messages: [
    { id: 'a', author: '2', date: '2024-01-02T00:00:00Z', text: 'Patch Set 1: Code-Review+1\n\nNice catch, mail bob.smith@example.com' },
    { id: 'b', author: '3', date: '2024-01-02T00:00:00Z', text: 'Patch Set 1: Verified+1\n\nBuild succeeded (check pipeline).' },
    { id: 'c', author: '4', date: '2024-01-02T00:00:00Z', text: 'I would rather not be indexed' },
  ],
  accounts: {
    '1': { id: '1', name: 'Jane', isBot: false },
    '2': { id: '2', name: 'Bob', isBot: false },
    '3': { id: '3', name: 'Zuul', isBot: true },
    '4': { id: '4', name: 'Hidden', isBot: false },
  },
  url: 'https://review.example/c/4242',
};

describe('changeToDoc', () => {
  const item = makeItem({ source: 'demo', type: 'gerrit', origin: 'https://review.example', kind: 'change', nativeId: 4242, updatedOn: change.updated, data: change });
  const doc = changeToDoc('demo', change, summariseChange(item), (key) => key === 'demo:4');

  it('uses the subject as title and the page path of the change', () => {
    expect(doc).toMatchObject({ id: 'demo:change:4242', path: 'changes/demo/4242/', title: 'Fix quota race', source: 'demo', kind: 'change', project: 'aurora/compute', date: change.updated, status: 'MERGED' });
  });

  it('indexes the message and human review text, not bots, trailers, opted-out people or addresses', () => {
    expect(doc.body).toContain('The scheduler double-counted.');
    expect(doc.body).toContain('Nice catch');
    expect(doc.body).toContain('Change 4242 topic quota-v2');
    expect(doc.body).not.toMatch(/Build succeeded|rather not|Change-Id|Signed-off-by|Patch Set/);
    expect(doc.body).not.toMatch(/bob\.smith@/);
    expect(doc.body.startsWith('Fix quota race')).toBe(false);
  });

  it('passes title and body through the opt-out redaction', () => {
    const d = changeToDoc('demo', { ...change, subject: 'Fix for Nice' }, summariseChange(item), () => false, (t) => t.replace(/Nice/g, 'REDACTED'));
    expect(d.title).toBe('Fix for REDACTED');
    expect(d.body).toContain('REDACTED catch');
    expect(d.body).not.toContain('Nice');
  });

  it('caps the body but keeps the change number', () => {
    const long = { ...change, commitMessage: `S\n\n${'word '.repeat(5000)}` };
    const d = changeToDoc('demo', long, summariseChange(item), () => false);
    expect(d.body.length).toBeLessThanOrEqual(MAX_BODY_CHARS);
    expect(d.body).toMatch(/Change 4242/);
  });
});
