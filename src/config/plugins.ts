/**
 * Plugins: modules named in the config's `plugins` list that add source types,
 * kinds of items and charts through the same registries as the built-in ones
 * (src/plugin.ts has the authoring types). This module only finds and imports
 * them and checks their outline; each registry checks the entries it takes.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ConfigError } from './errors.ts';
import type { SourceTypeSchema } from './schema.ts';

/** A source type as a plugin brings it: its config schema and its driver (checked by the driver registry). */
export interface PluginSourceType {
  type: string;
  config: SourceTypeSchema;
  driver: unknown;
}

/** A plugin as the config layer sees it: named slices for each registry. */
export interface LoadedPlugin {
  name: string;
  /** Absolute path of the module. */
  file: string;
  sources: readonly PluginSourceType[];
  kinds: readonly unknown[];
  charts: readonly unknown[];
}

// One import per module per process: the pages and the search integration share it.
const CACHE = Symbol.for('agora.plugins');
type Cache = { [CACHE]?: Map<string, Promise<LoadedPlugin>> };

/** Imports the plugins a config names (paths relative to the config's folder), in order. */
export async function loadPlugins(paths: readonly string[], baseDir: string): Promise<LoadedPlugin[]> {
  const g = globalThis as Cache;
  g[CACHE] ??= new Map();
  const cache = g[CACHE];
  return Promise.all(
    paths.map((p) => {
      const file = resolve(baseDir, p);
      let loaded = cache.get(file);
      if (!loaded) {
        loaded = importPlugin(p, file);
        cache.set(file, loaded);
        // A failed import is not cached: fixing the file and retrying in the same process works.
        loaded.catch(() => cache.delete(file));
      }
      return loaded;
    }),
  );
}

async function importPlugin(written: string, file: string): Promise<LoadedPlugin> {
  if (!existsSync(file)) throw new ConfigError(`plugin ${JSON.stringify(written)}: no such file ${file}`);
  let mod: Record<string, unknown>;
  try {
    mod = (await import(/* @vite-ignore */ pathToFileURL(file).href)) as Record<string, unknown>;
  } catch (err) {
    throw new ConfigError(`plugin ${file} could not be loaded: ${(err as Error).message}`, { cause: err });
  }
  return outline((mod.default ?? mod.plugin) as unknown, file);
}

/** Checks a plugin's outline: a name and, when present, lists of sources, kinds and charts. */
export function outline(value: unknown, file: string): LoadedPlugin {
  const fail = (what: string): never => {
    throw new ConfigError(`plugin ${file}: ${what}`);
  };
  if (!value || typeof value !== 'object') return fail('expected a default export made with definePlugin({ name, sources?, kinds?, charts? })');
  const p = value as Record<string, unknown>;
  if (typeof p.name !== 'string' || !/^[a-z][a-z0-9-]*$/.test(p.name)) fail('expected a name of lower-case letters, digits and -');
  const list = (key: string): unknown[] => {
    const v = p[key];
    if (v === undefined) return [];
    if (!Array.isArray(v)) return fail(`${key} must be a list`);
    return v;
  };
  const sources = list('sources').map((s, i) => {
    const where = `sources[${i}]`;
    if (!s || typeof s !== 'object') return fail(`${where} must be an object { type, config, driver }`);
    const { type, config, driver } = s as Record<string, unknown>;
    if (typeof type !== 'string') return fail(`${where}.type must be a string`);
    const shape = (config as { shape?: { type?: { value?: unknown } } } | undefined)?.shape;
    if (!shape || shape.type?.value !== type) return fail(`${where}.config must be a zod object whose type is z.literal(${JSON.stringify(type)})`);
    return { type, config: config as SourceTypeSchema, driver };
  });
  return { name: p.name as string, file, sources, kinds: list('kinds'), charts: list('charts') };
}
