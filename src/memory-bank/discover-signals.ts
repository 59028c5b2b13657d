/**
 * Cheap, line-based signals read from one Markdown file for classification: frontmatter keys, headings,
 * tables and their columns, checkboxes, bold fields, Roo timestamps, Kiro items, placeholders.
 * Fenced code is skipped (so examples inside fences never count). Pure: no I/O, no full Markdown parse.
 */

import type { FrontmatterValue } from './frontmatter.js';
import { findHeaderStatus, readItemStatusField, readMarginStatusField, type HeaderStatus } from './header-status.js';
import { closingDashSource, statusEmoji, type KnownStatus } from './vocabulary-data.js';
import { splitTableLine } from './table-line.js';
import { closingIndicator, markItemPattern } from './mark-meanings.js';
import {
  headingPattern,
  namesSchedule,
  crossItemPattern,
  rooHeadingPattern,
  fencePattern,
  fencedStatusPattern,
  jsonFencePattern,
  jsonStatusPattern,
  namesTaskOnLine,
  yamlFencePattern,
  tableSeparatorPattern,
  checkboxPattern,
  isOpenBoxMark,
  readIndent,
  marginCheckboxPattern,
  definitionItemPattern,
  readTermMark,
  listItemPattern,
  statusLeadItemPattern,
  wordLeadItemPattern,
  boldLabelItemLine,
  boldLabelLine,
  plainLabelLine,
  plainLabelItemLine,
  closingMarkPattern,
  kiroItemPattern,
  requirementsPattern,
  boldFieldPattern,
  tableBoldFieldPattern,
  rooStampPattern,
  rooPreamblePattern,
  taskRefPattern,
  taskIdHeadingPattern,
  taskmasterHeadingPattern,
  isoDatePattern,
  mdLinkPattern,
  placeholderHintBeyondBracket,
  isoDateHint,
  descriptionItemStart,
  placeholderHintBeyondBracketTexts,
  listItemNeed,
  placeholderPatterns,
  placeholderKindList,
  placeholderRegexList,
  placeholderNeedList,
  countMatches,
  endsBeyondAscii,
  markLinePattern,
  quotationCalloutStart,
  quotePrefix,
  opensNumberedItem,
  readFrontmatter,
  readSetextHeading,
  readStatusTailTerm,
} from './discover-patterns.js';

/** One ATX heading. */
export interface HeadingSignal {
  level: number;
  /** Heading text, emphasis markers kept. */
  text: string;
  /** 1-based line. */
  line: number;
  /** List items between this heading and the next one. */
  items: number;
  /** Of those, the ones with a checkbox marker. */
  boxes: number;
  /** Of those, the numbered ones at the margin (`1. Import report`). */
  numbered: number;
}

/** One pipe table. */
export interface TableSignal {
  /** 1-based line of the header row. */
  line: number;
  /** Header cells as written (trimmed). */
  header: string[];
  /** Header cells normalised for matching (lower case, emphasis and emoji removed). */
  columns: string[];
  /** First cell of each body row (normalised), for id checks. */
  firstCells: string[];
  /** Number of body rows. */
  rows: number;
  /**
   * The body rows' cells: whether a column says statuses under a header naming none (`| Feature | Stage |`), and
   * whether the status column records work at all (`| Item | Status |` over `Online`), is read from them.
   */
  body: string[][];
  /**
   * What the file's legend says its marks mean (`- 🟡 In Progress` under `## Status Legend`), asked of a status column
   * of marks (classification sets it; the scan does not read legends).
   */
  meanings?: () => ReadonlyMap<string, KnownStatus>;
}

/** One `**Name:** value` field (also `**Name**: value`, `- **Name:** value`, `| **Name** | value |`). */
export interface BoldFieldSignal {
  /** Normalised name (lower case, no trailing colon). */
  name: string;
  value: string;
  line: number;
}

/** A bold label alone on its line over a list (`**Completed:**` then `- Sign-in`): a heading in all but name. */
export interface LabelSignal {
  /** Normalised name (lower case, no trailing colon), as a bold field's. */
  name: string;
  line: number;
  /** List items of the list under it, and of those the ones with a checkbox marker. */
  items: number;
  boxes: number;
}

