/**
 * Resolves membank's configuration once: flags > environment > config file > defaults, validated with zod,
 * then frozen. Reading the input (file, environment, flags) is `config-input.ts`, the only other module that reads
 * environment variables; with no config file and values that need no schema, the defaults apply without zod.
 */
import { z } from 'zod';
import {
  type ConfigFlags,
  type ConfigInput,
  deepFreeze,
  readConfigInput,
  type ResolvedConfig,
  resolveWithoutSchema,
} from './config-input.js';
import { membankConfigSchema } from './core/config-schema.js';
import { ConfigError } from './core/errors.js';
import { suggestClosest } from './core/suggest.js';

export { configFileNames, locateJsonError, resolveConfigLazily, type ConfigFlags, type ResolvedConfig } from './config-input.js';

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

/** Validates the merged input with the schema (defaults applied); throws ConfigError listing every invalid field at once. */
export function validateConfigInput(input: ConfigInput): ResolvedConfig {
  const parsed = membankConfigSchema.safeParse(input.raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.flatMap((issue) => describeIssue(issue));
    const source = input.configFile ?? 'flags/environment';
    throw new ConfigError(`invalid configuration in ${source}:\n  ${problems.join('\n  ')}`, {
      details: { problems },
    });
  }
  return { config: deepFreeze(parsed.data), configFile: input.configFile, statePath: input.statePath };
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
  const input = readConfigInput(flags, env, cwd);
  const config = resolveWithoutSchema(input);
  if (config !== undefined) return { config: deepFreeze(config), configFile: input.configFile, statePath: input.statePath };
  return validateConfigInput(input);
}
