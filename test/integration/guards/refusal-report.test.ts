/**
 * A run a blast-radius guard refuses (exit 7) leaves its report beside the state store like any other run —
 * report.json, report.md and report.html under reports/<run-id>/ — saying what was refused and why: each guard, its
 * numbers and `--allow-mass-change`. Through the CLI against the sandbox, for sync, migrate and apply.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type GuardWorld, openGuardWorld } from './world.js';

const closers: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Runs a command the guards refuse (`--json`, exit 7) and returns its run id, stderr and report folder. */
async function refuse(world: GuardWorld, args: string[]): Promise<{ runId: string; folder: string; stderr: string }> {
  const refused = await world.cli([...args, '--json']);
  expect(refused.code, refused.stderr).toBe(7);
  expect(world.takeWrites()).toEqual([]);
  const runId = String(JSON.parse(refused.stdout).error.runId);
  return { runId, folder: join(world.dir, 'reports', runId), stderr: refused.stderr };
}

describe('the report of a guard-refused run', () => {
  it('sync with 80% of the files deleted: report.json and report.md name each guard, its numbers and --allow-mass-change', async () => {
    const world = await openGuardWorld(closers);
    for (const name of world.files().slice(0, 8)) rmSync(join(world.tasksDir, name));
    const { runId, folder } = await refuse(world, ['sync', world.repo]);

    const report = JSON.parse(readFileSync(join(folder, 'report.json'), 'utf8'));
    expect(report).toMatchObject({ runId, command: 'sync', status: 'failed', dryRun: false, journal: { rows: 0, applied: 0 } });
    expect(report.guard).toMatchObject({ refused: true, overridden: false, destructive: { labelRemoved: 16, total: 16 } });
    expect(report.guard.tripped.map((trip: { guard: string }) => trip.guard)).toEqual(['max-destructive', 'max-destructive-share', 'shrink-files', 'shrink-records']);
    expect(report.files).toEqual([`reports/${runId}/report.json`, `reports/${runId}/report.md`, `reports/${runId}/report.html`]);

    const markdown = readFileSync(join(folder, 'report.md'), 'utf8');
    expect(markdown).toContain('Refused before its first write: nothing was written');
    expect(markdown).toContain('`--allow-mass-change`');
    expect(markdown).toMatch(/- `max-destructive` tripped: the run would label 16 as removed from the memory bank: 16 task\(s\), more than guards\.maxDestructive \(10\)/);
    expect(markdown).toMatch(/- `shrink-files` tripped: discovery found 2 file\(s\) where the last successful run \([^)]+\) found 10: 8 lost \(80%\)/);
    expect(existsSync(join(folder, 'report.html'))).toBe(true);

    // The human error names where the report is, for a cron user reading the mail.
    const human = await world.cli(['sync', world.repo]);
    expect(human.code).toBe(7);
    expect(human.stderr).toMatch(/Report: reports\/\S+\/report\.json, reports\/\S+\/report\.md, reports\/\S+\/report\.html/);
  });

  it('migrate and apply refused: each leaves a report of the refusal', async () => {
    const world = await openGuardWorld(closers);
    world.markAllDone();
    const migrate = await refuse(world, ['migrate', world.repo]);
    const migrated = JSON.parse(readFileSync(join(migrate.folder, 'report.json'), 'utf8'));
    expect(migrated).toMatchObject({ runId: migrate.runId, command: 'migrate', status: 'failed', guard: { refused: true } });
    expect(readFileSync(join(migrate.folder, 'report.md'), 'utf8')).toMatch(/- `max-destructive` tripped: the run would close 20/);

    expect((await world.cli(['plan', world.repo, '--out', 'plan.json'])).code).toBe(0);
    world.takeWrites();
    const apply = await refuse(world, ['apply', 'plan.json']);
    const applied = JSON.parse(readFileSync(join(apply.folder, 'report.json'), 'utf8'));
    expect(applied).toMatchObject({ runId: apply.runId, command: 'apply', status: 'failed', guard: { refused: true } });
    expect(readFileSync(join(apply.folder, 'report.md'), 'utf8')).toContain('re-run with `--allow-mass-change`');
  });
});
