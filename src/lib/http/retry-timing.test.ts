import { describe, expect, it } from 'vitest';
import { backoffDelay, delayFromHeaders, MAX_SERVER_DELAY_MS, parseRateLimitReset, parseRetryAfter, retryDelay } from './retry-timing.ts';

const NOW = Date.parse('2024-03-01T12:00:00Z');
const headers = (h: Record<string, string>) => new Headers(h);

describe('parseRetryAfter', () => {
  it('reads delta seconds', () => {
    expect(parseRetryAfter('2', NOW)).toBe(2000);
    expect(parseRetryAfter(' 0.5 ', NOW)).toBe(500);
  });
  it('reads an HTTP date relative to the injected clock', () => {
    expect(parseRetryAfter('Fri, 01 Mar 2024 12:00:30 GMT', NOW)).toBe(30_000);
    expect(parseRetryAfter('Fri, 01 Mar 2024 11:00:00 GMT', NOW)).toBe(0);
  });
  it('returns undefined for what it cannot read', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('-3', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
  });
});

describe('parseRateLimitReset', () => {
  it('reads epoch seconds and deltas', () => {
    expect(parseRateLimitReset(String(NOW / 1000 + 10), NOW)).toBe(10_000);
    expect(parseRateLimitReset('7', NOW)).toBe(7000);
    expect(parseRateLimitReset('x', NOW)).toBeUndefined();
  });
});

describe('delayFromHeaders', () => {
  it('prefers Retry-After, then X-RateLimit-Reset, then RateLimit-Reset', () => {
    expect(delayFromHeaders(headers({ 'Retry-After': '3', 'X-RateLimit-Reset': '9' }), NOW)).toBe(3000);
    expect(delayFromHeaders(headers({ 'X-RateLimit-Reset': '9', 'RateLimit-Reset': '4' }), NOW)).toBe(9000);
    expect(delayFromHeaders(headers({ 'RateLimit-Reset': '4' }), NOW)).toBe(4000);
    expect(delayFromHeaders(headers({}), NOW)).toBeUndefined();
    expect(delayFromHeaders(undefined, NOW)).toBeUndefined();
  });
  it('caps absurd server requests', () => {
    expect(delayFromHeaders(headers({ 'Retry-After': '86400' }), NOW)).toBe(MAX_SERVER_DELAY_MS);
  });
});

describe('backoffDelay', () => {
  it('doubles from 0.5 s and stops at the cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n))).toEqual([500, 1000, 2000, 4000]);
    expect(backoffDelay(20)).toBe(30_000);
    expect(backoffDelay(3, { baseMs: 100, capMs: 250 })).toBe(250);
  });
  it('applies injected jitter between half and full delay', () => {
    expect(backoffDelay(2, { jitter: () => 0 })).toBe(500);
    expect(backoffDelay(2, { jitter: () => 0.5 })).toBe(750);
  });
});

describe('retryDelay', () => {
  it('uses the header when readable, else backoff', () => {
    expect(retryDelay(1, headers({ 'Retry-After': '2' }), NOW)).toBe(2000);
    expect(retryDelay(3, headers({ 'Retry-After': 'later' }), NOW)).toBe(2000);
  });
});
