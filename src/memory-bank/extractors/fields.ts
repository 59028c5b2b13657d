/**
 * Bold-field headers: `**Status:** x`, `**Status**: x`, `**Status** : x`, `- **Status:** x`, several fields on
 * one line split by ` | `, plain `Status: x` lines in a document header, and localised names (`**狀態**`).
 */
import type { List, Paragraph } from 'mdast';
import { readEndLine, readLine } from '../markdown.js';
import type { Vocabulary } from '../vocabulary.js';
import { colonSource, fieldSeparatorSource } from '../vocabulary-data.js';
import { nextFieldOnLine } from '../header-status.js';
import { readLeadingBoldField } from './text.js';

/** One field read from a line. */
export interface LineField {
  name: string;
  value: string;
  line: number;
}

/** A line whose text (after its indent and an optional bullet) opens with `**` or `__`: the only ones with bold fields. */
const boldFieldStart = /^\s*(?:[-*+]\s+)?(?:\*\*|__)/u;

/**
 * A separator before the next bold field on a line (` · **Priority:**`, ` | **Target**:`), or spaces alone before a
 * bold name closed by its colon (`**Ticket ID:** SEC-001 **Title:** Fix the salt`, `__Epic:__ 4.1`): not before bold
 * words in a value (`**Summary:** Fix the **login** bug`).
 */
const boldFieldSeparator = new RegExp(String.raw`${fieldSeparatorSource}(?=\*\*|__)|\s+(?=(?:\*\*[^*\s][^*]{0,30}?(?:[:：]\*\*|\*\*[:：])|__[^_\s][^_]{0,30}?(?:[:：]__|__[:：]))(?:\s|$))`, 'u');

/** Reads the bold fields on one line (`**Status**: DRAFT | **Target**: Opus`), or null when it has none. */
export function readBoldFieldLine(text: string, line: number): LineField[] | null {
  // Most lines are prose: ruled out before any string is made.
  if (!boldFieldStart.test(text)) return null;
  const stripped = text.replace(/^\s*(?:[-*+]\s+)?/u, '').replace(/\\$/u, '').trimEnd();
  if (!/^(?:\*\*|__)/u.test(stripped)) return null;
  const segments = stripped.split(boldFieldSeparator);
  const fields: LineField[] = [];
  for (const segment of segments) {
    const field = readLeadingBoldField(segment);
    if (field === null) return fields.length === 0 ? null : fields;
    fields.push({ name: field.name, value: field.value.replace(/\s{2,}$/u, '').trim(), line });
  }
  return fields;
}

/** A plain field line: a mark before it, its name (group 2) plain or in italics (group 1), `:` or `::`, its value (group 3). */
const plainFieldLine = new RegExp(String.raw`^\s*(?:\p{Extended_Pictographic}\uFE0F?\s*)?([*_]?)([\p{L}][\p{L}\p{M}\u200C\u200D ]{0,30}?)\1\s*(?:::\s+|${colonSource})(\S.*)$`, 'u');

/**
 * Reads a plain `Status: In Progress` header line when the name is a known field, else null; so are a name in italics
 * (`_Status_: In Progress`), a line wholly in emphasis (`**Status: Blocked**`), a line opening with a mark (`✅ Status:
 * Complete`) and an Obsidian Dataview page field (`status:: in-progress`, `due:: 2026-03-01`).
 */
export function readPlainFieldLine(text: string, line: number, vocabulary: Vocabulary): LineField | null {
  // A field wholly in emphasis (`**Status: Blocked**`, `_Status: Todo_`) is read inside it.
  const match = plainFieldLine.exec(text) ?? plainFieldLine.exec(emphasisedLine.exec(text)?.[2] ?? '');
  if (match === null || match[2] === undefined || match[3] === undefined) return null;
  if (vocabulary.matchField(match[2]) === null) return null;
  return { name: match[2].trim(), value: match[3].trim(), line };
}
/** A line wholly in emphasis, bold or italic (`**Status: Blocked**`, `*Status: In progress*`): group 2 what it holds. */
const emphasisedLine = /^\s*(\*\*|__|\*|_)(?=\S)(.*\S)\1\s*$/u;

