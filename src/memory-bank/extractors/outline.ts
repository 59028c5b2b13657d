/**
 * The outline walker shared by the Markdown list extractors (checklist, section list, cursor tasks, roadmap,
 * task table): it walks the section tree and turns checklist items, status-section bullets, bullets with inline
 * statuses, marked headings and task tables into drafts, keeping nesting as parents. One module per convention,
 * under `outline/`: sections (headings that set status, priority and context, or become tasks), headings (which
 * headings are tasks, and their key context), lists (which items are tasks), blocks (tables, field paragraphs,
 * text), metadata (fields under a task). Acceptance criteria, legends and metadata bullets never become tasks:
 * they go to the body (or fields) of the task they belong to.
 */
import { walkBlocks } from './outline/blocks.js';
import { walkSection } from './outline/sections.js';
import type { OutlineOptions, Walk } from './outline/walk.js';
import type { RootContent } from 'mdast';
import { readParagraphFields } from './fields.js';
import type { ExtractorContext, ExtractorOutput } from './types.js';

export type { OutlineOptions } from './outline/walk.js';

/** Walks a Markdown file with the given options and returns its drafts. */
export function extractOutline(ctx: ExtractorContext, options: OutlineOptions): ExtractorOutput {
  const walk: Walk = { ctx, options, drafts: [], walkBlocks, footer: readFooter(ctx) };
  const h1Count = ctx.tree.children.filter((node) => node.type === 'heading' && node.depth === 1).length;
  walkSection(walk, ctx.sections, { context: [], sectionStatus: null, sectionPriority: null, parent: ctx.documentTask, sink: null, criteria: false }, h1Count);
  return { drafts: walk.drafts };
}

/**
 * The field paragraphs closing a file after its last thematic break, under a heading below its title (`---` over
 * `**Status**: Phase 5 COMPLETED ✅` and `**Last Updated**: 2025-06-01`): the document's own state, as a footer says it,
 * not the state of the section the break sits in. Empty when anything else follows the break.
 */
function readFooter(ctx: ExtractorContext): ReadonlySet<RootContent> {
  const children = ctx.tree.children;
  const footer = new Set<RootContent>();
  let index = children.length - 1;
  for (; index >= 0; index--) {
    const node = children[index];
    if (node?.type !== 'paragraph' || readParagraphFields(ctx.lines, node, ctx.vocabulary, true) === null) break;
    footer.add(node);
  }
  const rule = children[index];
  const headed = children.slice(0, index).some((node) => node.type === 'heading' && node.depth >= 2);
  return footer.size > 0 && rule?.type === 'thematicBreak' && headed ? footer : new Set();
}
