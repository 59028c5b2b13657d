/**
 * import (apply): performs a plan's ops, one remote write (or one bulk call) per `apply`. The pipeline journals
 * before and after each call; this job only talks to Vikunja through `ctx.vikunja` and keeps `ctx.refs` current.
 */
import { FatalApiError, InternalError } from '../src/core/errors.js';
import { defineJob, type WriteJobContext } from '../src/core/job.js';
import { BucketRole, type DesiredTask, findAnyMarker, findMarker, isSameFieldValue } from '../src/core/mapping.js';
import type { CreateOp, Plan, PlanOp, WriteOp } from '../src/core/plan.js';
import type { OpKindValue } from '../src/core/store.js';
import type { TaskCreate, TaskWrite, VikunjaTask } from '../src/core/vikunja.js';
import { readTaskFields } from './plan.js';

/** What one applied write reports back to the pipeline. */
export interface AppliedWrite {
  remoteId: string | null;
  postImage: unknown;
}

/** Journal op kind for a plan op. */
export function selectJournalKind(op: WriteOp | readonly CreateOp[]): OpKindValue {
  if (Array.isArray(op)) return 'bulk_create';
  const single = op as WriteOp;
  switch (single.kind) {
    case 'project':
      return 'project';
    case 'label':
      return 'label';
    case 'bucket':
      return 'bucket';
    case 'kanban':
      return 'view';
    case 'create':
      return 'create';
    case 'update':
      return 'update';
    case 'close':
      return 'close';
    case 'move':
      return 'move';
    case 'labels':
      return 'label';
    case 'relation':
      return 'relation';
    case 'comment':
      return 'comment';
  }
}

/** The body of a task create for a desired task. */
export function createTaskBody(ctx: WriteJobContext, desired: DesiredTask): TaskCreate {
  const fields = desired.fields;
  const body: TaskCreate = {
    title: fields.title,
    description: fields.description,
    done: fields.done,
    position: desired.position,
  };
  if (fields.done_at !== null) body.done_at = fields.done_at;
  if (fields.due_date !== null) body.due_date = fields.due_date;
  if (fields.start_date !== null) body.start_date = fields.start_date;
  if (fields.priority !== null) body.priority = fields.priority;
  if (fields.percent_done !== null) body.percent_done = fields.percent_done;
  const index = ctx.refs.taskIndexes.get(desired.key);
  if (index !== undefined) body.index = index;
  // Done tasks go to the view's done bucket by themselves; the rest to the bucket their status maps to, which
  // the plan's bucket ops created where the project lacked it.
  if (!fields.done && ctx.refs.kanbanViewId !== null) body.bucket_id = requireBucket(ctx, desired.bucket, desired.key);
  return body;
}

function requireBucket(ctx: WriteJobContext, title: string, key: string): number {
  const id = ctx.refs.buckets.get(title);
  if (id === undefined) {
    throw new InternalError(`the project has no Kanban bucket "${title}" for ${key}, and no bucket op of this plan created it; re-run membank plan`);
  }
  return id;
}

function requireProject(ctx: WriteJobContext): number {
  if (ctx.refs.projectId === null) {
    throw new InternalError('no Vikunja project is known for this run: the project op must be applied first');
  }
  return ctx.refs.projectId;
}

function requireKanban(ctx: WriteJobContext): number {
  if (ctx.refs.kanbanViewId === null) throw new InternalError('the project has no Kanban view to hold membank\'s buckets');
  return ctx.refs.kanbanViewId;
}

/**
 * Whether an op's effect is already in place when the loop reaches it (a bucket that exists, a Kanban view whose
 * default and done buckets are set): such an op is not sent and not journaled. The plan predicts a new
 * project's buckets from the server version; this check keeps a wrong guess harmless.
 */
export function isOpSatisfied(ctx: WriteJobContext, op: WriteOp): boolean {
  if (op.kind === 'bucket') return ctx.refs.buckets.has(op.title);
  if (op.kind === 'kanban') {
    return (op.defaultBucket === null || ctx.refs.defaultBucketId !== 0) && (op.doneBucket === null || ctx.refs.doneBucketId !== 0);
  }
  return false;
}

function requireTask(ctx: WriteJobContext, key: string, given: number | null = null): number {
  const id = given ?? ctx.refs.tasks.get(key);
  if (id === undefined) {
    throw new InternalError(`no Vikunja task is known for ${key}: its create op did not apply`);
  }
  return id;
}

