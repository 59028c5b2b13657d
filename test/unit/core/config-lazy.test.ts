/**
 * `createDefaultConfig` (src/core/config.ts) gives the schema's defaults without loading zod: discover + parse with
 * the default configuration (a library caller, bench/parse.ts) no longer pays for building the config schema.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../src/core/config.js';
import { membankConfigSchema } from '../../../src/core/config-schema.js';

/** A loader hook for the fresh process below: it prints every module an `import` resolves to. */
const resolveHook = [
  'export async function resolve(specifier, context, next) {',
  '  const resolved = await next(specifier, context);',
  "  process.stderr.write(`resolved ${resolved.url}\\n`);",
  '  return resolved;',
  '}',
].join('\n');

/**
 * Imports `modulePath` in a fresh process and calls its `createDefaultConfig()`: the configuration it gave, and every
 * module an `import` resolved to on the way.
 */
function loadDefaultsInFreshProcess(modulePath: string): { config: unknown; resolved: string[] } {
  const repo = fileURLToPath(new URL('../../../', import.meta.url));
  const script = [
    "import { register } from 'node:module';",
    'const [moduleUrl, hookSource] = process.argv.slice(1);',
    "register(`data:text/javascript,${encodeURIComponent(hookSource)}`, import.meta.url);",
    'const { createDefaultConfig } = await import(moduleUrl);',
    'process.stdout.write(JSON.stringify(createDefaultConfig()));',
  ].join('\n');
  const moduleUrl = new URL(modulePath, import.meta.url).href;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, moduleUrl, resolveHook], {
    cwd: repo,
    encoding: 'utf8',
    maxBuffer: 16 * 1024 * 1024,
  });
  expect(run.status, run.stderr).toBe(0);
  const resolved = run.stderr
    .split('\n')
    .filter((line) => line.startsWith('resolved '))
    .map((line) => line.slice('resolved '.length));
  return { config: JSON.parse(run.stdout) as unknown, resolved };
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
