/**
 * Markdown plumbing for the extractors: remark (+GFM) parsing with positions, a section tree, list-item
 * heads (every checkbox dialect), table rows split the way authors meant them, and source slices for bodies.
 * Line numbers always refer to the file as written (CRLF files included).
 */
import { createRequire } from 'node:module';
import type { Heading, List, ListItem, Nodes, Paragraph, Parent, Root, RootContent, Table, Text } from 'mdast';
import type { Processor } from 'unified';
import { marginCheckboxPattern, readIndent } from './discover-patterns.js';
import { dunderName, dunderWord } from './inline.js';
import { writeCodeText } from './vocabulary.js';
import { splitTableLine } from './table-line.js';

export { splitTableLine } from './table-line.js';

const require = createRequire(import.meta.url);
let processor: Processor<Root> | null = null;

/**
 * remark with the parts of GFM the extractors read: tables, task-list items and strikethrough (autolink literals
 * and footnotes cost about a fifth of the parse time and nothing reads them). Loaded on first use: the line scanner
 * reads most files alone, and loading remark and micromark is a large part of a cold run (bench/parse).
 */
function loadProcessor(): Processor<Root> {
  if (processor !== null) return processor;
  const { unified } = require('unified') as typeof import('unified');
  const remarkParse = (require('remark-parse') as typeof import('remark-parse')).default;
  const { gfmTable } = require('micromark-extension-gfm-table') as typeof import('micromark-extension-gfm-table');
  const { gfmTaskListItem } = require('micromark-extension-gfm-task-list-item') as typeof import('micromark-extension-gfm-task-list-item');
  const { gfmStrikethrough } = require('micromark-extension-gfm-strikethrough') as typeof import('micromark-extension-gfm-strikethrough');
  const { gfmTableFromMarkdown } = require('mdast-util-gfm-table') as typeof import('mdast-util-gfm-table');
  const { gfmTaskListItemFromMarkdown } = require('mdast-util-gfm-task-list-item') as typeof import('mdast-util-gfm-task-list-item');
  const { gfmStrikethroughFromMarkdown } = require('mdast-util-gfm-strikethrough') as typeof import('mdast-util-gfm-strikethrough');
  function remarkGfmTasks(this: Processor): void {
    const data = this.data();
    (data.micromarkExtensions ??= []).push(gfmTable(), gfmTaskListItem(), gfmStrikethrough());
    (data.fromMarkdownExtensions ??= []).push(gfmTableFromMarkdown(), gfmTaskListItemFromMarkdown(), gfmStrikethroughFromMarkdown());
  }
  processor = unified().use(remarkParse).use(remarkGfmTasks).freeze() as unknown as Processor<Root>;
  return processor;
}

/** Whether remark has been loaded in this process (the line scanner read every file so far without it). */
export function isRemarkLoaded(): boolean {
  return processor !== null;
}

/** Turns CRLF and lone CR into LF; line numbers are unchanged because each ending stays one line break. */
export function normaliseLineEndings(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Parses Markdown (CommonMark + GFM) into mdast with positions. */
export function parseMarkdown(source: string): Root {
  const root = loadProcessor().parse(source);
  if (source.includes('__') && dunderName.test(source)) keepDunderNames(root, source);
  return root;
}

/**
 * Puts back the names CommonMark reads as strong between their double underscores (`dunderName`: `Create __init__.py`
 * reads `Create ` strong `init` `.py`): the strong node becomes the text `__init__`, joined to the text around it as
 * remark joins text.
 */
function keepDunderNames(parent: Parent, source: string): void {
  const children = parent.children as Nodes[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index] as Nodes;
    if (node.type === 'strong') {
      const only = node.children.length === 1 ? node.children[0] : undefined;
      if (only?.type === 'text' && dunderWord.test(only.value) && sliceNode(source, node) === `__${only.value}__`) {
        const text: Text = { type: 'text', value: sliceNode(source, node), ...(node.position === undefined ? {} : { position: node.position }) };
        children[index] = text;
        index = joinText(children, index);
        continue;
      }
    }
    if ('children' in node) keepDunderNames(node, source);
  }
}

/** Joins the text at `index` to text nodes right before and after it; returns the joined node's index. */
function joinText(children: Nodes[], index: number): number {
  let at = index;
  const before = children[at - 1];
  if (before?.type === 'text') {
    mergeInto(before, children[at] as Text);
    children.splice(at, 1);
    at--;
  }
  const after = children[at + 1];
  if (after?.type === 'text') {
    mergeInto(children[at] as Text, after);
    children.splice(at + 1, 1);
  }
  return at;
}

