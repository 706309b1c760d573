import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestRepo } from '../../../test/git-repo.ts';
import { GitRepository, type FileCommit } from '../../lib/git.ts';
import { parseKep } from './kep.ts';
import { kepStatusHistory, readKepVersions, withHeadVersion, type KepVersion } from './kep-history.ts';
import { readTree } from './layout.ts';
import { specLifecycle, type Lifecycle } from './lifecycle.ts';

const OLD = 'keps/sig-node/1234-old-name';
const NEW = 'keps/sig-node/1234-new-name';

/** A kep.yaml long enough for git to see it renamed after a small edit. */
function kepYaml(fields: { status: string; stage: string; latest: string; title?: string }): string {
  return `title: ${fields.title ?? 'Thing for nodes'}
kep-number: 1234
authors:
  - "@ann"
  - "@bo"
owning-sig: sig-node
participating-sigs:
  - sig-apps
  - sig-storage
status: ${fields.status}
creation-date: 2021-01-10
reviewers:
  - "@cy"
  - "@dee"
approvers:
  - "@eve"
see-also:
  - "/keps/sig-node/1000-other"
stage: ${fields.stage}
latest-milestone: "${fields.latest}"
milestone:
  alpha: "v1.20"
  beta: "v1.23"
  stable: "v1.25"
feature-gates:
  - name: ThingForNodes
    components:
      - kubelet
disable-supported: true
`;
}

const readme = (title: string) => `# KEP-1234: ${title}\n\n${'## Summary\n\nA summary of the thing, at some length so that git sees the file renamed.\n\n'.repeat(8)}`;

/**
 * One KEP whose kep.yaml goes provisional -> implementable (a title edit between, which is no
 * step) -> a broken version -> (its folder renamed, stage beta) -> implemented/stable; and a
 * second KEP, implementable since its only version.
 */
describe('KEP status history from every kep.yaml version', () => {
  let repo: TestRepo;
  let git: GitRepository;
  const c: Record<string, string> = {};
  let versions: Map<string, KepVersion[]>;
  let life: Lifecycle;
  let problems: string[];

  beforeAll(async () => {
    repo = TestRepo.temp();
    repo.write(`${OLD}/README.md`, readme('Thing'));
    repo.write(`${OLD}/kep.yaml`, kepYaml({ status: 'provisional', stage: 'alpha', latest: 'v1.20' }));
    repo.write('keps/sig-apps/2000-other/README.md', readme('Other'));
    repo.write('keps/sig-apps/2000-other/kep.yaml', kepYaml({ status: 'implementable', stage: 'alpha', latest: 'v1.21', title: 'Other' }));
    c.c1 = repo.commit('KEP-1234: provisional', { date: '2021-01-10T10:00:00Z' });
    repo.write(`${OLD}/kep.yaml`, kepYaml({ status: 'implementable', stage: 'alpha', latest: 'v1.20' }));
    c.c2 = repo.commit('KEP-1234: implementable', { date: '2021-05-01T10:00:00Z', committed: '2021-06-01T10:00:00Z' });
    repo.write(`${OLD}/kep.yaml`, kepYaml({ status: 'implementable', stage: 'alpha', latest: 'v1.20', title: 'Thing for the nodes' }));
    c.c3 = repo.commit('KEP-1234: retitle', { date: '2021-07-01T10:00:00Z' });
    repo.write(`${OLD}/kep.yaml`, kepYaml({ status: '[implementable', stage: 'alpha', latest: 'v1.20', title: 'Thing for the nodes' }));
    c.c4 = repo.commit('KEP-1234: a broken edit', { date: '2021-09-01T10:00:00Z' });
    repo.move(`${OLD}/README.md`, `${NEW}/README.md`);
    repo.move(`${OLD}/kep.yaml`, `${NEW}/kep.yaml`);
    repo.write(`${NEW}/kep.yaml`, kepYaml({ status: 'implementable', stage: 'beta', latest: 'v1.23', title: 'Thing for the nodes' }));
    c.c5 = repo.commit('KEP-1234: rename, beta', { date: '2022-01-01T10:00:00Z' });
    repo.write(`${NEW}/kep.yaml`, kepYaml({ status: 'implemented', stage: 'stable', latest: 'v1.25', title: 'Thing for the nodes' }));
    c.c6 = repo.commit('KEP-1234: implemented', { date: '2022-06-01T10:00:00Z' });

    git = new GitRepository(repo.dir);
    const head = await git.headRevision();
    const tree = readTree(await git.listFiles(head));
    const spec = tree.specs.find((s) => s.key === 'sig-node/1234-new-name')!;
    const kepFiles = tree.specs.flatMap((s) => Object.values(s.metadata));
    const histories = await git.fileHistory([...tree.specs.flatMap((s) => s.files.map((f) => f.path)), ...kepFiles], head);
    versions = await readKepVersions(git, new Map(kepFiles.map((p) => [p, histories.get(p)!])));
    const headText = (await git.readBlob(head, `${NEW}/kep.yaml`)).toString('utf8');
    const past = kepStatusHistory(versions.get(`${NEW}/kep.yaml`)!, headText);
    problems = past.problems;
    life = specLifecycle({ key: spec.key, layout: 'kep', histories: [{ path: `${NEW}/README.md`, commits: histories.get(`${NEW}/README.md`)! }], metadata: withHeadVersion(past.metadata, parseKep(headText, `${NEW}/kep.yaml`).meta, histories.get(`${NEW}/kep.yaml`)![0], `${NEW}/README.md`) });
  });
  afterAll(() => repo.remove());

  it('reads every version of every kep.yaml, across the folder rename, in a batch', () => {
    const ours = versions.get(`${NEW}/kep.yaml`)!;
    expect(ours.map((v) => [v.commit.hash, v.commit.change.path])).toEqual([
      [c.c6, `${NEW}/kep.yaml`],
      [c.c5, `${NEW}/kep.yaml`],
      [c.c4, `${OLD}/kep.yaml`],
      [c.c3, `${OLD}/kep.yaml`],
      [c.c2, `${OLD}/kep.yaml`],
      [c.c1, `${OLD}/kep.yaml`],
    ]);
    expect(ours[1]!.text).toContain('stage: beta');
    expect(versions.get('keps/sig-apps/2000-other/kep.yaml')!.map((v) => v.commit.hash)).toEqual([c.c1]);
  });

  it('gives a step per status, stage or milestone change, dated by its commit, at the path of the time', () => {
    expect(life.history).toEqual([
      { date: '2021-01-10T10:00:00Z', commit: c.c1, path: `${OLD}/README.md`, release: 'v1.20', status: 'proposed', statusText: 'provisional', stage: 'alpha', from: 'metadata' },
      { date: '2021-06-01T10:00:00Z', commit: c.c2, path: `${OLD}/README.md`, release: 'v1.20', status: 'approved', statusText: 'implementable', stage: 'alpha', from: 'metadata' },
      { date: '2022-01-01T10:00:00Z', commit: c.c5, path: `${NEW}/README.md`, release: 'v1.23', status: 'approved', statusText: 'implementable', stage: 'beta', from: 'metadata' },
      { date: '2022-06-01T10:00:00Z', commit: c.c6, path: `${NEW}/README.md`, release: 'v1.25', status: 'implemented', statusText: 'implemented', stage: 'stable', from: 'metadata' },
    ]);
    expect(life).toMatchObject({ path: `${NEW}/README.md`, status: 'implemented', release: 'v1.25', created: '2021-01-10T10:00:00Z' });
  });

  it('leaves the malformed version out, naming its file, line and commit, and keeps the rest', () => {
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(new RegExp(`^${OLD}/kep\\.yaml:\\d+ in commit ${c.c4!.slice(0, 12)} \\(2021-09-01T10:00:00Z\\): .+; this version is left out of the status history$`));
  });
});

