import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Change } from '../../model/change.ts';
import { mapChange, votesInMessage } from './map.ts';
import { parseChanges, stripXssiPrefix, type GerritChange } from './parse.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/gerrit/unit/${name}`, import.meta.url), 'utf8');
const config = { id: 'demo', url: 'https://review.example.org', webUrl: undefined };
const EMAIL = /[\p{L}\p{N}\p{M}._%+-]+@[\p{L}\p{N}\p{M}-]+(\.[\p{L}\p{N}\p{M}-]+)+/u;

function parseOne(raw: unknown): GerritChange {
  const { changes, skipped } = parseChanges([raw]);
  expect(skipped).toEqual([]);
  return changes[0]!;
}

describe('mapChange on a full ChangeInfo', () => {
  const raw = JSON.parse(fixture('change-full.json')) as Record<string, unknown>;
  const item = mapChange(parseOne(raw), { config, botPatterns: [] });
  const c = item.data;

  it('builds the envelope', () => {
    expect(item).toMatchObject({ source: 'demo', type: 'gerrit', kind: 'change', id: 'demo:change:1008', origin: 'https://review.example.org', updatedOn: c.updated });
    expect(item.digest).toMatch(/^[0-9a-f]{32}$/);
    expect(Change.parse(c)).toEqual(c);
  });

  it('keeps hostile text as text (escaping is the renderer’s job)', () => {
    expect(c.subject).toBe('Fix <script>alert(1)</script> in the title escaping');
    expect(c.url).toBe('https://review.example.org/c/demo/beta/+/1008');
  });

  it('never stores an e-mail address, only domains and masked text', () => {
    expect(JSON.stringify(item)).not.toMatch(EMAIL);
    expect(c.commitMessage).toContain('Signed-off-by: Bob Builder <b…@Builder.Example.com>');
    expect(c.accounts['1001']).toEqual({ id: '1001', name: 'Bob Builder', username: 'bob', emailDomain: 'builder.example.com', isBot: false });
    expect(c.messages.at(-1)?.text).toContain('c…@example.fr');
  });

  it('records every real vote with voter, date and patch set', () => {
    expect(c.votes).toEqual([
      { label: 'Code-Review', value: 2, by: '1004', date: expect.stringMatching(/Z$/), patchSet: 2 },
      { label: 'Verified', value: 1, by: '1003', date: expect.stringMatching(/Z$/), patchSet: 2 },
      { label: 'Workflow', value: 1, by: '1004', date: expect.stringMatching(/Z$/), patchSet: 2 },
    ]);
  });

  it('maps messages, patch sets with files, and the commit message of the current revision', () => {
    expect(c.messages.map((m) => [m.author, m.patchSet])).toEqual([['1001', 1], ['1001', 2], ['1003', 2], ['1004', 2]]);
    expect(c.patchSets.map((p) => [p.number, p.kind, p.uploader])).toEqual([[1, 'REWORK', '1001'], [2, 'TRIVIAL_REBASE', '1001']]);
    expect(c.patchSets[1]!.files).toEqual([
      { path: 'doc/source/index.rst', insertions: 3, deletions: 0, status: 'A' },
      { path: 'src/beta/widget.py', insertions: 17, deletions: 3 },
    ]);
    expect(c.filesChanged).toBe(2);
    expect(c.commitMessage?.startsWith('Fix <script>')).toBe(true);
    expect(c).toMatchObject({ status: 'NEW', topic: 'topic-3', owner: '1001', branch: 'master', hashtags: [] });
  });

  it('recognises third-party CI as a bot and people as people', () => {
    expect(c.accounts['1003']?.isBot).toBe(true);
    expect(c.accounts['1004']?.isBot).toBe(false);
  });

  it('is deterministic', () => {
    expect(mapChange(parseOne(raw), { config, botPatterns: [] })).toEqual(item);
  });
});

