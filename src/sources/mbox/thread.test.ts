import { describe, expect, it } from 'vitest';
import { threadKey } from './ids.ts';
import { normaliseSubject, threadMessages, type ThreadInput, type ThreadResult } from './thread.ts';

const msg = (messageId: string, date: string | undefined, subject: string, references: string[] = [], inReplyTo?: string): ThreadInput => ({ messageId, date, subject, references, inReplyTo });

/** Thread -> [messageId, parentId, depth] rows, for compact expectations. */
const shape = (r: ThreadResult) => r.threads.map((t) => t.messages.map((m) => [m.messageId, m.parentId ?? null, m.depth]));

function shuffle<T>(items: T[], seed: number): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i--) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('normaliseSubject', () => {
  it('strips reply and forward prefixes and list tags, in any mix', () => {
    expect(normaliseSubject('[foo-dev] Re: RE: AW: Meeting  notes')).toEqual({ key: 'meeting notes', isReply: true });
    expect(normaliseSubject('Re: [foo-dev] Re[2]: SV: Fwd: Topic')).toEqual({ key: 'topic', isReply: true });
    expect(normaliseSubject('Fwd: Topic')).toEqual({ key: 'topic', isReply: false });
    expect(normaliseSubject('[foo-dev] Topic')).toEqual({ key: 'topic', isReply: false });
    expect(normaliseSubject('Antw: Odp: 回复: Topic')).toEqual({ key: 'topic', isReply: true });
    expect(normaliseSubject('New topic (was: Re: Old topic)')).toEqual({ key: 'new topic', isReply: false });
    expect(normaliseSubject('Really: not a prefix')).toEqual({ key: 'really: not a prefix', isReply: false });
    expect(normaliseSubject('')).toEqual({ key: '', isReply: false });
  });
});

