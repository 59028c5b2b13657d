import { ExitCode } from '../../core/errors.js';
import { defineCommand } from '../command.js';
import { renderRollbackSteps } from '../render-plan.js';
import { addConnectionOptions, type ConnectionArgs, openWorkflow, resolveFromArgs } from '../write-options.js';
import { rollbackRun } from '../workflows.js';

interface RollbackArgs extends ConnectionArgs {
  runId: string;
  dryRun: boolean;
  force: boolean;
  includeLater: boolean;
}

/** `membank rollback <run-id>`: undo a run newest-first, refusing to clobber later edits. */
export const rollbackCommand = defineCommand<RollbackArgs>({
  command: 'rollback <run-id>',
  describe: "Undo a run's writes newest first; refuses to overwrite later edits in Vikunja unless --force",
  builder: (yargs) =>
    addConnectionOptions(yargs, { project: false })
      .positional('run-id', { type: 'string', describe: 'Run id (membank runs lists them)', demandOption: true })
      .option('dry-run', { type: 'boolean', default: false, describe: 'List the undo steps and write nothing' })
      .option('force', { type: 'boolean', default: false, describe: 'Undo even where tasks were edited in Vikunja since' })
      .option('include-later', { type: 'boolean', default: false, describe: 'First roll back, newest first, the later runs that changed the same tasks' })
      .example('$0 rollback 2026-11-21T13-40-00Z-k3x9q2 --dry-run', 'See what a rollback would undo')
      .example('$0 rollback 2026-11-21T13-40-00Z-k3x9q2', 'Undo the run'),
  async run(args, ctx) {
    const resolved = resolveFromArgs(args, ctx);
    const deps = openWorkflow(resolved, ctx);
    const outcome = await rollbackRun(deps, args.runId, { force: args.force, dryRun: args.dryRun, includeLater: args.includeLater });
    const heading = args.dryRun
      ? `Would undo ${outcome.plan.ops.length} step(s) of run ${args.runId}`
      : `Undid ${outcome.applied} of ${outcome.plan.ops.length} step(s) of run ${args.runId}${outcome.run === null ? '' : ` (rollback run ${outcome.run.id})`}`;
    const lines = [
      ...(outcome.later ?? []).map((later) => `${args.dryRun ? 'Would first undo' : 'First undid'} ${later.applied === 0 && args.dryRun ? later.plan.ops.length : later.applied} step(s) of later run ${later.plan.runId}`),
      renderRollbackSteps(outcome.plan.ops, { heading }),
      ...outcome.failures.map((failure) => `  ✗ ${failure.opId}: ${failure.message}`),
      ...(outcome.plan.conflicts.length > 0 ? [`  (forced over ${outcome.plan.conflicts.length} conflict(s))`] : []),
    ];
    ctx.print(
      { runId: args.runId, dryRun: args.dryRun, rollbackRun: outcome.run?.id ?? null, steps: outcome.plan.ops, applied: outcome.applied, failures: outcome.failures },
      lines.join('\n'),
    );
    return outcome.failures.length > 0 ? ExitCode.failed : ExitCode.ok;
  },
});
