import type { MembankConfig } from './config.js';
import { InternalError } from './errors.js';
import type { RenderHtml } from './mapping.js';
import type { MemoryBankReader } from './memory-bank.js';
import type { Clock, FileSystemReader, Logger } from './ports.js';
import type { SourceEditor, SourceFileWriter } from './source-edit.js';
import type { JournalEntry, OpKindValue, StateStore } from './store.js';
import type { VikunjaApi } from './vikunja.js';

/** Helpers every job receives. Write jobs get more (vikunja, store) through `WriteJobContext`. */
export interface JobContext {
  runId: string;
  log: Logger;
  config: Readonly<MembankConfig>;
  files: FileSystemReader;
  signal: AbortSignal;
  clock: Clock;
  /** Discovers, parses and validates memory banks (the `src/memory-bank/` adapter, wired in `src/runtime.ts`). */
  memoryBank: MemoryBankReader;
}

/** A job's plan: its output, and the writes it would make (empty for read-only jobs). */
export interface JobPlan<Output, Op> {
  output: Output;
  ops: Op[];
}

/** What one applied write reports back to the pipeline, which journals it as the `applied` row. */
export interface AppliedWrite {
  /** Id the server gave or used (task id, label id…), or a file path for a Markdown edit. */
  remoteId: string | null;
  /** State after the write (what was sent, the new file hash…): what rollback and reconcile compare with. */
  postImage: unknown;
}

/**
 * How the pipeline journals and schedules one op of a write job (one row per op; an op may stand for several
 * source items, e.g. a bulk create).
 */
export interface OpDescription {
  /** Stable id within the run (`create:tasks.md#A-1`, `file-edit:memory-bank/tasks.md`); journal `opId`. */
  opId: string;
  /** Journal kind (`create`, `update`, `write_back`…). */
  kind: OpKindValue;
  /** What the write touches: `task:12`, `label:bug`, `file:memory-bank/tasks.md`. */
  target: string;
  /** Where it comes from, for people (file:line). */
  where: string;
  /** Source items it stands for (progress counts them): 1, or the size of a bulk create. */
  count: number;
  /**
   * What the write must not overlap with. Two ops sharing a lane run in plan order, never at once; ops with no
   * lane in common may be sent concurrently (where the server allows parallel writes). The lane `*` is a
   * barrier: the op waits for every earlier op and every later op waits for it. Examples: `task:<key>` (every
   * write to one task, including its create), `creates` (creates into the project race on PostgreSQL,
   * API.md §17), `label:<title>` (a label and the label sets that use it), `file:<path>` (edits of one file).
   */
  lanes: readonly string[];
  /**
   * Lanes the op only reads: it waits for every earlier op holding one of them, without holding it itself (so a
   * label set waits for the create of each label it uses, `label:<title>`, yet label sets of different tasks still
   * overlap).
   */
  waitsFor?: readonly string[];
}

/** The lane that makes an op a barrier (see {@link OpDescription.lanes}): it is sent alone, after everything before it. */
export const barrierLane = '*';

/**
 * One undo step planned from an applied journal entry by the job that wrote it. A job's steps carry more
 * fields of their own; the pipeline reads only these.
 */
export interface RevertStep {
  /** Stable id, e.g. `delete-task:12`; the rollback run journals it under this id. */
  id: string;
  /** Step kind, e.g. `delete-task`, `restore-file` (`delete-*` steps are journaled as `delete`, others `update`). */
  kind: string;
  /** Name of the job that wrote the entry: the step is applied by that job's `revert`. */
  job: string;
  /** The journal entry it undoes (seq and op id, in the run being rolled back). */
  entrySeq: number;
  opId: string;
  /** Lanes of the undo write (see {@link OpDescription.lanes}); absent: a barrier (sent alone). */
  lanes?: readonly string[];
}

/**
 * A job: a plain object registered in `jobs/index.ts`. `plan` may read but never writes. A write job also
 * defines how each op is applied and journaled; the pipeline (`src/pipeline/journal-loop.ts`) owns the
 * snapshot → apply → confirm loop around `apply`:
 *
 * 1. `describeOp` → one `pending` journal row with the pre-image `{ op, before }`, committed before the write;
 * 2. `apply` → exactly one write (one HTTP request, or one atomic file replace);
 * 3. `applied` row with `remoteId` + `postImage`, and `onApplied` (store bookkeeping such as mappings), in one
 *    transaction.
 *
 * A `pending` row left by a crash is reconciled by the job named in the row: `findApplied(op)` says whether the
 * write happened. Rollback plans each applied row with the writing job's `planRevert` and applies each step
 * with its `revert`. Ops must be JSON values: the journal stores them and reconcile reads them back.
 */
