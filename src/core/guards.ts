/**
 * Blast-radius guards: pure checks a writing run (sync, migrate, apply) makes after planning and before its first
 * write. A run refuses (GuardTrippedError, exit 7) when it would close, delete, reopen or label-removed too many
 * tasks, or when discovery found far fewer files or task records than the last successful run of the same
 * bank and project; `--allow-mass-change` overrides. A fast-deletion alert (many task items gone from the bank
 * since a run minutes ago) is a warning only. The verdict is kept in the run's summary (`summary.guard`) so
 * `membank runs`, the metrics file and the MCP server (`get_sync_status`) read the last guard state.
 */
import type { RunRecord } from './store.js';

/** The guard limits (config `guards`, docs/cron.md). */
export interface GuardLimits {
  /** A run may close, delete, reopen or label-removed at most this many tasks. */
  maxDestructive: number;
  /** …and at most this share (0..1) of the project's tasks (judged once `minForShare` tasks are affected). */
  maxDestructiveShare: number;
  /** A share limit (destructive share, shrink, fast-deletion) applies only once this many are affected. */
  minForShare: number;
  /** Discovery may lose at most this share (0..1) of the files or task records of the last successful run. */
  maxShrink: number;
  /** Fast-deletion alert: a last successful run finished at most this many minutes ago… */
  alertWindowMinutes: number;
  /** …and at least this many task items gone from the bank since… */
  alertMinItems: number;
  /** …and at least this share (0..1) of its task items gone. */
  alertMinShare: number;
}

/** What discovery found in one run: files read and task records parsed. Stored in the run's options. */
export interface GuardCounts {
  files: number;
  records: number;
}

/** Stable names of the guards, as the report, the metrics and the MCP server show them. */
export const GuardName = {
  destructive: 'max-destructive',
  destructiveShare: 'max-destructive-share',
  shrinkFiles: 'shrink-files',
  shrinkRecords: 'shrink-records',
} as const;
export type GuardNameValue = (typeof GuardName)[keyof typeof GuardName];

/** One guard that tripped: which, the numbers, and one sentence for people. */
export interface GuardTrip {
  guard: GuardNameValue;
  /** What was counted (destructive tasks, files lost, records lost). */
  count: number;
  /** The limit the count went over (a count of tasks/files/records). */
  limit: number;
  /** What the share is of (project tasks, the last run's files or records), when a share is involved. */
  of: number | null;
  message: string;
}

/** A warning that does not stop the run: many task items left the bank within minutes. */
export interface GuardAlert {
  alert: 'fast-deletion';
  /** Task items fewer than the last successful run. */
  gone: number;
  /** Task items the last successful run read. */
  previous: number;
  /** Minutes since that run finished. */
  minutes: number;
  /** The run it compares with. */
  since: string;
  message: string;
}

/** Tasks an op list would change destructively, by what it does to them (each task counted once per kind). */
export interface DestructiveCounts {
  close: number;
  reopen: number;
  delete: number;
  labelRemoved: number;
  /** Distinct tasks touched destructively. */
  total: number;
}

/** The guard record a run leaves in its summary (`summary.guard`). */
export interface GuardRecord {
  /** Guards that tripped (refused unless `overridden`). */
  tripped: GuardTrip[];
  alerts: GuardAlert[];
  /** `--allow-mass-change` was given: tripped guards were reported and the run went ahead. */
  overridden: boolean;
  /**
   * How the interface that started the run spells the override, named in the refusal and the report: absent for the
   * CLI (`--allow-mass-change`, {@link cliGuardOverride}); e.g. `allow_mass_change: true` for the MCP tool.
   */
  override?: string;
  /** True when the run was refused (nothing written). */
  refused: boolean;
  /** What discovery found this run (null: not counted, e.g. a plan applied by a caller that did not read the bank). */
  counts: GuardCounts | null;
  destructive: DestructiveCounts;
  /** Tasks the project held when the run planned. */
  projectTasks: number;
  /** The last successful run compared with, if any. */
  baseline: { runId: string; finishedAt: string; counts: GuardCounts } | null;
}

/** The parts of an op the guards read (sync, import and plan-file ops all fit). */
export interface GuardOp {
  kind: string;
  key?: string;
  taskId?: number | null;
  changes?: ReadonlyArray<{ field: string; before?: unknown; after?: unknown }>;
  before?: readonly string[];
  after?: readonly string[];
}

