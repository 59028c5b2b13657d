/**
 * validate: every problem at once — from discovery, parsing and merging, plus record-level checks (unknown
 * status, suspicious priority, empty title, malformed dates, dangling parents, duplicate keys, schema) — each
 * with file:line, what was received and the fix. Errors fail `membank validate` (exit 3); warnings inform.
 */
import { taskRecordSchema, type InputProblem, type TaskRecord } from '../core/task-record.js';
import type { DiscoverResult } from '../core/source-file.js';
import type { ValidationReport } from '../core/memory-bank.js';
import { truncateForMessage } from '../core/errors.js';
import { compareText } from './keys.js';
import { untitledTitle, type ParseResult } from './parse.js';

export type { ValidationReport } from '../core/memory-bank.js';

const recordLevelCodes: ReadonlySet<string> = new Set(['status-unknown', 'priority-unknown', 'title-empty']);

function problemKey(problem: InputProblem): string {
  return `${problem.code}\u0000${problem.file}\u0000${problem.line ?? ''}`;
}

/** Record-level checks that parsing cannot see one file at a time. */
export function checkRecords(records: readonly TaskRecord[]): InputProblem[] {
  const problems: InputProblem[] = [];
  const keys = new Map<string, TaskRecord>();
  for (const record of records) {
    const first = keys.get(record.key);
    if (first !== undefined) {
      problems.push({
        severity: 'error',
        code: 'duplicate-key',
        file: record.source.path,
        line: record.source.line,
        message: `two records share the key ${record.key} (lines ${first.source.line} and ${record.source.line}); they would overwrite each other in Vikunja`,
        received: record.key,
        fix: 'give one of the items a distinct title or id (keys come from the id, else the heading path and title)',
      });
    } else {
      keys.set(record.key, record);
    }
  }
  for (const record of records) {
    const where = { file: record.source.path, line: record.source.line };
    const parsed = taskRecordSchema.safeParse(record);
    if (!parsed.success) {
      problems.push({
        severity: 'error',
        code: 'record-invalid',
        ...where,
        message: `the record ${record.key} does not match the task-record schema (${parsed.error.issues.map((issue) => `${issue.path.join('.')}: ${issue.message}`).join('; ')})`,
        received: truncateForMessage(JSON.stringify(record)),
        fix: 'report this as a membank bug with the file attached',
      });
    }
    if (record.status.canonical === 'unknown') {
      problems.push({
        severity: 'warning',
        code: record.status.raw === null ? 'status-missing' : 'status-unknown',
        ...where,
        message:
          record.status.raw === null
            ? `"${record.title}" has no status membank could read, so it is unknown`
            : `the status "${truncateForMessage(record.status.raw, 60)}" of "${record.title}" is not a known status word, so it was recorded as unknown`,
        received: record.status.raw,
        fix: 'write a known status (Done, In Progress, Pending, Planned, Blocked, Cancelled, Later) or add the word to vocabulary.status in membank.config.json',
      });
    }
    if (record.priority.raw !== null && record.priority.value === null) {
      problems.push({
        severity: 'warning',
        code: 'priority-unknown',
        ...where,
        message: `the priority "${truncateForMessage(record.priority.raw, 60)}" of "${record.title}" is not a priority word, so no priority was set`,
        received: record.priority.raw,
        fix: 'write P0–P3 or Critical / High / Medium / Low, or add the word to vocabulary.priority in membank.config.json',
      });
    }
    if (record.title === untitledTitle) {
      problems.push({
        severity: 'warning',
        code: 'title-empty',
        ...where,
        message: 'an item has no title text, so it was named "(untitled)"',
        received: null,
        fix: 'write the task text after the bullet or checkbox, or delete the empty item',
      });
    }
    if (record.parentKey !== null && !keys.has(record.parentKey)) {
      problems.push({
        severity: 'warning',
        code: 'parent-missing',
        ...where,
        message: `"${record.title}" names a parent (${record.parentKey}) that is not among the records; it will be imported without one`,
        received: record.parentKey,
        fix: 'check that the parent task is still in the memory bank',
      });
    }
  }
  return problems;
}

/**
 * Collects every problem from discovery, parsing and the record checks, without duplicates (the same code at
 * the same file and line is reported once), sorted by file, line and code.
 */
export function validateReading(discover: Pick<DiscoverResult, 'files' | 'problems'>, parse: ParseResult): ValidationReport {
  const seen = new Set<string>();
  const problems: InputProblem[] = [];
  // Parse already reported each unknown status / priority / empty title where it read it (at the value's
  // line); the record checks only add what parse did not see.
  const signature = (problem: InputProblem): string =>
    `${problem.code === 'status-legend' ? 'status-unknown' : problem.code}\u0000${problem.file}\u0000${problem.received ?? ''}`;
  const reported = new Set(parse.problems.map(signature));
  const recordProblems = checkRecords(parse.records).filter(
    (problem) => !(recordLevelCodes.has(problem.code) && reported.has(signature(problem))),
  );
  for (const problem of [...discover.problems, ...parse.problems, ...recordProblems]) {
    const key = problemKey(problem);
    if (seen.has(key)) continue;
    seen.add(key);
    problems.push(problem);
  }
  problems.sort(
    (a, b) =>
      compareText(a.file, b.file) ||
      (a.line ?? 0) - (b.line ?? 0) ||
      compareText(a.severity, b.severity) ||
      compareText(a.code, b.code) ||
      compareText(a.message, b.message),
  );
  const errors = problems.filter((problem) => problem.severity === 'error').length;
  const taskFiles = new Set(parse.records.map((record) => record.source.path)).size;
  return {
    ok: errors === 0,
    errors,
    warnings: problems.length - errors,
    counts: { files: discover.files.length, taskFiles, records: parse.records.length },
    problems,
  };
}
