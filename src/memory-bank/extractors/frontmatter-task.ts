/**
 * A document that describes one task or milestone through its frontmatter (`status/priority/owner/created/
 * tags/type`, clinewiz `id/type/status/readiness/parent/tags`) or its bold-field header (`**Status**: Active |
 * **Start**: 2026-03-08`, `| **Priority** | P0-CRITICAL |`, `## Status` + value). Frontmatter wins over the
 * header; disagreements are reported. `tags` become labels; every other key goes to `extra` (lists as JSON
 * arrays) so the planner can apply the config's label rules (`agents` → `agent:<name>`…).
 */
import type { RootContent } from 'mdast';
import { ExtractorName } from '../../core/source-file.js';
import { dataTitleKeys, readDataFile } from '../data-file.js';
import { readFrontmatterString, type Frontmatter, type FrontmatterValue } from '../frontmatter.js';
import { readLine, readTableRows, sliceLines } from '../markdown.js';
import { normaliseVocabularyText, stripInlineMarkdown } from '../vocabulary.js';
import { applyDataKey } from './data-keys.js';
import { normaliseKeyName, readKeyRole } from '../key-roles.js';
import { readDataItems } from './data-list.js';
import { applyField, applyStatusText, cleanFieldName, createDraft, deriveStatusFromChildren } from './draft.js';
import { readParagraphFields } from './fields.js';
import { readKeyValueTable } from './tables.js';
import { itemLabel, splitLeadingId } from './text.js';
import type { DraftTask, Extractor, ExtractorContext, ExtractorOutput } from './types.js';

