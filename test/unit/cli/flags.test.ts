/**
 * Every flag value is validated, a flag that does not apply is an error, and usage mistakes get a clear
 * message and exit 64 — never a stack trace, never silently ignored.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const token = `tk_${'cd34'.repeat(10)}`;
let cwd: string;

beforeEach(() => {
  cwd = mkdtempSync(join(tmpdir(), 'membank-flags-'));
});
afterEach(() => {
  rmSync(cwd, { recursive: true, force: true });
});

describe('flag values', () => {
  it('rejects an unknown --log-level with the choices, exit 64, no stack trace', async () => {
    const run = await runCli(['--log-level', 'loud', 'validate', 'fixtures/demo']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('log-level');
    expect(run.stderr).toContain('"warn"');
    expect(run.stderr).not.toMatch(/\n\s+at /);
    }, 60_000);

  it('rejects an unknown MEMBANK_LOG_LEVEL the same way', async () => {
    const run = await runCli(['validate', 'fixtures/demo'], { env: { MEMBANK_LOG_LEVEL: 'loud' } });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('MEMBANK_LOG_LEVEL="loud" is not a log level');
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('refuses a one-value flag given twice, naming it and both values', async () => {
    const run = await runCli(['plan', 'fixtures/demo', '--url', 'http://a', '--url', 'http://b', '--token', token], { cwd });
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/^membank: --url was given 2 times \("http:\/\/a", "http:\/\/b"\); give it once\n/);
    expect(run.stderr).not.toContain('expected string');
  });

  it('refuses a number flag that is not a number', async () => {
    const run = await runCli(['runs', '--limit', 'many', '--state', join(cwd, 's.sqlite')], { cwd });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('--limit');
  });
});

describe('flags that do not apply', () => {
  it('refuses migrate --out/--detailed-exitcode without --dry-run, before reading anything or writing', async () => {
    const run = await runCli(
      ['migrate', 'fixtures/demo', '--out', 'plan.json', '--detailed-exitcode', '--url', 'http://127.0.0.1:9', '--token', token],
      { cwd: process.cwd(), env: { MEMBANK_STATE: join(cwd, 'state.sqlite') } },
    );
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('--out and --detailed-exitcode only apply with --dry-run');
    expect(existsSync(join(cwd, 'state.sqlite'))).toBe(false);
    expect(existsSync(join(process.cwd(), 'plan.json'))).toBe(false);
  });

  it('refuses runs --limit with --verify (the whole journal is checked)', async () => {
    const run = await runCli(['runs', '--verify', '--limit', '5', '--state', join(cwd, 's.sqlite')], { cwd });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('--limit does not apply with --verify');
  });

  it('refuses --project on rollback (the run fixes the project)', async () => {
    const run = await runCli(['rollback', 'some-run', '--project', 'x', '--url', 'http://127.0.0.1:9', '--token', token], { cwd });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('Unknown argument: project');
  });
});

describe('help, commands and colour', () => {
  it('answers -h like --help', async () => {
    const short = await runCli(['-h']);
    const long = await runCli(['--help']);
    expect(short.code).toBe(0);
    expect(short.stdout).toBe(long.stdout);
    expect(short.stdout).toContain('130  interrupted');
  });

  it('suggests the closest command for a typo', async () => {
    const run = await runCli(['migate', './x']);
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('unknown command "migate"; did you mean "migrate"?');
    const afterGlobals = await runCli(['--log-level', 'info', 'valdate', 'x']);
    expect(afterGlobals.code).toBe(64);
    expect(afterGlobals.stderr).toContain('did you mean "validate"?');
  });

  it('accepts --no-color and prints no ANSI escapes with it, even with FORCE_COLOR', async () => {
    const run = await runCli(['runs', '--no-color', '--state', join(cwd, 's.sqlite')], { cwd, env: { FORCE_COLOR: '1' } });
    expect(run.code).toBe(0);
    expect(run.stdout).not.toContain('\u001b[');
    const forced = await runCli(['runs', '--color', '--state', join(cwd, 's.sqlite')], { cwd, env: { NO_COLOR: '1' } });
    expect(forced.code).toBe(0);
  });
});

describe('exit codes that must agree across commands', () => {
  it('a folder that does not exist exits 64 in every command that reads one', async () => {
    const env = { MEMBANK_STATE: join(cwd, 'state.sqlite'), VIKUNJA_URL: 'http://127.0.0.1:9', VIKUNJA_TOKEN: token };
    for (const command of ['discover', 'parse', 'validate', 'plan', 'migrate']) {
      const run = await runCli([command, 'no/such/folder'], { cwd, env });
      expect({ command, code: run.code }).toEqual({ command, code: 64 });
      expect(run.stderr).toContain('no/such/folder');
    }
  });

  it('an unknown run id exits 64 in show and in rollback', async () => {
    const env = { MEMBANK_STATE: join(cwd, 'state.sqlite'), VIKUNJA_URL: 'http://127.0.0.1:9', VIKUNJA_TOKEN: token };
    // Create the state store with one real run first, so both commands look the id up in an existing store.
    await runCli(['runs'], { cwd, env });
    const show = await runCli(['show', 'no-such-run'], { cwd, env });
    const rollback = await runCli(['rollback', 'no-such-run'], { cwd, env });
    expect(show.code).toBe(64);
    expect(rollback.code).toBe(64);
    expect(show.stderr).toContain('no run no-such-run');
    expect(rollback.stderr).toContain('no run no-such-run');
  });

  it('configuration errors exit 64: no URL, no token', async () => {
    const noUrl = await runCli(['plan', 'fixtures/demo', '--token', token], { env: { MEMBANK_STATE: join(cwd, 's.sqlite') } });
    expect(noUrl.code).toBe(64);
    expect(noUrl.stderr).toContain('no Vikunja URL');
    const noToken = await runCli(['plan', 'fixtures/demo', '--url', 'http://127.0.0.1:9'], { env: { MEMBANK_STATE: join(cwd, 's.sqlite') } });
    expect(noToken.code).toBe(64);
    expect(noToken.stderr).toContain('no Vikunja API token');
  });
});
