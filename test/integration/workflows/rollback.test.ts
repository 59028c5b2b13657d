/**
 * `membank rollback`: the preview lists every destructive step first and accounts for what it leaves out, a
 * tampered journal is refused, a bucket move is really undone, and no failed read is taken for "nothing there".
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import type { SandboxHandle } from '../../../src/sandbox/index.js';
import { rollbackJob } from '../../../jobs/index.js';
import { createWriteContext } from '../../../src/pipeline/workflows/index.js';
import { runCli } from '../../helpers/cli.js';
import { makeDeps } from '../../helpers/workflow.js';
import { changeDemoBank, setupWorkflow, writeRequests } from './fixtures.js';

const closers = closeAfterEach();

function bucketOf(sandbox: SandboxHandle, title: string): string | undefined {
  const state = sandbox.dump();
  const task = state.tasks.find((candidate) => candidate.title.includes(title));
  const buckets = state.projects.flatMap((project) => project.views.flatMap((view) => view.buckets));
  const row = state.taskBuckets.find((candidate) => candidate.task_id === task?.id);
  return buckets.find((bucket) => bucket.id === row?.bucket_id)?.title;
}

describe('membank rollback', () => {
  it('--dry-run lists the deletions first, with titles — the project with the tasks it takes along — and counts what it leaves out', async () => {
    const { sandbox, env, dir } = await setupWorkflow(closers);
    // More steps than the preview lists: 130 tasks, 60 run labels, the project.
    const bank = join(dir, 'many');
    mkdirSync(bank);
    const items = Array.from({ length: 130 }, (_, index) => `- [ ] Chore number ${index + 1}`);
    writeFileSync(join(bank, 'tasks.md'), `# Tasks\n\n${items.join('\n')}\n`);
    const runLabels = Array.from({ length: 60 }, (_, index) => `batch-${String(index + 1).padStart(2, '0')}`);
    writeFileSync(join(dir, 'membank.config.json'), JSON.stringify({ mapping: { runLabels } }));
    const migrated = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(migrated.code, migrated.stderr).toBe(0);
    const runId = (JSON.parse(migrated.stdout) as { runId: string }).runId;
    sandbox.clearRequestLog();
    const preview = await runCli(['rollback', runId, '--dry-run'], { env, cwd: dir });
    expect(preview.code, preview.stderr).toBe(0);
    expect(writeRequests(sandbox)).toEqual([]);
    const json = await runCli(['rollback', runId, '--dry-run', '--json'], { env, cwd: dir });
    const result = JSON.parse(json.stdout) as { steps: Array<{ id: string; kind: string }>; deletedWith: Record<string, Array<{ title: string }>> };
    const steps = result.steps;
    const count = (kind: string): number => steps.filter((step) => step.kind === kind).length;
    expect(count('delete-project')).toBe(1);
    expect(count('delete-label')).toBe(60);
    const projectStep = steps.find((step) => step.kind === 'delete-project');
    expect(result.deletedWith[projectStep?.id ?? '']?.length).toBe(130);

    const lines = preview.stdout.trimEnd().split('\n');
    expect(lines[0]).toContain(`Would undo ${steps.length} step(s) of run ${runId}`);
    expect(lines[0]).toContain('60 label deletions');
    expect(lines[0]).toContain('1 project deletion');
    const listed = lines.filter((line) => /^ {2}[✗↶] /.test(line));
    const elided = [...preview.stdout.matchAll(/^ {2}… and (\d+) more /gm)].reduce((sum, match) => sum + Number(match[1]), 0);
    expect(listed.length + elided).toBe(steps.length);
    expect(preview.stdout).toContain('  … and 10 more label deletions (not listed');
    // Destructive steps come first, with titles; the project's line names the tasks that go with it.
    const firstOther = listed.findIndex((line) => line.startsWith('  ↶ '));
    expect(listed.slice(0, firstOther === -1 ? undefined : firstOther).every((line) => line.startsWith('  ✗ delete '))).toBe(true);
    expect(listed[0]).toMatch(/✗ delete label #\d+ "batch-\d+"/);
    expect(preview.stdout).toMatch(/✗ delete project #\d+ "many" \(with everything in it\), deleting 130 tasks with it:/);
    expect(preview.stdout).toMatch(/^ {6}− task #\d+ "Chore number \d+"$/m);
    expect(preview.stdout).toContain('      … and 80 more of its tasks');
  });

  it('refuses (exit 6) to roll back from a journal that fails its hash check, unless --force', async () => {
    const { sandbox, env, dir, bank, state } = await setupWorkflow(closers);
    const migrated = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(migrated.code, migrated.stderr).toBe(0);
    const runId = (JSON.parse(migrated.stdout) as { runId: string }).runId;
    const db = new Database(state);
    for (const { name } of db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger'").all() as Array<{ name: string }>) {
      db.exec(`DROP TRIGGER "${name}"`);
    }
    const row = db.prepare('SELECT seq FROM journal ORDER BY seq LIMIT 1 OFFSET 2').get() as { seq: number };
    db.prepare("UPDATE journal SET remote_id = '999999' WHERE seq = ?").run(row.seq);
    db.close();
    const tasks = sandbox.dump().tasks.length;
    sandbox.clearRequestLog();

    for (const args of [[], ['--dry-run']]) {
      const refused = await runCli(['rollback', runId, ...args], { env, cwd: dir });
      expect(refused.code).toBe(6);
      expect(refused.stderr).toContain(`row ${row.seq}`);
      expect(refused.stderr).toContain('--force');
    }
    expect(writeRequests(sandbox)).toEqual([]);
    expect(sandbox.dump().tasks.length).toBe(tasks);

    const forced = await runCli(['rollback', runId, '--force', '--json'], { env, cwd: dir });
    expect(forced.code, forced.stderr + forced.stdout).not.toBe(6);
    expect(sandbox.dump().tasks.length).toBeLessThan(tasks);
  });

  it('moves a task back to the bucket it was in before the run moved it', async () => {
    const { sandbox, env, dir, bank } = await setupWorkflow(closers);
    const first = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    expect(bucketOf(sandbox, 'Onboarding screen for first import')).toBe('To-Do');
    changeDemoBank(bank);
    const second = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(second.code, second.stderr + second.stdout).toBe(0);
    expect(bucketOf(sandbox, 'Onboarding screen for first import')).toBe('Doing');
    const runId = (JSON.parse(second.stdout) as { runId: string }).runId;
    const undo = await runCli(['rollback', runId, '--json'], { env, cwd: dir });
    expect(undo.code, undo.stderr + undo.stdout).toBe(0);
    expect(bucketOf(sandbox, 'Onboarding screen for first import')).toBe('To-Do');
  });

  it('does not take a failed read of the project\'s tasks for "no foreign tasks"', async () => {
    const { sandbox, env, dir, bank } = await setupWorkflow(closers);
    // A run that only created the project.
    const planPath = join(dir, 'plan.json');
    const planned = await runCli(['plan', bank, '--out', planPath], { env, cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    const plan = JSON.parse(readFileSync(planPath, 'utf8')) as { ops: Array<{ kind: string }>; desired: Record<string, unknown> };
    plan.ops = plan.ops.filter((op) => op.kind === 'project');
    plan.desired = {};
    writeFileSync(planPath, JSON.stringify(plan));
    const applied = await runCli(['apply', planPath, '--json'], { env, cwd: dir });
    expect(applied.code, applied.stderr + applied.stdout).toBe(0);
    const runId = (JSON.parse(applied.stdout) as { runId: string }).runId;
    // Every read now fails, and membank does not retry.
    writeFileSync(join(dir, 'membank.config.json'), JSON.stringify({ vikunja: { retries: 0 } }));
    sandbox.setFaults({ error500: 1, applyTo: 'reads' });
    const preview = await runCli(['rollback', runId, '--dry-run'], { env, cwd: dir });
    sandbox.setFaults(undefined);
    expect(preview.code).not.toBe(0);
    expect(preview.stdout).not.toContain('Would undo');
    expect(sandbox.dump().projects.some((project) => project.title === 'tidepool')).toBe(true);
  });

  it('with no state store, says where it looked (exit 64) and creates none', async () => {
    const { env, dir, state } = await setupWorkflow(closers);
    for (const args of [['--dry-run'], []]) {
      const result = await runCli(['rollback', '2026-11-21T13-40-00Z-k3x9q2', ...args], { env, cwd: dir });
      expect(result.code).toBe(64);
      expect(result.stderr).toContain(`no state store at ${state}`);
    }
    expect(existsSync(state)).toBe(false);
  });

  it('with no state store, --include-later --dry-run (and with --quiet) also exits 64 and creates none', async () => {
    const { env, dir, state } = await setupWorkflow(closers);
    for (const args of [['--include-later', '--dry-run'], ['--include-later', '--dry-run', '--quiet'], ['--include-later']]) {
      const result = await runCli(['rollback', '2026-11-21T13-40-00Z-k3x9q2', ...args], { env, cwd: dir });
      expect(result.code, result.stderr).toBe(64);
      expect(result.stderr).toContain(`no state store at ${state}`);
    }
    expect(existsSync(state)).toBe(false);
  });

  it('--quiet: one line for a stop (exit 5) naming the step, and nothing at all for a rollback that succeeds', async () => {
    const { sandbox, env, dir, bank } = await setupWorkflow(closers);
    const first = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    changeDemoBank(bank);
    const second = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(second.code, second.stderr + second.stdout).toBe(0);
    const runId = (JSON.parse(second.stdout) as { runId: string }).runId;
    writeFileSync(join(dir, 'membank.config.json'), JSON.stringify({ vikunja: { retries: 0 } }));
    sandbox.setFaults({ error503: 1, applyTo: 'writes' });
    const stopped = await runCli(['rollback', runId, '--quiet'], { env, cwd: dir });
    sandbox.setFaults(undefined);
    expect(stopped.code, stopped.stderr).toBe(5);
    expect(stopped.stdout).toBe('');
    expect(stopped.stderr.trimEnd().split('\n')).toHaveLength(1);
    expect(stopped.stderr).toMatch(/^membank: \S+: stopped: Vikunja became unavailable .*re-run the rollback to resume \(at \S+: .*unavailable.*\)\n$/);

    const resumed = await runCli(['rollback', runId, '--quiet'], { env, cwd: dir });
    expect(resumed).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('stops (exit 5) when Vikunja becomes unavailable instead of failing every step, and a re-run finishes it', async () => {
    const { sandbox, env, dir, bank } = await setupWorkflow(closers);
    const first = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(first.code, first.stderr).toBe(0);
    changeDemoBank(bank);
    const second = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(second.code, second.stderr + second.stdout).toBe(0);
    const runId = (JSON.parse(second.stdout) as { runId: string }).runId;
    writeFileSync(join(dir, 'membank.config.json'), JSON.stringify({ vikunja: { retries: 0 } }));
    sandbox.setFaults({ error503: 1, applyTo: 'writes' });
    sandbox.clearRequestLog();
    const stopped = await runCli(['rollback', runId, '--json'], { env, cwd: dir });
    sandbox.setFaults(undefined);
    expect(stopped.code, stopped.stderr + stopped.stdout).toBe(5);
    const result = JSON.parse(stopped.stdout) as { steps: unknown[]; failures: unknown[]; stoppedBy: string };
    expect(result.stoppedBy).toBe('server-unavailable');
    expect(result.steps.length).toBeGreaterThan(1);
    expect(result.failures).toHaveLength(1);
    expect(writeRequests(sandbox)).toHaveLength(1);

    const resumed = await runCli(['rollback', runId, '--json'], { env, cwd: dir });
    expect(resumed.code, resumed.stderr + resumed.stdout).toBe(0);
    expect(bucketOf(sandbox, 'Onboarding screen for first import')).toBe('To-Do');
  });
});

describe('membank rollback after a killed rollback', () => {
  it('reconciles the undo step the killed rollback had sent (its pending row) and finishes the rest, with no failed step', async () => {
    const { sandbox, env, dir, bank, state } = await setupWorkflow(closers);
    const migrated = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(migrated.code, migrated.stderr).toBe(0);
    const runId = (JSON.parse(migrated.stdout) as { runId: string }).runId;
    // What a rollback killed right after its project delete left the server: a pending row of a write that happened.
    const deps = makeDeps(sandbox.url, sandbox.token, { statePath: state });
    closers.push(() => deps.runtime.close());
    const { ops } = await rollbackJob.plan(createWriteContext(deps, 'test'), { runId, force: false });
    const projectDelete = ops.find((op) => op.step.kind === 'delete-project');
    expect(projectDelete).toBeDefined();
    const { store } = deps.runtime;
    const killed = store.runs.create({ command: 'rollback', options: { target: runId } });
    const pending = store.journal.appendPending({
      runId: killed.id,
      opId: projectDelete?.step.id ?? '',
      job: 'rollback',
      kind: 'delete',
      target: projectDelete?.step.id ?? '',
      preImage: { op: projectDelete, before: null },
    });
    await deps.runtime.vikunja.deleteProject((projectDelete?.step as unknown as { projectId: number }).projectId);
    store.runs.markInterrupted(killed.id, 'killed');

    const rollback = await runCli(['rollback', runId, '--json'], { env, cwd: dir });
    expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
    expect((JSON.parse(rollback.stdout) as { failures: unknown[] }).failures).toEqual([]);
    expect(store.journal.latestEntry(killed.id, pending.opId)?.status).toBe('applied');
    expect(store.journal.pendingEntries()).toEqual([]);
    expect(store.journal.currentEntries(runId).filter((entry) => entry.status === 'applied')).toEqual([]);
    expect(store.runs.get(runId)?.status).toBe('rolled_back');
    expect(sandbox.dump().labels).toEqual([]);
  });
});