function mergeInto(first: Text, second: Text): void {
  first.value += second.value;
  if (first.position !== undefined && second.position !== undefined) first.position = { start: first.position.start, end: second.position.end };
}

/**
 * A checklist written without bullets right over a rule (`[ ] Book the venue` over `[x] Send the invites` over `---`):
 * to CommonMark the `---` underlines the lines above it, a setext heading whose text is the checklist (GitHub renders it
 * so). Its author wrote a checklist and a rule, and they are read so: the heading becomes a paragraph of its lines and a
 * thematic break of its underline, in place, wherever it sits. A heading whose first line is no box at the margin is
 * left as it is.
 */
export function splitChecklistUnderlines(parent: Root | Parent, lines: readonly string[]): void {
  const children = parent.children as RootContent[];
  for (let index = 0; index < children.length; index++) {
    const node = children[index] as RootContent;
    if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') {
      splitChecklistUnderlines(node, lines);
      continue;
    }
    if (node.type !== 'heading' || node.position === undefined) continue;
    const { start, end } = node.position;
    const underline = lines[end.line - 1] ?? '';
    if (start.line === end.line || !underline.trimStart().startsWith('-') || !marginCheckboxPattern.test(lines[start.line - 1] ?? '')) continue;
    const lastText = lines[end.line - 2] ?? '';
    const breakOffset = end.offset === undefined ? undefined : end.offset - underline.length;
    const indent = underline.length - underline.trimStart().length;
    const paragraph: Paragraph = {
      type: 'paragraph',
      children: node.children,
      position: {
        start,
        end: { line: end.line - 1, column: lastText.length + 1, ...(breakOffset === undefined ? {} : { offset: breakOffset - 1 }) },
      },
    };
    children.splice(index, 1, paragraph, {
      type: 'thematicBreak',
      position: {
        start: { line: end.line, column: indent + 1, ...(breakOffset === undefined ? {} : { offset: breakOffset + indent }) },
        end,
      },
    });
    index++;
  }
}

/** 1-based line where a node starts (1 when unknown). */
export function readLine(node: Nodes): number {
  return node.position?.start.line ?? 1;
}

/** 1-based line where a node ends. */
export function readEndLine(node: Nodes): number {
  return node.position?.end.line ?? readLine(node);
}

/** Offset where a node starts (0 when unknown). */
export function readOffset(node: Nodes): number {
  return node.position?.start.offset ?? 0;
}

/**
 * The node's text without Markdown syntax, as mdast-util-to-string reads it with its defaults (a node's `value`, HTML
 * included; an image's non-empty `alt`; else its children's text, joined). Read here by one small monomorphic
 * walk: most nodes hold one text node, whose string comes back as it is, with no array to join.
 */
export function readText(node: Nodes): string {
  if (node.type === 'inlineCode') return writeCodeText(node.value);
  if ('value' in node) return node.value;
  if ('alt' in node && node.alt) return node.alt;
  if ('children' in node) return readChildrenText(node.children);
  return '';
}

function readChildrenText(children: readonly Nodes[]): string {
  if (children.length === 1) return textOf(readText(children[0] as Nodes));
  let text = '';
  for (const child of children) text += textOf(readText(child));
  return text;
}

/** A child's text as `Array.prototype.join` writes it (a missing value reads as empty). */
function textOf(value: unknown): string {
  return typeof value === 'string' ? value : value === undefined || value === null ? '' : String(value);
}

/** The Markdown source of a node, exactly as written. */
export function sliceNode(source: string, node: Nodes): string {
  const start = node.position?.start.offset;
  const end = node.position?.end.offset;
  if (start === undefined || end === undefined) return '';
  return source.slice(start, end);
}

/** Source of whole lines `from..to` (1-based, inclusive), dedented by their common indentation. */
export function sliceLines(lines: readonly string[], from: number, to: number): string {
  const picked = lines.slice(Math.max(0, from - 1), Math.max(0, to));
  let indent = Infinity;
  for (const line of picked) {
    if (line.trim() === '') continue;
    indent = Math.min(indent, readIndent(line));
  }
  const cut = Number.isFinite(indent) ? indent : 0;
  // Most blocks sit at column 0: nothing to dedent, no copies of their lines.
  const joined = (cut === 0 ? picked : picked.map((line) => line.slice(Math.min(cut, readIndent(line))))).join('\n');
  return joined.startsWith('\n') || /\s$/u.test(joined) ? joined.replace(/^\n+|\s+$/g, '') : joined;
}

