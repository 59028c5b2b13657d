/**
 * v1 task sub-resources (API.md §9): relations with automatic inverse rows, comments, assignees.
 * Each change bumps the task's `updated` (Vikunja does it asynchronously; the sandbox immediately).
 */
import { readInt, readObjectArray, readString } from './bind.js';
import { apiError, ApiCode, invalidData } from './errors.js';
import { deleted, intParam, json, listReply, maxPermissionHeader, parsePagination, type RequestContext, type Reply } from './http.js';
import { renderComment, renderUser } from './render.js';
import type { Router } from './router.js';
import { requireTask } from './routes-v1-tasks.js';
import { USER_ID, type SandboxStore } from './state.js';
import { touchTask } from './tasks.js';
import type { SandboxComment, SandboxRelation, SandboxTask } from './types.js';

/** Every relation kind and its inverse. */
export const RELATION_INVERSE: Readonly<Record<string, string>> = {
  subtask: 'parenttask',
  parenttask: 'subtask',
  related: 'related',
  duplicateof: 'duplicates',
  duplicates: 'duplicateof',
  blocking: 'blocked',
  blocked: 'blocking',
  precedes: 'follows',
  follows: 'precedes',
  copiedfrom: 'copiedto',
  copiedto: 'copiedfrom',
};

/** Registers relation, comment and assignee routes under `/api/v1`. */
export function registerTaskLinkRoutes(router: Router, base: string): void {
  router
    .add('PUT', `${base}/tasks/:task/relations`, createRelation)
    .add('DELETE', `${base}/tasks/:task/relations/:kind/:other`, deleteRelation)
    .add('GET', `${base}/tasks/:task/comments`, listComments)
    .add('PUT', `${base}/tasks/:task/comments`, createComment)
    .add('GET', `${base}/tasks/:task/comments/:comment`, getComment)
    .add('POST', `${base}/tasks/:task/comments/:comment`, updateComment)
    .add('DELETE', `${base}/tasks/:task/comments/:comment`, deleteComment)
    .add('GET', `${base}/tasks/:task/assignees`, listAssignees)
    .add('PUT', `${base}/tasks/:task/assignees`, addAssignee)
    .add('POST', `${base}/tasks/:task/assignees/bulk`, bulkAssignees)
    .add('DELETE', `${base}/tasks/:task/assignees/:user`, removeAssignee);
}

function rowsOf(store: SandboxStore, taskId: number): SandboxRelation[] {
  let rows = store.relations.get(taskId);
  if (rows === undefined) {
    rows = [];
    store.relations.set(taskId, rows);
  }
  return rows;
}

/** True when `target` is reachable from `from` through subtask edges. */
function isDescendant(store: SandboxStore, from: number, target: number): boolean {
  const stack = [from];
  const seen = new Set<number>();
  while (stack.length > 0) {
    const current = stack.pop() ?? 0;
    if (current === target) return true;
    if (seen.has(current)) continue;
    seen.add(current);
    for (const row of store.relations.get(current) ?? []) if (row.relation_kind === 'subtask') stack.push(row.other_task_id);
  }
  return false;
}

function createRelation(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = ctx.body();
  const task = requireTask(store, intParam(ctx, 'task'));
  const kind = readString(body, 'relation_kind') ?? '';
  const otherId = readInt(body, 'other_task_id') ?? 0;
  const inverse = RELATION_INVERSE[kind];
  if (inverse === undefined) throw apiError(ApiCode.relationKindInvalid);
  if (otherId === task.id) throw apiError(ApiCode.relationSelf);
  const other = requireTask(store, otherId);
  if (rowsOf(store, task.id).some((r) => r.other_task_id === other.id && r.relation_kind === kind)) {
    throw apiError(ApiCode.relationExists);
  }
  if (kind === 'subtask' && isDescendant(store, other.id, task.id)) throw apiError(ApiCode.subtaskCycle);
  if (kind === 'parenttask' && isDescendant(store, task.id, other.id)) throw apiError(ApiCode.subtaskCycle);
  const created = store.now();
  const row: SandboxRelation = { task_id: task.id, other_task_id: other.id, relation_kind: kind, created_by_id: USER_ID, created };
  rowsOf(store, task.id).push(row);
  rowsOf(store, other.id).push({ task_id: other.id, other_task_id: task.id, relation_kind: inverse, created_by_id: USER_ID, created });
  touchTask(store, task);
  touchTask(store, other);
  return json(201, {
    task_id: row.task_id,
    other_task_id: row.other_task_id,
    relation_kind: row.relation_kind,
    created_by: renderUser(store.users.get(USER_ID)),
    created,
  });
}

