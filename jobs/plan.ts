/**
 * plan: desired state (records + mapping rules) vs actual Vikunja state (+ the store's mappings) → ops.
 * Reads only (GETs and the store); never writes. The result is a `Plan`, saved with `--out` and applied later.
 */
import { ConflictError } from '../src/core/errors.js';
import { defineJob, type WriteJobContext } from '../src/core/job.js';
import {
  BucketRole,
  type BucketRoleValue,
  comparedFields,
  type DesiredTask,
  isSameFieldValue,
  type TaskFields,
  createDesiredComments,
  createDesiredTask,
  createMarker,
  type DesiredComment,
  selectLabels,
  findAnyMarker,
  findMarker,
  hashTextParts,
} from '../src/core/mapping.js';
import {
  type FieldChange,
  type KeptEdit,
  type Plan,
  type PlanOp,
  type PlanSummary,
  summarisePlan,
} from '../src/core/plan.js';
import type { RenameSubject } from '../src/core/memory-bank.js';
import type { MappingRecord } from '../src/core/store.js';
import type { TaskRecord } from '../src/core/task-record.js';
import type { Capabilities, VikunjaProject, VikunjaTask } from '../src/core/vikunja.js';

/** What plan needs. */
export interface PlanInput {
  records: readonly TaskRecord[];
  /** Absolute root that was scanned. */
  root: string;
  projectTitle: string;
  /** Which bank this is (`<repository folder>/<bank folder>`), recorded in the project membank creates. */
  source?: string;
  /** Plan into a project recorded as another bank's anyway (`--allow-other-bank`). */
  allowOtherSource?: boolean;
}

const sourcePattern = /membank-source:\s*([^<\n]+)/;

/** The bank a project was created for, as membank recorded it in the project's description, or null. */
export function findProjectSource(description: string | null | undefined): string | null {
  const found = sourcePattern.exec(description ?? '')?.[1];
  if (found === undefined) return null;
  return found.trim().replaceAll('&lt;', '<').replaceAll('&gt;', '>').replaceAll('&quot;', '"').replaceAll('&amp;', '&');
}

/**
 * Gives every label one spelling, case-insensitively: the one Vikunja already has, else the first one met in the
 * bank — so `owner:Priya` and `owner:priya` become one label, and no task gets both. (A task's `contentHash`
 * stays the hash of its source's labels.)
 */
export function useLabelSpellings(desired: readonly DesiredTask[], remoteLabels: ReadonlyMap<string, number>): void {
  const spell = createLabelSpeller(desired.map((task) => task.labels), remoteLabels);
  for (const task of desired) task.labels = spell(task.labels);
}

/**
 * The spelling `useLabelSpellings` gives labels, as a function: built from the remote labels and every task's label
 * list (in task order), it returns a list's labels spelled that way, deduplicated, in order.
 */
export function createLabelSpeller(
  labelLists: Iterable<readonly string[]>,
  remoteLabels: ReadonlyMap<string, number>,
): (labels: readonly string[]) => string[] {
  const spelling = new Map<string, string>();
  for (const title of remoteLabels.keys()) if (!spelling.has(title.toLowerCase())) spelling.set(title.toLowerCase(), title);
  for (const labels of labelLists) for (const title of labels) if (!spelling.has(title.toLowerCase())) spelling.set(title.toLowerCase(), title);
  return (labels) => [...new Set(labels.map((title) => spelling.get(title.toLowerCase()) ?? title))];
}

/**
 * Refuses (ConflictError) to plan into a project that membank created for another bank: two repositories that
 * name the same project would otherwise be merged into it silently.
 */
export function checkProjectSource(project: VikunjaProject | null, input: PlanInput): void {
  if (project === null || input.source === undefined || input.allowOtherSource === true) return;
  const recorded = findProjectSource(project.description);
  if (recorded === null || recorded === input.source || isGrownSource(recorded, input.source)) return;
  throw new ConflictError(
    `project "${project.title}" (#${project.id}) in Vikunja was created for the memory bank "${recorded}", not for this one ("${input.source}" at ${input.root}): ` +
      `importing would mix the tasks of two banks in one project. Nothing was changed. Give this bank its own project with --project "<title>" ` +
      '(or mapping.project in membank.config.json); if it is the same bank, moved or renamed, re-run with --allow-other-bank.',
    { details: { projectId: project.id, recorded, source: input.source } },
  );
}

/**
 * Whether `current` is the bank `recorded` names, grown by bank folders: the same repository, holding every folder it
 * held then (`tidepool/memory-bank` → `tidepool/conductor+memory-bank`, when a Conductor or Taskmaster folder is
 * added, or when membank learns to read one). A bank that lost a folder is not: its tasks there would look removed.
 */
function isGrownSource(recorded: string, current: string): boolean {
  const split = (source: string): { repository: string; folders: string[] } => {
    const at = source.indexOf('/');
    return at < 0 ? { repository: source, folders: [] } : { repository: source.slice(0, at), folders: source.slice(at + 1).split('+') };
  };
  const before = split(recorded);
  const now = split(current);
  return before.repository === now.repository && before.folders.length > 0 && before.folders.every((folder) => now.folders.includes(folder));
}

