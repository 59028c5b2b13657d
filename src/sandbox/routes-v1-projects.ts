/**
 * v1 projects, views and buckets (API.md §5): project CRUD with pseudo-projects in listings, the four
 * default views, Kanban buckets, and the bucket move endpoint with done-bucket semantics.
 */
import { has, readBool, readInt, readNumber, readObject, readString, type JsonObject } from './bind.js';
import { apiError, ApiCode, invalidData } from './errors.js';
import { parseFilter } from './filter.js';
import {
  deleted,
  intParam,
  json,
  maxPermissionHeader,
  pageOf,
  paginationHeaders,
  parsePagination,
  unpagedReply,
  type RequestContext,
  type Reply,
} from './http.js';
import {
  renderBucket,
  renderFavoritesProject,
  renderProject,
  renderSavedFilterProject,
  renderTask,
  renderView,
} from './render.js';
import type { Router } from './router.js';
import { INBOX_PROJECT_ID, POSITION_STEP, type SandboxStore } from './state.js';
import { moveTaskToBucket, normalizeHex, purgeTask } from './tasks.js';
import type { SandboxBucket, SandboxProjectRow, SandboxViewKind, SandboxViewRow } from './types.js';

/** Registers the project, view and bucket routes under `/api/v1`. */
export function registerProjectRoutes(router: Router, base: string): void {
  router
    .add('GET', `${base}/projects`, listProjects)
    .add('PUT', `${base}/projects`, createProject)
    .add('GET', `${base}/projects/:id`, getProject)
    .add('POST', `${base}/projects/:id`, updateProject)
    .add('DELETE', `${base}/projects/:id`, deleteProject)
    .add('GET', `${base}/projects/:project/views`, listViews)
    .add('PUT', `${base}/projects/:project/views`, createView)
    .add('GET', `${base}/projects/:project/views/:view`, getView)
    .add('POST', `${base}/projects/:project/views/:view`, updateView)
    .add('DELETE', `${base}/projects/:project/views/:view`, deleteView)
    .add('GET', `${base}/projects/:project/views/:view/buckets`, listBuckets)
    .add('PUT', `${base}/projects/:project/views/:view/buckets`, createBucket)
    .add('POST', `${base}/projects/:project/views/:view/buckets/:bucket`, updateBucket)
    .add('DELETE', `${base}/projects/:project/views/:view/buckets/:bucket`, deleteBucket)
    .add('POST', `${base}/projects/:project/views/:view/buckets/:bucket/tasks`, moveToBucket);
}

/** A real project, or 404 3001. */
export function requireProject(store: SandboxStore, id: number): SandboxProjectRow {
  const project = store.projects.get(id);
  if (project === undefined) throw apiError(ApiCode.projectNotFound);
  return project;
}

/** A view of the given project, or 404 (3001 for the project, 3014 for the view). */
export function requireView(store: SandboxStore, projectId: number, viewId: number): SandboxViewRow {
  requireProject(store, projectId);
  const view = store.views.get(viewId);
  if (view === undefined || view.project_id !== projectId) throw apiError(ApiCode.viewNotFound);
  return view;
}

interface ProjectFields {
  title: string;
  description: string;
  identifier: string;
  hex_color: string;
  parent_project_id: number | undefined;
  is_archived: boolean;
  is_favorite: boolean;
  position: number;
}

function readProjectFields(store: SandboxStore, body: JsonObject): ProjectFields {
  const identifier = readString(body, 'identifier') ?? '';
  const fields: ProjectFields = {
    title: readString(body, 'title') ?? '',
    description: readString(body, 'description') ?? '',
    // Upper-cased since 1.0; 0.24 keeps the identifier as sent (API.md §18.6).
    identifier: store.features.legacy024 ? identifier : identifier.toUpperCase(),
    hex_color: readString(body, 'hex_color') ?? '',
    parent_project_id: body['parent_project_id'] === undefined ? undefined : (readInt(body, 'parent_project_id') ?? 0),
    is_archived: readBool(body, 'is_archived') ?? false,
    is_favorite: readBool(body, 'is_favorite') ?? false,
    position: readNumber(body, 'position') ?? 0,
  };
  const problems: string[] = [];
  const titleLength = [...fields.title].length;
  if (titleLength === 0) problems.push('title: non zero value required');
  else if (titleLength > 250) problems.push(`title: ${fields.title} does not validate as runelength(1|250)`);
  if ([...fields.identifier].length > 10) problems.push(`identifier: ${fields.identifier} does not validate as runelength(0|10)`);
  if ([...fields.hex_color].length > 7) problems.push(`hex_color: ${fields.hex_color} does not validate as runelength(0|7)`);
  if (problems.length > 0) throw invalidData(problems);
  fields.hex_color = normalizeHex(fields.hex_color);
  return fields;
}

