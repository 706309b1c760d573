import { describe, expect, it } from 'vitest';
import { projectSlug, projectSlugs, RESERVED_SEGMENTS } from './slug.ts';

const SAFE = /^[a-z0-9._~-]+(?:\/[a-z0-9._~-]+)*$/;

function segmentsOk(slug: string): boolean {
  return SAFE.test(slug) && slug.split('/').every((s) => s !== '' && !s.startsWith('.') && !s.endsWith('.') && !RESERVED_SEGMENTS.has(s) && !/\.(?:html?|csv|json|svg)$/.test(s));
}

describe('projectSlug', () => {
  it('keeps ordinary names as they are', () => {
    for (const name of ['openstack/nova', 'aurora/compute', 'openstack/oslo.messaging', 'zuul-jobs', 'openstack/os_brick', 'x/y/z', 'node.js']) expect(projectSlug(name)).toBe(name);
  });

  it('folds case, accents and unsafe characters readably', () => {
    expect(projectSlug('Team/My Tool')).toBe('team/my-tool');
    expect(projectSlug('naïve/Ünïcode')).toBe('naive/unicode');
    expect(projectSlug('a b?c#d%e&f')).toBe('a-b-c-d-e-f');
  });

  it('never yields dot segments, empty segments or hidden files (x/./y/../z)', () => {
    expect(projectSlug('x/./y/../z')).toBe('x/y/z');
    expect(projectSlug('//a///b//')).toBe('a/b');
    expect(projectSlug('.well-known/x')).toBe('well-known/x');
    expect(projectSlug('a./-b-/...')).toBe('a/b');
    for (const name of ['', '.', '..', '/', '../..', '~', '-', '%2e%2e']) expect(segmentsOk(projectSlug(name)), name).toBe(true);
    expect(projectSlug('..')).toBe('unnamed');
  });

  it('escapes segments that read as list filters or as files the site writes', () => {
    expect(projectSlug('demo/status/merged')).toBe('demo/status-/merged');
    expect(projectSlug('demo/page/2')).toBe('demo/page-/2');
    expect(projectSlug('month/2025-01')).toBe('month-/2025-01');
    expect(projectSlug('project')).toBe('project-');
    expect(projectSlug('tool.csv')).toBe('tool.csv-');
    expect(projectSlug('a/index.html')).toBe('a/index.html-');
    expect(projectSlug('Status')).toBe('status-');
  });

  it('is always safe, however hostile the name', () => {
    const names = ['x/./y/../z', 'a\u0000b', 'a\\b', '😀/🙂', 'con', 'a'.repeat(300), `${'b/'.repeat(20)}page`, ' spaced / out ', 'q?x=1#f', 'STATUS/.json'];
    for (const n of names) expect(segmentsOk(projectSlug(n)), `${n} -> ${projectSlug(n)}`).toBe(true);
    expect(projectSlug('a'.repeat(300)).length).toBeLessThanOrEqual(80);
  });
});

describe('projectSlugs', () => {
  it('gives distinct names distinct slugs; ordinary names keep theirs', () => {
    const names = ['openstack/nova', 'Team/Tool', 'team/tool', 'team tool', 'x/./y/../z', 'x/y/z', 'demo', 'demo/status/merged', 'demo/status-/merged', '..', '.', 'unnamed'];
    const slugs = projectSlugs(names);
    expect(new Set(slugs.values()).size).toBe(names.length);
    for (const s of slugs.values()) expect(segmentsOk(s), s).toBe(true);
    expect(slugs.get('openstack/nova')).toBe('openstack/nova');
    // The name spelled like the slug keeps it; the others get a hash suffix that no base slug can have.
    expect(slugs.get('team/tool')).toBe('team/tool');
    expect(slugs.get('Team/Tool')).toMatch(/^team\/tool~[0-9a-f]{8}$/);
    expect(slugs.get('x/y/z')).toBe('x/y/z');
    expect(slugs.get('x/./y/../z')).toMatch(/^x\/y\/z~[0-9a-f]{8}$/);
    expect(slugs.get('unnamed')).toBe('unnamed');
  });

  it('does not depend on the order or on which other projects exist', () => {
    const names = ['B/x', 'b/X', 'b/x ', 'a'];
    const one = projectSlugs(names);
    const two = projectSlugs([...names].reverse());
    expect([...two].sort()).toEqual([...one].sort());
    // Without a name spelled like the slug, the first in code-point order keeps it.
    expect(one.get('B/x')).toBe('b/x');
    expect(projectSlugs(['a', 'b/X']).get('b/X')).toBe('b/x');
  });

  it('stays unique when a hash suffix is already taken', () => {
    const slugs = projectSlugs(['T', 't']);
    const taken = slugs.get('T')!;
    // A third name can never produce `t~…` as a base slug: `~` is not a slug character outside suffixes.
    expect(projectSlug(taken)).not.toBe(taken);
    expect(new Set(projectSlugs(['T', 't', taken]).values()).size).toBe(3);
  });
});
