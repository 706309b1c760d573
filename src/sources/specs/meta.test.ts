import { describe, expect, it } from 'vitest';
import { findBlueprint, findTracking, specLinks } from './meta.ts';

describe('findBlueprint', () => {
  it('finds the blueprint line of a nova spec, written one way', () => {
    const rst = '==========\nA Title\n==========\n\nhttps://blueprints.launchpad.net/nova/+spec/pci-passthrough-groups\n\nText.\n';
    expect(findBlueprint(rst)).toEqual({ blueprint: 'https://blueprints.launchpad.net/nova/+spec/pci-passthrough-groups', blueprintProject: 'nova', blueprintName: 'pci-passthrough-groups' });
  });

  it('reads links in markup, with trailing punctuation, other hosts and case', () => {
    expect(findBlueprint('See `the blueprint <https://blueprints.launchpad.net/nova/+spec/foo-bar>`_.').blueprintName).toBe('foo-bar');
    expect(findBlueprint('Blueprint: https://blueprints.launchpad.net/nova/+spec/foo.').blueprintName).toBe('foo');
    expect(findBlueprint('[bp](http://launchpad.net/Nova/+spec/Foo-Bar)')).toEqual({ blueprint: 'https://blueprints.launchpad.net/nova/+spec/foo-bar', blueprintProject: 'nova', blueprintName: 'foo-bar' });
    expect(findBlueprint('https://blueprints.launchpad.net/nova/+spec/a\nhttps://blueprints.launchpad.net/nova/+spec/b').blueprintName).toBe('a');
  });

  it('finds nothing in text without one', () => {
    expect(findBlueprint('https://bugs.launchpad.net/nova/+bug/123 and https://launchpad.net/nova')).toEqual({});
  });
});

describe('findTracking', () => {
  it("prefers the issue numbered like the KEP, else the first issue; pull requests are not issues", () => {
    const md = '- [x] Enhancement issue: https://github.com/kubernetes/kubernetes/issues/99\n[KEP]: https://github.com/kubernetes/enhancements/issues/2033\nPR https://github.com/kubernetes/kubernetes/pull/5';
    expect(findTracking(md, { number: 2033 })).toBe('https://github.com/kubernetes/enhancements/issues/2033');
    expect(findTracking(md)).toBe('https://github.com/kubernetes/kubernetes/issues/99');
    expect(findTracking('https://github.com/a/b/pull/1')).toBeUndefined();
  });

  it('joins both in specLinks', () => {
    expect(specLinks('https://blueprints.launchpad.net/nova/+spec/x https://github.com/o/r/issues/7#issuecomment-1')).toEqual({
      blueprint: 'https://blueprints.launchpad.net/nova/+spec/x',
      blueprintProject: 'nova',
      blueprintName: 'x',
      tracking: 'https://github.com/o/r/issues/7',
    });
    expect(specLinks('nothing')).toEqual({});
  });
});
