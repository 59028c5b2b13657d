/**
 * `tasks/_index.md` of the Copilot/Cline tasks folder: the section is the status (`## In Progress`,
 * `## Pending`, `## Completed`, `## Abandoned`, `## Later`, `## En Cours`, `## Terminé (récent)`…), each line
 * references a task id: `- [TASK001] Title - description (2025-10-12)`, `- [TASK008] Title - Completed on
 * 2025-01-23`, `` - `TASK106` Title — **COMPLÈTE ✅ 2026-08-03** — prose ``, or names a task without one under a status
 * section (`` - `RLS-FIX` Policy fix - Completed on 2026-01-06 ``, `- Template cleanup - Completed`). Placeholders
 * (`- (none)`) are skipped.
 */
import type { List, RootContent } from 'mdast';
import { ExtractorName } from '../../core/source-file.js';
import type { KnownStatus } from '../vocabulary-data.js';
import { readEndLine, readLine, readListItemHead, sliceLines, type Section } from '../markdown.js';
import { findDateInText, normaliseDate, stripInlineMarkdown, type Vocabulary } from '../vocabulary.js';
import { applyInlineFields, applyPriorityText, applyStatusText, createDraft, setStatus } from './draft.js';
import { isStatusValue, isWhollyStatus, mapsIdToId, priorityNouns, readClosingShare, readDatedStatusWords, readStatusDay, shortIdSource, splitLeadingId, wordIdSource } from './text.js';
import type { DraftTask, Extractor, ExtractorContext } from './types.js';

