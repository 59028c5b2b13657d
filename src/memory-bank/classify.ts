/**
 * Classifies one memory-bank file: task document, task list, task table, index, context document, template or
 * ignored, with a one-line reason that cites the signal, and the extractors the parser should run on it.
 *
 * Classification is per file and driven by content signals (FORMATS.md §1, §5), helped by where the file sits.
 * It is conservative: a prose document is a context document even when it holds a checklist or a status table,
 * unless it sits in a tasks/progress location, its header says it is a task, or it *is* a task table.
 * The rules are data: an ordered list, first match wins (see `markdownRules`).
 */
import { posix } from 'node:path';
import {
  ExtractorName,
  FileKind,
  type ExtractorNameValue,
  type FileKindValue,
} from '../core/source-file.js';
import { normaliseLabel, scanMarkdown, type MarkdownSignals, type TableSignal } from './discover-signals.js';
import { findLeadingTaskId } from './header-status.js';
import { createVocabulary } from './vocabulary.js';
import {
  fieldNames,
  contextFileNames,
  contextFolders,
  taskFolders,
  taskFileStems,
  taskListStems,
  reportNameWords,
  taskTypes,
  documentTypes,
  taskStatusWords,
  templateStatusWords,
  tableColumns,
  statusSectionPrefixes,
  rooSectionPattern,
  documentNameWords,
  taskStemWords,
} from './vocabulary-data.js';
import { detectTaskTable } from './extractors/tables.js';
import { formatCount, makeClassification, type Classification } from './classify-files.js';

/** Discovery's word lists live with the parser's in vocabulary-data.ts (one vocabulary source); re-exported here. */
export {
  contextFileNames,
  contextFolders,
  taskFolders,
  taskFileStems,
  taskListStems,
  reportNameWords,
  taskTypes,
  documentTypes,
  taskStatusWords,
  tableColumns,
  statusSectionPrefixes,
} from './vocabulary-data.js';

/** The built-in vocabulary: classification reads words the way the parser does. */
const defaultVocabulary = createVocabulary();

export type { Classification } from './classify-files.js';
export { classifyJson, classifyOther, isJsonName, isMarkdownName, markdownExtensions } from './classify-files.js';

/** Which family of bank a file sits in; decides a few path rules (Kiro, Taskmaster, roadmap). */
export type BankFlavor = 'memory-bank' | 'kiro' | 'taskmaster' | 'roadmap';

/** Input to Markdown classification. */
export interface ClassifyMarkdownInput {
  /** Path relative to the bank folder, POSIX separators. */
  pathInBank: string;
  flavor: BankFlavor;
  /** Decoded text (BOM stripped). */
  text: string;
  /** The `discover.taskGlobs` pattern this file matched, if any: read it as a task source. */
  taskGlob?: string | null;
  /** Precomputed signals (computed from `text` when absent). */
  signals?: MarkdownSignals;
}

/** Field names that carry a status: the parser's own list (one vocabulary source, with `état`, `ステータス`…). */
const statusFieldNames: readonly string[] = fieldNames.status;

// ---------------------------------------------------------------------------------------------------------------
// Facts derived once per file.
// ---------------------------------------------------------------------------------------------------------------

/** Derived facts a rule looks at. */
export interface FileFacts {
  pathInBank: string;
  flavor: BankFlavor;
  /** File name without extension, as written. */
  stem: string;
  /** Stem in lower case with everything but letters and digits removed (`active_sprint` → `activesprint`). */
  key: string;
  /** Folder segments between the bank and the file (lower case). */
  folders: string[];
  signals: MarkdownSignals;
  taskGlob: string | null;
}

/** One classification rule: a name (for docs and tests) and a function that decides or passes (null). */
export interface ClassificationRule {
  name: string;
  describe: string;
  apply(facts: FileFacts): Classification | null;
}

