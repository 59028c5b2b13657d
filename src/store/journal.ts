import { createHash } from 'node:crypto';
import { z } from 'zod';
import { InternalError } from '../core/errors.js';
import { JournalStatus, OpKind } from '../core/store.js';
import type {
  AppendPendingInput,
  AppliedDetails,
  ChainVerification,
  Journal,
  JournalEntry,
  JournalStatusValue,
  OpKindValue,
  RevertedDetails,
} from '../core/store.js';
import { toCanonicalJson } from './canonical-json.js';
import { hasSqliteCode } from './connection.js';
import type { StoreConnection } from './connection.js';
import { parseRow, readJsonColumn, writeJsonColumn } from './json-column.js';
import { assertLockHeld } from './run-lock.js';

/** `prev_hash` of the first journal row. */
export const genesisHash = '0'.repeat(64);

const maxErrorLength = 4000;

/** The fields a row's hash covers: everything but `prev_hash` and `hash`, JSON columns as stored text. */
interface HashedFields {
  seq: number;
  runId: string;
  opId: string;
  job: string;
  kind: string;
  target: string;
  status: string;
  preImage: string | null;
  postImage: string | null;
  remoteId: string | null;
  error: string | null;
  byRunId: string | null;
  startedAt: string;
  finishedAt: string | null;
  durationMs: number | null;
}

/** Computes a journal row's hash: sha256 of the previous hash followed by the canonical JSON of its fields. */
export function computeJournalHash(prevHash: string, fields: HashedFields): string {
  return createHash('sha256').update(prevHash).update(toCanonicalJson(fields)).digest('hex');
}

const journalRowSchema = z.object({
  seq: z.number().int(),
  run_id: z.string(),
  op_id: z.string(),
  job: z.string(),
  kind: z.enum(OpKind),
  target: z.string(),
  status: z.enum(JournalStatus),
  pre_image: z.string().nullable(),
  post_image: z.string().nullable(),
  remote_id: z.string().nullable(),
  error: z.string().nullable(),
  by_run_id: z.string().nullable(),
  started_at: z.string(),
  finished_at: z.string().nullable(),
  duration_ms: z.number().nullable(),
  prev_hash: z.string(),
  hash: z.string(),
});

/** A raw row as `verifyChain` sees it: no validation, so a tampered value still hashes (and mismatches). */
interface RawJournalRow {
  seq: unknown;
  run_id: unknown;
  op_id: unknown;
  job: unknown;
  kind: unknown;
  target: unknown;
  status: unknown;
  pre_image: unknown;
  post_image: unknown;
  remote_id: unknown;
  error: unknown;
  by_run_id: unknown;
  started_at: unknown;
  finished_at: unknown;
  duration_ms: unknown;
  prev_hash: unknown;
  hash: unknown;
}

/** Which status each status may follow, for the op's latest row (`none`: the op has no row yet). */
const allowedPrevious: Readonly<Record<JournalStatusValue, readonly (JournalStatusValue | 'none')[]>> = {
  pending: ['none', 'failed', 'reverted'],
  applied: ['pending'],
  failed: ['pending'],
  reverted: ['applied'],
};

