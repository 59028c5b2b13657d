/**
 * Set-up for the sync scenario tests: a sandbox at a given Vikunja version on 127.0.0.1:0, a temp repository holding
 * a copy of `fixtures/sync/basic`, migrated once, and helpers that edit either side the way a person would (the
 * Markdown by text replacement, Vikunja through its API: GET then POST the whole task, as the web UI does).
 */
import { cpSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { type CliRun, runCli } from '../../helpers/cli.js';

/** The hand-written bank the sync scenarios start from. */
export const syncFixture = fileURLToPath(new URL('../../../fixtures/sync/basic', import.meta.url));

/** One scenario's world. */
export interface SyncWorld {
  sandbox: SandboxHandle;
  dir: string;
  /** The repository folder (holds `memory-bank/`). */
  repo: string;
  bank: string;
  env: Record<string, string>;
  projectId: number;
  /** Runs the CLI in the temp folder with the world's environment. */
  cli(args: string[]): Promise<CliRun>;
  /** `membank sync <repo> --json` parsed, with its exit code. */
  sync(...flags: string[]): Promise<{ code: number; result: SyncJson; run: CliRun }>;
  /** Calls `/api/v1<path>` with the sandbox token. */
  api(method: string, path: string, body?: unknown): Promise<any>;
  /** The project's tasks (done ones included). */
  tasks(): Promise<any[]>;
  /** The task whose title contains `title`. */
  task(title: string): Promise<any>;
  /** Changes fields of a task the way the web UI does: read it, change the fields, send it whole (v1 POST). */
  editTask(title: string, changes: Record<string, unknown>): Promise<void>;
  /** Replaces `from` by `to` in a bank file (throws when absent). */
  editFile(path: string, from: string, to: string): void;
  read(path: string): string;
  /** Write requests the sandbox received since the last call. */
  takeWrites(): Array<{ method: string; path: string }>;
}

/** What `sync --json` prints. */
export interface SyncJson {
  dryRun: boolean;
  runId: string | null;
  status: string | null;
  summary: Record<string, number>;
  toVikunja: Array<{ id: string; kind: string }>;
  toMemoryBank: Array<{ id: string; kind: string }>;
  conflicts: Array<{ key: string; field: string; base: unknown; ours: unknown; theirs: unknown }>;
  items: Array<{ key: string; state: string; taskId: number | null; fields: Array<{ field: string; cell: string; action: string }>; notes: string[] }>;
  failures: unknown[];
}

/** Starts a sandbox at `version`, copies the fixture into a temp repository and migrates it (exit 0). */
export async function setupSyncWorld(
  closers: Array<() => Promise<void> | void>,
  options: { version: string; config?: Record<string, unknown> },
): Promise<SyncWorld> {
  const sandbox = await startSandbox({ version: options.version });
  closers.push(() => sandbox.close());
  const dir = mkdtempSync(join(tmpdir(), 'membank-sync-'));
  const repo = join(dir, 'reader-app');
  cpSync(syncFixture, repo, { recursive: true });
  if (options.config !== undefined) writeFileSync(join(dir, 'membank.config.json'), JSON.stringify(options.config));
  const env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(dir, 'state.sqlite') };
  const api = async (method: string, path: string, body?: unknown): Promise<any> => {
    const response = await fetch(`${sandbox.url}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${sandbox.token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
    return text === '' ? undefined : JSON.parse(text);
  };
  const cli = (args: string[]): Promise<CliRun> => runCli(args, { env, cwd: dir });
  const migrated = await cli(['migrate', repo, '--json']);
  expect(migrated.code, migrated.stderr + migrated.stdout).toBe(0);
  const projects = (await api('GET', '/projects')) as Array<{ id: number; title: string }>;
  const project = projects.find((candidate) => candidate.title === 'reader-app');
  if (project === undefined) throw new Error('migrate created no project reader-app');
  const tasks = async (): Promise<any[]> => {
    const all: any[] = [];
    for (let page = 1; ; page += 1) {
      const batch = (await api('GET', `/projects/${project.id}/tasks?page=${page}&per_page=50`)) as any[] | null;
      if (batch === null || batch.length === 0) break;
      all.push(...batch);
      if (batch.length < 50) break;
    }
    return all;
  };
  const task = async (title: string): Promise<any> => {
    const found = (await tasks()).find((candidate) => String(candidate.title).includes(title));
    if (found === undefined) throw new Error(`no task titled like "${title}"`);
    return api('GET', `/tasks/${found.id}`);
  };
  sandbox.clearRequestLog();
  return {
    sandbox,
    dir,
    repo,
    bank: join(repo, 'memory-bank'),
    env,
    projectId: project.id,
    cli,
    async sync(...flags) {
      const run = await cli(['sync', repo, '--json', ...flags]);
      let result: SyncJson;
      try {
        result = JSON.parse(run.stdout) as SyncJson;
      } catch {
        throw new Error(`sync printed no JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
      }
      return { code: run.code, result, run };
    },
    api,
    tasks,
    task,
    async editTask(title, changes) {
      const current = await task(title);
      await api('POST', `/tasks/${current.id}`, { ...current, ...changes });
    },
    editFile(path, from, to) {
      const file = join(repo, 'memory-bank', path);
      const text = readFileSync(file, 'utf8');
      if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
      writeFileSync(file, text.replace(from, to));
    },
    read(path) {
      return readFileSync(join(repo, 'memory-bank', path), 'utf8');
    },
    takeWrites() {
      const writes = sandbox
        .requestLog()
        .filter((entry) => entry.method !== 'GET')
        .map((entry) => ({ method: entry.method, path: entry.path }));
      sandbox.clearRequestLog();
      return writes;
    },
  };
}

/** Bytes and mtime of every file under the bank, to prove a run left them alone. */
export function snapshotFiles(world: SyncWorld, paths: readonly string[]): Record<string, { text: string; mtimeMs: number }> {
  return Object.fromEntries(
    paths.map((path) => {
      const file = join(world.bank, path);
      return [path, { text: readFileSync(file, 'utf8'), mtimeMs: statSync(file).mtimeMs }];
    }),
  );
}

/** The bank files of the fixture. */
export const fixtureFiles = ['tasks.md', 'sprint.md', 'tasks/TASK001-import-exports.md', 'tasks/TASK002-offline-mode.md'] as const;
