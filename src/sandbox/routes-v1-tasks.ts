/**
 * v1 task routes (API.md §6, §7): create (`PUT /projects/{id}/tasks`), read, full-replace update,
 * delete, the three listing endpoints (project, view, all), `/tasks/bulk` and task positions.
 */
import { readInt, readIntArray, readNumber, readObject, readArray, type JsonObject } from './bind.js';
import { apiError, ApiCode, invalidData } from './errors.js';
import { mentionsField } from './filter.js';
import {
  deleted,
  expandSet,
  intParam,
  json,
  maxPermissionHeader,
  pageOf,
  paginationHeaders,
  parsePagination,
  type Pagination,
  type RequestContext,
  type Reply,
} from './http.js';
import { echoRequestBody, renderBucket, renderTask } from './render.js';
import type { Router } from './router.js';
import { requireProject, requireView } from './routes-v1-projects.js';
import type { SandboxStore } from './state.js';
import { parseTaskQuery, runTaskQuery, type TaskQuery } from './task-query.js';
import {
  commitCreate,
  deleteTask,
  inputFromTask,
  parseTaskInput,
  prepareCreate,
  updateTask,
  type TaskInput,
} from './tasks.js';
import type { SandboxTask } from './types.js';

const EXPANDABLE = new Set(['subtasks', 'buckets', 'reactions', 'comments', 'comment_count', 'time_entries_count', 'is_unread']);

/** Columns `/tasks/bulk` may write (the update column list). */
const BULK_FIELDS = new Set([
  'title',
  'description',
  'done',
  'due_date',
  'repeat_after',
  'priority',
  'start_date',
  'end_date',
  'hex_color',
  'percent_done',
  'project_id',
  'repeat_mode',
  'cover_image_attachment_id',
]);

/** Registers the task routes under `/api/v1`. */
export function registerTaskRoutes(router: Router, base: string, store: SandboxStore): void {
  router
    .add('PUT', `${base}/projects/:id/tasks`, createTask)
    .add('GET', `${base}/projects/:id/tasks`, listProjectTasks)
    .add('GET', `${base}/projects/:project/tasks/by-index/:index`, getTaskByIndex)
    .add('GET', `${base}/projects/:project/views/:view/tasks`, listViewTasks)
    .add('GET', store.features.tasksAllRoute ? `${base}/tasks/all` : `${base}/tasks`, listAllTasks)
    .add('POST', `${base}/tasks/bulk`, bulkUpdate)
    .add('GET', `${base}/tasks/:id`, getTask)
    .add('POST', `${base}/tasks/:id`, updateTaskRoute)
    .add('DELETE', `${base}/tasks/:id`, deleteTaskRoute)
    .add('POST', `${base}/tasks/:id/position`, setPosition);
}

/** A live task or 404 4002. */
export function requireTask(store: SandboxStore, id: number): SandboxTask {
  const task = store.liveTask(id);
  if (task === undefined) throw apiError(ApiCode.taskNotFound);
  return task;
}

/** Validated `expand` values (unknown ones → 412). */
export function parseExpand(query: URLSearchParams): Set<string> {
  const expand = expandSet(query);
  const bad = [...expand].filter((v) => !EXPANDABLE.has(v));
  if (bad.length > 0) throw invalidData(bad.map((v) => `expand: ${v} is not a valid expand value`));
  return expand;
}

function createTask(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = ctx.body();
  const input = parseTaskInput(store, body);
  const projectId = input.project_id ?? intParam(ctx, 'id');
  if (projectId <= 0) throw apiError(ApiCode.projectNotFound);
  const created = commitCreate(store, prepareCreate(store, projectId, input));
  const rendered = renderTask(store, created.task, { relatedNull: true, bucketId: created.bucketId, position: created.position });
  return json(201, echoRequestBody(rendered, body));
}

function getTask(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'id'));
  return json(200, renderTask(store, task, { expand: parseExpand(ctx.query) }), maxPermissionHeader(store));
}

function getTaskByIndex(ctx: RequestContext): Reply {
  const { store } = ctx;
  const key = ctx.params['project'] ?? '';
  const project = /^\d+$/.test(key)
    ? requireProject(store, Number(key))
    : [...store.projects.values()].find((p) => p.identifier !== '' && p.identifier === key.toUpperCase());
  if (project === undefined) throw apiError(ApiCode.projectNotFound);
  const index = intParam(ctx, 'index');
  const task = store.tasksOfProject(project.id).find((t) => t.index === index);
  if (task === undefined) throw apiError(ApiCode.taskNotFound);
  return json(200, renderTask(store, task, { expand: parseExpand(ctx.query) }), maxPermissionHeader(store));
}

