/**
 * Creating draft tasks and applying fields to them (status with precedence and conflict reports, priority,
 * dates, owner, labels, extras), the same way for every extractor.
 */
import type { ExtractorNameValue } from '../../core/source-file.js';
import { TaskStatus, type TaskStatusValue } from '../../core/task-status.js';
import type { ProgressEntry, SourceRef, TaskRecord } from '../../core/task-record.js';
import { truncateForMessage } from '../../core/errors.js';
import { monthNameSource, type FieldKind } from '../vocabulary-data.js';
import { collapseWhitespace, findPercent, matchWrittenStatus, normaliseFieldDate, stripInlineMarkdown } from '../vocabulary.js';
import { boxCannotSay, cleanCollapsedTitle, dropStruckWords, leadingPictographs, maxTitleLength, readStatusDay, struckThrough, type InlineField, type TaskSignifier } from './text.js';
import { statusRank, type DraftTask, type ExtractorContext } from './types.js';
import { readMarkAlone } from '../mark-meanings.js';

/** Fields a new draft starts with. */
export interface DraftInit {
  extractor: ExtractorNameValue;
  line: number;
  title: string;
  context?: string[];
  sourceId?: string | null;
  anchor?: string | null;
  parent?: DraftTask | null;
}

/**
 * The status and priority every draft starts with, one frozen object each for all of them: nothing edits a
 * status or priority in place (`setStatus`, `applyPriorityText` and merging put a new object), and a large file's
 * drafts all live until its records are made, so two small objects per draft were two more to copy through
 * every young-generation GC of its parse.
 */
const defaultStatus: TaskRecord['status'] = Object.freeze({ canonical: 'todo', raw: null, from: 'default' });
const defaultPriority: TaskRecord['priority'] = Object.freeze({ value: null, raw: null });

/**
 * The empty context, label and progress lists drafts start with, and records' empty `alsoSeenAt`: one frozen list
 * each, shared. Contexts are never edited; labels, progress and places get a list of their own on their first
 * entry (`addLabels`, `addProgress`, merging), and a write that forgot to would throw rather than reach another
 * task. Nothing downstream edits a record's lists in place (it copies them).
 */
export const noContext: string[] = Object.freeze([]) as readonly string[] as string[];
export const noLabels: string[] = Object.freeze([]) as readonly string[] as string[];
export const noProgress: ProgressEntry[] = Object.freeze([]) as readonly ProgressEntry[] as ProgressEntry[];
export const noPlaces: SourceRef[] = Object.freeze([]) as readonly SourceRef[] as SourceRef[];

/** Adds a progress entry to a draft (its own list on the first entry). */
export function addProgress(draft: DraftTask, entry: ProgressEntry): void {
  if (draft.progress === noProgress) draft.progress = [];
  draft.progress.push(entry);
}

/**
 * Folds an earlier statement of a task into the one kept (an append-only table's earlier row, a restated item): its
 * status and title become a progress entry, dated by its own dates, and the task keeps the earliest created date.
 */
export function addEarlierStatement(last: DraftTask, earlier: DraftTask): void {
  addProgress(last, {
    date: earlier.dates.updated ?? earlier.dates.created ?? earlier.dates.done ?? null,
    text: `${earlier.status.raw ?? earlier.status.canonical}: ${earlier.title}`,
    line: earlier.line,
  });
  last.dates.created ??= earlier.dates.created;
}

/** Creates an empty draft (status `todo` from `default` until something says otherwise). */
export function createDraft(ctx: ExtractorContext, init: DraftInit): DraftTask {
  const full = collapseWhitespace(stripInlineMarkdown(init.title));
  const title = cleanCollapsedTitle(full);
  const draft: DraftTask = {
    extractor: init.extractor,
    line: init.line,
    seq: ctx.nextSeq(),
    context: init.context ?? noContext,
    sourceId: init.sourceId ?? null,
    anchor: init.anchor ?? null,
    title,
    body: [],
    status: defaultStatus,
    statusLine: init.line,
    priority: defaultPriority,
    dates: { due: null, start: null, done: null, created: null, updated: null },
    labels: noLabels,
    owner: null,
    parent: init.parent ?? null,
    percentDone: null,
    extra: {},
    progress: noProgress,
    key: null,
  };
  if (full.length > maxTitleLength) draft.body.push(full);
  return draft;
}

