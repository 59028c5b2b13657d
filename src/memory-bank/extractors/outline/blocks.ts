/**
 * The blocks of one section, in order: lists go to the list-item convention, task tables become one task per
 * row, key/value tables and field paragraphs fill the owning task, anything else is text of the owning task.
 */
import type { Blockquote, Code, Html, List, Paragraph, RootContent } from 'mdast';
import { truncateForMessage } from '../../../core/errors.js';
import { boldLabelLine, endsBeyondAscii, plainLabelLine, readIndent, jsonLanguageSource, markLinePattern, quotationCalloutStart, taskCalloutStart, taskNameField, isTaskNameField, yamlItemKeySource, yamlLanguageSource } from '../../discover-patterns.js';
import { crossMarkChars, statusEmoji, type KnownStatus } from '../../vocabulary-data.js';
import { stripInlineMarkdown, type Vocabulary } from '../../vocabulary.js';
import { readEndLine, readLine, readMarginBox, readTableRows } from '../../markdown.js';
import { readBoldFieldLine, readFieldLine, readParagraphFields, type LineField } from '../fields.js';
import { closingCross, closingItemMark, namesOutcomes, namesReport, isStageWord, isStatusValue, isWhollyStatus, namesWork, readColonStatus, readInlineFields, readLineMarkers, readMarkedShare, statusLead, weighBoxColonStatus, weighBoxStatus } from '../text.js';
import { detectBoardTable, detectTaskTable, readBoardDrafts, readKeyValueTable, readTableDrafts, recordOutcomes } from '../tables.js';
import { applyInlineFields, applyStatusText, createDraft, setRefinedStatus, setStatus } from '../draft.js';
import { findDataTaskLists, readDataFile } from '../../data-file.js';
import { readDataItems } from '../data-list.js';
import type { DraftTask } from '../types.js';
import { crossMarks, hasCheckboxItem, namesTaskList, readMarkedTerm, walkList } from './lists.js';
import { applyLineFields, holdsItsKind, readPlainParagraphFields, readQuotedFields, readsAsPlainField } from './metadata.js';
import { nodeMarkdown, type Scope, type Walk } from './walk.js';

/** The status a paragraph of a few words alone on its line names as a section (`What's left`: todo), or null. */
function readPlainLabelStatus(walk: Walk, node: Paragraph): KnownStatus | null {
  // Read from its source line, which holds no mark of Markdown when it matches (its phrasing is not needed).
  const line = readLine(node);
  if (readEndLine(node) !== line) return null;
  const name = plainLabelLine.exec(dropLabelNote(walk.ctx.lines[line - 1] ?? ''))?.[1];
  return name === undefined ? null : walk.ctx.vocabulary.matchSection(name);
}

/** A label's note in parentheses before its colon dropped (`Needs follow-up (authoritative open items):` → `Needs follow-up:`). */
function dropLabelNote(text: string): string {
  return text.replace(/\s*[(（][^()（）]{1,80}[)）]\s*(?=[:：]\s*$)/u, '');
}

/** Whether a paragraph is one short line closing with a colon, a label over what follows (`Verified-complete (…):`). */
function isPlainLabel(walk: Walk, node: Paragraph): boolean {
  const line = readLine(node);
  return readEndLine(node) === line && plainLabelLine.test(dropLabelNote(walk.ctx.lines[line - 1] ?? '')) && /[:：]\s*$/u.test(walk.ctx.lines[line - 1] ?? '');
}