function updateTaskRoute(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = ctx.body();
  const input = parseTaskInput(store, body);
  const id = input.id ?? intParam(ctx, 'id');
  const task = requireTask(store, id);
  updateTask(store, task, input);
  return json(200, echoRequestBody(renderTask(store, task), body));
}

function deleteTaskRoute(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'id'));
  deleteTask(store, task);
  return deleted();
}

/** Renders one page of a flat task list with the pagination headers. */
function taskPage(
  store: SandboxStore,
  tasks: SandboxTask[],
  pagination: Pagination,
  render: { viewId?: number; expand: Set<string> },
): Reply {
  const page = pageOf(tasks, pagination);
  return json(
    200,
    page.map((t) => renderTask(store, t, render)),
    paginationHeaders(tasks.length, page.length, pagination),
  );
}

/** Tasks of a project id, including the pseudo-projects (−1 Favorites, ≤−2 saved filters). */
function candidatesFor(store: SandboxStore, projectId: number): { tasks: SandboxTask[]; viewFilter?: string } {
  if (projectId === -1) return { tasks: allReadableTasks(store).filter((t) => t.is_favorite) };
  if (projectId < -1) {
    const filter = store.savedFilters.get(-projectId - 1);
    if (filter === undefined) throw apiError(ApiCode.projectNotFound);
    return { tasks: allReadableTasks(store), viewFilter: filter.filter };
  }
  requireProject(store, projectId);
  return { tasks: store.tasksOfProject(projectId) };
}

/** Live tasks of every non-archived project. */
export function allReadableTasks(store: SandboxStore): SandboxTask[] {
  const tasks: SandboxTask[] = [];
  for (const project of store.projects.values()) {
    if (store.isEffectivelyArchived(project.id)) continue;
    tasks.push(...store.tasksOfProject(project.id));
  }
  return tasks;
}

function listProjectTasks(ctx: RequestContext): Reply {
  const { store } = ctx;
  const pagination = parsePagination(ctx.query, ctx.settings.maxItemsPerPage);
  const query = parseTaskQuery(ctx.query);
  const expand = parseExpand(ctx.query);
  const { tasks, viewFilter } = candidatesFor(store, intParam(ctx, 'id'));
  const result = runTaskQuery(store, tasks, query, viewFilter === undefined ? {} : { viewFilter });
  return taskPage(store, result, pagination, { expand });
}

function listAllTasks(ctx: RequestContext): Reply {
  const { store } = ctx;
  const pagination = parsePagination(ctx.query, ctx.settings.maxItemsPerPage);
  const query = parseTaskQuery(ctx.query);
  const expand = parseExpand(ctx.query);
  return taskPage(store, runTaskQuery(store, allReadableTasks(store), query), pagination, { expand });
}

function listViewTasks(ctx: RequestContext): Reply {
  const { store } = ctx;
  const projectId = intParam(ctx, 'project');
  const view = requireView(store, projectId, intParam(ctx, 'view'));
  const pagination = parsePagination(ctx.query, ctx.settings.maxItemsPerPage);
  const query = parseTaskQuery(ctx.query);
  const expand = parseExpand(ctx.query);
  const tasks = store.tasksOfProject(projectId);
  const scope = { viewId: view.id, viewFilter: view.filter };
  const flat = view.view_kind !== 'kanban' || (query.filter !== undefined && mentionsField(query.filter, 'bucket_id'));
  if (flat) return taskPage(store, runTaskQuery(store, tasks, query, scope), pagination, { viewId: view.id, expand });
  return kanbanReply(store, view.id, tasks, { ...query, sort: [{ field: 'position', desc: false }] }, pagination, expand, view.filter);
}

