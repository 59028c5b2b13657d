/**
 * What each MCP tool does, without the protocol: every tool reads the bank afresh, opens the state store and the
 * Vikunja client for the call (closed when it ends), and runs the same workflow as the CLI — `sync_now` and
 * `resolve_conflict` the sync workflow (lock, journal, reconcile, base copies, report), `plan` its dry run.
 */
import { resolve as resolvePath } from 'node:path';
import { createScope, readRemote } from '../../jobs/plan.js';
import type { SyncConflict, SyncInput, SyncItem, SyncOp } from '../../jobs/sync.js';
import { ExitCode, GuardTrippedError, UsageError } from '../core/errors.js';
import { BucketRole } from '../core/mapping.js';
import type { Logger } from '../core/ports.js';
import type { SyncField } from '../core/three-way.js';
import { createRestoreDeps } from '../cli/commands/restore.js';
import { createWorkflowDeps } from '../cli/workflow-deps.js';
import { saveReport } from '../cli/run-output.js';
import type { ResolvedConfig } from '../config.js';
import { createWriteContext, type WorkflowDeps } from '../pipeline/workflows/deps.js';
import { restoreBank } from '../pipeline/workflows/restore.js';
import { planSyncOnly, runSync, type SyncOutcome } from '../pipeline/workflows/sync.js';
import { selectSyncConfig } from '../cli/read-bank.js';
import { readSyncInput, type SyncReading } from './bank.js';
import type { taskStatuses } from './schemas.js';

/** What every tool call is handed: the bank folder, the resolved configuration, the log and the stop signal. */
export interface McpSession {
  /** The bank folder as given on the command line, relative to `cwd`. */
  dir: string;
  cwd: string;
  resolved: ResolvedConfig;
  log: Logger;
  /** Aborted on SIGINT/SIGTERM: a sync in flight finishes its in-flight writes, then stops. */
  signal: AbortSignal;
  now: () => Date;
}

/** One write of a sync, as the tools list it. */
export interface WriteSummary {
  side: 'vikunja' | 'memory-bank';
  kind: string;
  where: string;
  taskId: number | null;
  fields: string[];
}

/** A pending conflict, as the tools list it. */
export interface ConflictSummary {
  key: string;
  source: string;
  taskId: number;
  field: string;
  base?: unknown;
  memoryBank?: unknown;
  vikunja?: unknown;
}

const valueLimit = 300;

/** A value as a tool shows it: long text cut (a description can be pages long). */
function showValue(value: unknown): unknown {
  if (typeof value === 'string' && value.length > valueLimit) return `${value.slice(0, valueLimit - 1)}…`;
  return value;
}

/** A conflict of the sync plan, with its three values. */
export function describeConflict(conflict: SyncConflict): ConflictSummary {
  return {
    key: conflict.key,
    source: conflict.source,
    taskId: conflict.taskId,
    field: conflict.field,
    base: showValue(conflict.base),
    memoryBank: showValue(conflict.ours),
    vikunja: showValue(conflict.theirs),
  };
}

/** One op of a sync plan: which side it writes, where, and which fields. */
export function describeWrite(op: SyncOp): WriteSummary {
  switch (op.kind) {
    case 'file-edit':
      return { side: 'memory-bank', kind: op.kind, where: op.path, taskId: null, fields: [...new Set(op.edits.map((edit) => edit.field))] };
    case 'inbox-append':
      return { side: 'memory-bank', kind: op.kind, where: op.path, taskId: null, fields: op.items.map((item) => `#${item.taskId}`) };
    case 'update':
    case 'close':
      return { side: 'vikunja', kind: op.kind, where: op.source, taskId: op.taskId, fields: op.changes.map((change) => change.field) };
    case 'move':
      return { side: 'vikunja', kind: op.kind, where: op.source, taskId: op.taskId, fields: ['bucket'] };
    case 'labels':
      return { side: 'vikunja', kind: op.kind, where: op.source, taskId: op.taskId, fields: ['labels'] };
    case 'delete':
      return { side: 'vikunja', kind: op.kind, where: op.source, taskId: op.taskId, fields: [] };
    case 'create':
    case 'relation':
    case 'comment':
      return { side: 'vikunja', kind: op.kind, where: op.source, taskId: null, fields: [] };
    case 'project':
    case 'label':
      return { side: 'vikunja', kind: op.kind, where: op.title, taskId: null, fields: [] };
    case 'bucket':
      return { side: 'vikunja', kind: op.kind, where: op.title, taskId: null, fields: [] };
    case 'kanban':
      return { side: 'vikunja', kind: op.kind, where: 'Kanban view', taskId: null, fields: [] };
  }
}

