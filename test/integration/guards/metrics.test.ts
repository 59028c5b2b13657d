/**
 * `--metrics-file`: the Prometheus textfile-collector file a write run leaves, read back with a real Prometheus
 * text-format parser — after a successful sync, after a run a guard refused (the failure keeps the last success
 * time and adds to the counters), and after migrate.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import parsePrometheusTextFormat from 'parse-prometheus-text-format';
import { afterEach, describe, expect, it } from 'vitest';
import { openGuardWorld } from './world.js';

const closers: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/** Family name → samples (labels, numeric value) of a metrics file, parsed by the real parser. */
function readMetrics(file: string): Map<string, { type: string; samples: Array<{ labels: Record<string, string>; value: number }> }> {
  const families = parsePrometheusTextFormat(readFileSync(file, 'utf8'));
  return new Map(
    families.map((family) => [
      family.name,
      { type: family.type, samples: family.metrics.map((metric) => ({ labels: metric.labels ?? {}, value: Number(metric.value) })) },
    ]),
  );
}

function value(metrics: ReturnType<typeof readMetrics>, name: string, labels: Record<string, string> = {}): number | undefined {
  return metrics.get(name)?.samples.find((sample) => JSON.stringify(sample.labels) === JSON.stringify(labels))?.value;
}

describe('--metrics-file', () => {
  it('a successful sync, then a refused one: last success kept, failure and guard-trip counters added, written atomically', async () => {
    const world = await openGuardWorld(closers);
    const file = join(world.dir, 'membank.prom');
    writeFileSync(join(world.tasksDir, 'area-01.md'), '# Area 01\n\n- [x] Draft the plan for area 01\n- [ ] Review the work of area 01\n- [ ] Ship area 01\n');
    const ok = await world.cli(['sync', world.repo, '--quiet', '--metrics-file', 'membank.prom']);
    expect(ok, ok.stderr).toEqual({ code: 0, stdout: '', stderr: '' });
    const first = readMetrics(file);
    expect(first.get('membank_last_success_timestamp_seconds')?.type).toBe('GAUGE');
    const lastSuccess = value(first, 'membank_last_success_timestamp_seconds') ?? 0;
    expect(lastSuccess).toBeGreaterThan(1_700_000_000);
    expect(value(first, 'membank_last_run_timestamp_seconds')).toBe(lastSuccess);
    expect(value(first, 'membank_last_run_success')).toBe(1);
    expect(value(first, 'membank_last_run_exit_code', { command: 'sync' })).toBe(0);
    expect(value(first, 'membank_last_run_duration_seconds')).toBeGreaterThan(0);
    expect(value(first, 'membank_last_run_ops', { kind: 'create', side: 'vikunja' })).toBe(1);
    expect(value(first, 'membank_last_run_ops', { kind: 'close', side: 'vikunja' })).toBe(1);
    expect(value(first, 'membank_last_run_conflicts')).toBe(0);
    expect(value(first, 'membank_last_run_errors')).toBe(0);
    expect(value(first, 'membank_last_run_requests', { method: 'GET' })).toBeGreaterThan(0);
    expect(value(first, 'membank_last_run_retries')).toBe(0);
    expect(value(first, 'membank_last_run_guard_trips')).toBe(0);
    expect(first.get('membank_runs_total')?.type).toBe('COUNTER');
    expect(value(first, 'membank_runs_total', { result: 'success' })).toBe(1);
    expect(value(first, 'membank_runs_total', { result: 'failure' })).toBe(0);

    world.markAllDone();
    const refused = await world.cli(['sync', world.repo, '--quiet', '--metrics-file', 'membank.prom']);
    expect(refused.code).toBe(7);
    const second = readMetrics(file);
    expect(value(second, 'membank_last_success_timestamp_seconds')).toBe(lastSuccess);
    expect(value(second, 'membank_last_run_success')).toBe(0);
    expect(value(second, 'membank_last_run_exit_code', { command: 'sync' })).toBe(7);
    expect(value(second, 'membank_last_run_guard_trips')).toBe(2);
    expect(value(second, 'membank_guard_trips_total')).toBe(2);
    expect(value(second, 'membank_last_run_errors')).toBe(1);
    expect(value(second, 'membank_runs_total', { result: 'success' })).toBe(1);
    expect(value(second, 'membank_runs_total', { result: 'failure' })).toBe(1);
    expect(second.get('membank_last_run_ops')?.samples).toEqual([]);
    // No temp file is left beside it (node_exporter reads *.prom only; the rename is atomic).
    expect(readdirSync(world.dir).filter((name) => name.includes('.tmp'))).toEqual([]);
  });

  it('migrate writes one too; a file that is not a metrics file is refused before the run, not overwritten', async () => {
    const world = await openGuardWorld(closers);
    const run = await world.cli(['migrate', world.repo, '--metrics-file', 'migrate.prom', '--quiet']);
    expect(run).toEqual({ code: 0, stdout: '', stderr: '' });
    const metrics = readMetrics(join(world.dir, 'migrate.prom'));
    expect(value(metrics, 'membank_last_run_exit_code', { command: 'migrate' })).toBe(0);
    expect(value(metrics, 'membank_last_run_success')).toBe(1);

    writeFileSync(join(world.dir, 'notes.txt'), 'my notes\n');
    writeFileSync(join(world.tasksDir, 'area-01.md'), '# Area 01\n\n- [x] Draft the plan for area 01\n- [ ] Review the work of area 01\n');
    world.takeWrites();
    const refused = await world.cli(['sync', world.repo, '--metrics-file', 'notes.txt']);
    expect(refused.code).toBe(64);
    expect(refused.stderr).toContain('notes.txt:1 is not a Prometheus sample line (received "my notes")');
    expect(readFileSync(join(world.dir, 'notes.txt'), 'utf8')).toBe('my notes\n');
    // Checked before the run: nothing was written to Vikunja either.
    expect(world.takeWrites()).toEqual([]);
    expect(existsSync(join(world.dir, 'membank.prom'))).toBe(false);
  });
});
