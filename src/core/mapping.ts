/**
 * Pure mapping rules: a parsed task record → the Vikunja task membank wants to exist (PRODUCT.md "Mapping").
 * No I/O; the Markdown → HTML renderer is passed in.
 */
import { createHash } from 'node:crypto';
import type { MembankConfig } from './config.js';
import type { TaskRecord, TaskStatusValue } from './task-record.js';

/** Kanban buckets membank places tasks in (titles as Vikunja creates them, plus an optional Blocked). */
export const BucketRole = {
  todo: 'To-Do',
  doing: 'Doing',
  done: 'Done',
  blocked: 'Blocked',
} as const;
export type BucketRoleValue = (typeof BucketRole)[keyof typeof BucketRole];

/** Fields membank owns on a Vikunja task; everything else is never touched. */
export const ownedFields = [
  'title',
  'description',
  'done',
  'done_at',
  'due_date',
  'start_date',
  'priority',
  'percent_done',
] as const;
export type OwnedField = (typeof ownedFields)[number];

/** Owned fields compared on existing tasks by plan, verify and rollback (`done_at` is create-only in Vikunja). */
export const comparedFields: readonly OwnedField[] = [
  'title',
  'description',
  'done',
  'due_date',
  'start_date',
  'priority',
  'percent_done',
];

const instantPattern = /^\d{4}-\d{2}-\d{2}T/;

/** Whether two owned-field values are equal; instants compare at Vikunja's one-second precision. */
export function isSameFieldValue(a: unknown, b: unknown): boolean {
  if (typeof a === 'string' && typeof b === 'string' && instantPattern.test(a) && instantPattern.test(b)) {
    return Math.floor(Date.parse(a) / 1000) === Math.floor(Date.parse(b) / 1000);
  }
  return a === b;
}

/** The owned field values of a task, in Vikunja's JSON names. Dates are RFC 3339 or null (unset). */
export interface TaskFields {
  title: string;
  description: string;
  done: boolean;
  done_at: string | null;
  due_date: string | null;
  start_date: string | null;
  /** null = membank has no priority for it (never written as 0). */
  priority: number | null;
  percent_done: number | null;
}

/** One comment membank wants on a task (from a progress log), identified by its marker. */
export interface DesiredComment {
  marker: string;
  html: string;
}

/** The task membank wants in Vikunja for one record. */
export interface DesiredTask {
  key: string;
  /** Recoverable marker carried in the description footer: finds the task again after a lost response. */
  marker: string;
  fields: TaskFields;
  bucket: BucketRoleValue;
  /** Label titles, deduplicated, in order. */
  labels: string[];
  /** Vikunja `position`: keeps source order in every view. */
  position: number;
  parentKey: string | null;
  comments: DesiredComment[];
  /** Hash of everything above: equal hashes mean nothing to write. */
  contentHash: string;
}

/** Position spacing between consecutive tasks (Vikunja's own migrator uses 2^16). */
export const positionStep = 65_536;

/** Prefix of every marker; a marker is `mb-` + 16 hex characters. */
export const markerPrefix = 'mb-';
const markerPattern = /\bmb-[0-9a-f]{16}\b/;
const footerMarkerPattern = /membank-id:\s*(mb-[0-9a-f]{16})/;

