/**
 * The connection and state options of the commands that talk to Vikunja, as their builders declare them. Kept apart
 * from `resolve-args.ts` (which resolves the configuration) and `write-options.ts` (which opens the state store and the
 * client), so that a command's `--help` loads neither zod, got nor better-sqlite3.
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

/** How the connection and state options read in every command's help (doctor declares them without `--state`). */
export const connectionOptionDescriptions = {
  url: 'Vikunja base URL, path prefix allowed (default: VIKUNJA_URL or the config file)',
  token: 'Vikunja API token tk_… (prefer --token-file or VIKUNJA_TOKEN: arguments show up in ps)',
  tokenFile: 'File holding the API token',
  state: 'SQLite state store (default snapshots/membank.sqlite; env MEMBANK_STATE)',
} as const;

/**
 * Adds `--url`, `--token`, `--token-file`, `--state` and, for commands that choose a project (plan, migrate),
 * `--project`. Commands whose target is fixed (apply: the plan's project; rollback: the run's) leave it out, so
 * `--project` there is an unknown-argument error instead of being ignored.
 */
export function addConnectionOptions(yargs: Argv, options: { project?: boolean } = {}): Argv {
  const withConnection = yargs
    .option('url', { type: 'string', describe: connectionOptionDescriptions.url })
    .option('token', { type: 'string', describe: connectionOptionDescriptions.token })
    .option('token-file', { type: 'string', describe: connectionOptionDescriptions.tokenFile });
  addStateOption(withConnection);
  return options.project === false
    ? withConnection
    : withConnection.option('project', { type: 'string', describe: 'Vikunja project title (default: the name of the repository folder that holds the bank)' });
}

/** `--state`: on its own for the commands that read only the state store (runs, show), and with the connection. */
export function addStateOption(yargs: Argv): Argv {
  return yargs.option('state', { type: 'string', describe: connectionOptionDescriptions.state });
}
