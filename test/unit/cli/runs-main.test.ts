import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { openStore } from '../../../src/store/index.js';
import { runCli } from '../../helpers/cli.js';

// The lead registers the commands in commands/index.ts; here they are registered directly so that these tests
// go through the real `main` (yargs parsing, ctx.print with secret redaction, the single top-level catch).
vi.mock('../../../src/cli/commands/index.js', async () => {
  const { runsCommand } = await import('../../../src/cli/commands/runs.js');
  const { showCommand } = await import('../../../src/cli/commands/show.js');
  return {
    commands: [runsCommand, showCommand].map((command) => ({ command: command.command, describe: command.describe, load: async () => command })),
  };
});

const token = `tk_${'0123456789abcdef'.repeat(2)}01234567`;
const envToken = 'my-env-token-value';
const runId = '2026-11-21T13-40-00Z-k3x9q2';
let dir: string;
let statePath: string;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'membank-cli-runs-'));
  statePath = join(dir, 'snapshots', 'membank.sqlite');
  const store = openStore(statePath);
  store.runs.create({ id: runId, command: 'migrate' });
  const entry = store.journal.appendPending({ runId, opId: 'create:a.md#T1', job: 'import', kind: 'create', target: 'a.md#T1', preImage: null });
  store.journal.markFailed(entry, new Error(`401 for Authorization: Bearer ${token} (${envToken})`));
  store.runs.finish(runId, { status: 'failed', error: `server said: bad token ${token} / ${envToken}` });
  store.close();
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('runs and show through main', () => {
  it('lists runs from the default state path under the cwd, redacting token-shaped text and the env token', async () => {
    expect(token).toMatch(/^tk_[0-9a-f]{40}$/);
    const result = await runCli(['runs'], { cwd: dir, env: { VIKUNJA_TOKEN: envToken } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`1 run in ${statePath}, newest first`);
    expect(result.stdout).toContain(runId);
    expect(result.stdout).toContain('server said: bad token [redacted] / [redacted]');
    expect(result.stdout).not.toContain(token);
    expect(result.stdout).not.toContain(envToken);
  });

  it('redacts in JSON output and in show --journal too', async () => {
    const env = { VIKUNJA_TOKEN: envToken };
    const json = await runCli(['runs', '--json', '--state', statePath], { cwd: dir, env });
    expect(json.code).toBe(0);
    expect(JSON.parse(json.stdout)).toMatchObject({ runs: [{ id: runId, error: 'server said: bad token [redacted] / [redacted]' }] });
    const shown = await runCli(['show', runId, '--journal', '--state', statePath], { cwd: dir, env });
    expect(shown.code).toBe(0);
    expect(shown.stdout).toContain('Journal (2 rows, oldest first)');
    expect(shown.stdout).toContain('401 for Authorization: Bearer [redacted]');
    expect(shown.stdout).not.toContain(token);
    expect(shown.stdout).not.toContain(envToken);
  });

  it('redacts before cutting long text, so no partial token is ever shown', async () => {
    const store = openStore(statePath);
    const run = store.runs.create({ id: '2026-11-21T15-00-00Z-zzzzzz', command: 'sync' });
    store.runs.finish(run.id, { status: 'failed', error: `${'x'.repeat(50)} ${token} ${envToken}` });
    store.close();
    const result = await runCli(['runs', '--state', statePath], { cwd: dir, env: { VIKUNJA_TOKEN: envToken } });
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`failed .* {2}${'x'.repeat(50)} \\[redacte…\n`));
    expect(result.stdout).not.toContain('tk_0');
    expect(result.stdout).not.toContain('my-env');
  });

  it('verifies the journal chain', async () => {
    const result = await runCli(['runs', '--verify', '--state', statePath], { cwd: dir });
    expect(result).toMatchObject({ code: 0, stdout: `journal OK: 2 rows, chain intact (${statePath})\n` });
  });

  it('turns an unknown run id into exit 64 (as rollback does) with the way out on stderr (and a JSON error with --json)', async () => {
    const result = await runCli(['show', 'no-such-run', '--state', statePath], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toContain(`membank: no run no-such-run in ${statePath}; \`membank runs\` lists them`);
    const json = await runCli(['show', 'no-such-run', '--json', '--state', statePath], { cwd: dir });
    expect(json.code).toBe(64);
    expect(JSON.parse(json.stdout)).toEqual({
      error: { code: 'USAGE', message: `no run no-such-run in ${statePath}; \`membank runs\` lists them` },
    });
  });

  it('rejects unknown options (strict parsing) as a usage error', async () => {
    const result = await runCli(['runs', '--limt', '3', '--state', statePath], { cwd: dir });
    expect(result.code).toBe(64);
    expect(result.stderr).toMatch(/Unknown argument/i);
  });
});
