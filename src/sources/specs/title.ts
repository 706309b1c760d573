/**
 * A spec's title read from its source text (pure), for a document the
 * renderer could not render: the page and lists still name it as its author
 * did. reStructuredText: the first section title, underlined (and perhaps
 * overlined) by a line of one repeated punctuation character at least as
 * long as the text (docutils' rule). Markdown: the first ATX (`# Title`) or
 * setext (`Title` over `===`) heading.
 */
const ADORNMENT = /^([!-/:-@[-`{-~])\1*$/;

const isAdornment = (line: string, text: string) => ADORNMENT.test(line) && line.length >= text.trim().length && line.length >= 2;

function rstTitle(lines: string[]): string | undefined {
  for (let i = 0; i < lines.length - 1; i++) {
    const text = lines[i]!;
    if (!text.trim() || ADORNMENT.test(text.trim())) continue;
    // An overline counts only with a matching underline; an underline alone is enough.
    const under = lines[i + 1]!.trimEnd();
    if (isAdornment(under, text) && !/^\s/.test(text)) {
      const over = i > 0 ? lines[i - 1]!.trimEnd() : '';
      if (!ADORNMENT.test(over) || over === under) return text.trim();
    }
  }
  return undefined;
}

function markdownTitle(lines: string[]): string | undefined {
  let fence = false;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (/^\s{0,3}(```|~~~)/.test(line)) fence = !fence;
    if (fence) continue;
    const atx = /^\s{0,3}#{1,6}\s+(.+?)(?:\s+#+)?\s*$/.exec(line);
    if (atx) return atx[1]!.trim();
    if (line.trim() && /^\s{0,3}=+\s*$/.test(lines[i + 1] ?? '') && !/^\s{4}/.test(line)) return line.trim();
  }
  return undefined;
}

export function sourceTitle(text: string, format: 'rst' | 'markdown'): string | undefined {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  const title = format === 'markdown' ? markdownTitle(lines) : rstTitle(lines);
  return title ? title.slice(0, 300) : undefined;
}