/** Everything classification looks at in one Markdown file. */
export interface MarkdownSignals {
  /** Frontmatter (as the parser finds it: at line 1 or right after an opening H1): top-level keys → scalar values (`readFrontmatter`). */
  frontmatter: Record<string, string> | null;
  /** The same frontmatter as read, lists and maps included (Cursor's `todos:`). */
  frontmatterData: Record<string, FrontmatterValue> | null;
  /** 1-based line where a frontmatter at line 1 closes (0 when there is none, or it follows the H1). */
  frontmatterEndLine: number;
  headings: HeadingSignal[];
  tables: TableSignal[];
  /** List items with a checkbox marker. */
  checkboxes: { open: number; done: number; firstLine: number | null };
  /** Kiro-style numbered checkbox items (`- [x] 1. Title`, `- [ ]* 2.1 Title`). */
  kiroItems: number;
  /** `_Requirements: …_` references (Kiro). */
  requirementsRefs: number;
  boldFields: BoldFieldSignal[];
  /** `[YYYY-MM-DD HH:MM(:SS)] -` entries (Roo). */
  rooStamps: { count: number; firstLine: number | null };
  /** The Roo template preamble line `… - Log of updates made.` */
  rooPreambleLine: number | null;
  /** Index lines referencing task files: `- [TASK001] …` or `` - `TASK106` … ``. */
  taskRefLines: number;
  /** First line of an H1 of the form `# [TASK004] - Title` / `# TASK004 - Title`. */
  taskIdHeadingLine: number | null;
  /** First line of a Taskmaster `# Task ID: 1` heading. */
  taskmasterHeadingLine: number | null;
  /** Template placeholders found outside code: distinct kinds and total count. */
  placeholders: { kinds: string[]; count: number; firstLine: number | null };
  /** Real ISO dates (`2026-03-12`) outside code. */
  isoDates: number;
  /** Non-blank lines outside frontmatter and fenced code. */
  contentLines: number;
  /** Non-blank lines inside fenced code. */
  fencedLines: number;
  /** Markdown links to `.md` files. */
  mdLinks: number;
  /** The status the file states about itself in its header (`**Status:**`, `## Status: DONE`, `Status: x`…). */
  headerStatus: HeaderStatus | null;
  /** List items that define a term: `- **Done**: merged and deployed`, `- Blocked — waiting on…` (term, line). */
  definitionItems: { term: string; line: number }[];
  /** All list items outside code. */
  listItems: number;
  /**
   * List items without a checkbox led by a word in brackets or capitals (`- [WIP] …`, `- DONE: …`): the word and
   * line. Classification keeps those whose word reads as a status.
   */
  statusLeads: { term: string; line: number }[];
  /**
   * List items without a checkbox led by up to three words and a colon, the first capitalised (`- Done: Set up CI`,
   * `- In progress: Nightly backups`): the words and line. Classification keeps those that read wholly as a status.
   */
  wordLeads: { term: string; line: number }[];
  /**
   * List items without a checkbox led or closed by an indicator mark (`- 🟡 Move the cron jobs`, `- Tune the cache
   * 🔴`), or led by another mark no status word reads alone (`- ⚠️ Migrate the list`, a cross outside a span of the
   * schedule, `- ❌ Record the demo`): the mark and line. Such a mark says a status only where the file explains it (an
   * indicator beside a status, any mark in a legend: mark-meanings.ts), which classification reads.
   */
  markLeads: { mark: string; line: number }[];
  /**
   * List items without a checkbox closed by words in parentheses or after a dash (`- Import contacts (done)`, `-
   * Merge duplicates — in progress`, `(Status: pending)`): the words and line. Classification keeps those that read
   * as a status.
   */
  statusTails: { term: string; line: number }[];
  /** Status keys of items in a fenced YAML block (```` ```yaml ```` over `- title: …` and `status: done`): the values and lines. */
  fencedStatuses: { value: string; line: number }[];
  /** List items led or closed by a checkbox-like mark (`- ✅ …`, `- Ship it ⏳`): done and open ones, and the first line. */
  statusMarks: { open: number; done: number; firstLine: number | null };
  /** Status fields on lines indented under a list item's title (`   **Status:** Done`, `  - Status: Done`). */
  itemStatusFields: { value: string; line: number }[];
  /** Status fields at the margin, plain or quoted (`Status: Done`, `> Status: In progress`, `- Status: Blocked`): the values and lines. */
  marginStatusFields: { value: string; line: number }[];
  /** Lines naming the task a block of fields describes (`**Task:** Rotate the keys`, `Title: …`). */
  taskNameLines: number[];
  /** Bold labels alone on their line over a list (`**Completed:**`, `**Next Steps**:`). */
  labels: LabelSignal[];
}


/**
 * What the line loop gathers for one file. Every field has its final type from the start (a line number is 0 until
 * found, a kind list is an array): the scan's compiled code then never sees a field change type, which would throw
 * it away. `scanMarkdown` turns it into `MarkdownSignals` at the end.
 */
const crlfPattern = /\r?\n/;

interface ScanState {
  lines: readonly string[];
  /** Lines of a few words alone over a list (`What's left`, `Next steps:`): candidates for labels (see `LabelSignal`). */
  plainLabels: { name: string; line: number }[];
  /** The first line after a frontmatter block at the top (0 without one). */
  bodyStart: number;
  /**
   * What the whole text holds, tested once per file: a line can hold only what its file holds, so a test per line
   * for something the file lacks is skipped (most files lack most of these).
   */
  hints: FileHints;
  /** Where the strings the line gates look for next occur in the text (see `Cursor`). */
  hash: Cursor;
  pipe: Cursor;
  bracket: Cursor;
  requirement: Cursor;
  bold: Cursor;
  underscoreBold: Cursor;
  colon: Cursor;
  wideColon: Cursor;
  dash: Cursor;
  link: Cursor;
  headings: HeadingSignal[];
  tables: TableSignal[];
  boldFields: BoldFieldSignal[];
  definitionItems: { term: string; line: number }[];
  statusLeads: { term: string; line: number }[];
  wordLeads: { term: string; line: number }[];
  markLeads: { mark: string; line: number }[];
  statusTails: { term: string; line: number }[];
  fencedStatuses: { value: string; line: number }[];
  /** The last line of a paragraph read closing with its status (words or a mark), and whether it was counted (beside another so). */
  lineTail: { term: string | undefined; mark: string | undefined; line: number; counted: boolean } | null;
  markOpen: number;
  markDone: number;
  markLine: number;
  itemStatusFields: { value: string; line: number }[];
  marginStatusFields: { value: string; line: number }[];
  taskNameLines: number[];
  placeholderKinds: string[];
  placeholderCount: number;
  placeholderLine: number;
  open: number;
  done: number;
  boxLine: number;
  kiroItems: number;
  requirementsRefs: number;
  rooStamps: number;
  rooStampLine: number;
  rooPreambleLine: number;
  taskRefLines: number;
  taskIdHeadingLine: number;
  taskmasterHeadingLine: number;
  isoDates: number;
  contentLines: number;
  fencedLines: number;
  mdLinks: number;
  listItems: number;
  firstH1Line: number;
  /** Inside an Obsidian callout of quoted material (`> [!quote]`): its checkbox lines are not the bank's. */
  quotation: boolean;
}

/**
 * One string the line gates look for, searched forward through the whole text: whether a line holds it is a
 * comparison with where it next occurs. A test on the line itself (`line.includes`) cost a property look-up that
 * never settles (split lines come in six kinds of V8 string) and a call, ten times per line.
 */
interface Cursor {
  text: string;
  needle: string;
  /** Where the needle next occurs at or after the last line asked about; the text's length when it does not. */
  at: number;
}

function createCursor(text: string, needle: string): Cursor {
  return { text, needle, at: -1 };
}

/** Whether the text holds the cursor's needle between `start` and `end` (a line; starts only grow, needles hold no line break). */
function holds(cursor: Cursor, start: number, end: number): boolean {
  if (cursor.at < start) {
    const at = cursor.text.indexOf(cursor.needle, start);
    cursor.at = at === -1 ? cursor.text.length : at;
  }
  return cursor.at < end;
}

