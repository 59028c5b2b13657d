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
  // Every edit is checked against the bytes as given, before any is applied.
  for (const edit of edits) {
    const found = source.lines[edit.line - 1]?.text.slice(edit.column, edit.column + edit.before.length);
    if (found !== edit.before) {
      throw new InternalError(
        `stale write-back edit for ${edit.key} (${edit.field}) at line ${edit.line}, column ${edit.column}: expected ${JSON.stringify(edit.before)}, found ${JSON.stringify(found ?? '(no such line)')}; plan the edit again from the file's current bytes`,
        { details: { key: edit.key, line: edit.line, column: edit.column } },
      );
    }
  }
  // Right to left, so an edit never shifts the column of one not yet applied on the same line.
  const ordered = [...edits].sort((a, b) => b.line - a.line || b.column - a.column);
  ordered.forEach((edit, index) => {
    const right = ordered[index - 1];
    if (right !== undefined && right.line === edit.line && edit.column + edit.before.length > right.column) {
      throw new InternalError(
        `overlapping write-back edits at line ${edit.line} (columns ${edit.column} and ${right.column}) for ${edit.key} and ${right.key}`,
      );
    }
  });
  for (const edit of ordered) {
    const line = source.lines[edit.line - 1];
    if (line === undefined) continue;
    line.text = line.text.slice(0, edit.column) + edit.after + line.text.slice(edit.column + edit.before.length);
  }
  return writeSourceText(source);
}
