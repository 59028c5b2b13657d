import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isDeepStrictEqual } from 'node:util';
import type { MembankConfig } from '../../core/config.js';
import { ExitCode, InternalError } from '../../core/errors.js';
import { defineCommand } from '../command.js';

interface DemoArgs {
  keep: boolean;
}

/** The hand-written demo bank shipped in `fixtures/demo` (found from the source or the built tree). */
export function findDemoBank(): string {
  for (const up of ['../../../fixtures/demo', '../../../../fixtures/demo']) {
    const path = fileURLToPath(new URL(up, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new InternalError('fixtures/demo is missing from this installation');
}

function withoutServerTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (key === 'created' || key === 'updated' ? undefined : inner)));
}

/**
 * `membank demo`: migrates the demo bank into an in-process sandbox, shows the plan and report, runs again
 * (zero writes), rolls back and checks that the sandbox is back as it was.
 */
export const demoCommand = defineCommand<DemoArgs>({
  command: 'demo',
  describe: 'Run the main job end to end on the embedded sandbox: plan, migrate, re-run, rollback',
  builder: (yargs) =>
    yargs
      .option('keep', { type: 'boolean', default: false, describe: 'Keep the temporary state store and reports' })
      .example('$0 demo', 'Migrate fixtures/demo into a throw-away Vikunja sandbox and undo it'),
  async run(args, ctx) {
    // What the run needs is loaded when it runs: `demo --help` loads none of it.
    const { createDefaultConfig } = await import('../../core/config.js');
    const { startSandbox } = await import('../../sandbox/index.js');
    const { readBank } = await import('../read-bank.js');
    const { renderPlanText } = await import('../render-plan.js');
    const { fitText, printReport } = await import('../run-output.js');
    const { createWorkflowDeps } = await import('../workflow-deps.js');
    const { applyPlan, createPlan, rollbackRun } = await import('../../pipeline/workflows/index.js');
    const say = (text: string): void => {
      if (!ctx.json && ctx.quiet !== true) ctx.io.stdout.write(`${fitText(text, ctx.io.stdout)}\n`);
    };
    const sandbox = await startSandbox();
    ctx.onClose(() => sandbox.close());
    const workDir = mkdtempSync(join(tmpdir(), 'membank-demo-'));
    if (!args.keep) ctx.onClose(() => rmSync(workDir, { recursive: true, force: true }));
    const base = createDefaultConfig();
    const config: MembankConfig = {
      ...base,
      vikunja: { ...base.vikunja, url: sandbox.url, token: sandbox.token },
      mapping: { ...base.mapping, project: 'membank demo' },
    };
    const statePath = join(workDir, 'membank.sqlite');
    const deps = createWorkflowDeps({ config, statePath, log: ctx.log, signal: ctx.signal });
    ctx.onClose(() => deps.runtime.close());
    const before = withoutServerTimes(sandbox.dump());

    say(`▶ Sandbox Vikunja ${sandbox.version} at ${sandbox.url} (state store ${statePath})\n`);
    const bankDir = findDemoBank();
    const bank = await readBank(bankDir, ctx.io.cwd, config);
    say(`▶ Read ${bank.discover.files.length} file(s) in ${bankDir}: ${bank.records.length} task record(s), ${bank.problems.length} problem(s) reported`);
    for (const problem of bank.problems.slice(0, 8)) {
      say(`  ${problem.severity === 'error' ? '✗' : '!'} ${problem.file}${problem.line === null ? '' : `:${problem.line}`} — ${problem.message}`);
    }
    const plan = await createPlan(deps, { records: bank.records, root: bank.root, projectTitle: 'membank demo' });
    say(`\n▶ Plan\n${renderPlanText(plan, { limit: 40 })}\n`);

    const first = await applyPlan(deps, plan, { command: 'migrate', checkStale: false, verify: true, problems: bank.problems });
    say('▶ Migrate');
    // With --json the migrate report is part of the one JSON document printed at the end.
    if (!ctx.json) printReport(ctx, first.report);

    sandbox.clearRequestLog();
    const again = await createPlan(deps, { records: bank.records, root: bank.root, projectTitle: 'membank demo' });
    const second = await applyPlan(deps, again, { command: 'migrate', checkStale: false, verify: true });
    const writes = sandbox.requestLog().filter((entry) => entry.method !== 'GET').length;
    say(`\n▶ Run again: ${again.summary.writes} write(s) planned, ${writes} write request(s) sent (run ${second.run.id}: ${second.run.status})`);

    const undo = await rollbackRun(deps, first.run.id, { force: false, dryRun: false });
    const restored = isDeepStrictEqual(withoutServerTimes(sandbox.dump()), before);
    say(`\n▶ Rollback of ${first.run.id}: ${undo.applied} step(s) undone, ${undo.failures.length} failed`);
    say(`▶ Sandbox back as it was before the migration: ${restored ? 'yes' : 'NO'}`);
    const ok = first.run.status === 'succeeded' && writes === 0 && undo.failures.length === 0 && restored;
    ctx.print(
      {
        migrate: first.report,
        rerun: { plannedWrites: again.summary.writes, writeRequests: writes, status: second.run.status },
        rollback: { runId: undo.run?.id ?? null, undone: undo.applied, failures: undo.failures },
        restored,
        ok,
      },
      ok ? '\n✔ demo passed: migrated, verified, idempotent, rolled back.' : '\n✗ demo found a problem (see above).',
    );
    return ok ? ExitCode.ok : ExitCode.failed;
  },
});