/** Everything `checkGuards` judges. */
export interface GuardInput {
  /** The ops the run is about to send. */
  ops: readonly GuardOp[];
  /** The label `sync.removed: label` puts on a task whose item left the bank. */
  removedLabel: string;
  /** Tasks in the project now. */
  projectTasks: number;
  /** Null: the shrink guards and the alert are not judged. */
  counts: GuardCounts | null;
  /** The last successful run of the same bank/project (`findGuardBaseline`), or null. */
  baseline: { runId: string; finishedAt: string; counts: GuardCounts } | null;
  now: Date;
  limits: GuardLimits;
  allowMassChange: boolean;
  /** How the caller spells the override when it is not the CLI's flag (kept on the record). */
  override?: string | undefined;
}

/** The CLI's override of tripped guards. */
export const cliGuardOverride = '--allow-mass-change';

/** How the run's caller spells the override: the record's own, else the CLI's flag. */
export function guardOverrideOf(record: Pick<GuardRecord, 'override'>): string {
  return record.override ?? cliGuardOverride;
}

function targetOf(op: GuardOp): string {
  return op.taskId === undefined || op.taskId === null ? `key:${op.key ?? ''}` : `task:${op.taskId}`;
}

/** Counts the tasks an op list would close, reopen, delete or label as removed from the memory bank. */
export function countDestructiveOps(ops: readonly GuardOp[], removedLabel: string): DestructiveCounts {
  const close = new Set<string>();
  const reopen = new Set<string>();
  const deleted = new Set<string>();
  const labelled = new Set<string>();
  const removed = removedLabel.toLowerCase();
  for (const op of ops) {
    const target = targetOf(op);
    if (op.kind === 'delete') deleted.add(target);
    if (op.kind === 'close' || op.kind === 'update') {
      const done = op.changes?.find((change) => change.field === 'done');
      if (done?.after === true && done.before !== true) close.add(target);
      if (done?.after === false && done.before === true) reopen.add(target);
    }
    if (op.kind === 'labels' && op.after !== undefined) {
      const had = (op.before ?? []).some((title) => title.toLowerCase() === removed);
      if (!had && op.after.some((title) => title.toLowerCase() === removed)) labelled.add(target);
    }
  }
  const all = new Set([...close, ...reopen, ...deleted, ...labelled]);
  return { close: close.size, reopen: reopen.size, delete: deleted.size, labelRemoved: labelled.size, total: all.size };
}

function percent(share: number): string {
  return `${Math.round(share * 1000) / 10}%`;
}

function describeDestructive(counts: DestructiveCounts): string {
  const parts = [
    counts.close > 0 ? `close ${counts.close}` : '',
    counts.reopen > 0 ? `reopen ${counts.reopen}` : '',
    counts.delete > 0 ? `delete ${counts.delete}` : '',
    counts.labelRemoved > 0 ? `label ${counts.labelRemoved} as removed from the memory bank` : '',
  ].filter((part) => part !== '');
  return parts.join(', ');
}

/**
 * Judges a planned run: the destructive-op limits, the shrink limits against the last successful run, and the
 * fast-deletion alert. Pure: the caller refuses the run when `refused` is true.
 */
export function checkGuards(input: GuardInput): GuardRecord {
  const { limits, counts, baseline } = input;
  const destructive = countDestructiveOps(input.ops, input.removedLabel);
  const tripped: GuardTrip[] = [];
  const what = describeDestructive(destructive);
  if (destructive.total > limits.maxDestructive) {
    tripped.push({
      guard: GuardName.destructive,
      count: destructive.total,
      limit: limits.maxDestructive,
      of: null,
      message: `the run would ${what}: ${destructive.total} task(s), more than guards.maxDestructive (${limits.maxDestructive})`,
    });
  }
  const shareLimit = Math.floor(limits.maxDestructiveShare * input.projectTasks);
  if (destructive.total >= limits.minForShare && destructive.total > shareLimit && input.projectTasks > 0) {
    tripped.push({
      guard: GuardName.destructiveShare,
      count: destructive.total,
      limit: shareLimit,
      of: input.projectTasks,
      message: `the run would ${what}: ${destructive.total} of the project's ${input.projectTasks} task(s) (${percent(destructive.total / input.projectTasks)}), more than guards.maxDestructiveShare (${percent(limits.maxDestructiveShare)})`,
    });
  }
  if (baseline !== null && counts !== null) {
    const shrink = (guard: GuardNameValue, noun: string, before: number, now: number): void => {
      const lost = before - now;
      if (lost < limits.minForShare || before === 0 || lost / before <= limits.maxShrink) return;
      tripped.push({
        guard,
        count: lost,
        limit: Math.floor(limits.maxShrink * before),
        of: before,
        message: `discovery found ${now} ${noun} where the last successful run (${baseline.runId}) found ${before}: ${lost} lost (${percent(lost / before)}), more than guards.maxShrink (${percent(limits.maxShrink)}) — was the memory bank wiped or moved?`,
      });
    };
    shrink(GuardName.shrinkFiles, 'file(s)', baseline.counts.files, counts.files);
    shrink(GuardName.shrinkRecords, 'task item(s)', baseline.counts.records, counts.records);
  }
  const alerts: GuardAlert[] = [];
  if (baseline !== null && counts !== null) {
    const minutes = (input.now.getTime() - Date.parse(baseline.finishedAt)) / 60_000;
    const gone = baseline.counts.records - counts.records;
    const previous = baseline.counts.records;
    if (minutes >= 0 && minutes <= limits.alertWindowMinutes && gone >= limits.alertMinItems && previous > 0 && gone / previous >= limits.alertMinShare) {
      const rounded = Math.round(minutes * 10) / 10;
      alerts.push({
        alert: 'fast-deletion',
        gone,
        previous,
        minutes: rounded,
        since: baseline.runId,
        message: `fast deletion: ${gone} of ${previous} task item(s) (${percent(gone / previous)}) left the memory bank in ${rounded} minute(s), since run ${baseline.runId}`,
      });
    }
  }
  return {
    tripped,
    alerts,
    overridden: tripped.length > 0 && input.allowMassChange,
    refused: tripped.length > 0 && !input.allowMassChange,
    counts,
    destructive,
    projectTasks: input.projectTasks,
    baseline,
    ...(input.override === undefined ? {} : { override: input.override }),
  };
}

