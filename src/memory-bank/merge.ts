/**
 * Merging across files: the same task seen in an index, its own file and a progress list (matched by source
 * id within a bank, e.g. TASK004 in `tasks/_index.md` and `tasks/TASK004-*.md`) becomes one record. The task
 * file wins, the other places go to `alsoSeenAt`, and every contradiction is reported (`status-conflict`,
 * `priority-conflict`, `owner-conflict`). Other repeated ids are reported as `duplicate-id` and kept apart.
 */
import type { InputProblem, TaskRecord } from '../core/task-record.js';
import { truncateForMessage } from '../core/errors.js';
import { ExtractorName } from '../core/source-file.js';
import { compareText, measureTitleSimilarity } from './keys.js';
import { noLabels, noPlaces } from './extractors/draft.js';
import { isBankWideId, normaliseId, wordIdSource } from './extractors/text.js';
import { normaliseKeyName, readKeyRole } from './key-roles.js';
import { findWorkItemWord, isWorkItemOwnFileName, isWorkItemWord } from './classify-locations.js';
import { readHeadingDate } from './dated-entries.js';
import { pickStatus, restatedForms, restatedTitle } from './fold-restated.js';

/** An id of capitals and words joined by dashes, no figure needed (`HOTFIX-CART`), in brackets or not. */
const folderWordIdPattern = new RegExp(String.raw`^\[?${wordIdSource}\]?$`, 'u');

/** Inputs merging needs besides the records. */
export interface MergeOptions {
  /** Bank folder of a file path. */
  bankOf(path: string): string;
  /** Line of a record's status value (for conflict messages); defaults to the record's line. */
  statusLineOf?(key: string): number | undefined;
  /** Records whose title closes with an id in parentheses or after an arrow, with that id and their title as that task. */
  mentions?: readonly (readonly [TaskRecord, Mention])[];
  /** Records whose title links to a Markdown file, with that file's path (as files' paths are written). */
  links?: readonly (readonly [TaskRecord, string])[];
}

/** The id a record's title closes with in parentheses or after an arrow, and the title it has when it is that task. */
export interface Mention {
  id: string;
  title: string;
}

/** Records after merging, the problems found, and which keys were folded into which. */
export interface MergeResult {
  records: TaskRecord[];
  problems: InputProblem[];
  merged: { key: string; into: string }[];
}

const documentRank: Readonly<Record<string, number>> = {
  [ExtractorName.taskmasterJson]: 0,
  [ExtractorName.tasksFolderTask]: 1,
  [ExtractorName.dataList]: 1,
  [ExtractorName.taskmasterMarkdown]: 2,
  [ExtractorName.frontmatterTask]: 3,
};

function rankOf(record: TaskRecord): number {
  if (record.extractor === ExtractorName.tasksFolderIndex || record.extractor === ExtractorName.statusMap) return 9;
  const rank = documentRank[record.extractor];
  return rank !== undefined && record.parentKey === null ? rank : 5;
}

function roleOf(record: TaskRecord): string {
  switch (record.extractor) {
    case ExtractorName.tasksFolderIndex:
      return 'index';
    case ExtractorName.taskmasterJson:
      return 'tasks.json';
    case ExtractorName.dataList:
      return 'data list';
    case ExtractorName.statusMap:
      return 'status map';
    case ExtractorName.taskmasterMarkdown:
      return 'rendered task file';
    case ExtractorName.tasksFolderTask:
    case ExtractorName.frontmatterTask:
      return record.parentKey === null ? 'file' : 'subtask row';
    case ExtractorName.taskTable:
      return 'table';
    default:
      return isProgressLog(record.source.path) ? 'progress log' : 'list';
  }
}

/**
 * Makes each record whose title closes with an id (`- Finish the offline mode (TASK002)`, `→ TASK-002`) that task, the
 * id its own and out of its title, when another record of the bank carries that id and its title shares a word with
 * the record's (`Offline mode`): merging then folds the two as it folds any two records of one id. Otherwise the id is
 * a reference to a document or to other work (`- [ ] Document the rebuild procedure (INC-031)` beside an incident
 * `Search down`; `(ADR-006)` where no task carries it), and stays in the title.
 */
function resolveMentions(records: readonly TaskRecord[], mentions: readonly (readonly [TaskRecord, Mention])[], bankOf: (path: string) => string): void {
  const carried = new Map<string, TaskRecord[]>();
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (record.sourceId === null || !isBankWideId(record.sourceId)) continue;
    const key = `${bankOf(record.source.path)}\u0000${normaliseId(record.sourceId)}`;
    const list = carried.get(key);
    if (list === undefined) carried.set(key, [record]);
    else list.push(record);
  }
  for (const [record, mention] of mentions) {
    const named = carried.get(`${bankOf(record.source.path)}\u0000${normaliseId(mention.id)}`);
    if (named === undefined) continue;
    const own = { ...record, sourceId: mention.id, title: mention.title };
    if (!named.some((other) => other !== record && sharesWord(withoutId(own), withoutId(other)))) continue;
    record.sourceId = mention.id;
    record.title = mention.title;
  }
}

