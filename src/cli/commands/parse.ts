import { randomUUID } from 'node:crypto';
import { resolve } from 'node:path';
import type { Argv } from 'yargs';
import type { MembankConfig } from '../../core/config.js';
import { ExitCode } from '../../core/errors.js';
import type { JobContext } from '../../core/job.js';
import type { FileSystemReader } from '../../core/ports.js';
import type { DiscoverResult } from '../../core/source-file.js';
import type { InputProblem, TaskRecord } from '../../core/task-record.js';
import type { ExplainEntry, ParseResult } from '../../memory-bank/parse.js';
import { defineCommand, type CliContext } from '../command.js';
import { printJsonResult } from '../json-stream.js';

/** Arguments of `membank parse`. */
export interface ParseArgs {
  dir: string;
  explain?: boolean;
}

/** What the parse and validate commands are built from; the defaults read the local disk with the default config. */
export interface ReadCommandDeps {
  files?: () => FileSystemReader;
  config?: () => MembankConfig;
}

/** Discovery and parse results for one folder. */
export interface BankParse {
  discover: DiscoverResult;
  parse: ParseResult;
  config: MembankConfig;
  jobCtx: JobContext;
  /** Every problem, exactly as `validate` lists them (discovery, parsing, merging and record checks). */
  problems: InputProblem[];
}

/** Runs the discover and parse jobs on `dir` (relative to the command's cwd). */
export async function runDiscoverAndParse(
  dir: string,
  ctx: CliContext,
  deps: ReadCommandDeps,
  configFile?: string,
): Promise<BankParse> {
  // Loaded here, not at the top: `parse --help` and `validate --help` load neither the parsers nor zod.
  const { resolveConfig } = await import('../../config.js');
  const { discoverJob } = await import('../../../jobs/discover.js');
  const { parseJob } = await import('../../../jobs/parse.js');
  const { validateJob } = await import('../../../jobs/validate.js');
  const { createMemoryBankReader } = await import('../../bank-reader.js');
  const { createNodeFileSystem } = await import('../../node-files.js');
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
  const root = resolve(ctx.io.cwd, dir);
  const { output: discover } = await discoverJob.plan(jobCtx, { root });
  const { output: parse } = await parseJob.plan(jobCtx, { files: discover.files });
  const { output: report } = await validateJob.plan(jobCtx, { discover, parse });
  return { discover, parse, config, jobCtx, problems: report.problems };
}

/** One problem as a report line: severity, file:line, message, received text and the fix. */
export function formatProblemLine(problem: InputProblem): string {
  const where = problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
  const parts = [`${problem.severity.padEnd(7)} ${where} [${problem.code}] ${problem.message}`];
  if (problem.received !== null) parts.push(`received: ${JSON.stringify(problem.received)}`);
  parts.push(`fix: ${problem.fix}`);
  return `  ${parts.join('\n            ')}`;
}

function countBy<T>(items: readonly T[], pick: (item: T) => string): [string, number][] {
  const counts = new Map<string, number>();
  for (const item of items) counts.set(pick(item), (counts.get(pick(item)) ?? 0) + 1);
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
}

/** Vikunja's words for its priority numbers. */
const vikunjaPriorityWords: Readonly<Record<number, string>> = { 1: 'low', 2: 'medium', 3: 'high', 4: 'urgent', 5: 'do now' };

/** A priority as the source wrote it and as Vikunja will show it: `P1 → high (3)`, or `high (3)` when implied. */
export function formatPriority(priority: TaskRecord['priority']): string {
  if (priority.value === null) return 'none';
  const vikunja = `${vikunjaPriorityWords[priority.value] ?? 'unknown'} (${priority.value})`;
  const raw = priority.raw?.trim() ?? '';
  return raw === '' ? vikunja : `${raw} → ${vikunja}`;
}

function formatRecordLine(record: TaskRecord, depth: number): string {
  const parts = [`${'  '.repeat(depth + 1)}[${record.status.canonical}] ${record.title}`];
  if (record.priority.value !== null) parts.push(`priority ${formatPriority(record.priority)}`);
  if (record.owner !== null) parts.push(`@${record.owner}`);
  parts.push(`— ${record.source.path}:${record.source.line}`);
  return parts.join('  ');
}

