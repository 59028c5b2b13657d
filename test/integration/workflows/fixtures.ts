/**
 * Shared set-up for the workflow tests: a sandbox on 127.0.0.1:0, a temp folder holding a copy of the demo bank
 * and a state store path, and the environment the CLI reads.
 */
import { cpSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type SandboxHandle, type SandboxOptions, startSandbox } from '../../../src/sandbox/index.js';

/** The demo bank shipped with the repository. */
export const demoBank = fileURLToPath(new URL('../../../fixtures/demo', import.meta.url));

/** A started sandbox, a temp folder with a copy of the demo bank, and the CLI environment. */
export interface WorkflowSetup {
  sandbox: SandboxHandle;
  dir: string;
  bank: string;
  state: string;
  env: Record<string, string>;
}

/** Starts a sandbox and copies the demo bank into `<tmp>/<repoName>`; `closers` collects what to close. */
export async function setupWorkflow(
  closers: Array<() => Promise<void> | void>,
  options: { repoName?: string; sandbox?: SandboxOptions } = {},
): Promise<WorkflowSetup> {
  const sandbox = await startSandbox(options.sandbox ?? {});
  closers.push(() => sandbox.close());
  const dir = mkdtempSync(join(tmpdir(), 'membank-wf-'));
  const bank = join(dir, options.repoName ?? 'tidepool');
  cpSync(demoBank, bank, { recursive: true });
  const state = join(dir, 'state.sqlite');
  return { sandbox, dir, bank, state, env: { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, MEMBANK_STATE: state } };
}

function edit(path: string, from: string, to: string): void {
  const text = readFileSync(path, 'utf8');
  if (!text.includes(from)) throw new Error(`test fixture: ${path} does not contain ${JSON.stringify(from)}`);
  writeFileSync(path, text.replace(from, to));
}

/**
 * Edits the demo bank so that the next plan has every kind of pending write: a create, an update, a move, a
 * close, a label change and a new comment.
 */
export function changeDemoBank(bank: string): void {
  const sprint = join(bank, 'memory-bank', 'sprint.md');
  // move: Pending → In Progress; labels: owner Sam → Jonas.
  edit(sprint, '| DEMO-002 | Onboarding screen for first import | Sam | High | ⏳ Pending |', '| DEMO-002 | Onboarding screen for first import | Jonas | High | 🔄 In Progress |');
  // close.
  edit(sprint, '| DEMO-004 | Keyboard shortcuts in the reader | Priya | Low | 🔮 Planned |', '| DEMO-004 | Keyboard shortcuts in the reader | Priya | Low | ✅ Done |');
  // update (title).
  edit(sprint, 'Privacy page for the beta', 'Privacy page for the public beta');
  // create.
  edit(
    sprint,
    '| DEMO-005 | Privacy page for the public beta | Sam | Week 2-3 | ⏳ Pending |',
    '| DEMO-005 | Privacy page for the public beta | Sam | Week 2-3 | ⏳ Pending |\n| DEMO-006 | Import from Instapaper | Sam | Low | ⏳ Pending |',
  );
  // comment.
  edit(
    join(bank, 'memory-bank', 'tasks', 'TASK001-import-browser-exports.md'),
    '## Progress Log\n',
    '## Progress Log\n\n### 2026-10-05\n\n- Duplicate detection merged behind a flag.\n',
  );
}

/** The sandbox's write requests (everything but GET) since its request log was last cleared. */
export function writeRequests(sandbox: SandboxHandle): Array<{ method: string; path: string }> {
  return sandbox
    .requestLog()
    .filter((entry) => entry.method !== 'GET')
    .map((entry) => ({ method: entry.method, path: entry.path }));
}
