/**
 * Roo Code `progress.md`: items under `## Completed Tasks` / `## Current Tasks` / `## Next Steps` (and other
 * status headings) take the section's status, even when the same H2 repeats for every appended block.
 * `* [2025-08-30 10:57:17] - item` stamps become dates; timestamps written in front of heading markers were
 * already moved out of the way by the parser. Template placeholders (empty `*` bullets, the literal
 * `YYYY-MM-DD HH:MM:SS - Log of updates made.`) are ignored, and a top-level `[ts] - …` log line closes the
 * current section (the bullets after it describe the log entry, not open tasks).
 */
import type { List } from 'mdast';
import { ExtractorName } from '../../core/source-file.js';
import type { KnownStatus } from '../vocabulary-data.js';
import { readEndLine, readLine, readListItemHead, sliceLines } from '../markdown.js';
import { normaliseDate, stripInlineMarkdown } from '../vocabulary.js';
import { applyInlineFields, applyStatusText, createDraft, setRefinedStatus, setStatus } from './draft.js';
import { applyItemLine, readItemLine } from './item-line.js';
import { readDateStamp, readOpeningStatus, splitLeadingId } from './text.js';
import type { DraftTask, Extractor, ExtractorContext } from './types.js';
import { readHeadingWorkStatus } from '../header-status.js';

const stampPattern = /^\[?(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?|YYYY-MM-DD HH:MM(?::SS)?)\]?\s*[-–—:]\s*/u;
/** The template's placeholder stamp opening an item (`[YYYY-MM-DD HH:MM:SS] - …`): no date. */
const templateStamp = /^\[?YYYY-MM-DD HH:MM(?::SS)?\]?\s*[-–—:]\s*/u;

