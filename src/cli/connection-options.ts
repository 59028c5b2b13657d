/**
 * The connection and state options of the commands that talk to Vikunja, as their builders declare them. Kept apart
 * from `write-options.ts` (which resolves the configuration and opens the state store and the client) so that a
 * command's `--help` loads neither zod, got nor better-sqlite3.
 */
import type { Argv } from 'yargs';

/** Connection and state options shared by the commands that talk to Vikunja. */
export interface ConnectionArgs {
  url?: string | undefined;
  token?: string | undefined;
  tokenFile?: string | undefined;
  state?: string | undefined;
  project?: string | undefined;
  config?: string | undefined;
}

/**
 * Adds `--url`, `--token`, `--token-file`, `--state` and, for commands that choose a project (plan, migrate),
 * `--project`. Commands whose target is fixed (apply: the plan's project; rollback: the run's) leave it out, so
 * `--project` there is an unknown-argument error instead of being ignored.
 */
export function addConnectionOptions(yargs: Argv, options: { project?: boolean } = {}): Argv {
  const withConnection = yargs
    .option('url', { type: 'string', describe: 'Vikunja base URL, may carry a path (env VIKUNJA_URL)' })
    .option('token', { type: 'string', describe: 'Vikunja API token tk_… (env VIKUNJA_TOKEN; prefer --token-file)' })
    .option('token-file', { type: 'string', describe: 'File holding the API token' })
    .option('state', { type: 'string', describe: 'SQLite state store (default snapshots/membank.sqlite; env MEMBANK_STATE)' });
  return options.project === false
    ? withConnection
    : withConnection.option('project', { type: 'string', describe: 'Vikunja project title (default: the name of the repository folder that holds the bank)' });
}

/** `--state` alone, for the commands that read only the state store (runs, show). */
export function addStateOption(yargs: Argv): Argv {
  return yargs.option('state', { type: 'string', describe: 'State store file (default: snapshots/membank.sqlite, or MEMBANK_STATE)' });
}
