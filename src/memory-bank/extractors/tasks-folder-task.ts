/**
 * One `TASKnnn-*.md` file of the tasks folder: `# [TASK004] - Title`, `**Status:**` / `**Added:**` /
 * `**Updated:**` header, `## Implementation Plan` (checklist or bullets → subtasks when there is no subtask
 * table), `## Progress Tracking` with `**Overall Status:** Completed - 100%` (→ percent) and a `### Subtasks`
 * table `| ID | Description | Status | Updated | Notes |` (→ subtasks), `## Progress Log` with `### YYYY-MM-DD`
 * headings and bullets (→ progress entries). A key/value table in the header (`| Status | In Progress |`) gives
 * fields as bold fields do; a task table anywhere else in the file (`| Task | Status |`) gives subtasks too, beside
 * the plan's items. Everything else becomes the body.
 */
import type { Heading, List, ListItem, Paragraph, RootContent } from 'mdast';
import { ExtractorName } from '../../core/source-file.js';
import { readEndLine, readLine, readListItemHead, readMarginBoxLines, readTableRows, sliceLines, type Section } from '../markdown.js';
import { normaliseDate, normaliseVocabularyText, readFolderStatus, stripInlineMarkdown, type Vocabulary } from '../vocabulary.js';
import {
  addProgress,
  applyField,
  applyInlineFields,
  applyStatusText,
  cleanFieldName,
  createDraft,
  deriveStatusFromChildren,
  setStatus,
} from './draft.js';
import { readListFields, readParagraphFields } from './fields.js';
import { applyClosingDate, applyItemLine, readItemLine } from './item-line.js';
import { detectTaskTable, readKeyValueTable, readTableDrafts } from './tables.js';
import { type InlineFields, itemLabel, readClosingTitleMark, readInlineFields, readOpeningStatus, shortIdSource, splitLeadingId, wordIdSource } from './text.js';
import { findHeaderStatus, findLeadingTaskId, isStatusName, readTitleStatus } from '../header-status.js';
import type { DraftTask, Extractor, ExtractorContext, ExtractorOutput } from './types.js';

// A range or a pair of ids is one id (`[TASK-047..049]`, `[TASK-032 / TASK-033]`), as an index names it.
const titlePattern = /^\[?((?:TASK|Task|task)[-_]?\d+[A-Za-z]?(?:(?:\.\.|[-.])\d+)*(?:\s*\/\s*(?:TASK|Task|task)[-_]?\d+)*)\]?\s*(?:[-–—:]\s*)?(.*)$/u;
/** A title opening with an id in brackets (`[M15] - …`, `[TASK-SMART-FORCE] - …`): group 1 the id, 2 the title. */
const bracketedTitleId = new RegExp(String.raw`^\[(${wordIdSource}|${shortIdSource})\]\s*(?:[-–—:]\s*)?(\S.*)$`, 'u');
const fileIdPattern = /(?:^|\/)(TASK[-_]?\d+[A-Za-z]?)(?=[-_. ]|$)/iu;
const planTitles = /^(?:implementation plan|plan|implementation|implementation steps|steps|action plan|plan de implementacion|plan de implementación|plan d implementation|implementierungsplan|umsetzungsplan|план реализации|план|实施计划|实现计划|实施步骤|执行计划|実装計画|実施計画|plano de implementacao|plano|passos|piano di implementazione|piano|passi|implementatieplan|stappen|구현 계획|계획|단계)$/u;
const trackingTitles = /^(?:progress tracking|tracking|progress|seguimiento|seguimiento del progreso|suivi|suivi de progression|fortschritt|fortschrittsverfolgung|прогресс|отслеживание прогресса|进度跟踪|进度|進捗|acompanhamento|acompanhamento do progresso|progresso|avanzamento|monitoraggio|voortgang|진행 상황|진행 추적)$/u;
const logTitles = /^(?:progress log|log|change log|changelog|journal|work log|registro de progreso|registro|historial|journal de progression|fortschrittsprotokoll|protokoll|журнал|журнал прогресса|进度日志|进展日志|进度记录|進捗ログ|作業ログ|registro de progresso|diario|registro attivita|logboek|진행 로그|작업 로그|작업 기록)$/u;
const subtaskTitles = /^(?:subtasks|sub tasks|subtareas|sous taches|sous tâches|teilaufgaben|подзадачи|子任务|子任務|サブタスク|subtarefas|sottoattivita|sotto attivita|subtaken|하위 작업|进度追踪|进度跟踪|進度追蹤|進捗管理|進捗状況)$/u;

