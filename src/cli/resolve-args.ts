/**
 * The configuration a command that talks to Vikunja runs with, resolved from its flags and the environment — in a
 * module of its own, so that a command can read the bank with it before loading the state store and the client
 * (`write-options.ts`): `migrate --dry-run` parses a 10,000-file bank with less in memory that way.
 */
import { resolveConfig, type ResolvedConfig } from '../config.js';
import type { CliContext } from './command.js';
import type { ConnectionArgs } from './connection-options.js';

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