/** Markdown of several sibling nodes (whole lines, dedented), joined by blank lines. */
export function sliceNodes(lines: readonly string[], nodes: readonly Nodes[]): string {
  return nodes
    .map((node) => sliceLines(lines, readLine(node), readEndLine(node)))
    .filter((text) => text !== '')
    .join('\n\n');
}

/** A heading and what sits under it, nested by depth. The root section (depth 0) holds the preamble. */
export interface Section {
  heading: Heading | null;
  depth: number;
  /** Heading text without Markdown (empty for the root). */
  title: string;
  line: number;
  /** Direct content before the first sub-heading. */
  nodes: RootContent[];
  children: Section[];
}

/** Groups a document's top-level blocks into a tree of sections by heading depth. */
export function buildSections(root: Root): Section {
  const top: Section = { heading: null, depth: 0, title: '', line: 1, nodes: [], children: [] };
  const stack: Section[] = [top];
  for (const node of root.children) {
    if (node.type === 'heading') {
      while (stack.length > 1 && (stack[stack.length - 1]?.depth ?? 0) >= node.depth) stack.pop();
      const section: Section = {
        heading: node,
        depth: node.depth,
        title: readText(node).trim(),
        line: readLine(node),
        nodes: [],
        children: [],
      };
      stack[stack.length - 1]?.children.push(section);
      stack.push(section);
    } else {
      stack[stack.length - 1]?.nodes.push(node);
    }
  }
  return top;
}

/** What the first line of a list item says: bullet, checkbox dialect and text. */
export interface ListItemHead {
  /** Text inside the checkbox (` `, `x`, `X`, `✅`, `-`, `~`), or null when the item has no checkbox. */
  checkbox: string | null;
  /** Kiro's `[ ]*` / `[x]*` optional mark. */
  optional: boolean;
  /** Plain text of the item's first paragraph, checkbox removed, soft breaks joined by spaces. */
  text: string;
  /** Markdown source of the first paragraph, checkbox removed. */
  markdown: string;
  /** The first paragraph (null for empty items or items starting with another block). */
  paragraph: Paragraph | null;
  /** Children after the first paragraph (nested lists, more paragraphs, code). */
  rest: ListItem['children'];
  /** Whether the list is ordered (`1.`), and the item's number when it is. */
  ordinal: number | null;
}

/**
 * A checkbox opening a list item's first line (in a quote too, `> - [/] …`): group 1 its mark, 2 a `*` after it. A
 * plain box typed without the space GFM wants before the text (`- [ ]Write the docs`, `- [x]Ship it`) is one too, as
 * discovery and write-back read it.
 */
const checkboxPattern = /^\s*(?:>[ \t]?)*[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+\[([^\]\n]{0,3})\](\*?)(?:(?=[ \t]|$)|(?<=\[[ xX]\])(?=[\p{L}\p{N}]))/u;
const wildcardName = /[A-Za-z0-9]_\*/u;
const leadingCheckbox = /^\[([^\]\n]{0,3})\](\*?)[ \t]*/u;

/** A checkbox at the margin with text after it (`[x] Send the invites`): group 1 its mark, 2 the text. */
const marginBox = /^\[([^\]\n]{0,2})\][ \t]+(\S.*?)\s*$/u;

/** A line of a checklist written without bullets (`[x] Send the invites`): the box's mark and the text after it. */
export function readMarginBox(line: string): { mark: string; text: string } | null {
  const match = line.charCodeAt(0) === 0x5b ? marginBox.exec(line.replace(/\\$/u, '')) : null;
  return match?.[1] === undefined || match[2] === undefined ? null : { mark: match[1], text: match[2] };
}

/**
 * A paragraph written as a checklist without bullets, every line a checkbox at the margin whose mark `isBox` knows
 * (`[ ] Book the venue` over `[x] Send the invites`; not `[1] Smith et al.`): its lines, else null.
 */
export function readMarginBoxLines(lines: readonly string[], node: Paragraph, isBox: (mark: string) => boolean): Array<{ line: number; mark: string; text: string }> | null {
  const items: Array<{ line: number; mark: string; text: string }> = [];
  for (let line = readLine(node); line <= readEndLine(node); line++) {
    const text = lines[line - 1] ?? '';
    if (text.trim() === '') continue;
    const box = readMarginBox(text);
    if (box === null || !isBox(box.mark)) return null;
    items.push({ line, ...box });
  }
  return items.length === 0 ? null : items;
}

