import { describe, expect, it } from 'vitest';
import { nameLooksLikeBot } from './bots.ts';

describe('nameLooksLikeBot', () => {
  it('tells automation by name or username, with extra patterns', () => {
    expect(nameLooksLikeBot({ name: 'Zuul' })).toBe(true);
    expect(nameLooksLikeBot({ name: 'Robo', username: 'acme-ci' })).toBe(true);
    expect(nameLooksLikeBot({ name: 'Nightly' }, [/nightly/i])).toBe(true);
    expect(nameLooksLikeBot({ name: 'Jane Doe', username: 'jane' })).toBe(false);
    expect(nameLooksLikeBot({ name: 'Robert Abbot' })).toBe(false);
  });
});
