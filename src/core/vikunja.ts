/**
 * Vikunja as the jobs and the pipeline see it: plain domain types and the `VikunjaApi` port. The HTTP
 * adapter behind it lives in `src/vikunja/` (node:http, p-retry, p-limit, zod); nothing here does I/O.
 *
 * Conventions shared by every type below:
 * - Dates are RFC 3339 strings at second precision; Vikunja's "unset" (`0001-01-01T00:00:00Z`) is `null`.
 * - Arrays Vikunja serialises as `null` when empty (labels, assignees, reminders) are `[]`.
 * - Ids are positive integers; pseudo-projects (Favorites, saved filters) never appear.
 */

/** The zero time Vikunja uses for "no date". */
export const VIKUNJA_ZERO_DATE = '0001-01-01T00:00:00Z';

/** Relation kinds Vikunja knows; each creates its inverse automatically (API.md §9). */
export const RELATION_KINDS = [
  'subtask',
  'parenttask',
  'related',
  'duplicateof',
  'duplicates',
  'blocking',
  'blocked',
  'precedes',
  'follows',
  'copiedfrom',
  'copiedto',
] as const;
/** One relation kind. `PUT /tasks/{P}/relations {other_task_id: C, relation_kind: 'subtask'}` makes C a subtask of P. */
export type RelationKind = (typeof RELATION_KINDS)[number];

/** View kinds of a project view. */
export const VIEW_KINDS = ['list', 'gantt', 'table', 'kanban'] as const;
/** One view kind (unknown kinds from newer servers pass through as strings). */
export type ViewKind = (typeof VIEW_KINDS)[number] | (string & {});

/** A user as Vikunja shows it inside other objects (assignees, authors, owners). */
export interface VikunjaUser {
  id: number;
  username: string;
  name: string;
}

/** A reference to a user for writes (`assignees`): only the id matters to the server. */
export interface VikunjaUserRef {
  id: number;
  username?: string;
}

/** A task reminder: absolute (`reminder`), or relative to one of the task's dates. */
export interface VikunjaReminder {
  /** Absolute time; recomputed by the server for relative reminders. */
  reminder: string | null;
  /** Seconds; negative = before `relative_to`. 0 for absolute reminders. */
  relative_period: number;
  /** `''` for absolute reminders. */
  relative_to: '' | 'due_date' | 'start_date' | 'end_date';
}

/** A label. Titles are not unique in Vikunja (gotcha 7): dedupe on exact title. */
export interface VikunjaLabel {
  id: number;
  title: string;
  description: string;
  /** Six hex digits without `#`, or `''`. */
  hex_color: string;
  created_by_id: number | null;
}

/** A related task as embedded in `related_tasks`. */
export interface VikunjaRelatedTask {
  id: number;
  title: string;
  project_id: number;
}

/** A task, normalised (see the module conventions). */
export interface VikunjaTask {
  id: number;
  project_id: number;
  title: string;
  /** HTML. */
  description: string;
  done: boolean;
  done_at: string | null;
  due_date: string | null;
  start_date: string | null;
  end_date: string | null;
  /** 0 unset, 1 low … 5 do now. */
  priority: number;
  percent_done: number;
  hex_color: string;
  repeat_after: number;
  repeat_mode: number;
  is_favorite: boolean;
  /** `IDENT-index` or `#index`. */
  identifier: string;
  index: number;
  position: number;
  /** 0 unless the read asked for buckets (§5.4). */
  bucket_id: number;
  cover_image_attachment_id: number;
  assignees: VikunjaUser[];
  labels: VikunjaLabel[];
  reminders: VikunjaReminder[];
  related_tasks: Partial<Record<RelationKind, VikunjaRelatedTask[]>>;
  created: string | null;
  updated: string | null;
  created_by_id: number | null;
}

