/**
 * The canonical task states as plain constants, without the zod schemas of `task-record.ts`: the parser needs the
 * names, and a fresh process reading a bank should not pay for building schemas (bench/parse, cold corpus).
 */

/**
 * Canonical task states. Vikunja only has done/not done plus buckets; the rest become buckets or labels
 * through the mapping rules.
 */
export const TaskStatus = {
  todo: 'todo',
  planned: 'planned',
  inProgress: 'in_progress',
  blocked: 'blocked',
  done: 'done',
  cancelled: 'cancelled',
  deferred: 'deferred',
  unknown: 'unknown',
} as const;

/** One canonical task state (`todo`, `in_progress`, `done`, …). */
export type TaskStatusValue = (typeof TaskStatus)[keyof typeof TaskStatus];
