import { describe, expect, it } from 'vitest';
import { eachLimited } from './pool.ts';

describe('eachLimited', () => {
  it('runs every item, never more than the limit at once', async () => {
    let running = 0;
    let most = 0;
    const done: number[] = [];
    await eachLimited([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
      running++;
      most = Math.max(most, running);
      await new Promise((r) => setTimeout(r, 5 * (n % 3)));
      done.push(n);
      running--;
    });
    expect(done.sort()).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(most).toBe(3);
  });

  it('does nothing for no items and rejects when a task throws', async () => {
    await eachLimited([], 4, async () => {
      throw new Error('never');
    });
    await expect(eachLimited([1], 2, async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
  });
});
