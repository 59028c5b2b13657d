/**
 * The 3-way comparison behind `membank sync`: per item and per field, the value both sides agreed on at the last
 * successful sync (base), the memory bank now (ours) and Vikunja now (theirs) → one cell of the 3-way table, and
 * the action ownership and the conflict policy make of it. Pure: no I/O, no clock.
 */
import { isSameFieldValue } from './mapping.js';

/** The fields sync compares, in report order. */
export const syncFields = ['title', 'description', 'done', 'priority', 'due', 'percentDone', 'labels', 'bucket'] as const;
/** One field sync compares. */
export type SyncField = (typeof syncFields)[number];

/**
 * One side's values of the fields sync compares, in Vikunja's terms: `description` is the HTML membank writes
 * (body + provenance footer), `due` an RFC 3339 instant (an all-day date is 12:00 UTC) or null, `priority` 1..5
 * or null (0 is unset), `percentDone` the share done, 0..1 or null (0 is unset), `labels` titles (compared
 * case-insensitively, as a set), `bucket` a Kanban bucket title.
 */
export interface SyncValues {
  title: string;
  description: string;
  done: boolean;
  priority: number | null;
  due: string | null;
  percentDone: number | null;
  labels: string[];
  bucket: string | null;
}

/** A base copy: the values both sides last agreed on; a field missing from it has no base (never agreed yet). */
export type SyncBase = Partial<SyncValues>;

/** Who may change a field: both sides (3-way), only the memory bank, or only Vikunja. */
export const Ownership = { both: 'both', memoryBank: 'memory-bank', vikunja: 'vikunja' } as const;
export type OwnershipValue = (typeof Ownership)[keyof typeof Ownership];

/** What to do when both sides changed a field differently. */
export const ConflictPolicy = {
  report: 'report',
  preferMemoryBank: 'prefer-memory-bank',
  preferVikunja: 'prefer-vikunja',
  newest: 'newest',
} as const;
export type ConflictPolicyValue = (typeof ConflictPolicy)[keyof typeof ConflictPolicy];

/** Every conflict policy name, for flags and config. */
export const conflictPolicies = Object.values(ConflictPolicy) as [ConflictPolicyValue, ...ConflictPolicyValue[]];

/** Default ownership: the bank owns the text and the share done (it is not written back), both sides own the rest. */
export const defaultOwnership: Readonly<Record<SyncField, OwnershipValue>> = {
  title: 'memory-bank',
  description: 'memory-bank',
  done: 'both',
  priority: 'both',
  due: 'both',
  percentDone: 'memory-bank',
  labels: 'both',
  bucket: 'both',
};

/**
 * The cell of the 3-way table: nothing changed; changed in the bank (push); changed in Vikunja (pull); both changed
 * to the same value; both changed to different values (conflict). With no base, see {@link classifyCell}.
 */
export type Cell = 'unchanged' | 'push' | 'pull' | 'both-same' | 'conflict';

/**
 * What sync does with a field: nothing; write the bank's value to Vikunja; write Vikunja's value to the bank;
 * record the agreed value as the new base (no write); report a conflict (no write, base kept); or ignore a change
 * made on the side that does not own the field (no write, base kept, shown in the report).
 */
export type SyncAction = 'none' | 'push' | 'pull' | 'record' | 'conflict' | 'ignore';

/** The decision for one field of one item. */
export interface FieldDecision {
  field: SyncField;
  cell: Cell;
  action: SyncAction;
  /** undefined: no base for this field. */
  base: SyncValues[SyncField] | undefined;
  ours: SyncValues[SyncField];
  theirs: SyncValues[SyncField];
  /** Why this action (ownership, policy, which side was newer), for the report. */
  reason: string;
}

/** What the comparison of one item needs. */
export interface ThreeWayInput {
  base: SyncBase | null;
  ours: SyncValues;
  theirs: SyncValues;
  ownership: Readonly<Record<SyncField, OwnershipValue>>;
  policy: ConflictPolicyValue;
  /** When the bank side last changed (the file's mtime), ISO 8601; for the `newest` policy. */
  oursChangedAt: string | null;
  /** When the Vikunja side last changed (the task's `updated`), ISO 8601; for the `newest` policy. */
  theirsChangedAt: string | null;
}

function normaliseLabels(labels: readonly string[]): string[] {
  return [...new Set(labels.map((label) => label.toLowerCase()))].sort();
}

/** Whether two values of one field are the same (labels: case-insensitive sets; dates: to the second). */
export function isSameSyncValue(field: SyncField, a: unknown, b: unknown): boolean {
  if (field === 'labels') {
    if (!Array.isArray(a) || !Array.isArray(b)) return a === b;
    const left = normaliseLabels(a as string[]);
    const right = normaliseLabels(b as string[]);
    return left.length === right.length && left.every((label, index) => label === right[index]);
  }
  if (field === 'priority' || field === 'percentDone') return (a === 0 ? null : a) === (b === 0 ? null : b);
  return isSameFieldValue(a, b);
}

