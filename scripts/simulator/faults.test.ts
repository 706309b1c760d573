import { describe, expect, it } from 'vitest';
import { FaultSpecError, parseFaultSpec } from './faults.ts';

describe('parseFaultSpec', () => {
  it('reads status, times, Retry-After, match and the flags', () => {
    expect(parseFaultSpec('status=429,times=2,retry-after=5')).toEqual({ times: 2, respond: { status: 429, headers: { 'Retry-After': '5' } } });
    expect(parseFaultSpec('match=S=100, empty')).toEqual({ match: 'S=100', respond: { empty: true } });
    expect(parseFaultSpec('html,times=always')).toEqual({ times: Infinity, respond: { html: true } });
    expect(parseFaultSpec('truncate,match=demo/beta')).toEqual({ match: 'demo/beta', respond: { truncate: true } });
  });

  it('says what is wrong with a bad spec', () => {
    expect(() => parseFaultSpec('status=abc')).toThrow(FaultSpecError);
    expect(() => parseFaultSpec('status=abc')).toThrow(/status must be an HTTP status/);
    expect(() => parseFaultSpec('times=0')).toThrow(/positive whole number or "always"/);
    expect(() => parseFaultSpec('explode')).toThrow(/"explode" needs a value/);
    expect(() => parseFaultSpec('colour=red')).toThrow(/unknown key "colour"/);
  });
});