/** Opens the adapters for one call and closes them when it ends. */
async function withDeps<T>(session: McpSession, readOnly: boolean, body: (deps: WorkflowDeps) => Promise<T>): Promise<T> {
  const deps = createWorkflowDeps({
    config: selectSyncConfig(session.resolved.config),
    statePath: session.resolved.statePath,
    log: session.log,
    signal: session.signal,
    ...(readOnly ? { readOnly: true } : {}),
  });
  try {
    return await body(deps);
  } finally {
    deps.runtime.close();
  }
}

/** What `membank sync` (no flags) would exit with for this outcome: 1 when a write failed or the run did not succeed, else 0. */
function selectExitCode(outcome: SyncOutcome): number {
  return (outcome.loop?.failures.length ?? 0) > 0 || (outcome.run !== null && outcome.run.status !== 'succeeded') ? ExitCode.failed : ExitCode.ok;
}

function listNotes(items: readonly SyncItem[]): Array<{ source: string; note: string }> {
  return items.flatMap((item) => item.notes.map((note) => ({ source: item.source, note })));
}

/** The structured result of a sync or its dry run. */
export function summariseSync(outcome: SyncOutcome, dryRun: boolean): Record<string, unknown> {
  const { plan } = outcome;
  const writes = plan.ops.map(describeWrite);
  const bySide: Record<WriteSummary['side'], Record<string, number>> = { vikunja: {}, 'memory-bank': {} };
  for (const write of writes) bySide[write.side][write.kind] = (bySide[write.side][write.kind] ?? 0) + 1;
  return {
    dryRun,
    runId: outcome.run?.id ?? null,
    status: outcome.run?.status ?? 'planned',
    exitCode: selectExitCode(outcome),
    project: { title: plan.project.title, id: plan.project.id },
    summary: { ...plan.summary },
    toVikunja: writes.filter((write) => write.side === 'vikunja').length,
    toMemoryBank: writes.filter((write) => write.side === 'memory-bank').length,
    bySide,
    writes,
    conflicts: plan.conflicts.map(describeConflict),
    failures: (outcome.loop?.failures ?? []).map((failure) => ({ opId: failure.opId, where: failure.where, message: failure.message })),
    notes: listNotes(plan.items),
    guard: (outcome.guard ?? null) as Record<string, unknown> | null,
  };
}

/**
 * Reads the bank for a sync as `membank sync` does: through the parse cache of the call's state store (written unless
 * the call only plans), handing the files and their identities to the run's source snapshot, which then reads again
 * only files changed since this read.
 */
async function readForSync(session: McpSession, deps: WorkflowDeps, write: boolean): Promise<SyncReading> {
  const reading = await readSyncInput(session.dir, session.cwd, deps.config, { cache: { open: () => deps.runtime.store.parseCache, write } });
  deps.bankFiles = reading.bank.discover.files.map((file) => file.path);
  if (reading.bank.identities !== undefined) deps.bankIdentities = reading.bank.identities;
  return reading;
}

/**
 * Runs one sync and saves its report where `membank sync` saves it, a run a guard refused (exit 7) included: that
 * report's files are named on the error the tool returns.
 */
async function runSyncWithReport(session: McpSession, deps: WorkflowDeps, input: SyncInput, options: Parameters<typeof runSync>[2]): Promise<SyncOutcome> {
  const keep = (report: NonNullable<SyncOutcome['report']>): ReturnType<typeof saveReport> =>
    saveReport(report, session.resolved.statePath, session.cwd, session.resolved.config.reports.keep);
  let outcome: SyncOutcome;
  try {
    outcome = await runSync(deps, input, options);
  } catch (error) {
    if (error instanceof GuardTrippedError && error.report !== undefined) {
      const saved = await keep(error.report);
      if (saved.files.length > 0) error.message = `${error.message}\nReport: ${saved.files.join(', ')}`;
    }
    throw error;
  }
  if (outcome.report !== null) outcome.report = await keep(outcome.report);
  return outcome;
}