/**
 * Whether the needle (a colon) occurs in the line after at most 40 characters other than spaces: a field line's
 * colon follows a list marker, bold marks and a name of at most 30 characters, however deep the indentation.
 */
function holdsNear(cursor: Cursor, start: number, end: number): boolean {
  if (!holds(cursor, start, end)) return false;
  const text = cursor.text;
  let written = 0;
  for (let index = start; index < cursor.at; index++) {
    const char = text.charCodeAt(index);
    if (char !== 32 && char !== 9 && ++written > 40) return false;
  }
  return true;
}

/** What one file's text holds, for the per-line gates (see `ScanState.hints`). */
interface FileHints {
  /** The Roo preamble. */
  preamble: boolean;
  /** A placeholder hint other than `[` (then a line hints one exactly when it holds `[`). */
  placeholderBeyondBracket: boolean;
  /** A break the `m` flag's `^` matches after, inside a line (then the list-item placeholder pattern runs in full). */
  innerBreak: boolean;
}

function readFileHints(text: string): FileHints {
  return {
    preamble: rooPreamblePattern.test(text),
    // Searched one by one: a search for one string runs several times faster over a whole file than the pattern.
    placeholderBeyondBracket: placeholderHintBeyondBracketTexts.some((hint) => text.includes(hint)),
    innerBreak: text.includes('\r') || text.includes('\u2028') || text.includes('\u2029'),
  };
}

function createScanState(text: string, lines: readonly string[], bodyStart: number, hints: FileHints): ScanState {
  return {
    lines,
    bodyStart,
    hints,
    hash: createCursor(text, '#'),
    pipe: createCursor(text, '|'),
    bracket: createCursor(text, '['),
    requirement: createCursor(text, '_Requirement'),
    bold: createCursor(text, '**'),
    underscoreBold: createCursor(text, '__'),
    colon: createCursor(text, ':'),
    wideColon: createCursor(text, '：'),
    dash: createCursor(text, '-'),
    link: createCursor(text, ']('),
    headings: [],
    tables: [],
    boldFields: [],
    plainLabels: [],
    definitionItems: [],
    statusLeads: [],
    wordLeads: [],
    markLeads: [],
    statusTails: [],
    fencedStatuses: [],
    lineTail: null,
    markOpen: 0,
    markDone: 0,
    markLine: 0,
    itemStatusFields: [],
    marginStatusFields: [],
    taskNameLines: [],
    placeholderKinds: [],
    placeholderCount: 0,
    placeholderLine: 0,
    open: 0,
    done: 0,
    boxLine: 0,
    quotation: false,
    kiroItems: 0,
    requirementsRefs: 0,
    rooStamps: 0,
    rooStampLine: 0,
    rooPreambleLine: 0,
    taskRefLines: 0,
    taskIdHeadingLine: 0,
    taskmasterHeadingLine: 0,
    isoDates: 0,
    contentLines: 0,
    fencedLines: 0,
    mdLinks: 0,
    listItems: 0,
    firstH1Line: 0,
  };
}

/** A line number kept as 0 until found, as the signals give it: null when never found. */
function lineOrNull(line: number): number | null {
  return line === 0 ? null : line;
}

/**
 * Scans a Markdown text (BOM already stripped) for classification signals.
 *
 * The loop is kept small and each kind of line is read by its own function, called only when the line holds a
 * character that kind needs: run once over a bank, cold, the scan is mostly compiled once, and one big function
 * cost tens of milliseconds per optimising compile, recompiled each time a rare line reached it first.
 * test/unit/memory-bank/discover-signals-reference.test.ts holds it equal to the plain per-line reading.
 */
export function scanMarkdown(text: string): MarkdownSignals {
  const crlf = text.includes('\r');
  // One split call site for both line ends: the first CRLF file otherwise reaches a call the compiled scan has not seen.
  const lines = text.split(crlf ? crlfPattern : '\n');
  const { frontmatter, data: frontmatterData, endLine } = readFrontmatter(lines);
  const headerStatus = findHeaderStatus(lines, { from: endLine });
  const state = createScanState(text, lines, endLine, readFileHints(text));
  const backtickFence = createCursor(text, '```');
  const tildeFence = createCursor(text, '~~~');
  let fenceChar = '';
  let fenceLength = 0;
  // Whether the open fence holds YAML or JSON, whose items' status keys are read.
  let yamlFence = false;
  let jsonFence = false;
  // Line i spans text[start, end): the split's line, found again in the text so the gates compare offsets.
  let start = skipLines(text, 0, endLine);
  for (let i = endLine; i < lines.length; i++) {
    const line = lines[i] ?? '';
    const newline = text.indexOf('\n', start);
    const next = newline === -1 ? text.length : newline;
    const end = crlf && next > start && text.charCodeAt(next - 1) === 13 ? next - 1 : next;
    // A callout ends at the first line that is not part of the block quote (a blank line included).
    if (state.quotation && text.charCodeAt(start) !== 62) state.quotation = false;
    const fenceMatch = holds(backtickFence, start, end) || holds(tildeFence, start, end) ? fencePattern.exec(line) : null;
    const fenceRun = fenceMatch?.[1];
    if (fenceChar !== '') {
      if (!isBlankBetween(text, start, end, line)) state.fencedLines++;
      if (fenceRun !== undefined && fenceRun[0] === fenceChar && fenceRun.length >= fenceLength && isFenceCloser(line)) fenceChar = '';
      else if (yamlFence && line.includes(':')) {
        const value = fencedStatusPattern.exec(line)?.[1];
        if (value !== undefined && value !== '') state.fencedStatuses.push({ value, line: i + 1 });
      } else if (jsonFence && line.includes('"')) {
        const value = jsonStatusPattern.exec(line)?.[1];
        if (value !== undefined && value !== '') state.fencedStatuses.push({ value, line: i + 1 });
      }
    } else if (fenceRun !== undefined) {
      fenceChar = fenceRun[0] ?? '`';
      fenceLength = fenceRun.length;
      yamlFence = yamlFencePattern.test(line);
      jsonFence = !yamlFence && jsonFencePattern.test(line);
      state.fencedLines++;
    } else if (!isBlankBetween(text, start, end, line)) {
      state.contentLines++;
      const last = scanContentLine(state, line, i, start, end);
      if (last > i) {
        start = skipLines(text, next + 1, last - i);
        i = last;
        continue;
      }
    }
    start = next + 1;
  }
  return {
    frontmatter,
    frontmatterData,
    frontmatterEndLine: endLine,
    headings: state.headings,
    tables: state.tables,
    checkboxes: { open: state.open, done: state.done, firstLine: lineOrNull(state.boxLine) },
    kiroItems: state.kiroItems,
    requirementsRefs: state.requirementsRefs,
    boldFields: state.boldFields,
    rooStamps: { count: state.rooStamps, firstLine: lineOrNull(state.rooStampLine) },
    rooPreambleLine: lineOrNull(state.rooPreambleLine),
    taskRefLines: state.taskRefLines,
    taskIdHeadingLine: lineOrNull(state.taskIdHeadingLine),
    taskmasterHeadingLine: lineOrNull(state.taskmasterHeadingLine),
    placeholders: { kinds: state.placeholderKinds, count: state.placeholderCount, firstLine: lineOrNull(state.placeholderLine) },
    isoDates: state.isoDates,
    contentLines: state.contentLines,
    fencedLines: state.fencedLines,
    mdLinks: state.mdLinks,
    headerStatus,
    definitionItems: state.definitionItems,
    listItems: state.listItems,
    statusLeads: state.statusLeads,
    wordLeads: state.wordLeads,
    markLeads: state.markLeads,
    statusTails: state.statusTails,
    fencedStatuses: state.fencedStatuses,
    statusMarks: { open: state.markOpen, done: state.markDone, firstLine: lineOrNull(state.markLine) },
    itemStatusFields: state.itemStatusFields,
    marginStatusFields: state.marginStatusFields,
    taskNameLines: state.taskNameLines,
    labels: readLabels(state),
  };
}

