/**
 * Where the write workflows (sync, migrate, apply) meet the blast-radius guards (`src/core/guards.ts`): the counts a
 * run stores in its options, the judgement made after planning and before the first write, and the log lines.
 */
import { checkGuards, findGuardBaseline, type GuardCounts, type GuardOp, type GuardRecord } from '../../core/guards.js';
import type { WorkflowDeps } from './deps.js';

/** What a write workflow is told about the guards by its command. */
export interface GuardOptions {
  /** `--allow-mass-change`: report tripped guards and go ahead. */
  allowMassChange?: boolean;
  /** Files discovery read (default: the files that hold task records). */
  files?: number;
  /** How this caller spells the override in a refusal when it is not the CLI's `--allow-mass-change` (MCP). */
  override?: string;
}

/** How many successful runs are searched, newest first, for the last one of the same bank and project. */
const baselineSearch = 500;

/** The counts a run stores in its options (`options.guardCounts`), for the guards of the runs after it. */
export function countGuardInputs(records: ReadonlyArray<{ source: { path: string } }>, options: GuardOptions = {}): GuardCounts {
  return { files: options.files ?? new Set(records.map((record) => record.source.path)).size, records: records.length };
}

/**
 * Judges the ops a run is about to send against the guards and logs the outcome: a tripped guard (`guard.tripped`,
 * or `guard.overridden` with `--allow-mass-change`) and a fast-deletion alert (`guard.alert`) are warnings.
 */
export function judgeRunGuards(
  deps: WorkflowDeps,
  input: { runId: string; scope: string; root: string; ops: readonly GuardOp[]; projectTasks: number; counts: GuardCounts | null; options: GuardOptions },
): GuardRecord {
  const runs = deps.runtime.store.runs.list({ status: 'succeeded', limit: baselineSearch }).filter((run) => run.id !== input.runId);
  const record = checkGuards({
    ops: input.ops,
    removedLabel: deps.config.sync.removedLabel,
    projectTasks: input.projectTasks,
    counts: input.counts,
    baseline: findGuardBaseline(runs, { scope: input.scope, root: input.root }),
    now: (deps.clock ?? { now: () => new Date() }).now(),
    limits: deps.config.guards,
    allowMassChange: input.options.allowMassChange === true,
    override: input.options.override,
  });
  for (const alert of record.alerts) deps.log.warn({ event: 'guard.alert', run: input.runId, ...alert }, alert.message);
  for (const trip of record.tripped) {
    deps.log.warn({ event: record.refused ? 'guard.tripped' : 'guard.overridden', run: input.runId, ...trip }, trip.message);
  }
  return record;
}
