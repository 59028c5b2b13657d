/**
 * The status a task file states about itself, in any of the header forms seen in real banks: `**Status:** x`
 * (also `**Statut :**`, `**ステータス**:`), `- Status: x`, a plain `Status: x` line, `## Status: DONE`, a
 * `## Status` / `## Statut` heading (or `Status` over `------`) with the value on the next line, and a row of a
 * key/value table (`| Status | In Progress |`, `| **상태** | 완료 |`). Read from source lines (no Markdown tree),
 * shared by discovery (is this file one task?) and the tasks-folder extractor (what is its status?).
 */
import { splitTableLine } from './table-line.js';
import { readSetextHeading } from './discover-patterns.js';
import { fieldNames, fieldSeparatorSource, headingStatusEmoji, statusEmoji, statusPhrases, titleColumnNames } from './vocabulary-data.js';
import { isStageWord, isStatusReportHeading, isSummaryWord, markDate, markNote, namesOutcomes, saysOutcomeOnly } from './extractors/text.js';
import type { Vocabulary } from './vocabulary.js';

/** A file's own status line. */
export interface HeaderStatus {
  /** The value as written (emphasis kept). */
  value: string;
  /** 1-based line of the value. */
  line: number;
  /** 1-based line of the field name (the heading, for the heading-then-value form). */
  nameLine: number;
  /** Which form it was written in, for reasons. */
  form: 'bold-field' | 'field' | 'list-field' | 'heading-field' | 'heading-value' | 'table-field' | 'title';
}

const statusNames = new Set(fieldNames.status.map((name) => name.toLowerCase()));
/** Every field name: a key/value row's value that is one of them is a header row (`| Status | Task |`), not a status. */
const columnNames = new Set([...Object.values(fieldNames).flat(), ...titleColumnNames].map((name) => name.toLowerCase()));
/** The field names alone: a row of them heads a task document's fields written across, not a table of tasks (`| Task |`). */
const fieldColumnNames = new Set(Object.values(fieldNames).flat().map((name) => name.toLowerCase()));
/** Status words as written (lower case): a table's header row states a status only with one of them (`| Status | Meaning |` does not). */
const statusWords = new Set(Object.values(statusPhrases).flat().map((phrase) => phrase.toLowerCase()));
const delimiterRow = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$/u;
/** A two-cell table row: `| Status | In Progress |` (pipes at both ends optional, as GFM reads them). */
const keyValueRow = /^\s*\|?\s*([^|]+?)\s*\|\s*([^|]*?)\s*\|?\s*$/u;
/** A field line: `Status: x`, `**Status:** x`, `- Status: x`, or an Obsidian Dataview page field, `status:: x`. */
/**
 * A field on a line: an optional bullet (group 1), a mark before it (`✅ **Status:** Complete`), its name in bold,
 * italics or plain (group 2 the emphasis, group 3 the name), then `:`, `::`, a spaced dash (`Status — Done`) or `=`,
 * and the value (group 4).
 */
const fieldLine =
  /^\s*([-*+]\s+)?(?:\p{Extended_Pictographic}\uFE0F?\s*)?(\*\*|__|\*|_)?([^*_:：=\n]{1,30}?)\s*(?:\*\*|__|\*|_)?\s*(?:::|[:：]|\s[-–—]\s|=)\s*(?:\*\*|__)?\s*(.*?)\s*$/u;
/** A block quote's marker opening a line (`> **Status:** Done`, an Obsidian callout's `> Status: Blocked`). */
const quoteMarker = /^\s{0,3}(?:>\s?)+/u;
const headingLine = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/u;
const fenceLine = /^ {0,3}(?:`{3,}|~{3,})/u;

function cleanName(name: string): string {
  return name
    .replace(/[*_`]/gu, '')
    .replace(/\p{Extended_Pictographic}|\uFE0F/gu, '')
    .trim()
    .toLowerCase();
}

/** Whether a field's name, marks and emphasis aside, is a status field's (`Status`, `**Statut**`, `📊 状态`). */
export function isStatusName(name: string): boolean {
  return statusNames.has(cleanName(name));
}