function checkIdentifier(store: SandboxStore, identifier: string, ownId: number): void {
  if (identifier === '') return;
  for (const project of store.projects.values()) {
    if (project.id !== ownId && project.identifier === identifier) throw apiError(ApiCode.projectIdentifierNotUnique);
  }
}

function checkParent(store: SandboxStore, parentId: number, ownId: number): void {
  if (parentId === 0) return;
  if (parentId < 0) throw apiError(ApiCode.projectPseudoParent);
  requireProject(store, parentId);
  if (store.isEffectivelyArchived(parentId)) throw apiError(ApiCode.projectArchived);
  let cursor: SandboxProjectRow | undefined = store.projects.get(parentId);
  const seen = new Set<number>();
  while (cursor !== undefined && !seen.has(cursor.id)) {
    if (cursor.id === ownId) throw apiError(3010, 'The project cannot have a cyclic relationship.');
    seen.add(cursor.id);
    cursor = cursor.parent_project_id === 0 ? undefined : store.projects.get(cursor.parent_project_id);
  }
}

function listProjects(ctx: RequestContext): Reply {
  const { store } = ctx;
  const pagination = parsePagination(ctx.query, ctx.settings.maxItemsPerPage);
  const search = (ctx.query.get('s') ?? '').toLowerCase();
  const includeArchived = ctx.query.get('is_archived') === 'true';
  const permission = ctx.query.getAll('expand').includes('permissions') ? 2 : 0;
  const real = [...store.projects.values()]
    .filter((p) => includeArchived || !store.isEffectivelyArchived(p.id))
    .filter((p) => search === '' || p.title.toLowerCase().includes(search))
    .sort((a, b) => a.position - b.position || a.id - b.id);
  const page = pageOf(real, pagination);
  const items: unknown[] = [];
  if (store.hasFavoriteTasks() && (search === '' || 'favorites'.includes(search))) items.push(renderFavoritesProject(store));
  items.push(...page.map((p) => renderProject(store, p, { permission })));
  for (const filter of [...store.savedFilters.values()].sort((a, b) => a.id - b.id)) {
    if (search === '' || filter.title.toLowerCase().includes(search)) items.push(renderSavedFilterProject(store, filter));
  }
  return json(200, items, paginationHeaders(real.length, items.length, pagination));
}

function createProject(ctx: RequestContext): Reply {
  const { store } = ctx;
  const fields = readProjectFields(store, ctx.body());
  checkParent(store, fields.parent_project_id ?? 0, 0);
  checkIdentifier(store, fields.identifier, 0);
  const project = store.createProject({
    title: fields.title,
    description: fields.description,
    identifier: fields.identifier,
    hex_color: fields.hex_color,
    parent_project_id: fields.parent_project_id ?? 0,
    is_archived: fields.is_archived,
    is_favorite: fields.is_favorite,
    position: fields.position,
  });
  return json(201, renderProject(store, project, { omitPermission: store.features.legacy024 }));
}

function getProject(ctx: RequestContext): Reply {
  const { store } = ctx;
  const id = intParam(ctx, 'id');
  const headers = maxPermissionHeader(store);
  if (id === -1) return json(200, renderFavoritesProject(store), headers);
  if (id < -1) {
    const filter = store.savedFilters.get(-id - 1);
    if (filter === undefined) throw apiError(ApiCode.projectNotFound);
    return json(200, renderSavedFilterProject(store, filter), headers);
  }
  const permission = ctx.query.getAll('expand').includes('permissions') ? 2 : 0;
  return json(200, renderProject(store, requireProject(store, id), { permission }), headers);
}

function updateProject(ctx: RequestContext): Reply {
  const { store } = ctx;
  const body = ctx.body();
  const id = has(body, 'id') ? (readInt(body, 'id') ?? 0) : intParam(ctx, 'id');
  const project = requireProject(store, id);
  const fields = readProjectFields(store, body);
  if (project.is_archived && fields.is_archived) throw apiError(ApiCode.projectArchived);
  if (project.id === INBOX_PROJECT_ID && fields.is_archived) throw apiError(ApiCode.defaultProjectArchive);
  if (fields.parent_project_id !== undefined) checkParent(store, fields.parent_project_id, project.id);
  checkIdentifier(store, fields.identifier, project.id);
  project.title = fields.title;
  project.is_archived = fields.is_archived;
  project.identifier = fields.identifier;
  project.hex_color = fields.hex_color;
  project.position = fields.position < 0.1 ? project.id * POSITION_STEP : fields.position;
  if (fields.parent_project_id !== undefined) project.parent_project_id = fields.parent_project_id;
  if (fields.description !== '') project.description = fields.description;
  project.is_favorite = fields.is_favorite;
  project.updated = store.now();
  return json(200, renderProject(store, project));
}

