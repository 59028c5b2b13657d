/**
 * Task lists kept as data (`data-file.ts`): a YAML project queue (`tier_1_blockers:` → `- id: P-001`, `title`,
 * `status`, `labels`, `description`, `acceptance_criteria`, `subtasks:`), a JSON list, an issue log in JSON Lines.
 * Each item of a task list is a task keyed by its `id` (so rewording it keeps its key), under the list's name as
 * context; the keys a frontmatter task knows are read the same way (`data-keys.ts`: status, priority, owner, labels,
 * dates); `description`, criteria, notes and deliverables are its body; a list of titled items under it (`subtasks:`)
 * are its subtasks; every other key goes to `extra`.
 */
import { ExtractorName } from '../../core/source-file.js';
import { dataFormatNames, dataIdKeys, dataStatusKeys, findDataTasks, findEntry, readDataFile, readDataFormat, readDoneFlag, readItemTitle, readScalar, statesStatus, type DataEntry, type DataMap, type DataStatusBoard, type DataValue } from '../data-file.js';
import type { FrontmatterValue } from '../frontmatter.js';
import { readRootListName } from '../classify-locations.js';
import { applyDataKey } from './data-keys.js';
import { keyNamesOf, normaliseKeyName, readKeyRole } from '../key-roles.js';
import { applyPriorityText, createDraft, deriveStatusFromChildren, noContext, setStatus } from './draft.js';
import type { DraftTask, Extractor, ExtractorContext, ExtractorOutput } from './types.js';

/** Keys naming the item's parent by its id (`parent`, `parent_id`, `parentTaskId`; Beads writes a `parent-child` dependency instead). */
const parentKeys: readonly string[] = keyNamesOf('parent');

/** The id of the item's parent: a `parent:` key, or a dependency of type `parent-child` (Beads' epics and their issues). */
function readParentId(item: DataMap): string | null {
  const named = readScalar(findEntry(item, parentKeys)?.value);
  if (named !== null) return named;
  const dependencies = findEntry(item, ['dependencies'])?.value;
  if (dependencies?.kind !== 'list') return null;
  for (const dependency of dependencies.items) {
    if (dependency.kind !== 'map') continue;
    if (readScalar(findEntry(dependency, ['type'])?.value) !== 'parent-child') continue;
    const parent = readScalar(findEntry(dependency, ['depends_on_id', 'depends_on', 'target'])?.value);
    if (parent !== null) return parent;
  }
  return null;
}

/** Keys of a dependency written as a map that name the item waited on, most telling first (`depends_on_id`, `taskId`). */
const dependencyIdKeys: readonly string[] = ['depends on id', 'depends on', 'target id', 'target', 'task id', 'id', 'key'];

/**
 * The ids a list of dependencies waits on (scalars as written, maps by their id key; a `parent-child` link is not
 * one), or null when a map among them names no id (the list is then kept whole in `extra`).
 */
function readDependencyIds(items: readonly DataValue[]): string[] | null {
  const ids: string[] = [];
  for (const dependency of items) {
    if (dependency.kind === 'scalar') {
      if (dependency.text !== null) ids.push(dependency.text);
      continue;
    }
    if (dependency.kind !== 'map') return null;
    if (readScalar(findEntry(dependency, ['type'])?.value) === 'parent-child') continue;
    // By the keys' order, not the map's: Beads writes the item's own `issue_id` before the `depends_on_id` waited on.
    const target = dependencyIdKeys.map((key) => readScalar(findEntry(dependency, [key])?.value)).find((id) => id !== null);
    if (target === undefined || target === null) return null;
    ids.push(target);
  }
  return ids;
}

/** Field kinds whose text is the item's description (its body), not a field of its own. */
const bodyKinds: ReadonlySet<string> = new Set(['description', 'notes', 'criteria', 'deliverables']);

function toValue(value: DataValue): FrontmatterValue {
  if (value.kind === 'scalar') return value.text;
  if (value.kind === 'list') return value.items.map(toValue);
  const out: Record<string, FrontmatterValue> = {};
  for (const entry of value.entries) out[entry.key] = toValue(entry.value);
  return out;
}

