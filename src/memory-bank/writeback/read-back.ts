/**
 * Read-back: the planned edits of a file are applied to a copy of its bytes, and the copy is read again with the real
 * parser (the extractors that read the file, the bank's vocabulary). An edit stands only when its item keeps its key
 * and reads the value written with its other fields as they were, and the file's other items are read as before (none
 * lost, none gained); otherwise it is refused, naming what the file would say instead. Whatever a convention's planner
 * gets wrong, a write-back never rekeys, drops or silently fails to change an item.
 */
import type { BankChange, EditOutcome, EditRequest, ReadBackFile, SourceEdit } from '../../core/source-edit.js';
import type { DiscoveredFile } from '../../core/source-file.js';
import type { TaskRecord } from '../../core/task-record.js';
import { decodeFileBytes } from '../decode.js';
import { parseFiles } from '../parse.js';
import { applyEdits } from './apply.js';

/** The outcomes of `planEdits` with every planned edit read back (`outcomes[i]` is `requests[i]`'s). */
export function readBackEdits(path: string, bytes: Uint8Array, requests: readonly EditRequest[], outcomes: readonly EditOutcome[], file: ReadBackFile): EditOutcome[] {
  const decoded = decodeFileBytes(bytes);
  if (!decoded.ok) return [...outcomes];
  const read = (text: string): Map<string, TaskRecord> => {
    const discovered: DiscoveredFile = {
      path,
      bank: '.',
      kind: 'task-list',
      reason: 'read back after a write-back edit',
      size: Buffer.byteLength(text),
      text,
      eol: decoded.eol,
      extractors: [...file.extractors],
    };
    return new Map(parseFiles([discovered], { vocabulary: file.vocabulary }).records.map((record) => [record.key, record]));
  };
  const before = read(decoded.text);
  // Only an item this file reads under the key it was planned for can be checked: the others (an index line naming a
  // task of another file) keep their outcome.
  const checked = outcomes.flatMap((outcome, index) => (outcome.ok && outcome.edits.length > 0 && before.has(requests[index]?.record.key ?? '') ? [index] : []));
  if (checked.length === 0) return [...outcomes];
  const result = [...outcomes];
  const verify = (indices: readonly number[]): Map<number, string> => {
    const edits = indices.flatMap((index) => {
      const outcome = outcomes[index];
      return outcome?.ok === true ? outcome.edits : [];
    });
    const after = readAfter(bytes, edits, read);
    // The fields each item has written by this set of edits (a status and a due date of one task, pulled together).
    const written = new Map<string, Set<BankChange['field']>>();
    for (const index of indices) {
      const request = requests[index];
      if (request !== undefined) written.set(request.record.key, (written.get(request.record.key) ?? new Set()).add(request.change.field));
    }
    // Items that would no longer be read, or read as new items (under a new key): other tasks, gone or made.
    const changed = [...[...before.values()].filter((other) => !after.has(other.key)), ...[...after.values()].filter((other) => !before.has(other.key))];
    const failures = new Map<number, string>();
    for (const index of indices) {
      const request = requests[index];
      if (request === undefined) continue;
      const reason = judge(request, before, after, changed, written.get(request.record.key) ?? new Set());
      if (reason !== null) failures.set(index, reason);
    }
    return failures;
  };
  // Halves until the edits that do not stand are found (a few parses for a few among thousands, not one per edit)…
  const settle = (indices: readonly number[], failures = verify(indices)): number[] => {
    if (failures.size === 0) return [...indices];
    if (indices.length === 1) {
      for (const [index, reason] of failures) result[index] = { ok: false, reason };
      return [];
    }
    const middle = Math.ceil(indices.length / 2);
    return [...settle(indices.slice(0, middle)), ...settle(indices.slice(middle))];
  };
  const all = verify(checked);
  if (all.size === 0) return result;
  let standing = settle(checked, all);
  // …then the ones that stand, together, until they all do (edits that stand alone but not with each other).
  while (standing.length > 0) {
    const together = verify(standing);
    if (together.size === 0) break;
    for (const [index, reason] of together) result[index] = { ok: false, reason: `${reason} (together with the file's other edits)` };
    standing = standing.filter((index) => !together.has(index));
  }
  return result;
}

