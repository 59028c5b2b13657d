import type { Plan, PlanOp } from '../core/plan.js';
import type { RevertOp } from '../../jobs/import.js';
import type { RevertStep } from '../core/job.js';
import { describeValue } from '../report/index.js';

const symbols: Record<PlanOp['kind'], string> = {
  project: '+',
  label: '+',
  bucket: '+',
  kanban: '~',
  create: '+',
  update: '~',
  close: '✓',
  move: '→',
  labels: '#',
  relation: '⇄',
  comment: '✎',
  adopt: '=',
  skip: '-',
};

function describeOp(op: PlanOp): string {
  switch (op.kind) {
    case 'project':
      return `create project "${op.title}"`;
    case 'label':
      return `create label "${op.title}"`;
    case 'bucket':
      return `create Kanban bucket "${op.title}"`;
    case 'kanban':
      return `set the Kanban view's ${[op.defaultBucket === null ? null : `default bucket to "${op.defaultBucket}"`, op.doneBucket === null ? null : `done bucket to "${op.doneBucket}"`].filter((part) => part !== null).join(' and ')}`;
    case 'create':
      return `create ${op.source}  "${op.desired.fields.title}"  [${op.desired.bucket}${op.desired.fields.done ? ', done' : ''}]`;
    case 'update':
    case 'close':
      return `${op.kind} ${op.source} (task #${op.taskId}): ${op.changes
        .map((change) => `${change.field}: ${describeValue(change.before, 40)} → ${describeValue(change.after, 40)}`)
        .join('; ')}`;
    case 'move':
      return `move ${op.source} (task #${op.taskId}): ${op.from ?? '?'} → ${op.to}`;
    case 'labels':
      return `labels ${op.source}: ${op.after.join(', ')}`;
    case 'relation':
      return `subtask ${op.childKey} of ${op.parentKey}`;
    case 'comment':
      return `comment on ${op.source}`;
    case 'adopt':
      return op.renamedFrom === undefined
        ? `adopt ${op.source} → existing task #${op.taskId} (carries its marker)`
        : `adopt ${op.source} → existing task #${op.taskId} (renamed from ${op.renamedFrom.key}: ${op.renamedFrom.reason})`;
    case 'skip':
      return `skip ${op.source}: ${op.reason}`;
  }
}