function toEntry(row: unknown): JournalEntry {
  const r = parseRow(journalRowSchema, row, 'journal');
  return {
    seq: r.seq,
    runId: r.run_id,
    opId: r.op_id,
    job: r.job,
    kind: r.kind,
    target: r.target,
    status: r.status,
    preImage: readJsonColumn(r.pre_image, `journal.pre_image of seq ${r.seq}`),
    postImage: readJsonColumn(r.post_image, `journal.post_image of seq ${r.seq}`),
    remoteId: r.remote_id,
    error: r.error,
    byRunId: r.by_run_id,
    startedAt: r.started_at,
    finishedAt: r.finished_at,
    durationMs: r.duration_ms,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

function describeError(error: unknown): string {
  let text: string;
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    const prefix = error.name === 'Error' ? '' : `${error.name}${typeof code === 'string' ? ` [${code}]` : ''}: `;
    text = `${prefix}${error.message}`;
  } else if (typeof error === 'string') {
    text = error;
  } else {
    try {
      text = JSON.stringify(error) ?? String(error);
    } catch {
      text = String(error);
    }
  }
  return text.length > maxErrorLength ? `${text.slice(0, maxErrorLength)}…` : text;
}

/** What a new row carries besides seq and hashes. */
type NewRow = Omit<HashedFields, 'seq' | 'kind' | 'status' | 'preImage' | 'postImage'> & {
  kind: OpKindValue;
  status: JournalStatusValue;
  preImage: unknown;
  postImage: unknown;
  /** The seq the op's latest row must have (`null`: the op must have no row, or a failed/reverted one). */
  expectedLatestSeq: number | null;
};

/** The op's latest row, as the transition check needs it. */
interface LatestStatus {
  seq: number;
  status: JournalStatusValue;
}

/** Creates the journal API over a store connection. */
export function createJournal(conn: StoreConnection): Journal {
  const { db } = conn;
  const selectHead = db.prepare('SELECT seq, hash FROM journal ORDER BY seq DESC LIMIT 1');
  const selectLatestForOp = db.prepare(
    'SELECT * FROM journal WHERE run_id = ? AND op_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const insert = db.prepare(
    `INSERT INTO journal (seq, run_id, op_id, job, kind, target, status, pre_image, post_image, remote_id, error,
       by_run_id, started_at, finished_at, duration_ms, prev_hash, hash)
     VALUES (@seq, @runId, @opId, @job, @kind, @target, @status, @preImage, @postImage, @remoteId, @error,
       @byRunId, @startedAt, @finishedAt, @durationMs, @prevHash, @hash)`,
  );
  const selectLatestStatus = db.prepare(
    'SELECT seq, status FROM journal WHERE run_id = ? AND op_id = ? ORDER BY seq DESC LIMIT 1',
  );
  const selectRun = db.prepare('SELECT 1 FROM runs WHERE id = ?').pluck();
  const selectByRun = db.prepare('SELECT * FROM journal WHERE run_id = ? ORDER BY seq');
  const selectRunIdsFrom = db.prepare('SELECT DISTINCT run_id FROM journal WHERE seq >= ? ORDER BY run_id DESC').pluck();
  const latestPerOp = `SELECT j.* FROM journal j
    WHERE j.run_id = ? AND j.seq = (SELECT MAX(k.seq) FROM journal k WHERE k.run_id = j.run_id AND k.op_id = j.op_id)`;
  const selectCurrent = db.prepare(`${latestPerOp} ORDER BY j.seq`);
  const selectApplied = db.prepare(`${latestPerOp} AND j.status = 'applied' ORDER BY j.seq DESC`);
  const selectPending = db.prepare(
    `SELECT j.* FROM journal j WHERE j.status = 'pending'
       AND NOT EXISTS (SELECT 1 FROM journal k WHERE k.run_id = j.run_id AND k.op_id = j.op_id AND k.seq > j.seq)
     ORDER BY j.seq`,
  );
  const selectAll = db.prepare('SELECT * FROM journal ORDER BY seq');
  const selectMaxSeq = db.prepare("SELECT seq FROM sqlite_sequence WHERE name = 'journal'").pluck();

  const append = db.transaction((row: NewRow): JournalEntry => {
    checkTransition(row, selectLatestStatus.get(row.runId, row.opId) as LatestStatus | undefined);
    if (selectRun.get(row.runId) === undefined) {
      throw new InternalError(`journal: run ${row.runId} is not in the state store; create the run first`);
    }
    if (row.byRunId !== null && selectRun.get(row.byRunId) === undefined) {
      throw new InternalError(`journal: run ${row.byRunId} (byRunId) is not in the state store`);
    }
    const head = selectHead.get() as { seq: number; hash: string } | undefined;
    const fields: HashedFields = {
      seq: (head?.seq ?? 0) + 1,
      runId: row.runId,
      opId: row.opId,
      job: row.job,
      kind: row.kind,
      target: row.target,
      status: row.status,
      preImage: writeJsonColumn(row.preImage),
      postImage: writeJsonColumn(row.postImage),
      remoteId: row.remoteId,
      error: row.error,
      byRunId: row.byRunId,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      durationMs: row.durationMs,
    };
    const prevHash = head?.hash ?? genesisHash;
    const hash = computeJournalHash(prevHash, fields);
    try {
      insert.run({ ...fields, prevHash, hash });
    } catch (error) {
      if (hasSqliteCode(error, 'SQLITE_CONSTRAINT')) {
        throw new InternalError(`journal: could not append ${row.status} for ${row.opId}: ${describeError(error)}`, {
          cause: error,
        });
      }
      throw error;
    }
    return {
      ...fields,
      kind: row.kind,
      status: row.status,
      // Read back what was stored, so the entry equals what later queries return.
      preImage: readJsonColumn(fields.preImage, 'journal.pre_image'),
      postImage: readJsonColumn(fields.postImage, 'journal.post_image'),
      prevHash,
      hash,
    };
  });

  function checkTransition(row: NewRow, latest: LatestStatus | undefined): void {
    const where = `journal: op ${row.opId} of run ${row.runId}`;
    const previous = latest?.status ?? 'none';
    if (!allowedPrevious[row.status].includes(previous)) {
      const latestText = latest === undefined ? 'has no journal row' : `is ${latest.status} (seq ${latest.seq})`;
      throw new InternalError(`${where} ${latestText}; it cannot become ${row.status}`);
    }
    if (row.expectedLatestSeq !== null && latest?.seq !== row.expectedLatestSeq) {
      throw new InternalError(
        `${where}: the entry given (seq ${row.expectedLatestSeq}) is not the op's latest row (seq ${latest?.seq ?? 'none'}); ` +
          'pass the entry the last append returned',
      );
    }
  }

  function transitionFrom(
    entry: JournalEntry,
    status: JournalStatusValue,
    fields: { remoteId: string | null; postImage: unknown; error: string | null; byRunId: string | null; timed: boolean },
  ): JournalEntry {
    conn.assertOpen();
    const now = conn.clock.now();
    const durationMs = fields.timed ? Math.max(0, Math.round(now.getTime() - Date.parse(entry.startedAt))) : null;
    return append.immediate({
      runId: entry.runId,
      opId: entry.opId,
      job: entry.job,
      kind: entry.kind,
      target: entry.target,
      status,
      preImage: entry.preImage,
      postImage: fields.postImage,
      remoteId: fields.remoteId,
      error: fields.error,
      byRunId: fields.byRunId,
      startedAt: entry.startedAt,
      finishedAt: now.toISOString(),
      durationMs: Number.isFinite(durationMs) ? durationMs : null,
      expectedLatestSeq: entry.seq,
    });
  }

  return {
    appendPending(input: AppendPendingInput): JournalEntry {
      conn.assertOpen();
      for (const key of ['runId', 'opId', 'job', 'kind', 'target'] as const) {
        if (typeof input[key] !== 'string' || input[key].length === 0) {
          throw new InternalError(`journal.appendPending: ${key} must be a non-empty string`);
        }
      }
      // A run that lost its lock writes nothing more: no pending row, so no write behind it.
      assertLockHeld(conn);
      return append.immediate({
        runId: input.runId,
        opId: input.opId,
        job: input.job,
        kind: input.kind,
        target: input.target,
        status: JournalStatus.pending,
        preImage: input.preImage,
        postImage: null,
        remoteId: null,
        error: null,
        byRunId: null,
        startedAt: conn.nowIso(),
        finishedAt: null,
        durationMs: null,
        expectedLatestSeq: null,
      });
    },

    markApplied(entry: JournalEntry, details: AppliedDetails = {}): JournalEntry {
      const remoteId = details.remoteId === undefined || details.remoteId === null ? null : String(details.remoteId);
      return transitionFrom(entry, JournalStatus.applied, {
        remoteId,
        postImage: details.postImage ?? null,
        error: null,
        byRunId: null,
        timed: true,
      });
    },

    markFailed(entry: JournalEntry, error: unknown): JournalEntry {
      return transitionFrom(entry, JournalStatus.failed, {
        remoteId: entry.remoteId,
        postImage: null,
        error: describeError(error),
        byRunId: null,
        timed: true,
      });
    },

    markReverted(entry: JournalEntry, details: RevertedDetails = {}): JournalEntry {
      return transitionFrom(entry, JournalStatus.reverted, {
        remoteId: entry.remoteId,
        postImage: details.postImage ?? null,
        error: null,
        byRunId: details.byRunId ?? null,
        timed: false,
      });
    },

    latestEntry(runId: string, opId: string): JournalEntry | undefined {
      conn.assertOpen();
      const row = selectLatestForOp.get(runId, opId);
      return row === undefined ? undefined : toEntry(row);
    },

    entries(runId: string): JournalEntry[] {
      conn.assertOpen();
      return selectByRun.all(runId).map(toEntry);
    },

    runIdsFromSeq(seq: number): string[] {
      conn.assertOpen();
      return (selectRunIdsFrom.all(seq) as unknown[]).map(String);
    },

    currentEntries(runId: string): JournalEntry[] {
      conn.assertOpen();
      return selectCurrent.all(runId).map(toEntry);
    },

    pendingEntries(): JournalEntry[] {
      conn.assertOpen();
      return selectPending.all().map(toEntry);
    },

    appliedEntries(runId: string): JournalEntry[] {
      conn.assertOpen();
      return selectApplied.all(runId).map(toEntry);
    },

    head(): { seq: number; hash: string } | null {
      conn.assertOpen();
      const head = selectHead.get() as { seq: number; hash: string } | undefined;
      return head === undefined ? null : { seq: head.seq, hash: head.hash };
    },

    verifyChain(): ChainVerification {
      conn.assertOpen();
      // One read transaction, so rows appended meanwhile by another connection cannot split the scan.
      return db.transaction(() => verifyRows(selectAll.iterate() as IterableIterator<RawJournalRow>, selectMaxSeq.get()))();
    },
  };
}

function verifyRows(rows: IterableIterator<RawJournalRow>, maxSeqEver: unknown): ChainVerification {
  let prevHash = genesisHash;
  let expectedSeq = 1;
  let count = 0;
  for (const row of rows) {
    const seq = typeof row.seq === 'number' ? row.seq : Number(row.seq);
    if (seq > expectedSeq) {
      const missing = seq - expectedSeq === 1 ? `row ${expectedSeq} is` : `rows ${expectedSeq}–${seq - 1} are`;
      return {
        ok: false,
        rows: count,
        firstBadSeq: expectedSeq,
        reason: `${missing} missing (deleted): seq ${seq} follows seq ${expectedSeq - 1}`,
      };
    }
    if (row.prev_hash !== prevHash) {
      return {
        ok: false,
        rows: count,
        firstBadSeq: seq,
        reason: 'prev_hash does not match the hash of the row before it (a row was deleted, inserted or reordered)',
      };
    }
    const expected = computeJournalHash(prevHash, {
      seq: row.seq as number,
      runId: row.run_id as string,
      opId: row.op_id as string,
      job: row.job as string,
      kind: row.kind as string,
      target: row.target as string,
      status: row.status as string,
      preImage: row.pre_image as string | null,
      postImage: row.post_image as string | null,
      remoteId: row.remote_id as string | null,
      error: row.error as string | null,
      byRunId: row.by_run_id as string | null,
      startedAt: row.started_at as string,
      finishedAt: row.finished_at as string | null,
      durationMs: row.duration_ms as number | null,
    });
    if (row.hash !== expected) {
      return { ok: false, rows: count, firstBadSeq: seq, reason: 'hash mismatch: the row was edited after it was written' };
    }
    if (seq !== expectedSeq) {
      return { ok: false, rows: count, firstBadSeq: seq, reason: `seq ${seq} where ${expectedSeq} was expected` };
    }
    prevHash = row.hash;
    expectedSeq += 1;
    count += 1;
  }
  if (typeof maxSeqEver === 'number' && maxSeqEver >= expectedSeq) {
    return {
      ok: false,
      rows: count,
      firstBadSeq: expectedSeq,
      reason: `the journal ends at seq ${expectedSeq - 1} but reached seq ${maxSeqEver}: the last rows were deleted`,
    };
  }
  return { ok: true, rows: count, lastHash: count === 0 ? null : prevHash };
}
