/**
 * Tables: recognising task tables (ID / Task / Owner / Priority / Status columns in any language, or a status
 * column beside a title column) and vertical key/value tables (`| **Priority** | P0-CRITICAL |`), and turning
 * rows into drafts.
 */
import type { Table } from 'mdast';
import type { ExtractorNameValue } from '../../core/source-file.js';
import { decisionStates, doneFlagColumns, existenceStates, doneFlagValues, looseWorkColumns, markCharSource, rowNumberColumns, tableColumns, testOutcomes, type FieldKind, type KnownStatus } from '../vocabulary-data.js';
import { readTableRows, type TableRows } from '../markdown.js';
import { findPercent, matchWrittenStatus, normaliseDate, stripInlineMarkdown, type Vocabulary } from '../vocabulary.js';
import {
  addEarlierStatement,
  applyCrossedOff,
  applyDateText,
  applyField,
  applyOwnerText,
  applyPriorityText,
  applyStatusText,
  cleanFieldName,
  createDraft,
  setStatus,
} from './draft.js';
import { truncateForMessage } from '../../core/errors.js';
import { isStatusValue, readIdCell, readLinkedFile, readTitleMark, splitClosingKey, splitLeadingId } from './text.js';
import type { DraftTask, ExtractorContext } from './types.js';
import { applyClosingDate } from './item-line.js';
import { readMarkAlone } from '../mark-meanings.js';

/** Which column holds what in a task table. */
export interface TaskTableColumns {
  id: number | null;
  title: number;
  status: number | null;
  owner: number | null;
  priority: number | null;
  due: number | null;
  start: number | null;
  done: number | null;
  /**
   * The column that says whether a row is done when the table has no status column: a yes/no column (`Done`,
   * `Erledigt`: `✓`/`✗`, `Yes`/`No`, `[x]`/`[ ]`), else the done-date column (a row with a date is done).
   */
  doneFlag: number | null;
  /** A percent column (`Progress`, `% done`): each row's share done, and its status when there is no status column. */
  percent: number | null;
  created: number | null;
  updated: number | null;
  notes: number[];
  other: number[];
}

/**
 * Column names of result, inventory and finding tables: a table whose would-be title column is one of these lists
 * things measured or found, not work (test results per page, metrics, audit strengths, file inventories, change logs).
 */
const resultColumns: ReadonlySet<string> = new Set([
  'page', 'pages', 'url', 'route', 'endpoint', 'screen', 'metric', 'metrics', 'kpi', 'measure', 'value', 'file',
  'files', 'path', 'file path', 'module', 'strength', 'strengths', 'weakness', 'weaknesses', 'finding', 'findings',
  'observation', 'change', 'changes', 'date', 'version', 'release', 'commit', 'test', 'tests', 'test case', 'check',
  'details', 'detail', 'browser', 'platform', 'environment', 'package', 'dependency', 'library', 'tool', 'document',
  'section', 'criterion', 'criteria', 'requirement', 'risk', 'benchmark', 'scenario', 'command',
  // The same in the languages membank reads (`| 指标 | 当前值 | 目标值 | 状态 |`, `| Kennzahl | Ist | Soll |`).
  '指标', '指標', '度量', '页面', '文件', '模块', '測試', '测试', '风险', '風險', 'kennzahl', 'metrik', 'seite', 'datei', 'modul',
  'métrica', 'página', 'archivo', 'métrique', 'fichier', 'метрика', 'показатель', 'страница', 'файл', 'модуль', '지표',
  '메트릭', '페이지', '파일', 'メトリクス', '指標値', 'ページ', 'ファイル',
  // A check's name (`| 检查项 | 状态 |`, `| Prüfung | Status |`): a verification's table.
  '检查项', '检查', '檢查項', '檢查', '检查项目', '验证项', 'チェック項目', '確認項目', '점검 항목', '검사 항목', 'prüfung',
  'prüfpunkt', 'vérification', 'verificación', 'comprobación', 'verificação', 'проверка', 'verifica', 'controllo',
]);

/** Says whether a name (a column's, a data list's key) names things measured or found rather than work: `files`, `test_results`. */
export function namesResults(name: string): boolean {
  const text = name.toLowerCase().replace(/[_-]+/gu, ' ').trim();
  if (resultColumns.has(text)) return true;
  return text.split(/\s+/u).some((word) => resultColumns.has(word) || (word.endsWith('s') && resultColumns.has(word.slice(0, -1))) || runningThings.has(word));
}

/** Things that run or exist rather than get done, whose lists state a status all the same (`services: - name: api, status: active`). */
const runningThings: ReadonlySet<string> = new Set([
  'service', 'services', 'container', 'containers', 'server', 'servers', 'host', 'hosts', 'node', 'nodes', 'account', 'accounts',
  'user', 'users', 'model', 'models', 'provider', 'providers', 'component', 'components', 'deployment', 'deployments',
  'instance', 'instances', 'result', 'results', 'health', 'healthcheck', 'healthchecks', 'checks', 'history', 'log', 'logs',
  'event', 'events', 'session', 'sessions', 'flags',
]);

/**
 * A column of a risk register (`Likelihood`, `Probability`, `Mitigation plan`): its rows are risks watched and their
 * states (`Open`, `Mitigated`, `Closed`), not work, whatever its title column says (`| ID | Title | Likelihood |`).
 */
const riskColumn = /^(?:likelihood|probability|mitigations?(?: (?:strategy|plan|steps?|actions?|measures?))?|contingency|contingency plan|wahrscheinlichkeit|eintrittswahrscheinlichkeit|gegenmaßnahmen?|probabilité|vraisemblance|atténuation|probabilidad|mitigación|probabilità|mitigazione|waarschijnlijkheid|вероятность|可能性|概率|发生概率|発生確率)$/iu;