/** What Vikunja holds for the plan's project, read once. */
export interface RemoteSnapshot {
  project: VikunjaProject | null;
  tasks: VikunjaTask[];
  /** Label id by exact title (first id wins when Vikunja has duplicates). */
  labels: Map<string, number>;
  /** Comment markers already on tasks that have no base copy (adopted or recovered after a crash). */
  commentMarkers: Map<number, Set<string>>;
  /**
   * The project's Kanban view: bucket titles and its default/done bucket ids (0 = none). For a project this
   * plan creates, what the server will create (To-Do/Doing/Done with a done bucket since 1.0, one "Backlog"
   * and no done bucket before); null when the project has no Kanban view.
   */
  kanban: KanbanSnapshot | null;
}

/** A Kanban view as the plan sees it. */
export interface KanbanSnapshot {
  buckets: Set<string>;
  defaultBucketId: number;
  doneBucketId: number;
  /** The view's id and its buckets' ids by title (first wins), when the view exists. */
  viewId?: number;
  bucketIds?: Map<string, number>;
}


/** Mapping scope: one per server and project title. */
export function createScope(serverUrl: string, projectTitle: string): string {
  return `${serverUrl.replace(/\/+$/, '')}|${projectTitle}`;
}

/** The marker carried by the project membank creates. */
export function createProjectMarker(projectTitle: string): string {
  return createMarker(`project:${projectTitle}`);
}

/**
 * Hash over the parsed records: a plan is bound to it. It is the sha256 of `JSON.stringify(records)`, fed one
 * record at a time, so 70,000 records never make one 50 MB string (and its UTF-8 copy).
 */
export function hashRecords(records: readonly TaskRecord[]): string {
  return hashTextParts(
    (function* recordJson(): Generator<string> {
      yield '[';
      for (let index = 0; index < records.length; index++) {
        if (index > 0) yield ',';
        // As JSON.stringify of the array: an element without a JSON form is written as null.
        yield (JSON.stringify(records[index]) as string | undefined) ?? 'null';
      }
      yield ']';
    })(),
  );
}

/** The fields every plan starts with: what it was made from, on which server, for which project. */
export type PlanHeader = Pick<Plan, 'format' | 'version' | 'createdAt' | 'root' | 'inputsHash' | 'server' | 'project'>;

/** The API a plan's writes use on a server: v2 where it has the bulk create or PATCH endpoints. */
export function selectPlanApi(capabilities: Pick<Capabilities, 'v2BulkCreate' | 'v2Patch'>): 'v1' | 'v2' {
  return capabilities.v2BulkCreate || capabilities.v2Patch ? 'v2' : 'v1';
}

/**
 * The header of a plan (migrate's and sync's alike) for `records` read under `root`, planned into `projectTitle`;
 * `inputsHash`, when given, is their `hashRecords` already computed.
 */
export function createPlanHeader(
  ctx: Pick<WriteJobContext, 'clock' | 'serverUrl'>,
  input: { root: string; projectTitle: string; records: readonly TaskRecord[]; inputsHash?: string },
  server: { version: string; api: 'v1' | 'v2' },
  projectId: number | null,
): PlanHeader {
  return {
    format: 'membank-plan',
    version: 1,
    createdAt: ctx.clock.now().toISOString(),
    root: input.root,
    inputsHash: input.inputsHash ?? hashRecords(input.records),
    server: { url: ctx.serverUrl, version: server.version, api: server.api },
    project: { title: input.projectTitle, id: projectId, marker: createProjectMarker(input.projectTitle) },
  };
}

/** Reads the project (by marker, else exact title), its tasks and all labels. */
export async function readRemote(ctx: WriteJobContext, projectTitle: string): Promise<RemoteSnapshot> {
  const marker = createProjectMarker(projectTitle);
  const projects = await ctx.vikunja.listProjects();
  const project =
    projects.find((candidate) => findAnyMarker(candidate.description) === marker) ??
    projects.find((candidate) => candidate.title === projectTitle) ??
    null;
  const tasks = project === null ? [] : await ctx.vikunja.listProjectTasks(project.id);
  const labels = new Map<string, number>();
  for (const label of await ctx.vikunja.listLabels()) {
    if (!labels.has(label.title)) labels.set(label.title, label.id);
  }
  return { project, tasks, labels, commentMarkers: new Map(), kanban: await readKanban(ctx, project) };
}

async function readKanban(ctx: WriteJobContext, project: VikunjaProject | null): Promise<KanbanSnapshot | null> {
  if (project === null) {
    const capabilities = await ctx.vikunja.capabilities();
    return capabilities.major >= 1 || capabilities.isDev
      ? { buckets: new Set([BucketRole.todo, BucketRole.doing, BucketRole.done]), defaultBucketId: -1, doneBucketId: -1 }
      : { buckets: new Set(['Backlog']), defaultBucketId: 0, doneBucketId: 0 };
  }
  const view = (await ctx.vikunja.listViews(project.id)).find((candidate) => candidate.view_kind === 'kanban');
  if (view === undefined) return null;
  const buckets = await ctx.vikunja.listBuckets(project.id, view.id);
  const bucketIds = new Map<string, number>();
  for (const bucket of buckets) if (!bucketIds.has(bucket.title)) bucketIds.set(bucket.title, bucket.id);
  return {
    buckets: new Set(buckets.map((bucket) => bucket.title)),
    defaultBucketId: view.default_bucket_id,
    doneBucketId: view.done_bucket_id,
    viewId: view.id,
    bucketIds,
  };
}

