import type { RunReport } from '../core/report.js';

/**
 * Keys that come first, in this order, in every object of the JSON report (the RunReport field order, then
 * the fields of its parts); any other key (op kinds, file paths, methods, user data) follows alphabetically.
 */
const preferredKeys = [
  'runId',
  'command',
  'status',
  'startedAt',
  'finishedAt',
  'durationMs',
  'dryRun',
  'server',
  'project',
  'byKind',
  'byFile',
  'errors',
  'problems',
  'requests',
  'verify',
  'journal',
  'files',
  'url',
  'version',
  'api',
  'title',
  'id',
  'rows',
  'pending',
  'planned',
  'applied',
  'failed',
  'skipped',
  'reverted',
  'opId',
  'where',
  'severity',
  'code',
  'file',
  'line',
  'message',
  'received',
  'fix',
  'byMethod',
  'total',
  'retries',
  'rateLimitWaits',
  'ok',
  'checked',
  'drift',
  'key',
  'taskId',
  'field',
  'expected',
  'actual',
];
const rank = new Map(preferredKeys.map((key, index) => [key, index]));

function compareKeys(a: string, b: string): number {
  const ra = rank.get(a);
  const rb = rank.get(b);
  if (ra !== undefined && rb !== undefined) return ra - rb;
  if (ra !== undefined) return -1;
  if (rb !== undefined) return 1;
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Copies a JSON value with every object's keys in the report's stable order. */
export function orderReportKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map((item) => orderReportKeys(item));
  if (value === null || typeof value !== 'object') return value;
  const source = value as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(source).sort(compareKeys)) out[key] = orderReportKeys(source[key]);
  return out;
}

/** Renders a run report as pretty-printed JSON (2-space indent, stable key order, trailing newline). */
export function renderJson(report: RunReport): string {
  return `${JSON.stringify(orderReportKeys(report), null, 2)}\n`;
}
