import { readdir, rm, stat } from 'node:fs/promises';
import { dirname, join, relative } from 'node:path';
import { ExitCode, type ExitCodeValue } from '../core/errors.js';
import type { RunReport } from '../core/report.js';
import { fitToWidth, renderTerminalSummary, type RunPageOptions, writeReportFiles } from '../report/index.js';
import type { CliContext } from './command.js';
import { shouldUseColor, terminalColumns } from './commands/runs.js';
import { createProgress } from './progress.js';
import { createNodeReportWriter } from './report-writer.js';

/**
 * Report folders are named by run id (`2026-11-21T13-40-00Z-k3x9q2`). The id sorts by start time only to the
 * second (the suffix is random), so folders are ordered by when they were written, the name breaking ties.
 */
const reportFolderPattern = /^\d{4}-\d\d-\d\dT\d\d-\d\d-\d\dZ-[0-9a-z]+$/;

/**
 * Removes the oldest report folders under `reportsDir` so that at most `keep` remain. Only folders named
 * like a run id are touched; anything else a user put there stays. Returns the removed folder names.
 */
export async function pruneReports(reportsDir: string, keep: number, current: string): Promise<string[]> {
  let entries: string[];
  try {
    entries = await readdir(reportsDir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const names = entries.filter((name) => reportFolderPattern.test(name) && name !== current);
  const runs = await Promise.all(
    names.map(async (name) => ({ name, written: (await stat(join(reportsDir, name))).mtimeMs })),
  );
  runs.sort((a, b) => a.written - b.written || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const excess = runs.slice(0, Math.max(0, runs.length - (keep - 1))).map((run) => run.name);
  for (const name of excess) await rm(join(reportsDir, name), { recursive: true, force: true });
  return excess;
}

/**
 * Writes `report.json`, `report.md` and `report.html` beside the state store, under `reports/<run-id>/`, then keeps
 * only the newest `keep` report folders (config `reports.keep`, default 20). `page` gives the HTML page its ops.
 */
export async function saveReport(report: RunReport, statePath: string, cwd: string, keep = 20, page: RunPageOptions = {}): Promise<RunReport> {
  if (statePath === ':memory:') return report;
  const reportsDir = join(dirname(statePath), 'reports');
  const dir = join(reportsDir, report.runId);
  const files = await writeReportFiles(report, dir, createNodeReportWriter(), page);
  const withFiles = { ...report, files: files.map((file) => relative(cwd, file) || file) };
  await writeReportFiles(withFiles, dir, createNodeReportWriter(), page);
  await pruneReports(reportsDir, keep, report.runId);
  return withFiles;
}

/**
 * The problems of a run, one line each, for `--quiet`: failed ops, verify drift, input errors, and a run that
 * did not succeed. Empty for a clean run.
 */
export function listReportProblems(report: RunReport): string[] {
  const lines = [
    ...report.errors.map((error) => `${report.runId}: ${error.where}: ${error.message}`),
    ...(report.verify?.drift ?? []).map(
      (item) => `${report.runId}: verify: ${item.key}${item.taskId === null ? '' : ` (task ${item.taskId})`} ${item.field} differs in Vikunja`,
    ),
    ...report.problems
      .filter((problem) => problem.severity === 'error')
      .map((problem) => `${problem.file}${problem.line === null ? '' : `:${problem.line}`}: ${problem.message}`),
  ];
  if (lines.length === 0 && report.status !== 'succeeded') lines.push(`${report.runId}: run ${report.status}`);
  return lines;
}

/**
 * The exit code of a write run, the one mapping the write commands share: stopped because Vikunja became
 * unavailable → 5 (re-run to resume); stopped by Ctrl-C → 130; items refused as stale → 6; anything else that
 * did not succeed → 1.
 */
export function exitCodeForRun(outcome: {
  run: { status: string };
  loop: { stoppedBy: 'signal' | 'server-unavailable' | null; failures: ReadonlyArray<{ outcome: 'refused' | 'failed' }> };
}): ExitCodeValue {
  if (outcome.loop.stoppedBy === 'server-unavailable') return ExitCode.serverUnavailable;
  if (outcome.loop.stoppedBy === 'signal') return ExitCode.interrupted;
  if (outcome.loop.failures.some((failure) => failure.outcome === 'refused')) return ExitCode.conflict;
  return outcome.run.status === 'succeeded' ? ExitCode.ok : ExitCode.failed;
}

/** Cuts each line of human text to the width of the terminal `stream` writes to (unchanged in a pipe). */
export function fitText(text: string, stream: { isTTY?: boolean; columns?: number | undefined }): string {
  const columns = terminalColumns(stream);
  return columns === undefined ? text : text.split('\n').map((line) => fitToWidth(line, columns)).join('\n');
}

/** Prints a run report: JSON with --json, one line per problem with --quiet, else the terminal summary. */
export function printReport(ctx: CliContext, report: RunReport): void {
  if (ctx.quiet === true) {
    for (const line of listReportProblems(report)) ctx.io.stderr.write(`membank: ${line}\n`);
    return;
  }
  ctx.print(
    report,
    renderTerminalSummary(report, { color: ctx.color ?? shouldUseColor(ctx.io, ctx.json), columns: terminalColumns(ctx.io.stdout) }),
  );
}

/** A progress callback drawing on stderr (a bar on a TTY, periodic lines otherwise); none with --json. */
export function createRunProgress(
  ctx: CliContext,
  label: string,
): ((done: number, total: number, writes?: { done: number; total: number }) => void) | undefined {
  if (ctx.json || ctx.quiet === true) return undefined;
  let progress: ReturnType<typeof createProgress> | undefined;
  let reported = 0;
  return (done, total, writes) => {
    progress ??= createProgress({
      stream: ctx.io.stderr,
      isTTY: ctx.io.stderr.isTTY === true,
      total,
      label,
      ...(terminalColumns(ctx.io.stderr) === undefined ? {} : { columns: terminalColumns(ctx.io.stderr) }),
    });
    // The ETA counts writes (requests) when the loop tells them: a bulk create is one write for many ops.
    if (writes !== undefined) progress.work(writes.done, writes.total);
    progress.tick(done - reported);
    reported = done;
    if (done >= total) progress.done();
  };
}
