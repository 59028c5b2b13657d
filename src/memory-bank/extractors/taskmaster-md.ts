/**
 * Taskmaster's rendered task file (`task_001.md` / `task_001.txt`): `# Task ID: 1`, `**Title:** …` (or
 * `# Title: …`), `**Status:** done`, `**Dependencies:** None`, `**Priority:** high`, `**Description:**`,
 * `**Details:**`, `**Test Strategy:**`, then `## Subtasks` with `### 1.1. Title` + `**Status:** done`.
 * tasks.json is canonical: when both exist, merging keeps the JSON record and reports disagreements.
 */
import { ExtractorName } from '../../core/source-file.js';
import { stripInlineMarkdown } from '../vocabulary.js';
import { applyDateText, applyPriorityText, applyStatusText, createDraft } from './draft.js';
import type { DraftTask, Extractor, ExtractorContext, ExtractorOutput } from './types.js';

const fieldLine = /^\s*(?:#\s*|\*\*|__)?([A-Za-z][A-Za-z ]{1,24}?)\s*(?::\s*(?:\*\*|__)?|(?:\*\*|__)\s*:)\s*(.*)$/u;
/** A task file Taskmaster rendered for a tag other than `master`: `task_001_<tag>.txt` (master's is `task_001.txt`). */
const taggedFileName = /(?:^|\/)task_\d+_([^/]+?)\.(?:md|txt)$/iu;
const subtaskHeading = /^\s*#{2,4}\s+(?:Subtask\s+)?(\d+(?:\.\d+)?)\.?\s+(.+?)(?:\s+\[([\w-]+)\])?\s*$/iu;

interface Block {
  name: string;
  value: string[];
  line: number;
}

function readBlocks(lines: readonly string[], from: number, to: number): Block[] {
  const blocks: Block[] = [];
  for (let index = from; index < to; index++) {
    const text = lines[index] ?? '';
    const match = fieldLine.exec(text);
    const known = match?.[1] !== undefined && /^(?:task id|id|title|status|dependencies|priority|description|details|test strategy|updated|created)$/iu.test(match[1].trim());
    if (match !== null && known && match[1] !== undefined) {
      blocks.push({ name: match[1].trim().toLowerCase(), value: [match[2] ?? ''], line: index + 1 });
      continue;
    }
    const last = blocks[blocks.length - 1];
    if (last !== undefined) last.value.push(text);
  }
  return blocks;
}

function apply(ctx: ExtractorContext, draft: DraftTask, blocks: readonly Block[]): void {
  for (const block of blocks) {
    const value = block.value.join('\n').trim();
    switch (block.name) {
      case 'status':
        applyStatusText(ctx, draft, stripInlineMarkdown(value.split('\n')[0] ?? ''), 'bold-field', block.line);
        break;
      case 'priority':
        applyPriorityText(ctx, draft, value.split('\n')[0] ?? '', block.line);
        break;
      case 'dependencies': {
        // One line: what follows it (after a blank line) is the body, not more dependencies.
        const [first = '', ...more] = value.split('\n');
        const deps = stripInlineMarkdown(first).trim();
        if (deps !== '' && !/^(?:none|n\/a|-|—)$/iu.test(deps)) draft.extra.dependencies = JSON.stringify(deps.split(/\s*,\s*/u));
        const rest = more.join('\n').trim();
        if (rest !== '') draft.body.push(rest);
        break;
      }
      case 'description':
        if (value !== '') draft.body.push(value);
        break;
      case 'details':
        if (value !== '') draft.body.push(`**Details:**\n\n${value}`);
        break;
      case 'test strategy':
        if (value !== '') draft.body.push(`**Test Strategy:**\n\n${value}`);
        break;
      case 'updated':
        applyDateText(ctx, draft, 'updated', value, block.line);
        break;
      case 'created':
        applyDateText(ctx, draft, 'created', value, block.line);
        break;
      default:
        break;
    }
  }
}

function extractMarkdownTask(ctx: ExtractorContext): ExtractorOutput {
  const lines = ctx.lines;
  const subtaskStarts: number[] = [];
  lines.forEach((text, index) => {
    if (subtaskHeading.test(text)) subtaskStarts.push(index);
  });
  const headerEnd = subtaskStarts[0] ?? lines.length;
  const blocks = readBlocks(lines, 0, headerEnd);
  const id = blocks.find((block) => block.name === 'task id' || block.name === 'id')?.value[0]?.trim() ?? null;
  const titleBlock = blocks.find((block) => block.name === 'title');
  const fileId = /task_0*(\d+)/iu.exec(ctx.path)?.[1] ?? null;
  const sourceId = id ?? fileId;
  const tag = taggedFileName.exec(ctx.path)?.[1];
  const main = createDraft(ctx, {
    extractor: ExtractorName.taskmasterMarkdown,
    line: titleBlock?.line ?? blocks[0]?.line ?? 1,
    title: stripInlineMarkdown(titleBlock?.value[0] ?? '') || `Task ${sourceId ?? ''}`.trim(),
    sourceId,
  });
  apply(ctx, main, blocks);
  if (tag !== undefined) main.extra.tag = tag;
  const drafts: DraftTask[] = [main];
  subtaskStarts.forEach((start, position) => {
    const match = subtaskHeading.exec(lines[start] ?? '');
    if (match === null || match[1] === undefined) return;
    const end = subtaskStarts[position + 1] ?? lines.length;
    const number = match[1].includes('.') ? match[1] : `${sourceId ?? ''}.${match[1]}`;
    const sub = createDraft(ctx, {
      extractor: ExtractorName.taskmasterMarkdown,
      line: start + 1,
      title: stripInlineMarkdown(match[2] ?? ''),
      sourceId: number,
      context: [main.title],
      parent: main,
    });
    if (match[3] !== undefined) applyStatusText(ctx, sub, match[3], 'inline', start + 1);
    apply(ctx, sub, readBlocks(lines, start + 1, end));
    if (tag !== undefined) sub.extra.tag = tag;
    drafts.push(sub);
  });
  return { drafts, documentTask: main };
}

/** The Taskmaster task_NNN.md extractor. */
export const taskmasterMarkdownExtractor: Extractor = {
  name: ExtractorName.taskmasterMarkdown,
  describe: 'Taskmaster task_NNN.md: `# Task ID:` header fields and `### N.M.` subtasks (tasks.json wins on conflict)',
  extract(ctx) {
    return extractMarkdownTask(ctx);
  },
};
