import type { MembankConfig } from '../core/config.js';
import type { Logger } from '../core/ports.js';
import { createRuntime } from '../runtime.js';
import type { WorkflowDeps } from '../pipeline/workflows/index.js';

/** Creates workflow dependencies (runtime + config + log + signal) from resolved configuration. */
export function createWorkflowDeps(options: {
  config: Readonly<MembankConfig>;
  statePath: string;
  log: Logger;
  signal: AbortSignal;
  retryBaseMs?: number;
  /** Plan only (plan, --dry-run): never create the state store file. */
  readOnly?: boolean;
}): WorkflowDeps {
  const runtime = createRuntime({
    config: options.config,
    statePath: options.statePath,
    log: options.log,
    ...(options.readOnly === true ? { readOnly: true } : {}),
    ...(options.retryBaseMs === undefined ? {} : { retryBaseMs: options.retryBaseMs }),
  });
  return { runtime, config: options.config, log: options.log, signal: options.signal };
}