function deleteRelation(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const kind = ctx.params['kind'] ?? '';
  const otherId = intParam(ctx, 'other');
  const inverse = RELATION_INVERSE[kind];
  if (inverse === undefined) throw apiError(ApiCode.relationKindInvalid);
  const rows = rowsOf(store, task.id);
  const index = rows.findIndex((r) => r.other_task_id === otherId && r.relation_kind === kind);
  if (index < 0) throw apiError(ApiCode.relationNotFound);
  rows.splice(index, 1);
  const otherRows = store.relations.get(otherId);
  if (otherRows !== undefined) {
    const inverseIndex = otherRows.findIndex((r) => r.other_task_id === task.id && r.relation_kind === inverse);
    if (inverseIndex >= 0) otherRows.splice(inverseIndex, 1);
  }
  touchTask(store, task);
  const other = store.liveTask(otherId);
  if (other !== undefined) touchTask(store, other);
  return deleted();
}

/**
 * A task's comments ordered as Vikunja orders them: by `created` only, which has one-second precision, so
 * comments made within the same second come back in no defined order (API.md §17.7). The sandbox makes that
 * visible by returning such ties newest first; clients must sort by id.
 */
function commentsOf(store: SandboxStore, task: SandboxTask): SandboxComment[] {
  const comments = (store.commentIdsByTask.get(task.id) ?? []).flatMap((id) => {
    const comment = store.comments.get(id);
    return comment === undefined ? [] : [comment];
  });
  return comments.sort((a, b) => (a.created < b.created ? -1 : a.created > b.created ? 1 : b.id - a.id));
}

function requireComment(store: SandboxStore, task: SandboxTask, id: number): SandboxComment {
  const comment = store.comments.get(id);
  if (comment === undefined || comment.task_id !== task.id) throw apiError(ApiCode.commentNotFound);
  return comment;
}

function readCommentText(ctx: RequestContext): string {
  const text = readString(ctx.body(), 'comment') ?? '';
  if (text === '') throw invalidData(['comment: non zero value required']);
  return text;
}

function listComments(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const pagination = parsePagination(ctx.query, ctx.settings.maxItemsPerPage);
  const comments = commentsOf(store, task);
  if ((ctx.query.get('order_by') ?? 'asc').toLowerCase() === 'desc') comments.reverse();
  return listReply(comments, pagination, (c) => renderComment(store, c));
}

function createComment(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const text = readCommentText(ctx);
  const now = store.now();
  const comment: SandboxComment = { id: store.nextId('comment'), task_id: task.id, comment: text, author_id: USER_ID, created: now, updated: now };
  store.comments.set(comment.id, comment);
  const ids = store.commentIdsByTask.get(task.id) ?? [];
  ids.push(comment.id);
  store.commentIdsByTask.set(task.id, ids);
  touchTask(store, task);
  return json(201, renderComment(store, comment));
}

function getComment(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const comment = requireComment(store, task, intParam(ctx, 'comment'));
  return json(200, renderComment(store, comment), maxPermissionHeader(store));
}

function updateComment(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const comment = requireComment(store, task, intParam(ctx, 'comment'));
  comment.comment = readCommentText(ctx);
  comment.updated = store.now();
  touchTask(store, task);
  return json(200, renderComment(store, comment));
}

function deleteComment(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const comment = requireComment(store, task, intParam(ctx, 'comment'));
  store.comments.delete(comment.id);
  store.commentIdsByTask.set(
    task.id,
    (store.commentIdsByTask.get(task.id) ?? []).filter((id) => id !== comment.id),
  );
  touchTask(store, task);
  return deleted();
}

function listAssignees(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const pagination = parsePagination(ctx.query, ctx.settings.maxItemsPerPage);
  return listReply(task.assignee_ids, pagination, (id) => renderUser(store.users.get(id)));
}

function addAssignee(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const userId = readInt(ctx.body(), 'user_id') ?? 0;
  if (!store.users.has(userId)) throw apiError(ApiCode.userNotFound);
  if (task.assignee_ids.includes(userId)) throw apiError(ApiCode.alreadyAssigned);
  task.assignee_ids.push(userId);
  touchTask(store, task);
  return json(201, { user_id: userId, created: store.now() });
}

function bulkAssignees(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const ids = (readObjectArray(ctx.body(), 'assignees') ?? []).map((item) => {
    const id = readInt(item, 'id') ?? 0;
    if (!store.users.has(id)) throw apiError(ApiCode.userNotFound);
    return id;
  });
  task.assignee_ids = [...new Set(ids)];
  touchTask(store, task);
  return json(201, { assignees: task.assignee_ids.map((id) => renderUser(store.users.get(id))) });
}

function removeAssignee(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const userId = intParam(ctx, 'user');
  if (!task.assignee_ids.includes(userId)) throw apiError(ApiCode.userNotFound);
  task.assignee_ids = task.assignee_ids.filter((id) => id !== userId);
  touchTask(store, task);
  return deleted();
}