/** The name of a header's risk-register column (`riskColumn`), as written without emphasis, if it has one. */
function findRiskColumn(header: readonly string[]): string | undefined {
  for (const cell of header) {
    const name = stripInlineMarkdown(cell).trim();
    if (riskColumn.test(name)) return name;
  }
  return undefined;
}

/** A column of how often a duty comes back: its rows are duties, not work to finish. */
const recurrenceColumn = /^(?:frequency|cadence|recurrence|recurring|schedule|interval|how often|every)$/iu;

/**
 * Recognises a task table from its header: a title column plus a status or id column (given its body rows, also a
 * column whose cells say statuses under a column naming work). Returns null for other tables (comparisons,
 * findings, key/value tables).
 */
export function detectTaskTable(header: readonly string[], vocabulary: Vocabulary, body?: readonly (readonly string[])[], meanings?: () => ReadonlyMap<string, KnownStatus>): TaskTableColumns | null {
  if (header.length < 2) return null;
  if (findRiskColumn(header) !== undefined) return null;
  const columns: TaskTableColumns = {
    id: null, title: -1, status: null, owner: null, priority: null, due: null, start: null, done: null, doneFlag: null, percent: null,
    created: null, updated: null, notes: [], other: [],
  };
  let description: number | null = null;
  const unclaimed: number[] = [];
  header.forEach((cell, index) => {
    const name = stripInlineMarkdown(cell).trim();
    // A header that is only a mark (`✓`, `✅`) or empty heads a column of marks (`| ✅ | Build it |`), not of ids.
    const field = isMarkHeader(name) ? null : vocabulary.matchField(name);
    const isDescription = field === 'description' && !resultColumns.has(name.toLowerCase());
    if (field === 'id' && columns.id === null) columns.id = index;
    else if ((field === 'status' || field === 'overallStatus') && columns.status === null) columns.status = index;
    else if (field === 'owner' && columns.owner === null) columns.owner = index;
    else if (field === 'priority' && columns.priority === null) columns.priority = index;
    else if (field === 'due' && columns.due === null) columns.due = index;
    else if (field === 'start' && columns.start === null) columns.start = index;
    else if (field === 'done' && columns.done === null) columns.done = index;
    else if (field === 'created' && columns.created === null) columns.created = index;
    else if (field === 'updated' && columns.updated === null) columns.updated = index;
    else if (!isDescription && vocabulary.isTitleColumn(name) && columns.title < 0) columns.title = index;
    else if (isDescription && description === null) description = index;
    // A second column naming a title (`| Task | Title |`, `| Story | Summary |`) is read as a description is: the title
    // where the first one holds ids (`TASK-31`), the row's notes otherwise.
    else if (field === 'title' && columns.title >= 0 && description === null) description = index;
    else if (field === 'notes') columns.notes.push(index);
    else if (field === 'percent' && columns.percent === null) columns.percent = index;
    else unclaimed.push(index);
  });
  const namesThing = unclaimed.some((index) => resultColumns.has(stripInlineMarkdown(header[index] ?? '').trim().toLowerCase()));
  if (columns.title < 0 && description !== null) {
    // `| File | Description | Status |`: the description describes the file; an inventory, not work.
    if (namesThing) return null;
    columns.title = description;
    description = null;
  }
  // A column named for ids that holds the titles (`| Ticket | Status |` over `| Fix the invoice rounding | Open |`) is the
  // title column when no other names work: its rows are tickets written out, not numbered.
  if (columns.title < 0 && columns.id !== null && body !== undefined && holdsTitles(body, columns.id)) {
    columns.title = columns.id;
    columns.id = null;
  }
  if (columns.title < 0 && columns.status !== null) {
    // Without a column that names work, the first free column is the title only when it does not name a thing
    // measured or listed (`Page`, `Metric`, `File`, `Strength`, `Change`): those tables are results, not tasks.
    // A first column of short codes (`| Wave | Todos | Focus |` over `A`, `04–08`) labels the rows; the first free
    // column of words after it names the work.
    const worded = body !== undefined && holdsCodes(body, unclaimed[0] ?? -1) ? unclaimed.find((index) => holdsWords(body, index)) : undefined;
    const first = worded ?? unclaimed[0];
    if (first === undefined || resultColumns.has(stripInlineMarkdown(header[first] ?? '').trim().toLowerCase())) return null;
    unclaimed.splice(unclaimed.indexOf(first), 1);
    columns.title = first;
  }
  if (columns.title < 0) return null;
  if (columns.status === null) {
    const flag = unclaimed.find((index) => {
      const name = stripInlineMarkdown(header[index] ?? '').trim();
      return index !== columns.title && (doneFlagColumns.includes(name.toLowerCase()) || isMarkHeader(name));
    });
    if (flag !== undefined) unclaimed.splice(unclaimed.indexOf(flag), 1);
    columns.doneFlag = flag ?? columns.done;
  }
  if (columns.status === null && columns.id === null && columns.doneFlag === null && columns.percent === null) {
    // Work with an owner or a due date and no status yet (`| Task | Assignee | ETA |`, `| Action item | Owner | Due |`):
    // only under a column that names work, not a thing (`| Module | Owner |` is an ownership map), and not duties that
    // recur (`| Task | Frequency | Owner |`). Under such a column, a column whose cells say statuses (`| Feature |
    // Stage |` over `Shipped`) is the status column, when the rows are given.
    const titleName = stripInlineMarkdown(header[columns.title] ?? '').trim().toLowerCase();
    const work = tableColumns.title.includes(titleName);
    const candidates = unclaimed.filter((index) => index !== columns.title);
    // Rows of loosely named things answered yes or no in several columns (`| Feature | Chrome | Safari |`, `| Item |
    // Free | Pro |` over `✅`/`❌`) compare them; a row's first yes is no status of work.
    if (body !== undefined && looseWorkColumns.includes(titleName) && comparesAcross(header, body, candidates, vocabulary)) return null;
    const byCells = work && body !== undefined ? findStatusColumnByCells(body, candidates, vocabulary) : null;
    // Title cells opening with checkboxes (`| [x] Migrate the database | … |`) state each row's status themselves.
    const boxed = work && body !== undefined && opensWithBoxes(body, columns.title, vocabulary);
    if (byCells !== null) {
      columns.status = byCells;
      unclaimed.splice(unclaimed.indexOf(byCells), 1);
    } else if (!boxed && !(work && (columns.owner !== null || columns.due !== null))) return null;
    if (header.some((cell) => recurrenceColumn.test(stripInlineMarkdown(cell).trim()))) return null;
  }
  if (body !== undefined && recordsStates(header, body, columns, vocabulary, meanings)) return null;
  if (description !== null) columns.notes.unshift(description);
  columns.other = unclaimed.filter((index) => index !== columns.title);
  return columns;
}

