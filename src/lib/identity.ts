/**
 * Native ids for people an upstream knows only by e-mail address (mailing-list
 * posters, meeting attendees by nick@host): a keyed hash of the address, so the
 * same poster gets the same id on every sync while the address itself is never
 * stored. The key (a random salt) lives in the source's sync state in the store,
 * never in `dist/`: without it, nobody can test a guessed address against an id.
 */
import { createHmac, randomBytes } from 'node:crypto';

/** A new random key for a store (hex, 32 bytes). */
export function newIdentityKey(): string {
  return randomBytes(32).toString('hex');
}

/**
 * The id for an address (or any identifying text) under a key: lower-cased and
 * trimmed first, so `Jane@Example.org ` and `jane@example.org` are one person.
 * 20 base-32 characters (100 bits): no collisions in any real community.
 */
export function keyedId(key: string, value: string): string {
  const digest = createHmac('sha256', key).update(value.trim().toLowerCase()).digest();
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  let bits = 0;
  let acc = 0;
  let out = '';
  for (const byte of digest) {
    acc = (acc << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < 20) {
      out += alphabet[(acc >> (bits - 5)) & 31];
      bits -= 5;
    }
    acc &= (1 << bits) - 1;
    if (out.length >= 20) break;
  }
  return out;
}