/** Words too common in task titles to say two name the same work. */
const commonWords: ReadonlySet<string> = new Set([
  'the', 'and', 'for', 'with', 'from', 'into', 'onto', 'that', 'this', 'when', 'then', 'than', 'all', 'new', 'task',
  'work', 'item', 'done', 'finish', 'complet', 'complete', 'fix', 'add', 'updat', 'update', 'make', 'use', 'see',
  'after', 'before', 'not', 'now', 'still', 'wait',
]);

/** A word of a title as `sharesWord` compares it: lower case, an English plural or tense ending off (`grouping` → `group`). */
function stemWord(word: string): string {
  for (const ending of wordEndings) if (word.endsWith(ending) && word.length - ending.length >= 3) return word.slice(0, -ending.length);
  return word;
}
const wordEndings = ['ing', 'ed', 'es', 's'] as const;

/** A word holding digits, an id or a version (`SPM-05`, `TASK002`, `GPT-4.1`, `v2`). */
const idOrVersion = /(?:[\p{L}\p{N}]+[-_.])*[\p{L}\p{N}]*\d[\p{L}\p{N}]*(?:[-_.][\p{L}\p{N}]+)*/gu;

/** Chinese and Japanese script, written without spaces between words. */
const unspacedScript = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]+/gu;

/**
 * Whether two titles share a word of three letters or more that names something (`Finished the offline mode` /
 * `Offline mode`), or, written in Chinese or Japanese, two pairs of characters (`B 站专栏 cv 链接解析失败` /
 * `B站专栏链接解析失败`).
 */
function sharesWord(a: string, b: string): boolean {
  const pairs = (text: string): string[] => (text.match(unspacedScript) ?? []).flatMap((run) => Array.from({ length: Math.max(0, run.length - 1) }, (_, index) => run.slice(index, index + 2)));
  const left = new Set(titleWords(a));
  if (titleWords(b).some((word) => left.has(word))) return true;
  const leftPairs = new Set(pairs(a));
  return new Set(pairs(b).filter((pair) => leftPairs.has(pair))).size >= 2;
}

/**
 * The words of a title `sharesWord` compares. Ids and versions (`SPM-01`, `GPT-4.1`) are no words: two titles naming
 * one id name it, not the same work.
 */
function titleWords(text: string): string[] {
  return (text.replace(unspacedScript, ' ').replace(idOrVersion, ' ').toLowerCase().match(/[\p{L}][\p{L}\p{M}\u200C\u200D\p{N}]{2,}/gu) ?? []).map(stemWord).filter((word) => word.length >= 3 && !commonWords.has(word));
}

/**
 * Whether two records sharing an id plainly name two pieces of work: each title of two words or more, no word or
 * pair of characters in common (`Loading and visual feedback system` / `Docker image for production`: a bank that
 * renumbered its tasks). A restatement naming the work shortly or by its id alone is the same task.
 */
function namesOtherWork(a: TaskRecord, b: TaskRecord): boolean {
  // Notes in parentheses and dates name no work (`TASK-001: 2024-01-15 (1 dia de implementação)`, a schedule's line).
  const named = (title: string): string => title.replace(/[(（][^()（）]*[)）]/gu, ' ').replace(/\d{4}-\d{2}-\d{2}/gu, ' ');
  const left = named(withoutId(a));
  const right = named(withoutId(b));
  const long = (title: string): boolean => titleWords(title).length >= 2 || (title.match(unspacedScript)?.join('').length ?? 0) >= 4;
  return long(left) && long(right) && !sharesWord(left, right);
}

/** A bank's records that carry an id, by normalised id: the one record, or all of them once the id repeats. */
type IdGroups = Map<string, TaskRecord | TaskRecord[]>;

/** Where one bank's ids are grouped: Taskmaster's ids (any form, per tag) apart from bank-wide ids of other records. */
interface BankIds {
  bank: string;
  taskmaster: IdGroups;
  bankWide: IdGroups;
}

/**
 * The groups of records that share an id within a bank (Taskmaster ids among Taskmaster records, bank-wide ids
 * among the others), only those with more than one record, ordered by `<bank>\0[taskmaster\0<tag>\0]<id>`. Ids are
 * grouped per bank, so no such key is built for an id seen once (most ids).
 */
