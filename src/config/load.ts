import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parse as parseYaml, YAMLParseError } from 'yaml';
import { parseOrExplain } from './explain.ts';
import { AgoraConfig } from './schema.ts';

export interface LoadedConfig {
  config: AgoraConfig;
  /** Absolute path of the file it came from. */
  path: string;
  /** Absolute path of the store folder. */
  dataDir: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** Where the config lives: `--config FILE`, then `AGORA_CONFIG`, then ./agora.config.yaml. */
export function resolveConfigPath(argv: readonly string[] = [], env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): string {
  const i = argv.indexOf('--config');
  const fromArg = i >= 0 ? argv[i + 1] : argv.find((a) => a.startsWith('--config='))?.slice('--config='.length);
  if (i >= 0 && !fromArg) throw new ConfigError('--config needs a file path');
  return resolve(cwd, fromArg ?? env.AGORA_CONFIG ?? 'agora.config.yaml');
}

export function parseConfigText(text: string, path: string): AgoraConfig {
  let raw: unknown;
  try {
    raw = parseYaml(text);
  } catch (err) {
    const where = err instanceof YAMLParseError && err.linePos ? `:${err.linePos[0].line}:${err.linePos[0].col}` : '';
    throw new ConfigError(`${path}${where}: not valid YAML: ${(err as Error).message.split('\n')[0]}`, { cause: err });
  }
  return parseOrExplain(AgoraConfig, raw ?? {}, `${path}: invalid Agora config`);
}

export function loadConfig(path: string): LoadedConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (err) {
    throw new ConfigError(`cannot read config ${path}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`, { cause: err });
  }
  const config = parseConfigText(text, path);
  return { config, path, dataDir: resolve(dirname(path), config.data) };
}