function normaliseTitle(text: string): string {
  return normaliseVocabularyText(stripInlineMarkdown(text));
}

function sectionEnd(ctx: ExtractorContext, section: Section): number {
  const lastChild = section.children[section.children.length - 1];
  if (lastChild !== undefined) return sectionEnd(ctx, lastChild);
  const lastNode = section.nodes[section.nodes.length - 1];
  return lastNode === undefined ? section.line : readEndLine(lastNode);
}

function extractTaskFile(ctx: ExtractorContext): ExtractorOutput {
  const root = ctx.sections;
  const allSections: Section[] = [];
  const collect = (section: Section): void => {
    allSections.push(section);
    section.children.forEach(collect);
  };
  collect(root);
  const titleSection =
    allSections.find((section) => section.depth === 1 && titlePattern.test(stripInlineMarkdown(section.title))) ??
    allSections.find((section) => section.depth === 1) ??
    null;
  // The id the file's name opens with (`TASK004-…`, `US-205-webhooks.md`, `BILL-59-tax.md`): the task's, when its title
  // carries none (`# Webhook retries`), so a sprint's row or an index line naming it folds into it.
  const stem = ctx.path.split('/').pop()?.replace(/\.[^.]+$/u, '') ?? '';
  const fileId = fileIdPattern.exec(ctx.path)?.[1]?.toUpperCase() ?? findLeadingTaskId(stem);
  let sourceId: string | null = fileId;
  let title = (fileId === null ? stem : stem.replace(fileIdPattern, '').replace(fileId, '')).replace(/[-_]+/gu, ' ').trim();
  if (titleSection !== null) {
    // A status the title carries (`# TASK-12: Login (DONE)`) is the file's status (findHeaderStatus), not title.
    const plain = stripInlineMarkdown(titleSection.title);
    const text = titleSection.depth === 1 ? (readTitleStatus(plain)?.rest ?? plain) : plain;
    const match = titlePattern.exec(text);
    if (match?.[1] !== undefined) {
      sourceId = match[1];
      title = match[2] ?? '';
    } else {
      const split = splitLeadingId(text, 'loose');
      // An id in brackets opening it, of capitals and figures or dashes (`[M15] - Cluster tuning`, `[TASK-SMART-FORCE] - …`).
      const bracketed = split.id === null ? bracketedTitleId.exec(text) : null;
      if (bracketed?.[1] !== undefined && bracketed[2] !== undefined) {
        sourceId = bracketed[1];
        title = bracketed[2];
      } else {
        if (split.id !== null) sourceId = split.id;
        title = split.rest === '' ? text : split.rest;
      }
      // A label naming what the document is (`# Task: Audit logging calls`, `# Aufgabe: …`) is no part of its title.
      if (titleSection.depth === 1) title = title.replace(itemLabel, '');
    }
    if (titleSection.heading !== null) ctx.claimed.add(titleSection.heading);
  }
  const main = createDraft(ctx, {
    extractor: ExtractorName.tasksFolderTask,
    line: titleSection?.line ?? 1,
    title: title === '' ? (sourceId ?? 'task') : title,
    sourceId,
  });
  const drafts: DraftTask[] = [main];
  const folder = readFolderStatus(ctx.path.split('/').slice(0, -1), ctx.vocabulary);
  if (folder !== null) main.folderStatus = { canonical: folder.status, folder: folder.folder };

  // Header fields: paragraphs or lists of fields between the title and the first `##` section (wherever they sit).
  const headerNodes = titleSection === null ? root.nodes : titleSection.nodes;
  const bodyNodes: string[] = [];
  const titleLine = titleSection?.line ?? 0;
  const h2s = allSections.filter((section) => section.depth === 2 && section.line > titleLine);
  // A first `## Status: In progress` (or `## Status` over its value), or a first heading naming the task's metadata
  // (`## Task Information`, `## Metadata`, `## タスク情報`), opens no section of its own: the fields under it
  // (`**Priority:** High`, `Created: 2025-09-24`) are the header's, up to the next `##`.
  const statusFirst = h2s[0] !== undefined && (isStatusHeading(h2s[0].title) || namesMetadata.test(normaliseTitle(h2s[0].title))) ? h2s[0] : null;
  const firstH2 = (statusFirst === null ? h2s[0] : h2s[1])?.line ?? Infinity;
  for (const node of ctx.tree.children) {
    const line = readLine(node);
    if (line <= titleLine || line >= firstH2) continue;
    // Paragraphs of fields, or a list of them (`- **Priority:** High`, `* Owner: Dana`).
    const fields =
      node.type === 'paragraph'
        ? readParagraphFields(ctx.lines, node, ctx.vocabulary, true)
        : node.type === 'list'
          ? readListFields(ctx.lines, node, ctx.vocabulary)
          : null;
    if (fields === null) continue;
    for (const field of fields) {
      if (!applyField(ctx, main, field.name, field.value, field.line, 'bold-field') && field.value !== '') {
        main.extra[cleanFieldName(field.name)] = stripInlineMarkdown(field.value);
      }
    }
    ctx.claimed.add(node);
  }
  for (const node of headerNodes) {
    if (node.type !== 'table') continue;
    const pairs = readKeyValueTable(readTableRows(ctx.lines, node), ctx.vocabulary);
    if (pairs === null) continue;
    for (const pair of pairs) {
      if (!applyField(ctx, main, pair.name, pair.value, pair.line === 0 ? readLine(node) : pair.line, 'bold-field') && pair.value.trim() !== '') {
        main.extra[cleanFieldName(pair.name)] = stripInlineMarkdown(pair.value);
      }
    }
    ctx.claimed.add(node);
  }
  const topSections = titleSection === null ? root.children : titleSection.children;
  const planLists: Array<List | Paragraph> = [];
  // Checklists outside the plan (in the header, under other headings) are the task's own items too.
  const checklistLists: Array<List | Paragraph> = headerNodes.filter(isChecklist);
  let subtaskTableFound = false;
  // The subtask tables' rows; their titles and ids, normalised, read only when a checklist beside them is weighed
  // (`restatesTable`): one naming a row restates the table.
  const tableDrafts: DraftTask[] = [];
  let tableRows: Map<string, DraftTask> | null = null;
  // Task tables in the header (`| Task | Status |` under the title) give subtasks too; unlike the `### Subtasks`
  // table, which restates the plan, they do not stand in for the plan's and the checklists' items.
  if (titleSection !== null) readSubtaskTables(titleSection, headerNodes);
  const header = main.status.from === 'default' ? findHeaderStatus(ctx.lines) : null;
  if (header !== null) {
    // A status closing the title is edited where headings' statuses are (write-back); a field, as a field.
    applyStatusText(ctx, main, header.value, header.form === 'title' ? 'heading' : 'bold-field', header.line);
    claimHeaderStatus(ctx, header.nameLine);
  }
  // The line stating the file's status is not its description, also inside a block of other lines (`> **Status:** Pending`
  // over `> **Added:** …`, an Obsidian callout): writing a new status then leaves the description as it was.
  const statusLine = header !== null && header.form !== 'title' && header.form !== 'table-field' && header.line === header.nameLine ? header.line : null;
  for (const node of headerNodes) {
    if (ctx.claimed.has(node)) continue;
    const start = readLine(node);
    const end = readEndLine(node);
    if (statusLine === null || statusLine < start || statusLine > end) bodyNodes.push(sliceLines(ctx.lines, start, end));
    else {
      const rest = [sliceLines(ctx.lines, start, statusLine - 1), sliceLines(ctx.lines, statusLine + 1, end)].filter((text) => text.trim() !== '');
      if (rest.length > 0) bodyNodes.push(rest.join('\n'));
    }
  }
  if (folder !== null && main.status.from === 'default') setStatus(ctx, main, folder.status, folder.folder, 'folder', main.line);

  function readSubtaskTables(section: Section, nodes: readonly RootContent[]): boolean {
    let found = false;
    for (const node of nodes) {
      if (node.type !== 'table' || ctx.claimed.has(node)) continue;
      const rows = readTableRows(ctx.lines, node);
      const columns = detectTaskTable(rows.header, ctx.vocabulary, rows.rows.map((row) => row.cells), () => ctx.markMeanings);
      if (columns === null) continue;
      const subtasks = readTableDrafts(ctx, node, columns, {
        extractor: ExtractorName.tasksFolderTask,
        context: [stripInlineMarkdown(section.title)],
        parent: main,
        sectionStatus: null,
        sectionPriority: null,
        tableLine: readLine(node),
      });
      ctx.claimed.add(node);
      drafts.push(...subtasks);
      tableDrafts.push(...subtasks);
      found = found || subtasks.length > 0;
    }
    return found;
  }

  function readProgressLog(section: Section): void {
    const entries = section.children.length > 0 ? section.children : [];
    const direct = section.nodes.filter((node) => node.type !== 'thematicBreak');
    if (direct.length > 0) {
      const text = direct.map((node) => sliceLines(ctx.lines, readLine(node), readEndLine(node))).join('\n\n');
      if (text.trim() !== '') addProgress(main, { date: null, text, line: readLine(direct[0] as RootContent) });
    }
    for (const entry of entries) {
      const date = normaliseDate(stripInlineMarkdown(entry.title));
      const text = sliceLines(ctx.lines, entry.line + 1, sectionEnd(ctx, entry));
      if (text.trim() === '' && date === null) continue;
      addProgress(main, { date, text: date === null ? `${entry.title}\n\n${text}`.trim() : text, line: entry.line });
    }
  }

  for (const section of topSections) {
    const name = normaliseTitle(section.title);
    if (logTitles.test(name)) {
      readProgressLog(section);
      continue;
    }
    if (trackingTitles.test(name)) {
      // `**Overall Status:**` and the `### Subtasks` table are read; what else the section holds (a checklist, notes,
      // `### Blockers`) is the task's as another section's is: its checklists its subtasks, its text its body.
      const rest: RootContent[] = [];
      for (const node of section.nodes) {
        if (node.type === 'paragraph') {
          const fields = readParagraphFields(ctx.lines, node, ctx.vocabulary, true);
          if (fields !== null) {
            for (const field of fields) applyField(ctx, main, field.name, field.value, field.line, 'bold-field');
            continue;
          }
        }
        rest.push(node);
      }
      subtaskTableFound = readSubtaskTables(section, section.nodes) || subtaskTableFound;
      checklistLists.push(...rest.filter(isChecklist));
      for (const node of rest) if (!ctx.claimed.has(node)) bodyNodes.push(sliceLines(ctx.lines, readLine(node), readEndLine(node)));
      for (const child of section.children) {
        const childName = normaliseTitle(child.title);
        if (subtaskTitles.test(childName) || child.nodes.some((node) => node.type === 'table')) {
          subtaskTableFound = readSubtaskTables(child, child.nodes) || subtaskTableFound;
        }
        if (logTitles.test(childName)) readProgressLog(child);
        else if (!subtaskTitles.test(childName) && !ctx.vocabulary.isCriteriaLabel(child.title)) {
          checklistLists.push(...collectLists(child));
          bodyNodes.push(sliceLines(ctx.lines, child.line, sectionEnd(ctx, child)));
        }
      }
      continue;
    }
    if (subtaskTitles.test(name)) {
      subtaskTableFound = readSubtaskTables(section, section.nodes) || subtaskTableFound;
      if (subtaskTableFound) continue;
    }
    if (planTitles.test(name) || subtaskTitles.test(name)) {
      planLists.push(...section.nodes.filter(isChecklist));
      // Its phases under headings of their own (`### Phase 1: Foundations` over `- [x] 1.1 …`): their checklists.
      for (const child of section.children) {
        if (subtaskTitles.test(normaliseTitle(child.title)) || child.nodes.some((node) => node.type === 'table')) subtaskTableFound = readSubtaskTables(child, child.nodes) || subtaskTableFound;
        if (!ctx.vocabulary.isCriteriaLabel(child.title)) checklistLists.push(...collectLists(child));
      }
    } else if (!ctx.vocabulary.isCriteriaLabel(section.title)) {
      checklistLists.push(...collectLists(section));
      // A task table under any other heading (`## Work items`, `## Tarefas`) lists subtasks too (beside the checklists).
      for (const part of collectSections(section)) readSubtaskTables(part, part.nodes);
    }
    if (section !== statusFirst && !isStatusHeading(section.title)) bodyNodes.push(sliceLines(ctx.lines, section.line, sectionEnd(ctx, section)));
    else if (section === statusFirst) {
      // What else it holds, neither the status, a field read above nor a checklist (its subtasks), is the task's
      // description.
      for (const node of section.nodes) {
        if (ctx.claimed.has(node) || readLine(node) === header?.line) continue;
        if (node.type === 'list' && node.children.some((item) => typeof item.checked === 'boolean')) continue;
        bodyNodes.push(sliceLines(ctx.lines, readLine(node), readEndLine(node)));
      }
    }
  }

  // Beside a subtask table, which restates the plan, a plan or checklist naming none of its rows is work of its own
  // (77 boxes under the phases of `## 开发计划` beside a six-row phase table); one naming a row is the table's.
  const lists = [...planLists.map((list) => ({ list, checkboxesOnly: false })), ...checklistLists.map((list) => ({ list, checkboxesOnly: true }))];
  lists.sort((a, b) => readLine(a.list) - readLine(b.list));
  for (const { list, checkboxesOnly } of lists) {
    if (subtaskTableFound && (checkboxesOnly === false || list.type !== 'list')) continue;
    // A checklist naming rows is the table's, as far as it names them: its other items, and the items checked under a
    // row it names (`- [ ] 1.3 Wire the button` over `  - [ ] 1.3.1 Add it to the toolbar`), are subtasks too, of the
    // file and of that row.
    if (list.type === 'list') readPlanItems(list, checkboxesOnly, main, subtaskTableFound && restatesTable(list));
    else readBoxLines(list, main);
  }
  // A file that states no status anywhere (header, title, folder) takes its items': all done is done.
  if (main.status.from === 'default') deriveStatusFromChildren(ctx, main, drafts.filter((draft) => draft.parent === main));
  main.body.push(...bodyNodes.filter((text) => text.trim() !== ''));
  for (const section of allSections) if (section.heading !== null) ctx.claimed.add(section.heading as Heading);
  return { drafts, documentTask: main };

  /** Whether a list's items, at any depth, name a row of the subtask tables by its title or its id. */
  function restatesTable(list: List): boolean {
    for (const item of list.children) {
      if (readNamedRow(item, list) !== null) return true;
      for (const child of item.children) if (child.type === 'list' && restatesTable(child)) return true;
    }
    return false;
  }

  /** The subtask-table row an item names by its title or its id, else null. */
  function readNamedRow(item: ListItem, list: List): DraftTask | null {
    if (tableRows === null) {
      tableRows = new Map();
      for (const row of tableDrafts) {
        for (const name of row.sourceId === null ? [row.title] : [row.title, row.sourceId]) if (!tableRows.has(normaliseTitle(name))) tableRows.set(normaliseTitle(name), row);
      }
    }
    const head = readListItemHead(ctx.source, item, list);
    const text = stripInlineMarkdown(head.text);
    const split = splitLeadingId(text, 'strict');
    // A step's number is its row's id too (`- [x] 1.1 Create the module` beside `| 1.1 | Create the module |`).
    const numbered = /^(\d+(?:\.\d+)*)[.)]?\s+(\S.*)$/u.exec(text);
    for (const name of [split.rest, split.id, numbered?.[1], numbered?.[2]]) {
      const row = name === null || name === undefined ? undefined : tableRows.get(normaliseTitle(name));
      if (row !== undefined) return row;
    }
    return null;
  }

  /** A checklist written without bullets (`[x] Map the columns` over `[ ] Stream the rows`): a subtask per line. */
  function readBoxLines(paragraph: Paragraph, parent: DraftTask): void {
    const boxes = readMarginBoxLines(ctx.lines, paragraph, (mark) => ctx.vocabulary.matchCheckbox(mark) !== null);
    for (const box of boxes ?? []) {
      if (ctx.vocabulary.isPlaceholder(box.text)) continue;
      const sub = createDraft(ctx, { extractor: ExtractorName.tasksFolderTask, line: box.line, title: box.text, sourceId: null, context: ['implementation plan'], parent });
      const status = ctx.vocabulary.matchCheckbox(box.mark);
      if (status !== null) setStatus(ctx, sub, status, `[${box.mark}]`, 'checkbox', box.line);
      drafts.push(sub);
    }
    if (boxes !== null) ctx.claimed.add(paragraph);
  }

  /**
   * The items of a plan (every item) or of a checklist (checkbox items only) under `parent`. A checklist nested in an
   * item (BMAD's `- [ ] Task 1` over `  - [ ] Subtask 1.1`) gives that item's subtasks; its other items and any other
   * nested block are the item's body.
   */
  function readPlanItems(list: List, checkboxesOnly: boolean, parent: DraftTask, besideRows = false): void {
    for (const item of list.children) {
      if (ctx.claimed.has(item)) continue;
      // Beside a subtask table, an item naming one of its rows is that row: the boxes under it are its subtasks.
      const row = besideRows ? readNamedRow(item, list) : null;
      if (row !== null) {
        ctx.claimed.add(item);
        for (const child of item.children) if (child.type === 'list' && child.children.some((nested) => readListItemHead(ctx.source, nested, child).checkbox !== null)) readPlanItems(child, true, row, true);
        continue;
      }
      const head = readListItemHead(ctx.source, item, list);
      if (checkboxesOnly && head.checkbox === null) {
        if (parent !== main) parent.body.push(sliceLines(ctx.lines, readLine(item), readEndLine(item)));
        continue;
      }
      if (head.text.trim() === '' || ctx.vocabulary.isPlaceholder(head.text)) continue;
      // Markers on the line (`[P1]`, `(by 2025-09-01)`, `@priya`, `📅 2025-09-10`), a status refining the box (`- [ ]
      // 🔄 …`, `— blocked`): read as a checklist's items are.
      const reading = readItemLine(ctx, head.text, head.checkbox, head.markdown);
      let inline: InlineFields & { date?: string } = reading.inline;
      // A step without a box may say its status as a checklist's items do: a mark opening or closing it (`- ✅ Query the
      // orders`, `1. Rank by sales 🚧`) or a status word in capitals or brackets opening it (`DONE: Sketch the form`).
      if (head.checkbox === null && inline.status === null) inline = readStepMark(inline, ctx.vocabulary);
      const split = splitLeadingId(inline.rest, 'strict');
      const line = readLine(item);
      const sub = createDraft(ctx, {
        extractor: ExtractorName.tasksFolderTask,
        line,
        title: split.rest === '' ? inline.rest : split.rest,
        sourceId: split.id,
        context: ['implementation plan'],
        parent,
      });
      applyInlineFields(ctx, sub, inline.fields, line);
      if (inline.status !== null) applyStatusText(ctx, sub, inline.status, 'inline', line);
      if (inline.note !== null) sub.body.push(inline.note);
      if (head.checkbox !== null) {
        const status = ctx.vocabulary.matchCheckbox(head.checkbox);
        if (status !== null) setStatus(ctx, sub, status, `[${head.checkbox}]`, 'checkbox', line);
        else applyStatusText(ctx, sub, head.checkbox, 'checkbox', line);
      } else if (sub.status.from === 'default' && (parent.status.canonical === 'done' || parent.status.canonical === 'cancelled')) {
        setStatus(ctx, sub, parent.status.canonical, null, 'default', line);
      }
      applyItemLine(ctx, sub, reading, head.checkbox, head.markdown, line);
      if (inline.date !== undefined) applyClosingDate(sub, inline.date, () => ctx.dayFirst);
      ctx.claimed.add(item);
      drafts.push(sub);
      const first = drafts.length;
      for (const child of head.rest) {
        if (child.type === 'list' && child.children.some((nested) => readListItemHead(ctx.source, nested, child).checkbox !== null)) readPlanItems(child, true, sub, besideRows);
        else sub.body.push(sliceLines(ctx.lines, readLine(child), readEndLine(child)));
      }
      // A plan step without a box of its own takes its checklist's: all done is done, some done is in progress.
      if (sub.status.from === 'default' && drafts.length > first) deriveStatusFromChildren(ctx, sub, drafts.slice(first).filter((draft) => draft.parent === sub));
    }
  }
}