/** The guard counts a run stored in its options (`options.guardCounts`), or null. */
export function readGuardCounts(options: Readonly<Record<string, unknown>>): GuardCounts | null {
  const value = options['guardCounts'] as Partial<GuardCounts> | undefined;
  if (value === undefined || value === null || typeof value !== 'object') return null;
  if (typeof value.files !== 'number' || typeof value.records !== 'number') return null;
  return { files: value.files, records: value.records };
}

/**
 * The last successful run of the same bank and project (same `options.scope` and `options.root`) that stored its
 * guard counts, from runs listed newest first; null when there is none.
 */
export function findGuardBaseline(
  runs: readonly RunRecord[],
  where: { scope: string; root: string },
): { runId: string; finishedAt: string; counts: GuardCounts } | null {
  for (const run of runs) {
    if (run.status !== 'succeeded' || run.finishedAt === null) continue;
    if (run.options['scope'] !== where.scope || run.options['root'] !== where.root) continue;
    const counts = readGuardCounts(run.options);
    if (counts !== null) return { runId: run.id, finishedAt: run.finishedAt, counts };
  }
  return null;
}

/** The guard record a run left in its summary (`summary.guard`), or null when it has none. */
export function readGuardRecord(run: Pick<RunRecord, 'summary'>): GuardRecord | null {
  const value = run.summary?.['guard'];
  if (value === undefined || value === null || typeof value !== 'object') return null;
  const record = value as Partial<GuardRecord>;
  if (!Array.isArray(record.tripped) || !Array.isArray(record.alerts)) return null;
  return value as GuardRecord;
}

/** The last guard state: the newest run that left a guard record (refused, overridden, alerted or clean). */
export interface GuardState {
  runId: string;
  command: string;
  status: string;
  finishedAt: string | null;
  guard: GuardRecord;
}

/**
 * The newest run (listed newest first, e.g. `store.runs.list()`) that left a guard record, optionally only of one
 * project scope; null when no run has one. What `get_sync_status` (MCP) and `membank runs` show as the guard state.
 */
export function findLastGuardState(runs: readonly RunRecord[], scope?: string): GuardState | null {
  for (const run of runs) {
    if (scope !== undefined && run.options['scope'] !== scope) continue;
    const guard = readGuardRecord(run);
    if (guard !== null) return { runId: run.id, command: run.command, status: run.status, finishedAt: run.finishedAt, guard };
  }
  return null;
}

/** The refusal message: every guard that tripped with its numbers, and the override. */
export function describeGuardRefusal(record: GuardRecord, runId: string, command: string): string {
  const lines = [
    `guard tripped — ${command} run ${runId} refused before its first write; nothing was written:`,
    ...record.tripped.map((trip) => `  ${trip.guard}: ${trip.message}`),
    ...record.alerts.map((alert) => `  alert: ${alert.message}`),
    `If this change is intended, re-run with ${guardOverrideOf(record)} (or raise the limits in the config's "guards" section, docs/cron.md).`,
  ];
  return lines.join('\n');
}