/** Loads the Kanban view and its buckets of a project into the run's references. */
export async function loadBuckets(ctx: WriteJobContext, projectId: number): Promise<void> {
  const views = await ctx.vikunja.listViews(projectId);
  const kanban = views.find((view) => view.view_kind === 'kanban');
  ctx.refs.kanbanViewId = kanban?.id ?? null;
  ctx.refs.defaultBucketId = kanban?.default_bucket_id ?? 0;
  ctx.refs.doneBucketId = kanban?.done_bucket_id ?? 0;
  ctx.refs.buckets.clear();
  if (kanban === undefined) return;
  for (const bucket of await ctx.vikunja.listBuckets(projectId, kanban.id)) {
    if (!ctx.refs.buckets.has(bucket.title)) ctx.refs.buckets.set(bucket.title, bucket.id);
  }
}

/**
 * Labels match case-insensitively (one label per title whatever its case): a title the plan spells differently
 * from a label Vikunja has (created by hand between plan and apply) resolves to that label, so it is neither
 * created again nor missing from the tasks that carry it.
 */
function aliasPlannedLabels(ctx: WriteJobContext, plan: Plan): void {
  const byLowerCase = new Map<string, number>();
  for (const [title, id] of ctx.refs.labels) if (!byLowerCase.has(title.toLowerCase())) byLowerCase.set(title.toLowerCase(), id);
  const planned = plan.ops.flatMap((op) => (op.kind === 'label' ? [op.title] : op.kind === 'labels' ? op.after : []));
  for (const title of planned) {
    const id = byLowerCase.get(title.toLowerCase());
    if (id !== undefined && !ctx.refs.labels.has(title)) ctx.refs.labels.set(title, id);
  }
}

/**
 * Fills the run's references from Vikunja before the first write: the project, its buckets, labels by title,
 * and task ids by key (from the store's mappings, else by marker). Returns the project's tasks.
 */
export async function hydrateRefs(ctx: WriteJobContext, plan: Plan): Promise<VikunjaTask[]> {
  const projects = await ctx.vikunja.listProjects();
  const project =
    (plan.project.id === null ? undefined : projects.find((candidate) => candidate.id === plan.project.id)) ??
    projects.find((candidate) => findAnyMarker(candidate.description) === plan.project.marker) ??
    projects.find((candidate) => candidate.title === plan.project.title);
  ctx.refs.projectId = project?.id ?? null;
  for (const label of await ctx.vikunja.listLabels()) {
    if (!ctx.refs.labels.has(label.title)) ctx.refs.labels.set(label.title, label.id);
  }
  aliasPlannedLabels(ctx, plan);
  if (project === undefined) return [];
  await loadBuckets(ctx, project.id);
  const tasks = await ctx.vikunja.listProjectTasks(project.id);
  const byMarker = new Map<string, number>();
  for (const task of tasks) {
    const marker = findMarker(task.description);
    if (marker !== null && !byMarker.has(marker)) byMarker.set(marker, task.id);
  }
  for (const [key, desired] of Object.entries(plan.desired)) {
    const mapped = ctx.store.mappings.get(plan.scope, key)?.taskId;
    const id = mapped ?? byMarker.get(desired.marker);
    if (id !== undefined) ctx.refs.tasks.set(key, id);
  }
  return tasks;
}

function toTaskWrite(op: Extract<PlanOp, { kind: 'update' | 'close' }>): Partial<TaskWrite> {
  const changes: Record<string, unknown> = {};
  for (const change of op.changes) {
    if (change.field === 'done_at') continue;
    changes[change.field] = change.after;
  }
  return changes as Partial<TaskWrite>;
}

function escapeHtml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;');
}

/** The description of a project membank creates: its marker, and the bank it was created for. */
export function describeProject(op: Extract<WriteOp, { kind: 'project' }>): string {
  const source = op.bank === undefined ? '' : `<p><small>membank-source: ${escapeHtml(op.bank)}</small></p>`;
  return `<p>Imported from a memory bank by membank.</p><p><small>membank-id: ${op.marker}</small></p>${source}`;
}

