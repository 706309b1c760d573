import { Rng } from './prng.ts';
import { OPTED_OUT_GERRIT, type GithubPerson } from './github-people.ts';
import { PullBuilder, another, type PullContext } from './github-pulls.ts';
import { after, ci, humanStory, type Cast } from './github-stories.ts';
import { changedFiles, inlineBody, inlineReply, pullBody, type RepoKey } from './github-text.ts';

/**
 * The planted pull requests, one per hard case that chance alone might miss. Each has a
 * fixed creation time (its number then follows from the others around it) and its own
 * random stream, so adding one does not change the rest of the world.
 */

/** Strings a page must show as text, never run. */
export const GITHUB_XSS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)'] as const;

/** The brand-new GitHub account whose only pull is still open (FIRST_TIMER); chance never picks them as an author. */
export const FIRST_TIMER_LOGIN = 'byte-heron';
/** The account deleted after its owner left (GitHub shows `ghost` / `null` for it). */
export const DELETED_LOGIN = 'quietpanda';

/** The pull with more than 100 comments and reviews: pages of 100 must be followed. */
export const MANY_COMMENTS = 110;
/** The deliberately enormous body, in characters (all ASCII, so also bytes). */
export const ENORMOUS_BODY = 200_000;

export interface CaseEnv {
  seed: string;
  cast: Cast;
  people: readonly GithubPerson[];
}

export interface Special {
  name: string;
  repo: RepoKey;
  created: number;
  build(ctx: PullContext, number: number, env: CaseEnv): PullBuilder;
}

const at = (text: string): number => Date.parse(text) / 1000;

function maintainer(env: CaseEnv, t: number, not: (string | null)[] = []): GithubPerson {
  const m = another(new Rng(`${env.seed}/github/case-maintainer/${t}`), env.cast.maintainers, t, not);
  if (!m) throw new Error(`demo github: no maintainer active at ${new Date(t * 1000).toISOString()}`);
  return m;
}

function byLogin(env: CaseEnv, login: string): GithubPerson {
  const p = env.people.find((x) => x.login === login);
  if (!p) throw new Error(`demo github: no account ${login}`);
  return p;
}

function builder(ctx: PullContext, number: number, created: number, author: GithubPerson, title: string, body: string | null, branch: string, files: number): PullBuilder {
  const fork = author.member || author.collaborator ? undefined : author.deleted ? null : `${author.login}/${ctx.fullName.split('/')[1]}`;
  return new PullBuilder(ctx, number, created, author.login, title, body, branch, changedFiles(ctx.rng, ctx.repo, files), fork);
}

/** An RFC-sized body: a regenerated API client lists every operation it touched. */
export function enormousBody(seed: string): string {
  const rng = new Rng(`${seed}/github/enormous`);
  const resources = ['servers', 'volumes', 'volume-attachments', 'flavors', 'images', 'keypairs', 'server-groups', 'aggregates', 'hypervisors', 'quota-sets', 'migrations', 'networks', 'ports', 'routers', 'floating-ips', 'security-groups'];
  const verbs: [string, string][] = [['List', 'GET'], ['Show', 'GET'], ['Create', 'POST'], ['Update', 'PUT'], ['Delete', 'DELETE'], ['Action', 'POST']];
  const changes = ['added query parameter `changes-since`', 'added query parameter `tags-any`', 'response field `locked_reason` is now nullable', 'new enum value `SHELVED_OFFLOADED` in `status`', 'request body accepts `hostname`', 'response adds `pinned_availability_zone`', 'error schema now carries `request_id`', 'pagination via `marker` and `limit`', 'field `description` max length 255', 'deprecated field `os-extended-volumes` removed from docs'];
  const head = [
    'This regenerates `internal/api/compute` from the compute API\'s OpenAPI document (up to microversion 2.95) with the pinned generator.',
    'Nothing here is written by hand; the review is about the generator settings in `api/config.yaml` and the few call sites in `cmd/` that had to follow.',
    '',
    '## Changed operations',
    '',
    '<details>',
    '<summary>Every generated operation and schema change</summary>',
    '',
    '| # | Operation | Method | Path | Change |',
    '|---|---|---|---|---|',
  ];
  const rows: string[] = [];
  let length = head.join('\n').length;
  const tail = ['', '</details>', '', '## Testing', '', '- `go test ./...`', '- Golden files regenerated with `make golden`.'].join('\n');
  for (let i = 1; length + tail.length < ENORMOUS_BODY; i++) {
    const res = rng.pick(resources);
    const [verb, method] = rng.pick(verbs);
    const name = `${verb}${res.replace(/(^|-)([a-z])/g, (_, __, c: string) => c.toUpperCase())}`;
    const row = `| ${i} | \`${name}\` | ${method} | \`/v2.1/${res}${verb === 'List' || verb === 'Create' ? '' : '/{id}'}${verb === 'Action' ? '/action' : ''}\` | ${rng.pick(changes)} |`;
    rows.push(row);
    length += row.length + 1;
  }
  const text = `${head.join('\n')}\n${rows.join('\n')}${tail}`;
  return text.length > ENORMOUS_BODY ? text : `${text}\n${'<!-- padding -->'.repeat(Math.ceil((ENORMOUS_BODY - text.length) / 16))}`;
}

