/**
 * rollback: plans from a run's applied journal entries, newest first — restore pre-images, delete what the run
 * created — and refuses (ConflictError, naming the task and the fields) to overwrite anything changed in Vikunja
 * since the run wrote it, unless forced.
 */
import { ConflictError } from '../src/core/errors.js';
import { defineJob, type WriteJobContext } from '../src/core/job.js';
import { comparedFields, isSameFieldValue, type TaskFields } from '../src/core/mapping.js';
import type { CreateOp, FieldChange, WriteOp } from '../src/core/plan.js';
import type { JournalEntry, StateStore } from '../src/core/store.js';
import type { VikunjaTask } from '../src/core/vikunja.js';
import { loadBuckets } from './import.js';
import { readTaskFields } from './plan.js';

/** One undo step. */
export type RevertOp =
  | { id: string; kind: 'delete-task'; entrySeq: number; opId: string; taskId: number; title: string }
  | { id: string; kind: 'restore-fields'; entrySeq: number; opId: string; taskId: number; changes: FieldChange[] }
  | { id: string; kind: 'move-back'; entrySeq: number; opId: string; taskId: number; to: string | null }
  | { id: string; kind: 'restore-labels'; entrySeq: number; opId: string; taskId: number; labels: string[] }
  | { id: string; kind: 'delete-relation'; entrySeq: number; opId: string; parentId: number; childId: number }
  | { id: string; kind: 'delete-comment'; entrySeq: number; opId: string; taskId: number; commentId: number }
  | { id: string; kind: 'delete-label'; entrySeq: number; opId: string; labelId: number; title: string }
  | { id: string; kind: 'delete-project'; entrySeq: number; opId: string; projectId: number; title: string }
  | { id: string; kind: 'delete-bucket'; entrySeq: number; opId: string; projectId: number; viewId: number; bucketId: number; title: string }
  | {
      id: string;
      kind: 'restore-kanban';
      entrySeq: number;
      opId: string;
      projectId: number;
      viewId: number;
      before: { default_bucket_id?: number; done_bucket_id?: number };
    };

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

/** A change made in Vikunja after the run wrote it. */
export interface RollbackConflict {
  taskId: number;
  fields: string[];
  detail: string;
}

/** Rollback's plan. */
export interface RollbackPlan {
  runId: string;
  ops: RevertOp[];
  /** Journal entries (by seq) undone by another step's delete, keyed by that step's id. */
  subsumed: Record<string, number[]>;
  conflicts: RollbackConflict[];
}



/**
 * Owned fields whose value in Vikunja is no longer what the run left there. A field written (or created) as
 * "none" counts too: a due date set by hand on a task the run created is an edit that deleting it would lose.
 */
function changedSince(written: Partial<TaskFields>, current: VikunjaTask): string[] {
  const now = readTaskFields(current);
  return comparedFields.filter((field) => field in written && !isSameFieldValue(now[field], written[field] ?? null));
}

interface Image {
  op?: WriteOp | CreateOp[];
  before?: VikunjaTask | null;
}

function createdTasks(entry: JournalEntry): Array<{ taskId: number; written: Partial<TaskFields>; title: string }> {
  const image = entry.preImage as Image | null;
  const ops = Array.isArray(image?.op) ? image.op : image?.op?.kind === 'create' ? [image.op] : [];
  // A bulk create (and, since the echo is no longer trusted, a single create) records `created: [{key, taskId}]`;
  // older single-create entries hold the task as the server echoed it, whose `created` is a timestamp.
  const post = entry.postImage as { created?: unknown; id?: number } | null;
  const created = Array.isArray(post?.created) ? (post.created as Array<{ key: string; taskId: number }>) : null;
  if (created === null) {
    const op = ops[0] as CreateOp | undefined;
    const taskId = post?.id ?? Number(entry.remoteId);
    if (op === undefined || ops.length !== 1 || !Number.isInteger(taskId) || taskId <= 0) return [];
    return [{ taskId, written: op.desired.fields, title: op.desired.fields.title }];
  }
  return created.map((item) => {
    const op = ops.find((candidate) => candidate.key === item.key);
    return { taskId: item.taskId, written: op?.desired.fields ?? {}, title: op?.desired.fields.title ?? item.key };
  });
}

