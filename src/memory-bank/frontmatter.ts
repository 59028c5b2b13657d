/**
 * YAML frontmatter: read at byte 0, or right after the H1 (then also a warning), never inside a code fence. Read
 * with the `yaml` package's failsafe schema, so every scalar stays as the author wrote it (`version: 1.10` →
 * "1.10", `created: 2026-03-12` → "2026-03-12", never a timezone-shifted Date); a plain empty, `~` or `null` value
 * is null. The block is blanked out of the source (line count kept) so the body parses with correct line numbers.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import type { InputProblem } from '../core/task-record.js';
import { truncateForMessage } from '../core/errors.js';

/** A frontmatter value with every scalar kept as text. */
export type FrontmatterValue = string | null | FrontmatterValue[] | { [key: string]: FrontmatterValue };

/** Frontmatter found in a file. */
export interface Frontmatter {
  data: Record<string, FrontmatterValue>;
  /** Line of the opening `---` (1-based). */
  startLine: number;
  /** Line of the closing `---`. */
  endLine: number;
  /** Line of each top-level key. */
  keyLines: Record<string, number>;
  placement: 'top' | 'after-heading';
}

/** The frontmatter (if any), the source with the block blanked, and problems found. */
export interface FrontmatterResult {
  frontmatter: Frontmatter | null;
  source: string;
  problems: InputProblem[];
}

const require = createRequire(import.meta.url);
let yaml: typeof Yaml | null = null;

/**
 * The `yaml` package, loaded on first use (its CommonJS build, synchronously): most files have no frontmatter, and
 * loading it is a noticeable part of a cold run (bench/parse, corpus).
 */
function loadYaml(): typeof Yaml {
  yaml ??= require('yaml') as typeof Yaml;
  return yaml;
}

/** A YAML key as membank reads one: any letters, digits, `_`, `.`, `-`, words joined by single spaces (`état`, `Due Date`). */
export const yamlKeySource = String.raw`[\p{L}_][\p{L}\p{M}\u200C\u200D\p{N}_.-]*(?: [\p{L}\p{M}\u200C\u200D\p{N}_.-]+)*`;
/** A line of a YAML map: `key:` (quoted or not), or a flow map opening. */
const keyLinePattern = new RegExp(`^(?:\\{|(["']?)${yamlKeySource}\\1\\s*:(?:\\s|$))`, 'u');
const maxBlockLines = 300;

