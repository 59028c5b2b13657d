/**
 * The plain reading of a Taskmaster tasks.json task: the zod schemas src/memory-bank/extractors/taskmaster-json.ts
 * used before it read tasks by hand (so that parsing loads no zod). test/unit/memory-bank/taskmaster-json-reader.test.ts
 * holds the hand-written reader equal to it.
 */
import { z } from 'zod';

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

/** The fields the extractor reads from a task (or subtask), as the schema gave them. */
const readFields = ['id', 'title', 'description', 'details', 'testStrategy', 'status', 'priority', 'dependencies', 'updatedAt', 'createdAt'] as const;

function pick(value: Record<string, unknown>): Record<string, unknown> {
  const picked: Record<string, unknown> = {};
  for (const field of readFields) if (value[field] !== undefined) picked[field] = value[field];
  return picked;
}

/** A task as the zod schema read it (the fields the extractor uses, subtasks included), or null when it failed. */
export function referenceReadTask(value: unknown): Record<string, unknown> | null {
  const parsed = taskSchema.safeParse(value);
  if (!parsed.success) return null;
  const task = pick(parsed.data);
  if (parsed.data.subtasks !== undefined) task.subtasks = parsed.data.subtasks.map((subtask) => pick(subtask));
  return task;
}

/** A tag's task list as the zod schema read it, or null when it failed. */
export function referenceReadTag(value: unknown): unknown[] | null {
  const parsed = tagSchema.safeParse(value);
  return parsed.success ? parsed.data.tasks : null;
}
