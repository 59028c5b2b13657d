/**
 * rollback: plans from a run's applied journal entries, newest first — restore pre-images, delete what the run
 * created — and refuses (ConflictError, naming the task and the fields) to overwrite anything changed in Vikunja
 * since the run wrote it, unless forced.
 */
import { ConflictError } from '../src/core/errors.js';
import { type AnyJob, type AppliedWrite, barrierLane, defineJob, type RevertStep, type WriteJobContext } from '../src/core/job.js';
import { comparedFields, isSameFieldValue, type TaskFields } from '../src/core/mapping.js';
import type { JournalEntry, StateStore } from '../src/core/store.js';
import type { VikunjaTask } from '../src/core/vikunja.js';
import { createdTasks, type Image, importJob, readTask, type RevertOp } from './import.js';
import { readTaskFields } from './plan.js';

/** What rollback needs. */
export interface RollbackInput {
  runId: string;
  force: boolean;
}

/** Task ids one applied journal entry wrote to. */
export function entryTaskIds(entry: JournalEntry): number[] {
  const op = (entry.preImage as Image | null)?.op;
  const post = entry.postImage as Record<string, unknown> | null;
  switch (entry.kind) {
    case 'create':
    case 'bulk_create':
      return createdTasks(entry).map((task) => task.taskId);
    case 'update':
    case 'close':
    case 'move':
      return op !== undefined && !Array.isArray(op) && 'taskId' in op && typeof op.taskId === 'number' ? [op.taskId] : [];
    case 'label':
      return op !== undefined && !Array.isArray(op) && op.kind === 'labels' ? [Number(entry.remoteId)] : [];
    case 'comment':
      return [Number(post?.['taskId'])];
    case 'relation':
      return [Number(post?.['parentId']), Number(post?.['childId'])];
    default:
      return [];
  }
}

/** A later membank run that wrote to tasks the run being rolled back also wrote to. */
export interface LaterRun {
  runId: string;
  command: string;
  startedAt: string;
  taskIds: number[];
}

/**
 * Later runs (newest first) whose still-applied writes touch tasks this run wrote: their edits are membank's own,
 * recorded in the same journal, and must be rolled back first. Rollback runs and rolled-back runs are skipped.
 */
export function findLaterRuns(store: StateStore, runId: string): LaterRun[] {
  const target = store.runs.get(runId);
  if (target === undefined) return [];
  const touched = new Set(store.journal.appliedEntries(runId).flatMap(entryTaskIds));
  if (touched.size === 0) return [];
  const later: LaterRun[] = [];
  for (const run of store.runs.list()) {
    if (run.id === runId) break;
    if (run.command === 'rollback' || run.status === 'rolled_back' || run.startedAt < target.startedAt) continue;
    const shared = [...new Set(store.journal.appliedEntries(run.id).flatMap(entryTaskIds))].filter((id) => touched.has(id));
    if (shared.length > 0) later.push({ runId: run.id, command: run.command, startedAt: run.startedAt, taskIds: shared.sort((a, b) => a - b) });
  }
  return later;
}

/** The refusal when later runs changed the same tasks: names them and the way out. */
export function describeLaterRuns(runId: string, later: readonly LaterRun[]): string {
  const lines = later.map(
    (run) => `  - run ${run.runId} (${run.command}, ${run.startedAt}) changed task(s) ${run.taskIds.slice(0, 8).map((id) => `#${id}`).join(', ')}${run.taskIds.length > 8 ? ` and ${run.taskIds.length - 8} more` : ''}`,
  );
  const commands = [...later.map((run) => `membank rollback ${run.runId}`), `membank rollback ${runId}`];
  return (
    `rollback of run ${runId} refused: ${later.length} later membank run(s) changed the same tasks afterwards:\n${lines.join('\n')}\n` +
    'Nothing was changed. Roll the later runs back first, newest first:\n' +
    commands.map((command) => `  ${command}`).join('\n') +
    `\nor do all of that in one go: membank rollback ${runId} --include-later`
  );
}

/** A change made after the run wrote it: in Vikunja (a task), or in the memory bank (a file). */
export interface RollbackConflict {
  /** The task changed in Vikunja; null for a file. */
  taskId: number | null;
  fields: string[];
  detail: string;
}

