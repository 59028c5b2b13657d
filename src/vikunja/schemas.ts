/**
 * zod schemas for the Vikunja responses membank reads, and their conversion to the domain types in
 * `src/core/vikunja.ts`. Lenient by design: unknown keys pass through (newer servers add fields), `null`
 * is accepted wherever Vikunja serialises empty values as `null`, and only the fields membank relies on
 * are required. A response that still does not match is a `FatalApiError` naming the path and the issue.
 */
import { z } from 'zod';
import { FatalApiError } from '../core/errors.js';
import type {
  Capabilities,
  RelationKind,
  VikunjaBucket,
  VikunjaComment,
  VikunjaLabel,
  VikunjaProject,
  VikunjaReminder,
  VikunjaRelatedTask,
  VikunjaTask,
  VikunjaUser,
  VikunjaView,
} from '../core/vikunja.js';
import { RELATION_KINDS } from '../core/vikunja.js';

const optionalString = z.string().nullish();
const optionalNumber = z.number().nullish();
const optionalBoolean = z.boolean().nullish();

/** A user inside another object. */
export const rawUserSchema = z.looseObject({ id: z.number().int(), username: optionalString, name: optionalString });

/** A label. */
export const rawLabelSchema = z.looseObject({
  id: z.number().int(),
  title: optionalString,
  description: optionalString,
  hex_color: optionalString,
  created_by: rawUserSchema.nullish(),
});

const rawReminderSchema = z.looseObject({ reminder: optionalString, relative_period: optionalNumber, relative_to: optionalString });
const rawRelatedTaskSchema = z.looseObject({ id: z.number().int(), title: optionalString, project_id: optionalNumber });

/** A task as the server sends it (unknown keys kept: the v1 read-modify-write sends them back). */
export const rawTaskSchema = z.looseObject({
  id: z.number().int().positive(),
  project_id: z.number().int(),
  title: z.string(),
  description: optionalString,
  done: optionalBoolean,
  done_at: optionalString,
  due_date: optionalString,
  start_date: optionalString,
  end_date: optionalString,
  priority: optionalNumber,
  percent_done: optionalNumber,
  hex_color: optionalString,
  repeat_after: optionalNumber,
  repeat_mode: optionalNumber,
  is_favorite: optionalBoolean,
  identifier: optionalString,
  index: optionalNumber,
  position: optionalNumber,
  bucket_id: optionalNumber,
  cover_image_attachment_id: optionalNumber,
  assignees: z.array(rawUserSchema).nullish(),
  labels: z.array(rawLabelSchema).nullish(),
  reminders: z.array(rawReminderSchema).nullish(),
  related_tasks: z.record(z.string(), z.array(rawRelatedTaskSchema).nullable()).nullish(),
  created: optionalString,
  updated: optionalString,
  created_by: rawUserSchema.nullish(),
});
/** A raw task. */
export type RawTask = z.infer<typeof rawTaskSchema>;

/** A project view. */
export const rawViewSchema = z.looseObject({
  id: z.number().int(),
  project_id: optionalNumber,
  title: optionalString,
  view_kind: z.union([z.string(), z.number()]).nullish(),
  position: optionalNumber,
  bucket_configuration_mode: z.union([z.string(), z.number()]).nullish(),
  default_bucket_id: optionalNumber,
  done_bucket_id: optionalNumber,
  filter: z.unknown(),
});

/** A project (pseudo-projects have negative ids and are filtered by the client). */
export const rawProjectSchema = z.looseObject({
  id: z.number().int(),
  title: z.string(),
  description: optionalString,
  identifier: optionalString,
  hex_color: optionalString,
  parent_project_id: optionalNumber,
  is_archived: optionalBoolean,
  position: optionalNumber,
  views: z.array(rawViewSchema).nullish(),
});

/** A Kanban bucket. */
export const rawBucketSchema = z.looseObject({
  id: z.number().int(),
  title: optionalString,
  project_view_id: optionalNumber,
  position: optionalNumber,
  limit: optionalNumber,
});

/** A task in a listing where only its id is read. */
export const rawTaskIdSchema = z.looseObject({ id: z.number().int().positive() });

/**
 * A bucket of a Kanban view's task listing, with (one page of) its tasks; `tasks` is null when empty; `count` (all
 * its tasks) is 0 before 1.0 (API.md §18).
 */
export const rawKanbanBucketSchema = rawBucketSchema.extend({ count: optionalNumber, tasks: z.array(rawTaskIdSchema).nullish() });

