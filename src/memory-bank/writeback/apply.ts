/**
 * Applies planned write-back edits to a file's bytes: each `before` must sit exactly at its line and column;
 * everything else (line breaks, BOM, other text) is copied unchanged.
 */
import { InternalError } from '../../core/errors.js';
import type { SourceEdit } from '../../core/source-edit.js';
import { readSourceText, writeSourceText } from './text.js';

/** Applies `edits` to `bytes`; throws when an edit is stale (its `before` is not at its place) or overlaps another. */
export function applyEdits(bytes: Uint8Array, edits: readonly SourceEdit[]): Uint8Array {
  const source = readSourceText(bytes);
  // Right to left, so an edit never shifts the column of one not yet applied on the same line.
  const ordered = [...edits].sort((a, b) => b.line - a.line || b.column - a.column);
  let previous: SourceEdit | undefined;
  for (const edit of ordered) {
    const line = source.lines[edit.line - 1];
    const found = line?.text.slice(edit.column, edit.column + edit.before.length);
    if (line === undefined || found !== edit.before) {
      throw new InternalError(
        `stale write-back edit for ${edit.key} (${edit.field}) at line ${edit.line}, column ${edit.column}: expected ${JSON.stringify(edit.before)}, found ${JSON.stringify(found ?? '(no such line)')}; plan the edit again from the file's current bytes`,
        { details: { key: edit.key, line: edit.line, column: edit.column } },
      );
    }
    if (previous !== undefined && previous.line === edit.line && edit.column + edit.before.length > previous.column) {
      throw new InternalError(
        `overlapping write-back edits at line ${edit.line} (columns ${edit.column} and ${previous.column}) for ${edit.key} and ${previous.key}`,
      );
    }
    line.text = line.text.slice(0, edit.column) + edit.after + line.text.slice(edit.column + edit.before.length);
    previous = edit;
  }
  return writeSourceText(source);
}
