/**
 * Set-up for the sync scenario tests: a sandbox at a given Vikunja version on 127.0.0.1:0, a temp repository holding
 * a copy of `fixtures/sync/basic`, migrated once, and helpers that edit either side the way a person would (the
 * Markdown by text replacement, Vikunja through its API: GET then POST the whole task, as the web UI does).
 */
import { cpSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CliRun } from '../../helpers/cli.js';
import { type MigratedWorld, openMigratedWorld } from './world.js';

/** The hand-written bank the sync scenarios start from. */
export const syncFixture = fileURLToPath(new URL('../../../fixtures/sync/basic', import.meta.url));

/** One scenario's world. */
export interface SyncWorld extends MigratedWorld {
  /** `membank sync <repo> --json` parsed, with its exit code. */
  sync(...flags: string[]): Promise<{ code: number; result: SyncJson; run: CliRun }>;
  /** Replaces `from` by `to` in a bank file (throws when absent). */
  editFile(path: string, from: string, to: string): void;
  read(path: string): string;
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
  const world = await openMigratedWorld(closers, {
    version: options.version,
    repoName: 'reader-app',
    fill: (repo) => cpSync(syncFixture, repo, { recursive: true }),
    ...(options.config === undefined ? {} : { config: options.config }),
  });
  return {
    ...world,
    async sync(...flags) {
      const run = await world.cli(['sync', world.repo, '--json', ...flags]);
      let result: SyncJson;
      try {
        result = JSON.parse(run.stdout) as SyncJson;
      } catch {
        throw new Error(`sync printed no JSON (exit ${run.code}): ${run.stdout}\n${run.stderr}`);
      }
      return { code: run.code, result, run };
    },
    editFile(path, from, to) {
      const file = join(world.bank, path);
      const text = readFileSync(file, 'utf8');
      if (!text.includes(from)) throw new Error(`${file} does not contain ${JSON.stringify(from)}`);
      writeFileSync(file, text.replace(from, to));
    },
    read: (path) => readFileSync(join(world.bank, path), 'utf8'),
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