/**
 * Bucket ops: create the buckets membank maps tasks to that the Kanban view lacks (To-Do, Doing, Done, and
 * Blocked when configured), then point the view's default/done bucket at To-Do/Done where it has none.
 */
export function computeBucketOps(kanban: KanbanSnapshot | null, blockedBucket: boolean): PlanOp[] {
  if (kanban === null) return [];
  const wanted: BucketRoleValue[] = [BucketRole.todo, BucketRole.doing, BucketRole.done];
  if (blockedBucket) wanted.push(BucketRole.blocked);
  const ops: PlanOp[] = wanted
    .filter((title) => !kanban.buckets.has(title))
    .map((title) => ({ id: `bucket:${title}`, kind: 'bucket' as const, title }));
  const defaultBucket = kanban.defaultBucketId === 0 ? BucketRole.todo : null;
  const doneBucket = kanban.doneBucketId === 0 ? BucketRole.done : null;
  if (defaultBucket !== null || doneBucket !== null) ops.push({ id: 'kanban:buckets', kind: 'kanban', defaultBucket, doneBucket });
  return ops;
}

/**
 * Reads the comments of tasks that exist without a base copy and should carry comments, so that comments
 * already added (by an earlier, interrupted run) are not added twice.
 */
export async function readCommentMarkers(
  ctx: WriteJobContext,
  desired: Iterable<Pick<DesiredTask, 'key' | 'marker'> & { comments: readonly unknown[] }>,
  remote: RemoteSnapshot,
  scope: string,
): Promise<void> {
  // No task in the project (a new project, a first import): no comment can be on one, and nothing is read.
  if (remote.tasks.length === 0) return;
  const byId = new Map(remote.tasks.map((task) => [task.id, task]));
  const byMarker = new Map(remote.tasks.map((task) => [findMarker(task.description), task]));
  for (const want of desired) {
    if (want.comments.length === 0) continue;
    const mapping = ctx.store.mappings.get(scope, want.key);
    if (readBase(mapping) !== null) continue;
    const task = (mapping === undefined ? undefined : byId.get(mapping.taskId)) ?? byMarker.get(want.marker);
    if (task === undefined) continue;
    const markers = new Set<string>();
    for (const comment of await ctx.vikunja.listComments(task.id)) {
      const marker = findAnyMarker(comment.comment);
      if (marker !== null) markers.add(marker);
    }
    remote.commentMarkers.set(task.id, markers);
  }
}

/** Normalises a remote task's owned fields for comparison. */
export function readTaskFields(task: VikunjaTask): TaskFields {
  return {
    title: task.title,
    description: task.description,
    done: task.done,
    done_at: task.done_at,
    due_date: task.due_date,
    start_date: task.start_date,
    priority: task.priority === 0 ? null : task.priority,
    percent_done: task.percent_done === 0 ? null : task.percent_done,
  };
}


/**
 * Field changes to make on an existing task. With a base copy (the desired state last written), only fields
 * whose desired value changed since are written, so edits made in Vikunja to other fields survive; without one
 * (adopted task), every owned field that differs is written. A desired `null` priority/percent never clears.
 */
export function diffFields(desired: TaskFields, remote: TaskFields, base: TaskFields | null): FieldChange[] {
  const changes: FieldChange[] = [];
  for (const field of comparedFields) {
    const want = desired[field];
    if ((field === 'priority' || field === 'percent_done') && want === null) continue;
    // A value the source does not have is not a value to write: a date is cleared only when membank itself
    // wrote it (the base copy has it) and Vikunja still holds exactly that; a date set in Vikunja is never wiped.
    if (want === null && (base === null || base[field] === null || !isSameFieldValue(remote[field], base[field]))) continue;
    if (base !== null && isSameFieldValue(base[field], want)) continue;
    if (isSameFieldValue(remote[field], want)) continue;
    changes.push({ field, before: remote[field], after: want });
  }
  return changes;
}

/**
 * Owned fields changed in Vikunja since membank last wrote them while the source kept its value (base copy =
 * desired ≠ Vikunja): hand edits the plan keeps.
 */
export function findKeptFields(desired: TaskFields, remote: TaskFields, base: TaskFields | null): KeptEdit['fields'] {
  if (base === null) return [];
  return comparedFields
    .filter((field) => isSameFieldValue(base[field], desired[field]) && !isSameFieldValue(remote[field], desired[field]))
    .filter((field) => !((field === 'priority' || field === 'percent_done') && desired[field] === null))
    .map((field) => ({ field, membank: desired[field], vikunja: remote[field] }));
}

