/**
 * `--metrics-file PATH` (sync, migrate, apply): the run's metrics in the Prometheus text format, for node_exporter's
 * textfile collector, written atomically (temp file + rename) after every run, successful or not. A failed run keeps
 * the last success time and the counters of the file it replaces (read back from it).
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { ExitCode, GuardTrippedError, MembankError, UsageError } from '../core/errors.js';
import type { GuardRecord } from '../core/guards.js';
import type { RunReport } from '../core/report.js';
import type { VikunjaStats } from '../core/vikunja.js';
import { writeFileAtomic } from '../files/atomic-write.js';
import type { CliContext, MembankCommand } from './command.js';

/** What one run contributes to the metrics file. */
export interface RunMetrics {
  command: string;
  /** Unix milliseconds. */
  startedAt: number;
  finishedAt: number;
  exitCode: number;
  /** The run did what it was asked (exit 0, or 2 with --detailed-exitcode). */
  succeeded: boolean;
  /** Ops the run applied, by kind and side (`vikunja`, `memory-bank`). */
  ops: ReadonlyArray<{ kind: string; side: 'vikunja' | 'memory-bank'; count: number }>;
  conflicts: number;
  /** Ops that failed or were refused, plus 1 when the run itself stopped with an error. */
  errors: number;
  guard: GuardRecord | null;
  stats: VikunjaStats | null;
}

/** The ops a run applied, counted by kind and side (Markdown write-back is the memory bank's side). */
export function countAppliedOps(ops: ReadonlyArray<{ id: string; kind: string }>, applied: ReadonlySet<string>): RunMetrics['ops'] {
  const counts = new Map<string, { kind: string; side: 'vikunja' | 'memory-bank'; count: number }>();
  for (const op of ops) {
    if (!applied.has(op.id)) continue;
    const side = op.kind === 'file-edit' || op.kind === 'inbox-append' ? 'memory-bank' : 'vikunja';
    const entry = counts.get(`${op.kind}:${side}`) ?? { kind: op.kind, side, count: 0 };
    entry.count += 1;
    counts.set(`${op.kind}:${side}`, entry);
  }
  return [...counts.values()];
}

/** Series carried over from the file a run replaces: counters and the last success time. */
const carried = ['membank_runs_total', 'membank_guard_trips_total', 'membank_fast_deletion_alerts_total', 'membank_last_success_timestamp_seconds'] as const;

const linePattern = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{[^}]*\})?\s+(\S+)(\s+\d+)?$/;

/** Series (name plus labels, as written) → value, from a metrics file membank wrote; missing file: empty. */
export async function readMetricsFile(path: string): Promise<Map<string, number>> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw new UsageError(`cannot read --metrics-file ${path}: ${(error as Error).message}`, { cause: error });
  }
  const series = new Map<string, number>();
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '' || line.startsWith('#')) return;
    const match = linePattern.exec(line);
    const value = match === null ? Number.NaN : Number(match[3]);
    if (match === null || Number.isNaN(value)) {
      throw new UsageError(
        `--metrics-file ${path}:${index + 1} is not a Prometheus sample line (received ${JSON.stringify(line.slice(0, 200))}); point --metrics-file at a file of its own (e.g. /var/lib/node_exporter/textfile/membank.prom), or delete the file`,
      );
    }
    series.set(`${match[1]}${match[2] ?? ''}`, value);
  });
  return series;
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

function labels(pairs: Record<string, string>): string {
  const entries = Object.entries(pairs);
  return entries.length === 0 ? '' : `{${entries.map(([key, value]) => `${key}="${escapeLabel(value)}"`).join(',')}}`;
}

