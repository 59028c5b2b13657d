/**
 * Blast-radius guards through the CLI against the sandbox: a wiped bank, a bank rewritten as all done, a migrate and
 * an apply that would close too many tasks are refused with exit 7 before the first write (the sandbox's request
 * log shows none); `--allow-mass-change` lets them through; a fast deletion under the limits is an alert only.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { findLastGuardState } from '../../../src/core/guards.js';
import { openStore } from '../../../src/store/index.js';
import { openGuardWorld } from './world.js';

const closers: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** The last guard state the state store holds (what `get_sync_status` reads). */
function lastGuardState(statePath: string): ReturnType<typeof findLastGuardState> {
  const store = openStore(statePath);
  try {
    return findLastGuardState(store.runs.list({ limit: 20 }));
  } finally {
    store.close();
  }
}

describe('guards on sync', () => {
  it('80% of the bank\'s files deleted → exit 7, nothing written, the report names the guards and the override; --allow-mass-change applies', async () => {
    const world = await openGuardWorld(closers);
    expect((await world.cli(['sync', world.repo])).code).toBe(0);
    world.takeWrites();
    for (const name of world.files().slice(0, 8)) rmSync(join(world.tasksDir, name));

    // The dry run previews the refusal: it names each guard the real run would trip, and writes nothing.
    const preview = await world.cli(['sync', world.repo, '--dry-run']);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toMatch(/guard max-destructive would trip: .* the real sync would be refused \(exit 7\) unless --allow-mass-change/);
    expect(preview.stdout).toContain('guard shrink-files would trip');
    expect(world.takeWrites()).toEqual([]);
    const previewJson = JSON.parse((await world.cli(['sync', world.repo, '--dry-run', '--json'])).stdout);
    expect(previewJson.guard.refused).toBe(true);

    const refused = await world.cli(['sync', world.repo]);
    expect(refused.code, refused.stderr).toBe(7);
    expect(world.takeWrites()).toEqual([]);
    expect(refused.stderr).toContain('guard tripped');
    expect(refused.stderr).toMatch(/max-destructive: the run would label 16 as removed from the memory bank: 16 task\(s\), more than guards\.maxDestructive \(10\)/);
    expect(refused.stderr).toMatch(/shrink-files: discovery found 2 file\(s\) where the last successful run \([^)]+\) found 10: 8 lost \(80%\)/);
    expect(refused.stderr).toMatch(/shrink-records: discovery found 4 task item\(s\) where .* found 20: 16 lost/);
    expect(refused.stderr).toContain('--allow-mass-change');
    expect((await world.tasks()).filter((task) => (task.labels ?? []).length > 0 && task.labels!.some((label) => label.title === 'removed-from-memory-bank'))).toEqual([]);

    const json = await world.cli(['sync', world.repo, '--json']);
    expect(json.code).toBe(7);
    const error = JSON.parse(json.stdout).error;
    expect(error.code).toBe('GUARD_TRIPPED');
    expect(error.guard.refused).toBe(true);
    expect(error.guard.tripped.map((trip: { guard: string }) => trip.guard)).toEqual(['max-destructive', 'max-destructive-share', 'shrink-files', 'shrink-records']);
    expect(error.guard.destructive).toEqual({ close: 0, reopen: 0, delete: 0, labelRemoved: 16, total: 16 });
    expect(world.takeWrites()).toEqual([]);

    const state = lastGuardState(world.env['MEMBANK_STATE'] ?? '');
    expect(state).toMatchObject({ runId: error.runId, command: 'sync', status: 'failed', guard: { refused: true, counts: { files: 2, records: 4 } } });
    const runs = await world.cli(['runs']);
    expect(runs.stdout).toContain('guard refused: max-destructive, max-destructive-share, shrink-files, shrink-records');

    const allowed = await world.cli(['sync', world.repo, '--allow-mass-change', '--json']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(JSON.parse(allowed.stdout).guard).toMatchObject({ overridden: true, refused: false });
    const labelled = (await world.tasks()).filter((task) => (task.labels ?? []).some((label) => label.title === 'removed-from-memory-bank'));
    expect(labelled).toHaveLength(16);
    // The override's run is the new baseline: the next sync trips nothing.
    expect((await world.cli(['sync', world.repo])).code).toBe(0);
  });

  it('every task rewritten as done → exit 7 and nothing closed; --allow-mass-change → every task closed', async () => {
    const world = await openGuardWorld(closers);
    world.markAllDone();
    const refused = await world.cli(['sync', world.repo]);
    expect(refused.code, refused.stderr).toBe(7);
    expect(refused.stderr).toMatch(/the run would close 20: 20 task\(s\), more than guards\.maxDestructive \(10\)/);
    expect(refused.stderr).toMatch(/max-destructive-share: .*20 of the project's 20 task\(s\) \(100%\), more than guards\.maxDestructiveShare \(20%\)/);
    expect(world.takeWrites()).toEqual([]);
    expect((await world.tasks()).filter((task) => task.done)).toEqual([]);

    const allowed = await world.cli(['sync', world.repo, '--allow-mass-change']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toContain('guard max-destructive tripped, overridden by --allow-mass-change');
    expect((await world.tasks()).filter((task) => !task.done)).toEqual([]);
  });

  it('done flipped back to open in the bank for every task is as destructive (reopen) → exit 7', async () => {
    const world = await openGuardWorld(closers);
    world.markAllDone();
    expect((await world.cli(['sync', world.repo, '--allow-mass-change'])).code).toBe(0);
    for (const name of world.files()) {
      const file = join(world.tasksDir, name);
      writeFileSync(file, readFileSync(file, 'utf8').replaceAll('- [x]', '- [ ]'));
    }
    world.takeWrites();
    const refused = await world.cli(['sync', world.repo]);
    expect(refused.code, refused.stderr).toBe(7);
    expect(refused.stderr).toMatch(/the run would reopen 20/);
    expect(world.takeWrites()).toEqual([]);
  });

  it('a change under the limits goes through: two tasks closed of twenty', async () => {
    const world = await openGuardWorld(closers);
    const file = join(world.tasksDir, 'area-01.md');
    writeFileSync(file, '# Area 01\n\n- [x] Draft the plan for area 01\n- [x] Review the work of area 01\n');
    const run = await world.cli(['sync', world.repo]);
    expect(run.code, run.stderr).toBe(0);
    expect((await world.tasks()).filter((task) => task.done)).toHaveLength(2);
  });

  it('limits come from the config: guards.maxDestructive 1 refuses two closes', async () => {
    const world = await openGuardWorld(closers, { config: { guards: { maxDestructive: 1 } } });
    writeFileSync(join(world.tasksDir, 'area-01.md'), '# Area 01\n\n- [x] Draft the plan for area 01\n- [x] Review the work of area 01\n');
    const run = await world.cli(['sync', world.repo]);
    expect(run.code, run.stderr).toBe(7);
    expect(run.stderr).toContain('more than guards.maxDestructive (1)');
    expect(world.takeWrites()).toEqual([]);
  });

  it('a fast deletion under the limits is an alert: logged, in --quiet output, in the JSON and the run record; the run goes ahead', async () => {
    const world = await openGuardWorld(closers, { config: { guards: { maxDestructiveShare: 0.5 } } });
    for (const name of world.files().slice(0, 3)) rmSync(join(world.tasksDir, name));
    const quiet = await world.cli(['sync', world.repo, '--quiet']);
    expect(quiet.code, quiet.stderr).toBe(0);
    expect(quiet.stdout).toBe('');
    expect(quiet.stderr).toMatch(/^membank: \S+: alert: fast deletion: 6 of 20 task item\(s\) \(30%\) left the memory bank in [\d.]+ minute\(s\), since run \S+\n$/);
    const state = lastGuardState(world.env['MEMBANK_STATE'] ?? '');
    expect(state?.status).toBe('succeeded');
    expect(state?.guard.alerts).toEqual([expect.objectContaining({ alert: 'fast-deletion', gone: 6, previous: 20 })]);
    expect((await world.tasks()).filter((task) => (task.labels ?? []).some((label) => label.title === 'removed-from-memory-bank'))).toHaveLength(6);
    // In the run's report files too.
    const reports = join(world.dir, 'reports', state?.runId ?? '');
    expect(JSON.parse(readFileSync(join(reports, 'report.json'), 'utf8')).guard.alerts).toEqual([expect.objectContaining({ alert: 'fast-deletion', gone: 6 })]);
    expect(readFileSync(join(reports, 'report.md'), 'utf8')).toMatch(/### Guards\n\n- alert: fast deletion: 6 of 20 task item\(s\)/);
  });
});

describe('guards on migrate and apply', () => {
  it('migrate of a bank rewritten as all done → exit 7, nothing written; --allow-mass-change → applied', async () => {
    const world = await openGuardWorld(closers);
    world.markAllDone();
    const refused = await world.cli(['migrate', world.repo]);
    expect(refused.code, refused.stderr).toBe(7);
    expect(refused.stderr).toMatch(/migrate run \S+ refused before its first write/);
    expect(refused.stderr).toMatch(/the run would close 20/);
    expect(world.takeWrites()).toEqual([]);
    const allowed = await world.cli(['migrate', world.repo, '--allow-mass-change']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect(allowed.stdout).toMatch(/guard +max-destructive tripped, overridden by --allow-mass-change: the run would close 20/);
    expect((await world.tasks()).filter((task) => !task.done)).toEqual([]);
  });

  it('apply of a saved plan that closes every task → exit 7, nothing written; --allow-mass-change → applied', async () => {
    const world = await openGuardWorld(closers);
    world.markAllDone();
    const planned = await world.cli(['plan', world.repo, '--out', 'plan.json']);
    expect(planned.code, planned.stderr).toBe(0);
    world.takeWrites();
    const refused = await world.cli(['apply', 'plan.json']);
    expect(refused.code, refused.stderr).toBe(7);
    expect(refused.stderr).toMatch(/apply run \S+ refused before its first write/);
    expect(world.takeWrites()).toEqual([]);
    const allowed = await world.cli(['apply', 'plan.json', '--allow-mass-change']);
    expect(allowed.code, allowed.stderr).toBe(0);
    expect((await world.tasks()).filter((task) => !task.done)).toEqual([]);
  });
});
