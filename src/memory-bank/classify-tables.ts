/** Tables as a classification signal: which tables are task tables (and strongly so), and how to cite one. */
import type { TableSignal, MarkdownSignals } from './discover-signals.js';
import { tableColumns } from './vocabulary-data.js';
import { describeNoWork, detectTaskTable, isMarkColumn } from './extractors/tables.js';
import { defaultVocabulary } from './classify-facts.js';
import { readSectionStatus } from './classify-sections.js';

/** A table cited in a reason: its columns and line. */
export function describeTable(table: TableSignal): string {
  const columns = table.header.map((h) => h.replace(/[*`]/g, '').trim()).filter((h) => h !== '');
  return `table with columns ${columns.join('/')} at line ${table.line}`;
}

function hasColumn(table: TableSignal, role: keyof typeof tableColumns): boolean {
  const names: readonly string[] = tableColumns[role];
  return table.columns.some((c) => names.includes(c));
}

/**
 * A table whose rows are tasks: a task-ish title column plus a status, id or done-flag column (`Done`, `Completed`), or
 * id + description + status.
 */
export function isTaskTable(table: TableSignal): boolean {
  if (table.rows === 0) return false;
  const title = hasColumn(table, 'title');
  const id = hasColumn(table, 'id');
  const status = hasColumn(table, 'status');
  const weak = hasColumn(table, 'weakTitle');
  // A yes/no or done-date column says whether each row is done (`| Task | Done |`), as a status column does.
  const doneFlag = !status && (hasColumn(table, 'doneFlag') || table.header.some(isMarkColumn));
  // Work with an owner or a due date and no status yet (`| Task | Assignee | ETA |`).
  const assigned = title && !status && !id && !doneFlag && hasColumn(table, 'assigned');
  // Under a column naming work, a column whose cells say statuses may be the status column (`| Feature | Stage |`).
  const byCells = title && !status && !id && !doneFlag;
  // A title, a status and who does it, by when or how urgently, as issue trackers export a board (`| Title | Status |
  // Assignees |`, `| Summary | Priority | Status |`): without the last, a `| Name | Status |` lists things, not work.
  const tracked = weak && status && !title && !id && (hasColumn(table, 'assigned') || hasColumn(table, 'priority'));
  // An id column and a status without a title column (`| Ticket | Status |`): a task table when its ids are titles
  // (`Fix the invoice rounding`), which the parser then reads as the title column.
  const titledIds = id && status && !title && !weak;
  const named = (title && (status || id || doneFlag)) || (id && weak && status) || assigned || byCells || tracked;
  if (!named && !titledIds) return false;
  // The parser's own reading decides too: a results or inventory table (`| # | File | Description | Status |`) is not one.
  const columns = detectTaskTable(table.header, defaultVocabulary, table.body, table.meanings);
  return columns !== null && (named || columns.id === null);
}

/** What a table that is no task table records when its rows state something (a risk register, a decision log), or null. */
export function describeNoWorkTable(table: TableSignal): string | null {
  return table.rows === 0 ? null : describeNoWork(table.header, table.body, defaultVocabulary);
}

const idCellPattern = /^(?:[a-z]{1,12}[-_]?)?\d+(?:[.-]\d+)*[a-z]?$/;

/** A task table with an explicit id column whose cells look like ids (`PM-001`, `1.2`, `INF-101`). */
export function isStrongTaskTable(table: TableSignal): boolean {
  if (!isTaskTable(table) || !hasColumn(table, 'id') || !hasColumn(table, 'status')) return false;
  const idColumn = table.columns.findIndex((c) => (tableColumns.id as readonly string[]).includes(c));
  if (idColumn !== 0) return false;
  const ids = table.firstCells.filter((c) => idCellPattern.test(c.replace(/\s+/g, ''))).length;
  return ids >= Math.ceil(table.firstCells.length * 0.6);
}

/** Ids written with a prefix (`BUG-12`, `feat_7`, `TASK001`, `#12`): an issue's name, not a row's number. */
const prefixedIdPattern = /^(?:#\d+|[a-z]{1,12}[-_]?\d+(?:[.-]\d+)*[a-z]?)$/u;

/**
 * An issue list: prefixed ids in the first column and a column titling them, no status column, under a heading that
 * names their status (`## Closed`, `## Ice Box` over `| ID | Title | Priority |`): the heading is each row's status, as
 * trackers export a board column by column. Without such a heading (`| ID | Description | Priority |` of requirements),
 * the rows are no work.
 */
function isIssueList(table: TableSignal, heading: () => string | undefined): boolean {
  if (table.rows === 0 || !(tableColumns.id as readonly string[]).includes(table.columns[0] ?? '')) return false;
  if (hasColumn(table, 'status') || hasColumn(table, 'doneFlag') || !hasColumn(table, 'weakTitle')) return false;
  const ids = table.firstCells.filter((c) => prefixedIdPattern.test(c.replace(/\s+/g, ''))).length;
  if (ids < Math.ceil(table.firstCells.length * 0.6)) return false;
  const over = heading();
  return over !== undefined && readSectionStatus(over) !== null && detectTaskTable(table.header, defaultVocabulary, table.body) !== null;
}

/** The text of the last heading before a table, if any. */
function headingOver(signals: MarkdownSignals, table: TableSignal): string | undefined {
  return signals.headings.findLast((h) => h.line < table.line)?.text;
}

/** The task tables among a file's tables. */
export function filterTaskTables(signals: MarkdownSignals): TableSignal[] {
  return signals.tables.filter((table) => isTaskTable(table) || isIssueList(table, () => headingOver(signals, table)));
}

/** The tables keyed by ids among a file's: strong task tables and issue lists under status headings. */
export function filterIdKeyedTables(signals: MarkdownSignals): TableSignal[] {
  return signals.tables.filter((table) => isStrongTaskTable(table) || isIssueList(table, () => headingOver(signals, table)));
}

