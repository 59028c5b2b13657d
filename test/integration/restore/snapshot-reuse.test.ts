/**
 * A sync's source snapshot takes the files its own read already hashed (readBank with the parse cache) and reads
 * again only those whose stat changed since — written back by the run, or edited meanwhile — so a no-op sync reads no
 * bank file twice; the stored manifest still matches the bytes on disk, and restore gives them back byte for byte.
 * Real sandbox, real SQLite; the run goes through the sync workflow with a file reader that counts its reads.
 */
import { readdirSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { type BankReading, createSyncInput, readBank, selectSyncConfig } from '../../../src/cli/read-bank.js';
import type { FileSystemReader } from '../../../src/core/ports.js';
import type { WorkflowDeps } from '../../../src/pipeline/workflows/index.js';
import { runSync } from '../../../src/pipeline/workflows/sync.js';
import { hashBytes } from '../../../src/store/snapshots.js';
import { openStore } from '../../../src/store/index.js';
import { makeDeps } from '../../helpers/workflow.js';
import { hashTree, type RestoreSetup, runOk, setupRestore } from './helpers.js';

const closers = closeAfterEach();

/** Sets every file under `dir` to a modification time an hour ago (files not touched while the run reads them). */
function ageTree(dir: string): void {
  const then = new Date(Date.now() - 3_600_000);
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) utimesSync(join(entry.parentPath, entry.name), then, then);
  }
}

/** The bank read as `membank sync` reads it (parse cache), and workflow deps handed its files and identities. */
async function readForSync(setup: RestoreSetup): Promise<{ deps: WorkflowDeps; config: WorkflowDeps['config']; bank: BankReading }> {
  const deps = makeDeps(setup.sandbox.url, setup.sandbox.token, { statePath: setup.state });
  closers.push(() => deps.runtime.close());
  const config = selectSyncConfig(deps.config);
  const bank = await readBank(setup.repo, setup.dir, config, { cache: { open: () => deps.runtime.store.parseCache, write: true } });
  deps.bankFiles = bank.discover.files.map((file) => file.path);
  if (bank.identities !== undefined) deps.bankIdentities = bank.identities;
  return { deps, config, bank };
}

/** One sync through the workflow, as `membank sync` runs it; returns the paths its file reader read after the plan was made. */
async function syncCountingReads(setup: RestoreSetup): Promise<{ reads: string[]; runId: string }> {
  const { deps, config, bank } = await readForSync(setup);
  const reads: string[] = [];
  const files: FileSystemReader = deps.runtime.files;
  deps.runtime.files = {
    readFile: (path) => {
      reads.push(path.slice(setup.repo.length + 1));
      return files.readFile(path);
    },
    readDir: (path) => files.readDir(path),
    lstat: (path) => files.lstat(path),
    stat: (path) => files.stat(path),
    realPath: (path) => files.realPath(path),
  };
  // Counted from the plan on: planning reads the task files it may edit; what follows is the write loop and the snapshot.
  const outcome = await runSync({ ...deps, config }, createSyncInput(bank, config), { problems: bank.problems, onPlan: () => reads.splice(0) });
  expect(outcome.run?.status).toBe('succeeded');
  return { reads, runId: outcome.run?.id ?? '' };
}

/** The snapshot manifest of a run (path → sha256) and the manifest's own key. */
function readManifest(state: string, runId: string): { manifest: string; files: Map<string, string> } {
  const store = openStore(state);
  try {
    const files = new Map(store.snapshots.files(runId).map((file) => [file.path, file.sha256]));
    const db = new Database(state, { readonly: true });
    try {
      return { manifest: String(db.prepare('SELECT manifest FROM source_snapshots WHERE run_id = ?').pluck().get(runId)), files };
    } finally {
      db.close();
    }
  } finally {
    store.close();
  }
}

function hashBank(repo: string): Map<string, string> {
  return new Map([...hashTree(repo)].map(([path]) => [path, hashBytes(readFileSync(join(repo, path)))]));
}

describe('the source snapshot of a sync reuses what the run already read', () => {
  it('a no-op sync reads no bank file again and stores the same manifest; a written-back file is read again and stored with its new bytes; restore is byte-exact after each', async () => {
    const setup = await setupRestore(closers, 'hand-written');
    await runOk(setup, ['migrate', setup.repo, '--json']);
    ageTree(setup.repo);

    const first = await syncCountingReads(setup);
    expect(first.reads).toEqual([]);
    const second = await syncCountingReads(setup);
    expect(second.reads).toEqual([]);
    const before = readManifest(setup.state, first.runId);
    expect(readManifest(setup.state, second.runId).manifest).toBe(before.manifest);
    expect(before.files).toEqual(hashBank(setup.repo));

    // Ticked in Vikunja: the sync writes tasks.md back; only that file is read for the snapshot.
    const task = setup.sandbox.dump().tasks.find((candidate) => candidate.title === 'API-7 · Rate limiting');
    if (task === undefined) throw new Error('migrate made no task "API-7 · Rate limiting"');
    const headers = { Authorization: `Bearer ${setup.sandbox.token}`, 'Content-Type': 'application/json' };
    expect((await fetch(`${setup.sandbox.url}/api/v1/tasks/${task.id}`, { method: 'POST', headers, body: JSON.stringify({ ...task, done: true }) })).status).toBe(200);
    const written = await syncCountingReads(setup);
    expect(readFileSync(join(setup.repo, 'memory-bank', 'tasks.md'), 'utf8')).toContain('- [x] [API-7] · Rate limiting (Priority: P0)');
    expect(written.reads.filter((path) => path !== 'memory-bank/tasks.md')).toEqual([]);
    const after = readManifest(setup.state, written.runId);
    expect(after.files).toEqual(hashBank(setup.repo));
    expect(after.files.get('memory-bank/tasks.md')).not.toBe(before.files.get('memory-bank/tasks.md'));

    const onDisk = hashTree(setup.repo);
    rmSync(join(setup.repo, 'memory-bank'), { recursive: true });
    const restored = JSON.parse((await runOk(setup, ['restore', setup.repo, '--json'])).stdout) as { runId: string };
    expect(restored.runId).toBe(written.runId);
    expect(hashTree(setup.repo)).toEqual(onDisk);
    // The older no-op run's snapshot gives back the bytes before the write-back.
    await runOk(setup, ['restore', setup.repo, '--at', second.runId, '--force', '--json']);
    expect(hashBank(setup.repo)).toEqual(before.files);
  });

  it('a file edited after the run read it (another editor saving meanwhile) is read again: the snapshot holds the bytes on disk at the end of the run', async () => {
    const setup = await setupRestore(closers, 'hand-written');
    await runOk(setup, ['migrate', setup.repo, '--json']);
    ageTree(setup.repo);
    const { deps, config, bank } = await readForSync(setup);
    expect(bank.identities?.map((identity) => identity.path)).toContain('memory-bank/productContext.md');
    // Edited meanwhile (another editor saved the file while the run was planning): a new mtime.
    const context = join(setup.repo, 'memory-bank', 'productContext.md');
    writeFileSync(context, '# Product context\n\nA reading list for people who read on the bus.\n');
    const outcome = await runSync({ ...deps, config }, createSyncInput(bank, config), { problems: bank.problems });
    expect(outcome.run?.status).toBe('succeeded');
    expect(readManifest(setup.state, outcome.run?.id ?? '').files).toEqual(hashBank(setup.repo));
  });
});
