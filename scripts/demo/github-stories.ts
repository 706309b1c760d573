import type { Rng } from './prng.ts';
import { CI_BOT, DEPENDABOT, type GithubPerson } from './github-people.ts';
import { another, type PullBuilder } from './github-pulls.ts';
import {
  APPROVE_BODIES, CHANGES_BODIES, COMMENT_BODIES, ciComment, closeReason, conversationBody, inlineBody, inlineReply, positive, type PullKind,
} from './github-text.ts';

/**
 * How a pull request usually goes: CI reports, reviewers are requested, review rounds with
 * inline threads and pushes in between (now and then a force push), then a merge by a
 * maintainer, a close, or nothing yet (open). Dependabot's pulls go their own, shorter way.
 */

export type Outcome = 'merged' | 'closed' | 'open';
const HOUR = 3600;

export interface Cast {
  /** Organization members and collaborators: they review, label and merge. */
  maintainers: readonly GithubPerson[];
  everyone: readonly GithubPerson[];
}

/** A long-tailed delay around `hours`, never under five minutes. */
export function after(rng: Rng, hours: number, sigma = 1): number {
  return Math.max(300, Math.round(rng.logNormal(hours * HOUR, sigma)));
}

export function ci(b: PullBuilder, t: number, chance = 0.55): void {
  const rng = b.ctx.rng;
  if (rng.chance(chance)) b.comment(t + rng.int(6, 35) * 60, CI_BOT, ciComment(rng, b.ctx.repo, b.head, rng.chance(0.85)));
}

const KIND_LABEL: Record<PullKind, string | undefined> = { feature: 'enhancement', fix: 'bug', docs: 'documentation', chore: undefined, refactor: undefined, test: 'tests' };

export interface HumanOptions {
  kind: PullKind;
  outcome: Outcome;
  /** Review rounds before the last; drawn when absent. */
  rounds?: number;
  /** Chance that a push between rounds is a force push. */
  forceShare?: number;
}

interface Round {
  t: number;
  reviewers: GithubPerson[];
}

function requestReviews(b: PullBuilder, author: GithubPerson, cast: Cast, kind: PullKind): Round {
  const rng = b.ctx.rng;
  let t = b.created;
  const first = another(rng, cast.maintainers, t, [author.login]);
  const second = rng.chance(0.35) ? another(rng, cast.maintainers, t, [author.login, first?.login ?? null]) : undefined;
  const reviewers = [first, second].filter((p): p is GithubPerson => p !== undefined);
  const maintainer = author.member || author.collaborator;
  // Only people with write access request reviews and label: the author if they can, else a triaging maintainer later.
  t += maintainer ? rng.int(1, 15) * 60 : after(rng, 10);
  const actor = maintainer ? author.login : (reviewers[0]?.login ?? null);
  for (const r of reviewers) b.request(t, actor, r.login);
  const label = KIND_LABEL[kind];
  if (label && actor && rng.chance(0.7)) b.label(t + 30, label, actor);
  if (actor && rng.chance(0.25)) b.label(t + 40, rng.pick(['area/auth', 'area/output', 'area/client', 'breaking-change', 'good first issue']), actor);
  return { t, reviewers };
}

/** One round that asks for changes: inline threads, the author's answers, a push. */
function changesRound(b: PullBuilder, author: GithubPerson, cast: Cast, round: Round, forceShare: number): number {
  const rng = b.ctx.rng;
  let t = round.t;
  const reviewer = round.reviewers.length ? rng.pick(round.reviewers) : another(rng, cast.maintainers, t, [author.login]);
  if (!reviewer) return t;
  const inline = Array.from({ length: rng.int(1, 3) }, () => inlineBody(rng));
  const asks = rng.chance(0.55);
  const review = b.review(t, reviewer.login, asks ? 'CHANGES_REQUESTED' : 'COMMENTED', rng.pick(asks ? CHANGES_BODIES : COMMENT_BODIES), inline);
  let next = t + after(rng, 8);
  // A drive-by review from someone without write access, before the author answers.
  if (rng.chance(0.15)) {
    const passer = another(rng, cast.everyone, t, [author.login, reviewer.login]);
    const when = t + after(rng, 3);
    if (passer) b.review(when, passer.login, 'COMMENTED', rng.pick(COMMENT_BODIES), [inlineBody(rng)]);
    next = Math.max(next, when + 600);
  }
  t = next;
  for (const thread of b.threadsOf(review)) {
    if (!rng.chance(0.65)) continue;
    const answer = b.reply(t, author.login, thread, inlineReply(rng));
    t += rng.int(1, 20) * 60;
    if (rng.chance(0.25)) {
      t += after(rng, 3);
      b.reply(t, reviewer.login, answer, rng.pick(['Thanks!', 'Makes sense.', 'OK, fair enough.']));
    }
  }
  t += after(rng, 4);
  b.push(t, rng.chance(forceShare));
  ci(b, t, 0.45);
  if (rng.chance(0.3)) b.comment(t + rng.int(2, 30) * 60, author.login, conversationBody(rng));
  return t;
}

