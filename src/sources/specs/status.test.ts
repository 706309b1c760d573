import { describe, expect, it } from 'vitest';
import { SPEC_STATUSES } from '../../model/spec.ts';
import { isKnownStatus, normaliseStatus, statusRank } from './status.ts';

describe('normaliseStatus', () => {
  it('maps the KEP statuses', () => {
    expect(normaliseStatus('provisional')).toEqual({ status: 'proposed', statusText: 'provisional' });
    expect(normaliseStatus('implementable')).toEqual({ status: 'approved', statusText: 'implementable' });
    expect(normaliseStatus('implemented').status).toBe('implemented');
    expect(normaliseStatus('deferred').status).toBe('deferred');
    expect(normaliseStatus('withdrawn').status).toBe('withdrawn');
    expect(normaliseStatus('replaced').status).toBe('superseded');
    expect(normaliseStatus('rejected').status).toBe('abandoned');
  });

  it("maps nova-specs' folder names", () => {
    for (const folder of ['approved', 'implemented', 'backlog', 'abandoned', 'proposed']) expect(normaliseStatus(folder).status).toBe(folder);
  });

  it('reads case, blank and separator variants the same, keeping the text as written', () => {
    expect(normaliseStatus('  Implementable ')).toEqual({ status: 'approved', statusText: 'Implementable' });
    expect(normaliseStatus('IMPLEMENTED').status).toBe('implemented');
    expect(normaliseStatus('Under_Review')).toEqual({ status: 'proposed', statusText: 'Under_Review' });
    expect(normaliseStatus('under  -  review').status).toBe('proposed');
  });

  it('keeps unknown and empty statuses as other, with their text', () => {
    expect(normaliseStatus('provisional|implementable|implemented')).toEqual({ status: 'other', statusText: 'provisional|implementable|implemented' });
    expect(normaliseStatus('in limbo')).toEqual({ status: 'other', statusText: 'in limbo' });
    expect(normaliseStatus(undefined)).toEqual({ status: 'other', statusText: '' });
    expect(normaliseStatus('  ')).toEqual({ status: 'other', statusText: '' });
    expect(isKnownStatus('Approved')).toBe(true);
    expect(isKnownStatus('2024.1')).toBe(false);
  });

  it('ranks every status', () => {
    for (const s of SPEC_STATUSES) expect(statusRank(s)).toBeTypeOf('number');
    expect(statusRank('approved')).toBeLessThan(statusRank('implemented'));
  });
});
