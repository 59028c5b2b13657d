import { guardOverrideOf } from '../core/guards.js';
import type { RunReport } from '../core/report.js';
import { describeValue, fitToWidth, formatDuration, formatTimestamp, pluralise, sanitiseUrl, truncateText } from './format.js';
import { createTextStyle, styleStatus } from './style.js';
import type { TextStyle } from './style.js';
import {
  countProblems,
  listKindRows,
  listMethods,
  locateProblem,
  outcomeColumns,
  rankFiles,
  sortProblems,
  sumCounts,
} from './summarise.js';
import { renderTextTable } from './table.js';

/** Options for {@link renderTerminalSummary}. */
export interface TerminalSummaryOptions {
  /** Use ANSI colours (the CLI turns this off off a TTY and when `NO_COLOR` is set). */
  color: boolean;
  /** How many files, errors, problems and drift items to show before "… N more" (default 5; errors 10). */
  limit?: number;
  /** Terminal width: longer lines are cut to it with `…` (default: not cut). */
  columns?: number | undefined;
}

const labelWidth = 10;
const messageWidth = 160;

/**
 * Renders a run report as a compact terminal summary: header, op counts by kind, top files, errors, input
 * problems, requests, verify verdict, journal counts and where the report files are. Uses only report fields.
 */
export function renderTerminalSummary(report: RunReport, options: TerminalSummaryOptions): string {
  const style = createTextStyle(options.color);
  const limit = Math.max(1, options.limit ?? 5);
  const lines: string[] = [];
  const field = (label: string, value: string): void => {
    lines.push(`  ${style.dim(label.padEnd(labelWidth))}${value}`);
  };

  lines.push(`${style.bold(`membank ${report.command}`)} · run ${style.bold(report.runId)} · ${styleStatus(style, report.status)}`);
  const took = report.durationMs !== null ? `took ${formatDuration(report.durationMs)}` : report.finishedAt === null ? 'not finished' : '';
  field('started', `${formatTimestamp(report.startedAt)}${took === '' ? '' : `  (${took})`}`);
  if (report.dryRun) field('mode', style.yellow('dry run — nothing was written'));
  field(
    'server',
    report.server === null
      ? style.dim('not contacted')
      : `${sanitiseUrl(report.server.url)} — Vikunja ${report.server.version}, API ${report.server.api}`,
  );
  field(
    'project',
    report.project === null
      ? style.dim('none')
      : `${report.project.title}${report.project.id === null ? ' (not created yet)' : ` (id ${report.project.id})`}`,
  );

  lines.push('', ...renderOperations(report, style));
  lines.push(...renderFiles(report, style, limit));
  lines.push(...renderErrors(report, style, Math.max(limit, 10)));
  lines.push(...renderProblems(report, style, limit));
  lines.push('');
  field('requests', describeRequests(report));
  field('verify', describeVerify(report, style));
  for (const item of (report.verify?.drift ?? []).slice(0, limit)) {
    const task = item.taskId === null ? '' : ` (task ${item.taskId})`;
    lines.push(
      `  ${' '.repeat(labelWidth)}${style.red('drift')} ${item.key}${task} ${item.field}: expected ${describeValue(item.expected)}, got ${describeValue(item.actual)}`,
    );
  }
  for (const item of (report.kept ?? []).slice(0, limit)) lines.push(`  ${' '.repeat(labelWidth)}${style.dim('kept')} ${item.message}`);
  for (const trip of report.guard?.overridden === true ? report.guard.tripped : []) field('guard', style.yellow(`${trip.guard} tripped, overridden by ${guardOverrideOf(report.guard ?? {})}: ${trip.message}`));
  for (const alert of report.guard?.alerts ?? []) field('alert', style.yellow(alert.message));
  const moreDrift = (report.verify?.drift.length ?? 0) - limit;
  if (moreDrift > 0) lines.push(`  ${' '.repeat(labelWidth)}${style.dim(`… ${moreDrift} more drift items in the report files`)}`);
  const j = report.journal;
  // Name each number for what it counts: journal rows (a pending row, then its outcome) are not writes, and
  // one write (a bulk create) can carry many of the ops counted in the table above.
  field(
    'journal',
    `${pluralise(j.rows, 'row')} for ${pluralise(j.pending + j.applied + j.failed + j.reverted, 'write')} (a bulk create is one write for many ops): ${j.applied} applied, ${j.pending} pending, ${j.failed} failed, ${j.reverted} reverted`,
  );
  if (report.files.length === 0) {
    field('report', style.dim('not written to files'));
  } else {
    report.files.forEach((file, index) => {
      if (index === 0) field('report', file);
      else lines.push(`  ${' '.repeat(labelWidth)}${file}`);
    });
  }
  return `${lines.map((line) => fitToWidth(line, options.columns)).join('\n')}\n`;
}

