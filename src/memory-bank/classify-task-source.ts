/**
 * Task sources: what a file in a task location holds (a Roo log, status sections, headings with status fields, a
 * task table, a checklist), and whether a file is one task (an id or a tasks folder plus its own status).
 */
import { ExtractorName, FileKind, type ExtractorNameValue } from '../core/source-file.js';
import { formatCount, makeClassification, type Classification } from './classify-files.js';
import { countBugEntries, countFieldBlocks, countStatusFieldItems, findPrioritySections, findStatusSections } from './classify-sections.js';
import { describeTable, filterTaskTables } from './classify-tables.js';
import { isTaskFolderName, namesBugList, normaliseTitleText } from './classify-locations.js';
import { defaultVocabulary, foldName, isTaskProgressStatus, isTemplateName, normaliseStatus, statusFieldNames, type FileFacts } from './classify-facts.js';
import { normaliseLabel, type MarkdownSignals } from './discover-signals.js';
import { statusLabelSource } from './discover-patterns.js';
import { findLeadingTaskId, readHeadingWorkStatus } from './header-status.js';
import { saysOutcomeOnly } from './extractors/text.js';
import { namesNumberedWork } from './extractors/outline/lists.js';
import { carriesHeadingCheckbox, documentNameWords, documentTypes, reportNameWords, rooSectionPattern, shareSource, taskListStems } from './vocabulary-data.js';
import { readFolderStatus } from './vocabulary.js';

/** The names of free-form task lists (`tasks.md`, `todo.md`, `tâches.md`), folded as file names are (`foldName`). */
const listStems: ReadonlySet<string> = new Set(taskListStems.map(foldName));

