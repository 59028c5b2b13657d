/**
 * Taskmaster `.taskmaster/tasks/tasks.json`: the root is keyed by tag (`{"master": {"tasks": [...]}}`; the
 * legacy `{"tasks": [...]}` is read as tag `master`). Tasks carry `id` (string), `title`, `description`,
 * `status`, `priority`, `dependencies`, `details`, `testStrategy`, `updatedAt` and `subtasks` whose int ids are
 * scoped to their parent (subtask `2` of task `5` → source id `5.2`). JSON is canonical over `task_NNN.md`.
 */
import { z } from 'zod';
import { ExtractorName } from '../../core/source-file.js';
import { truncateForMessage } from '../../core/errors.js';
import { applyDateText, applyPriorityText, applyStatusText, createDraft } from './draft.js';
import type { DraftTask, Extractor, ExtractorContext, ExtractorOutput } from './types.js';

const idSchema = z.union([z.string(), z.number()]).transform((value) => String(value));

const subtaskSchema = z
  .object({
    id: idSchema,
    title: z.string().default(''),
    description: z.string().optional(),
    details: z.string().optional(),
    testStrategy: z.string().optional(),
    status: z.string().optional(),
    priority: z.union([z.string(), z.number()]).optional(),
    dependencies: z.array(z.union([z.string(), z.number()])).optional(),
    updatedAt: z.string().optional(),
    createdAt: z.string().optional(),
  })
  .loose();

const taskSchema = subtaskSchema.extend({ subtasks: z.array(subtaskSchema).optional() });

const tagSchema = z.object({ tasks: z.array(z.unknown()) }).loose();

type TaskmasterTask = z.infer<typeof taskSchema>;
type TaskmasterSubtask = z.infer<typeof subtaskSchema>;

function lineOfOffset(text: string, offset: number): number {
  let line = 1;
  for (let index = 0; index < offset && index < text.length; index++) if (text.charCodeAt(index) === 10) line++;
  return line;
}

/** Finds the line of a JSON.parse error: from `position N` when V8 says it, else from the quoted snippet. */
function locateJsonError(text: string, message: string): number {
  const position = /position (\d+)/u.exec(message)?.[1];
  if (position !== undefined) return lineOfOffset(text, Number(position));
  const snippet = /,\s*(?:\.\.\.)?"([\s\S]*)"\s+is not valid JSON/u.exec(message)?.[1]?.replace(/\.\.\.$/u, '');
  const token = /Unexpected token '?(.)'?/u.exec(message)?.[1];
  if (snippet !== undefined && snippet !== '') {
    const at = text.indexOf(snippet);
    if (at >= 0) return lineOfOffset(text, at + Math.max(0, token === undefined ? 0 : snippet.indexOf(token)));
  }
  return 1;
}

