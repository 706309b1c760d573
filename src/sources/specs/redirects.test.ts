import { describe, expect, it } from 'vitest';
import { followMoves, parseRedirects } from './redirects.ts';

describe('parseRedirects', () => {
  it('reads the newer form, the new path relative to the old one', () => {
    const got = parseRedirects('approved/a.rst ../implemented/a.rst\napproved/b.rst ../implemented/b.rst\n', 'specs/2024.1/redirects');
    expect(got).toEqual({
      moves: [
        { file: 'specs/2024.1/redirects', line: 1, from: 'specs/2024.1/approved/a.rst', to: 'specs/2024.1/implemented/a.rst' },
        { file: 'specs/2024.1/redirects', line: 2, from: 'specs/2024.1/approved/b.rst', to: 'specs/2024.1/implemented/b.rst' },
      ],
      problems: [],
    });
  });

  it('reads the early form, from the release folder into a status folder', () => {
    const got = parseRedirects('a.rst implemented/a.rst\nb.rst approved/b.rst', 'specs/juno/redirects');
    expect(got.moves.map((m) => [m.from, m.to])).toEqual([
      ['specs/juno/a.rst', 'specs/juno/implemented/a.rst'],
      ['specs/juno/b.rst', 'specs/juno/approved/b.rst'],
    ]);
  });

  it('skips blank and comment lines, takes any blanks and CRLF, and reads moves across releases', () => {
    const text = '\uFEFF# moved when the release closed\r\n\r\n  approved/a.rst\t\t../../2024.2/approved/a.rst   # re-proposed\r\n   \r\n';
    const got = parseRedirects(text, 'specs/2024.1/redirects');
    expect(got.problems).toEqual([]);
    expect(got.moves).toEqual([{ file: 'specs/2024.1/redirects', line: 3, from: 'specs/2024.1/approved/a.rst', to: 'specs/2024.2/approved/a.rst' }]);
  });

  it('reports lines that are not two paths, leave the repository or point at themselves, and keeps the rest', () => {
    const text = ['only-one.rst', 'a.rst b.rst c.rst', '../../../x.rst y.rst', 'x.rst ../../../../y.rst', 'same.rst ./same.rst', 'ok.rst implemented/ok.rst'].join('\n');
    const got = parseRedirects(text, 'specs/kilo/redirects');
    expect(got.moves.map((m) => [m.line, m.from, m.to])).toEqual([[6, 'specs/kilo/ok.rst', 'specs/kilo/implemented/ok.rst']]);
    expect(got.problems).toHaveLength(5);
    expect(got.problems[0]).toMatch(/^specs\/kilo\/redirects:1: expected/);
    expect(got.problems[2]).toMatch(/^specs\/kilo\/redirects:3: .* leads outside the repository/);
    expect(got.problems[3]).toMatch(/^specs\/kilo\/redirects:4: /);
    expect(got.problems[4]).toMatch(/^specs\/kilo\/redirects:5: same.rst redirects to itself/);
  });

  it('reads a path from the repository root when it starts with /', () => {
    expect(parseRedirects('/specs/a.rst b.rst', 'specs/x/redirects').moves[0]).toMatchObject({ from: 'specs/a.rst', to: 'specs/b.rst' });
  });
});

describe('followMoves', () => {
  it('follows chains and stops at a loop', () => {
    const { moves } = parseRedirects('a.rst b.rst\nb.rst c.rst\nc.rst a.rst', 'specs/r/redirects');
    expect(followMoves('specs/r/a.rst', moves.slice(0, 2))).toMatchObject({ path: 'specs/r/c.rst', moves: [{ line: 1 }, { line: 2 }] });
    expect(followMoves('specs/r/a.rst', moves).path).toBe('specs/r/c.rst');
    expect(followMoves('specs/r/z.rst', moves)).toEqual({ path: 'specs/r/z.rst', moves: [] });
  });
});
