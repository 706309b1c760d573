import { describe, expect, it } from 'vitest';
import { voteLabels, voteRows } from './votes.ts';

describe('votes', () => {
  const votes = [
    { label: 'Workflow', value: 1, by: '1', date: '2024-01-03T00:00:00Z' },
    { label: 'Backport-Candidate', value: 1, by: '2' },
    { label: 'Verified', value: -1, by: '3', date: '2024-01-01T00:00:00Z' },
    { label: 'Code-Review', value: 2, by: '1', date: '2024-01-03T00:00:00Z' },
  ];

  it('orders labels Code-Review, Verified, Workflow, then the rest', () => {
    expect(voteLabels(votes)).toEqual(['Code-Review', 'Verified', 'Workflow', 'Backport-Candidate']);
  });

  it('orders votes by date, then label, with undated ones last', () => {
    expect(voteRows({ votes }).map((v) => v.label)).toEqual(['Verified', 'Code-Review', 'Workflow', 'Backport-Candidate']);
  });
});