/** The approvals; returns who approved and when the last did. */
function approve(b: PullBuilder, author: GithubPerson, cast: Cast, round: Round): { t: number; approvers: GithubPerson[] } {
  const rng = b.ctx.rng;
  let t = round.t;
  const approvers = round.reviewers.length ? [...round.reviewers] : [another(rng, cast.maintainers, t, [author.login])].filter((p): p is GithubPerson => p !== undefined);
  for (const a of approvers) {
    const nit = rng.chance(0.15) ? [inlineBody(rng)] : [];
    b.review(t, a.login, 'APPROVED', rng.pick(APPROVE_BODIES), nit);
    t += after(rng, 2);
  }
  return { t, approvers };
}

export function humanStory(b: PullBuilder, author: GithubPerson, cast: Cast, options: HumanOptions): void {
  const rng = b.ctx.rng;
  if (rng.chance(0.06)) b.event(b.created + rng.int(60, 3 * HOUR), 'renamed', author.login, { rename: { from: `WIP: ${b.title}`, to: b.title } });
  b.draft = rng.chance(0.12);
  ci(b, b.created);
  const round = requestReviews(b, author, cast, options.kind);
  if (b.draft) {
    if (options.outcome === 'open' && rng.chance(0.6)) return;
    round.t += after(rng, 30);
    b.event(round.t, 'ready_for_review', author.login);
    b.draft = false;
  }
  const outcome = options.outcome;
  const rounds = options.rounds ?? (outcome === 'merged' ? Number(rng.chance(0.5)) + Number(rng.chance(0.2)) : outcome === 'closed' ? Number(rng.chance(0.5)) : rng.int(0, 1));
  let t = round.t;
  for (let k = 0; k < rounds; k++) {
    round.t = t + after(rng, 18, 1.2);
    t = changesRound(b, author, cast, round, options.forceShare ?? 0.15);
  }
  round.t = t + after(rng, 18, 1.2);
  if (outcome === 'open') {
    if (rng.chance(0.3)) b.comment(round.t, author.login, 'Friendly ping: could someone take a look?');
    return;
  }
  if (outcome === 'closed') {
    const closer = rng.chance(0.5) ? author : (another(rng, cast.maintainers, round.t, [author.login]) ?? author);
    const at = round.t + after(rng, 200);
    b.comment(at - 60, closer.login, closeReason(rng));
    b.close(at, closer.login);
    return;
  }
  const { t: approved, approvers } = approve(b, author, cast, round);
  const selfMerge = (author.member || author.collaborator) && rng.chance(0.4);
  const merger = selfMerge ? author : (approvers[0] ?? author);
  const at = approved + after(rng, 5);
  maybeDismiss(b, merger, at);
  if (!selfMerge && rng.chance(0.2)) b.comment(at - 120, merger.login, rng.chance(0.5) ? 'Thanks for the contribution!' : positive(rng));
  b.merge(at, merger.login);
}

/** Now and then a maintainer dismisses an old change request that was addressed. */
function maybeDismiss(b: PullBuilder, by: GithubPerson, at: number): void {
  const asked = b.reviews.find((r) => r.state === 'CHANGES_REQUESTED' && r.user !== by.login);
  if (asked && b.ctx.rng.chance(0.08)) b.dismiss(at - 300, asked, by.login);
}

export function dependabotStory(b: PullBuilder, cast: Cast, labels: string[], outcome: Outcome): void {
  const rng = b.ctx.rng;
  for (const l of labels) b.label(b.created + 2, l, DEPENDABOT);
  ci(b, b.created, 0.8);
  let t = b.created + after(rng, 30);
  // Dependabot rebases its branch when main moves: a force push by the bot.
  if (rng.chance(0.3)) {
    b.push(t, true);
    ci(b, t, 0.8);
    t += after(rng, 10);
  }
  if (outcome === 'open') return;
  if (outcome === 'closed') {
    const name = b.title.replace(/^Bump (\S+) .*$/, '$1');
    b.comment(t, DEPENDABOT, `Looks like ${name} is up-to-date now, so this is no longer needed.`);
    b.close(t + 1, DEPENDABOT);
    return;
  }
  const reviewer = another(rng, cast.maintainers, t, []);
  if (!reviewer) return;
  b.review(t, reviewer.login, 'APPROVED', '');
  b.merge(t + after(rng, 1), reviewer.login);
}