/**
 * Status objects shared by the drafts that state the same status the same way (`[x]` from a checkbox, `Done` from
 * a table cell), frozen like the default one. Only short written texts: V8 copies a string under 13 characters
 * instead of pointing into its line (and so its file), so the table keeps no file's text alive. Bounded: cleared
 * when full (a bank writes few different statuses).
 */
const sharedStatuses = new Map<string, Map<string | null, Map<TaskStatusValue, TaskRecord['status']>>>();
let sharedStatusCount = 0;
const maxSharedRawLength = 12;
const maxSharedStatuses = 4096;

/** The status `{ canonical, raw, from }`: a shared one for a short or absent written text, else a new one. */
function readStatus(canonical: TaskStatusValue, raw: string | null, from: string): TaskRecord['status'] {
  if (raw !== null && raw.length > maxSharedRawLength) return { canonical, raw, from };
  let byRaw = sharedStatuses.get(from);
  if (byRaw === undefined) {
    byRaw = new Map();
    sharedStatuses.set(from, byRaw);
  }
  let byValue = byRaw.get(raw);
  if (byValue === undefined) {
    byValue = new Map();
    byRaw.set(raw, byValue);
  }
  let status = byValue.get(canonical);
  if (status === undefined) {
    status = Object.freeze({ canonical, raw, from });
    sharedStatusCount += 1;
    if (sharedStatusCount > maxSharedStatuses) {
      sharedStatuses.clear();
      sharedStatusCount = 0;
    } else byValue.set(canonical, status);
  }
  return status;
}

function describeStatus(status: TaskRecord['status']): string {
  return status.raw ?? status.canonical;
}

/**
 * A status refining the item's open box (`- [ ] 🔄 Build the exporter`, `- [ ] Ship the docs — blocked`): the item's own,
 * set over the box and its section rather than weighed against them (the two do not disagree).
 */
export function setRefinedStatus(ctx: ExtractorContext, draft: DraftTask, raw: string): void {
  // An indicator mark (`🟨`), or a mark the file's legend explains, means what the file says it means.
  const alone = readMarkAlone(raw);
  const meant = alone === null ? undefined : ctx.markMeanings.get(alone);
  draft.status = { canonical: meant ?? ctx.vocabulary.matchStatus(raw).canonical, raw, from: 'inline' };
}

/**
 * A list item whose title is struck through whole (`- ~~Move the CI~~`, `- [ ] ~~Support IE~~`; `markdown`, its text)
 * was crossed off: done, or cancelled when its box (`boxStatus`, what the box's mark says, null without one) is still
 * open. It refines the box (not a second status to report): set, not weighed against it.
 */
export function crossOffItem(draft: DraftTask, markdown: string, boxStatus: TaskStatusValue | null): void {
  if (struckThrough.test(markdown) && boxStatus !== 'done') draft.status = { canonical: boxStatus === null ? 'done' : 'cancelled', raw: '~~', from: 'strike' };
}

/**
 * A heading or a table row whose title is struck through whole (`### ~~Shared albums~~`, `| B-2 | ~~Print the album~~ |
 * Pending |`) was crossed off: done, or dropped (cancelled) when what it states of itself is still open — as a struck
 * list item with an open box. Read after the draft's own statuses (its mark, cells, fields, children); a section's or a
 * folder's does not count. Write-back refuses reopening it (it does not remove `~~`).
 */
