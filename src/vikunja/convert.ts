/**
 * Conversion of Vikunja's raw responses (as validated by `schemas.ts`) to the domain types of
 * `src/core/vikunja.ts`, and version parsing. No zod here: the client needs these before any response schema is
 * loaded (request bodies, the capability rules), and `schemas.ts` is loaded with the first response to validate.
 */
import type { z } from 'zod';
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
import type {
  infoSchema,
  RawTask,
  rawBucketSchema,
  rawCommentSchema,
  rawLabelSchema,
  rawProjectSchema,
  rawUserSchema,
  rawViewSchema,
} from './schemas.js';

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

function convertReminder(raw: NonNullable<RawTask['reminders']>[number]): VikunjaReminder {
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