function collectRepeatedIds(records: readonly TaskRecord[], bankOf: (path: string) => string): TaskRecord[][] {
  const banks = new Map<string, BankIds>();
  const bankIds = (bank: string): BankIds => {
    let ids = banks.get(bank);
    if (ids === undefined) {
      ids = { bank, taskmaster: new Map(), bankWide: new Map() };
      banks.set(bank, ids);
    }
    return ids;
  };
  // A status map's entries by name, per bank: each is grouped with the task file named after it.
  let mapNames: Map<string, Set<string>> | null = null;
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    const mapName = record.extractor === ExtractorName.statusMap ? record.extra.key : undefined;
    if (mapName !== undefined) {
      const bank = bankOf(record.source.path);
      const name = normaliseId(mapName);
      addToGroup(bankIds(bank).bankWide, name, record);
      mapNames ??= new Map();
      mapNames.set(bank, (mapNames.get(bank) ?? new Set()).add(name));
      continue;
    }
    if (record.sourceId === null) continue;
    const taskmaster = record.extractor === ExtractorName.taskmasterJson || record.extractor === ExtractorName.taskmasterMarkdown;
    // An id of words alone (`HOTFIX-CART`) names a task across the bank where a tasks folder gives it: its index line and
    // its own file are one task.
    const folderWordId = (record.extractor === ExtractorName.tasksFolderIndex || (record.extractor === ExtractorName.tasksFolderTask && record.parentKey === null)) && folderWordIdPattern.test(record.sourceId);
    if (!taskmaster && !isBankWideId(record.sourceId) && !folderWordId) continue;
    const ids = bankIds(bankOf(record.source.path));
    // Taskmaster numbers tasks per tag: task 1 of `master` and task 1 of `billing-v2` are two tasks.
    if (taskmaster) addToGroup(ids.taskmaster, `${record.extra.tag ?? 'master'}\u0000${normaliseId(record.sourceId)}`, record);
    else addToGroup(ids.bankWide, normaliseId(record.sourceId), record);
  }
  if (mapNames !== null) {
    for (let index = 0; index < records.length; index++) {
      const record = records[index] as TaskRecord;
      if (record.parentKey !== null || (record.extractor !== ExtractorName.tasksFolderTask && record.extractor !== ExtractorName.frontmatterTask)) continue;
      const bank = bankOf(record.source.path);
      const stem = normaliseId(stemOf(record.source.path));
      if (mapNames.get(bank)?.has(stem) !== true || (record.sourceId !== null && normaliseId(record.sourceId) === stem)) continue;
      addToGroup(bankIds(bank).bankWide, stem, record);
    }
  }
  const repeated: { key: string; group: TaskRecord[] }[] = [];
  for (const [number, group] of collectNumberedTasks(records, bankOf)) repeated.push({ key: number, group });
  for (const ids of banks.values()) {
    for (const [id, group] of ids.taskmaster) if (Array.isArray(group)) repeated.push({ key: `${ids.bank}\u0000taskmaster\u0000${id}`, group });
    for (const [id, group] of ids.bankWide) if (Array.isArray(group)) repeated.push({ key: `${ids.bank}\u0000${id}`, group });
  }
  return repeated.sort((a, b) => compareText(a.key, b.key)).map((item) => item.group);
}

/** The extractors whose records are documents that may carry a number as their id (`id: 3` in a task file's frontmatter). */
const numberedDocuments: ReadonlySet<string> = new Set([ExtractorName.frontmatterTask, ExtractorName.tasksFolderTask, ExtractorName.dataList]);

/** A number as an id names a task (`3`, `003`) or an id written as a word and a number (`ID 3`, `Task #3`): the number. */
const numberedId = /^(?:\p{L}[\p{L}-]*\s+)?#?0*(\d+)$/u;

/**
 * Tasks named by number in a list (Task Magic's index, `- [ ] **ID 3: Cache readings**`; CCPM's epic, `- [ ] #1235 -
 * Password hashing`) that have their own file, whose frontmatter carries that number as its id (`id: 3`) or whose name
 * is that number (`1235.md`): each such file with the list items naming the same work, by
 * `<bank>\0number\0<number>`. A number names one task only when one document of the bank carries it — or, failing
 * that, one document of the item's own folder (CCPM numbers each epic's files from `001.md`); an item is the same task
 * only when its title reads as the document's (a list numbered another way — a release checklist's `Task 2` — is
 * another task).
 */
function collectNumberedTasks(records: readonly TaskRecord[], bankOf: (path: string) => string): Map<string, TaskRecord[]> {
  let documents: Map<string, TaskRecord | null> | null = null;
  const claim = (key: string, record: TaskRecord): void => {
    documents ??= new Map();
    documents.set(key, documents.has(key) ? null : record);
  };
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (record.parentKey !== null || !numberedDocuments.has(record.extractor)) continue;
    const number = readDocumentNumber(record);
    if (number === undefined) continue;
    claim(`${bankOf(record.source.path)}\u0000number\u0000${number}`, record);
    claim(`${folderOf(record.source.path)}\u0000folder\u0000${number}`, record);
  }
  const groups = new Map<string, TaskRecord[]>();
  if (documents === null) return groups;
  const found: Map<string, TaskRecord | null> = documents;
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (record.sourceId === null || numberedDocuments.has(record.extractor) || isBankWideId(record.sourceId)) continue;
    const number = numberedId.exec(record.sourceId.trim())?.[1];
    if (number === undefined) continue;
    const inBank = `${bankOf(record.source.path)}\u0000number\u0000${number}`;
    const inFolder = `${folderOf(record.source.path)}\u0000folder\u0000${number}`;
    const key = found.get(inBank) ? inBank : inFolder;
    const document = found.get(key);
    if (document === undefined || document === null || document.source.path === record.source.path) continue;
    if (measureTitleSimilarity(withoutId(record), document.title) < sameWorkSimilarity) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [document, record]);
    else group.push(record);
  }
  return groups;
}

