import { describe, expect, it } from 'vitest';
import { projectToDoc } from './project-doc.ts';

describe('projectToDoc', () => {
  it('is the project page: name as title, counts and activity span as body, in its own project facet', () => {
    const doc = projectToDoc(
      { name: 'aurora/compute', source: 'demo', slug: 'aurora/compute', path: 'projects/aurora/compute/', changes: 935, merged: 757, open: 63, abandoned: 115, contributors: 58, lastActivity: '2026-10-31T10:00:00Z' },
      '2023-11-01T09:00:00Z',
    );
    expect(doc).toEqual({
      id: 'demo:project:aurora/compute',
      path: 'projects/aurora/compute/',
      title: 'aurora/compute',
      body: 'Project aurora/compute in demo: 935 changes, 757 merged, 63 open, 115 abandoned, 58 contributors. Activity from 2023-11-01 to 2026-10-31.',
      source: 'demo',
      kind: 'project',
      project: 'aurora/compute',
      date: '2026-10-31T10:00:00Z',
    });
  });
});
