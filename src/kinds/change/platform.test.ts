import { describe, expect, it } from 'vitest';
import { changeNumber, changeRef, changeStatusLabel, platformOf, reviewStateLabel } from './platform.ts';

describe('review platforms', () => {
  it('keys GitHub pull requests by repository and number, Gerrit changes by number', () => {
    expect(changeRef({ number: 12, ref: 'octo/app/12' })).toBe('octo/app/12');
    expect(changeRef({ number: 10001 })).toBe('10001');
    expect(changeNumber({ number: 12, project: 'octo/app' }, 'github')).toBe('octo/app#12');
    expect(changeNumber({ number: 10001, project: 'aurora/compute' }, 'gerrit')).toBe('10001');
    expect([platformOf('github'), platformOf('gerrit'), platformOf('plugin-x')]).toEqual(['github', 'gerrit', 'gerrit']);
  });

  it('says Closed for a pull request closed unmerged, and a review state in GitHub words', () => {
    expect(changeStatusLabel('ABANDONED', 'github')).toBe('Closed');
    expect(changeStatusLabel('ABANDONED', 'gerrit')).toBe('Abandoned');
    expect(changeStatusLabel('NEW', 'github')).toBe('Open');
    expect(reviewStateLabel({ state: 'CHANGES_REQUESTED' })).toBe('Changes requested');
    expect(reviewStateLabel({ state: 'APPROVED', dismissed: true })).toBe('Approved (dismissed)');
    expect(reviewStateLabel({ state: 'DISMISSED', dismissed: true })).toBe('Dismissed');
    expect(reviewStateLabel({})).toBeUndefined();
  });
});