function cleanValue(value: string): string {
  return value.replace(/^(?:\*\*|__)|(?:\*\*|__)$/gu, '').replace(/\s{2,}$/u, '').trim();
}

/**
 * An ATX heading on this line (its closing `#`s dropped), or a setext one this line's underline makes of it (`Status`
 * over `------`): the header reader and write-back's `## Status` planner read headings through it.
 */
export function readHeading(lines: readonly string[], line: string, index: number, from: number): { level: number; text: string; setext: boolean } | null {
  const atx = headingLine.exec(line);
  if (atx !== null) return { level: (atx[1] ?? '').length, text: atx[2] ?? '', setext: false };
  const setext = readSetextHeading(lines, index + 1, from);
  return setext === null ? null : { ...setext, setext: true };
}

/**
 * Finds the file's own status in its header: the lines before the second top-level section (a `## Status`
 * heading does not end the header). Returns null when the header states no status.
 */
export function findHeaderStatus(lines: readonly string[], options: { from?: number; maxLines?: number } = {}): HeaderStatus | null {
  const from = options.from ?? 0;
  const last = Math.min(lines.length, from + (options.maxLines ?? 40));
  let sections = 0;
  let inFence = false;
  // Whether the lines read last belong to a list item (`1. **Write the docs**`): an indented line below it, a
  // `**Status:** Done` or a nested `- Status: Done`, states that item's status, not the file's.
  let inItem = false;
  // A status the title carries (`# TASK-12: Login (DONE)`, `# ✅ TASK-13 Logout`): the header's when no field states one.
  let titled: HeaderStatus | null = null;
  for (let index = from; index < last; index++) {
    const written = lines[index] ?? '';
    // A header quoted whole (`> **Status:** Done`, a callout's `> Status: Blocked`) is read as the same lines unquoted.
    const line = written.charCodeAt(written.search(/\S/u)) === 0x3e ? written.replace(quoteMarker, '') : written;
    if (fenceLine.test(line)) {
      inFence = !inFence;
      continue;
    }
    if (inFence || line.trim() === '') continue;
    if (inItem && isIndented(line)) continue;
    const heading = readHeading(lines, line, index, from);
    inItem = false;
    if (heading !== null) {
      const text = heading.text;
      // A setext heading's underline is read with it.
      if (heading.setext) index += 1;
      const field = fieldLine.exec(text);
      if (field !== null && field[1] === undefined && isStatusName(field[3] ?? '') && cleanValue(field[4] ?? '') !== '') {
        return { value: cleanValue(field[4] ?? ''), line: index + 1, nameLine: index + 1, form: 'heading-field' };
      }
      if (isStatusName(text.replace(/[:：]\s*$/u, ''))) {
        for (let next = index + 1; next < last; next++) {
          const value = (lines[next] ?? '').trim();
          if (value === '') continue;
          if (headingLine.test(value) || value.length > 80 || readSetextHeading(lines, next + 1, from) !== null) break;
          // Fields under it (`## Status` over `- **Status**: DONE`, `- **Priority**: Low`): its status field's value.
          const stated = readStatusField(value);
          if (stated !== null) return { value: stated.value, line: next + 1, nameLine: next + 1, form: readFieldForm(stated) };
          if (isOtherField(value)) continue;
          return { value: cleanValue(value.replace(/^[-*+]\s+/u, '')), line: next + 1, nameLine: index + 1, form: 'heading-value' };
        }
        continue;
      }
      if (heading.level === 1 && sections === 0) {
        const title = readTitleStatus(text);
        if (title !== null) titled = { value: title.value, line: index + 1, nameLine: index + 1, form: 'title' };
      }
      if (heading.level <= 2) {
        sections += 1;
        if (sections > 2) return titled;
      }
      continue;
    }
    // A header of one row under a row of field names (`| Status | Priority |` over `|---|---|` over `| Done | High |`).
    const column = line.includes('|') ? readStatusColumnRow(lines, index) : null;
    if (column !== null) return { value: column.value, line: column.line, nameLine: index + 1, form: 'table-field' };
    const row = line.includes('|') ? readStatusRow(line) : null;
    // A header row (`| Status | Done |` over `|---|---|`) is a key/value row only when its value is a status word.
    if (row !== null && (!delimiterRow.test(lines[index + 1] ?? '') || isStatusWord(row))) {
      return { value: row, line: index + 1, nameLine: index + 1, form: 'table-field' };
    }
    const field = readStatusField(line);
    if (field === null) {
      inItem = listItemLine.test(line);
      continue;
    }
    return { value: field.value, line: index + 1, nameLine: index + 1, form: readFieldForm(field) };
  }
  return titled;
}