/** Rollback's plan. */
export interface RollbackPlan {
  runId: string;
  /** Undo steps, newest entry first; each is applied by the job that wrote its entry (`step.job`). */
  ops: RevertStep[];
  /** Journal entries (by seq) undone by another step's delete, keyed by that step's id. */
  subsumed: Record<string, number[]>;
  /** Tasks a step deletes with it (deleting a project deletes the run's tasks in it), by step id. */
  deletedWith: Record<string, Array<{ taskId: number; title: string }>>;
  conflicts: RollbackConflict[];
}

/**
 * One journaled write of a rollback run: an undo step, and what its `applied` row settles in the store with it
 * (the undone entry and the entries it subsumes are marked reverted; a deleted task's mapping goes).
 */
export interface RollbackOp {
  step: RevertStep;
  /** The run being rolled back. */
  runId: string;
  /** Seqs of that run's entries this step undoes along with its own (writes on what it deletes). */
  subsumed: number[];
  /** That run's mapping scope, or null. */
  scope: string | null;
}

/**
 * Owned fields whose value in Vikunja is no longer what the run left there. A field written (or created) as
 * "none" counts too: a due date set by hand on a task the run created is an edit that deleting it would lose.
 */
function changedSince(written: Partial<TaskFields>, current: VikunjaTask): string[] {
  const now = readTaskFields(current);
  return comparedFields.filter((field) => field in written && !isSameFieldValue(now[field], written[field] ?? null));
}


/** The tasks an undo step writes to (none for label, bucket and project steps). */
function stepTaskIds(step: RevertStep): number[] {
  if (!isImportStep(step)) return [];
  const op = step;
  switch (op.kind) {
    case 'restore-fields':
    case 'move-back':
    case 'restore-labels':
    case 'delete-comment':
      return [op.taskId];
    case 'delete-relation':
      return [op.parentId, op.childId];
    default:
      return [];
  }
}

/**
 * Drops undo steps that deleting a task or the project makes moot: no label, field, comment or relation write
 * on a task the rollback then deletes (deleting it removes all of that), and no bucket or view write in a
 * project it deletes — nor a delete of a task in a project it deletes. Their journal entries are marked reverted
 * with the delete that subsumes them.
 */
export function dropSubsumedSteps(ops: readonly RevertStep[]): { ops: RevertStep[]; subsumed: Map<string, number[]> } {
  const deletedTasks = new Map<number, string>();
  const deletedProjects = new Map<number, string>();
  for (const op of ops) {
    if (!isImportStep(op)) continue;
    if (op.kind === 'delete-task') deletedTasks.set(op.taskId, op.id);
    if (op.kind === 'delete-project') deletedProjects.set(op.projectId, op.id);
  }
  const subsumed = new Map<string, number[]>();
  const kept: RevertStep[] = [];
  // A run that created the project created all its tasks in it: deleting the project deletes them (one request
  // instead of one per task), once the conflict check has made sure it holds nothing else.
  const projectDelete = [...deletedProjects.values()][0];
  for (const op of ops) {
    const byTask = stepTaskIds(op)
      .map((taskId) => deletedTasks.get(taskId))
      .find((id) => id !== undefined);
    const byProject = !isImportStep(op)
      ? undefined
      : op.kind === 'delete-bucket' || op.kind === 'restore-kanban'
        ? deletedProjects.get(op.projectId)
        : op.kind === 'delete-task' || byTask !== undefined
          ? projectDelete
          : undefined;
    const by = byProject ?? byTask;
    if (by === undefined) {
      kept.push(op);
      continue;
    }
    const list = subsumed.get(by) ?? [];
    list.push(op.entrySeq);
    subsumed.set(by, list);
  }
  return { ops: kept, subsumed };
}

/** Op kinds of the import job: a journal entry holding one was applied by the import job's `apply`, whichever job journaled it. */
const importOpKinds = new Set(['project', 'label', 'bucket', 'kanban', 'create', 'update', 'close', 'move', 'labels', 'relation', 'comment']);

