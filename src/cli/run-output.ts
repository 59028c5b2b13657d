import { dirname, join, relative } from 'node:path';
import type { RunReport } from '../core/report.js';
import { renderTerminalSummary, writeReportFiles } from '../report/index.js';
import type { CliContext } from './command.js';
import { shouldUseColor } from './commands/runs.js';
import { createProgress } from './progress.js';
import { createNodeReportWriter } from './report-writer.js';

/** Writes `report.json` and `report.md` beside the state store, under `reports/<run-id>/`. */
export async function saveReport(report: RunReport, statePath: string, cwd: string): Promise<RunReport> {
  if (statePath === ':memory:') return report;
  const dir = join(dirname(statePath), 'reports', report.runId);
  const files = await writeReportFiles(report, dir, createNodeReportWriter());
  const withFiles = { ...report, files: files.map((file) => relative(cwd, file) || file) };
  await writeReportFiles(withFiles, dir, createNodeReportWriter());
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

/** Prints a run report: JSON with --json, one line per problem with --quiet, else the terminal summary. */
export function printReport(ctx: CliContext, report: RunReport): void {
  if (ctx.quiet === true) {
    for (const line of listReportProblems(report)) ctx.io.stderr.write(`membank: ${line}\n`);
    return;
  }
  ctx.print(report, renderTerminalSummary(report, { color: ctx.color ?? shouldUseColor(ctx.io, ctx.json) }));
}

/** A progress callback drawing on stderr (a bar on a TTY, periodic lines otherwise); none with --json. */
export function createRunProgress(ctx: CliContext, label: string): ((done: number, total: number) => void) | undefined {
  if (ctx.json || ctx.quiet === true) return undefined;
  let progress: ReturnType<typeof createProgress> | undefined;
  let reported = 0;
  return (done, total) => {
    progress ??= createProgress({ stream: ctx.io.stderr, isTTY: ctx.io.stderr.isTTY === true, total, label });
    progress.tick(done - reported);
    reported = done;
    if (done >= total) progress.done();
  };
}
