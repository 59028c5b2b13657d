import { resolve } from 'node:path';
import { ExitCode, UsageError } from '../../core/errors.js';
import { type CliContext, defineCommand } from '../command.js';
import type { ResolvedConfig } from '../../config.js';
import type { InputProblem } from '../../core/task-record.js';
import type { ListedPlan, PlanInput } from '../../../jobs/plan.js';
import { recordReportMetrics, recordReportTarget, recordRunMetrics, type UnattendedArgs, withUnattendedOptions } from '../metrics.js';
import { printJsonResult, writeJsonFile } from '../json-stream.js';
import { addConnectionOptions, type ConnectionArgs } from '../connection-options.js';

interface MigrateArgs extends ConnectionArgs, UnattendedArgs {
  dir: string;
  dryRun: boolean;
  out?: string | undefined;
  verify: boolean;
  detailedExitcode: boolean;
  allowOtherBank: boolean;
}

/** `membank migrate <dir>`: plan + journaled apply + verify in one run. */
export const migrateCommand = withUnattendedOptions(defineCommand<MigrateArgs>({
  command: 'migrate <dir>',
  describe: 'Migrate a memory bank into Vikunja: plan, apply (journaled, resumable), verify, report',
  builder: (yargs) =>
    addConnectionOptions(yargs)
      .positional('dir', { type: 'string', describe: 'Repository or memory-bank folder', demandOption: true })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Plan only: print what would change and write nothing' })
      .option('allow-other-bank', { type: 'boolean', default: false, describe: 'Import into a project membank created for another memory bank anyway' })
      .option('out', { type: 'string', describe: 'With --dry-run: also save the plan as JSON' })
      .option('verify', { type: 'boolean', default: true, describe: 'Read back every touched task afterwards (--no-verify skips)' })
      .option('detailed-exitcode', { type: 'boolean', default: false, describe: 'With --dry-run: exit 2 when there are changes' })
      .check((argv) => {
        // A flag that does not apply is an error, never ignored: without --dry-run both would be silently dropped.
        const stray = [argv['out'] !== undefined ? '--out' : '', argv['detailedExitcode'] === true ? '--detailed-exitcode' : ''].filter((flag) => flag !== '');
        if (argv['dryRun'] !== true && stray.length > 0) {
          throw new UsageError(`${stray.join(' and ')} only ${stray.length === 1 ? 'applies' : 'apply'} with --dry-run (migrate without it writes); add --dry-run, or use membank plan ${stray.join(' ')}`);
        }
        return true;
      })
      .example('$0 migrate ./repo --dry-run', 'Preview the migration')
      .example('$0 migrate ./repo --url http://localhost/vikunja --token-file token.txt', 'Migrate, verify and report')
      .example('$0 rollback <run-id>', 'Undo a migration run'),
  async run(args, ctx) {
    // What the run needs is loaded when it runs: `migrate --help` loads none of it (no zod, got, SQLite, parser).
    const { resolveFromArgs } = await import('../resolve-args.js');
    const resolved = resolveFromArgs(args, ctx);
    if (args.dryRun) return runDryRun(args, ctx, resolved);
    const { openWorkflow } = await import('../write-options.js');
    const { migrate } = await import('../../pipeline/workflows/index.js');
    const { createPlanInput, readBank } = await import('../read-bank.js');
    const { renderPlanText } = await import('../render-plan.js');
    const { createRunProgress, exitCodeForRun, fitText, printReport, saveReport } = await import('../run-output.js');
    const { recordLines } = await import('../html-page.js');
    const bank = await readBank(args.dir, ctx.io.cwd, resolved.config);
    const deps = openWorkflow(resolved, ctx, createRunProgress(ctx, 'migrate'), { readOnly: false });
    recordRunMetrics(ctx, { stats: () => deps.runtime.vikunja.stats() });
    recordReportTarget(ctx, { statePath: resolved.statePath, keep: resolved.config.reports.keep });
    // The run's source snapshot (membank restore) stores these files without a second discovery.
    deps.bankFiles = bank.discover.files.map((file) => file.path);
    const input = createPlanInput(bank, resolved.config, { allowOtherBank: args.allowOtherBank });
    // The plan is made under the run lock, and shown before the first write.
    const outcome = await migrate(deps, input, {
      verify: args.verify,
      guard: { allowMassChange: args.allowMassChange === true, files: bank.discover.files.length },
      problems: bank.problems,
      onPlan: (plan) => {
        if (!ctx.json && ctx.quiet !== true) ctx.io.stderr.write(`${fitText(renderPlanText(plan, { limit: 20 }), ctx.io.stderr)}\n\n`);
      },
    });
    const report = await saveReport(outcome.report, resolved.statePath, ctx.io.cwd, resolved.config.reports.keep, { plan: outcome.plan, lines: recordLines(bank.records) });
    recordReportMetrics(ctx, report, outcome.guard ?? null);
    printReport(ctx, report);
    return exitCodeForRun(outcome);
  },
}), 'migrate');

