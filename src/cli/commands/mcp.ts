import { Writable } from 'node:stream';
import { ExitCode } from '../../core/errors.js';
import type { CliIo } from '../command.js';
import { defineCommand } from '../command.js';
import { addConnectionOptions, type ConnectionArgs } from '../connection-options.js';

interface McpArgs extends ConnectionArgs {
  dir: string;
}

/** The protocol's output: the process's stdout itself, or (in-process runs) a stream onto the CLI's writer. */
function openProtocolOutput(stdout: CliIo['stdout']): Writable {
  if (stdout === process.stdout) return process.stdout;
  return new Writable({
    write(chunk: Buffer | string, _encoding, done) {
      stdout.write(typeof chunk === 'string' ? chunk : chunk.toString('utf8'));
      done();
    },
  });
}

/** `membank mcp <dir>`: an MCP server over stdio for the assistant that keeps the bank (docs/mcp.md). */
export const mcpCommand = defineCommand<McpArgs>({
  command: 'mcp <dir>',
  describe: 'Serve MCP over stdio for the assistant that keeps the bank: sync_now, get_sync_status, list_tasks, plan, resolve_conflict, restore',
  builder: (yargs) =>
    addConnectionOptions(yargs)
      .positional('dir', { type: 'string', describe: 'Repository or memory-bank folder', demandOption: true })
      .example('$0 mcp ./repo', 'Serve the tools on stdin/stdout (an assistant starts this; see docs/mcp.md)'),
  async run(args, ctx) {
    // What the run needs is loaded when it runs: `mcp --help` loads none of it.
    const { resolveFromArgs } = await import('../resolve-args.js');
    const { readBank } = await import('../read-bank.js');
    const { createWorkflowDeps } = await import('../workflow-deps.js');
    const resolved = resolveFromArgs(args, ctx);
    // Refused before serving, not on every call: a folder with no bank, no URL or no token.
    await readBank(args.dir, ctx.io.cwd, resolved.config);
    createWorkflowDeps({ config: resolved.config, statePath: resolved.statePath, log: ctx.log, signal: ctx.signal, readOnly: true }).runtime.close();
    // The SDK is loaded only by this command.
    const { serveMcp } = await import('../../mcp/server.js');
    const token = resolved.config.vikunja.token;
    await serveMcp({
      session: { dir: args.dir, cwd: ctx.io.cwd, resolved, log: ctx.log, signal: ctx.signal, now: () => new Date() },
      stdin: process.stdin,
      stdout: openProtocolOutput(ctx.io.stdout),
      secrets: token === undefined ? [] : [token],
    });
    return ExitCode.ok;
  },
});
