/**
 * Taskmaster `.taskmaster/tasks/tasks.json`: the root is keyed by tag (`{"master": {"tasks": [...]}}`; the
 * legacy `{"tasks": [...]}` is read as tag `master`). Tasks carry `id` (string), `title`, `description`,
 * `status`, `priority`, `dependencies`, `details`, `testStrategy`, `updatedAt` and `subtasks` whose int ids are
 * scoped to their parent (subtask `2` of task `5` → source id `5.2`). JSON is canonical over `task_NNN.md`.
 */
import { ExtractorName } from '../../core/source-file.js';
import { truncateForMessage } from '../../core/errors.js';
import { applyDateText, applyPriorityText, applyStatusText, createDraft } from './draft.js';
import type { DraftTask, Extractor, ExtractorContext, ExtractorOutput } from './types.js';

/** A Taskmaster subtask as read: `id` as text, `title` '' when absent; other fields only when present. */
export interface TaskmasterSubtask {
  id: string;
  title: string;
  description?: string;
  details?: string;
  testStrategy?: string;
  status?: string;
  priority?: string | number;
  dependencies?: (string | number)[];
  updatedAt?: string;
  createdAt?: string;
}

/** A Taskmaster task as read: a subtask's fields plus its `subtasks`. */
export interface TaskmasterTask extends TaskmasterSubtask {
  subtasks?: TaskmasterSubtask[];
}

// A hand-written reading instead of zod schemas: loading zod is a large part of a cold parse (bench/parse, corpus).
// It accepts exactly what the former schemas accepted (test/unit/memory-bank/taskmaster-json-reader.test.ts holds
// it to them): JSON numbers are finite unless they overflow (`1e400` is Infinity, which z.number() refused).

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isStringOrNumber(value: unknown): value is string | number {
  return typeof value === 'string' || (typeof value === 'number' && Number.isFinite(value));
}

/** Reads an optional string field into `into`; false when it is present and not a string. */
function readOptionalString(record: Record<string, unknown>, key: keyof TaskmasterSubtask, into: Record<string, unknown>): boolean {
  const value = record[key];
  if (value === undefined) return true;
  if (typeof value !== 'string') return false;
  into[key] = value;
  return true;
}

/** A subtask (or the subtask fields of a task), or null when it lacks an id or has a field of the wrong type. */
export function readTaskmasterSubtask(value: unknown): TaskmasterSubtask | null {
  if (!isRecord(value)) return null;
  const id = value.id;
  if (!isStringOrNumber(id)) return null;
  const title = value.title === undefined ? '' : value.title;
  if (typeof title !== 'string') return null;
  const read: TaskmasterSubtask = { id: String(id), title };
  const fields = read as unknown as Record<string, unknown>;
  if (!readOptionalString(value, 'description', fields)) return null;
  if (!readOptionalString(value, 'details', fields)) return null;
  if (!readOptionalString(value, 'testStrategy', fields)) return null;
  if (!readOptionalString(value, 'status', fields)) return null;
  if (value.priority !== undefined) {
    if (!isStringOrNumber(value.priority)) return null;
    read.priority = value.priority;
  }
  if (value.dependencies !== undefined) {
    if (!Array.isArray(value.dependencies) || !value.dependencies.every(isStringOrNumber)) return null;
    read.dependencies = value.dependencies.slice() as (string | number)[];
  }
  if (!readOptionalString(value, 'updatedAt', fields)) return null;
  if (!readOptionalString(value, 'createdAt', fields)) return null;
  return read;
}

/** A task with its subtasks, or null when it (or one of its subtasks) lacks an id or has a field of the wrong type. */
export function readTaskmasterTask(value: unknown): TaskmasterTask | null {
  const read: TaskmasterTask | null = readTaskmasterSubtask(value);
  if (read === null) return null;
  const subtasks = (value as Record<string, unknown>).subtasks;
  if (subtasks === undefined) return read;
  if (!Array.isArray(subtasks)) return null;
  const readSubtasks: TaskmasterSubtask[] = [];
  for (const subtask of subtasks) {
    const readSubtask = readTaskmasterSubtask(subtask);
    if (readSubtask === null) return null;
    readSubtasks.push(readSubtask);
  }
  read.subtasks = readSubtasks;
  return read;
}

/** The task list of a tag (`{"tasks": [...]}`), or null when the value is not an object with a `tasks` array. */
export function readTaskmasterTag(value: unknown): unknown[] | null {
  return isRecord(value) && Array.isArray(value.tasks) ? value.tasks : null;
}

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
        const tasks = readTaskmasterTag(value);
        if (tasks !== null) tags.push([tag, tasks]);
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
    // Ids are numbered per tag: the tag says which task an id names (and which rendered file, `task_001_<tag>.txt`).
    if (multipleTags || tag !== 'master') draft.extra.tag = tag;
  }

  for (const [tag, rawTasks] of tags) {
    for (const rawTask of rawTasks) {
      const task = readTaskmasterTask(rawTask);
      if (task === null) {
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