/**
 * Plain fields written across one line (`Status: Pending | Priority: Medium | Added: 2025-03-10`, `· ` or `; ` between
 * them): each with a known name, else the line is one field whose value runs to its end (null when the first name is
 * not a field's).
 */
function readPlainFieldsAcross(text: string, line: number, vocabulary: Vocabulary): LineField[] | null {
  const first = readPlainFieldLine(text, line, vocabulary);
  if (first === null) return null;
  const fields: LineField[] = [];
  let field: LineField | null = first;
  while (field !== null) {
    const next = nextFieldOnLine.exec(field.value);
    if (next === null) break;
    const rest = readPlainFieldLine(field.value.slice(next.index + next[0].length), line, vocabulary);
    if (rest === null) break;
    fields.push({ ...field, value: field.value.slice(0, next.index).trim() });
    field = rest;
  }
  fields.push(field);
  return fields;
}

/** A field written on its own line: bold fields (`**Status:** Done`), else plain ones with a known name (`Status: Done`). */
export function readFieldLine(text: string, line: number, vocabulary: Vocabulary): LineField[] | null {
  const bold = readBoldFieldLine(text, line);
  if (bold !== null) return bold;
  return readPlainFieldsAcross(text, line, vocabulary);
}

/**
 * Reads a paragraph made only of field lines (bold fields, or plain known fields when `plain` is set).
 * Returns null when any line is something else (prose stays prose).
 */
export function readParagraphFields(
  lines: readonly string[],
  paragraph: Paragraph,
  vocabulary: Vocabulary,
  plain = false,
): LineField[] | null {
  const fields: LineField[] = [];
  // Written plainly, a block of `Name: value` lines may hold names the vocabulary does not know (`Status: Review` over
  // `Branch: feature/theme`, `Related: TASK-3`): fields too, where one line of the block is a known one.
  let known = false;
  for (let line = readLine(paragraph); line <= readEndLine(paragraph); line++) {
    const text = lines[line - 1] ?? '';
    if (text.trim() === '') continue;
    const read = plain ? readFieldLine(text, line, vocabulary) : readBoldFieldLine(text, line);
    if (read !== null) {
      known = true;
      fields.push(...read);
      continue;
    }
    const other = plain ? otherPlainField.exec(text) : null;
    if (other?.[1] === undefined || other[2] === undefined) return null;
    fields.push({ name: other[1], value: other[2].trim(), line });
  }
  return fields.length === 0 || !known ? null : fields;
}

/** A plain field line of a name the vocabulary may not know: a capitalised name of one to three words, a colon, a value. */
const otherPlainField = /^\s*(\p{Lu}[\p{L}\p{N}_-]*(?: [\p{L}\p{N}_-]+){0,2})[:：][ \t]+(\S.*)$/u;

/** A list marker at the start of a line (`- `, `* `, `1. `). */
export const listMarker = /^\s*(?:[-*+]|\d{1,9}[.)])\s+/u;

/**
 * Reads a list made only of one-line field items (`- **Priority:** High`, `* Owner: Dana`, plain names only when
 * known), as a task file's header writes them. Null when any item is something else: a checkbox, prose, more lines.
 */
export function readListFields(lines: readonly string[], list: List, vocabulary: Vocabulary): LineField[] | null {
  const fields: LineField[] = [];
  for (const item of list.children) {
    const line = readLine(item);
    if (readEndLine(item) !== line) return null;
    const text = (lines[line - 1] ?? '').replace(listMarker, '');
    if (text.startsWith('[')) return null;
    const read = readFieldLine(text, line, vocabulary);
    if (read === null) return null;
    fields.push(...read);
  }
  return fields.length === 0 ? null : fields;
}
