import { describe, expect, it } from 'vitest';
import { projectToDoc } from './project-doc.ts';

describe('projectToDoc', () => {
  it('is the project page: name as title, counts and activity span as body, in its own project facet', () => {
    const doc = projectToDoc(
      {
        key: 'demo\u001faurora/compute', name: 'aurora/compute', source: 'demo', label: { one: 'project', many: 'projects' }, slug: 'aurora/compute', path: 'projects/aurora/compute/',
        items: 935, byKind: { change: 935 }, facets: { change: { merged: 757, open: 63, abandoned: 115 } }, contributors: 58, firstActivity: '2023-11-01T09:00:00Z', lastActivity: '2026-10-31T10:00:00Z',
      },
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
