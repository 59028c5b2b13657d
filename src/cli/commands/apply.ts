import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { MembankConfig } from '../../core/config.js';
import { ExitCode, MembankError, UsageError } from '../../core/errors.js';
import type { Plan } from '../../core/plan.js';
import { defineCommand } from '../command.js';
import { recordReportTarget, recordRunMetrics, recordReportMetrics, type UnattendedArgs, withUnattendedOptions } from '../metrics.js';
import type { BankReading } from '../read-bank.js';
import { addConnectionOptions, type ConnectionArgs } from '../connection-options.js';

interface ApplyArgs extends ConnectionArgs, UnattendedArgs {
  plan: string;
  verify: boolean;
}

/** Reads the memory bank the plan was made from, to refuse the plan when the bank changed since. */
async function readPlannedBank(plan: Plan, cwd: string, config: Readonly<MembankConfig>): Promise<BankReading> {
  const { readBank } = await import('../read-bank.js');
  try {
    return await readBank(plan.root, cwd, config);
  } catch (error) {
    if (!(error instanceof MembankError)) throw error;
    throw new UsageError(
      `cannot read the memory bank ${plan.root} this plan was made from (${error.message}), so apply cannot check that it is unchanged since the plan; nothing was written. Restore the folder, or make a new plan with membank plan <dir> --out <file>`,
      { cause: error },
    );
  }
}

async function readPlan(path: string): Promise<Plan> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new UsageError(`cannot read plan file ${path}: ${(error as Error).message}; create one with membank plan <dir> --out ${path}`, { cause: error });
  }
  let plan: unknown;
  try {
    plan = JSON.parse(text);
  } catch (error) {
    throw new UsageError(`${path} is not JSON (${(error as Error).message}); create a plan with membank plan <dir> --out ${path}`, { cause: error });
  }
  const { parsePlanFile } = await import('../../core/plan-schema.js');
  return parsePlanFile(plan, path);
}

/** `membank apply <plan.json>`: applies a saved plan exactly as reviewed, refusing stale items. */
export const applyCommand = withUnattendedOptions(defineCommand<ApplyArgs>({
  command: 'apply <plan>',
  describe: 'Apply a saved plan exactly as reviewed; items whose task changed since are refused',
  builder: (yargs) =>
    addConnectionOptions(yargs, { project: false })
      .positional('plan', { type: 'string', describe: 'Plan file from membank plan --out', demandOption: true })
      .option('verify', { type: 'boolean', default: true, describe: 'Read back every touched task afterwards (--no-verify skips)' })
      .example('$0 apply plan.json', 'Apply a reviewed plan'),
  async run(args, ctx) {
    // What the run needs is loaded when it runs: `apply --help` loads none of it.
    const { resolveFromArgs } = await import('../resolve-args.js');
    const { openWorkflow } = await import('../write-options.js');
    const { applyPlan, checkPlanInputs } = await import('../../pipeline/workflows/index.js');
    const { hashRecords } = await import('../../../jobs/plan.js');
    const { createRunProgress, exitCodeForRun, printReport, saveReport } = await import('../run-output.js');
    const { recordLines } = await import('../html-page.js');
    const resolved = resolveFromArgs(args, ctx);
    const plan = await readPlan(resolve(ctx.io.cwd, args.plan));
    const bank = await readPlannedBank(plan, ctx.io.cwd, resolved.config);
    checkPlanInputs(plan, hashRecords(bank.records));
    const deps = openWorkflow(resolved, ctx, createRunProgress(ctx, 'apply'));
    recordRunMetrics(ctx, { stats: () => deps.runtime.vikunja.stats() });
    recordReportTarget(ctx, { statePath: resolved.statePath, keep: resolved.config.reports.keep });
    if (deps.runtime.serverUrl !== plan.server.url) {
      throw new UsageError(
        `${args.plan} was made against the Vikunja at ${plan.server.url}, not the one configured now (${deps.runtime.serverUrl}); nothing was written. Apply it with --url ${plan.server.url}, or make a new plan against this server`,
      );
    }
    const outcome = await applyPlan(deps, plan, {
      command: 'apply',
      checkStale: true,
      verify: args.verify,
      problems: bank.problems,
      guard: { allowMassChange: args.allowMassChange === true, counts: { files: bank.discover.files.length, records: bank.records.length } },
    });
    const report = await saveReport(outcome.report, resolved.statePath, ctx.io.cwd, resolved.config.reports.keep, { plan: outcome.plan, lines: recordLines(bank.records) });
    recordReportMetrics(ctx, report, outcome.guard ?? null);
    printReport(ctx, report);
    if (outcome.loop.failures.some((failure) => failure.outcome === 'refused')) {
      ctx.io.stderr.write('membank: some items were refused because their task changed in Vikunja after the plan was made; re-run membank plan\n');
      return ExitCode.conflict;
    }
    return exitCodeForRun(outcome);
  },
}), 'apply');
