/**
 * cursor-memory-bank `tasks.md`, which has no fixed grammar: checklists, task tables, bold bullets with inline
 * fields (`- **Task 36: … (Status: in-progress)**` over `- Subtask 36.1: … (Status: pending)`), headings that
 * carry a status or an id (`### Watchdog-Fallback-System (ABGESCHLOSSEN)`, `## Next: TASK-003 — Title` with
 * `**Owner:**` fields), status sections in any language and completed-task tables.
 */
import { ExtractorName } from '../../core/source-file.js';
import { extractOutline } from './outline.js';
import type { Extractor } from './types.js';

/** The cursor tasks.md extractor. */
export const cursorTasksExtractor: Extractor = {
  name: ExtractorName.cursorTasks,
  describe: 'checklists, task tables, bold bullets with (Status: …), status sections and headings with ids or statuses',
  extract(ctx) {
    const output = extractOutline(ctx, {
      extractor: ExtractorName.cursorTasks,
      checklists: true,
      sectionBullets: true,
      headingTasks: 'marked',
      inlineStatusBullets: true,
      boldIdBullets: true,
      tables: true,
      groupHeadings: true,
    });
    return output.drafts.length > 0 ? output : { drafts: [], note: 'no checklists, task tables, status sections or task headings' };
  },
};