function extractDocument(ctx: ExtractorContext): ExtractorOutput {
  const fm = ctx.frontmatter;
  const data: Record<string, FrontmatterValue> = fm?.data ?? {};
  const lineOf = (key: string): number => fm?.keyLines[key] ?? fm?.startLine ?? 1;
  const children = ctx.tree.children;
  const h1 = children.find((node) => node.type === 'heading' && node.depth === 1);
  const firstH2Index = children.findIndex((node) => node.type === 'heading' && node.depth >= 2);
  // A label naming what the document is (`# Task: Login form`, as Simone and CCPM write them) is not its title.
  const h1Text = h1 === undefined ? null : stripInlineMarkdown(sliceLines(ctx.lines, readLine(h1), readLine(h1)).replace(/^#+\s*/u, '').replace(/\s#+\s*$/u, '')).replace(itemLabel, '');
  const h1Split = h1Text === null ? { id: null, rest: '' } : splitLeadingId(h1Text, 'loose');
  const titleKey = Object.keys(data).find((key) => readKeyRole(key) === 'title');
  const fmTitle = titleKey === undefined ? null : readFrontmatterString(data[titleKey]);
  const stem = ctx.path.split('/').pop()?.replace(/\.[^.]+$/u, '').replace(/[-_]+/gu, ' ').trim() ?? 'document';
  const title = fmTitle ?? (h1Text === null ? stem : h1Split.id !== null && /[-_]|\d{3,}/u.test(h1Split.id) ? h1Split.rest : h1Text);
  const draft = createDraft(ctx, {
    extractor: ExtractorName.frontmatterTask,
    line: fm?.placement === 'top' ? 1 : h1 === undefined ? 1 : readLine(h1),
    title: title === '' ? stem : title,
    sourceId: h1Split.id !== null && fmTitle === null && /[-_]|\d{3,}/u.test(h1Split.id) ? h1Split.id : null,
  });
  if (h1 !== undefined) ctx.claimed.add(h1);

  // A list of subtasks in the frontmatter (`subtasks:` over `- title: … status: …`) is the task's subtasks.
  const subtaskKeys = Object.keys(data).filter((key) => subtaskListKey.test(key) && holdsTitledItems(data[key]));
  for (const [key, value] of Object.entries(data)) {
    if (readKeyRole(key) !== 'title' && !subtaskKeys.includes(key)) applyDataKey(ctx, draft, key, value, lineOf(key), 'frontmatter');
  }
  const subtasks = fm === null || subtaskKeys.length === 0 ? [] : readFrontmatterSubtasks(ctx, fm, draft, subtaskKeys);

  // Bold-field header (before the first H2), key/value tables, and `## Status` + value.
  const headerEnd = firstH2Index < 0 ? children.length : firstH2Index;
  const consumed = new Set<RootContent>();
  for (let index = 0; index < headerEnd; index++) {
    const node = children[index];
    if (node === undefined) continue;
    if (node.type === 'paragraph') {
      const fields = readParagraphFields(ctx.lines, node, ctx.vocabulary);
      if (fields === null) continue;
      for (const field of fields) {
        const known = applyField(ctx, draft, field.name, field.value, field.line, 'bold-field');
        const value = stripInlineMarkdown(field.value);
        if (!known && value !== '' && value.length <= 120) draft.extra[cleanFieldName(field.name)] = value;
        else if (!known) continue;
      }
      if (fields.every((field) => ctx.vocabulary.matchField(field.name) !== null || stripInlineMarkdown(field.value).length <= 120)) {
        consumed.add(node);
        ctx.claimed.add(node);
      }
    } else if (node.type === 'table') {
      const pairs = readKeyValueTable(readTableRows(ctx.lines, node), ctx.vocabulary);
      if (pairs === null) continue;
      for (const pair of pairs) {
        const line = pair.line === 0 ? readLine(node) : pair.line;
        if (!applyField(ctx, draft, pair.name, pair.value, line, 'bold-field') && pair.value.trim() !== '') {
          draft.extra[pair.name] = stripInlineMarkdown(pair.value);
        }
      }
      consumed.add(node);
      ctx.claimed.add(node);
    }
  }
  children.forEach((node, index) => {
    if (node.type !== 'heading' || node.depth < 2) return;
    const name = normaliseVocabularyText(stripInlineMarkdown(sliceLines(ctx.lines, readLine(node), readLine(node)).replace(/^#+\s*/u, '')));
    if (name !== 'status' && name !== 'current status') return;
    const next = children[index + 1];
    if (next === undefined || next.type !== 'paragraph') return;
    const value = (ctx.lines[readLine(next) - 1] ?? '').trim();
    if (value !== '' && value.length <= 80) applyStatusText(ctx, draft, value, 'bold-field', readLine(next));
  });

  draft.deferredBody = children.filter((node) => node !== h1 && !consumed.has(node));
  if (subtasks.length > 0 && draft.status.raw === null) deriveStatusFromChildren(ctx, draft, subtasks.filter((subtask) => subtask.parent === draft));
  return { drafts: [draft, ...subtasks], documentTask: draft };
}

/** Frontmatter keys holding a task's subtasks (`subtasks`, `sub_tasks`, `todos`, `checklist`, `steps`, `children`). */
const subtaskListKey = /^(?:sub[ _-]?tasks?|sub[ _-]?items|tasks|todos?|to[ _-]dos?|checklist|steps|children|action[ _-]?items)$/iu;

/**
 * Whether a frontmatter value is a list of titled items (`- title: …`, `- content: …`), at least half of it: a list of
 * words (`steps: [Create the key, Deploy it]`) is the task's data, kept in `extra`.
 */
function holdsTitledItems(value: FrontmatterValue | undefined): boolean {
  if (!Array.isArray(value) || value.length === 0) return false;
  const titled = value.filter((item) => item !== null && typeof item === 'object' && !Array.isArray(item) && Object.keys(item).some((key) => dataTitleKeys.includes(normaliseKeyName(key))));
  return titled.length * 2 >= value.length;
}

/**
 * The subtasks a task document lists in its frontmatter (`subtasks:` over `- title: Write the CSV writer` and `status:
 * done`): read as a task list kept as YAML is (data-list.ts: keyed by `id`, else the title; `status`, `priority`, `due`
 * written back in place), each a subtask of the document's task; an item that is not a map with a title is reported.
 */
function readFrontmatterSubtasks(ctx: ExtractorContext, fm: Frontmatter, draft: DraftTask, keys: readonly string[]): DraftTask[] {
  // The block as YAML with the file's line numbers: the lines before it blank.
  const yaml = '\n'.repeat(fm.startLine) + ctx.rawText.split(/\r\n|\n|\r/u).slice(fm.startLine, fm.endLine - 1).join('\n');
  const read = readDataFile('yaml', yaml);
  if (!read.ok || read.root.kind !== 'map') return [];
  const subtasks: DraftTask[] = [];
  for (const key of keys) {
    const list = read.root.entries.find((entry) => entry.key === key)?.value;
    if (list?.kind !== 'list') continue;
    subtasks.push(...readDataItems(ctx, list.items, { where: `the frontmatter's \`${key}:\``, parent: draft, context: [key], statusFrom: 'frontmatter-item' }));
  }
  return subtasks;
}

/** The frontmatter/bold-field task-document extractor. */
export const frontmatterTaskExtractor: Extractor = {
  name: ExtractorName.frontmatterTask,
  describe: 'one task per document from its frontmatter (status/priority/owner/tags/type/readiness) or bold-field header',
  extract(ctx) {
    return extractDocument(ctx);
  },
};