function findClosing(lines: readonly string[], openIndex: number): number {
  const limit = Math.min(lines.length, openIndex + maxBlockLines);
  for (let index = openIndex + 1; index < limit; index++) {
    const line = lines[index] ?? '';
    if (/^(?:---|\.\.\.)\s*$/u.test(line)) return index;
  }
  return -1;
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function blankLines(lines: string[], from: number, to: number): void {
  for (let index = from; index <= to; index++) lines[index] = '';
}

/** Where a frontmatter block is: the 0-based indexes of its opening and closing `---`. */
export interface FrontmatterBlock {
  open: number;
  close: number;
  placement: Frontmatter['placement'];
}

function locateBlock(lines: readonly string[]): FrontmatterBlock | null {
  if (lines.length === 0) return null;
  if (/^---\s*$/u.test(lines[0] ?? '')) {
    const close = findClosing(lines, 0);
    if (close > 0) return { open: 0, close, placement: 'top' };
    return null;
  }
  let index = 0;
  while (index < lines.length && (lines[index] ?? '').trim() === '') index++;
  if (!/^#\s+\S/u.test(lines[index] ?? '')) return null;
  index++;
  while (index < lines.length && (lines[index] ?? '').trim() === '') index++;
  if (!/^---\s*$/u.test(lines[index] ?? '')) return null;
  const close = findClosing(lines, index);
  if (close < 0) return null;
  return { open: index, close, placement: 'after-heading' };
}

/**
 * The frontmatter block of a file's lines, where discovery and the parser both look for it: at line 1, or right after
 * an H1 that opens the file; closed within 300 lines; holding at least one `key:` line (a `---` rule over prose is not one).
 */
export function findFrontmatterBlock(lines: readonly string[]): FrontmatterBlock | null {
  const block = locateBlock(lines);
  if (block === null) return null;
  for (let index = block.open + 1; index < block.close; index++) if (keyLinePattern.test(lines[index] ?? '')) return block;
  return null;
}

/**
 * Finds and parses the frontmatter of one file (`path` is for messages). `source` must have LF line endings.
 * Malformed YAML becomes a problem with file, line, received text and fix; the body is still returned.
 */
export function extractFrontmatter(source: string, path: string): FrontmatterResult {
  const lines = source.split('\n');
  const found = readFrontmatterLines(lines, path);
  return { frontmatter: found.frontmatter, source: found.changed ? lines.join('\n') : source, problems: found.problems };
}

/** What `readFrontmatterLines` found; `changed` says whether it blanked lines (or dropped a BOM) in place. */
export interface FrontmatterLines {
  frontmatter: Frontmatter | null;
  problems: InputProblem[];
  changed: boolean;
}

/**
 * `extractFrontmatter` over a file's LF-split lines, which it edits in place (a leading BOM dropped, the block
 * blanked, line count kept): the parser splits each file into lines once and shares them.
 */
export function readFrontmatterLines(lines: string[], path: string): FrontmatterLines {
  let changed = false;
  if (lines[0]?.startsWith('\uFEFF') === true) {
    lines[0] = lines[0].slice(1);
    changed = true;
  }
  const none = (): FrontmatterLines => ({ frontmatter: null, problems: [], changed });
  const block = findFrontmatterBlock(lines);
  if (block === null) return none();
  const yamlLines = lines.slice(block.open + 1, block.close);
  const problems: InputProblem[] = [];
  const startLine = block.open + 1;
  const endLine = block.close + 1;
  if (block.placement === 'after-heading') {
    problems.push({
      severity: 'warning',
      code: 'frontmatter-after-heading',
      file: path,
      line: startLine,
      message: 'YAML frontmatter follows the H1 instead of opening the file; it was read anyway',
      received: truncateForMessage(lines.slice(block.open, Math.min(block.close + 1, block.open + 4)).join('\n')),
      fix: 'move the `---` block to the very first line of the file, above the `# Title` heading',
    });
  }
  let read = readYamlBlock(lines, block.open + 1, block.close);
  if (read.error !== null) {
    const offendingIndex = Math.min(Math.max(read.error.index, 0), Math.max(yamlLines.length - 1, 0));
    // Its `key: value` lines are still read one by one (discovery classified the file by them too).
    const kept = readInvalidBlock(lines, block.open + 1, block.close);
    const keys = Object.keys(kept.data ?? {});
    problems.push({
      severity: 'error',
      code: 'yaml-invalid',
      file: path,
      line: startLine + 1 + offendingIndex,
      message: `the frontmatter is not valid YAML (${read.error.reason}); ${keys.length === 0 ? 'no line of it could be read' : `its keys ${keys.join(', ')} were read line by line`}, and the Markdown body was still read`,
      received: truncateForMessage(yamlLines[offendingIndex] ?? ''),
      fix: 'fix the YAML between the `---` lines, e.g. `status: in-progress` or `tags: [a, b]`; quote values that contain `: ` or `#`',
    });
    blankLines(lines, block.open, block.close);
    if (kept.data === null) return { frontmatter: null, problems, changed: true };
    read = kept;
  }
  if (read.data === null) return none();
  const keyLines: Record<string, number> = {};
  for (const [key, index] of Object.entries(read.keyIndexes)) keyLines[key] = startLine + 1 + index;
  const data = read.data;
  blankLines(lines, block.open, block.close);
  return { frontmatter: { data, startLine, endLine, keyLines, placement: block.placement }, problems, changed: true };
}

/** A YAML block read as data: its top-level map (null when it is not a map), each key's line index within the block, or why it is not YAML. */
export interface YamlBlock {
  data: Record<string, FrontmatterValue> | null;
  /** 0-based index of each top-level key's line, counted from the block's first line. */
  keyIndexes: Record<string, number>;
  error: { reason: string; index: number } | null;
}

/** `key: value` with a key YAML reads plainly, the value on its line (`readSimpleValue`), or no value. */
const plainKeyLine = new RegExp(`^(${yamlKeySource}):(?:[ \\t]+(.*?))?[ \\t]*$`, 'u');
/** What makes a value more than a plain one-line scalar: an indicator first, a comment, a `: `, a tab, a closing colon. */
const notPlainValue = /^[-?:,[\]{}#&*!|>'"%@`]|:\s|\s#|:$|\t/u;
const emptyValue = /^(?:|~|null|Null|NULL)$/u;

/** A quoted value without escapes or its quote inside (`"Wave 4"`, `'done'`), nothing after it. */
const quotedValue = /^(?:"([^"\\]*)"|'([^']*)')$/u;
/** A flow list of plain items (`[wave-4, code completion]`, `[]`): no quotes, nesting, colons or comments in it. */
const flowListValue = /^\[([^[\]{}"'#:]*)\]$/u;
const flowListItem = /^[^\s,?&*!|>%@`-][^,]*$/u;

/**
 * A value on a key's line as the failsafe schema reads it — a plain scalar (null when empty, `~` or `null`), a quoted
 * one without escapes, a flow list of plain items — or undefined when it needs the `yaml` package.
 */
function readSimpleValue(value: string): FrontmatterValue | undefined {
  if (!notPlainValue.test(value)) return emptyValue.test(value) ? null : value;
  const quoted = quotedValue.exec(value);
  if (quoted !== null) return quoted[1] ?? quoted[2] ?? '';
  const list = flowListValue.exec(value)?.[1];
  if (list === undefined) return undefined;
  if (list.trim() === '') return [];
  const items = list.split(',').map((item) => item.trim());
  return items.every((item) => flowListItem.test(item)) ? items : undefined;
}

/**
 * The block's `key: value` lines, read here as the `yaml` package's failsafe schema reads them, without loading it.
 * Strictly (most frontmatter: every line blank or a distinct key with a simple value), or null when any line needs YAML
 * proper. Or, for a block that is not valid YAML (`readInvalidBlock`), leniently: a line that does not read is left
 * out, and a plain value but for a `: ` in it is kept as written.
 */
function readKeyLines(lines: readonly string[], from: number, to: number, lenient: boolean): YamlBlock | null {
  const data: Record<string, FrontmatterValue> = {};
  const keyIndexes: Record<string, number> = {};
  for (let index = from; index < to; index++) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    const match = plainKeyLine.exec(line);
    const key = match?.[1];
    const written = match?.[2] ?? '';
    const value = key === undefined || Object.hasOwn(data, key) ? undefined : (readSimpleValue(written) ?? (lenient && readSimpleValue(written.replace(/:(?=\s)/gu, ';')) !== undefined ? written : undefined));
    if (key === undefined || value === undefined) {
      if (lenient) continue;
      return null;
    }
    data[key] = value;
    keyIndexes[key] = index - from;
  }
  // Blank lines only: no map (as the package reads an empty document).
  return { data: Object.keys(data).length === 0 ? null : data, keyIndexes, error: null };
}

/**
 * The keys of a block that is not valid YAML, read line by line as its author meant them: each `key: value` line
 * whose value is simple (`readSimpleValue`), or plain text but for a `: ` in it (`title: Fix: the login loop`, the
 * slip that makes most hand-written frontmatter invalid). Other lines (`tags: [a, b`, nested ones) are left out;
 * `data` is null when no line reads so.
 */
export function readInvalidBlock(lines: readonly string[], from: number, to: number): YamlBlock {
  return readKeyLines(lines, from, to, true) ?? { data: null, keyIndexes: {}, error: null };
}

/**
 * Reads lines `from`..`to` (exclusive) of a file as YAML with the failsafe schema — every scalar as written; a plain
 * empty, `~` or `null` value is null — the one reading of a frontmatter block, for discovery and the parser alike.
 */
export function readYamlBlock(lines: readonly string[], from: number, to: number): YamlBlock {
  const plain = readKeyLines(lines, from, to, false);
  if (plain !== null) return plain;
  const yamlText = lines.slice(from, to).join('\n');
  const { isMap, isScalar, parseDocument, visit } = loadYaml();
  const document = parseDocument(yamlText, { schema: 'failsafe' });
  const error = document.errors[0];
  if (error !== undefined) {
    const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/u, '') ?? error.message;
    return { data: null, keyIndexes: {}, error: { reason, index: (error.linePos?.[0].line ?? 1) - 1 } };
  }
  if (!isMap(document.contents)) return { data: null, keyIndexes: {}, error: null };
  // Plain `key:`, `key: ~` and `key: null` mean no value; quoted "null" stays text. An alias without its anchor
  // (`title: *bold*`, Markdown emphasis written in YAML) is not valid: the package would throw reading it.
  let unresolved: { reason: string; index: number } | null = null;
  visit(document, {
    Scalar(key, node) {
      if (key !== 'key' && node.type === 'PLAIN' && emptyValue.test(String(node.value))) node.value = null;
    },
    Alias(_key, node) {
      if (unresolved !== null || node.resolve(document) !== undefined) return;
      const index = yamlText.slice(0, node.range?.[0] ?? 0).match(/\n/gu)?.length ?? 0;
      unresolved = { reason: `*${node.source} is an alias of no anchor; quote a value that starts with *`, index };
    },
  });
  if (unresolved !== null) return { data: null, keyIndexes: {}, error: unresolved };
  const parsed = document.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isPlainObject(parsed)) return { data: null, keyIndexes: {}, error: null };
  const keyIndexes: Record<string, number> = {};
  for (const pair of document.contents.items) {
    const key = pair.key;
    const start = isScalar(key) ? key.range?.[0] : undefined;
    if (!isScalar(key) || start === undefined) continue;
    keyIndexes[String(key.value)] ??= yamlText.slice(0, start).match(/\n/gu)?.length ?? 0;
  }
  return { data: parsed as Record<string, FrontmatterValue>, keyIndexes, error: null };
}

/** Reads a frontmatter value as a flat list of strings (a YAML list, or a comma-separated string). */
export function readFrontmatterList(value: FrontmatterValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  // An item of a YAML list is one value, already unquoted: its brackets and commas are its text (`"[x] Pick a
  // library"`, `"Smith, J."`); only a nested list is read as a list again.
  if (Array.isArray(value)) return value.flatMap((item) => (typeof item === 'string' ? (item.trim() === '' ? [] : [item.trim()]) : readFrontmatterList(item)));
  if (typeof value === 'object') return [];
  return value
    .replace(/^\[|\]$/g, '')
    .split(',')
    .map((item) => unquote(item.trim()))
    .filter((item) => item !== '');
}

/** Reads a frontmatter value as one string (lists joined with `, `, maps as JSON), or null. */
export function readFrontmatterString(value: FrontmatterValue | undefined): string | null {
  if (value === undefined || value === null) return null;
  if (Array.isArray(value)) return value.map((item) => readFrontmatterString(item) ?? '').join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return value;
}
