/**
 * Journal overhead with full durability: for each simulated write, a `pending` append (with a pre-image) and an
 * `applied` append (with a remote id and post-image), each its own transaction, file-backed, WAL,
 * `synchronous=FULL`. The same loop on `:memory:` is printed beside it, to split CPU cost (hashing, JSON, SQL)
 * from durability cost (fsync). Target: under 1 ms per write.
 *
 * Run with `npx tsx bench/journal.ts [writes=2000] [directory=os.tmpdir()]`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { StateStore } from '../src/core/store.js';
import { openStore } from '../src/store/index.js';

const writes = Number(process.argv[2] ?? 2000);
const baseDir = process.argv[3] ?? tmpdir();

function sampleTask(i: number): Record<string, unknown> {
  return {
    id: 1000 + i,
    title: `PM-${String(i).padStart(4, '0')} Migrate the memory bank entry number ${i}`,
    description: `<p>Task ${i} imported from memory_bank/tasks/active_sprint.md</p>`.repeat(4),
    done: false,
    priority: (i % 5) + 1,
    due_date: '2026-12-01T00:00:00Z',
    labels: [
      { id: 1, title: 'memory_bank' },
      { id: 2, title: 'migration' },
    ],
    project_id: 7,
    bucket_id: 3,
    position: i * 65536,
  };
}

interface Measurement {
  totalMs: number;
  msPerWrite: number;
  msPerAppend: number;
  verifyMs: number;
  rows: number;
}

function measure(store: StateStore): Measurement {
  const run = store.runs.create({ command: 'bench-journal' });
  const journalWrite = (i: number): void => {
    const pending = store.journal.appendPending({
      runId: run.id,
      opId: `update:memory_bank/tasks/t${i}.md#PM-${i}`,
      job: 'import',
      kind: 'update',
      target: `task:${1000 + i}`,
      preImage: sampleTask(i),
    });
    store.journal.markApplied(pending, { remoteId: 1000 + i, postImage: { ...sampleTask(i), done: true } });
  };
  for (let i = 0; i < Math.min(50, writes); i += 1) journalWrite(-1 - i);

  const started = performance.now();
  for (let i = 0; i < writes; i += 1) journalWrite(i);
  const totalMs = performance.now() - started;

  const verifyStarted = performance.now();
  const verification = store.journal.verifyChain();
  const verifyMs = performance.now() - verifyStarted;
  if (!verification.ok) throw new Error(`chain broken at seq ${verification.firstBadSeq}: ${verification.reason}`);
  store.runs.finish(run.id, { status: 'succeeded', summary: { writes } });
  return {
    totalMs: round(totalMs, 1),
    msPerWrite: round(totalMs / writes, 3),
    msPerAppend: round(totalMs / (writes * 2), 3),
    verifyMs: round(verifyMs, 1),
    rows: verification.rows,
  };
}

function round(value: number, digits: number): number {
  return Number(value.toFixed(digits));
}

const dir = mkdtempSync(join(baseDir, 'membank-bench-journal-'));
try {
  const fileStore = openStore(join(dir, 'membank.sqlite'));
  let durable: Measurement;
  let pragmas: ReturnType<StateStore['pragmas']>;
  try {
    pragmas = fileStore.pragmas();
    durable = measure(fileStore);
  } finally {
    fileStore.close();
  }
  const memoryStore = openStore(':memory:');
  let memory: Measurement;
  try {
    memory = measure(memoryStore);
  } finally {
    memoryStore.close();
  }

  process.stdout.write(
    `journal bench: ${writes} writes = ${writes * 2} appends (pending + applied, each its own transaction)\n` +
      `  file, WAL, synchronous=FULL: ${durable.totalMs} ms total, ${durable.msPerWrite} ms per write ` +
      `(${durable.msPerAppend} ms per append) — target < 1 ms per write: ${durable.msPerWrite < 1 ? 'met' : 'MISSED'}\n` +
      `  :memory: (CPU only):         ${memory.totalMs} ms total, ${memory.msPerWrite} ms per write\n` +
      `  verifyChain over ${durable.rows} rows: ${durable.verifyMs} ms\n`,
  );
  process.stdout.write(
    `${JSON.stringify({ writes, appends: writes * 2, directory: dir, pragmas, durable, memory, targetMsPerWrite: 1 })}\n`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
