import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo } from '../../../test/git-repo.ts';
import { GitRepository, type FileCommit } from '../../lib/git.ts';
import { linkTarget, readTree, type TreeLayout } from './layout.ts';
import { specLifecycle, type Lifecycle } from './lifecycle.ts';
import { parseRedirects, type RedirectMove } from './redirects.ts';

/** Text long enough for git to see a rename of it after a small edit. */
const body = (title: string) => `${'='.repeat(title.length)}\n${title}\n${'='.repeat(title.length)}\n\n${'Problem description and proposed change, at some length.\n'.repeat(12)}`;

/**
 * One nova-specs-like repository, made once: `foo` proposed for 2024.1, edited, moved to
 * implemented/ (with a redirects line and a link where it was), proposed again for 2024.2;
 * `bar` made by moving the template; `baz` rewritten as it moved, so only the redirects line
 * says where it was.
 */
describe('specLifecycle on a nova-specs repository', () => {
  let repo: TestRepo;
  let tree: TreeLayout;
  let moves: RedirectMove[];
  let lives: Map<string, Lifecycle>;
  const hashes: Record<string, string> = {};

  beforeAll(async () => {
    repo = TestRepo.temp();
    repo.write('README.rst', 'specs\n');
    repo.write('specs/2024.1-template.rst', body('Template'));
    repo.write('specs/2024.1/approved/foo.rst', body('Foo'));
    repo.write('specs/2024.1/approved/baz.rst', body('Baz'));
    repo.write('specs/2024.1/approved/qux.rst', body('Qux'));
    hashes.c1 = repo.commit('Propose foo and baz', { date: '2023-10-01T09:00:00Z', committed: '2023-11-01T09:00:00Z', author: 'Ann', email: 'ann@example.invalid', trailers: ['Co-Authored-By: Bo <bo@example.invalid>'] });
    repo.write('specs/2024.1/approved/foo.rst', `${body('Foo')}More.\n`);
    hashes.c2 = repo.commit('Edit foo', { date: '2023-12-01T09:00:00Z', author: 'Cy', email: 'cy@example.invalid', trailers: ['Co-Authored-By: ann <ANN@example.invalid>'] });
    repo.move('specs/2024.1/approved/foo.rst', 'specs/2024.1/implemented/foo.rst');
    repo.rm('specs/2024.1/approved/baz.rst');
    repo.write('specs/2024.1/implemented/baz.rst', 'Entirely\nnew\ntext\n');
    repo.write('specs/2024.1/redirects', 'approved/foo.rst ../implemented/foo.rst\napproved/baz.rst ../implemented/baz.rst\n');
    repo.link('specs/2024.1/approved/foo.rst', '../implemented/foo.rst');
    hashes.c3 = repo.commit('Move implemented specs', { date: '2024-04-01T09:00:00Z', author: 'Dee', email: 'dee@example.invalid' });
    repo.write('specs/2024.2/approved/foo.rst', `${body('Foo again')}Second part.\n`);
    repo.move('specs/2024.1-template.rst', 'specs/2024.2/approved/bar.rst');
    repo.link('specs/2024.2/approved/qux.rst', '../../2024.1/approved/qux.rst');
    hashes.c4 = repo.commit('Propose foo again, and bar', { date: '2024-05-01T09:00:00Z', author: 'Eve', email: 'eve@example.invalid' });

    const git = new GitRepository(repo.dir);
    const head = await git.headRevision();
    tree = readTree(await git.listFiles(head));
    moves = (await Promise.all(tree.redirects.map(async (f) => parseRedirects((await git.readBlob(head, f)).toString('utf8'), f).moves))).flat();
    const files = await git.listFiles(head);
    const targets = new Map(files.filter((f) => f.type === 'symlink').map((f) => [f.path, linkTarget(f.path, f.target!)!]));
    const histories = await git.fileHistory([...tree.specs.flatMap((s) => s.files.map((f) => f.path)), ...targets.keys()], head);
    lives = new Map(
      tree.specs.map((s) => [
        s.key,
        specLifecycle({
          key: s.key,
          layout: tree.layout,
          moves,
          histories: s.files.map((f) => ({ path: f.path, commits: histories.get(f.path)! })),
          aliases: s.aliases.map((a) => ({ path: a, target: targets.get(a)!, commits: histories.get(a)! })),
        }),
      ]),
    );
  });
  afterAll(() => repo.remove());

  it('finds the specs, the link as an alias, and the redirects', () => {
    expect(tree.layout).toBe('nova-specs');
    expect(tree.specs.map((s) => [s.key, s.files.map((f) => f.path), s.aliases])).toEqual([
      ['bar', ['specs/2024.2/approved/bar.rst'], []],
      ['baz', ['specs/2024.1/implemented/baz.rst'], []],
      ['foo', ['specs/2024.1/implemented/foo.rst', 'specs/2024.2/approved/foo.rst'], ['specs/2024.1/approved/foo.rst']],
      ['qux', ['specs/2024.1/approved/qux.rst'], ['specs/2024.2/approved/qux.rst']],
    ]);
    expect(moves).toHaveLength(2);
    expect(tree.problems).toEqual([]);
  });

  it('follows a spec from approved to implemented and into a later release', () => {
    const foo = lives.get('foo')!;
    expect(foo.history).toEqual([
      { date: '2023-11-01T09:00:00Z', commit: hashes.c1, path: 'specs/2024.1/approved/foo.rst', release: '2024.1', status: 'approved', statusText: 'approved', from: 'git' },
      { date: '2024-04-01T09:00:00Z', commit: hashes.c3, path: 'specs/2024.1/implemented/foo.rst', release: '2024.1', status: 'implemented', statusText: 'implemented', from: 'git' },
      { date: '2024-05-01T09:00:00Z', commit: hashes.c4, path: 'specs/2024.2/approved/foo.rst', release: '2024.2', status: 'approved', statusText: 'approved', from: 'git' },
    ]);
    expect(foo).toMatchObject({ path: 'specs/2024.2/approved/foo.rst', release: '2024.2', status: 'approved', statusText: 'approved', created: '2023-10-01T09:00:00Z', updated: '2024-05-01T09:00:00Z' });
    // First author first, co-authors after their commit's author, once each whatever the case of the address.
    expect(foo.authors.map((a) => a.name)).toEqual(['Ann', 'Bo', 'Cy', 'Dee', 'Eve']);
  });

  it('takes a link from a later release as the spec approved again there, not one pointing back', () => {
    expect(lives.get('qux')!.history.map((s) => [s.commit, s.path, s.release, s.status])).toEqual([
      [hashes.c1, 'specs/2024.1/approved/qux.rst', '2024.1', 'approved'],
      [hashes.c4, 'specs/2024.2/approved/qux.rst', '2024.2', 'approved'],
    ]);
    expect(lives.get('qux')).toMatchObject({ release: '2024.2', path: 'specs/2024.1/approved/qux.rst' });
  });

  it('takes a step from a redirects line where git lost the move', () => {
    const baz = lives.get('baz')!;
    expect(baz.history).toEqual([
      { date: '2024-04-01T09:00:00Z', path: 'specs/2024.1/approved/baz.rst', release: '2024.1', status: 'approved', statusText: 'approved', from: 'redirects' },
      { date: '2024-04-01T09:00:00Z', commit: hashes.c3, path: 'specs/2024.1/implemented/baz.rst', release: '2024.1', status: 'implemented', statusText: 'implemented', from: 'git' },
    ]);
    expect(baz.status).toBe('implemented');
    expect(baz.created).toBe('2024-04-01T09:00:00Z');
  });

  it('starts a spec made from the template at its making, not at the template’s', () => {
    const bar = lives.get('bar')!;
    expect(bar.history.map((s) => [s.commit, s.path, s.status])).toEqual([[hashes.c4, 'specs/2024.2/approved/bar.rst', 'approved']]);
    expect(bar.created).toBe('2024-05-01T09:00:00Z');
    expect(bar.authors.map((a) => a.name)).toEqual(['Eve']);
  });
});

