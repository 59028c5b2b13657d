/**
 * Shared set-up for the restore tests: a sandbox on 127.0.0.1:0, a temp repository holding a hand-written bank (or
 * a copy of the client's bank, never copied into the repository), the CLI environment, and file-tree hashes.
 */
import { createHash } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { clientBank } from '../../helpers/corpus.js';
import { runCli } from '../../helpers/cli.js';

/** A started sandbox, a temp repository with a bank, and the CLI environment. */
export interface RestoreSetup {
  sandbox: SandboxHandle;
  dir: string;
  repo: string;
  state: string;
  env: Record<string, string>;
}

/**
 * The hand-written bank: a nested checklist with priorities, due dates, tags and owners, a task table with an
 * unknown status, a frontmatter task, a Cline task file with its plan, a CRLF file with a BOM, a context document and a
 * binary file.
 */
export const handWrittenBank: Record<string, string | Uint8Array> = {
  'memory-bank/tasks.md': [
    '# Tasks',
    '',
    '## Backend',
    '',
    '- [ ] Build the API (Priority: High, Due: 2026-12-01)',
    '  - [x] Add routes',
    '  - [-] Write tests (Status: In Progress)',
    '- [ ] [API-7] · Rate limiting (Priority: P0)',
    '  - **Owner**: Priya',
    '  - **Tags**: backend, perf',
    '',
    '## Frontend',
    '',
    '- [x] Login screen',
    '- [ ] Offline mode (Status: Blocked, Due: 2026-11-15)',
    '',
  ].join('\n'),
  'memory-bank/sprint.md': [
    '# Sprint 12',
    '',
    '| ID | Task | Owner | Priority | Status | Due |',
    '|---|---|---|---|---|---|',
    '| S-1 | Ship the beta | Sam | High | ⏳ Pending | 2026-12-24 |',
    '| S-2 | Fix the crash on start | Sam | Low | ✅ Done | |',
    '| S-3 | Think about pricing | | | Marinating | |',
    '| S-4 | Polish onboarding | Jonas | Medium | 🔄 In Progress | 2027-01-10 |',
    '',
  ].join('\n'),
  'memory-bank/features/share-links.md': [
    '---',
    'title: Public share links',
    'status: planned',
    'priority: medium',
    'due: 2027-02-01',
    'tags: [sharing]',
    '---',
    '# Public share links',
    '',
    'Anyone with the link can see the list read-only.',
    '',
  ].join('\n'),
  // A Cline task file: its plan's items are keyed under `implementation-plan/`, a heading whose last word reads as a status.
  'memory-bank/tasks/TASK007-export.md': [
    '# TASK007 - Export to CSV',
    '',
    '**Status:** In Progress',
    '**Added:** 2026-10-02',
    '',
    '## Implementation Plan',
    '',
    '- [x] Pick the columns',
    '  - [x] Quote the commas',
    '- [ ] Write the file',
    '',
  ].join('\n'),
  // A Cline task file with its subtask table, named like a report (a name that alone reads as a metrics document).
  'memory-bank/tasks/TASK008-weekly-report.md': [
    '# TASK008 - Weekly report',
    '',
    '**Status:** Pending',
    '',
    '## Progress Tracking',
    '',
    '### Subtasks',
    '| ID | Description | Status | Updated | Notes |',
    '|----|-------------|--------|---------|-------|',
    '| 8.1 | Collect the numbers | Complete | 2026-10-05 | |',
    '| 8.2 | Draft the summary | Not Started | | |',
    '',
  ].join('\n'),
  'memory-bank/progress.md': '\uFEFF# Progress\r\n\r\n## What Works\r\n\r\n- [x] Saving links\r\n- [ ] Search (Priority: Low)\r\n',
  'memory-bank/productContext.md': '# Product context\n\nA reading list for people who read on the train.\n',
  'memory-bank/diagram.png': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0xff, 0x00, 0x7f]),
};

/** Writes files (relative path → text or bytes) under `root`. */
export function writeTree(root: string, files: Record<string, string | Uint8Array>): void {
  for (const [path, content] of Object.entries(files)) {
    const target = join(root, path);
    mkdirSync(join(target, '..'), { recursive: true });
    writeFileSync(target, content);
  }
}

/** sha256 of every file under `root`, by relative path. */
export function hashTree(root: string): Map<string, string> {
  const hashes = new Map<string, string>();
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else hashes.set(relative(root, path), createHash('sha256').update(readFileSync(path)).digest('hex'));
    }
  };
  walk(root);
  return new Map([...hashes].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

/** Starts a sandbox and a temp repository `<tmp>/<name>` holding the hand-written bank or a copy of the client's. */
export async function setupRestore(
  closers: Array<() => Promise<void> | void>,
  bank: 'hand-written' | 'client',
  name = 'tidepool',
  version?: string,
): Promise<RestoreSetup> {
  const sandbox = await startSandbox(version === undefined ? {} : { version });
  closers.push(() => sandbox.close());
  const dir = mkdtempSync(join(tmpdir(), 'membank-restore-'));
  closers.push(() => rmSync(dir, { recursive: true, force: true }));
  const repo = join(dir, name);
  if (bank === 'client') cpSync(clientBank, join(repo, 'memory_bank'), { recursive: true });
  else writeTree(repo, handWrittenBank);
  const state = join(dir, 'state.sqlite');
  return { sandbox, dir, repo, state, env: { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: state } };
}

/** Runs the CLI and fails with its output when the exit code is not `code`. */
export async function runOk(setup: RestoreSetup, argv: string[], code = 0): Promise<{ stdout: string; stderr: string }> {
  const result = await runCli(argv, { env: setup.env, cwd: setup.dir });
  if (result.code !== code) throw new Error(`membank ${argv.join(' ')} exited ${result.code}, expected ${code}:\n${result.stderr}\n${result.stdout.slice(0, 2000)}`);
  return result;
}

/** The records `membank parse <repo> --json` reads. */
export async function parseRecords(setup: RestoreSetup): Promise<Array<Record<string, any>>> {
  const { stdout } = await runOk(setup, ['parse', setup.repo, '--json']);
  return (JSON.parse(stdout) as { records: Array<Record<string, any>> }).records;
}
