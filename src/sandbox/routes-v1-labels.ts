/**
 * v1 labels and task labels (API.md §8): no title uniqueness, substring search where a numeric `s`
 * means label ids, attach/detach/bulk on tasks (detaching a label that is not attached is a 403).
 */
import { readInt, readObjectArray, readString, type JsonObject } from './bind.js';
import { apiError, ApiCode, forbidden, invalidData } from './errors.js';
import { deleted, intParam, json, listReply, maxPermissionHeader, parsePagination, type RequestContext, type Reply } from './http.js';
import { renderLabel } from './render.js';
import type { Router } from './router.js';
import { requireTask } from './routes-v1-tasks.js';
import { USER_ID, type SandboxStore } from './state.js';
import { normalizeHex, touchTask } from './tasks.js';
import type { SandboxLabel, SandboxTask } from './types.js';

/** Registers the label routes under `/api/v1`. */
export function registerLabelRoutes(router: Router, base: string): void {
  router
    .add('GET', `${base}/labels`, listLabels)
    .add('PUT', `${base}/labels`, createLabel)
    .add('GET', `${base}/labels/:id`, getLabel)
    .add('POST', `${base}/labels/:id`, updateLabel)
    .add('DELETE', `${base}/labels/:id`, deleteLabel)
    .add('GET', `${base}/tasks/:task/labels`, listTaskLabels)
    .add('PUT', `${base}/tasks/:task/labels`, attachLabel)
    .add('DELETE', `${base}/tasks/:task/labels/:label`, detachLabel)
    .add('POST', `${base}/tasks/:task/labels/bulk`, bulkSetLabels);
}

function requireLabel(store: SandboxStore, id: number): SandboxLabel {
  const label = store.labels.get(id);
  if (label === undefined) throw apiError(ApiCode.labelNotFound);
  return label;
}

function readLabelFields(body: JsonObject): { title: string; description: string; hex_color: string } {
  const title = readString(body, 'title') ?? '';
  const hex = readString(body, 'hex_color') ?? '';
  const problems: string[] = [];
  if ([...title].length > 250) problems.push(`title: ${title} does not validate as runelength(1|250)`);
  if ([...hex].length > 7) problems.push(`hex_color: ${hex} does not validate as runelength(0|7)`);
  if (problems.length > 0) throw invalidData(problems);
  return { title, description: readString(body, 'description') ?? '', hex_color: normalizeHex(hex) };
}

/** Applies `s`: a list of numbers means ids, anything else a case-insensitive title substring. */
function searchLabels(labels: SandboxLabel[], search: string): SandboxLabel[] {
  const text = search.trim();
  if (text === '') return labels;
  if (/^\d+(\s*,\s*\d+)*$/.test(text)) {
    const ids = new Set(text.split(',').map((v) => Number(v.trim())));
    return labels.filter((l) => ids.has(l.id));
  }
  const needle = text.toLowerCase();
  return labels.filter((l) => l.title.toLowerCase().includes(needle));
}

function listLabels(ctx: RequestContext): Reply {
  const { store } = ctx;
  const pagination = parsePagination(ctx.query, ctx.settings.maxItemsPerPage);
  const labels = searchLabels([...store.labels.values()].sort((a, b) => a.id - b.id), ctx.query.get('s') ?? '');
  return listReply(labels, pagination, (l) => renderLabel(store, l));
}

function createLabel(ctx: RequestContext): Reply {
  const { store } = ctx;
  const fields = readLabelFields(ctx.body());
  const now = store.now();
  const label: SandboxLabel = { id: store.nextId('label'), ...fields, created_by_id: USER_ID, created: now, updated: now };
  store.labels.set(label.id, label);
  return json(201, renderLabel(store, label));
}

function getLabel(ctx: RequestContext): Reply {
  const { store } = ctx;
  return json(200, renderLabel(store, requireLabel(store, intParam(ctx, 'id'))), maxPermissionHeader(store));
}

function updateLabel(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = ctx.body();
  const label = requireLabel(store, readInt(body, 'id') ?? intParam(ctx, 'id'));
  Object.assign(label, readLabelFields(body), { updated: store.now() });
  return json(200, renderLabel(store, label));
}

function deleteLabel(ctx: RequestContext): Reply {
  const { store } = ctx;
  const label = requireLabel(store, intParam(ctx, 'id'));
  store.labels.delete(label.id);
  for (const attached of store.labelTasks.values()) attached.delete(label.id);
  return deleted();
}

function listTaskLabels(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const pagination = parsePagination(ctx.query, ctx.settings.maxItemsPerPage);
  const labels = store.labelIdsOf(task.id).flatMap((id) => {
    const label = store.labels.get(id);
    return label === undefined ? [] : [label];
  });
  return listReply(searchLabels(labels, ctx.query.get('s') ?? ''), pagination, (l) => renderLabel(store, l));
}

function attachLabel(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = ctx.body();
  const task = requireTask(store, intParam(ctx, 'task'));
  const label = requireLabel(store, readInt(body, 'label_id') ?? 0);
  let attached = store.labelTasks.get(task.id);
  if (attached === undefined) {
    attached = new Map();
    store.labelTasks.set(task.id, attached);
  }
  if (attached.has(label.id)) throw apiError(ApiCode.labelAlreadyOnTask);
  const created = store.now();
  attached.set(label.id, created);
  touchTask(store, task);
  return json(201, { label_id: label.id, created });
}

function detachLabel(ctx: RequestContext): Reply {
  const { store } = ctx;
  const task = requireTask(store, intParam(ctx, 'task'));
  const labelId = intParam(ctx, 'label');
  const attached = store.labelTasks.get(task.id);
  if (attached === undefined || !attached.has(labelId)) throw forbidden();
  attached.delete(labelId);
  touchTask(store, task);
  return deleted();
}

function bulkSetLabels(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = ctx.body();
  const task = requireTask(store, intParam(ctx, 'task'));
  const wanted = (readObjectArray(body, 'labels') ?? []).map((item) => requireLabel(store, readInt(item, 'id') ?? 0));
  return replaceTaskLabels(store, task, wanted);
}

/**
 * Makes `wanted` the task's whole label set (v1 `POST …/labels/bulk`, v2 `PUT …/labels/bulk`): labels it already
 * had keep their attach time. Answers 201 with the labels.
 */
export function replaceTaskLabels(store: SandboxStore, task: SandboxTask, wanted: readonly SandboxLabel[]): Reply {
  const previous = store.labelTasks.get(task.id) ?? new Map<number, string>();
  const next = new Map<number, string>();
  const now = store.now();
  for (const label of wanted) next.set(label.id, previous.get(label.id) ?? now);
  store.labelTasks.set(task.id, next);
  touchTask(store, task);
  return json(201, { labels: wanted.map((l) => renderLabel(store, l)) });
}