/**
 * List items that name a task file of the bank by its file name rather than by its title (a Simone sprint's `1.
 * T01_S01_Repository_Layout`, a sprint list's `- [ ] 001-offline-mode.md`, `` `tasks/002-sync.md` ``, `003_export —
 * CSV export`): each task file, then the items naming it. The name must be the file's
 * own (its stem, case aside, with or without its extension and folders) and written as a file name is — one word
 * holding a digit, a `_`, a `-` or its extension; only a file that is one task (a task file, not a list) is named
 * so, and only when no other such file of the bank has that name.
 */
function collectItemsNamingFiles(records: readonly TaskRecord[], bankOf: (path: string) => string): Iterable<[TaskRecord, ...TaskRecord[]]> {
  const groups = new Map<string, [TaskRecord, ...TaskRecord[]]>();
  let documents: Map<string, TaskRecord | null> | null = null;
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (rankOf(record) > 3) continue;
    const key = `${bankOf(record.source.path)}\u0000file\u0000${stemOf(record.source.path).toLowerCase()}`;
    documents ??= new Map();
    documents.set(key, documents.has(key) ? null : record);
  }
  if (documents === null) return groups.values();
  const found: Map<string, TaskRecord | null> = documents;
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (!isPlainItem(record)) continue;
    const name = readFileName(record.title);
    if (name === null) continue;
    const key = `${bankOf(record.source.path)}\u0000file\u0000${name}`;
    const document = found.get(key);
    if (document === undefined || document === null || document.source.path === record.source.path) continue;
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [document, record]);
    else group.push(record);
  }
  return groups.values();
}

/**
 * List items and table rows whose title links to a task file of the bank (`- [Offline mode](tasks/offline-mode.md)`,
 * `| [Push notifications](tasks/push.md) | Not started |`): each with the file's own task, a file that is one task
 * (not a list). A link to a file that is no such task, or from that file itself, names none.
 */
function collectItemsLinkingFiles(records: readonly TaskRecord[], links: readonly (readonly [TaskRecord, string])[]): [TaskRecord, TaskRecord][] {
  const documents = new Map<string, TaskRecord>();
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (rankOf(record) <= 3 && record.parentKey === null && !documents.has(record.source.path)) documents.set(record.source.path, record);
  }
  const pairs: [TaskRecord, TaskRecord][] = [];
  for (const [item, path] of links) {
    const document = documents.get(path);
    if (document !== undefined && document.source.path !== item.source.path && rankOf(item) > 3) pairs.push([document, item]);
  }
  return pairs;
}

