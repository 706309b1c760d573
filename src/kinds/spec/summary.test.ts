import { describe, expect, it } from 'vitest';
import { makeItem } from '../../model/item.ts';
import { Spec, SPEC_KIND, type SpecStep } from '../../model/spec.ts';
import { summariseSpec } from './summary.ts';

const step = (date: string, release: string, status: SpecStep['status']): SpecStep => ({ date, path: `specs/${release}/${status}/foo.rst`, release, status, statusText: status, from: 'git' });

const specItem = (history: SpecStep[]) => {
  const data = Spec.parse({
    key: 'foo', layout: 'nova-specs', repository: 'aurora-specs', project: 'aurora/specs', path: history.at(-1)?.path ?? 'specs/backlog/foo.rst', title: 'Foo',
    status: history.at(-1)?.status ?? 'backlog', statusText: history.at(-1)?.statusText ?? 'backlog', summary: '', format: 'rst', authors: [],
    created: history[0]?.date ?? '2023-01-01T00:00:00Z', updated: history.at(-1)?.date ?? '2023-01-01T00:00:00Z', history,
  });
  return makeItem({ source: 'specs', type: 'specs', origin: 'https://example.org/specs', kind: SPEC_KIND, nativeId: 'foo', updatedOn: data.updated, data });
};

describe('summariseSpec', () => {
  it('dates the first approval and the newest implementation, with their releases', () => {
    const s = summariseSpec(specItem([
      step('2023-11-01T09:00:00Z', '2024.1', 'approved'),
      step('2024-02-01T09:00:00Z', '2024.1', 'implemented'),
      step('2024-05-01T09:00:00Z', '2024.2', 'approved'),
      step('2024-09-01T09:00:00Z', '2024.2', 'implemented'),
    ]));
    expect([s.approvedAt, s.approvedIn, s.implementedAt, s.implementedIn]).toEqual(['2023-11-01T09:00:00Z', '2024.1', '2024-09-01T09:00:00Z', '2024.2']);
  });

  it('has no dates for steps it never took', () => {
    const s = summariseSpec(specItem([step('2023-11-01T09:00:00Z', '2024.1', 'proposed')]));
    expect(['approvedAt', 'approvedIn', 'implementedAt', 'implementedIn'].filter((k) => k in s)).toEqual([]);
  });
});
