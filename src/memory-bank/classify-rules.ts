/** The Markdown classification rules, in the order they are tried: first match wins. */
import { posix } from 'node:path';
import { ExtractorName, FileKind, type ExtractorNameValue } from '../core/source-file.js';
import { formatCount, makeClassification, type Classification } from './classify-files.js';
import {
  defaultVocabulary,
  findField,
  findTaskStatusKey,
  isContentTemplate,
  isTaskProgressStatus,
  isTaskStatusWord,
  isTemplateName,
  foldName,
  normaliseStatus,
  statusFieldNames,
  type BankFlavor,
  type ClassificationRule,
  type FileFacts,
} from './classify-facts.js';
import { findReportLocation, findTaskLocation, findWorkItemWord, isTaskFolderName, isWorkItemOwnFileName, normaliseTitleText, processTitlePattern } from './classify-locations.js';
import { countStatusFieldItems, findStatusSections } from './classify-sections.js';
import { describeTable, filterIdKeyedTables, filterTaskTables, isStrongTaskTable } from './classify-tables.js';
import { classifyOneTaskFile, classifyTaskSource, describeShareItems } from './classify-task-source.js';
import { normaliseLabel, type HeadingSignal } from './discover-signals.js';
import { endsBeyondAscii } from './discover-patterns.js';
import { findDecisionRecordId, findLeadingTaskId, readHeadingWorkStatus } from './header-status.js';
import { contextFileNames, contextFolders, documentTypes, taskListStems, taskTypes, templateStatusWords, toolListStems } from './vocabulary-data.js';

/** Whether a heading can close with a status (see `readTitleStatus`): a mark, a bracket, or words after a spaced dash. */
function mayCloseWithStatus(text: string): boolean {
  return endsBeyondAscii(text) || /[)\]）*_`]\s*$/u.test(text) || /\s[-–—]\s/u.test(text);
}

const taskIdValuePattern = /^[A-Za-z]{1,12}[-_]?\d+(?:[.-]\d+)*[A-Za-z]?\b/;

/**
 * The extractors of a document that is one task: its header or frontmatter, and its checklist items (`## Tasks` with
 * `- [ ] Handle the callback`) as its subtasks when it has checkboxes (acceptance criteria stay in its body).
 */
/** A heading naming a task's place in a list of them (`Current task`, `Latest completed task`, `Previous task`, `Aktuelle Aufgabe`, `当前任务`). */
const taskSlotHeading =
  /^(?:(?:current|active|ongoing|latest|last|recent|previous|next|new|aktuelle|letzte|vorherige|nächste|текущая|последняя|предыдущая)\s+)(?:(?:completed|finished|abgeschlossene|завершённая|завершенная)\s+)?(?:task|ticket|story|issue|item|bug|feature|aufgabe|задача)$|^tâche (?:en cours|actuelle|précédente|suivante)$|^(?:当前|最新|上一个|下一个)(?:完成的?)?任务$|^(?:現在の?|最新の?|前回の?|次の)(?:完了)?タスク$/u;

function documentExtractors(f: FileFacts): ExtractorNameValue[] {
  const { open, done } = f.signals.checkboxes;
  return open + done > 0 ? [ExtractorName.frontmatterTask, ExtractorName.checklist] : [ExtractorName.frontmatterTask];
}

/** What a task location without task signals holds instead, for its reason: items closing with a share alone (`; …`), else nothing. */
function readSharesNote(f: FileFacts): string {
  const shares = describeShareItems(f.signals);
  return shares === null ? '' : `; ${shares}`;
}

/** The reason's note on the checklist `documentExtractors` adds. */
function withChecklist(f: FileFacts): string {
  const { open, done } = f.signals.checkboxes;
  return open + done > 0 ? '; its checklist items are its subtasks (acceptance criteria stay in its body)' : '';
}

/** Kiro's requirements.md and design.md by name: context (the rule kiro-spec-document). */
export function classifyKiroSpecDocument(flavor: BankFlavor, key: string): Classification | null {
  if (flavor !== 'kiro') return null;
  if (key === 'requirements') {
    return makeClassification(FileKind.contextDocument, 'Kiro spec requirements.md: user stories and acceptance criteria, not tasks (tasks are in tasks.md)');
  }
  if (key === 'design') return makeClassification(FileKind.contextDocument, 'Kiro spec design.md: design, not tasks (tasks are in tasks.md)');
  return null;
}

