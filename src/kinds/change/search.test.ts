import { describe, expect, it } from 'vitest';
import { summariseChange } from './summary.ts';
import type { Change } from '../../model/change.ts';
import { makeItem } from '../../model/item.ts';
import { changeToDoc, distinctWords, MAX_AUTOMATION_CHARS, MAX_PROSE_CHARS, type ChangePeople } from './search.ts';

const ZUUL_FAIL = [
  'Patch Set 1: Verified-1',
  '',
  'Build failed (check pipeline).  For information on how to proceed, see',
  'https://docs.aurora.example/infra/manual/developers.html#automated-testing',
  '',
  'https://zuul.aurora.example/t/aurora/buildset/a95f81c4478a6de589eb41c1dbf66cc9',
  '',
  '- aurora-tox-pep8 https://zuul.aurora.example/t/aurora/build/2cdb1b2efa016e30023529e54b9f860c : SUCCESS in 4m 37s',
  '- aurora-tox-py311 https://zuul.aurora.example/t/aurora/build/78f240f7def32e45065726d8bb869463 : FAILURE in 17m 20s',
].join('\n');

const change: Change = {
  number: 4242,
  changeId: 'I0123abcd',
  project: 'aurora/compute',
  branch: 'stable/2024.1',
  topic: 'quota-v2',
  hashtags: ['backport-candidate', 'rbac'],
  subject: 'Fix quota race',
  commitMessage: 'Fix quota race\n\nThe scheduler double-counted.\n\nChange-Id: I0123abcd\nSigned-off-by: Jane Doe <jane.doe@example.org>\n',
  status: 'MERGED',
  owner: '1',
  created: '2024-01-01T00:00:00Z',
  updated: '2024-01-03T00:00:00Z',
  insertions: 1,
  deletions: 1,
  patchSets: [
    { number: 1, revision: '74b7cd082e1f00000000000000000000deadbeef', uploader: '1' },
    { number: 2, revision: 'c63d3e06552dc38bf5ede492c0eaddd25dd7a882', uploader: '5' },
  ],
  votes: [
    { label: 'Code-Review', value: 2, by: '2', date: '2024-01-02T00:00:00Z' },
    { label: 'Verified', value: 1, by: '3', date: '2024-01-02T00:00:00Z' },
    { label: 'Code-Review', value: -1, by: '4', date: '2024-01-02T00:00:00Z' },
  ],
  labelSummary: [{ label: 'Workflow', status: 'approved', by: '6' }],
  messages: [
    { id: 'a', author: '2', date: '2024-01-02T00:00:00Z', text: 'Patch Set 1: Code-Review+1\n\nNice catch, mail bob.smith@example.com' },
    { id: 'b', author: '3', date: '2024-01-02T00:00:00Z', text: ZUUL_FAIL },
    { id: 'c', author: '4', date: '2024-01-02T00:00:00Z', text: 'I would rather not be indexed' },
    { id: 'd', author: '3', date: '2024-01-02T00:00:00Z', text: ZUUL_FAIL.replace(/[0-9a-f]{32}/g, 'ffffffffffffffffffffffffffffffff') },
    { id: 'e', date: '2024-01-03T00:00:00Z', text: 'Change has been successfully merged' },
  ],
  accounts: {
    '1': { id: '1', name: 'Jane Doe', username: 'jdoe', isBot: false },
    '2': { id: '2', name: 'Bob Smith', username: 'bsmith', isBot: false },
    '3': { id: '3', name: 'Zuul', username: 'zuul', isBot: true },
    '4': { id: '4', name: 'Hidden Person', username: 'hideme', isBot: false },
    '5': { id: '5', name: 'Carol Uploader', isBot: false },
    '6': { id: '6', name: 'Dan Approver', isBot: false },
  },
  url: 'https://review.example/c/4242',
};

const item = makeItem({ source: 'demo', type: 'gerrit', origin: 'https://review.example', kind: 'change', nativeId: 4242, updatedOn: change.updated, data: change });
const people: ChangePeople = { isHidden: (key) => key === 'demo:4' };
const doc = changeToDoc('demo', change, summariseChange(item), people);

