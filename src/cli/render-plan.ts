import type { Plan, PlanOp } from '../core/plan.js';
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
      return `adopt ${op.source} → existing task #${op.taskId} (carries its marker)`;
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
  const k = plan.summary.byKind;
  lines.push(
    '',
    plan.summary.writes === 0
      ? 'No changes: Vikunja already matches the memory bank.'
      : `Plan: ${k.create} to create, ${k.update + k.close} to update, ${k.move} to move, ${k.labels} label set(s), ${k.relation} relation(s), ${k.comment} comment(s), ${k.project + k.label} project/label(s) to create; ${k.adopt} to adopt, ${k.skip} skipped — ${plan.summary.writes} write(s).`,
  );
  return lines.join('\n');
}
