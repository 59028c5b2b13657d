import { describe, expect, it } from 'vitest';
import { runCli } from '../../helpers/cli.js';

const token = `tk_${'ab12'.repeat(10)}`;

describe('main (the CLI entry)', () => {
  it('prints help with the exit codes and every command, exit 0', async () => {
    const run = await runCli(['--help']);
    expect(run.code).toBe(0);
    for (const command of ['discover', 'parse', 'validate', 'plan', 'apply', 'migrate', 'rollback', 'runs', 'show', 'doctor', 'sandbox', 'demo']) {
      expect(run.stdout).toContain(`membank ${command}`);
    }
    expect(run.stdout).toContain('Exit codes');
  });

  it('answers an unknown command with a usage error (exit 64) on stderr', async () => {
    const run = await runCli(['frobnicate']);
    expect(run.code).toBe(64);
    expect(run.stderr).toMatch(/membank: .*frobnicate/);
  });

  it('reports a missing token as a configuration error (exit 64) naming the ways to give one', async () => {
    const run = await runCli(['plan', 'fixtures/demo', '--url', 'http://127.0.0.1:9'], { env: {} });
    expect(run.code).toBe(64);
    expect(run.stderr).toContain('no Vikunja API token');
    expect(run.stderr).toContain('--token-file');
    }, 60_000);

  it('never prints the token, even in errors and --json output', async () => {
    const run = await runCli(['plan', 'does-not-exist', '--url', 'http://127.0.0.1:9', '--token', token, '--json']);
    expect(run.code).toBe(64);
    expect(JSON.parse(run.stdout)).toMatchObject({ error: { code: 'USAGE' } });
    expect(run.stdout + run.stderr).not.toContain(token);
  });

  it('gives a clear error for a directory that does not exist', async () => {
    const run = await runCli(['validate', 'no/such/dir']);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toContain('no/such/dir');
  });
});
