/**
 * Reads the places a memory-bank file writes values, with exact columns: field lines (`**Status:** x`,
 * `- Status: x`, `status:: x` (Obsidian Dataview), `## Status: x`, `(Status: x)`, several fields split by ` | `), rows of key/value tables
 * (`| Status | x |`), table cells under a named column, frontmatter keys, checkbox marks. Write-back locates the token it edits here, and samples the file's own words.
 */
import { yamlKeySource } from '../frontmatter.js';
import { itemMarkerSource, readShortcodes } from '../list-markers.js';
import { checkboxMarkSource, markCharSource, dueWithoutColonSource, dueWord, plannedForWordSource, type FieldKind } from '../vocabulary-data.js';
import type { Vocabulary } from '../vocabulary.js';
import { closingCjkPriority, closingPriority, findClosingTags, isPriorityTag, leadingCjkPriority, leadingPriority, readTagField } from '../extractors/text.js';
import { readFieldColumns } from '../extractors/tables.js';
import { readSourceText, type SourceLine } from './text.js';
import { detectLanguage, type Language } from '../language.js';

/** A span of one line's text: 0-based `[start, end)` in UTF-16 code units. */
export interface Span {
  start: number;
  end: number;
}

/** A named field's value on one line. */
export interface FieldValue extends Span {
  /** 1-based line. */
  line: number;
  kind: FieldKind;
  value: string;
}

/** One cell of a table row: `inner` is everything between the pipes, `content` the trimmed text. */
export interface TableCell {
  inner: Span;
  content: Span;
  text: string;
}

/** A Markdown table: its header cells and rows, with lines. */
export interface TableView {
  headerLine: number;
  separatorLine: number;
  header: TableCell[];
  /** The kind of each header cell's name, or null. */
  kinds: (FieldKind | null)[];
  rows: { line: number; cells: TableCell[] }[];
}

/** A frontmatter key line. */
export interface FrontmatterKey extends Span {
  line: number;
  key: string;
  /** The value without quotes or a trailing comment. */
  value: string;
  quote: '"' | "'" | '';
}

/** A file prepared for planning: its lines (breaks kept apart), and what was read from them. */
export interface FileView {
  path: string;
  lines: SourceLine[];
  /**
   * Each line's text as the parser reads it: the shortcodes of marks written as their marks, padded to their length
   * (`readShortcodes`, list-markers.ts), so that columns are the file's; `lines` holds the text as written.
   */
  texts: string[];
  inFence: boolean[];
  vocabulary: Vocabulary;
  language: Language;
  fields: FieldValue[];
  tables: TableView[];
  frontmatter: FrontmatterKey[];
  /** Checkbox marks (the text between the brackets) of list items, in order. */
  checkboxes: { line: number; mark: string }[];
}

