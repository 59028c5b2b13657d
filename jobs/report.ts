/**
 * report: builds a run's report from the journal, the plan and the client's request counters. Read-only.
 */
import { defineJob, type JobContext } from '../src/core/job.js';
import type { KeptEdit, Plan } from '../src/core/plan.js';
import type { OpCounts, ReportError, RunReport } from '../src/core/report.js';
import type { JournalEntry, RunRecord } from '../src/core/store.js';
import type { InputProblem } from '../src/core/task-record.js';
import type { VikunjaStats } from '../src/core/vikunja.js';

/** What the report is built from. */
export interface ReportInput {
  run: RunRecord;
  plan: Plan | null;
  journal: readonly JournalEntry[];
  /** Ops refused or failed before they reached the journal (stale plan items). */
  errors: readonly ReportError[];
  problems: readonly InputProblem[];
  stats: VikunjaStats | null;
  verify: RunReport['verify'];
  dryRun: boolean;
}

function emptyCounts(): OpCounts {
  return { planned: 0, applied: 0, failed: 0, skipped: 0, reverted: 0 };
}

function opKindOf(opId: string): string {
  const kind = opId.split(':')[0] ?? opId;
  return kind === 'bulk_create' ? 'create' : kind;
}

/** How many ops one journal entry stands for (a bulk create stands for each task it created). */
function countOps(entry: JournalEntry): number {
  if (!entry.opId.startsWith('bulk_create:')) return 1;
  const created = (entry.postImage as { created?: unknown[] } | null)?.created;
  if (Array.isArray(created)) return created.length;
  const image = entry.preImage as { op?: unknown[] } | null;
  return Array.isArray(image?.op) ? image.op.length : 1;
}

function sourcesOf(entry: JournalEntry, sourceOf: ReadonlyMap<string, string>): string[] {
  if (!entry.opId.startsWith('bulk_create:')) {
    const file = sourceOf.get(entry.opId);
    return file === undefined ? [] : [file];
  }
  const ops = (entry.preImage as { op?: Array<{ source?: string }> } | null)?.op ?? [];
  return ops.flatMap((op) => (op.source === undefined ? [] : [op.source.split('#')[0] ?? op.source]));
}

/** "tasks.md#A-1 (task #12): due_date changed in Vikunja since the last run — kept". */
export function describeKept(item: KeptEdit): string {
  return `${item.source} (task #${item.taskId}): ${item.fields.map((field) => field.field).join(', ')} changed in Vikunja since the last run — kept`;
}

/** Builds a RunReport (pure). */
export function buildReport(input: ReportInput): RunReport {
  const byKind: Record<string, OpCounts> = {};
  const byFile: Record<string, Record<string, number>> = {};
  const counts = (kind: string): OpCounts => (byKind[kind] ??= emptyCounts());
  const sourceOf = new Map<string, string>();
  for (const op of input.plan?.ops ?? []) {
    const counter = counts(op.kind);
    counter.planned += 1;
    if (op.kind === 'skip' || op.kind === 'adopt') counter.skipped += op.kind === 'skip' ? 1 : 0;
    if ('source' in op) sourceOf.set(op.id, op.source.split('#')[0] ?? op.source);
    if (input.dryRun && 'source' in op) {
      const file = op.source.split('#')[0] ?? op.source;
      const perFile = (byFile[file] ??= {});
      perFile[op.kind] = (perFile[op.kind] ?? 0) + 1;
    }
  }
  const latest = new Map<string, JournalEntry>();
  for (const entry of input.journal) latest.set(entry.opId, entry);
  const journal = { rows: input.journal.length, pending: 0, applied: 0, failed: 0, reverted: 0 };
  const errors: ReportError[] = [...input.errors];
  for (const entry of latest.values()) {
    journal[entry.status] += 1;
    const kind = opKindOf(entry.opId);
    const counter = counts(kind);
    const n = countOps(entry);
    if (entry.status === 'applied') counter.applied += n;
    if (entry.status === 'failed') {
      counter.failed += n;
      errors.push({ opId: entry.opId, where: sourceOf.get(entry.opId) ?? entry.target, message: entry.error ?? 'failed' });
    }
    if (entry.status === 'reverted') counter.reverted += n;
    if (entry.status === 'applied') {
      for (const file of sourcesOf(entry, sourceOf)) {
        const perFile = (byFile[file] ??= {});
        perFile[kind] = (perFile[kind] ?? 0) + 1;
      }
    }
  }
  for (const error of input.errors) {
    const counter = counts(opKindOf(error.opId));
    counter.failed += 1;
  }
  const byMethod = input.stats?.requests ?? {};
  const started = Date.parse(input.run.startedAt);
  const finished = input.run.finishedAt === null ? null : Date.parse(input.run.finishedAt);
  return {
    runId: input.run.id,
    command: input.run.command,
    status: input.run.status,
    startedAt: input.run.startedAt,
    finishedAt: input.run.finishedAt,
    durationMs: finished === null ? null : finished - started,
    dryRun: input.dryRun,
    server: input.plan?.server ?? null,
    project: input.plan === null ? null : { title: input.plan.project.title, id: input.plan.project.id },
    byKind,
    byFile,
    errors,
    problems: [...input.problems],
    requests: {
      byMethod: { ...byMethod },
      total: Object.values(byMethod).reduce((sum, n) => sum + n, 0),
      retries: input.stats?.retries ?? 0,
      rateLimitWaits: input.stats?.rateLimitWaits ?? 0,
    },
    verify: input.verify,
    kept: (input.plan?.kept ?? []).map((item) => ({
      key: item.key,
      source: item.source,
      taskId: item.taskId,
      fields: item.fields.map((field) => field.field),
      message: describeKept(item),
    })),
    journal,
    files: [],
  };
}

/** The report job: read-only, returns the report and no ops. */
export const reportJob = defineJob<ReportInput, RunReport, never, JobContext>({
  name: 'report',
  describe: "Summarise a run: counts by op and file, errors, retries, requests by method, duration",
  async plan(_ctx, input) {
    return { output: buildReport(input), ops: [] };
  },
});
