import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { ExitCode, type MembankError, UsageError } from '../../core/errors.js';
import type { RunReport } from '../../core/report.js';
import type { JournalEntry, RunRecord, StateStore } from '../../core/store.js';
import {
  createTextStyle,
  formatDuration,
  formatTimestamp,
  measureDurationMs,
  pluralise,
  fitToWidth,
  renderTerminalSummary,
  renderTextTable,
  styleStatus,
  truncateText,
} from '../../report/index.js';
import type { TextStyle } from '../../report/index.js';
import { openFile } from '../open-file.js';
import type { CliContext, GlobalOptions } from '../command.js';
import { openExistingStore, redactDeep, resolveStoreSettings, shouldUseColor, summariseRunCounts, terminalColumns } from './runs.js';

/** Arguments of `membank show`. */
export interface ShowArgs {
  runId: string;
  state?: string | undefined;
  journal?: boolean | undefined;
  open?: boolean | undefined;
}

const opCountsSchema = z.object({
  planned: z.number(),
  applied: z.number(),
  failed: z.number(),
  skipped: z.number(),
  reverted: z.number(),
});

/** Shape of a saved `report.json` (checked before it is rendered). */
const runReportSchema = z.object({
  runId: z.string(),
  command: z.string(),
  status: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().nullable(),
  durationMs: z.number().nullable(),
  dryRun: z.boolean(),
  server: z.object({ url: z.string(), version: z.string(), api: z.enum(['v1', 'v2']) }).nullable(),
  project: z.object({ title: z.string(), id: z.number().nullable() }).nullable(),
  byKind: z.record(z.string(), opCountsSchema),
  byFile: z.record(z.string(), z.record(z.string(), z.number())),
  errors: z.array(z.object({ opId: z.string(), where: z.string(), message: z.string() })),
  problems: z.array(
    z.object({
      severity: z.enum(['error', 'warning']),
      code: z.string(),
      file: z.string(),
      line: z.number().nullable(),
      message: z.string(),
      received: z.string().nullable(),
      fix: z.string(),
    }),
  ),
  requests: z.object({
    byMethod: z.record(z.string(), z.number()),
    total: z.number(),
    retries: z.number(),
    rateLimitWaits: z.number(),
  }),
  verify: z
    .object({
      ok: z.boolean(),
      checked: z.number(),
      drift: z.array(
        z.object({ key: z.string(), taskId: z.number().nullable(), field: z.string(), expected: z.unknown(), actual: z.unknown() }),
      ),
    })
    .nullable(),
  journal: z.object({ rows: z.number(), pending: z.number(), applied: z.number(), failed: z.number(), reverted: z.number() }),
  files: z.array(z.string()),
});

/** Where `show` looks for a run's saved report: `<dir of the state file>/reports/<run-id>/report.json`. */
export function locateReportFile(statePath: string, runId: string): string | null {
  if (statePath === ':memory:') return null;
  return join(dirname(statePath), 'reports', runId, 'report.json');
}

/** Reads and checks a saved report; returns the problem instead when it is missing fields or not JSON. */
export function readReportFile(path: string): { report: RunReport } | { problem: string } {
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return { problem: `cannot read it as JSON: ${(error as Error).message}` };
  }
  const parsed = runReportSchema.safeParse(data);
  if (!parsed.success) {
    const issues = parsed.error.issues.slice(0, 3).map((issue) => `${issue.path.join('.') || '(top level)'}: ${issue.message}`);
    return { problem: `it is not a membank run report (${issues.join('; ')})` };
  }
  return { report: parsed.data as RunReport };
}

function unknownRun(runId: string, statePath: string, exists: boolean): MembankError {
  const where = exists ? statePath : `${statePath} (the state store does not exist)`;
  return new UsageError(`no run ${runId} in ${where}; \`membank runs\` lists them`, {
    details: { runId, statePath },
  });
}