describe('accounts and bots', () => {
  const base = { _number: 9, project: 'p/q', branch: 'main', change_id: 'I9', subject: 's', status: 'MERGED', created: '2020-01-01 00:00:00.000000000', updated: '2020-01-02 00:00:00.000000000' };

  it('falls back to username, then "Account <id>", when the server sent no details', () => {
    const c = mapChange(parseOne({ ...base, owner: { _account_id: 7 }, messages: [{ id: 'm', author: { _account_id: 8, username: 'dev8' }, date: base.created, message: 'hi' }] }), { config, botPatterns: [] }).data;
    expect(c.accounts['7']).toEqual({ id: '7', name: 'Account 7', isBot: false });
    expect(c.accounts['8']).toMatchObject({ name: 'dev8', username: 'dev8' });
  });

  it('uses SERVICE_USER tags, built-in names and config patterns', () => {
    const msg = (id: number, extra: object) => ({ id: `m${id}`, author: { _account_id: id, ...extra }, date: base.created, message: 'x' });
    const raw = { ...base, messages: [msg(1, { name: 'Robo', tags: ['SERVICE_USER'] }), msg(2, { name: 'Zuul' }), msg(3, { name: 'Nightly Builder' }), msg(4, { name: 'Jane' })] };
    const c = mapChange(parseOne(raw), { config, botPatterns: [/nightly/i] }).data;
    expect(['1', '2', '3', '4'].map((id) => c.accounts[id]?.isBot)).toEqual([true, true, true, false]);
  });

  it('masks an address used as a display name', () => {
    const c = mapChange(parseOne({ ...base, owner: { _account_id: 3, name: 'dev@corp.example.com', email: 'dev@corp.example.com' } }), { config, botPatterns: [] }).data;
    expect(c.accounts['3']).toMatchObject({ name: 'd…@corp.example.com', emailDomain: 'corp.example.com' });
  });

  it('takes vote history from messages when the server sent no labels', () => {
    const page = JSON.parse(stripXssiPrefix(fixture('page-with-bad.response'))) as unknown[];
    const c = mapChange(parseOne(page[0]), { config: { ...config, webUrl: 'https://mirror.example.org/' }, botPatterns: [] }).data;
    expect(c.votes).toContainEqual({ label: 'Code-Review', value: 2, by: '1001', date: expect.any(String), patchSet: 2 });
    expect(c.votes).toContainEqual({ label: 'Workflow', value: 1, by: '1001', date: expect.any(String), patchSet: 2 });
    expect(c.url).toBe('https://mirror.example.org/c/demo/alpha/+/1001');
    expect(c.commitMessage).toBeUndefined();
  });
});

describe('votesInMessage', () => {
  it('reads labels, removals, and stops at other text', () => {
    expect(votesInMessage('Patch Set 3: Code-Review-1 Verified+1\n\nmeh')).toEqual({ patchSet: 3, votes: [{ label: 'Code-Review', value: -1 }, { label: 'Verified', value: 1 }] });
    expect(votesInMessage('Patch Set 2: -Code-Review')).toEqual({ patchSet: 2, votes: [{ label: 'Code-Review', value: 0 }] });
    expect(votesInMessage('Patch Set 1:\n\nBuild failed.')).toEqual({ patchSet: 1, votes: [] });
    expect(votesInMessage('Patch Set 4: (2 comments)')).toEqual({ patchSet: 4, votes: [] });
    expect(votesInMessage('Uploaded patch set 1.')).toBeUndefined();
  });
});

describe('bots among id-only accounts', () => {
  const base = { _number: 9, project: 'p/q', branch: 'main', change_id: 'I9', subject: 's', status: 'MERGED', created: '2020-01-01 00:00:00.000000000', updated: '2020-01-02 00:00:00.000000000' };
  const msg = (n: number, id: number, message: string, tag?: string) => ({ id: `m${n}`, author: { _account_id: id }, date: base.created, message, ...(tag ? { tag } : {}) });
  const raw = {
    ...base,
    owner: { _account_id: 6816 },
    messages: [
      msg(1, 6816, 'Uploaded patch set 1.', 'autogenerated:gerrit:newPatchSet'),
      msg(2, 22348, 'Patch Set 1: Verified+1\n\nBuild succeeded (check pipeline).\n\n- tox-pep8 http://logs.example.org/64/9/1/check/tox-pep8/1a2b3c/ : SUCCESS in 3m 02s'),
      msg(3, 500, 'Patch Set 1:\n\nrecheck'),
      msg(4, 501, 'Patch Set 1:\n\nBuild failed for me locally, is this flaky?'),
      msg(5, 502, 'Patch Set 1:\n\nNew results are in.', 'autogenerated:acme-ci:check'),
      msg(6, 503, 'Patch Set 1:\n\nLGTM'),
      msg(7, 6816, 'Patch Set 1: Code-Review+2 Workflow+1'),
    ],
  };

  // Regression: with no names, only SERVICE_USER tags and names were looked at, so every CI was a person.
  it('marks CI reports and automation tags as bots, and not a recheck or one remark', () => {
    const c = mapChange(parseOne(raw), { config, botPatterns: [] }).data;
    const isBot = Object.fromEntries(Object.values(c.accounts).map((a) => [a.id, a.isBot]));
    expect(isBot).toEqual({ '6816': false, '22348': true, '500': false, '501': false, '502': true, '503': false });
  });

  it('takes account ids from the config', () => {
    const c = mapChange(parseOne(raw), { config, botPatterns: [], botIds: new Set(['503']) }).data;
    expect(c.accounts['503']?.isBot).toBe(true);
    expect(c.accounts['500']?.isBot).toBe(false);
  });
});