function extractIndex(ctx: ExtractorContext): DraftTask[] {
  const drafts: DraftTask[] = [];

  function readEntry(list: List, sectionStatus: KnownStatus | null, context: string[]): void {
    for (const item of list.children) {
      const read = readListItemHead(ctx.source, item, list);
      // A short id in brackets (`- [M15] Cluster tuning`) reads as a box no checklist knows: it is the line's id.
      const boxedId = read.checkbox !== null && ctx.vocabulary.matchCheckbox(read.checkbox) === null && shortId.test(read.checkbox);
      const head = boxedId ? { ...read, checkbox: null, text: `[${read.checkbox}] ${read.text}`, markdown: `[${read.checkbox}] ${read.markdown}` } : read;
      const line = readLine(item);
      const text = head.text.trim();
      if (text === '' || ctx.vocabulary.isPlaceholder(text)) continue;
      const split = readIndexId(text, head.markdown);
      // `TASK020 → TASK007 (…)` under `### ID mapping (old → new)` says which id a task took: a note.
      if (split.id !== null && mapsIdToId(text)) continue;
      // A line naming no task id is still a task of its status section (`- Newsletter template cleanup - Completed on
      // 2026-01-02`); outside one it is a note on the index.
      if (split.id === null && sectionStatus === null) continue;
      const segments = split.rest.split(/\s+[-–—]\s+/u).map((segment) => segment.trim()).filter((segment) => segment !== '');
      let title = segments.shift() ?? '';
      // A title that is only a stage and its number (`Fase 0`, `Phase 2`, `Step 3.1`) names its work in the segment after
      // it (`- [TASK000] Fase 0 — Criar estrutura Memory Bank - Concluído em 2026-04-05`), unless that is a status.
      const named = segments[0];
      if (stageLabel.test(title) && named !== undefined && !isStatusValue(stripInlineMarkdown(named), ctx.vocabulary)) {
        const dash = /\s+([-–—])\s+/u.exec(split.rest.slice(title.length))?.[1] ?? '—';
        title = `${title} ${dash} ${named}`;
        segments.shift();
      }
      let statusRaw: string | null = null;
      const description: string[] = [];
      let date: string | null = null;
      let priority: string | null = null;
      const dependencies: string[] = [];
      const titleDate = /\s*[(（]\s*(\d{4}-\d{2}-\d{2})\s*[)）]\s*$/u.exec(title);
      if (titleDate?.[1] !== undefined) {
        date = titleDate[1];
        title = title.slice(0, titleDate.index).trim();
      }
      // A status in parentheses closing the title, dated or not (`Login page (completed 2025-11-03)`, `(done Nov 3,
      // 2025)`, `(pending)`), as on a list item: its status, not title.
      const titleGroup = date === null ? closingGroup.exec(title) : null;
      const inner = titleGroup?.[1]?.trim();
      const titleStatus = inner === undefined ? null : isStatusValue(inner, ctx.vocabulary) ? { date: findDateInText(inner)?.value ?? null } : readDayStatus(inner, ctx);
      if (titleGroup !== null && inner !== undefined && titleStatus !== null) {
        statusRaw = inner;
        date = titleStatus.date;
        title = title.slice(0, titleGroup.index).trim();
      }
      for (const segment of segments) {
        const plain = stripInlineMarkdown(segment);
        if (statusRaw === null && isStatusValue(plain, ctx.vocabulary)) {
          statusRaw = plain;
          date = date ?? findDateInText(plain)?.value ?? null;
          continue;
        }
        // A status with its day written out (`Completed November 1, 2025`, `Completed on 3 November 2025`).
        const dated = statusRaw === null ? readDayStatus(plain, ctx) : null;
        if (dated !== null) {
          statusRaw = plain;
          date = date ?? dated.date;
          continue;
        }
        // A status, dated or not, with a note in parentheses after it (`Completed on 2026-02-07 (domain model, REST
        // endpoints)`, `Pending (waiting on the API)`): the note the task's text.
        const open = statusRaw === null && plain.endsWith(')') ? plain.indexOf(' (') : -1;
        const noted = open > 0 ? plain.slice(0, open) : '';
        const notedDay = noted === '' || isStatusValue(noted, ctx.vocabulary) ? null : readDayStatus(noted, ctx);
        if (noted !== '' && (notedDay !== null || isStatusValue(noted, ctx.vocabulary))) {
          statusRaw = noted;
          date = date ?? notedDay?.date ?? findDateInText(noted)?.value ?? null;
          description.push(plain.slice(open + 2, -1).trim());
          continue;
        }
        // A share done closing the description (`Prime caches on deploy (70% Complete)`): how far the work is, its status
        // where nothing else states one (in progress; done at 100%), the words before it the task's text.
        const share = statusRaw === null ? readClosingShare(plain, false) : null;
        if (share !== null) {
          statusRaw = plain.slice(share.rest.length).trim().replace(/^[(（[\s\-–—:：|]+|[)）\]\s]+$/gu, '');
          if (share.rest !== '') description.push(share.rest);
          continue;
        }
        // Or a status in parentheses closing it (`Prime caches on deploy (Blocked)`), as write-back writes one over the share.
        const closing = statusRaw === null ? closingGroup.exec(plain) : null;
        if (closing?.[1] !== undefined && closing.index > 0 && isWhollyStatus(closing[1], ctx.vocabulary)) {
          statusRaw = closing[1].trim();
          description.push(plain.slice(0, closing.index).trim());
          continue;
        }
        // A priority and notes after it (`URGENT, Depends on US-01`, `Medium priority, shared module`, `LOW`).
        const notes = readIndexNotes(plain, ctx.vocabulary, priority === null);
        if (notes !== null) {
          priority = notes.priority ?? priority;
          dependencies.push(...notes.dependencies);
          if (notes.rest !== '') description.push(notes.rest);
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
        title: title === '' ? (split.id ?? text) : title,
        sourceId: split.id,
        context,
      });
      if (sectionStatus !== null) setStatus(ctx, draft, sectionStatus, null, 'section', line);
      if (statusRaw !== null) applyStatusText(ctx, draft, statusRaw, 'inline', line);
      if (date !== null) {
        if (draft.status.canonical === 'done' || draft.status.canonical === 'cancelled') draft.dates.done = date;
        else draft.dates.updated = date;
      }
      if (priority !== null) applyPriorityText(ctx, draft, priority, line);
      if (dependencies.length > 0) applyInlineFields(ctx, draft, [{ name: 'depends on', value: dependencies.join(', ') }], line);
      if (description.length > 0) draft.body.push(description.join(' — '));
      for (const child of head.rest) draft.body.push(sliceLines(ctx.lines, readLine(child), readEndLine(child)));
      drafts.push(draft);
    }
  }

  function walkSection(section: Section, inherited: KnownStatus | null): void {
    const own = section.heading === null || section.depth === 1 ? null : ctx.vocabulary.matchSection(section.title);
    const status = own ?? (section.heading !== null && section.depth <= 2 ? null : inherited);
    const context = section.heading === null || section.depth === 1 ? [] : [stripInlineMarkdown(section.title)];
    section.nodes.forEach((node, index) => {
      // A list under a label naming a legend or criteria (`**Legend**:` over `- **In Progress**: Tasks being worked
      // on`) defines the index's words: no entries.
      if (node.type === 'list' && !underCriteriaLabel(section.nodes[index - 1])) readEntry(node, status, context);
    });
    for (const child of section.children) walkSection(child, status);
  }

  /**
   * Whether a node is a paragraph holding only a label that names a legend or criteria, bold or plain (`**Legend**:`,
   * `Legende:`; the field reader reads a plain name only when the vocabulary knows it as a field's).
   */
  function underCriteriaLabel(node: RootContent | undefined): boolean {
    if (node?.type !== 'paragraph' || readEndLine(node) !== readLine(node)) return false;
    const name = labelLine.exec(ctx.lines[readLine(node) - 1] ?? '')?.[1];
    return name !== undefined && ctx.vocabulary.isCriteriaLabel(name.trim());
  }

  walkSection(ctx.sections, null);
  return drafts;
}