/** The desired task a mapping's base copy holds (what membank last wrote or agreed), or null when it holds none. */
export function readBase(mapping: MappingRecord | undefined): DesiredTask | null {
  const base = mapping?.baseRecord;
  if (base === null || base === undefined || typeof base !== 'object') return null;
  const candidate = base as Partial<DesiredTask>;
  return candidate.fields !== undefined && candidate.key !== undefined ? (candidate as DesiredTask) : null;
}

/** The mapping a renamed item's task had under its old key, and why the two keys pair. */
export interface RenamedKey {
  mapping: MappingRecord;
  reason: string;
}

/**
 * Items whose key changed since the last run (the item or a heading above it renamed, or a title read differently
 * after an upgrade), each with the mapping of the key it had, by new key. `gone`: the mappings whose key the bank no
 * longer yields while their task is still in Vikunja; `fresh`: the items nothing claims (no mapping, inbox line or
 * marker), asked for only when something is gone. They pair in the same file, under the same (or a paired) parent,
 * or moved with their file, on title evidence only (docs/keys.md): an unrelated item written where a removed one was
 * is not paired.
 */
export function findRenamedKeys(ctx: WriteJobContext, gone: readonly MappingRecord[], fresh: () => RenameSubject[]): Map<string, RenamedKey> {
  const found = new Map<string, RenamedKey>();
  if (gone.length === 0) return found;
  const after = fresh();
  if (after.length === 0) return found;
  const paths = [...new Set(after.map((item) => item.path))].sort((a, b) => b.length - a.length);
  const byKey = new Map<string, MappingRecord>();
  const before: RenameSubject[] = [];
  for (const mapping of gone) {
    const base = readBase(mapping);
    if (base === null) continue;
    // A key is `<path>#<anchor>`: the path of a file that still yields unclaimed items when it is one of them (a `#`
    // in a path moves the key's first `#`), else what precedes its first `#` (a file moved or renamed).
    const path = paths.find((candidate) => mapping.sourceKey.startsWith(`${candidate}#`)) ?? mapping.sourceKey.slice(0, mapping.sourceKey.indexOf('#'));
    byKey.set(mapping.sourceKey, mapping);
    before.push({ key: mapping.sourceKey, path, parentKey: base.parentKey, title: base.fields.title, status: null });
  }
  if (before.length === 0) return found;
  for (const pair of ctx.memoryBank.pairRenames(before, after, { byPosition: false })) {
    const mapping = byKey.get(pair.oldKey);
    if (mapping !== undefined) found.set(pair.newKey, { mapping, reason: pair.reason });
  }
  return found;
}

/** Where each source item is: its `path#anchor` and line, by key (the records' places, kept without the records). */
export interface SourcePlaces {
  source(key: string): string;
  /** The item's file (relative to the root). */
  path(key: string): string | undefined;
  line(key: string): number | undefined;
}

/**
 * The places of `records` by key. A source that reads the same as its key is the key's own string (most do), so
 * 70,000 records do not hold 70,000 copies of their paths.
 */
export function createSourcePlaces(records: Iterable<TaskRecord>): SourcePlaces {
  const sources = new Map<string, string>();
  const paths = new Map<string, string>();
  const lines = new Map<string, number>();
  for (const record of records) {
    const { path, anchor, line } = record.source;
    const source = `${path}#${anchor}`;
    if (source === record.key) sources.delete(record.key);
    else sources.set(record.key, source);
    paths.set(record.key, path);
    lines.set(record.key, line);
  }
  return { source: (key) => sources.get(key) ?? key, path: (key) => paths.get(key), line: (key) => lines.get(key) };
}

/**
 * A plan's desired tasks as `listOps` reads them, by index. `holdDesiredTasks` serves tasks already made;
 * `createDesiredOnDemand` makes each from its record when asked (again on every call), so a dry run holds none.
 */
export interface DesiredTasks {
  readonly length: number;
  key(index: number): string;
  /** The task's source item: its `path#anchor`, its file, and its line when known. */
  source(index: number): string;
  path(index: number): string | undefined;
  title(index: number): string;
  line(index: number): number | undefined;
  marker(index: number): string;
  /** The task's labels, spelled as the plan spells them. */
  labels(index: number): readonly string[];
  parentKey(index: number): string | null;
  comments(index: number): readonly DesiredComment[];
  task(index: number): DesiredTask;
}

/** `DesiredTasks` over tasks already made, their source items found in `places` by key. */
export function holdDesiredTasks(desired: readonly DesiredTask[], places: SourcePlaces): DesiredTasks {
  const at = (index: number): DesiredTask => desired[index] as DesiredTask;
  return {
    length: desired.length,
    key: (index) => at(index).key,
    source: (index) => places.source(at(index).key),
    path: (index) => places.path(at(index).key),
    title: (index) => at(index).fields.title,
    line: (index) => places.line(at(index).key),
    marker: (index) => at(index).marker,
    labels: (index) => at(index).labels,
    parentKey: (index) => at(index).parentKey,
    comments: (index) => at(index).comments,
    task: at,
  };
}

/**
 * `DesiredTasks` made from `records` when asked: a part (key, marker, labels, parent, comments) costs what it costs
 * alone, and `task(index)` makes the whole task — description HTML, content hash — each time, the same every time.
 * Labels are spelled by `spell` (see `createLabelSpeller`).
 */
