/**
 * `snapshots.keep`: after each recording, only the newest N snapshots of a folder stay; older ones, the manifests no
 * kept snapshot names and the blobs no kept manifest uses are deleted. A kept run still restores byte for byte; a
 * pruned run's `--at` is a usage error (exit 64) naming the runs that are kept. Through the CLI, real SQLite.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { openStore } from '../../../src/store/index.js';
import { hashBytes } from '../../../src/store/snapshots.js';
import { hashTree, runOk, setupRestore } from './helpers.js';

const closers = closeAfterEach();

/** The stored snapshots' run ids (newest first) and the hashes of the stored blobs. */
function readStored(state: string): { runs: string[]; blobs: Set<string>; manifests: number; manifestRows: number } {
  const store = openStore(state);
  const runs = store.snapshots.list().map((snapshot) => snapshot.runId);
  store.close();
  const db = new Database(state, { readonly: true });
  try {
    return {
      runs,
      blobs: new Set(db.prepare('SELECT sha256 FROM source_blobs').pluck().all() as string[]),
      manifests: db.prepare('SELECT count(*) FROM source_manifests').pluck().get() as number,
      manifestRows: db.prepare('SELECT count(*) FROM source_manifest_files').pluck().get() as number,
    };
  } finally {
    db.close();
  }
}

describe('snapshots.keep prunes old source snapshots', () => {
  it('keeps the newest N runs of the folder, drops the blobs only older runs used; a kept run restores byte-exact, a pruned one is refused naming the kept runs', async () => {
    const setup = await setupRestore(closers, 'hand-written');
    writeFileSync(join(setup.dir, 'membank.config.json'), JSON.stringify({ snapshots: { keep: 2 } }));
    const context = join(setup.repo, 'memory-bank', 'productContext.md');
    const v1 = readFileSync(context);
    await runOk(setup, ['migrate', setup.repo, '--json']);
    const [migrated] = readStored(setup.state).runs;

    writeFileSync(context, '# Product context\n\nA reading list for people who read on the bus.\n');
    const second = JSON.parse((await runOk(setup, ['sync', setup.repo, '--json'])).stdout).runId as string;
    const atSecond = hashTree(setup.repo);
    expect(readStored(setup.state).runs).toEqual([second, migrated]);

    writeFileSync(context, '# Product context\n\nA reading list for people who read on the tram.\n');
    const third = JSON.parse((await runOk(setup, ['sync', setup.repo, '--json'])).stdout).runId as string;
    const stored = readStored(setup.state);
    expect(stored.runs).toEqual([third, second]);
    // The migrate's version of productContext.md was used by no kept run: its blob is gone; the rest are shared.
    expect(stored.blobs.has(hashBytes(v1))).toBe(false);
    expect(stored.blobs.has(hashBytes(readFileSync(context)))).toBe(true);
    expect(stored.blobs.size).toBe(new Set(atSecond.values()).size + 1);
    expect(stored.manifests).toBe(2);
    expect(stored.manifestRows).toBe(2 * atSecond.size);

    // A kept run restores byte for byte.
    await runOk(setup, ['restore', setup.repo, '--at', second, '--force', '--json']);
    expect(hashTree(setup.repo)).toEqual(atSecond);

    // The pruned run: a usage error that says why and lists the kept runs.
    const refused = await runOk(setup, ['restore', setup.repo, '--at', migrated ?? ''], 64);
    expect(refused.stderr).toContain(`run ${migrated} has no source snapshot (config snapshots.keep is 2: only the newest 2 successful runs of a folder keep theirs, older ones are pruned)`);
    expect(refused.stderr).toContain(third);
    expect(refused.stderr).toContain(second);
  });
});
