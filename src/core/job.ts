import type { MembankConfig } from './config.js';
import type { RenderHtml } from './mapping.js';
import type { Clock, FileSystemReader, Logger } from './ports.js';
import type { StateStore } from './store.js';
import type { VikunjaApi } from './vikunja.js';

/** Helpers every job receives. Write jobs get more (vikunja, store) through `WriteJobContext`. */
export interface JobContext {
  runId: string;
  log: Logger;
  config: Readonly<MembankConfig>;
  files: FileSystemReader;
  signal: AbortSignal;
  clock: Clock;
}

/** A job's plan: its output, and the writes it would make (empty for read-only jobs). */
export interface JobPlan<Output, Op> {
  output: Output;
  ops: Op[];
}

/**
 * A job: a plain object registered in `jobs/index.ts`. `plan` may read but never writes; `apply` performs
 * exactly one remote write for one op; `revert` undoes one applied journal entry.
 */
export interface JobDefinition<Input, Output, Op = never, Ctx extends JobContext = JobContext, Applied = unknown> {
  name: string;
  describe: string;
  plan(ctx: Ctx, input: Input): Promise<JobPlan<Output, Op>>;
  apply?(ctx: Ctx, op: Op): Promise<Applied>;
  revert?(ctx: Ctx, entry: Applied): Promise<void>;
}

/** Declares a job; an identity function that keeps the job's types. */
export function defineJob<Input, Output, Op = never, Ctx extends JobContext = JobContext, Applied = unknown>(
  job: JobDefinition<Input, Output, Op, Ctx, Applied>,
): JobDefinition<Input, Output, Op, Ctx, Applied> {
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
}

/** Creates empty run references. */
export function createRunRefs(): RunRefs {
  return { projectId: null, kanbanViewId: null, buckets: new Map(), defaultBucketId: 0, doneBucketId: 0, labels: new Map(), tasks: new Map(), taskIndexes: new Map() };
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
}
