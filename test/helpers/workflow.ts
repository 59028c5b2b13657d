import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createWorkflowDeps } from '../../src/cli/workflow-deps.js';
import { createDefaultConfig, type MembankConfig } from '../../src/core/config.js';
import { silentLogger } from '../../src/core/ports.js';
import type { WorkflowDeps } from '../../src/pipeline/workflows/index.js';

/** Workflow dependencies against a server URL and token, with a fresh temp state store. */
export function makeDeps(
  url: string,
  token: string,
  options: { statePath?: string; config?: Partial<MembankConfig>; signal?: AbortSignal } = {},
): WorkflowDeps {
  const base = createDefaultConfig();
  const config: MembankConfig = {
    ...base,
    ...options.config,
    vikunja: { ...base.vikunja, url, token, retries: 8, ...(options.config?.vikunja ?? {}) },
  };
  const statePath = options.statePath ?? join(mkdtempSync(join(tmpdir(), 'membank-state-')), 'state.sqlite');
  return createWorkflowDeps({ config, statePath, log: silentLogger, signal: options.signal ?? new AbortController().signal, retryBaseMs: 2 });
}