const titleEmoji = headingStatusEmoji.join('');
const leadingTitleEmoji = new RegExp(`^([${titleEmoji}])\\uFE0F?\\s+`, 'u');
// Words after it follow a space, or open a bracket (`M2 — 采集 ✅（2026-06-02）`).
const trailingTitleEmoji = new RegExp(`\\s+([${titleEmoji}])\\uFE0F?((?:(?:\\s+|(?=[(（]))[^${titleEmoji}\\s][^${titleEmoji}]{0,23})?)$`, 'u');
/** A status word closing a title in parentheses or brackets (`Login (DONE)`, `Export [IN PROGRESS]`, `(Status: Done)`). */
const trailingGroupStatus = /\s*[(（[]\s*(?:status\s*[:：]\s*)?([^()（）[\]]{1,30}?)\s*[)）\]]\s*$/iu;
/** A status word closing a title after a dash (`Search — Completed`). */
const trailingDashStatus = /\s+[-–—]\s+([^-–—]{1,30})\s*$/u;
/** A status word closing a title after a colon (`Payment reminders: In progress`, `支付提醒：进行中`). */
const trailingColonStatus = /\s*[:：]\s*([^:：]{1,30}?)\s*$/u;

/**
 * The status a document's title carries, and the title without it: a status emoji opening or closing it
 * (`✅ TASK-13 Logout`, `TASK-16 Import 🚧`, `Export ✅ Done`), or a status word closing it in parentheses, brackets,
 * after a dash or after a colon (`TASK-12: Login (DONE)`, `Export [IN PROGRESS]`, `Search — Completed`, `Payment
 * reminders: In progress`). Null when it carries none.
 */
export function readTitleStatus(title: string): { value: string; rest: string } | null {
  const text = title.replace(/[*_`]/gu, '').trim();
  const lead = leadingTitleEmoji.exec(text);
  if (lead?.[1] !== undefined) return { value: lead[1], rest: text.slice(lead[0].length).trim() };
  const trail = trailingTitleEmoji.exec(text);
  if (trail?.[1] !== undefined) {
    const words = (trail[2] ?? '').trim();
    if (words === '' || isStatusWord(words)) return { value: words === '' ? trail[1] : `${trail[1]} ${words}`, rest: text.slice(0, trail.index).trim() };
    // A date after it (`M1 — Ingest ✅ (2026-06-02)`) is no title; a note in parentheses (`v0.2.0 ✅ (当前)`, `Search ✅
    // (Sprint 3)`) stays in it.
    if (markDate.test(words)) return { value: trail[1], rest: text.slice(0, trail.index).trim() };
    if (markNote.test(words)) return { value: trail[1], rest: `${text.slice(0, trail.index).trim()} ${words}` };
  }
  // The group first: in `Phase 1 - Setup (COMPLETE)` the dash opens the title's own second part, not a status.
  for (const pattern of [trailingGroupStatus, trailingDashStatus]) {
    const closing = pattern.exec(text);
    const value = closing?.[1];
    if (closing !== null && value !== undefined && closing.index > 0 && isStatusWord(value)) return { value: value.trim(), rest: text.slice(0, closing.index).trim() };
  }
  // After a colon, a status alone after words naming work (`isColonStatusTitle`).
  const colon = trailingColonStatus.exec(text);
  const head = colon === null ? '' : text.slice(0, colon.index).trim();
  const value = colon?.[1]?.trim();
  if (value !== undefined && isStatusWord(value) && isColonStatusTitle(head, value)) return { value, rest: head };
  return null;
}

/**
 * The status a heading carries as the state of work (`readTitleStatus`), or null — also when it says how a test or a
 * decision went (`### Signup flow ✅ Passed`, `### Cache layer — ✅ Accepted`) or reports the state of things (`### Build
 * Status: ✅ COMPLETED`, `## ✅ Current Status`), which the parser reads as no task's. Discovery counts headings by it.
 */
export function readHeadingWorkStatus(title: string, vocabulary: Vocabulary): { value: string; rest: string } | null {
  const status = readTitleStatus(title);
  return status === null || saysOutcomeOnly(status.value) || isStatusReportHeading(title, status.rest, vocabulary) || namesOutcomes(status.rest) ? null : status;
}

/**
 * Whether a heading's words before a colon name work whose status the words after it give (`Payment reminders` and
 * `In progress`): not a field's name or a name ending in one (`Status`, `Project status`: the document's state), a
 * status (`Next`), a word for the whole (`Overall`, `Summary`), words holding a number (`Milestone 3`, `TASK-012`: an
 * id or a stage, the words after the colon its name); and the status not a stage of work (`Testing`) nor a test's or a
 * decision's outcome (`Passing`, `Accepted`). The parser's heading reader and discovery's count both ask it.
 */
export function isColonStatusTitle(head: string, status: string): boolean {
  if (head === '' || /\p{N}/u.test(head) || isStatusName(head) || isStatusName(head.split(/\s+/u).pop() ?? '') || isStatusWord(head)) return false;
  if (isSummaryWord(head)) return false;
  const value = status.trim().toLowerCase();
  return !isStageWord(value) && !saysOutcomeOnly(value);
}

const listItemLine = /^\s*(?:[-*+]|\d{1,9}[.)])\s+\S/u;

