import { describe, expect, it } from 'vitest';
import { benchSpecs, syntheticMarkdown, syntheticRst } from './bench.ts';
import { docutilsVersion } from './rst.ts';

const docutils = docutilsVersion();

describe('spec rendering benchmark', () => {
  it('builds the same varied documents on every run', () => {
    expect(syntheticRst(7)).toBe(syntheticRst(7));
    expect(syntheticRst(7)).not.toBe(syntheticRst(8));
    expect(syntheticMarkdown(3)).toMatch(/^# KEP-3: /);
  });

  it.skipIf(!docutils)('renders a few RST specs in one process without failures', async () => {
    const r = await benchSpecs(5, 'rst', 2);
    expect(r).toMatchObject({ count: 5, failures: 0, processStarts: 1 });
    expect(r.seconds).toBeGreaterThan(0);
  });

  it('renders a few Markdown specs without failures', async () => {
    expect(await benchSpecs(5, 'markdown', 2)).toMatchObject({ count: 5, failures: 0 });
  });
});
