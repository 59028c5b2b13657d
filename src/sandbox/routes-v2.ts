/**
 * `/api/v2` (2.4+, API.md §13): REST verbs (POST create, PUT replace, PATCH merge, DELETE → 204),
 * list envelopes, ETags, problem+json errors, and the atomic bulk create of 2.5.
 */
import { STATUS_CODES } from 'node:http';
import { isJsonObject, type JsonObject } from './bind.js';
import { dateMs } from './dates.js';
import { apiError, ApiCode, HttpError } from './errors.js';
import { json, objectBody, type RequestContext, type Reply } from './http.js';
import { echoRequestBody, renderTask } from './render.js';
import type { Router } from './router.js';
import { replaceTaskLabels } from './routes-v1-labels.js';
import { getInfo } from './routes-v1-misc.js';
import { requireProject } from './routes-v1-projects.js';
import { allReadableTasks, requireTask } from './routes-v1-tasks.js';
import { POSITION_STEP, USER_ID, type SandboxStore } from './state.js';
import { parseTaskQuery, runTaskQuery } from './task-query.js';
import { commitCreate, deleteTask, parseTaskInput, prepareCreate, updateTask, type PreparedCreate } from './tasks.js';
import type { SandboxLabel, SandboxTask } from './types.js';

const MAX_BULK = 100;
const MAX_PER_PAGE = 1000;
const DEFAULT_PER_PAGE = 50;

/** Registers the v2 routes (the caller only does so for 2.4+). */
export function registerV2Routes(router: Router, base: string, store: SandboxStore): void {
  router
    .add('GET', `${base}/info`, getInfo, { public: true })
    .add('GET', `${base}/tasks`, listAll)
    .add('GET', `${base}/tasks/:id`, getTask)
    .add('PUT', `${base}/tasks/:id`, replaceTask)
    .add('PATCH', `${base}/tasks/:id`, patchTask)
    .add('DELETE', `${base}/tasks/:id`, removeTask)
    .add('GET', `${base}/projects/:project/tasks`, listProject)
    .add('POST', `${base}/projects/:project/tasks`, createTask)
    .add('PUT', `${base}/tasks/:id/labels/bulk`, bulkSetLabels);
  if (store.features.v2BulkCreate) router.add('POST', `${base}/projects/:project/tasks/bulk`, bulkCreate);
}

/** One entry of a problem's `errors`. */
interface ProblemItem {
  location: string;
  message: string;
  value?: unknown;
}

/** An RFC 9457 problem reply as an error. */
export function problem(status: number, detail: string, options: { code?: number; errors?: ProblemItem[] } = {}): HttpError {
  const body: Record<string, unknown> = {
    status,
    title: STATUS_CODES[status] ?? 'Error',
    detail,
    errors: options.errors ?? [],
  };
  if (options.code !== undefined) body['code'] = options.code;
  return new HttpError(status, body, { headers: { 'content-type': 'application/problem+json' } });
}

/** Converts any handler error into problem+json (validation → 422, codes kept). */
export function toProblem(error: HttpError): HttpError {
  if (typeof error.body['status'] === 'number' && typeof error.body['title'] === 'string') return error;
  const isValidation = error.apiCode === ApiCode.invalidData || (error.apiCode === ApiCode.invalidModel && error.fields.length > 0);
  const status = isValidation ? 422 : error.status;
  const errors = error.fields.map((field) => {
    const [name, ...rest] = field.split(': ');
    return { location: `body.${name ?? ''}`, message: rest.join(': ') };
  });
  const detail = isValidation ? 'validation failed' : error.message;
  return problem(status, detail, { ...(error.apiCode === undefined ? {} : { code: error.apiCode }), errors });
}

function etagOf(task: SandboxTask): string {
  return `"${dateMs(task.updated)}000000-2"`;
}

function idParam(ctx: RequestContext, name: string): number {
  const raw = ctx.params[name] ?? '';
  if (!/^-?\d+$/.test(raw)) {
    throw problem(422, 'validation failed', { errors: [{ location: `path.${name}`, message: 'expected integer' }] });
  }
  return Number(raw);
}

