/**
 * Metadata fields under a task (`**Priority:** High`, `- **Owner**: Ana`, key/value tables): read into the task
 * they belong to; unknown short fields go to `extra`, long ones to the body.
 */
import type { ListItem, RootContent } from 'mdast';
import { readListItemHead } from '../../markdown.js';
import { stripInlineMarkdown } from '../../vocabulary.js';
import { applyField, cleanFieldName } from '../draft.js';
import { readParagraphFields, type LineField } from '../fields.js';
import { readLeadingBoldField } from '../text.js';
import type { DraftTask } from '../types.js';
import type { Walk } from './walk.js';

/** What a section's fields say about its heading: it states a `status`, another task-like field, or neither. */
export type SectionFieldSignal = 'status' | 'taskish' | 'none';

/** The field kinds that make a heading over task items their parent task (a status among them). */
const taskishFields: ReadonlySet<string> = new Set(['status', 'priority', 'owner', 'due', 'done', 'start']);

/**
 * Whether a section's paragraphs and (non-checkbox) bullets state a `status` field, another task-like field
 * (priority, owner, due, done, start), or neither. Reads in order and stops as soon as the answer cannot change:
 * at the first status field, or, when only "task-like or not" matters (`statusMatters` false), at the first
 * task-like one — no list of every field is made for a question of two booleans.
 */
export function readSectionFieldSignal(walk: Walk, nodes: readonly RootContent[], statusMatters: boolean): SectionFieldSignal {
  const { ctx } = walk;
  let found: SectionFieldSignal = 'none';
  const weigh = (name: string): boolean => {
    const kind = ctx.vocabulary.matchField(name);
    if (kind === 'status') found = 'status';
    else if (kind !== null && taskishFields.has(kind)) found = 'taskish';
    else return false;
    return found === 'status' || !statusMatters;
  };
  for (const node of nodes) {
    if (node.type === 'paragraph') {
      const fields = readParagraphFields(ctx.lines, node, ctx.vocabulary);
      if (fields !== null) for (const field of fields) if (weigh(field.name)) return found;
    } else if (node.type === 'list') {
      for (const item of node.children) {
        if (!opensBold(ctx.source, item)) continue;
        const head = readListItemHead(ctx.source, item, node);
        if (head.checkbox !== null) continue;
        const field = readLeadingBoldField(head.markdown);
        if (field !== null && weigh(field.name)) return found;
      }
    }
  }
  return found;
}

const boldOpening = /\s*(?:\*\*|__)/uy;

/**
 * Whether a list item's first paragraph opens with `**` or `__`: only then can its head be a bold field
 * (`readLeadingBoldField`), so most items are ruled out without reading their head.
 */
function opensBold(source: string, item: ListItem): boolean {
  const first = item.children[0];
  const start = first?.type === 'paragraph' ? first.position?.start.offset : undefined;
  if (start === undefined) return false;
  boldOpening.lastIndex = start;
  return boldOpening.test(source);
}

/** Applies fields to their task: known ones set status, dates, owner…; others go to `extra` or the body. */
export function applyLineFields(walk: Walk, owner: DraftTask, fields: readonly LineField[]): void {
  for (const field of fields) {
    const known = applyField(walk.ctx, owner, field.name, field.value, field.line, 'bold-field');
    const value = stripInlineMarkdown(field.value);
    if (!known && value !== '' && value.length <= 120) owner.extra[cleanFieldName(field.name)] = value;
    else if (!known && value !== '') owner.body.push(`**${cleanFieldName(field.name)}:** ${field.value}`);
  }
}
