/**
 * The zod schema of a saved plan file. A plan is reviewed (and sometimes edited) by hand between `plan --out`
 * and `apply`, so `apply` validates the whole file before its first write and names every bad op and field.
 */
import { z } from 'zod';
import { UsageError, truncateForMessage } from './errors.js';
import { BucketRole, ownedFields } from './mapping.js';
import type { Plan, PlanOp } from './plan.js';

const fieldValue = z.union([z.string(), z.number(), z.boolean(), z.null()]);
const bucket = z.enum(Object.values(BucketRole) as [string, ...string[]]);
const nullableDate = z.string().nullable();

const taskFieldsSchema = z.looseObject({
  title: z.string().min(1),
  description: z.string(),
  done: z.boolean(),
  done_at: nullableDate,
  due_date: nullableDate,
  start_date: nullableDate,
  priority: z.number().int().min(0).max(5).nullable(),
  percent_done: z.number().min(0).max(1).nullable(),
});

const desiredTaskSchema = z.looseObject({
  key: z.string().min(1),
  marker: z.string().min(1),
  fields: taskFieldsSchema,
  bucket,
  labels: z.array(z.string().min(1)),
  position: z.number(),
  parentKey: z.string().nullable(),
  comments: z.array(z.looseObject({ marker: z.string().min(1), html: z.string() })),
  contentHash: z.string(),
});

const taskId = z.number().int().positive();
const fieldChangeSchema = z.looseObject({ field: z.enum(ownedFields), before: fieldValue, after: fieldValue });
const sourced = { id: z.string().min(1), key: z.string().min(1), source: z.string() };

const opSchema = z.discriminatedUnion('kind', [
  z.looseObject({ id: z.string().min(1), kind: z.literal('project'), title: z.string().min(1), marker: z.string().min(1), bank: z.string().min(1).optional() }),
  z.looseObject({ id: z.string().min(1), kind: z.literal('label'), title: z.string().min(1) }),
  z.looseObject({ id: z.string().min(1), kind: z.literal('bucket'), title: bucket }),
  z.looseObject({ id: z.string().min(1), kind: z.literal('kanban'), defaultBucket: bucket.nullable(), doneBucket: bucket.nullable() }),
  z.looseObject({ ...sourced, kind: z.literal('create'), line: z.number().int().positive().optional(), desired: desiredTaskSchema }),
  z.looseObject({ ...sourced, kind: z.enum(['update', 'close']), taskId, expectedUpdated: z.string(), changes: z.array(fieldChangeSchema).min(1) }),
  z.looseObject({ ...sourced, kind: z.literal('move'), taskId, expectedUpdated: z.string(), from: z.string().nullable(), to: bucket }),
  z.looseObject({ ...sourced, kind: z.literal('labels'), taskId: taskId.nullable(), before: z.array(z.string()), after: z.array(z.string().min(1)) }),
  z.looseObject({ ...sourced, kind: z.literal('relation'), parentKey: z.string().min(1), childKey: z.string().min(1) }),
  z.looseObject({ ...sourced, kind: z.literal('comment'), comment: z.looseObject({ marker: z.string().min(1), html: z.string() }) }),
  z.looseObject({ ...sourced, kind: z.literal('adopt'), taskId, contentHash: z.string(), renamedFrom: z.looseObject({ key: z.string().min(1), reason: z.string() }).optional() }),
  z.looseObject({ ...sourced, kind: z.literal('skip'), reason: z.string() }),
]);

const opKinds = ['project', 'label', 'bucket', 'kanban', 'create', 'update', 'close', 'move', 'labels', 'relation', 'comment', 'adopt', 'skip'] as const satisfies ReadonlyArray<PlanOp['kind']>;
// Fails to compile when an op kind is added to PlanOp without a schema here.
const everyKindHasASchema: Exclude<PlanOp['kind'], (typeof opKinds)[number]> extends never ? true : never = true;
void everyKindHasASchema;

