import { guardOverrideOf } from '../core/guards.js';
import type { RunReport } from '../core/report.js';
import { describeValue, formatDuration, formatTimestamp, pluralise, sanitiseUrl, truncateText } from './format.js';
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

/** Options for {@link renderMarkdown}. */
export interface MarkdownReportOptions {
  /** Rows shown in the files, problems and drift tables before "… N more" (default 50). */
  limit?: number;
}

const statusBadges: Readonly<Record<string, string>> = {
  succeeded: '✅',
  failed: '❌',
  interrupted: '⏸️',
  running: '⏳',
  rolled_back: '↩️',
};

/** Escapes text for a GFM table cell or paragraph: pipes, HTML brackets, line breaks. */
function escapeCell(text: string): string {
  return truncateText(text, 300).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\|/g, '\\|');
}

/** Wraps text in a code span that survives backticks and pipes inside a table. */
function formatCode(text: string): string {
  const flat = truncateText(text, 300).replace(/\|/g, '\\|');
  const fence = flat.includes('`') ? '``' : '`';
  const pad = flat.includes('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function renderTable(header: readonly string[], align: readonly ('l' | 'r')[], rows: readonly (readonly string[])[]): string[] {
  const divider = header.map((_, index) => (align[index] === 'r' ? '--:' : '---'));
  return [`| ${header.join(' | ')} |`, `| ${divider.join(' | ')} |`, ...rows.map((row) => `| ${row.join(' | ')} |`)];
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/**
 * Renders a run report as GitHub-flavoured Markdown (headings and tables), suitable for a PR comment or a
 * file next to the JSON report. Uses only report fields; user text is escaped.
 */
export function renderMarkdown(report: RunReport, options: MarkdownReportOptions = {}): string {
  const limit = Math.max(1, options.limit ?? 50);
  const out: string[] = [];
  const badge = statusBadges[report.status] ?? 'ℹ️';
  out.push(`## membank ${escapeCell(report.command)} — run ${formatCode(report.runId)} — ${badge} ${escapeCell(report.status)}`, '');

  const facts: string[][] = [
    ['Started', formatTimestamp(report.startedAt)],
    ['Finished', report.finishedAt === null ? 'not finished' : formatTimestamp(report.finishedAt)],
    ['Duration', formatDuration(report.durationMs)],
  ];
  if (report.dryRun) facts.push(['Mode', '**dry run** — nothing was written']);
  facts.push([
    'Server',
    report.server === null
      ? 'not contacted'
      : `${escapeCell(sanitiseUrl(report.server.url))} (Vikunja ${escapeCell(report.server.version)}, API ${report.server.api})`,
  ]);
  facts.push([
    'Project',
    report.project === null
      ? 'none'
      : `${escapeCell(report.project.title)}${report.project.id === null ? ' (not created yet)' : ` (id ${report.project.id})`}`,
  ]);
  out.push(...renderTable(['', ''], [], facts), '');

  out.push('### Operations', '');
  const kinds = listKindRows(report);
  if (kinds.length === 0) {
    out.push('No operations.', '');
  } else {
    const total = sumCounts(kinds);
    const rows = kinds.map((row) => [formatCode(row.kind), ...outcomeColumns.map((column) => String(row.counts[column]))]);
    rows.push(['**Total**', ...outcomeColumns.map((column) => `**${total[column]}**`)]);
    out.push(...renderTable(['Kind', ...outcomeColumns.map(capitalise)], ['l', 'r', 'r', 'r', 'r', 'r'], rows), '');
  }

  const files = rankFiles(report);
  if (files.length > 0) {
    out.push(report.dryRun ? '### Planned changes by file' : '### Changes by file', '');
    const rows = files
      .slice(0, limit)
      .map((row) => [formatCode(row.file), String(row.total), row.byKind.map((entry) => `${entry.kind} ${entry.count}`).join(', ')]);
    out.push(...renderTable(['File', 'Changes', 'By kind'], ['l', 'r', 'l'], rows), '');
    if (files.length > limit) out.push(`… and ${pluralise(files.length - limit, 'more file')}.`, '');
  }

  out.push(`### Errors (${report.errors.length})`, '');
  if (report.errors.length === 0) {
    out.push('None.', '');
  } else {
    const rows = report.errors.map((error) => [formatCode(error.where), escapeCell(error.message), formatCode(error.opId)]);
    out.push(...renderTable(['Where', 'Message', 'Op'], [], rows), '');
  }

  const { errors, warnings } = countProblems(report.problems);
  out.push(`### Input problems (${pluralise(errors, 'error')}, ${pluralise(warnings, 'warning')})`, '');
  if (report.problems.length === 0) {
    out.push('None.', '');
  } else {
    const sorted = sortProblems(report.problems);
    const rows = sorted.slice(0, limit).map((problem) => [
      problem.severity,
      formatCode(problem.code),
      formatCode(locateProblem(problem)),
      escapeCell(problem.message),
      problem.received === null ? '' : formatCode(truncateText(problem.received, 80)),
      escapeCell(problem.fix),
    ]);
    out.push(...renderTable(['Severity', 'Code', 'Location', 'Problem', 'Received', 'Fix'], [], rows), '');
    if (sorted.length > limit) out.push(`… and ${sorted.length - limit} more (\`membank validate\` lists them all).`, '');
  }

  out.push('### Requests', '');
  const methods = listMethods(report.requests.byMethod);
  const requestRows = methods.map((entry) => [escapeCell(entry.method), String(entry.count)]);
  requestRows.push(['**Total**', `**${report.requests.total}**`]);
  out.push(...renderTable(['Method', 'Requests'], ['l', 'r'], requestRows), '');
  out.push(
    `${pluralise(report.requests.retries, 'retry', 'retries')}, ${pluralise(report.requests.rateLimitWaits, 'rate-limit wait')}.`,
    '',
  );

  out.push('### Verify', '');
  const { verify } = report;
  if (verify === null) {
    out.push('Not run.', '');
  } else if (verify.ok && verify.drift.length === 0) {
    out.push(`**OK** — ${pluralise(verify.checked, 'task')} checked, no drift.`, '');
  } else {
    out.push(`**FAILED** — ${pluralise(verify.checked, 'task')} checked, ${pluralise(verify.drift.length, 'drift item')}.`, '');
    if (verify.drift.length > 0) {
      const rows = verify.drift
        .slice(0, limit)
        .map((item) => [
          formatCode(item.key),
          item.taskId === null ? '—' : String(item.taskId),
          formatCode(item.field),
          formatCode(describeValue(item.expected, 80)),
          formatCode(describeValue(item.actual, 80)),
        ]);
      out.push(...renderTable(['Key', 'Task', 'Field', 'Expected', 'Actual'], ['l', 'r'], rows), '');
      if (verify.drift.length > limit) out.push(`… and ${verify.drift.length - limit} more drift items.`, '');
    }
  }
  const kept = report.kept ?? [];
  if (kept.length > 0) {
    out.push(`Changed in Vikunja since the last run — kept (${pluralise(kept.length, 'task')}, not written, not drift):`, '');
    for (const item of kept.slice(0, limit)) out.push(`- ${formatCode(item.source)} (task ${item.taskId}): ${item.fields.map(formatCode).join(', ')}`);
    if (kept.length > limit) out.push(`- … and ${kept.length - limit} more.`);
    out.push('');
  }

  const guard = report.guard;
  if (guard !== undefined && guard.tripped.length + guard.alerts.length > 0) {
    out.push('### Guards', '');
    if (guard.refused) {
      out.push(`Refused before its first write: nothing was written to Vikunja or the memory bank. If this change is intended, re-run with ${formatCode(guardOverrideOf(guard))} (or raise the limits in the config's \`guards\` section, docs/cron.md).`, '');
    }
    for (const trip of guard.tripped) out.push(`- ${formatCode(trip.guard)} tripped${guard.overridden ? `, overridden by ${formatCode(guardOverrideOf(guard))}` : ''}: ${trip.message}`);
    for (const alert of guard.alerts) out.push(`- alert: ${alert.message}`);
    out.push('');
  }

  out.push('### Journal', '');
  const j = report.journal;
  out.push(
    ...renderTable(
      ['Rows', 'Writes', 'Applied', 'Pending', 'Failed', 'Reverted'],
      ['r', 'r', 'r', 'r', 'r', 'r'],
      [[j.rows, j.pending + j.applied + j.failed + j.reverted, j.applied, j.pending, j.failed, j.reverted].map(String)],
    ),
    '',
    'Rows are journal rows (each write is recorded before it is sent, then its outcome); a write is one request, and a bulk create is one write for many of the operations above.',
    '',
  );

  if (report.files.length > 0) out.push(`Report files: ${report.files.map(formatCode).join(', ')}`, '');
  return `${out.join('\n').trimEnd()}\n`;
}
