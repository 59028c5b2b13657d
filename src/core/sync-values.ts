/**
 * Pure helpers of `membank sync`: each side's values in the terms the 3-way comparison uses, the base copy kept
 * per mapping, and the bank-side change a value pulled from Vikunja becomes. No I/O.
 */
import { createHash } from 'node:crypto';
import { BucketRole, type DesiredTask, createMarker } from './mapping.js';
import type { BankChange } from './source-edit.js';
import type { TaskRecord, TaskStatusValue } from './task-record.js';
import type { SyncBase, SyncField, SyncValues } from './three-way.js';
import type { VikunjaTask } from './vikunja.js';

/** sha256 (hex) of a file's bytes, as `SourceFileWriter.hash` computes it. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const footerPattern = /<hr><p><small>(?:(?!<hr>)[\s\S])*?membank-id: mb-[0-9a-f]{16}<\/small><\/p>\s*$/;

/**
 * A description without membank's provenance footer. Sync compares descriptions by their body: the footer repeats
 * metadata (the status as written…) that a pulled change alters, and is rewritten whenever the body is pushed.
 */
export function stripFooter(html: string): string {
  return html.replace(footerPattern, '');
}

/**
 * The share done a side states, for sync: none when unset (0) or when it only restates a done flag (a done task's
 * 100%, which membank writes for a done item whose bank states no share).
 */
export function readStatedShare(percent: number | null, done: boolean): number | null {
  return percent === null || percent === 0 || (percent === 1 && done) ? null : percent;
}

/** The bank side's values of one item. */
export function readBankValues(desired: DesiredTask): SyncValues {
  return {
    title: desired.fields.title,
    description: stripFooter(desired.fields.description),
    done: desired.fields.done,
    priority: desired.fields.priority,
    due: desired.fields.due_date,
    percentDone: readStatedShare(desired.fields.percent_done, desired.fields.done),
    labels: [...desired.labels],
    bucket: desired.bucket,
  };
}

/**
 * Vikunja's values of one task. `bucket` is the title of the Kanban bucket the task is in, as read from the
 * project's Kanban view; a done task counts as in Done (the Done bucket is the done flag seen from Kanban). When
 * the project has no Kanban view (or the task is in none of its buckets), `bucket` is undefined and the bucket is
 * inferred: Done when the task is done, else the last agreed bucket (To-Do when that was Done). `ignoredLabels`
 * (the label sync puts on tasks whose item left the bank) are not compared.
 */
export function readVikunjaValues(
  task: VikunjaTask,
  known: SyncBase | null,
  ignoredLabels: readonly string[],
  bucket?: string,
): SyncValues {
  const ignored = new Set(ignoredLabels.map((label) => label.toLowerCase()));
  const knownBucket = known?.bucket ?? null;
  const inferred = knownBucket === null || knownBucket === BucketRole.done ? BucketRole.todo : knownBucket;
  return {
    title: task.title,
    description: stripFooter(task.description),
    done: task.done,
    priority: task.priority === 0 ? null : task.priority,
    due: task.due_date,
    percentDone: readStatedShare(task.percent_done, task.done),
    labels: task.labels.map((label) => label.title).filter((title) => !ignored.has(title.toLowerCase())),
    bucket: task.done ? BucketRole.done : (bucket ?? inferred),
  };
}

/**
 * The base copy stored with a mapping: `{ ...desiredTask, sync: SyncBase }` since the first sync; a migrate's base
 * copy is the desired task it wrote, whose values both sides agreed on then.
 */
export function readSyncBase(baseRecord: unknown): SyncBase | null {
  if (baseRecord === null || typeof baseRecord !== 'object') return null;
  const candidate = baseRecord as { sync?: SyncBase; fields?: DesiredTask['fields']; labels?: string[]; bucket?: string };
  if (candidate.sync !== undefined && typeof candidate.sync === 'object' && candidate.sync !== null) return candidate.sync;
  if (candidate.fields === undefined) return null;
  return readBankValues(candidate as DesiredTask);
}

/**
 * The marker carried by an item appended to the inbox for Vikunja task `taskId`: stable per server, project and
 * task, so a re-run (on any machine) writes the same line.
 */
export function createInboxMarker(scope: string, taskId: number): string {
  return createMarker(`vikunja-inbox:${scope}:${taskId}`);
}

const appendedPattern = /<!--\s*membank:\s*(mb-[0-9a-f]{16})\s+vikunja\s+#(\d+)\s*-->/u;

/** The Vikunja task id an inbox line carries (`<!-- membank: mb-… vikunja #42 -->`), or null. */
export function readInboxTaskId(line: string): number | null {
  const match = appendedPattern.exec(line);
  return match === null ? null : Number(match[2]);
}

/** A title read from an inbox line without the marker comment the line carries. */
export function stripInboxMarker(title: string): string {
  return title.replace(/\s*<!--\s*membank:[^>]*-->\s*/gu, ' ').trim();
}