describe('changeToDoc', () => {
  it('uses the subject as title and the page path of the change', () => {
    expect(doc).toMatchObject({ id: 'demo:change:4242', path: 'changes/demo/4242/', title: 'Fix quota race', source: 'demo', kind: 'change', project: 'aurora/compute', date: change.updated, status: 'MERGED' });
  });

  it('indexes the message with its trailers and human review text, without addresses or the Patch Set prefix', () => {
    expect(doc.body).toContain('The scheduler double-counted.');
    expect(doc.body).toContain('Signed-off-by: Jane Doe <j…@example.org>');
    expect(doc.body).toContain('Code-Review+1\n\nNice catch');
    expect(doc.body).not.toMatch(/Patch Set|Change-Id:/);
    expect(doc.body).not.toMatch(/bob\.smith@|jane\.doe@/);
    expect(doc.body.startsWith('Fix quota race')).toBe(false);
  });

  it('holds the facts the change page shows: status, number, project, branch, topic, Change-Id, hashtags, revisions', () => {
    expect(doc.body).toContain('Merged change 4242 in aurora/compute, branch stable/2024.1, topic quota-v2.');
    expect(doc.body).toContain('Change-Id I0123abcd.');
    expect(doc.body).toContain('Hashtags backport-candidate, rbac.');
    expect(doc.body).toContain('Patch sets 74b7cd082e, c63d3e0655.');
  });

  it('names the owner (with username) as the people of the change, and everyone else shown in the body', () => {
    expect(doc.people).toBe('Jane Doe jdoe');
    expect(doc.body).toContain('With Bob Smith, Carol Uploader, Dan Approver.');
  });

  it('takes names as the site shows them when the catalog knows the person', () => {
    const d = changeToDoc('demo', change, summariseChange(item), { ...people, person: (key) => (key === 'demo:1' ? { name: 'Jane D. Doe', username: 'jane' } : undefined) });
    expect(d.people).toBe('Jane D. Doe jane');
  });

  it('never indexes an opted-out person or a bot by name, nor an opted-out person’s messages', () => {
    const all = `${doc.title}\n${doc.body}\n${doc.people}`;
    expect(all).not.toMatch(/Hidden Person|hideme|rather not/);
    expect(doc.body).not.toMatch(/\bZuul\b/);
    // An opted-out owner: no people at all, and the catalog's bot verdict counts, not this change's flag.
    const hiddenOwner = changeToDoc('demo', change, summariseChange(item), { isHidden: (k) => k === 'demo:1' || k === 'demo:4', isBot: (k) => k === 'demo:3' || k === 'demo:2' });
    expect(hiddenOwner.people).toBeUndefined();
    expect(hiddenOwner.body.replace('Signed-off-by: Jane Doe', '')).not.toMatch(/Jane|jdoe|Bob Smith/);
    expect(hiddenOwner.body).toContain('Nice catch'); // Bob's words stay, now as an automation report
  });

  it('indexes each distinct word of automation reports once, after the facts, without build ids', () => {
    const automation = doc.body.slice(doc.body.indexOf('With Bob Smith'));
    expect(automation).toContain('https://docs.aurora.example/infra/manual/developers.html#automated-testing');
    expect(automation.match(/developers\.html/g)).toHaveLength(1);
    expect(automation).toContain('aurora-tox-pep8');
    expect(automation).toContain('successfully merged');
    expect(doc.body).not.toMatch(/[0-9a-f]{16}/);
    expect(distinctWords('a b A c b')).toBe('a b c');
  });

  it('passes title, body and names through the opt-out redaction', () => {
    const redact = (t: string) => t.replace(/Nice|Carol/g, 'REDACTED');
    const d = changeToDoc('demo', { ...change, subject: 'Fix for Nice' }, summariseChange(item), { ...people, redact });
    expect(d.title).toBe('Fix for REDACTED');
    expect(d.body).toContain('REDACTED catch');
    expect(d.body).not.toMatch(/Nice|Carol/);
  });

  it('caps prose and automation text but keeps the facts', () => {
    const long = { ...change, commitMessage: `S\n\n${'word '.repeat(5000)}`, messages: [...change.messages, { id: 'z', author: '3', date: '2024-01-03T00:00:00Z', text: Array.from({ length: 3000 }, (_, i) => `w${i}`).join(' ') }] };
    const d = changeToDoc('demo', long, summariseChange(item), people);
    const [prose, facts, automation] = d.body.split('\n\n');
    expect(prose!.length).toBeLessThanOrEqual(MAX_PROSE_CHARS);
    expect(automation!.length).toBeLessThanOrEqual(MAX_AUTOMATION_CHARS);
    expect(facts).toMatch(/^Merged change 4242 in aurora\/compute/);
    expect(facts).toContain('Change-Id I0123abcd');
  });
});