function renderOperations(report: RunReport, style: TextStyle): string[] {
  const rows = listKindRows(report);
  if (rows.length === 0) return [style.bold('Operations (one per change)'), `  ${style.dim('none')}`];
  const total = sumCounts(rows);
  const paint = (column: (typeof outcomeColumns)[number], value: number): string => {
    const text = String(value);
    if (value === 0) return style.dim(text);
    if (column === 'failed') return style.red(text);
    return text;
  };
  const table = renderTextTable(
    [
      ['kind', ...outcomeColumns],
      ...rows.map((row) => [row.kind, ...outcomeColumns.map((column) => paint(column, row.counts[column]))]),
      ...(rows.length > 1 ? [[style.bold('total'), ...outcomeColumns.map((column) => paint(column, total[column]))]] : []),
    ],
    { indent: '  ', align: ['left', 'right', 'right', 'right', 'right', 'right'] },
  );
  const [header, ...body] = table;
  return [style.bold('Operations (one per change)'), style.dim(header ?? ''), ...body];
}

function renderFiles(report: RunReport, style: TextStyle, limit: number): string[] {
  const all = rankFiles(report);
  if (all.length === 0) return [];
  const shown = all.slice(0, limit);
  const table = renderTextTable(
    shown.map((row) => [row.file, String(row.total), row.byKind.map((entry) => `${entry.kind} ${entry.count}`).join(' · ')]),
    { indent: '  ', align: ['left', 'right', 'left'] },
  );
  const more = all.length - shown.length;
  return [
    '',
    style.bold(report.dryRun ? 'Top files by planned changes' : 'Top files by changes'),
    ...table,
    ...(more > 0 ? [`  ${style.dim(`… ${pluralise(more, 'more file')}`)}`] : []),
  ];
}

function renderErrors(report: RunReport, style: TextStyle, limit: number): string[] {
  if (report.errors.length === 0) return [];
  const lines = ['', style.bold(style.red(`Errors (${report.errors.length})`))];
  for (const error of report.errors.slice(0, limit)) {
    lines.push(`  ${error.where}: ${truncateText(error.message, messageWidth)}`);
  }
  const more = report.errors.length - limit;
  if (more > 0) lines.push(`  ${style.dim(`… ${more} more in the report files`)}`);
  return lines;
}

function renderProblems(report: RunReport, style: TextStyle, limit: number): string[] {
  const { errors, warnings } = countProblems(report.problems);
  const heading = `Input problems: ${pluralise(errors, 'error')}, ${pluralise(warnings, 'warning')}`;
  if (report.problems.length === 0) return ['', `${style.bold('Input problems')}: none`];
  const shown = sortProblems(report.problems).slice(0, limit);
  const table = renderTextTable(
    shown.map((problem) => [
      problem.severity === 'error' ? style.red('error') : style.yellow('warning'),
      problem.code,
      locateProblem(problem),
      truncateText(problem.message, 100),
    ]),
    { indent: '  ' },
  );
  const more = report.problems.length - shown.length;
  return [
    '',
    style.bold(heading),
    ...table,
    ...(more > 0 ? [`  ${style.dim(`… ${more} more (membank validate lists them all)`)}`] : []),
  ];
}

function describeRequests(report: RunReport): string {
  const { requests } = report;
  const methods = listMethods(requests.byMethod).map((entry) => `${entry.method} ${entry.count}`);
  const parts = [
    `${requests.total} total`,
    pluralise(requests.retries, 'retry', 'retries'),
    pluralise(requests.rateLimitWaits, 'rate-limit wait'),
  ];
  return methods.length === 0 ? parts.join(', ') : `${methods.join(' · ')} — ${parts.join(', ')}`;
}

function describeVerify(report: RunReport, style: TextStyle): string {
  const { verify } = report;
  if (verify === null) return style.dim('not run');
  const checked = pluralise(verify.checked, 'task');
  if (verify.ok && verify.drift.length === 0) return `${style.green('OK')} — ${checked} checked, no drift`;
  const drift = pluralise(verify.drift.length, 'drift item');
  return `${style.red('FAILED')} — ${checked} checked, ${drift}`;
}