/** Position of each item in its ordered list, so numbering a long list stays linear. */
const itemIndexes = new WeakMap<List, Map<ListItem, number>>();

function indexInList(list: List, item: ListItem): number {
  let indexes = itemIndexes.get(list);
  if (indexes === undefined || indexes.size !== list.children.length || list.children[indexes.get(item) ?? -1] !== item) {
    indexes = new Map(list.children.map((child, index) => [child, index]));
    itemIndexes.set(list, indexes);
  }
  return indexes.get(item) ?? -1;
}

/**
 * Reads the head of a list item, recognising `[ ]`, `[x]`, `[X]`, `[✅]`, `[-]`, `[~]` and Kiro's `[ ]*`. Read
 * afresh on every call: a WeakMap of heads per item (an item is read by two or three conventions of one walk) cost
 * more than reading again (issue #13: `parseFiles` of the large files ran 10–20% faster without it).
 */
export function readListItemHead(source: string, item: ListItem, list: List | null): ListItemHead {
  const first = item.children[0];
  const paragraph = first !== undefined && first.type === 'paragraph' ? first : null;
  const rest = paragraph === null ? item.children : item.children.slice(1);
  const start = item.position?.start.offset ?? 0;
  const lineEnd = source.indexOf('\n', start);
  const firstLine = source.slice(start - (item.position?.start.column ?? 1) + 1, lineEnd < 0 ? source.length : lineEnd);
  const sourceBox = checkboxPattern.exec(firstLine);
  let checkbox: string | null = null;
  let optional = false;
  if (item.checked === true || item.checked === false) {
    checkbox = sourceBox?.[1] ?? (item.checked ? 'x' : ' ');
    optional = sourceBox?.[2] === '*';
  } else if (sourceBox !== null) {
    checkbox = sourceBox[1] ?? ' ';
    optional = sourceBox[2] === '*';
  }
  let text = paragraph === null ? '' : readText(paragraph);
  // Most heads are one line: nothing to join.
  text = (text.includes('\n') ? text.replace(/\s*\n\s*/g, ' ') : text).trim();
  let markdown = paragraph === null ? '' : sliceNode(source, paragraph).trim();
  if (sourceBox !== null) {
    if (item.checked === null || item.checked === undefined) text = text.replace(leadingCheckbox, '');
    markdown = markdown.replace(leadingCheckbox, '');
  }
  // Wildcard names (`OFFER_*, KYC_*`) read as emphasis by CommonMark: the author meant the characters.
  if (wildcardName.test(markdown)) text = markdown.replace(/\s*\n\s*/g, ' ').replace(/(\*\*|__|`)/g, '').trim();
  const index = list?.ordered === true ? indexInList(list, item) : -1;
  const ordinal = list?.ordered === true ? (list.start ?? 1) + (index >= 0 ? index : 0) : null;
  return { checkbox, optional, text, markdown, paragraph, rest, ordinal };
}

/** One table row, split into raw Markdown cells. */
export interface TableRow {
  cells: string[];
  line: number;
}

/** A table read from source lines: header cells and body rows (the `| :--- |` delimiter row dropped). */
export interface TableRows {
  header: string[];
  rows: TableRow[];
}

/** Tables already read, per table node (several conventions read the same table): same lines only. */
const tableCache = new WeakMap<Table, { lines: readonly string[]; rows: TableRows }>();

/**
 * Reads a GFM table from its source lines (so pipes inside code spans stay inside their cell). The result is shared
 * between calls for the same table and lines: treat it as read-only.
 */
export function readTableRows(lines: readonly string[], table: Table): TableRows {
  const cached = tableCache.get(table);
  if (cached !== undefined && cached.lines === lines) return cached.rows;
  const rows = readTableRowsUncached(lines, table);
  tableCache.set(table, { lines, rows });
  return rows;
}

const delimiterLine = /^\s*\|?\s*:?-{1,}:?\s*(\|\s*:?-{1,}:?\s*)*\|?\s*$/u;

function readTableRowsUncached(lines: readonly string[], table: Table): TableRows {
  const from = readLine(table);
  const to = readEndLine(table);
  const header = splitTableLine(lines[from - 1] ?? '');
  const rows: TableRow[] = [];
  for (let line = from + 1; line <= to; line++) {
    const text = lines[line - 1] ?? '';
    if (line === from + 1 && delimiterLine.test(text)) continue;
    if (text.trim() === '') continue;
    rows.push({ cells: splitTableLine(text), line });
  }
  return { header, rows };
}
