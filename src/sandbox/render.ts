/**
 * Rows → API JSON, in Vikunja's field order and with its quirks: empty slices render as `null`,
 * `related_tasks` is `{}`, dates are UTC strings, `position`/`bucket_id` are 0 outside views.
 */
import { parseRfc3339 } from './dates.js';
import { USER_ID, type SandboxStore } from './state.js';
import type {
  SandboxBucket,
  SandboxComment,
  SandboxLabel,
  SandboxProjectRow,
  SandboxSavedFilter,
  SandboxTask,
  SandboxUser,
  SandboxViewRow,
} from './types.js';

type Json = Record<string, unknown>;

/** A user as embedded in other objects (email hidden). */
export function renderUser(user: SandboxUser | undefined): Json | null {
  if (user === undefined) return null;
  return { id: user.id, name: user.name, username: user.username, created: user.created, updated: user.updated };
}

/** The caller's own user, as `GET /user` returns it. */
export function renderSelf(store: SandboxStore): Json {
  const user = store.users.get(USER_ID);
  return {
    ...renderUser(user),
    email: user?.email ?? '',
    settings: {
      name: user?.name ?? '',
      email_reminders_enabled: false,
      discoverable_by_name: false,
      discoverable_by_email: false,
      overdue_tasks_reminders_enabled: false,
      overdue_tasks_reminders_time: '09:00',
      default_project_id: 1,
      week_start: 0,
      language: 'en',
      timezone: 'GMT',
      frontend_settings: null,
    },
    deletion_scheduled_at: '0001-01-01T00:00:00Z',
    is_local_user: true,
    auth_provider: 'local',
  };
}

/** A view. Since 1.0 `filter` is an object (or null); 0.24 used a plain string. */
export function renderView(store: SandboxStore, view: SandboxViewRow): Json {
  const filter = store.features.viewFilterObject
    ? view.filter === null
      ? null
      : { s: '', sort_by: null, order_by: null, filter: view.filter, filter_include_nulls: false }
    : (view.filter ?? '');
  return {
    id: view.id,
    title: view.title,
    project_id: view.project_id,
    view_kind: view.view_kind,
    filter,
    position: view.position,
    bucket_configuration_mode: view.bucket_configuration_mode,
    bucket_configuration: view.bucket_configuration.length === 0 ? null : view.bucket_configuration,
    default_bucket_id: view.default_bucket_id,
    done_bucket_id: view.done_bucket_id,
    created: view.created,
    updated: view.updated,
  };
}

/** A project with its views. */
export function renderProject(
  store: SandboxStore,
  project: SandboxProjectRow,
  options: { permission?: number; omitPermission?: boolean } = {},
): Json {
  const permissionKey = store.features.permissionNaming ? 'max_permission' : 'max_right';
  return {
    id: project.id,
    title: project.title,
    description: project.description,
    identifier: project.identifier,
    hex_color: project.hex_color,
    parent_project_id: project.parent_project_id,
    owner: renderUser(store.users.get(project.owner_id)),
    is_archived: store.isEffectivelyArchived(project.id),
    background_information: null,
    background_blur_hash: '',
    is_favorite: project.is_favorite,
    position: project.position,
    views: store.viewsOf(project.id).map((v) => renderView(store, v)),
    ...(options.omitPermission === true ? {} : { [permissionKey]: options.permission ?? 0 }),
    created: project.created,
    updated: project.updated,
  };
}

/** The Favorites pseudo-project (id −1). */
export function renderFavoritesProject(store: SandboxStore): Json {
  const inbox = store.projects.get(1);
  const created = inbox?.created ?? store.now();
  return {
    ...pseudoProject(store, -1, 'Favorites', 'This project has all tasks marked as favorites.', created, created),
    position: -1,
  };
}

/** A saved filter shown as a pseudo-project with id −(filterId+1). */
export function renderSavedFilterProject(store: SandboxStore, filter: SandboxSavedFilter): Json {
  return {
    ...pseudoProject(store, -(filter.id + 1), filter.title, filter.description, filter.created, filter.updated),
    is_favorite: filter.is_favorite,
  };
}