/** Renders a plan the way Terraform shows one: one line per op, then the totals. */
export function renderPlanText(plan: Plan, options: { limit?: number } = {}): string {
  const limit = options.limit ?? 200;
  const lines = [
    `Plan for project "${plan.project.title}"${plan.project.id === null ? ' (new)' : ` (#${plan.project.id})`} on ${plan.server.url} — Vikunja ${plan.server.version}, ${plan.server.api} API`,
    `${plan.summary.records} task record(s) from ${plan.root}`,
    '',
  ];
  plan.ops.slice(0, limit).forEach((op) => lines.push(`  ${symbols[op.kind]} ${describeOp(op)}`));
  if (plan.ops.length > limit) lines.push(`  … ${plan.ops.length - limit} more op(s) (use --json for all)`);
  for (const item of plan.kept ?? []) {
    lines.push(`  = kept ${item.source} (task #${item.taskId}): ${item.fields.map((field) => field.field).join(', ')} changed in Vikunja since the last run — kept`);
  }
  const k = plan.summary.byKind;
  lines.push(
    '',
    plan.summary.writes === 0
      ? (plan.kept ?? []).length > 0
        ? `No writes: ${(plan.kept ?? []).length} task(s) changed in Vikunja since the last run — kept (listed above); nothing else differs from the memory bank.`
        : 'No changes: Vikunja already matches the memory bank.'
      : `Plan: ${k.create} to create, ${k.update + k.close} to update, ${k.move} to move, ${k.labels} label set(s), ${k.relation} relation(s), ${k.comment} comment(s), ${k.project + k.label} project/label(s) to create; ${k.adopt} to adopt, ${k.skip} skipped — ${plan.summary.writes} write(s).`,
  );
  return lines.join('\n');
}

/** Destructive undo steps, in the order a preview lists them (before every other step). */
const destructiveOrder: readonly string[] = ['delete-task', 'delete-label', 'delete-bucket', 'delete-project'];

const destructiveNames: Record<string, [string, string]> = {
  'delete-task': ['task deletion', 'task deletions'],
  'delete-label': ['label deletion', 'label deletions'],
  'delete-bucket': ['bucket deletion', 'bucket deletions'],
  'delete-project': ['project deletion', 'project deletions'],
};

function describeRevert(step: RevertStep): string {
  // Steps of other jobs (sync's file restores…) fall to the generic line below.
  const op = step as RevertOp;
  switch (op.kind) {
    case 'delete-task':
      return `delete task #${op.taskId} "${op.title}"`;
    case 'delete-label':
      return `delete label #${op.labelId} "${op.title}"`;
    case 'delete-project':
      return `delete project #${op.projectId} "${op.title}" (with everything in it)`;
    case 'restore-fields':
      return `restore ${op.changes.map((change) => change.field).join(', ')} of task #${op.taskId}`;
    case 'move-back':
      return `move task #${op.taskId} back to "${op.to ?? '?'}"`;
    case 'restore-labels':
      return `restore the labels of task #${op.taskId} to ${op.labels.length === 0 ? 'none' : op.labels.join(', ')}`;
    case 'delete-relation':
      return `remove the subtask relation #${op.parentId} → #${op.childId}`;
    case 'delete-comment':
      return `delete comment #${op.commentId} on task #${op.taskId}`;
    default: {
      const other = op as { kind: string; id: string; title?: string };
      return `${other.kind} ${other.title === undefined ? other.id.split(':').slice(1).join(':') : `"${other.title}"`}`;
    }
  }
}

function plural(count: number, [one, many]: [string, string]): string {
  return `${count} ${count === 1 ? one : many}`;
}

/**
 * Renders a rollback's undo steps: a count by kind, then the destructive steps (task, label, bucket and project
 * deletions, with titles) before every other step. Each group lists up to `limitPerGroup` steps and says how many
 * it left out, so the steps listed plus those left out always add up to the total announced.
 */
export function renderRollbackSteps(
  ops: readonly RevertStep[],
  options: {
    heading: string;
    limitPerGroup?: number;
    /** Tasks a step deletes with it (deleting a project deletes its tasks), by step id: listed under the step. */
    deletedWith?: ReadonlyMap<string, ReadonlyArray<{ taskId: number; title: string }>>;
  },
): string {
  const limit = options.limitPerGroup ?? 50;
  const groups = [
    ...destructiveOrder.map((kind) => ({ names: destructiveNames[kind] ?? [kind, kind], symbol: '✗', ops: ops.filter((op) => op.kind === kind) })),
    { names: ['other step', 'other steps'] as [string, string], symbol: '↶', ops: ops.filter((op) => !destructiveOrder.includes(op.kind)) },
  ].filter((group) => group.ops.length > 0);
  const lines = [`${options.heading}${groups.length === 0 ? '' : `: ${groups.map((group) => plural(group.ops.length, group.names)).join(', ')}`}`];
  for (const group of groups) {
    for (const op of group.ops.slice(0, limit)) {
      const tasks = options.deletedWith?.get(op.id) ?? [];
      lines.push(`  ${group.symbol} ${describeRevert(op)}${tasks.length === 0 ? '' : `, deleting ${plural(tasks.length, ['task', 'tasks'])} with it:`}`);
      for (const task of tasks.slice(0, limit)) lines.push(`      − task #${task.taskId} "${task.title}"`);
      if (tasks.length > limit) lines.push(`      … and ${tasks.length - limit} more of its tasks (--json lists every one)`);
    }
    if (group.ops.length > limit) lines.push(`  … and ${group.ops.length - limit} more ${plural(group.ops.length - limit, group.names).replace(/^\d+ /, '')} (not listed; --json lists every step)`);
  }
  return lines.join('\n');
}
