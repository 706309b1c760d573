import type { Rng } from './prng.ts';
import { CRITICAL, POSITIVE, REPLIES } from './phrases.ts';

/**
 * Words for the demo's GitHub repositories: pull request titles, bodies and branches, review
 * and conversation comments, the files they touch and the diff hunks inline comments quote.
 * Nothing here holds an `@` (no e-mail addresses, and no @-mentions either, so a test can
 * assert the whole world has none).
 */

export type RepoKey = 'cli' | 'provider';
export type PullKind = 'feature' | 'fix' | 'docs' | 'chore' | 'refactor' | 'test';

interface RepoWords {
  subjects: string[];
  areas: string[];
  files: string[];
  templates: Record<PullKind, string[]>;
}

const CLI: RepoWords = {
  subjects: ['server list', 'server create', 'server resize', 'server console', 'volume attach', 'volume snapshot', 'network create', 'router set', 'image upload', 'quota show', 'keypair import', 'login', 'config use-profile'],
  areas: ['table output', 'JSON output', 'pagination', 'token refresh', 'retries', 'config profiles', 'shell completion', 'progress bars', 'error messages', 'proxy support', 'region selection'],
  files: [
    'cmd/server/list.go', 'cmd/server/create.go', 'cmd/server/resize.go', 'cmd/volume/attach.go', 'cmd/network/create.go', 'cmd/root.go',
    'internal/client/client.go', 'internal/client/retry.go', 'internal/auth/token.go', 'internal/config/config.go', 'internal/output/table.go',
    'internal/output/json.go', 'internal/pager/pager.go', 'internal/client/client_test.go', 'cmd/server/list_test.go', 'docs/commands.md', 'README.md', 'CHANGELOG.md',
  ],
  templates: {
    feature: ['Add --output json to `aurora {subject}`', 'Add a --wait flag to `aurora {subject}`', 'Support {area} in `aurora {subject}`', 'cli: add `aurora {subject} --all-projects`', 'Show the request id in {area}'],
    fix: ['Fix {area} in `aurora {subject}`', 'Do not retry `aurora {subject}` on 4xx errors', 'Handle expired tokens in `aurora {subject}`', 'Fix panic in {area} when the API returns no body', 'Respect NO_COLOR in {area}'],
    docs: ['docs: document `aurora {subject}`', 'docs: explain {area} in the README', 'docs: fix examples for `aurora {subject}`'],
    chore: ['chore: update golangci-lint configuration', 'ci: run the tests on Go 1.22 and 1.23', 'chore: tidy go.mod', 'Release notes for the next minor version'],
    refactor: ['Refactor {area} into internal/output', 'Move `aurora {subject}` flags into a shared helper', 'Split the API client from {area}'],
    test: ['test: cover {area}', 'Add golden tests for `aurora {subject}`', 'test: table-driven tests for {area}'],
  },
};

const PROVIDER: RepoWords = {
  subjects: ['aurora_instance', 'aurora_volume', 'aurora_network', 'aurora_subnet', 'aurora_router', 'aurora_security_group', 'aurora_floating_ip', 'aurora_keypair', 'aurora_image (data source)', 'aurora_flavor (data source)'],
  areas: ['import support', 'timeouts', 'plan modifiers', 'state upgrade', 'acceptance tests', 'tag handling', 'drift detection', 'provider configuration'],
  files: [
    'internal/provider/provider.go', 'internal/provider/resource_instance.go', 'internal/provider/resource_instance_test.go', 'internal/provider/resource_volume.go',
    'internal/provider/resource_network.go', 'internal/provider/resource_security_group.go', 'internal/provider/data_source_image.go', 'internal/provider/data_source_flavor.go',
    'internal/client/client.go', 'docs/resources/instance.md', 'docs/resources/security_group.md', 'examples/resources/aurora_instance/resource.tf', 'CHANGELOG.md', 'go.mod',
  ],
  templates: {
    feature: ['{subject}: add {area}', '{subject}: support in-place updates', 'New resource: {subject}', '{subject}: expose computed attributes for {area}'],
    fix: ['{subject}: fix perpetual diff after apply', '{subject}: fix {area} on refresh', 'Fix crash when {subject} is deleted outside Terraform', '{subject}: wait for the resource to become active'],
    docs: ['docs: examples for {subject}', 'docs: describe {area}', 'docs: regenerate the registry pages'],
    chore: ['chore: bump the minimum Terraform version', 'ci: run acceptance tests nightly', 'chore: update goreleaser configuration'],
    refactor: ['Migrate {subject} to the plugin framework', 'Share {area} between resources', 'Refactor the client wrapper for {subject}'],
    test: ['acctest: cover {area} for {subject}', 'Add unit tests for {subject} schema', 'test: sweepers for {subject}'],
  },
};