/**
 * Conductor (Gemini CLI): `tracks.md` lists the tracks (`## [~] Track: Billing`, `- [x] **Track: Auth**`), each
 * track's `plan.md` its tasks (`- [~] Task: Add session expiry [a1b2c3d]`, `[~]` in progress). Its other files
 * (product.md, spec.md, workflow.md) are context, and so are archived tracks (`archive/`), as elsewhere.
 */
function classifyConductorFile(f: FileFacts): Classification | null {
  const at = f.folders.lastIndexOf('conductor');
  if (f.flavor !== 'conductor' && at < 0) return null;
  const inside = f.flavor === 'conductor' && at < 0 ? f.folders : f.folders.slice(at + 1);
  if (inside.includes('archive')) return null;
  if (f.key === 'tracks' && inside.length === 0) {
    return makeClassification(FileKind.taskList, 'Conductor tracks.md: each track marked `[ ]`, `[~]` or `[x]` is a task', [ExtractorName.cursorTasks]);
  }
  if (f.key === 'plan' && inside.length >= 2 && inside[0] === 'tracks') {
    return makeClassification(
      FileKind.taskList,
      `Conductor track plan (${posix.dirname(f.pathInBank)}): ${formatCount(f.signals.checkboxes.open + f.signals.checkboxes.done, 'checkbox')}, \`[~]\` in progress`,
      [ExtractorName.cursorTasks],
    );
  }
  return null;
}

/**
 * Agent OS: `product/roadmap.md` lists the product's features as checklists per phase (`- [ ] Board sharing - Invite by
 * email \`M\``), each spec's `specs/<date>-<name>/tasks.md` its numbered tasks (`- [ ] 1. **Invitations**` over `- [ ]
 * 1.1 Write tests`), read as Kiro's are. Its other files (mission, tech stack, decisions, spec.md) are context.
 */
function classifyAgentOsFile(f: FileFacts): Classification | null {
  if (f.flavor !== 'agent-os') return null;
  if (f.key === 'roadmap' && f.folders.length === 1 && f.folders[0] === 'product') {
    return makeClassification(FileKind.taskList, `Agent OS roadmap (product/roadmap.md): ${formatCount(f.signals.checkboxes.open + f.signals.checkboxes.done, 'feature')} in phase checklists`, [ExtractorName.cursorTasks]);
  }
  if (f.key === 'tasks' && f.folders.length === 2 && f.folders[0] === 'specs') {
    return makeClassification(FileKind.taskList, `Agent OS spec tasks.md (${posix.dirname(f.pathInBank)}): numbered tasks and subtasks`, [ExtractorName.kiroTasks]);
  }
  return null;
}

