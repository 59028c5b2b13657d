/**
 * What a command that talks to Vikunja opens when it runs, once its configuration is resolved (`resolve-args.ts`):
 * the state store and the client. Commands import this in their `run` (their builders use `connection-options.ts`).
 */
import type { ResolvedConfig } from '../config.js';
import type { CliContext } from './command.js';
import { createWorkflowDeps } from './workflow-deps.js';
import type { WorkflowDeps } from '../pipeline/workflows/index.js';

/** Opens the state store and the Vikunja client; closed when the command ends. */
export function openWorkflow(
  resolved: ResolvedConfig,
  ctx: CliContext,
  onProgress?: (done: number, total: number) => void,
  options: { readOnly?: boolean } = {},
): WorkflowDeps {
  const deps = createWorkflowDeps({
    config: resolved.config,
    statePath: resolved.statePath,
    log: ctx.log,
    signal: ctx.signal,
    ...(options.readOnly === true ? { readOnly: true } : {}),
  });
  ctx.onClose(() => deps.runtime.close());
  return onProgress === undefined ? deps : { ...deps, onProgress };
}