/**
 * The task id opening an index line (`[TASK001]`, `` `TASK106` ``, `TASK-7:`), or an id of capitals and dashes alone in
 * brackets or a code span, as written in the line's Markdown (`` `RLS-FIX-NEWSLETTER` ``, `[HOTFIX-AUTH]`), which a task
 * fixed outside the numbering carries; the rest of the line's text.
 */
function readIndexId(text: string, markdown: string): { id: string | null; rest: string } {
  const split = splitLeadingId(text, 'loose');
  if (split.id !== null) return split;
  const id = wordIdOpening.exec(markdown)?.slice(1).find((group) => group !== undefined);
  // The text reads a code span without its backticks, a bracket as written.
  const opening = text.replace(/^\[/u, '');
  if (id === undefined || idPattern.test(id) || !opening.startsWith(id)) return { id: null, rest: text };
  return { id, rest: opening.slice(id.length).replace(/^\]?\s*(?:[-–—:]\s*)?/u, '') };
}
// In bold too (`**[TASK-SMART-FORCE]** Intelligent force flag`).
const wordIdOpening = new RegExp(String.raw`^(?:\*\*|__)?(?:\x60(${wordIdSource}|[A-Z]{2,}[0-9]*)\x60|\[(${wordIdSource}|${shortIdSource})\])(?:\*\*|__)?\s*(?:[-–—:]\s*)?(?=\S)`, 'u');
const shortId = new RegExp(`^${shortIdSource}$`, 'u');
/** A line holding only a label, bold or plain, and its colon (`**Legend**:`, `**Legend:**`, `Legende:`): group 1 the name. */
const labelLine = /^\s*(?:\*\*|__)?([^*_:：\n]{1,40}?)(?:\*\*|__)?\s*[:：]\s*(?:\*\*|__)?\s*$/u;
/** A title naming only a stage of the work and its number (`Fase 0`, `Phase 2`, `Sprint 4`, `Step 3.1`). */
const stageLabel = /^\p{L}+\.?\s*\d+(?:[.-]\d+)*[a-z]?$/u;
/** A pattern of ids rather than one (`SETUP-XXX`, `FEAT-NNN`), as a legend of the index's prefixes writes it. */
const idPattern = /(?:^|[-_])(?:X{2,}|N{2,}|Y{2,})$/u;