function isIndented(line: string): boolean {
  const first = line.charCodeAt(0);
  return first === 32 || first === 9;
}

/**
 * The status stated on a line indented under a list item's title (`   **Status:** Done`, `  - Status: Done`), as
 * written; null when the line is not indented or states no status field. Discovery counts these: such items are tasks.
 */
export function readItemStatusField(line: string): string | null {
  return isIndented(line) ? (readStatusField(line)?.value ?? null) : null;
}

/** A status field at the margin, written plainly or quoted (`Status: Done`, `> Status: In progress`, `- Status: Blocked`): its value. */
export function readMarginStatusField(line: string): string | null {
  const text = line.replace(quoteMarker, '');
  return isIndented(text) ? null : (readStatusField(text)?.value ?? null);
}

/**
 * The value of a key/value table row naming the status (`| Status | In Progress |`, `| **Status:** | Done |`), or null:
 * a row of two cells whose first is a status field name and whose second is a value, not another column name.
 */
export function readStatusRow(line: string): string | null {
  const row = keyValueRow.exec(line);
  if (row === null) return null;
  const name = (row[1] ?? '').replace(/[:：]\s*(?:\*\*|__)?$/u, '').replace(/[:：]((?:\*\*|__)?)$/u, '$1');
  if (!isStatusName(name)) return null;
  const value = cleanValue(row[2] ?? '');
  if (value === '' || /^:?-+:?$/u.test(value) || columnNames.has(cleanName(value))) return null;
  return value;
}

/**
 * The status of a table of one row under a header row of field names, a status among them (`| Status | Priority |
 * Owner |` over `| Done | Medium | Ravi |`), as a task document's header writes its fields across: the value and its
 * line; null for any other table (two rows or more are a list of tasks).
 */
function readStatusColumnRow(lines: readonly string[], index: number): { value: string; line: number } | null {
  const names = splitTableLine(lines[index] ?? '');
  const column = names.findIndex((name) => isStatusName(name));
  if (column < 0 || names.length < 2 || !delimiterRow.test(lines[index + 1] ?? '')) return null;
  const body = lines[index + 2] ?? '';
  if (!body.includes('|') || (lines[index + 3] ?? '').includes('|')) return null;
  if (!names.every((name) => fieldColumnNames.has(cleanName(name).replace(/[:：]$/u, '')))) return null;
  const cells = splitTableLine(body);
  const value = cleanValue(cells[column] ?? '');
  return cells.length !== names.length || value === '' || !isStatusWord(value) ? null : { value, line: index + 3 };
}