function describeTable(table: TableSignal): string {
  const columns = table.header.map((h) => h.replace(/[*`]/g, '').trim()).filter((h) => h !== '');
  return `table with columns ${columns.join('/')} at line ${table.line}`;
}

function hasColumn(table: TableSignal, role: keyof typeof tableColumns): boolean {
  const names: readonly string[] = tableColumns[role];
  return table.columns.some((c) => names.includes(c));
}

/** A table whose rows are tasks: a task-ish title column plus a status or id column, or id + description + status. */
export function isTaskTable(table: TableSignal): boolean {
  if (table.rows === 0) return false;
  const title = hasColumn(table, 'title');
  const id = hasColumn(table, 'id');
  const status = hasColumn(table, 'status');
  const weak = hasColumn(table, 'weakTitle');
  if (!((title && (status || id)) || (id && weak && status))) return false;
  // The parser's own reading decides too: a results or inventory table (`| # | File | Description | Status |`) is not one.
  return detectTaskTable(table.header, defaultVocabulary) !== null;
}

const taskIdValuePattern = /^[A-Za-z]{1,12}[-_]?\d+(?:[.-]\d+)*[A-Za-z]?\b/;

const idCellPattern = /^(?:[a-z]{1,12}[-_]?)?\d+(?:[.-]\d+)*[a-z]?$/;

/** A task table with an explicit id column whose cells look like ids (`PM-001`, `1.2`, `INF-101`). */
function isStrongTaskTable(table: TableSignal): boolean {
  if (!isTaskTable(table) || !hasColumn(table, 'id') || !hasColumn(table, 'status')) return false;
  const idColumn = table.columns.findIndex((c) => (tableColumns.id as readonly string[]).includes(c));
  if (idColumn !== 0) return false;
  const ids = table.firstCells.filter((c) => idCellPattern.test(c.replace(/\s+/g, ''))).length;
  return ids >= Math.ceil(table.firstCells.length * 0.6);
}

function filterTaskTables(signals: MarkdownSignals): TableSignal[] {
  return signals.tables.filter(isTaskTable);
}

function readSectionStatus(text: string): string | null {
  const known = defaultVocabulary.matchSection(text);
  if (known !== null) return known.replace('_', '-');
  const label = normaliseLabel(text)
    .replace(/^[\d.\s)(:-]+/, '')
    .replace(/^[^\p{L}]+/u, '');
  for (const [status, pattern] of statusSectionPrefixes) if (pattern.test(label)) return status;
  return null;
}

/** Status-bearing section headings (level ≥ 2), how many distinct statuses they name, and how many have items. */
function findStatusSections(signals: MarkdownSignals): { names: string[]; statuses: Set<string>; withItems: number } {
  const names: string[] = [];
  const statuses = new Set<string>();
  let withItems = 0;
  for (const h of signals.headings) {
    if (h.level < 2) continue;
    const status = readSectionStatus(h.text);
    if (status === null) continue;
    statuses.add(status);
    // One section alone decides only when its heading is exactly a status (`## Remaining work`), not a phrase with more.
    if (h.items > 0 && defaultVocabulary.matchSection(h.text) !== null) withItems += 1;
    if (names.length < 4) names.push(normaliseLabel(h.text));
  }
  return { names, statuses, withItems };
}

/** Headings whose own section starts with a `**Status**:` field (within 8 lines). */
function countStatusFieldItems(signals: MarkdownSignals): { count: number; firstLine: number | null } {
  const statusLines = signals.boldFields.filter((f) => statusFieldNames.includes(f.name)).map((f) => f.line);
  let count = 0;
  let firstLine: number | null = null;
  const headings = signals.headings.filter((h) => h.level >= 2);
  for (let i = 0; i < headings.length; i++) {
    const h = headings[i];
    if (h === undefined) continue;
    const next = headings[i + 1]?.line ?? Number.POSITIVE_INFINITY;
    if (statusLines.some((l) => l > h.line && l < next && l <= h.line + 8)) {
      count++;
      firstLine ??= h.line;
    }
  }
  return { count, firstLine };
}

function findField(signals: MarkdownSignals, name: string): { value: string; line: number } | null {
  const f = signals.boldFields.find((b) => b.name === name);
  return f === undefined ? null : { value: f.value, line: f.line };
}

function isTemplateName(stem: string): boolean {
  return /template/i.test(stem) || /^(?:example|sample)(?:$|[-_.\s])/i.test(stem);
}

function normaliseStatus(value: string): string {
  return normaliseLabel(value.replace(/^[\s:]+/, '')).replace(/\s*#.*$/, '');
}

function isContentTemplate(signals: MarkdownSignals): boolean {
  const { count, kinds } = signals.placeholders;
  return count >= 5 && kinds.length >= 2 && signals.isoDates <= 1;
}

// ---------------------------------------------------------------------------------------------------------------
// Task-location analysis: shared by progress.md / tasks.md / tasks/ / progress/ and discover.taskGlobs.
// ---------------------------------------------------------------------------------------------------------------

function classifyTaskSource(facts: FileFacts, where: string): Classification | null {
  const s = facts.signals;
  const roo = s.rooStamps.count > 0 && facts.key === 'progress';
  const rooSections = s.headings.filter((h) => rooSectionPattern.test(normaliseLabel(h.text))).length;
  if (roo || (rooSections >= 2 && s.rooPreambleLine !== null)) {
    const stamp =
      s.rooStamps.count > 0
        ? `${s.rooStamps.count}× \`[YYYY-MM-DD HH:MM:SS] -\` (first at line ${s.rooStamps.firstLine ?? 0})`
        : `Roo preamble at line ${s.rooPreambleLine ?? 0}`;
    const sections = rooSections > 0 ? ` and ${formatCount(rooSections, 'Roo section')} (Completed Tasks/Current Tasks/Next Steps)` : '';
    return makeClassification(FileKind.taskList, `Roo progress log: ${stamp}${sections}`, [ExtractorName.rooProgress]);
  }
  if (taskListStems.includes(facts.key)) {
    return makeClassification(
      FileKind.taskList,
      `${where}: free-form task list (${describeTaskForms(s)})`,
      [ExtractorName.cursorTasks],
    );
  }
  const tables = filterTaskTables(s);
  const sections = findStatusSections(s);
  const fieldItems = countStatusFieldItems(s);
  const boxes = s.checkboxes.open + s.checkboxes.done;
  // One status heading with items is enough in a progress location (`## Remaining work`, `## 残っているタスク`).
  const kanban = sections.statuses.size >= 2 || (sections.withItems >= 1 && tables.length === 0 && boxes === 0) || (sections.withItems >= 2 && boxes === 0);
  if (kanban) {
    const extractors: ExtractorNameValue[] = [ExtractorName.sectionList];
    if (tables.length > 0) extractors.push(ExtractorName.taskTable);
    return makeClassification(
      FileKind.taskList,
      `${where}: status sections ${sections.names.map((n) => `"${n}"`).join(', ')} — the section is the status`,
      extractors,
    );
  }
  if (fieldItems.count >= 2) {
    const table = tables[0] === undefined ? '' : `, and ${describeTable(tables[0])}`;
    return makeClassification(
      FileKind.taskList,
      `${where}: ${formatCount(fieldItems.count, 'heading')} each followed by a **Status** field (first at line ${fieldItems.firstLine ?? 0})${table}`,
      [ExtractorName.cursorTasks],
    );
  }
  const first = tables[0];
  if (first !== undefined) {
    const rows = tables.reduce((n, t) => n + t.rows, 0);
    const more = tables.length > 1 ? ` (+${tables.length - 1} more, ${rows} rows in all)` : ` (${formatCount(rows, 'row')})`;
    const extractors: ExtractorNameValue[] = [ExtractorName.taskTable];
    if (boxes > 0) extractors.push(ExtractorName.checklist);
    return makeClassification(FileKind.taskTable, `${where}: ${describeTable(first)}${more}`, extractors);
  }
  if (boxes > 0) {
    return makeClassification(
      FileKind.taskList,
      `${where}: checklist of ${formatCount(boxes, 'item')} (${s.checkboxes.done} done, first at line ${s.checkboxes.firstLine ?? 0})`,
      [ExtractorName.checklist],
    );
  }
  return null;
}

function describeTaskForms(s: MarkdownSignals): string {
  const parts: string[] = [];
  const boxes = s.checkboxes.open + s.checkboxes.done;
  if (boxes > 0) parts.push(`${formatCount(boxes, 'checkbox')} from line ${s.checkboxes.firstLine ?? 0}`);
  const tables = filterTaskTables(s);
  if (tables[0] !== undefined) parts.push(describeTable(tables[0]));
  const fields = s.boldFields.filter((f) => statusFieldNames.includes(f.name) || f.name === 'priority').length;
  if (fields > 0) parts.push(formatCount(fields, 'status/priority field'));
  if (s.rooStamps.count > 0) parts.push(formatCount(s.rooStamps.count, 'Roo timestamp'));
  if (parts.length === 0) parts.push(`${formatCount(s.headings.length, 'heading')}, no checkboxes or tables`);
  return parts.join('; ');
}

/**
 * A file that is one task: it carries a task id in its name or title, or sits in a tasks folder, and its header
 * states its own status in any form (`**Statut:**`, `## Status: DONE`, `- Status: x`, `Status: x`, `## Statut` +
 * value). A tasks-folder file without an id must not look like a list of tasks (several status fields or sections).
 */
function classifyOneTaskFile(f: FileFacts): Classification | null {
  const s = f.signals;
  const header = s.headerStatus;
  if (header === null) return null;
  const h1 = s.headings.find((h) => h.level === 1);
  const stemId = findLeadingTaskId(f.stem);
  const titleId = h1 === undefined ? null : findLeadingTaskId(normaliseTitleText(h1.text));
  const folder = f.folders.find((d) => isTaskFolderName(d));
  const where =
    stemId !== null
      ? `task id ${stemId} in the file name`
      : titleId !== null
        ? `task id ${titleId} in the title (line ${h1?.line ?? 0})`
        : folder !== undefined
          ? `${folder}/ file`
          : null;
  if (where === null || f.flavor === 'roadmap' || isTemplateName(f.stem)) return null;
  if (!isTaskProgressStatus(header.value)) return null;
  const fm = s.frontmatter;
  if (fm !== null && [fm['type'], fm['document_type']].some((t) => t !== undefined && documentTypes.includes(normaliseStatus(t)))) return null;
  if (folder === undefined && [...reportNameWords, ...documentNameWords].some((w) => f.key.includes(w))) return null;
  if (stemId === null && titleId === null) {
    if (countStatusFieldItems(s).count >= 2 || findStatusSections(s).statuses.size >= 2 || filterTaskTables(s).length > 0) return null;
    if (reportNameWords.some((w) => f.key.includes(w))) return null;
  }
  return makeClassification(
    FileKind.taskDocument,
    `one task per file: ${where} + its own status "${header.value}" (line ${header.line}, ${header.form.replace('-', ' ')})`,
    [ExtractorName.tasksFolderTask],
  );
}


/** A value that states task progress (`Done`, `En cours`, `IN_PROGRESS`, `✅`), not a document state (`Ready for use`). */
function isTaskProgressStatus(value: string, coverage = 0.5): boolean {
  // Judged on the words when there are any: `✅ READY FOR IGNITION` states a document's state, not a task's.
  const words = value.replace(/[\p{Extended_Pictographic}\uFE0F\u200D✓✔☑]/gu, '').trim();
  const match = defaultVocabulary.matchStatus(words === '' ? value : words);
  return match.matched && !match.legend && match.canonical !== 'unknown' && match.coverage >= coverage;
}

/** Titles of documents about how work is done. */
const processTitlePattern =
  /^(?:(?:task|development|dev|team|our|the|git|release|review)\s+)?(?:workflow|process|lifecycle|life cycle)s?$|\b(?:definition of (?:done|ready)|status (?:glossary|definitions?|legend|meanings?)|glossary|how we work|working agreements?|conventions)\b|^(?:dod|dor)$/u;

function normaliseTitleText(text: string): string {
  return text.replace(/[*_`]/g, '').trim();
}

/** Where a file sits, as a task location: the folder or file name that makes it one, or null. */
function findTaskLocation(facts: FileFacts): string | null {
  if (facts.taskGlob !== null) return `matches discover.taskGlobs "${facts.taskGlob}"`;
  if (taskFileStems.includes(facts.key)) return `${facts.stem}.md`;
  const word = findTaskStemWord(facts.stem);
  if (word !== null) return `${facts.stem}.md (named "${word}")`;
  const folder = facts.folders.find(isTaskFolderName);
  if (folder !== undefined) return `${folder}/ file`;
  return null;
}


function splitNameWords(name: string): string[] {
  return name
    .replace(/([a-z])([A-Z])/gu, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}]+/u)
    .filter((word) => word !== '');
}

/** The task word in a file stem made of several words (`sprint-3-tasks` → `tasks`), else null. */
function findTaskStemWord(stem: string): string | null {
  const words = splitNameWords(stem);
  if (words.length < 2) return null;
  return words.find((word) => taskStemWords.includes(word)) ?? null;
}

/** A folder that holds tasks: `tasks/`, `todo/`, `tasks-completed/`, `Sprint_Tasks/`. */
function isTaskFolderName(name: string): boolean {
  return taskFolders.includes(name) || splitNameWords(name).some((word) => taskFolders.includes(word));
}

function findReportLocation(facts: FileFacts): string | null {
  const inTaskFolder = facts.folders.some(isTaskFolderName) || taskFileStems.includes(facts.key) || findTaskStemWord(facts.stem) !== null;
  if (!inTaskFolder) return null;
  if (reportNameWords.some((w) => facts.key.includes(w))) return `${facts.stem}.md`;
  const folder = facts.folders.find((p) => reportNameWords.some((w) => p.includes(w)));
  return folder === undefined ? null : `${folder}/`;
}

// ---------------------------------------------------------------------------------------------------------------
// The rules, in order. First match wins.
// ---------------------------------------------------------------------------------------------------------------

/** Markdown classification rules, in the order they are tried. */
export const markdownRules: readonly ClassificationRule[] = [
  {
    name: 'kiro-tasks',
    describe: 'Kiro tasks.md: `.kiro/specs/<feature>/tasks.md`, or numbered checkbox items with `_Requirements:` refs',
    apply(f) {
      const s = f.signals;
      const inSpec = f.flavor === 'kiro' && f.key === 'tasks';
      const byContent = s.kiroItems >= 2 && s.requirementsRefs >= 1;
      if (!inSpec && !byContent) return null;
      const where = inSpec ? `Kiro spec tasks.md (${posix.dirname(f.pathInBank)})` : 'Kiro-style checklist';
      return makeClassification(
        FileKind.taskList,
        `${where}: ${formatCount(s.kiroItems, 'numbered item')} like \`- [x] 1.\`, ${formatCount(s.requirementsRefs, '`_Requirements:` ref')}`,
        [ExtractorName.kiroTasks],
      );
    },
  },
  {
    name: 'kiro-spec-document',
    describe: 'Kiro requirements.md / design.md: user stories, acceptance criteria and design, not tasks',
    apply(f) {
      if (f.flavor !== 'kiro') return null;
      if (f.key === 'requirements') {
        return makeClassification(FileKind.contextDocument, 'Kiro spec requirements.md: user stories and acceptance criteria, not tasks (tasks are in tasks.md)');
      }
      if (f.key === 'design') return makeClassification(FileKind.contextDocument, 'Kiro spec design.md: design, not tasks (tasks are in tasks.md)');
      return null;
    },
  },
  {
    name: 'taskmaster-markdown',
    describe: 'Taskmaster task_NNN.md: `# Task ID: N` heading',
    apply(f) {
      const line = f.signals.taskmasterHeadingLine;
      if (line === null) return null;
      const status = findField(f.signals, 'status');
      const tail = status === null ? '' : ` + **Status:** ${status.value}`;
      return makeClassification(FileKind.taskDocument, `Taskmaster task file: \`# Task ID:\` at line ${line}${tail} (tasks.json is canonical)`, [
        ExtractorName.taskmasterMarkdown,
      ]);
    },
  },
  {
    name: 'tasks-folder-index',
    describe: 'tasks/_index.md, a `# Tasks Index` heading, or `- [TASKnnn]` lines under status sections',
    apply(f) {
      const s = f.signals;
      const named = f.key === 'index' && f.stem.startsWith('_') && f.folders.at(-1) === 'tasks';
      const titled = s.headings.find((h) => h.level === 1 && /^tasks?\s+index$/.test(normaliseLabel(h.text)));
      const listed = s.taskRefLines >= 2 && findStatusSections(s).statuses.size >= 1;
      if (!named && titled === undefined && !listed) return null;
      const why = named
        ? 'tasks/_index.md'
        : titled !== undefined
          ? `"# ${titled.text}" at line ${titled.line}`
          : `${formatCount(s.taskRefLines, '`- [TASKnnn]` line')} under status sections`;
      return makeClassification(FileKind.index, `tasks-folder index: ${why}; sections are statuses, ${formatCount(s.taskRefLines, 'task reference')}`, [
        ExtractorName.tasksFolderIndex,
      ]);
    },
  },
  {
    name: 'tasks-folder-task',
    describe: 'tasks-folder task file: `**Added:**` + `**Updated:**` header fields (or `# [TASKnnn] -` + `**Status:**`)',
    apply(f) {
      const s = f.signals;
      const added = findField(s, 'added');
      const updated = findField(s, 'updated');
      const status = findField(s, 'status');
      if (added !== null && updated !== null) {
        const st = status === null ? '' : `**Status:** ${status.value} + `;
        return makeClassification(FileKind.taskDocument, `tasks-folder file: ${st}**Added:** + **Updated:** fields (line ${added.line})`, [
          ExtractorName.tasksFolderTask,
        ]);
      }
      if (s.taskIdHeadingLine !== null && status !== null && (f.folders.includes('tasks') || /^task[-_]?\d/i.test(f.stem))) {
        return makeClassification(
          FileKind.taskDocument,
          `tasks-folder file: \`# TASKnnn\` title at line ${s.taskIdHeadingLine} + **Status:** ${status.value}`,
          [ExtractorName.tasksFolderTask],
        );
      }
      return classifyOneTaskFile(f);
    },
  },
  {
    name: 'template',
    describe: 'templates: name says template/example, frontmatter status example, or placeholder-heavy text without real dates',
    apply(f) {
      const s = f.signals;
      const fmStatus = normaliseStatus(s.frontmatter?.['status'] ?? s.lateFrontmatter?.['status'] ?? '');
      if (isTemplateName(f.stem)) return makeClassification(FileKind.template, `template: file name "${f.stem}" says template/example`);
      if (templateStatusWords.includes(fmStatus)) return makeClassification(FileKind.template, `template: frontmatter status: ${fmStatus}`);
      if (isContentTemplate(s)) {
        return makeClassification(
          FileKind.template,
          `template: placeholders ${s.placeholders.kinds.join(', ')} (${s.placeholders.count}×, first at line ${s.placeholders.firstLine ?? 0}) and no real dates`,
        );
      }
      return null;
    },
  },
  {
    name: 'context-file-name',
    describe: 'known context files: Cline core files (except progress.md), decision logs, README, style guide…',
    apply(f) {
      const hit = contextFileNames.find(([prefix]) => f.key.startsWith(prefix));
      return hit === undefined ? null : makeClassification(FileKind.contextDocument, hit[1]);
    },
  },
  {
    name: 'context-folder',
    describe: 'files under creative/, reflection/, archive/ (and _archive/): context, not live tasks',
    apply(f) {
      const folder = [...f.folders].reverse().find((d) => contextFolders.some(([name]) => name === d));
      if (folder === undefined) return null;
      const hit = contextFolders.find(([name]) => name === folder);
      return hit === undefined ? null : makeClassification(FileKind.contextDocument, hit[1]);
    },
  },
  {
    name: 'frontmatter-task',
    describe: 'frontmatter `type: milestone|feature|task…`, or a task-progress `status` on a non-document type',
    apply(f) {
      const fm = f.signals.frontmatter;
      if (fm === null) return null;
      const type = normaliseStatus(fm['type'] ?? '');
      const docType = normaliseStatus(fm['document_type'] ?? '');
      const status = normaliseStatus(fm['status'] ?? '');
      if (docType !== '' && !taskTypes.includes(docType)) return null;
      if (documentTypes.includes(type)) return null;
      const parts: string[] = [];
      if (type !== '') parts.push(`type: ${type}`);
      if (status !== '') parts.push(`status: ${fm['status'] ?? ''}`);
      if (fm['priority'] !== undefined) parts.push(`priority: ${fm['priority']}`);
      if (taskTypes.includes(type) || taskTypes.includes(docType)) {
        return makeClassification(FileKind.taskDocument, `frontmatter ${parts.join(', ')}: one task/milestone per file`, [ExtractorName.frontmatterTask]);
      }
      if (taskStatusWords.includes(status)) {
        return makeClassification(FileKind.taskDocument, `frontmatter ${parts.join(', ')}: task-progress status on a work item`, [
          ExtractorName.frontmatterTask,
        ]);
      }
      return null;
    },
  },
  {
    name: 'bold-header-task',
    describe: 'a header that says it is a task: `**Task ID**:` with `**Status**`/`**Priority**` in the first lines',
    apply(f) {
      const s = f.signals;
      const head = s.boldFields.filter((b) => b.line <= s.frontmatterEndLine + 25);
      const id = head.find((b) => (b.name === 'task id' || b.name === 'task-id') && taskIdValuePattern.test(b.value.replace(/[`*[\]]/g, '')));
      const other = head.find((b) => statusFieldNames.includes(b.name) || b.name === 'priority');
      if (id === undefined || other === undefined) return null;
      return makeClassification(
        FileKind.taskDocument,
        `task header: **Task ID**: ${id.value} (line ${id.line}) + **${other.name}**: ${other.value}`,
        [ExtractorName.frontmatterTask],
      );
    },
  },
  {
    name: 'roadmap',
    describe: 'roadmap/ spec folder: tasks/*.md and milestones/*.md (`#### Task N:` + `- **Status**:`), roadmap checklists',
    apply(f) {
      if (f.flavor !== 'roadmap') return null;
      const s = f.signals;
      const items = s.headings.filter((h) => /^task\s+\d+\b/.test(normaliseLabel(h.text)));
      const fieldItems = countStatusFieldItems(s);
      const boxes = s.checkboxes.open + s.checkboxes.done;
      const status = findField(s, 'status');
      const where = f.folders.length > 0 ? `roadmap ${f.folders.join('/')}/ file` : 'roadmap file';
      if (items.length > 0) {
        return makeClassification(
          FileKind.taskList,
          `${where}: ${formatCount(items.length, '`#### Task N:` item')} (first at line ${items[0]?.line ?? 0}), **Status** fields on ${formatCount(fieldItems.count, 'heading')}`,
          [ExtractorName.roadmap],
        );
      }
      if (fieldItems.count >= 2) {
        return makeClassification(
          FileKind.taskList,
          `${where}: ${formatCount(fieldItems.count, 'heading')} each followed by a **Status** field (first at line ${fieldItems.firstLine ?? 0})${boxes > 0 ? `, ${formatCount(boxes, 'checkbox')}` : ''}`,
          [ExtractorName.roadmap],
        );
      }
      if ((f.folders.includes('tasks') || f.folders.includes('milestones')) && status !== null) {
        return makeClassification(FileKind.taskDocument, `${where}: header **Status:** ${status.value} (line ${status.line}) describes one feature/milestone`, [
          ExtractorName.roadmap,
        ]);
      }
      if (boxes > 0) {
        return makeClassification(FileKind.taskList, `${where}: ${formatCount(boxes, 'checkbox')} (first at line ${s.checkboxes.firstLine ?? 0})`, [
          ExtractorName.roadmap,
        ]);
      }
      return null;
    },
  },
  {
    name: 'process-document',
    describe: 'process documents: workflow, Definition of Ready/Done, status glossaries (status names with definitions)',
    apply(f) {
      const s = f.signals;
      if (s.taskmasterHeadingLine !== null || findLeadingTaskId(f.stem) !== null) return null;
      const h1 = s.headings.find((h) => h.level === 1);
      const named = [h1?.text ?? '', f.stem.replace(/[-_]+/g, ' ')].find((text) => processTitlePattern.test(normaliseLabel(text)));
      if (named !== undefined) {
        const where = h1 !== undefined && named === h1.text ? `title "${normaliseTitleText(h1.text)}" (line ${h1.line})` : `file name "${f.stem}"`;
        return makeClassification(FileKind.contextDocument, `process document, ${where}: how work is done (workflow, definitions, criteria), not tasks`);
      }
      const statusTerms = s.definitionItems.filter((item) => isTaskProgressStatus(item.term, 1));
      if (statusTerms.length >= 3 && statusTerms.length * 2 >= s.listItems - s.checkboxes.open - s.checkboxes.done) {
        return makeClassification(
          FileKind.contextDocument,
          `status glossary: ${formatCount(statusTerms.length, 'status name')} with definitions (${statusTerms.slice(0, 4).map((t) => t.term).join(', ')}; first at line ${statusTerms[0]?.line ?? 0}): how statuses are used, not tasks`,
        );
      }
      return null;
    },
  },
  {
    name: 'report-in-task-location',
    describe: 'metrics/history/report files inside a tasks/progress location: context',
    apply(f) {
      if (f.taskGlob !== null) return null;
      const part = findReportLocation(f);
      if (part === null) return null;
      return makeClassification(FileKind.contextDocument, `metrics/history document ("${part}") in a progress location: status of the system, not tasks`);
    },
  },
  {
    name: 'task-location',
    describe: 'progress.md, tasks.md, files under tasks/ or progress/ (or discover.taskGlobs): read their task signals',
    apply(f) {
      const where = findTaskLocation(f);
      if (where === null) return null;
      return (
        classifyTaskSource(f, where) ??
        makeClassification(FileKind.contextDocument, `${where}, but no task signals (no task table, status sections, status fields or checkboxes)`)
      );
    },
  },
  {
    name: 'dominant-task-table',
    describe: 'a document that is mostly an id-keyed task table (id + title + status columns, ≥ half of its lines)',
    apply(f) {
      const s = f.signals;
      const strong = s.tables.filter(isStrongTaskTable);
      const first = strong[0];
      if (first === undefined) return null;
      const tableLines = strong.reduce((n, t) => n + t.rows + 2, 0);
      const rows = strong.reduce((n, t) => n + t.rows, 0);
      if (rows < 3 || tableLines * 2 < s.contentLines) return null;
      const share = Math.round((tableLines / Math.max(1, s.contentLines)) * 100);
      const more = strong.length > 1 ? ` (+${strong.length - 1} more tables)` : '';
      return makeClassification(
        FileKind.taskTable,
        `${describeTable(first)}${more}: ${rows} id-keyed rows, ${share}% of the document is task table`,
        [ExtractorName.taskTable],
      );
    },
  },
];

/** Says why a file that matched no task rule is context, citing the incidental signals it has. */
function describeContext(f: FileFacts): string {
  const s = f.signals;
  const notes: string[] = [];
  const docType = s.frontmatter?.['document_type'] ?? s.frontmatter?.['type'];
  if (docType !== undefined && docType !== '') notes.push(`frontmatter ${s.frontmatter?.['document_type'] !== undefined ? 'document_type' : 'type'}: ${docType}`);
  else if (s.frontmatter?.['status'] !== undefined) notes.push(`frontmatter status: ${s.frontmatter['status']} (document lifecycle, not task progress)`);
  const incidental: string[] = [];
  const boxes = s.checkboxes.open + s.checkboxes.done;
  if (boxes > 0) incidental.push(`${formatCount(boxes, 'checkbox')} (first at line ${s.checkboxes.firstLine ?? 0})`);
  const table = filterTaskTables(s)[0];
  if (table !== undefined) incidental.push(describeTable(table));
  const head = notes.length > 0 ? `context document (${notes.join('; ')})` : 'context document';
  if (/index|toc|contents/.test(f.key) && s.mdLinks >= 3) {
    return `${head}: index of memory-bank documents (${formatCount(s.mdLinks, 'link')} to .md files), not of tasks`;
  }
  if (incidental.length === 0 && s.headings.length === 0) {
    return `${head}: ${formatCount(s.contentLines, 'line')} of text, no headings and no task signals`;
  }
  if (incidental.length === 0) return `${head}: prose (${formatCount(s.headings.length, 'heading')}), no task signals`;
  return `${head}: ${incidental.join(' and ')} incidental — not in a tasks/progress location and no task header`;
}

/** Collects the facts the rules look at. */
export function collectFacts(input: ClassifyMarkdownInput): FileFacts {
  const base = posix.basename(input.pathInBank);
  const stem = base.replace(/\.[^.]+$/, '');
  const folders = posix
    .dirname(input.pathInBank)
    .split('/')
    .filter((p) => p !== '.' && p !== '')
    .map((p) => p.toLowerCase());
  return {
    pathInBank: input.pathInBank,
    flavor: input.flavor,
    stem,
    key: stem.toLowerCase().replace(/[^\p{L}\p{N}]/gu, ''),
    folders,
    signals: input.signals ?? scanMarkdown(input.text),
    taskGlob: input.taskGlob ?? null,
  };
}

/** Classifies one decoded Markdown file. */
export function classifyMarkdown(input: ClassifyMarkdownInput): Classification {
  const facts = collectFacts(input);
  if (facts.signals.contentLines === 0 && facts.signals.fencedLines === 0) {
    return makeClassification(FileKind.contextDocument, facts.signals.frontmatter !== null ? 'frontmatter only, no body' : 'no content');
  }
  for (const rule of markdownRules) {
    const decided = rule.apply(facts);
    if (decided !== null) return decided;
  }
  return makeClassification(FileKind.contextDocument, describeContext(facts));
}