const optedOut: Special = {
  name: 'opted-out',
  repo: 'cli',
  created: at('2024-02-13T10:12:41Z'),
  build(ctx, number, env) {
    const author = env.people.find((p) => p.person?.account.username === OPTED_OUT_GERRIT);
    if (!author) throw new Error('demo github: the opted-out person has no GitHub account');
    const b = builder(ctx, number, this.created, author, 'Add a --wait flag to `aurora server create`', pullBody(ctx.rng, 'cli', undefined), `${author.login}/server-create-wait`, 3);
    humanStory(b, author, env.cast, { kind: 'feature', outcome: 'merged', rounds: 1 });
    return b;
  },
};

const deletedAuthor: Special = {
  name: 'deleted-author',
  repo: 'provider',
  created: at('2024-06-11T16:40:03Z'),
  build(ctx, number, env) {
    const author = byLogin(env, DELETED_LOGIN);
    const b = builder(ctx, number, this.created, author, 'aurora_floating_ip: support port_id on create', pullBody(ctx.rng, 'provider', undefined), 'floating-ip-port-id', 3);
    humanStory(b, author, env.cast, { kind: 'feature', outcome: 'open', rounds: 1 });
    // The author went quiet and later deleted the account (and the fork with it); a maintainer closes it.
    const closer = maintainer(env, at('2024-12-09T10:00:00Z'));
    b.comment(at('2024-12-09T10:02:11Z'), closer.login, 'Closing: the fork is gone and the author has left. Anyone is welcome to pick this up again.');
    b.close(at('2024-12-09T10:02:30Z'), closer.login);
    return b;
  },
};

const deletedReviewer: Special = {
  name: 'deleted-reviewer',
  repo: 'cli',
  created: at('2024-05-06T09:05:10Z'),
  build(ctx, number, env) {
    const author = maintainer(env, this.created);
    const reviewer = byLogin(env, DELETED_LOGIN);
    const b = builder(ctx, number, this.created, author, 'Honour HTTPS_PROXY in the API client', pullBody(ctx.rng, 'cli', undefined), 'fix/https-proxy', 2);
    ci(b, this.created, 1);
    let t = this.created + after(ctx.rng, 20);
    const review = b.review(t, reviewer.login, 'COMMENTED', 'Tried this behind our corporate proxy, works. Two questions inline.', [inlineBody(ctx.rng), inlineBody(ctx.rng)]);
    b.comment(t + 120, reviewer.login, 'Also: NO_PROXY with a CIDR range does not match yet, but that can be a follow-up.');
    t += after(ctx.rng, 5);
    for (const thread of b.threadsOf(review)) b.reply(t, author.login, thread, inlineReply(ctx.rng));
    t += after(ctx.rng, 4);
    b.push(t, false);
    const approver = maintainer(env, t, [author.login]);
    t += after(ctx.rng, 10);
    b.review(t, approver.login, 'APPROVED', 'LGTM');
    b.merge(t + 600, approver.login);
    return b;
  },
};