/** The metrics file's text for a run, carrying counters and the last success time over from `previous`. */
export function renderMetrics(run: RunMetrics, previous: ReadonlyMap<string, number>): string {
  const out: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: ReadonlyArray<[Record<string, string>, number]>): void => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [pairs, value] of samples) out.push(`${name}${labels(pairs)} ${Number.isInteger(value) ? value : value.toFixed(3)}`);
  };
  const old = (series: string): number => previous.get(series) ?? 0;
  const seconds = (ms: number): number => Math.round(ms / 1000);
  const result = run.succeeded ? 'success' : 'failure';
  const trips = run.guard?.tripped.length ?? 0;
  const alerts = run.guard?.alerts.length ?? 0;
  metric('membank_last_run_timestamp_seconds', 'gauge', 'When the last run finished (Unix seconds).', [[{}, seconds(run.finishedAt)]]);
  metric('membank_last_success_timestamp_seconds', 'gauge', 'When the last successful run finished (Unix seconds; 0: none yet).', [
    [{}, run.succeeded ? seconds(run.finishedAt) : old('membank_last_success_timestamp_seconds')],
  ]);
  metric('membank_last_run_duration_seconds', 'gauge', 'Wall time of the last run.', [[{}, (run.finishedAt - run.startedAt) / 1000]]);
  metric('membank_last_run_success', 'gauge', '1 when the last run succeeded, else 0.', [[{}, run.succeeded ? 1 : 0]]);
  metric('membank_last_run_exit_code', 'gauge', 'Exit code of the last run (README "Exit codes").', [[{ command: run.command }, run.exitCode]]);
  metric(
    'membank_last_run_ops',
    'gauge',
    'Ops the last run applied, by kind and side (vikunja, memory-bank).',
    run.ops.map((entry): [Record<string, string>, number] => [{ kind: entry.kind, side: entry.side }, entry.count]),
  );
  metric('membank_last_run_conflicts', 'gauge', 'Conflicts pending after the last run.', [[{}, run.conflicts]]);
  metric('membank_last_run_errors', 'gauge', 'Ops that failed or were refused in the last run (plus 1 when the run stopped with an error).', [[{}, run.errors]]);
  metric('membank_last_run_guard_trips', 'gauge', 'Blast-radius guards that tripped in the last run.', [[{}, trips]]);
  metric('membank_last_run_fast_deletion_alerts', 'gauge', 'Fast-deletion alerts of the last run.', [[{}, alerts]]);
  const methods = Object.entries(run.stats?.requests ?? {}).sort(([a], [b]) => a.localeCompare(b));
  metric('membank_last_run_requests', 'gauge', 'HTTP requests to Vikunja in the last run, by method (retries included).', methods.map(([method, count]): [Record<string, string>, number] => [{ method }, count]));
  metric('membank_last_run_retries', 'gauge', 'Requests repeated after a retryable failure in the last run.', [[{}, run.stats?.retries ?? 0]]);
  metric('membank_runs_total', 'counter', 'Runs written to this file, by result.', [
    [{ result: 'success' }, old('membank_runs_total{result="success"}') + (run.succeeded ? 1 : 0)],
    [{ result: 'failure' }, old('membank_runs_total{result="failure"}') + (run.succeeded ? 0 : 1)],
  ]);
  metric('membank_guard_trips_total', 'counter', 'Blast-radius guards tripped (refused or overridden), all runs.', [[{}, old('membank_guard_trips_total') + trips]]);
  metric('membank_fast_deletion_alerts_total', 'counter', 'Fast-deletion alerts, all runs.', [[{}, old('membank_fast_deletion_alerts_total') + alerts]]);
  return `${out.join('\n')}\n`;
}

/**
 * Writes the run's metrics to `path` atomically, carrying the counters and the last success time of `previous` (the
 * file as `readMetricsFile` read it before the run).
 */
export async function writeMetricsFile(path: string, run: RunMetrics, previous: ReadonlyMap<string, number>): Promise<void> {
  try {
    const kept = new Map([...previous].filter(([series]) => carried.some((name) => series === name || series.startsWith(`${name}{`))));
    await writeFileAtomic(path, new TextEncoder().encode(renderMetrics(run, kept)), null);
  } catch (error) {
    throw new UsageError(`cannot write --metrics-file ${path}: ${(error as Error).message}; check that its folder exists and is writable`, { cause: error });
  }
}

/** What a command tells `withMetricsFile` about its run as it goes (all optional). */
export interface MetricsRecorder {
  (
    part: Partial<Pick<RunMetrics, 'ops' | 'conflicts' | 'errors' | 'guard'>> & {
      stats?: () => VikunjaStats;
      /** The command writes the file itself after each of its runs (`sync --watch`, per round): not again at its end. */
      writtenByCommand?: boolean;
    },
  ): void;
}

/**
 * Runs a write command's body and writes the metrics file after it, whether it returned an exit code or threw:
 * the error is rethrown unchanged (a guard refusal's record is read from it). When the metrics file cannot be
 * written after a failed run, `onWriteError` hears why and the run's own error is the one that reaches main.
 */