export function applyCrossedOff(draft: DraftTask, markdown: string): void {
  if (!struckThrough.test(markdown.trim())) return;
  const { canonical, from } = draft.status;
  if (canonical === 'done' || canonical === 'cancelled') return;
  const stated = from !== 'default' && from !== 'section' && from !== 'folder' && canonical !== 'unknown';
  draft.status = { canonical: stated ? 'cancelled' : 'done', raw: '~~', from: 'strike' };
}

/**
 * Sets a status already resolved to a canonical value (`checkbox`, `section`, `heading`, `children`…),
 * respecting precedence: a weaker source never replaces a stronger one; two explicit sources that disagree are
 * reported as `status-conflict`.
 */
export function setStatus(
  ctx: ExtractorContext,
  draft: DraftTask,
  canonical: TaskStatusValue,
  raw: string | null,
  from: string,
  line: number,
): void {
  if (from === 'section') draft.sectionStatus = canonical;
  // A status field written under a box (`- [ ] Migrate the queue` over `  - Status: Blocked`) saying what the box
  // cannot (blocked, in progress; cancelled beside any box) refines it, as one beside it does: no second status.
  if (from === 'bold-field' && draft.status.from === 'checkbox' && boxCannotSay(canonical, draft.status.canonical) && (raw === null || !/\d/u.test(raw))) {
    draft.status = readStatus(canonical, raw, from);
    draft.statusLine = line;
    return;
  }
  const incoming = statusRank[from] ?? 3;
  const current = statusRank[draft.status.from] ?? 0;
  const bothExplicit = incoming >= 3 && current >= 3;
  if (bothExplicit && canonical !== draft.status.canonical && canonical !== 'unknown' && draft.status.canonical !== 'unknown') {
    const folder = draft.folderStatus;
    // The folder the file sits in (`completed/`) breaks the tie when it agrees with one of the two values.
    const byFolder = folder !== undefined && (folder.canonical === canonical || folder.canonical === draft.status.canonical);
    const takeIncoming = byFolder ? folder?.canonical === canonical : incoming > current;
    const keep = takeIncoming ? { canonical, raw, from, line } : { ...draft.status, line: draft.statusLine };
    const lose = takeIncoming ? { ...draft.status, line: draft.statusLine } : { canonical, raw, from, line };
    const why = byFolder ? ` (the file sits in ${folder?.folder}/)` : '';
    ctx.report({
      severity: 'warning',
      code: 'status-conflict',
      line,
      message: `"${draft.title}" has two statuses in one file: ${lose.from} says ${describeStatus(lose)} (line ${lose.line}), ${keep.from} says ${describeStatus(keep)} (line ${keep.line}); kept ${describeStatus(keep)}${why}`,
      received: truncateForMessage(`${describeStatus(lose)} / ${describeStatus(keep)}`),
      fix: 'make the two status values agree (e.g. update the `**Status:**` line together with the checkbox or `**Overall Status:**`)',
    });
  }
  // An unrecognised explicit value (`Not Started | In Progress | …` legends) yields to anything known.
  const currentUnknown = draft.status.canonical === 'unknown' && canonical !== 'unknown';
  if (currentUnknown && draft.status.raw !== null) draft.extra['status (unrecognised)'] = draft.status.raw;
  if (bothExplicit && draft.folderStatus !== undefined && draft.status.canonical === draft.folderStatus.canonical && canonical !== draft.status.canonical) return;
  if (bothExplicit && draft.folderStatus !== undefined && canonical === draft.folderStatus.canonical && canonical !== draft.status.canonical) {
    draft.status = readStatus(canonical, raw, from);
    draft.statusLine = line;
    return;
  }
  if (incoming < current && !currentUnknown) return;
  if (incoming === current && current >= 3 && draft.status.raw !== null && !currentUnknown) return;
  if (canonical === 'unknown' && draft.status.canonical !== 'unknown' && current > 0) {
    if (raw !== null) draft.extra['status (unrecognised)'] = raw;
    return;
  }
  draft.status = readStatus(canonical, raw, from);
  draft.statusLine = line;
}