describe('threadMessages', () => {
  const archive = [
    msg('a@x', '2014-11-01T10:00:00Z', 'Topic'),
    msg('b@x', '2014-11-01T11:00:00Z', 'Re: Topic', ['a@x']),
    msg('c@x', '2014-11-01T12:00:00Z', 'Re: Topic', ['a@x', 'b@x']),
    msg('d@x', '2014-11-01T13:00:00Z', 'Re: Topic', ['a@x'], 'a@x'),
    msg('e@x', '2014-11-02T09:00:00Z', 'Other'),
    // In-Reply-To only.
    msg('f@x', '2014-11-02T10:00:00Z', 'Re: Other', [], 'e@x'),
  ];

  it('builds trees from References and In-Reply-To, siblings by date', () => {
    const r = threadMessages(archive);
    expect(shape(r)).toEqual([
      [
        ['a@x', null, 0],
        ['b@x', 'a@x', 1],
        ['c@x', 'b@x', 2],
        ['d@x', 'a@x', 1],
      ],
      [
        ['e@x', null, 0],
        ['f@x', 'e@x', 1],
      ],
    ]);
    expect(r.threads[0]).toMatchObject({ id: threadKey('a@x'), topId: 'a@x', subject: 'Topic', firstDate: '2014-11-01T10:00:00Z', lastDate: '2014-11-01T13:00:00Z' });
    expect(r.threadOf.get('c@x')).toBe(threadKey('a@x'));
    expect(r.threads[0]!.id).toMatch(/^t[0-9a-f]{20}$/);
    expect(r.threads[0]!.id).not.toContain('@');
  });

  it('gives the same result whatever the input order, and threading month by month equals threading at once', () => {
    const all = threadMessages(archive);
    for (const seed of [1, 2, 3, 4, 5]) expect(threadMessages(shuffle(archive, seed))).toEqual(all);
    // A second month that replies to the first: the known summaries plus the new month.
    const november = archive;
    const december = [msg('g@x', '2014-12-01T10:00:00Z', 'Re: Topic', ['a@x', 'd@x']), msg('h@x', '2014-12-01T11:00:00Z', 'Fresh')];
    const known = threadMessages(november).threads.flatMap((t) => t.messages.map((m) => november.find((n) => n.messageId === m.messageId)!));
    expect(threadMessages([...known, ...december])).toEqual(threadMessages([...december, ...november]));
    expect(threadMessages([...known, ...december]).threadOf.get('g@x')).toBe(threadKey('a@x'));
  });

  it('keeps the thread id when a missing first message arrives late', () => {
    const replies = [msg('r1@x', '2014-11-05T10:00:00Z', 'Re: Lost', ['root@x']), msg('r2@x', '2014-11-05T11:00:00Z', 'Re: Lost', ['root@x'])];
    const before = threadMessages(replies);
    expect(before.threads).toHaveLength(1);
    expect(before.threads[0]).toMatchObject({ id: threadKey('root@x'), topId: 'root@x', subject: 'Re: Lost' });
    expect(before.threads[0]!.messages).toEqual([
      { messageId: 'r1@x', parentId: undefined, depth: 0, parentMissing: true, bySubject: false },
      { messageId: 'r2@x', parentId: undefined, depth: 0, parentMissing: true, bySubject: false },
    ]);
    const after = threadMessages([...replies, msg('root@x', '2014-10-30T10:00:00Z', 'Lost')]);
    expect(after.threads[0]!.id).toBe(before.threads[0]!.id);
    expect(shape(after)).toEqual([
      [
        ['root@x', null, 0],
        ['r1@x', 'root@x', 1],
        ['r2@x', 'root@x', 1],
      ],
    ]);
  });

  it('hangs a reply below its nearest known ancestor when the parent between is missing', () => {
    const r = threadMessages([msg('a@x', '2014-11-01T10:00:00Z', 'T'), msg('c@x', '2014-11-01T12:00:00Z', 'Re: T', ['a@x', 'b@x'])]);
    expect(r.threads[0]!.messages).toEqual([
      { messageId: 'a@x', parentId: undefined, depth: 0, parentMissing: false, bySubject: false },
      { messageId: 'c@x', parentId: 'a@x', depth: 1, parentMissing: true, bySubject: false },
    ]);
  });

  it('keeps existing ids when a message above the old top arrives, and reports threads it merges', () => {
    // Month 1: two threads whose tops are a@x and z@x.
    const month1 = [msg('a@x', '2014-11-01T10:00:00Z', 'Part one'), msg('b@x', '2014-11-01T11:00:00Z', 'Re: Part one', ['a@x']), msg('z@x', '2014-11-03T10:00:00Z', 'Part two')];
    const first = threadMessages(month1);
    const existing = first.threadOf;
    // Month 2 brings the message both turn out to reply to (nobody had referenced it).
    const lateRoot = msg('p@x', '2014-10-01T10:00:00Z', 'Plan');
    const month2 = [msg('a@x', '2014-11-01T10:00:00Z', 'Part one', ['p@x']), month1[1]!, msg('z@x', '2014-11-03T10:00:00Z', 'Part two', ['p@x']), lateRoot];
    const without = threadMessages(month2);
    expect(without.threads.map((t) => t.id)).toEqual([threadKey('p@x')]);
    const kept = threadMessages(month2, { existing });
    expect(kept.threads.map((t) => t.id)).toEqual([threadKey('a@x')]);
    expect(kept.merged).toEqual([{ from: threadKey('z@x'), into: threadKey('a@x') }]);
  });

  it('joins replies without references by subject, only within the window and never two originals', () => {
    const r = threadMessages([
      msg('n1@x', '2014-11-08T10:00:00Z', '[demo] Meeting notes'),
      msg('n1r@x', '2014-11-09T10:00:00Z', '[demo] Re: Meeting notes'),
      msg('n2@x', '2014-11-15T10:00:00Z', '[demo] Meeting notes'),
      msg('n2r@x', '2014-11-16T10:00:00Z', 'RE: [demo] Meeting notes'),
      // Months after the last notes: stays alone.
      msg('late@x', '2015-03-01T10:00:00Z', 'Re: Meeting notes'),
    ]);
    expect(shape(r)).toEqual([
      [
        ['n1@x', null, 0],
        ['n1r@x', 'n1@x', 1],
      ],
      [
        ['n2@x', null, 0],
        ['n2r@x', 'n2@x', 1],
      ],
      [['late@x', null, 0]],
    ]);
    expect(r.threads[1]!.messages[1]).toMatchObject({ bySubject: true, parentMissing: false });
    // The window counts from the thread's last message, and can be changed.
    expect(threadMessages([msg('o@x', '2014-11-01T00:00:00Z', 'X'), msg('r@x', '2014-11-20T00:00:00Z', 'Re: X')], { subjectWindowDays: 7 }).threads).toHaveLength(2);
    expect(threadMessages([msg('o@x', '2014-11-01T00:00:00Z', 'X'), msg('m@x', '2014-11-15T00:00:00Z', 'Re: X', ['o@x']), msg('r@x', '2014-11-20T00:00:00Z', 'Re: X')], { subjectWindowDays: 7 }).threads).toHaveLength(1);
  });

  it('does not join by subject a reply that has references, nor one without a date', () => {
    const r = threadMessages([msg('o@x', '2014-11-01T00:00:00Z', 'X'), msg('r@x', '2014-11-02T00:00:00Z', 'Re: X', ['elsewhere@x']), msg('u@x', undefined, 'Re: X')]);
    expect(r.threads.map((t) => t.topId)).toEqual(['o@x', 'elsewhere@x', 'u@x']);
  });

  it('survives loops, self references and duplicates', () => {
    const r = threadMessages([
      msg('a@x', '2014-11-01T00:00:00Z', 'L', ['b@x']),
      msg('b@x', '2014-11-02T00:00:00Z', 'Re: L', ['a@x']),
      msg('s@x', '2014-11-03T00:00:00Z', 'Self', ['s@x'], 's@x'),
      msg('s@x', '2014-11-04T00:00:00Z', 'Self again'),
    ]);
    expect(r.duplicates).toEqual(['s@x']);
    expect(r.threads.flatMap((t) => t.messages.map((m) => m.messageId)).sort()).toEqual(['a@x', 'b@x', 's@x']);
    expect(r.threads.find((t) => t.topId === 's@x')!.subject).toBe('Self');
  });

  it('threads 100,000 messages in a few seconds', () => {
    const inputs: ThreadInput[] = [];
    for (let t = 0; t < 10_000; t++) {
      const day = new Date(Date.UTC(2010, 0, 1) + t * 3_600_000).toISOString().slice(0, 19) + 'Z';
      inputs.push(msg(`t${t}-0@x`, day, `Topic ${t}`));
      for (let k = 1; k < 10; k++) inputs.push(msg(`t${t}-${k}@x`, day.replace(/:00:00Z$/, `:0${k}:00Z`), `Re: Topic ${t}`, k % 3 === 0 ? [] : [`t${t}-0@x`, `t${t}-${k - 1}@x`]));
    }
    const started = performance.now();
    const r = threadMessages(inputs);
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(r.threads).toHaveLength(10_000);
    expect(r.threadOf.size).toBe(100_000);
  });
});
