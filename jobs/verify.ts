/**
 * verify: reads back every task the plan touched and diffs it with the desired state. Any drift fails the run.
 */
import { defineJob, type WriteJobContext } from '../src/core/job.js';
import { comparedFields, type DesiredTask, findMarker, isSameFieldValue, type TaskFields } from '../src/core/mapping.js';
import type { Plan } from '../src/core/plan.js';
import type { DriftItem } from '../src/core/report.js';
import type { VikunjaTask } from '../src/core/vikunja.js';
import { readTaskFields } from './plan.js';

/** What verify needs: the plan, and which keys the run touched (all desired keys when omitted). */
export interface VerifyInput {
  plan: Plan;
  keys?: readonly string[];
  /**
   * The project's tasks as read after the run's last write, when the run holds such a read (a run that wrote
   * nothing after reading them): verify reads the list again only when this is absent.
   */
  tasks?: readonly VikunjaTask[];
}

/** Verify's verdict. */
export interface VerifyResult {
  ok: boolean;
  checked: number;
  drift: DriftItem[];
}



/**
 * What this run wrote to one task, and so what verify checks: the fields a create sent (a field the source
 * has no value for is not sent, so not checked), the fields an update changed, the labels a label op set, and
 * whether a relation op linked it. A field the plan left alone (a hand edit kept) is not checked.
 */
export interface WrittenByRun {
  fields: Partial<TaskFields>;
  labels: string[] | null;
  parent: boolean;
}

/** Collects, per key, what the plan's write ops write. */
export function collectWritten(plan: Plan): Map<string, WrittenByRun> {
  const written = new Map<string, WrittenByRun>();
  const of = (key: string): WrittenByRun => {
    let entry = written.get(key);
    if (entry === undefined) {
      entry = { fields: {}, labels: null, parent: false };
      written.set(key, entry);
    }
    return entry;
  };
  for (const op of plan.ops) {
    if (op.kind === 'create') {
      const fields = of(op.key).fields as Record<string, unknown>;
      for (const field of comparedFields) if (op.desired.fields[field] !== null) fields[field] = op.desired.fields[field];
    } else if (op.kind === 'update' || op.kind === 'close') {
      const fields = of(op.key).fields as Record<string, unknown>;
      for (const change of op.changes) fields[change.field] = change.after;
    } else if (op.kind === 'labels') {
      of(op.key).labels = op.after;
    } else if (op.kind === 'relation') {
      of(op.childKey).parent = true;
    }
  }
  return written;
}

/** Differences between what the run wrote to one task and what Vikunja holds. */
export function diffTask(
  want: DesiredTask,
  task: VikunjaTask | undefined,
  byId: ReadonlyMap<number, VikunjaTask>,
  wantedParentId: number | null,
  written: WrittenByRun = { fields: want.fields, labels: want.labels, parent: true },
): DriftItem[] {
  if (task === undefined) {
    return [{ key: want.key, taskId: null, field: 'existence', expected: 'a task carrying marker ' + want.marker, actual: 'missing' }];
  }
  const drift: DriftItem[] = [];
  const actual = readTaskFields(task);
  for (const field of comparedFields) {
    if (!(field in written.fields)) continue;
    const expected = written.fields[field] ?? null;
    if ((field === 'priority' || field === 'percent_done') && expected === null) continue;
    if (!isSameFieldValue(actual[field], expected)) drift.push({ key: want.key, taskId: task.id, field, expected, actual: actual[field] });
  }
  const labels = new Set(task.labels.map((label) => label.title));
  // Labels match case-insensitively (one label per title whatever its case), as in plan and apply.
  const lowerCase = new Set([...labels].map((label) => label.toLowerCase()));
  const missing = (written.labels ?? []).filter((label) => !lowerCase.has(label.toLowerCase()));
  if (missing.length > 0) drift.push({ key: want.key, taskId: task.id, field: 'labels', expected: written.labels, actual: [...labels] });
  if (wantedParentId !== null && written.parent) {
    const parent = byId.get(wantedParentId);
    const linked = (parent?.related_tasks.subtask ?? []).some((child) => child.id === task.id);
    if (!linked) drift.push({ key: want.key, taskId: task.id, field: 'parent', expected: wantedParentId, actual: null });
  }
  return drift;
}

/** The verify job: a read-only check; `plan` returns the verdict and no ops. */
export const verifyJob = defineJob<VerifyInput, VerifyResult, never, WriteJobContext>({
  name: 'verify',
  describe: 'Read back every task the run touched and compare it with the plan',
  async plan(ctx, input) {
    const projectId = ctx.refs.projectId;
    const keys = input.keys ?? Object.keys(input.plan.desired);
    const tasks = projectId === null ? [] : (input.tasks ?? (await ctx.vikunja.listProjectTasks(projectId)));
    const byId = new Map(tasks.map((task) => [task.id, task]));
    const byMarker = new Map(tasks.map((task) => [findMarker(task.description), task]));
    const drift: DriftItem[] = [];
    const writtenByKey = collectWritten(input.plan);
    const nothing: WrittenByRun = { fields: {}, labels: null, parent: false };
    const commentKeys = new Set(
      input.plan.ops.filter((op) => op.kind === 'comment').map((op) => op.key),
    );
    for (const key of keys) {
      const want = input.plan.desired[key];
      if (want === undefined) continue;
      const mapped = ctx.store.mappings.get(input.plan.scope, key)?.taskId ?? ctx.refs.tasks.get(key);
      const task = (mapped === undefined ? undefined : byId.get(mapped)) ?? byMarker.get(want.marker);
      const parentWant = want.parentKey === null ? undefined : input.plan.desired[want.parentKey];
      const parentId = parentWant === undefined ? null : (byMarker.get(parentWant.marker)?.id ?? null);
      drift.push(...diffTask(want, task, byId, parentId, writtenByKey.get(key) ?? nothing));
      if (task !== undefined && commentKeys.has(key) && want.comments.length > 0) {
        const text = (await ctx.vikunja.listComments(task.id)).map((comment) => comment.comment).join('\n');
        for (const comment of want.comments) {
          if (!text.includes(comment.marker)) {
            drift.push({ key, taskId: task.id, field: 'comment', expected: comment.marker, actual: null });
          }
        }
      }
    }
    return { output: { ok: drift.length === 0, checked: keys.length, drift }, ops: [] };
  },
});
