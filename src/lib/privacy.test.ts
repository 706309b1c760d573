import { describe, expect, it } from 'vitest';
import { maskArchiveEmail, maskEmail } from './privacy.ts';

// maskEmail's own cases live in src/model/person.test.ts; these are the mail-archive forms.
describe('maskArchiveEmail', () => {
  it("masks pipermail's user at host and the other spelled-out at signs", () => {
    const cases: [string, string][] = [
      ['From: jane.doe at example.org (Jane Doe)', 'From: j… at example.org (Jane Doe)'],
      ['<sb at ischool.example.edu\n> wrote:', '<s… at ischool.example.edu\n> wrote:'],
      ['write to lee(a)example.net today', 'write to l…(a)example.net today'],
      ['lee (at) example.net', 'l… (at) example.net'],
      ['lee[at]example.net', 'l…[at]example.net'],
      ['lee [at] example [dot] net', 'l… [at] example [dot] net'],
      ['lee {at} example.net', 'l… {at} example.net'],
      ['lee <at> example.net', 'l… <at> example.net'],
      ['lee AT example DOT net', 'l… AT example DOT net'],
      ['lee at example dot net.', 'l… at example dot net.'],
      ['lee(at)example(dot)co(dot)uk', 'l…(at)example(dot)co(dot)uk'],
      ['bjorn at xn--rombobjrn-67a.se', 'b… at xn--rombobjrn-67a.se'],
      ['zoë at exämple.org', 'z… at exämple.org'],
    ];
    for (const [input, masked] of cases) expect(maskArchiveEmail(input), input).toBe(masked);
  });

  it('masks what maskEmail masks, %40 and &#64; included', () => {
    for (const input of ['jane@example.org', 'jane%40example.org', 'jane&#64;example.org', 'jane＠example.org']) expect(maskArchiveEmail(input)).toBe(maskEmail(input));
    expect(maskArchiveEmail('a@example.org and b at example.org')).toBe('a…@example.org and b… at example.org');
  });

  it('leaves prose alone: common words before a bare at, file names, times, no domain', () => {
    for (const input of [
      'Have a look at example.com for details.',
      'She works at example.org now.',
      'Look at setup.py and README.md',
      'jane at index.html',
      'meet at 10.30am',
      'at example.org',
      'the docs at localhost',
      'jane at example',
      'we met at the conference',
      'option (a) then (b)',
      'x(a)y',
    ])
      expect(maskArchiveEmail(input), input).toBe(input);
  });

  it('does not mask masked text again', () => {
    for (const input of ['jane at example.org', 'jane(a)example.org', 'jane [at] example [dot] org', 'jane@example.org']) {
      const once = maskArchiveEmail(input);
      expect(maskArchiveEmail(once)).toBe(once);
    }
  });

  it('runs in linear time on hostile input', () => {
    const inputs = ['a at '.repeat(200_000), 'x'.repeat(500_000) + ' at ' + 'y.'.repeat(200_000), ' (at) (dot)'.repeat(100_000), 'a at b dot '.repeat(100_000)];
    for (const input of inputs) {
      const started = performance.now();
      maskArchiveEmail(input);
      expect(performance.now() - started).toBeLessThan(3_000);
    }
  });
});

describe('maskArchiveEmail after the word "at"', () => {
  // Regression: "chairs at maya.okafor" was taken for the address and the real one was left.
  it('masks the address that follows, not the prose before it', () => {
    const out = maskArchiveEmail('ping the SIG chairs at maya.okafor at bluefin-networks.example today');
    expect(out).not.toContain('maya.okafor at bluefin');
    expect(out).toContain('chairs at m… at bluefin-networks.example');
  });
});
