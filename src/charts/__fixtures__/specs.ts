/**
 * Fixed design-spec data for the spec chart tests: spec summaries (the
 * fields the charts read), their links to changes as the spec kind joins
 * them, and the milestones made from both. Expected numbers are worked out in
 * the tests.
 *
 * Places: `nova-specs` and `sig-node` in source `demo`, and another
 * `nova-specs` in source `mirror` (same name, another place). Days from the
 * first review to the approval: a 10, b 36, e 2, g 10.25, h 10; c has no
 * review, d's only review came after its approval, f was never approved.
 */
import type { ItemSummary } from '../../catalog/types.ts';
import { specMilestones, type MilestoneSpec, type SpecChangeLinks } from '../specs.ts';

export type FixtureSpec = MilestoneSpec & ItemSummary;

const spec = (source: string, place: string, id: string, over: Partial<MilestoneSpec> = {}): FixtureSpec => ({
  key: `${source}:${id}`, kind: 'spec', source, title: id, created: '2023-12-01T00:00:00Z', updated: '2024-06-01T00:00:00Z', place, path: `specs/${source}/${id}/`, ...over,
});

export const SPECS: FixtureSpec[] = [
  spec('demo', 'nova-specs', 'a', { approvedAt: '2024-01-15T00:00:00Z', approvedIn: '2024.1', implementedAt: '2024-04-10T00:00:00Z', implementedIn: '2024.1' }),
  spec('demo', 'nova-specs', 'b', { approvedAt: '2024-01-25T12:00:00Z', approvedIn: '2024.1' }),
  spec('demo', 'nova-specs', 'c', { approvedAt: '2024-03-01T00:00:00Z', approvedIn: '2024.1', implementedAt: '2024-04-20T00:00:00Z', implementedIn: '2024.1' }),
  spec('demo', 'nova-specs', 'd', { approvedAt: '2024-03-05T00:00:00Z', approvedIn: '2024.1' }),
  spec('demo', 'sig-node', 'e', { approvedAt: '2024-01-03T00:00:00Z', approvedIn: 'v1.30', implementedAt: '2024-06-01T00:00:00Z', implementedIn: 'v1.31' }),
  spec('demo', 'sig-node', 'f'),
  // Approved by a step that names no release.
  spec('demo', 'sig-node', 'h', { approvedAt: '2024-01-20T00:00:00Z' }),
  spec('mirror', 'nova-specs', 'g', { approvedAt: '2024-02-11T06:00:00Z', approvedIn: '2024.1' }),
];

const review = (created: string) => ({ change: { created }, as: 'review' });
const implementation = (created: string) => ({ change: { created }, as: 'implementation' });

export const SPEC_LINKS: SpecChangeLinks = new Map([
  // A later review of a, and an implementation change opened before any review: neither is its first review.
  ['demo:a', [review('2024-02-01T00:00:00Z'), implementation('2023-12-01T00:00:00Z'), review('2024-01-05T00:00:00Z')]],
  ['demo:b', [review('2023-12-20T12:00:00Z')]],
  ['demo:c', [implementation('2024-01-01T00:00:00Z')]],
  ['demo:d', [review('2024-03-10T00:00:00Z')]],
  ['demo:e', [review('2024-01-01T00:00:00Z')]],
  ['demo:f', [review('2024-05-01T00:00:00Z')]],
  ['demo:h', [review('2024-01-10T00:00:00Z')]],
  ['mirror:g', [review('2024-02-01T00:00:00Z')]],
]);

export const SPEC_MILESTONES = specMilestones(SPECS, SPEC_LINKS);