/** A comment. */
export const rawCommentSchema = z.looseObject({
  id: z.number().int(),
  comment: optionalString,
  author: rawUserSchema.nullish(),
  created: optionalString,
  updated: optionalString,
});

/** `GET /info` (public). */
export const infoSchema = z.looseObject({
  version: z.string(),
  max_items_per_page: optionalNumber,
  concurrent_writes: optionalBoolean,
  task_comments_enabled: optionalBoolean,
  task_attachments_enabled: optionalBoolean,
});

/** A v1 list: an array (`null` tolerated as empty). */
export function createV1ListSchema<T extends z.ZodType>(item: T) {
  return z.array(item).nullable();
}

/** A v2 list envelope `{items, total, page, per_page, total_pages}`. */
export function createV2ListSchema<T extends z.ZodType>(item: T) {
  return z.looseObject({
    items: z.array(item).nullable(),
    total: optionalNumber,
    page: optionalNumber,
    per_page: optionalNumber,
    total_pages: optionalNumber,
  });
}

/** The v2 bulk-create answer `{tasks:[…]}`. */
export const bulkCreateResponseSchema = z.looseObject({ tasks: z.array(rawTaskSchema) });

/**
 * Validates a parsed response body. A mismatch is a `FatalApiError` naming the request, the first issues and
 * their paths: membank would rather stop than act on a shape it does not understand.
 */
export function parseResponseBody<T extends z.ZodType>(
  schema: T,
  body: unknown,
  request: { method: string; path: string; status: number },
): z.infer<T> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issues = result.error.issues.slice(0, 3).map((issue) => {
    const where = issue.path.length > 0 ? issue.path.map(String).join('.') : '(root)';
    return `${where}: ${issue.message}`;
  });
  return throwShapeError(request, issues.join('; '), body);
}

function throwShapeError(request: { method: string; path: string; status: number }, issues: string, body: unknown): never {
  throw new FatalApiError(
    request.method,
    request.path,
    request.status,
    `the response did not have the expected shape (${issues}); is this a Vikunja server membank supports (0.22–2.5)? Run \`membank doctor\``,
    { body },
  );
}

/** Vikunja's zero time and empty values become `null`. */
export function normaliseDate(value: string | null | undefined): string | null {
  if (value === null || value === undefined || value === '' || value.startsWith('0001-01-01')) return null;
  return value;
}