/** Whether an entry's write was an import op (migrate's own, or a Vikunja write sync sends through the import job). */
function isImportWrite(entry: JournalEntry): boolean {
  if (entry.job === importJob.name) return true;
  const op = (entry.preImage as Image | null)?.op;
  const first = Array.isArray(op) ? op[0] : op;
  return first !== undefined && importOpKinds.has(first.kind);
}

/** Whether a step undoes an import write (its kind-specific fields are then known). */
function isImportStep(step: RevertStep): step is RevertOp {
  return step.job === importJob.name;
}

/** The job that wrote a journal entry, which plans and applies its undo; ConflictError when it cannot. */
function findWriter(ctx: WriteJobContext, jobName: string, what: string): AnyJob & Required<Pick<AnyJob, 'planRevert' | 'revert'>> {
  const job = ctx.jobs.find(jobName);
  if (job?.planRevert === undefined || job.revert === undefined) {
    throw new ConflictError(`${what} was written by job "${jobName}", which membank cannot undo${job === undefined ? ' (no such job in this version)' : ''}; nothing was changed`);
  }
  return job as AnyJob & Required<Pick<AnyJob, 'planRevert' | 'revert'>>;
}

/** The undo steps of one applied entry, from the job that wrote it (an entry from before steps named their job: import). */
function planStepsOf(ctx: WriteJobContext, entry: JournalEntry): RevertStep[] {
  const steps = findWriter(ctx, entry.job, `journal entry ${entry.seq} (${entry.opId})`).planRevert(entry) as RevertStep[];
  return steps.map((step) => ({ ...step, job: step.job ?? entry.job }));
}

/** Tasks each step deletes with it (the delete-task steps of the entries it subsumes), for the preview. */
function findTasksDeletedWith(ctx: WriteJobContext, entries: readonly JournalEntry[], subsumed: ReadonlyMap<string, number[]>): RollbackPlan['deletedWith'] {
  const bySeq = new Map(entries.map((entry) => [entry.seq, entry]));
  const result: RollbackPlan['deletedWith'] = {};
  for (const [stepId, seqs] of subsumed) {
    const tasks = [...new Set(seqs)]
      .flatMap((seq) => {
        const entry = bySeq.get(seq);
        return entry === undefined ? [] : planStepsOf(ctx, entry);
      })
      .flatMap((step) => (isImportStep(step) && step.kind === 'delete-task' ? [{ taskId: step.taskId, title: step.title }] : []));
    if (tasks.length > 0) result[stepId] = tasks;
  }
  return result;
}

/** A rollback op as journaled by an older membank (the bare step, no wrapper): it names neither run nor job. */
function readRollbackOp(op: RollbackOp | (RevertStep & { step?: undefined })): RollbackOp | null {
  return op.step === undefined ? null : op;
}

/** Op id by journal seq, per store and run: rows are append-only, so a seq names the same op for good. */
const opIdsBySeq = new WeakMap<StateStore, Map<string, Map<number, string>>>();

/** The op id of every journal row of a run, read once per rollback run (not once per undo step). */
function readOpIdsBySeq(store: StateStore, runId: string, refresh = false): Map<number, string> {
  let byRun = opIdsBySeq.get(store);
  if (byRun === undefined) {
    byRun = new Map();
    opIdsBySeq.set(store, byRun);
  }
  let opIds = byRun.get(runId);
  if (opIds === undefined || refresh) {
    opIds = new Map(store.journal.entries(runId).map((entry) => [entry.seq, entry.opId]));
    byRun.set(runId, opIds);
  }
  return opIds;
}

