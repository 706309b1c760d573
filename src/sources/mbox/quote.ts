/**
 * A message's text -> segments a page can fold: what the author wrote, what they quoted (with
 * the "On … wrote:" line that introduces it), their signature, and the list's footer. Pure and
 * lossless: `joinSegments(segmentBody(text)) === text`.
 *
 * Rules, line by line:
 * - A quote is a run of lines starting with `>` (up to three spaces before it), with the blank
 *   lines between two such lines. Its `depth` is the smallest number of `>` on its lines.
 * - Its attribution is the line just before it (one blank line may come between) when that line
 *   ends like "wrote:" in one of the languages below; and the line before that too when the
 *   attribution was wrapped (`On Sat, Nov 8, 2014 at 11:37 AM, Kim <kim at` / `example.org> wrote:`).
 *   Gmail wraps it so that the second line starts with `>` (`> wrote:`): that line is the
 *   attribution's, not the quote's.
 * - `-----Original Message-----` (Outlook's top-posting) starts a quote that runs to the end, with
 *   that line as its attribution.
 * - A signature starts at a `-- ` line (or `--`, which many clients trim it to) and runs to the next
 *   quote, footer or the end.
 * - A footer is Mailman's: a line of underscores followed by a line naming the mailing list; it runs to the end.
 */

export type Segment =
  | { kind: 'text'; text: string }
  | { kind: 'quote'; attribution: string | undefined; text: string; depth: number }
  | { kind: 'signature'; text: string }
  | { kind: 'footer'; text: string };

