/**
 * Set-up for the end-to-end sync proofs (kill, rollback, dates under two time zones): a sandbox on 127.0.0.1:0, a
 * temp repository holding a bank the test writes, migrated once through the in-process CLI; the real CLI spawned
 * as a child process (`node --import tsx src/cli/bin.ts`); and a long-lived child that runs the CLI in-process
 * under a given `TZ` (so 100 syncs do not start 100 Node processes).
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { SandboxOptions } from '../../../src/sandbox/index.js';
import type { CliRun } from '../../helpers/cli.js';
import { type MigratedWorld, openMigratedWorld } from './world.js';

/** The repository root (where `src/cli/bin.ts` is). */
export const projectRoot = fileURLToPath(new URL('../../../', import.meta.url));
/** tsx's loader by absolute URL: children run in temp folders, where `--import tsx` would not resolve. */
const tsxLoader = pathToFileURL(join(projectRoot, 'node_modules/tsx/dist/loader.mjs')).href;

/** One end-to-end world: the sandbox, the repository, and ways to reach both sides. */
export interface E2eWorld extends MigratedWorld {
  /** Bytes of a bank file (path relative to the bank). */
  read(path: string): string;
  write(path: string, text: string): void;
}

/**
 * Starts a sandbox, writes `files` (relative to `<repo>/memory-bank`) and migrates the repository (exit 0).
 */
export async function setupE2eWorld(
  closers: Array<() => Promise<void> | void>,
  options: { version: string; files: Record<string, string>; config?: Record<string, unknown>; sandbox?: SandboxOptions },
): Promise<E2eWorld> {
  const world = await openMigratedWorld(closers, {
    version: options.version,
    repoName: 'e2e-app',
    fill: (repo) => {
      for (const [path, text] of Object.entries(options.files)) {
        mkdirSync(dirname(join(repo, 'memory-bank', path)), { recursive: true });
        writeFileSync(join(repo, 'memory-bank', path), text);
      }
    },
    env: { MEMBANK_LOG_LEVEL: 'silent' },
    ...(options.config === undefined ? {} : { config: options.config }),
    ...(options.sandbox === undefined ? {} : { sandbox: options.sandbox }),
  });
  return {
    ...world,
    read: (path) => readFileSync(join(world.bank, path), 'utf8'),
    write: (path, text) => writeFileSync(join(world.bank, path), text),
  };
}

/** sha256 of a file's bytes. */
export function sha256File(file: string): string {
  return createHash('sha256').update(readFileSync(file)).digest('hex');
}

/** Every file under `root` (relative paths, sorted), with its bytes and mtime. */
export function snapshotTree(root: string): Record<string, { bytes: string; mtimeMs: number }> {
  const out: Record<string, { bytes: string; mtimeMs: number }> = {};
  const walk = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) walk(path);
      else out[relative(root, path)] = { bytes: readFileSync(path).toString('base64'), mtimeMs: statSync(path).mtimeMs };
    }
  };
  walk(root);
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

/** Spawns the real CLI (`node --import tsx src/cli/bin.ts <args>`) with `env` added to this process's environment. */
export function spawnCli(args: readonly string[], options: { env: Record<string, string>; cwd: string }): ChildProcess {
  return spawn(process.execPath, ['--import', tsxLoader, join(projectRoot, 'src/cli/bin.ts'), ...args], {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Resolves with the child's exit code (null when killed by a signal). */
export function waitExit(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** A long-lived child process that runs the CLI in-process under one `TZ` (see `tz-driver.ts`). */
export interface TzDriver {
  tz: string;
  /** `new Date(2026, 0, 1).getTimezoneOffset()` as the child computes it: proves the zone took effect. */
  offsetMinutes: number;
  run(args: string[]): Promise<CliRun>;
  close(): Promise<void>;
}

/** Starts `tz-driver.ts` with `TZ=<tz>` and the world's environment; the CLI runs in the world's folder. */
export async function startTzDriver(tz: string, world: Pick<E2eWorld, 'env' | 'dir'>): Promise<TzDriver> {
  const child = spawn(process.execPath, ['--import', tsxLoader, fileURLToPath(new URL('./tz-driver.ts', import.meta.url))], {
    cwd: world.dir,
    env: { ...process.env, ...world.env, TZ: tz },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const waiting: Array<{ resolve: (line: any) => void; reject: (error: Error) => void }> = [];
  const lines = createInterface({ input: child.stdout! });
  lines.on('line', (line) => waiting.shift()?.resolve(JSON.parse(line)));
  child.once('exit', (code) => {
    for (const waiter of waiting.splice(0)) waiter.reject(new Error(`tz driver (${tz}) exited ${code}: ${stderr.slice(-2000)}`));
  });
  const ask = (message: unknown): Promise<any> =>
    new Promise((resolve, reject) => {
      waiting.push({ resolve, reject });
      child.stdin!.write(`${JSON.stringify(message)}\n`);
    });
  const hello = (await ask({ hello: true })) as { offsetMinutes: number };
  return {
    tz,
    offsetMinutes: hello.offsetMinutes,
    run: (args) => ask({ args }) as Promise<CliRun>,
    async close() {
      child.stdin!.end();
      await waitExit(child);
    },
  };
}