/** Walks a section's own blocks (before its first sub-heading); returns the drafts made at this level. */
export function walkBlocks(walk: Walk, nodes: readonly RootContent[], given: Scope): DraftTask[] {
  const { ctx, options } = walk;
  let scope = given;
  const made: DraftTask[] = [];
  let criteriaNext = false;
  // The list just walked and the drafts it made: a block quote flush under it may be its last item's note.
  let above: { list: List; made: DraftTask[] } | null = null;
  // The list under a label of a few words alone on its line (`What's left`, then `- Refund flow`), and its scope.
  let labelled: { list: RootContent; scope: Scope } | null = null;
  for (const [index, node] of nodes.entries()) {
    if (ctx.claimed.has(node)) continue;
    if (node.type === 'list') {
      const listed = walkList(walk, node, labelled?.list === node ? labelled.scope : scope, null, [], criteriaNext);
      labelled = null;
      made.push(...listed);
      above = { list: node, made: listed };
      criteriaNext = false;
      continue;
    }
    const note = node.type === 'blockquote' && above !== null ? findQuotedNoteOwner(above.list, above.made, node) : null;
    above = null;
    if (note !== null && node.type === 'blockquote') {
      readQuotedNote(walk, note, node);
      continue;
    }
    criteriaNext = false;
    if (node.type === 'table') {
      const rows = readTableRows(ctx.lines, node);
      const pairs = readKeyValueTable(rows, ctx.vocabulary);
      if (pairs !== null && scope.parent !== null) {
        // A pair written as the table's header row (`| Status | Blocked |`) sits on the table's first line.
        applyLineFields(walk, scope.parent, pairs.map((pair) => (pair.line === 0 ? { ...pair, line: readLine(node) } : pair)));
        ctx.claimed.add(node);
        continue;
      }
      if (pairs !== null) {
        // Under no task (`## Overview` over `| Status | In progress |` and `| Release | 2.4 |`) it describes what the
        // section is about: text, not a table of tasks.
        scope.sink?.push(nodeMarkdown(walk, node));
        continue;
      }
      // A board written as a table (`| To Do | In Progress | Done |`): a task per card, its column its status.
      const board = options.tables && !scope.criteria ? detectBoardTable(rows.header, ctx.vocabulary) : null;
      if (board !== null) {
        const cards = readBoardDrafts(ctx, node, board, { extractor: options.extractor, context: scope.context, parent: scope.parent, tableLine: readLine(node) });
        if (cards.length > 0) {
          ctx.claimed.add(node);
          made.push(...cards);
          walk.drafts.push(...cards);
          continue;
        }
      }
      if (options.tables && !scope.criteria) {
        const columns = detectTaskTable(rows.header, ctx.vocabulary, rows.rows.map((row) => row.cells), () => ctx.markMeanings);
        if (columns !== null) {
          const rowDrafts = readTableDrafts(ctx, node, columns, {
            extractor: options.extractor,
            context: scope.context,
            parent: scope.parent,
            sectionStatus: scope.sectionStatus,
            sectionPriority: scope.sectionPriority,
            tableLine: readLine(node),
          });
          if (rowDrafts.length > 0) {
            ctx.claimed.add(node);
            made.push(...rowDrafts);
            walk.drafts.push(...rowDrafts);
            continue;
          }
        }
      }
      scope.sink?.push(nodeMarkdown(walk, node));
      continue;
    }
    if (node.type === 'paragraph') {
      // A bold label alone on its line with its status after it, over a checklist (`**Phase 1: Foundation** ✅ DONE`
      // over `- [x] Wire the API client`): a group of the work, a task of that status, parent of the list's items.
      const over = nodes[index + 1];
      const group = options.checklists && !scope.criteria && over?.type === 'list' && hasCheckboxItem(walk, over) ? readStatedGroupLabel(walk, node) : null;
      if (group !== null && over !== undefined) {
        const line = readLine(node);
        const draft = createDraft(ctx, { extractor: options.extractor, line, title: group.title, sourceId: null, context: scope.context, parent: scope.parent });
        applyStatusText(ctx, draft, group.status, 'inline', line);
        ctx.claimed.add(node);
        walk.drafts.push(draft);
        made.push(draft);
        labelled = { list: over, scope: { ...scope, parent: draft, sink: draft.body, context: [...scope.context, group.title] } };
        continue;
      }
      // A few words alone over a list naming a status section (`What's left`, `Next steps:`, `À faire :`): that list's
      // section, as a heading's would be, where status sections make tasks of bullets (a bold label heads the blocks up
      // to the next label; words without marks, only the list under them).
      const next = nodes[index + 1];
      const labelStatus = options.sectionBullets && given.parent === null && next?.type === 'list' ? readPlainLabelStatus(walk, node) : null;
      if (labelStatus !== null && next !== undefined) {
        labelled = { list: next, scope: { ...given, sectionStatus: labelStatus } };
        continue;
      }
      // Another label of its own (`Verified-complete (no action required):`) ends a bold label's blocks (`**What
      // works:**` above): the list under it is not that label's.
      if (scope !== given && labelStatus === null && next?.type === 'list' && isPlainLabel(walk, node)) scope = given;
      const marked = readMarkLines(walk, node, scope);
      if (marked !== null) {
        made.push(...marked);
        continue;
      }
      // Under a heading task its fields may be written plainly too (`### Write the importer` over `Status: In Progress`).
      const ownsFields = scope.parent !== null && scope.parent !== ctx.documentTask;
      const block = ownsFields || scope.criteria ? null : readFieldBlockTask(walk, node, scope);
      if (block !== null) {
        made.push(block);
        continue;
      }
      const fields = readParagraphFields(ctx.lines, node, ctx.vocabulary) ?? (ownsFields ? readPlainParagraphFields(walk, node) : null);
      if (fields !== null) {
        const label = fields.length === 1 && fields[0] !== undefined && fields[0].value === '' ? fields[0] : null;
        if (label !== null) {
          if (ctx.vocabulary.isCriteriaLabel(label.name)) {
            criteriaNext = true;
            scope.sink?.push(nodeMarkdown(walk, node));
            continue;
          }
          // A bold label alone over a list (`**Completed:**`, `**Next Steps:**`) heads the blocks after it as a status
          // heading would, up to the next label: where status sections make tasks of bullets, outside any task (inside
          // one, `**Next Steps:**` is part of its plan).
          const bold = boldLabelLine.test(ctx.lines[readLine(node) - 1] ?? '');
          if (bold && namesReport(label.name)) {
            // One naming what the work changed or how it went (`**Files changed:**`, `**Key achievements:**`,
            // `**Metrics:**`) reports, as a sub-heading naming outcomes does: its bullets are text (a heading task's body),
            // up to the next label.
            scope = { ...given, sectionStatus: null, heading: label.name };
            scope.sink?.push(nodeMarkdown(walk, node));
          } else if (options.sectionBullets && given.parent === null && bold) {
            // One naming a list of work (`**Tasks**:`, `**任務**:`, `**Aufgaben:**` under a phase of a plan) heads work not
            // started, as `## Tasks` would.
            const status = ctx.vocabulary.matchSection(label.name) ?? (namesTaskList(label.name) ? 'todo' : null);
            scope = status === null ? given : { ...given, sectionStatus: status };
          }
          continue;
        }
        if (ownsFields && scope.parent !== null) {
          applyLineFields(walk, scope.parent, fields);
          ctx.claimed.add(node);
          continue;
        }
        // Fields closing with a label naming a list of work (`**Goal**: unify the types` over `**Tasks**:`, a plan's phase):
        // the list after them is work not started.
        const last = fields[fields.length - 1];
        if (options.sectionBullets && given.parent === null && last !== undefined && last.value === '' && namesTaskList(last.name)) {
          scope = { ...given, sectionStatus: 'todo' };
          scope.sink?.push(nodeMarkdown(walk, node));
        }
        continue;
      }
      scope.sink?.push(nodeMarkdown(walk, node));
      continue;
    }
    if (node.type === 'blockquote' && isTaskCallout(walk, node)) {
      // An Obsidian callout of tasks (`> [!todo] Sprint 3` over `> - [ ] Ship it`): its title line is text, its
      // blocks are read as the section's own.
      const [title, ...blocks] = node.children;
      if (title !== undefined) scope.sink?.push(nodeMarkdown(walk, title));
      made.push(...walkBlocks(walk, blocks, scope));
      continue;
    }
    if (node.type === 'blockquote' && options.checklists && !scope.criteria && !isQuotation(walk, node) && node.children.some((child) => child.type === 'list' && hasCheckboxItem(walk, child))) {
      // A checklist quoted (`> - [ ] Rotate the keys`, under a note's first line or a GitHub alert's `> [!IMPORTANT]`):
      // its lists of checkboxes are the section's, as a callout of tasks' are; the quote's other blocks stay text. Not
      // in a callout of quoted material (`> [!quote] From the kickoff`): someone else's words.
      for (const child of node.children) {
        if (child.type === 'list' && hasCheckboxItem(walk, child)) made.push(...walkList(walk, child, scope, null, [], false));
        else scope.sink?.push(nodeMarkdown(walk, child));
      }
      continue;
    }
    if (node.type === 'blockquote' && scope.parent !== null && scope.parent !== ctx.documentTask && !isQuotation(walk, node)) {
      // A heading task's fields quoted under it (`### Billing page` over `> **Status:** In progress`, `> Owner: Sam`): its
      // fields, as the same lines unquoted are; the quote's other lines its body.
      if (readQuotedFields(walk, node).fields.some((field) => holdsItsKind(walk, field))) {
        readQuotedNote(walk, scope.parent, node);
        continue;
      }
    }
    if (node.type === 'thematicBreak') {
      // A rule ends a heading task's own blocks: what follows is not its subtask (see `Scope.outer`).
      if (scope.outer !== undefined) scope = scope.outer;
      continue;
    }
    if (node.type === 'definition') continue;
    if (node.type === 'code' && (options.checklists || options.inlineStatusBullets) && !scope.criteria) {
      const listed = readFencedTaskList(walk, node, scope);
      if (listed !== null) {
        made.push(...listed);
        continue;
      }
    }
    if (node.type === 'code') reportIndentedChecklist(walk, node);
    if (node.type === 'html') reportHtmlChecklist(walk, node);
    scope.sink?.push(nodeMarkdown(walk, node));
  }
  return made;
}

