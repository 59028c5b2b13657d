/**
 * Generic checklists: every `- [ ]` / `[x]` / `[X]` / `[✅]` / `[-]` / `[~]` item (any bullet, any indent) is a
 * task, nesting kept through parents. Checkboxes under acceptance-criteria or legend headings are not tasks.
 * A heading with metadata bullets (`- **Priority**: High`) over a checklist becomes the checklist's parent.
 */
import { ExtractorName } from '../../core/source-file.js';
import { extractOutline } from './outline.js';
import type { Extractor } from './types.js';

/** The generic checklist extractor. */
export const checklistExtractor: Extractor = {
  name: ExtractorName.checklist,
  describe: 'checkbox items become tasks; nested checkboxes become subtasks',
  extract(ctx) {
    const output = extractOutline(ctx, {
      extractor: ExtractorName.checklist,
      checklists: true,
      sectionBullets: false,
      headingTasks: 'none',
      inlineStatusBullets: false,
      boldIdBullets: false,
      tables: false,
      groupHeadings: true,
    });
    return output.drafts.length > 0 ? output : { drafts: [], note: 'no checkbox items outside acceptance criteria or legends' };
  },
};
