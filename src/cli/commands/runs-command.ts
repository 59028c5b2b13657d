/**
 * `membank runs`'s options. What it runs (the configuration, the state store, the table renderer) is in runs.ts,
 * loaded when it runs, so `runs --help` loads none of it.
 */
import { defineCommand } from '../command.js';
import { addStateOption } from '../connection-options.js';
import type { RunsArgs } from './runs.js';

/** How many runs `membank runs` lists without --limit. */
export const defaultLimit = 20;

/** `membank runs`: lists runs newest first, or checks the journal's hash chain with `--verify`. */
export const runsCommand = defineCommand<RunsArgs>({
  command: 'runs',
  describe: 'List past runs (newest first), or check the journal hash chain with --verify',
  builder: (yargs) =>
    addStateOption(yargs)
      .option('limit', { type: 'number', describe: `How many runs to list (default ${defaultLimit})` })
      .option('verify', { type: 'boolean', default: false, describe: 'Re-compute every journal hash; exit 1 if the chain was tampered with' })
      .example('$0 runs', 'List the 20 newest runs')
      .example('$0 runs --limit 5 --json', 'The 5 newest runs as JSON')
      .example('$0 runs --verify', 'Check that nobody edited the journal outside membank')
      .example('$0 runs --state /var/lib/membank/state.sqlite', 'Use another state store'),
  async run(args, ctx) {
    return (await import('./runs.js')).runRuns(args, ctx);
  },
});