export function createDesiredOnDemand(
  records: readonly TaskRecord[],
  mapping: WriteJobContext['config']['mapping'],
  renderHtml: WriteJobContext['renderHtml'],
  spell: (labels: readonly string[]) => string[],
): DesiredTasks {
  const at = (index: number): TaskRecord => records[index] as TaskRecord;
  return {
    length: records.length,
    key: (index) => at(index).key,
    source: (index) => {
      const { key, source } = at(index);
      const place = `${source.path}#${source.anchor}`;
      return place === key ? key : place;
    },
    path: (index) => at(index).source.path,
    title: (index) => at(index).title,
    line: (index) => at(index).source.line,
    marker: (index) => createMarker(at(index).key),
    labels: (index) => spell(selectLabels(at(index), mapping)),
    parentKey: (index) => at(index).parentKey,
    comments: (index) => createDesiredComments(at(index)),
    task: (index) => {
      const task = createDesiredTask(at(index), mapping, renderHtml);
      task.labels = spell(task.labels);
      return task;
    },
  };
}

/**
 * `listOps`' answer: lists the ops (all, or all but the creates); `creates` is how many creates it lists, and
 * `distinctKeys` whether no two desired tasks share a key.
 */
export type ListedOps = ((options?: { creates?: boolean }) => Generator<PlanOp, void, undefined>) & {
  readonly creates: number;
  readonly distinctKeys: boolean;
};

/** Builds the ops for one run from desired state, remote state and the store's mappings. */
export function computeOps(
  ctx: WriteJobContext,
  desired: readonly DesiredTask[],
  records: readonly TaskRecord[],
  remote: RemoteSnapshot,
  scope: string,
  projectTitle: string,
  /** Filled with the hand edits the plan keeps. */
  kept: KeptEdit[] = [],
  options: { renames?: boolean; parents?: ReadonlySet<string> } = {},
): PlanOp[] {
  return [...listOps(ctx, holdDesiredTasks(desired, createSourcePlaces(records)), remote, scope, projectTitle, kept, options)()];
}

/**
 * The ops of one run, as a function that lists them in plan order each time it is called (with `creates: false`,
 * all but the creates, for counting without making their tasks). Everything that reads the store or can refuse the
 * plan (a ConflictError) happens here, once, with the hand edits the plan keeps pushed to `kept`, and the updates and
 * moves of existing tasks kept; the creates, label sets, relations and comments — one per desired task, the bulk of
 * a first import — are made from the desired tasks as they are listed, so a dry run can write 200,000 ops without
 * holding them.
 */
