/**
 * `sync --watch --metrics-file PATH` writes the file after every round (atomically), so node_exporter's textfile
 * collector sees a live watcher: the file exists and counts rounds while the watcher runs, and at stop it holds one
 * run per round (nothing added by the stop itself). A round with nothing to do writes no report files. The real CLI as a child process against the sandbox.
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { readMetricsFile } from '../../../src/cli/metrics.js';
import { setupWatchWorld, startWatcher, waitUntil } from './watch-helpers.js';

const closers = closeAfterEach();

/** Runs counted in the metrics file, success and failure. */
function countRuns(metrics: Map<string, number>): number {
  return (metrics.get('membank_runs_total{result="success"}') ?? 0) + (metrics.get('membank_runs_total{result="failure"}') ?? 0);
}

describe('membank sync --watch --metrics-file', () => {
  it('is written after every round while the watcher runs, and holds one run per round after it stops', async () => {
    const world = await setupWatchWorld(closers, { items: ['Alpha', 'Beta'] });
    const path = join(world.dir, 'watch.prom');
    const watcher = await startWatcher(closers, world, ['--no-webhooks', '--interval', '1', '--metrics-file', 'watch.prom']);

    await waitUntil('the metrics file of a first round', () => existsSync(path));
    const first = await readMetricsFile(path);
    expect(first.get('membank_last_run_success')).toBe(1);
    expect(first.get('membank_last_run_exit_code{command="sync --watch"}')).toBe(0);
    const before = countRuns(first);
    expect(before).toBeGreaterThan(0);

    // A tick in Vikunja: the next round writes it back and the file counts it, the watcher still running.
    await world.editTask('Alpha', { done: true });
    await waitUntil('Alpha ticked by a poll', () => world.read('tasks.md').includes('- [x] Alpha'));
    await waitUntil('the file to count the rounds since', async () => countRuns(await readMetricsFile(path)) > before);
    expect(watcher.child.exitCode).toBeNull();
    expect((await readMetricsFile(path)).get('membank_last_success_timestamp_seconds')).toBeGreaterThan(0);
    // GET /metrics serves the same round's run metrics as the file: each round counted once.
    let same: { live: Map<string, number>; file: Map<string, number> } | null = null;
    await waitUntil('/metrics and the file to show the same round', async () => {
      const live = await watcher.metrics();
      const file = await readMetricsFile(path);
      const round = (metrics: Map<string, number>): string => `${metrics.get('membank_last_run_timestamp_seconds')}/${metrics.get('membank_last_run_duration_seconds')}`;
      if (round(live) === round(file)) same = { live, file };
      return same !== null;
    });
    expect(countRuns(same!.live)).toBe(countRuns(same!.file));

    expect(await watcher.stop()).toBe(0);
    const stopped = watcher.lines.find((line) => line.event === 'stopped');
    expect(stopped).toBeDefined();
    const last = await readMetricsFile(path);
    expect(countRuns(last)).toBe(stopped.rounds);
    expect(last.get('membank_runs_total{result="failure"}')).toBe(stopped.failedRounds);

    // Report files only for rounds that wrote something: the polls that found nothing to do left none.
    const rounds = watcher.lines.filter((line) => line.event === 'round' && line.runId !== null);
    const wrote = rounds.filter((line) => line.vikunjaWrites + line.fileWrites > 0).map((line) => String(line.runId));
    const idle = rounds.filter((line) => line.vikunjaWrites + line.fileWrites === 0).map((line) => String(line.runId));
    expect(wrote.length).toBeGreaterThan(0);
    expect(idle.length).toBeGreaterThan(0);
    const reports = readdirSync(join(dirname(world.env['MEMBANK_STATE'] ?? ''), 'reports'));
    expect(reports).toEqual(expect.arrayContaining(wrote));
    expect(reports.filter((folder) => idle.includes(folder))).toEqual([]);
  }, 120_000);
});
