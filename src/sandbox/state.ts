/**
 * The sandbox's in-memory database: rows keyed by id plus the few indexes the routes need to stay
 * O(tasks in project) per request. Only structural invariants live here (ids, default views and
 * buckets, indexes, positions); request semantics live in the task and route modules.
 */
import { formatDate, ZERO_DATE } from './dates.js';
import { HttpError } from './errors.js';
import type { Features, EmulatedVersion } from './version.js';
import type {
  SandboxBucket,
  SandboxComment,
  SandboxLabel,
  SandboxProjectRow,
  SandboxRelation,
  SandboxSavedFilter,
  SandboxState,
  SandboxTask,
  SandboxUser,
  SandboxViewKind,
  SandboxViewRow,
  SandboxWebhook,
} from './types.js';
import type { PendingTaskEvent } from './webhooks.js';

/** The only user; every token belongs to it. */
export const USER_ID = 1;
/** The auto-created "Inbox" project, the user's default project. */
export const INBOX_PROJECT_ID = 1;
/** Spacing of default positions (Vikunja uses 2^16). */
export const POSITION_STEP = 65536;

type IdKind = 'project' | 'view' | 'bucket' | 'task' | 'label' | 'comment' | 'filter' | 'webhook';

/** The in-memory store. */
export class SandboxStore {
  readonly version: EmulatedVersion;
  readonly features: Features;
  private readonly clock: () => Date;

  readonly users = new Map<number, SandboxUser>();
  readonly projects = new Map<number, SandboxProjectRow>();
  readonly views = new Map<number, SandboxViewRow>();
  readonly buckets = new Map<number, SandboxBucket>();
  /** All tasks, soft-deleted ones included. */
  readonly tasks = new Map<number, SandboxTask>();
  readonly labels = new Map<number, SandboxLabel>();
  readonly comments = new Map<number, SandboxComment>();
  readonly savedFilters = new Map<number, SandboxSavedFilter>();
  /** Project webhooks (API.md §17.8). */
  readonly webhooks = new Map<number, SandboxWebhook>();
  /** Task events the current request emitted, taken by the webhook dispatcher once the request is done. */
  private webhookEvents: PendingTaskEvent[] = [];

  /** Live (not deleted) task ids per project, in creation order. */
  readonly taskIdsByProject = new Map<number, Set<number>>();
  /** task → view → bucket. */
  readonly taskBuckets = new Map<number, Map<number, number>>();
  /** task → view → position. */
  readonly taskPositions = new Map<number, Map<number, number>>();
  /** task → label → attach time. */
  readonly labelTasks = new Map<number, Map<number, string>>();
  /** task → relation rows whose task_id is that task. */
  readonly relations = new Map<number, SandboxRelation[]>();
  /** task → comment ids. */
  readonly commentIdsByTask = new Map<number, number[]>();
  /** Every index ever handed out per project (soft-deleted tasks keep theirs). */
  private readonly indexesByProject = new Map<number, Set<number>>();
  private readonly maxIndexByProject = new Map<number, number>();
  /**
   * Set by the server around one PostgreSQL task create: the max(index) the request read before its insert.
   * Indexes are then handed out from it, and one already taken meanwhile is a unique-constraint failure.
   */
  indexSnapshot: { projectId: number; max: number; offset: number } | undefined;
  /** Lowest position per view, so "above everything" is O(1). */
  private readonly topPositionByView = new Map<number, number>();
  private readonly nextIds: Record<IdKind, number> = {
    project: 1,
    view: 1,
    bucket: 1,
    task: 1,
    label: 1,
    comment: 1,
    filter: 1,
    webhook: 1,
  };