/** The canonical statuses a vocabulary entry may map a word to (`unknown` is what it already is). */
const mappableStatuses = Object.values(TaskStatus).filter((status) => status !== TaskStatus.unknown);

/** Resolves a written status through the vocabulary (reporting unknown values and legends) and sets it. */
export function applyStatusText(ctx: ExtractorContext, draft: DraftTask, raw: string, from: string, line: number): void {
  const value = dropStruckWords(raw.trim().replace(/\s{2,}$/u, ''));
  if (value === '') return;
  // A status followed by a note (`Pending (waiting on the schema)`, `Done, pending deploy`): the status the author
  // wrote first is the item's, not a status word inside the note.
  const match = matchWrittenStatus(ctx.vocabulary, value);
  // An indicator mark alone (`🟢`) that the file explains elsewhere (`🟢 Done`), or any mark alone its legend explains
  // (`❌` beside `## Status Legend` over `- ❌ Not Started`): the status the file gives it.
  const alone = readMarkAlone(value);
  const meant = alone === null ? undefined : ctx.markMeanings.get(alone);
  if (meant !== undefined) {
    setStatus(ctx, draft, meant, value, from, line);
    return;
  }
  if (!match.matched) {
    ctx.report({
      severity: 'warning',
      code: match.legend ? 'status-legend' : 'status-unknown',
      line,
      message: match.legend
        ? `the status of "${draft.title}" lists several statuses (a legend or template), so it was recorded as unknown`
        : `the status "${truncateForMessage(value, 60)}" of "${draft.title}" is not a known status word, so it was recorded as unknown`,
      received: truncateForMessage(value),
      fix: match.legend
        ? 'write the one status that applies, e.g. `**Status:** In Progress`'
        : `use a known status (Done, In Progress, Pending, Planned, Blocked, Cancelled, Later) or map it in membank.config.json: {"vocabulary":{"status":{${JSON.stringify(stripInlineMarkdown(value).toLowerCase().slice(0, 40))}:"…"}}}, where … is what the word means here: one of ${mappableStatuses.join(', ')}`,
    });
  }
  if (match.percent !== null && draft.percentDone === null) draft.percentDone = match.percent;
  setStatus(ctx, draft, match.canonical, value, from, line);
  // A day written with the status (`Done 2025-03-06`, `Completed (2025-03-09)`, `2025-03-07 done`, `✅ 2025-03-08`): when
  // the work was done, or when it was last updated for another status.
  const day = match.matched ? readStatusDay(value, ctx.vocabulary) : null;
  if (day !== null) applyField(ctx, draft, day.name, day.value, line, from);
}

/** Text of symbols (emoji, stars, shapes) and no letter or figure: never a placeholder. */
const symbolsOnly = /^[^\p{L}\p{N}]*\p{S}[^\p{L}\p{N}]*$/u;

/** Resolves a written priority; `Week 2-3` and other non-priorities → null plus a `priority-unknown` warning. */
export function applyPriorityText(ctx: ExtractorContext, draft: DraftTask, raw: string, line: number): void {
  const value = raw.trim();
  if (value === '' || (draft.priority.raw !== null && draft.priority.value !== null)) return;
  const match = ctx.vocabulary.matchPriority(value);
  // A symbol alone (`⏫`, a configured `🔺`) normalises to nothing, as placeholders (`—`, `-`) do: a priority first.
  // One that is no priority (`🤷`, `◆◆`) is reported, as a word is; dashes and other punctuation are placeholders.
  if (!match.matched && ctx.vocabulary.isPlaceholder(value) && !symbolsOnly.test(value)) return;
  if (match.legend === true) {
    ctx.report({
      severity: 'warning',
      code: 'priority-unknown',
      line,
      message: `the priority "${truncateForMessage(value, 60)}" of "${draft.title}" lists several priorities (a legend or a choice), so no priority was set`,
      received: truncateForMessage(value),
      fix: 'write one priority (P0–P3 or Critical / High / Medium / Low); a legend of marks belongs on a line of its own, outside a Priority field',
    });
    return;
  }
  draft.priority = { value: match.value, raw: value };
  if (!match.matched) {
    ctx.report({
      severity: 'warning',
      code: 'priority-unknown',
      line,
      message: `the priority "${truncateForMessage(value, 60)}" of "${draft.title}" is not a priority word, so no priority was set`,
      received: truncateForMessage(value),
      fix: 'write P0–P3 or Critical / High / Medium / Low, or map it in membank.config.json: {"vocabulary":{"priority":{"…":3}}}',
    });
  }
}