/** Performs one write op against Vikunja. */
export async function applyOp(ctx: WriteJobContext, op: WriteOp): Promise<AppliedWrite> {
  switch (op.kind) {
    case 'project': {
      const project = await ctx.vikunja.createProject({
        title: op.title,
        description: describeProject(op),
      });
      ctx.refs.projectId = project.id;
      await loadBuckets(ctx, project.id);
      return { remoteId: String(project.id), postImage: { id: project.id, title: project.title } };
    }
    case 'label': {
      const label = await ctx.vikunja.createLabel({ title: op.title });
      ctx.refs.labels.set(label.title, label.id);
      return { remoteId: String(label.id), postImage: label };
    }
    case 'create': {
      // The response echoes the request body, not what was stored (API.md §17.3): only its id is used.
      const task = await ctx.vikunja.createTask(requireProject(ctx), createTaskBody(ctx, op.desired));
      ctx.refs.tasks.set(op.key, task.id);
      return { remoteId: String(task.id), postImage: { created: [{ key: op.key, taskId: task.id }] } };
    }
    case 'update':
    case 'close': {
      // The post-image is what was sent: a write's echo is not what was stored (verify reads it back).
      const taskId = requireTask(ctx, op.key, op.taskId);
      const written = toTaskWrite(op);
      await ctx.vikunja.applyTaskChanges(taskId, written);
      return { remoteId: String(taskId), postImage: { taskId, written } };
    }
    case 'bucket': {
      const viewId = requireKanban(ctx);
      const projectId = requireProject(ctx);
      const bucket = await ctx.vikunja.createBucket(projectId, viewId, { title: op.title });
      ctx.refs.buckets.set(op.title, bucket.id);
      return { remoteId: String(bucket.id), postImage: { projectId, viewId, bucketId: bucket.id, title: op.title } };
    }
    case 'kanban': {
      const viewId = requireKanban(ctx);
      const projectId = requireProject(ctx);
      const before = { default_bucket_id: ctx.refs.defaultBucketId, done_bucket_id: ctx.refs.doneBucketId };
      const after: { default_bucket_id?: number; done_bucket_id?: number } = {};
      if (op.defaultBucket !== null && ctx.refs.defaultBucketId === 0) after.default_bucket_id = requireBucket(ctx, op.defaultBucket, op.id);
      if (op.doneBucket !== null && ctx.refs.doneBucketId === 0) after.done_bucket_id = requireBucket(ctx, op.doneBucket, op.id);
      const view = await ctx.vikunja.setViewBuckets(projectId, viewId, after);
      ctx.refs.defaultBucketId = view.default_bucket_id;
      ctx.refs.doneBucketId = view.done_bucket_id;
      return { remoteId: String(viewId), postImage: { projectId, viewId, before, after } };
    }
    case 'move': {
      const bucketId = requireBucket(ctx, op.to, op.key);
      if (ctx.refs.kanbanViewId === null) {
        throw new InternalError(`the project has no Kanban view to move ${op.key} into "${op.to}"`);
      }
      const taskId = requireTask(ctx, op.key, op.taskId);
      await ctx.vikunja.moveTaskToBucket(requireProject(ctx), ctx.refs.kanbanViewId, bucketId, taskId);
      return { remoteId: String(taskId), postImage: { bucket: op.to, bucketId } };
    }
    case 'labels': {
      const taskId = requireTask(ctx, op.key, op.taskId);
      const ids = op.after.map((title) => {
        const id = ctx.refs.labels.get(title);
        if (id === undefined) throw new InternalError(`label "${title}" was neither found nor created`);
        return id;
      });
      await ctx.vikunja.setTaskLabels(taskId, ids);
      return { remoteId: String(taskId), postImage: { labels: op.after, labelIds: ids } };
    }
    case 'relation': {
      const parentId = requireTask(ctx, op.parentKey);
      const childId = requireTask(ctx, op.childKey);
      await ctx.vikunja.createRelation(parentId, childId, 'subtask');
      return { remoteId: String(parentId), postImage: { parentId, childId, kind: 'subtask' } };
    }
    case 'comment': {
      const taskId = requireTask(ctx, op.key);
      const comment = await ctx.vikunja.addComment(taskId, op.comment.html);
      return { remoteId: String(comment.id), postImage: { taskId, commentId: comment.id, marker: op.comment.marker } };
    }
  }
}

/**
 * Gives each create of a v2 bulk run its task `index` (after the project's highest one, in source order), so
 * identifiers count up in source order although the batches are sent last first. A taken index is replaced by
 * the server silently; nothing depends on it but the identifier's looks.
 */
export function assignTaskIndexes(ctx: WriteJobContext, ops: readonly WriteOp[], remoteTasks: Iterable<VikunjaTask>): void {
  let next = 0;
  for (const task of remoteTasks) next = Math.max(next, task.index);
  for (const op of ops) if (op.kind === 'create') ctx.refs.taskIndexes.set(op.key, (next += 1));
}

/** `memory-bank/tasks.md:12 (A-3)`: where a create op's source item sits, for people. */
export function describeCreateSource(op: CreateOp): string {
  const [path, anchor] = op.source.split('#');
  return `${path ?? op.source}${op.line === undefined ? '' : `:${op.line}`}${anchor === undefined ? '' : ` (${anchor})`}`;
}

