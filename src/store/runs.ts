import { z } from 'zod';
import { InternalError } from '../core/errors.js';
import { RunStatus } from '../core/store.js';
import type {
  CreateRunInput,
  FinishRunInput,
  ListRunsOptions,
  RunRecord,
  RunStatusValue,
  RunStore,
} from '../core/store.js';
import { hasSqliteCode } from './connection.js';
import type { StoreConnection } from './connection.js';
import { parseRow, readJsonObjectColumn, writeJsonColumn } from './json-column.js';
import { createRunId, runIdPattern } from './run-id.js';

const runRowSchema = z.object({
  id: z.string(),
  command: z.string(),
  status: z.enum(RunStatus),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  inputs_hash: z.string().nullable(),
  options: z.string(),
  summary: z.string().nullable(),
  error: z.string().nullable(),
});

const allowedTransitions: Readonly<Record<RunStatusValue, readonly RunStatusValue[]>> = {
  running: ['succeeded', 'failed', 'interrupted'],
  succeeded: ['rolled_back'],
  failed: ['rolled_back', 'running'],
  interrupted: ['rolled_back', 'running'],
  rolled_back: [],
};

/** Creates the runs table's API over a store connection. */
export function createRunStore(conn: StoreConnection): RunStore {
  const { db } = conn;
  const insert = db.prepare(
    `INSERT INTO runs (id, command, status, started_at, inputs_hash, options)
     VALUES (@id, @command, 'running', @startedAt, @inputsHash, @options)`,
  );
  const selectOne = db.prepare('SELECT * FROM runs WHERE id = ?');
  const updateStatus = db.prepare(
    `UPDATE runs SET status = @status, finished_at = @finishedAt, summary = @summary, error = @error WHERE id = @id`,
  );

  function toRecord(row: unknown): RunRecord {
    const r = parseRow(runRowSchema, row, 'runs');
    return {
      id: r.id,
      command: r.command,
      status: r.status,
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      inputsHash: r.inputs_hash,
      options: readJsonObjectColumn(r.options, `runs.options of run ${r.id}`) ?? {},
      summary: readJsonObjectColumn(r.summary, `runs.summary of run ${r.id}`),
      error: r.error,
    };
  }

  function getOrThrow(id: string): RunRecord {
    const row = selectOne.get(id);
    if (row === undefined) throw new InternalError(`run ${id} is not in the state store at ${conn.path}`);
    return toRecord(row);
  }

  /** `undefined` in `fields` keeps the current value. */
  const transition = db.transaction(
    (id: string, to: RunStatusValue, fields: { summary?: string | null; error?: string | null }) => {
      const current = getOrThrow(id);
      if (!allowedTransitions[current.status].includes(to)) {
        throw new InternalError(`run ${id} cannot go from ${current.status} to ${to}`);
      }
      updateStatus.run({
        id,
        status: to,
        // A rollback keeps the time the run itself finished.
        finishedAt: to === RunStatus.running ? null : (current.finishedAt ?? conn.nowIso()),
        summary: fields.summary === undefined ? writeJsonColumn(current.summary) : fields.summary,
        error: fields.error === undefined ? current.error : fields.error,
      });
      return getOrThrow(id);
    },
  );

  return {
    create(input: CreateRunInput): RunRecord {
      conn.assertOpen();
      const id = input.id ?? createRunId(conn.clock.now());
      if (!runIdPattern.test(id)) {
        throw new InternalError(`run id ${JSON.stringify(id)} is not valid: use letters, digits and ._:- (at most 100)`);
      }
      if (input.command.length === 0) throw new InternalError('a run needs a command name');
      try {
        insert.run({
          id,
          command: input.command,
          startedAt: conn.nowIso(),
          inputsHash: input.inputsHash ?? null,
          options: writeJsonColumn(input.options ?? {}),
        });
      } catch (error) {
        if (hasSqliteCode(error, 'SQLITE_CONSTRAINT')) {
          throw new InternalError(`run ${id} already exists in the state store at ${conn.path}`, { cause: error });
        }
        throw error;
      }
      return getOrThrow(id);
    },

    get(id: string): RunRecord | undefined {
      conn.assertOpen();
      const row = selectOne.get(id);
      return row === undefined ? undefined : toRecord(row);
    },

    list(options: ListRunsOptions = {}): RunRecord[] {
      conn.assertOpen();
      const where: string[] = [];
      const params: Record<string, unknown> = {};
      if (options.command !== undefined) {
        where.push('command = @command');
        params['command'] = options.command;
      }
      if (options.status !== undefined) {
        where.push('status = @status');
        params['status'] = options.status;
      }
      let sql = 'SELECT * FROM runs';
      if (where.length > 0) sql += ` WHERE ${where.join(' AND ')}`;
      sql += ' ORDER BY started_at DESC, rowid DESC';
      if (options.limit !== undefined) {
        sql += ' LIMIT @limit';
        params['limit'] = Math.max(0, Math.floor(options.limit));
      }
      return db
        .prepare(sql)
        .all(params)
        .map((row) => toRecord(row));
    },

    finish(id: string, input: FinishRunInput): RunRecord {
      conn.assertOpen();
      return transition.immediate(id, input.status, {
        summary: input.summary === undefined ? undefined : writeJsonColumn(input.summary),
        error: input.error ?? (input.status === RunStatus.rolledBack ? undefined : null),
      });
    },

    markInterrupted(id: string, reason?: string): RunRecord {
      conn.assertOpen();
      return transition.immediate(id, RunStatus.interrupted, reason === undefined ? {} : { error: reason });
    },

    resume(id: string): RunRecord {
      conn.assertOpen();
      return transition.immediate(id, RunStatus.running, {});
    },
  };
}
