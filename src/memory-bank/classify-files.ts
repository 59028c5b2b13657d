/**
 * Classifies files that are not Markdown: Taskmaster `tasks.json`, task lists kept as data (YAML, JSON, JSON Lines:
 * `data-file.ts`), and every other file by its name alone (images, source code: never read). Also the small helpers
 * every classifier shares.
 */
import { posix } from 'node:path';
import { ExtractorName, FileKind, type ExtractorNameValue, type FileKindValue } from '../core/source-file.js';
import { dataDoneFlagKeys, dataFormatNames, dataStatusKeys, dataTitleKeys, findDataTasks, findStatusMaps, namesStatusMap, readDataFile } from './data-file.js';
import { defaultVocabulary } from './classify-facts.js';
import { readRootListName } from './classify-locations.js';
import { keyNamesSource } from './key-roles.js';
import { taskStemWords } from './vocabulary-data.js';

/** What classification decides for one file. */
export interface Classification {
  kind: FileKindValue;
  reason: string;
  extractors: ExtractorNameValue[];
}

/** Builds a classification. */
export function makeClassification(kind: FileKindValue, reason: string, extractors: ExtractorNameValue[] = []): Classification {
  return { kind, reason, extractors };
}

/** `1 task`, `3 tasks`, `2 boxes`: a count with its word, for reasons. */
export function formatCount(n: number, word: string): string {
  if (n === 1) return `${n} ${word}`;
  const many = /(?:x|s|ch|sh)$/.test(word) ? `${word}es` : /[^aeiou]y$/.test(word) ? `${word.slice(0, -1)}ies` : `${word}s`;
  return `${n} ${many}`;
}

/**
 * Classifies a JSON file from its text: Taskmaster `tasks.json` (tag → `{ tasks: [...] }`, or a legacy top-level
 * `tasks` array) holds tasks; any other JSON is ignored.
 */
export function classifyJson(pathInBank: string, text: string): Classification {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    // Not JSON: a task list with a syntax error is still read as one (its error reported with its line), anything else ignored.
    return classifyData(pathInBank, 'json', text, 'that does not parse (or is JSON Lines)');
  }
  const tasks = findTaskmasterTasks(data);
  if (tasks !== null) {
    return makeClassification(
      FileKind.taskList,
      `Taskmaster tasks.json: ${tasks.where}.tasks with ${formatCount(tasks.count, 'task')} (id/title/status)`,
      [ExtractorName.taskmasterJson],
    );
  }
  return classifyData(pathInBank, 'json', text, 'without a Taskmaster tasks array or a list of items with a title and a status');
}

/**
 * A key of one of `keys` (normalised names: `current status` is also `current_status`, `currentStatus`) at the start of
 * a line or after `{`, `,` or a space, quoted or not, in YAML or JSON.
 */
