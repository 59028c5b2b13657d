/**
 * sync: the memory bank, Vikunja and the base copies of the last sync → writes on both sides (docs/sync.md).
 * Plan reads (files, GETs, the store) and never writes. Vikunja ops are the migrate plan's op kinds, applied by
 * the import job's `apply`; Markdown ops are one `file-edit` per file (hash at read + exact edits) and one
 * `inbox-append` for tasks added in Vikunja, written through `ctx.editor` and `ctx.sourceFiles`.
 */
import { ConflictError, InternalError, SourceChangedError } from '../src/core/errors.js';
import { type AppliedWrite, defineJob, type OpDescription, type RevertStep, type WriteJobContext } from '../src/core/job.js';
import { BucketRole, createDesiredTask, type DesiredTask, findMarker, type OwnedField } from '../src/core/mapping.js';
import type { FieldChange, Plan, PlanOp, WriteOp } from '../src/core/plan.js';
import { summarisePlan } from '../src/core/plan.js';
import type { AppendedItem, BankChange, EditRequest, SourceEdit } from '../src/core/source-edit.js';
import type { JournalEntry, StateStore, UpsertMappingInput } from '../src/core/store.js';
import {
  applyBankChanges,
  createInboxMarker,
  hashBytes,
  readBankValues,
  readInboxTaskIds,
  readSyncBase,
  readVikunjaValues,
  selectBankChanges,
  stripFooter,
  stripInboxMarker,
} from '../src/core/sync-values.js';
import { type DiscoveredFile, ExtractorName, type ExtractorNameValue } from '../src/core/source-file.js';
import type { TaskRecord } from '../src/core/task-record.js';
import {
  advanceBase,
  compareItem,
  type ConflictPolicyValue,
  isSameSyncValue,
  Ownership,
  type OwnershipValue,
  syncFields,
  type FieldDecision,
  type SyncBase,
  type SyncField,
  type SyncValues,
} from '../src/core/three-way.js';
import type { VikunjaTask } from '../src/core/vikunja.js';
import { importJob } from './import.js';
import {
  checkProjectSource,
  computeOps,
  createPlanHeader,
  createScope,
  findRenamedKeys,
  readRemote,
  selectPlanApi,
  type RemoteSnapshot,
  useLabelSpellings,
} from './plan.js';

/** What sync needs: the bank as parsed now, and where it lives. */
export interface SyncInput {
  /** Absolute root that was scanned; record paths are relative to it. */
  root: string;
  records: readonly TaskRecord[];
  /** The bank folder (relative to the root) the inbox file goes in; null: the root. */
  bank: string | null;
  projectTitle: string;
  /** Which bank this is (`<repository folder>/<bank folder>`), as migrate records it. */
  source?: string;
  allowOtherSource?: boolean;
  /** Overrides `sync.conflicts` (the `--conflicts` flag). */
  conflicts?: ConflictPolicyValue;
  /**
   * sha256 of the bank as read (every file's path, discovery decisions and content hash, the parser and config
   * key): enables the no-op fast path and checkpoints (docs/sync.md). Without it, every sync reads everything.
   */
  bankFingerprint?: string;
  /**
   * Settle one conflict (the MCP `resolve_conflict` tool): only this item is synced, its conflicting field takes the
   * chosen side, its other changes are left for the next sync; no other item, removal or inbox append is planned.
   */
  resolve?: SyncResolution;
}

/** One field of one item, and the side whose value both sides should hold. */
export interface SyncResolution {
  key: string;
  field: SyncField;
  side: 'memory-bank' | 'vikunja';
}

/** Replace one memory-bank file by applying exact edits to the bytes whose hash was read when planning. */
export interface FileEditOp {
  id: string;
  kind: 'file-edit';
  /** Relative to the root (for people and the journal). */
  path: string;
  /** Absolute. */
  file: string;
  /** sha256 of the bytes the edits were planned on: apply refuses a file changed since. */
  hash: string;
  edits: SourceEdit[];
  /** The items whose fields the edits write. */
  keys: string[];
}

/** Append tasks added in Vikunja to the inbox file as checklist items that carry their marker. */
export interface InboxAppendOp {
  id: string;
  kind: 'inbox-append';
  path: string;
  file: string;
  /** sha256 of the file when planned; null: the file does not exist yet. */
  hash: string | null;
  items: AppendedItem[];
}

/** Delete a task whose item left the memory bank (`sync.removed: delete` only). */
export interface DeleteTaskOp {
  id: string;
  kind: 'delete';
  key: string;
  source: string;
  taskId: number;
  /** The task as read when planned: the pre-image rollback re-creates from. */
  task: VikunjaTask;
}

/** Every op sync plans. */
export type SyncOp = WriteOp | FileEditOp | InboxAppendOp | DeleteTaskOp;

/** What happened to one item. */
export type SyncItemState = 'synced' | 'created' | 'adopted' | 'renamed' | 'removed' | 'deleted-in-vikunja' | 'new-in-vikunja';

/** One item of the sync: its fields' decisions and the ops that write them. */
export interface SyncItem {
  key: string;
  /** `path#anchor` in the bank, or `vikunja #id` for a task only Vikunja has. */
  source: string;
  taskId: number | null;
  state: SyncItemState;
  /** The key its task was mapped under until now (a renamed item, state `renamed`; or a task relinked by its new marker). */
  renamedFrom?: string;
  decisions: FieldDecision[];
  /** The base copy read before this sync (null: none). */
  base: SyncBase | null;
  /** Op id that writes each pushed or pulled field. */
  writes: Partial<Record<SyncField, string>>;
  /** Things the report should say about it (a value the source cannot hold, a deleted task…). */
  notes: string[];
}

/** A field changed differently on both sides and left unwritten (policy `report`, or `newest` without a winner). */
export interface SyncConflict {
  key: string;
  source: string;
  taskId: number;
  field: SyncField;
  base: unknown;
  ours: unknown;
  theirs: unknown;
  reason: string;
}

/** The sync plan: the items, the ops on both sides, and what the report needs. */
export interface SyncPlan {
  root: string;
  scope: string;
  project: { title: string; id: number | null; marker: string };
  policy: ConflictPolicyValue;
  items: SyncItem[];
  ops: SyncOp[];
  conflicts: SyncConflict[];
  /** Vikunja-side plan of the same ops (what the import job's helpers and reports read). */
  plan: Plan;
  /** Desired state by key (after pulled changes), for the base copies. */
  desired: Record<string, DesiredTask>;
  summary: SyncSummary;
  /**
   * Set when nothing changed on either side since the checkpoint of run `since` (the fast path): no full read, no
   * parse of unchanged files, nothing planned.
   */
  fastPath?: { since: string; requests: number };
}

/** Counts for the report. */
export interface SyncSummary {
  items: number;
  pushed: number;
  /** Fields pulled and written to the bank (a pull the bank has no place for counts in `notWritable`). */
  pulled: number;
  recorded: number;
  conflicts: number;
  ignored: number;
  created: number;
  appended: number;
  removed: number;
  deletedInVikunja: number;
  /** Tasks found by their marker with no mapping (a lost or fresh state store): mapping and base rebuilt. */
  relinked: number;
  /** Items whose key changed (renamed, or read differently after an upgrade), paired with the task of their old key. */
  renamed: number;
  notWritable: number;
  /** Ops that write (Vikunja requests and file replaces). */
  writes: number;
}

const fieldToVikunja: Partial<Record<SyncField, OwnedField>> = {
  title: 'title',
  description: 'description',
  done: 'done',
  priority: 'priority',
  due: 'due_date',
  percentDone: 'percent_done',
};

function joinPath(root: string, path: string): string {
  return path === '.' || path === '' ? root : `${root.replace(/\/+$/, '')}/${path}`;
}

function isFileOp(op: SyncOp): op is FileEditOp | InboxAppendOp {
  return op.kind === 'file-edit' || op.kind === 'inbox-append';
}

interface FileState {
  bytes: Uint8Array;
  hash: string;
  mtime: string;
}

async function readFileState(ctx: WriteJobContext, file: string, cache: Map<string, FileState | null>): Promise<FileState | null> {
  if (cache.has(file)) return cache.get(file) ?? null;
  if ((await ctx.sourceFiles.hash(file)) === null) {
    cache.set(file, null);
    return null;
  }
  const bytes = await ctx.files.readFile(file);
  const stat = await ctx.files.stat(file);
  const state = { bytes, hash: hashBytes(bytes), mtime: new Date(stat.mtimeMs).toISOString() };
  cache.set(file, state);
  return state;
}

