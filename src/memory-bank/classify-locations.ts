/** Where a file sits as a classification signal: task locations (files and folders named for tasks), reports in them. */
import { documentNameWords, statusLegendSource, taskFileStems, taskFolders, taskListStems, reportNameWords, listStemWords, workItemFolders } from './vocabulary-data.js';
import { foldName, type FileFacts } from './classify-facts.js';

/** Titles of documents about how work is done. */
export const processTitlePattern = new RegExp(
  String.raw`^(?:(?:task|development|dev|team|our|the|git|release|review)\s+)?(?:workflow|process|lifecycle|life cycle)s?$|\b(?:definition of (?:done|ready)|${statusLegendSource}|glossary|how we work|working agreements?|conventions)\b|^(?:dod|dor)$`,
  'u',
);

/** A title without emphasis or code marks. */
export function normaliseTitleText(text: string): string {
  return text.replace(/[*_`]/g, '').trim();
}

/** Whether a file's stem names a list of bugs (`bugs`, `known-bugs`, `buglog`, `frontend-bug-log`; not `debug-notes`). */
export function namesBugList(stem: string): boolean {
  return splitNameWords(stem).some((word) => bugListWords.has(word));
}

const bugListWords: ReadonlySet<string> = new Set(['bug', 'bugs', 'buglog', 'bugtracker']);

/** Where a file sits, as a task location: the folder or file name that makes it one, or null. */
export function findTaskLocation(facts: FileFacts): string | null {
  if (facts.taskGlob !== null) return `matches discover.taskGlobs "${facts.taskGlob}"`;
  if (isTaskFileStem(facts.key)) return `${facts.stem}.md`;
  const word = findTaskStemWord(facts.stem) ?? findNumberedTaskStem(facts.stem);
  if (word !== null) return `${facts.stem}.md (named "${word}")`;
  const folder = facts.folders.find(isTaskFolderName);
  if (folder !== undefined) return `${folder}/ file`;
  return null;
}


function splitNameWords(name: string): string[] {
  return foldName(name.replace(/([a-z])([A-Z])/gu, '$1 $2'))
    .split(/[^\p{L}]+/u)
    .filter((word) => word !== '');
}

/** The names of task files and folders, folded as names are (`foldName`: `tâches` → `taches`). */
const fileStems: ReadonlySet<string> = new Set(taskFileStems.map(foldName));
const folderNames: ReadonlySet<string> = new Set(taskFolders.map(foldName));
const itemFolderNames: ReadonlySet<string> = new Set(workItemFolders.map(foldName));
const listWords: readonly string[] = listStemWords.map(foldName);
const cjkListWords: readonly string[] = [...taskListStems.map(foldName), '待办事项', '待辦事項', '할일'].filter((word) => /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(word));

/** Words of a document's name that say what it is whatever else it names (`sprint-7-handover`, `backlog-guide`). */
const documentWords: ReadonlySet<string> = new Set(documentNameWords.filter((word) => word !== 'plan'));

/**
 * The task word in a file stem made of several words (`sprint-3-tasks` → `tasks`, `sprint-plan` → `sprint`), else
 * null: also null when another word names a document (`sprint-7-handover`, `tasks-guide`, `sprint-review`).
 */
export function findTaskStemWord(stem: string): string | null {
  const words = splitNameWords(stem);
  // Chinese, Japanese and Korean join the words of a name (`技術的負債タスク`, `开发任务`): the task word closes it.
  const joined = words.length === 1 ? words[0] : undefined;
  if (joined !== undefined) return cjkListWords.find((word) => joined.length > word.length && joined.endsWith(word)) ?? null;
  if (words.length < 2 || words.some((word) => documentWords.has(word))) return null;
  // The most specific word first (`sprint-3-tasks` is named "tasks"): the list's order. Two words in a row may write one
  // (`workspace-task-log`, `frontend-bug-log`: `tasklog`, `buglog`).
  const pairs = words.slice(1).map((word, index) => `${words[index] ?? ''}${word}`);
  return listWords.find((word) => words.includes(word) || words.includes(`${word}s`) || pairs.includes(word)) ?? null;
}

/** A task file name numbered or dated (`sprint-14`, `todo-2026-03`, `Milestone_2`, `kanban2026`): its word, else null. */
function findNumberedTaskStem(stem: string): string | null {
  if (!/\d/u.test(stem)) return null;
  const words = splitNameWords(stem);
  const word = words[0];
  return words.length === 1 && word !== undefined && isTaskFileStem(word) ? word : null;
}

/** Whether a file's normalised stem names a task source: one of the list, or its plural (`sprints`, `checklists`, `journals`). */
function isTaskFileStem(key: string): boolean {
  return fileStems.has(key) || (key.endsWith('s') && fileStems.has(key.slice(0, -1)));
}

/** Words naming one work item that a file's name may say it is (`S01_sprint_meta.md`, `epic.md`, `feature-login.md`). */
const workItemWords: ReadonlySet<string> = new Set(['sprint', 'milestone', 'epic', 'story', 'feature', 'iteration']);
/** The other words the file a folder's work item is described in may be named with (`S01_sprint_meta`, `epic-overview`). */
const ownFileWords: ReadonlySet<string> = new Set(['meta', 'overview', 'summary', 'index', 'readme', 'brief']);
/** An id or a number in a file name (`S01`, `M2`, `003`). */
const nameIdWord = /^\p{L}{0,3}\d+$/u;

/** Whether a word names one work item (`sprint`, `milestone`, `epic`, `story`, `feature`, `iteration`). */
export function isWorkItemWord(word: string): boolean {
  return workItemWords.has(word);
}

/** The work item a file's name says it is (`S01_sprint_meta` → `sprint`, `epic`, `feature-login` → `feature`), else null. */
export function findWorkItemWord(stem: string): string | null {
  return splitNameWords(stem).find((word) => workItemWords.has(word)) ?? null;
}

/**
 * Whether a file's name says it describes its folder's work item: a work-item word, and besides it only ids, numbers
 * and `meta`, `overview`… (`S01_sprint_meta`, `M01_milestone_meta`, `epic`, `sprint-3`; not `feature-login`).
 */
export function isWorkItemOwnFileName(stem: string): boolean {
  const words = stem.toLowerCase().split(/[^\p{L}\p{N}]+/u).filter((word) => word !== '');
  return words.some((word) => workItemWords.has(word)) && words.every((word) => workItemWords.has(word) || ownFileWords.has(word) || nameIdWord.test(word));
}

/** A folder that holds tasks: `tasks/`, `todo/`, `tasks-completed/`, `Sprint_Tasks/`, and work-item folders (`features/`, `bugs/`). */
export function isTaskFolderName(name: string): boolean {
  const folded = foldName(name);
  return folderNames.has(folded) || itemFolderNames.has(folded) || splitNameWords(name).some((word) => folderNames.has(word));
}

/** A metrics/history/report file or folder inside a task location, or null. */
export function findReportLocation(facts: FileFacts): string | null {
  const inTaskFolder = facts.folders.some(isTaskFolderName) || isTaskFileStem(facts.key) || findTaskStemWord(facts.stem) !== null;
  if (!inTaskFolder) return null;
  if (reportNameWords.some((w) => facts.key.includes(w))) return `${facts.stem}.md`;
  const folder = facts.folders.find((p) => reportNameWords.some((w) => p.includes(w)));
  return folder === undefined ? null : `${folder}/`;
}

/** Folders named as lists of work (`todos/`, `tasks/`, `aufgaben/`). */
const listFolderNames: ReadonlySet<string> = new Set(taskListStems.map(foldName));

/**
 * The name a data file's root list is known by (`checks.json`: its items are checks): none for a file in a folder
 * named as a list of work (`todos/session-1.json`, as Claude Code names its todo lists), which says what the file
 * lists whatever its own name says.
 */
export function readRootListName(path: string): string {
  const parts = path.split('/');
  const base = parts.pop() ?? '';
  return parts.some((folder) => listFolderNames.has(foldName(folder))) ? '' : base;
}