function keyPattern(keys: readonly string[]): RegExp {
  return new RegExp(`(?:^|[{,\\s])["']?(?:${keyNamesSource(keys)})["']?\\s*:`, 'imu');
}
/** A key naming an item's work (`title:`, `"name":`). */
const titleKeyPattern = keyPattern(dataTitleKeys);
/** A key stating an item's status or done flag (`status:`, `"completed":`). */
const statusKeyPattern = keyPattern([...dataStatusKeys, ...dataDoneFlagKeys]);
/** A key that is a status over a list (`done:` then `- …`, `"In Progress": [`): a board's, kept as data. */
const boardKeyPattern = /(?:^|[{,\s])["']?(?:done|to[ _-]?do|in[ _-]?progress|doing|backlog|completed?|pending|blocked|planned|next|later|wip|open|closed|finished|cancell?ed)["']?\s*:\s*(?:\[|(?:#.*)?$)/imu;
/** A key named for statuses or work opening a map (`development_status:`, `"statuses": {`, `tasks:`): a status map's. */
const statusMapKeyPattern = new RegExp(`(?:^|[{,\\s])["']?[\\w-]*(?:status|statuses|state|${taskStemWords.join('|')})["']?\\s*:\\s*\\{?\\s*(?:#.*)?$`, 'imu');

/**
 * Classifies a data file (YAML, JSON that is not Taskmaster's, JSON Lines) from its text: a task list when it holds
 * a list of items with a title and a status (`findDataTaskLists`) or a map of names and their statuses
 * (`findStatusMaps`), else ignored, saying what it lacks.
 */
export function classifyData(
  pathInBank: string,
  format: 'yaml' | 'json' | 'jsonl',
  text: string,
  lacks = 'without a list of items with a title and a status',
): Classification {
  const what = dataFormatNames[format];
  const base = posix.basename(pathInBank);
  const ignored = (detail: string): Classification => makeClassification(FileKind.ignored, `${what} data (${base}) ${detail}: not a task list`);
  // Every task list has keys naming work and stating statuses or done flags, every status map a name saying status or
  // work (a key opening a map, or the file's): a file without either is not read further.
  const list = statusKeyPattern.test(text) && titleKeyPattern.test(text);
  const statusMap = statusMapKeyPattern.test(text) || namesStatusMap(base.replace(/\.[^.]*$/u, ''));
  const board = statusMap || boardKeyPattern.test(text);
  if (!list && !board) return ignored(lacks);
  const read = readDataFile(format, text);
  if (!read.ok && !list) return ignored(`that does not parse (${read.problem.message}), so no status map was read`);
  if (!read.ok) {
    // It has the keys of one: it is read as the task list it means to be, so that its error is reported, not passed over.
    const where = `${read.problem.message}${read.problem.line === null ? '' : ` at line ${read.problem.line}`}`;
    return makeClassification(FileKind.taskList, `${what} file that names titles and statuses but does not parse (${where}): read as a task list so the error is reported`, [ExtractorName.dataList]);
  }
  const found = findDataTasks(read.root, defaultVocabulary, readRootListName(pathInBank), list, board);
  const { lists, boards } = found;
  const maps = statusMap ? findStatusMaps(read.root, defaultVocabulary, base) : [];
  const left = found.skipped.map((skipped) => `${skipped.label === '' ? 'the root list' : `\`${skipped.label}\``} (${formatCount(skipped.items, 'item')}) left out: ${skipped.why}`);
  if (lists.length === 0 && maps.length === 0 && boards.length === 0) return ignored(left.length === 0 ? lacks : `${lacks}; ${left.join('; ')}`);
  const label = (name: string): string => (name === '' ? 'the root' : `\`${name}\``);
  const named = [
    ...lists.map((item) => `${label(item.label)}${item.label === '' ? ' list' : ''} (${formatCount(item.list.items.length, 'item')})`),
    ...maps.map((item) => `${label(item.label)} (a status map of ${formatCount(item.map.entries.length, 'entry')})`),
    ...boards.map((item) => `${label(item.label)} (a board of ${formatCount(item.columns.length, 'list')} by status: ${item.columns.map((column) => `\`${column.entry.key}\``).join(', ')})`),
  ];
  const shown = named.length > 4 ? [...named.slice(0, 4), `${named.length - 4} more`] : named;
  const says = lists.length > 0 ? 'items with a title and a status' : maps.length > 0 ? 'names and their statuses' : 'each item a task, its list its status';
  return makeClassification(
    FileKind.taskList,
    `${what} task list: ${shown.join(', ')}, ${says}${left.length === 0 ? '' : `; ${left.join('; ')}`}`,
    [...(lists.length > 0 || boards.length > 0 ? [ExtractorName.dataList] : []), ...(maps.length > 0 ? [ExtractorName.statusMap] : [])],
  );
}

function isTaskLike(item: unknown): boolean {
  if (typeof item !== 'object' || item === null) return false;
  const rec = item as Record<string, unknown>;
  return 'id' in rec && typeof rec['title'] === 'string' && 'status' in rec;
}

function findTaskmasterTasks(data: unknown): { where: string; count: number } | null {
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return null;
  const root = data as Record<string, unknown>;
  const legacy = root['tasks'];
  if (Array.isArray(legacy) && (legacy.length === 0 || legacy.some(isTaskLike))) return { where: '(root)', count: legacy.length };
  for (const [tag, value] of Object.entries(root)) {
    if (typeof value !== 'object' || value === null) continue;
    const tasks = (value as Record<string, unknown>)['tasks'];
    if (Array.isArray(tasks) && (tasks.length === 0 || tasks.some(isTaskLike))) return { where: tag, count: tasks.length };
  }
  return null;
}

/** Extensions read as Markdown (case-insensitive). */
export const markdownExtensions: readonly string[] = ['.md', '.markdown', '.mdown', '.mkd', '.mdx'];

/** Reasons for files that are never read, by extension. */
const otherFileReasons: readonly (readonly [RegExp, string])[] = [
  [/\.(?:png|jpe?g|gif|webp|svg|ico|bmp|tiff?|avif|heic)$/i, 'image'],
  [/\.(?:toml|ini|cfg|conf|env)$/i, 'configuration file'],
  [/\.(?:txt|text|log|csv|tsv|xml|xsd|html?|pdf|docx?|rtf)$/i, 'non-Markdown document'],
  [/\.(?:zip|gz|tgz|tar|7z|rar|bz2|xz)$/i, 'archive'],
  [/\.(?:db|sqlite3?|bin|exe|dll|so|dylib|wasm|mp[34]|mov|wav|ogg)$/i, 'binary data'],
  [/\.(?:[cm]?[jt]sx?|py|rb|go|rs|java|kt|cs|c|h|cpp|hpp|sh|ps1|bat|sql|css|scss)$/i, 'source code'],
];

/** Says whether a file name is read as Markdown. */
export function isMarkdownName(name: string): boolean {
  const lower = name.toLowerCase();
  return markdownExtensions.some((ext) => lower.endsWith(ext));
}

/**
 * Taskmaster's rendered task files as its versions before `task_001.md` wrote them: `task_001.txt`, and
 * `task_001_<tag>.txt` for a tag other than `master`.
 */
const taskmasterTextName = /(?:^|\/)task_\d+(?:_[^/]+)?\.txt$/iu;
/** The heading such a file opens with (`# Task ID: 7`). */
const taskmasterTextHead = /^\uFEFF?# Task ID:/u;

/** Whether a file is read as Markdown: by its extension, or a Taskmaster `task_001.txt` (kept only if it is one). */
export function isReadAsMarkdown(name: string): boolean {
  return isMarkdownName(name) || taskmasterTextName.test(name);
}

/** Whether a file read as Markdown is one, or a text file that is not Taskmaster's (`task_1.txt` of notes). */
export function isMarkdownText(name: string, text: string): boolean {
  return isMarkdownName(name) || taskmasterTextHead.test(text);
}

/** Classifies a file that is neither Markdown nor JSON, from its name alone (it is not read). */
export function classifyOther(pathInBank: string): Classification {
  const base = posix.basename(pathInBank);
  const ext = /\.[^./]+$/.exec(base)?.[0] ?? '';
  const hit = otherFileReasons.find(([pattern]) => pattern.test(base));
  const what = hit?.[1] ?? (ext === '' ? 'file without an extension' : `${ext} file`);
  return makeClassification(FileKind.ignored, `not Markdown (${what}${ext !== '' && hit !== undefined ? `, ${ext}` : ''}): membank reads tasks from Markdown and from task lists kept as YAML, JSON or JSON Lines only`);
}
