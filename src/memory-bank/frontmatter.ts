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

const keyLinePattern = /^([A-Za-z_][\w.-]*(?: [\w.-]+)*)\s*:(?:\s|$)/u;
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

interface Block {
  open: number;
  close: number;
  placement: Frontmatter['placement'];
}

function locateBlock(lines: readonly string[]): Block | null {
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
  const block = locateBlock(lines);
  if (block === null) return none();
  const yamlLines = lines.slice(block.open + 1, block.close);
  // A `---` rule followed by prose is not frontmatter: demand at least one `key:` line.
  if (!yamlLines.some((line) => keyLinePattern.test(line))) return none();
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
  const yamlText = yamlLines.join('\n');
  const { isMap, isScalar, parseDocument, visit } = loadYaml();
  const document = parseDocument(yamlText, { schema: 'failsafe' });
  const error = document.errors[0];
  if (error !== undefined) {
    const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/u, '') ?? error.message;
    const offendingIndex = Math.min(Math.max((error.linePos?.[0].line ?? 1) - 1, 0), Math.max(yamlLines.length - 1, 0));
    problems.push({
      severity: 'error',
      code: 'yaml-invalid',
      file: path,
      line: startLine + 1 + offendingIndex,
      message: `the frontmatter is not valid YAML (${reason}); the Markdown body was still read`,
      received: truncateForMessage(yamlLines[offendingIndex] ?? ''),
      fix: 'fix the YAML between the `---` lines, e.g. `status: in-progress` or `tags: [a, b]`; quote values that contain `: ` or `#`',
    });
    blankLines(lines, block.open, block.close);
    return { frontmatter: null, problems, changed: true };
  }
  if (!isMap(document.contents)) return none();
  // Plain `key:`, `key: ~` and `key: null` mean no value; quoted "null" stays text.
  visit(document, {
    Scalar(key, node) {
      if (key !== 'key' && node.type === 'PLAIN' && /^(?:|~|null|Null|NULL)$/u.test(String(node.value))) node.value = null;
    },
  });
  const parsed = document.toJS({ maxAliasCount: 100 }) as unknown;
  if (!isPlainObject(parsed)) return none();
  const keyLines: Record<string, number> = {};
  for (const pair of document.contents.items) {
    const key = pair.key;
    const start = isScalar(key) ? key.range?.[0] : undefined;
    if (!isScalar(key) || start === undefined) continue;
    keyLines[String(key.value)] ??= startLine + 1 + (yamlText.slice(0, start).match(/\n/gu)?.length ?? 0);
  }
  const data = parsed as Record<string, FrontmatterValue>;
  blankLines(lines, block.open, block.close);
  return { frontmatter: { data, startLine, endLine, keyLines, placement: block.placement }, problems, changed: true };
}

/** Reads a frontmatter value as a flat list of strings (a YAML list, or a comma-separated string). */
export function readFrontmatterList(value: FrontmatterValue | undefined): string[] {
  if (value === undefined || value === null) return [];
  if (Array.isArray(value)) return value.flatMap((item) => readFrontmatterList(item));
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