/** Schema of the plan file `membank plan --out` writes. */
export const planFileSchema = z.looseObject({
  format: z.literal('membank-plan'),
  version: z.literal(1),
  createdAt: z.string(),
  root: z.string().min(1),
  inputsHash: z.string().min(1),
  server: z.looseObject({ url: z.string().min(1), version: z.string(), api: z.enum(['v1', 'v2']) }),
  project: z.looseObject({ title: z.string().min(1), id: taskId.nullable(), marker: z.string().min(1) }),
  scope: z.string().min(1),
  ops: z.array(opSchema),
  desired: z.record(z.string(), desiredTaskSchema),
  summary: z.looseObject({ records: z.number().int().min(0), byKind: z.record(z.string(), z.number()), writes: z.number().int().min(0) }),
});

function describePath(path: readonly PropertyKey[], value: unknown): string {
  let text = '';
  let current: unknown = value;
  for (const part of path) {
    text += typeof part === 'number' ? `[${part}]` : text === '' ? String(part) : `.${String(part)}`;
    current = current !== null && typeof current === 'object' ? (current as Record<PropertyKey, unknown>)[part] : undefined;
  }
  const op = path[0] === 'ops' && typeof path[1] === 'number' ? (value as { ops: unknown[] }).ops[path[1]] : undefined;
  const opId = op !== null && typeof op === 'object' && typeof (op as { id?: unknown }).id === 'string' ? ` (op "${(op as { id: string }).id}")` : '';
  const received = current === undefined ? 'nothing' : truncateForMessage(JSON.stringify(current), 80);
  return `${text === '' ? '(the file)' : text}${opId}, received ${received}`;
}

function checkReferences(plan: z.infer<typeof planFileSchema>): string[] {
  const problems: string[] = [];
  const ids = new Map<string, number>();
  const created = new Set<string>();
  plan.ops.forEach((op, index) => {
    const first = ids.get(op.id);
    if (first !== undefined) problems.push(`ops[${index}].id: "${op.id}" is also the id of ops[${first}]; every op id must be unique`);
    else ids.set(op.id, index);
    if (op.kind === 'create') created.add(op.key);
  });
  plan.ops.forEach((op, index) => {
    const keys = op.kind === 'relation' ? [['parentKey', op.parentKey], ['childKey', op.childKey]] : op.kind === 'comment' || op.kind === 'labels' ? [['key', op.key]] : [];
    for (const [field, key] of keys) {
      if (key !== undefined && !(key in plan.desired) && !created.has(key)) {
        problems.push(`ops[${index}].${field} (op "${op.id}"): "${key}" is not a key of the plan's desired tasks`);
      }
    }
  });
  return problems;
}

/**
 * Validates a parsed plan file as a whole and returns it typed; throws UsageError (exit 64) listing every
 * problem with the op index and field, before anything is written.
 */
export function parsePlanFile(value: unknown, path: string): Plan {
  const result = planFileSchema.safeParse(value);
  const problems: string[] = [];
  if (!result.success) {
    for (const issue of result.error.issues) {
      const where = describePath(issue.path, value);
      const detail =
        issue.code === 'invalid_union' && issue.path.at(-1) === 'kind'
          ? `unknown op kind; expected one of ${opKinds.join(', ')}`
          : issue.message;
      problems.push(`${where}: ${detail}`);
    }
  } else {
    problems.push(...checkReferences(result.data));
  }
  if (problems.length > 0) {
    const shown = problems.slice(0, 20).map((problem) => `  - ${problem}`);
    if (problems.length > shown.length) shown.push(`  … and ${problems.length - shown.length} more`);
    throw new UsageError(
      `${path} is not a valid membank plan (${problems.length} problem(s)); nothing was written:\n${shown.join('\n')}\n` +
        'Fix the file, or make a fresh one with membank plan <dir> --out <file>.',
      { details: { path, problems } },
    );
  }
  return result.data as unknown as Plan;
}
