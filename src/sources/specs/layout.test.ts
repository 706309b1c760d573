import { describe, expect, it } from 'vitest';
import { classifyPath, compareReleases, detectLayout, linkTarget, readTree, type TreeFile } from './layout.ts';

const file = (path: string): TreeFile => ({ path, type: 'file' });
const link = (path: string, target: string): TreeFile => ({ path, type: 'symlink', target });

describe('detectLayout', () => {
  it('tells the layouts apart from a file list', () => {
    expect(detectLayout(['README.rst', 'specs/2024.1/approved/a.rst', 'specs/2024.1-template.rst'])).toBe('nova-specs');
    expect(detectLayout(['keps/sig-node/1234-x/README.md', 'keps/sig-node/1234-x/kep.yaml', 'README.md'])).toBe('kep');
    expect(detectLayout(['docs/design/a.md', 'README.md'])).toBe('plain');
    expect(detectLayout([])).toBe('plain');
  });
});

describe('classifyPath (nova-specs)', () => {
  const c = (path: string) => classifyPath(path, 'nova-specs');

  it('reads release and status from the path', () => {
    expect(c('specs/2024.1/approved/pci-groups.rst')).toEqual({ spec: true, key: 'pci-groups', layout: 'nova-specs', path: 'specs/2024.1/approved/pci-groups.rst', format: 'rst', release: '2024.1', statusText: 'approved' });
    expect(c('specs/juno/implemented/a.rst')).toMatchObject({ key: 'a', release: 'juno', statusText: 'implemented' });
    expect(c('specs/backlog/approved/flavor-class.rst')).toMatchObject({ spec: true, key: 'flavor-class', statusText: 'backlog' });
    expect(c('specs/backlog/approved/flavor-class.rst')).not.toHaveProperty('release');
    expect(c('specs/abandoned/instance-tasks.rst')).toMatchObject({ spec: true, key: 'instance-tasks', statusText: 'abandoned' });
    // Before approved/ and implemented/, a merged spec sat in its release folder.
    expect(c('specs/juno/serial-ports.rst')).toMatchObject({ spec: true, key: 'serial-ports', release: 'juno', statusText: 'approved' });
    // An unknown status folder is still a spec, its folder kept as the status text.
    expect(c('specs/2025.1/reproposed/x.rst')).toMatchObject({ spec: true, release: '2025.1', statusText: 'reproposed' });
  });

  it('skips templates, index pages, redirects and files that are not specs', () => {
    expect(c('specs/2024.1-template.rst')).toMatchObject({ spec: false, reason: 'template' });
    expect(c('specs/2024.1/template.rst')).toMatchObject({ spec: false, reason: 'template' });
    expect(c('specs/2024.1/implemented/2024.1-template.rst')).toMatchObject({ spec: false, reason: 'template' });
    expect(c('specs/backlog/approved/backlog-template.rst')).toMatchObject({ spec: false, reason: 'template' });
    expect(c('specs/abandoned/index.rst')).toMatchObject({ spec: false, reason: 'index' });
    expect(c('specs/2024.1/README.rst')).toMatchObject({ spec: false, reason: 'index' });
    expect(c('specs/2024.1/redirects')).toMatchObject({ spec: false, reason: 'redirects' });
    expect(c('README.rst')).toMatchObject({ spec: false, reason: 'not-a-spec' });
    expect(c('doc/source/specs/2024.1/approved/a.rst')).toMatchObject({ spec: false, reason: 'not-a-spec' });
    expect(c('specs/2024.1/approved/a.png')).toMatchObject({ spec: false, reason: 'not-a-spec' });
    expect(c('specs/2024.1/approved/images/a.rst')).toMatchObject({ spec: false, reason: 'not-a-spec' });
    expect(c('specs/stray.rst')).toMatchObject({ spec: false, reason: 'not-a-spec' });
    // A spec whose name ends in "template" without the dash is a spec.
    expect(c('specs/2024.1/approved/heat-templates.rst')).toMatchObject({ spec: true });
  });
});

describe('classifyPath (KEPs)', () => {
  const c = (path: string) => classifyPath(path, 'kep');

  it('reads SIG, sub-project and number from the folder', () => {
    expect(c('keps/sig-node/2033-kubelet-in-userns/README.md')).toEqual({ spec: true, key: 'sig-node/2033-kubelet-in-userns', layout: 'kep', path: 'keps/sig-node/2033-kubelet-in-userns/README.md', format: 'markdown', group: 'sig-node', number: 2033 });
    expect(c('keps/sig-cluster-lifecycle/kubeadm/2568-non-root/README.md')).toMatchObject({ key: 'sig-cluster-lifecycle/2568-non-root', group: 'sig-cluster-lifecycle', subProject: 'kubeadm', number: 2568 });
    // The single-file form of before the folders, seen in history.
    expect(c('keps/sig-node/0008-promote-sysctls.md')).toMatchObject({ spec: true, key: 'sig-node/0008-promote-sysctls', number: 8 });
  });

  it('skips the templates, prod-readiness, index pages and a KEP folder’s other files', () => {
    expect(c('keps/NNNN-kep-template/README.md')).toMatchObject({ spec: false, reason: 'template' });
    expect(c('keps/NNNN-process-kep-template/README.md')).toMatchObject({ spec: false, reason: 'template' });
    expect(c('keps/sig-architecture/0000-kep-template.md')).toMatchObject({ spec: false, reason: 'template' });
    expect(c('keps/prod-readiness/sig-node/2033.yaml')).toMatchObject({ spec: false });
    expect(c('keps/prod-readiness/template/nnnn.md')).toMatchObject({ spec: false });
    expect(c('keps/README.md')).toMatchObject({ spec: false, reason: 'index' });
    expect(c('keps/sig-node/README.md')).toMatchObject({ spec: false, reason: 'index' });
    expect(c('keps/sig-node/2033-x/kep.yaml')).toMatchObject({ spec: false, reason: 'not-a-spec' });
    expect(c('keps/sig-node/2033-x/design.md')).toMatchObject({ spec: false, reason: 'not-a-spec' });
    expect(c('keps/sig-node/2033-x/0001-appendix.md')).toMatchObject({ spec: false, reason: 'not-a-spec' });
    expect(c('docs/x.md')).toMatchObject({ spec: false, reason: 'not-a-spec' });
  });
});