/**
 * Whether two or more of `candidates` answer yes or no (`✅`, `❌`, `Yes`: `doneFlagValues`) and say no other status,
 * under headers that are neither statuses nor fields (`Chrome`, `Free`, `Pro`; not `Done`, `Tested`, `Owner`): a
 * comparison of things, not a status per row.
 */
function comparesAcross(header: readonly string[], body: readonly (readonly string[])[], candidates: readonly number[], vocabulary: Vocabulary): boolean {
  let answered = 0;
  for (const index of candidates) {
    const name = stripInlineMarkdown(header[index] ?? '').trim();
    if (name === '' || vocabulary.matchField(name) !== null || isStatusValue(name, vocabulary)) continue;
    let marks = 0;
    let statuses = 0;
    for (const cells of body) {
      const cell = stripInlineMarkdown(readCell(cells, index)).toLowerCase();
      if (cell === '' || /^[-–—]$/u.test(cell)) continue;
      if (doneFlagValues.yes.includes(cell) || doneFlagValues.no.includes(cell)) marks++;
      else if (isStatusValue(cell, vocabulary)) statuses++;
    }
    if (marks > 0 && statuses === 0) answered++;
  }
  return answered >= 2;
}

/**
 * Whether a table's status column records the state of things, decisions or tests rather than of work, given its body
 * rows (two filled status cells or more): a decision log or a test run when every cell opens with a decision's or a
 * test outcome's word, one at least that only they say (`Accepted`, `Superseded by ADR-4`, `Agreed`: `decisionStates`;
 * `Pass`, `Failed`, `Not run`: `testOutcomes`); an inventory when fewer than half of the cells read as statuses
 * (`Online`, `Stable`, `Installed`) and neither the title column names work outright (`Task`, `Story`; not `Item`,
 * `Feature`, `Component`: `looseWorkColumns`) nor an id column names the rows.
 */
function recordsStates(header: readonly string[], body: readonly (readonly string[])[], columns: TaskTableColumns, vocabulary: Vocabulary, meanings?: () => ReadonlyMap<string, KnownStatus>): boolean {
  if (columns.status === null) return false;
  const cells = readFilledCells(body, columns.status);
  if (cells.length < 2) return false;
  if (readOutcomeKind(cells) !== null) return true;
  const statuses = cells.filter((cell) => isStatusValue(cell, vocabulary)).length;
  const filled = cells.length;
  const titleName = stripInlineMarkdown(header[columns.title] ?? '').trim().toLowerCase();
  const loose = looseWorkColumns.includes(titleName);
  const namesWork = !loose && (tableColumns.title.includes(titleName) || columns.id !== null);
  if (namesWork || statuses * 2 >= filled) return false;
  // Marks the file's legend explains (`🟡`, `🔴` beside `## Status Legend` over `- 🟡 In Progress`) are statuses too:
  // asked only here, where the cells would otherwise say the table records no work.
  const explained = meanings?.();
  if (explained === undefined || explained.size === 0) return true;
  const marked = cells.filter((cell) => !isStatusValue(cell, vocabulary) && explained.has(readMarkAlone(stripInlineMarkdown(cell)) ?? '')).length;
  return (statuses + marked) * 2 < filled;
}

/** A checkbox opening a title cell (`| [x] Migrate the database | Sam |`): the box, read as a list item's is, and the title after it. */
function readTitleBox(title: string, vocabulary: Vocabulary): { status: string; rest: string } | null {
  const box = titleBox.exec(title);
  if (box?.[1] === undefined || vocabulary.matchCheckbox(box[1]) === null) return null;
  return { status: box[0].trim(), rest: title.slice(box[0].length) };
}
const titleBox = /^\[([^\]]{0,2})\][ \t]+(?=\S)/u;

/** Whether every filled cell of a column, two at least, opens with a checkbox (`[x] Migrate the database`, `[ ] Rotate the keys`). */
function opensWithBoxes(body: readonly (readonly string[])[], index: number, vocabulary: Vocabulary): boolean {
  const cells = readFilledCells(body, index);
  return cells.length >= 2 && cells.every((cell) => readTitleBox(cell, vocabulary) !== null);
}