export const REPO_WORDS: Record<RepoKey, RepoWords> = { cli: CLI, provider: PROVIDER };

const KIND_WEIGHTS: Record<PullKind, number> = { feature: 0.32, fix: 0.34, docs: 0.1, chore: 0.08, refactor: 0.08, test: 0.08 };
const KINDS = Object.keys(KIND_WEIGHTS) as PullKind[];

export function pickKind(rng: Rng): PullKind {
  return KINDS[rng.weighted(KINDS.map((k) => KIND_WEIGHTS[k]))] as PullKind;
}

export function pullTitle(rng: Rng, repo: RepoKey, kind: PullKind): string {
  const w = REPO_WORDS[repo];
  return rng.pick(w.templates[kind]).replace('{subject}', rng.pick(w.subjects)).replace('{area}', rng.pick(w.areas));
}

/** `fix/server-list-pagination`, or the author's own prefix, as people name branches. */
export function branchName(rng: Rng, login: string, kind: PullKind, title: string): string {
  const slug = title
    .toLowerCase()
    .replace(/^[a-z]+: /, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .split('-')
    .slice(0, 5)
    .join('-');
  const prefix = rng.chance(0.3) ? login.toLowerCase() : kind;
  return `${prefix}/${slug || 'change'}`;
}

const WHY = [
  'Operators scripting against the CLI asked for machine-readable output; the table is hard to parse.',
  'When the API returns a 503 during a rolling upgrade the command fails at once instead of retrying.',
  'The current behaviour surprised several people in the issue tracker.',
  'This was only tested by hand so far; the new tests make regressions visible in CI.',
  'The previous implementation re-read the whole list on every page, which is slow on large projects.',
  'Terraform shows a diff on every plan because the API normalises the value we send.',
  'The resource did not wait for the backend, so dependent resources failed on the first apply.',
];
const HOW = [
  'The change keeps the existing flags and only adds new ones.',
  'The helper is shared with the other commands in a follow-up.',
  'No behaviour change for existing configurations.',
  'The state upgrader moves the old attribute into the new block.',
  'Errors now carry the request id so support can find them in the logs.',
];
const TESTING: Record<RepoKey, string[]> = {
  cli: ['`go test ./...`', 'Tried it by hand against a devstack.', 'Added golden files for the new output.', 'Ran `aurora server list --all-projects` against the staging cloud.'],
  provider: ['`go test ./...`', 'Ran the acceptance tests against the staging cloud (`TF_ACC=1 make testacc`).', 'Applied the example configuration twice: the second plan is empty.'],
};

/** A pull request body with the template's sections; sometimes empty, as many are. */
export function pullBody(rng: Rng, repo: RepoKey, issue: number | undefined): string | null {
  if (rng.chance(0.12)) return rng.chance(0.5) ? null : '';
  const lines = ['## Summary', '', rng.pick(WHY), rng.pick(HOW), ''];
  if (issue !== undefined) lines.push(`Fixes #${issue}`, '');
  lines.push('## Testing', '', `- ${rng.pick(TESTING[repo])}`);
  if (rng.chance(0.5)) lines.push(`- ${rng.pick(TESTING[repo])}`);
  lines.push('', '## Checklist', '', `- [x] Tests added or updated`, `- [${rng.chance(0.7) ? 'x' : ' '}] CHANGELOG entry${repo === 'provider' ? ' (`.changelog/`)' : ''}`, `- [${rng.chance(0.6) ? 'x' : ' '}] Documentation updated`);
  return lines.join('\n');
}

export const APPROVE_BODIES = ['', '', '', 'LGTM', 'LGTM, thanks!', 'Looks good to me.', 'Nice, thanks for the tests.', 'Ship it.'];
export const CHANGES_BODIES = [...CRITICAL.slice(0, 4), 'A couple of things inline, otherwise this looks fine.', 'This needs a CHANGELOG entry before it can go in.', 'Please add a test for the error path.'];
export const COMMENT_BODIES = ['', '', 'A few questions inline.', 'Not blocking, some thoughts inline.', 'I had a look; one question below.'];

const INLINE = [
  'Can this be a constant? It is used in three places.',
  'This swallows the error; please wrap it with `fmt.Errorf("...: %w", err)`.',
  'Nit: the flag description should start with a capital letter.',
  'What happens when the list is empty here?',
  'This will panic if `resp` is nil.',
  'Should this honour the context deadline?',
  'I think the default should stay the same for backwards compatibility.',
  'Please keep the attribute `Computed` too, otherwise imports show a diff.',
  'Is the sleep needed? The waiter already polls.',
  'Could you add a test case for this branch?',
];
const INLINE_REPLIES = ['Done.', 'Good catch, fixed.', 'Changed in the latest push.', 'I kept it: the API can return an empty body there.', 'Added a test.', 'Agreed, moved it.'];
const CONVERSATION = [
  'Thanks for the review! I pushed an update.',
  'Rebased on main.',
  'Friendly ping: could someone take a look?',
  'I will pick this up again next week.',
  'This also fixes the flaky test on Windows, I think.',
  'Thanks for the contribution!',
  ...REPLIES.slice(0, 3),
];
const CLOSE_REASONS = ['Superseded by a different approach, closing.', 'Closing: this landed as part of a larger change.', 'Closing for now, I no longer have time to work on it.', 'Not needed after the client refactor.'];

export function inlineBody(rng: Rng): string {
  return rng.pick(INLINE);
}
export function inlineReply(rng: Rng): string {
  return rng.pick(INLINE_REPLIES);
}
export function conversationBody(rng: Rng): string {
  return rng.pick(CONVERSATION);
}
export function closeReason(rng: Rng): string {
  return rng.pick(CLOSE_REASONS);
}
export function positive(rng: Rng): string {
  return rng.pick(POSITIVE);
}

const GO_LINES = [
  '\tif err != nil {', '\t\treturn err', '\t}', '\tctx, cancel := context.WithTimeout(ctx, timeout)', '\tdefer cancel()', '\tresp, err := c.do(ctx, req)',
  '\tfor _, item := range page.Items {', '\t\tout = append(out, item)', '\treturn out, nil', '\topts := listOptions{Limit: pageSize}', '\tlog.Printf("[DEBUG] waiting for %s", id)',
  '\tif resp.StatusCode >= 500 {', '\t\treturn retryable(err)', '\td.Set("status", server.Status)', '\tcmd.Flags().BoolVar(&wait, "wait", false, "Wait for the operation to finish")',
];
const MD_LINES = ['', '## Usage', '', '```sh', '```', 'The command prints a table by default.', 'Use `--output json` for scripts.', '| Flag | Description |', '|------|-------------|'];
const TF_LINES = ['resource "aurora_instance" "web" {', '  name      = "web-1"', '  flavor_id = data.aurora_flavor.small.id', '  image_id  = data.aurora_image.ubuntu.id', '}', ''];

/**
 * A diff hunk as GitHub quotes it above an inline comment: the header and the lines up to
 * the commented one, which is last. Returns the hunk and the commented line's number in the
 * new file (RIGHT side) and its diff position.
 */
export function diffHunk(rng: Rng, path: string): { hunk: string; line: number; position: number } {
  const pool = path.endsWith('.md') ? MD_LINES : path.endsWith('.tf') ? TF_LINES : GO_LINES;
  const oldStart = rng.int(3, 380);
  const newStart = oldStart + rng.int(0, 12);
  const context = rng.int(2, 5);
  const added = rng.int(1, 4);
  const body: string[] = [];
  for (let i = 0; i < context; i++) body.push(` ${rng.pick(pool)}`);
  for (let i = 0; i < added; i++) body.push(`+${rng.pick(pool)}`);
  const header = `@@ -${oldStart},${context + 3} +${newStart},${context + added + 3} @@${path.endsWith('.go') ? ' func (c *Client) do(ctx context.Context, req *http.Request) (*http.Response, error) {' : ''}`;
  return { hunk: [header, ...body].join('\n'), line: newStart + context + added - 1, position: context + added };
}

export function changedFiles(rng: Rng, repo: RepoKey, count: number): string[] {
  const files = REPO_WORDS[repo].files;
  const out = new Set<string>();
  while (out.size < Math.min(count, files.length)) out.add(rng.pick(files));
  return [...out];
}

/** CI results as the CI app posts them (one comment per run it reports). */
export function ciComment(rng: Rng, repo: RepoKey, sha: string, ok: boolean): string {
  const checks = repo === 'cli' ? ['lint', 'unit (linux)', 'unit (macos)', 'unit (windows)', 'build'] : ['lint', 'unit', 'acceptance (staging)', 'docs'];
  const failed = ok ? -1 : rng.int(0, checks.length - 1);
  const rows = checks.map((c, i) => `| ${c} | ${i === failed ? '❌ failed' : '✅ passed'} |`);
  const run = rng.int(10_000, 99_999);
  return [
    `**aurora-ci** ${ok ? 'passed' : 'failed'} on \`${sha.slice(0, 7)}\``,
    '',
    '| check | result |',
    '|---|---|',
    ...rows,
    '',
    `[Build log](https://ci.aurora.example/runs/${run})`,
  ].join('\n');
}