export function listOps(
  ctx: WriteJobContext,
  desired: DesiredTasks,
  remote: RemoteSnapshot,
  scope: string,
  projectTitle: string,
  kept: KeptEdit[] = [],
  /**
   * `renames`: pair items to create with mapped keys the bank no longer yields (migrate and plan; sync pairs its own).
   * `parents`: keys of tasks Vikunja holds that are not among `desired` (sync plans its creates alone), which an item
   * created here may be a subtask of.
   */
  options: { renames?: boolean; parents?: ReadonlySet<string> } = {},
): ListedOps {
  const byId = new Map(remote.tasks.map((task) => [task.id, task]));
  const byMarker = new Map<string, VikunjaTask>();
  for (const task of remote.tasks) {
    const marker = findMarker(task.description);
    if (marker !== null && !byMarker.has(marker)) byMarker.set(marker, task);
  }
  const ops: PlanOp[] = [];
  if (remote.project === null) {
    ops.push({ id: `project:${projectTitle}`, kind: 'project', title: projectTitle, marker: createProjectMarker(projectTitle) });
  }
  const wantedLabels = new Set<string>();
  for (let index = 0; index < desired.length; index++) for (const label of desired.labels(index)) wantedLabels.add(label);
  for (const title of [...wantedLabels].sort()) {
    if (!remote.labels.has(title)) ops.push({ id: `label:${title}`, kind: 'label', title });
  }
  ops.push(...computeBucketOps(remote.kanban, ctx.config.mapping.blockedBucket));

  const updates: PlanOp[] = [];
  const existing = new Map<string, { task: VikunjaTask; base: DesiredTask | null }>();
  // Which desired tasks this plan creates, by index: one byte each instead of a set of 70,000 keys.
  const created = new Uint8Array(desired.length);
  // A set, not a scan of the desired tasks per task: that scan made a 70,000-task plan quadratic (minutes).
  const desiredKeys = new Set<string>();
  for (let index = 0; index < desired.length; index++) desiredKeys.add(desired.key(index));

  for (let index = 0; index < desired.length; index++) {
    const key = desired.key(index);
    const mapping = ctx.store.mappings.get(scope, key);
    const mapped = mapping === undefined ? undefined : byId.get(mapping.taskId);
    // No remote task carries a marker (a first import): the marker (a sha256 per task) is not worked out at all.
    const marked = byMarker.size === 0 ? undefined : byMarker.get(desired.marker(index));
    if (mapping !== undefined && mapped === undefined && marked === undefined) {
      ops.push({
        id: `skip:${key}`,
        kind: 'skip',
        key,
        source: desired.source(index),
        reason: `task #${mapping.taskId} was deleted from Vikunja after an earlier run; not re-creating it (delete the mapping with a fresh --state to import it again)`,
      });
      continue;
    }
    const task = mapped ?? marked;
    if (task === undefined) {
      created[index] = 1;
      continue;
    }
    if (mapping !== undefined && mapping.taskId !== task.id) {
      throw new ConflictError(
        `${desired.source(index)}: the state store maps it to task #${mapping.taskId}, but task #${task.id} carries its marker ${desired.marker(index)}; ` +
          'two Vikunja tasks claim one source item — delete the duplicate in Vikunja, then re-run',
      );
    }
    planExisting(index, task, mapping, null);
  }

  // Items to create whose key replaced a mapped one (renamed, or read differently after an upgrade): their task is
  // kept, updated against the old key's base copy, and its mapping moves (docs/sync.md, "Renamed items").
  if (options.renames === true && created.includes(1)) {
    const claimed = new Set([...existing.values()].map((found) => found.task.id));
    const freshIndex = new Map<string, number>();
    const renames = findRenamedKeys(
      ctx,
      // Keys and task ids first: only the mappings left over are read whole (their base copies).
      ctx.store.mappings
        .listTasks(scope)
        .filter((mapping) => !desiredKeys.has(mapping.sourceKey) && byId.has(mapping.taskId) && !claimed.has(mapping.taskId))
        .flatMap((mapping) => ctx.store.mappings.get(scope, mapping.sourceKey) ?? []),
      () => {
        const fresh: RenameSubject[] = [];
        for (let index = 0; index < desired.length; index++) {
          const path = desired.path(index);
          if (created[index] !== 1 || path === undefined) continue;
          const key = desired.key(index);
          freshIndex.set(key, index);
          fresh.push({ key, path, parentKey: desired.parentKey(index), title: desired.title(index), status: null });
        }
        return fresh;
      },
    );
    for (const [key, renamed] of renames) {
      const index = freshIndex.get(key);
      const task = byId.get(renamed.mapping.taskId);
      if (index === undefined || task === undefined) continue;
      created[index] = 0;
      planExisting(index, task, undefined, renamed);
    }
  }

  /** The ops for a desired task Vikunja already holds: adopt it (no mapping yet), update it, move it. */
  function planExisting(index: number, task: VikunjaTask, mapping: MappingRecord | undefined, renamed: RenamedKey | null): void {
    const want = desired.task(index);
    if (mapping === undefined) {
      ops.push({
        id: `adopt:${want.key}`,
        kind: 'adopt',
        key: want.key,
        source: desired.source(index),
        taskId: task.id,
        contentHash: want.contentHash,
        ...(renamed === null ? {} : { renamedFrom: { key: renamed.mapping.sourceKey, reason: renamed.reason } }),
      });
    }
    const base = readBase(mapping ?? renamed?.mapping);
    existing.set(want.key, { task, base });
    const changes = diffFields(want.fields, readTaskFields(task), base?.fields ?? null);
    const keptFields = findKeptFields(want.fields, readTaskFields(task), base?.fields ?? null);
    if (keptFields.length > 0) kept.push({ key: want.key, source: desired.source(index), taskId: task.id, fields: keptFields });
    if (changes.length > 0) {
      const onlyCloses = changes.every((change) => change.field === 'done' && change.after === true);
      updates.push({
        id: `update:${want.key}`,
        kind: onlyCloses ? 'close' : 'update',
        key: want.key,
        source: desired.source(index),
        taskId: task.id,
        expectedUpdated: task.updated ?? '',
        changes,
      });
    }
    const doneChanges = changes.some((change) => change.field === 'done');
    if (base !== null && base.bucket !== want.bucket && !doneChanges) {
      updates.push({
        id: `move:${want.key}`,
        kind: 'move',
        key: want.key,
        source: desired.source(index),
        taskId: task.id,
        expectedUpdated: task.updated ?? '',
        from: base.bucket,
        to: want.bucket,
      });
    }
  }

  type Found = { task: VikunjaTask; base: DesiredTask | null } | undefined;

  function* labelSet(index: number, key: string, found: Found): Generator<PlanOp, void, undefined> {
    const labels = desired.labels(index);
    const remoteLabels = found === undefined ? [] : found.task.labels.map((label) => label.title);
    // Label titles compare case-insensitively, as Vikunja users expect (`owner:Priya` is `owner:priya`).
    const wanted = new Set(labels.map((label) => label.toLowerCase()));
    const dropped = new Set((found?.base?.labels ?? []).map((label) => label.toLowerCase()).filter((label) => !wanted.has(label)));
    const keptLabels = remoteLabels.filter((label) => !dropped.has(label.toLowerCase()) && !wanted.has(label.toLowerCase()));
    const after = [...keptLabels, ...labels];
    const current = new Set(remoteLabels.map((label) => label.toLowerCase()));
    const unchanged = after.length === current.size && after.every((label) => current.has(label.toLowerCase()));
    if (!unchanged) {
      yield { id: `labels:${key}`, kind: 'labels', key, source: desired.source(index), taskId: found?.task.id ?? null, before: remoteLabels, after };
    }
  }

  function* relation(index: number, key: string, found: Found): Generator<PlanOp, void, undefined> {
    const parentKey = desired.parentKey(index);
    if (parentKey === null || !(desiredKeys.has(parentKey) || options.parents?.has(parentKey) === true)) return;
    const parent = existing.get(parentKey);
    const confirmedByBase = found?.base?.parentKey === parentKey && parent !== undefined;
    const visible =
      parent !== undefined && found !== undefined && (parent.task.related_tasks.subtask ?? []).some((child) => child.id === found.task.id);
    if (!confirmedByBase && !visible) {
      yield { id: `relation:${parentKey}>${key}`, kind: 'relation', key, source: desired.source(index), parentKey, childKey: key };
    }
  }

  function* comments(index: number, key: string, found: Found): Generator<PlanOp, void, undefined> {
    const wanted = desired.comments(index);
    if (wanted.length === 0) return;
    const baseComments = new Set((found?.base?.comments ?? []).map((comment) => comment.marker));
    const onTask = found === undefined ? undefined : remote.commentMarkers.get(found.task.id);
    for (const comment of wanted) {
      if (baseComments.has(comment.marker) || onTask?.has(comment.marker) === true) continue;
      yield { id: `comment:${comment.marker}`, kind: 'comment', key, source: desired.source(index), comment };
    }
  }

  // Each pass lists one kind over the tasks created or existing, in desired order: all label sets, then all
  // relations, then all comments (the order apply runs them in).
  function* perTask(make: (index: number, key: string, found: Found) => Generator<PlanOp, void, undefined>): Generator<PlanOp, void, undefined> {
    for (let index = 0; index < desired.length; index++) {
      const key = desired.key(index);
      const found = existing.get(key);
      if (found === undefined && created[index] !== 1) continue;
      yield* make(index, key, found);
    }
  }

  function* planOps(options: { creates?: boolean } = {}): Generator<PlanOp, void, undefined> {
    yield* ops;
    for (let index = 0; index < desired.length && options.creates !== false; index++) {
      if (created[index] !== 1) continue;
      const want = desired.task(index);
      const line = desired.line(index);
      yield { id: `create:${want.key}`, kind: 'create', key: want.key, source: desired.source(index), ...(line === undefined ? {} : { line }), desired: want };
    }
    yield* updates;
    yield* perTask(labelSet);
    yield* perTask(relation);
    yield* perTask(comments);
  }
  return Object.assign(planOps, { creates: created.reduce((count, flag) => count + flag, 0), distinctKeys: desiredKeys.size === desired.length });
}