/** Whether a column's filled cells, one at least, are words, not ids (`Fix the invoice rounding`, not `PROJ-12` or `4`). */
function holdsTitles(body: readonly (readonly string[])[], index: number): boolean {
  const cells = readFilledCells(body, index);
  return cells.length > 0 && cells.every((cell) => /\p{L}/u.test(cell) && readIdCell(cell) === null);
}

/** Whether a column's filled cells, two at least, are all short codes or number ranges (`A`, `B2`, `04–08`). */
function holdsCodes(body: readonly (readonly string[])[], index: number): boolean {
  const cells = index < 0 ? [] : readFilledCells(body, index);
  return cells.length >= 2 && cells.every((cell) => /^[\p{L}\d]{1,3}$|^\d{1,4}\s*[-–—]\s*\d{1,4}$/u.test(cell));
}

/** Whether a column's filled cells, one at least, are all words: letters and a space in each (`Front and auth`). */
function holdsWords(body: readonly (readonly string[])[], index: number): boolean {
  const cells = readFilledCells(body, index);
  return cells.length > 0 && cells.every((cell) => /\p{L}{2}/u.test(cell) && /\s/u.test(cell));
}

/** A column's filled cells (not empty, not a dash), plain text. */
function readFilledCells(body: readonly (readonly string[])[], index: number): string[] {
  return body.map((row) => stripInlineMarkdown(readCell(row, index)).trim()).filter((cell) => cell !== '' && !/^[-–—]$/u.test(cell));
}

/**
 * What a table whose rows state something but are no work records, for discovery's reason, or null: a risk register
 * (a `Likelihood`, `Probability` or `Mitigation` column), a decision log or a test run (see `recordsStates`).
 */
export function describeNoWork(header: readonly string[], body: readonly (readonly string[])[], vocabulary: Vocabulary): string | null {
  const risk = findRiskColumn(header);
  if (risk !== undefined) return `a risk register (column ${risk}): risks to watch, not work`;
  const status = header.findIndex((cell) => {
    const field = vocabulary.matchField(stripInlineMarkdown(cell).trim());
    return field === 'status' || field === 'overallStatus';
  });
  const cells = status < 0 ? [] : readFilledCells(body, status);
  const kind = cells.length < 2 ? null : readOutcomeKind(cells);
  if (kind === 'decision') return "a decision log: its status cells are decisions' (Accepted, Superseded), not work";
  if (kind === 'test') return 'a test run: its status cells are test outcomes (Pass, Failed), not work';
  if (kind === 'inventory') return 'an inventory: its status cells say whether things are there (Exists, Missing), not work';
  return null;
}

/** Whether statuses, two or more, record outcomes rather than work: every one a decision's or a test outcome's word (`Passing`, `Failed`, `Accepted`). */
export function recordOutcomes(values: readonly string[]): boolean {
  return values.length > 1 && readOutcomeKind(values) !== null;
}

/** What a status column's filled cells record when every one opens with a decision's, a test outcome's or an inventory's word (see `recordsStates`), else null. */
function readOutcomeKind(cells: readonly string[]): 'decision' | 'test' | 'inventory' | null {
  if (allOpenWith(cells, decisionStates)) return 'decision';
  if (allOpenWith(cells, existenceStates)) return 'inventory';
  return allOpenWith(cells, testOutcomes) ? 'test' : null;
}

/** Whether every cell opens with one of `words`, one at least with a word of `only` (after marks: `✅ Accepted`). */
function allOpenWith(cells: readonly string[], words: { readonly only: readonly string[]; readonly shared: readonly string[] }): boolean {
  let only = false;
  for (const cell of cells) {
    const text = cell.toLowerCase().replace(/^[^\p{L}]+/u, '');
    const opens = (word: string): boolean => text.startsWith(word) && !/[\p{L}]/u.test(text.charAt(word.length));
    if (words.only.some(opens)) only = true;
    else if (!words.shared.some(opens)) return false;
  }
  return only;
}

/**
 * Fields of a vertical key/value table, or null when the table is not one: bold keys in most rows, a generic header
 * (`| Field | Value |`) over at least one known field, or known field names in most rows, the status among them,
 * with the header row itself a pair (`| Status | Done |` over `| Priority | Low |`). The header's pair has line 0.
 */
export function readKeyValueTable(rows: TableRows, vocabulary: Vocabulary): { name: string; value: string; line: number }[] | null {
  const across = readFieldsAcross(rows, vocabulary);
  if (across !== null) return across;
  if (rows.header.length !== 2) return null;
  const all = [{ cells: rows.header, line: 0 }, ...rows.rows];
  const boldKeys = all.filter((row) => /^\*\*[^*]+\*\*:?$/u.test(row.cells[0] ?? '')).length;
  // Keys are words: a mark (`✅`, `#`) reads as the id field once normalised, and names no field here.
  const keys = all.map((row) => {
    const key = stripInlineMarkdown(row.cells[0] ?? '').replace(/[:：]$/u, '');
    return /[\p{L}\p{N}]/u.test(key) ? vocabulary.matchField(key) : null;
  });
  const knownKeys = keys.filter((key) => key !== null).length;
  const headerIsGeneric = /^(?:field|key|property|attribute|name|item|metadata|feld|champ|campo|поле|字段|属性)$/iu.test(
    stripInlineMarkdown(rows.header[0] ?? ''),
  );
  const headerValue = stripInlineMarkdown(rows.header[1] ?? '');
  // `| Status | Done |` as the header row: known keys in most rows, a status among them, and a header value that is not a column name.
  const headerIsPair =
    knownKeys >= all.length * 0.6 && keys.includes('status') && vocabulary.matchField(headerValue) === null && !vocabulary.isTitleColumn(headerValue);
  if (!(boldKeys >= all.length * 0.6 || (headerIsGeneric && knownKeys >= 1) || headerIsPair)) return null;
  const pairs = headerIsGeneric && boldKeys < all.length * 0.6 ? rows.rows : all;
  return pairs.map((row) => ({ name: cleanFieldName(row.cells[0] ?? ''), value: row.cells[1] ?? '', line: row.line }));
}

