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
  exitCode: z.number().describe('What `membank sync` would exit with: 0 ok, 1 failed, 6 a conflict is pending'),
  project: z.object({ title: z.string(), id: z.number().nullable() }),
  summary: z.record(z.string(), z.number()),
  toVikunja: z.number(),
  toMemoryBank: z.number(),
  writes: z.array(write),
  conflicts: z.array(conflict),
  failures: z.array(failure),
  notes: z.array(z.object({ source: z.string(), note: z.string() })),
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
  guard: z.record(z.string(), z.unknown()).nullable().describe('The last guard check, when guards are available'),
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
