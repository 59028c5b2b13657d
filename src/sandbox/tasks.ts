/**
 * Task writes with Vikunja's semantics (API.md §5.5, §6): create with index/position/bucket rules,
 * full-replace update, done ↔ done-bucket coupling, repeating tasks, project moves, soft delete.
 */
import {
  readArray,
  readBool,
  readDate,
  readInt,
  readNumber,
  readObjectArray,
  readString,
  fieldTypeError,
  type JsonObject,
} from './bind.js';
import { addOneMonth, addSeconds, dateMs, formatDate, isZeroDate, ZERO_DATE } from './dates.js';
import { apiError, ApiCode, invalidData } from './errors.js';
import { emptyTask, POSITION_STEP, type SandboxStore } from './state.js';
import type { SandboxBucket, SandboxReminder, SandboxTask, SandboxViewRow } from './types.js';

const MAX_REPEAT_AFTER = 315_360_000;
const RELATIVE_TO = new Set(['', 'due_date', 'start_date', 'end_date']);

/** The writable task fields of a request body, Go-style: absent = zero, plus presence flags where it matters. */
export interface TaskInput {
  /** Body `id`, when present (overrides the URL on update). */
  id: number | undefined;
  title: string;
  description: string;
  done: boolean;
  done_at: string;
  due_date: string;
  start_date: string;
  end_date: string;
  repeat_after: number;
  repeat_mode: number;
  priority: number;
  hex_color: string;
  percent_done: number;
  /** Body `project_id`, when present (0 included). */
  project_id: number | undefined;
  index: number;
  bucket_id: number;
  position: number;
  cover_image_attachment_id: number;
  is_favorite: boolean;
  reminders: SandboxReminder[];
  assignee_ids: number[];
}

/** Reads a task body; wrong types are bind errors, over-long colours are 412. */
export function parseTaskInput(store: SandboxStore, body: JsonObject): TaskInput {
  const hex = readString(body, 'hex_color') ?? '';
  if ([...hex].length > 7) invalidFieldsThrow(`hex_color: ${hex} does not validate as runelength(0|7)`);
  const input: TaskInput = {
    id: readInt(body, 'id'),
    title: readString(body, 'title') ?? '',
    description: readString(body, 'description') ?? '',
    done: readBool(body, 'done') ?? false,
    done_at: readDate(body, 'done_at') ?? ZERO_DATE,
    due_date: readDate(body, 'due_date') ?? ZERO_DATE,
    start_date: readDate(body, 'start_date') ?? ZERO_DATE,
    end_date: readDate(body, 'end_date') ?? ZERO_DATE,
    repeat_after: readInt(body, 'repeat_after') ?? 0,
    repeat_mode: readInt(body, 'repeat_mode') ?? 0,
    priority: readInt(body, 'priority') ?? 0,
    hex_color: normalizeHex(hex),
    percent_done: readNumber(body, 'percent_done') ?? 0,
    project_id: readInt(body, 'project_id'),
    index: readInt(body, 'index') ?? 0,
    bucket_id: readInt(body, 'bucket_id') ?? 0,
    position: readNumber(body, 'position') ?? 0,
    cover_image_attachment_id: readInt(body, 'cover_image_attachment_id') ?? 0,
    is_favorite: readBool(body, 'is_favorite') ?? false,
    reminders: parseReminders(body),
    assignee_ids: parseAssignees(store, body),
  };
  readArray(body, 'labels');
  return input;
}

function invalidFieldsThrow(field: string): never {
  throw invalidData([field]);
}

