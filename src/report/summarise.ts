import type { OpCounts, RunReport } from '../core/report.js';
import type { InputProblem } from '../core/task-record.js';

/** Outcome columns of the op table, in display order. */
export const outcomeColumns = ['planned', 'applied', 'failed', 'skipped', 'reverted'] as const satisfies readonly (keyof OpCounts)[];

/** Op kinds in the order a plan runs them; kinds not listed follow alphabetically. */
const kindOrder = [
  'project',
  'label',
  'create',
  'bulk_create',
  'adopt',
  'update',
  'close',
  'reopen',
  'move',
  'bucket',
  'position',
  'labels',
  'unlabel',
  'relation',
  'comment',
  'delete',
  'write_back',
  'skip',
];

/** One op kind's counts, for tables. */
export interface KindRow {
  kind: string;
  counts: OpCounts;
}

/** One source file and the changes planned or applied to its tasks. */
export interface FileRow {
  file: string;
  total: number;
  byKind: Array<{ kind: string; count: number }>;
}

/** Sorts op kinds: plan order first, then unknown kinds alphabetically. */
export function compareKinds(a: string, b: string): number {
  const ia = kindOrder.indexOf(a);
  const ib = kindOrder.indexOf(b);
  if (ia !== ib) {
    if (ia === -1) return 1;
    if (ib === -1) return -1;
    return ia - ib;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Returns the op kinds with their counts, in plan order. */
export function listKindRows(report: RunReport): KindRow[] {
  return Object.keys(report.byKind)
    .sort(compareKinds)
    .map((kind) => ({ kind, counts: readCounts(report.byKind[kind]) }));
}

/** Adds up the counts of every op kind. */
export function sumCounts(rows: readonly KindRow[]): OpCounts {
  const total: OpCounts = { planned: 0, applied: 0, failed: 0, skipped: 0, reverted: 0 };
  for (const row of rows) for (const column of outcomeColumns) total[column] += row.counts[column];
  return total;
}

/** Returns source files ordered by number of changes (most first, then by path); `limit` cuts the list. */
export function rankFiles(report: RunReport, limit = Number.POSITIVE_INFINITY): FileRow[] {
  const rows = Object.entries(report.byFile).map(([file, kinds]) => {
    const byKind = Object.entries(kinds)
      .filter(([, count]) => Number.isFinite(count) && count > 0)
      .sort(([a], [b]) => compareKinds(a, b))
      .map(([kind, count]) => ({ kind, count }));
    return { file, total: byKind.reduce((sum, entry) => sum + entry.count, 0), byKind };
  });
  rows.sort((a, b) => b.total - a.total || (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  return rows.filter((row) => row.total > 0).slice(0, limit);
}

/** Counts input problems by severity. */
export function countProblems(problems: readonly InputProblem[]): { errors: number; warnings: number } {
  let errors = 0;
  for (const problem of problems) if (problem.severity === 'error') errors += 1;
  return { errors, warnings: problems.length - errors };
}

/** Orders problems errors first, then by file and line, keeping the original order otherwise. */
export function sortProblems(problems: readonly InputProblem[]): InputProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => {
      if (a.problem.severity !== b.problem.severity) return a.problem.severity === 'error' ? -1 : 1;
      if (a.problem.file !== b.problem.file) return a.problem.file < b.problem.file ? -1 : 1;
      const la = a.problem.line ?? 0;
      const lb = b.problem.line ?? 0;
      return la - lb || a.index - b.index;
    })
    .map((entry) => entry.problem);
}

/** `file:line`, or `file` when the line is unknown. */
export function locateProblem(problem: InputProblem): string {
  return problem.line === null ? problem.file : `${problem.file}:${problem.line}`;
}

/** HTTP methods in a stable order: the usual verbs first, then the rest alphabetically. */
export function listMethods(byMethod: Readonly<Record<string, number>>): Array<{ method: string; count: number }> {
  const order = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'];
  return Object.entries(byMethod)
    .map(([method, count]) => ({ method, count }))
    .sort((a, b) => {
      const ia = order.indexOf(a.method.toUpperCase());
      const ib = order.indexOf(b.method.toUpperCase());
      if (ia !== ib) return (ia === -1 ? order.length : ia) - (ib === -1 ? order.length : ib);
      return a.method < b.method ? -1 : a.method > b.method ? 1 : 0;
    });
}

function readCounts(counts: Partial<OpCounts> | undefined): OpCounts {
  return {
    planned: counts?.planned ?? 0,
    applied: counts?.applied ?? 0,
    failed: counts?.failed ?? 0,
    skipped: counts?.skipped ?? 0,
    reverted: counts?.reverted ?? 0,
  };
}