/**
 * A paragraph of field lines naming a task and stating its status (`**Task:** Rotate the API keys` over `**Status:** In
 * progress` and `**Owner:** Sam`, or written plainly, `Task: …` over `Status: Done`), as a tracker's export or a
 * hand-kept log writes its tasks one block each: the task, its other lines its fields (each a known field holding a
 * value of its kind, a status among them). Null for any other paragraph.
 */
function readFieldBlockTask(walk: Walk, node: Paragraph, scope: Scope): DraftTask | null {
  const { ctx, options } = walk;
  const first = readLine(node);
  const last = readEndLine(node);
  if (last === first) return null;
  let name: { word: string; title: string; line: number } | null = null;
  const fields: LineField[] = [];
  for (let line = first; line <= last; line++) {
    const text = (ctx.lines[line - 1] ?? '').replace(/\\$|\s{2,}$/u, '');
    if (text.trim() === '') continue;
    const named: RegExpExecArray | null = name === null ? taskNameField.exec(text) : null;
    if (named?.[2] !== undefined) {
      name = { word: named[1] ?? '', title: named[2], line };
      continue;
    }
    // A bold field is one whatever it holds (`**Notes:** fixed in #12`); a plain one must be known and hold a value of
    // its kind where it has one (`Owner: Sam`, `Description: …`; `Reminder: the staging database…` is prose).
    const bold = readBoldFieldLine(text, line);
    const read = bold ?? readFieldLine(text, line, ctx.vocabulary);
    if (read === null || (bold === null && !read.every((field) => readsAsPlainField(walk, field)))) return null;
    // The name among bold fields written across the line (`**Ticket ID:** SEC-001 **Title:** Fix the salt`).
    const titled: LineField | undefined = name === null && bold !== null && bold.length > 1 ? bold.find((field) => field.value !== '' && isTaskNameField(field.name)) : undefined;
    if (titled !== undefined) {
      name = { word: titled.name, title: titled.value, line };
      fields.push(...read.filter((field) => field !== titled));
      continue;
    }
    fields.push(...read);
  }
  if (name === null) return null;
  const stated = fields.some((field) => ctx.vocabulary.matchField(field.name) === 'status' && holdsItsKind(walk, field));
  // Without a status, a block naming work (`**Task:**`, not `Title:`) and who does it or by when (`**Owner:** Lee`,
  // `**Due:** 2025-07-01`) is work not started, as a `| Task | Owner | Due |` table's row is.
  const assigned = !stated && !untitledWork.test(name.word) && fields.some((field) => assignedFields.has(ctx.vocabulary.matchField(field.name) ?? '') && holdsItsKind(walk, field));
  if (!stated && !assigned) return null;
  const draft = createDraft(ctx, { extractor: options.extractor, line: name.line, title: name.title, sourceId: null, context: scope.context, parent: scope.parent });
  if (scope.sectionStatus !== null) setStatus(ctx, draft, scope.sectionStatus, null, 'section', name.line);
  applyLineFields(walk, draft, fields);
  ctx.claimed.add(node);
  walk.drafts.push(draft);
  return draft;
}

