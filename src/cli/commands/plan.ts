import { resolve } from 'node:path';
import { ExitCode } from '../../core/errors.js';
import { defineCommand } from '../command.js';
import { printJsonResult, writeJsonFile } from '../json-stream.js';
import { addConnectionOptions, type ConnectionArgs } from '../connection-options.js';

interface PlanArgs extends ConnectionArgs {
  dir: string;
  out?: string | undefined;
  html?: string | undefined;
  detailedExitcode: boolean;
  allowOtherBank: boolean;
}

/** `membank plan <dir>`: what a migration would change, written nowhere but `--out`. */
export const planCommand = defineCommand<PlanArgs>({
  command: 'plan <dir>',
  describe: 'Show (and optionally save) the writes that would make Vikunja match the memory bank; writes nothing',
  builder: (yargs) =>
    addConnectionOptions(yargs)
      .positional('dir', { type: 'string', describe: 'Repository or memory-bank folder', demandOption: true })
      .option('allow-other-bank', { type: 'boolean', default: false, describe: 'Import into a project membank created for another memory bank anyway' })
      .option('out', { type: 'string', describe: 'Save the plan as JSON, to review and `membank apply` later' })
      .option('html', { type: 'string', describe: 'Also write the plan as a one-file HTML review page (works offline, from file://)' })
      .option('detailed-exitcode', { type: 'boolean', default: false, describe: 'Exit 2 when the plan has changes' })
      .example('$0 plan ./repo --url http://localhost:3456 --token-file ~/.vikunja-token', 'Preview a migration')
      .example('$0 plan ./repo --out plan.json', 'Save the plan for review, then: membank apply plan.json')
      .example('$0 plan ./repo --html plan.html', 'Write a review page to open in a browser'),
  async run(args, ctx) {
    // What the run needs is loaded when it runs: `plan --help` loads none of it.
    const { resolveFromArgs } = await import('../resolve-args.js');
    const { openWorkflow } = await import('../write-options.js');
    const { createPlan } = await import('../../pipeline/workflows/index.js');
    const { createPlanInput, readBank } = await import('../read-bank.js');
    const { createPlanPage, renderHtml } = await import('../../report/index.js');
    const { renderPlanText } = await import('../render-plan.js');
    const { fitText } = await import('../run-output.js');
    const { recordLines, writeHtmlPage } = await import('../html-page.js');
    const resolved = resolveFromArgs(args, ctx);
    const bank = await readBank(args.dir, ctx.io.cwd, resolved.config);
    const deps = openWorkflow(resolved, ctx, undefined, { readOnly: true });
    const plan = await createPlan(deps, createPlanInput(bank, resolved.config, { allowOtherBank: args.allowOtherBank }));
    if (args.out !== undefined) {
      const path = resolve(ctx.io.cwd, args.out);
      await writeJsonFile(path, plan);
      ctx.log.info({ event: 'plan.saved', path });
    }
    if (args.html !== undefined) {
      const page = createPlanPage(plan, { problems: bank.problems, lines: recordLines(bank.records) });
      const path = await writeHtmlPage(args.html, ctx.io.cwd, renderHtml(page));
      ctx.log.info({ event: 'plan.html_saved', path });
    }
    const problems = bank.problems.length === 0 ? '' : `\n${bank.problems.length} input problem(s) found; membank validate ${args.dir} lists them.`;
    const saved =
      (args.out === undefined ? '' : `\nSaved to ${args.out}; apply it with: membank apply ${args.out}`) +
      (args.html === undefined ? '' : `\nReview page written to ${args.html}; open it in a browser`);
    // --json streams the plan's ops one at a time and builds no human text.
    if (ctx.json) await printJsonResult(ctx, { plan, problems: bank.problems });
    else ctx.print({ plan, problems: bank.problems }, fitText(`${renderPlanText(plan)}${problems}${saved}`, ctx.io.stdout));
    return args.detailedExitcode && plan.summary.writes > 0 ? ExitCode.changesPending : ExitCode.ok;
  },
});
