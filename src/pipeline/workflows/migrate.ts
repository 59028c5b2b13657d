/**
 * The migrate workflow: plan under the run lock, apply, verify, report — one run, from a bank already read.
 */
import type { PlanInput } from '../../../jobs/plan.js';
import type { Plan } from '../../core/plan.js';
import type { InputProblem } from '../../core/task-record.js';
import { type ApplyOutcome, applyPlan, deferPlan } from './apply-plan.js';
import type { WorkflowDeps } from './deps.js';
import { countGuardInputs, type GuardOptions } from './guard-check.js';

/**
 * Migrates a memory bank: the plan is made only once the run holds the lock (never against a state another run
 * is changing), shown through `onPlan` before the first write, then applied, verified and reported.
 */
export function migrate(
  deps: WorkflowDeps,
  input: PlanInput,
  options: { verify: boolean; problems?: readonly InputProblem[]; onPlan?: (plan: Plan) => void; guard?: GuardOptions },
): Promise<ApplyOutcome> {
  const guard = { ...options.guard, counts: countGuardInputs(input.records, options.guard) };
  return applyPlan(deps, deferPlan(deps, input), { command: 'migrate', checkStale: false, ...options, guard });
}