/**
 * The task fields a client may write. v1 `POST /tasks/{id}` replaces every one of them (gotcha 2), which
 * is why `VikunjaApi.updateTask` takes a partial and does the merge itself. `project_id` moves the task.
 * Dates: `null` clears.
 */
export interface TaskWrite {
  title: string;
  description: string;
  done: boolean;
  due_date: string | null;
  start_date: string | null;
  end_date: string | null;
  priority: number;
  percent_done: number;
  hex_color: string;
  repeat_after: number;
  repeat_mode: number;
  is_favorite: boolean;
  assignees: readonly VikunjaUserRef[];
  reminders: readonly VikunjaReminder[];
  cover_image_attachment_id: number;
  project_id: number;
}

/**
 * The body of a task create: a title, any writable field, and the create-only fields Vikunja honours
 * (`bucket_id`, `position`, a free `index`, `done_at`). `project_id` is taken from the URL, never the body.
 */
export interface TaskCreate extends Partial<Omit<TaskWrite, 'project_id'>> {
  title: string;
  bucket_id?: number;
  position?: number;
  index?: number;
  done_at?: string | null;
}

/** A project view (List, Gantt, Table, Kanban). */
export interface VikunjaView {
  id: number;
  project_id: number;
  title: string;
  view_kind: ViewKind;
  position: number;
  bucket_configuration_mode: string;
  default_bucket_id: number;
  done_bucket_id: number;
  /** `{filter, s, filter_include_nulls}` since 1.0, a string in 0.24, or null. */
  filter: unknown;
}

/** A Kanban bucket (per view since 0.24). */
export interface VikunjaBucket {
  id: number;
  title: string;
  project_view_id: number;
  position: number;
  /** 0 = no limit. */
  limit: number;
}

/** One Kanban bucket of a view and the ids of the tasks in it. */
export interface VikunjaBucketTasks {
  bucket: VikunjaBucket;
  taskIds: number[];
}

/** A real project (id > 0). */
export interface VikunjaProject {
  id: number;
  title: string;
  description: string;
  /** Uppercased, ≤10 chars, unique across the instance (gotcha 8). */
  identifier: string;
  hex_color: string;
  parent_project_id: number;
  is_archived: boolean;
  position: number;
  /** Present on single reads and on create responses; may be empty in lists. */
  views: VikunjaView[];
}

/** Fields accepted when creating a project. */
export interface ProjectCreate {
  title: string;
  description?: string;
  identifier?: string;
  hex_color?: string;
  parent_project_id?: number;
}

/** Fields accepted when creating a label. */
export interface LabelCreate {
  title: string;
  description?: string;
  hex_color?: string;
}

/** A task comment (HTML). */
export interface VikunjaComment {
  id: number;
  comment: string;
  author: VikunjaUser | null;
  created: string | null;
  updated: string | null;
}

/** What the server can do, probed once from `GET /api/v1/info`. */
export interface Capabilities {
  /** The `version` string as reported (`v2.5.0`, `v2.5.0-12-abcdef1234`, `dev`). */
  version: string;
  /** Parsed `MAJOR.MINOR.PATCH`; `dev` counts as the newest. */
  major: number;
  minor: number;
  patch: number;
  /** True for builds without a release tag (`dev`): treated as the latest version. */
  isDev: boolean;
  /** `/api/v2` exists with `PATCH` merge updates and envelope lists (2.4+). */
  v2Patch: boolean;
  /** `POST /api/v2/projects/{id}/tasks/bulk` exists (2.5+). */
  v2BulkCreate: boolean;
  /** The server's page-size cap (`max_items_per_page`, default 50). */
  maxItemsPerPage: number;
  /** Whether overlapping writes are safe; `false` (SQLite, or unreported) means writes are serialised. */
  concurrentWrites: boolean;
  taskCommentsEnabled: boolean;
  taskAttachmentsEnabled: boolean;
}

