import { defineDriver, type SourceDriver } from './types.ts';
import { gerritDriver } from './gerrit/index.ts';

/** Every upstream type Agora can sync, keyed by the config's `type`. A new upstream adds one line here. */
export const drivers: ReadonlyMap<string, SourceDriver> = new Map<string, SourceDriver>([
  ['gerrit', defineDriver(gerritDriver)],
]);
