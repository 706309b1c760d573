/**
 * Gerrit 2.6-2.8 answers (ChangeInfo as documented for those releases):
 * `kind` and `_sortkey` on every change, revisions without `created`,
 * accounts with only a name, label summaries instead of per-reviewer votes,
 * and the SUBMITTED status. Such changes are stored, with what is missing absent.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Change } from '../../model/change.ts';
import { mapChange } from './map.ts';
import { accountKey, parseChanges, stripXssiPrefix } from './parse.ts';

const page = JSON.parse(stripXssiPrefix(readFileSync(new URL('../../../test/fixtures/gerrit/legacy/v2.8-changes.response', import.meta.url), 'utf8'))) as unknown[];
const config = { id: 'old', url: 'https://review.harbor.example.net', webUrl: undefined };

describe('changes from Gerrit 2.6-2.8', () => {
  const { changes, skipped } = parseChanges(page);

  it('parses every change (none skipped for the missing fields)', () => {
    expect(skipped).toEqual([]);
    expect(changes.map((c) => c._number)).toEqual([20257, 19984]);
    expect(changes[0]?._sortkey).toBe('0029c3f200004f21');
  });

  it('maps revisions without created, numbered from _number or the fetch ref', () => {
    const [a, b] = changes.map((c) => mapChange(c, { config, botPatterns: [] }).data);
    expect(a!.patchSets).toEqual([
      { number: 1, revision: '1f0e2d3c4b5a69788796a5b4c3d2e1f0a9b8c7d6' },
      { number: 2, revision: '5a8b9c0d1e2f30415263748596a7b8c9d0e1f203' },
    ]);
    expect(b!.patchSets).toEqual([{ number: 1, revision: '9988776655443322110099887766554433221100' }]);
    expect(a!.commitMessage).toContain('Morse');
    for (const c of [a!, b!]) expect(Change.parse(c)).toEqual(c);
  });

  it('keeps votes from the messages and the label summary the server gives instead of all', () => {
    const a = mapChange(changes[0]!, { config, botPatterns: [] }).data;
    expect(a.votes.map((v) => [v.label, v.value, v.by, v.patchSet])).toEqual([
      ['Code-Review', 2, '3100', 2],
      ['Verified', 1, '9', 1],
    ]);
    expect(a.labelSummary).toEqual([
      { label: 'Code-Review', status: 'approved', by: '3100' },
      { label: 'Code-Review', status: 'recommended', by: '3101' },
      { label: 'Verified', status: 'approved', by: '9' },
    ]);
    expect(a.accounts['3101']).toEqual({ id: '3101', name: 'Account 3101', isBot: false });
    expect(a.accounts['9']?.isBot).toBe(true);
  });

  it('identifies accounts that have only a name, and reads SUBMITTED as open', () => {
    const b = mapChange(changes[1]!, { config, botPatterns: [] }).data;
    expect(b.status).toBe('NEW');
    // A message without an id (some 2.x servers) is numbered by its place.
    expect(b.messages.map((m) => m.id)).toEqual(['Bbbb0001', 'message-2']);
    expect(b.owner).toBe('n:Jonas Brandt');
    expect(b.accounts['n:Mara Quist']).toEqual({ id: 'n:Mara Quist', name: 'Mara Quist', isBot: false });
    expect(b.votes).toEqual([{ label: 'Code-Review', value: -1, by: 'n:Mara Quist', date: '2013-11-02T08:15:00Z', patchSet: 1 }]);
    expect(b.labelSummary).toEqual([
      { label: 'Code-Review', status: 'approved', by: 'n:Okonkwo Eze' },
      { label: 'Code-Review', status: 'disliked', by: 'n:Mara Quist' },
    ]);
  });

  it('keys accounts by number, then username, then name', () => {
    expect(accountKey({ _account_id: 7, username: 'x', name: 'X' })).toBe('7');
    expect(accountKey({ username: 'jdoe', name: 'J' })).toBe('u:jdoe');
    expect(accountKey({ name: 'John Doe' })).toBe('n:John Doe');
    expect(accountKey({})).toBeUndefined();
  });
});