function decodeText(bytes: Uint8Array): string {
  return new TextDecoder('utf-8').decode(bytes);
}

/** The inbox file's path relative to the root (in the bank folder), or null when the inbox is off. */
export function selectInboxPath(inbox: string | false, bank: string | null): string | null {
  if (inbox === false) return null;
  return bank === null || bank === '.' ? inbox : `${bank}/${inbox}`;
}

/**
 * The Done bucket is the done flag seen from Kanban: a bucket change to or from Done follows the decision on `done`
 * (a tick the `done` ownership ignores is not pushed as a move either).
 */
export function tieBucketToDone(decisions: readonly FieldDecision[]): FieldDecision[] {
  const done = decisions.find((decision) => decision.field === 'done');
  return decisions.map((decision) => {
    if (decision.field !== 'bucket' || done === undefined || decision.action === 'none' || decision.action === done.action) return decision;
    const involvesDone = decision.ours === BucketRole.done || decision.theirs === BucketRole.done || decision.base === BucketRole.done;
    if (!involvesDone || (done.action !== 'ignore' && done.action !== 'conflict')) return decision;
    return { ...decision, action: done.action, reason: `the Done bucket follows done: ${done.reason}` };
  });
}

/**
 * The title of the Kanban bucket each task is in (one listing of the project's Kanban view, plus a paged read per
 * bucket fuller than a page), for the buckets membank maps a status to (To-Do, Doing, Done, and Blocked when
 * `mapping.blockedBucket`). A task in another bucket (one a person added, 0.24's Backlog), and every task when the
 * project has no Kanban view, is left out: sync then infers its bucket (docs/sync.md).
 */
async function readTaskBuckets(ctx: WriteJobContext, remote: RemoteSnapshot): Promise<Map<number, string>> {
  const bucketOf = new Map<number, string>();
  const viewId = remote.kanban?.viewId;
  if (remote.project === null || viewId === undefined) return bucketOf;
  const mapped = new Set<string>([BucketRole.todo, BucketRole.doing, BucketRole.done]);
  if (ctx.config.mapping.blockedBucket) mapped.add(BucketRole.blocked);
  for (const { bucket, taskIds } of await ctx.vikunja.listBucketTasks(remote.project.id, viewId)) {
    if (!mapped.has(bucket.title)) continue;
    for (const taskId of taskIds) bucketOf.set(taskId, bucket.title);
  }
  return bucketOf;
}

/**
 * The decisions of one item under a resolution: the chosen side for the resolved field when it is in conflict (the
 * Done bucket following done as ever); every other push or pull of the item is left for the next sync (ignored:
 * no write, base kept). Without a resolution: the decisions with the bucket tied to done.
 */
export function resolveDecisions(decisions: readonly FieldDecision[], resolve: SyncResolution | undefined): FieldDecision[] {
  if (resolve === undefined) return tieBucketToDone(decisions);
  const chosen = decisions.map((decision): FieldDecision => {
    if (decision.field !== resolve.field || decision.action !== 'conflict') return decision;
    return { ...decision, action: resolve.side === 'memory-bank' ? 'push' : 'pull', reason: `changed on both sides; ${resolve.side === 'memory-bank' ? 'the memory bank' : 'Vikunja'} chosen (resolve_conflict)` };
  });
  const follows = (field: SyncField): boolean => field === resolve.field || (resolve.field === 'done' && field === 'bucket');
  return tieBucketToDone(chosen).map((decision) =>
    follows(decision.field) || (decision.action !== 'push' && decision.action !== 'pull')
      ? decision
      : { ...decision, action: 'ignore', reason: `not part of resolving ${resolve.field}: the next sync writes it` },
  );
}

/**
 * The base of a task relinked by its marker (no mapping: a lost or fresh state store), field by field: where both
 * sides agree, that value; where they differ, the side that owns the field (`sync.ownership`) wins: for a field the
 * memory bank owns, Vikunja's value is the base (so the bank's value is pushed); for a field Vikunja owns or both
 * own, the bank's value is the base (so Vikunja's value is pulled — an edit made in Vikunja while the store was gone
 * is kept, never undone; a bank edit made meanwhile is still in the file's history and in `membank restore`).
 * No field of a relinked item is ever a conflict. `theirs` must infer an unread bucket as the bank's (not To-Do).
 */
export function createRelinkBase(ours: SyncValues, theirs: SyncValues, ownership: Readonly<Record<SyncField, OwnershipValue>>): SyncBase {
  const base: Record<string, unknown> = {};
  for (const field of syncFields) {
    const same = isSameSyncValue(field, ours[field], theirs[field]);
    // A value the bank does not have at all is never pushed over Vikunja's (the rule without a base, above).
    const oursEmpty = ours[field] === null || ours[field] === '' || (Array.isArray(ours[field]) && ours[field].length === 0);
    base[field] = same || oursEmpty || ownership[field] !== Ownership.memoryBank ? ours[field] : theirs[field];
  }
  return base as SyncBase;
}

/** Seconds a checkpoint's `since` lies before the server time read before the full read (commit-order races). */
export const checkpointMarginMs = 2000;

/**
 * The state both sides were proved to be in by a sync that had nothing left to write (docs/sync.md, "The no-op
 * fast path"). Every time is the server's own (no clock skew): `since` is the server's time before the full read
 * minus {@link checkpointMarginMs}, and no task nor the project had a later `updated` then.
 */
export interface SyncCheckpoint {
  version: 1;
  bankFingerprint: string;
  /** sha256 of what shapes a plan besides the two sides: mapping and sync config, root, project title. */
  configHash: string;
  projectId: number;
  projectUpdated: string | null;
  since: string;
  taskCount: number;
  viewId: number | null;
  /**
   * The Kanban buckets a move between which does not change a task's `updated` (Vikunja bumps it only when
   * `done` flips): every bucket membank maps a status to except To-Do and the view's done bucket, with its tasks.
   */
  buckets: Array<{ id: number; taskIds: number[] }>;
}

