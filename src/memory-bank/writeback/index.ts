/**
 * Write-back: plans minimal byte edits of memory-bank files for values pulled from Vikunja, per convention.
 */
import type { SourceEditor } from '../../core/source-edit.js';
import { appendItems } from './append.js';
import { applyEdits } from './apply.js';
import { planEdits } from './plan.js';

/** Creates the {@link SourceEditor}: pure planning and applying of write-back edits. */
export function createSourceEditor(): SourceEditor {
  return { planEdits, applyEdits, appendItems };
}