/** The name fields that title anything (`Title:`), a document as often as work: its block needs a status to be a task. */
const untitledWork = /^title$/iu;
/** The fields saying who does the work or by when, which make a block naming work a task without a status. */
const assignedFields: ReadonlySet<string> = new Set(['owner', 'due']);

/** A code block's language naming YAML (```` ```yaml ````, ```` ```yml ````) or JSON (```` ```json ````). */
const yamlLanguage = new RegExp(`^${yamlLanguageSource}$`, 'iu');
const jsonLanguage = new RegExp(`^${jsonLanguageSource}$`, 'iu');
/** A key a YAML item states its status with, a status or a done flag (`status: done`, `- done: true`), on any line. */
const yamlStatusKey = new RegExp(String.raw`${yamlItemKeySource}(?:status|state|done|completed|checked)[ \t]*:`, 'imu');
/** The same key in a JSON item (`"status": "done"`, `"done": true`). */
const jsonStatusKey = /"(?:status|state|done|completed|checked)"\s*:/iu;

/**
 * A task list written as YAML in a fenced block (```` ```yaml ```` over `tasks:` and `- title: … status: done` items), as
 * a task list kept in a YAML file is read (`data-list.ts`): each titled item with a status a task keyed by its `id`, its
 * `subtasks:` its subtasks, at its own line of the file; write-back writes its `status:` line. Null for any other block
 * (a block that is no YAML, holds no list of titled items with statuses, or one item alone, an example of the format,
 * stays text); a block holding status keys that is no valid YAML is reported, its items not read.
 */
function readFencedTaskList(walk: Walk, node: Code, scope: Scope): DraftTask[] | null {
  const { ctx } = walk;
  const format = node.lang == null ? null : yamlLanguage.test(node.lang) ? 'yaml' : jsonLanguage.test(node.lang) ? 'json' : null;
  if (format === null || !(format === 'yaml' ? yamlStatusKey : jsonStatusKey).test(node.value)) return null;
  // The block's lines where the file has them: as many empty lines before its first as the file has up to its fence.
  const fence = readLine(node);
  const read = readDataFile(format, '\n'.repeat(fence) + node.value);
  const name = format === 'yaml' ? 'YAML' : 'JSON';
  if (!read.ok) {
    ctx.report({
      severity: 'warning',
      code: format === 'yaml' ? 'fenced-yaml-invalid' : 'fenced-json-invalid',
      line: read.problem.line ?? fence,
      message: `the ${name} block at line ${fence} states statuses but is ${read.problem.message}, so its items were not read as tasks`,
      received: read.problem.received,
      fix: format === 'yaml' ? 'mend the YAML (indentation, quotes around values holding a colon), or write the items as a checklist' : 'mend the JSON (a comma between items, none after the last, keys in double quotes), or write the items as a checklist',
    });
    return null;
  }
  const found = findDataTaskLists(read.root, ctx.vocabulary, '');
  // One item alone is an example of the format (`- title: Example task` / `status: todo`), as discovery counts two.
  if (found.lists.reduce((count, { list }) => count + list.items.length, 0) < 2) return null;
  const made: DraftTask[] = [];
  for (const { label, list } of found.lists) {
    const where = label === '' ? `the ${name} block at line ${fence}` : `\`${label}\` (line ${list.line})`;
    made.push(...readDataItems(ctx, list.items, { where, parent: scope.parent, context: label === '' ? scope.context : [...scope.context, label], statusFrom: 'frontmatter-item' }));
  }
  walk.drafts.push(...made);
  ctx.claimed.add(node);
  return made;
}

