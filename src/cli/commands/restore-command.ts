/**
 * `membank restore <dir>`'s options. What it runs (the state store, the Vikunja client, the Markdown renderer) is in
 * restore.ts, loaded when it runs, so `restore --help` loads none of it (restore.ts also builds the MCP tool's deps).
 */
import { defineCommand } from '../command.js';
import { addConnectionOptions, type ConnectionArgs } from '../connection-options.js';

/** Arguments of `membank restore`. */
export interface RestoreArgs extends ConnectionArgs {
  dir: string;
  at?: string | undefined;
  force: boolean;
  dryRun: boolean;
  fromVikunja: boolean;
}

/** `membank restore <dir>`: write a wiped bank back from the state store's snapshot, or regenerate it from Vikunja. */
export const restoreCommand = defineCommand<RestoreArgs>({
  command: 'restore <dir>',
  describe: 'Write wiped or damaged memory-bank files back: byte-exact from the last successful run, or regenerated from Vikunja',
  builder: (yargs) =>
    addConnectionOptions(yargs)
      .positional('dir', { type: 'string', describe: 'The folder the runs scanned (repository or memory-bank folder)', demandOption: true })
      .option('at', { type: 'string', describe: 'Restore the snapshot of this run (membank runs lists them) instead of the latest successful one' })
      .option('force', { type: 'boolean', default: false, describe: 'Overwrite existing files whose content differs' })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Print a unified diff of what would change and write nothing' })
      .option('from-vikunja', { type: 'boolean', default: false, describe: 'Regenerate Markdown from the tasks in Vikunja (automatic when the state store is gone)' })
      .example('$0 restore ./repo --dry-run', 'Show what would be written back')
      .example('$0 restore ./repo', 'Write back the files of the latest successful run')
      .example('$0 restore ./repo --from-vikunja', 'Regenerate the task files from Vikunja'),
  async run(args, ctx) {
    return (await import('./restore.js')).runRestore(args, ctx);
  },
});
