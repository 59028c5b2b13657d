/**
 * The blocks of one section, in order: lists go to the list-item convention, task tables become one task per
 * row, key/value tables and field paragraphs fill the owning task, anything else is text of the owning task.
 */
import type { RootContent } from 'mdast';
import { readLine, readTableRows } from '../../markdown.js';
import { readParagraphFields } from '../fields.js';
import { detectTaskTable, readKeyValueTable, readTableDrafts } from '../tables.js';
import type { DraftTask } from '../types.js';
import { walkList } from './lists.js';
import { applyLineFields } from './metadata.js';
import { nodeMarkdown, type Scope, type Walk } from './walk.js';

/** Walks a section's own blocks (before its first sub-heading); returns the drafts made at this level. */
export function walkBlocks(walk: Walk, nodes: readonly RootContent[], scope: Scope): DraftTask[] {
  const { ctx, options } = walk;
  const made: DraftTask[] = [];
  let criteriaNext = false;
  for (const node of nodes) {
    if (ctx.claimed.has(node)) continue;
    if (node.type === 'list') {
      made.push(...walkList(walk, node, scope, null, [], criteriaNext));
      criteriaNext = false;
      continue;
    }
    criteriaNext = false;
    if (node.type === 'table') {
      const rows = readTableRows(ctx.lines, node);
      const pairs = readKeyValueTable(rows, ctx.vocabulary);
      if (pairs !== null && scope.parent !== null) {
        applyLineFields(walk, scope.parent, pairs);
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
            walk.drafts.push(...rowDrafts);
            continue;
          }
        }
      }
      scope.sink?.push(nodeMarkdown(walk, node));
      continue;
    }
    if (node.type === 'paragraph') {
      const fields = readParagraphFields(ctx.lines, node, ctx.vocabulary);
      if (fields !== null) {
        const label = fields.length === 1 && fields[0] !== undefined && fields[0].value === '' ? fields[0] : null;
        if (label !== null) {
          if (ctx.vocabulary.isCriteriaLabel(label.name)) {
            criteriaNext = true;
            scope.sink?.push(nodeMarkdown(walk, node));
          }
          continue;
        }
        if (scope.parent !== null && scope.parent !== ctx.documentTask) {
          applyLineFields(walk, scope.parent, fields);
          ctx.claimed.add(node);
        }
        continue;
      }
      scope.sink?.push(nodeMarkdown(walk, node));
      continue;
    }
    if (node.type === 'thematicBreak' || node.type === 'definition') continue;
    scope.sink?.push(nodeMarkdown(walk, node));
  }
  return made;
}