/** Task ids carried by the lines of a file's text, by 1-based line number. */
export function readInboxTaskIds(text: string): Map<number, number> {
  const ids = new Map<number, number>();
  text.split('\n').forEach((line, index) => {
    const id = readInboxTaskId(line);
    if (id !== null) ids.set(index + 1, id);
  });
  return ids;
}

/** An all-day date (12:00 UTC, as membank writes date-only dates) → `YYYY-MM-DD`; any other instant unchanged. */
export function toBankDate(instant: string | null): string | null {
  if (instant === null) return null;
  const allDay = /^(\d{4}-\d{2}-\d{2})T12:00:00(?:\.0+)?Z$/.exec(instant);
  return allDay?.[1] ?? instant;
}

/** The status a pulled done flag and bucket mean in the bank (the record's own status when it already means that). */
export function selectPulledStatus(record: TaskRecord, done: boolean, bucket: string | null): TaskStatusValue {
  if (done) return 'done';
  const current = record.status.canonical;
  if (bucket === BucketRole.doing) return 'in_progress';
  if (bucket === BucketRole.blocked) return 'blocked';
  return current === 'done' || current === 'in_progress' ? 'todo' : current;
}

/**
 * The record's own labels (its tags) after Vikunja's label changes since the base: labels added in Vikunja are
 * added, labels removed there are removed (case-insensitively). Labels membank derives (run labels, owner,
 * status) cannot be removed through tags; the editor reports what the source cannot hold.
 */
export function mergePulledLabels(record: TaskRecord, base: readonly string[], theirs: readonly string[]): string[] {
  const lower = (labels: readonly string[]): Set<string> => new Set(labels.map((label) => label.toLowerCase()));
  const baseSet = lower(base);
  const theirSet = lower(theirs);
  const removed = new Set([...baseSet].filter((label) => !theirSet.has(label)));
  const kept = record.labels.filter((label) => !removed.has(label.toLowerCase()));
  const have = lower(kept);
  for (const label of theirs) if (!baseSet.has(label.toLowerCase()) && !have.has(label.toLowerCase())) kept.push(label);
  return kept;
}

/**
 * The bank-side change for each pulled field of one record (done and bucket become one status change), or the
 * reason the bank has no such change (a description: the bank's text is Markdown the assistant wrote).
 */
export function selectBankChanges(
  record: TaskRecord,
  pulled: ReadonlyMap<SyncField, unknown>,
  base: SyncBase | null,
  theirs: SyncValues,
): Array<{ fields: SyncField[]; change: BankChange } | { fields: SyncField[]; reason: string }> {
  const out: Array<{ fields: SyncField[]; change: BankChange } | { fields: SyncField[]; reason: string }> = [];
  const statusFields = (['done', 'bucket'] as const).filter((field) => pulled.has(field));
  if (statusFields.length > 0) {
    out.push({ fields: [...statusFields], change: { field: 'status', status: selectPulledStatus(record, theirs.done, theirs.bucket) } });
  }
  if (pulled.has('title')) out.push({ fields: ['title'], change: { field: 'title', title: theirs.title } });
  if (pulled.has('priority')) out.push({ fields: ['priority'], change: { field: 'priority', priority: theirs.priority } });
  if (pulled.has('due')) out.push({ fields: ['due'], change: { field: 'due', date: toBankDate(theirs.due) } });
  if (pulled.has('labels')) {
    out.push({ fields: ['labels'], change: { field: 'labels', labels: mergePulledLabels(record, base?.labels ?? record.labels, theirs.labels) } });
  }
  if (pulled.has('percentDone')) {
    out.push({ fields: ['percentDone'], reason: 'a share done set in Vikunja is not written back into the memory bank (its progress is the bank\'s to state; set sync.ownership.percentDone to memory-bank to stop seeing this)' });
  }
  if (pulled.has('description')) {
    out.push({ fields: ['description'], reason: 'a description edited in Vikunja is HTML; the memory bank keeps its own Markdown text (set sync.ownership.description to memory-bank to stop seeing this)' });
  }
  return out;
}

/** The record as it reads once the pulled changes are written (to recompute what membank derives from it). */
export function applyBankChanges(record: TaskRecord, changes: readonly BankChange[]): TaskRecord {
  const next: TaskRecord = structuredClone(record);
  for (const change of changes) {
    switch (change.field) {
      case 'status':
        next.status = { ...next.status, canonical: change.status };
        break;
      case 'priority':
        next.priority = { ...next.priority, value: change.priority };
        break;
      case 'due':
        next.dates = { ...next.dates, due: change.date };
        break;
      case 'title':
        next.title = change.title;
        break;
      case 'labels':
        next.labels = [...change.labels];
        break;
    }
  }
  return next;
}
