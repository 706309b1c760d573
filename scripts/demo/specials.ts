import type { ProjectName } from './community.ts';
import type { Outcome } from './simulate.ts';

/**
 * Fixed changes with tricky content, placed by creation index so their numbers
 * do not depend on the seed. Browser and escaping tests look for these.
 */

export const FIRST_CHANGE_NUMBER = 10001;
export const QUOKKA_INDEX = 1234;
export const QUOKKA_SUBJECT = 'Add quokka scheduler filter for affinity groups';

export interface Special {
  project?: ProjectName;
  subject?: string;
  outcome?: Outcome;
  /** Posted by a core reviewer on the last patch set. */
  extraReview?: string;
  /** Owner chosen by exact display name. */
  ownerName?: string;
}

function longReview(): string {
  const points = [
    'the lock is taken before the database read, so two workers serialise on every request even when they touch different hosts',
    'the retry helper swallows the original exception; please keep it as the cause so the logs show where it failed',
    'this path is not covered by the functional tests, only by the unit test that mocks the driver',
    'the new config option needs a help string and an entry in the sample configuration file',
    'the release note says "fixes" but the bug is only mitigated; operators will read this literally',
    'the log message at info level will be emitted once per instance per periodic task, which is very noisy on large clouds',
  ];
  const paras: string[] = ['Thanks for working on this. I did a thorough pass and have a number of comments, most of them small.'];
  for (let i = 0; i < 60; i++) {
    paras.push(`${i + 1}. In aurora_compute/conductor/manager.py around line ${120 + i * 7}: ${points[i % points.length]}. ${points[(i * 5 + 1) % points.length]}.`);
  }
  paras.push('Overall the direction is right; with these addressed I would be happy to +2.');
  return paras.join('\n\n');
}

export const SPECIALS: ReadonlyMap<number, Special> = new Map<number, Special>([
  [QUOKKA_INDEX, { project: 'aurora/compute', subject: QUOKKA_SUBJECT, outcome: 'MERGED' }],
  [57, { project: 'aurora/dashboard', subject: "Escape <script>alert('xss')</script> in instance names", outcome: 'MERGED' }],
  [158, {
    project: 'aurora/dashboard',
    outcome: 'MERGED',
    extraReview: 'The tooltip still renders raw HTML: create a server named <img src=x onerror=alert(1)> and hover over it in the list.',
  }],
  [259, {
    project: 'aurora/docs',
    outcome: 'NEW',
    subject: '[docs] Reject javascript: links in the help panel',
    extraReview: 'Reproduced with help_url = javascript:alert(document.cookie) and with [click me](javascript:alert(1)) in the markdown help text. Both should be dropped, not rendered as links.',
  }],
  [360, { project: 'aurora/compute', outcome: 'MERGED', extraReview: longReview() }],
  [461, { ownerName: 'Zoë Lindqvist', outcome: 'MERGED' }],
  [562, { ownerName: 'Łukasz Nowicki', outcome: 'MERGED' }],
  [663, { ownerName: '李雷', outcome: 'MERGED' }],
  [764, { ownerName: 'Ana María Ortega', outcome: 'ABANDONED' }],
]);
