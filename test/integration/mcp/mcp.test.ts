/**
 * `membank mcp <dir>` as an assistant runs it: a child process speaking MCP over stdio, driven by the SDK's own
 * client (StdioClientTransport), against the real sandbox on 127.0.0.1:0 and a real SQLite state store. The tools
 * are listed, `sync_now` puts the bank's tasks into Vikunja, `get_sync_status` reports the run, a conflict made on
 * both sides is settled by `resolve_conflict`, bad input is refused naming the field while the server keeps
 * answering, and SIGTERM / stdin closing end the server with exit 0. The token is in no result and no log line.
 * `sync_now` runs as `membank sync`: its snapshot reads no unchanged file again, and a guard-refused run saves its report.
 */
import { spawn } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { sandboxApi } from '../sync/sandbox-api.js';

const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(projectRoot, 'src', 'cli', 'bin.ts');
/** tsx's loader by absolute URL: the child runs in a temp folder, where `--import tsx` would not resolve. */
const tsxLoader = pathToFileURL(join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;
const fixture = fileURLToPath(new URL('../../../fixtures/sync/basic', import.meta.url));

interface World {
  sandbox: SandboxHandle;
  dir: string;
  repo: string;
  env: Record<string, string>;
  api(method: string, path: string, body?: unknown): Promise<any>;
  /** Every task of the project titled after the repository. */
  tasks(): Promise<any[]>;
}

const closers = closeAfterEach();

async function openWorld(options: { latencyMs?: number } = {}): Promise<World> {
  const sandbox = await startSandbox({ port: 0, version: '2.5.0', ...options });
  closers.push(() => sandbox.close());
  const dir = mkdtempSync(join(tmpdir(), 'membank-mcp-'));
  const repo = join(dir, 'reader-app');
  cpSync(fixture, repo, { recursive: true });
  // Few, quick retries: one call is made while the server is down.
  writeFileSync(join(dir, 'membank.config.json'), JSON.stringify({ vikunja: { retries: 1, retryBaseMs: 10 } }));
  // Debug logging: every request and op is logged to stderr, where the token must not appear either.
  const env = { PATH: process.env['PATH'] ?? '', HOME: dir, VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(dir, 'state.sqlite'), MEMBANK_LOG_LEVEL: 'debug' };
  const api = sandboxApi(sandbox);
  const tasks = async (): Promise<any[]> => {
    const projects = (await api('GET', '/projects')) as Array<{ id: number; title: string }>;
    const project = projects.find((candidate) => candidate.title === 'reader-app');
    if (project === undefined) return [];
    return (await api('GET', `/projects/${project.id}/tasks?per_page=200`)) as any[];
  };
  return { sandbox, dir, repo, env, api, tasks };
}

/** Starts `membank mcp <repo>` through the SDK's stdio client; its stderr is collected. */
async function connect(world: World): Promise<{ client: Client; transport: StdioClientTransport; stderr: () => string }> {
  const transport = new StdioClientTransport({
    command: process.execPath,
    args: ['--import', tsxLoader, bin, 'mcp', world.repo],
    env: world.env,
    cwd: world.dir,
    stderr: 'pipe',
  });
  let stderr = '';
  transport.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const client = new Client({ name: 'membank-test', version: '1.0.0' });
  await client.connect(transport);
  closers.push(() => client.close());
  return { client, transport, stderr: () => stderr };
}

type CallResult = { isError?: boolean; structuredContent?: any; content: Array<{ type: string; text?: string }> };

function textOf(result: CallResult): string {
  return result.content.map((entry) => entry.text ?? '').join('\n');
}

describe('membank mcp <dir>', () => {
  it('lists the tools, syncs into Vikunja, reports status, settles a forced conflict, refuses bad input; never shows the token', async () => {
    const world = await openWorld();
    const { client, stderr } = await connect(world);
    const results: unknown[] = [];
    const call = async (name: string, args: Record<string, unknown> = {}): Promise<CallResult> => {
      const result = (await client.callTool({ name, arguments: args })) as CallResult;
      results.push(result);
      return result;
    };

    const { tools } = await client.listTools();
    expect(tools.map((tool) => tool.name).sort()).toEqual(['get_sync_status', 'list_tasks', 'plan', 'resolve_conflict', 'restore', 'sync_now']);
    for (const tool of tools) expect(tool.outputSchema, tool.name).toBeDefined();

    // A plan writes nothing; then sync_now creates the project and its tasks.
    const planned = await call('plan');
    expect(planned.isError, textOf(planned)).toBeFalsy();
    expect(planned.structuredContent).toMatchObject({ dryRun: true, runId: null, status: 'planned' });
    expect(planned.structuredContent.toVikunja).toBeGreaterThan(0);
    expect(await world.tasks()).toEqual([]);

    const synced = await call('sync_now');
    expect(synced.isError, textOf(synced)).toBeFalsy();
    expect(synced.structuredContent).toMatchObject({ dryRun: false, status: 'succeeded', exitCode: 0, conflicts: [] });
    expect(synced.structuredContent.summary.created).toBe(9);
    const runId = synced.structuredContent.runId as string;
    expect(runId).toMatch(/^\d{4}-/);
    expect(synced.structuredContent.bySide.vikunja).toMatchObject({ project: 1, create: 9 });
    expect(synced.structuredContent.bySide['memory-bank']).toEqual({});
    const dumped = world.sandbox.dump();
    const project = dumped.projects.find((candidate) => candidate.title === 'reader-app');
    const titles = dumped.tasks.filter((candidate) => candidate.project_id === project?.id).map((candidate) => candidate.title);
    expect(titles).toHaveLength(9);
    expect(titles).toContain('S-1 · Export to Markdown');
    expect(titles).toContain('Write the onboarding guide');

    const status = await call('get_sync_status');
    expect(status.isError, textOf(status)).toBeFalsy();
    expect(status.structuredContent).toMatchObject({
      project: 'reader-app',
      lastSync: { id: runId, status: 'succeeded' },
      lastSuccessfulSync: { id: runId },
      pendingConflicts: [],
      conflictsAsOf: runId,
    });
    expect(status.structuredContent.lagSeconds).toBeGreaterThanOrEqual(0);
    expect(status.structuredContent.guard).toMatchObject({ runId, command: 'sync', guard: { tripped: [], refused: false } });

    const listed = await call('list_tasks', { text: 'export to markdown' });
    expect(listed.isError, textOf(listed)).toBeFalsy();
    expect(listed.structuredContent.tasks).toEqual([expect.objectContaining({ title: 'S-1 · Export to Markdown', done: false, source: 'memory-bank/sprint.md:5' })]);
    const done = await call('list_tasks', { status: 'done' });
    expect(done.structuredContent.tasks.map((task: { title: string }) => task.title).sort()).toEqual(['S-2 · Sync reading position', 'Ship the private beta']);

    // The same field changed differently on both sides: priority High → Medium in the bank, → 5 in Vikunja.
    const sprint = join(world.repo, 'memory-bank', 'sprint.md');
    writeFileSync(sprint, readFileSync(sprint, 'utf8').replace('| S-1 | Export to Markdown | Sam | High |', '| S-1 | Export to Markdown | Sam | Medium |'));
    const task = (await world.tasks()).find((candidate) => candidate.title === 'S-1 · Export to Markdown');
    await world.api('POST', `/tasks/${task.id}`, { ...(await world.api('GET', `/tasks/${task.id}`)), priority: 5 });

    const conflicted = await call('sync_now');
    expect(conflicted.structuredContent).toMatchObject({ exitCode: 0, conflicts: [expect.objectContaining({ taskId: task.id, field: 'priority', memoryBank: 2, vikunja: 5 })] });
    const pending = await call('get_sync_status');
    expect(pending.structuredContent.pendingConflicts).toEqual([expect.objectContaining({ taskId: task.id, field: 'priority' })]);

    // The title changes in the bank meanwhile: a pending change of the same task that resolve_conflict leaves alone.
    writeFileSync(sprint, readFileSync(sprint, 'utf8').replace('| S-1 | Export to Markdown | Sam |', '| S-1 | Export to Markdown files | Sam |'));

    const wrongField = await call('resolve_conflict', { task: task.id, field: 'title', side: 'vikunja' });
    expect(wrongField.isError).toBe(true);
    expect(textOf(wrongField)).toContain('no pending conflict on title');

    const resolved = await call('resolve_conflict', { task: `#${task.id}`, field: 'priority', side: 'vikunja' });
    expect(resolved.isError, textOf(resolved)).toBeFalsy();
    expect(resolved.structuredContent).toMatchObject({ resolved: true, status: 'succeeded', field: 'priority', side: 'vikunja', value: 5, remainingConflicts: [] });
    expect(resolved.structuredContent.writes).toEqual([expect.objectContaining({ side: 'memory-bank', kind: 'file-edit', fields: ['priority'] })]);
    // Vikunja's value is on both sides now; the title changed in the bank was not part of it.
    expect(readFileSync(sprint, 'utf8')).toContain('| S-1 | Export to Markdown files | Sam | Immediate |');
    expect(await world.api('GET', `/tasks/${task.id}`)).toMatchObject({ priority: 5, title: 'S-1 · Export to Markdown' });
    const settled = await call('get_sync_status');
    expect(settled.structuredContent.pendingConflicts).toEqual([]);
    const after = await call('plan');
    expect(after.structuredContent.conflicts).toEqual([]);
    expect(after.structuredContent.writes).toEqual([expect.objectContaining({ side: 'vikunja', kind: 'update', taskId: task.id, fields: ['title'] })]);

    // The bank file wiped: restore shows what it would write back (dry run by default), then writes it byte for byte.
    const kept = readFileSync(sprint, 'utf8');
    rmSync(sprint);
    const preview = await call('restore');
    expect(preview.isError, textOf(preview)).toBeFalsy();
    expect(preview.structuredContent).toMatchObject({ source: 'store', dryRun: true, runId: resolved.structuredContent.runId });
    expect(preview.structuredContent.files).toContainEqual(expect.objectContaining({ path: 'memory-bank/sprint.md', action: 'create', written: false }));
    expect(existsSync(sprint)).toBe(false);
    const restored = await call('restore', { dry_run: false });
    expect(restored.structuredContent.counts.create).toBe(1);
    expect(readFileSync(sprint, 'utf8')).toBe(kept);

    // Bad input: an MCP error naming the field; the server answers the next call.
    const wrongType = await call('sync_now', { dry_run: 'yes' });
    expect(wrongType.isError).toBe(true);
    expect(textOf(wrongType)).toContain('dry_run');
    const missing = await call('resolve_conflict', { field: 'priority', side: 'vikunja' });
    expect(missing.isError).toBe(true);
    expect(textOf(missing)).toContain('task');
    const badSide = await call('resolve_conflict', { task: task.id, field: 'priority', side: 'both' });
    expect(textOf(badSide)).toContain('side');
    const unknown = await call('list_tasks', { limit: 5, colour: 'red' });
    expect(unknown.isError).toBe(true);
    expect(textOf(unknown)).toContain('colour');
    const still = await call('get_sync_status');
    expect(still.isError).toBeFalsy();

    // A workflow error is a tool result with isError; the server keeps running.
    await world.sandbox.close();
    const down = await call('sync_now');
    expect(down.isError).toBe(true);
    expect(textOf(down)).toMatch(/unavailable|ECONNREFUSED|reach/i);
    const stillUp = await call('get_sync_status');
    expect(stillUp.isError, textOf(stillUp)).toBeFalsy();

    const token = world.sandbox.token;
    expect(JSON.stringify(results)).not.toContain(token);
    expect(stderr()).toContain('"event"');
    expect(stderr()).not.toContain(token);
  });

  it('sync_now as membank sync: its source snapshot reuses what the bank read hashed, and a guard-refused sync saves its report', async () => {
    const world = await openWorld();
    // At most 2 destructive ops: deleting tasks.md (4 task items → label "removed") trips max-destructive.
    writeFileSync(join(world.dir, 'membank.config.json'), JSON.stringify({ vikunja: { retries: 1, retryBaseMs: 10 }, guards: { maxDestructive: 2 } }));
    // Files last modified an hour ago: a file modified just before it is read is never taken from that read.
    const then = new Date(Date.now() - 3_600_000);
    for (const entry of readdirSync(world.repo, { withFileTypes: true, recursive: true })) {
      if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), then, then);
    }
    const { client, stderr } = await connect(world);
    const call = async (name: string, args: Record<string, unknown> = {}): Promise<CallResult> => (await client.callTool({ name, arguments: args })) as CallResult;
    /** The `read` count of each source snapshot recorded so far (files read again after the bank read). */
    const snapshotReads = (): number[] =>
      stderr()
        .split('\n')
        .filter((line) => line.includes('"event":"snapshot.recorded"'))
        .map((line) => (JSON.parse(line) as { read: number }).read);

    const first = await call('sync_now');
    expect(first.isError, textOf(first)).toBeFalsy();
    expect(first.structuredContent).toMatchObject({ status: 'succeeded', exitCode: 0 });
    // The first run stores every file's bytes, so reads each one whose blob is not stored yet.
    expect(snapshotReads()).toEqual([4]);
    const second = await call('sync_now');
    expect(second.structuredContent).toMatchObject({ status: 'succeeded', exitCode: 0, writes: [] });
    // Unchanged since the bank read: no file read again for the snapshot.
    expect(snapshotReads()).toEqual([4, 0]);

    rmSync(join(world.repo, 'memory-bank', 'tasks.md'));
    // The dry run previews the verdict, as `membank sync --dry-run` does.
    const planned = await call('plan');
    expect(planned.structuredContent.guard).toMatchObject({ refused: true, tripped: [expect.objectContaining({ guard: 'max-destructive' })] });
    const refused = await call('sync_now');
    expect(refused.isError).toBe(true);
    expect(textOf(refused)).toContain('exit 7');
    // The refusal names the override as this interface spells it: the tool's argument, not the CLI's flag.
    expect(textOf(refused)).toContain('re-run with allow_mass_change: true');
    expect(textOf(refused)).not.toContain('--allow-mass-change');
    const named = /Report: (reports\/(\S+)\/report\.json), reports\/\S+\/report\.md, reports\/\S+\/report\.html/.exec(textOf(refused));
    expect(named, textOf(refused)).not.toBeNull();
    const report = JSON.parse(readFileSync(join(world.dir, named?.[1] ?? ''), 'utf8'));
    expect(report).toMatchObject({ runId: named?.[2], command: 'sync', status: 'failed', journal: { rows: 0, applied: 0 }, guard: { refused: true } });
    expect(readFileSync(join(world.dir, 'reports', named?.[2] ?? '', 'report.md'), 'utf8')).toContain('re-run with `allow_mass_change: true`');
    // Refused before its first write: no task is labelled removed in Vikunja.
    const labelled = (await world.tasks()).filter((task) => (task.labels ?? []).some((label: { title: string }) => label.title === 'removed-from-memory-bank'));
    expect(labelled).toEqual([]);
  });

  it('stdout carries only protocol messages; SIGTERM, SIGINT and closing stdin each end the server with exit 0', async () => {
    const world = await openWorld();
    for (const stop of ['SIGTERM', 'SIGINT', 'stdin'] as const) {
      const child = spawn(process.execPath, ['--import', tsxLoader, bin, 'mcp', world.repo], { cwd: world.dir, env: world.env, stdio: ['pipe', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
      const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
      const answered = new Promise<void>((resolve) => {
        child.stdout.on('data', (chunk: Buffer) => {
          stdout += chunk.toString('utf8');
          if (stdout.includes('"id":2')) resolve();
        });
      });
      const send = (message: unknown): void => {
        child.stdin.write(`${JSON.stringify(message)}\n`);
      };
      send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
      send({ jsonrpc: '2.0', method: 'notifications/initialized' });
      send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'get_sync_status', arguments: {} } });
      await Promise.race([answered, exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before answering: ${stderr}`)))]);
      if (stop === 'stdin') child.stdin.end();
      else child.kill(stop);
      expect(await exited, `${stop}: ${stderr}`).toBe(0);
      const lines = stdout.split('\n').filter((line) => line !== '');
      for (const line of lines) expect(JSON.parse(line), line).toMatchObject({ jsonrpc: '2.0' });
      expect(lines.map((line) => (JSON.parse(line) as { id?: number }).id)).toEqual([1, 2]);
      expect(stderr).not.toContain(world.sandbox.token);
    }
    // Three server starts: on a loaded machine each can take several seconds.
  }, 300_000);

  it('SIGTERM during a sync: the writes in flight finish, the call answers (run interrupted), then exit 0', async () => {
    const world = await openWorld({ latencyMs: 200 });
    const child = spawn(process.execPath, ['--import', tsxLoader, bin, 'mcp', world.repo], { cwd: world.dir, env: world.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const firstWrite = new Promise<void>((resolve) => {
      child.stderr.on('data', (chunk: Buffer) => {
        stderr += chunk.toString('utf8');
        if (stderr.includes('"op.applied"')) resolve();
      });
    });
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    const send = (message: unknown): void => {
      child.stdin.write(`${JSON.stringify(message)}\n`);
    };
    send({ jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'raw', version: '1' } } });
    send({ jsonrpc: '2.0', method: 'notifications/initialized' });
    send({ jsonrpc: '2.0', id: 2, method: 'tools/call', params: { name: 'sync_now', arguments: {} } });
    await Promise.race([firstWrite, exited.then((code) => Promise.reject(new Error(`the server exited (${code}) before writing: ${stderr}`)))]);
    child.kill('SIGTERM');
    expect(await exited, stderr).toBe(0);
    const answer = stdout
      .split('\n')
      .filter((line) => line !== '')
      .map((line) => JSON.parse(line) as { id?: number; result?: { structuredContent?: any } })
      .find((message) => message.id === 2);
    expect(answer?.result?.structuredContent, stdout).toMatchObject({ status: 'interrupted', exitCode: 1 });
    // Stopped part-way: not every task was created (the next sync resumes the run).
    expect(world.sandbox.dump().tasks.length).toBeLessThan(9);
  }, 300_000);

  it('refuses to start on a folder with no memory bank (exit 3, nothing on stdout)', async () => {
    const world = await openWorld();
    const empty = mkdtempSync(join(tmpdir(), 'membank-mcp-empty-'));
    const child = spawn(process.execPath, ['--import', tsxLoader, bin, 'mcp', empty], { cwd: world.dir, env: world.env, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)));
    expect(code, stderr).toBe(3);
    expect(stderr).toContain('no memory bank found here');
    expect(stdout).toBe('');
  });
});
