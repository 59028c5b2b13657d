/**
 * Generic checklists: every `- [ ]` / `[x]` / `[X]` / `[✅]` / `[-]` / `[~]` item (any bullet, any indent) is a
 * task, nesting kept through parents; so is an item led by its status (`- [WIP] …`, `- ⏳ …`), stating it under its
 * title or closing with it (`- Rotate the API keys (blocked)`), and a heading opening with a checkbox (`### [x] …`).
 * Checkboxes under acceptance-criteria or legend headings are not tasks.
 * A heading with metadata bullets (`- **Priority**: High`) over a checklist becomes the checklist's parent.
 */
import { ExtractorName } from '../../core/source-file.js';
import { extractOutline } from './outline.js';
import type { Extractor } from './types.js';

/** The generic checklist extractor. */
export const checklistExtractor: Extractor = {
  name: ExtractorName.checklist,
  describe: 'checkbox items (and items marked with a status, headings opening with a checkbox) become tasks; nested ones become subtasks',
  extract(ctx) {
    const output = extractOutline(ctx, {
      extractor: ExtractorName.checklist,
      checklists: true,
      sectionBullets: false,
      headingTasks: 'checkbox',
      inlineStatusBullets: true,
      boldIdBullets: false,
      tables: false,
      groupHeadings: true,
    });
    return output.drafts.length > 0 ? output : { drafts: [], note: 'no checkbox items outside acceptance criteria or legends' };
  },
};
