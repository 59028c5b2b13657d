import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InternalError } from '../core/errors.js';
import type { PrunedSnapshots, RecordedSnapshot, SnapshotFile, SourceFileBytes, SourceSnapshot, SourceSnapshotStore } from '../core/store.js';
import { hasSqliteCode, type StoreConnection } from './connection.js';
import { parseRow } from './json-column.js';

const snapshotRowSchema = z.object({
  run_id: z.string(),
  root: z.string(),
  created_at: z.string(),
  files: z.number(),
  bytes: z.number(),
});

/** A snapshot row joined with its manifest's totals. */
const snapshotSelect = `SELECT s.run_id, s.root, s.created_at, m.files, m.bytes
  FROM source_snapshots s JOIN source_manifests m ON m.sha256 = s.manifest`;

const fileRowSchema = z.object({ path: z.string(), sha256: z.string(), size: z.number() });

/** Hex sha256 of bytes: the key of a source blob. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function toSnapshot(row: unknown): SourceSnapshot {
  const r = parseRow(snapshotRowSchema, row, 'source_snapshots');
  return { runId: r.run_id, root: r.root, createdAt: r.created_at, files: r.files, bytes: r.bytes };
}

/** The manifest's own hash: sha256 over its sorted `path NUL sha256 NUL size` lines. */
function hashManifest(rows: readonly SnapshotFile[]): string {
  const hash = createHash('sha256');
  for (const row of [...rows].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) hash.update(`${row.path}\u0000${row.sha256}\u0000${row.size}\n`);
  return hash.digest('hex');
}

/**
 * Creates the source-snapshot tables' API over a store connection: content-addressed blobs, content-addressed
 * manifests, and one row per run naming its manifest — a run that changed nothing costs one row.
 */