/** The `applied` row of an undo write settles the undone entries and the mappings of deleted tasks with it. */
function recordReverted(ctx: WriteJobContext, op: RollbackOp, applied: AppliedWrite, run: { runId: string }): void {
  const { store } = ctx;
  const original = store.journal.latestEntry(op.runId, op.step.opId);
  if (original !== undefined && original.status === 'applied') store.journal.markReverted(original, { byRunId: run.runId, postImage: applied.postImage });
  if (op.subsumed.length > 0) {
    // Writes on what this step deleted (labels of a deleted task, buckets of a deleted project) go with it.
    let opIds = readOpIdsBySeq(store, op.runId);
    // A row newer than the cached read (the run resumed in this process since): read again.
    if (op.subsumed.some((seq) => !opIds.has(seq))) opIds = readOpIdsBySeq(store, op.runId, true);
    // Many at once (a deleted project's writes): the latest row of every op in one read; a few: one lookup each.
    const latest = op.subsumed.length > 16 ? new Map(store.journal.currentEntries(op.runId).map((entry) => [entry.opId, entry])) : null;
    for (const seq of op.subsumed) {
      const opId = opIds.get(seq);
      if (opId === undefined) continue;
      const current = latest === null ? store.journal.latestEntry(op.runId, opId) : latest.get(opId);
      if (current === undefined || current.status !== 'applied') continue;
      const reverted = store.journal.markReverted(current, { byRunId: run.runId, postImage: null });
      // Two seqs may name one op (its rows): the map keeps its latest row.
      latest?.set(opId, reverted);
    }
  }
  const step = op.step;
  if (op.scope === null || !isImportStep(step)) return;
  if (step.kind === 'delete-task') {
    const mapping = store.mappings.getByTaskId(op.scope, step.taskId);
    if (mapping !== undefined) store.mappings.delete(op.scope, mapping.sourceKey);
  }
  if (step.kind === 'delete-project') {
    // Its tasks went with it: so do their mappings.
    for (const mapping of store.mappings.list(op.scope)) {
      if (mapping.projectId === step.projectId) store.mappings.delete(op.scope, mapping.sourceKey);
    }
  }
}


/** The tasks of a project; none when the project is gone already (any other failure stops the rollback). */
async function listTasksOfProject(ctx: WriteJobContext, projectId: number): Promise<VikunjaTask[]> {
  try {
    return await ctx.vikunja.listProjectTasks(projectId);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return [];
    throw error;
  }
}


/**
 * Reads the tasks rollback checks: one listing of every task the user can see (a few paged requests) instead of
 * one GET per task; a task missing from it (deleted, or in an archived project) is read on its own.
 */
function createTaskReader(ctx: WriteJobContext): (taskId: number) => Promise<VikunjaTask | null> {
  let listed: Promise<Map<number, VikunjaTask>> | undefined;
  return async (taskId) => {
    listed ??= ctx.vikunja.listTasks().then((tasks) => new Map(tasks.map((task) => [task.id, task])));
    return (await listed).get(taskId) ?? (await readTask(ctx, taskId));
  };
}

/**
 * The rollback job. It plans from a run's applied entries by asking the job that wrote each (`ctx.jobs`, by the
 * entry's `job`) for its undo steps, and applies each step through that job's `revert`: one journaled write per
 * step, through the same loop as every other write.
 */
