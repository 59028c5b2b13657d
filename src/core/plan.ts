/**
 * Plans are data: a list of ops, each one remote write (or one bulk call), JSON-serialisable so a plan can be
 * saved with `--out`, reviewed, and applied later exactly as reviewed.
 */
import type { BucketRoleValue, DesiredComment, DesiredTask, OwnedField, TaskFields } from './mapping.js';

/** One field-level change: what Vikunja has now → what membank will write. */
export interface FieldChange {
  field: OwnedField;
  before: TaskFields[OwnedField];
  after: TaskFields[OwnedField];
}

/**
 * A task whose owned field was changed in Vikunja since membank last wrote it while the source still says what
 * membank wrote: the edit is kept, and the plan says so (it is not a write, and verify does not call it drift).
 */
export interface KeptEdit {
  key: string;
  source: string;
  taskId: number;
  fields: Array<{ field: OwnedField; membank: TaskFields[OwnedField]; vikunja: TaskFields[OwnedField] }>;
}

/** Create the project (when no project of that title exists). */
export interface ProjectOp {
  id: string;
  kind: 'project';
  title: string;
  marker: string;
  /** The bank it is created for (`<repository folder>/<bank folder>`), recorded in its description. */
  bank?: string;
}

/** Create a label that does not exist yet (exact title). */
export interface LabelOp {
  id: string;
  kind: 'label';
  title: string;
}

/** Create a Kanban bucket membank maps tasks to (To-Do, Doing, Done, Blocked when configured) that the project lacks. */
export interface BucketOp {
  id: string;
  kind: 'bucket';
  title: BucketRoleValue;
}

/**
 * Point the Kanban view's default and/or done bucket at membank's To-Do / Done (only where the view has none,
 * as a new project on Vikunja 0.24 has): done tasks then land in Done, reopened ones in To-Do.
 */
export interface KanbanOp {
  id: string;
  kind: 'kanban';
  defaultBucket: BucketRoleValue | null;
  doneBucket: BucketRoleValue | null;
}

/** Create a task. */
export interface CreateOp {
  id: string;
  kind: 'create';
  key: string;
  source: string;
  /** `file:line` of the source item, for errors that name it. */
  line?: number;
  desired: DesiredTask;
}

/** Change owned fields of an existing task (field-level before → after). `close` when it only marks it done. */
export interface UpdateOp {
  id: string;
  kind: 'update' | 'close';
  key: string;
  source: string;
  taskId: number;
  /** The task's `updated` when planned: apply refuses the op when it changed since. */
  expectedUpdated: string;
  changes: FieldChange[];
}

/** Move a task to another Kanban bucket. */
export interface MoveOp {
  id: string;
  kind: 'move';
  key: string;
  source: string;
  taskId: number;
  expectedUpdated: string;
  from: string | null;
  to: BucketRoleValue;
}

/** Set a task's labels to exactly `after` (titles); the task is named by key when it is created in this plan. */
export interface LabelsOp {
  id: string;
  kind: 'labels';
  key: string;
  source: string;
  taskId: number | null;
  before: string[];
  after: string[];
}

/** Make `childKey` a subtask of `parentKey`. */
export interface RelationOp {
  id: string;
  kind: 'relation';
  key: string;
  source: string;
  parentKey: string;
  childKey: string;
}

/** Add a progress-log comment. */
export interface CommentOp {
  id: string;
  kind: 'comment';
  key: string;
  source: string;
  comment: DesiredComment;
}

/**
 * An existing task is this record's: it carries the record's marker (earlier import, lost state), or it was mapped
 * to the record's old key (`renamedFrom`: the item was renamed, or read differently after an upgrade). Records the
 * mapping (moved from the old key).
 */
export interface AdoptOp {
  id: string;
  kind: 'adopt';
  key: string;
  source: string;
  taskId: number;
  contentHash: string;
  /** The key the task was mapped under until now, and why the two keys pair. */
  renamedFrom?: { key: string; reason: string };
}

/** Nothing to do for a record, with the reason (shown in the plan, never applied). */
export interface SkipOp {
  id: string;
  kind: 'skip';
  key: string;
  source: string;
  reason: string;
}

/** Every op kind. */
export type PlanOp = ProjectOp | LabelOp | BucketOp | KanbanOp | CreateOp | UpdateOp | MoveOp | LabelsOp | RelationOp | CommentOp | AdoptOp | SkipOp;

/** Ops that write to Vikunja (everything but adopt and skip). */
export type WriteOp = Exclude<PlanOp, AdoptOp | SkipOp>;

/** The saved plan file. */
export interface Plan {
  format: 'membank-plan';
  version: 1;
  createdAt: string;
  /** The scanned root, absolute. */
  root: string;
  /** sha256 over the parsed records: apply refuses a plan whose inputs changed. */
  inputsHash: string;
  server: { url: string; version: string; api: 'v1' | 'v2' };
  project: { title: string; id: number | null; marker: string };
  /** Mapping scope in the state store (server URL + project title). */
  scope: string;
  ops: PlanOp[];
  /** Desired state per key, for verify. */
  desired: Record<string, DesiredTask>;
  /** Fields changed in Vikunja since the last run that the plan keeps (absent in plans saved by older versions). */
  kept?: KeptEdit[];
  summary: PlanSummary;
}

/** Op counts by kind, plus records and problems seen. */
export interface PlanSummary {
  records: number;
  byKind: Record<PlanOp['kind'], number>;
  writes: number;
}

/** Counts ops by kind. */
export function summarisePlan(ops: readonly PlanOp[], records: number): PlanSummary {
  const byKind: Record<PlanOp['kind'], number> = {
    project: 0,
    label: 0,
    bucket: 0,
    kanban: 0,
    create: 0,
    update: 0,
    close: 0,
    move: 0,
    labels: 0,
    relation: 0,
    comment: 0,
    adopt: 0,
    skip: 0,
  };
  for (const op of ops) byKind[op.kind] += 1;
  const writes = ops.filter((op) => op.kind !== 'adopt' && op.kind !== 'skip').length;
  return { records, byKind, writes };
}

/** True for ops that write to Vikunja. */
export function isWriteOp(op: PlanOp): op is WriteOp {
  return op.kind !== 'adopt' && op.kind !== 'skip';
}
