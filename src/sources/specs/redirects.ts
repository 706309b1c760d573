/**
 * nova-specs' `redirects` files (pure). Each line names a page that moved and
 * where it went, `<old> <new>`, as nova-specs' Sphinx extension reads them:
 * it writes an HTML page at `<old>` (relative to the redirects file's folder)
 * whose refresh URL is `<new>`, so `<new>` is relative to `<old>`'s own
 * folder. Both forms seen in the repository resolve that way:
 *
 *     approved/x.rst ../implemented/x.rst     (specs/2024.1/redirects)
 *     x.rst implemented/x.rst                 (specs/juno/redirects)
 *
 * Blank lines and `#` comments are skipped; fields may be separated by any
 * blanks; a line that is not two paths, or a path that leaves the repository,
 * is reported with its file and line and left out.
 */
import { posix } from 'node:path';

export interface RedirectMove {
  /** The redirects file, and the line (from 1) the move is written on. */
  file: string;
  line: number;
  /** Repository paths: where the page was, and where it went. */
  from: string;
  to: string;
}

export interface ParsedRedirects {
  moves: RedirectMove[];
  problems: string[];
}

/** A repository path from `relative`, read from `folder`; undefined when it climbs out of the repository. */
function resolveIn(folder: string, relative: string): string | undefined {
  const joined = relative.startsWith('/') ? posix.normalize(relative.slice(1)) : posix.normalize(posix.join(folder, relative));
  return joined === '.' || joined === '..' || joined.startsWith('../') ? undefined : joined;
}

/** The moves a redirects file at `file` (a repository path) records. */
export function parseRedirects(text: string, file: string): ParsedRedirects {
  const folder = posix.dirname(file);
  const out: ParsedRedirects = { moves: [], problems: [] };
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\r|\n/)
    .forEach((raw, index) => {
      const line = index + 1;
      // A comment is a line starting with `#`, or the rest of a line after a blank and `#`.
      const content = raw.replace(/(^|\s)#.*$/, '').trim();
      if (!content) return;
      const fields = content.split(/\s+/);
      if (fields.length !== 2) {
        out.problems.push(`${file}:${line}: expected "<old path> <new path>", got ${JSON.stringify(raw.trim())}`);
        return;
      }
      const from = resolveIn(folder, fields[0]!);
      const to = from === undefined ? undefined : resolveIn(posix.dirname(from), fields[1]!);
      if (from === undefined || to === undefined) {
        out.problems.push(`${file}:${line}: ${JSON.stringify(raw.trim())} leads outside the repository`);
        return;
      }
      if (from === to) {
        out.problems.push(`${file}:${line}: ${fields[0]} redirects to itself`);
        return;
      }
      out.moves.push({ file, line, from, to });
    });
  return out;
}

/**
 * Where a path ends up after following moves one after another (a -> b, b -> c gives c), and the
 * moves taken; a loop stops at the first path seen twice.
 */
export function followMoves(path: string, moves: readonly RedirectMove[]): { path: string; moves: RedirectMove[] } {
  const byFrom = new Map<string, RedirectMove>();
  for (const m of moves) if (!byFrom.has(m.from)) byFrom.set(m.from, m);
  const seen = new Set([path]);
  const taken: RedirectMove[] = [];
  let at = path;
  for (let move = byFrom.get(at); move && !seen.has(move.to); move = byFrom.get(at)) {
    taken.push(move);
    at = move.to;
    seen.add(at);
  }
  return { path: at, moves: taken };
}
