/**
 * What discovery knows about one file of a memory bank.
 */
import type { InputProblem } from './task-record.js';

/** The kinds a file can be classified as. */
export const FileKind = {
  /** One task (or one task with subtasks) per file: TASKnnn-*.md, frontmatter task/milestone, task_NNN.md. */
  taskDocument: 'task-document',
  /** A list of tasks as checklist items / bullets / sections: tasks.md, Kiro tasks.md, progress.md. */
  taskList: 'task-list',
  /** A table whose rows are tasks (ID / Task / Status columns). */
  taskTable: 'task-table',
  /** An index that points at task documents (tasks/_index.md). */
  index: 'index',
  /** Context, decisions, briefs, patterns, reflections: not tasks. */
  contextDocument: 'context-document',
  /** Templates and legends full of placeholders. */
  template: 'template',
  /** Not read as a memory-bank document (binary, non-Markdown, unreadable, too large, outside the bank…). */
  ignored: 'ignored',
} as const;
export type FileKindValue = (typeof FileKind)[keyof typeof FileKind];

/** Known conventions, used as a hint (never as a contract). */
export const Convention = {
  cline: 'cline',
  roo: 'roo',
  tasksFolder: 'tasks-folder',
  cursor: 'cursor',
  kiro: 'kiro',
  taskmaster: 'taskmaster',
  frontmatter: 'frontmatter',
  roadmap: 'roadmap',
  conductor: 'conductor',
  agentOs: 'agent-os',
  generic: 'generic',
} as const;
export type ConventionValue = (typeof Convention)[keyof typeof Convention];

/** One memory bank found under the scanned root. */
export interface DiscoveredBank {
  /** Bank folder relative to the scanned root (`memory_bank`, `.kiro/specs`, `.` when the root is the bank). */
  path: string;
  /** Conventions detected, most likely first. */
  conventions: ConventionValue[];
  /** One line: why this folder is a bank (e.g. "folder named memory_bank"). Optional; set by discovery. */
  reason?: string;
}

/** One file, classified, with the reason in one line. */
export interface DiscoveredFile {
  /** Path relative to the scanned root, POSIX separators. */
  path: string;
  /** Bank folder this file belongs to (relative to the scanned root). */
  bank: string;
  kind: FileKindValue;
  /** One line: why this kind (e.g. "table with ID/Task/Status columns at line 12"). */
  reason: string;
  /** Size in bytes. */
  size: number;
  /** Decoded text (BOM stripped, line endings kept), or null when the file was not read as text. */
  text: string | null;
  /** Line ending seen in the file. */
  eol: 'lf' | 'crlf' | 'mixed' | 'none';
  /** Extractors that should run on it (names from src/memory-bank/extractors), in order. */
  extractors: ExtractorNameValue[];
}

/** Extractor names: discovery picks them, the parser runs them. */
export const ExtractorName = {
  /** tasks/_index.md: sections are statuses, lines reference TASKnnn. */
  tasksFolderIndex: 'tasks-folder-index',
  /** TASKnnn-*.md: header bold fields, subtask table, implementation-plan checklist, progress log. */
  tasksFolderTask: 'tasks-folder-task',
  /** Roo progress.md: `## Completed Tasks` / `## Current Tasks` / `## Next Steps` with `[ts] - item`. */
  rooProgress: 'roo-progress',
  /** Cline progress.md / activeContext.md: section-status lists (What Works / What's Left / kanban sections). */
  sectionList: 'section-list',
  /** cursor tasks.md: checklists, tables, bold bullets with inline `(Status: …)`, headings with statuses. */
  cursorTasks: 'cursor-tasks',
  /** Kiro tasks.md: `- [x] 1. Title`, `[-]`, `[ ]*`, numbered hierarchy. */
  kiroTasks: 'kiro-tasks',
  /** .taskmaster/tasks/tasks.json. */
  taskmasterJson: 'taskmaster-json',
  /** .taskmaster/tasks/task_NNN.md. */
  taskmasterMarkdown: 'taskmaster-md',
  /** A document whose frontmatter (or bold-field header) describes one task or milestone. */
  frontmatterTask: 'frontmatter-task',
  /** Generic task tables (ID / Task / Owner / Priority / Status columns, any language). */
  taskTable: 'task-table',
  /** Generic checklists (`- [ ]` items, nesting kept). */
  checklist: 'checklist',
  /** roadmap/ spec folders: `#### Task 1: …` with `- **Status**:` bullets, milestone deliverables. */
  roadmap: 'roadmap',
  /** Cursor's plan files (`.cursor/plans/*.plan.md`): the `todos:` list in their frontmatter. */
  cursorPlan: 'cursor-plan',
  /** Task lists kept as data (YAML, JSON, JSON Lines): each item with a title and a status a task, nested items subtasks. */
  dataList: 'data-list',
  /** Status maps kept as data (BMAD's `sprint-status.yaml`): each name mapped to a status is a task, its file's record when one is named so. */
  statusMap: 'status-map',
} as const;
export type ExtractorNameValue = (typeof ExtractorName)[keyof typeof ExtractorName];

/**
 * What discovery returns: the banks found under the scanned root, every file under them (classified, sorted by
 * path), and the problems met on the way. Paths are relative to `root`, with POSIX separators.
 */
export interface DiscoverResult {
  /** The scanned root as given (resolved to an absolute path). */
  root: string;
  banks: DiscoveredBank[];
  files: DiscoveredFile[];
  problems: InputProblem[];
}
