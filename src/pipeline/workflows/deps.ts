/**
 * What every workflow is handed (the adapters, configuration, log, signal) and how a run's write-job context is
 * built from it. The CLI creates the deps (`src/cli/workflow-deps.ts`, wiring `src/runtime.ts`); workflows
 * never reach an adapter any other way.
 */
import { registry } from '../../../jobs/index.js';
import type { MembankConfig } from '../../core/config.js';
import { createRunRefs, type JobRegistry, type WriteJobContext } from '../../core/job.js';
import type { MemoryBankReader } from '../../core/memory-bank.js';
import type { RenderHtml } from '../../core/mapping.js';
import type { Clock, FileSystemReader, Logger } from '../../core/ports.js';
import type { RunStatusValue, SourceFileIdentity, StateStore } from '../../core/store.js';
import type { SourceEditor, SourceFileWriter } from '../../core/source-edit.js';
import type { VikunjaApi } from '../../core/vikunja.js';

/** The adapters a workflow runs against (`src/runtime.ts` builds them). */
export interface WorkflowRuntime {
  store: StateStore;
  vikunja: VikunjaApi;
  files: FileSystemReader;
  memoryBank: MemoryBankReader;
  editor: SourceEditor;
  sourceFiles: SourceFileWriter;
  renderHtml: RenderHtml;
  serverUrl: string;
  /** Closes the state store. */
  close(): void;
}

/** What every workflow needs. */
export interface WorkflowDeps {
  runtime: WorkflowRuntime;
  config: Readonly<MembankConfig>;
  log: Logger;
  signal: AbortSignal;
  clock?: Clock;
  onProgress?: (done: number, total: number) => void;
  /** The job registry; default: `jobs/index.ts`. */
  jobs?: JobRegistry;
  /**
   * The bank's files (relative to the run's root) as the caller's discovery found them: a successful run's source
   * snapshot (`membank restore`) stores them without discovering the bank a second time. Unset: discovered again.
   */
  bankFiles?: readonly string[];
  /**
   * The bank files the caller already read and hashed (`readBank` with a parse cache): the source snapshot re-reads
   * only those whose stat no longer matches. Unset: every file is read.
   */
  bankIdentities?: readonly SourceFileIdentity[];
}

const systemClock: Clock = { now: () => new Date() };

/** Builds a write-job context for one run: fresh run references, the registry, every port. */
export function createWriteContext(deps: WorkflowDeps, runId: string): WriteJobContext {
  const { runtime } = deps;
  return {
    runId,
    log: deps.log.child({ run: runId }),
    config: deps.config,
    files: runtime.files,
    memoryBank: runtime.memoryBank,
    signal: deps.signal,
    clock: deps.clock ?? systemClock,
    vikunja: runtime.vikunja,
    store: runtime.store,
    renderHtml: runtime.renderHtml,
    refs: createRunRefs(),
    serverUrl: runtime.serverUrl,
    jobs: deps.jobs ?? registry,
    editor: runtime.editor,
    sourceFiles: runtime.sourceFiles,
  };
}

/**
 * How many writes a run may have in flight: `vikunja.concurrency` where the server says concurrent writes are safe
 * (`concurrent_writes: true` in /info, Vikunja on PostgreSQL), else one at a time (SQLite serialises writes).
 */
export async function selectWriteConcurrency(deps: WorkflowDeps): Promise<number> {
  const capabilities = await deps.runtime.vikunja.capabilities();
  return capabilities.concurrentWrites ? Math.max(1, deps.config.vikunja.concurrency) : 1;
}

/**
 * A write run's final status and error line from its loop's result: interrupted (signal, server gone) before
 * failed (verify found differences, or an op failed or was refused) before succeeded.
 */
export function describeRunEnd(
  loop: { stoppedBy: 'signal' | 'server-unavailable' | null; notReached: number; failures: readonly unknown[] },
  verify: { ok: boolean; drift: readonly unknown[] } | null = null,
): { status: Extract<RunStatusValue, 'interrupted' | 'failed' | 'succeeded'>; error: string | null } {
  if (loop.stoppedBy === 'signal') return { status: 'interrupted', error: `interrupted by a signal with ${loop.notReached} op(s) not applied; re-run to resume` };
  if (loop.stoppedBy === 'server-unavailable') {
    return { status: 'interrupted', error: `Vikunja became unavailable with ${loop.notReached} op(s) not applied; re-run to resume` };
  }
  if (verify !== null && !verify.ok) return { status: 'failed', error: `verify found ${verify.drift.length} difference(s) between the plan and Vikunja` };
  if (loop.failures.length > 0) return { status: 'failed', error: `${loop.failures.length} op(s) failed or were refused` };
  return { status: 'succeeded', error: null };
}