const hostile: Special = {
  name: 'hostile',
  repo: 'cli',
  created: at('2025-01-21T13:37:00Z'),
  build(ctx, number, env) {
    const author = byLogin(env, 'nordlys-ops');
    const body = [
      '## Summary',
      '',
      `A server named ${GITHUB_XSS[1]} broke the table renderer's width calculation; this escapes control characters and HTML in names.`,
      '',
      `See the [rendering notes](${GITHUB_XSS[2]}) and <a href="${GITHUB_XSS[2]}">this link</a> for what the old code did.`,
      '',
      'Fixes a crash, not a security issue: the CLI prints to a terminal.',
    ].join('\n');
    const b = builder(ctx, number, this.created, author, `Escape ${GITHUB_XSS[0]} in server names`, body, 'escape-server-names', 2);
    const reviewer = maintainer(env, this.created);
    let t = this.created + after(ctx.rng, 6);
    b.review(t, reviewer.login, 'CHANGES_REQUESTED', `Please follow [the style guide](${GITHUB_XSS[2]}) and add a test with ${GITHUB_XSS[0]} as the name.`, [`This also needs to handle ${GITHUB_XSS[1]} in the JSON output.`]);
    b.comment(t + 300, author.login, `Added a golden test with the name \`${GITHUB_XSS[0]}\` and one with ${GITHUB_XSS[0]} unquoted.`);
    t += after(ctx.rng, 8);
    b.push(t, false);
    t += after(ctx.rng, 10);
    b.review(t, reviewer.login, 'APPROVED', '');
    b.merge(t + 900, reviewer.login);
    return b;
  },
};

const RFC_LINES = [
  'TOML has comments and no indentation traps, which is most of the bug reports we get about config.yaml.',
  'I would rather not break every existing config file for a format preference.',
  'We could read both and write TOML, with a deprecation warning for YAML.',
  'How do profiles look in TOML? Nested tables get verbose quickly.',
  'Please keep the environment variable overrides working either way.',
  'From the packaging side: one fewer dependency would be nice, the YAML library is big.',
  'Our automation generates config.yaml with Ansible; a migration command would help a lot.',
  '+1 for reading both formats for at least two releases.',
  'What do the other Aurora clients do? Consistency matters more than the format.',
  'I wrote a quick converter, it handles all our profiles: see the gist linked in the issue.',
  'The Terraform provider reads the same file; it would need the same change.',
  'Can we decide this at the next meeting? The thread is going in circles.',
];

const manyComments: Special = {
  name: 'many-comments',
  repo: 'cli',
  created: at('2024-10-01T15:00:00Z'),
  build(ctx, number, env) {
    const rng = ctx.rng;
    const author = maintainer(env, this.created);
    const title = 'RFC: switch the configuration file from YAML to TOML';
    const b = builder(ctx, number, this.created, author, title, 'This proposes reading `config.toml` instead of `config.yaml`.\n\nThe discussion is here rather than in an issue so the prototype can be tried.', 'rfc/config-toml', 5);
    b.event(this.created + 1800, 'renamed', author.login, { rename: { from: 'Switch config to TOML', to: title } });
    let t = this.created + 3600;
    for (let i = 0; i < MANY_COMMENTS; i++) {
      t += rng.int(20, 600) * 60;
      const who = i % 9 === 0 ? author : (another(rng, env.people, t, []) ?? author);
      b.comment(t, who.login, rng.pick(RFC_LINES));
      if (i === 40 || i === 80) b.review(t + 60, maintainer(env, t, [author.login]).login, i === 40 ? 'CHANGES_REQUESTED' : 'COMMENTED', 'If we do this, it needs a migration command first.', [inlineBody(rng)]);
    }
    const closer = author.login;
    b.comment(t + 3600, closer, 'Closing: we agreed at the meeting to read both formats instead (follow-up coming). Thanks everyone.');
    b.close(t + 3700, closer);
    // The thread got heated; a maintainer locked the conversation.
    b.locked = true;
    b.event(t + 7200, 'locked', maintainer(env, t + 7200).login);
    return b;
  },
};

