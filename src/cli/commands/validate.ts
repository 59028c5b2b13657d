import type { Argv } from 'yargs';
import { ExitCode } from '../../core/errors.js';
import type { ValidationReport } from '../../memory-bank/validate.js';
import { defineCommand } from '../command.js';
import { formatProblemLine, runDiscoverAndParse, type BankParse, type ReadCommandDeps } from './parse.js';

/** Arguments of `membank validate`. */
export interface ValidateArgs {
  dir: string;
  explain?: boolean;
}

/** `n noun` with a plain English plural (`1 file`, `3 files`). */
function pluralise(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** Renders the human report of `membank validate`: the verdict, counts, then every problem grouped by file. */
export function formatValidationReport(report: ValidationReport, reading: BankParse, explain: boolean): string {
  const lines: string[] = [];
  lines.push(
    report.ok
      ? `OK: ${pluralise(report.counts.records, 'task')} in ${pluralise(report.counts.taskFiles, 'file')} under ${reading.discover.root} (${pluralise(report.warnings, 'warning')})`
      : `FAILED: ${pluralise(report.errors, 'error')} and ${pluralise(report.warnings, 'warning')} in ${reading.discover.root}`,
  );
  lines.push(`  files: ${report.counts.files} discovered, ${report.counts.taskFiles} with tasks; records: ${report.counts.records}`);
  const byCode = new Map<string, number>();
  for (const problem of report.problems) byCode.set(problem.code, (byCode.get(problem.code) ?? 0) + 1);
  if (byCode.size > 0) {
    lines.push(`  problems by code: ${[...byCode.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([code, count]) => `${code} ${count}`).join(', ')}`);
  }
  let currentFile = '';
  for (const problem of report.problems) {
    if (problem.file !== currentFile) {
      currentFile = problem.file;
      lines.push('', problem.file);
    }
    lines.push(formatProblemLine(problem));
  }
  if (explain) {
    lines.push('', 'Per file:');
    for (const entry of reading.parse.explain) {
      const produced = entry.extractors.reduce((sum, extractor) => sum + extractor.keys.length, 0);
      lines.push(`  ${entry.file}  (${entry.kind}) — ${entry.noRecords === null ? `${produced} record${produced === 1 ? '' : 's'} from ${entry.extractors.map((extractor) => extractor.name).join(', ')}` : `no tasks: ${entry.noRecords}`}`);
    }
  }
  if (!report.ok) lines.push('', 'Fix the errors above and run membank validate again (exit code 3 until then).');
  return `${lines.join('\n')}\n`;
}

/** Builds the `validate` command. */
export function createValidateCommand(deps: ReadCommandDeps = {}) {
  return defineCommand<ValidateArgs>({
    command: 'validate <dir>',
    describe: 'report every problem in the memory bank(s) at once, with file:line and the fix (exit 3 on errors)',
    builder: (yargs: Argv) =>
      yargs
        .positional('dir', { type: 'string', describe: 'a repository or a memory-bank folder', demandOption: true })
        .option('explain', { type: 'boolean', default: false, describe: 'also say, per file, what was read and why' })
        .example('$0 validate ./memory_bank', 'check a bank before migrating it')
        .example('$0 validate . --json', 'print every problem as JSON (for CI)')
        .example('$0 validate . || echo "fix the errors first"', 'exit code 3 when there are errors'),
    async run(args, ctx) {
      const { validateJob } = await import('../../../jobs/validate.js');
      const reading = await runDiscoverAndParse(args.dir, ctx, deps, args.config);
      const { output: report } = await validateJob.plan(reading.jobCtx, { discover: reading.discover, parse: reading.parse });
      const json = args.explain === true ? { ...report, explain: reading.parse.explain } : report;
      ctx.print(json, formatValidationReport(report, reading, args.explain === true));
      return report.ok ? ExitCode.ok : ExitCode.validationErrors;
    },
  });
}

/** `membank validate <dir> [--json] [--explain]`. */
export const validateCommand = createValidateCommand();
