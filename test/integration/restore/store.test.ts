/**
 * `membank restore <dir>` from the state store: every successful writing run stores byte-exact copies of the bank
 * (content-addressed, deduplicated), and restore writes a wiped bank back to the same sha256 per file — through the
 * CLI, against the real sandbox and a real SQLite store.
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { openStore } from '../../../src/store/index.js';
import { hasClientBank } from '../../helpers/corpus.js';
import { hashTree, type RestoreSetup, runOk, setupRestore } from './helpers.js';

const closers = closeAfterEach();

function countRows(state: string, table: string, where = ''): number {
  const db = new Database(state, { readonly: true });
  try {
    return db.prepare(`SELECT count(*) FROM ${table} ${where}`).pluck().get() as number;
  } finally {
    db.close();
  }
}

function listSnapshots(state: string): Array<{ runId: string; root: string; files: number }> {
  const store = openStore(state);
  try {
    return store.snapshots.list();
  } finally {
    store.close();
  }
}

async function wipeAndRestore(setup: RestoreSetup, bankFolder: string): Promise<void> {
  const before = hashTree(setup.repo);
  expect(before.size).toBeGreaterThan(0);
  rmSync(join(setup.repo, bankFolder), { recursive: true });
  const { stdout } = await runOk(setup, ['restore', setup.repo, '--json']);
  const result = JSON.parse(stdout) as { source: string; counts: { create: number; differs: number } };
  expect(result.source).toBe('store');
  expect(result.counts.create).toBe(before.size);
  expect(result.counts.differs).toBe(0);
  expect(hashTree(setup.repo)).toEqual(before);
}

describe('membank restore from the state store', () => {
  it('writes a wiped hand-written bank back byte for byte after a migrate (BOM, CRLF and binary files included)', async () => {
    const setup = await setupRestore(closers, 'hand-written');
    await runOk(setup, ['migrate', setup.repo, '--json']);
    await wipeAndRestore(setup, 'memory-bank');
  });

  it.runIf(hasClientBank)("writes the client's wiped bank back byte for byte after a sync", async () => {
    const setup = await setupRestore(closers, 'client', 'xoe-novai-foundation');
    await runOk(setup, ['migrate', setup.repo, '--json']);
    // Each distinct content once: the bank holds a few files with the same bytes.
    const distinct = new Set(hashTree(setup.repo).values()).size;
    expect(countRows(setup.state, 'source_blobs')).toBe(distinct);
    await runOk(setup, ['sync', setup.repo, '--json']);
    const snapshots = listSnapshots(setup.state);
    expect(snapshots).toHaveLength(2);
    // The sync changed nothing in the bank: its snapshot is one row naming the same manifest, not one blob more.
    expect(countRows(setup.state, 'source_blobs')).toBe(distinct);
    expect(countRows(setup.state, 'source_manifests')).toBe(1);
    expect(countRows(setup.state, 'source_manifest_files')).toBe(snapshots[0]?.files);
    await wipeAndRestore(setup, 'memory_bank');
  });

  it("a sync's snapshot holds its write-back and the inbox file it created", async () => {
    const setup = await setupRestore(closers, 'hand-written');
    await runOk(setup, ['migrate', setup.repo, '--json']);
    const dump = setup.sandbox.dump();
    const login = dump.tasks.find((task) => task.title === 'API-7 · Rate limiting');
    const project = dump.projects.find((candidate) => candidate.title === 'tidepool');
    if (login === undefined || project === undefined) throw new Error('migrate made no task "API-7 · Rate limiting" in project tidepool');
    const headers = { Authorization: `Bearer ${setup.sandbox.token}`, 'Content-Type': 'application/json' };
    expect((await fetch(`${setup.sandbox.url}/api/v1/tasks/${login.id}`, { method: 'POST', headers, body: JSON.stringify({ ...login, done: true }) })).status).toBe(200);
    expect((await fetch(`${setup.sandbox.url}/api/v1/projects/${project.id}/tasks`, { method: 'PUT', headers, body: JSON.stringify({ title: 'Call the printer' }) })).status).toBe(201);
    await runOk(setup, ['sync', setup.repo, '--json']);
    const inbox = join(setup.repo, 'memory-bank', 'vikunja-inbox.md');
    expect(readFileSync(inbox, 'utf8')).toContain('Call the printer');
    expect(readFileSync(join(setup.repo, 'memory-bank', 'tasks.md'), 'utf8')).toContain('- [x] [API-7] · Rate limiting (Priority: P0)');
    await wipeAndRestore(setup, 'memory-bank');
  });

  it('stores one new blob when one file changed, and --at restores the older bytes (only with --force over a differing file)', async () => {
    const setup = await setupRestore(closers, 'hand-written');
    const sprint = join(setup.repo, 'memory-bank', 'sprint.md');
    const original = readFileSync(sprint);
    await runOk(setup, ['migrate', setup.repo, '--json']);
    const blobsAfterFirst = countRows(setup.state, 'source_blobs');
    const [first] = listSnapshots(setup.state);
    if (first === undefined) throw new Error('no snapshot after migrate');
    expect(blobsAfterFirst).toBe(first.files);

    writeFileSync(sprint, original.toString('utf8').replace('Ship the beta', 'Ship the public beta'));
    await runOk(setup, ['migrate', setup.repo, '--json']);
    const snapshots = listSnapshots(setup.state);
    expect(snapshots).toHaveLength(2);
    expect(countRows(setup.state, 'source_blobs')).toBe(blobsAfterFirst + 1);
    expect(countRows(setup.state, 'source_manifests')).toBe(2);
    expect(countRows(setup.state, 'source_manifest_files')).toBe(2 * first.files);

    const edited = readFileSync(sprint);
    const refused = await runOk(setup, ['restore', setup.repo, '--at', first.runId], 6);
    expect(refused.stdout).toContain('memory-bank/sprint.md: differs, left alone (--force overwrites)');
    expect(readFileSync(sprint)).toEqual(edited);

    await runOk(setup, ['restore', setup.repo, '--at', first.runId, '--force']);
    expect(readFileSync(sprint)).toEqual(original);
  });

  it('--dry-run prints a unified diff and writes nothing; files not in the snapshot are left alone', async () => {
    const setup = await setupRestore(closers, 'hand-written');
    await runOk(setup, ['migrate', setup.repo, '--json']);
    const tasks = join(setup.repo, 'memory-bank', 'tasks.md');
    writeFileSync(tasks, readFileSync(tasks, 'utf8').replace('- [x] Login screen', '- [ ] Login screen'));
    rmSync(join(setup.repo, 'memory-bank', 'productContext.md'));
    writeFileSync(join(setup.repo, 'memory-bank', 'notes.md'), '# Notes\n');
    const before = hashTree(setup.repo);

    const dry = await runOk(setup, ['restore', setup.repo, '--dry-run', '--force']);
    expect(dry.stdout).toContain('--- a/memory-bank/tasks.md');
    expect(dry.stdout).toContain('+++ b/memory-bank/tasks.md');
    expect(dry.stdout).toContain('-- [ ] Login screen');
    expect(dry.stdout).toContain('+- [x] Login screen');
    expect(dry.stdout).toContain('+++ b/memory-bank/productContext.md');
    expect(dry.stdout).toContain('+A reading list for people who read on the train.');
    expect(dry.stdout).toContain('(dry run: nothing was written)');
    expect(hashTree(setup.repo)).toEqual(before);

    const { stdout } = await runOk(setup, ['restore', setup.repo, '--force', '--json']);
    const result = JSON.parse(stdout) as { counts: Record<string, number> };
    expect(result.counts).toMatchObject({ create: 1, overwrite: 1, differs: 0 });
    expect(readFileSync(tasks, 'utf8')).toContain('- [x] Login screen');
    expect(readFileSync(join(setup.repo, 'memory-bank', 'notes.md'), 'utf8')).toBe('# Notes\n');
  });

  it('restores into the bank folder of a run that scanned the repository, and into the repository of a run that scanned the bank folder', async () => {
    const setup = await setupRestore(closers, 'hand-written');
    const bank = join(setup.repo, 'memory-bank');
    await runOk(setup, ['migrate', setup.repo, '--json']);
    const before = hashTree(bank);
    rmSync(bank, { recursive: true });
    const inner = JSON.parse((await runOk(setup, ['restore', bank, '--json'])).stdout) as { files: Array<{ path: string }> };
    expect(inner.files.map((file) => file.path)).toContain('tasks.md');
    expect(hashTree(bank)).toEqual(before);

    rmSync(setup.state);
    await runOk(setup, ['migrate', bank, '--json']);
    rmSync(bank, { recursive: true });
    const outer = JSON.parse((await runOk(setup, ['restore', setup.repo, '--json'])).stdout) as { files: Array<{ path: string }> };
    expect(outer.files.map((file) => file.path)).toContain('memory-bank/tasks.md');
    expect(hashTree(bank)).toEqual(before);
  });

  it('stores nothing for dry runs, and refuses a folder no run scanned, listing the runs it has', async () => {
    const setup = await setupRestore(closers, 'hand-written');
    await runOk(setup, ['migrate', setup.repo, '--json']);
    await runOk(setup, ['migrate', setup.repo, '--dry-run', '--json']);
    await runOk(setup, ['sync', setup.repo, '--dry-run', '--json']);
    const snapshots = listSnapshots(setup.state);
    expect(snapshots).toHaveLength(1);

    const other = join(setup.dir, 'elsewhere');
    const refused = await runOk(setup, ['restore', other], 64);
    expect(refused.stderr).toContain(`no successful run of ${other} has a source snapshot`);
    expect(refused.stderr).toContain(snapshots[0]?.runId ?? 'missing');
    expect(refused.stderr).toContain('--at <run-id>');
    const unknown = await runOk(setup, ['restore', setup.repo, '--at', 'no-such-run'], 64);
    expect(unknown.stderr).toContain('run no-such-run has no source snapshot');
    const both = await runOk(setup, ['restore', setup.repo, '--at', snapshots[0]?.runId ?? 'missing', '--from-vikunja'], 64);
    expect(both.stderr).toContain('pass one of them');
  });
});