export interface JobDefinition<Input, Output, Op = never, Ctx extends JobContext = JobContext, Step extends RevertStep = RevertStep> {
  name: string;
  describe: string;
  plan(ctx: Ctx, input: Input): Promise<JobPlan<Output, Op>>;
  /** Performs exactly one write for one op. Throws `AmbiguousWriteError` when the outcome is unknown. */
  apply?(ctx: Ctx, op: Op): Promise<AppliedWrite>;
  /** Journal id, kind, target and lanes of an op. Required with `apply`. */
  describeOp?(op: Op): OpDescription;
  /**
   * Whether an op's write happened (after an ambiguous response, or a crash between the journal rows): its result
   * when it did, null when it did not. Throws when it cannot tell (the row then stays `pending`). Required with
   * `apply`; an idempotent write may answer null (it is then planned and sent again).
   */
  findApplied?(ctx: Ctx, op: Op): Promise<AppliedWrite | null>;
  /** Store bookkeeping that commits with the `applied` row (e.g. a mapping for a created task). Synchronous. */
  onApplied?(ctx: Ctx, op: Op, applied: AppliedWrite, run: { runId: string }): void;
  /** Whether an op's effect is already in place when the loop reaches it: then it is neither sent nor journaled. */
  isSatisfied?(ctx: Ctx, op: Op): boolean;
  /** The undo steps of one of this job's applied journal entries (none: nothing to undo). */
  planRevert?(entry: JournalEntry): Step[];
  /** Performs one undo step (one write). */
  revert?(ctx: Ctx, step: Step): Promise<AppliedWrite>;
  /**
   * Whether an undo step left `pending` by a crashed rollback happened: its result, or null (the step is then
   * planned again by the next rollback; restores are idempotent).
   */
  findReverted?(ctx: Ctx, step: Step): Promise<AppliedWrite | null>;
  /**
   * Why undoing a step now would overwrite a change made since the run wrote it (e.g. a file edited by a person
   * since), or null. Rollback plans every step first and refuses the whole rollback when any says why (unless forced).
   */
  findRevertConflict?(ctx: Ctx, step: Step): Promise<string | null>;
}

/** A registered job of any input, output and op type (what the registry hands the pipeline). */
export type AnyJob = JobDefinition<any, any, any, WriteJobContext, any>;

/** The job registry by name: reconcile and rollback dispatch a journal entry to the job named in it. */
export interface JobRegistry {
  /** Every job, in run order. */
  readonly jobs: readonly AnyJob[];
  /** The job of that name, or undefined. */
  find(name: string): AnyJob | undefined;
}

/** Builds a registry from jobs listed in run order (names must be unique). */
export function createJobRegistry(jobs: readonly AnyJob[]): JobRegistry {
  const byName = new Map<string, AnyJob>();
  for (const job of jobs) {
    if (byName.has(job.name)) throw new InternalError(`two jobs are named ${job.name}`);
    byName.set(job.name, job);
  }
  return { jobs, find: (name) => byName.get(name) };
}

/** Declares a job; an identity function that keeps the job's types. */
export function defineJob<Input, Output, Op = never, Ctx extends JobContext = JobContext, Step extends RevertStep = RevertStep>(
  job: JobDefinition<Input, Output, Op, Ctx, Step>,
): JobDefinition<Input, Output, Op, Ctx, Step> {
  return job;
}

/** Ids resolved while a run applies ops: filled from Vikunja before the first write, extended by each create. */
export interface RunRefs {
  projectId: number | null;
  kanbanViewId: number | null;
  /** Bucket id by bucket title (`To-Do`, `Doing`, `Done`, `Blocked`). */
  buckets: Map<string, number>;
  /** The Kanban view's default and done bucket ids (0 = none). */
  defaultBucketId: number;
  doneBucketId: number;
  /** Label id by exact title. */
  labels: Map<string, number>;
  /** Task id by source key. */
  tasks: Map<string, number>;
  /**
   * Task `index` to ask for by source key (v2 bulk path): batches are sent last first to keep source order, so
   * the indexes are given explicitly to keep `#index` identifiers counting up in source order.
   */
  taskIndexes: Map<string, number>;
  /** The mapping scope of the run's plan (server + project), once known; null for runs without one. */
  scope: string | null;
}

/** Creates empty run references. */
export function createRunRefs(): RunRefs {
  return { projectId: null, kanbanViewId: null, buckets: new Map(), defaultBucketId: 0, doneBucketId: 0, labels: new Map(), tasks: new Map(), taskIndexes: new Map(), scope: null };
}

/** What write jobs (plan, import, verify, rollback) receive on top of the base context. */
export interface WriteJobContext extends JobContext {
  vikunja: VikunjaApi;
  store: StateStore;
  /** Renders Markdown to sanitised HTML (descriptions). */
  renderHtml: RenderHtml;
  refs: RunRefs;
  /** Base URL of the Vikunja server (scope of mappings; never includes the token). */
  serverUrl: string;
  /** The job registry: reconcile and rollback reach the job that wrote a journal entry through it. */
  jobs: JobRegistry;
  /** Plans minimal byte edits of memory-bank files (write-back). */
  editor: SourceEditor;
  /** Hash-checked atomic replace of memory-bank files: the one way a job writes a source file. */
  sourceFiles: SourceFileWriter;
}