function isStatusWord(value: string): boolean {
  for (const char of value) if (statusEmoji[char] !== undefined) return true;
  return statusWords.has(cleanName(value).replace(/[^\p{L}\p{N}\s]/gu, ' ').replace(/\s+/gu, ' ').trim());
}

/** A status field on a line (`**Status:** x`, `- Status: x`, `Status: x`) with a value: the value and how it is written. */
function readStatusField(line: string): { value: string; bold: boolean; listed: boolean } | null {
  const field = fieldLine.exec(line);
  if (field === null || !isStatusName(field[3] ?? '')) return null;
  const value = cleanValue(cutAtNextField(field[4] ?? ''));
  return value === '' ? null : { value, bold: field[2] !== undefined, listed: field[1] !== undefined };
}

/** The form a status field line was written in, for reasons: bold (`**Status:** x`), a bullet (`- Status: x`) or plain. */
function readFieldForm(field: { bold: boolean; listed: boolean }): HeaderStatus['form'] {
  return field.bold ? 'bold-field' : field.listed ? 'list-field' : 'field';
}

/** Whether a line is a field the vocabulary names other than a status (`- **Priority**: Low`, `Created: 2026-01-05`). */
function isOtherField(line: string): boolean {
  const field = fieldLine.exec(line);
  return field !== null && (field[4] ?? '') !== '' && fieldColumnNames.has(cleanName(field[3] ?? ''));
}

/** A separator and another field after it (` · **Priority:** High`, ` | Added: 2025-03-10`, `; Owner: Bo`). */
export const nextFieldOnLine = new RegExp(String.raw`${fieldSeparatorSource}(?=(?:\*\*|__)?\p{L}[\p{L}\p{M}\u200C\u200D ]{0,29}?(?:\*\*|__)?\s*[:：](?:\*\*|__)?\s)`, 'u');

/** A field's value up to the next field written on the same line (`In Progress · **Priority:** High` → `In Progress`). */
export function cutAtNextField(value: string): string {
  const next = nextFieldOnLine.exec(value);
  return next === null ? value : value.slice(0, next.index);
}

/** `TASK001`, `FEAT-12`, `TASK-TYPE-002`, `task_003`: an id at the start of a file stem or title. */
const leadingTaskId = /^\[?((?:[A-Z][A-Z0-9]*(?:[-_][A-Z][A-Z0-9]*){0,2}[-_]?\d{2,6}[a-z]?|[Tt]ask[-_]?\d{1,6}[a-z]?)(?:[-.]\d+)*)\]?(?=$|[\s\-_.:·–—\]])/u;

/**
 * The id a decision record's file name or title opens with (`ADR-014-job-queue`, `RFC 7: Thumbnail cache`,
 * `architecture-decision-0005`, `PEP-8`), or null: an architecture decision record, a request for comments, a design
 * proposal — they record a decision and its state (`Proposed`, `In review`, `Accepted`), not work.
 */
export function findDecisionRecordId(text: string): string | null {
  const match = decisionRecordId.exec(text.trim());
  return match === null ? null : match[1] ?? null;
}

const decisionRecordId = /^\[?((?:adr|rfc|rfd|pep|kep|madr)[-_ ]?\d{1,6}|(?:architecture[-_ ])?decision[-_ ]record[-_ ]?\d{1,6}|architecture[-_ ]decision[-_ ]?\d{1,6})\]?(?=$|[\s\-_.:·–—\]])/iu;

/** The task id a file name or title starts with (not a date or a version: `REPORT-2026-03-02`, `GUIDE-V1`), or null. */
export function findLeadingTaskId(text: string): string | null {
  const id = leadingTaskId.exec(text.trim())?.[1] ?? null;
  if (id === null || /(?:^|[-_])(?:19|20)\d{2}(?:[-_]\d{2}|$)/u.test(id)) return null;
  return id;
}
