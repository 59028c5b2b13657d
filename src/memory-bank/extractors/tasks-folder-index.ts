/**
 * `tasks/_index.md` of the Copilot/Cline tasks folder: the section is the status (`## In Progress`,
 * `## Pending`, `## Completed`, `## Abandoned`, `## Later`, `## En Cours`, `## Terminé (récent)`…), each line
 * references a task id: `- [TASK001] Title - description (2025-10-12)`, `- [TASK008] Title - Completed on
 * 2025-01-23`, `` - `TASK106` Title — **COMPLÈTE ✅ 2026-08-03** — prose ``. Placeholders (`- (none)`) are skipped.
 */
import type { List } from 'mdast';
import { ExtractorName } from '../../core/source-file.js';
import type { KnownStatus } from '../vocabulary-data.js';
import { readEndLine, readLine, readListItemHead, sliceLines, type Section } from '../markdown.js';
import { findDateInText, stripInlineMarkdown } from '../vocabulary.js';
import { applyStatusText, createDraft, setStatus } from './draft.js';
import { isStatusValue, splitLeadingId } from './text.js';
import type { DraftTask, Extractor, ExtractorContext } from './types.js';

function extractIndex(ctx: ExtractorContext): DraftTask[] {
  const drafts: DraftTask[] = [];

  function readEntry(list: List, sectionStatus: KnownStatus | null, context: string[]): void {
    for (const item of list.children) {
      const head = readListItemHead(ctx.source, item, list);
      const line = readLine(item);
      const text = head.text.trim();
      if (text === '' || ctx.vocabulary.isPlaceholder(text)) continue;
      const split = splitLeadingId(text, 'loose');
      if (split.id === null) continue;
      const segments = split.rest.split(/\s+[-–—]\s+/u).map((segment) => segment.trim()).filter((segment) => segment !== '');
      let title = segments.shift() ?? '';
      let statusRaw: string | null = null;
      const description: string[] = [];
      let date: string | null = null;
      const titleDate = /\s*[(（]\s*(\d{4}-\d{2}-\d{2})\s*[)）]\s*$/u.exec(title);
      if (titleDate?.[1] !== undefined) {
        date = titleDate[1];
        title = title.slice(0, titleDate.index).trim();
      }
      for (const segment of segments) {
        const plain = stripInlineMarkdown(segment);
        if (statusRaw === null && isStatusValue(plain, ctx.vocabulary)) {
          statusRaw = plain;
          date = date ?? findDateInText(plain)?.value ?? null;
          continue;
        }
        const trailing = /\s*[(（]\s*(\d{4}-\d{2}-\d{2})\s*[)）]\s*$/u.exec(plain);
        if (trailing?.[1] !== undefined) {
          date = date ?? trailing[1];
          const rest = plain.slice(0, trailing.index).trim();
          if (rest !== '') description.push(rest);
          continue;
        }
        description.push(plain);
      }
      const draft = createDraft(ctx, {
        extractor: ExtractorName.tasksFolderIndex,
        line,
        title: title === '' ? split.id : title,
        sourceId: split.id,
        context,
      });
      if (sectionStatus !== null) setStatus(ctx, draft, sectionStatus, null, 'section', line);
      if (statusRaw !== null) applyStatusText(ctx, draft, statusRaw, 'inline', line);
      if (date !== null) {
        if (draft.status.canonical === 'done' || draft.status.canonical === 'cancelled') draft.dates.done = date;
        else draft.dates.updated = date;
      }
      if (description.length > 0) draft.body.push(description.join(' — '));
      for (const child of head.rest) draft.body.push(sliceLines(ctx.lines, readLine(child), readEndLine(child)));
      drafts.push(draft);
    }
  }

  function walkSection(section: Section, inherited: KnownStatus | null): void {
    const own = section.heading === null || section.depth === 1 ? null : ctx.vocabulary.matchSection(section.title);
    const status = own ?? (section.heading !== null && section.depth <= 2 ? null : inherited);
    const context = section.heading === null || section.depth === 1 ? [] : [stripInlineMarkdown(section.title)];
    for (const node of section.nodes) if (node.type === 'list') readEntry(node, status, context);
    for (const child of section.children) walkSection(child, status);
  }

  walkSection(ctx.sections, null);
  return drafts;
}

/** The tasks-folder index extractor. */
export const tasksFolderIndexExtractor: Extractor = {
  name: ExtractorName.tasksFolderIndex,
  describe: 'index lines `- [TASKnnn] Title - …`; the section heading is the status',
  extract(ctx) {
    const drafts = extractIndex(ctx);
    return drafts.length > 0 ? { drafts } : { drafts: [], note: 'no index lines with a task id (only placeholders such as `- (none)`)' };
  },
};