/** Whether a line ends the paragraph above the next one: blank, or a heading. */
function standsApart(line: string): boolean {
  const trimmed = line.trim();
  return trimmed === '' || trimmed.startsWith('#');
}

/** A list item holding only a few plain words (`1. Done`, `- In progress:`) over items indented under it: a label. */
function readPlainLabelItem(state: ScanState, line: string, index: number, lineNo: number): void {
  const label = plainLabelItemLine.exec(line);
  if (label?.[2] === undefined) return;
  let next = index + 1;
  while (next < state.lines.length && (state.lines[next] ?? '').trim() === '') next++;
  const below = state.lines[next] ?? '';
  if (listItemPattern.test(below) && readIndent(below) > (label[1]?.length ?? 0)) state.plainLabels.push({ name: label[2].toLowerCase(), line: lineNo });
}

/** Whether the line after the one at `index`, or the one after a blank line, is a list item. */
function opensListBelow(lines: readonly string[], index: number): boolean {
  const next = lines[index + 1] ?? '';
  return listItemPattern.test(next) || (next.trim() === '' && listItemPattern.test(lines[index + 2] ?? ''));
}

/**
 * The bold fields without a value, and the few words at the margin, that stand alone on their line over a list (see
 * `LabelSignal`).
 */
function readLabels(state: ScanState): LabelSignal[] {
  const labels: LabelSignal[] = [];
  const bold = state.boldFields.filter((field) => {
    const line = state.lines[field.line - 1] ?? '';
    return field.value === '' && (boldLabelLine.test(line) || boldLabelItemLine.test(line));
  });
  const candidates = state.plainLabels.length === 0 ? bold : [...bold, ...state.plainLabels].sort((a, b) => a.line - b.line);
  for (const field of candidates) {
    // A label written as a list item heads only the items indented under it.
    const labelLine = state.lines[field.line - 1] ?? '';
    const depth = (boldLabelItemLine.exec(labelLine) ?? plainLabelItemLine.exec(labelLine))?.[1]?.length ?? -1;
    let items = 0;
    let boxes = 0;
    for (let index = field.line; index < state.lines.length; index++) {
      const text = state.lines[index] ?? '';
      if (text.trim() === '') continue;
      if (listItemPattern.test(text)) {
        if (depth >= 0 && readIndent(text) <= depth) break;
        items++;
        if (checkboxPattern.test(text)) boxes++;
      } else if (items === 0 || !/^\s/u.test(text)) break;
    }
    if (items > 0) labels.push({ name: field.name, line: field.line, items, boxes });
  }
  return labels;
}

/** The offset of the line `count` lines after the one starting at `start`. */
function skipLines(text: string, start: number, count: number): number {
  let at = start;
  for (let k = 0; k < count; k++) at = text.indexOf('\n', at) + 1;
  return at;
}

/** Whether the line at text[start, end) is blank as `line.trim() === ''` reads it (read in the text: see `Cursor`). */
function isBlankBetween(text: string, start: number, end: number, line: string): boolean {
  for (let index = start; index < end; index++) {
    const char = text.charCodeAt(index);
    if (char === 32 || char === 9) continue;
    if (char > 32 && char < 127) return false;
    return line.trim() === '';
  }
  return true;
}

/** The first character of a line after up to three spaces (a paragraph's line may be indented so much). */
function firstAfterIndent(line: string): number {
  let index = 0;
  while (index < 3 && line.charCodeAt(index) === 32) index++;
  return line.charCodeAt(index);
}

