/**
 * Set-up for the guard, metrics and cron tests: a sandbox on 127.0.0.1:0 and a temp repository `shop` whose bank holds
 * ten task files of two open tasks each (20 tasks), migrated once through the in-process CLI.
 */
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect } from 'vitest';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { type CliRun, runCli } from '../../helpers/cli.js';
import { findProject, listProjectTasks, sandboxApi, takeWrites } from '../sync/sandbox-api.js';

/** One test's world. */
export interface GuardWorld {
  sandbox: SandboxHandle;
  dir: string;
  repo: string;
  /** `<repo>/memory-bank/tasks`: the ten task files. */
  tasksDir: string;
  env: Record<string, string>;
  cli(args: string[]): Promise<CliRun>;
  /** Every task of the project. */
  tasks(): Promise<Array<{ id: number; title: string; done: boolean; labels: Array<{ title: string }> | null }>>;
  /** Write requests (anything but GET) the sandbox received since the last call; clears the log. */
  takeWrites(): Array<{ method: string; path: string }>;
  /** The bank's task files, sorted. */
  files(): string[];
  /** Ticks every box in every task file ("rewrite every task as done"). */
  markAllDone(): void;
  writeConfig(config: Record<string, unknown>): void;
}

/** The bank: `count` files `area-NN.md`, two open checklist items each. */
export function writeBank(tasksDir: string, count = 10): void {
  mkdirSync(tasksDir, { recursive: true });
  for (let index = 1; index <= count; index += 1) {
    const n = String(index).padStart(2, '0');
    writeFileSync(join(tasksDir, `area-${n}.md`), `# Area ${n}\n\n- [ ] Draft the plan for area ${n}\n- [ ] Review the work of area ${n}\n`);
  }
}

/** Starts a sandbox, writes the bank, migrates it (exit 0) and clears the request log. */
export async function openGuardWorld(closers: Array<() => Promise<void> | void>, options: { config?: Record<string, unknown> } = {}): Promise<GuardWorld> {
  const sandbox = await startSandbox({ port: 0 });
  const dir = mkdtempSync(join(tmpdir(), 'membank-guards-'));
  closers.push(async () => {
    await sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const repo = join(dir, 'shop');
  const tasksDir = join(repo, 'memory-bank', 'tasks');
  writeBank(tasksDir);
  const writeConfig = (config: Record<string, unknown>): void => writeFileSync(join(dir, 'membank.config.json'), JSON.stringify(config));
  if (options.config !== undefined) writeConfig(options.config);
  const env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: join(dir, 'state.sqlite') };
  const cli = (args: string[]): Promise<CliRun> => runCli(args, { env, cwd: dir });
  const migrated = await cli(['migrate', repo, '--json']);
  expect(migrated.code, migrated.stderr + migrated.stdout).toBe(0);
  const api = sandboxApi(sandbox);
  const project = await findProject(api, 'shop');
  sandbox.clearRequestLog();
  return {
    sandbox,
    dir,
    repo,
    tasksDir,
    env,
    cli,
    tasks: () => listProjectTasks(api, project.id),
    takeWrites: () => takeWrites(sandbox),
    files: () => readdirSync(tasksDir).sort(),
    markAllDone() {
      for (const name of readdirSync(tasksDir)) {
        const file = join(tasksDir, name);
        writeFileSync(file, readFileSync(file, 'utf8').replaceAll('- [ ]', '- [x]'));
      }
    },
    writeConfig,
  };
}