/** A file name opening a title, alone or before a dash or a colon and the work it names (group 1: the name, folders and quotes aside). */
const fileNameTitle = /^[`'"]?(?:[\w.-]+\/)*([\p{L}\p{N}_.-]+?)(\.(?:md|markdown|mdx|txt))?[`'"]?(?:\s*$|\s+[-–—]\s+\S|\s*[:：]\s+\S)/iu;
const fileNameMark = /[\d_-]/u;

/** The file name (lower case, no extension) a title names a file by, else null. */
function readFileName(title: string): string | null {
  const match = fileNameTitle.exec(title);
  const stem = match?.[1];
  if (match === null || stem === undefined) return null;
  return match[2] !== undefined || fileNameMark.test(stem) ? stem.toLowerCase() : null;
}

/** The number a document carries as its id (`id: 3`, `ID 3`) or as its file's whole name (`1235.md`, `003.md`). */
function readDocumentNumber(record: TaskRecord): string | undefined {
  const id = readExtraRole(record, 'id') ?? record.sourceId;
  if (id !== null && id !== undefined) return numberedId.exec(id.trim())?.[1];
  return numberedFileName.exec(record.source.path)?.[1];
}

/** A file named by a number alone (`tasks/1235.md`, `003.md`): the number. */
const numberedFileName = /(?:^|\/)0*(\d+)\.md$/iu;

function folderOf(path: string): string {
  return path.slice(0, path.lastIndexOf('/') + 1);
}

/** How alike (`measureTitleSimilarity`) a list item's title and a document's must be to name the same work. */
const sameWorkSimilarity = 0.6;

/** A record's title without the id it is shown with (`ID 3 · Cache readings` → `Cache readings`). */
function withoutId(record: TaskRecord): string {
  const shown = record.sourceId === null ? '' : `${record.sourceId} · `;
  return shown !== '' && record.title.startsWith(shown) ? record.title.slice(shown.length) : record.title;
}

/** A file that logs work done rather than keeping the task list, by its name (`progress.md`, `changelog.md`, `devLog.md`, `session-log.md`). */
const progressLogName = /(?:^| )(?:progress|changelog|change log|history|journal|worklog|work log|devlog|dev log|log)(?: |$)/u;

function isProgressLog(path: string): boolean {
  return progressLogName.test(normaliseKeyName(stemOf(path)));
}

/** A list item or table row of a task list, as restated items are matched: no id, not a document, an index or a map entry. */
function isPlainItem(record: TaskRecord): boolean {
  return (
    record.sourceId === null &&
    documentRank[record.extractor] === undefined &&
    record.extractor !== ExtractorName.tasksFolderIndex &&
    record.extractor !== ExtractorName.statusMap
  );
}

/**
 * Items of a progress log restating an item of the bank's task lists (tyrchen/todo's `progress.md` writes `- [x] Added
 * dark mode support` for `tasks.md`'s `- [x] Add dark mode support`): `[task-list item, log item]` pairs. The same
 * title (case, a closing stop, and the log's past tense aside), said once in the bank's other lists and once in the
 * log; two task lists restating each other (two specs' `Integration and verification`) are not matched.
 */
function collectRestatedInLogs(records: readonly TaskRecord[], bankOf: (path: string) => string): [TaskRecord, TaskRecord][] {
  // A file's records come together: its name is read once.
  let path = '';
  let inLogFile = false;
  const logs: TaskRecord[] = [];
  const items: TaskRecord[] = [];
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (!isPlainItem(record)) continue;
    if (record.source.path !== path) {
      path = record.source.path;
      inLogFile = isProgressLog(path);
    }
    (inLogFile ? logs : items).push(record);
  }
  if (logs.length === 0 || items.length === 0) return [];
  const listed = new Map<string, TaskRecord | null>();
  for (const record of items) {
    const key = `${bankOf(record.source.path)}\u0000${restatedTitle(record.title)}`;
    listed.set(key, listed.has(key) ? null : record);
  }
  const inLog = new Map<string, number>();
  for (const record of logs) {
    const key = `${record.source.path}\u0000${restatedTitle(record.title)}`;
    inLog.set(key, (inLog.get(key) ?? 0) + 1);
  }
  const pairs: [TaskRecord, TaskRecord][] = [];
  for (const record of logs) {
    if (inLog.get(`${record.source.path}\u0000${restatedTitle(record.title)}`) !== 1) continue;
    const bank = bankOf(record.source.path);
    for (const form of restatedForms(record.title)) {
      const item = listed.get(`${bank}\u0000${form}`);
      if (item === undefined) continue;
      if (item !== null) pairs.push([item, record]);
      break;
    }
  }
  return pairs;
}

/**
 * Items carried through the dated files of one folder (a journal kept a file a day, `journal/2025-03-09.md`,
 * `journal/2025-03-10.md`, each restating `- [ ] Add CSV export` until one ticks it): the same plain top-level item —
 * the same anchor, so the same title under the same headings — in two or more files of one folder named by their
 * dates, in date order (then line order).
 */
function collectCarriedThroughDatedFiles(records: readonly TaskRecord[]): TaskRecord[][] {
  let byPlace: Map<string, { record: TaskRecord; date: string }[]> | null = null;
  // A file's records come together: its name is read once.
  let path = '';
  let date: string | null = null;
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (record.parentKey !== null || !isPlainItem(record)) continue;
    if (record.source.path !== path) {
      path = record.source.path;
      date = readHeadingDate(stemOf(path), undefined);
    }
    if (date === null) continue;
    const place = `${folderOf(path)}\u0000${record.source.anchor.replace(/~\d+$/u, '')}`;
    byPlace ??= new Map();
    const same = byPlace.get(place);
    if (same === undefined) byPlace.set(place, [{ record, date }]);
    else same.push({ record, date });
  }
  if (byPlace === null) return [];
  const groups: TaskRecord[][] = [];
  for (const same of byPlace.values()) {
    if (same.length < 2 || new Set(same.map((each) => each.record.source.path)).size !== same.length) continue;
    same.sort((a, b) => compareText(a.date, b.date) || a.record.source.line - b.record.source.line);
    groups.push(same.map((each) => each.record));
  }
  return groups;
}

function addToGroup(groups: IdGroups, id: string, record: TaskRecord): void {
  const seen = groups.get(id);
  if (seen === undefined) groups.set(id, record);
  else if (Array.isArray(seen)) seen.push(record);
  else groups.set(id, [seen, record]);
}

function jsonFirst(record: TaskRecord): number {
  return record.extractor === ExtractorName.taskmasterJson ? 0 : 1;
}

function where(record: TaskRecord, line?: number): string {
  return `${record.source.path}:${line ?? record.source.line}`;
}

function describeStatus(record: TaskRecord): string {
  return record.status.raw ?? (record.status.from === 'section' ? `${record.status.canonical} (from its section)` : record.status.canonical);
}

function isExplicitStatus(record: TaskRecord): boolean {
  return record.status.from !== 'default' && record.status.from !== 'children';
}