/** A list item indented four spaces or a tab (what Markdown reads as code there); group 1 its box, when it has one. */
const indentedItem = /^(?: {4}|\t)[ \t]*(?:[-*+]|\d{1,9}[.)])[ \t]+(?:\[([^\]\n]{0,2})\][ \t]+)?\S/u;

/**
 * A checklist indented four spaces or a tab where a list could start (`    - [ ] Ship it` after a blank line): Markdown
 * reads it as a code block, so its items are not tasks — reported, never dropped unseen. Only a block whose every line
 * is a list item, with a box among them (an example of the syntax is written in a fence).
 */
function reportIndentedChecklist(walk: Walk, node: Code): void {
  const { ctx } = walk;
  const first = readLine(node);
  const last = readEndLine(node);
  let boxes = 0;
  for (let line = first; line <= last; line++) {
    const text = ctx.lines[line - 1] ?? '';
    if (text.trim() === '') continue;
    const item = indentedItem.exec(text);
    if (item === null) return;
    if (item[1] !== undefined && ctx.vocabulary.matchCheckbox(item[1]) !== null) boxes++;
  }
  if (boxes === 0) return;
  ctx.report({
    severity: 'warning',
    code: 'checklist-as-code',
    line: first,
    message: `the checklist on ${first === last ? `line ${first}` : `lines ${first}–${last}`} (${boxes} ${boxes === 1 ? 'box' : 'boxes'}) is indented four spaces or a tab, which Markdown reads as a code block, so its items are not read as tasks`,
    received: truncateForMessage((ctx.lines[first - 1] ?? '').trim()),
    fix: 'indent the list less than four spaces (or not at all) to make its items tasks; an example of the syntax belongs in a ``` fence',
  });
}

