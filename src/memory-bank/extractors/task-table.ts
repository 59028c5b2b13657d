/**
 * Generic task tables: one task per row of a table with a title column plus a status or id column
 * (ID / # / Task / Задача / Owner / Priority / Status / Статус / 状态 / Outcome…, any language). Pipes inside
 * code spans stay in their cell; a table under a status heading (`## Completed tasks`) takes that status.
 */
import { ExtractorName } from '../../core/source-file.js';
import { extractOutline } from './outline.js';
import type { Extractor } from './types.js';

/** The task-table extractor. */
export const taskTableExtractor: Extractor = {
  name: ExtractorName.taskTable,
  describe: 'rows of tables with a title column and a status or id column become tasks',
  extract(ctx) {
    const output = extractOutline(ctx, {
      extractor: ExtractorName.taskTable,
      checklists: false,
      sectionBullets: false,
      headingTasks: 'none',
      inlineStatusBullets: false,
      boldIdBullets: false,
      tables: true,
      groupHeadings: false,
    });
    return output.drafts.length > 0 ? output : { drafts: [], note: 'no table with a title column and a status or id column' };
  },
};