function describeOp(entry: JournalEntry): Record<string, unknown> {
  return {
    seq: entry.seq,
    opId: entry.opId,
    job: entry.job,
    kind: entry.kind,
    target: entry.target,
    status: entry.status,
    remoteId: entry.remoteId,
    error: entry.error,
    startedAt: entry.startedAt,
    finishedAt: entry.finishedAt,
  };
}

function renderRunHeader(run: RunRecord, style: TextStyle): string[] {
  const field = (label: string, value: string): string => `  ${style.dim(label.padEnd(10))}${value}`;
  const duration =
    run.finishedAt === null ? (run.status === 'running' ? 'still running' : 'not finished') : `took ${formatDuration(measureDurationMs(run.startedAt, run.finishedAt))}`;
  const lines = [
    `${style.bold(`membank ${run.command}`)} · run ${style.bold(run.id)} · ${styleStatus(style, run.status)}`,
    field('started', `${formatTimestamp(run.startedAt)}  (${duration})`),
  ];
  if (run.finishedAt !== null) lines.push(field('finished', formatTimestamp(run.finishedAt)));
  lines.push(field('summary', summariseRunCounts(run.summary)));
  if (run.error !== null) lines.push(field('error', style.red(truncateText(run.error, 200))));
  return lines;
}

function renderOps(entries: readonly JournalEntry[], style: TextStyle): string[] {
  if (entries.length === 0) return [style.bold('Operations'), `  ${style.dim('none journaled')}`];
  const byStatus = new Map<string, number>();
  for (const entry of entries) byStatus.set(entry.status, (byStatus.get(entry.status) ?? 0) + 1);
  const counts = [...byStatus.entries()].map(([status, n]) => `${n} ${status}`).join(', ');
  const table = renderTextTable(
    [
      ['OP', 'KIND', 'TARGET', 'STATUS', 'REMOTE', 'ERROR'].map((h) => style.dim(h)),
      ...entries.map((entry) => [
        entry.opId,
        entry.kind,
        entry.target,
        styleStatus(style, entry.status),
        entry.remoteId ?? '—',
        entry.error === null ? '' : style.red(truncateText(entry.error, 80)),
      ]),
    ],
    { indent: '  ' },
  );
  return [`${style.bold('Operations')} (${pluralise(entries.length, 'op')}: ${counts})`, ...table];
}

function renderJournal(entries: readonly JournalEntry[], style: TextStyle): string[] {
  if (entries.length === 0) return [style.bold('Journal'), `  ${style.dim('no rows')}`];
  const table = renderTextTable(
    [
      ['SEQ', 'TIME (UTC)', 'STATUS', 'KIND', 'OP', 'TARGET', 'REMOTE', 'DURATION', 'ERROR'].map((h) => style.dim(h)),
      ...entries.map((entry) => [
        String(entry.seq),
        formatTimestamp(entry.finishedAt ?? entry.startedAt),
        styleStatus(style, entry.status),
        entry.kind,
        entry.opId,
        entry.target,
        entry.remoteId ?? '—',
        entry.durationMs === null ? '' : formatDuration(entry.durationMs),
        [entry.byRunId === null ? '' : `by ${entry.byRunId}`, entry.error === null ? '' : style.red(truncateText(entry.error, 80))]
          .filter((part) => part !== '')
          .join(' '),
      ]),
    ],
    { indent: '  ', align: ['right'] },
  );
  return [`${style.bold('Journal')} (${pluralise(entries.length, 'row')}, oldest first)`, ...table];
}