  constructor(version: EmulatedVersion, features: Features, clock: () => Date) {
    this.version = version;
    this.features = features;
    this.clock = clock;
    const now = this.now();
    this.users.set(USER_ID, {
      id: USER_ID,
      username: 'sandbox',
      name: 'Sandbox User',
      email: 'sandbox@example.invalid',
      created: now,
      updated: now,
    });
    this.createProject({ title: 'Inbox' });
    if (features.defaultSavedFilter) {
      this.createSavedFilter({ title: 'My Open Tasks', description: '', filter: 'done = false' });
    }
  }

  /** The current time, canonical (UTC, whole seconds). */
  now(): string {
    return formatDate(this.clock().getTime());
  }

  /** The current time in epoch milliseconds. */
  nowMs(): number {
    return this.clock().getTime();
  }

  /** Hands out the next id of a kind. */
  nextId(kind: IdKind): number {
    const id = this.nextIds[kind];
    this.nextIds[kind] = id + 1;
    return id;
  }

  /** Creates a project with Vikunja's default views and buckets. */
  createProject(input: Partial<Omit<SandboxProjectRow, 'id' | 'created' | 'updated' | 'owner_id'>> & { title: string }): SandboxProjectRow {
    const now = this.now();
    const id = this.nextId('project');
    const project: SandboxProjectRow = {
      id,
      title: input.title,
      description: input.description ?? '',
      identifier: input.identifier ?? '',
      hex_color: input.hex_color ?? '',
      parent_project_id: input.parent_project_id ?? 0,
      owner_id: USER_ID,
      is_archived: input.is_archived ?? false,
      is_favorite: input.is_favorite ?? false,
      position: input.position !== undefined && input.position >= 0.1 ? input.position : id * POSITION_STEP,
      created: now,
      updated: now,
    };
    this.projects.set(id, project);
    this.taskIdsByProject.set(id, new Set());
    this.indexesByProject.set(id, new Set());
    this.createView(id, { title: 'List', view_kind: 'list', position: 100, filter: 'done = false' });
    this.createView(id, { title: 'Gantt', view_kind: 'gantt', position: 200 });
    this.createView(id, { title: 'Table', view_kind: 'table', position: 300 });
    this.createView(id, { title: 'Kanban', view_kind: 'kanban', position: 400, bucket_configuration_mode: 'manual' });
    return project;
  }

  /** Creates a view; a manual Kanban view gets the default buckets for the emulated version. */
  createView(
    projectId: number,
    input: Partial<Omit<SandboxViewRow, 'id' | 'project_id' | 'created' | 'updated'>> & { title: string; view_kind: SandboxViewKind },
  ): SandboxViewRow {
    const now = this.now();
    const id = this.nextId('view');
    const view: SandboxViewRow = {
      id,
      project_id: projectId,
      title: input.title,
      view_kind: input.view_kind,
      filter: input.filter ?? null,
      position: input.position ?? id * 100,
      bucket_configuration_mode: input.bucket_configuration_mode ?? (input.view_kind === 'kanban' ? 'manual' : 'none'),
      bucket_configuration: input.bucket_configuration ?? [],
      default_bucket_id: 0,
      done_bucket_id: 0,
      created: now,
      updated: now,
    };
    this.views.set(id, view);
    if (view.view_kind === 'kanban' && view.bucket_configuration_mode === 'manual') this.seedBuckets(view);
    return view;
  }

  /**
   * Gives a manual Kanban view its default buckets: To-Do (default), Doing, Done (done bucket) since 1.0;
   * before, one "Backlog" bucket with `default_bucket_id` and `done_bucket_id` left at 0 (API.md §18.9) —
   * new tasks still land in it as the lowest-position bucket.
   */
  seedBuckets(view: SandboxViewRow): void {
    if (!this.features.doneBuckets) {
      this.createBucket(view.id, { title: 'Backlog', position: POSITION_STEP });
      return;
    }
    const todo = this.createBucket(view.id, { title: 'To-Do', position: POSITION_STEP });
    this.createBucket(view.id, { title: 'Doing', position: 2 * POSITION_STEP });
    const done = this.createBucket(view.id, { title: 'Done', position: 3 * POSITION_STEP });
    view.default_bucket_id = todo.id;
    view.done_bucket_id = done.id;
  }