/**
 * Fills a run's references from the snapshot its plan was made from, as `hydrateRefs` does from a fresh read:
 * the project, its Kanban view and buckets, labels by title, and task ids by key (the store's mappings, else by
 * marker). For a plan made inside the run, just before its first write, so the listings are read once per run.
 * Returns the project's tasks.
 */
export function fillRefsFromRemote(ctx: WriteJobContext, plan: Plan, remote: RemoteSnapshot): VikunjaTask[] {
  const project = remote.project;
  ctx.refs.projectId = project?.id ?? null;
  for (const [title, id] of remote.labels) if (!ctx.refs.labels.has(title)) ctx.refs.labels.set(title, id);
  if (project === null) return [];
  const kanban = remote.kanban;
  ctx.refs.kanbanViewId = kanban?.viewId ?? null;
  ctx.refs.defaultBucketId = kanban?.viewId === undefined ? 0 : kanban.defaultBucketId;
  ctx.refs.doneBucketId = kanban?.viewId === undefined ? 0 : kanban.doneBucketId;
  ctx.refs.buckets.clear();
  for (const [title, id] of kanban?.bucketIds ?? []) ctx.refs.buckets.set(title, id);
  const byMarker = new Map<string, number>();
  for (const task of remote.tasks) {
    const marker = findMarker(task.description);
    if (marker !== null && !byMarker.has(marker)) byMarker.set(marker, task.id);
  }
  for (const [key, desired] of Object.entries(plan.desired)) {
    const id = ctx.store.mappings.get(plan.scope, key)?.taskId ?? byMarker.get(desired.marker);
    if (id !== undefined) ctx.refs.tasks.set(key, id);
  }
  return remote.tasks;
}

/** Makes a plan and returns the snapshot of Vikunja it was made from (one read of each listing). */
export async function makePlan(ctx: WriteJobContext, input: PlanInput): Promise<{ plan: Plan; remote: RemoteSnapshot }> {
  const { output: plan, remote } = await planWithRemote(ctx, input);
  return { plan, remote };
}

/** The plan job. */
export const planJob = defineJob<PlanInput, Plan, PlanOp, WriteJobContext>({
  name: 'plan',
  describe: 'Compare the memory bank with Vikunja and list the writes that would make them match',
  async plan(ctx, input) {
    const { output, ops } = await planWithRemote(ctx, input);
    return { output, ops };
  },
});