/** The titled maps of a list, when it holds any (an item's `subtasks:`). */
function readTitledItems(value: DataValue): DataMap[] | null {
  if (value.kind !== 'list') return null;
  const maps = value.items.filter((item): item is DataMap => item.kind === 'map' && readItemTitle(item) !== undefined);
  return maps.length > 0 && maps.length * 2 >= value.items.length ? maps : null;
}

/** `acceptance_criteria` → `Acceptance criteria`. */
function readKeyName(key: string): string {
  // `acceptance_criteria`, `acceptanceCriteria` → `Acceptance criteria`; a name in capitals stays so (`DoD`, `QA`).
  const words = /\p{Ll}/u.test(key) ? normaliseKeyName(key) : key.replace(/[_-]+/gu, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Body text of a value: a scalar as written, a list as bullets (maps as `key: value` lines). */
function readBodyText(value: DataValue): string {
  if (value.kind === 'scalar') return (value.text ?? '').trim();
  if (value.kind === 'list') return value.items.map((item) => `- ${readBodyText(item).replace(/\n/gu, '\n  ')}`).join('\n');
  return value.entries.map((entry) => `${entry.key}: ${readBodyText(entry.value)}`).join('\n');
}

/**
 * Items of one list that name their parent by id (`parent: E-1`, a Beads `parent-child` dependency) become its
 * subtasks, when that parent is an item of the same list and the link makes no cycle; so does an item whose id
 * extends another's by a dot (`bd-a3f8.1` under `bd-a3f8`, `2.1` under `2`: hierarchical ids) when it names none.
 */
function linkParents(items: readonly { draft: DraftTask; parentId: string | null }[]): void {
  const byId = new Map<string, DraftTask>();
  for (const { draft } of items) {
    const id = draft.extra.id;
    if (id !== undefined && !byId.has(id)) byId.set(id, draft);
  }
  for (const { draft, parentId } of items) {
    const id = draft.extra.id;
    const dot = id?.lastIndexOf('.') ?? -1;
    const named = parentId ?? (id !== undefined && dot > 0 ? id.slice(0, dot) : null);
    const parent = named === null ? undefined : byId.get(named);
    if (parent === undefined) continue;
    let cycle = false;
    for (let up: DraftTask | null = parent; up !== null && !cycle; up = up.parent) cycle = up === draft;
    if (!cycle) draft.parent = parent;
  }
}

/**
 * Reads one key of an item into its draft: the maps of a titled list under it are returned (its subtasks), a status
 * key says `status`; description, criteria, notes and several lines of text go to the body, a tier written as a
 * priority to the priority, dependencies written as maps to the ids waited on, the rest through `applyDataKey`.
 */
function readItemEntry(ctx: ExtractorContext, draft: DraftTask, item: DataMap, entry: DataEntry, statusFrom: string): DataMap[] | 'status' | null {
  const key = entry.key.toLowerCase();
  // Its role read from the key as written: lower-casing first would join a camelCase key's words (`currentStatus`).
  const role = readKeyRole(entry.key);
  const subtasks = role === undefined ? readTitledItems(entry.value) : null;
  if (subtasks !== null) return subtasks;
  // `acceptance_criteria`, `acceptanceCriteria`: the field's words however they are joined.
  const kind = ctx.vocabulary.matchField(normaliseKeyName(entry.key));
  // Text of several lines under a key membank has no field for (`design: |`) is description too, not a footer line.
  const prose = kind === null && role === undefined && entry.value.kind === 'scalar' && (entry.value.text ?? '').trim().includes('\n');
  if ((kind !== null && bodyKinds.has(kind)) || prose) {
    const text = readBodyText(entry.value);
    if (text !== '') draft.body.push(kind === 'description' && entry.value.kind === 'scalar' ? text : `**${readKeyName(entry.key)}:**\n${text}`);
    return null;
  }
  // A tier or level written as a priority (`tier: P0`) is the item's priority when it has no `priority:`.
  const scalar = readScalar(entry.value);
  if ((key === 'tier' || key === 'level') && scalar !== null && findEntry(item, ['priority']) === undefined && ctx.vocabulary.matchPriority(scalar).matched) {
    applyPriorityText(ctx, draft, scalar, entry.line);
    draft.extra[entry.key] = scalar;
    return null;
  }
  // Dependencies written as maps (Beads: `{depends_on_id, type}`, `{taskId}`) are the ids waited on; the parent link is
  // not one. A map naming no id keeps the whole list (below), so nothing in it is dropped.
  if (key === 'dependencies' && entry.value.kind === 'list' && entry.value.items.some((dependency) => dependency.kind === 'map')) {
    const ids = readDependencyIds(entry.value.items);
    if (ids !== null) {
      if (ids.length > 0) draft.extra[entry.key] = JSON.stringify(ids);
      return null;
    }
  }
  applyDataKey(ctx, draft, entry.key, toValue(entry.value), entry.line, statusFrom);
  return role === 'status' ? 'status' : null;
}

/**
 * The file's data tree, its problems reported (a file that does not parse: an error naming the place; a JSON Lines
 * line that does not: a warning, the other lines read); or the note saying why there is none.
 */
export function readExtractorData(ctx: ExtractorContext): { root: DataValue; format: 'yaml' | 'json' | 'jsonl' } | { note: string } {
  const format = readDataFormat(ctx.path);
  if (format === null) return { note: 'not a YAML, JSON or JSON Lines file' };
  const what = dataFormatNames[format];
  const read = readDataFile(format, ctx.rawText);
  if (!read.ok) {
    ctx.report({
      severity: 'error',
      code: 'data-invalid',
      line: read.problem.line,
      message: `this file is ${read.problem.message}, so none of its tasks were read`,
      received: read.problem.received,
      fix: `repair the ${what} (\`${format === 'yaml' ? 'yq' : 'jq'} . ${ctx.path.split('/').pop() ?? ''}\` names the place), then run again`,
    });
    return { note: `not valid ${what}` };
  }
  for (const problem of read.problems) {
    ctx.report({
      severity: 'warning',
      code: 'data-invalid',
      line: problem.line,
      message: `${problem.message}; the line was skipped, the others were read`,
      received: problem.received,
      fix: 'write one JSON object per line (no line breaks inside an object), or delete the broken line',
    });
  }
  return { root: read.root, format };
}

function extractDataList(ctx: ExtractorContext): ExtractorOutput {
  const data = readExtractorData(ctx);
  if ('note' in data) return { drafts: [], note: data.note };
  const { format } = data;
  const found = findDataTasks(data.root, ctx.vocabulary, readRootListName(ctx.path));
  const drafts: DraftTask[] = [];
  const statusFrom = format === 'yaml' ? 'frontmatter-item' : 'json';
  for (const { label, list } of found.lists) {
    drafts.push(...readDataItems(ctx, list.items, { where: label === '' ? `the file's list` : `\`${label}\``, parent: null, context: label === '' ? noContext : [label], statusFrom }));
  }
  for (const board of found.boards) drafts.push(...readBoard(ctx, board, statusFrom));
  if (drafts.length > 0) return { drafts };
  const left = found.skipped.map((list) => `\`${list.label}\` left out: ${list.why}`).join('; ');
  return { drafts, note: `no list of items with a title and a status${left === '' ? '' : ` (${left})`}` };
}

/**
 * The tasks of a board kept as data (`done: [Set up CI]`, `in_progress: [- title: Export, owner: ana]`): each item of
 * a list a task, the list's key its status as a section heading gives one, keyed under the board's name and not under
 * its list, so that moving an item to another list keeps its key. An item stating its own status is keyed under its
 * list, as the items of a task list are (its status is its own wherever it stands).
 */
function readBoard(ctx: ExtractorContext, board: DataStatusBoard, statusFrom: string): DraftTask[] {
  const drafts: DraftTask[] = [];
  const context = board.label === '' ? noContext : [board.label];
  for (const { entry, list } of board.columns) {
    const status = ctx.vocabulary.matchStatus(entry.key).canonical;
    const listLabel = board.label === '' ? entry.key : `${board.label}.${entry.key}`;
    list.items.forEach((item) => {
      if (item.kind === 'map' && statesStatus(item)) {
        drafts.push(...readDataItems(ctx, [item], { where: `\`${listLabel}\``, parent: null, context: [listLabel], statusFrom }));
        return;
      }
      if (item.kind === 'scalar') {
        const draft = createDraft(ctx, { extractor: ExtractorName.dataList, line: item.line, title: item.text ?? '', context });
        setStatus(ctx, draft, status, null, 'section', entry.line);
        drafts.push(draft);
        return;
      }
      const read = readDataItems(ctx, [item], { where: `\`${listLabel}\``, parent: null, context, statusFrom });
      const own = read[0];
      if (own !== undefined && own.status.from === 'default') setStatus(ctx, own, status, null, 'section', entry.line);
      drafts.push(...read);
    });
  }
  return drafts;
}

/** Where the items of one list are read: how reports name the list, the task they are subtasks of, their key context. */
export interface DataItemsPlace {
  where: string;
  parent: DraftTask | null;
  context: string[];
  /** Where their statuses come from, as write-back finds them: `frontmatter-item` (YAML), `json`. */
  statusFrom: string;
}

/**
 * The tasks of one list of items kept as data (a task list's, or a task document's `subtasks:` in its frontmatter):
 * each item a task keyed by its `id`, its titled `subtasks:` its subtasks, items naming a parent in the list under it;
 * an item without a title is reported, not dropped unseen.
 */
export function readDataItems(ctx: ExtractorContext, items: readonly DataValue[], place: DataItemsPlace): DraftTask[] {
  const drafts: DraftTask[] = [];
  const { statusFrom } = place;
  // The top-level items of the list being read, with the id of the parent they name (linked once the list is read).
  const listed: { draft: DraftTask; parentId: string | null }[] = [];
  const readItem = (item: DataValue, index: number, where: string, parent: DraftTask | null, context: string[]): void => {
    const title = item.kind === 'map' ? readItemTitle(item) : undefined;
    if (item.kind !== 'map' || title === undefined) {
      ctx.report({
        severity: 'warning',
        code: 'item-untitled',
        line: item.line,
        message: `item ${index + 1} of ${where} has no ${item.kind === 'map' ? 'title (title, name, content, task, summary)' : 'keys (it is not a map)'}, so it was not read as a task`,
        received: item.kind === 'scalar' ? item.text : null,
        fix: 'give the item a `title:` saying what is to be done (and a `status:`), or move it out of the list',
      });
      return;
    }
    const id = readScalar(findEntry(item, dataIdKeys)?.value);
    const draft = createDraft(ctx, {
      extractor: ExtractorName.dataList,
      line: item.line,
      title: readScalar(title.value) ?? '',
      parent,
      context,
      anchor: id,
    });
    drafts.push(draft);
    if (parent === place.parent) listed.push({ draft, parentId: readParentId(item) });
    const children: DataMap[] = [];
    let stated = false;
    // A done flag (`done: true`) is the status of an item that writes no status word.
    const flag = findEntry(item, dataStatusKeys) === undefined ? readDoneFlag(item) : null;
    if (flag !== null) {
      setStatus(ctx, draft, flag.status, readScalar(flag.entry.value), 'data-flag', flag.entry.line);
      stated = true;
    }
    for (const entry of item.entries) {
      if (entry === title || entry === flag?.entry) continue;
      const read = readItemEntry(ctx, draft, item, entry, statusFrom);
      if (read === 'status') stated = true;
      else if (read !== null) children.push(...read);
    }
    if (id !== null) draft.extra.id ??= id;
    const first = drafts.length;
    // Subtasks are keyed under their parent's id where it has one: moving the item to another list keeps their keys.
    const childContext = id === null ? context : [id];
    children.forEach((child, childIndex) => readItem(child, childIndex, `the subtasks of "${draft.title}"`, draft, childContext));
    if (!stated) deriveStatusFromChildren(ctx, draft, drafts.slice(first).filter((child) => child.parent === draft));
  };

  items.forEach((item, index) => readItem(item, index, place.where, place.parent, place.context));
  linkParents(listed);
  return drafts;
}

/** The data task-list extractor. */
export const dataListExtractor: Extractor = {
  name: ExtractorName.dataList,
  describe: 'task list kept as data (YAML, JSON, JSON Lines): each item of a list of items with a title and a status is a task keyed by its `id`, its titled `subtasks:` its subtasks',
  extract(ctx) {
    return extractDataList(ctx);
  },
};
