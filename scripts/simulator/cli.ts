/**
 * Serves a fixture directory as a Gerrit until killed:
 *   npm run simulator -- --fixtures DIR [--port N] [--delay MS] [--max-page-size N]
 *     [--legacy] [--ignore-start] [--always-more] [--fault SPEC]...
 * --legacy answers as Gerrit 2.6-2.8 (N=<sortkey> paging, no after:, no revision times);
 * --ignore-start and --always-more make a server whose paging is broken;
 * --fault injects errors (see faults.ts for SPEC), e.g. --fault "status=503,times=2".
 *
 * Or serves the demo mailing lists (scripts/demo/mail.ts) as mail archives until killed:
 *   npm run simulator -- --mail [--seed SEED] [--port N] [--delay MS] [--text-only LIST]...
 *     [--no-validators] [--gzip-encoding] [--fault SPEC]...
 * at /pipermail/<list>/ (Mailman 2), /archives/api/list/<list>@lists.aurora.example/ and
 * /archives/list/<list>@lists.aurora.example/export/<file>.mbox.gz?start=&end= (HyperKitty), and
 * /mbox/<list>.mbox[.gz] (see mail.ts for the whole layout). --text-only makes a list's pipermail
 * offer .txt months only; --no-validators drops ETag/Last-Modified (as HyperKitty's export);
 * --gzip-encoding sends .txt.gz with Content-Encoding: x-gzip (a misconfigured Apache);
 * e.g. --fault "match=2024-March.txt.gz,status=500" or --fault "match=export,truncate".
 *
 * Or serves the demo IRC meetings (scripts/demo/meetings.ts) as a meeting bot's published logs:
 *   npm run simulator -- --meetings [--style apache|nginx] [--base /meetings/] [--seed SEED]
 *     [--port N] [--delay MS] [--fault SPEC]...
 * as autoindex listings <base>, <base><team>/, <base><team>/<YYYY>/ and the files under them
 * (see meetings.ts), e.g. --fault "match=.log.txt,status=500,times=3".
 *
 * Or serves a GitHub world (scripts/simulator/github-world.ts; a JSON file, or `sample` for the
 * built-in test world) as GitHub's REST API until killed:
 *   npm run simulator -- --github WORLD.json|sample [--web-url URL] [--base-path /api/v3]
 *     [--anonymous-limit N] [--token-limit N] [--token T]... [--port N] [--delay MS] [--fault SPEC]...
 * (see github.ts), e.g. --fault "secondary-limit,times=2" or --fault "status=502,match=/pulls".
 *
 * Or serves a made-up "whoishiring" account (scripts/demo/hn.ts) as the Algolia HN Search API:
 *   npm run simulator -- --hn [--months 2024-01:2024-06] [--seed SEED] [--port N] [--delay MS] [--fault SPEC]...
 * at /api/v1/search_by_date and /api/v1/items/<id> (see hn.ts), e.g.
 * --fault "match=/items/,status=429,retry-after=2".
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateMail } from '../demo/mail.ts';
import { parseFaultSpec } from './faults.ts';
import { startGerritSimulator } from './gerrit.ts';
import { startMailSimulator } from './mail.ts';
import { generateMeetings } from '../demo/meetings.ts';
import { startMeetbotSimulator } from './meetings.ts';
import { parseGithubFaultSpec, startGithubSimulator, type GithubFault } from './github.ts';
import { loadGithubWorld, type GithubWorld } from './github-world.ts';
import { sampleGithubWorld } from './github-sample.ts';
import { generateHnWorld } from '../demo/hn.ts';
import { startHnSimulator } from './hn.ts';

const USAGE = `usage: npm run simulator -- --fixtures DIR [--port N] [--delay MS] [--max-page-size N]
         [--legacy] [--ignore-start] [--always-more] [--fault SPEC]...
       npm run simulator -- --mail [--seed SEED] [--port N] [--delay MS] [--text-only LIST]...
         [--no-validators] [--gzip-encoding] [--fault SPEC]...
       npm run simulator -- --meetings [--style apache|nginx] [--base PATH] [--seed SEED] [--port N]
         [--delay MS] [--fault SPEC]...
       npm run simulator -- --github WORLD.json|sample [--web-url URL] [--base-path PATH]
         [--anonymous-limit N] [--token-limit N] [--token T]... [--port N] [--delay MS] [--fault SPEC]...
       npm run simulator -- --hn [--months FROM:TO] [--seed SEED] [--port N] [--delay MS] [--fault SPEC]...
  DIR holds changes.jsonl (one Gerrit ChangeInfo per line) and optionally projects.json
  --mail serves the demo mailing lists as pipermail, HyperKitty and mbox archives
  --meetings serves the demo IRC meetings as a meeting bot's logs, in Apache or nginx listings
  --github serves a GitHub world (JSON, see scripts/simulator/github-world.ts) as GitHub's REST API;
       --token limits the accepted tokens (others get 401); its faults also take the flags
       secondary-limit and primary-limit, e.g. --fault "secondary-limit,times=2"
  --hn serves made-up "Who is hiring?" threads as the Algolia HN Search API (/api/v1); --months
       gives the first and last month (YYYY-MM:YYYY-MM, default 2024-01:2024-06)
  SPEC is comma-separated: match=TEXT, times=N|always, status=CODE, retry-after=S, body=TEXT, truncate, html, empty
       e.g. --fault "status=503,times=2,retry-after=5" --fault "match=S=100,empty"`;

function main(): number | undefined {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        fixtures: { type: 'string' },
        port: { type: 'string', default: '0' },
        delay: { type: 'string', default: '0' },
        'max-page-size': { type: 'string' },
        legacy: { type: 'boolean', default: false },
        'ignore-start': { type: 'boolean', default: false },
        'always-more': { type: 'boolean', default: false },
        fault: { type: 'string', multiple: true, default: [] },
        mail: { type: 'boolean', default: false },
        seed: { type: 'string' },
        'text-only': { type: 'string', multiple: true, default: [] },
        'no-validators': { type: 'boolean', default: false },
        'gzip-encoding': { type: 'boolean', default: false },
        meetings: { type: 'boolean', default: false },
        style: { type: 'string', default: 'apache' },
        base: { type: 'string', default: '/meetings/' },
        github: { type: 'string' },
        'web-url': { type: 'string' },
        'base-path': { type: 'string' },
        'anonymous-limit': { type: 'string' },
        'token-limit': { type: 'string' },
        token: { type: 'string', multiple: true, default: [] },
        hn: { type: 'boolean', default: false },
        months: { type: 'string', default: '2024-01:2024-06' },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }));
  } catch (err) {
    console.error(`${(err as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (values.github !== undefined) return serveGithub({ ...values, github: values.github });
  if (!values.fixtures && !values.mail && !values.meetings && !values.hn) {
    console.error(USAGE);
    return 2;
  }
  let faults;
  try {
    faults = values.fault.map(parseFaultSpec);
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  if (values.mail) return serveMail(values, faults);
  if (values.meetings) return serveMeetings(values, faults);
  if (values.hn) return serveHn(values, faults);
  if (!values.fixtures) return 2;
  const fixtureDir = resolve(values.fixtures);
  startGerritSimulator({
    fixtureDir,
    port: Number(values.port),
    delayMs: Number(values.delay),
    maxPageSize: values['max-page-size'] ? Number(values['max-page-size']) : undefined,
    legacy: values.legacy,
    ignoreStart: values['ignore-start'],
    alwaysMore: values['always-more'],
    faults,
  }).then(
    (sim) => {
      const modes = [values.legacy && 'as Gerrit 2.8', values['ignore-start'] && 'ignoring S=', values['always-more'] && 'always _more_changes', faults.length && `${faults.length} fault(s)`].filter(Boolean);
      console.log(`Gerrit simulator: ${sim.url} (${sim.changes.all().length} changes in ${sim.changes.projects().length} projects${modes.length ? `; ${modes.join(', ')}` : ''})`);
      stopOnSignal(sim.close);
    },
    (err: Error) => {
      console.error(`cannot start the Gerrit simulator: ${err.message}`);
      process.exit(1);
    },
  );
  return undefined;
}

function stopOnSignal(close: () => Promise<void>): void {
  const stop = (): void => {
    void close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

function serveMail(
  values: { seed?: string | undefined; port: string; delay: string; 'text-only': string[]; 'no-validators': boolean; 'gzip-encoding': boolean },
  faults: ReturnType<typeof parseFaultSpec>[],
): number | undefined {
  const lists = generateMail(values.seed ? { seed: values.seed } : {});
  const unknown = values['text-only'].filter((n) => !lists.some((l) => l.name === n));
  if (unknown.length) {
    console.error(`--text-only: no list ${unknown.join(', ')} (the lists are ${lists.map((l) => l.name).join(', ')})`);
    return 2;
  }
  startMailSimulator({
    lists: lists.map((l) => (values['text-only'].includes(l.name) ? { ...l, pipermail: 'text' as const } : l)),
    port: Number(values.port),
    delayMs: Number(values.delay),
    validators: !values['no-validators'],
    gzipAsContentEncoding: values['gzip-encoding'],
    faults,
  }).then(
    (sim) => {
      console.log(`mail simulator: ${sim.url}${faults.length ? ` (${faults.length} fault(s))` : ''}`);
      for (const l of lists) {
        console.log(`  ${l.name}: ${l.messages.length} messages, ${sim.months(l.name).length} months`);
        console.log(`    ${sim.url}/pipermail/${l.name}/`);
        console.log(`    ${sim.url}/archives/api/list/${l.address}/`);
        console.log(`    ${sim.url}/mbox/${l.name}.mbox`);
      }
      stopOnSignal(sim.close);
    },
    (err: Error) => {
      console.error(`cannot start the mail simulator: ${err.message}`);
      process.exit(1);
    },
  );
  return undefined;
}

function serveMeetings(
  values: { seed?: string | undefined; port: string; delay: string; style: string; base: string },
  faults: ReturnType<typeof parseFaultSpec>[],
): number | undefined {
  if (values.style !== 'apache' && values.style !== 'nginx') {
    console.error(`--style must be apache or nginx, got "${values.style}"`);
    return 2;
  }
  if (!values.base.startsWith('/') || !values.base.endsWith('/')) {
    console.error(`--base must start and end with "/", got "${values.base}"`);
    return 2;
  }
  const demo = generateMeetings(values.seed ? { seed: values.seed } : {});
  startMeetbotSimulator({ files: demo.files, base: values.base, style: values.style, port: Number(values.port), delayMs: Number(values.delay), faults }).then(
    (sim) => {
      const teams = new Set([...demo.files.keys()].map((k) => k.split('/')[0]));
      console.log(`meetbot simulator (${values.style}): ${sim.url}${values.base} (${demo.meetings.length} meetings, ${demo.files.size} files in ${teams.size} folders${faults.length ? `; ${faults.length} fault(s)` : ''})`);
      stopOnSignal(sim.close);
    },
    (err: Error) => {
      console.error(`cannot start the meetbot simulator: ${err.message}`);
      process.exit(1);
    },
  );
  return undefined;
}

function serveHn(values: { seed?: string | undefined; port: string; delay: string; months: string }, faults: ReturnType<typeof parseFaultSpec>[]): number | undefined {
  const m = /^(\d{4}-(?:0[1-9]|1[0-2])):(\d{4}-(?:0[1-9]|1[0-2]))$/.exec(values.months);
  if (!m || m[1]! > m[2]!) {
    console.error(`--months must be FROM:TO, two months YYYY-MM in order, got "${values.months}"`);
    return 2;
  }
  const world = generateHnWorld({ start: m[1]!, end: m[2]!, ...(values.seed ? { seed: values.seed } : {}) });
  startHnSimulator({ world, port: Number(values.port), delayMs: Number(values.delay), faults }).then(
    (sim) => {
      console.log(`HN simulator: ${sim.api} (${world.months.length} months, ${world.stories.length} stories by ${world.account}${faults.length ? `; ${faults.length} fault(s)` : ''})`);
      stopOnSignal(sim.close);
    },
    (err: Error) => {
      console.error(`cannot start the HN simulator: ${err.message}`);
      process.exit(1);
    },
  );
  return undefined;
}

function positive(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new Error(`--${name} must be a positive whole number, got "${value}"`);
  return Number(value);
}

function serveGithub(values: {
  github: string;
  port: string;
  delay: string;
  fault: string[];
  'web-url'?: string | undefined;
  'base-path'?: string | undefined;
  'anonymous-limit'?: string | undefined;
  'token-limit'?: string | undefined;
  token: string[];
}): number | undefined {
  let world: GithubWorld;
  let faults: GithubFault[];
  let limits: { anonymous?: number; authenticated?: number };
  try {
    world = values.github === 'sample' ? sampleGithubWorld() : loadGithubWorld(resolve(values.github));
    faults = values.fault.map(parseGithubFaultSpec);
    const anonymous = positive('anonymous-limit', values['anonymous-limit']);
    const authenticated = positive('token-limit', values['token-limit']);
    limits = { ...(anonymous ? { anonymous } : {}), ...(authenticated ? { authenticated } : {}) };
  } catch (err) {
    console.error((err as Error).message);
    return 2;
  }
  startGithubSimulator({
    world,
    port: Number(values.port),
    delayMs: Number(values.delay),
    faults,
    limits,
    ...(values['web-url'] ? { webUrl: values['web-url'] } : {}),
    ...(values['base-path'] ? { basePath: values['base-path'] } : {}),
    ...(values.token.length ? { tokens: values.token } : {}),
  }).then(
    (sim) => {
      console.log(`GitHub simulator: ${sim.url} (${world.repos.length} repositories, ${world.pulls.length} pulls, ${world.users.length} accounts${faults.length ? `; ${faults.length} fault(s)` : ''})`);
      stopOnSignal(sim.close);
    },
    (err: Error) => {
      console.error(`cannot start the GitHub simulator: ${err.message}`);
      process.exit(1);
    },
  );
  return undefined;
}

const code = main();
if (code !== undefined) process.exitCode = code;