/**
 * A refused bulk create whose problems name batch items (`tasks[3].title`) → the same error naming the source
 * items behind them (file:line), so the person knows which Markdown line to fix. Other errors pass unchanged.
 */
function nameBulkItems(error: unknown, ops: readonly CreateOp[]): unknown {
  if (!(error instanceof FatalApiError) || error.problems.length === 0) return error;
  const named = error.problems.map((problem) => {
    const index = problem.batchIndex ?? problem.itemIndex;
    const op = index === undefined ? undefined : ops[index];
    const what = `${problem.field ?? problem.location}: ${problem.message}`;
    return op === undefined ? `${problem.location}: ${problem.message}` : `${describeCreateSource(op)} — ${what}`;
  });
  return new FatalApiError(
    error.method,
    error.path,
    error.status,
    `Vikunja refused the batch of ${ops.length} task(s) (nothing of it was created): ${named.join('; ')}. Fix the source item(s) named, then re-run`,
    { cause: error, problems: error.problems, ...(error.apiCode === undefined ? {} : { apiCode: error.apiCode }), body: error.body },
  );
}

/** Creates up to 100 tasks in one atomic v2 bulk call. */
export async function applyBulkCreate(ctx: WriteJobContext, ops: readonly CreateOp[]): Promise<AppliedWrite> {
  let tasks: VikunjaTask[];
  try {
    tasks = await ctx.vikunja.createTasksBulk(
      requireProject(ctx),
      ops.map((op) => createTaskBody(ctx, op.desired)),
    );
  } catch (error) {
    throw nameBulkItems(error, ops);
  }
  const created: Array<{ key: string; taskId: number }> = [];
  ops.forEach((op, index) => {
    const task = tasks.find((candidate) => findMarker(candidate.description) === op.desired.marker) ?? tasks[index];
    if (task === undefined) throw new InternalError(`bulk create returned ${tasks.length} tasks for ${ops.length} items`);
    ctx.refs.tasks.set(op.key, task.id);
    created.push({ key: op.key, taskId: task.id });
  });
  return { remoteId: created.map((item) => item.taskId).join(','), postImage: { created } };
}

/**
 * After a write whose outcome is unknown (lost response, crash between journal rows): finds out whether it
 * happened, by marker for creates and comments, by reading the target for the rest. Returns the write's
 * result when it did happen, null when it did not.
 */
export async function findAppliedWrite(
  ctx: WriteJobContext,
  op: WriteOp | readonly CreateOp[],
): Promise<AppliedWrite | null> {
  if (Array.isArray(op)) {
    const projectId = requireProject(ctx);
    const tasks = await ctx.vikunja.listProjectTasks(projectId);
    const byMarker = new Map(tasks.map((task) => [findMarker(task.description), task]));
    const created: Array<{ key: string; taskId: number }> = [];
    for (const item of op as readonly CreateOp[]) {
      const task = byMarker.get(item.desired.marker);
      if (task === undefined) return null;
      ctx.refs.tasks.set(item.key, task.id);
      created.push({ key: item.key, taskId: task.id });
    }
    return { remoteId: created.map((item) => item.taskId).join(','), postImage: { created } };
  }
  const single = op as WriteOp;
  switch (single.kind) {
    case 'project': {
      const project = (await ctx.vikunja.listProjects()).find(
        (candidate) => findAnyMarker(candidate.description) === single.marker,
      );
      if (project === undefined) return null;
      ctx.refs.projectId = project.id;
      await loadBuckets(ctx, project.id);
      return { remoteId: String(project.id), postImage: { id: project.id, title: project.title } };
    }
    case 'bucket': {
      const viewId = requireKanban(ctx);
      const projectId = requireProject(ctx);
      const bucket = (await ctx.vikunja.listBuckets(projectId, viewId)).find((candidate) => candidate.title === single.title);
      if (bucket === undefined) return null;
      ctx.refs.buckets.set(single.title, bucket.id);
      return { remoteId: String(bucket.id), postImage: { projectId, viewId, bucketId: bucket.id, title: single.title } };
    }
    case 'label': {
      const title = single.title.toLowerCase();
      const label = (await ctx.vikunja.listLabels(single.title)).find((candidate) => candidate.title.toLowerCase() === title);
      if (label === undefined) return null;
      ctx.refs.labels.set(label.title, label.id);
      ctx.refs.labels.set(single.title, label.id);
      return { remoteId: String(label.id), postImage: label };
    }
    case 'create': {
      const found = await ctx.vikunja.listProjectTasks(requireProject(ctx), { search: single.desired.marker });
      const task = found.find((candidate) => findMarker(candidate.description) === single.desired.marker);
      if (task === undefined) return null;
      ctx.refs.tasks.set(single.key, task.id);
      return { remoteId: String(task.id), postImage: { created: [{ key: single.key, taskId: task.id }] } };
    }
    case 'comment': {
      const taskId = requireTask(ctx, single.key);
      const comment = (await ctx.vikunja.listComments(taskId)).find(
        (candidate) => findAnyMarker(candidate.comment) === single.comment.marker,
      );
      if (comment === undefined) return null;
      return { remoteId: String(comment.id), postImage: { taskId, commentId: comment.id, marker: single.comment.marker } };
    }
    default:
      // Updates, moves, label sets and relations are idempotent: re-applying them is safe.
      return null;
  }
}

