import { describe, expect, it } from 'vitest';
import { renderSummary, SpecRenderers } from './renderers.ts';
import { docutilsVersion } from './rst.ts';

const docutils = docutilsVersion();
const rst = (n: number) => `=======\nSpec ${n}\n=======\n\nProblem\n=======\n\nText of spec ${n}.\n`;

describe('SpecRenderers', () => {
  it.skipIf(!docutils)('renders RST in two processes at once and Markdown beside them, counting renderings and their wall time', async () => {
    const r = new SpecRenderers(2);
    try {
      const out = await Promise.all([...[1, 2, 3, 4].map((n) => r.render(rst(n), `specs/x/approved/s${n}.rst`, 'rst')), r.render('# KEP-1: A\n\n## Summary\n\nText.\n', 'keps/a/1-a/README.md', 'markdown')]);
      expect(out.map((o) => ('title' in o ? o.title : o.error))).toEqual(['Spec 1', 'Spec 2', 'Spec 3', 'Spec 4', 'KEP-1: A']);
      expect(r.count).toBe(5);
      expect(r.seconds).toBeGreaterThan(0);
      expect(r.docutilsVersion).toBe(docutils);
      expect(renderSummary('specs', r, 12)).toMatch(/^specs: 5 of 12 specs rendered in \d+\.\d s \(docutils [^)]+\); 7 kept their stored rendering$/);
    } finally {
      await r.close();
    }
  });

  it('says nothing of docutils when nothing was rendered', () => {
    expect(renderSummary('specs', new SpecRenderers(), 3)).toBe('specs: 0 of 3 specs rendered in 0.0 s; 3 kept their stored rendering');
  });
});