function deleteProject(ctx: RequestContext): Reply {
  const { store } = ctx;
  const project = requireProject(store, intParam(ctx, 'id'));
  if (project.id === INBOX_PROJECT_ID) throw apiError(ApiCode.defaultProjectDelete);
  removeProject(store, project.id);
  return deleted();
}

function removeProject(store: SandboxStore, projectId: number): void {
  for (const child of [...store.projects.values()]) {
    if (child.parent_project_id === projectId) removeProject(store, child.id);
  }
  for (const task of [...store.tasks.values()]) if (task.project_id === projectId) purgeTask(store, task);
  for (const view of store.viewsOf(projectId)) removeView(store, view);
  store.projects.delete(projectId);
  store.taskIdsByProject.delete(projectId);
}

function removeView(store: SandboxStore, view: SandboxViewRow): void {
  for (const bucket of store.bucketsOf(view.id)) store.buckets.delete(bucket.id);
  for (const perView of store.taskBuckets.values()) perView.delete(view.id);
  for (const perView of store.taskPositions.values()) perView.delete(view.id);
  store.views.delete(view.id);
}

const VIEW_KINDS = new Set<SandboxViewKind>(['list', 'gantt', 'table', 'kanban']);
const BUCKET_MODES = new Set(['none', 'manual', 'filter']);

interface ViewFields {
  title: string;
  view_kind: SandboxViewKind;
  filter: string | null;
  position: number;
  bucket_configuration_mode: SandboxViewRow['bucket_configuration_mode'];
  default_bucket_id: number;
  done_bucket_id: number;
}

function readViewFields(body: JsonObject): ViewFields {
  const title = readString(body, 'title') ?? '';
  const kind = readString(body, 'view_kind') ?? 'list';
  const mode = readString(body, 'bucket_configuration_mode') ?? 'none';
  const problems: string[] = [];
  if (title === '') problems.push('title: non zero value required');
  else if ([...title].length > 250) problems.push(`title: ${title} does not validate as runelength(1|250)`);
  if (!VIEW_KINDS.has(kind as SandboxViewKind)) problems.push(`view_kind: ${kind} does not validate as in(list|gantt|table|kanban)`);
  if (!BUCKET_MODES.has(mode)) problems.push(`bucket_configuration_mode: ${mode} does not validate as in(none|manual|filter)`);
  if (problems.length > 0) throw invalidData(problems);
  let filter: string | null = null;
  if (typeof body['filter'] === 'string') filter = body['filter'];
  else filter = readString(readObject(body, 'filter') ?? {}, 'filter') ?? null;
  if (filter === '') filter = null;
  if (filter !== null) parseFilter(filter);
  return {
    title,
    view_kind: kind as SandboxViewKind,
    filter,
    position: readNumber(body, 'position') ?? 0,
    bucket_configuration_mode: mode as ViewFields['bucket_configuration_mode'],
    default_bucket_id: readInt(body, 'default_bucket_id') ?? 0,
    done_bucket_id: readInt(body, 'done_bucket_id') ?? 0,
  };
}

function listViews(ctx: RequestContext): Reply {
  const projectId = intParam(ctx, 'project');
  requireProject(ctx.store, projectId);
  return unpagedReply(ctx.store.viewsOf(projectId).map((v) => renderView(ctx.store, v)));
}

function getView(ctx: RequestContext): Reply {
  const view = requireView(ctx.store, intParam(ctx, 'project'), intParam(ctx, 'view'));
  return json(200, renderView(ctx.store, view), maxPermissionHeader(ctx.store));
}

function createView(ctx: RequestContext): Reply {
  const { store } = ctx;
  const projectId = intParam(ctx, 'project');
  requireProject(store, projectId);
  const fields = readViewFields(ctx.body());
  const view = store.createView(projectId, {
    title: fields.title,
    view_kind: fields.view_kind,
    filter: fields.filter,
    bucket_configuration_mode: fields.view_kind === 'kanban' ? fields.bucket_configuration_mode : 'none',
    ...(fields.position === 0 ? {} : { position: fields.position }),
  });
  return json(201, renderView(store, view));
}

