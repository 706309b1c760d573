/**
 * Python's textwrap as MeetBot uses it (`TextWrapper(width=72, break_long_words=False)` with
 * `wordsep_re = (\s+)`), so the demo's minutes wrap exactly where MeetBot's do: chunks are words
 * and runs of whitespace, whitespace is never collapsed inside a line, a line's leading
 * whitespace is dropped after the first line and its trailing whitespace always, and a word
 * longer than the width sits alone on its line.
 */

// Python 2's `\s` without re.UNICODE: ASCII whitespace only.
const WORD_SEP = /([ \t\n\r\f\v]+)/;

// Code points, as Python 3 (and a wide Python 2) counts them; most text has no surrogates.
const width = (s: string): number => (/[\uD800-\uDFFF]/.test(s) ? [...s].length : s.length);

function expandTabs(text: string, tabsize = 8): string {
  if (!text.includes('\t')) return text;
  let out = '';
  let col = 0;
  for (const ch of text) {
    if (ch === '\t') {
      const pad = tabsize - (col % tabsize);
      out += ' '.repeat(pad);
      col += pad;
    } else {
      out += ch;
      col = ch === '\n' || ch === '\r' ? 0 : col + 1;
    }
  }
  return out;
}

const blank = (chunk: string): boolean => chunk.trim() === '';

/** `TextWrapper.wrap`: the lines, without newlines. */
export function pyWrap(text: string, lineWidth: number, initialIndent = '', subsequentIndent = ''): string[] {
  const munged = expandTabs(text).replace(/[\t\n\v\f\r]/g, ' ');
  const chunks = munged.split(WORD_SEP).filter((c) => c !== '');
  chunks.reverse();
  const lines: string[] = [];
  while (chunks.length) {
    const indent = lines.length ? subsequentIndent : initialIndent;
    const room = lineWidth - width(indent);
    if (lines.length && blank(chunks[chunks.length - 1]!)) chunks.pop();
    const current: string[] = [];
    let used = 0;
    while (chunks.length && used + width(chunks[chunks.length - 1]!) <= room) {
      const chunk = chunks.pop()!;
      current.push(chunk);
      used += width(chunk);
    }
    // break_long_words=False: an over-long word goes alone on a line of its own.
    if (chunks.length && width(chunks[chunks.length - 1]!) > room && !current.length) current.push(chunks.pop()!);
    if (current.length && blank(current[current.length - 1]!)) current.pop();
    if (current.length) lines.push(indent + current.join(''));
  }
  return lines;
}

/** `TextWrapper.fill`. */
export function pyFill(text: string, lineWidth = 72, initialIndent = '', subsequentIndent = ''): string {
  return pyWrap(text, lineWidth, initialIndent, subsequentIndent).join('\n');
}

/** MeetBot's `wrapList(item, indent)`: 72 columns, continuation lines two further in. */
export function wrapList(item: string, indent = 0): string {
  return pyFill(item, 72, ' '.repeat(indent), ' '.repeat(indent + 2));
}