/** How the MCP tools spell the override of tripped guards, named in a refusal and its report. */
const mcpGuardOverride = 'allow_mass_change: true';

/** `sync_now`: one sync, as `membank sync <dir>` runs it (or its dry run, which previews the guards' verdict). */
export async function syncNow(
  session: McpSession,
  args: { dry_run?: boolean | undefined; allow_mass_change?: boolean | undefined },
): Promise<Record<string, unknown>> {
  const dryRun = args.dry_run === true;
  return withDeps(session, dryRun, async (deps) => {
    const { bank, input } = await readForSync(session, deps, !dryRun);
    const guard = { allowMassChange: args.allow_mass_change === true, files: bank.discover.files.length, override: mcpGuardOverride };
    const outcome = dryRun ? await planSyncOnly(deps, input, { guard }) : await runSyncWithReport(session, deps, input, { problems: bank.problems, guard });
    return summariseSync(outcome, dryRun);
  });
}

/** `plan`: what a sync would do now, on both sides; writes nothing anywhere. */
export async function planNow(session: McpSession): Promise<Record<string, unknown>> {
  return syncNow(session, { dry_run: true });
}

/** Whether `task` (an id, `#id`, a key or a `path#anchor` source) names this conflict's task. */
function namesTask(task: string | number, conflict: { key: string; source: string; taskId: number }): boolean {
  if (typeof task === 'number') return conflict.taskId === task;
  const id = /^#?(\d+)$/.exec(task.trim());
  if (id !== null) return conflict.taskId === Number(id[1]);
  return conflict.key === task || conflict.source === task;
}

/**
 * `resolve_conflict`: finds the conflict in a dry run, then runs a sync of that one item in which the field takes
 * the chosen side (written to the other side through the journal loop) and every other change is left for the next
 * sync. Refused, writing nothing, when that field of that task is not in conflict.
 */
export async function resolveConflict(
  session: McpSession,
  args: { task: string | number; field: SyncField; side: 'memory-bank' | 'vikunja' },
): Promise<Record<string, unknown>> {
  return withDeps(session, false, async (deps) => {
    const { bank, input } = await readForSync(session, deps, true);
    const preview = await planSyncOnly(deps, input);
    const ofTask = preview.plan.conflicts.filter((conflict) => namesTask(args.task, conflict));
    const conflict = ofTask.find((candidate) => candidate.field === args.field);
    if (conflict === undefined) {
      const pending = preview.plan.conflicts.map((candidate) => `${candidate.field} of ${candidate.key} (#${candidate.taskId})`);
      throw new UsageError(
        `no pending conflict on ${args.field} of task ${JSON.stringify(args.task)}` +
          (ofTask.length > 0 ? `; that task's conflicts: ${ofTask.map((candidate) => candidate.field).join(', ')}` : '') +
          (pending.length > 0 ? `; pending: ${pending.slice(0, 10).join('; ')}` : '; no conflict is pending'),
      );
    }
    const resolve = { key: conflict.key, field: args.field, side: args.side };
    const outcome = await runSyncWithReport(session, deps, { ...input, resolve }, {
      problems: bank.problems,
      // resolve_conflict has no override of its own: a refusal names the tool that has one.
      guard: { files: bank.discover.files.length, override: `sync_now with ${mcpGuardOverride}` },
    });
    const item = outcome.plan.items.find((candidate) => candidate.key === conflict.key);
    const opId = item?.writes[args.field];
    const failed = new Set((outcome.loop?.failures ?? []).map((failure) => failure.opId));
    const decision = item?.decisions.find((candidate) => candidate.field === args.field);
    const written = decision !== undefined && (decision.action === 'push' || decision.action === 'pull') && opId !== undefined && !failed.has(opId);
    const resolved = written && outcome.run?.status === 'succeeded' && (outcome.loop?.notReached ?? 0) === 0;
    return {
      resolved,
      runId: outcome.run?.id ?? null,
      status: outcome.run?.status ?? 'planned',
      task: { key: conflict.key, source: conflict.source, taskId: conflict.taskId },
      field: args.field,
      side: args.side,
      value: showValue(args.side === 'memory-bank' ? conflict.ours : conflict.theirs),
      writes: outcome.plan.ops.map(describeWrite),
      failures: (outcome.loop?.failures ?? []).map((failure) => ({ opId: failure.opId, where: failure.where, message: failure.message })),
      notes: item?.notes ?? [],
      remainingConflicts: outcome.plan.conflicts.map(describeConflict),
    };
  });
}

