/**
 * zod schemas for the Vikunja responses membank reads (their conversion to the domain types of
 * `src/core/vikunja.ts` is in `convert.ts`). Lenient by design: unknown keys pass through (newer servers add fields), `null`
 * is accepted wherever Vikunja serialises empty values as `null`, and only the fields membank relies on
 * are required. A response that still does not match is a `FatalApiError` naming the path and the issue.
 */
import { z } from 'zod';
import { FatalApiError } from '../core/errors.js';

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
