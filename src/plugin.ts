/**
 * Writing a plugin: a module the config names under `plugins:` whose default
 * export is `definePlugin({ name, sources, kinds, charts })`. Each entry goes
 * through the same registry as the built-in ones: a source type (config
 * schema + driver) through src/sources/index.ts, a kind through
 * src/kinds/index.ts, a chart through src/charts/registry.ts. The catalog,
 * the pages' layout and the chart library do not change for it.
 */
import type { z } from 'zod';
import type { Chart } from './charts/registry.ts';
import type { PluginSourceConfig } from './config/schema.ts';
import type { ItemSummary, KindDefinition } from './kinds/types.ts';
import type { SourceDriver } from './sources/types.ts';

/** A source type: the schema of its config entries (`type` a literal) and the driver that syncs them. */
export interface PluginSource<C extends PluginSourceConfig = PluginSourceConfig> {
  type: C['type'];
  config: z.ZodObject<{ id: z.ZodType<string>; type: z.ZodLiteral<C['type']> }> & z.ZodType<C>;
  driver: SourceDriver<C>;
}

export interface AgoraPlugin {
  /** Lower-case letters, digits and -: names the plugin in messages. */
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each source has its own config type
  sources?: readonly PluginSource<any>[];
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- each kind has its own data and summary types
  kinds?: readonly KindDefinition<any, any>[];
  charts?: readonly Chart[];
}

export function definePlugin(plugin: AgoraPlugin): AgoraPlugin {
  return plugin;
}

/** A source type with its config and driver types tied together. */
export function defineSource<C extends PluginSourceConfig>(source: PluginSource<C>): PluginSource<C> {
  return source;
}

export type { ItemSummary, KindDefinition };
export { defineKind } from './kinds/registry.ts';
export { defineChart } from './charts/registry.ts';
