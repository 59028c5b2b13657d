/**
 * The configuration resolved without zod (no config file; flags and environment that need no schema) is the one the
 * schema gives, key order included; whatever the schema might refuse or change still goes through it, with its
 * messages — for `resolveConfig` and for doctor's `resolveConfigLazily` alike.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readConfigInput, resolveWithoutSchema, type ConfigFlags } from '../../../src/config-input.js';
import { resolveConfig, resolveConfigLazily, validateConfigInput } from '../../../src/config.js';
import { createConfigDefaults } from '../../../src/core/config-defaults.js';
import { membankConfigSchema } from '../../../src/core/config-schema.js';
import { ConfigError } from '../../../src/core/errors.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'membank-config-input-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

type Env = Record<string, string | undefined>;

/** The schema's own answer: the result as JSON, or the ConfigError's message. */
function bySchema(flags: ConfigFlags, env: Env): string {
  try {
    return JSON.stringify(validateConfigInput(readConfigInput(flags, env, cwd)));
  } catch (error) {
    if (error instanceof ConfigError) return `ConfigError: ${error.message}`;
    throw error;
  }
}

async function settle(run: () => unknown): Promise<string> {
  try {
    return JSON.stringify(await run());
  } catch (error) {
    if (error instanceof ConfigError) return `ConfigError: ${error.message}`;
    throw error;
  }
}

const cases: Array<{ name: string; flags: ConfigFlags; env: Env; withoutSchema: boolean }> = [
  { name: 'nothing set', flags: {}, env: {}, withoutSchema: true },
  { name: 'URL and token flags', flags: { url: 'http://127.0.0.1:3456/vikunja', token: 'tk_abc' }, env: {}, withoutSchema: true },
  { name: 'URL and token from the environment', flags: {}, env: { VIKUNJA_URL: 'https://tasks.example.org', VIKUNJA_TOKEN: 'tk_env' }, withoutSchema: true },
  { name: 'token only, and a project', flags: { token: 'tk_x', project: 'Memory bank' }, env: {}, withoutSchema: true },
  { name: 'state path', flags: { url: 'http://localhost', state: 'state/x.sqlite' }, env: {}, withoutSchema: true },
  { name: 'a URL with spaces around it (the schema trims it)', flags: { url: '  http://localhost:3456  ' }, env: {}, withoutSchema: false },
  { name: 'a URL with a newline inside (the schema removes it)', flags: { url: 'http://local\nhost' }, env: {}, withoutSchema: false },
  { name: 'not a URL', flags: { url: 'http://exa mple.org' }, env: {}, withoutSchema: false },
  { name: 'an empty token flag', flags: { url: 'http://localhost', token: '' }, env: {}, withoutSchema: false },
  { name: 'an empty project', flags: { project: '' }, env: {}, withoutSchema: false },
];

describe('configuration without a config file', () => {
  it('the zod-free defaults are the schema defaults, key order included', () => {
    expect(JSON.stringify(createConfigDefaults())).toBe(JSON.stringify(membankConfigSchema.parse({})));
  });

  for (const { name, flags, env, withoutSchema } of cases) {
    it(`${name}: ${withoutSchema ? 'resolved without the schema, to what the schema gives' : 'left to the schema'}`, async () => {
      expect(resolveWithoutSchema(readConfigInput(flags, env, cwd)) !== undefined).toBe(withoutSchema);
      const expected = bySchema(flags, env);
      expect(await settle(() => resolveConfig(flags, env, cwd))).toBe(expected);
      expect(await settle(() => resolveConfigLazily(flags, env, cwd))).toBe(expected);
    });
  }

  it('a config file always goes through the schema: its defaults, its errors', async () => {
    writeFileSync(join(cwd, 'membank.config.json'), JSON.stringify({ vikunja: { timeoutMs: 5000 } }));
    expect(resolveWithoutSchema(readConfigInput({}, {}, cwd))).toBeUndefined();
    const resolved = await resolveConfigLazily({ url: 'http://localhost' }, {}, cwd);
    expect(resolved.config.vikunja).toMatchObject({ url: 'http://localhost', timeoutMs: 5000, concurrency: 4 });
    expect(resolved.configFile).toBe(join(cwd, 'membank.config.json'));
    writeFileSync(join(cwd, 'membank.config.json'), JSON.stringify({ vikunja: { timeoutMS: 5000 } }));
    await expect(resolveConfigLazily({}, {}, cwd)).rejects.toThrow(/vikunja\.timeoutMS: unknown key — did you mean "timeoutMs"\?/);
  });

  it('the result is frozen either way', async () => {
    const resolved = await resolveConfigLazily({ url: 'http://localhost' }, {}, cwd);
    expect(Object.isFrozen(resolved.config.vikunja)).toBe(true);
    expect(Object.isFrozen(resolved.config.mapping.labelRules[0])).toBe(true);
  });
});