export function createSnapshotStore(conn: StoreConnection): SourceSnapshotStore {
  const { db } = conn;
  const hasBlob = db.prepare('SELECT 1 FROM source_blobs WHERE sha256 = ?').pluck();
  const insertBlob = db.prepare('INSERT INTO source_blobs (sha256, size, bytes) VALUES (?, ?, ?)');
  const hasManifest = db.prepare('SELECT 1 FROM source_manifests WHERE sha256 = ?').pluck();
  const insertManifest = db.prepare('INSERT INTO source_manifests (sha256, files, bytes) VALUES (?, ?, ?)');
  const insertFile = db.prepare('INSERT INTO source_manifest_files (manifest, path, sha256, size) VALUES (?, ?, ?, ?)');
  const insertSnapshot = db.prepare('INSERT INTO source_snapshots (run_id, root, manifest, created_at) VALUES (?, ?, ?, ?)');
  const selectSnapshot = db.prepare(`${snapshotSelect} WHERE s.run_id = ?`);
  const selectAll = db.prepare(`${snapshotSelect} ORDER BY s.created_at DESC, s.rowid DESC`);
  const selectByRoot = db.prepare(`${snapshotSelect} WHERE s.root = ? ORDER BY s.created_at DESC, s.rowid DESC`);
  const selectFiles = db.prepare(
    `SELECT f.path, f.sha256, f.size FROM source_snapshots s JOIN source_manifest_files f ON f.manifest = s.manifest
     WHERE s.run_id = ? ORDER BY f.path`,
  );
  const selectBlob = db.prepare('SELECT bytes FROM source_blobs WHERE sha256 = ?').pluck();
  const selectStats = db.prepare('SELECT count(*) AS blobs, coalesce(sum(size), 0) AS bytes FROM source_blobs');

  const selectOlder = db.prepare('SELECT run_id FROM source_snapshots WHERE root = ? ORDER BY created_at DESC, rowid DESC LIMIT -1 OFFSET ?').pluck();
  const deleteSnapshot = db.prepare('DELETE FROM source_snapshots WHERE run_id = ?');
  const deleteManifestFiles = db.prepare('DELETE FROM source_manifest_files WHERE manifest NOT IN (SELECT manifest FROM source_snapshots)');
  const deleteManifests = db.prepare('DELETE FROM source_manifests WHERE sha256 NOT IN (SELECT manifest FROM source_snapshots)');
  const selectUnusedBlobs = db.prepare('SELECT count(*) AS blobs, coalesce(sum(size), 0) AS bytes FROM source_blobs WHERE sha256 NOT IN (SELECT sha256 FROM source_manifest_files)');
  const deleteUnusedBlobs = db.prepare('DELETE FROM source_blobs WHERE sha256 NOT IN (SELECT sha256 FROM source_manifest_files)');

  const prune = db.transaction((input: { root: string; keep: number }): PrunedSnapshots => {
    if (!Number.isInteger(input.keep) || input.keep < 1) throw new InternalError(`snapshots.prune: keep must be a whole number ≥ 1, got ${String(input.keep)}`);
    const runs = selectOlder.all(input.root, input.keep) as string[];
    if (runs.length === 0) return { runs, manifests: 0, blobs: 0, bytes: 0 };
    for (const runId of runs) deleteSnapshot.run(runId);
    deleteManifestFiles.run();
    const manifests = deleteManifests.run().changes;
    const unused = selectUnusedBlobs.get() as { blobs: number; bytes: number };
    deleteUnusedBlobs.run();
    return { runs, manifests, blobs: unused.blobs, bytes: unused.bytes };
  });

  const record = db.transaction((input: { runId: string; root: string; files: readonly (SourceFileBytes | SnapshotFile)[] }): RecordedSnapshot => {
    if (selectSnapshot.get(input.runId) !== undefined) {
      throw new InternalError(`run ${input.runId} already has a source snapshot in the state store at ${conn.path}`);
    }
    let newBlobs = 0;
    let newBytes = 0;
    let total = 0;
    const seen = new Set<string>();
    const rows: SnapshotFile[] = [];
    for (const file of input.files) {
      if (seen.has(file.path)) throw new InternalError(`source snapshot of run ${input.runId}: ${file.path} given twice`);
      seen.add(file.path);
      if (!('bytes' in file)) {
        // Known by its hash (read earlier in the run; the caller asked hasBlob before not reading it again): the
        // manifest's foreign key to source_blobs refuses a hash whose blob is not stored.
        total += file.size;
        rows.push({ path: file.path, sha256: file.sha256, size: file.size });
        continue;
      }
      const sha256 = hashBytes(file.bytes);
      // Only content never stored before is written: a run that changed one file adds one blob.
      if (hasBlob.get(sha256) === undefined) {
        insertBlob.run(sha256, file.bytes.byteLength, Buffer.from(file.bytes.buffer, file.bytes.byteOffset, file.bytes.byteLength));
        newBlobs++;
        newBytes += file.bytes.byteLength;
      }
      total += file.bytes.byteLength;
      rows.push({ path: file.path, sha256, size: file.bytes.byteLength });
    }
    // The same set of files and contents as an earlier run: the run points at that manifest.
    const manifest = hashManifest(rows);
    if (hasManifest.get(manifest) === undefined) {
      insertManifest.run(manifest, rows.length, total);
      for (const row of rows) {
        try {
          insertFile.run(manifest, row.path, row.sha256, row.size);
        } catch (error) {
          if (!hasSqliteCode(error, 'SQLITE_CONSTRAINT_FOREIGNKEY')) throw error;
          throw new InternalError(
            `source snapshot of run ${input.runId}: ${row.path} is given by its hash ${row.sha256} (${row.size} bytes), but the state store at ${conn.path} holds no such blob`,
            { cause: error },
          );
        }
      }
    }
    const snapshot: SourceSnapshot = { runId: input.runId, root: input.root, createdAt: conn.nowIso(), files: rows.length, bytes: total };
    insertSnapshot.run(input.runId, input.root, manifest, snapshot.createdAt);
    return { snapshot, newBlobs, newBytes };
  });

  return {
    record(input) {
      conn.assertOpen();
      return record.immediate(input);
    },
    prune(input) {
      conn.assertOpen();
      return prune.immediate(input);
    },
    hasBlob(sha256) {
      conn.assertOpen();
      return hasBlob.get(sha256) !== undefined;
    },
    get(runId) {
      conn.assertOpen();
      const row = selectSnapshot.get(runId);
      return row === undefined ? undefined : toSnapshot(row);
    },
    list(options = {}) {
      conn.assertOpen();
      const rows = options.root === undefined ? selectAll.all() : selectByRoot.all(options.root);
      return rows.map((row) => toSnapshot(row));
    },
    files(runId) {
      conn.assertOpen();
      return selectFiles.all(runId).map((row) => parseRow(fileRowSchema, row, 'source_manifest_files'));
    },
    readBlob(sha256) {
      conn.assertOpen();
      const bytes: unknown = selectBlob.get(sha256);
      if (bytes === undefined) return undefined;
      if (!(bytes instanceof Uint8Array)) throw new InternalError(`the state store holds a non-binary source blob ${sha256}`);
      return new Uint8Array(bytes);
    },
    blobStats() {
      conn.assertOpen();
      const row = selectStats.get() as { blobs: number; bytes: number };
      return { blobs: row.blobs, bytes: row.bytes };
    },
  };
}