/** Merges records that share a source id within a bank; see the module comment for the rules. */
export function mergeRecords(records: readonly TaskRecord[], options: MergeOptions): MergeResult {
  const problems: InputProblem[] = [];
  const merged: { key: string; into: string }[] = [];
  // Indexed loops over the records (in collectRepeatedIds and below): a `for…of` over an array this long ran
  // unoptimised for a parse's one pass and allocated an iterator result per record.
  if (options.mentions !== undefined && options.mentions.length > 0) resolveMentions(records, options.mentions, options.bankOf);
  const repeated = collectRepeatedIds(records, options.bankOf);
  const removed = new Set<string>();
  const reparent = new Map<string, string>();
  const statusLine = (record: TaskRecord): number => options.statusLineOf?.(record.key) ?? record.source.line;
  let byKey: Map<string, TaskRecord> | null = null;
  /** Whether `key` is a document's own task in the folder of `record`'s file (not `record`'s own file). */
  function isDocumentBeside(key: string, record: TaskRecord): boolean {
    byKey ??= new Map(records.map((each) => [each.key, each]));
    const parent = byKey.get(key);
    return parent !== undefined && rankOf(parent) <= 3 && parent.parentKey === null && parent.source.path !== record.source.path && folderOf(parent.source.path) === folderOf(record.source.path);
  }

  function reportDuplicate(first: TaskRecord, second: TaskRecord): void {
    problems.push({
      severity: 'warning',
      code: 'duplicate-id',
      file: second.source.path,
      line: second.source.line,
      message: `the id ${second.sourceId ?? ''} is used twice: ${where(first)} and ${where(second)}; both were kept as separate tasks`,
      received: truncateForMessage(`${first.title} / ${second.title}`),
      fix: `give one of them a new id, or delete the copy if they are the same task`,
    });
  }

  /** Folds `other` into `primary`; `byName`: `other` names `primary`'s file, and a status only its section gives is no claim. */
  function fold(primary: TaskRecord, other: TaskRecord, byName = false): void {
    if (primary.alsoSeenAt === noPlaces) primary.alsoSeenAt = [];
    primary.alsoSeenAt.push({ ...other.source });
    for (const seen of other.alsoSeenAt) primary.alsoSeenAt.push({ ...seen });
    const claimed = !byName || other.status.from !== 'section';
    if (claimed && isExplicitStatus(primary) && isExplicitStatus(other) && primary.status.canonical !== other.status.canonical) {
      problems.push({
        severity: 'warning',
        code: 'status-conflict',
        file: other.source.path,
        line: statusLine(other),
        message: `${primary.sourceId ?? primary.title}: ${roleOf(other)} says ${describeStatus(other)} (${where(other, statusLine(other))}), ${roleOf(primary)} says ${describeStatus(primary)} (${where(primary, statusLine(primary))}); the ${roleOf(primary)} wins`,
        received: truncateForMessage(`${describeStatus(other)} / ${describeStatus(primary)}`),
        fix: `update ${other.source.path} to match ${primary.source.path} (or the other way round)`,
      });
    }
    if (primary.priority.value !== null && other.priority.value !== null && primary.priority.value !== other.priority.value) {
      problems.push({
        severity: 'warning',
        code: 'priority-conflict',
        file: other.source.path,
        line: other.source.line,
        message: `${primary.sourceId ?? primary.title}: ${roleOf(other)} says priority ${other.priority.raw ?? other.priority.value} (${where(other)}), ${roleOf(primary)} says ${primary.priority.raw ?? primary.priority.value} (${where(primary)}); the ${roleOf(primary)} wins`,
        received: truncateForMessage(`${other.priority.raw ?? ''} / ${primary.priority.raw ?? ''}`),
        fix: `make the priorities in ${other.source.path} and ${primary.source.path} agree`,
      });
    }
    if (primary.owner !== null && other.owner !== null && primary.owner.toLowerCase() !== other.owner.toLowerCase()) {
      problems.push({
        severity: 'warning',
        code: 'owner-conflict',
        file: other.source.path,
        line: other.source.line,
        message: `${primary.sourceId ?? primary.title}: ${roleOf(other)} says owner ${other.owner} (${where(other)}), ${roleOf(primary)} says ${primary.owner} (${where(primary)}); the ${roleOf(primary)} wins`,
        received: truncateForMessage(`${other.owner} / ${primary.owner}`),
        fix: `make the owners in ${other.source.path} and ${primary.source.path} agree`,
      });
    }
    if (primary.priority.value === null && other.priority.value !== null) primary.priority = { ...other.priority };
    if (primary.owner === null && other.owner !== null) primary.owner = other.owner;
    for (const field of ['due', 'start', 'done', 'created', 'updated'] as const) {
      if (primary.dates[field] === null && other.dates[field] !== null) primary.dates[field] = other.dates[field];
    }
    for (const label of other.labels) {
      if (primary.labels.includes(label)) continue;
      if (primary.labels === noLabels) primary.labels = [];
      primary.labels.push(label);
    }
    if (primary.status.from === 'default' && other.status.from !== 'default') primary.status = { ...other.status };
    // A task file named in a status map sits where the map puts it (`1-1-seed-catalogue.md` under the map's `epic-1`),
    // and one listed by the document beside it under that document (CCPM's `epic.md` over `1235.md`).
    if (primary.parentKey === null && other.parentKey !== null && (other.extractor === ExtractorName.statusMap || isDocumentBeside(other.parentKey, primary))) {
      primary.parentKey = other.parentKey;
    }
    removed.add(other.key);
    reparent.set(other.key, primary.key);
    merged.push({ key: other.key, into: primary.key });
  }

  for (const group of repeated) {
    const sorted = [...group].sort(
      (a, b) =>
        rankOf(a) - rankOf(b) ||
        // tasks.json is canonical over the rendered task_NNN.md for subtasks too.
        jsonFirst(a) - jsonFirst(b) ||
        // A task list's item over a progress log's restating it.
        Number(isProgressLog(a.source.path)) - Number(isProgressLog(b.source.path)) ||
        compareText(a.source.path, b.source.path) ||
        a.source.line - b.source.line,
    );
    const primary = sorted[0];
    if (primary === undefined) continue;
    const primaryIsDocument = rankOf(primary) <= 3;
    for (const other of sorted.slice(1)) {
      const otherIsDocument = rankOf(other) <= 3;
      const renderedCopy =
        primary.extractor === ExtractorName.taskmasterJson && other.extractor === ExtractorName.taskmasterMarkdown;
      const isIndex = other.extractor === ExtractorName.tasksFolderIndex;
      // Two that plainly name other work (a bank that renumbered its tasks) are both kept, the duplicate reported.
      const otherWork = !renderedCopy && namesOtherWork(primary, other);
      if (renderedCopy) fold(primary, other);
      else if (otherWork) reportDuplicate(primary, other);
      else if (primaryIsDocument && !otherIsDocument && other.source.path !== primary.source.path) fold(primary, other);
      else if (!primaryIsDocument && isIndex && primary.extractor !== ExtractorName.tasksFolderIndex) fold(primary, other);
      else if (!primaryIsDocument && !otherIsDocument && !isIndex && isProgressLog(other.source.path) && !isProgressLog(primary.source.path)) fold(primary, other);
      else reportDuplicate(primary, other);
    }
  }

  // An item carried through dated files keeps its first file's key, and reads as its latest file says (that line is
  // the one write-back edits; the earlier ones are places it was also seen).
  for (const group of collectCarriedThroughDatedFiles(records)) {
    const first = group[0] as TaskRecord;
    const last = group[group.length - 1] as TaskRecord;
    const stated = pickStatus(group);
    const written = group.map((record) => where(record)).join(', ');
    const statuses = group.map((record) => record.status.raw ?? record.status.canonical).join(' → ');
    const places = group.slice(0, -1).map((record) => ({ ...record.source }));
    for (const record of group) for (const seen of record.alsoSeenAt) places.push({ ...seen });
    first.status = { ...stated.status };
    first.title = last.title;
    if (last.body !== '') first.body = last.body;
    for (const field of ['due', 'start', 'done', 'created', 'updated'] as const) first.dates[field] = last.dates[field] ?? first.dates[field];
    first.source = { ...last.source };
    first.alsoSeenAt = places;
    for (const other of group.slice(1)) {
      removed.add(other.key);
      reparent.set(other.key, first.key);
      merged.push({ key: other.key, into: first.key });
    }
    problems.push({
      severity: 'warning',
      code: 'restated-item',
      file: last.source.path,
      line: last.source.line,
      message: `"${truncateForMessage(last.title, 60)}" is written in ${group.length} dated files of ${folderOf(last.source.path) || 'the bank'} (${written}); read as one task carried forward: the latest (${where(last)}) is its current state, the task keeps the key of the first`,
      received: truncateForMessage(statuses),
      fix: 'nothing to do if it is one task carried from day to day; if these are different tasks, give each its own title',
    });
  }
  for (const [primary, other] of collectRestatedInLogs(records, options.bankOf)) {
    if (!removed.has(primary.key) && !removed.has(other.key)) fold(primary, other);
  }
  for (const [file, ...items] of collectItemsNamingFiles(records, options.bankOf)) {
    for (const item of items) if (!removed.has(file.key) && !removed.has(item.key)) fold(file, item, true);
  }
  if (options.links !== undefined && options.links.length > 0) {
    for (const [file, item] of collectItemsLinkingFiles(records, options.links)) if (!removed.has(file.key) && !removed.has(item.key)) fold(file, item, true);
  }

  // Nothing folded (most banks' records): no key is looked up, only a record parented to itself is cut loose.
  const kept = removed.size === 0 ? [...records] : records.filter((record) => !removed.has(record.key));
  for (let index = 0; index < kept.length; index++) {
    const record = kept[index] as TaskRecord;
    let parent = record.parentKey;
    if (parent === null) continue;
    if (reparent.size > 0) while (parent !== null && reparent.has(parent)) parent = reparent.get(parent) ?? null;
    record.parentKey = parent === record.key ? null : parent;
  }
  resolveDocumentParents(kept, options);
  adoptIntoFolderWorkItems(kept);
  return { records: kept, problems, merged };
}

