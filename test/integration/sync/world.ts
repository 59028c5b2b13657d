/**
 * The one set-up both sync helper modules build on: a sandbox on 127.0.0.1:0, a temp repository whose bank the
 * caller fills, migrated once through the in-process CLI, and ways to reach both sides (the CLI, Vikunja's API with
 * the sandbox token, the project's tasks, the write requests the sandbox received).
 */
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { expect } from 'vitest';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../../src/sandbox/index.js';
import { type CliRun, runCli } from '../../helpers/cli.js';
import { findProject, listProjectTasks, sandboxApi, takeWrites } from './sandbox-api.js';

/** A migrated world: the sandbox, the repository and its bank, and the calls every sync test makes. */
export interface MigratedWorld {
  sandbox: SandboxHandle;
  dir: string;
  /** The repository folder (holds `memory-bank/`); its name is the project's title. */
  repo: string;
  bank: string;
  env: Record<string, string>;
  projectId: number;
  /** Runs the CLI in-process in the temp folder with the world's environment. */
  cli(args: string[]): Promise<CliRun>;
  /** Calls `/api/v1<path>` with the sandbox token; throws on a status ≥ 300. */
  api(method: string, path: string, body?: unknown): Promise<any>;
  /** Every task of the project (done ones included). */
  tasks(): Promise<any[]>;
  /** The one task whose title is `title`, or else the one whose title contains it (read whole). */
  task(title: string): Promise<any>;
  /** Changes fields of a task the way the web UI does: read it whole, change the fields, POST it whole. */
  editTask(title: string, changes: Record<string, unknown>): Promise<void>;
  /** Write requests the sandbox received since the last call (and clears the log). */
  takeWrites(): Array<{ method: string; path: string }>;
}

/**
 * Starts a sandbox at `version`, lets `fill` write the repository (`<dir>/<repoName>`), migrates it (exit 0) and
 * clears the sandbox's request log.
 */
export async function openMigratedWorld(
  closers: Array<() => Promise<void> | void>,
  options: {
    version: string;
    repoName: string;
    fill: (repo: string) => void;
    config?: Record<string, unknown>;
    sandbox?: SandboxOptions;
    env?: Record<string, string>;
  },
): Promise<MigratedWorld> {
  const sandbox = await startSandbox({ ...options.sandbox, version: options.version });
  closers.push(() => sandbox.close());
  const dir = mkdtempSync(join(tmpdir(), 'membank-sync-'));
  const repo = join(dir, options.repoName);
  options.fill(repo);
  if (options.config !== undefined) writeFileSync(join(dir, 'membank.config.json'), JSON.stringify(options.config));
  const env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(dir, 'state.sqlite'), ...options.env };
  const api = sandboxApi(sandbox);
  const cli = (args: string[]): Promise<CliRun> => runCli(args, { env, cwd: dir });
  const migrated = await cli(['migrate', repo, '--json']);
  expect(migrated.code, migrated.stderr + migrated.stdout).toBe(0);
  const project = await findProject(api, options.repoName);
  const tasks = (): Promise<any[]> => listProjectTasks(api, project.id);
  const task = async (title: string): Promise<any> => {
    const all = await tasks();
    const exact = all.filter((candidate) => candidate.title === title);
    const found = exact.length > 0 ? exact : all.filter((candidate) => String(candidate.title).includes(title));
    if (found.length !== 1) throw new Error(`${found.length} task(s) titled like "${title}"`);
    return api('GET', `/tasks/${found[0].id}`);
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
    api,
    tasks,
    task,
    async editTask(title, changes) {
      const current = await task(title);
      await api('POST', `/tasks/${current.id}`, { ...current, ...changes });
    },
    takeWrites: () => takeWrites(sandbox),
  };
}

/** A `fill` writing `files` (paths inside the bank) into `<repo>/memory-bank/`, with a project brief beside them. */
export function fillBank(files: Record<string, string>): (repo: string) => void {
  return (repo) => {
    const bank = join(repo, 'memory-bank');
    mkdirSync(bank, { recursive: true });
    writeFileSync(join(bank, 'projectbrief.md'), '# Project\n\nA project.\n');
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(bank, path)), { recursive: true });
      writeFileSync(join(bank, path), text);
    }
  };
}

/** Runs `sync --json` (exit 0), then a second sync that must have nothing left to write; returns the first's report. */
export async function syncTwice(world: MigratedWorld): Promise<any> {
  const run = await world.cli(['sync', world.repo, '--json']);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  const again = await world.cli(['sync', world.repo, '--json']);
  expect(again.code, again.stdout + again.stderr).toBe(0);
  expect(JSON.parse(again.stdout)).toMatchObject({ toVikunja: [], toMemoryBank: [] });
  return JSON.parse(run.stdout);
}