  /** Creates a bucket in a view. */
  createBucket(viewId: number, input: { title: string; limit?: number; position?: number }): SandboxBucket {
    const now = this.now();
    const id = this.nextId('bucket');
    const bucket: SandboxBucket = {
      id,
      title: input.title,
      project_view_id: viewId,
      limit: input.limit ?? 0,
      position: input.position !== undefined && input.position !== 0 ? input.position : id * POSITION_STEP,
      created_by_id: USER_ID,
      created: now,
      updated: now,
    };
    this.buckets.set(id, bucket);
    return bucket;
  }

  /** Creates a saved filter (pseudo-project −(id+1)). */
  createSavedFilter(input: { title: string; description: string; filter: string; filter_include_nulls?: boolean; is_favorite?: boolean }): SandboxSavedFilter {
    const now = this.now();
    const id = this.nextId('filter');
    const filter: SandboxSavedFilter = {
      id,
      title: input.title,
      description: input.description,
      filter: input.filter,
      filter_include_nulls: input.filter_include_nulls ?? false,
      is_favorite: input.is_favorite ?? false,
      owner_id: USER_ID,
      created: now,
      updated: now,
    };
    this.savedFilters.set(id, filter);
    return filter;
  }

  /** A project's views, by position then id. */
  viewsOf(projectId: number): SandboxViewRow[] {
    const views: SandboxViewRow[] = [];
    for (const view of this.views.values()) if (view.project_id === projectId) views.push(view);
    return views.sort((a, b) => a.position - b.position || a.id - b.id);
  }

  /** A view's buckets, by position then id. */
  bucketsOf(viewId: number): SandboxBucket[] {
    const buckets: SandboxBucket[] = [];
    for (const bucket of this.buckets.values()) if (bucket.project_view_id === viewId) buckets.push(bucket);
    return buckets.sort((a, b) => a.position - b.position || a.id - b.id);
  }

  /** Manual Kanban views of a project (the ones that own task-bucket rows). */
  manualKanbanViewsOf(projectId: number): SandboxViewRow[] {
    return this.viewsOf(projectId).filter((v) => v.view_kind === 'kanban' && v.bucket_configuration_mode === 'manual');
  }

  /** The bucket new tasks land in: the explicit default, else the lowest-position bucket. */
  defaultBucketOf(view: SandboxViewRow): number {
    if (view.default_bucket_id !== 0 && this.buckets.has(view.default_bucket_id)) return view.default_bucket_id;
    return this.bucketsOf(view.id)[0]?.id ?? 0;
  }

  /** A live task, or undefined when missing or soft-deleted. */
  liveTask(id: number): SandboxTask | undefined {
    const task = this.tasks.get(id);
    return task === undefined || task.deleted_at !== null ? undefined : task;
  }

  /** Live tasks of one project, in creation order. */
  tasksOfProject(projectId: number): SandboxTask[] {
    const ids = this.taskIdsByProject.get(projectId);
    if (ids === undefined) return [];
    const tasks: SandboxTask[] = [];
    for (const id of ids) {
      const task = this.tasks.get(id);
      if (task !== undefined) tasks.push(task);
    }
    return tasks;
  }

  /** True when the project or one of its ancestors is archived (children of archived parents count as archived). */
  isEffectivelyArchived(projectId: number): boolean {
    const seen = new Set<number>();
    let project = this.projects.get(projectId);
    while (project !== undefined && !seen.has(project.id)) {
      if (project.is_archived) return true;
      seen.add(project.id);
      project = project.parent_project_id === 0 ? undefined : this.projects.get(project.parent_project_id);
    }
    return false;
  }

  /** The highest index ever handed out in a project (0 for none). */
  maxIndexOf(projectId: number): number {
    return this.maxIndexByProject.get(projectId) ?? 0;
  }