const QUOTE = /^ {0,3}>/;
const WROTE = /(?:\b(?:schrieb|skrev|kirjoitti|escribió|escreveu)\s[^:]{1,80}:|wrote|writes|said|schrieb|a écrit|escribió|escreveu|scrisse|ha scritto|schreef|skrev|kirjoitti|írta|napsal\(a\)|napsal|napisał\(a\)|napisał|пишет|написал\(а\)|написал|написала|写道|寫道|が書きました)\s*:?\s*$/i;
const ORIGINAL = /^\s*-{2,}\s*(?:Original Message|Ursprüngliche Nachricht|Message d'origine|Mensaje original|Messaggio originale)\s*-{2,}\s*$/i;
const SIGNATURE = /^-- ?$/;
const FOOTER_RULE = /^_{20,}\s*$/;
const FOOTER_LIST = /mailing list|mailman|listinfo/i;

/** The number of `>` that open a line (`> > >` and `>>>` are both 3). */
function quoteDepth(line: string): number {
  let depth = 0;
  let i = 0;
  while (i < line.length && line[i] === ' ') i++;
  while (i < line.length && (line[i] === '>' || (line[i] === ' ' && line[i + 1] === '>'))) {
    if (line[i] === '>') depth++;
    i++;
  }
  return depth;
}

/** The smallest depth among the quoted lines of a block (blank lines inside it aside). */
function blockDepth(lines: readonly string[]): number {
  let depth = Infinity;
  for (const l of lines) if (QUOTE.test(l)) depth = Math.min(depth, quoteDepth(l));
  return Number.isFinite(depth) ? depth : 0;
}

/** The segments of `text` (see the rules above). */
export function segmentBody(text: string): Segment[] {
  const lines = text.split('\n');
  const kinds: ('text' | 'quote' | 'attribution' | 'signature' | 'footer')[] = lines.map(() => 'text');

  // Quotes: runs of `>` lines, and the blank lines between two of them.
  for (let i = 0; i < lines.length; i++) {
    if (!QUOTE.test(lines[i]!)) continue;
    kinds[i] = 'quote';
    let j = i + 1;
    while (j < lines.length && lines[j]!.trim() === '') j++;
    if (j < lines.length && j > i + 1 && QUOTE.test(lines[j]!)) for (let k = i + 1; k < j; k++) kinds[k] = 'quote';
  }

  // Outlook's "-----Original Message-----": everything after is quoted.
  const original = lines.findIndex((l, i) => kinds[i] === 'text' && ORIGINAL.test(l));
  if (original >= 0) {
    kinds[original] = 'attribution';
    for (let k = original + 1; k < lines.length; k++) kinds[k] = 'quote';
  }

  // Attributions: the line(s) just before each quote.
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] !== 'quote' || (i > 0 && (kinds[i - 1] === 'quote' || kinds[i - 1] === 'attribution'))) continue;
    // Gmail's wrapped "On … <x\n> wrote:": the first quote line is the attribution's end.
    if (/^>\s*\S.*$/.test(lines[i]!) && WROTE.test(lines[i]!) && !/^>\s*>/.test(lines[i]!) && i > 0 && lines[i - 1]!.trim() !== '' && kinds[i - 1] === 'text') {
      kinds[i] = 'attribution';
      kinds[i - 1] = 'attribution';
      for (let k = i + 1; k < lines.length && kinds[k] === 'quote' && lines[k]!.trim() === ''; k++) kinds[k] = 'text';
      continue;
    }
    let a = i - 1;
    if (a >= 0 && lines[a]!.trim() === '') a--;
    if (a < 0 || kinds[a] !== 'text' || !WROTE.test(lines[a]!)) continue;
    kinds[a] = 'attribution';
    // A wrapped attribution: the line before, when it is in the same paragraph and opens like one.
    if (a > 0 && kinds[a - 1] === 'text' && lines[a - 1]!.trim() !== '' && /^(?:On|Am|Le|El|Il|Op|Em|Dne|W dniu|Den|På|Quoting|Citando|В)\b/.test(lines[a - 1]!) && !WROTE.test(lines[a - 1]!)) kinds[a - 1] = 'attribution';
  }

  // Footer (Mailman's) and signature.
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] === 'text' && FOOTER_RULE.test(lines[i]!) && i + 1 < lines.length && FOOTER_LIST.test(lines[i + 1]!)) {
      for (let k = i; k < lines.length && (kinds[k] === 'text' || kinds[k] === 'signature'); k++) kinds[k] = 'footer';
      break;
    }
  }
  for (let i = 0; i < lines.length; i++) {
    if (kinds[i] !== 'text' || !SIGNATURE.test(lines[i]!)) continue;
    let k = i;
    while (k < lines.length && kinds[k] === 'text') kinds[k++] = 'signature';
    i = k - 1;
  }

  // Runs of one kind -> segments; an attribution joins the quote after it (a blank line between stays text).
  const segments: Segment[] = [];
  let i = 0;
  while (i < lines.length) {
    const kind = kinds[i]!;
    let j = i;
    while (j < lines.length && kinds[j] === kind) j++;
    const chunk = lines.slice(i, j).join('\n');
    if (kind === 'attribution') {
      let q = j;
      const between: string[] = [];
      while (q < lines.length && kinds[q] === 'text' && lines[q]!.trim() === '') between.push(lines[q++]!);
      if (q < lines.length && kinds[q] === 'quote') {
        let e = q;
        while (e < lines.length && kinds[e] === 'quote') e++;
        const quoted = lines.slice(q, e);
        segments.push({ kind: 'quote', attribution: [chunk, ...between].join('\n'), text: quoted.join('\n'), depth: blockDepth(quoted) });
        i = e;
        continue;
      }
      segments.push({ kind: 'text', text: chunk });
    } else if (kind === 'quote') {
      segments.push({ kind: 'quote', attribution: undefined, text: chunk, depth: blockDepth(lines.slice(i, j)) });
    } else segments.push({ kind, text: chunk });
    i = j;
  }
  // Neighbouring text segments (an attribution that had no quote after it) merge.
  const merged: Segment[] = [];
  for (const s of segments) {
    const last = merged[merged.length - 1];
    if (last && last.kind === 'text' && s.kind === 'text') last.text += `\n${s.text}`;
    else merged.push(s);
  }
  return merged;
}

/** The text back from its segments. */
export function joinSegments(segments: readonly Segment[]): string {
  return segments.map((s) => (s.kind === 'quote' && s.attribution !== undefined ? `${s.attribution}\n${s.text}` : s.text)).join('\n');
}
