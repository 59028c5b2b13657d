/**
 * The MCP server behind `membank mcp <dir>`: the official SDK over stdio (stdout carries only protocol messages;
 * logs go to stderr), one tool per workflow. A tool that fails returns `isError` with the error's message and the
 * server keeps answering; bad input is refused by the SDK with the zod issue naming the field. The server stops
 * cleanly on SIGINT/SIGTERM or when stdin closes, after the calls in flight have ended.
 */
import { readOwnVersion } from '../cli/own-version.js';
import type { Readable, Writable } from 'node:stream';
import { MembankError } from '../core/errors.js';
import { redactSecrets } from '../cli/logger.js';
import { createWorkflowDeps } from '../cli/workflow-deps.js';
import { selectSyncConfig } from '../cli/read-bank.js';
import { readSyncInput } from './bank.js';
import {
  emptyInput,
  listTasksInput,
  listTasksOutput,
  resolveConflictInput,
  resolveOutput,
  restoreInput,
  restoreOutput,
  statusOutput,
  syncNowInput,
  syncOutput,
} from './schemas.js';
import { readSyncStatus } from './status.js';
import { listTasks, type McpSession, planNow, resolveConflict, restoreNow, syncNow } from './tools.js';

/** What the server needs besides the session: its streams and the secrets no result may carry. */
export interface ServeOptions {
  session: McpSession;
  stdin: Readable;
  stdout: Writable;
  /** Values redacted from every tool result (the API token). */
  secrets: readonly string[];
}


/** Every string in `value` with the secrets (and anything shaped like a Vikunja token) redacted. */
function redactDeep(value: unknown, secrets: readonly string[]): unknown {
  if (typeof value === 'string') return redactSecrets(value, secrets);
  if (Array.isArray(value)) return value.map((entry) => redactDeep(entry, secrets));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value as Record<string, unknown>).map(([key, entry]) => [key, redactDeep(entry, secrets)]));
  }
  return value;
}

/** `get_sync_status`: reads the bank (for its project title) and the state store; no Vikunja request. */
async function readStatus(session: McpSession): Promise<Record<string, unknown>> {
  const { input } = await readSyncInput(session.dir, session.cwd, selectSyncConfig(session.resolved.config));
  const deps = createWorkflowDeps({ config: session.resolved.config, statePath: session.resolved.statePath, log: session.log, signal: session.signal, readOnly: true });
  try {
    const status = readSyncStatus(deps.runtime.store, { serverUrl: deps.runtime.serverUrl, projectTitle: input.projectTitle, bank: input.root, now: session.now() });
    return { ...status };
  } finally {
    deps.runtime.close();
  }
}