describe('votes and masking', () => {
  const base = { _number: 9, project: 'p/q', branch: 'main', change_id: 'I9', subject: 's', status: 'NEW', created: '2020-01-01 00:00:00.000000000', updated: '2020-01-02 00:00:00.000000000' };

  // Regression: LABELS without DETAILED_LABELS sends labels but no `all`, and every vote was lost.
  it('reads votes from the messages when labels came without `all`', () => {
    const raw = {
      ...base,
      labels: { 'Code-Review': { approved: { _account_id: 7 } }, Verified: {} },
      messages: [{ id: 'm1', author: { _account_id: 7 }, date: '2020-01-01 10:00:00.000000000', message: 'Patch Set 2: Code-Review+2', _revision_number: 2 }],
    };
    const c = mapChange(parseOne(raw), { config, botPatterns: [] }).data;
    expect(c.votes).toEqual([{ label: 'Code-Review', value: 2, by: '7', date: '2020-01-01T10:00:00Z', patchSet: 2 }]);
  });

  // Regression: addresses in topic, hashtags, branch and file paths went into the store as they were.
  it('masks addresses in topic, hashtags, branch and file paths', () => {
    const rev = { _number: 1, created: base.created, files: { '/COMMIT_MSG': {}, 'people/zoë@exämple.org.txt': { lines_inserted: 1 } } };
    const raw = { ...base, branch: 'users/jane.doe@example.org/wip', topic: 'from-bob@example.org', hashtags: ['cc:jane@例え.jp', 'plain'], current_revision: 'abc', revisions: { abc: rev } };
    const c = mapChange(parseOne(raw), { config, botPatterns: [] }).data;
    expect(c.branch).toBe('users/j…@example.org/wip');
    expect(c.topic).toBe('f…@example.org');
    expect(c.hashtags).toEqual(['cc:j…@例え.jp', 'plain']);
    expect(c.patchSets[0]?.files?.map((f) => f.path)).toEqual(['people/z…@exämple.org.txt']);
  });
});

describe('mapChange masks addresses in every field, not only free text', () => {
  // Regression: addresses in project, label and revision keys, Change-Id and message ids reached
  // the store unmasked, and the build's privacy check then failed.
  it('leaves no address, plain or obfuscated, anywhere in the stored item', () => {
    const raw = JSON.parse(fixture('change-full.json')) as Record<string, unknown>;
    const revisions = raw.revisions as Record<string, Record<string, unknown>>;
    const [sha, rev] = Object.entries(revisions)[0]!;
    const hostile = {
      ...raw,
      project: 'team/jane.doe@example.org',
      change_id: 'I0123"x y"@example.org',
      branch: 'feature/jane\u200B@example.org',
      topic: 'ask jane%40example.org',
      labels: { 'Review-By-bob@example.org': { all: [{ _account_id: 1, name: 'Bob', value: 1, date: '2024-03-01 10:00:00.000000000' }] } },
      revisions: { ...revisions, [`${sha.slice(0, 8)}root@[192.0.2.1]`]: { ...rev, _number: 99 } },
      messages: [{ id: 'msg-carol&#64;example.org', author: { _account_id: 1, name: 'Carol＠example.org' }, date: '2024-03-01 10:00:00.000000000', message: 'cc dave&#x40;example.org' }],
    };
    const item = mapChange(parseOne(hostile), { config, botPatterns: [] });
    const text = JSON.stringify(item);
    expect(text).not.toMatch(EMAIL);
    for (const leak of ['jane.doe@', '"x y"@', 'jane%40', 'bob@', 'root@[192', 'carol&#64;', 'Carol＠', 'dave&#x40;', '\u200B@']) expect(text).not.toContain(leak);
    expect(item.data.project).toBe('team/j…@example.org');
    expect(item.data.url).toBe(`https://review.example.org/${item.data.number}`);
    expect(Change.parse(item.data)).toEqual(item.data);
  });
});