function hasSameLabels(current: readonly string[], wanted: readonly string[]): boolean {
  const have = new Set(current.map((title) => title.toLowerCase()));
  const want = new Set(wanted.map((title) => title.toLowerCase()));
  return have.size === want.size && [...want].every((title) => have.has(title));
}

function isMoveJournaled(ctx: WriteJobContext, op: Extract<WriteOp, { kind: 'move' }>): boolean {
  for (const run of ctx.store.runs.list()) {
    const entry = ctx.store.journal.latestEntry(run.id, op.id);
    if (entry === undefined || (entry.status !== 'applied' && entry.status !== 'reverted')) continue;
    const written = (entry.preImage as { op?: WriteOp } | null)?.op;
    return entry.status === 'applied' && written?.kind === 'move' && written.taskId === op.taskId && written.to === op.to;
  }
  return false;
}

/**
 * The ids of ops whose effect is already in place, so that applying them again would write nothing new or
 * duplicate something (a saved plan applied twice, a run resumed after its write landed): fields already at
 * the planned value, the same labels (case-insensitively), the subtask relation present, the comment's marker
 * on the task, and a move the journal records as applied and not undone (Vikunja's task reads do not say which
 * bucket a task is in). Reads only.
 */
export async function findSatisfiedOps(
  ctx: WriteJobContext,
  ops: readonly WriteOp[],
  remoteTasks: ReadonlyMap<number, VikunjaTask>,
): Promise<Set<string>> {
  const satisfied = new Set<string>();
  const commentMarkers = new Map<number, Set<string>>();
  for (const op of ops) {
    switch (op.kind) {
      case 'update':
      case 'close': {
        const task = remoteTasks.get(op.taskId);
        if (task === undefined) break;
        const now = readTaskFields(task);
        const owned = op.changes.filter((change) => change.field !== 'done_at');
        if ((owned.length > 0 ? owned : op.changes).every((change) => isSameFieldValue(now[change.field], change.after))) satisfied.add(op.id);
        break;
      }
      case 'move':
        if (isMoveJournaled(ctx, op)) satisfied.add(op.id);
        break;
      case 'labels': {
        const taskId = op.taskId ?? ctx.refs.tasks.get(op.key);
        const task = taskId === undefined ? undefined : remoteTasks.get(taskId);
        if (task !== undefined && hasSameLabels(task.labels.map((label) => label.title), op.after)) satisfied.add(op.id);
        break;
      }
      case 'relation': {
        const parentId = ctx.refs.tasks.get(op.parentKey);
        const childId = ctx.refs.tasks.get(op.childKey);
        const parent = parentId === undefined ? undefined : remoteTasks.get(parentId);
        if (parent !== undefined && (parent.related_tasks.subtask ?? []).some((child) => child.id === childId)) satisfied.add(op.id);
        break;
      }
      case 'comment': {
        const taskId = ctx.refs.tasks.get(op.key);
        if (taskId === undefined || !remoteTasks.has(taskId)) break;
        let markers = commentMarkers.get(taskId);
        if (markers === undefined) {
          markers = new Set((await ctx.vikunja.listComments(taskId)).map((comment) => findAnyMarker(comment.comment)).filter((marker) => marker !== null));
          commentMarkers.set(taskId, markers);
        }
        if (markers.has(op.comment.marker)) satisfied.add(op.id);
        break;
      }
      default:
        break;
    }
  }
  return satisfied;
}

/** The import job: applies a plan's ops (see `src/pipeline/` for journaling, reconcile and signals). */
export const importJob = defineJob<Plan, Plan, WriteOp, WriteJobContext, AppliedWrite>({
  name: 'import',
  describe: 'Apply a plan to Vikunja, journaling every write first',
  async plan(_ctx, plan) {
    return { output: plan, ops: plan.ops.filter((op): op is WriteOp => op.kind !== 'adopt' && op.kind !== 'skip') };
  },
  apply: applyOp,
});
