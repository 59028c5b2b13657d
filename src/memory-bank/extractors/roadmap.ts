/**
 * `roadmap/` spec folders: `#### Task 1: …` headings with `- **Status**: Todo`, `- **Owner**:`,
 * `- **Estimate**:` bullets, and milestones (`### Milestone 1: …` with `**Target Date**:`, `**Status**:` and a
 * `**Deliverables**:` checklist whose items become subtasks). Acceptance criteria go to the body.
 */
import { ExtractorName } from '../../core/source-file.js';
import { extractOutline } from './outline.js';
import type { Extractor } from './types.js';

/** The roadmap extractor. */
export const roadmapExtractor: Extractor = {
  name: ExtractorName.roadmap,
  describe: '`Task N:` / `Milestone N:` headings with bold-field bullets; deliverable checklists become subtasks',
  extract(ctx) {
    const output = extractOutline(ctx, {
      extractor: ExtractorName.roadmap,
      checklists: true,
      sectionBullets: false,
      headingTasks: 'pattern',
      inlineStatusBullets: false,
      boldIdBullets: false,
      tables: false,
      groupHeadings: true,
    });
    return output.drafts.length > 0 ? output : { drafts: [], note: 'no `Task N:` / `Milestone N:` headings and no checklists' };
  },
};
