import { z } from 'zod';

/** The canonical states live in `task-status.ts` (no zod at import); re-exported for existing importers. */
export { TaskStatus, type TaskStatusValue } from './task-status.js';

/** zod schema for a canonical status. */
export const taskStatusSchema = z.enum([
  'todo',
  'planned',
  'in_progress',
  'blocked',
  'done',
  'cancelled',
  'deferred',
  'unknown',
]);

/** Where an extracted item came from. `line` is for messages only and never part of a key. */
export const sourceRefSchema = z.object({
  /** Path relative to the scanned root, POSIX separators. */
  path: z.string().min(1),
  /** 1-based line of the item's first line. */
  line: z.number().int().positive(),
  /** Human-readable anchor inside the file (task id, heading slug path, table row id). */
  anchor: z.string(),
});
export type SourceRef = z.infer<typeof sourceRefSchema>;

/** Date-only (`2026-03-12`) or full RFC 3339 string, kept as the author wrote it after normalisation. */
const dateStringSchema = z.string().regex(/^\d{4}-\d{2}-\d{2}(?:[T ][\d:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/);

/** A progress-log entry that becomes a Vikunja comment. */
export const progressEntrySchema = z.object({
  date: dateStringSchema.nullable(),
  text: z.string(),
  line: z.number().int().positive(),
});
export type ProgressEntry = z.infer<typeof progressEntrySchema>;

/**
 * One normalised task, whatever convention it was written in. Produced by `parse`, consumed by `plan`.
 */
export const taskRecordSchema = z.object({
  /** Stable key: survives edits elsewhere in the file; see docs/keys.md. */
  key: z.string().min(1),
  source: sourceRefSchema,
  /** Title as shown in Vikunja; a source id (PM-003, TASK004) stays visible in it. */
  title: z.string().min(1),
  /** Markdown body (may be empty). */
  body: z.string(),
  status: z.object({
    canonical: taskStatusSchema,
    /** The status text as written (null when the status was implied, e.g. by a section heading). */
    raw: z.string().nullable(),
    /** Where the status came from: `checkbox`, `table-cell`, `bold-field`, `frontmatter`, `section`, `folder`, `heading`, `inline`, `json`, `default`. */
    from: z.string(),
  }),
  priority: z.object({
    /** Vikunja scale: 1 low, 2 medium, 3 high, 4 urgent, 5 do now; null = not given (never written as 0). */
    value: z.number().int().min(1).max(5).nullable(),
    raw: z.string().nullable(),
  }),
  dates: z.object({
    due: dateStringSchema.nullable(),
    start: dateStringSchema.nullable(),
    done: dateStringSchema.nullable(),
    created: dateStringSchema.nullable(),
    updated: dateStringSchema.nullable(),
  }),
  /** Label titles, exact (deduplicated, order kept). */
  labels: z.array(z.string().min(1)),
  owner: z.string().nullable(),
  /** The id the author gave the task (`PM-003`, `TASK004`, `1.2`), if any. */
  sourceId: z.string().nullable(),
  /** Key of the parent task (subtask hierarchy), if any. */
  parentKey: z.string().nullable(),
  /** Source order within the bank: used for Vikunja `position`. */
  order: z.number().int().nonnegative(),
  /** 0..1, when the source said so. */
  percentDone: z.number().min(0).max(1).nullable(),
  /** Which extractor produced the record (for `--explain`). */
  extractor: z.string(),
  /** Metadata Vikunja has no field for: rendered into the provenance footer. */
  extra: z.record(z.string(), z.string()),
  /** Progress-log entries (become comments). */
  progress: z.array(progressEntrySchema),
  /** Other places the same task was seen (index lines, progress lists) after merging. */
  alsoSeenAt: z.array(sourceRefSchema),
});
export type TaskRecord = z.infer<typeof taskRecordSchema>;

/** Severity of a reported problem: errors fail `validate` (exit 3); warnings are informational. */
export type ProblemSeverity = 'error' | 'warning';

/** A problem found while reading a memory bank: file, line, what was received, and the fix. */
export interface InputProblem {
  severity: ProblemSeverity;
  /** Stable short code, e.g. `yaml-invalid`, `not-utf8`, `status-unknown`, `status-conflict`. */
  code: string;
  file: string;
  line: number | null;
  message: string;
  received: string | null;
  fix: string;
}