/** A plan step's status written as a mark or a status word (`✅ Query the orders`, `Rank by sales 🚧`, `WIP: Label printing`). */
function readStepMark(inline: InlineFields, vocabulary: Vocabulary): InlineFields & { date?: string } {
  const opening = readOpeningStatus(inline.rest, null, vocabulary);
  const status = opening.markValue ?? opening.lead;
  if (status !== null && opening.rest.trim() !== '') return { ...inline, status, rest: opening.rest.trim() };
  const closing = readClosingTitleMark(inline.rest, vocabulary);
  return closing === null ? inline : { ...inline, status: closing.status, rest: closing.rest, ...(closing.date === undefined ? {} : { date: closing.date }) };
}

function collectSections(section: Section): Section[] {
  return [section, ...section.children.flatMap(collectSections)];
}

function collectLists(section: Section): Array<List | Paragraph> {
  return [...section.nodes.filter(isChecklist), ...section.children.flatMap(collectLists)];
}

/** A list, or a paragraph, which may be a checklist written without bullets (`[ ] …` at the margin: `readBoxLines`). */
function isChecklist(node: RootContent): node is List | Paragraph {
  return node.type === 'list' || node.type === 'paragraph';
}

/** A heading over the task's fields alone (`## Task Information`, `## Metadata`, `## Task details`). */
const namesMetadata =
  /^(?:task |ticket |issue )?(?:information|info|metadata|meta|details|properties|fields)$|^(?:informations? (?:sur la |de la )?tâche|métadonnées|metadaten|aufgabeninformationen|información de la tarea|metadatos|informações da tarefa|metadados|информация о задаче|метаданные|タスク情報|基本情報|メタデータ|任务信息|基本信息|元数据|작업 정보|메타데이터|thông tin nhiệm vụ)$/u;