/** `migrate --dry-run`: prints the plan (and saves it with `--out`), writes nothing. */
async function runDryRun(args: MigrateArgs, ctx: CliContext, resolved: ResolvedConfig): Promise<number> {
  // The bank's files are out of reach while the plan is made; its ops and desired tasks are made as they are
  // written, from the records.
  const { plan: listed, problems } = await createDryRunPlan(args, ctx, resolved);
  if (ctx.json || args.out !== undefined) {
    // Made as they are written, once per document, and dropped: 200,000 ops and 70,000 tasks are never held.
    const { ListedJsonArray, ListedJsonObject } = await import('../json-stream.js');
    const plan = listed.withLists(new ListedJsonArray(() => listed.ops()), new ListedJsonObject(() => listed.desired()));
    if (args.out !== undefined) await writeJsonFile(resolve(ctx.io.cwd, args.out), plan);
    if (ctx.json) await printJsonResult(ctx, { dryRun: true, plan, problems });
  }
  if (!ctx.json) {
    const { renderPlanText } = await import('../render-plan.js');
    const { fitText } = await import('../run-output.js');
    const plan = listed.withLists([...listed.ops()], Object.fromEntries(listed.desired()));
    ctx.print({ dryRun: true, plan, problems }, fitText(`${renderPlanText(plan)}\n(dry run: nothing was written)`, ctx.io.stdout));
  }
  return args.detailedExitcode && listed.summary.writes > 0 ? ExitCode.changesPending : ExitCode.ok;
}

/**
 * `migrate --dry-run`'s plan (reads only) and the bank's problems. The bank is read before the state store and the
 * Vikunja client are loaded (their modules would otherwise be live through the parse, and V8 lets the old generation
 * grow to a multiple of what is live before it collects); the discovered files are out of reach while the plan is
 * made, and its ops and desired tasks are made from the records when listed.
 */
async function createDryRunPlan(args: MigrateArgs, ctx: CliContext, resolved: ResolvedConfig): Promise<{ plan: ListedPlan; problems: InputProblem[] }> {
  const { input, problems } = await readDryRunInput(args, ctx, resolved);
  const { openWorkflow } = await import('../write-options.js');
  const { createListedPlan } = await import('../../pipeline/workflows/index.js');
  const { createRunProgress } = await import('../run-output.js');
  const deps = openWorkflow(resolved, ctx, createRunProgress(ctx, 'migrate'), { readOnly: true });
  recordRunMetrics(ctx, { stats: () => deps.runtime.vikunja.stats() });
  return { plan: await createListedPlan(deps, input), problems };
}

async function readDryRunInput(
  args: MigrateArgs,
  ctx: CliContext,
  resolved: ResolvedConfig,
): Promise<{ input: PlanInput; problems: InputProblem[] }> {
  const { createPlanInput, readBank } = await import('../read-bank.js');
  const bank = await readBank(args.dir, ctx.io.cwd, resolved.config);
  return { input: createPlanInput(bank, resolved.config, { allowOtherBank: args.allowOtherBank }), problems: bank.problems };
}
