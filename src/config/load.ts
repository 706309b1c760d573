import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { parseOrExplain } from './explain.ts';
import { ConfigError } from './errors.ts';
import { loadPlugins, type LoadedPlugin } from './plugins.ts';
import { AgoraConfig, agoraConfigSchema, type SourceTypeSchema } from './schema.ts';

export interface LoadedConfig {
  config: AgoraConfig;
  /** Absolute path of the file it came from. */
  path: string;
  /** Absolute path of the store folder. */
  dataDir: string;
  /** The config's plugins, imported (empty when read with the synchronous `loadConfig`). */
  plugins: readonly LoadedPlugin[];
}

export { ConfigError };

/** Where the config lives: `--config FILE`, then `AGORA_CONFIG`, then ./agora.config.yaml. */
export function resolveConfigPath(argv: readonly string[] = [], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const i = argv.indexOf('--config');
  const fromArg = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
  if (i >= 0 && !fromArg) throw new ConfigError('--config needs a file path');
  return resolve(cwd, fromArg ?? env.AGORA_CONFIG ?? 'agora.config.yaml');
}

function parseYamlText(text: string, path: string): unknown {
  try {
    return parseYaml(text);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `:${err.linePos[0].line}:${err.linePos[0].col}` : '';
    throw new ConfigError(`${path}${where}: not valid YAML: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
}

/** A config text checked against the built-in source types and any a plugin brings. */
export function parseConfigText(text: string, path: string, sourceTypes: readonly SourceTypeSchema[] = []): AgoraConfig {
  const raw = parseYamlText(text, path) ?? {};
  return parseOrExplain(sourceTypes.length ? agoraConfigSchema(sourceTypes) : AgoraConfig, raw, `${path}: invalid Agora config`);
}

/** A source's `path` (a local file or folder) is written relative to the config file; drivers get it absolute. */
function withResolvedPaths(config: AgoraConfig, dir: string): AgoraConfig {
  const local = (v: unknown): v is string => typeof v === 'string' && !/^[a-z][a-z0-9+.-]*:\/\/|^[^/]+@[^/:]+:/i.test(v);
  return {
    ...config,
    sources: config.sources.map((s) => {
      let out = s;
      if ('path' in s && typeof s.path === 'string') out = { ...out, path: resolve(dir, s.path) };
      // A repository is a git URL (kept as written) or a local clone (relative to the config file).
      if ('repo' in s && local(s.repo)) out = { ...out, repo: resolve(dir, s.repo) };
      return out;
    }),
  };
}

function readConfigFile(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
}

/**
 * Reads a config that uses only built-in source types, without importing its
 * plugins (a config with plugin sources is refused here: use `loadPortalConfig`).
 */
export function loadConfig(path: string): LoadedConfig {
  const config = withResolvedPaths(parseConfigText(readConfigFile(path), path), dirname(path));
  return { config, path, dataDir: resolve(dirname(path), config.data), plugins: [] };
}

/**
 * Reads a config and imports its plugins first, so the source types they bring
 * are checked like the built-in ones. What `sync` and `build` use.
 */
export async function loadPortalConfig(path: string): Promise<LoadedConfig> {
  const text = readConfigFile(path);
  const raw = parseYamlText(text, path);
  const listed = raw && typeof raw === 'object' ? (raw as { plugins?: unknown }).plugins : undefined;
  // The list itself is checked with the rest of the config; only a well-formed one is imported first.
  const paths = Array.isArray(listed) && listed.every((p) => typeof p === 'string') ? (listed as string[]) : [];
  const plugins = await loadPlugins(paths, dirname(path));
  const config = withResolvedPaths(parseConfigText(text, path, plugins.flatMap((p) => p.sources.map((s) => s.config))), dirname(path));
  return { config, path, dataDir: resolve(dirname(path), config.data), plugins };
}