function isEmpty(value: unknown): boolean {
  return value === null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The 3-way cell of one field. Without a base (a task membank created whose run stopped before the base was kept, or
 * one found by its marker with a lost state store) the bank's value counts as the change, as `migrate` would write
 * it — except where the bank has no value at all: then Vikunja's value is kept (pulled), never wiped.
 */
export function classifyCell(field: SyncField, base: unknown, ours: unknown, theirs: unknown): Cell {
  const same = isSameSyncValue(field, ours, theirs);
  if (base === undefined) return same ? 'unchanged' : isEmpty(ours) ? 'pull' : 'push';
  const oursChanged = !isSameSyncValue(field, base, ours);
  const theirsChanged = !isSameSyncValue(field, base, theirs);
  if (!oursChanged && !theirsChanged) return 'unchanged';
  if (oursChanged && !theirsChanged) return 'push';
  if (!oursChanged && theirsChanged) return 'pull';
  return same ? 'both-same' : 'conflict';
}

function resolveConflict(input: ThreeWayInput): { action: SyncAction; reason: string } {
  switch (input.policy) {
    case 'report':
      return { action: 'conflict', reason: 'changed on both sides (policy report)' };
    case 'prefer-memory-bank':
      return { action: 'push', reason: 'changed on both sides; the memory bank wins (policy prefer-memory-bank)' };
    case 'prefer-vikunja':
      return { action: 'pull', reason: 'changed on both sides; Vikunja wins (policy prefer-vikunja)' };
    case 'newest': {
      const ours = input.oursChangedAt === null ? Number.NaN : Date.parse(input.oursChangedAt);
      const theirs = input.theirsChangedAt === null ? Number.NaN : Date.parse(input.theirsChangedAt);
      if (Number.isNaN(ours) || Number.isNaN(theirs) || ours === theirs) {
        return { action: 'conflict', reason: 'changed on both sides; no newer side (policy newest: a change time is missing or equal)' };
      }
      return ours > theirs
        ? { action: 'push', reason: `changed on both sides; the file changed last (${input.oursChangedAt} > Vikunja ${input.theirsChangedAt}, policy newest)` }
        : { action: 'pull', reason: `changed on both sides; Vikunja changed last (${input.theirsChangedAt} > file ${input.oursChangedAt}, policy newest)` };
    }
  }
}

function decide(cell: Cell, ownership: OwnershipValue, input: ThreeWayInput): { action: SyncAction; reason: string } {
  if (cell === 'unchanged') return { action: 'none', reason: 'unchanged' };
  if (cell === 'both-same') return { action: 'record', reason: 'changed on both sides to the same value' };
  if (ownership === 'memory-bank') {
    if (cell === 'pull') return { action: 'ignore', reason: 'changed in Vikunja, but the memory bank owns this field (sync.ownership): kept in Vikunja, not pulled' };
    return { action: 'push', reason: cell === 'push' ? 'changed in the memory bank' : 'changed on both sides; the memory bank owns this field' };
  }
  if (ownership === 'vikunja') {
    if (cell === 'push') return { action: 'ignore', reason: 'changed in the memory bank, but Vikunja owns this field (sync.ownership): not pushed' };
    return { action: 'pull', reason: cell === 'pull' ? 'changed in Vikunja' : 'changed on both sides; Vikunja owns this field' };
  }
  if (cell === 'push') return { action: 'push', reason: 'changed in the memory bank' };
  if (cell === 'pull') return { action: 'pull', reason: 'changed in Vikunja' };
  return resolveConflict(input);
}

/** Compares one item field by field: the cell and the action for each of {@link syncFields}. */
export function compareItem(input: ThreeWayInput): FieldDecision[] {
  return syncFields.map((field) => {
    const base = input.base === null ? undefined : input.base[field];
    const ours = input.ours[field];
    const theirs = input.theirs[field];
    // A share done the bank does not state is not compared: Vikunja's is kept as it is, and the base with it.
    if (field === 'percentDone' && ours === null) return { field, cell: 'unchanged', action: 'none', base, ours: base ?? null, theirs, reason: 'the memory bank states no share done' };
    const cell = classifyCell(field, base, ours, theirs);
    const { action, reason } = decide(cell, input.ownership[field], input);
    return { field, cell, action, base, ours, theirs, reason };
  });
}

/**
 * The base to keep after a sync: each field whose sides now agree (unchanged, recorded, or written — `written`
 * names the fields whose write succeeded) takes the agreed value; a conflict, an ignored change or a failed write
 * keeps its old base, so it is met again on the next sync until one side is edited.
 */
export function advanceBase(base: SyncBase | null, decisions: readonly FieldDecision[], written: ReadonlySet<SyncField>): SyncBase {
  const next: Record<string, unknown> = { ...(base ?? {}) };
  for (const decision of decisions) {
    if (decision.action === 'none' || decision.action === 'record') next[decision.field] = decision.ours;
    else if (decision.action === 'push' && written.has(decision.field)) next[decision.field] = decision.ours;
    else if (decision.action === 'pull' && written.has(decision.field)) next[decision.field] = decision.theirs;
  }
  return next as SyncBase;
}