/** A code fence opening or closing a block (```` ```yaml ````, `~~~`). */
export const fenceLine = /^ {0,3}(?:`{3,}|~{3,})/u;
const separatorRow = /^\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)*\|?\s*$/u;
/**
 * A list item's checkbox, or one opening a line with text after it (a checklist written without bullets, `[x] Send the
 * invites`, indented under another, `    [ ] Book the hotel`): the mark is group 2, at the length of group 1 plus the
 * bracket. A box with emphasis around it (`- **[ ]** Ship it`), or opening before it (`- **[ ] Ship it**`), has the
 * opening marks in group 1 and the closing ones (if right after it) in the match.
 */
export const checkboxLine = new RegExp(
  String.raw`^((?:[ \t]*(?:>[ \t]?)*${itemMarkerSource}(?:(?:\*\*|__|\*|_)(?=\[[^\]]\](?:\*\*|__|\*|_)?[ \t]))?)|[ \t]*(?=\[[^\]\n]{0,2}\][ \t]+\S))[[［](${checkboxMarkSource})[\]］]` +
    String.raw`(?:(?<=\*\*\[[^\]]\])\*\*(?=[ \t])|(?<=__\[[^\]]\])__(?=[ \t])|(?<=[^*]\*\[[^\]]\])\*(?=[ \t])|(?<=[^_]_\[[^\]]\])_(?=[ \t]))?`,
  'u',
);
const fieldStart = new RegExp(
  String.raw`(?:^[ \t]*(?:>[ \t]*)*(?:#{1,6}[ \t]+)?(?:${itemMarkerSource})?(?:\[(?:${checkboxMarkSource})\]\*?[ \t]+)?(?:\p{Extended_Pictographic}[\uFE0E\uFE0F]?[ \t]*)?|[ \t]\|[ \t]+|[ \t][-–—][ \t]+|[(（][ \t]*|[,，;；][ \t]*|[ \t](?=\*\*|__)|[ \t]\x60(?=\p{L}))(?:\*\*|__|\*|_)?([\p{L}][\p{L}\p{M}\u200C\u200D\p{N} _.'’-]{0,30}?)[ \t]*(?:\*\*|__|\*|_)?[ \t]*(?:::|[:：])[ \t]*(?:\*\*|__)?[ \t]*`,
  'gu',
);
/** Emphasis opening a line before a field's name (`**Status: Blocked**`): group 1 the marks. */
const emphasisOpening = /^[ \t]*(?:>[ \t]*)*(\*\*|__|\*|_)(?=\p{L})/u;
/** A field alone on its line with a spaced dash or `=` for its colon (`Status — Done`, `Status = in progress`), as the header reader takes one. */
const dashedFieldLine = /^[ \t]*(?:>[ \t]*)*(?:\p{Extended_Pictographic}[\uFE0E\uFE0F]?[ \t]*)?(?:\*\*|__|\*|_)?([\p{L}][\p{L}\p{M}\u200C\u200D\p{N} _.'’-]{0,30}?)(?:\*\*|__|\*|_)?(?:[ \t][-–—][ \t]|[ \t]*=)[ \t]*/u;
/** A YAML `key: value` line: a key in any letters, quoted or not, words joined by spaces (`état`, `"status"`, `Due Date`). */
const frontmatterKeyLine = new RegExp(`^(?:(["'])([^"'\\n]+)\\1|(${yamlKeySource}))[ \\t]*:[ \\t]*(.*?)[ \\t]*$`, 'u');
const wantedKinds: ReadonlySet<FieldKind> = new Set(['status', 'overallStatus', 'priority', 'due']);
/** A due date written without a colon on a task line (`(due 2025-09-15)`, `(owner: Bo, due 2025-06-03)`, `— due by 2025-09-01`): the date is group 1. */
const dueWithoutColon = new RegExp(String.raw`(?:[(（,，][ \t]*|[ \t][-–—][ \t]+)${dueWithoutColonSource}(?=[ \t]*(?:[)）,，]|$))`, 'giu');

/** Decodes a file and reads its fields, tables, frontmatter and checkboxes. */
export function createFileView(path: string, bytes: Uint8Array, vocabulary: Vocabulary): FileView {
  const source = readSourceText(bytes, path);
  const texts = source.lines.map((line) => readShortcodes(line.text));
  const inFence: boolean[] = [];
  let fenced = false;
  for (const text of texts) {
    const isFence = fenceLine.test(text);
    inFence.push(fenced || isFence);
    if (isFence) fenced = !fenced;
  }
  const view: FileView = {
    path,
    lines: source.lines,
    texts,
    inFence,
    vocabulary,
    language: detectLanguage(texts.join('\n')),
    fields: [],
    tables: [],
    frontmatter: readFrontmatterKeys(texts),
    checkboxes: [],
  };
  texts.forEach((text, index) => {
    if (inFence[index] === true) return;
    const box = checkboxLine.exec(text);
    if (box?.[2] !== undefined) view.checkboxes.push({ line: index + 1, mark: box[2] });
    if (!text.trimStart().startsWith('|')) view.fields.push(...readFieldsOnLine(text, index + 1, vocabulary));
  });
  view.tables = readTables(texts, inFence, vocabulary);
  const rows = readKeyValueRows(view.tables, vocabulary);
  if (rows.length > 0) {
    view.fields.push(...rows);
    view.fields.sort((a, b) => a.line - b.line || a.start - b.start);
  }
  return view;
}

/**
 * The fields of interest stated by key/value tables (`| Status | In Progress |`, header row included): a row of two
 * cells whose first names the field, the second cell's content its value.
 */
function readKeyValueRows(tables: readonly TableView[], vocabulary: Vocabulary): FieldValue[] {
  const out: FieldValue[] = [];
  for (const table of tables) {
    // Fields written across (`| Status | Priority | Owner |` over one row, a task document's header): each column's
    // cell of the row, as the parser reads them (tables.ts' readFieldColumns).
    const across = table.rows.length === 1 ? table.rows[0] : undefined;
    const columns = across === undefined ? null : readFieldColumns(table.header.map((cell) => cell.text), vocabulary);
    if (across !== undefined && columns !== null) {
      columns.forEach((kind, index) => {
        const cell = across.cells[index];
        if (!wantedKinds.has(kind) || cell === undefined || cell.content.end <= cell.content.start) return;
        out.push({ line: across.line, kind, start: cell.content.start, end: cell.content.end, value: cell.text });
      });
      continue;
    }
    if (table.header.length !== 2) continue;
    for (const row of [{ line: table.headerLine, cells: table.header }, ...table.rows]) {
      const [key, value] = row.cells;
      if (row.cells.length !== 2 || key === undefined || value === undefined) continue;
      const name = key.text.replace(/[*_`]/gu, '').replace(/[:：]\s*$/u, '').trim();
      if (!/[\p{L}\p{N}]/u.test(name)) continue;
      const kind = vocabulary.matchField(name);
      if (kind === null || !wantedKinds.has(kind) || value.content.end <= value.content.start) continue;
      out.push({ line: row.line, kind, start: value.content.start, end: value.content.end, value: value.text });
    }
  }
  return out;
}

/** The named fields of interest (status, priority, due) on one line, with their value spans. */
export function readFieldsOnLine(text: string, line: number, vocabulary: Vocabulary): FieldValue[] {
  const out: FieldValue[] = [];
  fieldStart.lastIndex = 0;
  for (let match = fieldStart.exec(text); match !== null; match = fieldStart.exec(text)) {
    const name = match[1] ?? '';
    const kind = vocabulary.matchField(name);
    if (kind === null || !wantedKinds.has(kind)) continue;
    const valueStart = match.index + match[0].length;
    const opener = /[(（]/u.test(match[0].trimStart().charAt(0)) ? ')' : null;
    let end = text.length;
    const pipe = text.indexOf(' | ', valueStart);
    if (pipe >= 0) end = pipe;
    // A key in bold after the title (`Tune the cache **Priority:** High **Status:** Blocked`): its value runs to the next.
    if (/^[ \t](?:\*\*|__)/u.test(match[0])) {
      const next = text.slice(valueStart).search(/[ \t](?:\*\*|__)\p{L}/u);
      if (next >= 0) end = Math.min(end, valueStart + next);
    }
    // A field in a code span closing a title (`Add CSV export \`Priority: High\` \`Status: Backlog\``): its value ends with it.
    if (match[0].trimStart().startsWith('`')) {
      const close = text.indexOf('`', valueStart);
      if (close >= 0) end = Math.min(end, close);
    }
    if (opener !== null || /^[,，;；]/u.test(match[0].trimStart())) {
      const close = text.slice(valueStart).search(/[)）]|[,，;；](?!\s*\d{4}\b)/u);
      if (close >= 0) end = Math.min(end, valueStart + close);
    }
    // A field wholly in emphasis (`**Status: Blocked**`, `_Status: Todo_`): its value ends before the closing marks.
    const wrapped = match.index === 0 ? emphasisOpening.exec(text)?.[1] : undefined;
    if (wrapped !== undefined && match[0].split(wrapped).length === 2 && text.trimEnd().endsWith(wrapped)) end = Math.min(end, text.trimEnd().length - wrapped.length);
    const span = trimValue(text, valueStart, end);
    if (span.end <= span.start) continue;
    out.push({ line, kind, start: span.start, end: span.end, value: text.slice(span.start, span.end) });
  }
  const dashed = out.length === 0 ? dashedFieldLine.exec(text) : null;
  const dashedKind = dashed?.[1] === undefined ? null : vocabulary.matchField(dashed[1]);
  if (dashed !== null && dashedKind !== null && wantedKinds.has(dashedKind)) {
    const span = trimValue(text, dashed[0].length, text.length);
    if (span.end > span.start) out.push({ line, kind: dashedKind, start: span.start, end: span.end, value: text.slice(span.start, span.end) });
  }
  // A priority marker on a task line, as the parser reads one (`- [ ] [P1] Fix it`, `… (P2)`, `… [HIGH]`, `… (low priority)`).
  if (!out.some((field) => field.kind === 'priority')) {
    const marker = readPriorityMarker(text);
    if (marker !== null) out.push({ line, kind: 'priority', start: marker.start, end: marker.start + marker.value.length, value: marker.value });
  }
  // Tags closing a task line, as the parser reads them (`@priority(medium)`, `@high`, `@due(2025-10-01)`).
  if (text.includes('@')) out.push(...readTagFields(text, line, vocabulary, out));
  // A planned status naming its day (`(planned for 2025-09-06)`), which the parser reads as the due date.
  if (plannedForHint.test(text)) {
    plannedForDate.lastIndex = 0;
    for (let match = plannedForDate.exec(text); match !== null; match = plannedForDate.exec(text)) {
      const date = match[2] ?? '';
      if (vocabulary.matchStatus(match[1] ?? '').canonical !== 'planned') continue;
      const start = match.index + match[0].length - date.length;
      out.push({ line, kind: 'due', start, end: start + date.length, value: date });
    }
  }
  if (dueWord.test(text)) {
    dueWithoutColon.lastIndex = 0;
    for (let match = dueWithoutColon.exec(text); match !== null; match = dueWithoutColon.exec(text)) {
      const date = match[1] ?? '';
      const start = match.index + match[0].length - date.length;
      out.push({ line, kind: 'due', start, end: start + date.length, value: date });
    }
  }
  return out;
}

/** A status and the day it is planned for (`planned for 2025-09-06`, `scheduled for …`): group 1 the status words, 2 the date. */
const plannedForDate = new RegExp(String.raw`(\p{L}+\s+${plannedForWordSource})\s+(\d{4}-\d{2}-\d{2})`, 'giu');
const plannedForHint = new RegExp(String.raw`\s${plannedForWordSource}\s+\d{4}-`, 'iu');

/** The priority and due date the tags closing a line write, where no other field on it does: their value spans. */
function readTagFields(text: string, line: number, vocabulary: Vocabulary, found: readonly FieldValue[]): FieldValue[] {
  const out: FieldValue[] = [];
  for (const tag of findClosingTags(text)) {
    // A tag with a value writes its field (`@priority(high)`, `@due(2025-10-01)`); a bare one, a priority word (`@high`).
    const named = tag.value === undefined ? undefined : readTagField(tag.name);
    const kind = named === 'priority' || named === 'due' ? named : tag.value === undefined && isPriorityTag(tag.name, vocabulary) ? 'priority' : undefined;
    if (kind === undefined || found.some((field) => field.kind === kind) || out.some((field) => field.kind === kind)) continue;
    const span = tag.value === undefined ? { start: tag.start + 1, end: tag.end } : trimValue(text, tag.valueStart, tag.valueStart + tag.value.length);
    if (span.end > span.start) out.push({ line, kind, start: span.start, end: span.end, value: text.slice(span.start, span.end) });
  }
  return out;
}

/** A list item's marker and checkbox, before its text. */
export const itemStart = new RegExp(String.raw`^[ \t]*(?:>[ \t]?)*${itemMarkerSource}(?:[[［](?:${checkboxMarkSource})[\]］][ \t]*)?`, 'u');

/** A heading's marker, before its text. */
const headingStart = /^[ \t]{0,3}#{1,6}[ \t]+/u;

/**
 * A status closing a task line after its markers (` — In Progress`, ` (blocked)`, ` [DONE]`, ` ✅`), or mentions, tags
 * and a commit closing it (` @ola`, ` #infra`, ` a1b2c3d`), as the parser reads them off before the priority they closed
 * over (`Funnel report (P1) — In Progress`, `Thumbnail worker (P2) @ola`).
 */
const closingStatusTail =
  /(?:\s+[-–—]\s+[^\s()[\]][^()[\]]{0,40}|\s*[(\[][^()[\]]{1,40}[)\]]|(?:\s*\p{Extended_Pictographic}\uFE0F?)+|(?:,?\s+(?:@[\p{L}\p{M}\u200C\u200D\p{N}_.-]+|#\p{L}[\p{L}\p{M}\u200C\u200D\p{N}_/-]*|[0-9a-f]{7,40}))+)$/u;

/** Status marks opening an item's text, each with its variation selector and the space after it (`🔲 `, `✅ `). */
const openingMarks = new RegExp(`^(?:[${markCharSource}]\uFE0F?[ \t]+)+`, 'u');

/**
 * The priority value a list item's or a heading's line opens or closes with (`leadingPriority`, `closingPriority`;
 * also before a closing status), and where it starts.
 */
function readPriorityMarker(text: string): { value: string; start: number } | null {
  const item = itemStart.exec(text) ?? headingStart.exec(text);
  if (item === null) return null;
  const body = text.trimEnd();
  // After the item's status marks, as the parser reads the line (`- 🔲 P1: Local inference`).
  const opening = item[0].length + (openingMarks.exec(body.slice(item[0].length))?.[0].length ?? 0);
  // A level and the word priority as one phrase, in Chinese or Japanese (`[高优先级] …`, `…（低优先级）`) too.
  const lead = leadingPriority.exec(body.slice(opening)) ?? leadingCjkPriority.exec(body.slice(opening));
  let closing = lead === null ? closingPriority.exec(body) ?? closingCjkPriority.exec(body) : null;
  if (lead === null && closing === null) {
    const tail = closingStatusTail.exec(body);
    const beforeTail = tail !== null && tail.index > item[0].length ? body.slice(0, tail.index) : null;
    if (beforeTail !== null) closing = closingPriority.exec(beforeTail) ?? closingCjkPriority.exec(beforeTail);
  }
  const match = lead ?? closing;
  const value = match?.slice(1).find((group) => group !== undefined);
  if (match === null || value === undefined) return null;
  const offset = lead === null ? match.index : opening + match.index;
  return { value, start: offset + match[0].indexOf(value) };
}

/** Narrows a value span: outer spaces, a trailing backslash (hard break), and bold wrapping the whole value. */
function trimValue(text: string, start: number, end: number): Span {
  let s = start;
  let e = end;
  while (s < e && /\s/u.test(text[s] ?? '')) s++;
  while (e > s && /\s/u.test(text[e - 1] ?? '')) e--;
  if (e > s && text[e - 1] === '\\') e--;
  while (e > s && /\s/u.test(text[e - 1] ?? '')) e--;
  const inner = text.slice(s, e);
  const wrap = /^(\*\*|__)(.+)\1$/u.exec(inner);
  if (wrap !== null) return { start: s + 2, end: e - 2 };
  return { start: s, end: e };
}

/** Splits a table row into cells with spans; pipes in code spans and escaped pipes stay in their cell. */
export function splitTableCells(text: string): TableCell[] {
  const pipes: number[] = [];
  let code = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text[index];
    if (char === '\\' && text[index + 1] === '|') {
      index++;
      continue;
    }
    if (char === '`') {
      let run = 1;
      while (text[index + run] === '`') run++;
      if (code === 0) {
        if (text.indexOf('`'.repeat(run), index + run) >= 0) code = run;
      } else if (run === code) {
        code = 0;
      }
      index += run - 1;
      continue;
    }
    if (char === '|' && code === 0) pipes.push(index);
  }
  const bounds: number[] = [];
  const trimmed = text.trim();
  const first = text.length - text.trimStart().length;
  if (!trimmed.startsWith('|')) bounds.push(first - 1);
  bounds.push(...pipes);
  if (!(trimmed.endsWith('|') && !trimmed.endsWith('\\|'))) bounds.push(text.trimEnd().length);
  const cells: TableCell[] = [];
  for (let index = 0; index + 1 < bounds.length; index++) {
    const start = (bounds[index] ?? 0) + 1;
    const end = bounds[index + 1] ?? start;
    let s = start;
    let e = end;
    while (s < e && /\s/u.test(text[s] ?? '')) s++;
    while (e > s && /\s/u.test(text[e - 1] ?? '')) e--;
    cells.push({ inner: { start, end }, content: { start: s, end: e }, text: text.slice(s, e) });
  }
  return cells;
}

function readTables(texts: readonly string[], inFence: readonly boolean[], vocabulary: Vocabulary): TableView[] {
  const tables: TableView[] = [];
  for (let index = 1; index < texts.length; index++) {
    const text = texts[index] ?? '';
    if (inFence[index] === true || !text.includes('-') || !separatorRow.test(text)) continue;
    const headerText = texts[index - 1] ?? '';
    if (!headerText.includes('|')) continue;
    const header = splitTableCells(headerText);
    const table: TableView = {
      headerLine: index,
      separatorLine: index + 1,
      header,
      kinds: header.map((cell) => vocabulary.matchField(cell.text)),
      rows: [],
    };
    let row = index + 1;
    while (row < texts.length && inFence[row] !== true && (texts[row] ?? '').includes('|') && (texts[row] ?? '').trim() !== '') {
      table.rows.push({ line: row + 1, cells: splitTableCells(texts[row] ?? '') });
      row++;
    }
    tables.push(table);
    index = row - 1;
  }
  return tables;
}

/** The key lines of a YAML block at the top of the file, or right after its H1 (as the parser accepts). */
function readFrontmatterKeys(texts: readonly string[]): FrontmatterKey[] {
  let open = -1;
  for (let index = 0; index < Math.min(texts.length, 12); index++) {
    const text = (texts[index] ?? '').trim();
    if (text === '---') {
      open = index;
      break;
    }
    if (text !== '' && !/^#\s/u.test(text)) break;
  }
  if (open < 0) return [];
  const keys: FrontmatterKey[] = [];
  for (let index = open + 1; index < texts.length; index++) {
    const text = texts[index] ?? '';
    if (/^(?:---|\.\.\.)\s*$/u.test(text)) return keys;
    const key = readKeyOnLine(text, index + 1, 0);
    if (key !== null) keys.push(key);
  }
  return [];
}

/** A YAML `key: value` line whose key starts at column `at`, with its value's span (quotes and a trailing comment left out). */
function readKeyOnLine(text: string, line: number, at: number): FrontmatterKey | null {
  const match = frontmatterKeyLine.exec(text.slice(at));
  const name = match?.[2] ?? match?.[3];
  const written = match?.[4];
  if (name === undefined || written === undefined) return null;
  const colon = text.indexOf(':', at + (match?.[0].indexOf(name) ?? 0) + name.length);
  const valueStart = text.indexOf(written, colon + 1);
  let value = written.replace(/\s+#.*$/u, '');
  let start = valueStart;
  let quote: FrontmatterKey['quote'] = '';
  const quoted = /^(["'])(.*)\1$/u.exec(value);
  if (quoted?.[1] !== undefined && quoted[2] !== undefined) {
    quote = quoted[1] as '"' | "'";
    value = quoted[2];
    start += 1;
  }
  return { line, key: name, value, quote, start, end: start + value.length };
}

/**
 * The keys of one entry of a YAML list in the frontmatter (`  - id: a` over `    status: pending`), the entry opening
 * on `line`: its first key after the dash and the keys at that key's column under it, up to the next entry or the next
 * key at the list's level (Cursor's plan `todos:`, the items of a YAML task list).
 */
export function readListEntryKeys(texts: readonly string[], line: number): FrontmatterKey[] {
  const first = texts[line - 1] ?? '';
  const dash = /^(\s*)-\s+/u.exec(first);
  if (dash === null) return [];
  const indent = dash[1]?.length ?? 0;
  const keys: FrontmatterKey[] = [];
  const head = readKeyOnLine(first, line, dash[0].length);
  if (head !== null) keys.push(head);
  for (let index = line; index < texts.length; index++) {
    const text = texts[index] ?? '';
    if (/^(?:---|\.\.\.)\s*$/u.test(text)) break;
    if (text.trim() === '') continue;
    const spaces = /^\s*/u.exec(text)?.[0].length ?? 0;
    if (spaces <= indent) break;
    // The entry's own keys only, at the column of its first: not those of a list nested in it (its subtasks').
    if (spaces !== dash[0].length) continue;
    const key = readKeyOnLine(text, index + 1, spaces);
    if (key !== null) keys.push(key);
  }
  return keys;
}

/** Display width of text in a monospace font (wide CJK and emoji count 2; marks and joiners 0). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) {
    if (/[\p{M}\u200D\uFE0E\uFE0F]/u.test(char)) continue;
    if (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u3000-\u303F\uFF01-\uFF60\p{Emoji_Presentation}]/u.test(char)) width += 2;
    else width += 1;
  }
  return width;
}