type DateField = keyof TaskRecord['dates'];

/** Normalises a date into `dates[field]`; unknown formats keep the raw text in `extra` with a warning. */
export function applyDateText(
  ctx: ExtractorContext,
  draft: DraftTask,
  field: DateField,
  raw: string,
  line: number,
  label: string = field,
): void {
  // A mark before the date restates the field (`**Completed:** ✅ 19 December 2024`, `**Due:** 📅 2025-01-15`).
  const value = stripInlineMarkdown(raw).trim().replace(leadingPictographs, '');
  if (value === '' || ctx.vocabulary.isPlaceholder(value)) return;
  // An ambiguous `01/03/2025` is read the way the file writes its other slash dates (`15/04/2025`: day first).
  const date =
    normaliseFieldDate(value, { dayFirst: value.includes('/') && ctx.dayFirst, due: field === 'due' }) ??
    // A day without its year (`Aug 7`, `7. März`) in a file whose full dates all fall in one year: that year's.
    (yearlessDay.test(value) && ctx.fileYear !== null ? normaliseFieldDate(`${value.replace(/,$/u, '')}, ${ctx.fileYear}`) ?? normaliseFieldDate(`${value} ${ctx.fileYear}`) : null);
  if (date !== null) {
    if (draft.dates[field] === null) draft.dates[field] = date;
    return;
  }
  draft.extra[label] = value;
  ctx.report({
    severity: 'warning',
    code: 'date-unparseable',
    line,
    message: `the ${field} date "${truncateForMessage(value, 60)}" of "${draft.title}" is not a date membank can read; it was kept as text`,
    received: truncateForMessage(value),
    fix: 'write dates as YYYY-MM-DD (e.g. 2026-03-12), optionally with a time (2026-03-12T10:00:00Z)',
  });
}

/** A day and a month's name without a year (`Aug 7`, `August 7th`, `7 Aug`, `7. März`). */
const yearlessDay = new RegExp(String.raw`^(?:(?:${monthNameSource})\.?\s+\d{1,2}(?:st|nd|rd|th)?|\d{1,2}(?:st|nd|rd|th|er)?\.?\s+(?:${monthNameSource})\.?),?$`, 'iu');

/** Sets the owner unless the value is a placeholder (`TBD`, `[Festzulegen]`). */
export function applyOwnerText(ctx: ExtractorContext, draft: DraftTask, raw: string): void {
  const value = stripInlineMarkdown(raw).trim();
  if (value === '' || ctx.vocabulary.isOwnerPlaceholder(value)) return;
  // A name written as a mention (`@dana`, Backlog.md's `assignee: ['@dana']`) is the name: one owner label however
  // the bank writes it (the line marker `… @dana` reads `dana` too).
  if (draft.owner === null) draft.owner = value.includes('@') ? value.replace(mentionLead, '$1') : value;
}