const fileCommit = (hash: string, date: string, path: string): FileCommit => ({ hash, date, committed: date, author: { name: 'A', email: '' }, coAuthors: [], change: { status: 'M', path } });

describe('kepStatusHistory and withHeadVersion (pure cases)', () => {
  const file = 'keps/sig-x/1-a/kep.yaml';

  it('skips a version without a status quietly, and does not report a broken head twice', () => {
    const broken = 'title: [x\n';
    const { metadata, problems } = kepStatusHistory(
      [
        { commit: fileCommit('c3', '2023-03-01T00:00:00Z', file), text: broken },
        { commit: fileCommit('c2', '2023-02-01T00:00:00Z', file), text: 'title: A\n' },
        { commit: fileCommit('c1', '2023-01-01T00:00:00Z', file), text: 'title: A\nstatus: provisional\n' },
      ],
      broken,
    );
    expect(metadata).toEqual([{ date: '2023-01-01T00:00:00Z', commit: 'c1', path: 'keps/sig-x/1-a/README.md', statusText: 'provisional' }]);
    expect(problems).toEqual([]);
  });

  it('adds the head’s status when the newest version read does not say it', () => {
    const head = parseKep('title: A\nstatus: implemented\nstage: stable\n', file).meta;
    const past = [{ date: '2023-01-01T00:00:00Z', commit: 'c1', path: 'p/README.md', statusText: 'provisional' }];
    expect(withHeadVersion(past, head, fileCommit('c9', '2024-01-01T00:00:00Z', file), 'p/README.md')).toEqual([...past, { date: '2024-01-01T00:00:00Z', commit: 'c9', path: 'p/README.md', statusText: 'implemented', stage: 'stable' }]);
    const same = [{ date: '2024-01-01T00:00:00Z', commit: 'c9', path: 'p/README.md', statusText: 'implemented', stage: 'stable' }];
    expect(withHeadVersion(same, head, fileCommit('c9', '2024-01-01T00:00:00Z', file), 'p/README.md')).toEqual(same);
    expect(withHeadVersion([], parseKep('title: A\n', file).meta, undefined, 'p/README.md')).toEqual([]);
  });
});
