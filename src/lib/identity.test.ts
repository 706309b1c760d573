import { describe, expect, it } from 'vitest';
import { keyedId, newIdentityKey } from './identity.ts';

describe('keyedId', () => {
  it('is stable for one key, folds case and spaces, and differs between keys', () => {
    const key = 'a'.repeat(64);
    const id = keyedId(key, 'Jane.Doe@Example.org ');
    expect(id).toMatch(/^[a-z2-7]{20}$/);
    expect(keyedId(key, 'jane.doe@example.org')).toBe(id);
    expect(keyedId(key, 'john@example.org')).not.toBe(id);
    expect(keyedId('b'.repeat(64), 'jane.doe@example.org')).not.toBe(id);
    expect(id).not.toContain('jane');
  });

  it('makes fresh random keys', () => {
    expect(newIdentityKey()).toMatch(/^[0-9a-f]{64}$/);
    expect(newIdentityKey()).not.toBe(newIdentityKey());
  });
});
