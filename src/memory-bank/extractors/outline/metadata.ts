/**
 * Metadata fields under a task (`**Priority:** High`, `- **Owner**: Ana`, key/value tables): read into the task
 * they belong to; unknown short fields go to `extra`, long ones to the body.
 */
import type { RootContent } from 'mdast';
import { readLine, readListItemHead } from '../../markdown.js';
import { stripInlineMarkdown } from '../../vocabulary.js';
import { applyField, cleanFieldName } from '../draft.js';
import { readParagraphFields, type LineField } from '../fields.js';
import { readLeadingBoldField } from '../text.js';
import type { DraftTask } from '../types.js';
import type { Walk } from './walk.js';

/** The known fields of a section's paragraphs and (non-checkbox) bullets, in order. */
export function scanFields(walk: Walk, nodes: readonly RootContent[]): LineField[] {
  const { ctx } = walk;
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

/** Applies fields to their task: known ones set status, dates, owner…; others go to `extra` or the body. */
export function applyLineFields(walk: Walk, owner: DraftTask, fields: readonly LineField[]): void {
  for (const field of fields) {
    const known = applyField(walk.ctx, owner, field.name, field.value, field.line, 'bold-field');
    const value = stripInlineMarkdown(field.value);
    if (!known && value !== '' && value.length <= 120) owner.extra[cleanFieldName(field.name)] = value;
    else if (!known && value !== '') owner.body.push(`**${cleanFieldName(field.name)}:** ${field.value}`);
  }
}