const commit = (hash: string, date: string, change: FileCommit['change'], author = 'Ann'): FileCommit => ({ hash, date, committed: date, author: { name: author, email: `${author.toLowerCase()}@example.invalid` }, coAuthors: [], change });

describe('specLifecycle (pure cases)', () => {
  it('reads the early folder-less form and a redirects chain', () => {
    const moves = parseRedirects('x.rst approved/x.rst', 'specs/juno/redirects').moves.concat(parseRedirects('approved/x.rst ../implemented/x.rst', 'specs/juno/redirects').moves);
    const life = specLifecycle({
      key: 'x',
      layout: 'nova-specs',
      moves,
      histories: [{ path: 'specs/juno/implemented/x.rst', commits: [commit('c2', '2014-09-01T00:00:00Z', { status: 'A', path: 'specs/juno/implemented/x.rst' })] }],
    });
    expect(life.history.map((s) => [s.path, s.status, s.from])).toEqual([
      ['specs/juno/x.rst', 'approved', 'redirects'],
      ['specs/juno/approved/x.rst', 'approved', 'redirects'],
      ['specs/juno/implemented/x.rst', 'implemented', 'git'],
    ]);
    // Dated like the move git shows, the chain in its order.
    expect(new Set(life.history.map((s) => s.date))).toEqual(new Set(['2014-09-01T00:00:00Z']));
  });

  it('builds a KEP life from its kep.yaml versions, its moves taking the status of the time', () => {
    const readme = 'keps/sig-node/2033-userns/README.md';
    const life = specLifecycle({
      key: 'sig-node/2033-userns',
      layout: 'kep',
      histories: [
        {
          path: readme,
          commits: [
            commit('c3', '2023-01-01T00:00:00Z', { status: 'M', path: readme }, 'Cy'),
            commit('c2', '2022-01-01T00:00:00Z', { status: 'R', path: readme, from: 'keps/sig-node/2033-userns.md' }, 'Bo'),
            commit('c1', '2021-01-01T00:00:00Z', { status: 'A', path: 'keps/sig-node/2033-userns.md' }),
          ],
        },
      ],
      metadata: [
        { date: '2023-01-01T00:00:00Z', commit: 'c3', path: readme, statusText: 'Implementable', release: 'v1.27' },
        { date: '2021-01-01T00:00:00Z', commit: 'c1', path: 'keps/sig-node/2033-userns.md', statusText: 'provisional', release: 'v1.22' },
        { date: '2022-06-01T00:00:00Z', commit: 'c2b', path: readme, statusText: 'provisional', release: 'v1.22' },
        { date: '2024-01-01T00:00:00Z', commit: 'c4', path: readme, statusText: 'implemented', release: 'v1.30' },
      ],
    });
    expect(life.history).toEqual([
      { date: '2021-01-01T00:00:00Z', commit: 'c1', path: 'keps/sig-node/2033-userns.md', release: 'v1.22', status: 'proposed', statusText: 'provisional', from: 'metadata' },
      { date: '2022-01-01T00:00:00Z', commit: 'c2', path: readme, release: 'v1.22', status: 'proposed', statusText: 'provisional', from: 'git' },
      { date: '2023-01-01T00:00:00Z', commit: 'c3', path: readme, release: 'v1.27', status: 'approved', statusText: 'Implementable', from: 'metadata' },
      { date: '2024-01-01T00:00:00Z', commit: 'c4', path: readme, release: 'v1.30', status: 'implemented', statusText: 'implemented', from: 'metadata' },
    ]);
    expect(life).toMatchObject({ path: readme, release: 'v1.30', status: 'implemented', created: '2021-01-01T00:00:00Z', updated: '2023-01-01T00:00:00Z' });
    expect(life.authors.map((a) => a.name)).toEqual(['Ann', 'Bo', 'Cy']);
  });

  it('keeps an unknown status as written, and knows nothing without history', () => {
    const life = specLifecycle({ key: 'x', layout: 'nova-specs', histories: [{ path: 'specs/2025.1/parked/x.rst', commits: [commit('c1', '2025-01-01T00:00:00Z', { status: 'M', path: 'specs/2025.1/parked/x.rst' })] }] });
    expect(life).toMatchObject({ status: 'other', statusText: 'parked', release: '2025.1' });
    expect(specLifecycle({ key: 'x', layout: 'kep', histories: [] })).toEqual({ history: [], status: 'other', statusText: '', authors: [] });
  });
});