export const rollbackJob = defineJob<RollbackInput, RollbackPlan, RollbackOp, WriteJobContext>({
  name: 'rollback',
  describe: "Undo a run's writes, newest first, refusing to overwrite later edits unless forced",
  async plan(ctx, input) {
    const later = input.force ? [] : findLaterRuns(ctx.store, input.runId);
    if (later.length > 0) {
      throw new ConflictError(describeLaterRuns(input.runId, later), { details: { laterRuns: later.map((run) => run.runId) } });
    }
    const entries = ctx.store.journal.appliedEntries(input.runId);
    const { ops: steps, subsumed } = dropSubsumedSteps(entries.flatMap((entry) => planStepsOf(ctx, entry)));
    const conflicts: RollbackConflict[] = [];
    // Every Vikunja write made through the import job's ops is checked, whichever job journaled it (sync's too).
    const ownEntries = entries.filter(isImportWrite);
    const createdIds = new Set(
      ownEntries.filter((entry) => entry.kind === 'create' || entry.kind === 'bulk_create').flatMap((entry) => createdTasks(entry).map((task) => task.taskId)),
    );
    // The project the run created is read once and serves both checks: the tasks the run created are in it, so
    // their conflict check needs no listing of every task (on v1, 20 more pages of 50 for 1,000 tasks).
    const projectEntry = ownEntries.find((entry) => entry.kind === 'project');
    const projectTasks = projectEntry === undefined ? null : await listTasksOfProject(ctx, Number(projectEntry.remoteId));
    const inProject = new Map((projectTasks ?? []).map((task) => [task.id, task]));
    const readOther = createTaskReader(ctx);
    const readCurrent = async (taskId: number): Promise<VikunjaTask | null> => inProject.get(taskId) ?? (await readOther(taskId));
    for (const entry of ownEntries) {
      if (entry.kind === 'create' || entry.kind === 'bulk_create') {
        for (const created of createdTasks(entry)) {
          const current = await readCurrent(created.taskId);
          if (current === null) continue;
          const fields = changedSince(created.written, current);
          if (fields.length > 0) {
            conflicts.push({ taskId: created.taskId, fields, detail: `task #${created.taskId} "${current.title}" was edited in Vikunja after the run created it` });
          }
        }
      } else if (entry.kind === 'update' || entry.kind === 'close') {
        const op = (entry.preImage as Image | null)?.op;
        if (op === undefined || Array.isArray(op) || (op.kind !== 'update' && op.kind !== 'close')) continue;
        const current = await readCurrent(op.taskId);
        if (current === null) continue;
        const written: Partial<TaskFields> = {};
        for (const change of op.changes) (written as Record<string, unknown>)[change.field] = change.after;
        const fields = changedSince(written, current);
        if (fields.length > 0) {
          conflicts.push({ taskId: op.taskId, fields, detail: `task #${op.taskId} "${current.title}" was edited in Vikunja after the run updated it` });
        }
      } else if (entry.kind === 'project') {
        const projectId = Number(entry.remoteId);
        const tasks = entry === projectEntry && projectTasks !== null ? projectTasks : await listTasksOfProject(ctx, projectId);
        const foreign = tasks.filter((task) => !createdIds.has(task.id));
        if (foreign.length > 0) {
          conflicts.push({
            taskId: foreign[0]?.id ?? 0,
            fields: ['project'],
            detail: `project #${projectId} holds ${foreign.length} task(s) the run did not create (e.g. #${foreign[0]?.id}); deleting it would delete them`,
          });
        }
      }
    }
    // Steps of other jobs say themselves whether undoing them would overwrite a later change (a file edited since).
    for (const step of steps) {
      const detail = (await ctx.jobs.find(step.job)?.findRevertConflict?.(ctx, step)) ?? null;
      if (detail !== null) conflicts.push({ taskId: null, fields: ['file'], detail });
    }
    if (conflicts.length > 0 && !input.force) {
      const lines = conflicts.map((conflict) => `  - ${conflict.detail}${conflict.taskId === null ? '' : `: ${conflict.fields.join(', ')}`}`);
      const files = conflicts.some((conflict) => conflict.taskId === null);
      throw new ConflictError(
        `rollback of run ${input.runId} refused: ${conflicts.length} item(s) changed since the run wrote them:\n${lines.join('\n')}\n` +
          'Nothing was changed. Re-run with --force to overwrite the edits made in Vikunja anyway' +
          (files ? ' (a file changed since is never overwritten: --force undoes the rest and reports that file).' : '.'),
        { details: { conflicts } },
      );
    }
    const target = ctx.store.runs.get(input.runId);
    const scope = typeof target?.options['scope'] === 'string' ? target.options['scope'] : null;
    const ops = steps.map((step) => ({ step, runId: input.runId, subsumed: subsumed.get(step.id) ?? [], scope }));
    const deletedWith = findTasksDeletedWith(ctx, entries, subsumed);
    return { output: { runId: input.runId, ops: steps, subsumed: Object.fromEntries(subsumed), deletedWith, conflicts }, ops };
  },
  apply: (ctx, op) => findWriter(ctx, op.step.job, `undo step ${op.step.id}`).revert(ctx, op.step),
  describeOp: (op) => ({
    opId: op.step.id,
    kind: op.step.kind.startsWith('delete-') ? 'delete' : 'update',
    target: op.step.id,
    where: op.step.id,
    count: 1,
    lanes: op.step.lanes ?? [barrierLane],
  }),
  async findApplied(ctx, op) {
    const current = readRollbackOp(op);
    if (current === null) return null;
    return (await ctx.jobs.find(current.step.job)?.findReverted?.(ctx, current.step)) ?? null;
  },
  onApplied: recordReverted,
});