/** Whether a fence line holds nothing but its fence characters (so it closes the open fence). */
function isFenceCloser(line: string): boolean {
  return line.trim().replace(/^[`~]+/, '') === '';
}

/** Reads one non-blank line outside code; returns the index of the last line it consumed (a table takes its rows). */
function scanContentLine(state: ScanState, line: string, index: number, start: number, end: number): number {
  const lineNo = index + 1;
  const hints = state.hints;
  if (holds(state.hash, start, end)) readHeadingLine(state, line, index);
  else if (mayUnderline(firstAfterIndent(line))) readSetextLine(state, index);
  if (holds(state.pipe, start, end)) {
    const rows = readTableAt(state, line, index);
    if (rows >= 0) return index + 1 + rows;
  }
  const bracket = holds(state.bracket, start, end);
  if (state.hash.text.charCodeAt(start) === 62) readQuoteLine(state, line, lineNo, bracket);
  const listItem = mayStartListItem(state.hash.text, start) && listItemPattern.test(line);
  // A checkbox, a Kiro item and a task reference are all list items: only list items are tried for them.
  if (listItem) {
    readListItemLine(state, line, lineNo, bracket);
    if (line.length <= 60) readPlainLabelItem(state, line, index, lineNo);
  }
  // A line at the margin (or up to three spaces in) led by a mark (`⏳ Dark mode`): only a line whose first character
  // after those spaces is beyond ASCII.
  else if (firstAfterIndent(line) > 127) {
    const mark = markLinePattern.exec(line)?.[1];
    if (mark !== undefined) countMark(state, mark, lineNo);
  } else if (firstAfterIndent(line) === 42 || firstAfterIndent(line) === 95) {
    // A bold term and its marked status on a line of its own (`**Search**: 🔄 In progress`), as on a list item.
    const mark = readTermMark(line);
    if (mark !== undefined) countMark(state, mark, lineNo);
  } else if (bracket && firstAfterIndent(line) === 0x5b) {
    // A checkbox at the margin, a checklist written without bullets (`[ ] Book the venue`).
    const box = marginCheckboxPattern.exec(line);
    if (box !== null) countCheckbox(state, lastHeading(state), isOpenBoxMark(box[1]), lineNo);
  }
  // A line of a paragraph closing with its status (`Login page — done` over `Search API: in progress`): a status list
  // written without bullets, counted as items closing so are when the line above or below closes so too — read only
  // beside such a line above, or a line of words below (most prose is a paragraph of one line).
  if (!listItem && opensWithWord(firstAfterIndent(line))) {
    if (state.lineTail?.line === lineNo - 1 || opensWithWord(firstAfterIndent(state.lines[index + 1] ?? ''))) readLineTail(state, line, lineNo);
    else state.lineTail = null;
  }
  // A few words alone at the margin over a list (`What's left`, then `- Refund flow`): a label, as a bold one is.
  if (!listItem && line.length <= 52 && opensWithWord(line.charCodeAt(0)) && standsApart(state.lines[index - 1] ?? '') && opensListBelow(state.lines, index)) {
    const name = plainLabelLine.exec(line)?.[1];
    if (name !== undefined) state.plainLabels.push({ name: name.toLowerCase(), line: lineNo });
  }
  // A field name is short: the colon comes soon after the indentation.
  if (holdsNear(state.colon, start, end) || holdsNear(state.wideColon, start, end)) {
    if (isIndentedAt(state.hash.text, start)) {
      const value = readItemStatusField(line);
      if (value !== null) state.itemStatusFields.push({ value, line: lineNo });
    } else {
      // Read only where it can count (classify-sections): up to 8 lines under a heading, or 4 under a task's name.
      const value = nearStatedHead(state, lineNo) ? readMarginStatusField(line) : null;
      if (value !== null) state.marginStatusFields.push({ value, line: lineNo });
      else if (namesTaskOnLine(line)) state.taskNameLines.push(lineNo);
    }
  }
  if (holds(state.requirement, start, end) && requirementsPattern.test(line)) state.requirementsRefs++;
  // Every bold field holds a colon (`**Name:**`, `**Name**:`, `__Name:__`).
  if ((holds(state.bold, start, end) || holds(state.underscoreBold, start, end)) && holds(state.colon, start, end)) readBoldFields(state, line, lineNo);
  if (bracket && rooStampPattern.test(line)) {
    state.rooStamps++;
    if (state.rooStampLine === 0) state.rooStampLine = lineNo;
  }
  if (hints.preamble && state.rooPreambleLine === 0 && rooPreamblePattern.test(line)) state.rooPreambleLine = lineNo;
  const hinted = bracket || (hints.placeholderBeyondBracket && placeholderHintBeyondBracket.test(line));
  if (hinted || listItem) readPlaceholders(state, line, lineNo, hinted, listItem);
  if (holds(state.dash, start, end) && isoDateHint.test(line)) {
    state.isoDates += countMatches(line.includes('YYYY-MM-DD') ? line.replace(/YYYY-MM-DD/g, '') : line, isoDatePattern);
  }
  if (holds(state.link, start, end)) state.mdLinks += countMatches(line, mdLinkPattern);
  return index;
}

/**
 * Whether the line starting at `start` can start a list item: after spaces and tabs comes a marker (`-`, `*`, `+`, a
 * digit), or a character the item pattern's `\s` may still skip (other controls, the line's end, anything beyond
 * ASCII). Rules out most prose lines without running the pattern.
 */
function mayStartListItem(text: string, start: number): boolean {
  let index = start;
  let char = text.charCodeAt(index);
  while (char === 32 || char === 9) char = text.charCodeAt(++index);
  if (char === 45 || char === 42 || char === 43 || (char >= 48 && char <= 57)) return true;
  return char < 32 || char > 127;
}

function readHeadingLine(state: ScanState, line: string, index: number): void {
  const heading = headingPattern.exec(line) ?? rooHeadingPattern.exec(line);
  const marks = heading?.[1];
  if (marks === undefined) return;
  const lineNo = index + 1;
  state.headings.push({ level: marks.length, text: heading?.[2] ?? '', line: lineNo, items: 0, boxes: 0, numbered: 0 });
  if (marks.length === 1 && state.firstH1Line === 0) state.firstH1Line = lineNo;
  if (state.taskIdHeadingLine === 0 && taskIdHeadingPattern.test(line)) state.taskIdHeadingLine = lineNo;
  if (state.taskmasterHeadingLine === 0 && taskmasterHeadingPattern.test(line)) state.taskmasterHeadingLine = lineNo;
}

/** Whether a line's first character (after up to three spaces) may open a setext underline: `=` or `-`. */
function mayUnderline(char: number): boolean {
  return char === 61 || char === 45;
}

/** An underline making the line above it a setext heading (`Completed` over `---------`): the heading, as an ATX one. */
function readSetextLine(state: ScanState, index: number): void {
  const heading = readSetextHeading(state.lines, index, state.bodyStart);
  if (heading !== null) state.headings.push({ level: heading.level, text: heading.text, line: index, items: 0, boxes: 0, numbered: 0 });
}

/** A table whose header is this line: records it and returns its body rows; else reads a `| **Name** | value |` field, -1. */
function readTableAt(state: ScanState, line: string, index: number): number {
  const lines = state.lines;
  // Read past the end only through the bounds check: an out-of-bounds read throws the compiled scan away.
  const next = index + 1 < lines.length ? (lines[index + 1] ?? '') : '';
  if (next.includes('|') && next.includes('-') && tableSeparatorPattern.test(next)) {
    const table = readTable(lines, index);
    state.tables.push(table);
    collectTableBoldFields(state.boldFields, lines, index + 2, index + 2 + table.rows);
    state.contentLines += table.rows + 1;
    return table.rows;
  }
  const kv = tableBoldFieldPattern.exec(line);
  if (kv?.[1] !== undefined) state.boldFields.push({ name: normaliseFieldName(kv[1]), value: (kv[2] ?? '').trim(), line: index + 1 });
  return -1;
}

/**
 * A block-quote line: a checkbox quoted (`> - [ ] Ship it`, in a callout of tasks, a note, any other quote) is a
 * checkbox, but not in a callout of quoted material (`> [!quote]`, `> [!example]`).
 */
function readQuoteLine(state: ScanState, line: string, lineNo: number, bracket: boolean): void {
  if (quotationCalloutStart.test(line)) {
    state.quotation = true;
    return;
  }
  if (state.quotation || !bracket) return;
  const box = checkboxPattern.exec(line.replace(quotePrefix, ''));
  if (box !== null) countCheckbox(state, lastHeading(state), isOpenBoxMark(box[1]), lineNo);
}

/** Whether a line is up to 8 lines under the last heading or up to 4 under the last task name (`Task: …`) read. */
function nearStatedHead(state: ScanState, lineNo: number): boolean {
  const heading = lastHeading(state);
  if (heading !== undefined && lineNo - heading.line <= 8) return true;
  const names = state.taskNameLines;
  return names.length > 0 && lineNo - (names[names.length - 1] as number) <= 4;
}

/** The last heading read, if any (no read at index -1: an out-of-bounds read throws the compiled scan away). */
function lastHeading(state: ScanState): ScanState['headings'][number] | undefined {
  const headings = state.headings;
  return headings.length > 0 ? headings[headings.length - 1] : undefined;
}

/** Counts a checkbox item, open or done, under the last heading (if any), and the first line with one. */
function countCheckbox(state: ScanState, heading: ScanState['headings'][number] | undefined, open: boolean, lineNo: number): void {
  if (heading !== undefined) heading.boxes += 1;
  if (open) state.open++;
  else state.done++;
  if (state.boxLine === 0) state.boxLine = lineNo;
}

function readListItemLine(state: ScanState, line: string, lineNo: number, bracket: boolean): void {
  const last = lastHeading(state);
  if (last !== undefined) {
    last.items += 1;
    if (opensNumberedItem(line)) last.numbered += 1;
  }
  state.listItems += 1;
  const definition = line.includes('**') || line.includes('__') ? definitionItemPattern.exec(line) : null;
  if (definition?.[1] !== undefined) state.definitionItems.push({ term: definition[1].trim(), line: lineNo });
  // A bold term over a status opening with a mark (`- **Search**: 🔄 In progress`) is an item marked with its status.
  const termMark = readTermMark(line);
  if (termMark !== undefined) countMark(state, termMark, lineNo);
  const box = bracket ? checkboxPattern.exec(line) : null;
  if (box !== null) {
    countCheckbox(state, last, isOpenBoxMark(box[1]), lineNo);
    if (kiroItemPattern.test(line)) state.kiroItems++;
  }
  if ((bracket || line.includes('`')) && taskRefPattern.test(line)) state.taskRefLines++;
  if (box === null && mayLeadStatus(line)) readStatusLead(state, line, lineNo);
  if (box === null && (line.includes(':') || line.includes('：'))) {
    const word = wordLeadItemPattern.exec(line)?.[1];
    if (word !== undefined) state.wordLeads.push({ term: word, line: lineNo });
  }
  if (box === null) readStatusTail(state, line, lineNo);
  // A mark closing the item, a share done after it or not (`… ✅`, `… 🔄 60%`).
  if (box === null && mayCloseWithMark(line)) {
    const closing = closingMarkPattern.exec(line)?.[1];
    if (closing !== undefined) countMark(state, closing, lineNo);
    const indicator = closing === undefined ? closingIndicator.exec(line)?.[1] : undefined;
    if (indicator !== undefined) state.markLeads.push({ mark: indicator, line: lineNo });
  }
}


/** Counts a checkbox-like mark leading or closing an item: done or open, and the first line with one. */
function countMark(state: ScanState, mark: string, lineNo: number): void {
  if (statusEmoji[mark] === 'done') state.markDone++;
  else state.markOpen++;
  if (state.markLine === 0) state.markLine = lineNo;
}

/**
 * Whether an item's text (after its marker) can open with `[`, a capital or a character beyond ASCII (a mark, a
 * capital): rules out most items without running the pattern. Spaces beyond ASCII leave it to the pattern.
 */
function mayLeadStatus(line: string): boolean {
  let index = 0;
  let char = line.charCodeAt(index);
  while (isAsciiSpace(char)) char = line.charCodeAt(++index);
  if (char > 127) return true;
  while (char >= 48 && char <= 57) char = line.charCodeAt(++index);
  char = line.charCodeAt(++index);
  while (isAsciiSpace(char)) char = line.charCodeAt(++index);
  // Bold or code (`**DONE**`, `` `WIP` ``): the word starts after the markers.
  if (char === 42 || char === 95 || char === 96) {
    while (char === 42 || char === 95 || char === 96) char = line.charCodeAt(++index);
    return isCapitalOrBeyond(char) && mayFollowCapital(line.charCodeAt(index + 1));
  }
  // A word in capitals has a capital (or a space) after its first capital (`DONE`, `WIP`); `Write the docs` is ruled
  // out here.
  return char === 91 || char > 127 || (char >= 65 && char <= 90 && mayFollowCapital(line.charCodeAt(index + 1)));
}

/** An ASCII capital, or a character beyond ASCII (a capital of another script, a mark). */
function isCapitalOrBeyond(char: number): boolean {
  return (char >= 65 && char <= 90) || char > 127;
}

/** What the pattern's second character may be: a capital (of any script) or a space. */
function mayFollowCapital(char: number): boolean {
  return isCapitalOrBeyond(char) || char === 32;
}

/** A space, a tab or another ASCII break `\s` matches (line feed, vertical tab, form feed, carriage return). */
function isAsciiSpace(char: number): boolean {
  return char === 32 || (char >= 9 && char <= 13);
}

/** A spaced dash or arrow, or a colon: what may set off the status an item closes with (`readStatusTailTerm`). */
const mayCloseWithStatus = new RegExp(String.raw`\s${closingDashSource}\s|[:：]`, 'u');

/**
 * Whether a text (its end trimmed) may close with a status in words (`readStatusTailTerm`): its last character a
 * bracket, or a spaced dash, an arrow or a colon in it. Most lines close with none: a look before the patterns.
 */
function mayCloseWithTerm(end: string): boolean {
  return end.endsWith(')') || end.endsWith(']') || mayCloseWithStatus.test(end);
}

/** Whether a text may close with a status mark (`closingMarkPattern`): a character beyond ASCII last, or a share after it (`🔄 60%`). */
function mayCloseWithMark(text: string): boolean {
  return endsBeyondAscii(text) || text.trimEnd().endsWith('%');
}

function readStatusTail(state: ScanState, line: string, lineNo: number): void {
  const end = line.trimEnd();
  if (!mayCloseWithTerm(end)) return;
  const term = readStatusTailTerm(end);
  if (term !== undefined) state.statusTails.push({ term, line: lineNo });
}

/** A letter or digit of ASCII, or a character beyond it: what a line of words may open with (not `#`, `>`, `|`, `*`…). */
function opensWithWord(char: number): boolean {
  return (char >= 48 && char <= 57) || (char >= 65 && char <= 90) || (char >= 97 && char <= 122) || char > 127;
}

/**
 * Reads the status a line of a paragraph closes with, in words or a mark (`Login page — done`, `Write the API 🔄`);
 * counts it, and the line above, when that line closed with one too.
 */
function readLineTail(state: ScanState, line: string, lineNo: number): void {
  const end = line.trimEnd();
  const term = mayCloseWithTerm(end) ? readStatusTailTerm(end, true) : undefined;
  const mark = term === undefined && mayCloseWithMark(end) ? closingMarkPattern.exec(end)?.[1] : undefined;
  const above = state.lineTail;
  if (term === undefined && mark === undefined) {
    state.lineTail = null;
    return;
  }
  const paired = above !== null && above.line === lineNo - 1;
  const tail = { term, mark, line: lineNo, counted: paired };
  if (paired && !above.counted) countLineTail(state, above);
  if (paired) countLineTail(state, tail);
  state.lineTail = tail;
}

/** Counts a line's closing status as an item's: a mark as a mark, words as a status tail. */
function countLineTail(state: ScanState, tail: { term: string | undefined; mark: string | undefined; line: number }): void {
  if (tail.mark !== undefined) countMark(state, tail.mark, tail.line);
  else if (tail.term !== undefined) state.statusTails.push({ term: tail.term, line: tail.line });
}

function readStatusLead(state: ScanState, line: string, lineNo: number): void {
  const lead = statusLeadItemPattern.exec(line);
  if (lead === null) {
    // A cross leading an item under a span of the schedule (`### This Week` over `- ❌ Record the demo`) is work not done
    // yet, as the parser reads it (outline/lists.ts), not a don't.
    const cross = crossItemPattern.exec(line)?.[1];
    if (cross !== undefined && namesSchedule(state.headings[state.headings.length - 1]?.text)) {
      countMark(state, cross, lineNo);
      return;
    }
    const mark = cross ?? markItemPattern.exec(line)?.[1];
    if (mark !== undefined) state.markLeads.push({ mark, line: lineNo });
    return;
  }
  const mark = lead[4];
  if (mark === undefined) {
    state.statusLeads.push({ term: (lead[1] ?? lead[2] ?? lead[3] ?? '').trim(), line: lineNo });
    return;
  }
  countMark(state, mark, lineNo);
}

/** Whether the line starting at `start` opens with a space or a tab. */
function isIndentedAt(text: string, start: number): boolean {
  const char = text.charCodeAt(start);
  return char === 32 || char === 9;
}

function readBoldFields(state: ScanState, line: string, lineNo: number): void {
  // exec with lastIndex, not matchAll (which copies the regex for every line).
  boldFieldPattern.lastIndex = 0;
  for (let m = boldFieldPattern.exec(line); m !== null; m = boldFieldPattern.exec(line)) {
    const name = m[1] ?? m[2];
    if (name === undefined) continue;
    state.boldFields.push({ name: normaliseFieldName(name), value: (m[3] ?? '').trim(), line: lineNo });
  }
}

function readPlaceholders(state: ScanState, line: string, lineNo: number, hinted: boolean, listItem: boolean): void {
  for (let p = 0; p < placeholderPatterns.length; p++) {
    const needs = placeholderNeedList[p] as string;
    if (needs === listItemNeed ? !listItem || !mayStartDescriptionItem(state, line) : !hinted || !line.includes(needs)) continue;
    const found = line.match(placeholderRegexList[p] as RegExp);
    if (found !== null && found.length > 0) {
      const kind = placeholderKindList[p] as string;
      if (!state.placeholderKinds.includes(kind)) state.placeholderKinds.push(kind);
      state.placeholderCount += found.length;
      if (state.placeholderLine === 0) state.placeholderLine = lineNo;
    }
  }
}

/**
 * Whether the list-item placeholder pattern can match: its `^` (multiline) matches only at the start of a line
 * without inner breaks, where the anchored pattern's start says whether it can (the full pattern, tried at every
 * position, was the scan's costliest pattern).
 */
function mayStartDescriptionItem(state: ScanState, line: string): boolean {
  return state.hints.innerBreak || descriptionItemStart.test(line);
}

/** Normalises a table header cell or field name for matching: lower case, no emphasis, emoji or punctuation edges. */
export function normaliseLabel(text: string): string {
  return isPlainLabel(text) ? text.toLowerCase() : normaliseLabelFully(text);
}

/** `normaliseLabel` by its five replacements, for any text (`isPlainLabel` says when lower-casing alone gives the same). */
export function normaliseLabelFully(text: string): string {
  const plain = text.replace(/[*_`~]/g, '');
  // Emoji and their joiners are never ASCII: ASCII text skips the Unicode-property pass.
  return (nonAscii.test(plain) ? plain.replace(/\p{Extended_Pictographic}|\uFE0F|\u200D/gu, '') : plain)
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/[:.]+$/, '')
    .trim()
    .toLowerCase();
}

const nonAscii = /[^\x00-\x7F]/;

/**
 * Whether `normaliseLabel` would only lower-case this text: printable ASCII without emphasis marks (`*_\`~`), single
 * spaces between words, no space at either end and no `:` or `.` at the end. Most table cells and field names are;
 * they skip the five replacements (test/unit/memory-bank/discover-signals-reference.test.ts pins the two readings).
 */
function isPlainLabel(text: string): boolean {
  const length = text.length;
  if (length === 0) return true;
  let previous = 32;
  for (let index = 0; index < length; index++) {
    const char = text.charCodeAt(index);
    if (char === 32) {
      if (previous === 32) return false;
    } else if (char < 33 || char > 125 || char === 42 || char === 95 || char === 96) return false;
    previous = char;
  }
  return previous !== 32 && previous !== 58 && previous !== 46;
}

function normaliseFieldName(name: string): string {
  return normaliseLabel(name.replace(/:$/, ''));
}


function readTable(lines: readonly string[], headerIndex: number): TableSignal {
  const header = splitTableLine(lines[headerIndex] ?? '');
  const columns = header.map(normaliseLabel);
  const firstCells: string[] = [];
  const body: string[][] = [];
  let rows = 0;
  for (let j = headerIndex + 2; j < lines.length; j++) {
    const row = lines[j] ?? '';
    // A row holding a pipe is never blank: the pipe test alone ends the table where `row.trim() === ''` did too.
    if (!row.includes('|')) break;
    rows++;
    const cells = splitTableLine(row);
    firstCells.push(normaliseLabel(cells[0] ?? ''));
    body.push(cells);
  }
  return { line: headerIndex + 1, header, columns, firstCells, rows, body };
}

function collectTableBoldFields(out: BoldFieldSignal[], lines: readonly string[], from: number, to: number): void {
  for (let j = from; j < to; j++) {
    const row = lines[j] ?? '';
    // A `| **Name** | value |` row holds `**`: most task-table rows do not, and skip the pattern.
    const kv = row.includes('**') ? tableBoldFieldPattern.exec(row) : null;
    if (kv?.[1] !== undefined) out.push({ name: normaliseFieldName(kv[1]), value: (kv[2] ?? '').trim(), line: j + 1 });
  }
}

/**
 * A small text holding every kind of line the scanner reads (frontmatter, a late block, headings, a table and a
 * table field, checkboxes, Kiro items, task references, bold fields, Roo stamps and preamble, every placeholder, dates,
 * links, fences), scanned at load with LF and CRLF line ends. Without it, the first rare line of a real bank (the
 * first CRLF file, the first `_Requirements:`) reaches compiled code that has never seen it: V8 throws the compiled
 * scan away and compiles it again, which cost a cold discovery of the shared corpus a second compile of its two
 * largest functions (bench/parse, corpus). Scanning is pure, so the results are the same with or without it;
 * test/unit/memory-bank/discover-signals-primer.test.ts checks that it reaches every kind of line.
 */
export const scannerPrimerLines: readonly string[] = [
  '---',
  'status: done',
  'title: "Primer"',
  '---',
  '# [TASK001] - Title',
  '',
  '---',
  'owner: me',
  '---',
  '## Status: DONE',
  '**Status:** In Progress',
  '**Added:** 2026-01-01',
  '- **Done**: merged',
  '[2025-05-03 16:47:47] - ## Task: stamped',
  '2025-05-03 16:47:47 - Log of updates made.',
  '- [2025-05-03 16:47] - did it',
  '| ID | Task | Status |',
  '|----|------|--------|',
  '| T1 | **Build** | ✅ Done |',
  '| **Owner** | me |',
  '',
  '| **Priority** | high |',
  '- [ ] 1. Kiro item',
  '- [x]* 2.1 Kiro item',
  '  - [✅] done',
  '1. [ ] numbered',
  '- [WIP] led by a status',
  '- ⏳ led by a mark',
  '- ✅ led by a done mark',
  '2. **Titled item**',
  '   **Status:** Done',
  '  - 状态：完成',
  '- [TASK002] index line',
  '- `TASK003` index line',
  '  - _Requirements: 1.2_',
  'See [doc](docs/a.md) and [b](b.md#x) on 2026-03-12 and YYYY-MM-DD',
  '[Name] @username {{ var }} TASK-XXX',
  'Brief description here',
  '- Goal 1: Description',
  'Not Started | In Progress | Done',
  '# Task ID: 3',
  '```js',
  'code',
  '```',
  '~~~',
  'tilde code',
  '~~~',
  '* item',
  '+ item',
  'plain **Bold**: value and **Other:** more',
  '### Closed heading ###',
  '',
];

// Enough calls that V8 records feedback for each function (it starts after a few calls), alternating line ends.
for (let round = 0; round < 12; round++) scanMarkdown(scannerPrimerLines.join(round % 2 === 0 ? '\n' : '\r\n'));