/** Serves MCP on the given streams until stdin closes or the session's signal is aborted. */
export async function serveMcp(options: ServeOptions): Promise<{ reason: string }> {
  const { session, secrets } = options;
  const [{ McpServer }, { StdioServerTransport }] = await Promise.all([
    import('@modelcontextprotocol/sdk/server/mcp.js'),
    import('@modelcontextprotocol/sdk/server/stdio.js'),
  ]);
  const server = new McpServer({ name: 'membank', version: readOwnVersion() ?? '0.0.0' }, { capabilities: { tools: {} } });
  const log = session.log.child({ component: 'mcp' });

  type ToolResult = { content: Array<{ type: 'text'; text: string }>; structuredContent?: Record<string, unknown>; isError?: boolean };
  const run = async (tool: string, body: () => Promise<Record<string, unknown>>): Promise<ToolResult> => {
    log.info({ event: 'mcp.tool', tool });
    try {
      const structured = redactDeep(await body(), secrets) as Record<string, unknown>;
      return { content: [{ type: 'text', text: JSON.stringify(structured) }], structuredContent: structured };
    } catch (error) {
      // A workflow error (server down, run locked, bad bank) is the tool's result; the server keeps running.
      const code = error instanceof MembankError ? `${error.code}, exit ${error.exitCode}` : 'internal';
      const message = redactSecrets(error instanceof Error ? error.message : String(error), secrets);
      log.warn({ event: 'mcp.tool_failed', tool, code, message });
      return { isError: true, content: [{ type: 'text', text: `membank ${tool} failed (${code}): ${message}` }] };
    }
  };

  server.registerTool(
    'sync_now',
    {
      title: 'Sync now',
      description:
        'Sync the memory bank and its Vikunja project both ways, per field, as `membank sync` does (same lock, journal and report; reversible with `membank rollback <runId>`). dry_run: plan only, write nothing. Returns counts, every write, pending conflicts and the exit code the CLI would give (0 ok, 1 failed, 6 conflict pending).',
      inputSchema: syncNowInput,
      outputSchema: syncOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true },
    },
    async (args) => run('sync_now', () => syncNow(session, args)),
  );
  server.registerTool(
    'get_sync_status',
    {
      title: 'Sync status',
      description:
        'Where the sync of this bank stands, from the state store (no Vikunja request): the last run, the last and last successful sync, the lag since it, the run holding the lock, and the conflicts the last sync left pending.',
      inputSchema: emptyInput,
      outputSchema: statusOutput,
      annotations: { readOnlyHint: true, openWorldHint: false },
    },
    async () => run('get_sync_status', () => readStatus(session)),
  );
  server.registerTool(
    'list_tasks',
    {
      title: 'List tasks',
      description:
        "The tasks of the bank's Vikunja project, filtered by status (open, done, todo, doing, blocked), label and text, each with the memory-bank item it is synced with (key and file:line).",
      inputSchema: listTasksInput,
      outputSchema: listTasksOutput,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async (args) => run('list_tasks', () => listTasks(session, args)),
  );
  server.registerTool(
    'plan',
    {
      title: 'Plan a sync',
      description: 'What a sync would do now, on both sides (the same result as sync_now with dry_run); writes nothing anywhere.',
      inputSchema: emptyInput,
      outputSchema: syncOutput,
      annotations: { readOnlyHint: true, openWorldHint: true },
    },
    async () => run('plan', () => planNow(session)),
  );
  server.registerTool(
    'resolve_conflict',
    {
      title: 'Resolve a conflict',
      description:
        'Settle one pending conflict: the chosen side (memory-bank or vikunja) is written to the other side for that one field of that one task, through the sync pipeline (lock, journal, reversible); other changes are left for the next sync. task: the Vikunja task id or the item key.',
      inputSchema: resolveConflictInput,
      outputSchema: resolveOutput,
      annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: true },
    },
    async (args) => run('resolve_conflict', () => resolveConflict(session, args)),
  );
  server.registerTool(
    'restore',
    {
      title: 'Restore the bank',
      description:
        'Write wiped or damaged memory-bank files back, byte for byte from the snapshot of the last successful run (or the run `at`), or regenerated from Vikunja (from_vikunja, or when the state store is gone). dry_run defaults to true: a unified diff per file, nothing written. Files that differ are left alone unless force.',
      inputSchema: restoreInput,
      outputSchema: restoreOutput,
      annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: true },
    },
    async (args) => run('restore', () => restoreNow(session, args)),
  );

  const transport = new StdioServerTransport(options.stdin, options.stdout);
  let stop: (reason: string) => void = () => undefined;
  const stopped = new Promise<string>((resolve) => {
    stop = resolve;
  });
  server.server.onclose = () => stop('transport closed');
  transport.onerror = (error) => log.warn({ event: 'mcp.transport_error', message: redactSecrets(error.message, secrets) });
  const onEnd = (): void => stop('stdin closed');
  options.stdin.once('end', onEnd);
  options.stdin.once('close', onEnd);
  // The client went away mid-answer (EPIPE): stop as when stdin closes, instead of an unhandled stream error.
  const onOutputError = (error: Error): void => {
    log.warn({ event: 'mcp.output_error', message: error.message });
    stop('stdout closed');
  };
  options.stdout.on('error', onOutputError);
  const onAbort = (): void => stop('signal');
  if (session.signal.aborted) stop('signal');
  else session.signal.addEventListener('abort', onAbort, { once: true });

  await server.connect(transport);
  // Requests not answered yet, so that stopping waits for their answers to be written (not only for their handlers).
  const unanswered = new Set<string | number>();
  let answered: () => void = () => undefined;
  const receive = transport.onmessage;
  transport.onmessage = (message) => {
    if ('method' in message && 'id' in message) unanswered.add(message.id);
    // A request the client cancelled gets no answer.
    if ('method' in message && message.method === 'notifications/cancelled') {
      const id = (message.params as { requestId?: string | number } | undefined)?.requestId;
      if (id !== undefined && unanswered.delete(id) && unanswered.size === 0) answered();
    }
    receive?.(message);
  };
  const send = transport.send.bind(transport);
  transport.send = async (message) => {
    await send(message);
    const id = 'result' in message || 'error' in message ? message.id : undefined;
    if (id !== undefined && unanswered.delete(id) && unanswered.size === 0) answered();
  };
  log.info({ event: 'mcp.started', bank: session.dir });
  const reason = await stopped;
  // A sync in flight sees the signal: it finishes its in-flight writes and returns; its answer is written before the
  // server closes (as every call's is when stdin closes: the client may still read). No answer can reach a client
  // whose output is gone.
  if (unanswered.size > 0 && (reason === 'signal' || reason === 'stdin closed')) {
    await new Promise<void>((resolve) => {
      answered = resolve;
    });
  }
  options.stdin.off('end', onEnd);
  options.stdin.off('close', onEnd);
  session.signal.removeEventListener('abort', onAbort);
  await server.close();
  options.stdout.off('error', onOutputError);
  log.info({ event: 'mcp.stopped', reason });
  return { reason };
}
