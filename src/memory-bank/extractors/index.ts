/**
 * The extractor registry: discovery names extractors (`ExtractorName`), the parser runs them from here.
 * Listed explicitly, no globbing.
 */
import type { ExtractorNameValue } from '../../core/source-file.js';
import { checklistExtractor } from './checklist.js';
import { cursorPlanExtractor } from './cursor-plan.js';
import { cursorTasksExtractor } from './cursor-tasks.js';
import { dataListExtractor } from './data-list.js';
import { statusMapExtractor } from './status-map.js';
import { frontmatterTaskExtractor } from './frontmatter-task.js';
import { kiroTasksExtractor } from './kiro-tasks.js';
import { roadmapExtractor } from './roadmap.js';
import { rooProgressExtractor } from './roo-progress.js';
import { sectionListExtractor } from './section-list.js';
import { taskTableExtractor } from './task-table.js';
import { taskmasterJsonExtractor } from './taskmaster-json.js';
import { taskmasterMarkdownExtractor } from './taskmaster-md.js';
import { tasksFolderIndexExtractor } from './tasks-folder-index.js';
import { tasksFolderTaskExtractor } from './tasks-folder-task.js';
import type { Extractor } from './types.js';

/** Every extractor, by name. */
export const extractors: Readonly<Record<ExtractorNameValue, Extractor>> = {
  'tasks-folder-index': tasksFolderIndexExtractor,
  'tasks-folder-task': tasksFolderTaskExtractor,
  'roo-progress': rooProgressExtractor,
  'section-list': sectionListExtractor,
  'cursor-tasks': cursorTasksExtractor,
  'kiro-tasks': kiroTasksExtractor,
  'taskmaster-json': taskmasterJsonExtractor,
  'taskmaster-md': taskmasterMarkdownExtractor,
  'frontmatter-task': frontmatterTaskExtractor,
  'task-table': taskTableExtractor,
  checklist: checklistExtractor,
  roadmap: roadmapExtractor,
  'cursor-plan': cursorPlanExtractor,
  'data-list': dataListExtractor,
  'status-map': statusMapExtractor,
};

/** Looks up an extractor by name (undefined for names this version does not know). */
export function findExtractor(name: string): Extractor | undefined {
  return (extractors as Record<string, Extractor | undefined>)[name];
}
