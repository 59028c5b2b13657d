/**
 * Task lists kept as data: YAML (`.yaml`, `.yml`), JSON that is not Taskmaster's and JSON Lines (`.jsonl`,
 * `.ndjson`, one object per line, as Beads' `issues.jsonl`). Such a file is read into one tree of lists, maps and
 * scalars, each with its line; a task list in it is a list of maps that name their work (`title`, `name`, …) and
 * state a status (`status`/`state`) — a project queue (`tier_1_blockers: [- id: P-001, title: …, status: …]`), an
 * issue log. Scalars stay text as written (YAML's failsafe schema; JSON numbers and literals as in the file), so
 * `created: 2026-03-12` is never a timezone-shifted Date.
 */
import { createRequire } from 'node:module';
import type * as Yaml from 'yaml';
import { namesResults } from './extractors/tables.js';
import { keyNamesOf, normaliseKeyName } from './key-roles.js';
import { taskStemWords } from './vocabulary-data.js';
import { matchWrittenStatus, namesOtherThanWork, type Vocabulary } from './vocabulary.js';
import { scanJson, type JsonNode } from './writeback/json-scan.js';

/** A scalar, list or map of a data file, with the (1-based) line it opens on. */
export type DataValue = DataScalar | DataList | DataMap;
export interface DataScalar {
  kind: 'scalar';
  /** The text as written; null for YAML's empty, `~` and `null` and JSON's `null`. */
  text: string | null;
  line: number;
}
export interface DataList {
  kind: 'list';
  items: DataValue[];
  line: number;
}
export interface DataMap {
  kind: 'map';
  entries: DataEntry[];
  line: number;
}
/** One `key: value` of a map, with the line of its key. */
export interface DataEntry {
  key: string;
  line: number;
  value: DataValue;
}

/** What a data file reads as: its tree, or why it has none (the line is 1-based, null when not known). */
export type DataRead = { ok: true; root: DataValue; problems: DataProblem[] } | { ok: false; problem: DataProblem };
/** A part of a data file that could not be read. */
export interface DataProblem {
  line: number | null;
  message: string;
  received: string;
}

/** How each data format is named in messages. */
export const dataFormatNames = { yaml: 'YAML', json: 'JSON', jsonl: 'JSON Lines' } as const;

/** The format a file name says a data file is in, or null when it is not one membank reads. */
export function readDataFormat(name: string): 'yaml' | 'json' | 'jsonl' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return 'yaml';
  if (lower.endsWith('.json')) return 'json';
  if (lower.endsWith('.jsonl') || lower.endsWith('.ndjson')) return 'jsonl';
  return null;
}

const require = createRequire(import.meta.url);
let yaml: typeof Yaml | null = null;

function loadYaml(): typeof Yaml {
  yaml ??= require('yaml') as typeof Yaml;
  return yaml;
}

/** Reads a data file's text (LF or CRLF) into a tree; `format` from `readDataFormat`. */
export function readDataFile(format: 'yaml' | 'json' | 'jsonl', text: string): DataRead {
  if (format === 'yaml') return readYaml(text);
  if (format === 'json') {
    const lineOf = createLineIndex(text);
    try {
      return { ok: true, root: fromJson(scanJson(text), lineOf), problems: [] };
    } catch (error) {
      const offset = /at offset (\d+)/u.exec((error as Error).message)?.[1];
      const line = offset === undefined ? null : lineOf(Number(offset));
      return { ok: false, problem: { line, message: `not valid JSON (${(error as Error).message})`, received: readLineText(text, line) } };
    }
  }
  const items: DataValue[] = [];
  const problems: DataProblem[] = [];
  const lines = text.split(/\r?\n/u);
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      items.push(fromJson(scanJson(line), () => index + 1));
    } catch (error) {
      problems.push({ line: index + 1, message: `line ${index + 1} is not a JSON value (${(error as Error).message})`, received: line.slice(0, 200) });
    }
  });
  if (items.length === 0 && problems.length > 0) return { ok: false, problem: problems[0] as DataProblem };
  return { ok: true, root: { kind: 'list', items, line: 1 }, problems };
}

function readLineText(text: string, line: number | null): string {
  if (line === null) return '';
  return (text.split(/\r?\n/u)[line - 1] ?? '').slice(0, 200);
}

/** Offset → 1-based line, by binary search over the line starts. */
export function createLineIndex(text: string): (offset: number) => number {
  const starts = [0];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) starts.push(index + 1);
  return (offset) => findLineStart(starts, offset) + 1;
}

