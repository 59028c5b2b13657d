/**
 * The outline walker shared by the Markdown list extractors (checklist, section list, cursor tasks, roadmap):
 * it walks the section tree and turns checklist items, status-section bullets, bullets with inline statuses,
 * marked headings and task tables into drafts, keeping nesting as parents. Acceptance criteria, legends and
 * metadata bullets never become tasks: they go to the body (or fields) of the task they belong to.
 */
import type { List, ListItem, RootContent } from 'mdast';
import type { ExtractorNameValue } from '../../core/source-file.js';
import type { KnownStatus } from '../vocabulary-data.js';
import { headingStatusEmoji, statusEmoji } from '../vocabulary-data.js';
import {
  readEndLine,
  readLine,
  readListItemHead,
  readTableRows,
  sliceLines,
  type Section,
} from '../markdown.js';
import { normaliseDate, stripInlineMarkdown } from '../vocabulary.js';
import {
  addLabels,
  applyField,
  applyInlineFields,
  applyStatusText,
  cleanFieldName,
  createDraft,
  deriveStatusFromChildren,
  setStatus,
} from './draft.js';
import { readParagraphFields, type LineField } from './fields.js';
import { detectTaskTable, readKeyValueTable, readTableDrafts } from './tables.js';
import { isBankWideId, isStatusValue, readInlineFields, readLeadingBoldField, splitLeadingId } from './text.js';
import type { DraftTask, ExtractorContext, ExtractorOutput } from './types.js';

/** What the walker turns into tasks. */
export interface OutlineOptions {
  extractor: ExtractorNameValue;
  /** Checkbox items (`- [ ]`, `[x]`, `[-]`, `[~]`, `[✅]`) become tasks. */
  checklists: boolean;
  /** Plain top-level bullets under status sections (`## Completed Tasks`, `## What's Left`) become tasks. */
  sectionBullets: boolean;
  /**
   * Headings that become tasks: `marked` = a source id, a status suffix or emoji, `Next:`/`Task:` prefixes;
   * `pattern` = roadmap headings `Task N:` / `Milestone N:`; `none`.
   */
  headingTasks: 'none' | 'marked' | 'pattern';
  /** Bullets with an inline status (`(Status: pending)`, `- in progress`) become tasks. */
  inlineStatusBullets: boolean;
  /** Bold bullets that start with an id (`- **Task 36: …**`) become tasks. */
  boldIdBullets: boolean;
  /** Task tables become one task per row. */
  tables: boolean;
  /** A heading with metadata bullets (`- **Priority**: High`) over task items becomes their parent task. */
  groupHeadings: boolean;
}

interface Scope {
  context: string[];
  sectionStatus: KnownStatus | null;
  sectionPriority: number | null;
  parent: DraftTask | null;
  sink: string[] | null;
  criteria: boolean;
}

interface HeadingInfo {
  isTask: boolean;
  id: string | null;
  title: string;
  statusRaw: string | null;
}

const taskishFields = new Set(['status', 'priority', 'owner', 'due', 'done', 'start']);
const roadmapHeading = /^(?:task|milestone|deliverable|epic|story)\s+#?\d+(?:\.\d+)*\s*[:.\-–—]/iu;
const nextPrefix = /^(?:next|up next|nächste|nächster|prochaine|siguiente|следующая|следующий|下一个|次)\s*[:：]\s*/iu;
const taskPrefix = /^(?:new\s+task|task|aufgabe|tâche|tarea|задача|任务)\s*[:：]\s*/iu;
const timestampLead = /^\[?(\d{4}-\d{2}-\d{2}[ T]\d{1,2}:\d{2}(?::\d{2})?)\]?\s*[-–—:]\s*/u;
const acceptanceItem = /^(?:\*\*)?AC[-\s]?\d+(?:\*\*)?\s*[:.)]/iu;
const headingEmojiClass = headingStatusEmoji.join('');
const trailingEmoji = new RegExp(`\\s*([${headingEmojiClass}])\\uFE0F?\\s*([^${headingEmojiClass}]{0,24})$`, 'u');
const trailingMention = /\s*[(（]\s*\[?([A-Z][A-Z0-9]*(?:-[A-Z]+)*-?\d{2,}[A-Za-z]?)\]?\s*[)）]\s*$/u;
const itemStatusEmoji = new RegExp(`^(${Object.keys(statusEmoji).join('|')})\\uFE0F?\\s+`, 'u');
const leadingEmoji = new RegExp(`^([${headingEmojiClass}])\\uFE0F?\\s*`, 'u');