/** Buckets with their tasks; pagination applies per bucket, result count = bucket count. */
function kanbanReply(
  store: SandboxStore,
  viewId: number,
  tasks: SandboxTask[],
  query: TaskQuery,
  pagination: Pagination,
  expand: Set<string>,
  viewFilter: string | null,
): Reply {
  const filtered = runTaskQuery(store, tasks, query, { viewId, viewFilter });
  const byBucket = new Map<number, SandboxTask[]>();
  for (const task of filtered) {
    const bucketId = store.taskBuckets.get(task.id)?.get(viewId);
    if (bucketId === undefined) continue;
    const list = byBucket.get(bucketId) ?? [];
    list.push(task);
    byBucket.set(bucketId, list);
  }
  const buckets = store.bucketsOf(viewId).map((bucket) => {
    const inBucket = byBucket.get(bucket.id) ?? [];
    return {
      ...renderBucket(store, bucket, inBucket.length),
      tasks: pageOf(inBucket, pagination).map((t) => renderTask(store, t, { viewId, expand })),
    };
  });
  return json(200, buckets, paginationHeaders(buckets.length, buckets.length, pagination));
}

function bulkUpdate(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = ctx.body();
  const taskIds = readIntArray(body, 'task_ids') ?? [];
  if (taskIds.length === 0) throw apiError(ApiCode.bulkNeedsTasks);
  const tasks = taskIds.map((id) => requireTask(store, id));
  let values: JsonObject;
  let fields: string[];
  if (store.features.bulkFieldsBody) {
    const rawFields = readArray(body, 'fields') ?? [];
    fields = rawFields.map((f) => (typeof f === 'string' ? f : ''));
    for (const field of fields) if (!BULK_FIELDS.has(field)) throw apiError(ApiCode.bulkFieldNotAllowed);
    values = readObject(body, 'values') ?? {};
  } else {
    // 0.24 (`bulk_task.go`): the body is one task applied to each listed task with mergo — only non-zero
    // body values override the stored ones (an omitted description is kept), but the due date is always
    // taken from the body, so an omitted one is zeroed (API.md §18.11).
    values = body;
    fields = [...BULK_FIELDS].filter((field) => field === 'due_date' || isNonZero(body[field]));
    const projects = new Set(tasks.map((t) => t.project_id));
    if (projects.size > 1) throw apiError(4003, 'All tasks must belong to the same project.');
  }
  const valuesInput = parseTaskInput(store, values);
  const inputs = tasks.map((task) => bulkInput(task, fields, valuesInput));
  for (const [i, task] of tasks.entries()) {
    const input = inputs[i];
    if (input === undefined) continue;
    if (store.isEffectivelyArchived(task.project_id)) throw apiError(ApiCode.projectArchived);
    const target = input.project_id ?? 0;
    if (target !== 0 && target !== task.project_id) {
      requireProject(store, target);
      if (store.isEffectivelyArchived(target)) throw apiError(ApiCode.projectArchived);
    }
  }
  for (const [i, task] of tasks.entries()) {
    const input = inputs[i];
    if (input !== undefined) updateTask(store, task, input);
  }
  return json(200, {
    task_ids: taskIds,
    fields: store.features.bulkFieldsBody ? fields : undefined,
    values: store.features.bulkFieldsBody ? values : undefined,
    tasks: tasks.map((t) => renderTask(store, t)),
  });
}

/** mergo's notion of a value that overrides: present and not the Go zero value. */
function isNonZero(value: unknown): boolean {
  if (value === undefined || value === null || value === false || value === 0 || value === '') return false;
  if (value === '0001-01-01T00:00:00Z') return false;
  return !(Array.isArray(value) && value.length === 0);
}

/**
 * What `/tasks/bulk` sends through the normal update path for one task: the stored task, the listed
 * fields from `values`, and — the documented caveat — assignees, reminders and is_favorite from `values`.
 */
function bulkInput(task: SandboxTask, fields: string[], values: TaskInput): TaskInput {
  const input = inputFromTask(task);
  const target = input as unknown as Record<string, unknown>;
  const source = values as unknown as Record<string, unknown>;
  for (const field of fields) target[field] = source[field];
  input.assignee_ids = [...values.assignee_ids];
  input.reminders = values.reminders.map((r) => ({ ...r }));
  input.is_favorite = values.is_favorite;
  input.id = task.id;
  return input;
}

function setPosition(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'id'));
  const body = ctx.body();
  const viewId = readInt(body, 'project_view_id') ?? 0;
  const position = readNumber(body, 'position') ?? 0;
  const view = store.views.get(viewId);
  if (view === undefined || view.project_id !== task.project_id) throw apiError(ApiCode.viewNotFound);
  store.setPosition(task.id, view.id, position);
  return json(200, { task_id: task.id, project_view_id: view.id, position });
}
