/**
 * A made-up Hacker News "whoishiring" account for the HN simulator: for every
 * month, a "Who is hiring?" thread of job postings and its two sister threads
 * ("Who wants to be hired?", "Freelancer? Seeking freelancer?"), with replies.
 * Seeded, so the same options give the same world. Postings name Python,
 * OpenStack, both or neither; the share naming both grows steadily over the
 * months ("Python AND OpenStack", from 5% to half). The cases a reader must
 * get right are placed in fixed months (counted from the first):
 *   month 1: a deleted top-level comment (no author, no text, its reply kept)
 *   month 2: a dead top-level comment (`dead: true`, text kept)
 *   month 3: a hiring thread with no postings at all (and a second, normal, one
 *            later in the month: a month with two threads)
 * The truth to check a reader against is in `months` (postings and matches as
 * written, before any reader).
 */
import { Rng } from './prng.ts';

export interface HnItem {
  id: number;
  /** Unix seconds. */
  created_at_i: number;
  type: 'story' | 'comment';
  author: string | null;
  title: string | null;
  text: string | null;
  parent_id: number | null;
  story_id: number | null;
  points: number | null;
  dead?: boolean;
  children: HnItem[];
}

/** What a month holds, as written. */
export interface HnMonthTruth {
  month: string;
  /** Hiring threads' ids, in posting order. */
  threads: number[];
  /** Top-level postings with text (deleted and dead ones not counted). */
  postings: number;
  python: number;
  openstack: number;
  both: number;
  deleted: number;
  dead: number;
}

export interface HnWorld {
  account: string;
  /** Every story of the account, oldest first, with their comment trees. */
  stories: HnItem[];
  months: HnMonthTruth[];
}

export interface HnWorldOptions {
  /** First and last month, `YYYY-MM`. */
  start?: string;
  end?: string;
  seed?: string;
  /** Postings a hiring thread gets, about: from 0.6 times this in the first month to 1.4 times in the last. */
  postings?: number;
}

export const HN_ACCOUNT = 'whoishiring';
const MONTH_NAMES = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

const ROLES = ['Backend Engineer', 'Site Reliability Engineer', 'Data Engineer', 'Full-Stack Developer', 'Platform Engineer', 'Engineering Manager', 'Infrastructure Engineer', 'Security Engineer'];
const PLACES = ['Berlin', 'Lisbon', 'Austin, TX', 'Toronto', 'REMOTE (EU)', 'REMOTE (US)', 'Amsterdam', 'Bangalore', 'Onsite, Zurich'];
const STACKS_PLAIN = ['Go and PostgreSQL', 'Rust and Kafka', 'TypeScript and React', 'Java and Spring', 'Elixir and Phoenix', 'Kotlin on the JVM', 'C++ and CUDA'];
const STACKS_PYTHON = ['Python and Django', 'Python, FastAPI and Postgres', 'Python with pandas and Airflow', 'a Python monolith we are splitting'];
const CLOUDS_PLAIN = ['Kubernetes on bare metal', 'AWS and Terraform', 'our own data centres', 'GCP'];
/** A line some postings add (and most do not), for keywords beyond Python and OpenStack. */
const FOCUS = ['', '', '', ' Experience with storage (Ceph or Swift) is a plus.', ' You know networking: BGP, SDN and load balancers.', ' Comfort with KVM and libvirt virtualization helps.', ' We value open-source contributions.'];
const CLOUDS_OPENSTACK = ['a private OpenStack cloud', 'OpenStack (Nova, Neutron, Ceph)', 'our OpenStack and Kubernetes platform'];
const SYLLABLES = ['ka', 'lo', 'mi', 'ra', 'zen', 'tor', 'vu', 'qui', 'sel', 'dar', 'no', 'pex'];

function companyName(rng: Rng): string {
  const word = Array.from({ length: rng.int(2, 3) }, () => rng.pick(SYLLABLES)).join('');
  return `${word[0]!.toUpperCase()}${word.slice(1)}${rng.pick(['', ' Labs', ' Systems', ' Cloud', '.io'])}`;
}

/** One posting's HTML, as HN renders comments (paragraphs, escaped entities, a link). */
function postingHtml(rng: Rng, python: boolean, openstack: boolean): string {
  const company = companyName(rng);
  const stack = python ? rng.pick(STACKS_PYTHON) : rng.pick(STACKS_PLAIN);
  const cloud = openstack ? rng.pick(CLOUDS_OPENSTACK) : rng.pick(CLOUDS_PLAIN);
  const slug = company.toLowerCase().replace(/[^a-z]/g, '');
  return [
    `${company} | ${rng.pick(ROLES)} | ${rng.pick(PLACES)} | Full-time`,
    `<p>We&#x27;re ${rng.int(8, 400)} people building ${rng.pick(['payments', 'logistics', 'climate data', 'developer tools', 'health records'])} software. You&#x27;d work on ${stack}, running on ${cloud}.${rng.pick(FOCUS)}`,
    `<p>Apply: <a href="https:&#x2F;&#x2F;${slug}.example&#x2F;jobs" rel="nofollow">https:&#x2F;&#x2F;${slug}.example&#x2F;jobs</a>`,
  ].join('');
}

function handle(rng: Rng): string {
  return `${rng.pick(SYLLABLES)}${rng.pick(SYLLABLES)}${rng.int(1, 999)}`;
}

