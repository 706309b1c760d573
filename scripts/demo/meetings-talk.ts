/**
 * What is said in a demo meeting: the chair's agenda (roll call, last meeting's actions, a few
 * project topics, open discussion), the chatter under each topic, #info, #link, #agreed and
 * #action lines naming their owners, and now and then a vote. The words come from the project
 * vocabularies (phrases.ts); the bot's answers come from meetbot.ts as the lines are said.
 */
import type { ProjectName } from './community.ts';
import type { MeetBotSession } from './meetbot.ts';
import { vocabulary } from './phrases.ts';
import type { Rng } from './prng.ts';

export interface OpenAction {
  /** Who took it (a person id, so a renamed nick still finds it). */
  owner: number;
  /** The task, after "<nick> to ". */
  task: string;
  /** Meetings it has been carried over so far. */
  carried: number;
  /** Carried this many times, then done. */
  lasts: number;
}

export interface Speaker {
  id: number;
  /** The nick this person uses in this meeting. */
  nick: string;
}

export interface TalkContext {
  rng: Rng;
  s: MeetBotSession;
  project: ProjectName;
  chair: Speaker;
  cochair?: Speaker | undefined;
  people: Speaker[];
  /** Open actions of the team, updated in place. */
  actions: OpenAction[];
  /** meetingology votes with +1/-1, OpenDev's with #startvote. */
  flavour: 'opendev' | 'meetingology';
  release: string;
  /** The nick a person usually goes by (for actions of people not at this meeting). */
  nickOf: (id: number) => string;
  /** Unix seconds, moved forward as lines are said. */
  t: number;
}

const GREETINGS = ['o/', 'hi', '\\o', 'hello', 'morning', 'o/ hi all', 'hey', 'here', 'hi everyone'];
const AGREE = ['+1', 'makes sense', 'agreed', 'sounds good to me', 'works for me', '++', 'fine by me'];
const DOUBT = ['not sure about that, it touches the upgrade path', 'we tried that last cycle and reverted it', 'is there a spec for it?', 'that needs a release note at least', 'I would rather wait for the CI to settle'];
const STATUS = [
  'the fix for {thing} is up for review, it needs a second core',
  'I looked at {thing} again, it only fails on the multinode job',
  'there are two new bugs about {thing}, both look like duplicates',
  '{area} has a backlog of reviews, any help welcome',
  'the {area} rework is close, one more patch set',
  'the gate is mostly green this week apart from {thing}',
  'I reproduced the {thing} issue locally, it is a race in the cleanup',
  'we should backport the {thing} fix to the last two stable branches',
];
const TOPICS = ['Bugs', 'Gate status', 'Reviews needing attention', 'Release {release} planning', 'Stable branches', '{area} rework', '{thing} design', 'PTG planning', 'Specs'];
const TASKS = [
  'triage the new {area} bugs',
  'review the {thing} patches',
  'write the release note for {thing}',
  'send the {release} schedule to the list',
  'check the {thing} failure on the multinode job',
  'update the {area} docs',
  'propose the {thing} backport',
  'ping the PTL about the {area} spec',
];
const VOTES = ['Should we make {thing} the default in {release}?', 'Drop the legacy {area} API in {release}?', 'Move the meeting one hour earlier?'];

function fill(rng: Rng, text: string, project: ProjectName, release: string): string {
  const v = vocabulary(project);
  return text.replace(/\{thing\}/g, () => rng.pick(v.things)).replace(/\{area\}/g, () => rng.pick(v.areas)).replace(/\{release\}/g, release);
}

/** Says a line after a short, long-tailed pause. */
export function say(c: TalkContext, who: Speaker, text: string, pause = c.rng.int(4, 40)): void {
  c.t += pause;
  c.s.say(c.t, who.nick, text);
}

export function me(c: TalkContext, who: Speaker, text: string): void {
  c.t += c.rng.int(5, 30);
  c.s.me(c.t, who.nick, text);
}

const someone = (c: TalkContext, not?: Speaker): Speaker => {
  const others = c.people.filter((p) => p !== not);
  return c.rng.pick(others.length ? others : c.people);
};

export function rollCall(c: TalkContext): void {
  say(c, c.chair, '#topic Roll call', c.rng.int(2, 8));
  for (const p of c.people) if (p !== c.chair && c.rng.chance(0.85)) say(c, p, c.rng.pick(GREETINGS), c.rng.int(2, 25));
  if (c.cochair && c.rng.chance(0.5)) say(c, c.chair, `#chair ${c.cochair.nick}`);
}

