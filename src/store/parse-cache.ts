/**
 * The parse cache and the sync checkpoints (docs/sync.md, "The no-op fast path"). The parse cache keeps, per bank
 * file, the parser's per-file output with the file's size, mtime and sha256 and the key it was parsed under
 * (parser version, vocabulary and discovery config, the file's discovery decisions): a file
 * whose four values are unchanged is not parsed again. A sync checkpoint is the state both sides were proved to
 * be in by the last sync of a scope that had nothing left to write.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ParseCacheEntry, ParseCacheStore, SyncCheckpointRecord, SyncCheckpointStore } from '../core/store.js';
import { toCanonicalJson } from './canonical-json.js';
import type { StoreConnection } from './connection.js';
import { parseRow, readJsonColumn } from './json-column.js';

/** What a whole bank's parse depends on besides its files: change any of it and every cached parse is stale. */
export interface ParseCacheKeyInput {
  /** The parser's own version (`parserVersion` in src/memory-bank/parse.ts). */
  parserVersion: number;
  /** `vocabulary` of the config. */
  vocabulary: unknown;
  /** `discover` of the config (globs, ignores). */
  discover: unknown;
}

/** What discovery decided about one file: part of its cache key (another kind or extractor list → parse again). */
export interface FileDecisions {
  path: string;
  bank: string;
  kind: string;
  reason: string;
  extractors: readonly string[];
}

function sha256Hex(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The cache key of a bank read: sha256 over the parser version and the config that shapes parsing. */
export function createParseCacheKey(input: ParseCacheKeyInput): string {
  return sha256Hex(toCanonicalJson({ parser: input.parserVersion, vocabulary: input.vocabulary ?? null, discover: input.discover ?? null }));
}

/** One file's cache key: the bank read's key and what discovery decided for the file. */
export function createFileCacheKey(bankKey: string, file: FileDecisions): string {
  return sha256Hex(toCanonicalJson({ bank: bankKey, path: file.path, folder: file.bank, kind: file.kind, reason: file.reason, extractors: [...file.extractors] }));
}

/** The file as it is now, to compare with a cached entry. */
export interface FileIdentity {
  size: number;
  mtimeMs: number;
  sha256: string;
  cacheKey: string;
}

/** Whether a cached entry may stand for the file: size, mtime, sha256 and cache key all unchanged. */
export function isCacheHit(entry: Pick<ParseCacheEntry, 'size' | 'mtimeMs' | 'sha256' | 'cacheKey'> | undefined, now: FileIdentity): boolean {
  return entry !== undefined && entry.size === now.size && entry.mtimeMs === now.mtimeMs && entry.sha256 === now.sha256 && entry.cacheKey === now.cacheKey;
}

const parseRowSchema = z.object({
  root: z.string(),
  path: z.string(),
  size: z.number().int(),
  mtime_ms: z.number(),
  sha256: z.string(),
  cache_key: z.string(),
  parse: z.string(),
});

/** Creates the parse cache API over a store connection. */
export function createParseCacheStore(conn: StoreConnection): ParseCacheStore {
  const { db } = conn;
  const selectRoot = db.prepare('SELECT root, path, size, mtime_ms, sha256, cache_key, parse FROM parse_cache WHERE root = ?');
  const upsert = db.prepare(
    `INSERT INTO parse_cache (root, path, size, mtime_ms, sha256, cache_key, parse, updated_at)
     VALUES (@root, @path, @size, @mtimeMs, @sha256, @cacheKey, @parse, @updatedAt)
     ON CONFLICT (root, path) DO UPDATE SET size = excluded.size, mtime_ms = excluded.mtime_ms, sha256 = excluded.sha256,
       cache_key = excluded.cache_key, parse = excluded.parse, updated_at = excluded.updated_at`,
  );
  const selectPaths = db.prepare('SELECT path FROM parse_cache WHERE root = ?').pluck();
  const deleteOne = db.prepare('DELETE FROM parse_cache WHERE root = ? AND path = ?');
  return {
    list(root) {
      conn.assertOpen();
      return selectRoot.all(root).map((row) => {
        const r = parseRow(parseRowSchema, row, 'parse_cache');
        return { root: r.root, path: r.path, size: r.size, mtimeMs: r.mtime_ms, sha256: r.sha256, cacheKey: r.cache_key, parse: readJsonColumn(r.parse, `parse_cache ${r.path}`) };
      });
    },
    replace(root, entries, keep) {
      conn.assertOpen();
      const updatedAt = conn.nowIso();
      db.transaction(() => {
        for (const entry of entries) upsert.run({ root, path: entry.path, size: entry.size, mtimeMs: entry.mtimeMs, sha256: entry.sha256, cacheKey: entry.cacheKey, parse: JSON.stringify(entry.parse), updatedAt });
        for (const path of selectPaths.all(root) as string[]) if (!keep.has(path)) deleteOne.run(root, path);
      }).immediate();
    },
  };
}

const checkpointRowSchema = z.object({ scope: z.string(), run_id: z.string(), checkpoint: z.string(), recorded_at: z.string() });

/** Creates the sync checkpoint API over a store connection. */
export function createSyncCheckpointStore(conn: StoreConnection): SyncCheckpointStore {
  const { db } = conn;
  const selectOne = db.prepare('SELECT scope, run_id, checkpoint, recorded_at FROM sync_checkpoints WHERE scope = ?');
  const upsert = db.prepare(
    `INSERT INTO sync_checkpoints (scope, run_id, checkpoint, recorded_at) VALUES (@scope, @runId, @checkpoint, @recordedAt)
     ON CONFLICT (scope) DO UPDATE SET run_id = excluded.run_id, checkpoint = excluded.checkpoint, recorded_at = excluded.recorded_at`,
  );
  const deleteOne = db.prepare('DELETE FROM sync_checkpoints WHERE scope = ?');
  return {
    get(scope): SyncCheckpointRecord | undefined {
      conn.assertOpen();
      const row = selectOne.get(scope);
      if (row === undefined) return undefined;
      const r = parseRow(checkpointRowSchema, row, 'sync_checkpoints');
      return { scope: r.scope, runId: r.run_id, checkpoint: readJsonColumn(r.checkpoint, `sync_checkpoints ${r.scope}`), recordedAt: r.recorded_at };
    },
    put(input) {
      conn.assertOpen();
      upsert.run({ scope: input.scope, runId: input.runId, checkpoint: JSON.stringify(input.checkpoint), recordedAt: conn.nowIso() });
    },
    clear(scope) {
      conn.assertOpen();
      return deleteOne.run(scope).changes > 0;
    },
  };
}
