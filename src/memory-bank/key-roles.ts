/**
 * What a key of a task's own data means — a frontmatter key, a key of an item of a task list kept as data — in
 * whatever words and letter case it is written: `status`, `Status`, `état`, `ステータス`, `current_status`,
 * `Current Status`, `dueDate`, `due-date`, `fecha límite`. One table, built from the vocabulary's field names (the
 * words bold fields and table headers are read with) and the keys data formats add (`assigned_to`, `percent_done`),
 * shared by classification, the extractors and write-back.
 */
import { fieldNames, type FieldKind } from './vocabulary-data.js';

/** What a key of a task's data holds. */
export type KeyRole =
  | 'title'
  | 'status'
  | 'priority'
  | 'owner'
  | 'author'
  | 'tags'
  | 'percent'
  | 'id'
  | 'parent'
  | 'due'
  | 'start'
  | 'done'
  | 'created'
  | 'updated';

/**
 * A key as the role table holds it: camelCase split (`dueDate` → `due date`), lower case, `_`, `-` and `.` read as
 * spaces, spaces collapsed (`Current_Status` → `current status`).
 */
export function normaliseKeyName(key: string): string {
  return key
    .replace(/(\p{Ll}|\p{N})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .replace(/[\s_.-]+/gu, ' ')
    .trim();
}

/** Keys data formats use beyond the vocabulary's field names; they win over it where both name a key. */
const dataKeys: readonly (readonly [string, KeyRole])[] = [
  ['title', 'title'],
  ['name', 'title'],
  ['status', 'status'],
  ['state', 'status'],
  ['current status', 'status'],
  ['task status', 'status'],
  ['priority', 'priority'],
  ['owner', 'owner'],
  ['assignee', 'owner'],
  ['assigned to', 'owner'],
  ['assigned', 'owner'],
  ['assigned agent', 'owner'],
  ['responsible', 'owner'],
  ['author', 'author'],
  ['tags', 'tags'],
  ['labels', 'tags'],
  ['readiness', 'percent'],
  ['progress', 'percent'],
  ['percent', 'percent'],
  ['percent done', 'percent'],
  ['completion', 'percent'],
  ['id', 'id'],
  ['task id', 'id'],
  ['parent', 'parent'],
  ['parent id', 'parent'],
  ['parentid', 'parent'],
  ['parent task', 'parent'],
  ['parent task id', 'parent'],
  ['parent issue', 'parent'],
  ['parent key', 'parent'],
  ['due', 'due'],
  ['due date', 'due'],
  ['deadline', 'due'],
  ['target date', 'due'],
  ['start', 'start'],
  ['start date', 'start'],
  ['started', 'start'],
  ['started at', 'start'],
  ['completed', 'done'],
  ['completed date', 'done'],
  ['completed at', 'done'],
  ['done date', 'done'],
  ['closed', 'done'],
  ['closed at', 'done'],
  ['created', 'created'],
  ['created date', 'created'],
  ['created at', 'created'],
  ['date', 'created'],
  ['added', 'created'],
  ['updated', 'updated'],
  ['updated at', 'updated'],
  ['updated date', 'updated'],
  ['modified', 'updated'],
  ['last updated', 'updated'],
];

/**
 * Field names that say something else as a key of data: a `summary:` is a text, not the title; an `outcome:` or a
 * `result:` is what came of the work, not its progress; `finished: true` is a done flag (`dataDoneFlagKeys`); a
 * `label:` or `tag:` names a thing (Letta's memory blocks: `label: progress_milestones`), where `tags:`/`labels:` list them.
 */
const notDataKeys: ReadonlySet<string> = new Set(['summary', 'outcome', 'result', 'finished', 'label', 'tag']);

/** The vocabulary's field kinds read as key roles (its other kinds — description, estimate… — stay `extra`). */
const fieldRoles: readonly (KeyRole & FieldKind)[] = ['title', 'status', 'priority', 'owner', 'author', 'tags', 'due', 'start', 'done', 'created', 'updated'];

const roles: ReadonlyMap<string, KeyRole> = (() => {
  const table = new Map<string, KeyRole>();
  for (const [key, role] of dataKeys) table.set(key, role);
  for (const role of fieldRoles) {
    for (const name of fieldNames[role]) {
      const key = normaliseKeyName(name);
      if (!table.has(key) && !notDataKeys.has(key)) table.set(key, role);
    }
  }
  return table;
})();

/** What a key of a task's data holds, or undefined for a key read into `extra`. */
export function readKeyRole(key: string): KeyRole | undefined {
  return roles.get(normaliseKeyName(key));
}

/** Whether a key is one of the English keys of data formats (`status`, `Due_Date`), not a word of another language (`état`, `estado`). */
export function isEnglishKey(key: string): boolean {
  return englishKeys.has(normaliseKeyName(key));
}

const englishKeys: ReadonlySet<string> = new Set(dataKeys.map(([key]) => key));

/** Every key name (normalised) of one role, for text searches (`keyNamePattern`). */
export function keyNamesOf(role: KeyRole): string[] {
  return [...roles].filter(([, value]) => value === role).map(([key]) => key);
}

/**
 * A pattern source matching any of `names` (normalised) as written in a file: any letter case, a space written as
 * `_`, `-`, `.`, a space or nothing (`current status`: `current_status`, `Current-Status`, `currentStatus`).
 */
export function keyNamesSource(names: readonly string[]): string {
  return names.map((name) => name.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&').replace(/ /gu, '[\\s_.-]?')).join('|');
}