function updateView(ctx: RequestContext): Reply {
  const { store } = ctx;
  const view = requireView(store, intParam(ctx, 'project'), intParam(ctx, 'view'));
  const fields = readViewFields(ctx.body());
  const becomesManualKanban =
    fields.view_kind === 'kanban' && fields.bucket_configuration_mode === 'manual' && store.bucketsOf(view.id).length === 0;
  for (const id of [fields.default_bucket_id, fields.done_bucket_id]) {
    if (id !== 0 && store.buckets.get(id)?.project_view_id !== view.id) throw apiError(ApiCode.bucketNotFound);
  }
  view.title = fields.title;
  view.view_kind = fields.view_kind;
  view.filter = fields.filter;
  view.position = fields.position;
  view.bucket_configuration_mode = fields.bucket_configuration_mode;
  view.default_bucket_id = fields.default_bucket_id;
  view.done_bucket_id = fields.done_bucket_id;
  view.updated = store.now();
  if (becomesManualKanban) store.seedBuckets(view);
  return json(200, renderView(store, view));
}

function deleteView(ctx: RequestContext): Reply {
  const view = requireView(ctx.store, intParam(ctx, 'project'), intParam(ctx, 'view'));
  removeView(ctx.store, view);
  return deleted();
}

function requireBucket(store: SandboxStore, view: SandboxViewRow, bucketId: number): SandboxBucket {
  const bucket = store.buckets.get(bucketId);
  if (bucket === undefined) throw apiError(ApiCode.bucketNotFound);
  if (bucket.project_view_id !== view.id) throw apiError(ApiCode.bucketNotInView);
  return bucket;
}

function listBuckets(ctx: RequestContext): Reply {
  const { store } = ctx;
  const view = requireView(store, intParam(ctx, 'project'), intParam(ctx, 'view'));
  return unpagedReply(store.bucketsOf(view.id).map((b) => renderBucket(store, b)));
}

function readBucketFields(body: JsonObject): { title: string; limit: number; position: number } {
  const title = readString(body, 'title') ?? '';
  if (title === '') throw invalidData(['title: non zero value required']);
  return { title, limit: readInt(body, 'limit') ?? 0, position: readNumber(body, 'position') ?? 0 };
}

function createBucket(ctx: RequestContext): Reply {
  const { store } = ctx;
  const view = requireView(store, intParam(ctx, 'project'), intParam(ctx, 'view'));
  const bucket = store.createBucket(view.id, readBucketFields(ctx.body()));
  return json(201, renderBucket(store, bucket, 0));
}

function updateBucket(ctx: RequestContext): Reply {
  const { store } = ctx;
  const view = requireView(store, intParam(ctx, 'project'), intParam(ctx, 'view'));
  const bucket = requireBucket(store, view, intParam(ctx, 'bucket'));
  const fields = readBucketFields(ctx.body());
  bucket.title = fields.title;
  bucket.limit = fields.limit;
  bucket.position = fields.position;
  bucket.updated = store.now();
  return json(200, renderBucket(store, bucket));
}

function deleteBucket(ctx: RequestContext): Reply {
  const { store } = ctx;
  const view = requireView(store, intParam(ctx, 'project'), intParam(ctx, 'view'));
  const bucket = requireBucket(store, view, intParam(ctx, 'bucket'));
  if (store.bucketsOf(view.id).length <= 1) throw apiError(ApiCode.lastBucket);
  store.buckets.delete(bucket.id);
  if (view.default_bucket_id === bucket.id) view.default_bucket_id = 0;
  if (view.done_bucket_id === bucket.id) view.done_bucket_id = 0;
  const fallback = store.defaultBucketOf(view);
  for (const perView of store.taskBuckets.values()) {
    if (perView.get(view.id) === bucket.id) perView.set(view.id, fallback);
  }
  return deleted();
}

function moveToBucket(ctx: RequestContext): Reply {
  const { store } = ctx;
  const projectId = intParam(ctx, 'project');
  const view = requireView(store, projectId, intParam(ctx, 'view'));
  const bucket = requireBucket(store, view, intParam(ctx, 'bucket'));
  const body = ctx.body();
  const taskId = readInt(body, 'task_id') ?? 0;
  const task = store.liveTask(taskId);
  if (task === undefined || task.project_id !== projectId) throw apiError(ApiCode.taskNotFound);
  moveTaskToBucket(store, task, view, bucket);
  const actualBucketId = store.taskBuckets.get(task.id)?.get(view.id) ?? bucket.id;
  const actualBucket = store.buckets.get(actualBucketId) ?? bucket;
  return json(200, {
    bucket_id: actualBucket.id,
    bucket: renderBucket(store, actualBucket),
    task_id: task.id,
    project_view_id: view.id,
    task: renderTask(store, task, { viewId: view.id }),
  });
}