/** Request counters since the client was created. */
export interface VikunjaStats {
  /** HTTP attempts by method (retries included). */
  requests: Record<string, number>;
  /** Attempts that were repeated after a retryable failure. */
  retries: number;
  /** Times the client paused for the server's rate-limit window. */
  rateLimitWaits: number;
  /** Times the circuit breaker opened. */
  circuitOpens: number;
}

/** Options for task listings. */
export interface TaskListOptions {
  /** Case-insensitive substring on title or description (v1 `s`, v2 `q`). */
  search?: string;
  /** A Vikunja filter expression, e.g. `done = true && priority >= 3`. */
  filter?: string;
}

/**
 * Everything the jobs and the pipeline may ask of Vikunja. Each method is one logical operation; retries,
 * rate limiting, concurrency, version selection and the circuit breaker are the adapter's business.
 * Errors: `FatalApiError` (4xx), `RetryableApiError` (retries exhausted), `AmbiguousWriteError` (a create
 * whose outcome is unknown: reconcile by marker), `ServerUnavailableError` (circuit open).
 */
export interface VikunjaApi {
  /** The server's version and features; probed once, then cached. */
  capabilities(): Promise<Capabilities>;
  /** The token's user (`GET /user`). */
  getUser(): Promise<VikunjaUser>;

  /** Every real project the user can see (id > 0, all pages, archived excluded). */
  listProjects(): Promise<VikunjaProject[]>;
  /** One project, with its views. */
  getProject(id: number): Promise<VikunjaProject>;
  /** Creates a project (with its default views and buckets). Never retried blindly. */
  createProject(input: ProjectCreate): Promise<VikunjaProject>;
  /** Deletes a project and everything in it; an already deleted project counts as success. */
  deleteProject(id: number): Promise<void>;

  /** A project's views. */
  listViews(projectId: number): Promise<VikunjaView[]>;
  /** A Kanban view's buckets. */
  listBuckets(projectId: number, viewId: number): Promise<VikunjaBucket[]>;
  /** Creates a bucket in a manual Kanban view (`PUT …/views/{v}/buckets`). Never retried blindly. */
  createBucket(projectId: number, viewId: number, input: { title: string; position?: number }): Promise<VikunjaBucket>;
  /** Deletes a bucket (its tasks go to the default bucket); an already deleted bucket counts as success. */
  deleteBucket(projectId: number, viewId: number, bucketId: number): Promise<void>;
  /**
   * Sets a Kanban view's default and/or done bucket (0 = none), keeping every other view field: a view update
   * is a full replace, so this reads the view and sends it whole. Returns the view as read back.
   */
  setViewBuckets(projectId: number, viewId: number, changes: { default_bucket_id?: number; done_bucket_id?: number }): Promise<VikunjaView>;

  /**
   * Which bucket each task of a Kanban view is in: every bucket of the view with the ids of all its tasks (all
   * pages; a task read does not say its bucket).
   */
  listBucketTasks(projectId: number, viewId: number): Promise<VikunjaBucketTasks[]>;