function pseudoProject(store: SandboxStore, id: number, title: string, description: string, created: string, updated: string): Json {
  const permissionKey = store.features.permissionNaming ? 'max_permission' : 'max_right';
  return {
    id,
    title,
    description,
    identifier: '',
    hex_color: '',
    parent_project_id: 0,
    owner: renderUser(store.users.get(USER_ID)),
    is_archived: false,
    background_information: null,
    background_blur_hash: '',
    is_favorite: false,
    position: 0,
    views: [],
    [permissionKey]: 0,
    created,
    updated,
  };
}

/** A saved filter object (`/filters/{id}`). */
export function renderSavedFilter(store: SandboxStore, filter: SandboxSavedFilter): Json {
  return {
    id: filter.id,
    title: filter.title,
    description: filter.description,
    filters: { s: '', sort_by: null, order_by: null, filter: filter.filter, filter_include_nulls: filter.filter_include_nulls },
    owner: renderUser(store.users.get(filter.owner_id)),
    is_favorite: filter.is_favorite,
    created: filter.created,
    updated: filter.updated,
  };
}

/** A bucket; `count` is the number of live tasks in it. */
export function renderBucket(store: SandboxStore, bucket: SandboxBucket, count?: number): Json {
  return {
    id: bucket.id,
    title: bucket.title,
    project_view_id: bucket.project_view_id,
    limit: bucket.limit,
    // 0.24 never fills `count` (API.md §18.9).
    count: store.features.legacy024 ? 0 : (count ?? store.countInBucket(bucket)),
    position: bucket.position,
    created: bucket.created,
    updated: bucket.updated,
    created_by: renderUser(store.users.get(bucket.created_by_id)),
  };
}

/** A label. */
export function renderLabel(store: SandboxStore, label: SandboxLabel): Json {
  return {
    id: label.id,
    title: label.title,
    description: label.description,
    hex_color: label.hex_color,
    created_by: renderUser(store.users.get(label.created_by_id)),
    created: label.created,
    updated: label.updated,
  };
}

/** A comment. */
export function renderComment(store: SandboxStore, comment: SandboxComment): Json {
  return {
    id: comment.id,
    comment: comment.comment,
    author: renderUser(store.users.get(comment.author_id)),
    reactions: null,
    created: comment.created,
    updated: comment.updated,
  };
}

/** How a task is being shown. */
export interface TaskRenderOptions {
  /** The view the task is listed through: fills `position` and (Kanban) `bucket_id`. */
  viewId?: number;
  /** Overrides `position` (e.g. in a create response). */
  position?: number;
  /** Overrides `bucket_id` (e.g. in a create response). */
  bucketId?: number;
  /** `expand` values requested. */
  expand?: ReadonlySet<string>;
  /** `related_tasks` as `null` (create responses, nested related tasks) instead of the map. */
  relatedNull?: boolean;
}

