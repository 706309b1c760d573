import { describe, expect, it } from 'vitest';
import { runBench, syntheticMbox } from './bench.ts';
import { splitMbox } from './split.ts';

describe('synthetic mbox for the benchmark', () => {
  it('is the same for the same seed, and every message parses', async () => {
    const buf = syntheticMbox(300);
    expect(syntheticMbox(300).equals(buf)).toBe(true);
    expect([...splitMbox(buf)]).toHaveLength(300);
    const figures = await runBench(buf);
    expect(figures).toMatchObject({ messages: 300, errors: 0 });
    expect(figures.threads).toBeGreaterThan(20);
    expect(figures.threads).toBeLessThan(150);
  });
});
