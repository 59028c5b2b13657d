import type { Argv } from 'yargs';
import { resolveConfig, type ResolvedConfig } from '../config.js';
import type { CliContext } from './command.js';
import { createWorkflowDeps } from './workflow-deps.js';
import type { WorkflowDeps } from '../pipeline/workflows/index.js';

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

/** Resolves configuration from the command's flags and the environment. */
export function resolveFromArgs(args: ConnectionArgs, ctx: CliContext): ResolvedConfig {
  return resolveConfig(
    {
      config: args.config,
      url: args.url,
      token: args.token,
      tokenFile: args.tokenFile,
      state: args.state,
      project: args.project,
    },
    ctx.io.env,
    ctx.io.cwd,
  );
}

/** Opens the state store and the Vikunja client; closed when the command ends. */
export function openWorkflow(
  resolved: ResolvedConfig,
  ctx: CliContext,
  onProgress?: (done: number, total: number) => void,
  options: { readOnly?: boolean } = {},
): WorkflowDeps {
  const deps = createWorkflowDeps({
    config: resolved.config,
    statePath: resolved.statePath,
    log: ctx.log,
    signal: ctx.signal,
    ...(options.readOnly === true ? { readOnly: true } : {}),
  });
  ctx.onClose(() => deps.runtime.close());
  return onProgress === undefined ? deps : { ...deps, onProgress };
}