function extractRoo(ctx: ExtractorContext): DraftTask[] {
  const drafts: DraftTask[] = [];
  let sectionStatus: KnownStatus | null = null;
  let context: string[] = [];
  let blockStamp: string | null = null;
  // A heading stating its own status (`## Backend lint fix (In Progress)`, `## 后端 Lint 修复 (已完成)`): a task, the
  // items under it its steps.
  let headingTask: DraftTask | null = null;
  // Whether a log line closed the section (`[2025-08-17 07:52:08] - Stage 1.5 COMPLETED` over `- ✅ …`): the bullets
  // after it describe that entry.
  let afterLog = false;

  function applyStamp(draft: DraftTask, stamp: string | null): void {
    if (stamp === null) return;
    const date = normaliseDate(stamp);
    if (date === null) return;
    if (draft.status.canonical === 'done') draft.dates.done = date;
    else draft.dates.created = date;
  }

  /** The items of a list under a status section (`status`), or only its checkbox items under any other heading (null). */
  function readList(list: List, status: KnownStatus | null): void {
    for (const item of list.children) {
      if (ctx.claimed.has(item)) continue;
      const head = readListItemHead(ctx.source, item, list);
      const line = readLine(item);
      let text = head.text.trim();
      let stamp: string | null = null;
      const placeholder = templateStamp.exec(text);
      const lead = placeholder === null ? readDateStamp(text, head.markdown) : null;
      if (placeholder !== null) text = text.slice(placeholder[0].length).trim();
      else if (lead !== null) {
        stamp = lead.stamp;
        text = text.slice(lead.length).trim();
      }
      // The item's own status, as the outline reads it: a mark opening it (`🚧 Retry worker` under Completed Tasks), a
      // status word in capitals (`DONE: …`, `[WIP] …`); a word restating the mark or the box (`✅ Completed: …`) is not title.
      const opening = readOpeningStatus(text, head.checkbox, ctx.vocabulary);
      // Outside a status section only an item with a box or a mark of its own is a task (`- [ts] - ✅ Create the
      // entities`); a plain one is a line of the log, its heading task's text.
      if (status === null && head.checkbox === null && (afterLog || (opening.markValue === null && opening.lead === null))) {
        headingTask?.body.push(sliceLines(ctx.lines, line, readEndLine(item)));
        continue;
      }
      text = opening.rest;
      if (text === '' || ctx.vocabulary.isPlaceholder(text)) continue;
      // Markers on the line (`(P1)`, `@dana`, `(by 2025-09-01)`) and a status closing it, as a checklist's items read them.
      const reading = readItemLine(ctx, text, head.checkbox, head.markdown);
      const inline = reading.inline;
      const split = splitLeadingId(inline.rest, 'strict');
      const draft = createDraft(ctx, {
        extractor: ExtractorName.rooProgress,
        line,
        title: split.rest === '' ? (split.id ?? text) : split.rest,
        sourceId: split.id,
        context,
        parent: headingTask,
      });
      ctx.claimed.add(item);
      if (status !== null) setStatus(ctx, draft, status, null, 'section', line);
      if (head.checkbox !== null) {
        const box = ctx.vocabulary.matchCheckbox(head.checkbox);
        if (box !== null && box !== 'todo') setStatus(ctx, draft, box, `[${head.checkbox}]`, 'checkbox', line);
      }
      const ownStatus = opening.markValue ?? opening.lead;
      if (ownStatus !== null) applyStatusText(ctx, draft, ownStatus, 'inline', line);
      if (opening.refines !== null) setRefinedStatus(ctx, draft, opening.refines);
      if (inline.status !== null) applyStatusText(ctx, draft, inline.status, 'inline', line);
      applyInlineFields(ctx, draft, inline.fields, line);
      if (inline.note !== null) draft.body.push(inline.note);
      applyItemLine(ctx, draft, reading, head.checkbox, head.markdown, line);
      applyStamp(draft, stamp ?? blockStamp);
      for (const child of head.rest) draft.body.push(sliceLines(ctx.lines, readLine(child), readEndLine(child)));
      drafts.push(draft);
    }
  }

  for (const node of ctx.tree.children) {
    if (node.type === 'heading') {
      const title = stripInlineMarkdown(ctx.lines[readLine(node) - 1]?.replace(/^\s*#+\s*/u, '').replace(/\s#+\s*$/u, '') ?? '');
      const lineStamp = ctx.lineTimestamps.get(readLine(node));
      if (lineStamp !== undefined) blockStamp = lineStamp;
      headingTask = null;
      afterLog = false;
      if (node.depth === 1) {
        sectionStatus = null;
        context = [];
        continue;
      }
      sectionStatus = ctx.vocabulary.matchSection(title);
      context = [title];
      const own = sectionStatus === null ? readHeadingWorkStatus(title, ctx.vocabulary) : null;
      if (own !== null && own.rest !== '') {
        const line = readLine(node);
        headingTask = createDraft(ctx, { extractor: ExtractorName.rooProgress, line, title: own.rest, sourceId: null, context: [] });
        ctx.claimed.add(node);
        applyStatusText(ctx, headingTask, own.value, 'heading', line);
        applyStamp(headingTask, lineStamp ?? null);
        context = [own.rest];
        drafts.push(headingTask);
      }
      continue;
    }
    if (node.type === 'paragraph') {
      const first = (ctx.lines[readLine(node) - 1] ?? '').trim();
      const stamp = stampPattern.exec(first);
      if (stamp?.[1] !== undefined) {
        if (!/^Y/u.test(stamp[1])) blockStamp = stamp[1];
        // A log line written after a section closes it; the template preamble line does not.
        if (!/^Y/u.test(stamp[1]) && !/log of updates made/iu.test(first)) {
          sectionStatus = null;
          afterLog = true;
        }
      }
      continue;
    }
    // Under other headings, and after a log line closed a section, checkbox items are still tasks (their box says the status).
    if (node.type === 'list') readList(node, sectionStatus);
  }
  return drafts;
}

/** The Roo progress extractor. */
export const rooProgressExtractor: Extractor = {
  name: ExtractorName.rooProgress,
  describe: 'items under `## Completed Tasks` / `## Current Tasks` / `## Next Steps` (repeated blocks included), `[ts] - item` dates',
  extract(ctx) {
    const drafts = extractRoo(ctx);
    return drafts.length > 0
      ? { drafts }
      : { drafts: [], note: 'the Completed Tasks / Current Tasks / Next Steps sections hold only template placeholders' };
  },
};
