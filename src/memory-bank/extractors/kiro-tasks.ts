/**
 * Kiro spec `tasks.md`: `- [x] 1. Title` / `- [ ] 1.1 Sub`, hierarchy from the number (most files do not
 * indent) or from indentation; `[-]` is in progress; `[ ]*` / `[x]*` mark optional tasks (label `optional`);
 * `_Requirements: 4.1, 5.1-5.7_` goes to `extra.requirements`; detail bullets become the body.
 */
import type { List, ListItem } from 'mdast';
import { ExtractorName } from '../../core/source-file.js';
import { readEndLine, readLine, readListItemHead, sliceLines, type Section } from '../markdown.js';
import { stripInlineMarkdown } from '../vocabulary.js';
import { addLabels, applyStatusText, createDraft, deriveStatusFromChildren, setStatus } from './draft.js';
import type { DraftTask, Extractor, ExtractorContext } from './types.js';

const numbered = /^(\d+(?:\.\d+)*)\.?\s+(.*)$/su;
const requirementsPattern = /^_?\s*(?:requirements?|anforderungen|exigences|requisitos)\s*:\s*(.*?)_?$/iu;

function readRequirements(text: string): string | null {
  const match = requirementsPattern.exec(stripInlineMarkdown(text).trim());
  return match?.[1] === undefined ? null : match[1].trim();
}

function extractKiro(ctx: ExtractorContext): DraftTask[] {
  const drafts: DraftTask[] = [];
  const byNumber = new Map<string, DraftTask>();
  const h1Count = ctx.tree.children.filter((node) => node.type === 'heading' && node.depth === 1).length;

  function itemMarkdown(item: ListItem): string {
    return sliceLines(ctx.lines, readLine(item), readEndLine(item));
  }

  function walkList(list: List, context: string[], parentDraft: DraftTask | null): DraftTask[] {
    const made: DraftTask[] = [];
    for (const item of list.children) {
      if (ctx.claimed.has(item)) continue;
      const head = readListItemHead(ctx.source, item, list);
      const line = readLine(item);
      if (head.checkbox === null) {
        if (parentDraft !== null) {
          const requirements = readRequirements(head.text);
          if (requirements !== null) parentDraft.extra.requirements = requirements;
          else parentDraft.body.push(itemMarkdown(item));
        }
        continue;
      }
      const match = numbered.exec(head.text);
      const number = match?.[1] ?? null;
      const title = match?.[2] ?? head.text;
      let parent = parentDraft;
      if (parent === null && number !== null && number.includes('.')) {
        parent = byNumber.get(number.slice(0, number.lastIndexOf('.'))) ?? null;
      }
      const draft = createDraft(ctx, {
        extractor: ExtractorName.kiroTasks,
        line,
        title,
        sourceId: number,
        context: parent === null ? context : [...context, parent.title],
        parent: parent ?? ctx.documentTask,
      });
      ctx.claimed.add(item);
      const status = ctx.vocabulary.matchCheckbox(head.checkbox);
      if (status !== null) setStatus(ctx, draft, status, `[${head.checkbox}]${head.optional ? '*' : ''}`, 'checkbox', line);
      else applyStatusText(ctx, draft, head.checkbox, 'checkbox', line);
      if (head.optional) addLabels(draft, ['optional']);
      if (number !== null) byNumber.set(number, draft);
      drafts.push(draft);
      made.push(draft);
      const children: DraftTask[] = [];
      for (const child of head.rest) {
        if (child.type === 'list') {
          children.push(...walkList(child, [...context, draft.title], draft));
        } else {
          const text = sliceLines(ctx.lines, readLine(child), readEndLine(child));
          const requirements = readRequirements(text);
          if (requirements !== null) draft.extra.requirements = requirements;
          else draft.body.push(text);
        }
      }
      deriveStatusFromChildren(ctx, draft, children);
    }
    return made;
  }

  function walkSection(section: Section, context: string[]): void {
    const inContext = section.heading !== null && !(section.depth === 1 && h1Count === 1);
    const inner = inContext ? [...context, stripInlineMarkdown(section.title)] : context;
    for (const node of section.nodes) {
      if (node.type === 'list') walkList(node, inner, null);
      else if (node.type === 'paragraph') {
        // A paragraph between items (blank-line runs split Kiro lists) may hold the previous item's requirements.
        const requirements = readRequirements(sliceLines(ctx.lines, readLine(node), readEndLine(node)));
        const last = drafts[drafts.length - 1];
        if (requirements !== null && last !== undefined) last.extra.requirements = requirements;
      }
    }
    for (const child of section.children) walkSection(child, inner);
  }

  walkSection(ctx.sections, []);
  return drafts;
}

/** The Kiro tasks.md extractor. */
export const kiroTasksExtractor: Extractor = {
  name: ExtractorName.kiroTasks,
  describe: '`- [x] 1. Title` / `- [ ] 1.1 Sub` items; hierarchy from numbering or indent; `[ ]*` optional; `[-]` in progress',
  extract(ctx) {
    const drafts = extractKiro(ctx);
    return drafts.length > 0 ? { drafts } : { drafts: [], note: 'no `- [ ] 1. Title` checkbox items' };
  },
};