/**
 * The field each column names when a table's header writes a task's fields across (`| Status | Priority | Owner |`,
 * a task document's header): every header cell a field the vocabulary knows, a status among them, no title column;
 * else null. The parser (below) and write-back (writeback/scan.ts) read such a table by it.
 */
export function readFieldColumns(header: readonly string[], vocabulary: Vocabulary): FieldKind[] | null {
  if (header.length < 2) return null;
  const fields: FieldKind[] = [];
  for (const cell of header) {
    const name = stripInlineMarkdown(cell).replace(/[:：]$/u, '');
    const field = vocabulary.isTitleColumn(name) ? null : vocabulary.matchField(name);
    if (field === null) return null;
    fields.push(field);
  }
  return fields.includes('status') ? fields : null;
}

/**
 * Fields written across (`| Status | Priority | Owner |` over one row `| Done | Medium | Ravi |`, `readFieldColumns`):
 * each cell of the one row the value of its column. Null for any other table (two rows or more are a list of tasks).
 */
function readFieldsAcross(rows: TableRows, vocabulary: Vocabulary): { name: string; value: string; line: number }[] | null {
  const row = rows.rows[0];
  if (row === undefined || rows.rows.length !== 1 || row.cells.length !== rows.header.length || readFieldColumns(rows.header, vocabulary) === null) return null;
  return rows.header.map((name, index) => ({ name: cleanFieldName(name), value: row.cells[index] ?? '', line: row.line }));
}

/**
 * A legend of status marks (`| Status | Meaning |` over `| ✅ | Done |`, `| 🚧 | In progress |`): two rows or more, and
 * every title cell is a status phrase and nothing else. Its rows name states, not work.
 */
function isStatusLegend(rows: TableRows, columns: TaskTableColumns, vocabulary: Vocabulary): boolean {
  if (rows.rows.length < 2 || columns.id !== null) return false;
  return rows.rows.every((row) => {
    const match = vocabulary.matchStatus(stripInlineMarkdown(readCell(row.cells, columns.title)));
    return match.matched && match.coverage >= 1;
  });
}

/**
 * A board written as a table (`| To Do | In Progress | Review | Done |`): every header cell a status section or a
 * status, two statuses at least (so no column names work). The status of each column, else null.
 */
export function detectBoardTable(header: readonly string[], vocabulary: Vocabulary): KnownStatus[] | null {
  if (header.length < 2) return null;
  const statuses: KnownStatus[] = [];
  for (const cell of header) {
    const text = stripInlineMarkdown(cell).trim();
    // A section's name (`To Do`, `Backlog`), else a status (`Review`, `Testing`): every table's first header cell is
    // read so, the status only when no section is named.
    const section = vocabulary.matchSection(text);
    const status = section ?? (isStatusValue(text, vocabulary) ? vocabulary.matchStatus(text).canonical : 'unknown');
    if (status === 'unknown') return null;
    statuses.push(status);
  }
  return new Set(statuses).size >= 2 ? statuses : null;
}

/** A line break written in a table cell: the items of a board's cell are on lines of their own. */
const cellBreak = /\s*<br\s*\/?>\s*/iu;

/**
 * The cards of a board table (`detectBoardTable`): each item of each cell a task (`<br>` between items), with its
 * column's status as a section gives one (write-back does not move cards between columns).
 */
export function readBoardDrafts(ctx: ExtractorContext, table: Table, statuses: readonly KnownStatus[], options: Omit<TableDraftOptions, 'sectionStatus' | 'sectionPriority'>): DraftTask[] {
  const rows = readTableRows(ctx.lines, table);
  const drafts: DraftTask[] = [];
  for (const row of rows.rows) {
    statuses.forEach((status, index) => {
      for (const item of readCell(row.cells, index).split(cellBreak)) {
        const title = stripInlineMarkdown(item).trim();
        if (title === '' || ctx.vocabulary.isPlaceholder(title) || /^[-–—.…\s]*$/u.test(title)) continue;
        const split = splitLeadingId(title, 'strict');
        const draft = createDraft(ctx, { extractor: options.extractor, line: row.line, title: split.rest === '' ? title : split.rest, sourceId: split.id, context: options.context, parent: options.parent });
        setStatus(ctx, draft, status, null, 'section', row.line);
        drafts.push(draft);
      }
    });
  }
  return drafts;
}

/** Options for turning table rows into drafts. */
export interface TableDraftOptions {
  extractor: ExtractorNameValue;
  context: string[];
  parent: DraftTask | null;
  /** Status implied by the section the table sits in (`## Completed tasks`). */
  sectionStatus: KnownStatus | null;
  sectionPriority: number | null;
  tableLine: number;
}

const rowNumberHeaders: ReadonlySet<string> = new Set(rowNumberColumns);

/**
 * Says whether a table's id column numbers its rows: headed as a row number is (`#`, `No.`, not `ID`), its cells whole
 * numbers counting up by one from the first row to the last, and every row titled (a row with only its number keeps it).
 */
