/**
 * Resolves membank's configuration once: flags > environment > config file > defaults, validated with zod,
 * then frozen. The only module that reads environment variables.
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { type MembankConfig, membankConfigSchema } from './core/config.js';
import { ConfigError } from './core/errors.js';

/** Config file names looked up in the working directory, in order. */
export const configFileNames = ['membank.config.json', 'membank.config.yaml', 'membank.config.yml'] as const;

/** Flags that override configuration (all optional). */
export interface ConfigFlags {
  config?: string | undefined;
  url?: string | undefined;
  token?: string | undefined;
  tokenFile?: string | undefined;
  project?: string | undefined;
  state?: string | undefined;
}

/** The resolved configuration plus where it came from. */
export interface ResolvedConfig {
  config: Readonly<MembankConfig>;
  /** Config file used, if any. */
  configFile: string | null;
  /** Absolute path of the SQLite state store. */
  statePath: string;
}

function readConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new ConfigError(`cannot read config file ${path}: ${(error as Error).message}`, { cause: error });
  }
  try {
    return path.endsWith('.json') ? JSON.parse(text) : parseYaml(text);
  } catch (error) {
    throw new ConfigError(
      `config file ${path} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

function findConfigFile(cwd: string, explicit: string | undefined): string | null {
  if (explicit !== undefined) {
    const path = isAbsolute(explicit) ? explicit : resolve(cwd, explicit);
    if (!existsSync(path)) {
      throw new ConfigError(`config file ${path} does not exist (given with --config); check the path`);
    }
    return path;
  }
  for (const name of configFileNames) {
    const path = join(cwd, name);
    if (existsSync(path)) return path;
  }
  return null;
}

function readTokenFile(cwd: string, file: string): string {
  const path = isAbsolute(file) ? file : resolve(cwd, file);
  try {
    const token = readFileSync(path, 'utf8').trim();
    if (token.length === 0) throw new ConfigError(`token file ${path} is empty; put the API token (tk_…) in it`);
    return token;
  } catch (error) {
    if (error instanceof ConfigError) throw error;
    throw new ConfigError(`cannot read token file ${path}: ${(error as Error).message}`, { cause: error });
  }
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Resolves flags, environment (`VIKUNJA_URL`, `VIKUNJA_TOKEN`, `MEMBANK_STATE`), the config file and
 * defaults into one frozen configuration. Throws ConfigError listing every invalid field at once.
 */
export function resolveConfig(
  flags: ConfigFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ResolvedConfig {
  const configFile = findConfigFile(cwd, flags.config);
  const fromFile = configFile === null ? {} : readConfigFile(configFile);
  if (fromFile === null || typeof fromFile !== 'object' || Array.isArray(fromFile)) {
    throw new ConfigError(`config file ${configFile} must hold an object at the top level`);
  }
  const raw = structuredClone(fromFile) as Record<string, Record<string, unknown> | undefined>;
  const vikunja = { ...(raw['vikunja'] ?? {}) };
  const envUrl = env['VIKUNJA_URL'];
  const envToken = env['VIKUNJA_TOKEN'];
  if (envUrl !== undefined && envUrl !== '') vikunja['url'] = envUrl;
  if (envToken !== undefined && envToken !== '') vikunja['token'] = envToken;
  if (flags.url !== undefined) vikunja['url'] = flags.url;
  if (flags.tokenFile !== undefined) vikunja['token'] = readTokenFile(cwd, flags.tokenFile);
  if (flags.token !== undefined) vikunja['token'] = flags.token;
  raw['vikunja'] = vikunja;
  if (flags.project !== undefined) raw['mapping'] = { ...(raw['mapping'] ?? {}), project: flags.project };

  const parsed = membankConfigSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      const path = issue.path.join('.') || '(top level)';
      return `${path}: ${issue.message}`;
    });
    const source = configFile ?? 'flags/environment';
    throw new ConfigError(`invalid configuration in ${source}:\n  ${problems.join('\n  ')}`, {
      details: { problems },
    });
  }
  const stateFlag = flags.state ?? env['MEMBANK_STATE'];
  const statePath =
    stateFlag === undefined || stateFlag === ''
      ? join(cwd, 'snapshots', 'membank.sqlite')
      : stateFlag === ':memory:'
        ? stateFlag
        : resolve(cwd, stateFlag);
  return { config: deepFreeze(parsed.data), configFile, statePath };
}