const forcePushed: Special = {
  name: 'force-pushed',
  repo: 'provider',
  created: at('2025-04-14T08:20:00Z'),
  build(ctx, number, env) {
    const author = maintainer(env, this.created);
    const b = builder(ctx, number, this.created, author, 'Migrate aurora_instance to the plugin framework', pullBody(ctx.rng, 'provider', undefined), 'framework/instance', 6);
    humanStory(b, author, env.cast, { kind: 'refactor', outcome: 'merged', rounds: 2, forceShare: 1 });
    return b;
  },
};

const enormous: Special = {
  name: 'enormous-body',
  repo: 'cli',
  created: at('2025-09-08T11:00:00Z'),
  build(ctx, number, env) {
    const author = maintainer(env, this.created);
    const b = builder(ctx, number, this.created, author, 'Regenerate the API client from the compute OpenAPI document', enormousBody(env.seed), 'regen/compute-2.95', 12);
    humanStory(b, author, env.cast, { kind: 'chore', outcome: 'merged', rounds: 0 });
    return b;
  },
};

const dismissed: Special = {
  name: 'dismissed-review',
  repo: 'provider',
  created: at('2025-11-04T10:00:00Z'),
  build(ctx, number, env) {
    const author = byLogin(env, 'tf-wrangler');
    const b = builder(ctx, number, this.created, author, 'aurora_security_group: fix perpetual diff after apply', pullBody(ctx.rng, 'provider', undefined), 'sg-rules-diff', 3);
    const asker = maintainer(env, this.created);
    let t = this.created + after(ctx.rng, 12);
    const review = b.review(t, asker.login, 'CHANGES_REQUESTED', 'The rules need to be sorted before comparing, see inline.', [inlineBody(ctx.rng)]);
    t += after(ctx.rng, 10);
    b.push(t, false);
    // The asker is away; another maintainer checks the fix, dismisses the stale request and merges.
    const other = maintainer(env, t, [asker.login]);
    t += after(ctx.rng, 30);
    b.dismiss(t, review, other.login);
    b.review(t + 60, other.login, 'APPROVED', 'The sorting is in now; dismissing the old request so this can go in.');
    b.merge(t + 400, other.login);
    return b;
  },
};

const draft: Special = {
  name: 'draft',
  repo: 'cli',
  created: at('2026-10-12T09:30:00Z'),
  build(ctx, number, env) {
    const author = maintainer(env, this.created);
    const b = builder(ctx, number, this.created, author, 'WIP: plugin commands (`aurora plugin install`)', 'Early draft for feedback on the plugin manifest format. Not ready for review.', 'plugins-draft', 4);
    b.draft = true;
    const peer = maintainer(env, this.created, [author.login]);
    b.review(this.created + after(ctx.rng, 30), peer.login, 'COMMENTED', 'Early thoughts inline.', [inlineBody(ctx.rng)]);
    return b;
  },
};

const firstTimer: Special = {
  name: 'first-timer',
  repo: 'cli',
  created: at('2026-06-02T18:21:09Z'),
  build(ctx, number, env) {
    const author = byLogin(env, FIRST_TIMER_LOGIN);
    const b = builder(ctx, number, this.created, author, 'docs: fix a typo in the README', 'First contribution! "recieve" -> "receive".', 'patch-1', 1);
    const peer = maintainer(env, this.created);
    b.review(this.created + after(ctx.rng, 40), peer.login, 'COMMENTED', 'Thanks! Could you also fix the same typo in docs/commands.md?');
    return b;
  },
};

export const SPECIALS: readonly Special[] = [optedOut, deletedAuthor, deletedReviewer, hostile, manyComments, forcePushed, enormous, dismissed, draft, firstTimer];
