/**
 * Every kind of item the portal knows. A new kind (messages, threads,
 * meetings, specs…) adds one line here, or comes from a plugin (the config's
 * `plugins`); the catalog, people pages, search and charts need no other change.
 */
import { changeKind } from './change/index.ts';
import { messageKind, threadKind } from './mail/index.ts';
import { meetingKind, scheduleKind } from './meeting/index.ts';
import { specKind } from './spec/index.ts';
import { jobMonthKind } from './jobs/index.ts';
import { KindRegistry } from './registry.ts';
import type { ItemSummary, KindDefinition } from './types.ts';

export function defaultKinds(): KindRegistry {
  return new KindRegistry([changeKind, messageKind, threadKind, meetingKind, scheduleKind, specKind, jobMonthKind]);
}

/** The built-in kinds plus those the plugins bring (each checked for the parts every kind must have). */
export function kindsFor(plugins: readonly { name: string; file: string; kinds: readonly unknown[] }[]): KindRegistry {
  const registry = defaultKinds();
  for (const plugin of plugins) {
    plugin.kinds.forEach((k, i) => registry.register(checkedKind(k, `plugin ${plugin.file}: kinds[${i}]`)));
  }
  return registry;
}

const FUNCTIONS = ['summarise', 'accounts', 'activity'] as const;

function checkedKind(value: unknown, where: string): KindDefinition<unknown, ItemSummary> {
  const k = value as Partial<Record<string, unknown>> | undefined;
  const fail = (what: string): never => {
    throw new Error(`${where}: ${what}`);
  };
  if (!k || typeof k !== 'object') fail('expected a kind made with defineKind({ kind, label, schema, summarise, accounts, activity, acts })');
  if (typeof k!.kind !== 'string' || !/^[a-z][a-z0-9-]*$/.test(k!.kind)) fail('kind must be lower-case letters, digits and -');
  const schema = k!.schema as { safeParse?: unknown } | undefined;
  if (typeof schema?.safeParse !== 'function') fail(`${String(k!.kind)}: schema must be a zod schema`);
  for (const f of FUNCTIONS) if (typeof k![f] !== 'function') fail(`${String(k!.kind)}: ${f} must be a function`);
  const label = k!.label as { one?: unknown; many?: unknown } | undefined;
  if (typeof label?.one !== 'string' || typeof label.many !== 'string') fail(`${String(k!.kind)}: label must be { one, many }`);
  if (!k!.acts || typeof k!.acts !== 'object') fail(`${String(k!.kind)}: acts must map each act to { counted, did }`);
  if (k!.page !== undefined && !(k!.nav as { path?: unknown } | undefined)?.path) fail(`${String(k!.kind)}: a kind with a page needs nav { id, path } for its list`);
  return k as unknown as KindDefinition<unknown, ItemSummary>;
}

export { KindRegistry, defineKind } from './registry.ts';
export type * from './types.ts';