/** The file's items after `edits` (overlapping edits are a planning bug: applyEdits throws, and the run stops). */
function readAfter(bytes: Uint8Array, edits: readonly SourceEdit[], read: (text: string) => Map<string, TaskRecord>): Map<string, TaskRecord> {
  const decoded = decodeFileBytes(applyEdits(bytes, edits));
  return decoded.ok ? read(decoded.text) : new Map();
}

/** Why the edit of `request` does not stand, or null when its item reads the value written and no item is lost. */
function judge(
  request: EditRequest,
  before: ReadonlyMap<string, TaskRecord>,
  after: ReadonlyMap<string, TaskRecord>,
  changed: readonly TaskRecord[],
  written: ReadonlySet<BankChange['field']>,
): string | null {
  const { record, change } = request;
  const where = `${record.source.path}:${record.source.line}`;
  const what = describeChange(change);
  const item = after.get(record.key);
  if (item === undefined) {
    return `${where}: writing ${what} into "${record.title}" would change how the line is read (it would no longer be the same item: its title or its place would change), so it was not written; write it by hand`;
  }
  if (changed.length > 0) {
    const first = changed[0] as TaskRecord;
    return `${where}: writing ${what} into "${record.title}" would change how ${changed.length} other item(s) of the file are read ("${first.title}", line ${first.source.line}: lost, gained or rekeyed), so it was not written; write it by hand`;
  }
  const read = readValue(item, change);
  if (read !== null) return `${where}: after writing ${what}, "${record.title}" would read as ${read}, so it was not written; write it by hand`;
  const was = before.get(record.key);
  const other = was === undefined ? null : findChangedField(was, item, written);
  if (other !== null) return `${where}: writing ${what} into "${record.title}" would also change its ${other}, so it was not written; write it by hand`;
  return null;
}

/** The first field not among those `written` that reads differently after the edits (`owner "Bo" → null`), or null. */
function findChangedField(before: TaskRecord, after: TaskRecord, written: ReadonlySet<BankChange['field']>): string | null {
  const fields: Array<[name: string, field: BankChange['field'] | null, read: (record: TaskRecord) => unknown]> = [
    ['title', 'title', (record) => record.title],
    ['owner', null, (record) => record.owner],
    ['priority', 'priority', (record) => record.priority.value],
    ['due date', 'due', (record) => record.dates.due],
    ['labels', 'labels', (record) => [...record.labels].sort().join(', ')],
    ['parent', null, (record) => record.parentKey],
  ];
  for (const [name, field, read] of fields) {
    if (field !== null && written.has(field)) continue;
    const was = read(before);
    const now = read(after);
    if (was !== now) return `${name} (${JSON.stringify(was) ?? 'none'} → ${JSON.stringify(now) ?? 'none'})`;
  }
  return null;
}

/** What the item reads instead of the change's value, or null when it reads the value. */
export function readValue(item: TaskRecord, change: BankChange): string | null {
  switch (change.field) {
    case 'status':
      return item.status.canonical === change.status ? null : `${item.status.canonical} (from its ${item.status.from})`;
    case 'priority':
      return (item.priority.value ?? null) === change.priority ? null : `priority ${item.priority.value ?? 'none'}`;
    case 'due': {
      const due = item.dates.due;
      // The day is what a file writes for certain: a time of day may be written in the file's form (`2027-02-01 09:30`
      // for `2027-02-01T09:30:00Z`), or given by the convention to a date written alone (Logseq's `DEADLINE: <… 17:00>`).
      const same = change.date === null ? due === null : due !== null && due.slice(0, 10) === change.date.slice(0, 10);
      return same ? null : `due ${due ?? 'none'}`;
    }
    case 'title':
    case 'labels':
      return null;
  }
}

export function describeChange(change: BankChange): string {
  switch (change.field) {
    case 'status':
      return `status ${change.status}`;
    case 'priority':
      return change.priority === null ? 'no priority' : `priority ${change.priority}`;
    case 'due':
      return change.date === null ? 'no due date' : `due ${change.date}`;
    case 'title':
      return 'a title';
    case 'labels':
      return 'labels';
  }
}