/** The index of the last of `starts` (ascending line starts, the first 0) at or before `offset`: binary search. */
export function findLineStart(starts: readonly number[], offset: number): number {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if ((starts[mid] as number) <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
}

function fromJson(node: JsonNode, lineOf: (offset: number) => number): DataValue {
  const line = lineOf(node.start);
  switch (node.kind) {
    case 'string':
      return { kind: 'scalar', text: node.value, line };
    case 'literal':
      return { kind: 'scalar', text: node.raw === 'null' ? null : node.raw, line };
    case 'array':
      return { kind: 'list', items: node.items.map((item) => fromJson(item, lineOf)), line };
    case 'object':
      return { kind: 'map', entries: node.members.map((member) => ({ key: member.key, line: lineOf(member.keyStart), value: fromJson(member.value, lineOf) })), line };
  }
}

function readYaml(text: string): DataRead {
  const { LineCounter, parseDocument, isAlias, isMap, isScalar, isSeq } = loadYaml();
  const lineCounter = new LineCounter();
  const document = parseDocument(text, { schema: 'failsafe', lineCounter, uniqueKeys: false });
  const error = document.errors[0];
  if (error !== undefined) {
    const line = error.linePos?.[0].line ?? null;
    const reason = error.message.split('\n')[0]?.replace(/ at line \d+, column \d+:?$/u, '') ?? error.message;
    return { ok: false, problem: { line, message: `not valid YAML (${reason})`, received: readLineText(text, line) } };
  }
  const lineAt = (offset: number | undefined): number => (offset === undefined ? 1 : lineCounter.linePos(offset).line);
  const convert = (node: unknown, depth: number): DataValue => {
    const resolved = isAlias(node) && depth < 20 ? node.resolve(document) : node;
    if (isMap(resolved)) {
      const entries: DataEntry[] = [];
      for (const pair of resolved.items) {
        if (!isScalar(pair.key)) continue;
        entries.push({ key: String(pair.key.value), line: lineAt(pair.key.range?.[0]), value: convert(pair.value, depth + 1) });
      }
      return { kind: 'map', entries, line: lineAt(resolved.range?.[0]) };
    }
    if (isSeq(resolved)) return { kind: 'list', items: resolved.items.map((item) => convert(item, depth + 1)), line: lineAt(resolved.range?.[0]) };
    if (isScalar(resolved)) {
      const value = resolved.value === null || resolved.value === undefined ? null : String(resolved.value);
      const empty = resolved.type === 'PLAIN' && (value === null || /^(?:|~|null|Null|NULL)$/u.test(value));
      return { kind: 'scalar', text: empty ? null : value, line: lineAt(resolved.range?.[0]) };
    }
    return { kind: 'scalar', text: null, line: 1 };
  };
  return { ok: true, root: convert(document.contents, 0), problems: [] };
}

/** The value of a map's first entry named one of `keys`, with the entry: names compared as `normaliseKeyName` reads them (`Due_Date` is `due date`). */
export function findEntry(map: DataMap, keys: readonly string[]): DataEntry | undefined {
  const names = keys.map(normaliseKeyName);
  return map.entries.find((entry) => names.includes(normaliseKeyName(entry.key)));
}

/** A scalar's text, trimmed; null for anything else or an empty text. */
export function readScalar(value: DataValue | undefined): string | null {
  if (value?.kind !== 'scalar' || value.text === null) return null;
  const text = value.text.trim();
  return text === '' ? null : text;
}

/** Keys naming an item's work, most telling first (normalised: see `normaliseKeyName`); then the title in other languages (`titre`, `タイトル`). */
export const dataTitleKeys: readonly string[] = [...new Set(['title', 'name', 'content', 'task', 'summary', 'subject', 'text', ...keyNamesOf('title')])];
/** Keys naming an item's id, in the order they are looked for. */
export const dataIdKeys: readonly string[] = ['id', 'task id', 'key'];
/** Keys holding an item's status, in any words `key-roles.ts` knows (`state`, `current_status`, `estado`, `ステータス`). */
export const dataStatusKeys: readonly string[] = keyNamesOf('status');

/** Keys whose `true`/`false` says whether an item is finished (`done: true`, TodoMVC's `"completed": false`, `isDone`). */
export const dataDoneFlagKeys: readonly string[] = ['done', 'completed', 'complete', 'checked', 'finished', 'is done', 'isdone', 'iscompleted', 'is completed'];

/** The item's done flag: its entry and what it says (`done` or `todo`), when one of `dataDoneFlagKeys` holds a boolean. */
export function readDoneFlag(map: DataMap): { entry: DataEntry; status: 'done' | 'todo' } | null {
  for (const entry of map.entries) {
    if (!dataDoneFlagKeys.includes(normaliseKeyName(entry.key))) continue;
    const status = readFlagWord(readScalar(entry.value) ?? '');
    if (status !== null) return { entry, status };
  }
  return null;
}

/** What a done flag's value says: `true`/`yes` done, `false`/`no` todo (any case), else null. */
export function readFlagWord(text: string): 'done' | 'todo' | null {
  const word = text.toLowerCase();
  return word === 'true' || word === 'yes' ? 'done' : word === 'false' || word === 'no' ? 'todo' : null;
}

/** An item's title: the first title key with text. */
export function readItemTitle(map: DataMap): DataEntry | undefined {
  return map.entries.find((entry) => dataTitleKeys.includes(normaliseKeyName(entry.key)) && readScalar(entry.value) !== null);
}

/** A list of a data file that holds tasks, named by the keys leading to it (`tier_1_blockers`; '' for the root). */
export interface DataTaskList {
  label: string;
  list: DataList;
}

/** A list that has the shape of one but was left out, and why. */
export interface SkippedDataList {
  label: string;
  items: number;
  why: string;
}

/**
 * The task lists of a data file: lists at its root or under a map key (two maps deep at most) whose items are mostly
 * maps with a title, at least half of those stating a status the vocabulary knows or a done flag (`done: true`). A list named — by its key, or by
 * `fileName` at the root — for what is not work (`risks`, `decisions`, `metrics`, `files`, `services`, `checks`:
 * things found, measured or running) is left out, and said so.
 */
export function findDataTaskLists(root: DataValue, vocabulary: Vocabulary, fileName: string): { lists: DataTaskList[]; skipped: SkippedDataList[] } {
  const isStatus = (text: string): boolean => isKnownStatus(vocabulary, text);
  const lists: DataTaskList[] = [];
  const skipped: SkippedDataList[] = [];
  const consider = (list: DataList, label: string): void => {
    const maps = list.items.filter((item): item is DataMap => item.kind === 'map');
    const titled = maps.filter((map) => readItemTitle(map) !== undefined);
    if (titled.length === 0 || titled.length * 2 < list.items.length) return;
    const stated = titled.filter((map) => {
      const status = readScalar(findEntry(map, dataStatusKeys)?.value);
      return (status !== null && isStatus(status)) || readDoneFlag(map) !== null;
    });
    if (stated.length * 2 < titled.length) return;
    // A list at the root is named by its file (`checks.json`).
    const name = readListName(label, fileName);
    if (namesNoWork(name)) {
      skipped.push({ label, items: titled.length, why: `\`${name}\` names something other than work` });
      return;
    }
    lists.push({ label, list });
  };
  const visit = (value: DataValue, label: string, depth: number): void => {
    if (value.kind === 'list') consider(value, label);
    else if (value.kind === 'map' && depth < 3) {
      for (const entry of value.entries) visit(entry.value, label === '' ? entry.key : `${label}.${entry.key}`, depth + 1);
    }
  };
  visit(root, '', 0);
  return { lists, skipped };
}

/** The name a list or map of a data file is known by: its key's last part (`tiers.blockers` → `blockers`), or the file's name at the root (`checks.json` → `checks`). */
function readListName(label: string, fileName: string): string {
  return label === '' ? fileName.replace(/\.[^.]*$/u, '') : (label.split('.').pop() ?? '');
}

/** Whether a list's name says it holds no work: things found, measured or running (`risks`, `metrics`, `checks`, `services`). */
function namesNoWork(name: string): boolean {
  return name !== '' && (namesOtherThanWork(name) || namesResults(name));
}

/** A board kept as data: a map whose keys are statuses, each over the list of its items (`done: [Set up CI]`). */
export interface DataStatusBoard {
  label: string;
  columns: { entry: DataEntry; list: DataList }[];
}

/**
 * The boards of a data file: maps at its root or under a map key (two maps deep at most) with two keys at least that
 * are statuses the vocabulary knows (`done:`, `in_progress:`, `"To Do":`), each over a list of titles or of titled
 * maps, and as many such keys as others at least (`done: [- Set up CI]`, `todo: [- Write the docs]`). A board named
 * for what is not work (`checks`, `services`) is none.
 */
export function findStatusBoards(root: DataValue, vocabulary: Vocabulary, fileName: string): DataStatusBoard[] {
  const found: DataStatusBoard[] = [];
  const holdsItems = (list: DataList): boolean =>
    list.items.every((item) => (item.kind === 'scalar' && item.text !== null && /\p{L}/u.test(item.text)) || (item.kind === 'map' && readItemTitle(item) !== undefined));
  const visit = (value: DataValue, label: string, depth: number): void => {
    if (value.kind !== 'map') return;
    const name = readListName(label, fileName);
    const columns = value.entries.filter(
      (entry): entry is DataEntry & { value: DataList } => entry.value.kind === 'list' && isKnownStatus(vocabulary, entry.key) && holdsItems(entry.value),
    );
    // Lists whose items all state their own status are task lists of their own (`now:`, `later:` over items with a
    // `status:`), read and keyed as such: a board has an item its list alone gives a status.
    const loose = columns.some((column) => column.value.items.some((item) => item.kind === 'scalar' || (item.kind === 'map' && !statesStatus(item))));
    if (columns.length >= 2 && columns.length * 2 >= value.entries.length && loose) {
      if (!namesNoWork(name)) found.push({ label, columns: columns.map((entry) => ({ entry, list: entry.value })) });
      return;
    }
    if (depth < 3) for (const entry of value.entries) visit(entry.value, label === '' ? entry.key : `${label}.${entry.key}`, depth + 1);
  };
  visit(root, '', 0);
  return found;
}

/**
 * A data file's task lists and boards (`findDataTaskLists`, `findStatusBoards`): a board's lists are read as its
 * columns, not as task lists of their own.
 */
export function findDataTasks(root: DataValue, vocabulary: Vocabulary, fileName: string, lists = true, boards = true): { lists: DataTaskList[]; skipped: SkippedDataList[]; boards: DataStatusBoard[] } {
  const found = boards ? findStatusBoards(root, vocabulary, fileName) : [];
  const columns = new Set(found.flatMap((board) => board.columns.map((column) => column.list)));
  const listed = lists ? findDataTaskLists(root, vocabulary, fileName) : { lists: [], skipped: [] };
  return { lists: listed.lists.filter((item) => !columns.has(item.list)), skipped: listed.skipped, boards: found };
}

/** Whether an item of a data file states its own status: a `status:` key or a done flag (`done: true`). */
export function statesStatus(item: DataMap): boolean {
  return findEntry(item, dataStatusKeys) !== undefined || readDoneFlag(item) !== null;
}

/** One status the vocabulary knows, not a legend of several. */
export function isKnownStatus(vocabulary: Vocabulary, text: string): boolean {
  const match = matchWrittenStatus(vocabulary, text);
  return match.matched && !match.legend && match.canonical !== 'unknown';
}

/** A status map of a data file: its entries are items and their statuses (`1-1-seed-catalogue: done`). */
export interface DataStatusMap {
  label: string;
  map: DataMap;
}

/** A name that says it holds statuses: `development_status`, `statuses`, `sprint-status` (a file's, at the root). */
const statusName = /(?:^|[\s_.-])(?:status|statuses|state)$|^(?:status|statuses|state)(?:$|[\s_.-])/iu;

/** Says whether a key or file name (without its extension) names statuses: `development_status`, `sprint-status`. */
export function namesStatuses(name: string): boolean {
  return statusName.test(name);
}

/**
 * Says whether a key or file name (without its extension) may name a status map: it names statuses
 * (`development_status`, `sprint-status`) or work (`tasks`, `backlog`, `progress`, `todo`: work items and their statuses).
 */
export function namesStatusMap(name: string): boolean {
  if (namesStatuses(name)) return true;
  const words = name.toLowerCase().split(/[^\p{L}]+/u).filter((word) => word !== '');
  return words.length <= 3 && words.some((word) => taskStemWords.includes(word));
}

/**
 * The status maps of a data file: maps at its root or under a map key (two maps deep at most) named for statuses or
 * work (`namesStatusMap`) — by their key (`development_status:`, `tasks:`), or by `fileName` at the root
 * (`sprint-status.yaml`, `progress.yaml`) — whose entries mostly map
 * a name to a status the vocabulary knows (`1-1-seed-catalogue: done`, `epic-1: in-progress`): BMAD's sprint status,
 * a hand-kept `status.yaml`. At least two entries must state a status, and at least half of them.
 */
export function findStatusMaps(root: DataValue, vocabulary: Vocabulary, fileName: string): DataStatusMap[] {
  const found: DataStatusMap[] = [];
  const visit = (value: DataValue, label: string, depth: number): void => {
    if (value.kind !== 'map') return;
    const name = readListName(label, fileName);
    if (namesStatusMap(name) && isStatusMap(value, vocabulary)) {
      found.push({ label, map: value });
      return;
    }
    if (depth < 3) for (const entry of value.entries) visit(entry.value, label === '' ? entry.key : `${label}.${entry.key}`, depth + 1);
  };
  visit(root, '', 0);
  return found;
}

function isStatusMap(map: DataMap, vocabulary: Vocabulary): boolean {
  let stated = 0;
  for (const entry of map.entries) {
    const text = entry.value.kind === 'scalar' ? entry.value.text : null;
    if (text !== null && /\p{L}/u.test(entry.key) && isKnownStatus(vocabulary, text)) stated++;
  }
  return stated >= 2 && stated * 2 >= map.entries.length;
}