/** A task, in Vikunja's JSON field order. */
export function renderTask(store: SandboxStore, task: SandboxTask, options: TaskRenderOptions = {}): Json {
  const project = store.projects.get(task.project_id);
  const identifier = project !== undefined && project.identifier !== '' ? `${project.identifier}-${task.index}` : `#${task.index}`;
  const labelIds = store.labelIdsOf(task.id);
  const labels = labelIds.flatMap((id) => {
    const label = store.labels.get(id);
    return label === undefined ? [] : [renderLabel(store, label)];
  });
  const assignees = task.assignee_ids.flatMap((id) => {
    const user = renderUser(store.users.get(id));
    return user === null ? [] : [user];
  });
  const view = options.viewId === undefined ? undefined : store.views.get(options.viewId);
  let bucketId = 0;
  if (options.bucketId !== undefined) bucketId = options.bucketId;
  else if (view !== undefined && view.view_kind === 'kanban') bucketId = store.taskBuckets.get(task.id)?.get(view.id) ?? 0;
  let position = 0;
  if (options.position !== undefined) position = options.position;
  else if (view !== undefined) position = store.taskPositions.get(task.id)?.get(view.id) ?? 0;
  const expand = options.expand ?? new Set<string>();
  if (expand.has('buckets') && options.bucketId === undefined && bucketId === 0) {
    const first = store.taskBuckets.get(task.id)?.values().next().value;
    bucketId = first ?? 0;
  }
  const json: Json = {
    id: task.id,
    title: task.title,
    description: task.description,
    done: task.done,
    done_at: task.done_at,
    due_date: task.due_date,
    reminders: task.reminders.length === 0 ? null : task.reminders.map((r) => ({ ...r })),
    project_id: task.project_id,
    repeat_after: task.repeat_after,
    repeat_mode: task.repeat_mode,
    priority: task.priority,
    start_date: task.start_date,
    end_date: task.end_date,
    assignees: assignees.length === 0 ? (store.features.legacy024 ? [] : null) : assignees,
    labels: labels.length === 0 ? null : labels,
    hex_color: task.hex_color,
    percent_done: task.percent_done,
    identifier,
    index: task.index,
    related_tasks: options.relatedNull === true ? null : renderRelatedTasks(store, task),
    attachments: null,
    cover_image_attachment_id: task.cover_image_attachment_id,
    is_favorite: task.is_favorite,
    created: task.created,
    updated: task.updated,
    bucket_id: bucketId,
    position,
    reactions: expand.has('reactions') ? {} : null,
    created_by: renderUser(store.users.get(task.created_by_id)),
  };
  if (expand.has('buckets')) {
    const perView = store.taskBuckets.get(task.id);
    json['buckets'] = perView === undefined
      ? null
      : [...perView.values()].flatMap((id) => {
          const bucket = store.buckets.get(id);
          return bucket === undefined ? [] : [renderBucket(store, bucket)];
        });
  }
  if (expand.has('comment_count')) json['comment_count'] = store.commentIdsByTask.get(task.id)?.length ?? 0;
  if (expand.has('comments')) {
    const ids = store.commentIdsByTask.get(task.id) ?? [];
    json['comments'] = ids.slice(0, 50).flatMap((id) => {
      const comment = store.comments.get(id);
      return comment === undefined ? [] : [renderComment(store, comment)];
    });
  }
  if (expand.has('is_unread')) json['is_unread'] = false;
  if (task.deleted_at !== null) json['deleted_at'] = task.deleted_at;
  return json;
}

function renderRelatedTasks(store: SandboxStore, task: SandboxTask): Json {
  const map: Record<string, Json[]> = {};
  for (const relation of store.relations.get(task.id) ?? []) {
    const other = store.liveTask(relation.other_task_id);
    if (other === undefined) continue;
    const list = map[relation.relation_kind] ?? [];
    list.push(renderTask(store, other, { relatedNull: true }));
    map[relation.relation_kind] = list;
  }
  return map;
}

/** Task fields a create or update response echoes from the request body as bound (API.md §17.3, §18.8). */
const ECHOED_DATES = ['due_date', 'start_date', 'end_date'] as const;

/**
 * Vikunja answers a task create or update with the struct it bound from the request, not with what it
 * stored: `labels` sent in the body come back although they are never attached, dates come back with the
 * sub-second part as sent (Go's RFC 3339 with trailing zeros dropped) although the row keeps whole seconds,
 * and `bucket_id` is what the body said (0 when absent). Only keys present in the body are echoed.
 */
export function echoRequestBody(rendered: Json, body: Record<string, unknown>): Json {
  const echoed: Json = { ...rendered };
  if (body['labels'] !== undefined) echoed['labels'] = body['labels'];
  for (const key of ECHOED_DATES) {
    const value = body[key];
    // The bound struct keeps the text's precision and offset unless the server changed the date itself
    // (a repeating task marked done is rescheduled in the struct too).
    if (typeof value === 'string' && parseRfc3339(value) === rendered[key]) echoed[key] = goTimeText(value);
  }
  echoed['bucket_id'] = typeof body['bucket_id'] === 'number' ? body['bucket_id'] : 0;
  return echoed;
}

/** How Go re-marshals a parsed RFC 3339 time: the fraction without trailing zeros, the offset as sent. */
function goTimeText(text: string): string {
  return text.replace(/\.(\d*?)0+(?=[Zz+-]|$)/, (_m, digits: string) => (digits === '' ? '' : `.${digits}`)).replace(/z$/, 'Z');
}