function numbersRows(rows: TableRows, column: number, titleColumn: number): boolean {
  const header = stripInlineMarkdown(readCell(rows.header, column)).trim().toLowerCase().replace(/\.$/u, '');
  if (!rowNumberHeaders.has(header) || rows.rows.length < 2) return false;
  let previous: number | null = null;
  for (const row of rows.rows) {
    const cell = stripInlineMarkdown(readCell(row.cells, column)).trim().replace(/\.$/u, '');
    if (!/^\d{1,5}$/u.test(cell) || stripInlineMarkdown(readCell(row.cells, titleColumn)).trim() === '') return false;
    const number = Number(cell);
    if (previous !== null && number !== previous + 1) return false;
    previous = number;
  }
  return true;
}

/** Turns the rows of a task table into drafts (rows without a title or id are skipped). */
export function readTableDrafts(
  ctx: ExtractorContext,
  table: Table,
  headerColumns: TaskTableColumns,
  options: TableDraftOptions,
): DraftTask[] {
  const rows = readTableRows(ctx.lines, table);
  const drafts: DraftTask[] = [];
  if (isStatusLegend(rows, headerColumns, ctx.vocabulary)) return drafts;
  const columns = findStatusByCells(rows, headerColumns, ctx.vocabulary);
  // The same for every row: made once per table.
  const dateColumns = [
    ['due', columns.due],
    ['start', columns.start],
    ['done', columns.done],
    ['created', columns.created],
    ['updated', columns.updated],
  ] as const;
  // A Status column holding notes where statuses were meant to go: those cells are their rows' notes (below).
  const notes = columns.status === null ? null : readStatusNotes(rows, columns.status, ctx.vocabulary);
  if (notes !== null) reportStatusNotes(ctx, notes, options.tableLine);
  // A column numbering the rows (`| # | Task |` counting 1, 2, 3) gives places, not ids: the rows keep their titles' keys.
  const idColumn = columns.id !== null && numbersRows(rows, columns.id, columns.title) ? null : columns.id;
  for (const row of rows.rows) {
    const cells = row.cells;
    let titleCell = readCell(cells, columns.title);
    let sourceId = idColumn === null ? null : readIdCell(readCell(cells, idColumn)) ?? (stripInlineMarkdown(readCell(cells, idColumn)) || null);
    // `| Task | Description | Status |` whose Task cells are ids (`RCF-1.0`): the id is the id, the description the title.
    const described = columns.notes[0] === undefined ? '' : readCell(cells, columns.notes[0]);
    if (sourceId === null && described !== '' && /\d/u.test(titleCell) && readIdCell(titleCell) !== null && readIdCell(titleCell) === stripInlineMarkdown(titleCell)) {
      sourceId = readIdCell(titleCell);
      titleCell = described;
    }
    let title = stripInlineMarkdown(titleCell);
    // A status mark written in the title cell (`| ✅ Upload | ana |`, `| Sharing ⏳ |`) is no part of the title: the
    // row's status where no cell states one.
    const closingMark = readTitleMark(title, ctx.vocabulary);
    const titleMark = closingMark ?? readTitleBox(title, ctx.vocabulary);
    if (titleMark !== null) title = titleMark.rest;
    if (sourceId === null) {
      // An id opening the title cell (`TASK-3: Export`) or closing it in brackets (`Export [ALB-204]`).
      const split = splitLeadingId(title, 'strict');
      const closing = split.id === null ? splitClosingKey(title) : null;
      if (split.id !== null) {
        sourceId = split.id;
        title = split.rest;
      } else if (closing !== null) {
        sourceId = closing.id;
        title = closing.rest;
      }
    }
    if (title === '' && sourceId === null) continue;
    if (ctx.vocabulary.isPlaceholder(title) && sourceId === null) continue;
    if (/^[-–—.…\s]*$/u.test(title) && (sourceId === null || /^[-–—.…\s]*$/u.test(sourceId))) continue;
    const draft = createDraft(ctx, {
      extractor: options.extractor,
      line: row.line,
      title: title === '' ? (sourceId ?? '') : title,
      sourceId,
      context: options.context,
      parent: options.parent,
    });
    // A title cell linking to a task file (`| [Offline mode](tasks/offline-mode.md) | … |`) names that file's task.
    const linked = sourceId === null ? readLinkedFile(titleCell, draft.title) : null;
    if (linked !== null) draft.linkedFile = linked;
    if (options.sectionStatus !== null) setStatus(ctx, draft, options.sectionStatus, null, 'section', options.tableLine);
    const status = readCell(cells, columns.status);
    if (notes?.has(row.line) === true) draft.body.push(status);
    else if (status !== '' && !/^[-–—]$/u.test(status)) {
      // A mark alone the file's legend explains (`🟡` beside `- 🟡 In Progress`) means what the legend says.
      const mark = readMarkAlone(stripInlineMarkdown(status));
      const meant = mark === null ? undefined : ctx.markMeanings.get(mark);
      if (meant !== undefined) setStatus(ctx, draft, meant, status.trim(), 'table-cell', row.line);
      else applyStatusText(ctx, draft, status, 'table-cell', row.line);
    }
    const flag = readCell(cells, columns.doneFlag);
    if (flag !== '' && !/^[-–—]$/u.test(flag)) applyDoneFlag(ctx, draft, flag, row.line);
    const percent = findPercent(readCell(cells, columns.percent));
    if (percent !== null) {
      draft.percentDone = percent;
      // Without a status or done-flag column, the share done is the status: all of it done, none todo.
      if (columns.status === null && columns.doneFlag === null) {
        setStatus(ctx, draft, percent >= 1 ? 'done' : percent <= 0 ? 'todo' : 'in_progress', readCell(cells, columns.percent), 'percent', row.line);
      }
    }
    // After the cells: a status cell stands, and a mark that disagrees with it is reported.
    if (titleMark !== null) applyStatusText(ctx, draft, titleMark.status, 'inline', row.line);
    if (closingMark?.date !== undefined) applyClosingDate(draft, closingMark.date, () => ctx.dayFirst);
    // A title struck through whole (`~~Print the album~~`) was crossed off: done, or dropped if its status is open.
    applyCrossedOff(draft, titleCell);
    // A row stating no status under a task finished or dropped (a plan's steps under `### Subtask 2.9 … ✅ DONE`) is so
    // too, as a plan step without a box is.
    const parentStatus = options.parent?.status.canonical;
    if (draft.status.from === 'default' && (parentStatus === 'done' || parentStatus === 'cancelled')) setStatus(ctx, draft, parentStatus, null, 'default', row.line);
    const priority = readCell(cells, columns.priority);
    if (priority !== '') applyPriorityText(ctx, draft, priority, row.line);
    else if (options.sectionPriority !== null) draft.priority = { value: options.sectionPriority, raw: null };
    const owner = readCell(cells, columns.owner);
    if (owner !== '') applyOwnerText(ctx, draft, owner);
    for (const [column, index] of dateColumns) {
      // A column named only `Date` in a row stating its work done (a history of milestones, `| 2026-02-15 | Pilot run |
      // Done |`) says when it was done.
      const field = column === 'created' && draft.status.canonical === 'done' && draft.dates.done === null && plainDateColumn.test(cleanFieldName(rows.header[index ?? -1] ?? '')) ? 'done' : column;
      const value = readCell(cells, index);
      // A done-date column read as the done flag too (`Completed` over `Yes`, `✅`): a value that is no date was the flag.
      if (index === columns.doneFlag && normaliseDate(value) === null) continue;
      if (index !== null && value !== '' && !/^[-–—]$/u.test(value)) {
        applyDateText(ctx, draft, field, value, row.line, cleanFieldName(rows.header[index] ?? field));
      }
    }
    for (const index of columns.notes) {
      const value = readCell(cells, index);
      if (value !== '' && !/^[-–—]$/u.test(value) && value !== titleCell) draft.body.push(value);
    }
    for (const index of columns.other) {
      const value = stripInlineMarkdown(readCell(cells, index));
      const name = cleanFieldName(rows.header[index] ?? '');
      if (value === '' || name === '' || /^[-–—]$/u.test(value)) continue;
      // A row's labels (`| Title | Status | Labels |` over `bug, ui`), as an issue tracker exports them.
      if (ctx.vocabulary.matchField(name) === 'tags') applyField(ctx, draft, name, value, row.line, 'table-cell');
      else draft.extra[name] = value;
    }
    drafts.push(draft);
  }
  return foldAppendOnlyRows(ctx, drafts, options.tableLine);
}

