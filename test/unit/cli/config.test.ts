/**
 * The config file is checked strictly: typos inside sections are named with a suggestion, a promised-but-unbuilt
 * setting is refused, two config files are refused, and JSON errors say line:column. All exit 64 through main.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveConfig } from '../../../src/config.js';
import { ConfigError } from '../../../src/core/errors.js';
import { runCli } from '../../helpers/cli.js';

let cwd: string;
beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'membank-config-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

function configError(): ConfigError {
  try {
    resolveConfig({}, {}, cwd);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('resolveConfig accepted the configuration');
}

describe('config file', () => {
  it('rejects a typo inside a section with "did you mean"', () => {
    writeFileSync(join(cwd, 'membank.config.json'), JSON.stringify({ vikunja: { concurency: 4 }, mapping: { labelRules: [{ key: 'a', prefx: 'b' }] } }));
    const error = configError();
    expect(error.message).toContain('vikunja.concurency: unknown key — did you mean "concurrency"?');
    expect(error.message).toContain('mapping.labelRules.0.prefx: unknown key — did you mean "prefix"?');
    expect(error.exitCode).toBe(64);
  });

  it('takes the guards section, strictly, with "did you mean"', () => {
    writeFileSync(join(cwd, 'membank.config.json'), JSON.stringify({ guards: { maxDestructiveShare: 0.3 } }));
    expect(resolveConfig({}, {}, cwd).config.guards).toMatchObject({ maxDestructive: 10, maxDestructiveShare: 0.3, maxShrink: 0.5 });
    writeFileSync(join(cwd, 'membank.config.json'), JSON.stringify({ guards: { maxDestructve: 3, maxShrink: 2 } }));
    const message = configError().message;
    expect(message).toContain('guards.maxDestructve: unknown key — did you mean "maxDestructive"?');
    expect(message).toContain('guards.maxShrink:');
  });

  it('refuses a .json beside a .yaml instead of silently preferring one', () => {
    writeFileSync(join(cwd, 'membank.config.json'), '{}');
    writeFileSync(join(cwd, 'membank.config.yaml'), 'vikunja: {}\n');
    const message = configError().message;
    expect(message).toContain('found 2 config files');
    expect(message).toContain('membank.config.json');
    expect(message).toContain('membank.config.yaml');
  });

  it('gives line:column for a JSON syntax error', () => {
    writeFileSync(join(cwd, 'membank.config.json'), '{\n  "vikunja": {\n    "url": "x",,\n  }\n}\n');
    expect(configError().message).toContain(`${join(cwd, 'membank.config.json')}:3:16 is not valid JSON`);
  });

  it('keeps the report count configurable (reports.keep, default 20)', () => {
    expect(resolveConfig({}, {}, cwd).config.reports.keep).toBe(20);
    writeFileSync(join(cwd, 'membank.config.yaml'), 'reports:\n  keep: 3\n');
    expect(resolveConfig({}, {}, cwd).config.reports.keep).toBe(3);
  });

  it('exits 64 through the CLI for bad JSON and for bad YAML', async () => {
    writeFileSync(join(cwd, 'membank.config.json'), '{ "vikunja": ');
    const json = await runCli(['plan', 'x'], { cwd });
    expect(json.code).toBe(64);
    expect(json.stderr).toContain('is not valid JSON');
    rmSync(join(cwd, 'membank.config.json'));
    writeFileSync(join(cwd, 'membank.config.yaml'), 'vikunja:\n  url: [a\n');
    const yaml = await runCli(['plan', 'x'], { cwd });
    expect(yaml.code).toBe(64);
    expect(yaml.stderr).toContain('is not valid YAML');
  });
});
