/**
 * Section-status lists (Cline `progress.md` / `activeContext.md`, kanban files): bullets under headings such
 * as What Works / What's Left / Known Issues / Backlog / In Progress / Done take their status from the
 * heading; checkboxes and bullets with an inline status (`Phase 0: … - in progress`) count anywhere.
 */
import { ExtractorName } from '../../core/source-file.js';
import { extractOutline } from './outline.js';
import type { Extractor } from './types.js';

/** The section-list extractor. */
export const sectionListExtractor: Extractor = {
  name: ExtractorName.sectionList,
  describe: 'bullets under status headings (What Works, What\'s Left, Backlog, In Progress, Done…) become tasks with that status',
  extract(ctx) {
    const output = extractOutline(ctx, {
      extractor: ExtractorName.sectionList,
      checklists: true,
      sectionBullets: true,
      headingTasks: 'none',
      inlineStatusBullets: true,
      boldIdBullets: false,
      tables: false,
      groupHeadings: false,
    });
    return output.drafts.length > 0
      ? output
      : { drafts: [], note: 'no status headings (What Works, Next Steps, Backlog, Done…) with items, and no checkboxes' };
  },
};