/** The `@` opening a name in an owner value (`@dana`, `@dana, @lee`), not one inside an address (`dana@example.com`). */
const mentionLead = /(^|[\s,，;；(])@(?=[\p{L}\p{N}_])/gu;

/** Adds labels (trimmed, deduplicated, order kept). */
export function addLabels(draft: DraftTask, labels: readonly string[]): void {
  for (const label of labels) {
    const value = stripInlineMarkdown(label).trim();
    if (value === '' || draft.labels.includes(value)) continue;
    if (draft.labels === noLabels) draft.labels = [];
    draft.labels.push(value);
  }
}

/**
 * Applies one named field (bold field, key/value table row, inline `(key: value)`) to a draft. Returns false
 * when the name is not a field membank knows (the caller decides whether to keep it as extra).
 */
export function applyField(
  ctx: ExtractorContext,
  draft: DraftTask,
  name: string,
  rawValue: string,
  line: number,
  from: string,
): boolean {
  const kind: FieldKind | null = ctx.vocabulary.matchField(name);
  if (kind === null) return false;
  const value = rawValue.trim();
  switch (kind) {
    case 'status':
      applyStatusText(ctx, draft, value, from, line);
      return true;
    case 'overallStatus': {
      const percent = findPercent(value);
      if (percent !== null) draft.percentDone = percent;
      applyStatusText(ctx, draft, value, from === 'bold-field' ? 'bold-field' : from, line);
      return true;
    }
    case 'priority':
      applyPriorityText(ctx, draft, value, line);
      return true;
    case 'owner':
      applyOwnerText(ctx, draft, value);
      return true;
    case 'author':
      draft.extra[cleanFieldName(name)] = stripInlineMarkdown(value);
      if (draft.owner === null) applyOwnerText(ctx, draft, value);
      return true;
    case 'due':
    case 'start':
    case 'done':
    case 'created':
    case 'updated':
      applyDateText(ctx, draft, kind, value, line, cleanFieldName(name));
      return true;
    case 'id': {
      if (draft.sourceId !== null || value === '') return true;
      // A note in parentheses after the id (`SEC-001 (Corresponds to Task 4.1.1)`) is a note on it, the body's.
      const id = stripInlineMarkdown(value).trim();
      const noted = idThenNote.exec(id);
      draft.sourceId = noted?.[1] ?? id;
      if (noted?.[2] !== undefined) draft.body.push(`**${cleanFieldName(name)}:** ${value}`);
      return true;
    }
    case 'title': {
      // A heading or an item naming only its id (`## Task ID: DEV-0003` over `**Title:** Add the CMC fetch`) is titled by
      // the field; any other title keeps its words, and a field saying more goes to the body, never dropped.
      const text = stripInlineMarkdown(value).trim();
      if (text === '') return true;
      if (namesOnlyItsId(draft)) draft.title = text;
      else if (!collapseWhitespace(draft.title).toLowerCase().includes(collapseWhitespace(text).toLowerCase())) draft.body.push(`**${cleanFieldName(name)}:** ${value}`);
      return true;
    }
    case 'percent': {
      const percent = findPercent(value);
      const number = Number(value);
      if (percent !== null) draft.percentDone = percent;
      else if (Number.isFinite(number) && number >= 0 && number <= 1) draft.percentDone = number;
      else if (value !== '') draft.extra[cleanFieldName(name)] = stripInlineMarkdown(value);
      return true;
    }
    case 'tags':
      // A list written as YAML writes it (`[alerts, ui]`) is its items.
      addLabels(draft, value.replace(/^\s*\[(.*)\]\s*$/u, '$1').split(/\s*[,，;]\s*/u).map((tag) => tag.replace(/^#/u, '')));
      return true;
    case 'description':
    case 'notes':
    case 'criteria':
    case 'deliverables':
      if (value !== '') draft.body.push(`**${cleanFieldName(name)}:** ${value}`);
      return true;
    case 'estimate':
    case 'dependencies':
    case 'requirements':
    case 'type':
      if (value !== '') draft.extra[cleanFieldName(name)] = stripInlineMarkdown(value);
      return true;
  }
}

/** An id and a note in parentheses after it (`SEC-001 (Corresponds to Task 4.1.1)`): groups 1 and 2. */
const idThenNote = /^(\S+)\s+([(（][^()（）]{1,80}[)）])$/u;

/** Whether a draft's title is its id alone, or its id under a label (`Task ID: DEV-0003`, `Aufgabe: DEV-4`, `Ticket #42`). */
function namesOnlyItsId(draft: DraftTask): boolean {
  if (draft.sourceId === null) return false;
  const id = draft.sourceId.trim().toLowerCase();
  const rest = draft.title.toLowerCase().replace(id, ' ').replace(/[\s:：#·\-–—.()[\]]+/gu, ' ').trim();
  return rest === '' || idLabel.test(rest);
}
// Also a heading naming only which task it is (`## Latest completed task`, `## Task overview`, `## 最新完了タスク`) over
// the task's id and title fields.
const idLabel =
  /^(?:(?:new|current|active|ongoing|latest|last|recent|previous|next|aktuelle|текущая|当前|最新|前回|現在の?)\s*)?(?:(?:completed|finished|完了)\s*)?(?:task|ticket|story|issue|item|work item|bug|feature|aufgabe|tâche|tarea|задача|任务|タスク)?\s*(?:id|no|number|nr|overview|summary|概述|概要)?$/u;

/** A field name as shown in `extra` (emphasis and trailing colon removed). */
export function cleanFieldName(name: string): string {
  return stripInlineMarkdown(name).replace(/[:：]\s*$/u, '').trim();
}

/** Applies fields found inline (`(负责人: 张三, 完成日期: 2023-10-15)`). */
export function applyInlineFields(ctx: ExtractorContext, draft: DraftTask, fields: readonly InlineField[], line: number): void {
  for (const field of fields) {
    if (!applyField(ctx, draft, field.name, field.value, line, 'inline') && field.flag === true) draft.extra[field.name] = field.value;
  }
}

/**
 * Applies an item's Obsidian Tasks signifiers (`readTaskSignifiers`): dates, priority and dependencies as fields,
 * scheduled date, recurrence and id in `extra`. A cancelled date (`❌ 2025-02-20`) makes the item cancelled — the
 * `[-]` Obsidian writes beside it means cancelled there, not in progress.
 */
export function applyTaskSignifiers(ctx: ExtractorContext, draft: DraftTask, signifiers: readonly TaskSignifier[], line: number): void {
  for (const signifier of signifiers) {
    if (!signifier.known || !applyField(ctx, draft, signifier.name, signifier.value, line, 'inline')) draft.extra[signifier.name] = signifier.value;
    if (signifier.name === 'cancelled') {
      draft.status = readStatus(TaskStatus.cancelled, `❌ ${signifier.value}`, 'signifier');
      draft.statusLine = line;
    }
  }
}

/**
 * Derives a parent's status from its subtasks when nothing explicit was written: all done → done, some
 * started or done → in progress, otherwise todo.
 */
export function deriveStatusFromChildren(ctx: ExtractorContext, draft: DraftTask, children: readonly DraftTask[]): void {
  if (children.length === 0) return;
  if ((statusRank[draft.status.from] ?? 0) > 1 && draft.status.canonical !== 'unknown') return;
  const done = children.filter((child) => child.status.canonical === 'done' || child.status.canonical === 'cancelled').length;
  const started = children.filter((child) => child.status.canonical === 'in_progress').length;
  const canonical: TaskStatusValue = done === children.length ? 'done' : done > 0 || started > 0 ? 'in_progress' : 'todo';
  if (draft.status.from === 'section' && draft.status.canonical !== 'todo') return;
  setStatus(ctx, draft, canonical, null, 'children', draft.line);
  if (draft.percentDone === null) draft.percentDone = Math.round((done / children.length) * 100) / 100;
}