/** The JSON body of a v2 write: JSON media types only (415 otherwise). */
function v2Body(ctx: RequestContext, accepted: readonly string[]): unknown {
  if (ctx.hasBody && !accepted.includes(ctx.contentType)) {
    throw problem(415, `unsupported content type ${JSON.stringify(ctx.contentType)}`);
  }
  try {
    return ctx.rawJson();
  } catch {
    throw problem(400, 'unable to parse the request body as JSON');
  }
}

function getTask(ctx: RequestContext): Reply {
  const task = requireTask(ctx.store, idParam(ctx, 'id'));
  const etag = etagOf(task);
  const ifNoneMatch = ctx.headers['if-none-match'];
  if (typeof ifNoneMatch === 'string' && ifNoneMatch.split(',').some((t) => t.trim().replace(/^W\//, '') === etag)) {
    return { status: 304, text: '', headers: { etag } };
  }
  return json(200, renderTask(ctx.store, task), { etag });
}

function replaceTask(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = objectBody(v2Body(ctx, ['application/json']));
  const task = requireTask(store, idParam(ctx, 'id'));
  const input = parseTaskInput(store, body);
  updateTask(store, task, { ...input, id: task.id });
  return json(200, echoRequestBody(renderTask(store, task), body), { etag: etagOf(task) });
}

function patchTask(ctx: RequestContext): Reply {
  const { store } = ctx;
  const patch = v2Body(ctx, ['application/merge-patch+json', 'application/json', 'application/json-patch+json']);
  const task = requireTask(store, idParam(ctx, 'id'));
  const current = renderTask(store, task);
  const merged = ctx.contentType === 'application/json-patch+json' ? applyJsonPatch(current, patch) : mergePatch(current, patch);
  if (!isJsonObject(merged)) throw problem(422, 'validation failed', { errors: [{ location: 'body', message: 'expected object' }] });
  // huma's autopatch: a patch that leaves the resource as it was answers 304 Not Modified, empty body
  // (API.md §17.2) — "already so", not a redirect.
  if (jsonEqual(merged, current)) return { status: 304, text: '', headers: { etag: etagOf(task) } };
  const input = parseTaskInput(store, merged);
  updateTask(store, task, { ...input, id: task.id });
  return json(200, echoRequestBody(renderTask(store, task), merged), { etag: etagOf(task) });
}

/** Semantic JSON equality (key order ignored), as `jsonpatch.Equal`. */
function jsonEqual(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) || Array.isArray(b)) {
    return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((item, i) => jsonEqual(item, b[i]));
  }
  if (isJsonObject(a) || isJsonObject(b)) {
    if (!isJsonObject(a) || !isJsonObject(b)) return false;
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const key of keys) if (!jsonEqual(a[key], b[key])) return false;
    return true;
  }
  return a === b;
}

