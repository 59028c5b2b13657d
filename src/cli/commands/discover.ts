import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import type { MembankConfig } from '../../core/config.js';
import { ExitCode } from '../../core/errors.js';
import type { JobContext } from '../../core/job.js';
import type { FileSystemReader } from '../../core/ports.js';
import { FileKind, type DiscoveredFile, type DiscoverResult, type FileKindValue } from '../../core/source-file.js';
import type { InputProblem } from '../../core/task-record.js';
import { defineCommand } from '../command.js';

/** Arguments of `membank discover`. */
export interface DiscoverArgs {
  dir: string;
  explain?: boolean;
  includeText?: boolean;
}

/** What the discover command is built from; the defaults read the local disk with the default configuration. */
export interface DiscoverCommandDeps {
  files?: () => FileSystemReader;
  config?: () => MembankConfig;
}

/** Kinds in report order: task sources first. */
const kindOrder: readonly FileKindValue[] = [
  FileKind.taskDocument,
  FileKind.taskList,
  FileKind.taskTable,
  FileKind.index,
  FileKind.contextDocument,
  FileKind.template,
  FileKind.ignored,
];

/** The discover result as printed with `--json`: file texts dropped unless asked for. */
export function toJsonResult(result: DiscoverResult, includeText: boolean): unknown {
  if (includeText) return result;
  return { ...result, files: result.files.map(({ text: _text, ...rest }) => rest) };
}

/** Counts files per kind, in report order (kinds with no files included, as 0). */
export function countKinds(files: readonly DiscoveredFile[]): Record<FileKindValue, number> {
  const counts = Object.fromEntries(kindOrder.map((k) => [k, 0])) as Record<FileKindValue, number>;
  for (const file of files) counts[file.kind] += 1;
  return counts;
}

function formatProblem(problem: InputProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  const parts = [`${problem.severity.padEnd(7)} ${where} — ${problem.message}`];
  if (problem.received !== null) parts.push(`received: ${JSON.stringify(problem.received)}`);
  parts.push(`fix: ${problem.fix}`);
  return `  ${parts.join(' — ')}`;
}

/** Renders the human report: banks and conventions, counts per kind, problems, and with `explain` one line per file. */
export function formatDiscoverReport(result: DiscoverResult, explain: boolean): string {
  const lines: string[] = [];
  const taskSources = result.files.filter((f) => f.extractors.length > 0).length;
  lines.push(
    result.banks.length === 0
      ? `No memory bank found under ${result.root}`
      : `Found ${result.banks.length} memory bank${result.banks.length === 1 ? '' : 's'} under ${result.root}`,
  );
  for (const bank of result.banks) {
    const inBank = result.files.filter((f) => f.bank === bank.path).length;
    const why = bank.reason === undefined ? '' : ` — ${bank.reason}`;
    lines.push(`  ${bank.path}  [${bank.conventions.join(', ')}]  ${inBank} files${why}`);
  }
  lines.push('');
  const counts = countKinds(result.files);
  lines.push(`Files: ${result.files.length} (${taskSources} hold tasks)`);
  for (const kind of kindOrder) lines.push(`  ${kind.padEnd(17)} ${String(counts[kind]).padStart(5)}`);
  if (explain) {
    lines.push('');
    lines.push('Per file:');
    const width = Math.max(...kindOrder.map((k) => k.length));
    for (const file of result.files) {
      const extractors = file.extractors.length > 0 ? `  [${file.extractors.join(', ')}]` : '';
      lines.push(`  ${file.kind.padEnd(width)}  ${file.path}  — ${file.reason}${extractors}`);
    }
  }
  lines.push('');
  if (result.problems.length === 0) {
    lines.push('Problems: none');
  } else {
    const errors = result.problems.filter((p) => p.severity === 'error').length;
    lines.push(`Problems: ${result.problems.length} (${errors} error${errors === 1 ? '' : 's'}, ${result.problems.length - errors} warning${result.problems.length - errors === 1 ? '' : 's'})`);
    for (const problem of result.problems) lines.push(formatProblem(problem));
  }
  if (!explain) {
    lines.push('');
    lines.push('Run with --explain to see the reason for each file.');
  }
  return `${lines.join('\n')}\n`;
}

/** Builds the `discover` command; the lead passes the resolved configuration here once it exists. */
export function createDiscoverCommand(deps: DiscoverCommandDeps = {}) {
  return defineCommand<DiscoverArgs>({
    command: 'discover <dir>',
    describe: 'find the memory bank(s) in a folder and classify every file, saying why',
    builder: (yargs: Argv) =>
      yargs
        .positional('dir', { type: 'string', describe: 'a repository or a memory-bank folder', demandOption: true })
        .option('explain', { type: 'boolean', default: false, describe: 'one line per file: kind, path, reason, extractors' })
        .option('include-text', { type: 'boolean', default: false, describe: 'with --json: keep each file\'s decoded text' })
        .example('$0 discover .', 'find the bank(s) in the current repository')
        .example('$0 discover ./memory_bank --explain', 'say, for every file, what it is and why')
        .example('$0 discover ~/code/app --json', 'print the classification as JSON (without file texts)'),
    async run(args, ctx) {
      // What the run needs is loaded when it runs: `discover --help` loads none of it.
      const { resolveConfig } = await import('../../config.js');
      const { discoverJob } = await import('../../../jobs/discover.js');
      const { createMemoryBankReader } = await import('../../bank-reader.js');
      const { createNodeFileSystem } = await import('../../node-files.js');
      const configFile = args.config;
      const config = deps.config?.() ?? resolveConfig({ config: configFile }, ctx.io.env, ctx.io.cwd).config;
      const jobCtx: JobContext = {
        runId: randomUUID(),
        log: ctx.log,
        config,
        files: deps.files?.() ?? createNodeFileSystem(),
        signal: ctx.signal,
        clock: { now: () => new Date() },
        memoryBank: createMemoryBankReader(),
      };
      const root = resolve(ctx.io.cwd, args.dir);
      const { output } = await discoverJob.plan(jobCtx, { root });
      ctx.print(toJsonResult(output, args.includeText === true), formatDiscoverReport(output, args.explain === true));
      return ExitCode.ok;
    },
  });
}

/** `membank discover <dir> [--json] [--explain]`. */
export const discoverCommand = createDiscoverCommand();
