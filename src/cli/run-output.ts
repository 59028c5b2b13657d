import { dirname, join, relative } from 'node:path';
import type { RunReport } from '../core/report.js';
import { renderTerminalSummary, writeReportFiles } from '../report/index.js';
import type { CliContext } from './command.js';
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

/** Prints a run report: JSON with --json, else the terminal summary. */
export function printReport(ctx: CliContext, report: RunReport): void {
  const color = ctx.io.stdout.isTTY === true && ctx.io.env['NO_COLOR'] === undefined;
  ctx.print(report, renderTerminalSummary(report, { color }));
}

/** A progress callback drawing on stderr (a bar on a TTY, periodic lines otherwise); none with --json. */
export function createRunProgress(ctx: CliContext, label: string): ((done: number, total: number) => void) | undefined {
  if (ctx.json) return undefined;
  let progress: ReturnType<typeof createProgress> | undefined;
  let reported = 0;
  return (done, total) => {
    progress ??= createProgress({ stream: ctx.io.stderr, isTTY: ctx.io.stderr.isTTY === true, total, label });
    progress.tick(done - reported);
    reported = done;
    if (done >= total) progress.done();
  };
}
