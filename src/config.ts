/**
 * Resolves membank's configuration once: flags > environment > config file > defaults, validated with zod,
 * then frozen. The only module that reads environment variables.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { isAbsolute, join, resolve } from 'node:path';
import { z } from 'zod';
import { type MembankConfig, membankConfigSchema } from './core/config.js';
import { ConfigError } from './core/errors.js';
import { suggestClosest } from './core/suggest.js';

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

/** The keys an object schema (possibly wrapped in defaults) accepts at `path`, for "did you mean". */
function knownKeys(path: readonly PropertyKey[]): string[] {
  let schema: unknown = membankConfigSchema;
  const unwrap = (value: unknown): unknown => {
    let inner = value;
    while (inner !== undefined && !(inner instanceof z.ZodObject)) {
      const def = (inner as { _zod?: { def?: { innerType?: unknown; element?: unknown } } })._zod?.def;
      inner = def?.innerType ?? def?.element;
    }
    return inner;
  };
  for (const key of path) {
    const object = unwrap(schema);
    if (!(object instanceof z.ZodObject)) return [];
    schema = typeof key === 'number' ? object : (object.shape as Record<string, unknown>)[String(key)];
    if (typeof key === 'number') schema = unwrap(schema);
  }
  const object = unwrap(schema);
  return object instanceof z.ZodObject ? Object.keys(object.shape as Record<string, unknown>) : [];
}

function describeIssue(issue: z.core.$ZodIssue): string[] {
  const at = issue.path.map(String).join('.');
  if (issue.code !== 'unrecognized_keys') return [`${at || '(top level)'}: ${issue.message}`];
  const allowed = knownKeys(issue.path);
  return issue.keys.map((key) => {
    const full = at === '' ? key : `${at}.${key}`;
    const closest = suggestClosest(key, allowed);
    const hint = closest === undefined ? `known keys here: ${allowed.join(', ')}` : `did you mean "${closest}"?`;
    return `${full}: unknown key — ${hint}`;
  });
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
    const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue));
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