/** An HTML list item opening with a box or a checkbox input (`<li>[ ] Ship it</li>`, `<li><input type="checkbox"> …`). */
const htmlCheckboxItem = /<li\b[^>]*>\s*(?:\[[ xX]\]|<input\b[^>]*\btype\s*=\s*["']?checkbox\b)/giu;

/**
 * Checklist items written in HTML (`<li>[ ] Write the changelog</li>`, `<li><input type="checkbox" checked> Deploy</li>`):
 * membank reads Markdown, so they are not tasks — reported with their lines, never dropped unseen.
 */
function reportHtmlChecklist(walk: Walk, node: Html): void {
  // The tag in any case (`<li>`, `<LI>`, `<Li>`), as the pattern reads it.
  if (!/<li\b/iu.test(node.value)) return;
  const boxes = [...node.value.matchAll(htmlCheckboxItem)];
  if (boxes.length === 0) return;
  const { ctx } = walk;
  const first = readLine(node);
  const last = readEndLine(node);
  const offset = boxes[0]?.index ?? 0;
  const line = first + (node.value.slice(0, offset).match(/\n/gu)?.length ?? 0);
  ctx.report({
    severity: 'warning',
    code: 'checklist-in-html',
    line,
    message: `the HTML block on ${first === last ? `line ${first}` : `lines ${first}–${last}`} holds ${boxes.length} checklist ${boxes.length === 1 ? 'item, which is' : 'items, which are'} not read as tasks (membank reads Markdown, not HTML)`,
    received: truncateForMessage((ctx.lines[line - 1] ?? '').trim()),
    fix: 'write each as a Markdown checklist item (`- [ ] …`, `- [x] …`) to make them tasks',
  });
}

/** A line led by a cross (`❌ Offline sync`; the crosses lists.ts reads as marks): group 1 the cross, group 2 the text. */
const crossLine = new RegExp(`^([${crossMarkChars}])\\uFE0F?\\s+(\\S.*?)\\s*$`, 'u');

/** A line of a paragraph that is a label (`**Next steps:**`, `Remaining work:`, `Website:`): group 1 its name. */
const paragraphLabel = /^ {0,3}(?:\*\*|__)?([^*_:：\n]{1,60}?)\s*(?:[:：](?:\*\*|__)?|(?:\*\*|__)[:：])\s*$/u;
/** Most words a label opening a checklist paragraph holds: more is a sentence ending in a colon. */
const maxLabelWords = 6;

/** A paragraph line that is a label (`**Done:**`, `Website:`): the status it names, null for none; undefined when it is no label. */
function readLabelStatus(walk: Walk, line: string): KnownStatus | null | undefined {
  const name = paragraphLabel.exec(line)?.[1]?.trim();
  if (name === undefined || name.split(/\s+/u).length > maxLabelWords) return undefined;
  const status = walk.ctx.vocabulary.matchSection(name);
  // A marked line ending in a colon is a label only when it names a status (`✅ Completed:`); else it is an item
  // (`⏳ Decide between the two hosts:`, `❌ Drop the old host:`).
  const marked = markLinePattern.test(line.trimStart()) || crossLine.test(line.trimStart());
  return status === null && marked ? undefined : status;
}

/**
 * A paragraph of one line, a bold label and its status after it (`**Phase 1: Foundation** ✅ DONE`, `**Phase 2** —
 * 🔄 IN PROGRESS`, `**Этап 3** (завершено)`): the label and the status as written; null for any other paragraph.
 */
function readStatedGroupLabel(walk: Walk, node: Paragraph): { title: string; status: string } | null {
  const line = readLine(node);
  if (readEndLine(node) !== line) return null;
  const match = statedGroupLabel.exec(walk.ctx.lines[line - 1] ?? '');
  const title = match?.[2] === undefined ? '' : stripInlineMarkdown(match[2]).trim();
  const status = match?.[3]?.trim().replace(/^[(（](.*)[)）]$/u, '$1').trim();
  if (title === '' || status === undefined || status === '' || walk.ctx.vocabulary.matchField(title) !== null || !isWhollyStatus(status, walk.ctx.vocabulary)) return null;
  return { title, status };
}
/** A bold label and what follows it on its line, after a spaced dash or a colon or not: groups 2 and 3. */
const statedGroupLabel = /^\s{0,3}(\*\*|__)([^*_\n]{1,120}?)\1\s*(?:[-–—:：]\s*)?(\S.*?)\s*$/u;

/**
 * A paragraph whose every line is led by a checkbox at the margin (`[ ] Book the venue` over `[x] Send the invites`),
 * a checkbox-like mark (`✅ Auth flow` over `⏳ Dark mode`) or a status word in capitals (`TODO: Write the guide` over
 * `DONE: Set up CI`): a checklist written without bullets, one task per line, its box, mark or word its status — as
 * marked list items are, only when a box or an open mark is among them (lines of ✅ alone are a summary of results;
 * beside an open one a cross is a mark too). A box is one the vocabulary knows (`[1] Smith et al.` is a reference,
 * `[x](…)` a link). Lines may be indented, and labels among them (`**Next steps:**`, `Website:`) head the lines after
 * them, a label's status refining an open box; each line's priority, due date, owner and tags are read as on a list
 * item. Null for any other paragraph.
 */
function readMarkLines(walk: Walk, node: Paragraph, scope: Scope): DraftTask[] | null {
  const { ctx, options } = walk;
  if (!(options.checklists || options.inlineStatusBullets) || scope.criteria) return null;
  const last = readEndLine(node);
  let first = readLine(node);
  // A label opening the paragraph (`**Next steps:**`, `Website:`) heads its lines, as a bold label heads a list.
  // The status of the label over the lines read (`In progress:`), null when it names none; undefined when there is none.
  const openingLabel = first < last ? readLabelStatus(walk, ctx.lines[first - 1] ?? '') : undefined;
  if (openingLabel !== undefined) first++;
  const opening = (ctx.lines[first - 1] ?? '').trimStart();
  // Words are tried only on a paragraph opening with two capitals (most paragraphs are prose); lines closing with their
  // status only on one of two lines or more whose first closes so, where status bullets make tasks.
  const words = isCapital(opening.charCodeAt(0)) && isCapital(opening.charCodeAt(1));
  const closed = options.inlineStatusBullets && first < last && !namesOutcomes(scope.heading) && readStatusClosedLine(walk, opening) !== null;
  if (opening.charCodeAt(0) <= 127 && !words && !closed && !opening.startsWith('[') && !opening.startsWith('**') && !opening.startsWith('__')) return null;
  let sectionStatus = openingLabel ?? null;
  const items: { line: number; mark: string; text: string; box: KnownStatus | null; sectionStatus: KnownStatus | null; note?: string; share?: number; refines?: string; indent?: number }[] = [];
  // A box, or a mark or word that is not done, among the lines: a checklist, not a summary of results.
  let checklist = false;
  let closedLines = 0;
  for (let line = first; line <= last; line++) {
    // A line of a paragraph may be indented (`Website:` over `  ☐ Redesign the landing page`): its text is the same.
    const text = (ctx.lines[line - 1] ?? '').replace(/\\$/u, '').trimStart();
    if (text.trim() === '') continue;
    const boxed = readMarginBox(text);
    const box = boxed === null ? null : ctx.vocabulary.matchCheckbox(boxed.mark);
    if (boxed !== null && box !== null) {
      checklist = true;
      // A status closing the line is weighed against the box as on a list item (`[ ] 2.3F Verification — in progress`:
      // the item's own; `[x] Search — done`: off the title; `[x] Release notes — pending` disagrees and stays title).
      const closing = weighClosingStatus(boxed.text, box, ctx.vocabulary);
      items.push({
        line,
        mark: `[${boxed.mark}]`,
        text: stripInlineMarkdown(closing.text).trim(),
        box,
        sectionStatus,
        indent: readIndent(ctx.lines[line - 1] ?? '', 4),
        ...(closing.note === null ? {} : { note: closing.note }),
        ...(closing.refines === null ? {} : { refines: closing.refines }),
      });
      continue;
    }
    // Another label among the lines (`**Done:**` over `✅ …`, then `**Next:**` over `⏳ …`) heads the lines after it.
    const next = line < last && /[:：*_]\s*$/u.test(text) ? readLabelStatus(walk, text) : undefined;
    if (next !== undefined) {
      sectionStatus = next;
      continue;
    }
    const match = markLinePattern.exec(text);
    if (match?.[1] !== undefined && match[2] !== undefined) {
      if (statusEmoji[match[1]] !== 'done') checklist = true;
      items.push({ line, mark: match[1], text: stripInlineMarkdown(match[2]).trim(), box: null, sectionStatus });
      continue;
    }
    // A cross (`❌ Offline sync`, `✘ Drop the old blog`) is a mark beside open ones, as in a list; alone, crosses and
    // ticks are do's and don'ts (`✅ Use pnpm` over `❌ Commit generated files`): it makes no checklist by itself.
    const cross = crossLine.exec(text);
    if (cross?.[1] !== undefined && cross[2] !== undefined) {
      items.push({ line, mark: cross[1], text: stripInlineMarkdown(cross[2]).trim(), box: null, sectionStatus });
      continue;
    }
    // A bold term and its status opening with a mark (`**Search API**: 🔄 In Progress`), as on a list item.
    const termed = text.startsWith('**') || text.startsWith('__') ? readMarkedTerm(walk, text) : null;
    if (termed !== null) {
      if (!crossMarks.has(termed.mark) && statusEmoji[termed.mark] !== 'done') checklist = true;
      const note = isWhollyStatus(termed.value, ctx.vocabulary) ? undefined : termed.value;
      items.push({ line, mark: termed.value, text: termed.title, box: null, sectionStatus, ...(note === undefined ? {} : { note }) });
      continue;
    }
    const lead = words ? statusLead.exec(text) : null;
    const word = lead?.[2]?.trim();
    if (lead !== null && word !== undefined && isStatusValue(word, ctx.vocabulary)) {
      if (ctx.vocabulary.matchStatus(word).canonical !== 'done') checklist = true;
      items.push({ line, mark: word, text: stripInlineMarkdown(text.slice(lead[0].length)).trim(), box: null, sectionStatus });
      continue;
    }
    // A line closing with its status (`Login page — done`, `Offline mode: done`), as a bullet without a box may: a
    // status list written without bullets, its lines all done or not.
    const ended = closed ? readStatusClosedLine(walk, text) : null;
    if (ended === null) return null;
    // A closing cross is a mark beside open ones, as a leading one is (above), not one by itself.
    if (!ended.mark || (statusEmoji[ended.status] !== 'done' && !crossMarks.has(ended.status))) checklist = true;
    closedLines++;
    items.push({ line, mark: ended.status, text: ended.title, box: null, sectionStatus, ...(ended.note === null ? {} : { note: ended.note }), ...(ended.share === null ? {} : { share: ended.share }) });
  }
  // One line closing with a status is a sentence (`Phase one — complete`), not a list; lines closing with test outcomes
  // (`Build: passing` over `Lint: failing`) record checks, not work.
  if (!checklist || items.length === 0 || (closedLines > 0 && (items.length < 2 || recordOutcomes(items.map((item) => item.mark))))) return null;
  const made: DraftTask[] = [];
  // A box line indented under another (`[] Set up the schemas` over `    [] Add the config`) is its subtask, as a nested
  // list item is: the boxes written without bullets nest by their indentation.
  const open: { indent: number; draft: DraftTask; context: readonly string[] }[] = [];
  for (const item of items) {
    // A priority, due date, owner or tags written on the line (`☐ Redesign the landing page @high`), as on a list item.
    const markers = readLineMarkers(item.text, ctx.vocabulary, (ctx.lines[item.line - 1] ?? '').includes('`'));
    while (item.indent !== undefined && open.length > 0 && (open.at(-1)?.indent ?? 0) >= item.indent) open.pop();
    const above = item.indent === undefined ? undefined : open.at(-1);
    const context = above === undefined ? scope.context : [...above.context, above.draft.title];
    const draft = createDraft(ctx, {
      extractor: options.extractor,
      line: item.line,
      title: markers?.rest ?? item.text,
      sourceId: null,
      context,
      parent: above?.draft ?? scope.parent,
    });
    if (item.indent !== undefined) open.push({ indent: item.indent, draft, context });
    else open.length = 0;
    // Under a label naming a status the box cannot say (`In progress:` over `[ ] Wire the export`), the label's.
    const labelRefines = item.box === 'todo' && item.sectionStatus !== null && item.sectionStatus !== 'done' && item.sectionStatus !== 'todo';
    if (labelRefines && item.sectionStatus !== null) setStatus(ctx, draft, item.sectionStatus, null, 'section', item.line);
    else if (item.box !== null) setStatus(ctx, draft, item.box, item.mark, 'checkbox', item.line);
    // A cross with a cancelled tag (Todo+'s `✘ Drop the old blog @cancelled(…)`) was dropped, not blocked.
    else if (crossMarks.has(item.mark) && markers?.tagStatus === 'cancelled') setStatus(ctx, draft, 'cancelled', item.mark, 'inline', item.line);
    else applyStatusText(ctx, draft, item.mark, 'inline', item.line);
    if (item.refines !== undefined) setRefinedStatus(ctx, draft, item.refines);
    if (markers !== null) {
      applyInlineFields(ctx, draft, markers.fields, item.line);
      if (markers.commits.length > 0) draft.extra.commit = markers.commits.join(', ');
    }
    if (item.note !== undefined) draft.body.push(item.note);
    if (item.share !== undefined) draft.percentDone ??= item.share;
    made.push(draft);
    walk.drafts.push(draft);
  }
  ctx.claimed.add(node);
  return made;
}

/**
 * A box's text at the margin weighed against the box for a status closing it, as a list item's is (`weighBoxStatus`,
 * `weighBoxColonStatus`): the title, a note after the status, and the status when it refines the open box.
 */
function weighClosingStatus(text: string, box: KnownStatus, vocabulary: Vocabulary): { text: string; note: string | null; refines: string | null } {
  const read = readInlineFields(text, vocabulary);
  if (read.fields.length > 0) return { text, note: null, refines: null };
  if (read.status !== null) {
    const weighed = weighBoxStatus(read, box, null, vocabulary, () => readInlineFields(text, vocabulary, { bareStatus: false }));
    return weighed.inline.status === null ? { text: weighed.inline.rest, note: weighed.inline.note, refines: weighed.refines } : { text, note: null, refines: null };
  }
  const colon = weighBoxColonStatus(read, box, vocabulary);
  return colon === null ? { text, note: null, refines: null } : { text: colon.inline.rest, note: colon.inline.note, refines: colon.refines };
}

/**
 * A line of a paragraph closing with its status as a bullet without a box may (`Login page — done`, `Offline mode:
 * done`, `Dark theme (todo)`, `Password reset — blocked (waiting on the mail provider)`, `1.2 Write the API 🔄`, a share
 * done after the mark, `🔄 60%`, or a cross, `❌`): its title, the status, a note after it, and whether it is a mark (marks
 * make a checklist only beside an open one); null when the line closes with none, with fields beside it, with a stage word (`Dana —
 * design`), after a bold term (`**Build:** Passed` defines) or a field's name, or when its title names no work.
 */
function readStatusClosedLine(walk: Walk, text: string): { title: string; status: string; note: string | null; mark: boolean; share: number | null } | null {
  const { vocabulary } = walk.ctx;
  const shared = readMarkedShare(text);
  const rest = shared?.rest ?? text;
  const mark = endsBeyondAscii(rest) ? (closingItemMark.exec(rest) ?? closingCross.exec(rest)) : null;
  if (mark?.[1] !== undefined) {
    const title = stripInlineMarkdown(rest.slice(0, mark.index)).trim();
    return namesWork(title, vocabulary) ? { title, status: mark[1], note: null, mark: true, share: shared?.share ?? null } : null;
  }
  const inline = readInlineFields(text, vocabulary);
  if (inline.fields.length > 0) return null;
  const bold = text.startsWith('**') || text.startsWith('__');
  const read = inline.status !== null ? inline : bold ? null : readColonStatus(inline.rest, vocabulary);
  if (read === null || read.status === null || isStageWord(read.status)) return null;
  const title = stripInlineMarkdown(read.rest).trim();
  return namesWork(title, vocabulary) ? { title, status: read.status, note: read.note, mark: false, share: null } : null;
}

/**
 * The task a block quote written flush under a list is the note of (Task Magic's `- [ ] **ID 2: Chart**` over
 * `> Dependencies: 1` and `> A 48-hour curve.`): the list's last item, when it is a task and no blank line comes
 * between. Null otherwise (a quote after a blank line, or under an item that is not a task, is the section's text).
 */
function findQuotedNoteOwner(list: List, made: readonly DraftTask[], quote: Blockquote): DraftTask | null {
  const last = list.children[list.children.length - 1];
  if (last === undefined || readLine(quote) !== readEndLine(list) + 1) return null;
  const line = readLine(last);
  return made.find((draft) => draft.line === line) ?? null;
}

/**
 * Reads a task's quoted note: its opening field lines (`Dependencies: 1`, `**Owner:** Sam`) fill the task's fields,
 * the rest is its body, as the same lines nested under the item would be.
 */
function readQuotedNote(walk: Walk, draft: DraftTask, quote: Blockquote): void {
  const { fields, text } = readQuotedFields(walk, quote);
  applyLineFields(walk, draft, fields);
  if (text !== '') draft.body.push(text);
  walk.ctx.claimed.add(quote);
}

function isCapital(code: number): boolean {
  return code >= 0x41 && code <= 0x5a;
}

/** Whether a block quote is an Obsidian callout of quoted material (`> [!quote]`, `> [!cite]`, `> [!example]`). */
function isQuotation(walk: Walk, node: Blockquote): boolean {
  return quotationCalloutStart.test(walk.ctx.lines[readLine(node) - 1] ?? '');
}

/** Whether a block quote is an Obsidian callout of tasks, by its first line as written, and opens with its title. */
function isTaskCallout(walk: Walk, node: Blockquote): boolean {
  const first = node.children[0];
  return first?.type === 'paragraph' && taskCalloutStart.test(walk.ctx.lines[readLine(node) - 1] ?? '');
}
