import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InternalError } from '../core/errors.js';
import type { RecordedSnapshot, SnapshotFile, SourceFileBytes, SourceSnapshot, SourceSnapshotStore } from '../core/store.js';
import type { StoreConnection } from './connection.js';
import { parseRow } from './json-column.js';

const snapshotRowSchema = z.object({
  run_id: z.string(),
  root: z.string(),
  created_at: z.string(),
  files: z.number(),
  bytes: z.number(),
});

const fileRowSchema = z.object({ path: z.string(), sha256: z.string(), size: z.number() });

/** Hex sha256 of bytes: the key of a source blob. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function toSnapshot(row: unknown): SourceSnapshot {
  const r = parseRow(snapshotRowSchema, row, 'source_snapshots');
  return { runId: r.run_id, root: r.root, createdAt: r.created_at, files: r.files, bytes: r.bytes };
}

/** Creates the source-snapshot tables' API over a store connection (content-addressed blobs + per-run manifests). */
export function createSnapshotStore(conn: StoreConnection): SourceSnapshotStore {
  const { db } = conn;
  const hasBlob = db.prepare('SELECT 1 FROM source_blobs WHERE sha256 = ?').pluck();
  const insertBlob = db.prepare('INSERT INTO source_blobs (sha256, size, bytes) VALUES (?, ?, ?)');
  const insertSnapshot = db.prepare(
    'INSERT INTO source_snapshots (run_id, root, created_at, files, bytes) VALUES (@runId, @root, @createdAt, @files, @bytes)',
  );
  const insertFile = db.prepare('INSERT INTO source_snapshot_files (run_id, path, sha256, size) VALUES (?, ?, ?, ?)');
  const selectSnapshot = db.prepare('SELECT * FROM source_snapshots WHERE run_id = ?');
  const selectAll = db.prepare('SELECT * FROM source_snapshots ORDER BY created_at DESC, rowid DESC');
  const selectByRoot = db.prepare('SELECT * FROM source_snapshots WHERE root = ? ORDER BY created_at DESC, rowid DESC');
  const selectFiles = db.prepare('SELECT path, sha256, size FROM source_snapshot_files WHERE run_id = ? ORDER BY path');
  const selectBlob = db.prepare('SELECT bytes FROM source_blobs WHERE sha256 = ?').pluck();
  const selectStats = db.prepare('SELECT count(*) AS blobs, coalesce(sum(size), 0) AS bytes FROM source_blobs');

  const record = db.transaction((input: { runId: string; root: string; files: readonly SourceFileBytes[] }): RecordedSnapshot => {
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
    const snapshot: SourceSnapshot = { runId: input.runId, root: input.root, createdAt: conn.nowIso(), files: rows.length, bytes: total };
    insertSnapshot.run(snapshot);
    for (const row of rows) insertFile.run(input.runId, row.path, row.sha256, row.size);
    return { snapshot, newBlobs, newBytes };
  });

  return {
    record(input) {
      conn.assertOpen();
      return record.immediate(input);
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
      return selectFiles.all(runId).map((row) => parseRow(fileRowSchema, row, 'source_snapshot_files'));
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
