/**
 * `membank show`'s options. What it runs (the configuration, the state store, zod for saved reports, the renderers)
 * is in show.ts, loaded when it runs, so `show --help` loads none of it.
 */
import { defineCommand } from '../command.js';
import { addStateOption } from '../connection-options.js';
import type { ShowArgs } from './show.js';

/** `membank show <run-id>`: one run's report (or its journal view when no report was saved). */
export const showCommand = defineCommand<ShowArgs>({
  command: 'show <run-id>',
  describe: "Show one run: its saved report, or the run's journaled operations",
  builder: (yargs) =>
    addStateOption(yargs.positional('run-id', { type: 'string', describe: 'Run id, as `membank runs` lists it' }))
      .option('journal', { type: 'boolean', default: false, describe: 'Also list every journal row of the run' })
      .option('open', { type: 'boolean', default: false, describe: "Open the run's report.html in the browser (prints the path where nothing can open it: CI, no display)" })
      .example('$0 show 2026-11-21T13-40-00Z-k3x9q2', 'Summary of one run')
      .example('$0 show 2026-11-21T13-40-00Z-k3x9q2 --journal', 'Every journal row the run wrote')
      .example('$0 show 2026-11-21T13-40-00Z-k3x9q2 --json', 'The run, its report and its ops as JSON')
      .example('$0 show 2026-11-21T13-40-00Z-k3x9q2 --open', 'Open the run\'s HTML report page'),
  async run(args, ctx) {
    return (await import('./show.js')).runShow(args, ctx);
  },
});