/** Last meeting's actions: each owner reports; what is not done is recorded again. */
export function reviewActions(c: TalkContext): void {
  if (!c.actions.length) return;
  say(c, c.chair, '#topic Action items from last meeting');
  for (const a of [...c.actions]) {
    const owner = c.people.find((p) => p.id === a.owner);
    const nick = owner?.nick ?? c.nickOf(a.owner);
    say(c, c.chair, owner === c.chair ? `mine was: ${a.task}` : `${owner ? `${owner.nick}: ` : ''}${a.task}?`);
    if (a.carried >= a.lasts) {
      say(c, owner ?? c.chair, owner ? c.rng.pick(['done', 'done, merged yesterday', 'that one is done', 'done, see the list']) : `${nick} is not here, dropping it`);
      c.actions.splice(c.actions.indexOf(a), 1);
      continue;
    }
    if (owner) say(c, owner, c.rng.pick(['not yet, still on it', 'in progress, next week', 'sorry, no time this week']));
    else say(c, c.chair, 'not here today, carrying it over');
    a.carried++;
    say(c, c.chair, `#action ${nick} to ${a.task}`);
  }
}

/** One project topic: status lines, agreement or doubt, maybe an #info, a #link, an #agreed, an #action. */
export function projectTopic(c: TalkContext, ids: { review: () => number }): void {
  const r = c.rng;
  say(c, c.chair, `#topic ${fill(r, r.pick(TOPICS), c.project, c.release)}`);
  const lines = r.int(2, 6);
  for (let i = 0; i < lines; i++) {
    const who = someone(c);
    const roll = r.next();
    if (roll < 0.45) say(c, who, fill(r, r.pick(STATUS), c.project, c.release));
    else if (roll < 0.7) say(c, who, r.pick(AGREE));
    else if (roll < 0.8) say(c, who, r.pick(DOUBT));
    else if (roll < 0.88) me(c, who, r.pick(['looks at the review queue', 'nods', 'is fighting the VPN today']));
    else say(c, who, `${someone(c, who).nick}: ${fill(r, r.pick(STATUS), c.project, c.release)}`);
  }
  if (r.chance(0.6)) say(c, someone(c), `#info ${fill(r, r.pick(STATUS), c.project, c.release)}`);
  if (r.chance(0.5)) say(c, someone(c), `#link https://review.aurora.example/c/${c.project}/+/${ids.review()}`);
  if (r.chance(0.35)) say(c, c.chair, `#agreed ${fill(r, r.pick(['we backport the {thing} fix', 'the {area} work waits for {release}', 'we ask the list about {thing} before deciding']), c.project, c.release)}`);
  if (r.chance(0.55)) {
    const owner = someone(c);
    const task = fill(r, r.pick(TASKS), c.project, c.release);
    say(c, c.chair, `#action ${owner.nick} to ${task}`);
    c.actions.push({ owner: owner.id, task, carried: 0, lasts: r.chance(0.75) ? 0 : r.int(1, 3) });
  }
}

/** A vote: OpenDev's #startvote/#vote/#endvote, or meetingology's #vote and +1/-1/+0. */
export function vote(c: TalkContext): void {
  const r = c.rng;
  const question = fill(r, r.pick(VOTES), c.project, c.release);
  if (c.flavour === 'opendev') {
    say(c, c.chair, `#startvote ${question} Yes, No`);
    for (const p of c.people) if (r.chance(0.8)) say(c, p, `#vote ${r.chance(0.75) ? 'Yes' : 'No'}`, r.int(3, 20));
  } else {
    say(c, c.chair, `#vote ${question}`);
    for (const p of c.people) if (r.chance(0.8)) say(c, p, r.pick(['+1', '+1', '+1', '-1', '+0']), r.int(3, 20));
  }
  say(c, c.chair, '#endvote');
}

export function openDiscussion(c: TalkContext): void {
  say(c, c.chair, '#topic Open discussion');
  if (c.rng.chance(0.5)) say(c, someone(c), fill(c.rng, 'reminder: {release} feature freeze is coming, get your reviews in', c.project, c.release));
  say(c, c.chair, c.rng.pick(['thanks everyone', 'ok, thanks all', 'thanks all, see you next time', "that's all, thanks"]), c.rng.int(20, 90));
}
