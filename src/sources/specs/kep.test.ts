import { describe, expect, it } from 'vitest';
import { parseKep } from './kep.ts';

const FILE = 'keps/sig-x/1234-thing/kep.yaml';

describe('parseKep', () => {
  it('reads the fields of a filled-in kep.yaml, versions kept as written', () => {
    const text = `title: A Thing
kep-number: 1234
authors:
  - "@ann"
  - "@bo"
owning-sig: sig-x
participating-sigs:
  - sig-y
status: implementable
creation-date: 2023-01-15
last-updated: "2024-02-01"
stage: beta
latest-milestone: 1.30
milestone:
  alpha: "v1.28"
  beta: v1.30
  stable:
replaces:
  - "/keps/sig-x/1000-old"
`;
    expect(parseKep(text, FILE)).toEqual({
      meta: {
        title: 'A Thing',
        number: 1234,
        authors: ['@ann', '@bo'],
        owningSig: 'sig-x',
        participatingSigs: ['sig-y'],
        status: 'implementable',
        creationDate: '2023-01-15',
        lastUpdated: '2024-02-01',
        stage: 'beta',
        latestMilestone: '1.30',
        milestones: { alpha: 'v1.28', beta: 'v1.30' },
        replaces: ['/keps/sig-x/1000-old'],
        supersededBy: [],
      },
      problems: [],
      readable: true,
    });
  });

  it("reports the template's placeholders and odd shapes, keeping the rest", () => {
    const text = `title: KEP Template
kep-number: NNNN
authors: "@solo"
participating-sigs:
  - sig-a
  - { name: sig-b }
status: provisional|implementable|implemented
creation-date: yyyy-mm-dd
stage:
  - alpha
milestone: v1.19
`;
    const { meta, problems, readable } = parseKep(text, FILE);
    expect(readable).toBe(true);
    expect(meta).toMatchObject({ title: 'KEP Template', authors: ['@solo'], participatingSigs: ['sig-a'], status: 'provisional|implementable|implemented', milestones: {} });
    expect(meta.number).toBeUndefined();
    expect(meta.stage).toBeUndefined();
    expect(problems).toEqual([
      `${FILE}: kep-number "NNNN" is not a number`,
      `${FILE}: stage should be a single value`,
      `${FILE}: participating-sigs should be a list of single values`,
      `${FILE}: milestone should be a mapping (alpha: …, beta: …, stable: …)`,
      `${FILE}: creation-date "yyyy-mm-dd" is not a yyyy-mm-dd date`,
    ]);
  });

  it('reports missing title and status, broken YAML with its line, and a file that is not a mapping', () => {
    expect(parseKep('owning-sig: sig-x\n', FILE).problems).toEqual([`${FILE}: no title`, `${FILE}: no status`]);
    const broken = parseKep('title: ok\nstatus: [unclosed\n', FILE);
    expect(broken.problems[0]).toMatch(new RegExp(`^${FILE}:[23]: `));
    expect(broken.readable).toBe(false);
    expect(parseKep('- a\n- b\n', FILE)).toEqual({ meta: expect.objectContaining({ authors: [] }), problems: [`${FILE}: expected a mapping of fields, found a list`], readable: false });
    expect(parseKep('', FILE).problems).toEqual([`${FILE}: expected a mapping of fields, found nothing`]);
  });

  it('keeps the first of two same keys without failing', () => {
    const { meta } = parseKep('title: one\ntitle: two\nstatus: implemented\n', FILE);
    expect(meta.title).toBeDefined();
    expect(meta.status).toBe('implemented');
  });
});
