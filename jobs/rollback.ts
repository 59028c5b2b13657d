/**
 * rollback: plans from a run's applied journal entries, newest first — restore pre-images, delete what the run
 * created — and refuses (ConflictError, naming the task and the fields) to overwrite anything changed in Vikunja
 * since the run wrote it, unless forced.
 */
import { ConflictError } from '../src/core/errors.js';
import { defineJob, type WriteJobContext } from '../src/core/job.js';
import { comparedFields, isSameFieldValue, type TaskFields } from '../src/core/mapping.js';
import type { CreateOp, FieldChange, WriteOp } from '../src/core/plan.js';
import type { JournalEntry } from '../src/core/store.js';
import type { VikunjaTask } from '../src/core/vikunja.js';
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
  | { id: string; kind: 'delete-project'; entrySeq: number; opId: string; projectId: number; title: string };

/** What rollback needs. */
export interface RollbackInput {
  runId: string;
  force: boolean;
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
  conflicts: RollbackConflict[];
}



function changedSince(written: Partial<TaskFields>, current: VikunjaTask): string[] {
  const now = readTaskFields(current);
  return comparedFields.filter((field) => field in written && written[field] !== null && !isSameFieldValue(now[field], written[field]));
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
      await ctx.vikunja.updateTask(op.taskId, restore);
      return { remoteId: String(op.taskId), postImage: { taskId: op.taskId, written: restore } };
    }
    case 'move-back': {
      if (op.to === null || ctx.refs.kanbanViewId === null || ctx.refs.projectId === null) {
        return { remoteId: String(op.taskId), postImage: null };
      }
      const bucketId = ctx.refs.buckets.get(op.to);
      if (bucketId !== undefined) await ctx.vikunja.moveTaskToBucket(ctx.refs.projectId, ctx.refs.kanbanViewId, bucketId, op.taskId);
      return { remoteId: String(op.taskId), postImage: { bucket: op.to } };
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
  }
}

/** The rollback job. */
export const rollbackJob = defineJob<RollbackInput, RollbackPlan, RevertOp, WriteJobContext>({
  name: 'rollback',
  describe: "Undo a run's writes, newest first, refusing to overwrite later edits unless forced",
  async plan(ctx, input) {
    const entries = ctx.store.journal.appliedEntries(input.runId);
    const ops = entries.flatMap(planRevert);
    const conflicts: RollbackConflict[] = [];
    const createdIds = new Set(ops.filter((op) => op.kind === 'delete-task').map((op) => op.taskId));
    for (const entry of entries) {
      if (entry.kind === 'create' || entry.kind === 'bulk_create') {
        for (const created of createdTasks(entry)) {
          const current = await readTask(ctx, created.taskId);
          if (current === null) continue;
          const fields = changedSince(created.written, current);
          if (fields.length > 0) {
            conflicts.push({ taskId: created.taskId, fields, detail: `task #${created.taskId} "${current.title}" was edited in Vikunja after the run created it` });
          }
        }
      } else if (entry.kind === 'update' || entry.kind === 'close') {
        const op = (entry.preImage as Image | null)?.op;
        if (op === undefined || Array.isArray(op) || (op.kind !== 'update' && op.kind !== 'close')) continue;
        const current = await readTask(ctx, op.taskId);
        if (current === null) continue;
        const written: Partial<TaskFields> = {};
        for (const change of op.changes) (written as Record<string, unknown>)[change.field] = change.after;
        const fields = changedSince(written, current);
        if (fields.length > 0) {
          conflicts.push({ taskId: op.taskId, fields, detail: `task #${op.taskId} "${current.title}" was edited in Vikunja after the run updated it` });
        }
      } else if (entry.kind === 'project') {
        const projectId = Number(entry.remoteId);
        const tasks = await ctx.vikunja.listProjectTasks(projectId).catch(() => []);
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
    return { output: { runId: input.runId, ops, conflicts }, ops };
  },
  apply: applyRevert,
});