/** What a file in a task location (`where`) holds, as a classification; null when it has no task signal. */
export function classifyTaskSource(facts: FileFacts, where: string): Classification | null {
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
  if (listStems.has(facts.key)) {
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
    // Headings carrying their own status beside the sections (`### Login form — Done`, then `## Next steps`): tasks too.
    const headings = describeMarkedHeadings(s);
    if (headings !== null) extractors.push(ExtractorName.cursorTasks);
    return makeClassification(
      FileKind.taskList,
      `${where}: status sections ${sections.names.map((n) => `"${n}"`).join(', ')} — the section is the status${headings === null ? '' : `, and ${headings}`}`,
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
  // Blocks of fields each naming a task and its status (`**Task:** …` over `**Status:** Done`), a tracker's export.
  const blocks = countFieldBlocks(s);
  if (blocks.count >= 2 && boxes === 0 && tables.length === 0) {
    return makeClassification(
      FileKind.taskList,
      `${where}: ${formatCount(blocks.count, 'block')} of fields each naming a task and its status (\`Task:\` over \`Status:\`, first at line ${blocks.firstLine ?? 0})`,
      [ExtractorName.cursorTasks],
    );
  }
  const first = tables[0];
  if (first !== undefined) {
    const rows = tables.reduce((n, t) => n + t.rows, 0);
    const more = tables.length > 1 ? ` (+${tables.length - 1} more, ${rows} rows in all)` : ` (${formatCount(rows, 'row')})`;
    const extractors: ExtractorNameValue[] = [ExtractorName.taskTable];
    // Checkboxes beside the table, items stating their status instead (`- ⏳ Write the importer`) or headings carrying
    // theirs (`### ✅ Sign-in` over `### 🚧 Photo import`, a run of them, read as the checklist reader reads them): its
    // tasks too.
    const items = boxes > 0 ? null : describeStatusItems(s);
    const headings = boxes > 0 || items !== null ? null : describeMarkedHeadings(s);
    if (boxes > 0 || items !== null || headings !== null) extractors.push(ExtractorName.checklist);
    // A status section of plain bullets beside the table (`## Done this week` over `1. Receipt upload`): its bullets
    // are tasks too, as beside a checklist.
    const sectionBullets = describeSectionBullets(sections);
    // So are the bullets of a section ranking the work (`## High priority` over `- Fix the crash on rotate`).
    const rankedBullets = describePrioritySections(s);
    if (sectionBullets !== null || rankedBullets !== null) extractors.push(ExtractorName.sectionList);
    const beside = [items ?? headings, sectionBullets, rankedBullets].filter((part) => part !== null).join(', and ');
    return makeClassification(FileKind.taskTable, `${where}: ${describeTable(first)}${more}${beside === '' ? '' : `, and ${beside}`}`, extractors);
  }
  if (boxes > 0) {
    // A status section of plain bullets beside the checklists (`## Recently completed` over `- Added the export`):
    // its bullets are tasks too, read after the checklist items (which they never read twice). So are the bullets of
    // a section ranking the work (`## High priority` over `- Fix the crash on rotate`).
    const beside = [describeSectionBullets(sections), describePrioritySections(s)].filter((part) => part !== null);
    return makeClassification(
      FileKind.taskList,
      `${where}: checklist of ${formatCount(boxes, 'item')} (${s.checkboxes.done} done, first at line ${s.checkboxes.firstLine ?? 0})` +
        beside.map((part) => `, and ${part}`).join(''),
      beside.length > 0 ? [ExtractorName.checklist, ExtractorName.sectionList] : [ExtractorName.checklist],
    );
  }
  const items = describeStatusItems(s);
  // Headings that carry their status (`## M1: Private beta ✅`, `## M2: Public launch (In Progress)`): each is a task,
  // beside items stating theirs too; so are the bullets of sections ranking the work there.
  const headings = describeMarkedHeadings(s);
  if (items !== null) {
    const ranked = describePrioritySections(s);
    const extractors: ExtractorNameValue[] = [ExtractorName.checklist];
    if (headings !== null) extractors.push(ExtractorName.cursorTasks);
    if (ranked !== null) extractors.push(ExtractorName.sectionList);
    return makeClassification(FileKind.taskList, `${where}: ${[items, headings, ranked].filter((part) => part !== null).join(', and ')}`, extractors);
  }
  if (headings !== null) return makeClassification(FileKind.taskList, `${where}: ${headings}`, [ExtractorName.cursorTasks]);
  // A backlog ranked by its headings (`## Must have`, `## Could have`, `## High priority` over plain bullets): each
  // bullet is work, its section its priority.
  const ranked = describePrioritySections(s);
  if (ranked !== null) return makeClassification(FileKind.taskList, `${where}: ${ranked}`, [ExtractorName.sectionList]);
  // A list of bugs, each a heading over its parts (`## Export fails` over `- **Where**: …`, `- **Cause**: …`): open bugs.
  const bugs = namesBugList(facts.stem) ? countBugEntries(s) : null;
  if (bugs !== null && bugs.count > 0) {
    return makeClassification(FileKind.taskList, `${where}: ${formatCount(bugs.count, 'heading')} each describing a bug (**Where**/**Symptom**/**Cause**/**Impact**…, first at line ${bugs.firstLine ?? 0})`, [ExtractorName.cursorTasks]);
  }
  // Numbered lists under headings naming a list of work (`#### Tasks` over `1. Import report`): each item a piece of it.
  const numbered = s.headings.filter((h) => h.numbered >= 2 && h.boxes === 0 && namesNumberedWork(h.text));
  if (numbered.length > 0) {
    const items = numbered.reduce((n, h) => n + h.numbered, 0);
    return makeClassification(
      FileKind.taskList,
      `${where}: ${formatCount(items, 'numbered item')} under ${formatCount(numbered.length, 'heading')} naming a list of work ("${numbered[0]?.text ?? ''}" at line ${numbered[0]?.line ?? 0})`,
      [ExtractorName.checklist],
    );
  }
  return null;
}

/** Status sections holding plain bullets (`## Done this week` over `1. Receipt upload`), described; else null. */
function describeSectionBullets(sections: ReturnType<typeof findStatusSections>): string | null {
  return sections.withPlainItems >= 1 ? `status sections ${sections.names.map((n) => `"${n}"`).join(', ')} — the section is the status of its bullets` : null;
}

/** Headings ranking the work under them (`## High priority`, `## Must have`) over bullets, described; else null. */
function describePrioritySections(s: MarkdownSignals): string | null {
  const ranked = findPrioritySections(s);
  return ranked.length === 0 ? null : `priority sections ${ranked.slice(0, 4).map((n) => `"${n}"`).join(', ')} — each bullet is a task, the section its priority`;
}

/** Two or more headings below the title carrying their status (`## M1: Private beta ✅`), described; else null. */
function describeMarkedHeadings(s: MarkdownSignals): string | null {
  const marked = s.headings.filter((h) => h.level >= 2 && readHeadingWorkStatus(h.text, defaultVocabulary) !== null);
  return marked.length < 2 ? null : `${formatCount(marked.length, 'heading')} carrying a status (first at line ${marked[0]?.line ?? 0})`;
}

/** Whether a file holds the signals of a list of tasks: checkboxes, marked or led items, status fields under items, task tables, status sections, checkbox headings. */
/**
 * Whether a file's sections or labels plan work to do (`## Goal`, `Plan:` over its steps, `## Acceptance`, `##
 * Umsetzung`): a task described in prose, not an analysis or a note kept for reference (`## Findings`).
 */
function plansWork(s: MarkdownSignals): boolean {
  return s.headings.some((heading) => heading.level > 1 && workPlanNames.has(normaliseLabel(heading.text).replace(/[:：]$/u, ''))) || s.labels.some((label) => workPlanNames.has(label.name));
}
const workPlanNames: ReadonlySet<string> = new Set([
  'goal', 'goals', 'objective', 'objectives', 'plan', 'implementation plan', 'steps', 'approach', 'acceptance', 'acceptance criteria',
  'scope', 'deliverables', 'ziel', 'ziele', 'umsetzung', 'vorgehen', 'objectif', 'objectifs', 'étapes', 'objetivo', 'objetivos', 'pasos',
  'цель', 'план', '目标', '计划', '目標', '計画',
]);

function looksLikeList(s: MarkdownSignals): boolean {
  return (
    s.checkboxes.open + s.checkboxes.done > 0 ||
    s.statusMarks.open + s.statusMarks.done > 0 ||
    s.statusLeads.length > 0 ||
    s.itemStatusFields.length > 0 ||
    filterTaskTables(s).length > 0 ||
    findStatusSections(s).withItems > 0 ||
    countStatusFieldItems(s).count >= 2 ||
    s.headings.some((heading) => heading.level > 1 && carriesHeadingCheckbox(heading.text))
  );
}

/**
 * Items closing with a share alone (`- Billing: 60%`), two or more, for a reason that finds no task signal, else null:
 * the parser reads no status from such a share, which is as often a metric (`- Unit tests: 82%`) as progress.
 */
export function describeShareItems(s: MarkdownSignals): string | null {
  const shares = s.statusTails.filter((tail) => bareShare.test(tail.term));
  if (shares.length < 2) return null;
  return `${formatCount(shares.length, 'item')} closing with a share alone (\`${shares[0]?.term ?? ''}\`, first at line ${shares[0]?.line ?? 0}): progress or a metric, no status`;
}

/** A share done alone, as an item's closing term (`60%`, `(40 %)`). */
const bareShare = new RegExp(String.raw`^[(\[]?\s*${shareSource}\s*[)\]]?$`, 'u');
/** A status's label before its value (`Status: pending`, `Statut : fait`). */
const statusLabel = new RegExp(`^${statusLabelSource}\\s*[:：]\\s*`, 'iu');

/**
 * Items that state their status without a checkbox, as the checklist extractor reads them (docs/parsing.md): items
 * led by a status word or mark, or closed by a mark (a list of ✅ alone is a summary of results, so a mark counts only beside an open
 * one), items with a status field under their title, and headings opening with a checkbox. Null when there are none.
 */
function describeStatusItems(s: MarkdownSignals): string | null {
  const parts: string[] = [];
  const leads = s.statusLeads.filter((lead) => isTaskProgressStatus(lead.term));
  const marks = s.statusMarks.open > 0 ? s.statusMarks.open + s.statusMarks.done : 0;
  if (leads.length + marks > 0) {
    const first = Math.min(leads[0]?.line ?? Infinity, marks > 0 ? (s.statusMarks.firstLine ?? Infinity) : Infinity);
    parts.push(`${formatCount(leads.length + marks, 'item')} marked with a status instead of a checkbox (\`[WIP] …\`, \`DONE: …\`, \`⏳ …\`, \`… ✅\`; first at line ${first})`);
  }
  // Two or more items led by a status and a colon (`- Done: Set up CI`, `- In progress: Nightly backups`).
  const words = s.wordLeads.filter((lead) => isTaskProgressStatus(lead.term, 1));
  if (words.length >= 2) {
    parts.push(`${formatCount(words.length, 'item')} led by a status and a colon (\`${words[0]?.term ?? ''}: …\`, first at line ${words[0]?.line ?? 0})`);
  }
  // Two or more items closing with their status (`- Import contacts (done)`, `- Merge duplicates — in progress`,
  // `- Initial setup: Complete`). A share alone (`- Billing: 60%`, `- Unit tests — 82%`) is as often a metric as
  // progress, and the parser reads no task from it: not counted.
  const tails = s.statusTails.filter((tail) => !bareShare.test(tail.term) && isTaskProgressStatus(tail.term.replace(statusLabel, '')) && !saysOutcomeOnly(tail.term));
  if (tails.length >= 2) {
    parts.push(`${formatCount(tails.length, 'item')} closing with a status (\`${tails[0]?.term ?? ''}\`, first at line ${tails[0]?.line ?? 0})`);
  }
  // Two or more items of a YAML or JSON task list in a fenced block (```` ```yaml ```` over `- title: …` / `status: done`,
  // ```` ```json ```` over `{ "title": …, "status": "done" }`).
  const fenced = s.fencedStatuses.filter((entry) => isTaskProgressStatus(entry.value));
  if (fenced.length >= 2) {
    parts.push(`${formatCount(fenced.length, 'item')} of a task list in a fenced YAML or JSON block (\`status: ${fenced[0]?.value ?? ''}\`, first at line ${fenced[0]?.line ?? 0})`);
  }
  const fields = s.itemStatusFields.filter((field) => isTaskProgressStatus(field.value));
  if (fields[0] !== undefined) {
    parts.push(`${formatCount(fields.length, 'item')} with a status under the title (\`**Status:** ${fields[0].value}\` at line ${fields[0].line})`);
  }
  const headings = s.headings.filter((heading) => heading.level > 1 && carriesHeadingCheckbox(heading.text));
  if (headings[0] !== undefined) {
    parts.push(`${formatCount(headings.length, 'checkbox heading')} (\`${'#'.repeat(headings[0].level)} ${headings[0].text}\`, line ${headings[0].line})`);
  }
  return parts.length === 0 ? null : parts.join('; ');
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
  if (s.statusLeads.length > 0) parts.push(`${formatCount(s.statusLeads.length, 'item')} led by a status word (\`${s.statusLeads[0]?.term ?? ''} …\`, line ${s.statusLeads[0]?.line ?? 0})`);
  if (parts.length === 0) parts.push(`${formatCount(s.headings.length, 'heading')}, no checkboxes or tables`);
  return parts.join('; ');
}

/**
 * A file that is one task: it carries a task id in its name or title, or sits in a tasks folder, and its header
 * states its own status in any form (`**Statut:**`, `## Status: DONE`, `- Status: x`, `Status: x`, `## Statut` +
 * value). A tasks-folder file without an id must not look like a list of tasks (several status fields or sections).
 */
export function classifyOneTaskFile(f: FileFacts): Classification | null {
  const s = f.signals;
  const header = s.headerStatus;
  const h1 = s.headings.find((h) => h.level === 1);
  const stemId = findLeadingTaskId(f.stem);
  const titleId = h1 === undefined ? null : findLeadingTaskId(normaliseTitleText(h1.text));
  // A status folder (`tasks/done/`, `COMPLETED/`, `active/`) states the status of a file that states none itself: one
  // with a task id (its checklists are its subtasks), or one that is not a list of tasks (checklists, marked items,
  // task tables, status sections: a file without an id holding those is read as a list). A file whose frontmatter
  // states its status or type is left to the frontmatter rules. The folder is read before the list signals: most
  // files sit in none, and those signals cost a vocabulary lookup per heading.
  const fm = s.frontmatter;
  const ownFrontmatter = fm !== null && (fm['status'] !== undefined || fm['type'] !== undefined);
  const folderStatus = header === null && !ownFrontmatter ? readFolderStatus(f.folders, defaultVocabulary) : null;
  // A file named or titled with a task id that states no status but holds a checklist (`TASK-17-reports.md` over
  // `- [x] Monthly export`) is that task, its status its items': nothing else in it may look like a list of tasks.
  const checklistOnly =
    header === null &&
    folderStatus === null &&
    !ownFrontmatter &&
    (stemId !== null || titleId !== null) &&
    s.checkboxes.open + s.checkboxes.done > 0 &&
    filterTaskTables(s).length === 0 &&
    findStatusSections(s).statuses.size === 0 &&
    countStatusFieldItems(s).count === 0;
  // So is one in a tasks folder named and titled with the same task id that describes the work in prose alone (`# TASK022:
  // Idle prefetch` over `Goal: …`, `Plan:` and its bullets): no status written, work not started.
  const describedOnly =
    header === null &&
    folderStatus === null &&
    !ownFrontmatter &&
    !checklistOnly &&
    stemId !== null &&
    titleId !== null &&
    stemId.toLowerCase() === titleId.toLowerCase() &&
    f.folders.some((d) => isTaskFolderName(d)) &&
    s.checkboxes.open + s.checkboxes.done === 0 &&
    !looksLikeList(s) &&
    plansWork(s);
  if (header === null && !checklistOnly && !describedOnly && (folderStatus === null || (stemId === null && titleId === null && looksLikeList(s)))) return null;
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
  if (header !== null && !isTaskProgressStatus(header.value)) return null;
  if (fm !== null && [fm['type'], fm['document_type']].some((t) => t !== undefined && documentTypes.includes(normaliseStatus(t)))) return null;
  if (folder === undefined && [...reportNameWords, ...documentNameWords].some((w) => f.key.includes(w))) return null;
  if (stemId === null && titleId === null) {
    if (countStatusFieldItems(s).count >= 2 || findStatusSections(s).statuses.size >= 2 || filterTaskTables(s).length > 0) return null;
    // A report's name (`sprint-3-summary`, `metrics-status`) says what a file holding no status of its own is; one stating
    // its own (`tasks/metrics-dashboard.md` over `**Status:** In Progress`) is the task of building it.
    if (header === null && reportNameWords.some((w) => f.key.includes(w))) return null;
  }
  const status =
    header !== null
      ? `its own status "${header.value}" (line ${header.line}, ${header.form.replace('-', ' ')})`
      : folderStatus !== null
        ? `the status folder ${folderStatus.folder}/ (${folderStatus.status.replace('_', ' ')})`
        : describedOnly
          ? 'the same id in its title, the work described without a status (none written: todo)'
          : `its checklist of ${formatCount(s.checkboxes.open + s.checkboxes.done, 'item')} (no status written: its items' decide)`;
  return makeClassification(FileKind.taskDocument, `one task per file: ${where} + ${status}`, [ExtractorName.tasksFolderTask]);
}