function formatExplain(explain: readonly ExplainEntry[]): string[] {
  const lines = ['', 'Per file:'];
  for (const entry of explain) {
    if (entry.noRecords !== null && entry.extractors.length === 0) {
      lines.push(`  ${entry.file}  — no tasks: ${entry.noRecords}`);
      continue;
    }
    lines.push(`  ${entry.file}  (${entry.kind})`);
    for (const extractor of entry.extractors) {
      lines.push(`    ${extractor.name}: ${extractor.keys.length} record${extractor.keys.length === 1 ? '' : 's'}${extractor.note === null ? '' : ` — ${extractor.note}`}`);
      for (const key of extractor.keys) lines.push(`      ${key}`);
    }
    for (const merged of entry.merged) lines.push(`    merged ${merged.key} → ${merged.into}`);
  }
  return lines;
}

/** Renders the human report of `membank parse`: counts, the task tree, problems and (with explain) per-file detail. */
export function formatParseReport(result: BankParse, explain: boolean): string {
  const { parse, discover } = result;
  const lines: string[] = [];
  const files = new Set(parse.records.map((record) => record.source.path)).size;
  lines.push(`Parsed ${parse.records.length} task${parse.records.length === 1 ? '' : 's'} from ${files} file${files === 1 ? '' : 's'} under ${discover.root}`);
  lines.push(`  by status:    ${countBy(parse.records, (record) => record.status.canonical).map(([key, count]) => `${key} ${count}`).join(', ') || '—'}`);
  lines.push(`  by extractor: ${countBy(parse.records, (record) => record.extractor).map(([key, count]) => `${key} ${count}`).join(', ') || '—'}`);
  lines.push('');
  const depthOf = new Map<string, number>();
  let currentFile = '';
  for (const record of parse.records) {
    const depth = record.parentKey === null ? 0 : (depthOf.get(record.parentKey) ?? 0) + 1;
    depthOf.set(record.key, depth);
    if (record.source.path !== currentFile) {
      currentFile = record.source.path;
      lines.push(currentFile);
    }
    lines.push(formatRecordLine(record, depth));
  }
  if (explain) lines.push(...formatExplain(parse.explain));
  lines.push('');
  const problems = result.problems;
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  if (problems.length === 0) lines.push('Problems: none');
  else {
    lines.push(`Problems: ${problems.length} (${errors} error${errors === 1 ? '' : 's'}, ${problems.length - errors} warning${problems.length - errors === 1 ? '' : 's'}) — the same list as membank validate`);
    for (const problem of problems) lines.push(formatProblemLine(problem));
  }
  if (!explain) lines.push('', 'Run with --explain to see which extractor produced which task, and why files produced none.');
  return `${lines.join('\n')}\n`;
}

/** Builds the `parse` command. */
export function createParseCommand(deps: ReadCommandDeps = {}) {
  return defineCommand<ParseArgs>({
    command: 'parse <dir>',
    describe: 'read the memory bank(s) in a folder into normalised task records',
    builder: (yargs: Argv) =>
      yargs
        .positional('dir', { type: 'string', describe: 'a repository or a memory-bank folder', demandOption: true })
        .option('explain', { type: 'boolean', default: false, describe: 'say which extractor produced which task, and why files produced none' })
        .example('$0 parse ./memory_bank', 'list the tasks found, with status, priority and owner')
        .example('$0 parse . --explain', 'also show, per file, the extractor and record keys')
        .example('$0 parse . --json > records.json', 'write the records and problems as JSON'),
    async run(args, ctx) {
      const result = await runDiscoverAndParse(args.dir, ctx, deps, args.config);
      const json =
        args.explain === true
          ? { records: result.parse.records, problems: result.problems, explain: result.parse.explain }
          : { records: result.parse.records, problems: result.problems };
      // --json streams the records one at a time and builds no human report.
      if (ctx.json) await printJsonResult(ctx, json);
      else ctx.print(json, formatParseReport(result, args.explain === true));
      return ExitCode.ok;
    },
  });
}

/** `membank parse <dir> [--json] [--explain]`. */
export const parseCommand = createParseCommand();
