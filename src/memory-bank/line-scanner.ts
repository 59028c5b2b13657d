/**
 * The fast Markdown reader: one pass over source lines that yields headings (ATX and setext), thematic breaks,
 * paragraphs, bullet and ordered lists with GFM checkboxes, block quotes, fenced and indented code, HTML blocks and
 * GFM tables, each with its line numbers, columns and offsets, as the same mdast nodes remark would build. Where it
 * meets a block it does not read (tabs in indentation, an HTML block inside a list item, a table right after
 * paragraph text) remark reads only that part of the file — from the top-level heading before it to the next one —
 * and inline constructs it leaves to remark are read by remark span by span (see inline.ts). Only a link reference
 * definition (which changes how the whole file reads) or a NUL character sends a whole file to remark. Memory banks
 * are mostly headings, lists, checklists and tables, so most files never load remark.
 */
import type { Blockquote, Code, Html, Heading, List, ListItem, Paragraph, PhrasingContent, Root, RootContent, Table, TableCell, TableRow, ThematicBreak } from 'mdast';
import { isPlainInline, readInline, startsWithTaskBox } from './inline.js';
import { parseMarkdown } from './markdown.js';
import { splitTableLine } from './table-line.js';
import { InternalError } from '../core/errors.js';

/** Thrown inside the scanner when the file needs remark; caught in `scanMarkdown`. */
class Declined extends Error {}

interface Span {
  line: number;
  /** 0-based character index in the line where the content starts. */
  column: number;
  text: string;
}

interface Block {
  type: 'root' | 'html' | 'blockquote' | 'list' | 'listItem' | 'paragraph' | 'heading' | 'code' | 'thematicBreak' | 'table';
  parent: Block | null;
  children: Block[];
  open: boolean;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  // list / listItem
  ordered?: boolean;
  start?: number;
  marker?: string;
  contentIndent?: number;
  startedBlank?: boolean;
  checked?: boolean | null;
  // paragraph / heading
  spans?: Span[];
  depth?: number;
  // code
  fence?: string;
  fenceIndent?: number;
  info?: string;
  codeLines?: string[];
  /** Blank block-quote lines (`>`) after the last child: a quote and a list directly in it end there. */
  blankEnd?: { line: number; column: number };
  /** HTML block: the line pattern that ends it (undefined: a blank line ends it). */
  htmlEnd?: RegExp;
  /** Indented code: how many of `codeLines` end in content (trailing blank lines are not part of the block). */
  contentLines?: number;
  closed?: boolean;
  // table
  rows?: Span[];
  delimiter?: string;
  align?: ('left' | 'right' | 'center' | null)[];
}