/** `#ABCDEF12` → `ABCDEF` (Vikunja strips the `#` and keeps six characters, case intact). */
export function normaliseHexColor(value: string | null | undefined): string {
  return (value ?? '').replace(/^#/, '').slice(0, 6);
}

/** Converts a raw user. */
export function convertUser(raw: z.infer<typeof rawUserSchema>): VikunjaUser {
  return { id: raw.id, username: raw.username ?? '', name: raw.name ?? '' };
}

/** Converts a raw label. */
export function convertLabel(raw: z.infer<typeof rawLabelSchema>): VikunjaLabel {
  return {
    id: raw.id,
    title: raw.title ?? '',
    description: raw.description ?? '',
    hex_color: normaliseHexColor(raw.hex_color),
    created_by_id: raw.created_by?.id ?? null,
  };
}

function convertReminder(raw: z.infer<typeof rawReminderSchema>): VikunjaReminder {
  const relativeTo = raw.relative_to;
  return {
    reminder: normaliseDate(raw.reminder),
    relative_period: raw.relative_period ?? 0,
    relative_to: relativeTo === 'due_date' || relativeTo === 'start_date' || relativeTo === 'end_date' ? relativeTo : '',
  };
}

function convertRelatedTasks(raw: RawTask['related_tasks']): Partial<Record<RelationKind, VikunjaRelatedTask[]>> {
  const related: Partial<Record<RelationKind, VikunjaRelatedTask[]>> = {};
  if (raw === null || raw === undefined) return related;
  for (const kind of RELATION_KINDS) {
    const tasks = raw[kind];
    if (tasks === null || tasks === undefined || tasks.length === 0) continue;
    related[kind] = tasks.map((task) => ({ id: task.id, title: task.title ?? '', project_id: task.project_id ?? 0 }));
  }
  return related;
}

/** Converts a raw task to the normalised domain task. */
export function convertTask(raw: RawTask): VikunjaTask {
  return {
    id: raw.id,
    project_id: raw.project_id,
    title: raw.title,
    description: raw.description ?? '',
    done: raw.done ?? false,
    done_at: normaliseDate(raw.done_at),
    due_date: normaliseDate(raw.due_date),
    start_date: normaliseDate(raw.start_date),
    end_date: normaliseDate(raw.end_date),
    priority: raw.priority ?? 0,
    percent_done: raw.percent_done ?? 0,
    hex_color: normaliseHexColor(raw.hex_color),
    repeat_after: raw.repeat_after ?? 0,
    repeat_mode: raw.repeat_mode ?? 0,
    is_favorite: raw.is_favorite ?? false,
    identifier: raw.identifier ?? '',
    index: raw.index ?? 0,
    position: raw.position ?? 0,
    bucket_id: raw.bucket_id ?? 0,
    cover_image_attachment_id: raw.cover_image_attachment_id ?? 0,
    assignees: (raw.assignees ?? []).map(convertUser),
    labels: (raw.labels ?? []).map(convertLabel),
    reminders: (raw.reminders ?? []).map(convertReminder),
    related_tasks: convertRelatedTasks(raw.related_tasks),
    created: normaliseDate(raw.created),
    updated: normaliseDate(raw.updated),
    created_by_id: raw.created_by?.id ?? null,
  };
}

/** Converts a raw view. */
export function convertView(raw: z.infer<typeof rawViewSchema>, projectId?: number): VikunjaView {
  return {
    id: raw.id,
    project_id: raw.project_id ?? projectId ?? 0,
    title: raw.title ?? '',
    view_kind: raw.view_kind === null || raw.view_kind === undefined ? '' : String(raw.view_kind),
    position: raw.position ?? 0,
    bucket_configuration_mode:
      raw.bucket_configuration_mode === null || raw.bucket_configuration_mode === undefined ? '' : String(raw.bucket_configuration_mode),
    default_bucket_id: raw.default_bucket_id ?? 0,
    done_bucket_id: raw.done_bucket_id ?? 0,
    filter: raw.filter ?? null,
  };
}

/** Converts a raw project. */
export function convertProject(raw: z.infer<typeof rawProjectSchema>): VikunjaProject {
  return {
    id: raw.id,
    title: raw.title,
    description: raw.description ?? '',
    identifier: raw.identifier ?? '',
    hex_color: normaliseHexColor(raw.hex_color),
    parent_project_id: raw.parent_project_id ?? 0,
    is_archived: raw.is_archived ?? false,
    position: raw.position ?? 0,
    views: (raw.views ?? []).map((view) => convertView(view, raw.id)),
  };
}

/** Converts a raw bucket. */
export function convertBucket(raw: z.infer<typeof rawBucketSchema>, viewId?: number): VikunjaBucket {
  return {
    id: raw.id,
    title: raw.title ?? '',
    project_view_id: raw.project_view_id ?? viewId ?? 0,
    position: raw.position ?? 0,
    limit: raw.limit ?? 0,
  };
}

/** Converts a raw comment. */
export function convertComment(raw: z.infer<typeof rawCommentSchema>): VikunjaComment {
  return {
    id: raw.id,
    comment: raw.comment ?? '',
    author: raw.author === null || raw.author === undefined ? null : convertUser(raw.author),
    created: normaliseDate(raw.created),
    updated: normaliseDate(raw.updated),
  };
}

/**
 * Parses `vMAJOR.MINOR.PATCH[-…]`. `dev` (a build without tags) is the newest; anything else unreadable is
 * treated as the oldest, so membank falls back to v1 read-modify-write, which every version supports.
 */
export function parseVikunjaVersion(version: string): { major: number; minor: number; patch: number; isDev: boolean } {
  const text = version.trim();
  const match = /^v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  if (match === null) return { major: 0, minor: 0, patch: 0, isDev: /^dev\b/i.test(text) };
  return { major: Number(match[1]), minor: Number(match[2]), patch: Number(match[3]), isDev: false };
}

/** Derives what membank will use from `/info`. */
export function deriveCapabilities(info: z.infer<typeof infoSchema>): Capabilities {
  const parsed = parseVikunjaVersion(info.version);
  const atLeast = (major: number, minor: number): boolean =>
    parsed.isDev || parsed.major > major || (parsed.major === major && parsed.minor >= minor);
  const pageSize = info.max_items_per_page;
  return {
    version: info.version,
    major: parsed.major,
    minor: parsed.minor,
    patch: parsed.patch,
    isDev: parsed.isDev,
    v2Patch: atLeast(2, 4),
    v2BulkCreate: atLeast(2, 5),
    maxItemsPerPage: pageSize !== null && pageSize !== undefined && pageSize > 0 ? Math.floor(pageSize) : 50,
    concurrentWrites: info.concurrent_writes ?? false,
    taskCommentsEnabled: info.task_comments_enabled ?? true,
    taskAttachmentsEnabled: info.task_attachments_enabled ?? true,
  };
}