/** Walks a Markdown file with the given options and returns its drafts. */
export function extractOutline(ctx: ExtractorContext, options: OutlineOptions): ExtractorOutput {
  const drafts: DraftTask[] = [];
  const root = ctx.sections;
  const h1Count = ctx.tree.children.filter((node) => node.type === 'heading' && node.depth === 1).length;
  const start: Scope = {
    context: [],
    sectionStatus: null,
    sectionPriority: null,
    parent: ctx.documentTask,
    sink: null,
    criteria: false,
  };

  function classifyHeading(raw: string, depth: number): HeadingInfo {
    let text = stripInlineMarkdown(raw).trim();
    let statusRaw: string | null = null;
    let marked = false;
    const next = nextPrefix.exec(text);
    if (next !== null) {
      statusRaw = 'Next';
      text = text.slice(next[0].length);
    }
    const prefix = taskPrefix.exec(text);
    if (prefix !== null) {
      marked = true;
      text = text.slice(prefix[0].length);
    }
    const lead = leadingEmoji.exec(text);
    if (lead?.[1] !== undefined) {
      statusRaw = statusRaw ?? lead[1];
      text = text.slice(lead[0].length);
    }
    const trail = trailingEmoji.exec(text);
    if (trail?.[1] !== undefined && (trail[2] === undefined || trail[2].trim() === '' || isStatusValue(trail[2], ctx.vocabulary))) {
      statusRaw = `${trail[1]}${trail[2] !== undefined && trail[2].trim() !== '' ? ` ${trail[2].trim()}` : ''}`;
      text = text.slice(0, trail.index).trim();
    }
    const inline = readInlineFields(text, ctx.vocabulary);
    if (inline.status !== null) {
      statusRaw = inline.status;
      text = inline.rest;
    }
    const split = splitLeadingId(text, 'loose');
    const id = split.id !== null && (/[-_\s]/u.test(split.id) || /\d{3,}/u.test(split.id)) ? split.id : null;
    // A leading ordinal (`### 1. Redis Persistence Error`) is numbering, not identity: renumbering keeps keys.
    const title = (id === null ? text : split.rest).replace(/^\d{1,3}[.)]\s+(?=\S)/u, '');
    if (options.headingTasks === 'pattern') {
      return { isTask: roadmapHeading.test(stripInlineMarkdown(raw).trim()) || marked, id, title, statusRaw };
    }
    // An H1 is the document's title: it becomes a task only when it carries a task id.
    if (depth === 1) return { isTask: id !== null, id, title, statusRaw };
    return { isTask: id !== null || statusRaw !== null || marked, id, title, statusRaw };
  }

  /**
   * A heading as a key segment: dates and a trailing status dropped (`Sprint 8 In Progress — 2026-02-21` →
   * `Sprint 8`, `Week 1: Foundation ✅ COMPLETE` → `Week 1: Foundation`), so finishing a sprint keeps its keys.
   */
  function readContextTitle(title: string): string {
    let text = title.replace(/\s*[(\[]?\d{4}-\d{2}-\d{2}[)\]]?\s*/gu, ' ').replace(/[\s\-–—:|·]+$/u, '').trim();
    const inline = readInlineFields(text, ctx.vocabulary);
    if (inline.status !== null && inline.rest !== '') text = inline.rest;
    const trail = trailingEmoji.exec(text);
    if (trail !== null && trail.index > 0) text = text.slice(0, trail.index).trim();
    const words = text.split(/\s+/u);
    for (let take = Math.min(3, words.length - 1); take >= 1; take--) {
      const suffix = words.slice(-take).join(' ');
      if (!/\d/u.test(suffix) && isStatusValue(suffix, ctx.vocabulary)) {
        text = words.slice(0, -take).join(' ').replace(/[\s\-–—:|·]+$/u, '');
        break;
      }
    }
    return text === '' ? title : text;
  }

  function itemMarkdown(item: ListItem): string {
    return sliceLines(ctx.lines, readLine(item), readEndLine(item));
  }

  function nodeMarkdown(node: RootContent): string {
    return sliceLines(ctx.lines, readLine(node), readEndLine(node));
  }

  function isCriteriaItem(text: string): boolean {
    const label = text.trim();
    return label.length <= 40 && /[:：]$/u.test(label) && ctx.vocabulary.isCriteriaLabel(label);
  }

  function hasTaskItems(list: List): boolean {
    for (const item of list.children) {
      const head = readListItemHead(ctx.source, item, list);
      if (head.checkbox === null && isCriteriaItem(head.text)) continue;
      if (options.checklists && head.checkbox !== null) return true;
      if (options.inlineStatusBullets && readInlineFields(head.text, ctx.vocabulary).status !== null) return true;
      for (const child of head.rest) if (child.type === 'list' && hasTaskItems(child)) return true;
    }
    return false;
  }

  function scanFields(nodes: readonly RootContent[]): LineField[] {
    const fields: LineField[] = [];
    for (const node of nodes) {
      if (node.type === 'paragraph') {
        fields.push(...(readParagraphFields(ctx.lines, node, ctx.vocabulary) ?? []));
      } else if (node.type === 'list') {
        for (const item of node.children) {
          const head = readListItemHead(ctx.source, item, node);
          if (head.checkbox !== null) continue;
          const field = readLeadingBoldField(head.markdown);
          if (field !== null && ctx.vocabulary.matchField(field.name) !== null) fields.push({ ...field, line: readLine(item) });
        }
      }
    }
    return fields;
  }

  function applyLineFields(owner: DraftTask, fields: readonly LineField[]): void {
    for (const field of fields) {
      const known = applyField(ctx, owner, field.name, field.value, field.line, 'bold-field');
      const value = stripInlineMarkdown(field.value);
      if (!known && value !== '' && value.length <= 120) owner.extra[cleanFieldName(field.name)] = value;
      else if (!known && value !== '') owner.body.push(`**${cleanFieldName(field.name)}:** ${field.value}`);
    }
  }

  function setTimestamp(draft: DraftTask, stamp: string): void {
    const date = normaliseDate(stamp);
    if (date === null) return;
    if (draft.status.canonical === 'done') draft.dates.done = draft.dates.done ?? date;
    else draft.dates.created = draft.dates.created ?? date;
  }

  function walkList(list: List, scope: Scope, parentDraft: DraftTask | null, listContext: string[], criteria: boolean): DraftTask[] {
    const made: DraftTask[] = [];
    for (const item of list.children) {
      if (ctx.claimed.has(item)) continue;
      const head = readListItemHead(ctx.source, item, list);
      const line = readLine(item);
      const owner = parentDraft ?? scope.parent;
      const sink = parentDraft?.body ?? scope.sink;
      if (criteria || scope.criteria) {
        sink?.push(itemMarkdown(item));
        continue;
      }
      if (acceptanceItem.test(head.markdown.trim())) {
        sink?.push(itemMarkdown(item));
        continue;
      }
      if (head.checkbox === null) {
        const field = readLeadingBoldField(head.markdown);
        const kind = field === null ? null : ctx.vocabulary.matchField(field.name);
        if (field !== null && kind !== null) {
          if (owner !== null) {
            const nested = head.rest.filter((child): child is List => child.type === 'list');
            if (kind === 'criteria' || kind === 'description' || kind === 'notes') {
              owner.body.push(itemMarkdown(item));
            } else if (kind === 'deliverables' && nested.length > 0) {
              for (const child of nested) made.push(...walkList(child, scope, owner, listContext, false));
            } else {
              applyField(ctx, owner, field.name, field.value, line, 'bold-field');
            }
            ctx.claimed.add(item);
          }
          continue;
        }
        if (isCriteriaItem(head.text)) {
          sink?.push(itemMarkdown(item));
          continue;
        }
      }
      let text = head.text;
      let stamp: string | null = null;
      const lead = timestampLead.exec(text);
      if (lead?.[1] !== undefined) {
        stamp = lead[1];
        text = text.slice(lead[0].length);
      }
      // The item's own status emoji (`⏳ Phase 2` under "Completed phases") beats the section it sits in.
      const ownMark = head.checkbox === null ? itemStatusEmoji.exec(text) : null;
      if (ownMark !== null) text = text.slice(ownMark[0].length);
      if (text.trim() === '' || ctx.vocabulary.isPlaceholder(text)) {
        if (head.checkbox !== null && text.trim() === '' && head.rest.length === 0) {
          ctx.report({
            severity: 'warning',
            code: 'title-empty',
            line,
            message: 'a checkbox item has no text, so it was skipped',
            received: ctx.lines[line - 1]?.trim() ?? null,
            fix: 'write the task after the checkbox, or delete the empty item',
          });
        }
        if (head.rest.length === 0) continue;
      }
      // A checkbox is an explicit status; a bare parenthetical word next to it (`- [x] Planning complete (PLAN)`)
      // is a remark, not a second status. Keyed fields (`(Status: pending)`) still count.
      const boxStatus = head.checkbox === null ? null : ctx.vocabulary.matchCheckbox(head.checkbox);
      let inline = readInlineFields(text, ctx.vocabulary);
      if (head.checkbox !== null && inline.status !== null) {
        // A bare status next to a checkbox that agrees with it (`- [ ] test (未开始)`) is dropped from the title;
        // one that disagrees is a remark (`- [x] Planning complete (PLAN)`) and stays in it.
        const agrees = ctx.vocabulary.matchStatus(inline.status).canonical === boxStatus;
        inline = agrees ? { ...inline, status: null } : readInlineFields(text, ctx.vocabulary, { bareStatus: false });
      }
      let split = splitLeadingId(inline.rest, 'strict');
      // A trailing mention of a task id (`Finish the offline mode (TASK002)`) names that task: link to it.
      const mention = split.id === null ? trailingMention.exec(split.rest) : null;
      if (mention?.[1] !== undefined && isBankWideId(mention[1])) split = { id: mention[1], rest: split.rest.slice(0, mention.index).trim() };
      const boldLead = head.paragraph?.children[0]?.type === 'strong';
      const inlineStatus = inline.status !== null || inline.fields.some((field) => ctx.vocabulary.matchField(field.name) === 'status');
      let isTask =
        (options.checklists && head.checkbox !== null) ||
        (options.inlineStatusBullets && inlineStatus) ||
        (options.boldIdBullets && boldLead && split.id !== null) ||
        (options.sectionBullets && scope.sectionStatus !== null && parentDraft === null && text.trim() !== '');
      const nestedLists = head.rest.filter((child): child is List => child.type === 'list');
      if (!isTask && nestedLists.some((child) => hasTaskItems(child))) isTask = true;
      if (!isTask) {
        // A plain bullet (with or without plain sub-bullets) is text of the task it sits in.
        sink?.push(itemMarkdown(item));
        continue;
      }
      const draft = createDraft(ctx, {
        extractor: options.extractor,
        line,
        title: split.rest === '' && split.id !== null ? split.id : split.rest,
        sourceId: split.id,
        context: [...scope.context, ...listContext],
        parent: owner,
      });
      ctx.claimed.add(item);
      if (scope.sectionStatus !== null) setStatus(ctx, draft, scope.sectionStatus, null, 'section', line);
      if (head.checkbox !== null) {
        const sectionRefines =
          boxStatus === 'todo' && scope.sectionStatus !== null && scope.sectionStatus !== 'done' && scope.sectionStatus !== 'todo';
        if (boxStatus !== null && !sectionRefines) setStatus(ctx, draft, boxStatus, `[${head.checkbox}]`, 'checkbox', line);
        if (boxStatus === null) applyStatusText(ctx, draft, head.checkbox, 'checkbox', line);
      }
      if (ownMark?.[1] !== undefined) applyStatusText(ctx, draft, ownMark[1], 'inline', line);
      if (inline.status !== null) applyStatusText(ctx, draft, inline.status, 'inline', line);
      applyInlineFields(ctx, draft, inline.fields, line);
      if (inline.note !== null) draft.body.push(inline.note);
      if (head.optional) addLabels(draft, ['optional']);
      if (scope.sectionPriority !== null && draft.priority.value === null) draft.priority = { value: scope.sectionPriority, raw: null };
      const lineStamp = ctx.lineTimestamps.get(line);
      if (stamp !== null || lineStamp !== undefined) setTimestamp(draft, stamp ?? lineStamp ?? '');
      made.push(draft);
      drafts.push(draft);
      const childScope: Scope = { ...scope, sink: draft.body };
      const children: DraftTask[] = [];
      for (const child of head.rest) {
        if (child.type === 'list') {
          children.push(...walkList(child, childScope, draft, [...listContext, draft.title], false));
        } else {
          draft.body.push(nodeMarkdown(child));
        }
      }
      deriveStatusFromChildren(ctx, draft, children);
    }
    return made;
  }

  function walkNodes(nodes: readonly RootContent[], scope: Scope): DraftTask[] {
    const made: DraftTask[] = [];
    let criteriaNext = false;
    for (const node of nodes) {
      if (ctx.claimed.has(node)) continue;
      if (node.type === 'list') {
        made.push(...walkList(node, scope, null, [], criteriaNext));
        criteriaNext = false;
        continue;
      }
      criteriaNext = false;
      if (node.type === 'table') {
        const rows = readTableRows(ctx.lines, node);
        const pairs = readKeyValueTable(rows, ctx.vocabulary);
        if (pairs !== null && scope.parent !== null) {
          applyLineFields(scope.parent, pairs);
          ctx.claimed.add(node);
          continue;
        }
        if (options.tables && !scope.criteria) {
          const columns = detectTaskTable(rows.header, ctx.vocabulary);
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
              drafts.push(...rowDrafts);
              continue;
            }
          }
        }
        scope.sink?.push(nodeMarkdown(node));
        continue;
      }
      if (node.type === 'paragraph') {
        const fields = readParagraphFields(ctx.lines, node, ctx.vocabulary);
        if (fields !== null) {
          const label = fields.length === 1 && fields[0] !== undefined && fields[0].value === '' ? fields[0] : null;
          if (label !== null) {
            if (ctx.vocabulary.isCriteriaLabel(label.name)) {
              criteriaNext = true;
              scope.sink?.push(nodeMarkdown(node));
            }
            continue;
          }
          if (scope.parent !== null && scope.parent !== ctx.documentTask) {
            applyLineFields(scope.parent, fields);
            ctx.claimed.add(node);
          }
          continue;
        }
        scope.sink?.push(nodeMarkdown(node));
        continue;
      }
      if (node.type === 'thematicBreak' || node.type === 'definition') continue;
      scope.sink?.push(nodeMarkdown(node));
    }
    return made;
  }

  function sectionHasTaskItems(section: Section): boolean {
    return section.nodes.some((node) => node.type === 'list' && hasTaskItems(node));
  }

  function walkSection(section: Section, scope: Scope): DraftTask[] {
    let inner = scope;
    let headingTask: DraftTask | null = null;
    if (section.heading !== null) {
      const title = stripInlineMarkdown(section.title);
      if (scope.criteria || ctx.vocabulary.isCriteriaLabel(title)) {
        scope.sink?.push(sliceLines(ctx.lines, section.line, lastLine(section)));
        return [];
      }
      // An H1 is the document's title (`# Progress`), never a status section.
      const sectionStatus = section.depth === 1 ? null : ctx.vocabulary.matchSection(title);
      const sectionPriority = section.depth === 1 ? null : ctx.vocabulary.matchSectionPriority(title);
      const plainSection = sectionStatus === null && sectionPriority === null;
      // Status and priority headings stay out of keys: moving an item from `## In Progress` to `## Done` is a
      // status change, not a new task.
      const inContext = plainSection && !(section.depth === 1 && h1Count === 1);
      const context = inContext ? [...scope.context, readContextTitle(title)] : scope.context;
      let info: HeadingInfo | null =
        plainSection && options.headingTasks !== 'none' && !ctx.claimed.has(section.heading) ? classifyHeading(section.title, section.depth) : null;
      if ((info === null || !info.isTask) && plainSection && options.groupHeadings && !ctx.claimed.has(section.heading)) {
        const fields = scanFields(section.nodes);
        const kinds = fields.map((field) => ctx.vocabulary.matchField(field.name) ?? '');
        const taskish = kinds.some((kind) => taskishFields.has(kind));
        // A heading whose section states a `**Status**` (cursor / roadmap documents) is a task even without a
        // checklist; elsewhere metadata only promotes a heading that owns task items.
        const statusHeading = options.headingTasks !== 'none' && section.depth > 1 && kinds.includes('status');
        if ((taskish && sectionHasTaskItems(section)) || statusHeading) {
          info = info ?? classifyHeading(section.title, section.depth);
          info = { isTask: true, id: info.id, title: info.title, statusRaw: info.statusRaw };
        }
      }
      if (info !== null && info.isTask) {
        headingTask = createDraft(ctx, {
          extractor: options.extractor,
          line: section.line,
          title: info.title === '' ? title : info.title,
          sourceId: info.id,
          context: scope.context,
          parent: scope.parent,
        });
        ctx.claimed.add(section.heading);
        if (scope.sectionStatus !== null) setStatus(ctx, headingTask, scope.sectionStatus, null, 'section', section.line);
        if (info.statusRaw !== null) applyStatusText(ctx, headingTask, info.statusRaw, 'heading', section.line);
        if (scope.sectionPriority !== null) headingTask.priority = { value: scope.sectionPriority, raw: null };
        const stamp = ctx.lineTimestamps.get(section.line);
        if (stamp !== undefined) {
          const date = normaliseDate(stamp);
          if (date !== null) headingTask.dates.created = date;
        }
        drafts.push(headingTask);
        inner = {
          context: [...scope.context, info.id === null ? headingTask.title : `${info.id} ${headingTask.title}`],
          sectionStatus: null,
          sectionPriority: scope.sectionPriority,
          parent: headingTask,
          sink: headingTask.body,
          criteria: false,
        };
      } else {
        if (scope.sink !== null && scope.parent !== null && scope.parent !== ctx.documentTask) {
          scope.sink.push(`${'#'.repeat(section.depth)} ${section.title}`);
        }
        inner = {
          context,
          sectionStatus: sectionStatus ?? scope.sectionStatus,
          sectionPriority: sectionPriority ?? scope.sectionPriority,
          parent: scope.parent,
          sink: scope.sink,
          criteria: false,
        };
      }
    }
    const made = walkNodes(section.nodes, inner);
    for (const child of section.children) made.push(...walkSection(child, inner));
    if (headingTask !== null) {
      deriveStatusFromChildren(ctx, headingTask, made.filter((draft) => draft.parent === headingTask));
      return [headingTask];
    }
    return made;
  }

  function lastLine(section: Section): number {
    const lastChild = section.children[section.children.length - 1];
    if (lastChild !== undefined) return lastLine(lastChild);
    const lastNode = section.nodes[section.nodes.length - 1];
    return lastNode === undefined ? section.line : readEndLine(lastNode);
  }

  walkSection(root, start);
  return { drafts };
}