/** A column named only for a date (`Date`, `Datum`, `日期`), not for which one. */
const plainDateColumn = /^(?:date|datum|fecha|дата|日期|日付|날짜)$/iu;

/** A cell reading as a note, not a status word the vocabulary does not know: three words or more, code, a list or a path. */
function readsAsNote(cell: string): boolean {
  return /[`,/]/u.test(cell) || cell.trim().split(/\s+/u).length >= 3;
}

/**
 * The rows whose status cell holds a note, when the table's Status column holds notes where statuses were meant to go
 * (`| Task | Owner | Status |` over `From benchmark analysis`, `C4 Mermaid diagram`, `` `./scripts/run.sh` ``): three
 * filled cells at least, two in three of them reading as no status, and two in three of those notes (`readsAsNote`).
 * Each cell reading as no status is then its row's note, not an unknown status (which write-back would write over).
 * Null when the column holds statuses, known or not (`QA ready`, `Staging`: each a `status-unknown`, a word to map).
 */
function readStatusNotes(rows: TableRows, column: number, vocabulary: Vocabulary): Map<number, string> | null {
  const filled = rows.rows.flatMap((row) => {
    const cell = readCell(row.cells, column);
    return cell === '' || /^[-–—]$/u.test(cell) ? [] : [{ line: row.line, cell, status: matchWrittenStatus(vocabulary, cell).matched }];
  });
  const notes = filled.filter((each) => !each.status);
  const written = notes.filter((each) => readsAsNote(stripInlineMarkdown(each.cell))).length;
  if (filled.length < 3 || notes.length * 3 < filled.length * 2 || written * 3 < notes.length * 2) return null;
  return new Map(notes.map((each) => [each.line, each.cell]));
}

/** One warning for a table whose Status column holds notes (`readStatusNotes`), naming the first of them. */
function reportStatusNotes(ctx: ExtractorContext, notes: ReadonlyMap<number, string>, tableLine: number): void {
  const written = [...notes.values()];
  ctx.report({
    severity: 'warning',
    code: 'status-notes',
    line: tableLine,
    message: `the Status column of the table at line ${tableLine} holds notes, not statuses, in ${notes.size} row(s) (lines ${[...notes.keys()].join(', ')}): each became its row's description, and the row is read as not started`,
    received: truncateForMessage(written.slice(0, 3).join(' · ')),
    fix: 'write each row\'s status in the Status column (before the note if you keep it: `⏳ Pending — Verify rendering`), or move the notes to a Notes column',
  });
}

