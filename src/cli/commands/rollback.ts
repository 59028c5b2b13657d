import { existsSync } from 'node:fs';
import { ExitCode, UsageError } from '../../core/errors.js';
import { defineCommand } from '../command.js';
import { addConnectionOptions, type ConnectionArgs } from '../connection-options.js';
import type { RollbackOutcome } from '../../pipeline/workflows/index.js';

interface RollbackArgs extends ConnectionArgs {
  runId: string;
  dryRun: boolean;
  force: boolean;
  includeLater: boolean;
}

/**
 * The problems of a rollback, one line each, for `--quiet`: each undo step that failed, and a stop (Vikunja
 * unavailable, Ctrl-C) as one line that names the step it stopped at. Empty for a clean rollback.
 */
export function listRollbackProblems(outcome: Pick<RollbackOutcome, 'run' | 'plan' | 'failures' | 'stoppedBy'>): string[] {
  const runId = outcome.run?.id ?? outcome.plan.runId;
  const failures = [...outcome.failures];
  // The step that met the unavailable server is the stop itself: one problem, one line.
  const stoppedAt = outcome.stoppedBy === 'server-unavailable' ? failures.pop() : undefined;
  const lines = failures.map((failure) => `${runId}: ${failure.opId}: ${failure.message}`);
  if (outcome.stoppedBy !== null && outcome.stoppedBy !== undefined) {
    const why = outcome.run?.error ?? (outcome.stoppedBy === 'signal' ? 'interrupted' : 'Vikunja became unavailable');
    lines.push(`${runId}: stopped: ${why}${stoppedAt === undefined ? '' : ` (at ${stoppedAt.opId}: ${stoppedAt.message})`}`);
  }
  return lines;
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
    // What the run needs is loaded when it runs: `rollback --help` loads none of it.
    const { resolveFromArgs } = await import('../resolve-args.js');
    const { openWorkflow } = await import('../write-options.js');
    const { rollbackRun } = await import('../../pipeline/workflows/index.js');
    const { renderRollbackSteps } = await import('../render-plan.js');
    const resolved = resolveFromArgs(args, ctx);
    if (resolved.statePath !== ':memory:' && !existsSync(resolved.statePath)) {
      // Opening it would create an empty store: say where membank looked instead.
      throw new UsageError(
        `no state store at ${resolved.statePath}, so no run ${args.runId} to roll back; pass --state <file> (or set MEMBANK_STATE) to the store the run was recorded in`,
      );
    }
    // A dry run opens the store read-only (never creating or changing the file), as plan and migrate --dry-run do.
    const deps = openWorkflow(resolved, ctx, undefined, { readOnly: args.dryRun });
    const outcome = await rollbackRun(deps, args.runId, { force: args.force, dryRun: args.dryRun, includeLater: args.includeLater });
    const heading = args.dryRun
      ? `Would undo ${outcome.plan.ops.length} step(s) of run ${outcome.plan.runId}`
      : `Undid ${outcome.applied} of ${outcome.plan.ops.length} step(s) of run ${outcome.plan.runId}${outcome.run === null ? '' : ` (rollback run ${outcome.run.id})`}`;
    const deletedWith = new Map(Object.entries(outcome.plan.deletedWith));
    const lines = [
      ...(outcome.later ?? []).map((later) => `${args.dryRun ? 'Would first undo' : 'First undid'} ${later.applied === 0 && args.dryRun ? later.plan.ops.length : later.applied} step(s) of later run ${later.plan.runId}`),
      renderRollbackSteps(outcome.plan.ops, { heading, deletedWith }),
      ...outcome.failures.map((failure) => `  ✗ ${failure.opId}: ${failure.message}`),
      ...(outcome.plan.conflicts.length > 0 ? [`  (forced over ${outcome.plan.conflicts.length} conflict(s))`] : []),
      ...(outcome.stoppedBy === null || outcome.stoppedBy === undefined ? [] : [`Stopped: ${outcome.run?.error ?? outcome.stoppedBy}`]),
    ];
    if (ctx.quiet === true) {
      for (const line of listRollbackProblems(outcome)) ctx.io.stderr.write(`membank: ${line}\n`);
    }
    ctx.print(
      {
        runId: args.runId,
        dryRun: args.dryRun,
        rollbackRun: outcome.run?.id ?? null,
        steps: outcome.plan.ops,
        deletedWith: Object.fromEntries(deletedWith),
        applied: outcome.applied,
        failures: outcome.failures,
        stoppedBy: outcome.stoppedBy ?? null,
      },
      lines.join('\n'),
    );
    if (outcome.stoppedBy === 'server-unavailable') return ExitCode.serverUnavailable;
    if (outcome.stoppedBy === 'signal') return ExitCode.interrupted;
    return outcome.failures.length > 0 ? ExitCode.failed : ExitCode.ok;
  },
});
