import type { GuardRecord } from './guards.js';
import type { InputProblem } from './task-record.js';

/** Outcome counts for one op kind. */
export interface OpCounts {
  planned: number;
  applied: number;
  failed: number;
  skipped: number;
  reverted: number;
}

/** One failed op, as the report shows it. */
export interface ReportError {
  opId: string;
  /** Source reference (`path#anchor`) or Vikunja target (`task:12`). */
  where: string;
  message: string;
}

/** A difference verify found between the plan and what Vikunja holds. */
export interface DriftItem {
  key: string;
  taskId: number | null;
  field: string;
  expected: unknown;
  actual: unknown;
}

/** A hand edit in Vikunja the run kept: the source still says what membank wrote last time. */
export interface KeptItem {
  key: string;
  source: string;
  taskId: number;
  fields: string[];
  /** One line for people: what was kept and why. */
  message: string;
}

/** Everything a run's report shows: built by `jobs/report.ts`, rendered by `src/report/`. */
export interface RunReport {
  runId: string;
  command: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
  dryRun: boolean;
  server: { url: string; version: string; api: 'v1' | 'v2' } | null;
  project: { title: string; id: number | null } | null;
  /** By op kind (`create`, `update`, `labels`…). */
  byKind: Record<string, OpCounts>;
  /** By source file: op kind → count of applied (or planned, for a dry run) ops. */
  byFile: Record<string, Record<string, number>>;
  errors: ReportError[];
  /** Input problems from discover/parse/validate. */
  problems: InputProblem[];
  /** HTTP requests by method, retries and rate-limit waits. */
  requests: { byMethod: Record<string, number>; total: number; retries: number; rateLimitWaits: number };
  verify: { ok: boolean; checked: number; drift: DriftItem[] } | null;
  /** Fields changed in Vikunja since the last run that the run kept (not written, not drift). */
  kept?: KeptItem[];
  /** The blast-radius guards' verdict (`src/core/guards.ts`): tripped guards an override let through, alerts. */
  guard?: GuardRecord;
  journal: { rows: number; pending: number; applied: number; failed: number; reverted: number };
  /** Files the report was written to (JSON, Markdown), relative to the working directory. */
  files: string[];
}