function monthsFrom(start: string, end: string): string[] {
  const out: string[] = [];
  let [y, m] = start.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > end) return out;
    out.push(month);
    if (++m > 12) [y, m] = [y + 1, 1];
  }
}

class Ids {
  next = 30_000_000;
  take(): number {
    return this.next++;
  }
}

function story(ids: Ids, at: number, title: string, text: string): HnItem {
  const id = ids.take();
  return { id, created_at_i: at, type: 'story', author: HN_ACCOUNT, title, text, parent_id: null, story_id: null, points: null, children: [] };
}

function comment(ids: Ids, parent: HnItem, root: HnItem, at: number, author: string | null, text: string | null): HnItem {
  const c: HnItem = { id: ids.take(), created_at_i: at, type: 'comment', author, title: null, text, parent_id: parent.id, story_id: root.id, points: null, children: [] };
  parent.children.push(c);
  return c;
}

/**
 * Fills a hiring thread with `n` postings (and a few replies), adding what it wrote to `truth`.
 * Exactly `both` postings name Python and OpenStack; the others name one of them, or neither.
 */
function fillHiring(rng: Rng, ids: Ids, thread: HnItem, n: number, both: number, truth: HnMonthTruth): void {
  type Kind = 'both' | 'python' | 'openstack' | 'neither';
  const kinds = Array.from({ length: n }, (_, i): Kind => (i < both ? 'both' : rng.pick(['python', 'openstack', 'neither', 'neither'] as const)));
  for (let i = kinds.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [kinds[i], kinds[j]] = [kinds[j]!, kinds[i]!] as [Kind, Kind];
  }
  let at = thread.created_at_i;
  for (const kind of kinds) {
    at += rng.int(60, 40_000);
    const python = kind === 'both' || kind === 'python';
    const openstack = kind === 'both' || kind === 'openstack';
    const c = comment(ids, thread, thread, at, handle(rng), postingHtml(rng, python, openstack));
    truth.postings++;
    if (python) truth.python++;
    if (openstack) truth.openstack++;
    if (python && openstack) truth.both++;
    if (rng.chance(0.3)) comment(ids, c, thread, at + rng.int(60, 7200), handle(rng), '<p>Is this role open to people in other time zones? Python experience needed?');
  }
  thread.points = 200 + rng.int(0, 600);
}

export function generateHnWorld(options: HnWorldOptions = {}): HnWorld {
  const rng = new Rng(`hn:${options.seed ?? 'agora'}`);
  const ids = new Ids();
  const months = monthsFrom(options.start ?? '2024-01', options.end ?? '2024-06');
  const size = options.postings ?? 12;
  const stories: HnItem[] = [];
  const truths: HnMonthTruth[] = [];
  months.forEach((month, index) => {
    const [y, m] = month.split('-').map(Number) as [number, number];
    const name = `${MONTH_NAMES[m - 1]} ${y}`;
    // 11:00 New York time on the 1st, as the account posts.
    const at = Date.UTC(y, m - 1, 1, 15, 0, 0) / 1000;
    const truth: HnMonthTruth = { month, threads: [], postings: 0, python: 0, openstack: 0, both: 0, deleted: 0, dead: 0 };
    // The threads grow, and the combined keyword grows faster: from 5% of the postings to half of them.
    const t = index / Math.max(1, months.length - 1);
    const n = Math.max(1, Math.round(size * (0.6 + 0.8 * t)));
    const both = Math.round(n * (0.05 + 0.45 * t));
    const hiring = story(ids, at, `Ask HN: Who is hiring? (${name})`, '<p>Please state the location and include REMOTE, INTERNS and&#x2F;or VISA when that sort of candidate is welcome.');
    const wants = story(ids, at, `Ask HN: Who wants to be hired? (${name})`, '<p>Share your location, whether you want remote work, your skills and your résumé.');
    const freelance = story(ids, at, `Ask HN: Freelancer? Seeking freelancer? (${name})`, '<p>Post what you offer or what you need.');
    truth.threads.push(hiring.id);
    if (index === 3) {
      // An empty thread: posted, but every job went to the second thread of the month.
      const second = story(ids, at + 14 * 86_400, `Ask HN: Who is hiring? (${name}) (Part 2)`, '<p>The first thread did not load; post here.');
      fillHiring(rng, ids, second, n, both, truth);
      truth.threads.push(second.id);
      stories.push(hiring, wants, freelance, second);
    } else {
      fillHiring(rng, ids, hiring, n, both, truth);
      stories.push(hiring, wants, freelance);
    }
    if (index === 1) {
      const gone = comment(ids, hiring, hiring, at + 3600, null, null);
      comment(ids, gone, hiring, at + 7200, handle(rng), '<p>Was this Python role filled?');
      truth.deleted++;
    }
    if (index === 2) {
      comment(ids, hiring, hiring, at + 5400, handle(rng), '<p>Python and OpenStack jobs, easy money, click here').dead = true;
      truth.dead++;
    }
    for (const sister of [wants, freelance]) sister.points = rng.int(40, 300);
    for (const sister of [wants, freelance]) for (let i = 0; i < 3; i++) comment(ids, sister, sister, at + rng.int(60, 80_000), handle(rng), '<p>Location: Remote<p>Technologies: Python, OpenStack, Go');
    truths.push(truth);
  });
  stories.sort((a, b) => a.created_at_i - b.created_at_i || a.id - b.id);
  return { account: HN_ACCOUNT, stories, months: truths };
}
