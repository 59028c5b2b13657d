/**
 * `createDefaultConfig` (src/core/config.ts) gives the schema's defaults without loading zod: discover + parse with
 * the default configuration (a library caller, bench/parse.ts) no longer pays for building the config schema.
 */
import { describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../src/core/config.js';
import { membankConfigSchema } from '../../../src/core/config-schema.js';
import { resolvedUrlHook, runFreshModule, trackLoadedModules } from '../../helpers/fresh-process.js';

/**
 * Imports `modulePath` in a fresh process and calls its `createDefaultConfig()`: the configuration it gave, and every
 * module loaded on the way (file paths).
 */
function loadDefaultsInFreshProcess(modulePath: string): { config: unknown; resolved: string[] } {
  const script = [
    ...trackLoadedModules,
    'const [moduleUrl] = process.argv.slice(1);',
    'const { createDefaultConfig } = await import(moduleUrl);',
    'const config = createDefaultConfig();',
    'await settle();',
    'process.stdout.write(JSON.stringify({ config, resolved: loadedFiles() }));',
  ];
  const moduleUrl = new URL(modulePath, import.meta.url).href;
  return JSON.parse(runFreshModule(script, [moduleUrl, resolvedUrlHook]).stdout) as { config: unknown; resolved: string[] };
}

describe('createDefaultConfig', () => {
  it('is the schema defaults, key order included', () => {
    expect(JSON.stringify(createDefaultConfig())).toBe(JSON.stringify(membankConfigSchema.parse({})));
  });

  it('loads no zod and no config schema (a fresh process importing src/core/config.ts)', () => {
    const { config, resolved } = loadDefaultsInFreshProcess('../../../src/core/config.ts');
    expect(config).toEqual(membankConfigSchema.parse({}));
    expect(resolved.some((url) => url.endsWith('/src/core/config.ts'))).toBe(true);
    expect(resolved.filter((url) => url.includes('/node_modules/zod/') || url.includes('config-schema'))).toEqual([]);
  });

  it('gives a fresh object each call (callers change and freeze their copy)', () => {
    const first = createDefaultConfig();
    first.discover.ignore.push('x');
    expect(createDefaultConfig().discover.ignore).toEqual([]);
  });
});