function hashSyncConfig(ctx: WriteJobContext, input: SyncInput): string {
  return hashBytes(new TextEncoder().encode(JSON.stringify({ mapping: ctx.config.mapping, sync: ctx.config.sync, root: input.root, project: input.projectTitle, bank: input.bank })));
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A checkpoint read back from the store, or null when it has another shape (then the sync reads everything). */
export function readCheckpoint(value: unknown): SyncCheckpoint | null {
  if (!isObject(value) || value.version !== 1) return null;
  const { bankFingerprint, configHash, projectId, projectUpdated, since, taskCount, viewId, buckets } = value;
  if (typeof bankFingerprint !== 'string' || typeof configHash !== 'string' || typeof since !== 'string') return null;
  if (typeof projectId !== 'number' || typeof taskCount !== 'number' || (viewId !== null && typeof viewId !== 'number')) return null;
  if (projectUpdated !== null && typeof projectUpdated !== 'string') return null;
  if (!Array.isArray(buckets) || !buckets.every((bucket) => isObject(bucket) && typeof bucket.id === 'number' && Array.isArray(bucket.taskIds))) return null;
  return value as unknown as SyncCheckpoint;
}

function sameIds(a: readonly number[], b: readonly number[]): boolean {
  const left = [...a].sort((x, y) => x - y);
  const right = [...b].sort((x, y) => x - y);
  return left.length === right.length && left.every((id, index) => id === right[index]);
}

/**
 * The fast path: with a checkpoint whose bank fingerprint and config match the bank as read now, at most five
 * requests decide whether Vikunja changed since — the project (gone, or `updated` moved: label changes bump only
 * the project), the tasks updated after `since` (must be none), the task count (catches deletions), and the
 * watched Kanban buckets' first page (a bucket move does not bump a task's `updated`), plus the version probe.
 * Any difference, or any answer that cannot prove "unchanged", means the full read. Returns the reason it did not
 * apply, or the checkpoint run's id.
 */
async function probeCheckpoint(ctx: WriteJobContext, input: SyncInput, scope: string): Promise<{ since: string; projectId: number } | { reason: string }> {
  if (input.bankFingerprint === undefined) return { reason: 'no bank fingerprint' };
  if (input.resolve !== undefined) return { reason: 'resolving a conflict' };
  const record = ctx.store.syncCheckpoints.get(scope);
  if (record === undefined) return { reason: 'no checkpoint yet' };
  const checkpoint = readCheckpoint(record.checkpoint);
  if (checkpoint === null) return { reason: 'checkpoint of another format' };
  if (checkpoint.bankFingerprint !== input.bankFingerprint) return { reason: 'the memory bank changed' };
  if (checkpoint.configHash !== hashSyncConfig(ctx, input)) return { reason: 'the config changed' };
  const project = await ctx.vikunja.probeProject(checkpoint.projectId);
  if (!project.exists) return { reason: `project #${checkpoint.projectId} is gone` };
  if (project.updated !== checkpoint.projectUpdated) return { reason: 'the project was updated' };
  const updated = await ctx.vikunja.countTasksUpdatedAfter(checkpoint.projectId, checkpoint.since);
  if (updated !== 0) return { reason: updated === null ? 'the server gave no task count' : `${updated} task(s) updated since ${checkpoint.since}` };
  const count = await ctx.vikunja.countProjectTasks(checkpoint.projectId);
  if (count !== checkpoint.taskCount) return { reason: count === null ? 'the server gave no task count' : `the project holds ${count} task(s), ${checkpoint.taskCount} at the checkpoint` };
  if (checkpoint.viewId !== null && checkpoint.buckets.length > 0) {
    const pages = await ctx.vikunja.readKanbanFirstPage(checkpoint.projectId, checkpoint.viewId);
    for (const watched of checkpoint.buckets) {
      const page = pages.find((candidate) => candidate.bucket.id === watched.id);
      if (page === undefined) return { reason: `Kanban bucket #${watched.id} is gone` };
      if (!page.complete) return { reason: `Kanban bucket "${page.bucket.title}" holds more than one page` };
      if (!sameIds(page.taskIds, watched.taskIds)) return { reason: `a task moved in or out of Kanban bucket "${page.bucket.title}"` };
    }
  }
  return { since: record.runId, projectId: checkpoint.projectId };
}

/**
 * The checkpoint a plan proves, or null: only a plan with nothing to write and nothing to report again (no
 * conflict, no task deleted in Vikunja, no task added there and left out of the bank), made from a full read that
 * started at `serverTime`, with no task and not the project updated later than `serverTime − margin`.
 */
async function proveCheckpoint(
  ctx: WriteJobContext,
  input: SyncInput,
  plan: Pick<SyncPlan, 'ops' | 'conflicts' | 'items'>,
  remote: RemoteSnapshot,
  bucketOf: ReadonlyMap<number, string>,
  serverTime: string | null,
): Promise<SyncCheckpoint | null> {
  if (input.bankFingerprint === undefined || input.resolve !== undefined || serverTime === null || remote.project === null) return null;
  if (plan.ops.length > 0 || plan.conflicts.length > 0) return null;
  if (plan.items.some((item) => item.state === 'deleted-in-vikunja' || item.state === 'new-in-vikunja')) return null;
  const sinceMs = Date.parse(serverTime) - checkpointMarginMs;
  const since = new Date(sinceMs).toISOString().replace(/\.\d{3}Z$/, 'Z');
  if (remote.tasks.some((task) => task.updated !== null && Date.parse(task.updated) > sinceMs)) return null;
  const project = await ctx.vikunja.probeProject(remote.project.id);
  if (!project.exists || (project.updated !== null && Date.parse(project.updated) > sinceMs)) return null;
  const kanban = remote.kanban;
  const buckets: SyncCheckpoint['buckets'] = [];
  if (kanban?.viewId !== undefined) {
    const watched = [BucketRole.doing, BucketRole.done, ...(ctx.config.mapping.blockedBucket ? [BucketRole.blocked] : [])];
    for (const title of watched) {
      const id = kanban.bucketIds?.get(title);
      if (id === undefined || id === kanban.doneBucketId) continue;
      buckets.push({ id, taskIds: [...bucketOf].filter(([, bucket]) => bucket === title).map(([taskId]) => taskId).sort((a, b) => a - b) });
    }
  }
  return {
    version: 1,
    bankFingerprint: input.bankFingerprint,
    configHash: hashSyncConfig(ctx, input),
    projectId: remote.project.id,
    projectUpdated: project.updated,
    since,
    taskCount: remote.tasks.length,
    viewId: kanban?.viewId ?? null,
    buckets,
  };
}

function createFastPathPlan(
  ctx: WriteJobContext,
  input: SyncInput,
  scope: string,
  server: { version: string; api: 'v1' | 'v2' },
  probe: { since: string; projectId: number; requests: number },
): SyncPlan {
  const policy = input.conflicts ?? ctx.config.sync.conflicts;
  const header = createPlanHeader(ctx, input, server, probe.projectId);
  const project = header.project;
  const plan: Plan = {
    ...header,
    scope,
    ops: [],
    desired: {},
    summary: summarisePlan([], input.records.length),
  };
  const summary: SyncSummary = { items: 0, pushed: 0, pulled: 0, recorded: 0, conflicts: 0, ignored: 0, created: 0, appended: 0, removed: 0, deletedInVikunja: 0, relinked: 0, renamed: 0, notWritable: 0, writes: 0 };
  return { root: input.root, scope, project, policy, items: [], ops: [], conflicts: [], plan, desired: {}, summary, fastPath: { since: probe.since, requests: probe.requests } };
}

/**
 * Keeps `checkpoint` as the scope's sync checkpoint (run `runId`), or drops the scope's checkpoint when null.
 */
export function settleSyncCheckpoint(store: Pick<StateStore, 'syncCheckpoints'>, scope: string, checkpoint: SyncCheckpoint | null, runId: string): void {
  if (checkpoint === null) store.syncCheckpoints.clear(scope);
  else store.syncCheckpoints.put({ scope, runId, checkpoint });
}

/** Makes the sync plan (reads only). */
export async function planSync(ctx: WriteJobContext, input: SyncInput): Promise<{ plan: SyncPlan; remote: RemoteSnapshot; checkpoint: SyncCheckpoint | null }> {
  const config = ctx.config.sync;
  const policy = input.conflicts ?? config.conflicts;
  const scope = createScope(ctx.serverUrl, input.projectTitle);
  const countRequests = (): number => Object.values(ctx.vikunja.stats().requests).reduce((sum, count) => sum + count, 0);
  const before = countRequests();
  const probe = await probeCheckpoint(ctx, input, scope);
  if ('since' in probe) {
    const caps = await ctx.vikunja.capabilities();
    const requests = countRequests() - before;
    ctx.log.info({ event: 'sync.fast-path', since: probe.since, requests }, `nothing changed on either side since sync ${probe.since}: nothing read in full, nothing planned`);
    const plan = createFastPathPlan(ctx, input, scope, { version: caps.version, api: caps.v2BulkCreate || caps.v2Patch ? 'v2' : 'v1' }, { ...probe, requests });
    return { plan, remote: { project: null, tasks: [], labels: new Map(), commentMarkers: new Map(), kanban: null }, checkpoint: null };
  }
  ctx.log.debug({ event: 'sync.full-read', reason: probe.reason }, `sync reads both sides in full: ${probe.reason}`);
  // The server's clock before the full read: a checkpoint this plan proves starts there (minus the margin).
  const serverTime = input.bankFingerprint === undefined || input.resolve !== undefined ? null : await ctx.vikunja.readServerTime();
  const capabilities = await ctx.vikunja.capabilities();
  const inboxName = selectInboxPath(config.inbox, input.bank);
  // An inbox item's title is read without the marker comment its line carries.
  const records = input.records.map((record) =>
    inboxName !== null && record.source.path === inboxName ? { ...record, title: stripInboxMarker(record.title) } : record,
  );
  const recordByKey = new Map(records.map((record) => [record.key, record]));
  let desired = records.map((record) => createDesiredTask(record, ctx.config.mapping, ctx.renderHtml));
  const remote = await readRemote(ctx, input.projectTitle);
  checkProjectSource(remote.project, input);
  useLabelSpellings(desired, remote.labels);
  const byId = new Map(remote.tasks.map((task) => [task.id, task]));
  const bucketOf = await readTaskBuckets(ctx, remote);
  const byMarker = new Map<string, VikunjaTask>();
  for (const task of remote.tasks) {
    const marker = findMarker(task.description);
    if (marker !== null && !byMarker.has(marker)) byMarker.set(marker, task);
  }
  const files = new Map<string, FileState | null>();
  const inboxPath = inboxName;
  const inboxFile = inboxPath === null ? null : joinPath(input.root, inboxPath);
  const inboxState = inboxFile === null ? null : await readFileState(ctx, inboxFile, files);
  // Items appended to the inbox carry their Vikunja task id on their line: they map to that task (relink), never
  // to a new one, whatever the state store says.
  const inboxIds = inboxState === null ? new Map<number, number>() : readInboxTaskIds(decodeText(inboxState.bytes));
  const inboxTaskIds = new Set(inboxIds.values());

  const items: SyncItem[] = [];
  const conflicts: SyncConflict[] = [];
  const ops: SyncOp[] = [];
  const updates: SyncOp[] = [];
  const newKeys = new Set<string>();
  const pulls = new Map<string, Array<{ record: TaskRecord; change: BankChange; fields: SyncField[]; item: SyncItem }>>();
  const mappedTaskIds = new Set<number>();
  const sourceOf = (record: TaskRecord): string => `${record.source.path}#${record.source.anchor}`;

  // The scope's mappings, read once (a run settling one conflict reads that item's alone): each item's own, renamed
  // keys, and the items that left the bank.
  const resolved = input.resolve === undefined ? undefined : ctx.store.mappings.get(scope, input.resolve.key);
  const scopeMappings = input.resolve === undefined ? ctx.store.mappings.list(scope) : resolved === undefined ? [] : [resolved];
  const mappingByKey = new Map(scopeMappings.map((mapping) => [mapping.sourceKey, mapping]));
  const desiredKeys = new Set(desired.map((want) => want.key));
  // A task an item finds by its marker is that item's (a run stopped before moving its mapping): never paired again.
  const markedTaskIds = new Set(desired.flatMap((want) => byMarker.get(want.marker)?.id ?? []));
  const renames = findRenamedKeys(
    ctx,
    scopeMappings.filter((mapping) => !desiredKeys.has(mapping.sourceKey) && byId.has(mapping.taskId) && !markedTaskIds.has(mapping.taskId)),
    () =>
      desired.flatMap((want) => {
        const path = recordByKey.get(want.key)?.source.path;
        if (path === undefined || path === inboxPath || mappingByKey.has(want.key) || byMarker.has(want.marker)) return [];
        return [{ key: want.key, path, parentKey: want.parentKey, title: want.fields.title, status: null }];
      }),
  );
  const renamedFrom = new Set([...renames.values()].map((renamed) => renamed.mapping.sourceKey));

  const finalDesired = new Map<string, DesiredTask>();
  // The items both sides hold, as compared: their pushes are planned once the write-back is (a pull can change them).
  const compared: ComparedItem[] = [];
  for (const want of desired) {
    if (input.resolve !== undefined && want.key !== input.resolve.key) continue;
    const record = recordByKey.get(want.key);
    if (record === undefined) throw new InternalError(`sync: no record for ${want.key}`);
    const renamed = renames.get(want.key);
    const mapping = mappingByKey.get(want.key) ?? renamed?.mapping;
    const inboxId = inboxPath !== null && record.source.path === inboxPath ? inboxIds.get(record.source.line) : undefined;
    const task =
      (mapping === undefined ? undefined : byId.get(mapping.taskId)) ??
      (inboxId === undefined ? undefined : byId.get(inboxId)) ??
      byMarker.get(want.marker);
    if (mapping !== undefined) mappedTaskIds.add(mapping.taskId);
    if (task !== undefined) mappedTaskIds.add(task.id);
    finalDesired.set(want.key, want);
    if (task === undefined) {
      if (mapping !== undefined || inboxId !== undefined) {
        const id = mapping?.taskId ?? inboxId;
        items.push({
          key: want.key,
          source: sourceOf(record),
          taskId: id ?? null,
          state: 'deleted-in-vikunja',
          decisions: [],
          base: readSyncBase(mapping?.baseRecord ?? null),
          writes: {},
          notes: [`task #${id} was deleted in Vikunja; the memory bank's text is kept and nothing is re-created (remove the item from the bank, or delete its mapping with a fresh --state to import it again)`],
        });
        continue;
      }
      newKeys.add(want.key);
      items.push({ key: want.key, source: sourceOf(record), taskId: null, state: 'created', decisions: [], base: null, writes: {}, notes: [] });
      continue;
    }
    if (mapping !== undefined && mapping.taskId !== task.id) {
      throw new ConflictError(
        `${sourceOf(record)}: the state store maps it to task #${mapping.taskId}, but task #${task.id} carries its marker ${want.marker}; ` +
          'two Vikunja tasks claim one source item — delete the duplicate in Vikunja, then re-run',
      );
    }
    // An inbox item found by the task id on its line, with no mapping yet (a crash after the append, a lost
    // store): the bank side as it reads now is the base, so no side is overwritten by the other. A task found by
    // its marker alone (a lost or fresh state store) is relinked: its base is rebuilt from both sides (docs/sync.md).
    const base =
      mapping !== undefined
        ? readSyncBase(mapping.baseRecord)
        : inboxId !== undefined
          ? readBankValues(want)
          : createRelinkBase(readBankValues(want), readVikunjaValues(task, { bucket: want.bucket }, [config.removedLabel], bucketOf.get(task.id)), config.ownership);
    const file = joinPath(input.root, record.source.path);
    const fileState = await readFileState(ctx, file, files);
    const compare = (ours: SyncValues): FieldDecision[] =>
      resolveDecisions(compareItem({
        base,
        ours,
        theirs: readVikunjaValues(task, base, [config.removedLabel], bucketOf.get(task.id)),
        ownership: config.ownership,
        policy,
        oursChangedAt: fileState?.mtime ?? null,
        theirsChangedAt: task.updated,
      }), input.resolve);
    let ours = readBankValues(want);
    let decisions = compare(ours);
    const pulled = new Map(decisions.filter((decision) => decision.action === 'pull').map((decision) => [decision.field, decision.theirs]));
    const theirs = readVikunjaValues(task, base, [config.removedLabel], bucketOf.get(task.id));
    const bankChanges = pulled.size === 0 ? [] : selectBankChanges(record, pulled, base, theirs);
    let current = want;
    const writable = bankChanges.flatMap((entry) => ('change' in entry ? [entry.change] : []));
    if (writable.some((change) => change.field === 'status')) {
      // A pulled status changes what membank derives from it (status labels): the bank side is compared as it
      // will read once written, so the derived change is pushed in this same sync, not by the next one.
      const after = createDesiredTask(applyBankChanges(record, writable), ctx.config.mapping, ctx.renderHtml);
      useLabelSpellings([after], remote.labels);
      ours = { ...ours, labels: after.labels, percentDone: readBankValues(after).percentDone };
      decisions = compare(ours);
      current = { ...want, fields: { ...want.fields, percent_done: after.fields.percent_done }, labels: after.labels, bucket: after.bucket };
      finalDesired.set(want.key, current);
    }
    const item: SyncItem = {
      key: want.key,
      source: sourceOf(record),
      taskId: task.id,
      state: renamed !== undefined ? 'renamed' : mapping === undefined ? 'adopted' : 'synced',
      ...(renamed === undefined ? {} : { renamedFrom: renamed.mapping.sourceKey }),
      decisions,
      base,
      writes: {},
      notes: renamed === undefined ? [] : [`renamed from ${renamed.mapping.sourceKey} (${renamed.reason}): task #${task.id} is kept and updated, its marker included`],
    };
    items.push(item);
    for (const decision of decisions) {
      if (decision.action === 'conflict') {
        conflicts.push({ key: want.key, source: item.source, taskId: task.id, field: decision.field, base: decision.base, ours: decision.ours, theirs: decision.theirs, reason: decision.reason });
      }
      if (decision.action === 'ignore') item.notes.push(`${decision.field}: ${decision.reason}`);
    }
    for (const entry of bankChanges) {
      if ('reason' in entry) {
        item.notes.push(`${entry.fields.join('/')}: not written back — ${entry.reason}`);
        continue;
      }
      const list = pulls.get(record.source.path) ?? [];
      list.push({ record, change: entry.change, fields: entry.fields, item });
      pulls.set(record.source.path, list);
    }
    compared.push({ item, record, task, ours, current, compare });
  }

  // Write-back: one file-edit op per file, planned by the editor against the bytes read now.
  const descriptionsAfter = new Map<string, Map<string, DescriptionChange>>();
  let siblingStatuses: ((record: TaskRecord) => string[]) | null = null;
  for (const [path, requests] of [...pulls].sort(([a], [b]) => a.localeCompare(b))) {
    const file = joinPath(input.root, path);
    const state = await readFileState(ctx, file, files);
    if (state === null) {
      for (const request of requests) request.item.notes.push(`${request.fields.join('/')}: not written back — ${path} no longer exists`);
      continue;
    }
    const editRequests: EditRequest[] = requests.map((request) => ({
      record: request.record,
      change: request.change,
      ...(request.change.field === 'status' ? { siblingStatuses: (siblingStatuses ??= indexSiblingStatuses(records))(request.record) } : {}),
    }));
    // Every edit is read back by the parser as it reads the file (its extractors, the bank's vocabulary), or refused.
    const extractors = listFileExtractors(records, path);
    const outcomes = ctx.editor.planEdits(path, state.bytes, editRequests, { extractors, vocabulary: ctx.config.vocabulary });
    const edits: SourceEdit[] = [];
    const keys = new Set<string>();
    const opId = `file-edit:${path}`;
    outcomes.forEach((outcome, index) => {
      const request = requests[index];
      if (request === undefined) return;
      if (!outcome.ok) {
        request.item.notes.push(`${request.fields.join('/')}: not written back (kept in Vikunja only) — ${outcome.reason}`);
        return;
      }
      edits.push(...outcome.edits);
      keys.add(request.record.key);
      for (const field of request.fields) request.item.writes[field] = opId;
    });
    if (edits.length > 0) {
      ops.push({ id: opId, kind: 'file-edit', path, file, hash: state.hash, edits, keys: [...keys] });
      descriptionsAfter.set(path, readDescriptionsAfterEdits(ctx, path, state.bytes, edits, extractors));
    }
  }
  // A pull can change another item's text (a subtask ticked in its parent task file's plan): that item's description
  // is pushed in this same sync, so the next one has nothing to do.
  for (const entry of compared) {
    const changed = descriptionsAfter.get(entry.record.source.path)?.get(entry.record.key);
    if (changed !== undefined) followEditedDescription(entry, changed, finalDesired);
    planPushes(entry.item, entry.item.decisions, entry.current, entry.task, updates, config.removedLabel);
  }

  // Items that left the bank.
  const removals: SyncOp[] = [];
  const mappings = scopeMappings.filter((mapping) => !desiredKeys.has(mapping.sourceKey) && !renamedFrom.has(mapping.sourceKey));
  // A task relinked by the marker of its new key (a run stopped after writing it, before moving its mapping) is
  // that item's, not a removed one's: its old mapping goes when the new one is written.
  const relinkedItems = new Map(items.flatMap((item) => (item.state === 'adopted' && item.taskId !== null ? [[item.taskId, item] as const] : [])));
  if (records.length === 0 && mappings.length > 0) {
    items.push({
      key: '(memory bank)',
      source: input.root,
      taskId: null,
      state: 'removed',
      decisions: [],
      base: null,
      writes: {},
      notes: [`the memory bank yielded no task items, but ${mappings.length} task(s) were synced from it: nothing is closed, labelled or deleted (a wiped or unreadable bank never empties Vikunja)`],
    });
  } else {
    for (const mapping of mappings) {
      const task = byId.get(mapping.taskId);
      mappedTaskIds.add(mapping.taskId);
      if (task === undefined) continue;
      const relinked = relinkedItems.get(task.id);
      if (relinked !== undefined) {
        relinked.renamedFrom = mapping.sourceKey;
        relinked.notes.push(`task #${task.id} was mapped to ${mapping.sourceKey}, and carries this item's marker: its mapping moves here`);
        continue;
      }
      const item: SyncItem = { key: mapping.sourceKey, source: mapping.sourceKey, taskId: task.id, state: 'removed', decisions: [], base: readSyncBase(mapping.baseRecord), writes: {}, notes: [] };
      const planned = planRemoval(item, task, config.removed, config.removedLabel);
      if (planned === null) continue;
      items.push(item);
      removals.push(planned);
    }
  }

  // Tasks added in Vikunja: appended to the inbox once (a line already carrying the task's id is never added again).
  const appended: AppendedItem[] = [];
  for (const task of input.resolve === undefined ? remote.tasks : []) {
    if (mappedTaskIds.has(task.id) || findMarker(task.description) !== null) continue;
    if (ctx.store.mappings.getByTaskId(scope, task.id) !== undefined) continue;
    const item: SyncItem = { key: `vikunja #${task.id}`, source: `vikunja #${task.id}`, taskId: task.id, state: 'new-in-vikunja', decisions: [], base: null, writes: {}, notes: [] };
    items.push(item);
    if (inboxPath === null) {
      item.notes.push('added in Vikunja; the inbox is off (sync.inbox: false), so it is not written to the memory bank');
      continue;
    }
    if (inboxTaskIds.has(task.id)) {
      item.notes.push(`already in ${inboxPath}, but the memory bank's parser does not read that line as a task item: it is not appended again (check the line, or membank parse --explain)`);
      continue;
    }
    appended.push({ title: task.title, done: task.done, marker: createInboxMarker(scope, task.id), taskId: task.id });
    item.writes.title = `inbox-append:${inboxPath}`;
  }
  const inboxOps: SyncOp[] =
    appended.length === 0 || inboxPath === null || inboxFile === null
      ? []
      : [{ id: `inbox-append:${inboxPath}`, kind: 'inbox-append', path: inboxPath, file: inboxFile, hash: inboxState?.hash ?? null, items: appended }];

  // New bank items: created as migrate creates them (project, labels, buckets, create, labels, relations, comments).
  const newDesired = desired.filter((want) => newKeys.has(want.key));
  const source = input.source;
  // The items both sides hold, with their task: an item created (or renamed) under one becomes its subtask (that task
  // is found by key when applied).
  const held = new Map(items.flatMap((item) => (isHeldItem(item) ? [[item.key, item.taskId as number] as const] : [])));
  const createOps = computeOps(ctx, newDesired, records, remote, scope, input.projectTitle, [], { parents: new Set(held.keys()) })
    .filter((op) => op.kind !== 'skip' && op.kind !== 'adopt')
    .map((op) => (op.kind === 'project' && source !== undefined ? { ...op, bank: source } : op));
  const labelTitles = new Set(createOps.flatMap((op) => (op.kind === 'label' ? [op.title.toLowerCase()] : [])));
  const lowerRemote = new Set([...remote.labels.keys()].map((title) => title.toLowerCase()));
  const labelOps: SyncOp[] = [];
  for (const op of [...updates, ...removals]) {
    if (op.kind !== 'labels') continue;
    for (const title of op.after) {
      if (lowerRemote.has(title.toLowerCase()) || labelTitles.has(title.toLowerCase())) continue;
      labelTitles.add(title.toLowerCase());
      labelOps.push({ id: `label:${title}`, kind: 'label', title });
    }
  }
  // Structural ops (project, labels, buckets) first, then creates, then the rest; Markdown writes last.
  const structural = createOps.filter((op) => op.kind === 'project' || op.kind === 'label' || op.kind === 'bucket' || op.kind === 'kanban');
  const structuralIds = new Set(structural.map((op) => op.id));
  const rest = createOps.filter((op) => !structuralIds.has(op.id));
  const relationOps = planMovedRelations(items, held, finalDesired, newKeys, byId, (key) => readBaseParent(mappingByKey.get(key)?.baseRecord));
  const allOps: SyncOp[] = [...(structural as SyncOp[]), ...labelOps, ...(rest as SyncOp[]), ...relationOps, ...updates, ...removals, ...ops, ...inboxOps];
  desired = [...finalDesired.values()];

  const vikunjaOps = allOps.filter((op): op is WriteOp => !isFileOp(op) && op.kind !== 'delete');
  const plan: Plan = {
    ...createPlanHeader(ctx, { root: input.root, projectTitle: input.projectTitle, records }, { version: capabilities.version, api: selectPlanApi(capabilities) }, remote.project?.id ?? null),
    scope,
    ops: vikunjaOps as PlanOp[],
    desired: Object.fromEntries(desired.map((want) => [want.key, want])),
    summary: summarisePlan(vikunjaOps, records.length),
  };
  const count = (action: string): number => items.reduce((sum, item) => sum + item.decisions.filter((decision) => decision.action === action).length, 0);
  const summary: SyncSummary = {
    items: items.length,
    pushed: count('push'),
    // A pulled field counts when it is written to the bank; one refused there counts as not writable.
    pulled: items.reduce((sum, item) => sum + item.decisions.filter((decision) => decision.action === 'pull' && item.writes[decision.field] !== undefined).length, 0),
    recorded: count('record'),
    conflicts: conflicts.length,
    ignored: count('ignore'),
    created: newKeys.size,
    appended: appended.length,
    removed: removals.length,
    deletedInVikunja: items.filter((item) => item.state === 'deleted-in-vikunja').length,
    relinked: items.filter((item) => item.state === 'adopted').length,
    renamed: items.filter((item) => item.state === 'renamed').length,
    notWritable: items.reduce((sum, item) => sum + item.notes.filter((note) => note.includes('not written back')).length, 0),
    writes: allOps.length,
  };
  if (summary.relinked > 0) ctx.log.info({ event: 'sync.relinked', tasks: summary.relinked }, `relinked ${summary.relinked} tasks from markers`);
  const checkpoint = await proveCheckpoint(ctx, input, { ops: allOps, conflicts, items }, remote, bucketOf, serverTime);
  return {
    plan: { root: input.root, scope, project: plan.project, policy, items, ops: allOps, conflicts, plan, desired: plan.desired, summary },
    remote,
    checkpoint,
  };
}

/**
 * An item that now sits under another parent becomes that parent's subtask, as a created one does: one relation op,
 * unless Vikunja already shows it. A renamed item (indented under a sibling, or under its file's own task read for the
 * first time) is checked against Vikunja alone; an item under its old key only when its parent changed in the bank
 * since the last sync (`baseParent`: a frontmatter `parent:` set, a task file folded into the list item naming it),
 * so a relation someone removed in Vikunja is not put back. The relation to a former parent is left as it is (sync
 * never deletes one).
 */
function planMovedRelations(
  items: readonly SyncItem[],
  held: ReadonlyMap<string, number>,
  desired: ReadonlyMap<string, DesiredTask>,
  newKeys: ReadonlySet<string>,
  byId: ReadonlyMap<number, VikunjaTask>,
  baseParent: (key: string) => string | null | undefined,
): SyncOp[] {
  const out: SyncOp[] = [];
  for (const item of items) {
    if (item.taskId === null || (item.state !== 'renamed' && item.state !== 'synced')) continue;
    const want = desired.get(item.key);
    const parentKey = want?.parentKey ?? null;
    if (want === undefined || parentKey === null || !(held.has(parentKey) || newKeys.has(parentKey))) continue;
    if (item.state === 'synced') {
      const before = baseParent(item.key);
      if (before === undefined || before === parentKey) continue;
    }
    const parentId = held.get(parentKey);
    const parent = parentId === undefined ? undefined : byId.get(parentId);
    if ((parent?.related_tasks.subtask ?? []).some((child) => child.id === item.taskId)) continue;
    out.push({ id: `relation:${parentKey}>${item.key}`, kind: 'relation', key: item.key, source: item.source, parentKey, childKey: item.key });
    item.notes.push(`now under ${parentKey}: its task becomes that task's subtask`);
  }
  return out;
}

/** The parent key a mapping's base copy recorded (null: none), or undefined when the base does not say. */
function readBaseParent(baseRecord: unknown): string | null | undefined {
  if (baseRecord === null || typeof baseRecord !== 'object' || !('parentKey' in baseRecord)) return undefined;
  const parentKey = (baseRecord as { parentKey: unknown }).parentKey;
  return typeof parentKey === 'string' || parentKey === null ? parentKey : undefined;
}

/** The extractors reading a file as one task (its status written in its frontmatter or header). */
const taskFileExtractors: ReadonlySet<string> = new Set([ExtractorName.frontmatterTask, ExtractorName.tasksFolderTask]);

/** An item both sides hold, as compared: its pushes are planned after the write-back. */
interface ComparedItem {
  item: SyncItem;
  record: TaskRecord;
  task: VikunjaTask;
  /** The bank side as compared (a pulled status's derived labels included). */
  ours: SyncValues;
  /** The desired task its pushes write. */
  current: DesiredTask;
  compare(ours: SyncValues): FieldDecision[];
}

/** An item's description (without the footer) as its file reads before and after the file's write-back edits. */
interface DescriptionChange {
  before: string;
  after: string;
}

/**
 * The items of one file whose description the file's write-back edits change (a parent task file's plan, a subtask
 * ticked in it): the file read alone with its extractors, before the edits and after them, by key.
 */
function readDescriptionsAfterEdits(ctx: WriteJobContext, path: string, bytes: Uint8Array, edits: readonly SourceEdit[], extractors: ExtractorNameValue[]): Map<string, DescriptionChange> {
  const read = (text: string): Map<string, string> => {
    const body = text.replace(/^\uFEFF/u, '');
    const file: DiscoveredFile = { path, bank: '.', kind: 'task-list', reason: 'read again after a write-back edit', size: bytes.length, text: body, eol: body.includes('\r\n') ? 'crlf' : 'lf', extractors };
    const records = ctx.memoryBank.parse([file], { vocabulary: ctx.config.vocabulary }).records;
    return new Map(records.map((record) => [record.key, stripFooter(createDesiredTask(record, ctx.config.mapping, ctx.renderHtml).fields.description)]));
  };
  const before = read(decodeText(bytes));
  const after = read(decodeText(ctx.editor.applyEdits(bytes, edits)));
  const changes = new Map<string, DescriptionChange>();
  for (const [key, text] of after) {
    const was = before.get(key);
    if (was !== undefined && was !== text) changes.set(key, { before: was, after: text });
  }
  return changes;
}

/**
 * An item whose description a pull rewrote in its file: compared again with the description the file will hold, and
 * pushed with the other changes when that is the decision. Only when the file read alone gives the description the
 * bank's whole reading gave (an item merged from several files is left to the next sync), and only a push is taken.
 */
function followEditedDescription(entry: ComparedItem, change: DescriptionChange, finalDesired: Map<string, DesiredTask>): void {
  const description = entry.current.fields.description;
  const body = stripFooter(description);
  if (body !== change.before) return;
  const ours = { ...entry.ours, description: change.after };
  const decision = entry.compare(ours).find((candidate) => candidate.field === 'description');
  const index = entry.item.decisions.findIndex((candidate) => candidate.field === 'description');
  const was = entry.item.decisions[index];
  if (decision?.action !== 'push' || (was?.action !== 'none' && was?.action !== 'push' && was?.action !== 'record')) return;
  entry.item.decisions = entry.item.decisions.map((candidate, at) => (at === index ? decision : candidate));
  entry.ours = ours;
  entry.current = { ...entry.current, fields: { ...entry.current.fields, description: `${change.after}${description.slice(body.length)}` } };
  finalDesired.set(entry.item.key, entry.current);
}

/** The extractors that read a file's items, in the order the parser runs them (`ExtractorName`'s). */
function listFileExtractors(records: readonly TaskRecord[], path: string): ExtractorNameValue[] {
  const used = new Set(records.flatMap((record) => (record.source.path === path ? [record.extractor] : [])));
  return Object.values(ExtractorName).filter((name) => used.has(name));
}

/**
 * The statuses the bank's other task files write, for a task file's status written back (`EditRequest.
 * siblingStatuses`): those of the files read the same way (extractor, and frontmatter or header field) in its folder,
 * then in the folders beside it (under its folder's parent: `tasks/done/` beside `tasks/`, another epic's folder),
 * nearest first. A record that is not a task file's own task gets none (its file's other items are its samples).
 */
function indexSiblingStatuses(records: readonly TaskRecord[]): (record: TaskRecord) => string[] {
  const isDocument = (record: TaskRecord): boolean => taskFileExtractors.has(record.extractor) && record.parentKey === null;
  const documents = records.filter((record) => isDocument(record) && record.status.raw !== null && record.status.from !== 'default');
  const folderOf = (path: string): string => path.slice(0, path.lastIndexOf('/') + 1);
  return (record) => {
    if (!isDocument(record)) return [];
    const folder = folderOf(record.source.path);
    const around = folderOf(folder.slice(0, -1));
    const alike = documents.filter(
      (other) => other.extractor === record.extractor && other.status.from === record.status.from && other.source.path !== record.source.path && other.source.path.startsWith(around),
    );
    const near = alike.filter((other) => folderOf(other.source.path) === folder);
    return [...near, ...alike.filter((other) => folderOf(other.source.path) !== folder)].map((other) => other.status.raw as string);
  };
}

/** Whether both sides hold the item: a bank item with its task in Vikunja (mapped, relinked by marker, or renamed). */
function isHeldItem(item: SyncItem): boolean {
  return item.taskId !== null && (item.state === 'synced' || item.state === 'adopted' || item.state === 'renamed');
}

/** Vikunja ops for one item's pushed fields: one update (title, description, done, priority, due), a move, a label set. */
function planPushes(item: SyncItem, decisions: readonly FieldDecision[], want: DesiredTask, task: VikunjaTask, out: SyncOp[], removedLabel: string): void {
  const pushed = decisions.filter((decision) => decision.action === 'push');
  const changes: FieldChange[] = [];
  for (const decision of pushed) {
    const field = fieldToVikunja[decision.field];
    if (field === undefined) continue;
    const after = decision.field === 'description' ? want.fields.description : (field === 'priority' || field === 'percent_done') && want.fields[field] === null ? 0 : want.fields[field];
    const before = field === 'priority' ? task.priority : field === 'description' ? task.description : task[field];
    changes.push({ field, before, after });
    item.writes[decision.field] = `update:${item.key}`;
  }
  // A renamed item's task still carries its old key's marker: its footer is rewritten (the body kept as Vikunja
  // holds it), so that a lost state store finds the task again by the new key's marker.
  if (item.state === 'renamed' && item.writes.description === undefined && findMarker(task.description) !== want.marker) {
    const footer = want.fields.description.slice(stripFooter(want.fields.description).length);
    changes.push({ field: 'description', before: task.description, after: `${stripFooter(task.description)}${footer}` });
  }
  const doneChanges = changes.some((change) => change.field === 'done');
  if (changes.length > 0) {
    const onlyCloses = changes.every((change) => change.field === 'done' && change.after === true);
    out.push({ id: `update:${item.key}`, kind: onlyCloses ? 'close' : 'update', key: item.key, source: item.source, taskId: task.id, expectedUpdated: task.updated ?? '', changes });
  }
  if (pushed.some((decision) => decision.field === 'bucket')) {
    // Marking a task done or undone moves it by itself (to the done bucket, or out of it).
    if (!doneChanges || want.bucket !== 'Done') {
      out.push({ id: `move:${item.key}`, kind: 'move', key: item.key, source: item.source, taskId: task.id, expectedUpdated: task.updated ?? '', from: null, to: want.bucket });
    }
    item.writes.bucket = doneChanges && want.bucket === 'Done' ? `update:${item.key}` : `move:${item.key}`;
  }
  const labels = decisions.find((decision) => decision.field === 'labels');
  const current = task.labels.map((label) => label.title);
  const hasRemoved = current.some((title) => title.toLowerCase() === removedLabel.toLowerCase());
  if (labels?.action === 'push' || hasRemoved) {
    const lower = (list: readonly string[]): Set<string> => new Set(list.map((title) => title.toLowerCase()));
    const wanted = lower(want.labels);
    const dropped = labels?.action === 'push' ? new Set([...lower((labels.base as string[] | undefined) ?? [])].filter((title) => !wanted.has(title))) : new Set<string>();
    dropped.add(removedLabel.toLowerCase());
    const kept = current.filter((title) => !dropped.has(title.toLowerCase()));
    const have = lower(kept);
    const after = labels?.action === 'push' ? [...kept, ...want.labels.filter((title) => !have.has(title.toLowerCase()))] : kept;
    out.push({ id: `labels:${item.key}`, kind: 'labels', key: item.key, source: item.source, taskId: task.id, before: current, after });
    if (labels?.action === 'push') item.writes.labels = `labels:${item.key}`;
  }
}

/** The op for a task whose item left the bank, or null when the policy's effect is already in place. */
function planRemoval(item: SyncItem, task: VikunjaTask, policy: 'label' | 'close' | 'delete', removedLabel: string): SyncOp | null {
  if (policy === 'delete') {
    item.notes.push(`the item left the memory bank: task #${task.id} is deleted (sync.removed: delete)`);
    return { id: `delete:${item.key}`, kind: 'delete', key: item.key, source: item.source, taskId: task.id, task };
  }
  if (policy === 'close') {
    if (task.done) return null;
    item.notes.push(`the item left the memory bank: task #${task.id} is closed (sync.removed: close)`);
    return { id: `close:${item.key}`, kind: 'close', key: item.key, source: item.source, taskId: task.id, expectedUpdated: task.updated ?? '', changes: [{ field: 'done', before: false, after: true }] };
  }
  const current = task.labels.map((label) => label.title);
  if (current.some((title) => title.toLowerCase() === removedLabel.toLowerCase())) return null;
  item.notes.push(`the item left the memory bank: task #${task.id} is labelled ${removedLabel} and kept open (sync.removed: label)`);
  return { id: `labels:${item.key}`, kind: 'labels', key: item.key, source: item.source, taskId: task.id, before: current, after: [...current, removedLabel] };
}

/** The state-store changes of a sync run: mappings to drop first (old keys of renamed items), then to write. */
export interface SyncMappingChanges {
  forget: string[];
  upsert: UpsertMappingInput[];
}

/**
 * The mappings to record once the run's writes are done: for each item Vikunja and the bank both hold, the base
 * copy advanced for the fields whose sides now agree (`succeeded(opId)`: that op's write is in place); a renamed
 * item's task moves from its old key to its new one (`forget` the old key, in the same transaction).
 */
export function computeSyncMappings(
  plan: SyncPlan,
  refs: { projectId: number | null; tasks: ReadonlyMap<string, number> },
  succeeded: (opId: string) => boolean,
  runId: string,
): SyncMappingChanges {
  const projectId = refs.projectId;
  const forget: string[] = [];
  const out: UpsertMappingInput[] = [];
  if (projectId === null) return { forget, upsert: out };
  for (const item of plan.items) {
    const desired = plan.desired[item.key];
    if (desired === undefined) continue;
    if (item.state === 'created') {
      const taskId = refs.tasks.get(item.key);
      const created = `create:${item.key}`;
      if (taskId === undefined || !plan.plan.ops.some((op) => op.id === created && succeeded(created))) continue;
      // The labels go on in an op of their own: until it is in place they have no base (the next sync pushes them).
      const labelsOp = `labels:${item.key}`;
      const { labels, ...rest } = readBankValues(desired);
      const agreed = plan.plan.ops.some((op) => op.id === labelsOp) && !succeeded(labelsOp) ? rest : { ...rest, labels };
      out.push({ scope: plan.scope, sourceKey: item.key, taskId, projectId, contentHash: desired.contentHash, baseRecord: { ...desired, sync: agreed }, runId });
      continue;
    }
    if (!isHeldItem(item) || item.taskId === null) continue;
    const written = new Set<SyncField>();
    for (const [field, opId] of Object.entries(item.writes) as Array<[SyncField, string]>) if (succeeded(opId)) written.add(field);
    const next = advanceBase(item.base, item.decisions, written);
    if (item.renamedFrom !== undefined) forget.push(item.renamedFrom);
    out.push({ scope: plan.scope, sourceKey: item.key, taskId: item.taskId, projectId, contentHash: desired.contentHash, baseRecord: { ...desired, sync: next }, runId });
  }
  return { forget, upsert: out };
}

/**
 * After an inbox append: reads the bank again with the real discovery and parser, and maps each appended item to
 * its task under the key the parser gives it (found by the task id on its line), with the bank side as base.
 * Returns the items the parser did not read as task items (they are reported; the next sync never appends them again).
 */
export async function recordInboxMappings(
  ctx: WriteJobContext,
  plan: SyncPlan,
  op: InboxAppendOp,
  runId: string,
): Promise<{ mapped: number; unread: number[] }> {
  const projectId = ctx.refs.projectId;
  if (projectId === null) return { mapped: 0, unread: op.items.map((item) => item.taskId) };
  const discovered = await ctx.memoryBank.discover(plan.root, { files: ctx.files, config: ctx.config.discover, log: ctx.log, signal: ctx.signal });
  const parsed = ctx.memoryBank.parse(discovered.files, { vocabulary: ctx.config.vocabulary });
  const text = discovered.files.find((file) => file.path === op.path)?.text ?? null;
  const ids = text === null ? new Map<number, number>() : readInboxTaskIds(text);
  const wanted = new Set(op.items.map((item) => item.taskId));
  const found = new Set<number>();
  const inputs: UpsertMappingInput[] = [];
  for (const record of parsed.records) {
    if (record.source.path !== op.path) continue;
    const taskId = ids.get(record.source.line);
    if (taskId === undefined || !wanted.has(taskId) || found.has(taskId)) continue;
    found.add(taskId);
    const desired = createDesiredTask(record, ctx.config.mapping, ctx.renderHtml);
    inputs.push({ scope: plan.scope, sourceKey: record.key, taskId, projectId, contentHash: desired.contentHash, baseRecord: { ...desired, sync: readBankValues(desired) }, runId });
  }
  ctx.store.transaction(() => {
    for (const input of inputs) ctx.store.mappings.upsert(input);
  });
  return { mapped: inputs.length, unread: [...wanted].filter((id) => !found.has(id)) };
}

/** One undo step of a sync journal entry. */
export interface SyncRevertStep extends RevertStep {
  /** `restore-file` for Markdown writes; Vikunja steps are the import job's own. */
  file?: string;
  path?: string;
  /** The file's hash after the write: the undo refuses a file changed since. */
  writtenHash?: string;
  /** The hash the file had before (null: it did not exist). */
  previousHash?: string | null;
  edits?: SourceEdit[];
  items?: AppendedItem[];
  /** An inbox append: the file's length before (null: it did not exist). */
  previousLength?: number | null;
}

function describeFileOp(op: FileEditOp | InboxAppendOp): OpDescription {
  return { opId: op.id, kind: 'write_back', target: `file:${op.path}`, where: op.path, count: op.kind === 'file-edit' ? op.keys.length : op.items.length, lanes: [`file:${op.path}`] };
}

async function applyFileEdit(ctx: WriteJobContext, op: FileEditOp): Promise<AppliedWrite> {
  const bytes = await ctx.files.readFile(op.file);
  if (hashBytes(bytes) !== op.hash) {
    throw new SourceChangedError(`${op.path} changed since sync read it (sha256 ${op.hash.slice(0, 12)}… expected); not written — the next sync reads it again`);
  }
  const next = ctx.editor.applyEdits(bytes, op.edits);
  const { hash } = await ctx.sourceFiles.replaceIfUnchanged(op.file, op.hash, next);
  return { remoteId: op.path, postImage: { path: op.path, hash, previousHash: op.hash } };
}

async function applyInboxAppend(ctx: WriteJobContext, op: InboxAppendOp): Promise<AppliedWrite> {
  const current = op.hash === null ? null : await ctx.files.readFile(op.file);
  if (current !== null && hashBytes(current) !== op.hash) {
    throw new SourceChangedError(`${op.path} changed since sync read it; the Vikunja tasks are not appended this time — the next sync reads it again`);
  }
  const next = ctx.editor.appendItems(current, op.items);
  const { hash } = await ctx.sourceFiles.replaceIfUnchanged(op.file, op.hash, next);
  // Appending only adds bytes after the old ones: the old file is the first `previousLength` bytes of the new one.
  return { remoteId: op.path, postImage: { path: op.path, hash, previousHash: op.hash, previousLength: current?.length ?? null } };
}

async function restoreFile(ctx: WriteJobContext, step: SyncRevertStep): Promise<AppliedWrite> {
  const file = step.file ?? '';
  const current = await ctx.sourceFiles.hash(file);
  if (current !== (step.writtenHash ?? null)) {
    throw new SourceChangedError(
      `${step.path}: changed since sync ${step.id.startsWith('restore-inbox') ? 'appended to' : 'edited'} it (sha256 ${String(current).slice(0, 12)}…, the sync left ${String(step.writtenHash).slice(0, 12)}…); not restored — undo the later edit first, or restore the file by hand`,
    );
  }
  const bytes = await ctx.files.readFile(file);
  let restored: Uint8Array;
  if (step.edits !== undefined) {
    // Inverse edits, last first: each `after` goes back to its `before`.
    const inverse = [...step.edits].reverse().map((edit) => ({ ...edit, before: edit.after, after: edit.before }));
    restored = ctx.editor.applyEdits(bytes, inverse);
  } else {
    if (step.previousHash === null || step.previousLength === undefined || step.previousLength === null) {
      throw new SourceChangedError(`${step.path}: sync created this inbox file; membank does not delete files — delete it by hand if you no longer want it`);
    }
    restored = bytes.subarray(0, step.previousLength);
    if (hashBytes(restored) !== step.previousHash) {
      throw new SourceChangedError(`${step.path}: the inbox items cannot be taken off exactly (the file's start changed); remove them by hand`);
    }
  }
  const { hash } = await ctx.sourceFiles.replaceIfUnchanged(file, step.writtenHash ?? null, restored);
  return { remoteId: step.path ?? null, postImage: { path: step.path, hash } };
}

function readEntryOp(entry: JournalEntry): SyncOp | null {
  const pre = entry.preImage as { op?: SyncOp } | null;
  return pre?.op ?? null;
}

/** The sync job. */
export const syncJob = defineJob<SyncInput, SyncPlan, SyncOp, WriteJobContext, SyncRevertStep>({
  name: 'sync',
  describe: 'Compare the memory bank, Vikunja and the last synced base per field; write each side what changed on the other',
  async plan(ctx, input) {
    const { plan } = await planSync(ctx, input);
    return { output: plan, ops: plan.ops };
  },
  async apply(ctx, op) {
    if (op.kind === 'file-edit') return applyFileEdit(ctx, op);
    if (op.kind === 'inbox-append') return applyInboxAppend(ctx, op);
    if (op.kind === 'delete') {
      await ctx.vikunja.deleteTask(op.taskId);
      return { remoteId: String(op.taskId), postImage: { deleted: op.taskId } };
    }
    if (importJob.apply === undefined) throw new InternalError('the import job has no apply');
    return importJob.apply(ctx, op);
  },
  describeOp(op) {
    if (isFileOp(op)) return describeFileOp(op);
    if (op.kind === 'delete') return { opId: op.id, kind: 'delete', target: `task:${op.taskId}`, where: op.source, count: 1, lanes: [`task:${op.key}`] };
    const described = importJob.describeOp?.(op);
    if (described === undefined) throw new InternalError('the import job has no describeOp');
    return described;
  },
  async findApplied(ctx, op) {
    if (isFileOp(op)) {
      // A file write is atomic: the file holds the planned bytes' hash already, or the old one (not applied).
      const current = await ctx.sourceFiles.hash(op.file);
      if (current === op.hash) return null;
      return { remoteId: op.path, postImage: { path: op.path, hash: current, previousHash: op.hash } };
    }
    if (op.kind === 'delete') return null;
    return (await importJob.findApplied?.(ctx, op)) ?? null;
  },
  onApplied(ctx, op, applied, run) {
    if (isFileOp(op) || op.kind === 'delete') {
      if (op.kind === 'delete' && ctx.refs.scope !== null) ctx.store.mappings.delete(ctx.refs.scope, op.key);
      return;
    }
    importJob.onApplied?.(ctx, op, applied, run);
  },
  isSatisfied(ctx, op) {
    if (isFileOp(op) || op.kind === 'delete') return false;
    return importJob.isSatisfied?.(ctx, op) ?? false;
  },
  planRevert(entry) {
    const op = readEntryOp(entry);
    if (op === null) return [];
    const post = entry.postImage as { hash?: string | null; previousLength?: number | null } | null;
    const common = { job: 'sync', entrySeq: entry.seq, opId: entry.opId };
    if (op.kind === 'file-edit') {
      return [{ ...common, id: `restore-file:${op.path}:${entry.seq}`, kind: 'restore-file', file: op.file, path: op.path, writtenHash: post?.hash ?? '', previousHash: op.hash, edits: op.edits }];
    }
    if (op.kind === 'inbox-append') {
      return [{ ...common, id: `restore-inbox:${op.path}:${entry.seq}`, kind: 'restore-file', file: op.file, path: op.path, writtenHash: post?.hash ?? '', previousHash: op.hash, previousLength: post?.previousLength ?? null, items: op.items }];
    }
    if (op.kind === 'delete') return [];
    // Vikunja writes are undone as the import job undoes its own (its steps name it): task deletions then also
    // forget the mappings of the tasks they delete.
    return importJob.planRevert?.(entry) ?? [];
  },
  async revert(ctx, step) {
    if (step.kind === 'restore-file') return restoreFile(ctx, step);
    throw new InternalError(`sync: step ${step.id} is the ${step.job} job's to undo, not sync's`);
  },
  async findRevertConflict(ctx, step) {
    if (step.kind !== 'restore-file') return null;
    // Planned before any undo is written, so a file changed since refuses the whole rollback, not just its own step.
    const current = await ctx.sourceFiles.hash(step.file ?? '');
    if (current === (step.writtenHash ?? null)) return null;
    const verb = step.id.startsWith('restore-inbox') ? 'appended to' : 'edited';
    return current === null
      ? `${step.path} was deleted since the sync ${verb} it; undoing would re-create it`
      : `${step.path} changed since the sync ${verb} it (sha256 ${current.slice(0, 12)}…, the sync left ${String(step.writtenHash).slice(0, 12)}…); undoing would overwrite that edit`;
  },
  async findReverted(ctx, step) {
    if (step.kind === 'restore-file') {
      const current = await ctx.sourceFiles.hash(step.file ?? '');
      return current === step.writtenHash ? null : { remoteId: step.path ?? null, postImage: { path: step.path, hash: current } };
    }
    return null;
  },
});