async function planWithRemote(ctx: WriteJobContext, input: PlanInput): Promise<{ output: Plan; ops: PlanOp[]; remote: RemoteSnapshot }> {
  const capabilities = await ctx.vikunja.capabilities();
  const scope = createScope(ctx.serverUrl, input.projectTitle);
  const desired = input.records.map((record) =>
    createDesiredTask(record, ctx.config.mapping, ctx.renderHtml),
  );
  const remote = await readRemote(ctx, input.projectTitle);
  checkProjectSource(remote.project, input);
  useLabelSpellings(desired, remote.labels);
  await readCommentMarkers(ctx, desired, remote, scope);
  const kept: KeptEdit[] = [];
  const source = input.source;
  const ops = computeOps(ctx, desired, input.records, remote, scope, input.projectTitle, kept, { renames: true }).map((op) =>
    op.kind === 'project' && source !== undefined ? { ...op, bank: source } : op,
  );
  const plan: Plan = {
    ...createPlanHeader(ctx, input, { version: capabilities.version, api: selectPlanApi(capabilities) }, remote.project?.id ?? null),
    scope,
    ops,
    desired: Object.fromEntries(desired.map((task) => [task.key, task])),
    kept,
    summary: summarisePlan(ops, input.records.length),
  };
  return { output: plan, ops, remote };
}

/**
 * A plan whose ops and desired tasks are made on demand: `ops()` lists the ops and `desired()` the desired tasks by
 * key, each made again from the records on every call, in the order `makePlan`'s plan holds them.
 * `withLists(ops, desired)` is the plan with those lists in their places — the same document, key for key, as
 * `makePlan`'s plan when they hold what was listed.
 */
export interface ListedPlan {
  summary: PlanSummary;
  ops(): Generator<PlanOp, void, undefined>;
  desired(): Generator<[string, DesiredTask], void, undefined>;
  withLists<O, D>(ops: O, desired: D): Omit<Plan, 'ops' | 'desired'> & { ops: O; desired: D };
}

/**
 * Makes the plan `makePlan` makes, for a dry run that only prints it, without holding its ops or desired tasks: the
 * records (live already, from the parse) are all it keeps, with a byte per task saying whether it is created and
 * the set of keys. A create op's task, and each task of `desired()`, is made from its record as it is listed — a
 * 70,000-record plan adds no 80 MB of desired tasks and 200,000 ops to the parse's memory. Reads only.
 */
export async function makeListedPlan(ctx: WriteJobContext, input: PlanInput): Promise<ListedPlan> {
  const capabilities = await ctx.vikunja.capabilities();
  const scope = createScope(ctx.serverUrl, input.projectTitle);
  const records = input.records;
  const mapping = ctx.config.mapping;
  const remote = await readRemote(ctx, input.projectTitle);
  checkProjectSource(remote.project, input);
  const spell = createLabelSpeller(
    (function* labelLists(): Generator<string[]> {
      for (const record of records) yield selectLabels(record, mapping);
    })(),
    remote.labels,
  );
  const desired = createDesiredOnDemand(records, mapping, ctx.renderHtml, spell);
  await readCommentMarkers(
    ctx,
    (function* commented(): Generator<{ key: string; marker: string; comments: readonly unknown[] }> {
      for (const record of records) if (record.progress.length > 0) yield { key: record.key, marker: createMarker(record.key), comments: record.progress };
    })(),
    remote,
    scope,
  );
  const kept: KeptEdit[] = [];
  const bank = input.source;
  const list = listOps(ctx, desired, remote, scope, input.projectTitle, kept, { renames: true });
  function* ops(options?: { creates?: boolean }): Generator<PlanOp, void, undefined> {
    for (const op of list(options)) yield op.kind === 'project' && bank !== undefined ? { ...op, bank } : op;
  }
  const summary = summarisePlan([], records.length);
  let ignored = 0;
  // Counted without making the creates' tasks: one create per task the plan creates.
  for (const op of ops({ creates: false })) {
    summary.byKind[op.kind] += 1;
    if (op.kind === 'adopt' || op.kind === 'skip') ignored += 1;
  }
  summary.byKind.create = list.creates;
  summary.writes = Object.values(summary.byKind).reduce((sum, count) => sum + count, 0) - ignored;
  const header = createPlanHeader(ctx, input, { version: capabilities.version, api: selectPlanApi(capabilities) }, remote.project?.id ?? null);
  function* desiredByKey(): Generator<[string, DesiredTask], void, undefined> {
    if (!list.distinctKeys) {
      // As the held plan's Object.fromEntries: a key met again keeps its first place and takes the later task.
      const held: Record<string, DesiredTask> = {};
      for (let index = 0; index < desired.length; index++) held[desired.key(index)] = desired.task(index);
      yield* Object.entries(held);
      return;
    }
    for (let index = 0; index < desired.length; index++) yield [desired.key(index), desired.task(index)];
  }
  return {
    summary,
    ops: () => ops(),
    desired: desiredByKey,
    withLists: (listedOps, listedDesired) => ({ ...header, scope, ops: listedOps, desired: listedDesired, kept, summary }),
  };
}
