/**
 * Reading membank's configuration input without zod: the config file (found and parsed), the environment
 * (`VIKUNJA_URL`, `VIKUNJA_TOKEN`, `MEMBANK_STATE`) and the flags, merged as flags > environment > config file.
 * `src/config.ts` validates the result with the zod schema; with no config file and flag/environment values that
 * need no schema (a URL that parses, a non-empty token and project), the defaults are applied here and zod is never
 * loaded — `membank doctor` reaches its first request sooner. Both ways give the same frozen configuration.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import type { MembankConfig } from './core/config.js';
import { createConfigDefaults } from './core/config-defaults.js';
import { ConfigError } from './core/errors.js';

// The YAML parser (84 modules) is loaded for a YAML config file only: `doctor` and a JSON config (or none) skip it.
const parseYaml = (text: string): unknown => (createRequire(import.meta.url)('yaml') as typeof import('yaml')).parse(text);

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

/** The merged, not yet validated input: what the schema is given. */
export interface ConfigInput {
  raw: Record<string, Record<string, unknown> | undefined>;
  configFile: string | null;
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
    const message = (error as Error).message;
    const where = path.endsWith('.json') ? locateJsonError(text, message) : '';
    throw new ConfigError(
      `config file ${path}${where} is not valid ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${message.split('\n')[0] ?? message}`,
      { cause: error },
    );
  }
}

/** `:line:column` of a JSON.parse error, from the byte offset V8 reports (`at position N`), or ''. */
export function locateJsonError(text: string, message: string): string {
  const lineColumn = /\(line (\d+) column (\d+)\)/.exec(message);
  if (lineColumn !== null) return `:${lineColumn[1]}:${lineColumn[2]}`;
  const position = /at position (\d+)/.exec(message);
  const offset = position === null ? (/end of JSON input/i.test(message) ? text.length : null) : Number(position[1]);
  if (offset === null) return '';
  const before = text.slice(0, offset).split('\n');
  return `:${before.length}:${(before.at(-1)?.length ?? 0) + 1}`;
}

function findConfigFile(cwd: string, explicit: string | undefined): string | null {
  if (explicit !== undefined) {
    const path = isAbsolute(explicit) ? explicit : resolve(cwd, explicit);
    if (!existsSync(path)) {
      throw new ConfigError(`config file ${path} does not exist (given with --config); check the path`);
    }
    return path;
  }
  const found = configFileNames.map((name) => join(cwd, name)).filter((path) => existsSync(path));
  if (found.length > 1) {
    throw new ConfigError(
      `found ${found.length} config files in ${cwd}: ${found.join(', ')}; membank will not guess which one you mean — keep one, or name it with --config`,
    );
  }
  return found[0] ?? null;
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

/** Freezes an object and everything in it. */
export function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/** Reads the config file (if any), the environment and the flags into the schema's input, flags first. */
export function readConfigInput(
  flags: ConfigFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): ConfigInput {
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

  const stateFlag = flags.state ?? env['MEMBANK_STATE'];
  const statePath =
    stateFlag === undefined || stateFlag === ''
      ? join(cwd, 'snapshots', 'membank.sqlite')
      : stateFlag === ':memory:'
        ? stateFlag
        : resolve(cwd, stateFlag);
  return { raw, configFile, statePath };
}

/** A URL the schema's `z.string().url()` accepts and returns unchanged (no surrounding space, tab or newline). */
function isPlainUrl(value: unknown): value is string {
  return typeof value === 'string' && value === value.trim() && !/[\t\n\r]/.test(value) && URL.canParse(value);
}

const isNonEmptyString = (value: unknown): value is string => typeof value === 'string' && value.length > 0;

/**
 * The configuration when no schema is needed to check it: no config file, and only a URL that parses, a non-empty
 * token and a non-empty project set (by flags or environment) — every other value is a default. Anything else
 * (a config file, a value the schema might refuse or change) returns undefined: the schema decides, with its
 * messages.
 */
export function resolveWithoutSchema(input: ConfigInput): MembankConfig | undefined {
  if (input.configFile !== null) return undefined;
  const { vikunja = {}, mapping, ...rest } = input.raw;
  if (Object.keys(rest).length > 0) return undefined;
  if (Object.keys(vikunja).some((key) => key !== 'url' && key !== 'token')) return undefined;
  if (mapping !== undefined && (Object.keys(mapping).some((key) => key !== 'project') || !isNonEmptyString(mapping['project']))) return undefined;
  const { url, token } = vikunja;
  if (url !== undefined && !isPlainUrl(url)) return undefined;
  if (token !== undefined && !isNonEmptyString(token)) return undefined;
  const config = createConfigDefaults();
  // The schema's key order: url and token come first in `vikunja`, project first in `mapping`.
  config.vikunja = { ...(url === undefined ? {} : { url }), ...(token === undefined ? {} : { token }), ...config.vikunja };
  if (mapping !== undefined) config.mapping = { project: mapping['project'] as string, ...config.mapping };
  return config;
}

/**
 * Resolves like `resolveConfig` (same result, same errors), loading the zod schema only when the input needs it
 * (a config file, or a flag or environment value the schema must check). For a command's start: `doctor`.
 */
export async function resolveConfigLazily(
  flags: ConfigFlags,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string,
): Promise<ResolvedConfig> {
  const input = readConfigInput(flags, env, cwd);
  const config = resolveWithoutSchema(input);
  if (config !== undefined) return { config: deepFreeze(config), configFile: input.configFile, statePath: input.statePath };
  const { validateConfigInput } = await import('./config.js');
  return validateConfigInput(input);
}
