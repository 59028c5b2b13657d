/**
 * The main job through the CLI, in-process (`main(argv)`), against the real sandbox and real SQLite files.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import type { Plan } from '../../../src/core/plan.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { openStore } from '../../../src/store/index.js';
import { runCli } from '../../helpers/cli.js';
import { clientBank, hasClientBank as hasCorpus } from '../../helpers/corpus.js';

const demoBank = fileURLToPath(new URL('../../../fixtures/demo', import.meta.url));
if (!hasCorpus) console.warn(`corpus not found at ${clientBank}: the client-bank migration test is skipped`);

const closers = closeAfterEach();

function withoutServerTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'created' || key === 'updated' ? undefined : inner)));
}

async function setup(): Promise<{ sandbox: SandboxHandle; state: string; env: Record<string, string>; dir: string }> {
  const sandbox = await startSandbox();
  closers.push(() => sandbox.close());
  const dir = mkdtempSync(join(tmpdir(), 'membank-cli-'));
  const state = join(dir, 'state.sqlite');
  return { sandbox, state, dir, env: { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: state } };
}

describe('membank migrate (CLI)', () => {
  it.skipIf(!hasCorpus)(
    'migrates the client bank: verify passes, a second migrate writes nothing, rollback restores the pre-run state',
    async () => {
      const { sandbox, env, dir } = await setup();
      const before = withoutServerTimes(sandbox.dump());
      const first = await runCli(['migrate', clientBank, '--project', 'xoe-novai', '--json'], { env, cwd: dir });
      expect(first.stderr).not.toContain(sandbox.token);
      expect(first.code, first.stderr).toBe(0);
      const report = JSON.parse(first.stdout) as { runId: string; verify: { ok: boolean; checked: number }; status: string };
      expect(report.status).toBe('succeeded');
      expect(report.verify.ok).toBe(true);
      expect(report.verify.checked).toBeGreaterThan(50);
      const created = sandbox.dump().tasks.length - (before as { tasks: unknown[] }).tasks.length;
      expect(created).toBe(report.verify.checked);

      sandbox.clearRequestLog();
      const second = await runCli(['migrate', clientBank, '--project', 'xoe-novai', '--json'], { env, cwd: dir });
      expect(second.code, second.stderr).toBe(0);
      expect(sandbox.requestLog().filter((entry) => entry.method !== 'GET')).toEqual([]);

      const undo = await runCli(['rollback', report.runId, '--json'], { env, cwd: dir });
      expect(undo.code, undo.stderr).toBe(0);
      expect(withoutServerTimes(sandbox.dump())).toEqual(before);
      expect(JSON.stringify(sandbox.dump())).not.toContain('membank-id');
    },
  );

  it('--dry-run and plan send no write request and leave the store mappings unchanged', async () => {
    const { sandbox, env, dir, state } = await setup();
    const first = await runCli(['migrate', demoBank, '--json'], { env, cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const store = openStore(state);
    const digest = store.mappings.digest();
    store.close();
    // Change the source so that the plan has something to do.
    const changed = mkdtempSync(join(tmpdir(), 'membank-dry-'));
    writeFileSync(join(changed, 'tasks.md'), '# Tasks\n\n- [ ] A brand new task\n- [x] Another one\n');
    sandbox.clearRequestLog();
    const dry = await runCli(['migrate', demoBank, '--dry-run', '--detailed-exitcode', '--json'], { env, cwd: dir });
    const plan = await runCli(['plan', changed, '--out', join(dir, 'plan.json'), '--detailed-exitcode'], { env, cwd: dir });
    expect(dry.code, dry.stderr).toBe(0);
    expect(plan.code, plan.stderr).toBe(2);
    expect(plan.stdout).toContain('to create');
    expect(sandbox.requestLog().length).toBeGreaterThan(0);
    expect(sandbox.requestLog().filter((entry) => entry.method !== 'GET')).toEqual([]);
    const after = openStore(state);
    expect(after.mappings.digest()).toBe(digest);
    after.close();
  });

  it('refuses a stale plan item when its task changed after planning, and says why', async () => {
    const { sandbox, env, dir } = await setup();
    const bank = join(dir, 'bank');
    cpSync(demoBank, bank, { recursive: true });
    const first = await runCli(['migrate', bank, '--project', 'stale', '--json'], { env, cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    // The source changes, so the plan wants an update of DEMO-003…
    const sprint = join(bank, 'memory-bank', 'sprint.md');
    writeFileSync(sprint, readFileSync(sprint, 'utf8').replace('Beta invite emails', 'Beta invite emails, second wave'));
    const planPath = join(dir, 'plan.json');
    const planned = await runCli(['plan', bank, '--project', 'stale', '--out', planPath], { env, cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(planPath, 'utf8')) as Plan;
    const update = plan.ops.find((op) => op.kind === 'update' && op.key.endsWith('#DEMO-003'));
    expect(update).toBeDefined();
    const taskId = update !== undefined && update.kind === 'update' ? update.taskId : -1;
    // …then someone edits that task in Vikunja before the plan is applied.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    const headers = { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' };
    const current = (await (await fetch(`${sandbox.url}/api/v1/tasks/${taskId}`, { headers })).json()) as Record<string, unknown>;
    await fetch(`${sandbox.url}/api/v1/tasks/${taskId}`, { method: 'POST', headers, body: JSON.stringify({ ...current, priority: 5 }) });
    const applied = await runCli(['apply', planPath, '--json'], { env, cwd: dir });
    expect(applied.code).toBe(6);
    expect(applied.stdout).toContain(`task #${taskId} changed in Vikunja`);
    const after = sandbox.dump().tasks.find((candidate) => candidate.id === taskId);
    expect(after?.title).toContain('Beta invite emails');
    expect(after?.title).not.toContain('second wave');
    expect(after?.priority).toBe(5);
  });

  it('keeps a task edited by hand in Vikunja: the next migrate exits 0, leaves the edit and says so', async () => {
    const { sandbox, env, dir } = await setup();
    const first = await runCli(['migrate', demoBank, '--project', 'hand', '--json'], { env, cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const task = sandbox.dump().tasks.find((candidate) => candidate.title.includes('DEMO-003'));
    if (task === undefined) throw new Error('demo bank has no DEMO-003');
    const headers = { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' };
    const current = (await (await fetch(`${sandbox.url}/api/v1/tasks/${task.id}`, { headers })).json()) as Record<string, unknown>;
    await fetch(`${sandbox.url}/api/v1/tasks/${task.id}`, { method: 'POST', headers, body: JSON.stringify({ ...current, title: 'Renamed by hand' }) });
    sandbox.clearRequestLog();
    const second = await runCli(['migrate', demoBank, '--project', 'hand'], { env, cwd: dir });
    expect(second.code, second.stderr).toBe(0);
    expect(second.stderr + second.stdout).toContain(`(task #${task.id}): title changed in Vikunja since the last run — kept`);
    expect(second.stderr + second.stdout).not.toContain('already matches');
    expect(sandbox.requestLog().filter((entry) => entry.method !== 'GET')).toEqual([]);
    expect(sandbox.dump().tasks.find((candidate) => candidate.id === task.id)?.title).toBe('Renamed by hand');
  });

  it('detects a journal row edited by hand (runs --verify)', async () => {
    const { env, dir, state } = await setup();
    const first = await runCli(['migrate', demoBank, '--json'], { env, cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    const clean = await runCli(['runs', '--verify'], { env, cwd: dir });
    expect(clean.code, clean.stderr).toBe(0);
    const db = new Database(state);
    const triggers = db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>;
    for (const trigger of triggers) db.exec(`DROP TRIGGER "${trigger.name}"`);
    const row = db.prepare('SELECT seq FROM journal ORDER BY seq LIMIT 1 OFFSET 3').get() as { seq: number };
    db.prepare("UPDATE journal SET remote_id = '999999' WHERE seq = ?").run(row.seq);
    db.close();
    const tampered = await runCli(['runs', '--verify'], { env, cwd: dir });
    expect(tampered.code).toBe(1);
    expect(tampered.stdout + tampered.stderr).toMatch(new RegExp(`TAMPERED[^\\n]*${row.seq}`));
  });
});