  /*
   * The probes of sync's no-op fast path (docs/sync.md): one v1 request each, on every version.
   */
  /** The server's clock: the `Date` header of a `GET /info` (ISO 8601, whole seconds), or null without one. */
  readServerTime(): Promise<string | null>;
  /** Whether a project still exists (404/403 → false) and its `updated`. */
  probeProject(projectId: number): Promise<{ exists: boolean; updated: string | null }>;
  /** How many tasks a project holds, done ones included (`per_page=1`: the total-pages header); null without the header. */
  countProjectTasks(projectId: number): Promise<number | null>;
  /** How many of a project's tasks have `updated` later than `after` (`filter=updated > …`, `per_page=1`); null without the header. */
  countTasksUpdatedAfter(projectId: number, after: string): Promise<number | null>;
  /**
   * The first page of every bucket of a Kanban view (one request): each bucket's task ids, and whether that page
   * is surely the whole bucket (since 1.0 by its `count`; on 0.24, which reports no count, any bucket but the fullest).
   */
  readKanbanFirstPage(projectId: number, viewId: number): Promise<Array<VikunjaBucketTasks & { complete: boolean }>>;
  /** Every task of a project, done ones included (never through the List view; all pages). */
  listProjectTasks(projectId: number, options?: TaskListOptions): Promise<VikunjaTask[]>;
  /** Tasks across all non-archived projects (`GET /tasks`), all pages. */
  listTasks(options?: TaskListOptions): Promise<VikunjaTask[]>;
  /** One task. */
  getTask(id: number): Promise<VikunjaTask>;
  /** Creates one task (v1 `PUT /projects/{id}/tasks`). Never retried blindly. */
  createTask(projectId: number, body: TaskCreate): Promise<VikunjaTask>;
  /** Creates tasks in atomic chunks of ≤100 (v2, Vikunja 2.5+); throws when the server lacks it. */
  createTasksBulk(projectId: number, bodies: readonly TaskCreate[]): Promise<VikunjaTask[]>;
  /**
   * Changes only the given fields and leaves every other one as it is: v2 `PATCH` where available, else
   * v1 read-modify-write of the complete object. Returns the task as stored.
   */
  updateTask(id: number, changes: Partial<TaskWrite>): Promise<VikunjaTask>;
  /**
   * `updateTask` without reading the task back: the same write (v2 `PATCH`, where a 304 "not modified" means
   * already so; else v1 read-modify-write), one request fewer. Vikunja answers a write with the body it was
   * sent (API.md §17.3), so nothing is returned: read the task when its stored state matters.
   */
  applyTaskChanges(id: number, changes: Partial<TaskWrite>): Promise<void>;
  /** Deletes a task; an already deleted task counts as success. */
  deleteTask(id: number): Promise<void>;
  /** Puts a task into a Kanban bucket (moving it out of its current one). */
  moveTaskToBucket(projectId: number, viewId: number, bucketId: number, taskId: number): Promise<void>;

  /** Every label visible to the user (all pages), optionally filtered by a case-insensitive substring. */
  listLabels(search?: string): Promise<VikunjaLabel[]>;
  /** Creates a label. Vikunja allows duplicates: prefer `ensureLabel`. Never retried blindly. */
  createLabel(input: LabelCreate): Promise<VikunjaLabel>;
  /**
   * Returns the existing label with exactly this title (same colour preferred), creating it only when none
   * exists. Concurrent calls for one title share one lookup, so a client never creates a duplicate; a create
   * whose answer was lost is reconciled by looking again.
   */
  ensureLabel(input: LabelCreate): Promise<VikunjaLabel>;
  /** Deletes a label (owner only); an already deleted label counts as success. Used by rollback. */
  deleteLabel(id: number): Promise<void>;
  /** Sets a task's labels to exactly these ids. */
  setTaskLabels(taskId: number, labelIds: readonly number[]): Promise<void>;
  /** Attaches a label; already attached counts as success. */
  addTaskLabel(taskId: number, labelId: number): Promise<void>;
  /** Detaches a label; not attached (confirmed by a fresh read) counts as success. */
  removeTaskLabel(taskId: number, labelId: number): Promise<void>;

  /** Relates two tasks (the inverse is created by the server); an existing relation counts as success. */
  createRelation(taskId: number, otherTaskId: number, kind: RelationKind): Promise<void>;
  /** Removes a relation (both directions); a missing relation counts as success. */
  deleteRelation(taskId: number, otherTaskId: number, kind: RelationKind): Promise<void>;

  /** Adds an HTML comment. Never retried blindly. */
  addComment(taskId: number, html: string): Promise<VikunjaComment>;
  /** A task's comments, oldest first, all pages. */
  listComments(taskId: number): Promise<VikunjaComment[]>;
  /** Deletes a comment; an already deleted comment counts as success. */
  deleteComment(taskId: number, commentId: number): Promise<void>;

  /** Request counters so far. */
  stats(): VikunjaStats;
}
