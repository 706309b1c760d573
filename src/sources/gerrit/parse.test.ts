import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gerritTimeToIso, isoToGerritQueryTime, parseChanges, stripXssiPrefix } from './parse.ts';

const fixture = (name: string) => readFileSync(new URL(`../../../test/fixtures/gerrit/unit/${name}`, import.meta.url), 'utf8');

describe('stripXssiPrefix', () => {
  it('removes the )]}\' line and leaves other text alone', () => {
    expect(stripXssiPrefix(")]}'\n[1]")).toBe('[1]');
    expect(stripXssiPrefix(")]}'\r\n{}")).toBe('{}');
    expect(stripXssiPrefix(")]}'[]")).toBe('[]');
    expect(stripXssiPrefix('{"a":1}')).toBe('{"a":1}');
    expect(stripXssiPrefix("\uFEFF)]}'\n[]")).toBe('[]');
  });
});

describe('gerritTimeToIso', () => {
  it('reads Gerrit UTC timestamps as whole seconds', () => {
    expect(gerritTimeToIso('2018-09-20 11:39:01.000000000')).toBe('2018-09-20T11:39:01Z');
    expect(gerritTimeToIso('2018-09-20 11:39:01.123456789')).toBe('2018-09-20T11:39:01Z');
    expect(gerritTimeToIso('2018-09-20 11:39:01')).toBe('2018-09-20T11:39:01Z');
    expect(gerritTimeToIso('last tuesday')).toBeUndefined();
    expect(gerritTimeToIso('2018-13-45 11:39:01.000000000')).toBeUndefined();
  });
  // Regression: "…:01.123Z" sorted before "…:01Z" as text ('.' < 'Z'), so cursors went backwards.
  it('always writes one form, so text order is time order', () => {
    const times = ['2018-09-20 11:39:01.999', '2018-09-20 11:39:01', '2018-09-20 11:39:02.001', '2018-09-20 11:39:01.5'].map((t) => gerritTimeToIso(t)!);
    for (const t of times) expect(t).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect([...times].sort()).toEqual(['2018-09-20T11:39:01Z', '2018-09-20T11:39:01Z', '2018-09-20T11:39:01Z', '2018-09-20T11:39:02Z']);
  });
  it('formats query times in whole UTC seconds', () => {
    expect(isoToGerritQueryTime(new Date('2024-03-01T10:00:00.900Z'))).toBe('2024-03-01 10:00:00');
  });
});

describe('parseChanges', () => {
  it('parses a full ChangeInfo, converting every timestamp', () => {
    const { changes, skipped } = parseChanges([JSON.parse(fixture('change-full.json'))]);
    expect(skipped).toEqual([]);
    const c = changes[0]!;
    expect(c._number).toBe(1008);
    expect(c.updated).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
    expect(c.messages?.[0]?.date).toMatch(/Z$/);
    expect(Object.values(c.revisions ?? {})[0]?.created).toMatch(/Z$/);
    expect(c.labels?.['Code-Review']?.all?.[0]?.date).toMatch(/Z$/);
  });

  it('skips one bad change with a reason naming it and its field, and keeps the rest', () => {
    const page = JSON.parse(stripXssiPrefix(fixture('page-with-bad.response'))) as unknown[];
    const { changes, skipped } = parseChanges(page);
    expect(changes.map((c) => c._number)).toEqual([1001, 1003]);
    expect(skipped).toHaveLength(1);
    expect(skipped[0]!.where).toBe('change 1002');
    expect(skipped[0]!.reason).toContain('field updated');
    expect(skipped[0]!.reason).toContain('last tuesday');
  });

  it('names a change without a number by position', () => {
    const { skipped } = parseChanges([{ subject: 'x' }]);
    expect(skipped[0]!.where).toBe('change at position 0 of the page');
  });

  it('accepts missing optional fields and unknown ones', () => {
    const minimal = { _number: 5, project: 'p', branch: 'master', change_id: 'I1', subject: 's', status: 'DRAFT', created: '2020-01-01 00:00:00.000000000', updated: '2020-01-02 00:00:00.000000000', future_field: { x: 1 } };
    const { changes, skipped } = parseChanges([minimal]);
    expect(skipped).toEqual([]);
    expect(changes[0]).toMatchObject({ status: 'NEW', hashtags: [], insertions: 0, future_field: { x: 1 } });
  });

  it('throws only when the whole page is unusable', () => {
    expect(() => parseChanges({ not: 'a list' })).toThrow(/JSON array/);
  });
});
