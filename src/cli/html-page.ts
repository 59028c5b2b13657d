/**
 * The CLI side of the HTML review page: source lines by record key, a sync plan's rows (both sides and its
 * conflicts), and writing a page to the path `--html` names.
 */
import { resolve } from 'node:path';
import type { SyncOp, SyncPlan } from '../../jobs/sync.js';
import type { TaskRecord } from '../core/task-record.js';
import { createOpRow, type HtmlRow } from '../report/index.js';
import { createNodeReportWriter } from './report-writer.js';

/** Source line by record key (plans store only the file). */
export function recordLines(records: readonly TaskRecord[]): Map<string, number> {
  return new Map(records.map((record) => [record.key, record.source.line]));
}

function createSyncOpRow(op: SyncOp, sync: SyncPlan, lines: ReadonlyMap<string, number>): HtmlRow {
  const base = { id: op.id, conflict: null, note: null, failed: false };
  switch (op.kind) {
    case 'file-edit':
      return {
        ...base,
        kind: op.kind,
        side: 'memory-bank',
        file: op.path,
        line: op.edits[0]?.line ?? null,
        title: op.keys.map((key) => sync.desired[key]?.fields.title ?? key).join('; '),
        taskId: null,
        changes: op.edits.map((edit) => ({ field: `${edit.field} (line ${edit.line})`, before: edit.before, after: edit.after })),
      };
    case 'inbox-append':
      return {
        ...base,
        kind: op.kind,
        side: 'memory-bank',
        file: op.path,
        line: null,
        title: op.items.map((item) => item.title).join('; '),
        taskId: op.items.length === 1 ? (op.items[0]?.taskId ?? null) : null,
        changes: op.items.map((item) => ({ field: `append #${item.taskId}`, before: null, after: `${item.done ? '[x]' : '[ ]'} ${item.title}` })),
      };
    case 'delete':
      return {
        ...base,
        kind: op.kind,
        side: 'vikunja',
        file: op.source.split('#')[0] ?? op.source,
        line: lines.get(op.key) ?? null,
        title: op.task.title,
        taskId: op.taskId,
        changes: [{ field: 'task', before: op.task.title, after: '(deleted)' }],
      };
    default:
      return createOpRow(op, sync.plan, lines);
  }
}

/** The rows of a sync plan: every op on both sides, then one row per conflict (base / memory bank / Vikunja). */
export function createSyncRows(sync: SyncPlan, lines: ReadonlyMap<string, number> = new Map()): HtmlRow[] {
  const rows = sync.ops.map((op) => createSyncOpRow(op, sync, lines));
  for (const conflict of sync.conflicts) {
    rows.push({
      id: `conflict:${conflict.key}:${conflict.field}`,
      kind: 'conflict',
      side: 'vikunja',
      file: conflict.source.split('#')[0] ?? conflict.source,
      line: lines.get(conflict.key) ?? null,
      title: sync.desired[conflict.key]?.fields.title ?? conflict.key,
      taskId: conflict.taskId,
      changes: [],
      conflict: { field: conflict.field, base: conflict.base, memoryBank: conflict.ours, vikunja: conflict.theirs, reason: conflict.reason },
      note: null,
      failed: false,
    });
  }
  return rows;
}

/** Writes a rendered page to `path` (relative to `cwd`; temporary file + rename) and returns the absolute path. */
export async function writeHtmlPage(path: string, cwd: string, html: string): Promise<string> {
  const target = resolve(cwd, path);
  await createNodeReportWriter().writeFile(target, html);
  return target;
}