function extractJson(ctx: ExtractorContext): ExtractorOutput {
  let data: unknown;
  try {
    data = JSON.parse(ctx.rawText);
  } catch (error) {
    const line = locateJsonError(ctx.rawText, (error as Error).message);
    ctx.report({
      severity: 'error',
      code: 'json-invalid',
      line,
      message: `tasks.json is not valid JSON (${(error as Error).message})`,
      received: truncateForMessage(ctx.lines[line - 1] ?? ''),
      fix: 'repair the JSON (for example with `task-master validate-dependencies` or a JSON linter) and run again',
    });
    return { drafts: [], note: 'the file is not valid JSON' };
  }
  const tags: [string, unknown[]][] = [];
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) {
    const record = data as Record<string, unknown>;
    if (Array.isArray(record.tasks)) tags.push(['master', record.tasks]);
    else {
      for (const [tag, value] of Object.entries(record)) {
        const parsed = tagSchema.safeParse(value);
        if (parsed.success) tags.push([tag, parsed.data.tasks]);
      }
    }
  }
  if (tags.length === 0) {
    ctx.report({
      severity: 'warning',
      code: 'taskmaster-shape',
      line: 1,
      message: 'tasks.json has no `tasks` list (expected `{"master": {"tasks": [...]}}`)',
      received: truncateForMessage(ctx.rawText.slice(0, 200)),
      fix: 'check that this is a Taskmaster tasks.json, or tell discovery to ignore it',
    });
    return { drafts: [], note: 'no tag with a tasks list' };
  }
  const drafts: DraftTask[] = [];
  let searchFrom = 0;
  const multipleTags = tags.length > 1;

  function locate(title: string): number {
    const needle = `"title"`;
    let index = ctx.rawText.indexOf(needle, searchFrom);
    const encoded = JSON.stringify(title);
    while (index >= 0) {
      const valueStart = ctx.rawText.indexOf(encoded, index);
      if (valueStart >= 0 && valueStart - index < 40) {
        searchFrom = valueStart + encoded.length;
        return lineOfOffset(ctx.rawText, index);
      }
      index = ctx.rawText.indexOf(needle, index + needle.length);
    }
    return 1;
  }

  function fill(draft: DraftTask, task: TaskmasterTask | TaskmasterSubtask, tag: string): void {
    const parts: string[] = [];
    if (task.description !== undefined && task.description.trim() !== '') parts.push(task.description.trim());
    if (task.details !== undefined && task.details.trim() !== '') parts.push(`**Details:**\n\n${task.details.trim()}`);
    if (task.testStrategy !== undefined && task.testStrategy.trim() !== '') parts.push(`**Test Strategy:**\n\n${task.testStrategy.trim()}`);
    draft.body.push(...parts);
    if (task.status !== undefined) applyStatusText(ctx, draft, task.status, 'json', draft.line);
    if (task.priority !== undefined) applyPriorityText(ctx, draft, String(task.priority), draft.line);
    if (task.dependencies !== undefined && task.dependencies.length > 0) draft.extra.dependencies = JSON.stringify(task.dependencies.map(String));
    if (task.updatedAt !== undefined) applyDateText(ctx, draft, 'updated', task.updatedAt, draft.line, 'updatedAt');
    if (task.createdAt !== undefined) applyDateText(ctx, draft, 'created', task.createdAt, draft.line, 'createdAt');
    if (multipleTags) draft.extra.tag = tag;
  }

  for (const [tag, rawTasks] of tags) {
    for (const rawTask of rawTasks) {
      const parsed = taskSchema.safeParse(rawTask);
      if (!parsed.success) {
        ctx.report({
          severity: 'warning',
          code: 'taskmaster-task-invalid',
          line: 1,
          message: `a task in tag "${tag}" lacks an id or has fields of the wrong type, so it was skipped`,
          received: truncateForMessage(JSON.stringify(rawTask)),
          fix: 'give every task an `id` and a `title` string',
        });
        continue;
      }
      const task = parsed.data;
      const line = locate(task.title);
      const draft = createDraft(ctx, {
        extractor: ExtractorName.taskmasterJson,
        line,
        title: task.title === '' ? `Task ${task.id}` : task.title,
        sourceId: task.id,
        anchor: multipleTags ? `${tag}:${task.id}` : null,
        context: [tag],
      });
      fill(draft, task, tag);
      drafts.push(draft);
      for (const subtask of task.subtasks ?? []) {
        const subLine = locate(subtask.title);
        const sub = createDraft(ctx, {
          extractor: ExtractorName.taskmasterJson,
          line: subLine,
          title: subtask.title === '' ? `Subtask ${task.id}.${subtask.id}` : subtask.title,
          sourceId: `${task.id}.${subtask.id}`,
          anchor: multipleTags ? `${tag}:${task.id}.${subtask.id}` : null,
          context: [tag, draft.title],
          parent: draft,
        });
        fill(sub, subtask, tag);
        // A subtask's numeric dependency names a sibling (`[1]` in task 3 is subtask 3.1), not top-level task 1.
        if (subtask.dependencies !== undefined && subtask.dependencies.length > 0) {
          sub.extra.dependencies = JSON.stringify(
            subtask.dependencies.map((dep) => (typeof dep === 'number' || /^\d+$/u.test(dep) ? `${task.id}.${dep}` : String(dep))),
          );
        }
        drafts.push(sub);
      }
    }
  }
  return { drafts };
}

/** The Taskmaster tasks.json extractor. */
export const taskmasterJsonExtractor: Extractor = {
  name: ExtractorName.taskmasterJson,
  describe: 'Taskmaster tasks.json: tasks per tag, subtasks with parent-scoped ids; canonical over task_NNN.md',
  extract(ctx) {
    return extractJson(ctx);
  },
};