/** Markdown classification rules, in the order they are tried. */
export const markdownRules: readonly ClassificationRule[] = [
  {
    name: 'cursor-plan',
    frontmatterOnly: true,
    describe: "Cursor plan (`.cursor/plans/*.plan.md`): a `todos:` list in the frontmatter (not under archive/: context, as elsewhere)",
    apply(f) {
      const todos = f.signals.frontmatterData?.todos;
      if (!Array.isArray(todos) || todos.length === 0 || f.folders.some((folder) => contextFolders.some(([name]) => name === folder))) return null;
      const line = f.signals.frontmatterEndLine;
      return makeClassification(FileKind.taskList, `Cursor plan: a \`todos:\` list in the frontmatter (closing at line ${line}); each todo is a task`, [ExtractorName.cursorPlan]);
    },
  },
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
      return classifyKiroSpecDocument(f.flavor, f.key);
    },
  },
  {
    name: 'conductor-tracks',
    describe: "Conductor's track list `conductor/tracks.md` and track plans `conductor/tracks/<track>/plan.md` (not archived ones)",
    apply(f) {
      return classifyConductorFile(f);
    },
  },
  {
    name: 'agent-os',
    describe: "Agent OS's product/roadmap.md (feature checklists) and specs/<spec>/tasks.md (numbered tasks, read as Kiro's)",
    apply(f) {
      return classifyAgentOsFile(f);
    },
  },
  {
    name: 'openspec-change-tasks',
    describe: "OpenSpec's change tasks (`openspec/changes/<change>/tasks.md`: `- [ ] 1.1 …` under `## 1. Implementation`), read as Kiro's (archived changes are context, as elsewhere)",
    apply(f) {
      if (f.flavor !== 'openspec' || f.key !== 'tasks' || f.folders.length !== 2 || f.folders[0] !== 'changes' || f.folders[1] === 'archive') return null;
      return makeClassification(FileKind.taskList, `OpenSpec change tasks.md (${posix.dirname(f.pathInBank)}): numbered tasks under numbered sections`, [ExtractorName.kiroTasks]);
    },
  },
  {
    name: 'ccpm-updates',
    describe: "CCPM's progress notes on an issue (`.claude/epics/<epic>/updates/<issue>/*.md`): the issue's own file is its task",
    apply(f) {
      if (f.flavor !== 'ccpm' || !f.folders.includes('updates')) return null;
      return makeClassification(FileKind.contextDocument, "CCPM progress notes on an issue (updates/): what was done on it, read from the issue's own file, not tasks");
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
    describe:
      'tasks/_index.md, a `# Tasks Index` heading, `- [TASKnnn]` lines under status sections, or a README of a tasks folder whose table lists the tasks by id',
    apply(f) {
      const s = f.signals;
      const named = f.key === 'index' && f.stem.startsWith('_') && f.folders.at(-1) === 'tasks';
      const titled = s.headings.find((h) => h.level === 1 && /^tasks?\s+index$/.test(normaliseLabel(h.text)));
      // Not in a file the bank keeps its context in (`activeContext.md` over `### High priority` and `- [TASK014] …`):
      // its references point at the tasks, which the index and their own files hold.
      const listed = s.taskRefLines >= 2 && !contextFileNames.some(([prefix]) => f.key.startsWith(prefix)) && findStatusSections(s).statuses.size >= 1;
      // The overview a tasks folder's README keeps (`| TASK010 | Rental booking calendar | Done |`): an index too.
      const overview = f.key === 'readme' && isTaskFolderName(f.folders.at(-1) ?? '') ? s.tables.find(isStrongTaskTable) : undefined;
      if (!named && titled === undefined && !listed && overview === undefined) return null;
      const why = named
        ? 'tasks/_index.md'
        : titled !== undefined
          ? `"# ${titled.text}" at line ${titled.line}`
          : listed
            ? `${formatCount(s.taskRefLines, '`- [TASKnnn]` line')} under status sections`
            : `README of the tasks folder`;
      // An index written as a table (`| [TASK001](…) | Raised bed planner | ✅ Completed |`): one task per row, beside
      // the list lines; rows naming a task with its own file fold into it by id.
      const tables = filterTaskTables(s);
      const rows = tables.reduce((n, t) => n + t.rows, 0);
      const read: string[] = [];
      if (s.taskRefLines > 0 || tables[0] === undefined) read.push(`sections are statuses, ${formatCount(s.taskRefLines, 'task reference')}`);
      if (tables[0] !== undefined) read.push(`${describeTable(tables[0])}, a task per row (${formatCount(rows, 'row')}${tables.length > 1 ? ` in ${tables.length} tables` : ''})`);
      return makeClassification(
        FileKind.index,
        `tasks-folder index: ${why}; ${read.join(', and ')}`,
        tables.length > 0 ? [ExtractorName.tasksFolderIndex, ExtractorName.taskTable] : [ExtractorName.tasksFolderIndex],
      );
    },
  },
  {
    name: 'decision-record',
    describe: 'a decision record named or titled as one (`ADR-014-job-queue.md`, `# RFC-7: …`): a decision, whatever its status, not a task; a checklist in it (follow-ups) is read as a list',
    apply(f) {
      const h1 = f.signals.headings.find((h) => h.level === 1);
      const named = findDecisionRecordId(f.stem);
      const titled = named === null && h1 !== undefined ? findDecisionRecordId(normaliseTitleText(h1.text)) : null;
      if (named === null && titled === null) return null;
      const where = named !== null ? `${named} in the file name` : `${titled ?? ''} in the title (line ${h1?.line ?? 0})`;
      const { open, done } = f.signals.checkboxes;
      if (open + done === 0) return makeClassification(FileKind.contextDocument, `decision record: ${where} — a decision, whatever its status says, not a task`);
      return makeClassification(
        FileKind.taskList,
        `decision record: ${where} — a decision, not a task; its ${formatCount(open + done, 'checkbox')} (follow-ups) are tasks`,
        [ExtractorName.checklist],
      );
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
      if (added !== null && updated !== null && inHeader(s, added.line) && inHeader(s, updated.line)) {
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
    frontmatterOnly: true,
    describe: 'templates: name says template/example, frontmatter status example, or placeholder-heavy text without real dates',
    apply(f) {
      const s = f.signals;
      const fmStatus = normaliseStatus(s.frontmatter?.['status'] ?? '');
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
    frontmatterOnly: true,
    describe: 'known context files: Cline core files (except progress.md), decision logs, README, style guide…',
    apply(f) {
      const hit = contextFileNames.find(([prefix]) => f.key.startsWith(prefix));
      return hit === undefined ? null : makeClassification(FileKind.contextDocument, hit[1]);
    },
  },
  {
    name: 'context-folder',
    frontmatterOnly: true,
    describe: 'files under creative/, reflection/, archive/ (and _archive/): context, not live tasks',
    apply(f) {
      const folder = [...f.folders].reverse().find((d) => contextFolders.some(([name]) => name === d));
      if (folder === undefined) return null;
      const hit = contextFolders.find(([name]) => name === folder);
      return hit === undefined ? null : makeClassification(FileKind.contextDocument, hit[1]);
    },
  },
  {
    name: 'obsidian-kanban',
    describe: 'an Obsidian Kanban board (frontmatter `kanban-plugin`): its lanes are statuses, its cards tasks',
    apply(f) {
      const fm = f.signals.frontmatter;
      if (fm === null || fm['kanban-plugin'] === undefined) return null;
      const lanes = f.signals.headings.filter((h) => h.level === 2).map((h) => `"${h.text}"`);
      return makeClassification(
        FileKind.taskList,
        `Obsidian Kanban board (frontmatter kanban-plugin: ${fm['kanban-plugin']}): ${formatCount(lanes.length, 'lane')} ${lanes.slice(0, 6).join(', ')} — a lane that names a status is its cards' status`,
        [ExtractorName.sectionList],
      );
    },
  },
  {
    name: 'frontmatter-task',
    frontmatterOnly: true,
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
        return makeClassification(FileKind.taskDocument, `frontmatter ${parts.join(', ')}: one task/milestone per file${withChecklist(f)}`, documentExtractors(f));
      }
      if (isTaskStatusWord(status)) {
        return makeClassification(FileKind.taskDocument, `frontmatter ${parts.join(', ')}: task-progress status on a work item${withChecklist(f)}`, documentExtractors(f));
      }
      // A status in another language (`état: en cours`, `ステータス: 完了`, also under an English key: `status: terminé`)
      // or in other words (`status: shipped`) in a tasks folder, or in a file named with a task id: judged by the
      // vocabulary, as a header's `**Status:**` is (the English words above leave out a document's lifecycle: `draft`,
      // `active`).
      const statusKey = findTaskStatusKey(f.signals);
      const folder = f.folders.find(isTaskFolderName);
      const stemId = findLeadingTaskId(f.stem);
      const place = folder !== undefined ? `a ${folder}/ file` : stemId !== null ? `a file named with task id ${stemId}` : null;
      // A sprint's, milestone's or epic's own file (`S01_sprint_meta.md`, `M01_milestone_meta.md`, `epic.md`), or a file
      // named as a work item where tasks are kept (`tasks/feature-login.md`): a status the vocabulary reads as progress
      // is its own, also in the words a document's lifecycle uses (`active`) — else a Simone sprint would be context
      // while active and a task only once `completed`.
      const workItem = findWorkItemWord(f.stem);
      const ownFile = workItem !== null && isWorkItemOwnFileName(f.stem);
      if (workItem !== null && status !== '' && (ownFile || place !== null) && isTaskProgressStatus(fm['status'] ?? '', 1)) {
        const named = ownFile ? `a ${workItem}'s own file (its name)` : `${place ?? ''} named as a ${workItem}`;
        return makeClassification(FileKind.taskDocument, `frontmatter ${parts.join(', ')}: ${named} stating its progress${withChecklist(f)}`, documentExtractors(f));
      }
      if (statusKey !== null && place !== null) {
        return makeClassification(FileKind.taskDocument, `frontmatter ${statusKey}: ${fm['status'] ?? ''}: ${place} stating its status${withChecklist(f)}`, documentExtractors(f));
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
      // Not under a heading naming a task's place in a list of them (`## Latest completed task`, `## Current task`,
      // `## Aktuelle Aufgabe` over `**Task ID**:` and its status): such a block is a task of the file's list, where a
      // document's header is read before its first `##` (frontmatter-task). `## Overview` over it is the document's.
      const over = s.headings.filter((heading) => heading.level >= 2 && heading.line > s.frontmatterEndLine && heading.line < id.line).at(-1);
      if (over !== undefined && taskSlotHeading.test(normaliseLabel(over.text))) return null;
      // Not where sections each state a status (`## Latest completed task` over `**Task ID**:` and a status, then
      // `## Current task` over others): a list of such blocks, each a task, not the document's header.
      if (countStatusFieldItems(s).count >= 2) return null;
      return makeClassification(
        FileKind.taskDocument,
        `task header: **Task ID**: ${id.value} (line ${id.line}) + **${other.name}**: ${other.value}${withChecklist(f)}`,
        documentExtractors(f),
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
      // A glossary needs three status terms that are at least half the plain list items: a file whose definition
      // items cannot reach that is decided without reading each term (the status match is the costly part).
      const plainItems = s.listItems - s.checkboxes.open - s.checkboxes.done;
      // Beside a checklist, the definitions are its legend (`## Status definitions` over `## This week`'s boxes): the
      // checklist's file is decided by its tasks.
      if (s.checkboxes.open + s.checkboxes.done >= 2) return null;
      if (s.definitionItems.length < 3 || s.definitionItems.length * 2 < plainItems) return null;
      const statusTerms = s.definitionItems.filter((item) => isTaskProgressStatus(item.term, 1));
      if (statusTerms.length >= 3 && statusTerms.length * 2 >= plainItems) {
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
        makeClassification(FileKind.contextDocument, `${where}, but no task signals (no task table, status sections, status fields or checkboxes${readSharesNote(f)})`)
      );
    },
  },
  {
    name: 'task-list-title',
    describe: 'a file outside a task location titled as a list of work (`# Tasks`, `# Aufgaben`) holding checkboxes: read its task signals',
    apply(f) {
      const title = findTaskListTitle(f);
      if (title === null) return null;
      return classifyTaskSource(f, `titled "${normaliseTitleText(title.text)}" (line ${title.line}), a list of work`);
    },
  },
  {
    name: 'status-headed-plan',
    describe: 'a plan or roadmap outside a task location whose sub-headings close with their statuses (`### Step 2.2: Tide chart 🚧`): three or more, half of its sub-headings or more, not all done',
    apply(f) {
      const headings = f.signals.headings.filter((h) => h.level >= 2);
      // Most documents' headings end in a word: the rule reads titles only when three or more could close with a status.
      const closing = headings.filter((h) => mayCloseWithStatus(h.text));
      if (closing.length < 3 || closing.length * 2 < headings.length) return null;
      // The status closing the title (`Tide chart 🚧`, `Offline mode (planned)`): an emoji opening a heading is as often
      // its decoration (`## 🚧 Open Issues`, `## ✅ Status Summary` in a hand-off).
      const marked = closing.flatMap((h) => {
        const status = readHeadingWorkStatus(h.text, defaultVocabulary);
        const closes = status !== null && status.rest !== '' && h.text.replace(/[*_`]/gu, '').trim().startsWith(status.rest);
        return status === null || !closes ? [] : [{ line: h.line, status: defaultVocabulary.matchStatus(status.value).canonical }];
      });
      if (marked.length < 3 || marked.length * 2 < headings.length) return null;
      // All done is a report of finished work (`## Phase 1 ✅ COMPLETE` over `## Phase 2 ✅ COMPLETE`), not a plan.
      if (marked.every((heading) => heading.status === 'done' || heading.status === 'unknown')) return null;
      return makeClassification(
        FileKind.taskList,
        `plan: ${formatCount(marked.length, 'heading')} of ${headings.length} carrying a status (first at line ${marked[0]?.line ?? 0}), not all done — each is a task`,
        [ExtractorName.cursorTasks],
      );
    },
  },
  {
    name: 'dominant-task-table',
    describe: 'a document that is mostly id-keyed task tables (id + title + status columns, or id + title under a status heading: ≥ half of its lines)',
    apply(f) {
      const s = f.signals;
      const strong = filterIdKeyedTables(s);
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

/**
 * Whether a field's line is in a task file's header: before its second section heading (`##` or above after the
 * title), so under the title or under a first `## Status` over the fields. A changelog's `- **Added**:` and
 * `- **Updated**:` bullets far down a progress log are no header.
 */
function inHeader(signals: FileFacts['signals'], line: number): boolean {
  let sections = 0;
  for (const heading of signals.headings) {
    if (heading.line >= line) break;
    if (heading.level === 2 || (heading.level === 1 && heading !== signals.headings[0])) sections++;
  }
  return sections <= 1;
}

/**
 * The document's title when it names a list of work and nothing else (`# Tasks`, `# Aufgaben`, `# TODO`, `# Task
 * manager`) and the document holds checkboxes, else null: such a file is a task list, whatever its name. A checklist
 * closing a report or a plan (`## Execution checklist`) is its end's, not the document's.
 */
function findTaskListTitle(f: FileFacts): HeadingSignal | null {
  const title = f.signals.headings[0];
  if (title?.level !== 1 || f.signals.checkboxes.open + f.signals.checkboxes.done === 0) return null;
  return titleStems.has(foldName(normaliseTitleText(title.text))) ? title : null;
}
const titleStems: ReadonlySet<string> = new Set([...taskListStems, ...toolListStems, 'opentasks'].map(foldName));