/** `#` stripped, truncated to 6 characters, case kept (`pkg/utils/normalize_hex.go`). */
export function normalizeHex(hex: string): string {
  return [...hex.replace(/^#/, '')].slice(0, 6).join('');
}

function parseReminders(body: JsonObject): SandboxReminder[] {
  const items = readObjectArray(body, 'reminders') ?? [];
  return items.map((item, i) => {
    const relativeTo = readString(item, 'relative_to') ?? '';
    if (!RELATIVE_TO.has(relativeTo)) {
      throw fieldTypeError(`reminders[${i}].relative_to`, `${JSON.stringify(relativeTo)} is not one of due_date, start_date, end_date`);
    }
    return {
      reminder: readDate(item, 'reminder') ?? ZERO_DATE,
      relative_period: readInt(item, 'relative_period') ?? 0,
      relative_to: relativeTo as SandboxReminder['relative_to'],
    };
  });
}

function parseAssignees(store: SandboxStore, body: JsonObject): number[] {
  const items = readObjectArray(body, 'assignees') ?? [];
  const ids: number[] = [];
  for (const item of items) {
    const id = readInt(item, 'id') ?? 0;
    const username = readString(item, 'username') ?? '';
    const user = id !== 0 ? store.users.get(id) : [...store.users.values()].find((u) => u.username === username);
    if (user === undefined) throw apiError(ApiCode.userNotFound);
    if (!ids.includes(user.id)) ids.push(user.id);
  }
  return ids;
}

/** Fills absolute times of relative reminders, dedupes by time and sorts (`updateRelativeReminderDates`). */
function resolveReminders(reminders: SandboxReminder[], dates: Pick<SandboxTask, 'due_date' | 'start_date' | 'end_date'>): SandboxReminder[] {
  const byTime = new Map<string, SandboxReminder>();
  for (const reminder of reminders) {
    let absolute = reminder.reminder;
    if (reminder.relative_to !== '') {
      const base = dates[reminder.relative_to];
      absolute = isZeroDate(base) ? ZERO_DATE : addSeconds(base, reminder.relative_period);
    } else if (reminder.relative_period !== 0) {
      throw apiError(ApiCode.reminderRelativeMissing);
    }
    byTime.set(absolute, { ...reminder, reminder: absolute });
  }
  return [...byTime.values()].sort((a, b) => (a.reminder < b.reminder ? -1 : a.reminder > b.reminder ? 1 : 0));
}

function checkRepeatAfter(value: number): void {
  if (value < 0 || value > MAX_REPEAT_AFTER) throw apiError(ApiCode.repeatAfterRange);
}

/** A validated create, ready to commit. */
export interface PreparedCreate {
  projectId: number;
  input: TaskInput;
  bucket: SandboxBucket | undefined;
}

/** Validates a create without writing anything (so batches can be all-or-nothing). */
export function prepareCreate(store: SandboxStore, projectId: number, input: TaskInput): PreparedCreate {
  const project = store.projects.get(projectId);
  if (project === undefined) throw apiError(ApiCode.projectNotFound);
  if (store.isEffectivelyArchived(projectId)) throw apiError(ApiCode.projectArchived);
  if (input.title === '') throw apiError(ApiCode.taskTitleEmpty);
  checkRepeatAfter(input.repeat_after);
  if (input.cover_image_attachment_id !== 0) throw apiError(ApiCode.coverNotOnTask);
  resolveReminders(input.reminders, input);
  let bucket: SandboxBucket | undefined;
  if (input.bucket_id !== 0) {
    bucket = store.buckets.get(input.bucket_id);
    const view = bucket === undefined ? undefined : store.views.get(bucket.project_view_id);
    if (
      bucket === undefined ||
      view === undefined ||
      view.project_id !== projectId ||
      view.view_kind !== 'kanban' ||
      view.bucket_configuration_mode !== 'manual'
    ) {
      throw apiError(ApiCode.bucketNotFound);
    }
    if (bucket.limit > 0 && store.countInBucket(bucket) >= bucket.limit) throw apiError(ApiCode.bucketLimit);
  }
  return { projectId, input, bucket };
}

/** What a create produced, for the response (`bucket_id`/`position` as placed in the first views). */
export interface CreatedTask {
  task: SandboxTask;
  bucketId: number;
  position: number;
}

/**
 * Commits a prepared create. Without an explicit position the task goes above everything in each
 * view, unless `positionFor` decides (batches use it to land on top in payload order).
 */
export function commitCreate(
  store: SandboxStore,
  prepared: PreparedCreate,
  positionFor?: (viewId: number) => number,
): CreatedTask {
  const { input, projectId, bucket } = prepared;
  const now = store.now();
  const task = emptyTask(store.nextId('task'), projectId, now);
  task.title = input.title;
  task.description = input.description;
  task.done = input.done;
  // done_at is server-set and ignored on write (API.md §17.7): a task created done has no done_at.
  task.due_date = input.due_date;
  task.start_date = input.start_date;
  task.end_date = input.end_date;
  task.repeat_after = input.repeat_after;
  task.repeat_mode = input.repeat_mode;
  task.priority = input.priority;
  task.hex_color = input.hex_color;
  task.percent_done = input.percent_done;
  task.is_favorite = input.is_favorite;
  task.assignee_ids = [...input.assignee_ids];
  task.reminders = resolveReminders(input.reminders, task);
  task.index = store.allocateIndex(projectId, input.index);
  if (bucket !== undefined) {
    const view = store.views.get(bucket.project_view_id);
    if (view !== undefined && view.done_bucket_id === bucket.id) task.done = true;
  }
  store.tasks.set(task.id, task);
  store.taskIdsByProject.get(projectId)?.add(task.id);
  const placed = placeInViews(store, task, bucket, input.position, positionFor);
  touchProject(store, projectId);
  store.emitTaskEvent('task.created', task);
  return { task, ...placed };
}

/** Gives a task a position in every view of its project and a bucket in every manual Kanban view. */
function placeInViews(
  store: SandboxStore,
  task: SandboxTask,
  explicitBucket: SandboxBucket | undefined,
  position: number,
  positionFor: ((viewId: number) => number) | undefined,
): { bucketId: number; position: number } {
  let firstBucket = 0;
  let firstPosition = 0;
  for (const view of store.viewsOf(task.project_id)) {
    // 0.24 puts a task without a position at the bottom (index × 2^16); later versions above everything.
    const fallback = store.features.legacy024 ? task.index * POSITION_STEP : store.positionAboveAll(view.id);
    const pos = position !== 0 ? position : (positionFor?.(view.id) ?? fallback);
    store.setPosition(task.id, view.id, pos);
    if (firstPosition === 0) firstPosition = pos;
    if (view.view_kind !== 'kanban' || view.bucket_configuration_mode !== 'manual') continue;
    let bucketId: number;
    if (explicitBucket !== undefined && explicitBucket.project_view_id === view.id) bucketId = explicitBucket.id;
    else if (task.done && view.done_bucket_id !== 0) bucketId = view.done_bucket_id;
    else bucketId = store.defaultBucketOf(view);
    if (bucketId !== 0) store.setBucket(task.id, view.id, bucketId);
    if (firstBucket === 0) firstBucket = bucketId;
  }
  return { bucketId: firstBucket, position: firstPosition };
}

/** True when marking the task done re-schedules it instead of closing it. */
function isRepeating(task: SandboxTask): boolean {
  return task.repeat_after > 0 || task.repeat_mode === 1;
}

/** Shifts dates and reminders of a repeating task marked done, from its old values (`updateDone`). */
function reschedule(store: SandboxStore, old: SandboxTask, next: SandboxTask): void {
  const nowMs = store.nowMs();
  const shiftDefault = (date: string): string => {
    if (isZeroDate(date)) return date;
    let shifted = addSeconds(date, old.repeat_after);
    while (dateMs(shifted) <= nowMs) shifted = addSeconds(shifted, old.repeat_after);
    return shifted;
  };
  if (old.repeat_mode === 1) {
    next.due_date = isZeroDate(old.due_date) ? next.due_date : addOneMonth(old.due_date);
    next.start_date = isZeroDate(old.start_date) ? next.start_date : addOneMonth(old.start_date);
    next.end_date = isZeroDate(old.end_date) ? next.end_date : addOneMonth(old.end_date);
    next.reminders = old.reminders.map((r) => ({ ...r, reminder: isZeroDate(r.reminder) ? r.reminder : addOneMonth(r.reminder) }));
  } else if (old.repeat_mode === 2) {
    const fromNow = (extraMs = 0): string => formatDate(nowMs + old.repeat_after * 1000 + extraMs);
    const span = (a: string, b: string): number => dateMs(a) - dateMs(b);
    if (isZeroDate(old.due_date)) {
      if (!isZeroDate(old.start_date) && !isZeroDate(old.end_date)) {
        next.start_date = fromNow();
        next.end_date = fromNow(span(old.end_date, old.start_date));
      } else {
        if (!isZeroDate(old.start_date)) next.start_date = fromNow();
        if (!isZeroDate(old.end_date)) next.end_date = fromNow();
      }
    } else {
      next.due_date = fromNow();
      if (!isZeroDate(old.start_date)) next.start_date = fromNow(-span(old.due_date, old.start_date));
      if (!isZeroDate(old.end_date)) next.end_date = fromNow(-span(old.due_date, old.end_date));
    }
    const first = old.reminders[0]?.reminder;
    next.reminders = old.reminders.map((r) => ({
      ...r,
      reminder: first === undefined ? r.reminder : fromNow(span(r.reminder, first)),
    }));
  } else {
    next.due_date = shiftDefault(old.due_date);
    next.start_date = shiftDefault(old.start_date);
    next.end_date = shiftDefault(old.end_date);
    next.reminders = old.reminders.map((r) => ({ ...r, reminder: shiftDefault(r.reminder) }));
  }
  next.done = false;
}

/**
 * `POST /tasks/{id}` semantics: a full replace of the scalar columns. Omitted/zero fields are written
 * as zero; empty title and project_id 0 keep the old values; labels, bucket_id and position are ignored.
 */
export function updateTask(store: SandboxStore, task: SandboxTask, input: TaskInput): SandboxTask {
  if (store.isEffectivelyArchived(task.project_id)) throw apiError(ApiCode.projectArchived);
  const targetProjectId = input.project_id === undefined || input.project_id === 0 ? task.project_id : input.project_id;
  if (targetProjectId !== task.project_id) {
    if (!store.projects.has(targetProjectId)) throw apiError(ApiCode.projectNotFound);
    if (store.isEffectivelyArchived(targetProjectId)) throw apiError(ApiCode.projectArchived);
  }
  checkRepeatAfter(input.repeat_after);
  if (input.cover_image_attachment_id !== 0) throw apiError(ApiCode.coverNotOnTask);

  const old: SandboxTask = { ...task, reminders: task.reminders.map((r) => ({ ...r })) };
  const next: SandboxTask = {
    ...task,
    title: input.title === '' ? task.title : input.title,
    description: input.description,
    done: input.done,
    due_date: input.due_date,
    start_date: input.start_date,
    end_date: input.end_date,
    repeat_after: input.repeat_after,
    repeat_mode: input.repeat_mode,
    priority: input.priority,
    hex_color: input.hex_color,
    percent_done: input.percent_done,
    cover_image_attachment_id: input.cover_image_attachment_id,
    is_favorite: input.is_favorite,
    assignee_ids: [...input.assignee_ids],
    reminders: input.reminders,
    done_at: task.done_at,
  };
  next.reminders = resolveReminders(next.reminders, next);

  let bucketMove: 'done' | 'undone' | 'reopened' | undefined;
  if (!old.done && next.done) {
    if (isRepeating(old)) {
      reschedule(store, old, next);
      bucketMove = 'reopened';
    } else {
      bucketMove = 'done';
    }
    next.done_at = store.now();
  } else if (old.done && !next.done) {
    next.done_at = ZERO_DATE;
    bucketMove = 'undone';
  }

  next.updated = store.now();
  Object.assign(task, next);
  if (targetProjectId !== old.project_id) {
    moveToProject(store, task, old.project_id, targetProjectId);
  } else if (bucketMove !== undefined) {
    for (const view of store.manualKanbanViewsOf(task.project_id)) applyDoneToView(store, task, view, bucketMove);
  }
  touchProject(store, task.project_id);
  store.emitTaskEvent('task.updated', task);
  return task;
}

/** Moves a task between buckets of one view after its done flag changed. */
function applyDoneToView(store: SandboxStore, task: SandboxTask, view: SandboxViewRow, change: 'done' | 'undone' | 'reopened'): void {
  const current = store.taskBuckets.get(task.id)?.get(view.id);
  if (change === 'done') {
    if (view.done_bucket_id !== 0) store.setBucket(task.id, view.id, view.done_bucket_id);
    return;
  }
  if (current === undefined || current === view.done_bucket_id) {
    const target = store.defaultBucketOf(view);
    if (target !== 0) store.setBucket(task.id, view.id, target);
  }
}

/** Moves a task to another project: new index, new positions, buckets reset. */
function moveToProject(store: SandboxStore, task: SandboxTask, fromProjectId: number, toProjectId: number): void {
  store.taskIdsByProject.get(fromProjectId)?.delete(task.id);
  store.taskIdsByProject.get(toProjectId)?.add(task.id);
  task.project_id = toProjectId;
  store.releaseIndex(fromProjectId, task.index);
  task.index = store.allocateIndex(toProjectId, 0);
  store.taskBuckets.delete(task.id);
  store.taskPositions.delete(task.id);
  placeInViews(store, task, undefined, 0, undefined);
  touchProject(store, fromProjectId);
}

/**
 * Moves a task into a bucket through the bucket endpoint (§5.5): into the done bucket sets done
 * (mirrored to other views' done buckets; repeating tasks are rescheduled and go to the default
 * bucket instead), out of it clears done.
 */
export function moveTaskToBucket(store: SandboxStore, task: SandboxTask, view: SandboxViewRow, bucket: SandboxBucket): void {
  if (store.isEffectivelyArchived(task.project_id)) throw apiError(ApiCode.projectArchived);
  const current = store.taskBuckets.get(task.id)?.get(view.id);
  if (current === bucket.id) return;
  if (bucket.limit > 0 && store.countInBucket(bucket) >= bucket.limit) throw apiError(ApiCode.bucketLimit);
  const now = store.now();
  const intoDone = view.done_bucket_id !== 0 && bucket.id === view.done_bucket_id;
  if (intoDone && !task.done) {
    if (isRepeating(task)) {
      const old: SandboxTask = { ...task, reminders: task.reminders.map((r) => ({ ...r })) };
      reschedule(store, old, task);
      task.done_at = now;
      store.setBucket(task.id, view.id, store.defaultBucketOf(view));
    } else {
      task.done = true;
      task.done_at = now;
      store.setBucket(task.id, view.id, bucket.id);
      for (const other of store.manualKanbanViewsOf(task.project_id)) {
        if (other.id !== view.id && other.done_bucket_id !== 0) store.setBucket(task.id, other.id, other.done_bucket_id);
      }
    }
  } else if (!intoDone && task.done) {
    task.done = false;
    task.done_at = ZERO_DATE;
    store.setBucket(task.id, view.id, bucket.id);
    for (const other of store.manualKanbanViewsOf(task.project_id)) {
      if (other.id !== view.id) applyDoneToView(store, task, other, 'undone');
    }
  } else {
    // A move that leaves `done` as it is writes only the task_buckets row: the task's and the project's `updated`
    // stay as they are (TaskBucket.Update in pkg/models/kanban_task_bucket.go updates the task only when done flips).
    store.setBucket(task.id, view.id, bucket.id);
    store.emitTaskEvent('task.updated', task);
    return;
  }
  task.updated = now;
  touchProject(store, task.project_id);
  store.emitTaskEvent('task.updated', task);
}

/** Deletes a task: soft since 2.4 (row kept, index reserved, bucket/position rows dropped), hard before. */
export function deleteTask(store: SandboxStore, task: SandboxTask): void {
  store.emitTaskEvent('task.deleted', task);
  store.taskIdsByProject.get(task.project_id)?.delete(task.id);
  store.taskBuckets.delete(task.id);
  store.taskPositions.delete(task.id);
  touchProject(store, task.project_id);
  if (store.features.softDelete) {
    task.deleted_at = store.now();
    return;
  }
  purgeTask(store, task);
}

/** Removes every trace of a task (hard delete, project delete). */
export function purgeTask(store: SandboxStore, task: SandboxTask): void {
  store.taskIdsByProject.get(task.project_id)?.delete(task.id);
  store.taskBuckets.delete(task.id);
  store.taskPositions.delete(task.id);
  store.labelTasks.delete(task.id);
  for (const relation of store.relations.get(task.id) ?? []) {
    const inverse = store.relations.get(relation.other_task_id);
    if (inverse !== undefined) {
      store.relations.set(
        relation.other_task_id,
        inverse.filter((r) => r.other_task_id !== task.id),
      );
    }
  }
  store.relations.delete(task.id);
  for (const id of store.commentIdsByTask.get(task.id) ?? []) store.comments.delete(id);
  store.commentIdsByTask.delete(task.id);
  store.releaseIndex(task.project_id, task.index);
  store.tasks.delete(task.id);
}

/** Bumps a task's `updated` (label, relation, comment and assignee changes). */
export function touchTask(store: SandboxStore, task: SandboxTask): void {
  task.updated = store.now();
}

function touchProject(store: SandboxStore, projectId: number): void {
  const project = store.projects.get(projectId);
  if (project !== undefined) project.updated = store.now();
}

/** The update input that reproduces a task as it is (used by v1 bulk and v2 PATCH as the base). */
export function inputFromTask(task: SandboxTask): TaskInput {
  return {
    id: task.id,
    title: task.title,
    description: task.description,
    done: task.done,
    done_at: ZERO_DATE,
    due_date: task.due_date,
    start_date: task.start_date,
    end_date: task.end_date,
    repeat_after: task.repeat_after,
    repeat_mode: task.repeat_mode,
    priority: task.priority,
    hex_color: task.hex_color,
    percent_done: task.percent_done,
    project_id: task.project_id,
    index: task.index,
    bucket_id: 0,
    position: 0,
    cover_image_attachment_id: task.cover_image_attachment_id,
    is_favorite: task.is_favorite,
    reminders: task.reminders.map((r) => ({ ...r })),
    assignee_ids: [...task.assignee_ids],
  };
}
