/**
 * Plans write-back edits per convention (filled in below).
 */
import type { EditOutcome, EditRequest } from '../../core/source-edit.js';

/** Plans one edit per request against the file's bytes; outcomes in request order. */
export function planEdits(path: string, _bytes: Uint8Array, requests: readonly EditRequest[]): EditOutcome[] {
  return requests.map((request) => ({
    ok: false,
    reason: `${path}:${request.record.source.line}: write-back of ${request.change.field} is not supported yet`,
  }));
}
