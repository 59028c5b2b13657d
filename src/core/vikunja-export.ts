/**
 * The Vikunja → Markdown export contract (`membank restore --from-vikunja`): what the restore workflow hands the
 * renderer (`src/memory-bank/export.ts`) and what it gets back. Types only.
 */
import type { MembankConfig } from './config.js';

/** One Vikunja task as the export reads it. */
export interface ExportTask {
  id: number;
  title: string;
  /** HTML, with membank's provenance footer when membank created the task. */
  description: string;
  done: boolean;
  /** RFC 3339, or null / Vikunja's zero date when unset. */
  dueDate: string | null;
  /** 0 unset, 1 low … 5 do now. */
  priority: number;
  labels: string[];
  /** Title of the Kanban bucket the task is in, or null when unknown. */
  bucket: string | null;
  /** Id of the task's parent task in Vikunja (its `parenttask` relation), when it has one. */
  parentId?: number | null;
}

/** One Vikunja project and its tasks. */
export interface ExportProject {
  id: number;
  title: string;
  tasks: ExportTask[];
}

/** One regenerated Markdown file. */
export interface ExportedFile {
  /** Relative to the restore folder, POSIX separators. */
  path: string;
  text: string;
  /** The original source keys of the tasks written in it (empty for the file of tasks made in Vikunja). */
  keys: string[];
}

/** What the renderer produced for one project. */
export interface VikunjaExport {
  files: ExportedFile[];
  /** Tasks with a membank marker and source, written under their original path (key → task id). */
  placed: { key: string; taskId: number }[];
  /** Tasks without a membank source (made in Vikunja): written to the project's own file. */
  unsourced: number[];
}

/** Options of the renderer. */
export interface ExportOptions {
  mapping: Pick<MembankConfig['mapping'], 'ownerLabelPrefix' | 'runLabels'>;
  vocabulary: MembankConfig['vocabulary'];
  /** ISO 8601, written in each file's header. */
  exportedAt: string;
  /** Folder (relative to the restore folder) of the per-project file for tasks made in Vikunja. */
  projectFolder: string;
}

/** Renders a project's tasks as Markdown files that membank's parser reads back to the same keys and fields. */
export type RenderVikunjaExport = (project: ExportProject, options: ExportOptions) => VikunjaExport;