function showRun(
  store: StateStore,
  run: RunRecord,
  statePath: string,
  secrets: readonly string[],
  args: ShowArgs,
  ctx: CliContext,
): number {
  const style = createTextStyle(ctx.color ?? shouldUseColor(ctx.io, ctx.json));
  const reportFile = locateReportFile(statePath, run.id);
  let report: RunReport | null = null;
  let reportProblem: string | null = null;
  if (reportFile !== null && existsSync(reportFile)) {
    const read = readReportFile(reportFile);
    if ('report' in read) report = redactDeep(read.report, secrets);
    else reportProblem = `report file ${reportFile}: ${read.problem}; showing the journal view instead`;
  }
  if (reportProblem !== null) {
    ctx.log.warn({ event: 'report.unreadable', file: reportFile, problem: reportProblem });
    if (!ctx.json) ctx.io.stderr.write(`membank: ${reportProblem}\n`);
  }

  const current = redactDeep(store.journal.currentEntries(run.id), secrets);
  const all = args.journal === true ? redactDeep(store.journal.entries(run.id), secrets) : null;

  const human: string[] = [];
  if (report !== null) {
    human.push(renderTerminalSummary(report, { color: ctx.color ?? shouldUseColor(ctx.io, ctx.json) }).trimEnd());
    if (report.status !== run.status) {
      human.push('', style.yellow(`note: the run is now ${run.status} (the report was written when it was ${report.status})`));
    }
  } else {
    human.push(...renderRunHeader(run, style), '', ...renderOps(current, style));
    if (reportProblem === null) {
      human.push('', style.dim(reportFile === null ? 'no report file (in-memory state store)' : `no report file at ${reportFile}`));
    }
  }
  if (all !== null) human.push('', ...renderJournal(all, style));

  const value: Record<string, unknown> = {
    statePath,
    run,
    reportFile: report === null ? null : reportFile,
    report,
    ops: current.map(describeOp),
  };
  if (all !== null) value['journal'] = all;
  ctx.print(value, human.flatMap((block) => block.split('\n')).map((line) => fitToWidth(line, terminalColumns(ctx.io.stdout))).join('\n'));
  return ExitCode.ok;
}

/** Where a run's HTML report page is: beside its report.json. */
export function locateReportPage(statePath: string, runId: string): string | null {
  const json = locateReportFile(statePath, runId);
  return json === null ? null : join(dirname(json), 'report.html');
}

/**
 * `--open`: opens the run's report.html with the platform's opener (detached: membank does not wait). Where nothing
 * can open it, says why and prints the path; a run without a page (saved by an older membank, or an in-memory
 * store) is exit 1.
 */
async function openReportPage(statePath: string, runId: string, ctx: CliContext): Promise<number> {
  const page = locateReportPage(statePath, runId);
  if (page === null || !existsSync(page)) {
    ctx.io.stderr.write(
      `membank: run ${runId} has no report page${page === null ? ' (in-memory state store)' : ` at ${page} (runs saved before membank wrote report.html have none)`}\n`,
    );
    return ExitCode.failed;
  }
  const result = await openFile(page, { platform: process.platform, env: ctx.io.env });
  ctx.log.info({ event: 'report.open', path: page, ...result });
  ctx.io.stderr.write(result.opened ? `membank: opened ${page} with ${result.command}\n` : `membank: not opening the report page: ${result.reason}; it is at ${page}\n`);
  return ExitCode.ok;
}

/**
 * `membank show` once its arguments are parsed: shows one run's report or journal. Its definition (show-command.ts)
 * loads this module when it runs.
 */
export async function runShow(args: ShowArgs & GlobalOptions, ctx: CliContext): Promise<number> {
  const runId = String(args.runId);
  const { statePath, secrets } = resolveStoreSettings(args, ctx.io);
  const store = openExistingStore(statePath);
  if (store === null) throw unknownRun(runId, statePath, false);
  try {
    const run = store.runs.get(runId);
    if (run === undefined) throw unknownRun(runId, statePath, true);
    const code = showRun(store, redactDeep(run, secrets), statePath, secrets, args, ctx);
    return args.open === true ? await openReportPage(statePath, run.id, ctx) : code;
  } finally {
    store.close();
  }
}

export { showCommand } from './show-command.js';