const atxHeading = /^(#{1,6})(?=[ ]|$)/u;
const fenceOpen = /^(`{3,}|~{3,})(.*)$/u;
const thematicBreak = /^(?:(?:\*[ ]*){3,}|(?:-[ ]*){3,}|(?:_[ ]*){3,})$/u;
const setextUnderline = /^(=+|-+)[ ]*$/u;
const bulletMarker = /^([-+*])(?=[ ]|$)/u;
const orderedMarker = /^(\d{1,9})([.)])(?=[ ]|$)/u;
const delimiterRow = /^\|?[ ]*:?-+:?[ ]*(?:\|[ ]*:?-+:?[ ]*)*\|?[ ]*$/u;
const definitionStart = /^\[(?:[^\]\\]|\\.)+\]:/u;
const htmlStart = /^<[A-Za-z/!?]/u;
const closingBackticks = /^`+[ ]*$/u;
const closingTildes = /^~+[ ]*$/u;
const taskBox = /^\[([ \txX])\](?=[ \t]|$)/u;

const htmlBlockNames = new Set(
  'address article aside base basefont blockquote body caption center col colgroup dd details dialog dir div dl dt fieldset figcaption figure footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html iframe legend li link main menu menuitem nav noframes ol optgroup option p param search section summary table tbody td tfoot th thead title tr track ul'.split(' '),
);
const htmlRawNames = /^<(?:pre|script|style|textarea)(?=[ \t>]|$)/iu;
const htmlOpenTag = /^<[A-Za-z][A-Za-z0-9-]*(?:\s+[A-Za-z_:][A-Za-z0-9_.:-]*(?:\s*=\s*(?:[^\s"'=<>`]+|'[^']*'|"[^"]*"))?)*\s*\/?>\s*$/u;
const htmlCloseTag = /^<\/[A-Za-z][A-Za-z0-9-]*\s*>\s*$/u;

/** CommonMark's HTML block starts: the end condition (null: a blank line ends it), or null when none starts. */
function readHtmlStart(rest: string, inParagraph: boolean): { end: RegExp | null } | null {
  if (htmlRawNames.test(rest)) return { end: /<\/(?:pre|script|style|textarea)>/iu };
  if (rest.startsWith('<!--')) return { end: /-->/u };
  if (rest.startsWith('<?')) return { end: /\?>/u };
  if (rest.startsWith('<![CDATA[')) return { end: /\]\]>/u };
  if (/^<![A-Za-z]/u.test(rest)) return { end: />/u };
  const name = /^<\/?([A-Za-z][A-Za-z0-9-]*)(?=[ \t>]|\/>|$)/u.exec(rest)?.[1];
  if (name !== undefined && htmlBlockNames.has(name.toLowerCase())) return { end: null };
  if (!inParagraph && (htmlOpenTag.test(rest) || htmlCloseTag.test(rest))) return { end: null };
  return null;
}

/**
 * Every field a block may take is set here, so all blocks share one object shape: fields added later by type (spans,
 * depth, list markers, code lines…) gave each kind of block its own chain of shapes, which made the scanner's
 * per-line reads of `type`, `open` and `children` polymorphic, and grew each block's property store as they came.
 */
function newBlock(type: Block['type'], parent: Block | null, line: number, column: number): Block {
  return {
    type,
    parent,
    children: [],
    open: true,
    line,
    column,
    endLine: line,
    endColumn: column,
    ordered: undefined,
    start: undefined,
    marker: undefined,
    contentIndent: undefined,
    startedBlank: undefined,
    checked: undefined,
    spans: undefined,
    depth: undefined,
    fence: undefined,
    fenceIndent: undefined,
    info: undefined,
    codeLines: undefined,
    blankEnd: undefined,
    htmlEnd: undefined,
    contentLines: undefined,
    closed: undefined,
    rows: undefined,
    delimiter: undefined,
    align: undefined,
  };
}

function lastOpenChild(block: Block): Block | null {
  const children = block.children;
  // Checked first: reading index -1 of an empty array is a slow named-property lookup (a deopt, "out of bounds").
  if (children.length === 0) return null;
  const last = children[children.length - 1] as Block;
  return last.open ? last : null;
}

function nextNonSpace(text: string, from: number): number {
  let index = from;
  while (index < text.length) {
    const char = text.charCodeAt(index);
    if (char === 32) index++;
    else if (char === 9) throw new Declined('tab');
    else break;
  }
  return index;
}

function countCells(line: string): number {
  return splitTableLine(line, { pipesInCode: 'split' }).length;
}

/** The alignment of each cell of a delimiter row (its cells as `splitTableLine` splits them). */
function readAlign(cells: readonly string[]): ('left' | 'right' | 'center' | null)[] {
  return cells.map((cell) => {
    const left = cell.startsWith(':');
    const right = cell.endsWith(':');
    return left && right ? 'center' : left ? 'left' : right ? 'right' : null;
  });
}

/** First characters of the blocks that interrupt a paragraph or table: `> < # ` ~ * - _ +` and digits (by char code). */
const startsBlockChar: readonly boolean[] = Array.from({ length: 128 }, (_, code) => '><#`~*-_+0123456789'.includes(String.fromCharCode(code)));

/** First characters of the leaf blocks `startLeaf` reads: `< # ` ~ * - _` (by char code). */
const startsLeafChar: readonly boolean[] = Array.from({ length: 128 }, (_, code) => '<#`~*-_'.includes(String.fromCharCode(code)));

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** Whether `text` from `from` on is blank as `text.slice(from).trim() === ''` reads it (no copy for ASCII text). */
function isBlankFrom(text: string, from: number): boolean {
  for (let index = from; index < text.length; index++) {
    const char = text.charCodeAt(index);
    if (char === 32 || char === 9) continue;
    if (char > 32 && char < 127) return false;
    return text.slice(from).trim() === '';
  }
  return true;
}

/** Whether a line whose content starts with this character may be a delimiter row (`|`, `:`, `-`) or a setext underline (`=`, `-`). */
function mayUnderline(code: number): boolean {
  return code === 45 || code === 124 || code === 58 || code === 61;
}

function trimEnd(text: string): string {
  let end = text.length;
  while (end > 0 && (text.charCodeAt(end - 1) === 32 || text.charCodeAt(end - 1) === 9)) end--;
  return text.slice(0, end);
}

/** A list item's marker as `readListMarker` reads it. */
interface ListMarker {
  ordered: boolean;
  start: number | undefined;
  marker: string;
  contentIndent: number;
  blank: boolean;
}

/** A blank line inside block quotes (`>` alone): the quotes, and a list directly in one, end there if nothing follows. */
function markBlankQuoteLine(quotes: readonly { quote: Block; column: number }[], lineNumber: number): void {
  for (const { quote, column } of quotes) {
    const end = { line: lineNumber, column };
    quote.blankEnd = end;
    const list = lastOpenChild(quote);
    if (list?.type === 'list') list.blankEnd = end;
  }
}

class Scanner {
  readonly root: Block;
  private readonly lines: readonly string[];
  /** Whether any line holds a tab (most files hold none: their lines are not searched for one). */
  private readonly tabs: boolean;
  /** Set when the last line has been read: what is still open ends with the document. */
  private finishing = false;

  constructor(lines: readonly string[], tabs = true) {
    this.lines = lines;
    this.tabs = tabs;
    this.root = newBlock('root', null, 1, 0);
  }

  private close(block: Block): void {
    if (!block.open) return;
    // remark stretches a fence left open in a list item, and the item, to the start of the line that ends them.
    if (block.type === 'listItem' && !this.finishing) {
      const last = block.children[block.children.length - 1];
      if (last?.open === true && last.type === 'code' && last.fence !== undefined && last.closed !== true) throw new Declined('unclosed fence in a list item');
    }
    for (const child of block.children) if (child.open) this.close(child);
    block.open = false;
    if (block.type === 'paragraph') this.endParagraph(block);
    if ((block.type === 'list' || block.type === 'listItem' || block.type === 'blockquote') && block.children.length > 0) {
      const last = block.children[block.children.length - 1] as Block;
      block.endLine = last.endLine;
      block.endColumn = last.endColumn;
    }
    if (block.blankEnd !== undefined && block.blankEnd.line > block.endLine) {
      block.endLine = block.blankEnd.line;
      block.endColumn = block.blankEnd.column;
    }
  }

  private endParagraph(block: Block): void {
    const spans = block.spans ?? [];
    const last = spans[spans.length - 1];
    if (last === undefined) return;
    block.endLine = last.line;
    block.endColumn = last.column + last.text.length;
  }

  /** Closes the open children of `container`. */
  private closeUnmatched(container: Block): void {
    const open = lastOpenChild(container);
    if (open !== null) this.close(open);
  }

  private add(type: Block['type'], target: Block, line: number, column: number): Block {
    let container = target;
    if (container.type === 'list' && type !== 'listItem') {
      this.close(container);
      container = container.parent ?? this.root;
    }
    this.closeUnmatched(container);
    const block = newBlock(type, container, line, column);
    container.children.push(block);
    return block;
  }

  private deepestOpen(): Block {
    let block = this.root;
    for (;;) {
      const child = lastOpenChild(block);
      if (child === null) return block;
      block = child;
    }
  }

  scanLine(lineNumber: number): void {
    const text = this.lines[lineNumber - 1] ?? '';
    let offset = 0;
    let container: Block = this.root;
    let allMatched = true;
    // Block quotes this line continues (most lines continue none: no array for them).
    let quotes: { quote: Block; column: number }[] | null = null;

    // 1. Which open blocks does this line continue?
    for (;;) {
      const child = lastOpenChild(container);
      if (child === null) break;
      if (child.type === 'list') {
        container = child;
        continue;
      }
      if (child.type === 'listItem') {
        const nonSpace = nextNonSpace(text, offset);
        const blank = nonSpace >= text.length;
        if (blank) {
          if (child.children.length === 0 && child.startedBlank === true) {
            allMatched = false;
            break;
          }
          offset = Math.min(text.length, offset + (child.contentIndent ?? 0));
          container = child;
          continue;
        }
        if (nonSpace - offset >= (child.contentIndent ?? 0)) {
          offset += child.contentIndent ?? 0;
          container = child;
          continue;
        }
        allMatched = false;
        break;
      }
      if (child.type === 'html') {
        if (this.continueHtml(child, text, lineNumber)) return;
        allMatched = false;
        break;
      }
      if (child.type === 'code' && child.fence === undefined) {
        if (this.continueIndentedCode(child, text, offset, lineNumber)) return;
        allMatched = false;
        break;
      }
      if (child.type === 'blockquote') {
        const nonSpace = nextNonSpace(text, offset);
        if (nonSpace - offset <= 3 && nonSpace < text.length && text.charCodeAt(nonSpace) === 62 /* > */) {
          offset = nonSpace + 1;
          if (offset < text.length && text.charCodeAt(offset) === 9) throw new Declined('tab');
          if (offset < text.length && text.charCodeAt(offset) === 32) offset++;
          (quotes ??= []).push({ quote: child, column: offset });
          container = child;
          continue;
        }
        allMatched = false;
        break;
      }
      if (child.type === 'code') {
        this.continueFence(child, text, offset, lineNumber);
        return;
      }
      if (child.type === 'paragraph' || child.type === 'table') {
        if (nextNonSpace(text, offset) >= text.length) {
          allMatched = false;
          break;
        }
        container = child;
        break;
      }
      allMatched = false;
      break;
    }

    // Tabs change indentation widths (a tab stop is 4 columns): files with tabs outside code are left to remark.
    if (this.tabs && text.includes('\t')) throw new Declined('tab');
    const tipBefore = this.deepestOpen();
    let startedNew = false;

    // 2. New block starts.
    for (;;) {
      if (container.type === 'paragraph' || container.type === 'table') {
        const nonSpace = nextNonSpace(text, offset);
        // A table's rows never reach the paragraph tests below: no copy of the rest of each row.
        // A delimiter row starts with `|`, `:` or `-`, a setext underline with `=` or `-`: other lines skip both tests.
        if (container.type === 'paragraph' && nonSpace - offset < 4 && mayUnderline(text.charCodeAt(nonSpace)) && this.readUnderline(container, text, nonSpace, lineNumber, allMatched)) return;
        if (this.startsBlock(text, nonSpace, offset, container.type === 'table')) {
          container = container.parent ?? this.root;
          continue;
        }
        break;
      }
      const nonSpace = nextNonSpace(text, offset);
      const indent = nonSpace - offset;
      if (nonSpace >= text.length) break;
      if (indent >= 4) {
        if (tipBefore.type === 'paragraph' && !startedNew) break;
        this.startIndentedCode(container, text, offset, lineNumber);
        return;
      }
      // Each construct below starts with its own character: the first one rules most out without a copy or a regex.
      const first = text.charCodeAt(nonSpace);
      if (first === 62 /* > */) {
        // remark stretches the block a nested quote closes over the next line's markers: left to remark.
        for (let outer: Block | null = container; outer !== null; outer = outer.parent) {
          if (outer.type === 'blockquote') throw new Declined('nested block quote');
        }
        const quote = this.add('blockquote', container, lineNumber, nonSpace);
        quote.endColumn = text.length;
        offset = nonSpace + 1;
        if (offset < text.length && text.charCodeAt(offset) === 9) throw new Declined('tab');
        if (offset < text.length && text.charCodeAt(offset) === 32) offset++;
        container = quote;
        startedNew = true;
        continue;
      }
      if (startsLeafChar[first] === true && this.startLeaf(first, container, text, nonSpace, indent, lineNumber, tipBefore.type === 'paragraph' && !startedNew)) return;
      const item = this.readListMarker(text, nonSpace, container, tipBefore, allMatched, startedNew);
      if (item !== null) {
        container = this.addListItem(item, container, text, nonSpace, offset, lineNumber);
        offset = item.blank ? text.length : item.contentIndent;
        startedNew = true;
        continue;
      }
      break;
    }

    // 3. What is left of the line.
    const nonSpace = nextNonSpace(text, offset);
    const blank = nonSpace >= text.length;
    const tip = this.deepestOpen();
    if (!startedNew && !allMatched && !blank && tip.type === 'paragraph') {
      // On a lazy line remark starts an HTML block even where one may not interrupt a paragraph (`<br>` alone).
      if (text.charCodeAt(nonSpace) === 60 /* < */ && readHtmlStart(text.slice(nonSpace), false) !== null) throw new Declined('HTML on a lazy line');
      tip.spans?.push({ line: lineNumber, column: nonSpace, text: text.slice(nonSpace) });
      return;
    }
    if (container.type === 'paragraph') {
      if (blank) {
        this.close(container);
        return;
      }
      container.spans?.push({ line: lineNumber, column: nonSpace, text: text.slice(nonSpace) });
      return;
    }
    if (container.type === 'table') {
      if (blank) {
        this.close(container);
        return;
      }
      // A row ends where its line does, trailing whitespace included, as in remark (the header row too).
      container.rows?.push({ line: lineNumber, column: nonSpace, text: text.slice(nonSpace) });
      container.endLine = lineNumber;
      container.endColumn = text.length;
      return;
    }
    this.closeUnmatched(container);
    if (blank) {
      if (quotes !== null) markBlankQuoteLine(quotes, lineNumber);
      return;
    }
    if (text.charCodeAt(nonSpace) === 91 /* [ */ && definitionStart.test(text.slice(nonSpace))) throw new Declined('link reference definition');
    const paragraph = this.add('paragraph', container, lineNumber, nonSpace);
    paragraph.spans = [{ line: lineNumber, column: nonSpace, text: text.slice(nonSpace) }];
  }

  /** An open HTML block's next line: false when a blank line ends the block (the line is not the block's). */
  private continueHtml(html: Block, text: string, lineNumber: number): boolean {
    const end = html.htmlEnd;
    if (end === undefined ? text.trim() === '' : false) return false;
    html.codeLines?.push(text);
    html.endLine = lineNumber;
    html.endColumn = text.length;
    if (end !== undefined && end.test(text)) this.close(html);
    return true;
  }

  /** An open indented code block's next line: false when the line is not indented enough to continue it. */
  private continueIndentedCode(code: Block, text: string, offset: number, lineNumber: number): boolean {
    let nonSpace = offset;
    while (nonSpace < text.length && text.charCodeAt(nonSpace) === 32) nonSpace++;
    if (nonSpace >= text.length) {
      code.codeLines?.push(text.slice(Math.min(text.length, offset + 4)));
      // A blank line indented as far as the code is inside the block's position in remark (not in its value).
      if (nonSpace - offset >= 4) {
        code.endLine = lineNumber;
        code.endColumn = text.length;
      }
      return true;
    }
    if (text.charCodeAt(nonSpace) === 9) throw new Declined('tab');
    if (nonSpace - offset >= 4) {
      code.codeLines?.push(text.slice(offset + 4));
      code.contentLines = code.codeLines?.length ?? 0;
      code.endLine = lineNumber;
      code.endColumn = text.length;
      return true;
    }
    return false;
  }

  /** An open fenced code block's next line: its closing fence, or a line of its content. */
  private continueFence(code: Block, text: string, offset: number, lineNumber: number): void {
    let nonSpace = offset;
    while (nonSpace < text.length && text.charCodeAt(nonSpace) === 32) nonSpace++;
    const rest = text.slice(nonSpace);
    const fence = code.fence ?? '```';
    if (nonSpace - offset <= 3 && rest.startsWith(fence) && (fence.startsWith('`') ? closingBackticks : closingTildes).test(rest)) {
      code.endLine = lineNumber;
      code.endColumn = trimEnd(text).length;
      code.closed = true;
      this.close(code);
      return;
    }
    let strip = 0;
    const fenceIndent = code.fenceIndent ?? 0;
    while (strip < fenceIndent && offset + strip < text.length && text.charCodeAt(offset + strip) === 32) strip++;
    // A tab inside the fence's indentation stands for spaces of which only some are stripped: left to remark.
    if (strip < fenceIndent && text.charCodeAt(offset + strip) === 9) throw new Declined('tab in a fenced code line');
    // The empty "line" after a file's last line break is not content.
    if (lineNumber < this.lines.length || text !== '') code.codeLines?.push(text.slice(offset + strip));
    code.endLine = lineNumber;
    code.endColumn = text.length;
  }

  /**
   * A paragraph's line that may be a table's delimiter row (the paragraph's line becomes the table's header) or a
   * setext underline (the paragraph becomes a heading). True when it was one of them (the line is read).
   */
  private readUnderline(container: Block, text: string, nonSpace: number, lineNumber: number, allMatched: boolean): boolean {
    const rest = text.slice(nonSpace);
    if (rest.includes('-') && delimiterRow.test(trimEnd(rest)) && (container.spans?.length ?? 0) >= 1) {
      const spans = container.spans ?? [];
      const header = spans[spans.length - 1] as Span;
      const headerHasPipe = header.text.includes('|');
      // The delimiter row is split once, for its cell count and its alignments. Under a header without pipes (one
      // cell), a delimiter row with a pipe or a colon starts a one-column table as in remark; a plain run of dashes
      // underlines a setext heading instead.
      const delimiterCells =
        headerHasPipe || rest.includes('|') || rest.includes(':') ? splitTableLine(rest, { pipesInCode: 'split' }) : null;
      if (delimiterCells !== null && countCells(header.text) === delimiterCells.length) {
        if (spans.length > 1 || !rest.includes('|')) throw new Declined('table after paragraph text');
        const table = container;
        table.type = 'table';
        table.rows = [header];
        table.align = readAlign(delimiterCells);
        table.delimiter = trimEnd(rest);
        table.spans = undefined;
        table.endLine = lineNumber;
        table.endColumn = trimEnd(text).length;
        return true;
      }
      if (rest.includes('|') && headerHasPipe) throw new Declined('table with mismatched cells');
    }
    const underline = rest[0] === '=' || rest[0] === '-' ? setextUnderline.exec(trimEnd(rest)) : null;
    if (underline === null || !allMatched) return false;
    const heading = container;
    heading.type = 'heading';
    heading.depth = underline[1]?.startsWith('=') === true ? 1 : 2;
    heading.open = false;
    const spans = heading.spans ?? [];
    const last = spans[spans.length - 1];
    if (last !== undefined) last.text = trimEnd(last.text);
    heading.endLine = lineNumber;
    // The underline's trailing whitespace is the heading's, as in remark.
    heading.endColumn = text.length;
    return true;
  }

  private startIndentedCode(container: Block, text: string, offset: number, lineNumber: number): void {
    const code = this.add('code', container, lineNumber, offset);
    code.codeLines = [text.slice(offset + 4)];
    code.contentLines = 1;
    code.endColumn = text.length;
  }

  /**
   * A leaf block starting at `nonSpace`, by its first character `first`: an HTML block (`<`), an ATX heading (`#`), a
   * code fence (a backtick or `~`) or a thematic break (`*`, `-`, `_`); false when none starts there. One method for
   * the four, and too large for TurboFan to inline into `scanLine`: a start no line had shown before `scanLine` was
   * optimised (an HTML block late in a bank) deoptimises and recompiles this method, not the whole line reader.
   */
  private startLeaf(first: number, container: Block, text: string, nonSpace: number, indent: number, lineNumber: number, inParagraph: boolean): boolean {
    switch (first) {
      case 60 /* < */: {
        const rest = text.slice(nonSpace);
        if (!htmlStart.test(rest)) return false;
        const kind = readHtmlStart(rest, inParagraph);
        if (kind === null) return false;
        // An HTML block right after a list (no indent) ends the list and sits at the top level; inside any other
        // container it is left to remark.
        if ((container.type === 'list' ? container.parent : container) !== this.root) throw new Declined('HTML block in a container');
        const html = this.add('html', container, lineNumber, nonSpace);
        html.codeLines = [rest];
        html.htmlEnd = kind.end ?? undefined;
        html.endColumn = text.length;
        if (kind.end !== null && kind.end.test(rest)) this.close(html);
        return true;
      }
      case 35 /* # */: {
        const rest = text.slice(nonSpace);
        const atx = atxHeading.exec(rest);
        if (atx === null) return false;
        const heading = this.add('heading', container, lineNumber, nonSpace);
        heading.depth = (atx[1] ?? '#').length;
        let content = rest.slice(heading.depth);
        content = trimEnd(content);
        const closing = / #+$|^#+$/u.exec(content);
        if (closing !== null) content = content.slice(0, closing.index);
        content = content.trim();
        const contentColumn = nonSpace + rest.indexOf(content, heading.depth);
        heading.spans = [{ line: lineNumber, column: contentColumn, text: content }];
        heading.endLine = lineNumber;
        heading.endColumn = text.length;
        heading.open = false;
        return true;
      }
      case 96 /* ` */:
      case 126 /* ~ */: {
        const fence = fenceOpen.exec(text.slice(nonSpace));
        if (fence === null || (fence[1]?.startsWith('`') === true && (fence[2] ?? '').includes('`'))) return false;
        const code = this.add('code', container, lineNumber, nonSpace);
        code.fence = fence[1] ?? '```';
        code.fenceIndent = indent;
        code.info = (fence[2] ?? '').trim();
        code.codeLines = [];
        code.endLine = lineNumber;
        code.endColumn = trimEnd(text).length;
        return true;
      }
      default: {
        // A break repeats its character: a list item (`- text`) is ruled out by its next character, with no copy.
        let next = nonSpace + 1;
        while (next < text.length && text.charCodeAt(next) === 32) next++;
        if (next >= text.length || text.charCodeAt(next) !== text.charCodeAt(nonSpace)) return false;
        if (!thematicBreak.test(trimEnd(text.slice(nonSpace)))) return false;
        const rule = this.add('thematicBreak', container, lineNumber, nonSpace);
        rule.endColumn = text.length;
        rule.open = false;
        return true;
      }
    }
  }

  /** Adds a list item (and its list, when the item starts one) for the marker read at `nonSpace`. */
  private addListItem(item: ListMarker, target: Block, text: string, nonSpace: number, offset: number, lineNumber: number): Block {
    let container = target;
    let list = container.type === 'list' ? container : lastOpenChild(container);
    if (list === null || list.type !== 'list' || list.ordered !== item.ordered || list.marker !== item.marker || list !== lastOpenChild(container) && container.type !== 'list') {
      list = null;
    }
    if (container.type === 'list' && (container.ordered !== item.ordered || container.marker !== item.marker)) {
      container = container.parent ?? this.root;
      list = null;
    }
    if (list === null) {
      list = this.add('list', container, lineNumber, nonSpace);
      list.ordered = item.ordered;
      list.start = item.start;
      list.marker = item.marker;
    }
    const listItem = this.add('listItem', list, lineNumber, nonSpace);
    listItem.contentIndent = item.contentIndent - offset;
    listItem.startedBlank = item.blank;
    listItem.endColumn = item.blank ? text.length : trimEnd(text).length;
    return listItem;
  }

  /**
   * Whether the rest of a line would start a block that interrupts a paragraph or (`table`) a table. A table is
   * interrupted by more than a paragraph is, as in remark: by indented code, and by every list item (any number,
   * empty or not), where a paragraph only gives way to a non-empty item numbered 1 or bulleted.
   */
  private startsBlock(text: string, nonSpace: number, offset: number, table: boolean): boolean {
    if (nonSpace >= text.length) return false;
    if (nonSpace - offset >= 4) return table;
    // Most continuation lines start with a letter or a pipe, which starts none of the blocks below.
    if (!startsBlockChar[text.charCodeAt(nonSpace)]) return false;
    const rest = text.slice(nonSpace);
    const first = rest[0];
    if (first === '>') return true;
    if (first === '<' && readHtmlStart(rest, true) !== null) return true;
    if (atxHeading.test(rest)) return true;
    const fence = fenceOpen.exec(rest);
    if (fence !== null && !(fence[1]?.startsWith('`') === true && (fence[2] ?? '').includes('`'))) return true;
    if (thematicBreak.test(trimEnd(rest))) return true;
    const bullet = bulletMarker.exec(rest);
    if (bullet !== null) return table || rest.slice(1).trim() !== '';
    const ordered = orderedMarker.exec(rest);
    if (ordered !== null) return table || (ordered[1] === '1' && rest.slice((ordered[0] ?? '').length).trim() !== '');
    return false;
  }

  private readListMarker(
    text: string,
    nonSpace: number,
    container: Block,
    tipBefore: Block,
    allMatched: boolean,
    startedNew: boolean,
  ): ListMarker | null {
    const first = text.charCodeAt(nonSpace);
    // `-`, `+`, `*` or a digit: nothing else starts a list item.
    if (!(first === 45 || first === 43 || first === 42 || (first >= 48 && first <= 57))) return null;
    // The marker read by character codes, as `bulletMarker` / `orderedMarker` read it (no slice, no match array).
    let afterMarker: number;
    let digits: string | null = null;
    if (first === 45 || first === 43 || first === 42) {
      afterMarker = nonSpace + 1;
    } else {
      let end = nonSpace;
      while (end < text.length && end - nonSpace <= 9 && isDigit(text.charCodeAt(end))) end++;
      if (end - nonSpace > 9) return null;
      const delimiter = text.charCodeAt(end);
      if (delimiter !== 46 /* . */ && delimiter !== 41 /* ) */) return null;
      digits = text.slice(nonSpace, end);
      afterMarker = end + 1;
    }
    if (afterMarker < text.length && text.charCodeAt(afterMarker) !== 32) return null;
    if (afterMarker < text.length && text.charCodeAt(afterMarker) === 9) throw new Declined('tab after list marker');
    const blank = isBlankFrom(text, afterMarker);
    const interruptsParagraph = tipBefore.type === 'paragraph' && allMatched && !startedNew && container === tipBefore;
    if (interruptsParagraph && (blank || (digits !== null && digits !== '1'))) return null;
    // remark reads the first block after indented code (blank lines between or not) as if it interrupted a
    // paragraph: an empty item or one numbered other than 1 is paragraph text there. Left to remark.
    if (tipBefore.type === 'code' && tipBefore.fence === undefined && !startedNew && (blank || (digits !== null && digits !== '1'))) {
      throw new Declined('list item after indented code');
    }
    let spaces = 0;
    while (afterMarker + spaces < text.length && text.charCodeAt(afterMarker + spaces) === 32) spaces++;
    const contentIndent = blank ? afterMarker + 1 : spaces >= 5 ? afterMarker + 1 : afterMarker + spaces;
    if (!blank && spaces >= 5) throw new Declined('indented code in list item');
    return {
      ordered: digits !== null,
      start: digits === null ? undefined : Number(digits),
      marker: digits === null ? (text[nonSpace] as string) : (text[afterMarker - 1] as string),
      contentIndent,
      blank,
    };
  }

  finish(): void {
    this.finishing = true;
    this.close(this.root);
  }
}

interface Positions {
  lineStarts: number[];
  /** The whole source, for remark's reading of a paragraph whose inline content reads differently alone. */
  source: string;
  /** remark's tree of the whole source, read at most once (only for such a paragraph). */
  remarkRoot?: Root;
}

function point(positions: Positions, line: number, column: number): { line: number; column: number; offset: number } {
  return { line, column: column + 1, offset: (positions.lineStarts[line - 1] ?? 0) + column };
}

function stripPositions(nodes: PhrasingContent[]): PhrasingContent[] {
  for (const node of nodes) {
    delete node.position;
    if ('children' in node) stripPositions(node.children);
  }
  return nodes;
}

/** Inline content of a span the fast reader declined, read by remark on that span alone. */
function readPhrasingWithRemark(text: string, heading: boolean): PhrasingContent[] {
  const root = parseMarkdown(heading ? `# ${text}` : text);
  const only = root.children[0];
  if (root.children.length !== 1 || only === undefined || only.type !== (heading ? 'heading' : 'paragraph')) throw new Declined('span reads differently alone');
  return stripPositions((only as Paragraph | Heading).children);
}

function readPhrasing(spans: readonly Span[], heading: boolean): PhrasingContent[] {
  const text = spans.length === 1 ? trimEnd((spans[0] as Span).text) : spans.map((span, index) => (index === spans.length - 1 ? trimEnd(span.text) : span.text)).join('\n');
  return readInline(text) ?? readPhrasingWithRemark(text, heading && spans.length === 1);
}

type Position = NonNullable<RootContent['position']>;

/**
 * A paragraph whose inline content is read on first use. Its state is private fields of the node, and `children`
 * an own enumerable accessor (as remark's nodes have it as an own property) shared by every paragraph: one object
 * of one shape per paragraph, where a plain object given its accessor and a state object one by one took two
 * runtime calls and a second object.
 */
class LazyParagraph implements Paragraph {
  static readonly #childrenAccessor: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: LazyParagraph): PhrasingContent[] {
      this.#children ??= readParagraphPhrasing(this.#spans, this.#positions, this.position.start.offset ?? 0);
      return this.#children;
    },
    set(this: LazyParagraph, value: PhrasingContent[]) {
      this.#children = value;
    },
  };

  readonly type = 'paragraph';
  declare children: PhrasingContent[];
  declare position: Position;
  readonly #spans: readonly Span[];
  readonly #positions: Positions;
  #children: PhrasingContent[] | null = null;

  constructor(spans: readonly Span[], positions: Positions, position: Position) {
    Object.defineProperty(this, 'children', LazyParagraph.#childrenAccessor);
    this.position = position;
    this.#spans = spans;
    this.#positions = positions;
  }
}

/** A table whose rows and cells are built on first use (the extractors read tables from source lines). */
class LazyTable implements Table {
  static readonly #childrenAccessor: PropertyDescriptor = {
    enumerable: true,
    configurable: true,
    get(this: LazyTable): TableRow[] {
      this.#children ??= toTableRows(this.#rows, this.#delimiter, this.#positions);
      return this.#children;
    },
    set(this: LazyTable, value: TableRow[]) {
      this.#children = value;
    },
  };

  readonly type = 'table';
  declare align: Table['align'];
  declare children: TableRow[];
  declare position: Position;
  readonly #rows: readonly Span[];
  readonly #delimiter: string | undefined;
  readonly #positions: Positions;
  #children: TableRow[] | null = null;

  constructor(block: Block, positions: Positions, position: Position) {
    this.align = block.align ?? [];
    Object.defineProperty(this, 'children', LazyTable.#childrenAccessor);
    this.position = position;
    this.#rows = block.rows ?? [];
    this.#delimiter = block.delimiter;
    this.#positions = positions;
  }
}

/** A table cell the fast reader declined: remark reads the whole table once, on first use of such a cell. */
class RemarkTableCell implements TableCell {
  static readonly #childrenAccessor: PropertyDescriptor = {
    enumerable: true,
    get(this: RemarkTableCell): PhrasingContent[] {
      return stripPositions(this.#readWithRemark().children[this.#rowIndex]?.children[this.#cellIndex]?.children ?? []);
    },
  };

  readonly type = 'tableCell';
  declare readonly children: PhrasingContent[];
  readonly #readWithRemark: () => Table;
  readonly #rowIndex: number;
  readonly #cellIndex: number;

  constructor(readWithRemark: () => Table, rowIndex: number, cellIndex: number) {
    Object.defineProperty(this, 'children', RemarkTableCell.#childrenAccessor);
    this.#readWithRemark = readWithRemark;
    this.#rowIndex = rowIndex;
    this.#cellIndex = cellIndex;
  }
}

function findParagraph(nodes: readonly RootContent[], offset: number): Paragraph | null {
  for (const node of nodes) {
    if (node.type === 'paragraph' && node.position?.start.offset === offset) return node;
    if (node.type === 'blockquote' || node.type === 'list' || node.type === 'listItem') {
      const found = findParagraph(node.children as RootContent[], offset);
      if (found !== null) return found;
    }
  }
  return null;
}

/**
 * The inline content of a paragraph, read on first use. A span that reads differently alone (`a &amp;` and a lazy
 * `===` line in a quote read as a heading alone) is read where it stands: remark reads the whole file once, as the
 * scanner had it do when it read every paragraph up front.
 */
function readParagraphPhrasing(spans: readonly Span[], positions: Positions, offset: number): PhrasingContent[] {
  try {
    return readPhrasing(spans, false);
  } catch (error) {
    if (!(error instanceof Declined)) throw error;
    positions.remarkRoot ??= parseMarkdown(positions.source);
    const paragraph = findParagraph(positions.remarkRoot.children, offset);
    if (paragraph === null) throw new InternalError(`the paragraph at offset ${offset} reads differently alone, and remark reads no paragraph there`);
    return paragraph.children;
  }
}

/** A table's cells, with inline content read on first use (the extractors read rows from source lines). */
function toTableRows(rows: readonly Span[], delimiter: string | undefined, positions: Positions): TableRow[] {
  let remarkTable: Table | null = null;
  const readWithRemark = (): Table => {
    if (remarkTable !== null) return remarkTable;
    const [header, ...body] = rows.map((row) => row.text);
    const root = parseMarkdown([header, delimiter ?? '|-|', ...body].join('\n'));
    const table = root.children[0];
    remarkTable = table?.type === 'table' ? table : { type: 'table', children: [] };
    return remarkTable;
  };
  return rows.map((row, rowIndex) => {
    const start = point(positions, row.line, row.column);
    const end = point(positions, row.line, row.column + row.text.length);
    const cells = splitTableLine(row.text, { pipesInCode: 'split' }).map((text, cellIndex): TableCell => {
      const fast = text.includes('`') ? null : readInline(text.trim());
      if (fast !== null) return { type: 'tableCell', children: fast };
      return new RemarkTableCell(readWithRemark, rowIndex, cellIndex);
    });
    return { type: 'tableRow', children: cells, position: { start, end } };
  });
}

function readCodeValue(block: Block): string {
  const lines = block.codeLines ?? [];
  return (block.fence === undefined ? lines.slice(0, block.contentLines ?? lines.length) : lines).join('\n');
}

/**
 * A container's position, sharing its first child's start point and its last child's end point when they are the
 * same place (a list starts where its first item does and ends where its last item ends): two fewer objects per
 * list and one per item, in a tree that lives as long as its file's parse. Points are never edited in place.
 */
function readContainerPosition(block: Block, positions: Positions, children: readonly RootContent[]): NonNullable<RootContent['position']> {
  const first = children[0]?.position?.start;
  const last = children[children.length - 1]?.position?.end;
  const start = first !== undefined && first.line === block.line && first.column === block.column + 1 ? first : point(positions, block.line, block.column);
  const end = last !== undefined && last.line === block.endLine && last.column === block.endColumn + 1 ? last : point(positions, block.endLine, block.endColumn);
  return { start, end };
}

/**
 * The mdast node of a scanned block. A paragraph's inline content is read on first use (the extractors read most
 * paragraphs by their lines, never by their phrasing), except a list item's first paragraph (`eager`), whose
 * checkbox is read from it here.
 */
function toNode(block: Block, positions: Positions, eager = false): RootContent {
  // Containers (lists, items, quotes) share their points with their children where they are the same place.
  if (block.type === 'list' || block.type === 'listItem' || block.type === 'blockquote') return toContainerNode(block, positions);
  const position = { start: point(positions, block.line, block.column), end: point(positions, block.endLine, block.endColumn) };
  switch (block.type) {
    case 'heading': {
      const node: Heading = { type: 'heading', depth: (block.depth ?? 1) as Heading['depth'], children: readPhrasing(block.spans ?? [], true), position };
      return node;
    }
    case 'paragraph': {
      const spans = block.spans ?? [];
      if (eager) {
        const node: Paragraph = { type: 'paragraph', children: readPhrasing(spans, false), position };
        return node;
      }
      return new LazyParagraph(spans, positions, position);
    }
    case 'thematicBreak': {
      const node: ThematicBreak = { type: 'thematicBreak', position };
      return node;
    }
    case 'html': {
      const node: Html = { type: 'html', value: (block.codeLines ?? []).join('\n'), position };
      return node;
    }
    case 'code': {
      const info = block.info ?? '';
      const space = info.search(/[ ]/u);
      const node: Code = {
        type: 'code',
        lang: info === '' ? null : space < 0 ? info : info.slice(0, space),
        meta: space < 0 ? null : info.slice(space + 1).trim() || null,
        value: readCodeValue(block),
        position,
      };
      return node;
    }
    case 'table': {
      // The extractors read tables from source lines (`readTableRows`): rows and cells are built on first use.
      return new LazyTable(block, positions, position);
    }
    default:
      throw new Declined(`unexpected block ${block.type}`);
  }
}

/**
 * A list item's first paragraph when it is one line of a task box (`[x] `, `[ ] `, `[X] `) and plain text, as most
 * checklist items are: its text node and checkbox read straight from the line. The general path reads the line with
 * `readInline` (the box as text before the rest), then takes the box off that text node and moves the paragraph's
 * start after it — the same node, made with three strings, a match array and a point fewer. Null for anything else.
 */
function readPlainTaskParagraph(block: Block | undefined, positions: Positions): { paragraph: Paragraph; checked: boolean } | null {
  if (block === undefined || block.type !== 'paragraph' || block.spans === undefined || block.spans.length !== 1) return null;
  const span = block.spans[0] as Span;
  if (span.text.charCodeAt(0) !== 91 /* [ */) return null;
  const text = trimEnd(span.text);
  if (!startsWithTaskBox(text)) return null;
  const value = text.slice(4);
  if (!isPlainInline(value)) return null;
  const position = { start: point(positions, span.line, span.column + 4), end: point(positions, block.endLine, block.endColumn) };
  const paragraph: Paragraph = { type: 'paragraph', children: [{ type: 'text', value }], position };
  return { paragraph, checked: text.charCodeAt(1) !== 32 };
}

/** The mdast node of a scanned list, list item or block quote (one small function each: each compiles alone). */
function toContainerNode(block: Block, positions: Positions): RootContent {
  if (block.type === 'listItem') return toListItemNode(block, positions);
  if (block.type === 'list') return toListNode(block, positions);
  if (block.type === 'blockquote') return toBlockquoteNode(block, positions);
  throw new Declined(`unexpected container ${block.type}`);
}

function toBlockquoteNode(block: Block, positions: Positions): Blockquote {
  const children: RootContent[] = [];
  for (const child of block.children) children.push(toNode(child, positions));
  return { type: 'blockquote', children: children as Blockquote['children'], position: readContainerPosition(block, positions, children) };
}

function toListNode(block: Block, positions: Positions): List {
  const items: ListItem[] = [];
  for (const child of block.children) items.push(toListItemNode(child, positions));
  const position = readContainerPosition(block, positions, items);
  return {
    type: 'list',
    ordered: block.ordered === true,
    start: block.ordered === true ? (block.start ?? 1) : null,
    spread: false,
    children: items,
    position,
  };
}

function toListItemNode(block: Block, positions: Positions): ListItem {
  if (block.type !== 'listItem') throw new Declined(`unexpected list child ${block.type}`);
  const task = readPlainTaskParagraph(block.children[0], positions);
  if (task !== null) {
    const children: RootContent[] = [task.paragraph];
    for (let index = 1; index < block.children.length; index++) children.push(toNode(block.children[index] as Block, positions));
    return { type: 'listItem', spread: false, checked: task.checked, children: children as ListItem['children'], position: readContainerPosition(block, positions, children) };
  }
  const children: RootContent[] = [];
  for (let index = 0; index < block.children.length; index++) children.push(toNode(block.children[index] as Block, positions, index === 0));
  const checked = block.children.length > 0 ? takeTaskBox(block.children[0] as Block, children[0] as RootContent, positions) : null;
  return { type: 'listItem', spread: false, checked, children: children as ListItem['children'], position: readContainerPosition(block, positions, children) };
}

/**
 * The checkbox of a list item whose first paragraph `first` (read eagerly from `block`) starts with a task box: the
 * box taken off its text and its start moved after it, as remark's GFM task-list items read it. Null: no task box.
 */
function takeTaskBox(block: Block, first: RootContent, positions: Positions): boolean | null {
  const spans = block.spans ?? [];
  if (first.type !== 'paragraph' || spans.length === 0) return null;
  const span = spans[0] as Span;
  const box = span.text.charCodeAt(0) === 91 /* [ */ ? taskBox.exec(span.text) : null;
  if (box === null) return null;
  const afterBox = span.text.slice(3);
  const isTask = afterBox === '' ? spans.length > 1 : afterBox.trim() !== '' || spans.length > 1;
  const head = first.children[0];
  if (!isTask || head?.type !== 'text' || !head.value.startsWith(box[0])) return null;
  head.value = head.value.slice(4);
  if (head.value === '') first.children.shift();
  else if (first.position !== undefined) first.position.start = point(positions, span.line, span.column + 4);
  return box[1] !== ' ';
}

/** What stands in a scanner's top level for a block already turned into its node (closed: the scanner passes it by). */
const convertedBlock: Block = newBlock('thematicBreak', null, 0, 0);
convertedBlock.open = false;

/**
 * Turns a scanner's closed top-level blocks into mdast nodes while the scan goes on, and drops the blocks: in a big
 * file, blocks kept to the end of the scan outlived young-generation GCs and were copied into the old generation.
 * Every top-level block but the last is closed. A block whose node the fast reader declines (`Declined` from
 * `toNode`) is thrown by `take`, only when the caller takes it — where converting after the scan would have thrown.
 */
class BlockConverter {
  private readonly nodes: RootContent[] = [];
  private failure: { index: number; error: Declined } | null = null;

  constructor(
    private readonly root: Block,
    private readonly positions: Positions,
  ) {}

  /** Converts every top-level block but the last (the only one that may still be open). */
  convertClosed(): void {
    while (this.failure === null && this.nodes.length < this.root.children.length - 1) this.convertNext();
  }

  /** The nodes of the first `count` top-level blocks. */
  take(count: number): RootContent[] {
    while (this.failure === null && this.nodes.length < count) this.convertNext();
    if (this.failure !== null && this.failure.index < count) throw this.failure.error;
    return this.nodes.slice(0, count);
  }

  private convertNext(): void {
    const index = this.nodes.length;
    const blocks = this.root.children;
    try {
      this.nodes.push(toNode(blocks[index] as Block, this.positions));
      blocks[index] = convertedBlock;
    } catch (error) {
      if (!(error instanceof Declined)) throw error;
      this.failure = { index, error };
    }
  }
}

/** Declines that change how the whole document reads (definitions are document-wide): remark reads those files whole. */
const wholeFileReasons: ReadonlySet<string> = new Set(['NUL character', 'link reference definition']);
/** A line that may be a top-level ATX heading: at column 0 it closes every open block (outside code and HTML). */
const columnZeroHeading = /^#{1,6}(?:[ \t]|$)/u;

/** The part of a file remark read because the scanner declined it. */
export interface DeclinedLines {
  /** First and last line (1-based) of the part remark read. */
  from: number;
  to: number;
}

function shiftPositions(node: { position?: { start: { line: number; offset?: number }; end: { line: number; offset?: number } }; children?: unknown[] }, lines: number, offset: number): void {
  const position = node.position;
  if (position !== undefined) {
    position.start.line += lines;
    position.end.line += lines;
    if (position.start.offset !== undefined) position.start.offset += offset;
    if (position.end.offset !== undefined) position.end.offset += offset;
  }
  for (const child of node.children ?? []) shiftPositions(child as typeof node, lines, offset);
}

/**
 * remark's reading of lines `from`..`to` of a file that starts, at `from`, with every block closed; the nodes come
 * with the file's own positions.
 */
function readLinesWithRemark(lines: readonly string[], positions: Positions, from: number, to: number): RootContent[] {
  const root = parseMarkdown(lines.slice(from - 1, to).join('\n'));
  for (const node of root.children) shiftPositions(node, from - 1, positions.lineStarts[from - 1] ?? 0);
  return root.children;
}

/**
 * Reads Markdown (LF line endings) into mdast with positions, the way remark with GFM tables, task-list items and
 * strikethrough reads it; null when the file uses a construct that changes how the whole file reads (a link
 * reference definition, a NUL character). Where the scanner meets a construct it leaves to remark (tab indentation,
 * an HTML block inside a list item, a table right after paragraph text), remark reads only that part: from the last
 * top-level heading before it to the next one (where every block is closed), and the scanner reads on from there.
 * `lines` are the source's lines (`source.split('\n')`, which the parser has already made). `onDecline` is told why
 * and which lines remark read.
 */
export function scanMarkdown(
  source: string,
  lines: readonly string[] = source.split('\n'),
  onDecline?: (reason: string, part: DeclinedLines | null) => void,
): Root | null {
  try {
    return scanParts(source, lines, onDecline);
  } catch (error) {
    // A span the scanner read differently from remark when read alone: remark reads the file whole.
    if (!(error instanceof Declined)) throw error;
    onDecline?.(error.message, null);
    return null;
  }
}

function scanParts(source: string, lines: readonly string[], onDecline: ((reason: string, part: DeclinedLines | null) => void) | undefined): Root | null {
  if (source.includes('\u0000')) {
    onDecline?.('NUL character', null);
    return null;
  }
  const tabs = source.includes('\t');
  const lineStarts = new Array<number>(lines.length);
  let offset = 0;
  for (let index = 0; index < lines.length; index++) {
    lineStarts[index] = offset;
    offset += (lines[index] as string).length + 1;
  }
  const positions: Positions = { lineStarts, source };
  const children: RootContent[] = [];
  let from = 1;
  while (from <= lines.length) {
    const scanner = new Scanner(lines, tabs);
    const converter = new BlockConverter(scanner.root, positions);
    // The last top-level heading this scanner read (every block before it is closed), and how many blocks precede it.
    let checkpoint = from;
    let before = 0;
    let declined: string | null = null;
    let failedAt = from;
    try {
      for (let line = from; line <= lines.length; line++) {
        failedAt = line;
        const count = scanner.root.children.length;
        scanner.scanLine(line);
        const last = scanner.root.children[scanner.root.children.length - 1];
        if (line > from && last?.type === 'heading' && last.line === line && last.column === 0 && scanner.root.children.length === count + 1 && columnZeroHeading.test(lines[line - 1] ?? '')) {
          checkpoint = line;
          before = count;
        }
        converter.convertClosed();
      }
      scanner.finish();
    } catch (error) {
      if (!(error instanceof Declined)) throw error;
      declined = error.message;
    }
    if (declined === null) {
      children.push(...converter.take(scanner.root.children.length));
      break;
    }
    if (wholeFileReasons.has(declined)) {
      onDecline?.(declined, null);
      return null;
    }
    children.push(...converter.take(before));
    // remark reads up to the next top-level heading: remark itself confirms it is one (not inside code or HTML).
    let next = failedAt + 1;
    let part: RootContent[] | null = null;
    for (let tries = 0; tries < 4 && part === null; tries++) {
      while (next <= lines.length && !columnZeroHeading.test(lines[next - 1] ?? '')) next++;
      if (next > lines.length) break;
      const read = readLinesWithRemark(lines, positions, checkpoint, next);
      const heading = read[read.length - 1];
      if (heading?.type === 'heading' && heading.position?.start.line === next && heading.position.start.column === 1) {
        part = read.slice(0, -1);
      } else {
        next++;
      }
    }
    if (part === null) {
      next = lines.length + 1;
      part = readLinesWithRemark(lines, positions, checkpoint, lines.length);
    }
    if (part.some((node) => node.type === 'definition')) {
      onDecline?.('link reference definition', null);
      return null;
    }
    onDecline?.(declined, { from: checkpoint, to: next - 1 });
    children.push(...part);
    from = next;
  }
  const lastLine = lines.length;
  const end = point(positions, lastLine, (lines[lastLine - 1] ?? '').length);
  return { type: 'root', children, position: { start: { line: 1, column: 1, offset: 0 }, end } };
}