/**
 * A done-flag cell: yes is done and no is not done yet (`✗`, `❌` and `No` here mean "not yet", not "blocked"), a
 * date is the day it was done; other text is read as a status (`Partly`, `In progress`).
 */
function applyDoneFlag(ctx: ExtractorContext, draft: DraftTask, cell: string, line: number): void {
  const value = stripInlineMarkdown(cell).trim();
  const flag = value.toLowerCase();
  if (doneFlagValues.yes.includes(flag)) setStatus(ctx, draft, 'done', value, 'table-cell', line);
  else if (doneFlagValues.no.includes(flag)) setStatus(ctx, draft, 'todo', value, 'table-cell', line);
  else if (normaliseDate(value) !== null) setStatus(ctx, draft, 'done', value, 'table-cell', line);
  else applyStatusText(ctx, draft, cell, 'table-cell', line);
}

const markHeader = new RegExp(`^[${markCharSource}\\uFE0F\\u200D\\s]*$`, 'u');

/** A header cell that is empty or only marks (`✓`, `✅`, `☐`): not `#`, which heads ids. */
function isMarkHeader(name: string): boolean {
  return markHeader.test(name);
}

/** A header cell as written (`**✅**`) that heads a column of marks: what discovery asks of a table's header too. */
export function isMarkColumn(cell: string): boolean {
  return isMarkHeader(stripInlineMarkdown(cell).trim());
}

/**
 * A task table's columns with its status column found by what its cells say, when its header names none (and no
 * done-flag or percent column stands in): see `findStatusColumnByCells`. Else the columns as they are.
 */
function findStatusByCells(rows: TableRows, columns: TaskTableColumns, vocabulary: Vocabulary): TaskTableColumns {
  if (columns.status !== null || columns.doneFlag !== null || columns.percent !== null) return columns;
  const index = findStatusColumnByCells(rows.rows.map((row) => row.cells), columns.other, vocabulary);
  return index === null ? columns : { ...columns, status: index, other: columns.other.filter((other) => other !== index) };
}

/**
 * The first of `candidates` whose filled cells (two or more) read as statuses, at least two in three (`| Feature |
 * Stage |` over `Shipped`, `In dev`; Jira's `| Ticket | Resolution |` over `Fixed`, `Won't fix`), else null: a status
 * column whatever its header says. Shared by discovery (its table signals) and the extractors.
 */
export function findStatusColumnByCells(body: readonly (readonly string[])[], candidates: readonly number[], vocabulary: Vocabulary): number | null {
  for (const index of candidates) {
    let filled = 0;
    let statuses = 0;
    for (const cells of body) {
      const cell = stripInlineMarkdown(readCell(cells, index));
      if (cell === '' || /^[-–—]$/u.test(cell)) continue;
      filled++;
      if (isStatusValue(cell, vocabulary)) statuses++;
    }
    if (filled >= 2 && statuses * 3 >= filled * 2) return index;
  }
  return null;
}

/** A row's cell, trimmed ('' when the column is missing). */
function readCell(cells: readonly string[], index: number | null): string {
  return index === null ? '' : (cells[index] ?? '').trim();
}

/** The id a table's rows are grouped by when folded (trimmed, upper case), or null for a row without one. */
function readRowId(draft: DraftTask): string | null {
  return draft.sourceId === null ? null : draft.sourceId.trim().toUpperCase();
}

/** Whether two drafts of a table share an id (by `readRowId`, as `foldAppendOnlyRows` groups them). */
function hasRepeatedId(drafts: readonly DraftTask[]): boolean {
  let seen: Set<string> | null = null;
  let first: string | null = null;
  for (const draft of drafts) {
    const id = readRowId(draft);
    if (id === null) continue;
    // Most tables have a handful of distinct ids: a set only from the second one on.
    if (first === null) {
      first = id;
      continue;
    }
    if (seen === null) {
      if (id === first) return true;
      seen = new Set([first]);
    } else if (seen.has(id)) return true;
    seen.add(id);
  }
  return false;
}

/**
 * An append-only table writes the same id again in a later row when the task changes (the last row is the
 * newest): one task per id, the last row's values win, earlier rows go to its progress, one note per id.
 */
function foldAppendOnlyRows(ctx: ExtractorContext, drafts: DraftTask[], tableLine: number): DraftTask[] {
  if (!hasRepeatedId(drafts)) return drafts;
  const byId = new Map<string, DraftTask[]>();
  for (const draft of drafts) {
    const id = readRowId(draft);
    if (id === null) continue;
    const rows = byId.get(id);
    if (rows === undefined) byId.set(id, [draft]);
    else rows.push(draft);
  }
  const dropped = new Set<DraftTask>();
  for (const rows of byId.values()) {
    if (rows.length < 2) continue;
    const last = rows[rows.length - 1] as DraftTask;
    const earlier = rows.slice(0, -1);
    for (const row of earlier) {
      dropped.add(row);
      addEarlierStatement(last, row);
    }
    ctx.report({
      severity: 'warning',
      code: 'append-only-rows',
      line: last.line,
      message: `the table at line ${tableLine} lists ${last.sourceId ?? ''} in ${rows.length} rows (lines ${rows.map((row) => row.line).join(', ')}); read as an append-only log: the last row (line ${last.line}) is the current state, the earlier rows became its history`,
      received: truncateForMessage(rows.map((row) => `${row.status.raw ?? ''}`).join(' → ')),
      fix: 'nothing to do if the table is a log; if these are different tasks, give each its own id',
    });
  }
  return dropped.size === 0 ? drafts : drafts.filter((draft) => !dropped.has(draft));
}