/** Hex sha256 of a string. */
export function hashText(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hex sha256 of the concatenation of `parts`, fed one part at a time: the joined string is never built. */
export function hashTextParts(parts: Iterable<string>): string {
  const hash = createHash('sha256');
  for (const part of parts) hash.update(part);
  return hash.digest('hex');
}

/**
 * The same text, as one flat string. V8 holds a string built with `+` or a template literal as a tree of its parts
 * (a 32-byte node per join) and flattens it only when something reads it whole, such as `JSON.stringify` writing a
 * plan: then the flat copy is allocated while the tree stays referenced. Reading a character flattens it now, while
 * it is young, so the collector drops the tree and its parts and keeps the one flat string (70,000 desired tasks:
 * hundreds of thousands of nodes fewer, and no growth while the plan is written).
 */
export function flattenText(text: string): string {
  text.charCodeAt(0);
  return text;
}

/** Derives the stable marker of a source key (same key → same marker on every machine). */
export function createMarker(key: string): string {
  // The first 8 bytes of the digest in hex, not a slice of the 64-character hex: a slice keeps its whole parent.
  const digest = createHash('sha256').update(`membank:${key}`).digest();
  return flattenText(`${markerPrefix}${digest.toString('hex', 0, 8)}`);
}

/** Derives the marker of one progress-log comment. */
export function createCommentMarker(key: string, index: number, text: string): string {
  return createMarker(`${key}::comment::${index}::${text}`);
}

/** Finds membank's marker in a task description's provenance footer, if present. */
export function findMarker(description: string | null | undefined): string | null {
  if (description === null || description === undefined) return null;
  const footer = footerMarkerPattern.exec(description);
  if (footer?.[1] !== undefined) return footer[1];
  return null;
}

/** Finds a marker anywhere in a text (comments carry theirs in a trailing line). */
export function findAnyMarker(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return markerPattern.exec(text)?.[0] ?? null;
}

/**
 * Turns a source date into an RFC 3339 instant. Date-only values become 12:00 UTC, so the calendar day is
 * the same in every timezone from UTC−11 to UTC+11 (an all-day date never shifts by a day).
 */
export function toVikunjaDate(date: string | null): string | null {
  if (date === null) return null;
  const dateOnly = /^(\d{4}-\d{2}-\d{2})$/.exec(date);
  if (dateOnly) return `${dateOnly[1]}T12:00:00Z`;
  const parsed = new Date(date.replace(' ', 'T'));
  if (Number.isNaN(parsed.getTime())) return null;
  return `${parsed.toISOString().slice(0, 19)}Z`;
}

/** Vikunja bucket for a canonical status. */
export function selectBucket(status: TaskStatusValue, useBlockedBucket: boolean): BucketRoleValue {
  switch (status) {
    case 'done':
      return BucketRole.done;
    case 'in_progress':
      return BucketRole.doing;
    case 'blocked':
      return useBlockedBucket ? BucketRole.blocked : BucketRole.todo;
    default:
      return BucketRole.todo;
  }
}

/** Labels for states Vikunja lacks. */
const statusLabels: Partial<Record<TaskStatusValue, string>> = {
  blocked: 'blocked',
  cancelled: 'cancelled',
  deferred: 'deferred',
  planned: 'planned',
};

function parseExtraList(value: string): string[] {
  const trimmed = value.trim();
  if (trimmed.startsWith('[')) {
    try {
      const parsed: unknown = JSON.parse(trimmed);
      if (Array.isArray(parsed)) return parsed.map((item) => String(item).trim()).filter((item) => item !== '');
    } catch {
      // Not JSON: fall through to comma splitting.
    }
  }
  return trimmed
    .split(',')
    .map((item) => item.trim())
    .filter((item) => item !== '');
}

/** Labels for a record: run labels, tags, owner, status labels and configured frontmatter rules. */
export function selectLabels(record: TaskRecord, mapping: MembankConfig['mapping']): string[] {
  const labels: string[] = [...mapping.runLabels, ...record.labels];
  if (record.owner !== null && record.owner.trim() !== '') {
    labels.push(`${mapping.ownerLabelPrefix}${record.owner.trim()}`);
  }
  const statusLabel = statusLabels[record.status.canonical];
  if (statusLabel !== undefined) labels.push(statusLabel);
  for (const rule of mapping.labelRules) {
    if (rule.key === 'tags') continue;
    const value = record.extra[rule.key];
    if (value === undefined) continue;
    for (const item of parseExtraList(value)) labels.push(`${rule.prefix}${item}`);
  }
  const seen = new Set<string>();
  return labels
    .map((label) => label.trim().slice(0, 250))
    .filter((label) => {
      if (label === '' || seen.has(label)) return false;
      seen.add(label);
      return true;
    });
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The provenance footer: source path and anchor, metadata Vikunja has no field for, and the marker. */
export function renderProvenanceFooter(record: TaskRecord, marker: string): string {
  const rows: string[] = [`source: ${record.source.path}#${record.source.anchor}`];
  if (record.status.raw !== null) rows.push(`status: ${record.status.raw}`);
  if (record.priority.raw !== null) rows.push(`priority: ${record.priority.raw}`);
  if (record.dates.created !== null) rows.push(`created: ${record.dates.created}`);
  if (record.dates.updated !== null) rows.push(`updated: ${record.dates.updated}`);
  for (const [key, value] of Object.entries(record.extra).sort(([a], [b]) => a.localeCompare(b))) {
    rows.push(`${key}: ${value}`);
  }
  for (const seen of record.alsoSeenAt) rows.push(`also in: ${seen.path}#${seen.anchor}`);
  rows.push(`membank-id: ${marker}`);
  return `<hr><p><small>${rows.map(escapeHtml).join('<br>')}</small></p>`;
}

/** The comments membank wants on a record's task: one per progress-log entry, each with its marker. */
export function createDesiredComments(record: TaskRecord): DesiredComment[] {
  return record.progress.map((entry, index) => {
    const commentMarker = createCommentMarker(record.key, index, entry.text);
    const heading = entry.date === null ? '' : `<strong>${escapeHtml(entry.date)}</strong> `;
    return {
      marker: commentMarker,
      html: flattenText(`<p>${heading}${escapeHtml(entry.text)}</p><p><small>membank-id: ${commentMarker}</small></p>`),
    };
  });
}

/** Renders Markdown to sanitised HTML. */
export type RenderHtml = (markdown: string) => string;

/**
 * Builds the desired Vikunja task for one record. `renderHtml` turns Markdown into sanitised HTML.
 */
export function createDesiredTask(
  record: TaskRecord,
  mapping: MembankConfig['mapping'],
  renderHtml: RenderHtml,
): DesiredTask {
  const marker = createMarker(record.key);
  const bodyHtml = record.body.trim() === '' ? '' : renderHtml(record.body);
  const done = record.status.canonical === 'done';
  const fields: TaskFields = {
    title: record.title,
    description: flattenText(`${bodyHtml}${renderProvenanceFooter(record, marker)}`),
    done,
    done_at: done ? toVikunjaDate(record.dates.done) : null,
    due_date: toVikunjaDate(record.dates.due),
    start_date: toVikunjaDate(record.dates.start),
    priority: record.priority.value,
    // Vikunja stores 0 for "no progress": 0 and unset are the same thing there.
    percent_done: record.percentDone === null || record.percentDone === 0 ? (done ? 1 : null) : record.percentDone,
  };
  const comments = createDesiredComments(record);
  const bucket = selectBucket(record.status.canonical, mapping.blockedBucket);
  const labels = selectLabels(record, mapping);
  const position = (record.order + 1) * positionStep;
  const contentHash = hashText(
    JSON.stringify({ fields, bucket, labels, position, parentKey: record.parentKey, comments }),
  );
  return { key: record.key, marker, fields, bucket, labels, position, parentKey: record.parentKey, comments, contentHash };
}