/** The value of a record's `extra` key holding `role` in any words (`parent`, `parent_task_id`, `parentId`), if any. */
function readExtraRole(record: TaskRecord, role: 'id' | 'parent'): string | undefined {
  for (const key in record.extra) if (readKeyRole(key) === role) return record.extra[key];
  return undefined;
}

/**
 * Links documents whose frontmatter names a parent document by id (clinewiz `parent: cline-memory-bank-
 * extension`, Backlog.md `parent_task_id: task-2`) when that parent is itself a record of the same bank; and a
 * document naming the work item it belongs to by that item's kind (Simone's sprint `milestone_id: M01`, `epic: E2`,
 * `sprint_id: S03`) when a work item's own file of that kind carries the id (`M01_milestone_meta.md`, whose
 * `milestone_id: M01` is its own).
 */
function resolveDocumentParents(records: readonly TaskRecord[], options: MergeOptions): void {
  const byDocumentId = new Map<string, string>();
  // Work items' own files by kind and id: `<bank>\0milestone\0M01`.
  const byWorkItemId = new Map<string, string>();
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (record.extractor !== ExtractorName.frontmatterTask) continue;
    const bank = options.bankOf(record.source.path);
    const id = readExtraRole(record, 'id') ?? record.sourceId;
    if (record.parentKey === null && id !== undefined && id !== null) byDocumentId.set(`${bank}\u0000${id}`, record.key);
    const kind = readOwnWorkItem(record);
    if (kind === null) continue;
    const ids = new Set<string>();
    if (id !== undefined && id !== null) ids.add(normaliseId(id));
    for (const key in record.extra) if (readWorkItemKey(key) === kind) ids.add(normaliseId(record.extra[key] ?? ''));
    for (const each of ids) if (each !== '') byWorkItemId.set(`${bank}\u0000${kind}\u0000${each}`, record.key);
  }
  if (byDocumentId.size === 0 && byWorkItemId.size === 0) return;
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (record.parentKey !== null) continue;
    const bank = options.bankOf(record.source.path);
    const parentId = readExtraRole(record, 'parent');
    let parentKey = parentId === undefined ? undefined : byDocumentId.get(`${bank}\u0000${parentId}`);
    if (parentKey === undefined && byWorkItemId.size > 0 && documentRank[record.extractor] !== undefined) {
      const own = readOwnWorkItem(record);
      for (const key in record.extra) {
        const kind = readWorkItemKey(key);
        if (kind === null || kind === own) continue;
        parentKey = byWorkItemId.get(`${bank}\u0000${kind}\u0000${normaliseId(record.extra[key] ?? '')}`);
        if (parentKey !== undefined) break;
      }
    }
    if (parentKey !== undefined && parentKey !== record.key) record.parentKey = parentKey;
  }
}