/** RFC 7396 JSON merge patch. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (!isJsonObject(patch)) return patch;
  const result: JsonObject = isJsonObject(target) ? { ...target } : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete result[key];
    else result[key] = mergePatch(result[key], value);
  }
  return result;
}

/** RFC 6902 JSON Patch, top-level members only (add/replace/remove/test). */
function applyJsonPatch(target: JsonObject, patch: unknown): JsonObject {
  if (!Array.isArray(patch)) throw problem(422, 'validation failed', { errors: [{ location: 'body', message: 'expected array' }] });
  const result: JsonObject = { ...target };
  for (const [i, op] of patch.entries()) {
    const path = isJsonObject(op) && typeof op['path'] === 'string' ? op['path'] : '';
    const key = path.replace(/^\//, '').replace(/~1/g, '/').replace(/~0/g, '~');
    const kind = isJsonObject(op) ? op['op'] : undefined;
    if (key === '' || key.includes('/')) throw problem(422, `unsupported patch path at index ${i}`);
    if (kind === 'add' || kind === 'replace') result[key] = isJsonObject(op) ? op['value'] : undefined;
    else if (kind === 'remove') delete result[key];
    else if (kind === 'test') {
      if (JSON.stringify(result[key]) !== JSON.stringify(isJsonObject(op) ? op['value'] : undefined)) {
        throw problem(409, `test failed at index ${i}`);
      }
    } else throw problem(422, `unsupported patch operation at index ${i}`);
  }
  return result;
}

function removeTask(ctx: RequestContext): Reply {
  deleteTask(ctx.store, requireTask(ctx.store, idParam(ctx, 'id')));
  return { status: 204, text: '' };
}

/** `page` (≥1, default 1) and `per_page` (1..1000, default 50); violations are 422. */
function v2Pagination(query: URLSearchParams): { page: number; perPage: number } {
  const read = (key: string, fallback: number, min: number, max: number): number => {
    const text = query.get(key);
    if (text === null || text === '') return fallback;
    const value = Number(text);
    if (!Number.isInteger(value)) throw problem(422, 'validation failed', { errors: [{ location: `query.${key}`, message: 'expected integer' }] });
    if (value < min) throw problem(422, 'validation failed', { errors: [{ location: `query.${key}`, message: `expected number >= ${min}` }] });
    if (value > max) throw problem(422, 'validation failed', { errors: [{ location: `query.${key}`, message: `expected number <= ${max}` }] });
    return value;
  };
  return { page: read('page', 1, 1, Number.MAX_SAFE_INTEGER), perPage: read('per_page', DEFAULT_PER_PAGE, 1, MAX_PER_PAGE) };
}

function envelope(store: SandboxStore, tasks: SandboxTask[], query: URLSearchParams): Reply {
  const { page, perPage } = v2Pagination(query);
  const items = tasks.slice((page - 1) * perPage, page * perPage).map((t) => renderTask(store, t));
  return json(200, { items, total: tasks.length, page, per_page: perPage, total_pages: Math.ceil(tasks.length / perPage) });
}

function listAll(ctx: RequestContext): Reply {
  const query = parseTaskQuery(ctx.query, 'q');
  return envelope(ctx.store, runTaskQuery(ctx.store, allReadableTasks(ctx.store), query), ctx.query);
}

function listProject(ctx: RequestContext): Reply {
  const projectId = idParam(ctx, 'project');
  requireProject(ctx.store, projectId);
  const query = parseTaskQuery(ctx.query, 'q');
  return envelope(ctx.store, runTaskQuery(ctx.store, ctx.store.tasksOfProject(projectId), query), ctx.query);
}

function createTask(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = objectBody(v2Body(ctx, ['application/json']));
  const projectId = idParam(ctx, 'project');
  const input = parseTaskInput(store, body);
  const created = commitCreate(store, prepareCreate(store, projectId, { ...input, project_id: undefined }));
  const rendered = renderTask(store, created.task, { bucketId: created.bucketId, position: created.position });
  return json(201, echoRequestBody(rendered, body), { etag: etagOf(created.task) });
}

/**
 * huma's request validation of one bulk item (struct tags of `pkg/models/bulk_task_create.go`): an object
 * with a non-empty string title and well-typed fields. Problems name `body.tasks[i].field`.
 */
function validateBulkItem(store: SandboxStore, item: unknown, i: number): ProblemItem[] {
  const where = `body.tasks[${i}]`;
  if (!isJsonObject(item)) return [{ location: where, message: 'expected object', value: item }];
  const problems: ProblemItem[] = [];
  const title = item['title'];
  if (typeof title !== 'string') problems.push({ location: `${where}.title`, message: 'expected required property title to be present', value: title });
  else if (title.length === 0) problems.push({ location: `${where}.title`, message: 'expected length >= 1', value: title });
  try {
    parseTaskInput(store, item);
  } catch (error) {
    if (!(error instanceof HttpError) || error.fields.length === 0) return problems;
    for (const field of error.fields) {
      const [name, ...rest] = field.split(': ');
      const key = (name ?? '').replace(/\[.*$/, '');
      problems.push({ location: `${where}.${name ?? ''}`, message: rest.join(': '), value: item[key] });
    }
  }
  return problems;
}

/**
 * `POST /api/v2/projects/{id}/tasks/bulk` (2.5): validation first (422 problem+json, no Vikunja code, 1..100
 * items), then all-or-nothing creation. The batch ignores `position` and lands on top of every view in
 * payload order; the answer shows `position` 0 and `bucket_id` 0 (API.md §17.1).
 */
function bulkCreate(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = objectBody(v2Body(ctx, ['application/json']));
  const projectId = idParam(ctx, 'project');
  const items = body['tasks'];
  if (!Array.isArray(items)) {
    throw problem(422, 'validation failed', { errors: [{ location: 'body.tasks', message: 'expected array', value: items ?? null }] });
  }
  if (items.length === 0 || items.length > MAX_BULK) {
    const message = items.length === 0 ? 'expected array length >= 1' : `expected array length <= ${MAX_BULK}`;
    throw problem(422, 'validation failed', { errors: [{ location: 'body.tasks', message, value: items.length }] });
  }
  const problems = items.flatMap((item, i) => validateBulkItem(store, item, i));
  if (problems.length > 0) throw problem(422, 'validation failed', { errors: problems });
  requireProject(store, projectId);
  const prepared: PreparedCreate[] = items.map((item, i) => {
    try {
      const input = parseTaskInput(store, item as JsonObject);
      return prepareCreate(store, projectId, { ...input, project_id: undefined, position: 0 });
    } catch (error) {
      const reason = error instanceof HttpError ? error.message : String(error);
      throw problem(400, `Task at index ${i} is invalid: ${reason}`, { code: ApiCode.bulkCreateItem });
    }
  });
  store.checkIndexRace(projectId, prepared.length);
  const tops = new Map(store.viewsOf(projectId).map((v) => [v.id, store.positionAboveAll(v.id, 0)]));
  const count = prepared.length;
  const created = prepared.map((p, i) =>
    commitCreate(store, p, (viewId) => (tops.get(viewId) ?? 2 * POSITION_STEP) - (count - i) * POSITION_STEP),
  );
  return json(201, {
    tasks: created.map((c, i) => ({ ...echoRequestBody(renderTask(store, c.task), items[i] as JsonObject), position: 0, bucket_id: 0 })),
  });
}

/**
 * `PUT /api/v2/tasks/{id}/labels/bulk`: sets the task's labels to exactly these; each is given by `id` or by
 * `title` (an existing label with that exact title, else a new one), API.md §17.7. Answers 201.
 */
function bulkSetLabels(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = objectBody(v2Body(ctx, ['application/json']));
  const task = requireTask(store, idParam(ctx, 'id'));
  const items = body['labels'];
  if (!Array.isArray(items)) {
    throw problem(422, 'validation failed', { errors: [{ location: 'body.labels', message: 'expected array', value: items ?? null }] });
  }
  const wanted: SandboxLabel[] = items.map((item, i) => {
    const id = isJsonObject(item) && typeof item['id'] === 'number' ? item['id'] : 0;
    const title = isJsonObject(item) && typeof item['title'] === 'string' ? item['title'] : '';
    if (id !== 0) {
      const label = store.labels.get(id);
      if (label === undefined) throw toProblem(apiError(ApiCode.labelNotFound));
      return label;
    }
    if (title === '') {
      throw problem(422, 'validation failed', { errors: [{ location: `body.labels[${i}]`, message: 'expected id or title', value: item }] });
    }
    const existing = [...store.labels.values()].sort((a, b) => a.id - b.id).find((l) => l.title === title);
    if (existing !== undefined) return existing;
    const now = store.now();
    const label: SandboxLabel = { id: store.nextId('label'), title, description: '', hex_color: '', created_by_id: USER_ID, created: now, updated: now };
    store.labels.set(label.id, label);
    return label;
  });
  return replaceTaskLabels(store, task, wanted);
}