/** The tasks an undo step writes to (none for label, bucket and project steps). */
function stepTaskIds(op: RevertOp): number[] {
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
export function dropSubsumedSteps(ops: readonly RevertOp[]): { ops: RevertOp[]; subsumed: Map<string, number[]> } {
  const deletedTasks = new Map<number, string>();
  const deletedProjects = new Map<number, string>();
  for (const op of ops) {
    if (op.kind === 'delete-task') deletedTasks.set(op.taskId, op.id);
    if (op.kind === 'delete-project') deletedProjects.set(op.projectId, op.id);
  }
  const subsumed = new Map<string, number[]>();
  const kept: RevertOp[] = [];
  // A run that created the project created all its tasks in it: deleting the project deletes them (one request
  // instead of one per task), once the conflict check has made sure it holds nothing else.
  const projectDelete = [...deletedProjects.values()][0];
  for (const op of ops) {
    const byTask = stepTaskIds(op)
      .map((taskId) => deletedTasks.get(taskId))
      .find((id) => id !== undefined);
    const byProject =
      op.kind === 'delete-bucket' || op.kind === 'restore-kanban'
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

/** Turns one applied journal entry into undo steps. */
export function planRevert(entry: JournalEntry): RevertOp[] {
  const image = entry.preImage as Image | null;
  const op = Array.isArray(image?.op) ? undefined : image?.op;
  const post = entry.postImage as Record<string, unknown> | null;
  const base = { entrySeq: entry.seq, opId: entry.opId };
  switch (entry.kind) {
    case 'create':
    case 'bulk_create':
      return createdTasks(entry).map((task) => ({
        id: `delete-task:${task.taskId}`,
        kind: 'delete-task' as const,
        ...base,
        taskId: task.taskId,
        title: task.title,
      }));
    case 'update':
    case 'close':
      if (op?.kind !== 'update' && op?.kind !== 'close') return [];
      return [{ id: `restore-fields:${op.taskId}`, kind: 'restore-fields', ...base, taskId: op.taskId, changes: op.changes }];
    case 'move':
      if (op?.kind !== 'move') return [];
      return [{ id: `move-back:${op.taskId}`, kind: 'move-back', ...base, taskId: op.taskId, to: op.from }];
    case 'label':
      if (op?.kind === 'labels') {
        const taskId = Number(entry.remoteId);
        return [{ id: `restore-labels:${taskId}`, kind: 'restore-labels', ...base, taskId, labels: op.before }];
      }
      if (op?.kind === 'label') {
        return [{ id: `delete-label:${entry.remoteId}`, kind: 'delete-label', ...base, labelId: Number(entry.remoteId), title: op.title }];
      }
      return [];
    case 'relation':
      return [
        {
          id: `delete-relation:${String(post?.['parentId'])}>${String(post?.['childId'])}`,
          kind: 'delete-relation',
          ...base,
          parentId: Number(post?.['parentId']),
          childId: Number(post?.['childId']),
        },
      ];
    case 'comment':
      return [
        {
          id: `delete-comment:${String(post?.['commentId'])}`,
          kind: 'delete-comment',
          ...base,
          taskId: Number(post?.['taskId']),
          commentId: Number(post?.['commentId']),
        },
      ];
    case 'bucket':
      return [
        {
          id: `delete-bucket:${String(post?.['bucketId'])}`,
          kind: 'delete-bucket',
          ...base,
          projectId: Number(post?.['projectId']),
          viewId: Number(post?.['viewId']),
          bucketId: Number(post?.['bucketId']),
          title: String(post?.['title'] ?? ''),
        },
      ];
    case 'view': {
      const before = (post?.['before'] ?? {}) as { default_bucket_id?: number; done_bucket_id?: number };
      const after = (post?.['after'] ?? {}) as Record<string, unknown>;
      // Only the pointers the run changed are put back.
      const restore = Object.fromEntries(Object.keys(after).map((field) => [field, before[field as keyof typeof before] ?? 0]));
      return [
        {
          id: `restore-kanban:${String(post?.['viewId'])}`,
          kind: 'restore-kanban',
          ...base,
          projectId: Number(post?.['projectId']),
          viewId: Number(post?.['viewId']),
          before: restore,
        },
      ];
    }
    case 'project':
      return [
        {
          id: `delete-project:${entry.remoteId}`,
          kind: 'delete-project',
          ...base,
          projectId: Number(entry.remoteId),
          title: op?.kind === 'project' ? op.title : String(post?.['title'] ?? ''),
        },
      ];
    default:
      return [];
  }
}

async function readTask(ctx: WriteJobContext, taskId: number): Promise<VikunjaTask | null> {
  try {
    return await ctx.vikunja.getTask(taskId);
  } catch (error) {
    if ((error as { status?: number }).status === 404) return null;
    throw error;
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

/** Applies one undo step. */
export async function applyRevert(ctx: WriteJobContext, op: RevertOp): Promise<{ remoteId: string | null; postImage: unknown }> {
  switch (op.kind) {
    case 'delete-task':
      await ctx.vikunja.deleteTask(op.taskId);
      return { remoteId: String(op.taskId), postImage: null };
    case 'restore-fields': {
      const restore: Record<string, unknown> = {};
      for (const change of op.changes) {
        if (change.field === 'done_at') continue;
        restore[change.field] = change.before ?? (change.field === 'priority' || change.field === 'percent_done' ? 0 : null);
      }
      await ctx.vikunja.applyTaskChanges(op.taskId, restore);
      return { remoteId: String(op.taskId), postImage: { taskId: op.taskId, written: restore } };
    }
    case 'move-back': {
      if (op.to === null) {
        throw new ConflictError(
          `task #${op.taskId}: the journal does not record the bucket it was in before the run moved it, so it cannot be moved back; move it in Vikunja by hand`,
        );
      }
      const task = await ctx.vikunja.getTask(op.taskId);
      if (ctx.refs.projectId !== task.project_id || ctx.refs.kanbanViewId === null) {
        ctx.refs.projectId = task.project_id;
        await loadBuckets(ctx, task.project_id);
      }
      const bucketId = ctx.refs.buckets.get(op.to);
      if (bucketId === undefined || ctx.refs.kanbanViewId === null) {
        throw new ConflictError(
          `task #${op.taskId} cannot be moved back to the Kanban bucket "${op.to}": project #${task.project_id} has no such bucket any more; recreate it in Vikunja, then re-run the rollback`,
        );
      }
      await ctx.vikunja.moveTaskToBucket(task.project_id, ctx.refs.kanbanViewId, bucketId, op.taskId);
      return { remoteId: String(op.taskId), postImage: { bucket: op.to, bucketId } };
    }
    case 'restore-labels': {
      const ids = op.labels.map((title) => ctx.refs.labels.get(title)).filter((id): id is number => id !== undefined);
      await ctx.vikunja.setTaskLabels(op.taskId, ids);
      return { remoteId: String(op.taskId), postImage: { labels: op.labels } };
    }
    case 'delete-relation':
      await ctx.vikunja.deleteRelation(op.parentId, op.childId, 'subtask');
      return { remoteId: String(op.parentId), postImage: null };
    case 'delete-comment':
      await ctx.vikunja.deleteComment(op.taskId, op.commentId);
      return { remoteId: String(op.commentId), postImage: null };
    case 'delete-label':
      await ctx.vikunja.deleteLabel(op.labelId);
      return { remoteId: String(op.labelId), postImage: null };
    case 'delete-project':
      await ctx.vikunja.deleteProject(op.projectId);
      return { remoteId: String(op.projectId), postImage: null };
    case 'delete-bucket':
      await ctx.vikunja.deleteBucket(op.projectId, op.viewId, op.bucketId);
      return { remoteId: String(op.bucketId), postImage: null };
    case 'restore-kanban':
      await ctx.vikunja.setViewBuckets(op.projectId, op.viewId, op.before);
      return { remoteId: String(op.viewId), postImage: { viewId: op.viewId, written: op.before } };
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

/** The rollback job. */
export const rollbackJob = defineJob<RollbackInput, RollbackPlan, RevertOp, WriteJobContext>({
  name: 'rollback',
  describe: "Undo a run's writes, newest first, refusing to overwrite later edits unless forced",
  async plan(ctx, input) {
    const later = input.force ? [] : findLaterRuns(ctx.store, input.runId);
    if (later.length > 0) {
      throw new ConflictError(describeLaterRuns(input.runId, later), { details: { laterRuns: later.map((run) => run.runId) } });
    }
    const entries = ctx.store.journal.appliedEntries(input.runId);
    const { ops, subsumed } = dropSubsumedSteps(entries.flatMap(planRevert));
    const conflicts: RollbackConflict[] = [];
    const createdIds = new Set(
      entries.filter((entry) => entry.kind === 'create' || entry.kind === 'bulk_create').flatMap((entry) => createdTasks(entry).map((task) => task.taskId)),
    );
    const readCurrent = createTaskReader(ctx);
    for (const entry of entries) {
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
        const tasks = await listTasksOfProject(ctx, projectId);
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
    if (conflicts.length > 0 && !input.force) {
      const lines = conflicts.map((conflict) => `  - ${conflict.detail}: ${conflict.fields.join(', ')}`);
      throw new ConflictError(
        `rollback of run ${input.runId} refused: ${conflicts.length} item(s) changed in Vikunja since the run wrote them:\n${lines.join('\n')}\n` +
          'Nothing was changed. Re-run with --force to overwrite those edits anyway.',
        { details: { conflicts } },
      );
    }
    return { output: { runId: input.runId, ops, subsumed: Object.fromEntries(subsumed), conflicts }, ops };
  },
  apply: applyRevert,
});