describe('classifyPath (plain)', () => {
  it('takes markdown and rst documents, keyed by their path', () => {
    expect(classifyPath('design/cache.md', 'plain')).toEqual({ spec: true, key: 'design/cache', layout: 'plain', path: 'design/cache.md', format: 'markdown' });
    expect(classifyPath('proposals/accepted/x.rst', 'plain')).toMatchObject({ key: 'proposals/accepted/x', format: 'rst', statusText: 'accepted' });
    for (const p of ['README.md', 'design/index.rst', 'template.md', 'CONTRIBUTING.md', '.github/x.md', 'a.txt']) expect(classifyPath(p, 'plain').spec).toBe(false);
  });
});

describe('readTree', () => {
  it('groups nova-specs files by name, records links as aliases and lists redirects', () => {
    const tree = readTree([
      file('README.rst'),
      file('specs/2024.1-template.rst'),
      file('specs/2023.2/approved/foo.rst'),
      file('specs/2024.1/approved/foo.rst'),
      file('specs/juno/implemented/bar.rst'),
      file('specs/2024.1/redirects'),
      link('specs/2024.2/approved/foo.rst', '../../2024.1/approved/foo.rst'),
      link('doc/source/specs/2024.1/approved', '../../../../specs/2024.1/approved'),
      link('specs/2024.2/approved/gone.rst', '../../2020.1/approved/gone.rst'),
      link('specs/2024.2/approved/out.rst', '../../../../etc/passwd'),
      link('specs/2024.2/approved/chain.rst', 'foo.rst'),
      { path: 'vendor/sub', type: 'submodule' },
    ]);
    expect(tree.layout).toBe('nova-specs');
    expect(tree.specs.map((s) => [s.key, s.files.map((f) => f.path), s.aliases])).toEqual([
      ['bar', ['specs/juno/implemented/bar.rst'], []],
      ['foo', ['specs/2023.2/approved/foo.rst', 'specs/2024.1/approved/foo.rst'], ['specs/2024.2/approved/chain.rst', 'specs/2024.2/approved/foo.rst']],
    ]);
    expect(tree.redirects).toEqual(['specs/2024.1/redirects']);
    expect(tree.skipped).toContainEqual({ path: 'specs/2024.1-template.rst', reason: 'template' });
    expect(tree.skipped).toContainEqual({ path: 'doc/source/specs/2024.1/approved', reason: 'link' });
    expect(tree.problems).toHaveLength(2);
    expect(tree.problems.find((p) => p.startsWith('specs/2024.2/approved/gone.rst'))).toMatch(/points at no file/);
    expect(tree.problems.find((p) => p.startsWith('specs/2024.2/approved/out.rst'))).toMatch(/outside the repository/);
  });

  it('finds each KEP with its kep.yaml and says when one is missing', () => {
    const tree = readTree([
      file('keps/NNNN-kep-template/README.md'),
      file('keps/NNNN-kep-template/kep.yaml'),
      file('keps/prod-readiness/sig-node/2033.yaml'),
      file('keps/sig-node/2033-userns/README.md'),
      file('keps/sig-node/2033-userns/kep.yaml'),
      file('keps/sig-node/2033-userns/diagram.png'),
      file('keps/sig-cli/kubectl/1440-debug/README.md'),
      file('keps/sig-apps/9999-lost/kep.yaml'),
      file('keps/README.md'),
    ]);
    expect(tree.layout).toBe('kep');
    expect(tree.specs.map((s) => [s.key, s.metadata])).toEqual([
      ['sig-cli/1440-debug', {}],
      ['sig-node/2033-userns', { 'keps/sig-node/2033-userns/README.md': 'keps/sig-node/2033-userns/kep.yaml' }],
    ]);
    expect(tree.problems).toEqual(['keps/sig-cli/kubectl/1440-debug/README.md: no kep.yaml beside it', 'keps/sig-apps/9999-lost/kep.yaml: a kep.yaml without README.md beside it; left out']);
  });

  it('takes the layout it is told', () => {
    expect(readTree([file('specs/x/approved/a.rst')], 'plain').specs.map((s) => s.key)).toEqual(['specs/x/approved/a']);
  });
});

describe('helpers', () => {
  it('orders releases: named ones, then numbered ones', () => {
    expect(['2024.1', 'zed', 'juno', '2023.2', '2023.10'].sort(compareReleases)).toEqual(['juno', 'zed', '2023.2', '2023.10', '2024.1']);
    // No release (backlog, abandoned) sorts first.
    expect(compareReleases(undefined, 'juno')).toBeLessThan(0);
    expect(compareReleases('2024.1', undefined)).toBeGreaterThan(0);
  });

  it('resolves link targets inside the repository only', () => {
    expect(linkTarget('a/b/c.rst', '../d.rst')).toBe('a/d.rst');
    expect(linkTarget('a/c.rst', '../../x')).toBeUndefined();
    expect(linkTarget('a/c.rst', '/etc/passwd')).toBeUndefined();
  });
});