  /**
   * Throws the PostgreSQL unique-constraint failure when the next `count` indexes of a create that read its
   * max earlier (`indexSnapshot`) were taken meanwhile. Nothing is written when it throws.
   */
  checkIndexRace(projectId: number, count: number): void {
    const snapshot = this.indexSnapshot;
    if (snapshot === undefined || snapshot.projectId !== projectId) return;
    const used = this.indexesByProject.get(projectId) ?? new Set<number>();
    for (let i = 1; i <= count; i += 1) {
      if (used.has(snapshot.max + snapshot.offset + i)) throw duplicateIndexError();
    }
  }

  /** Picks the task index: a free requested index is kept, otherwise max + 1 over every task ever indexed. */
  allocateIndex(projectId: number, requested: number): number {
    let used = this.indexesByProject.get(projectId);
    if (used === undefined) {
      used = new Set();
      this.indexesByProject.set(projectId, used);
    }
    const snapshot = this.indexSnapshot?.projectId === projectId ? this.indexSnapshot : undefined;
    const max = snapshot === undefined ? (this.maxIndexByProject.get(projectId) ?? 0) : snapshot.max + snapshot.offset;
    if (snapshot !== undefined && !(requested > 0 && !used.has(requested))) {
      snapshot.offset += 1;
      if (used.has(max + 1)) throw duplicateIndexError();
    }
    const index = requested <= 0 || used.has(requested) ? max + 1 : requested;
    used.add(index);
    if (index > (this.maxIndexByProject.get(projectId) ?? 0)) this.maxIndexByProject.set(projectId, index);
    return index;
  }

  /** Frees an index after a hard delete or a move (the next index is max + 1 over remaining rows). */
  releaseIndex(projectId: number, index: number): void {
    const used = this.indexesByProject.get(projectId);
    if (used === undefined || !used.delete(index)) return;
    if (index === this.maxIndexByProject.get(projectId)) {
      let max = 0;
      for (const i of used) if (i > max) max = i;
      this.maxIndexByProject.set(projectId, max);
    }
  }

  /** Records a task's position in a view, tracking the view's lowest position. */
  setPosition(taskId: number, viewId: number, position: number): void {
    let perView = this.taskPositions.get(taskId);
    if (perView === undefined) {
      perView = new Map();
      this.taskPositions.set(taskId, perView);
    }
    perView.set(viewId, position);
    const top = this.topPositionByView.get(viewId);
    if (top === undefined || position < top) this.topPositionByView.set(viewId, position);
  }

  /** A position `stepsAbove` steps above every task currently in the view (0 = the current top). */
  positionAboveAll(viewId: number, stepsAbove = 1): number {
    const top = this.topPositionByView.get(viewId) ?? 2 * POSITION_STEP;
    return top - stepsAbove * POSITION_STEP;
  }

  /** Sets the bucket of a task in one view. */
  setBucket(taskId: number, viewId: number, bucketId: number): void {
    let perView = this.taskBuckets.get(taskId);
    if (perView === undefined) {
      perView = new Map();
      this.taskBuckets.set(taskId, perView);
    }
    perView.set(viewId, bucketId);
  }

  /** Number of live tasks in a bucket. */
  countInBucket(bucket: SandboxBucket): number {
    let count = 0;
    for (const [taskId, perView] of this.taskBuckets) {
      if (perView.get(bucket.project_view_id) === bucket.id && this.liveTask(taskId) !== undefined) count += 1;
    }
    return count;
  }

  /** Label ids attached to a task, ascending. */
  labelIdsOf(taskId: number): number[] {
    const attached = this.labelTasks.get(taskId);
    return attached === undefined ? [] : [...attached.keys()].sort((a, b) => a - b);
  }

