import { describe, expect, it } from 'vitest';
import { decodeLog } from './files.ts';
import { parseLogHtml, parseLogLine, parseLogTxt } from './log.ts';

const DAY = '2024-01-11';

describe('parseLogLine', () => {
  it('reads MeetBot lines, /me lines and the stamp variants of its relatives', () => {
    expect(parseLogLine('14:00:05 <alice> #startmeeting nova')).toEqual({ seconds: 50405, type: 'say', nick: 'alice', text: '#startmeeting nova' });
    expect(parseLogLine('14:00:05 * alice waves')).toEqual({ seconds: 50405, type: 'me', nick: 'alice', text: 'waves' });
    expect(parseLogLine('14:00 <alice> hi')).toMatchObject({ seconds: 50400, nick: 'alice' });
    expect(parseLogLine('[14:00:05] <@alice> hi')).toMatchObject({ type: 'say', nick: 'alice', text: 'hi' });
    expect(parseLogLine('2024-01-11T14:00:05  <alice> hi')).toEqual({ date: '2024-01-11', seconds: 50405, type: 'say', nick: 'alice', text: 'hi' });
    expect(parseLogLine('2024-01-11 14:00:05Z <alice> hi')).toMatchObject({ date: '2024-01-11', nick: 'alice' });
    expect(parseLogLine('14:00:05 <alice>')).toMatchObject({ type: 'say', nick: 'alice', text: '' });
  });

  it('reads server events, naming the nick when the event is about one', () => {
    expect(parseLogLine('14:00:05 *** alice_ is now known as alice')).toEqual({ seconds: 50405, type: 'event', nick: 'alice_', text: 'alice_ is now known as alice' });
    expect(parseLogLine('14:00:05 -!- bob [~b@host] has joined #chan')).toMatchObject({ type: 'event', text: 'bob [~b@host] has joined #chan' });
    expect(parseLogLine('14:00:05 --> carol (~c@h) has joined #chan')).toMatchObject({ type: 'event', nick: 'carol' });
  });

  it('refuses what fits no form', () => {
    for (const raw of ['hello', '14:00:05', '14:00:05 alice hi', '25:00:00 <a> x', '14:61:00 <a> x', '<alice> no time']) expect(parseLogLine(raw), raw).toBeUndefined();
  });
});

describe('parseLogTxt', () => {
  it('dates lines from the file name and keeps text exactly, hostile markup included', () => {
    const { lines, garbled } = parseLogTxt('14:00:05 <alice> <script>alert("x")</script> & &amp;\n14:00:06 * bob <b>bold</b>\n', DAY);
    expect(garbled).toEqual([]);
    expect(lines).toEqual([
      { time: '2024-01-11T14:00:05Z', type: 'say', nick: 'alice', who: 'alice', text: '<script>alert("x")</script> & &amp;' },
      { time: '2024-01-11T14:00:06Z', type: 'me', nick: 'bob', who: 'bob', text: '<b>bold</b>' },
    ]);
  });

  it('moves lines past midnight to the next day, but not a small step back', () => {
    const { lines } = parseLogTxt(['23:59:58 <a> one', '23:59:57 <a> clock fix', '00:00:03 <a> two', '00:10:00 <a> three'].join('\n'), '2023-12-31');
    expect(lines.map((l) => l.time)).toEqual(['2023-12-31T23:59:58Z', '2023-12-31T23:59:57Z', '2024-01-01T00:00:03Z', '2024-01-01T00:10:00Z']);
  });

  it('takes ISO stamps as they are (OpenDev logs)', () => {
    const { lines } = parseLogTxt('2024-01-11T23:59:59  <a> x\n2024-01-12T00:00:01  <b> y', DAY);
    expect(lines.map((l) => [l.time, l.nick])).toEqual([
      ['2024-01-11T23:59:59Z', 'a'],
      ['2024-01-12T00:00:01Z', 'b'],
    ]);
  });

  it('reports garbled lines by line number and keeps them in the log at the previous time', () => {
    const { lines, garbled } = parseLogTxt('14:00:05 <alice> ok\n\nthis is not a log line\n14:00:07 <bob> fine', DAY);
    expect(garbled).toEqual([{ line: 3, text: 'this is not a log line' }]);
    expect(lines.map((l) => [l.type, l.time, l.text])).toEqual([
      ['say', '2024-01-11T14:00:05Z', 'ok'],
      ['event', '2024-01-11T14:00:05Z', 'this is not a log line'],
      ['say', '2024-01-11T14:00:07Z', 'fine'],
    ]);
  });

  it('reads a log whose bytes were not UTF-8 once decoded', () => {
    const bytes = new Uint8Array([...new TextEncoder().encode('14:00:05 <alice> caf'), 0xe9]);
    const { text, guessed } = decodeLog(bytes);
    expect(guessed).toBe(true);
    expect(parseLogTxt(text, DAY).lines[0]!.text).toBe('café');
  });
});

describe('parseLogHtml', () => {
  const page = (body: string) =>
    `<!DOCTYPE HTML PUBLIC "-//W3C//DTD HTML 4.01 Transitional//EN">\n<html><head><title>#chan log</title><style>pre { x }</style></head>\n<body>\n<pre>${body}</pre>\n</body></html>`;

  it('reads the MeetBot HTMLlog markup back to the raw lines, entities decoded', () => {
    const body = [
      '<a name="l-1"></a><span class="tm">14:00:05</span><span class="nk"> &lt;alice&gt;</span> <span class="cmd">#startmeeting </span><span class="cmdline">a &amp; b</span>',
      '<a name="l-2"></a><span class="tm">14:00:06 </span><span class="nka">* bob</span> <span class="ac">tries &lt;script&gt;</span>',
      '<a href="#l-3" name="l-3"><span class="tm">14:00:07</span></a><span class="nk"> &lt;carol&gt;</span> <span class="hi">alice:</span> hi',
    ].join('\n');
    const parsed = parseLogHtml(page(body), DAY);
    expect(parsed.channel).toBe('#chan');
    expect(parsed.garbled).toEqual([]);
    expect(parsed.lines.map((l) => [l.type, l.nick, l.text])).toEqual([
      ['say', 'alice', '#startmeeting a & b'],
      ['me', 'bob', 'tries <script>'],
      ['say', 'carol', 'alice: hi'],
    ]);
  });

  it('gives the same lines as the text log it renders', () => {
    const raw = ['14:00:05 <alice> #topic x < y', '14:00:06 * bob "quotes" & more', '14:00:07 <carol> https://example.org/?a=1&b=2'];
    const html = page(raw.map((l) => l.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')).join('\n'));
    expect(parseLogHtml(html, DAY).lines).toEqual(parseLogTxt(raw.join('\n'), DAY).lines);
  });

  it('reads a page without <pre> from its body, <br> making lines', () => {
    const parsed = parseLogHtml('<html><body><p>14:00:05 &lt;alice&gt; one<br>14:00:06 &lt;bob&gt; two</p></body></html>', DAY);
    expect(parsed.lines.map((l) => l.text)).toEqual(['one', 'two']);
  });
});
