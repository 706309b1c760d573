/**
 * Real Gerrit responses (see ../shared/reference-data/SOURCES.md) through the
 * real parse + map path. The samples are read in place, never copied.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { Change } from '../../src/model/change.ts';
import type { Item } from '../../src/model/item.ts';
import { mapChange } from '../../src/sources/gerrit/map.ts';
import { parseChanges, stripXssiPrefix, type ParseSkip } from '../../src/sources/gerrit/parse.ts';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const REFERENCE = resolve(process.env.AGORA_REFERENCE_DATA ?? join(REPO, '..', 'shared', 'reference-data'));
const DIR = join(REFERENCE, 'gerrit');
const present = existsSync(DIR);
if (!present) console.warn(`gerrit conformance skipped: no reference data at ${DIR} (set AGORA_REFERENCE_DATA to the reference-data folder)`);

const EMAIL = /[\p{L}\p{N}\p{M}._%+-]+@(?:[\p{L}\p{N}\p{M}-]+\.)+\p{L}{2,}/u;

describe.skipIf(!present)('gerrit conformance with real server responses', () => {
  const files = present ? readdirSync(DIR).filter((f) => /\.(json|response)$/.test(f)).sort() : [];
  const results = files.map((file) => {
    const text = readFileSync(join(DIR, file), 'utf8');
    const raw: unknown = JSON.parse(stripXssiPrefix(text));
    const { changes, skipped } = parseChanges(Array.isArray(raw) ? raw : [raw]);
    const items: Item<Change>[] = changes.map((c) => mapChange(c, { config: { id: 'ref', url: 'https://review.example.org', webUrl: undefined }, botPatterns: [] }));
    return { file, text, items, skipped };
  });
  const all = results.flatMap((r) => r.items);
  const byNumber = (n: number) => all.find((i) => i.data.number === n)!.data;

  it('reads every sample with no skips', () => {
    expect(files).toEqual(['gerrit_s4ineh2w.json', 'test_changes_page1.response', 'test_changes_page2.response', 'test_changes_page3.response']);
    expect(results.flatMap((r) => r.skipped)).toEqual<ParseSkip[]>([]);
    expect(results.map((r) => [r.file, r.items.map((i) => i.data.number)])).toEqual([
      ['gerrit_s4ineh2w.json', [748]],
      ['test_changes_page1.response', [604064]],
      ['test_changes_page2.response', [605080]],
      ['test_changes_page3.response', [604103]],
    ]);
    for (const item of all) expect(Change.parse(item.data)).toEqual(item.data);
  });

  it('stores no e-mail address, though the samples are full of them', () => {
    expect(results.some((r) => EMAIL.test(r.text))).toBe(true);
    for (const item of all) expect(JSON.stringify(item)).not.toMatch(EMAIL);
    expect(byNumber(748).accounts['30']?.emailDomain).toBe('enovance.com');
  });

  it('finds votes, messages and patch sets', () => {
    for (const item of all) {
      expect(item.data.messages.length).toBeGreaterThan(0);
      expect(item.data.votes.length).toBeGreaterThan(0);
      expect(item.data.patchSets.length).toBeGreaterThan(0);
      expect(item.updatedOn).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    }
    const c748 = byNumber(748);
    expect(c748.messages).toHaveLength(40);
    expect(c748.votes).toContainEqual({ label: 'Code-Review', value: 2, by: '29', date: '2015-05-21T09:28:52Z', patchSet: 11 });
    expect(c748.commitMessage).toContain('Change-Id: I20a7304d5c0091b25fb260d129e8d0093de339fd');
    expect(c748.patchSets[0]).toMatchObject({ number: 11, kind: 'TRIVIAL_REBASE', uploader: '30' });
    // Without labels in the response, the vote history comes from the review messages.
    expect(byNumber(604103).votes).toContainEqual({ label: 'Code-Review', value: 2, by: '11904', date: '2018-09-20T14:48:10Z', patchSet: 1 });
    expect(byNumber(604103)).toMatchObject({ status: 'MERGED', submitted: '2018-09-21T15:50:45Z', branch: 'stable/pike' });
  });

  it('recognises the CI account and names id-only accounts', () => {
    const c748 = byNumber(748);
    expect(c748.accounts['2']).toMatchObject({ name: 'Jenkins CI', username: 'jenkins', isBot: true });
    expect(c748.accounts['29']?.isBot).toBe(false);
    expect(byNumber(604064).accounts['6816']).toEqual({ id: '6816', name: 'Account 6816', isBot: false });
  });

  // review.openstack.org's anonymous answers carry only `_account_id`: Zuul (22348) and the
  // third-party CIs are known by what they post, people by what they do not.
  it('recognises id-only CI accounts by their build reports, and leaves the people alone', () => {
    const pages = all.filter((i) => i.data.number !== 748).map((i) => i.data);
    const REPORT = /^(?:Patch Set \d+:[^\n]*\n+)?Build (?:succeeded|failed)/;
    for (const c of pages) {
      const reporters = new Set(c.messages.filter((m) => REPORT.test(m.text)).map((m) => m.author));
      const bots = Object.values(c.accounts).filter((a) => a.isBot);
      const people = Object.values(c.accounts).filter((a) => !a.isBot);
      expect(reporters.size).toBeGreaterThan(0);
      for (const id of reporters) expect(c.accounts[id!]?.isBot, `account ${id} in change ${c.number}`).toBe(true);
      // Owners, uploaders and everyone who cast a Code-Review vote are people.
      const humans = new Set([c.owner, ...c.patchSets.map((p) => p.uploader), ...c.votes.filter((v) => v.label === 'Code-Review').map((v) => v.by)]);
      for (const id of humans) expect(c.accounts[id!]?.isBot, `account ${id} in change ${c.number}`).toBe(false);
      expect(people.length).toBeGreaterThan(0);
      // Every bot either posted a build report or a job-result list ("- job http://… : FAILURE in 3m").
      for (const b of bots) expect(c.messages.some((m) => m.author === b.id && (REPORT.test(m.text) || /^[-*] \S+ https?:\/\/\S+ : [A-Z_]+/m.test(m.text)))).toBe(true);
    }
    const idsOf = (n: number, bot: boolean) => Object.values(byNumber(n).accounts).filter((a) => a.isBot === bot).map((a) => a.id).sort();
    expect(idsOf(604064, true)).toEqual(['22348']);
    expect(idsOf(605080, true)).toEqual(['22348']);
    // A cinder change: Zuul and 18 third-party CIs, four people.
    expect(idsOf(604103, false)).toEqual(['11904', '14892', '27615', '7198']);
    expect(idsOf(604103, true)).toHaveLength(19);
    // Bots vote Verified only; every review and workflow vote stays with a person.
    const votes = pages.flatMap((c) => c.votes.filter((v) => v.label !== 'Verified').map((v) => c.accounts[v.by]?.isBot));
    expect(votes.length).toBeGreaterThan(0);
    expect(votes.every((b) => b === false)).toBe(true);
  });
});
