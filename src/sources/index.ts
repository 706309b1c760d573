import { defineDriver, type SourceDriver } from './types.ts';
import { gerritDriver } from './gerrit/index.ts';
import { hyperkittyDriver } from './hyperkitty/index.ts';
import { ircMeetingsDriver } from './irc-meetings/index.ts';
import { mboxDriver } from './mbox/index.ts';
import { meetbotDriver } from './meetbot/index.ts';
import { pipermailDriver } from './pipermail/index.ts';
import { specsDriver } from './specs/index.ts';
import { githubDriver } from './github/index.ts';
import { jobsCsvDriver } from './jobs-csv/index.ts';
import { hnHiringDriver } from './hn-hiring/index.ts';

/** Every upstream type Agora can sync, keyed by the config's `type`. A new upstream adds one line here. */
export const drivers: ReadonlyMap<string, SourceDriver> = new Map<string, SourceDriver>([
  ['gerrit', defineDriver(gerritDriver)],
  ['pipermail', defineDriver(pipermailDriver)],
  ['hyperkitty', defineDriver(hyperkittyDriver)],
  ['mbox', defineDriver(mboxDriver)],
  ['meetbot', defineDriver(meetbotDriver)],
  ['irc-meetings', defineDriver(ircMeetingsDriver)],
  ['specs', defineDriver(specsDriver)],
  ['github', defineDriver(githubDriver)],
  ['jobs-csv', defineDriver(jobsCsvDriver)],
  ['hn-hiring', defineDriver(hnHiringDriver)],
]);

/** The built-in drivers plus those the plugins bring, keyed by type. */
export function driversFor(plugins: readonly { file: string; sources: readonly { type: string; driver: unknown }[] }[]): ReadonlyMap<string, SourceDriver> {
  const all = new Map(drivers);
  for (const plugin of plugins) {
    for (const s of plugin.sources) {
      const d = s.driver as Partial<SourceDriver> | undefined;
      if (!d || typeof d.sync !== 'function' || d.type !== s.type || !Array.isArray(d.kinds)) {
        throw new Error(`plugin ${plugin.file}: source type "${s.type}" needs a driver { type: "${s.type}", kinds, sync }`);
      }
      if (all.has(s.type)) throw new Error(`plugin ${plugin.file}: source type "${s.type}" is already defined`);
      all.set(s.type, defineDriver(d as SourceDriver));
    }
  }
  return all;
}
