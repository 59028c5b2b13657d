/**
 * The MCP tools' input and output schemas (zod): inputs are strict (an unknown argument is an error naming it),
 * outputs are what each tool returns as `structuredContent`.
 */
import { z } from 'zod';
import { syncFields } from '../core/three-way.js';

/** The sides a conflict can be settled for. */
export const sides = ['memory-bank', 'vikunja'] as const;

/** The statuses `list_tasks` filters by: open/done from the done flag, the others from the Kanban bucket. */
export const taskStatuses = ['open', 'done', 'todo', 'doing', 'blocked'] as const;

/** `sync_now` input. */
export const syncNowInput = z.strictObject({
  dry_run: z.boolean().optional().describe('Plan only: print both directions and write nothing anywhere (default false)'),
  allow_mass_change: z
    .boolean()
    .optional()
    .describe('Go ahead when a blast-radius guard trips (many tasks closed/deleted, far fewer files or items than last time); default false: refused, nothing written'),
});

/** `get_sync_status` and `plan` take no input. */
export const emptyInput = z.strictObject({});

/** `list_tasks` input. */
export const listTasksInput = z.strictObject({
  status: z.enum(taskStatuses).optional().describe('open (not done), done, or the Kanban bucket: todo, doing, blocked'),
  label: z.string().min(1).optional().describe('Only tasks carrying this label (case-insensitive)'),
  text: z.string().min(1).optional().describe('Only tasks whose title or source file contains this text (case-insensitive)'),
  limit: z.number().int().min(1).max(1000).optional().describe('At most this many tasks (default 100)'),
});

/** `resolve_conflict` input. */
export const resolveConflictInput = z.strictObject({
  task: z
    .union([z.number().int().positive(), z.string().min(1)])
    .describe('The task: its Vikunja id (12 or "#12") or its memory-bank key, as get_sync_status or sync_now list it'),
  field: z.enum(syncFields).describe('The field in conflict'),
  side: z.enum(sides).describe('Whose value both sides should hold: memory-bank or vikunja'),
});

const conflict = z.object({
  key: z.string(),
  source: z.string(),
  taskId: z.number(),
  field: z.string(),
  base: z.unknown().optional(),
  memoryBank: z.unknown().optional(),
  vikunja: z.unknown().optional(),
});

const write = z.object({
  side: z.enum(['vikunja', 'memory-bank']),
  kind: z.string(),
  where: z.string(),
  taskId: z.number().nullable(),
  fields: z.array(z.string()),
});

const failure = z.object({ opId: z.string(), where: z.string(), message: z.string() });

/** What `sync_now` and `plan` return. */
export const syncOutput = z.object({
  dryRun: z.boolean(),
  runId: z.string().nullable(),
  status: z.string().describe('The run status (succeeded, failed, interrupted), or "planned" for a dry run'),
  exitCode: z.number().describe('What `membank sync` would exit with: 0 ok (conflicts are listed, not a failure), 1 a write failed'),
  project: z.object({ title: z.string(), id: z.number().nullable() }),
  summary: z.record(z.string(), z.number()),
  toVikunja: z.number(),
  toMemoryBank: z.number(),
  bySide: z
    .object({ vikunja: z.record(z.string(), z.number()), 'memory-bank': z.record(z.string(), z.number()) })
    .describe('The sync\'s writes by side and kind (update, create, labels, file-edit…); `failures` lists any that failed'),
  writes: z.array(write),
  conflicts: z.array(conflict),
  failures: z.array(failure),
  notes: z.array(z.object({ source: z.string(), note: z.string() })),
  guard: z.record(z.string(), z.unknown()).nullable().describe('The blast-radius guards\' verdict on this run (null for a dry run)'),
});

const runSummary = z.object({
  id: z.string(),
  command: z.string(),
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  error: z.string().nullable(),
  counts: z.record(z.string(), z.number()),
});

/** What `get_sync_status` returns. */
export const statusOutput = z.object({
  bank: z.string(),
  project: z.string(),
  lastRun: runSummary.nullable(),
  lastSync: runSummary.nullable(),
  lastSuccessfulSync: runSummary.nullable(),
  lagSeconds: z.number().nullable().describe('Seconds since the last successful sync finished; null: never synced'),
  runningNow: z.string().nullable().describe('The run holding the lock now, if any'),
  pendingConflicts: z.array(conflict),
  conflictsAsOf: z.string().nullable().describe('The sync run the pending conflicts come from'),
  guard: z
    .object({ runId: z.string(), command: z.string(), status: z.string(), finishedAt: z.string().nullable(), guard: z.record(z.string(), z.unknown()) })
    .nullable()
    .describe('The newest run of this bank that left a blast-radius guard verdict (tripped, overridden, alerted or clean)'),
  notes: z.array(z.string()),
});

/** What `list_tasks` returns. */
export const listTasksOutput = z.object({
  project: z.object({ title: z.string(), id: z.number().nullable() }),
  total: z.number().describe('Tasks matching the filters before the limit'),
  tasks: z.array(
    z.object({
      id: z.number(),
      identifier: z.string(),
      title: z.string(),
      done: z.boolean(),
      bucket: z.string().nullable(),
      labels: z.array(z.string()),
      priority: z.number(),
      due: z.string().nullable(),
      key: z.string().nullable().describe('The memory-bank item the task is synced with'),
      source: z.string().nullable().describe('file:line of that item in the bank (relative to the bank root)'),
    }),
  ),
});

/** What `resolve_conflict` returns. */
export const resolveOutput = z.object({
  resolved: z.boolean(),
  runId: z.string().nullable(),
  status: z.string(),
  task: z.object({ key: z.string(), source: z.string(), taskId: z.number() }),
  field: z.string(),
  side: z.enum(sides),
  value: z.unknown().optional().describe('The value both sides now hold'),
  writes: z.array(write),
  failures: z.array(failure),
  notes: z.array(z.string()),
  remainingConflicts: z.array(conflict).describe('Conflicts still pending on this task'),
});

/** `restore` input. */
export const restoreInput = z.strictObject({
  dry_run: z.boolean().default(true).describe('Show a unified diff per file and write nothing (default true: pass false to write)'),
  at: z.string().min(1).optional().describe('Restore the snapshot of this run id instead of the latest successful one'),
  force: z.boolean().optional().describe('Overwrite existing files whose content differs (default false: they are left alone)'),
  from_vikunja: z.boolean().optional().describe('Regenerate the Markdown from the tasks in Vikunja instead of the stored snapshot'),
});

/** What `restore` returns. */
export const restoreOutput = z.object({
  source: z.enum(['store', 'vikunja']),
  dir: z.string(),
  dryRun: z.boolean(),
  force: z.boolean(),
  runId: z.string().nullable(),
  project: z.object({ id: z.number(), title: z.string() }).nullable(),
  files: z.array(
    z.object({
      path: z.string(),
      action: z.enum(['create', 'overwrite', 'unchanged', 'differs']),
      written: z.boolean(),
      sha256: z.string(),
      currentSha256: z.string().nullable(),
      size: z.number(),
      diff: z.string().nullable(),
    }),
  ),
  counts: z.object({ create: z.number(), overwrite: z.number(), unchanged: z.number(), differs: z.number() }),
  tasks: z.object({ placed: z.number(), unsourced: z.number() }).nullable(),
  notes: z.array(z.string()),
});