/** `## Status`, `## Statut`, `## Status: DONE`: the file's own status, not body. */
function isStatusHeading(title: string): boolean {
  // Most headings name no status field before a colon (`## Original Request`): told by a set before the header reader.
  return isStatusName(title.split(/::|[:：=]|\s[-–—]\s/u, 1)[0] ?? '') && findHeaderStatus([`## ${title}`, 'x']) !== null;
}

/** The list item or paragraph line that stated the file's status is read, not repeated in the body. */
function claimHeaderStatus(ctx: ExtractorContext, line: number): void {
  for (const node of ctx.tree.children) {
    if (readLine(node) > line || readEndLine(node) < line) continue;
    if (node.type === 'list') {
      const item = node.children.find((child) => readLine(child) === line && readEndLine(child) === line);
      if (item !== undefined) ctx.claimed.add(item);
      if (node.children.every((child) => ctx.claimed.has(child))) ctx.claimed.add(node);
    } else if (node.type === 'paragraph' && readLine(node) === line && readEndLine(node) === line) ctx.claimed.add(node);
  }
}

/** The tasks-folder task-file extractor. */
export const tasksFolderTaskExtractor: Extractor = {
  name: ExtractorName.tasksFolderTask,
  describe: '`# [TASKnnn] - Title` with **Status:**/**Added:**/**Updated:**, subtask table or plan → subtasks, progress log → comments',
  extract(ctx) {
    return extractTaskFile(ctx);
  },
};
