import type { MembankConfig } from '../core/config.js';
import type { Logger } from '../core/ports.js';
import { createRuntime } from '../runtime.js';
import type { WorkflowDeps } from './workflows.js';

/** Creates workflow dependencies (runtime + config + log + signal) from resolved configuration. */
export function createWorkflowDeps(options: {
  config: Readonly<MembankConfig>;
  statePath: string;
  log: Logger;
  signal: AbortSignal;
  retryBaseMs?: number;
}): WorkflowDeps {
  const runtime = createRuntime({
    config: options.config,
    statePath: options.statePath,
    log: options.log,
    ...(options.retryBaseMs === undefined ? {} : { retryBaseMs: options.retryBaseMs }),
  });
  return { runtime, config: options.config, log: options.log, signal: options.signal };
}
