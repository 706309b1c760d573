import { describe, expect, it } from 'vitest';
import { SpecsSourceConfig } from '../../config/schema.ts';
import { repositoryName, reviewProject, specPeople, toSpec, type SpecParts } from './map.ts';

const config = SpecsSourceConfig.parse({ id: 'nova-specs', type: 'specs', repo: 'https://opendev.org/openstack/nova-specs.git', webUrl: 'https://opendev.org/openstack/nova-specs/src/branch/master/' });

function parts(over: Partial<SpecParts> = {}): SpecParts {
  return {
    tree: { key: 'pci-groups', layout: 'nova-specs', files: [], metadata: {}, aliases: [] },
    current: { key: 'pci-groups', layout: 'nova-specs', path: 'specs/2024.1/approved/pci-groups.rst', format: 'rst', release: '2024.1', statusText: 'approved' },
    lifecycle: { history: [], status: 'approved', statusText: 'approved', release: '2024.1', created: '2023-10-01T10:00:00Z', updated: '2023-12-01T10:00:00Z', path: 'specs/2024.1/approved/pci-groups.rst', authors: [] },
    rendered: { title: 'PCI Groups', html: '<p>x</p>', toc: [{ depth: 1, title: 'Problem description', anchor: 'problem-description' }], sections: [{ title: 'Problem description', depth: 1, text: 'Devices come in groups.' }], intro: 'https://blueprints.launchpad.net/nova/+spec/pci-groups This spec groups devices.', warnings: [] },
    links: { blueprint: 'https://blueprints.launchpad.net/nova/+spec/pci-groups', blueprintName: 'pci-groups' },
    authors: [],
    fallbackDate: '2024-01-01T00:00:00Z',
    ...over,
  };
}

describe('toSpec', () => {
  it('takes title, summary without the blueprint URL, problem text, link and review project', () => {
    const s = toSpec(config, parts());
    expect([s.title, s.summary, s.problem, s.repository, s.project]).toEqual(['PCI Groups', 'This spec groups devices.', 'Devices come in groups.', 'nova-specs', 'openstack/nova-specs']);
    expect(s.url).toBe('https://opendev.org/openstack/nova-specs/src/branch/master/specs/2024.1/approved/pci-groups.rst');
  });

  it('keeps a spec that could not be rendered, with the reason, its source to show and the title the source gives', () => {
    const s = toSpec(config, parts({ rendered: { error: 'docutils stopped: line 3', source: 'Title\n=====\n\n`broken' } }));
    expect(s.html).toBeUndefined();
    expect([s.renderError, s.source, s.title]).toEqual(['docutils stopped: line 3', 'Title\n=====\n\n`broken', 'Title']);
    // A source with no title of its own is named by its key.
    expect(toSpec(config, parts({ rendered: { error: 'x', source: 'no title here' } })).title).toBe('pci-groups');
  });

  it('masks addresses in every text it stores', () => {
    const s = toSpec(config, parts({ rendered: { ...(parts().rendered as { title: string; html: string; toc: []; sections: []; intro: string; warnings: [] }), html: '<p>Ask jane.doe@example.org</p>' } }));
    expect(s.html).not.toContain('jane.doe@');
  });
});

describe('names and people', () => {
  it('names the repository and its review project from the URL', () => {
    expect(repositoryName('https://github.com/kubernetes/enhancements.git')).toBe('enhancements');
    expect(reviewProject({ repo: 'https://github.com/kubernetes/enhancements' })).toBe('kubernetes/enhancements');
    expect(reviewProject({ repo: '/srv/specs', project: 'aurora/specs' })).toBe('aurora/specs');
  });

  it('keeps authors by keyed id and domain, never the address, and leaves bots out', () => {
    const people = specPeople([{ name: 'Ada Lovelace', email: 'Ada@Example.org' }, { name: 'Zuul CI', email: 'zuul@ci.example' }], (v) => `id(${v})`);
    expect(people).toEqual([{ id: 'id(ada@example.org)', name: 'Ada Lovelace', emailDomain: 'example.org' }]);
  });
});