const statusBucket: Record<Exclude<(typeof taskStatuses)[number], 'open' | 'done'>, string> = {
  todo: BucketRole.todo,
  doing: BucketRole.doing,
  blocked: BucketRole.blocked,
};

/** `list_tasks`: the project's tasks in Vikunja, filtered, each with the bank item it is synced with (file:line). */
export async function listTasks(
  session: McpSession,
  args: { status?: (typeof taskStatuses)[number] | undefined; label?: string | undefined; text?: string | undefined; limit?: number | undefined },
): Promise<Record<string, unknown>> {
  const { bank, input } = await readSyncInput(session.dir, session.cwd, selectSyncConfig(session.resolved.config));
  return withDeps(session, true, async (deps) => {
    const ctx = createWriteContext(deps, 'mcp-list-tasks');
    const remote = await readRemote(ctx, input.projectTitle);
    const project = { title: input.projectTitle, id: remote.project?.id ?? null };
    if (remote.project === null) return { project, total: 0, tasks: [] };
    const bucketOf = new Map<number, string>();
    const viewId = remote.kanban?.viewId;
    if (viewId !== undefined) {
      for (const { bucket, taskIds } of await deps.runtime.vikunja.listBucketTasks(remote.project.id, viewId)) {
        for (const taskId of taskIds) bucketOf.set(taskId, bucket.title);
      }
    }
    const scope = createScope(deps.runtime.serverUrl, input.projectTitle);
    const recordByKey = new Map(bank.records.map((record) => [record.key, record]));
    const label = args.label?.toLowerCase();
    const text = args.text?.toLowerCase();
    const rows = remote.tasks
      .map((task) => {
        const key = deps.runtime.store.mappings.getByTaskId(scope, task.id)?.sourceKey ?? null;
        const record = key === null ? undefined : recordByKey.get(key);
        return {
          id: task.id,
          identifier: task.identifier,
          title: task.title,
          done: task.done,
          bucket: bucketOf.get(task.id) ?? null,
          labels: task.labels.map((entry) => entry.title),
          priority: task.priority,
          due: task.due_date,
          key,
          source: record === undefined ? null : `${record.source.path}:${record.source.line}`,
        };
      })
      .filter((row) => {
        if (args.status === 'open' && row.done) return false;
        if (args.status === 'done' && !row.done) return false;
        if (args.status !== undefined && args.status !== 'open' && args.status !== 'done' && row.bucket !== statusBucket[args.status]) return false;
        if (label !== undefined && !row.labels.some((title) => title.toLowerCase() === label)) return false;
        if (text !== undefined && !`${row.title}\n${row.source ?? ''}`.toLowerCase().includes(text)) return false;
        return true;
      })
      .sort((a, b) => a.id - b.id);
    return { project, total: rows.length, tasks: rows.slice(0, args.limit ?? 100) };
  });
}

const diffLimit = 20_000;

/**
 * `restore`: the restore workflow `membank restore <dir>` runs — the bank's files written back from the snapshot of
 * the last successful run (or `at`), or regenerated from Vikunja; a dry run (the default) returns a diff per file.
 */
export async function restoreNow(
  session: McpSession,
  args: { dry_run: boolean; at?: string | undefined; force?: boolean | undefined; from_vikunja?: boolean | undefined },
): Promise<Record<string, unknown>> {
  const closers: Array<() => Promise<void> | void> = [];
  try {
    const deps = createRestoreDeps(session.resolved, { log: session.log, onClose: (close) => closers.push(close) });
    const result = await restoreBank(deps, {
      dir: resolvePath(session.cwd, session.dir),
      dryRun: args.dry_run,
      force: args.force === true,
      fromVikunja: args.from_vikunja === true,
      ...(args.at === undefined ? {} : { at: args.at }),
      ...(session.resolved.config.mapping.project === undefined ? {} : { project: session.resolved.config.mapping.project }),
    });
    // A regenerated bank's diff can be long: each file's is cut (the files are listed whole).
    const files = result.files.map((file) => ({ ...file, diff: file.diff !== null && file.diff.length > diffLimit ? `${file.diff.slice(0, diffLimit)}\n… (cut)` : file.diff }));
    return { ...result, files };
  } finally {
    for (const close of closers.reverse()) await close();
  }
}