  /** True when any live task is a favourite (the Favorites pseudo-project then appears). */
  hasFavoriteTasks(): boolean {
    for (const task of this.tasks.values()) if (task.is_favorite && task.deleted_at === null) return true;
    return false;
  }

  /** Records a task event for the webhooks (sent once the request's writes are done). */
  emitTaskEvent(name: PendingTaskEvent['name'], task: SandboxTask): void {
    this.webhookEvents.push({ name, task });
  }

  /** The task events recorded since the last call. */
  takeWebhookEvents(): PendingTaskEvent[] {
    const events = this.webhookEvents;
    this.webhookEvents = [];
    return events;
  }

  /** A deep, JSON-safe copy of everything. */
  dump(includeDeleted: boolean): SandboxState {
    const isVisible = (taskId: number): boolean => includeDeleted || this.liveTask(taskId) !== undefined;
    const projects = [...this.projects.values()]
      .sort((a, b) => a.id - b.id)
      .map((project) => ({
        ...project,
        views: this.viewsOf(project.id).map((view) => ({
          ...view,
          bucket_configuration: view.bucket_configuration.map((c) => ({ ...c })),
          buckets: this.bucketsOf(view.id).map((b) => ({ ...b })),
        })),
      }));
    const tasks = [...this.tasks.values()]
      .filter((t) => isVisible(t.id))
      .sort((a, b) => a.id - b.id)
      .map((t) => ({ ...t, reminders: t.reminders.map((r) => ({ ...r })), assignee_ids: [...t.assignee_ids] }));
    const taskBuckets = [...this.taskBuckets]
      .filter(([taskId]) => isVisible(taskId))
      .flatMap(([task_id, perView]) => [...perView].map(([project_view_id, bucket_id]) => ({ task_id, project_view_id, bucket_id })));
    const taskPositions = [...this.taskPositions]
      .filter(([taskId]) => isVisible(taskId))
      .flatMap(([task_id, perView]) => [...perView].map(([project_view_id, position]) => ({ task_id, project_view_id, position })));
    const labelTasks = [...this.labelTasks]
      .filter(([taskId]) => isVisible(taskId))
      .flatMap(([task_id, attached]) => [...attached].map(([label_id, created]) => ({ task_id, label_id, created })));
    const relations = [...this.relations.values()]
      .flat()
      .filter((r) => isVisible(r.task_id) && isVisible(r.other_task_id))
      .map((r) => ({ ...r }));
    const comments = [...this.comments.values()].filter((c) => isVisible(c.task_id)).map((c) => ({ ...c }));
    return {
      version: this.version.plain,
      users: [...this.users.values()].map((u) => ({ ...u })),
      projects,
      tasks,
      taskBuckets,
      taskPositions,
      labels: [...this.labels.values()].map((l) => ({ ...l })),
      labelTasks,
      relations,
      comments,
      savedFilters: [...this.savedFilters.values()].map((f) => ({ ...f })),
    };
  }
}

/** PostgreSQL's answer to two creates that computed the same task index (API.md §17.5). */
export function duplicateIndexError(): HttpError {
  return new HttpError(500, {
    message: 'pq: duplicate key value violates unique constraint "UQE_tasks_tasks_project_index"',
  });
}

/** A fresh task row with every field at its zero value. */
export function emptyTask(id: number, projectId: number, now: string): SandboxTask {
  return {
    id,
    project_id: projectId,
    title: '',
    description: '',
    done: false,
    done_at: ZERO_DATE,
    due_date: ZERO_DATE,
    start_date: ZERO_DATE,
    end_date: ZERO_DATE,
    repeat_after: 0,
    repeat_mode: 0,
    priority: 0,
    hex_color: '',
    percent_done: 0,
    index: 0,
    cover_image_attachment_id: 0,
    is_favorite: false,
    created_by_id: USER_ID,
    created: now,
    updated: now,
    deleted_at: null,
    reminders: [],
    assignee_ids: [],
  };
}
