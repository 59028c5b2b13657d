/**
 * Cursor's plan files (Plan Mode writes `.cursor/plans/<name>_<hash>.plan.md`): the frontmatter holds the plan's
 * `name`, its `overview` and a `todos:` list, each todo an `id`, its text (`content`), a `status` (`pending`,
 * `in_progress`, `completed`, `cancelled`) and the ids it waits on (`dependencies`). The plan is one task, its todos
 * are its subtasks (keyed by their ids, so rewording a todo keeps its key); the Markdown under the frontmatter is the
 * plan's body.
 */
import { ExtractorName } from '../../core/source-file.js';
import { readFrontmatterList, readFrontmatterString, type FrontmatterValue } from '../frontmatter.js';
import { readLine, sliceLines } from '../markdown.js';
import { stripInlineMarkdown } from '../vocabulary.js';
import { dataDoneFlagKeys, readFlagWord } from '../data-file.js';
import { normaliseKeyName } from '../key-roles.js';
import { slugify } from '../keys.js';
import { applyStatusText, createDraft, deriveStatusFromChildren, setStatus } from './draft.js';
import type { DraftTask, Extractor, ExtractorContext, ExtractorOutput } from './types.js';

/** Where one todo sits in the frontmatter: the line its entry opens on, and its `status:` line (0 when it has none). */
interface TodoLines {
  line: number;
  statusLine: number;
}

/**
 * The lines of the entries of the frontmatter's `todos:` list, in order (the YAML reader gives values, not lines):
 * an entry opens with a dash at the list's indent; its `status:` key is any line of it.
 */
function findTodoLines(lines: readonly string[], startLine: number, endLine: number): TodoLines[] {
  const out: TodoLines[] = [];
  let inTodos = false;
  let indent = -1;
  for (let number = startLine + 1; number < endLine; number++) {
    const text = lines[number - 1] ?? '';
    if (!inTodos) {
      inTodos = /^todos\s*:\s*$/u.test(text);
      continue;
    }
    if (text.trim() === '' || /^\s*#/u.test(text)) continue;
    const lead = /^(\s*)(-\s+)?/u.exec(text);
    const spaces = lead?.[1]?.length ?? 0;
    if (spaces === 0 && lead?.[2] === undefined) break;
    if (lead?.[2] !== undefined && (indent < 0 || spaces === indent)) {
      indent = spaces;
      out.push({ line: number, statusLine: 0 });
    }
    const entry = out.at(-1);
    if (entry !== undefined && entry.statusLine === 0 && /^\s*(?:-\s+)?status\s*:/u.test(text)) entry.statusLine = number;
  }
  return out;
}

function readTodoText(todo: Record<string, FrontmatterValue>): string | null {
  for (const key of ['content', 'title', 'name', 'task', 'text', 'description']) {
    const text = readFrontmatterString(todo[key]);
    if (text !== null && text.trim() !== '') return text.trim();
  }
  return null;
}

/** A todo's done flag (`done: true`, `completed: no`): what it says and as written, or null. */
function readTodoFlag(todo: Record<string, FrontmatterValue>): { status: 'done' | 'todo'; raw: string } | null {
  for (const [key, value] of Object.entries(todo)) {
    const status = dataDoneFlagKeys.includes(normaliseKeyName(key)) ? readFlagWord(String(value)) : null;
    if (status !== null) return { status, raw: String(value) };
  }
  return null;
}

function extractPlan(ctx: ExtractorContext): ExtractorOutput {
  const fm = ctx.frontmatter;
  const todos = fm?.data.todos;
  if (fm === null || fm === undefined || !Array.isArray(todos) || todos.length === 0) {
    return { drafts: [], note: 'the frontmatter has no `todos:` list with entries' };
  }
  const rawLines = ctx.rawText.split(/\r\n|\n|\r/u);
  const places = findTodoLines(rawLines, fm.startLine, fm.endLine);
  const children = ctx.tree.children;
  const h1 = children.find((node) => node.type === 'heading' && node.depth === 1);
  const h1Text = h1 === undefined ? null : stripInlineMarkdown(sliceLines(ctx.lines, readLine(h1), readLine(h1)).replace(/^#+\s*/u, ''));
  const stem = ctx.path.split('/').pop()?.replace(/\.plan\.md$|\.[^.]+$/iu, '').replace(/_[0-9a-f]{8}$/u, '').replace(/[-_]+/gu, ' ').trim() ?? 'plan';
  const named = readFrontmatterString(fm.data.name)?.trim();
  const plan = createDraft(ctx, {
    extractor: ExtractorName.cursorPlan,
    line: 1,
    title: named || readFrontmatterString(fm.data.title)?.trim() || h1Text || stem,
    // A `title:` (other tools' frontmatter todos) is the plan's title; its key stays the one read before version 25 knew
    // it (the name, the heading or the file's name), so reading the title renames the task rather than making another.
    anchor: slugify(named || h1Text || stem) || null,
  });
  const overview = readFrontmatterString(fm.data.overview);
  if (overview !== null && overview.trim() !== '') plan.body.push(overview.trim());
  plan.deferredBody = children.filter((node) => node !== h1);
  const drafts: DraftTask[] = [plan];
  todos.forEach((value, index) => {
    const place = places[index];
    const line = place?.line ?? fm.startLine;
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      ctx.report({
        severity: 'warning',
        code: 'todo-unreadable',
        line,
        message: `todo ${index + 1} of the plan's \`todos:\` list is not a map of id, content and status, so it was not read`,
        received: readFrontmatterString(value as FrontmatterValue),
        fix: 'write the todo as `- id: …` with `content: …` and `status: …` under it',
      });
      return;
    }
    const text = readTodoText(value);
    const id = readFrontmatterString(value.id)?.trim() ?? null;
    if (text === null) {
      ctx.report({
        severity: 'warning',
        code: 'todo-unreadable',
        line,
        message: `todo ${id === null ? index + 1 : `"${id}"`} of the plan has no \`content\`, so it has no title and was not read`,
        received: id,
        fix: 'give the todo a `content:` line saying what is to be done',
      });
      return;
    }
    const todo = createDraft(ctx, { extractor: ExtractorName.cursorPlan, line, title: text, parent: plan, anchor: id === null || id === '' ? null : id });
    if (id !== null && id !== '') todo.extra.id = id;
    const status = readFrontmatterString(value.status);
    if (status !== null) applyStatusText(ctx, todo, status, 'frontmatter-item', place !== undefined && place.statusLine > 0 ? place.statusLine : line);
    // Without one, a done flag (`done: true`, as other tools write their frontmatter todos) is its status.
    const flag = status === null ? readTodoFlag(value) : null;
    if (flag !== null) setStatus(ctx, todo, flag.status, flag.raw, 'data-flag', line);
    const dependencies = readFrontmatterList(value.dependencies);
    if (dependencies.length > 0) todo.extra.dependencies = JSON.stringify(dependencies);
    drafts.push(todo);
  });
  if (h1 !== undefined) ctx.claimed.add(h1);
  deriveStatusFromChildren(ctx, plan, drafts.slice(1));
  return { drafts, documentTask: plan };
}

/** The Cursor plan extractor. */
export const cursorPlanExtractor: Extractor = {
  name: ExtractorName.cursorPlan,
  describe: "Cursor plan (`.cursor/plans/*.plan.md`): the plan is a task, each entry of its frontmatter's `todos:` (`content`, `status`, `dependencies`) a subtask keyed by its `id`",
  extract(ctx) {
    return extractPlan(ctx);
  },
};
