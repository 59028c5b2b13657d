import { createHash } from 'node:crypto';
import { z } from 'zod';
import { ConflictError, InternalError } from '../core/errors.js';
import type { MappingRecord, MappingStore, UpsertMappingInput } from '../core/store.js';
import { toCanonicalJson } from './canonical-json.js';
import { hasSqliteCode } from './connection.js';
import type { StoreConnection } from './connection.js';
import { parseRow, readJsonColumn, writeJsonColumn } from './json-column.js';

const mappingRowSchema = z.object({
  scope: z.string(),
  source_key: z.string(),
  task_id: z.number().int(),
  project_id: z.number().int(),
  content_hash: z.string(),
  base_record: z.string().nullable(),
  base_source: z.string().nullable(),
  updated_at: z.string(),
  run_id: z.string().nullable(),
});

const upsertInputSchema = z.object({
  scope: z.string().min(1),
  sourceKey: z.string().min(1),
  taskId: z.number().int().positive(),
  projectId: z.number().int(),
  contentHash: z.string().min(1),
  baseSource: z.string().nullable().optional(),
  runId: z.string().nullable().optional(),
});

function toRecord(row: unknown): MappingRecord {
  const r = parseRow(mappingRowSchema, row, 'mappings');
  return {
    scope: r.scope,
    sourceKey: r.source_key,
    taskId: r.task_id,
    projectId: r.project_id,
    contentHash: r.content_hash,
    baseRecord: readJsonColumn(r.base_record, `mappings.base_record of ${r.source_key}`),
    baseSource: r.base_source,
    updatedAt: r.updated_at,
    runId: r.run_id,
  };
}

/** Creates the mappings API over a store connection. */
export function createMappingStore(conn: StoreConnection): MappingStore {
  const { db } = conn;
  const selectByKey = db.prepare('SELECT * FROM mappings WHERE scope = ? AND source_key = ?');
  const selectByTask = db.prepare('SELECT * FROM mappings WHERE scope = ? AND task_id = ?');
  const selectScope = db.prepare('SELECT * FROM mappings WHERE scope = ? ORDER BY source_key');
  const selectScopeTasks = db.prepare('SELECT source_key, task_id FROM mappings WHERE scope = ? ORDER BY source_key').raw();
  const selectRun = db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck();
  const upsert = db.prepare(
    `INSERT INTO mappings (scope, source_key, task_id, project_id, content_hash, base_record, base_source, updated_at, run_id)
     VALUES (@scope, @sourceKey, @taskId, @projectId, @contentHash, @baseRecord, @baseSource, @updatedAt, @runId)
     ON CONFLICT (scope, source_key) DO UPDATE SET
       task_id = excluded.task_id, project_id = excluded.project_id, content_hash = excluded.content_hash,
       base_record = excluded.base_record, base_source = excluded.base_source, updated_at = excluded.updated_at,
       run_id = excluded.run_id`,
  );
  const remove = db.prepare('DELETE FROM mappings WHERE scope = ? AND source_key = ?');
  const selectAllForDigest = db.prepare('SELECT * FROM mappings ORDER BY scope, source_key').raw();
  const selectScopeForDigest = db.prepare('SELECT * FROM mappings WHERE scope = ? ORDER BY source_key').raw();

  return {
    get(scope: string, sourceKey: string): MappingRecord | undefined {
      conn.assertOpen();
      const row = selectByKey.get(scope, sourceKey);
      return row === undefined ? undefined : toRecord(row);
    },

    getByTaskId(scope: string, taskId: number): MappingRecord | undefined {
      conn.assertOpen();
      const row = selectByTask.get(scope, taskId);
      return row === undefined ? undefined : toRecord(row);
    },

    upsert(input: UpsertMappingInput): MappingRecord {
      conn.assertOpen();
      const checked = upsertInputSchema.safeParse(input);
      if (!checked.success) {
        throw new InternalError(`mappings.upsert: invalid input: ${z.prettifyError(checked.error)}`, {
          cause: checked.error,
        });
      }
      const runId = input.runId ?? null;
      if (runId !== null && selectRun.get(runId) === undefined) {
        throw new InternalError(`mappings.upsert: run ${runId} is not in the state store; create the run first`);
      }
      try {
        upsert.run({
          scope: input.scope,
          sourceKey: input.sourceKey,
          taskId: input.taskId,
          projectId: input.projectId,
          contentHash: input.contentHash,
          baseRecord: writeJsonColumn(input.baseRecord),
          baseSource: input.baseSource ?? null,
          updatedAt: conn.nowIso(),
          runId,
        });
      } catch (error) {
        if (hasSqliteCode(error, 'SQLITE_CONSTRAINT_UNIQUE')) {
          const other = selectByTask.get(input.scope, input.taskId);
          const otherKey = other === undefined ? 'another source item' : toRecord(other).sourceKey;
          throw new ConflictError(
            `Vikunja task ${input.taskId} is already mapped to ${otherKey} in ${input.scope}, so it cannot also be ` +
              `mapped to ${input.sourceKey}: two source items claim one task. Fix the duplicate in the memory bank, ` +
              'or delete the stale mapping.',
            { cause: error, details: { scope: input.scope, taskId: input.taskId, sourceKey: input.sourceKey, otherKey } },
          );
        }
        throw error;
      }
      const row = selectByKey.get(input.scope, input.sourceKey);
      if (row === undefined) throw new InternalError(`mappings.upsert: ${input.sourceKey} vanished after writing`);
      return toRecord(row);
    },

    delete(scope: string, sourceKey: string): boolean {
      conn.assertOpen();
      return remove.run(scope, sourceKey).changes > 0;
    },

    list(scope: string): MappingRecord[] {
      conn.assertOpen();
      return selectScope.all(scope).map(toRecord);
    },

    listTasks(scope: string): Array<{ sourceKey: string; taskId: number }> {
      conn.assertOpen();
      return (selectScopeTasks.all(scope) as Array<[string, number]>).map(([sourceKey, taskId]) => ({ sourceKey, taskId }));
    },

    digest(scope?: string): string {
      conn.assertOpen();
      const hash = createHash('sha256');
      const rows = scope === undefined ? selectAllForDigest.iterate() : selectScopeForDigest.iterate(scope);
      for (const row of rows) hash.update(toCanonicalJson(row)).update('\n');
      return hash.digest('hex');
    },
  };
}