/**
 * What an index line says after its title besides its status, parts set apart by commas: a priority opening them
 * (`URGENT`, `Medium priority`, `LOW`, `P1`; only where `priorityFirst`), the ids it depends on (`Depends on US-01`,
 * `depends on US-CL-003, US-CL-004`) and notes (`admin module`). Null when it names neither a priority nor a
 * dependency: the segment is a note as written.
 */
function readIndexNotes(text: string, vocabulary: Vocabulary, priorityFirst: boolean): { priority: string | null; dependencies: string[]; rest: string } | null {
  const parts = text.split(/\s*,\s*/u);
  let priority: string | null = null;
  const dependencies: string[] = [];
  const rest: string[] = [];
  let depending = false;
  for (const [index, part] of parts.entries()) {
    const depends = dependsOn.exec(part);
    if (depends?.[1] !== undefined) {
      dependencies.push(...depends[1].split(/\s+(?:and|&)\s+/u));
      depending = true;
      continue;
    }
    if (depending && indexDependency.test(part)) {
      dependencies.push(part);
      continue;
    }
    depending = false;
    const word = index === 0 && priorityFirst ? priorityPart.exec(part) : null;
    if (word !== null && vocabulary.matchPriority(word[1] ?? word[2] ?? part).value !== null) {
      priority = part;
      continue;
    }
    rest.push(part);
  }
  return priority === null && dependencies.length === 0 ? null : { priority, dependencies, rest: rest.join(', ') };
}
/** A task id a dependency names (`US-01`, `US-AD-001`, `TASK003`, `#12`): holding a digit. */
const indexDependencySource = String.raw`(?=[^\s,]*\d)(?:[A-Z][A-Za-z0-9]*(?:[-_.][A-Za-z0-9]+)*|#\d+)`;
const indexDependency = new RegExp(`^${indexDependencySource}$`, 'u');
/** A dependency of an index line (`Depends on US-01`, `depends on TASK003 and TASK004`): group 1 the ids. */
const dependsOn = new RegExp(String.raw`^depends\s+on\s+(${indexDependencySource}(?:\s+(?:and|&)\s+${indexDependencySource})*)$`, 'iu');
/** The word priority, as a part of an index line writes it beside a level (`Medium priority`, `hohe Priorität`). */
const priorityNoun = String.raw`(?:priority|prio|${priorityNouns})`;
/** A part wholly a priority (`URGENT`, `Medium priority`, `priority high`, `hohe Priorität`, `P1`): group 1 or 2 the word. */
const priorityPart = new RegExp(String.raw`^(?:(\p{L}+)(?:\s+${priorityNoun})?|${priorityNoun}\s+(\p{L}+)|P[0-4])$`, 'iu');

/** A group in parentheses closing a title: group 1 what it holds. */
const closingGroup = /\s*[(（]([^()（）]{1,60})[)）]\s*$/u;

/** The status and the day of a dated status (`completed 2025-11-03`, `Completed November 1, 2025`), the day as ISO; else null. */
function readDayStatus(text: string, ctx: ExtractorContext): { status: string; date: string } | null {
  const words = readDatedStatusWords(text, ctx.vocabulary);
  const day = words === null ? null : readStatusDay(text, ctx.vocabulary);
  const date = day === null ? null : normaliseDate(day.value, { dayFirst: ctx.dayFirst });
  return words === null || date === null ? null : { status: words, date };
}

/** The tasks-folder index extractor. */
export const tasksFolderIndexExtractor: Extractor = {
  name: ExtractorName.tasksFolderIndex,
  describe: 'index lines `- [TASKnnn] Title - …`; the section heading is the status',
  extract(ctx) {
    const drafts = extractIndex(ctx);
    return drafts.length > 0 ? { drafts } : { drafts: [], note: 'no index lines (only placeholders such as `- (none)`, or lines without a task id outside status sections)' };
  },
};