export async function withMetricsFile(
  path: string | undefined,
  command: string,
  body: (record: MetricsRecorder) => Promise<number>,
  options: { detailedExitcode?: boolean; onWriteError?: (message: string) => void; now?: () => number } = {},
): Promise<number> {
  if (path === undefined) return body(() => undefined);
  const now = options.now ?? Date.now;
  const startedAt = now();
  // Read before the run: a file that is not membank's metrics stops the command before anything is written.
  const previous = await readMetricsFile(path);
  let part: Parameters<MetricsRecorder>[0] = {};
  const record: MetricsRecorder = (next) => {
    part = { ...part, ...next };
  };
  const finish = async (exitCode: number, threw: boolean): Promise<void> => {
    if (part.writtenByCommand === true) return;
    const succeeded = exitCode === ExitCode.ok || (exitCode === ExitCode.changesPending && options.detailedExitcode === true);
    await writeMetricsFile(path, {
      command,
      startedAt,
      finishedAt: now(),
      exitCode,
      succeeded,
      ops: part.ops ?? [],
      conflicts: part.conflicts ?? 0,
      errors: (part.errors ?? 0) + (threw ? 1 : 0),
      guard: part.guard ?? null,
      stats: part.stats === undefined ? null : part.stats(),
    }, previous);
  };
  let code: number;
  try {
    code = await body(record);
  } catch (error) {
    if (error instanceof GuardTrippedError) record({ guard: error.guard });
    try {
      await finish(error instanceof MembankError ? error.exitCode : ExitCode.failed, true);
    } catch (metricsError) {
      options.onWriteError?.((metricsError as Error).message);
    }
    throw error;
  }
  await finish(code, false);
  return code;
}

const recorders = new WeakMap<CliContext, MetricsRecorder>();

/** Tells the metrics file (when `--metrics-file` was given) about the run the command is making; else nothing. */
export function recordRunMetrics(ctx: CliContext, part: Parameters<MetricsRecorder>[0]): void {
  recorders.get(ctx)?.(part);
}

/** The options `withUnattendedOptions` adds to a write command. */
export interface UnattendedArgs {
  allowMassChange?: boolean | undefined;
  metricsFile?: string | undefined;
  detailedExitcode?: boolean | undefined;
}

/**
 * Adds the unattended-run options to a write command (sync, migrate, apply): `--allow-mass-change` (override the
 * blast-radius guards; the command passes it to its workflow) and `--metrics-file PATH` (written after every run,
 * successful or not; the command tells it what it did with `recordRunMetrics`).
 */
export function withUnattendedOptions<A extends UnattendedArgs>(command: MembankCommand<A>, name: string): MembankCommand<A> {
  return {
    ...command,
    builder: (yargs) =>
      command
        .builder(yargs)
        .option('allow-mass-change', {
          type: 'boolean',
          default: false,
          describe: 'Go ahead although a blast-radius guard trips (many tasks closed/deleted/labelled removed, or far fewer files than the last run; config "guards")',
        })
        .option('metrics-file', { type: 'string', describe: 'Write Prometheus textfile-collector metrics here after the run, success or failure (docs/cron.md)' }),
    run: (args, ctx) =>
      withMetricsFile(
        args.metricsFile === undefined ? undefined : resolve(ctx.io.cwd, args.metricsFile),
        name,
        async (record) => {
          recorders.set(ctx, record);
          try {
            return await command.run(args, ctx);
          } catch (error) {
            if (error instanceof GuardTrippedError) await saveRefusalReport(error, ctx);
            throw error;
          }
        },
        { detailedExitcode: args.detailedExitcode === true, onWriteError: (message) => ctx.io.stderr.write(`membank: ${message}\n`) },
      ),
  };
}

/** Where a command saves its run reports: beside its state store, the newest `keep` (config `reports.keep`). */
export interface ReportTarget {
  statePath: string;
  keep: number;
}

const reportTargets = new WeakMap<CliContext, ReportTarget>();

/**
 * Tells `withUnattendedOptions` where the command saves its reports (from the config it resolved), so that the report
 * of a run a guard refuses goes where every run's does. A write command calls it before its workflow runs.
 */
export function recordReportTarget(ctx: CliContext, target: ReportTarget): void {
  reportTargets.set(ctx, target);
}

/**
 * Writes the report of a run a guard refused (report.json, report.md, report.html beside the state store, as for any
 * run) and names its files on the error, so a cron user finds what was refused and why where every run's report is.
 */
async function saveRefusalReport(error: GuardTrippedError, ctx: CliContext): Promise<void> {
  const target = reportTargets.get(ctx);
  if (error.report === undefined || target === undefined) return;
  // Loaded only on a refusal: the renderers are not part of a write command's start-up.
  const { saveReport } = await import('./run-output.js');
  const saved = await saveReport(error.report, target.statePath, ctx.io.cwd, target.keep);
  if (saved.files.length > 0) error.message = `${error.message}\nReport: ${saved.files.join(', ')}`;
}

/** Tells the metrics file what a migrate/apply run did, from its report: applied ops by kind, failures, guards. */
export function recordReportMetrics(ctx: CliContext, report: RunReport, guard: GuardRecord | null): void {
  recordRunMetrics(ctx, {
    ops: Object.entries(report.byKind)
      .filter(([, counts]) => counts.applied > 0)
      .map(([kind, counts]) => ({ kind, side: 'vikunja' as const, count: counts.applied })),
    errors: Object.values(report.byKind).reduce((sum, counts) => sum + counts.failed, 0),
    guard,
  });
}