/** A key naming a work item by its kind (`milestone_id`, `milestone`, `epicId`, `sprint id`): the kind, else null. */
function readWorkItemKey(key: string): string | null {
  const kind = normaliseKeyName(key).replace(/ ?id$/u, '');
  return isWorkItemWord(kind) ? kind : null;
}

/** The kind of work item a record's own file describes (`M01_milestone_meta.md`: `milestone`), else null. */
function readOwnWorkItem(record: TaskRecord): string | null {
  const stem = stemOf(record.source.path);
  return isWorkItemOwnFileName(stem) ? findWorkItemWord(stem) : null;
}

/**
 * A task file without a parent, in the folder its work item is described in (Simone's `S01_sprint_meta.md` beside
 * `T01_S01_*.md`, CCPM's `epic.md` beside `1235.md`), is that work item's subtask — when the folder holds one such
 * file and it is a task.
 */
function adoptIntoFolderWorkItems(records: readonly TaskRecord[]): void {
  let owners: Map<string, TaskRecord | null> | null = null;
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    // The file's own task, whether or not it has a parent of its own (a sprint under its milestone).
    const ownTask = documentRank[record.extractor] !== undefined && (record.parentKey === null || !record.parentKey.startsWith(`${record.source.path}#`));
    if (!ownTask || !isWorkItemOwnFileName(stemOf(record.source.path))) continue;
    const folder = folderOf(record.source.path);
    owners ??= new Map();
    owners.set(folder, owners.has(folder) ? null : record);
  }
  if (owners === null) return;
  for (let index = 0; index < records.length; index++) {
    const record = records[index] as TaskRecord;
    if (record.parentKey !== null || rankOf(record) > 3) continue;
    const owner = owners.get(folderOf(record.source.path));
    if (owner !== undefined && owner !== null && owner !== record) record.parentKey = owner.key;
  }
}

/** A file's name without its extension (`tasks/T01_S01_Setup.md` → `T01_S01_Setup`). */
function stemOf(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.[^.]*$/u, '');
}
