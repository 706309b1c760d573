/**
 * Serves a fixture directory as a Gerrit until killed:
 *   npm run simulator -- --fixtures DIR [--port N] [--delay MS] [--max-page-size N]
 *     [--legacy] [--ignore-start] [--always-more] [--fault SPEC]...
 * --legacy answers as Gerrit 2.6-2.8 (N=<sortkey> paging, no after:, no revision times);
 * --ignore-start and --always-more make a server whose paging is broken;
 * --fault injects errors (see faults.ts for SPEC), e.g. --fault "status=503,times=2".
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { parseFaultSpec } from './faults.ts';
import { startGerritSimulator } from './gerrit.ts';

const USAGE = `usage: npm run simulator -- --fixtures DIR [--port N] [--delay MS] [--max-page-size N]
         [--legacy] [--ignore-start] [--always-more] [--fault SPEC]...
  DIR holds changes.jsonl (one Gerrit ChangeInfo per line) and optionally projects.json
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
  if (!values.fixtures) {
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
      const stop = (): void => {
        void sim.close().then(() => process.exit(0));
      };
      process.on('SIGINT', stop);
      process.on('SIGTERM', stop);
    },
    (err: Error) => {
      console.error(`cannot start the Gerrit simulator: ${err.message}`);
      process.exit(1);
    },
  );
  return undefined;
}

const code = main();
if (code !== undefined) process.exitCode = code;
