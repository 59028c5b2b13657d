/**
 * Write-back contract: how a change pulled from Vikunja becomes a minimal byte edit of a memory-bank file.
 * Types and ports only. `src/memory-bank/writeback/` plans the edits (it knows each convention), and
 * `src/files/` writes them atomically. Jobs reach both through the ports below, never directly.
 */
import type { MembankConfig } from './config.js';
import type { ExtractorNameValue } from './source-file.js';
import type { TaskRecord, TaskStatusValue } from './task-record.js';

/** A value to write into the memory bank for one record, in the bank's own terms. */
export type BankChange =
  | { field: 'status'; status: TaskStatusValue }
  | { field: 'priority'; priority: number | null }
  /** Date-only `YYYY-MM-DD` for an all-day date, or RFC 3339; null removes it. */
  | { field: 'due'; date: string | null }
  | { field: 'title'; title: string }
  | { field: 'labels'; labels: string[] };

/** The field names of {@link BankChange}. */
export type BankField = BankChange['field'];

/** One change to write for one record (the record as parsed from the bytes the edit is planned on). */
export interface EditRequest {
  record: TaskRecord;
  change: BankChange;
  /**
   * Statuses as the bank's other task files write them, nearest first (its folder's, then the folders beside it):
   * the words a status is written in when the file itself has none for it (`completed` beside `pending`).
   */
  siblingStatuses?: readonly string[];
}

/**
 * One exact replacement inside a file: on 1-based `line`, at 0-based `column` (UTF-16 code units into the line's
 * text, after any BOM), the text `before` becomes `after`. Nothing else in the file changes.
 */
export interface SourceEdit {
  key: string;
  field: BankField;
  line: number;
  column: number;
  before: string;
  after: string;
}

/** The edit planned for one request, or why the source has no place for the value (reported, never guessed). */
export type EditOutcome = { ok: true; edits: SourceEdit[] } | { ok: false; reason: string };

/** A new item appended to a file (the inbox of tasks added in Vikunja). */
export interface AppendedItem {
  title: string;
  done: boolean;
  /** Carried in an HTML comment on the item, so the item is found again (relink). */
  marker: string;
  /** The Vikunja task id it came from. */
  taskId: number;
}

/**
 * How the parser reads the file being edited, for the read-back of its edits: the extractors that read it (in the order
 * of `ExtractorName`) and the bank's vocabulary.
 */
export interface ReadBackFile {
  extractors: readonly ExtractorNameValue[];
  vocabulary: MembankConfig['vocabulary'];
}

/** Plans write-back edits. Pure: no I/O. */
export interface SourceEditor {
  /**
   * Plans each request against the file's current bytes; outcomes are in request order. With `readBack`, every planned
   * edit is applied to a copy and the copy parsed again: an edit whose item would not keep its key and read the value
   * written, or that would change how another item of the file is read, is refused instead.
   */
  planEdits(path: string, bytes: Uint8Array, requests: readonly EditRequest[], readBack?: ReadBackFile): EditOutcome[];
  /** Applies edits to the bytes (line endings, BOM and everything untouched kept); throws if a `before` does not match. */
  applyEdits(bytes: Uint8Array, edits: readonly SourceEdit[]): Uint8Array;
  /** Bytes of `bytes` (null: a new file) with `items` appended as checklist items, in the file's line ending. */
  appendItems(bytes: Uint8Array | null, items: readonly AppendedItem[]): Uint8Array;
}

/** Atomic writes to source files (temp file + fsync + rename + directory fsync). Paths are absolute. */
export interface SourceFileWriter {
  /** sha256 (hex) of the file's current bytes, or null when it does not exist. */
  hash(path: string): Promise<string | null>;
  /**
   * Replaces the file with `bytes` only if its current sha256 is `expectedHash` (null: it must not exist);
   * otherwise throws `SourceChangedError` and leaves it alone. Returns the new hash.
   */
  replaceIfUnchanged(path: string, expectedHash: string | null, bytes: Uint8Array): Promise<{ hash: string }>;
}
