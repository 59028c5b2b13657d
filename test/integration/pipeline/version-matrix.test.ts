/**
 * The pipeline on the client's server version (0.24.1, v1 path: one create per task, one "Backlog" bucket and
 * no done bucket) and on 2.5 (v2 bulk create): buckets, updates from a fresh state store, hand edits, rollback.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { applyPlan, createPlan, rollbackRun } from '../../../src/cli/workflows.js';
import type { TaskRecord } from '../../../src/core/task-record.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { makeRecord } from '../../helpers/records.js';
import { makeDeps } from '../../helpers/workflow.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

function withoutTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, inner: unknown) => (['created', 'updated', 'done_at'].includes(key) ? undefined : inner)));
}

function records(overrides: Partial<Record<string, Partial<TaskRecord>>> = {}): TaskRecord[] {
  return ['A-1', 'A-2', 'A-3', 'A-4'].map((id, order) =>
    makeRecord({ key: `tasks.md#${id}`, title: `${id} · task ${order + 1}`, order, sourceId: id, ...(overrides[id] ?? {}) }),
  );
}

async function start(version: string): Promise<SandboxHandle> {
  const sandbox = await startSandbox({ version });
  closers.push(() => sandbox.close());
  return sandbox;
}

function deps(sandbox: SandboxHandle, statePath?: string): ReturnType<typeof makeDeps> {
  const made = makeDeps(sandbox.url, sandbox.token, statePath === undefined ? {} : { statePath });
  closers.push(() => made.runtime.close());
  return made;
}

describe.each(['0.24.1', '2.5.0'])('pipeline on Vikunja %s', (version) => {
  it('migrates and rolls the run back to the state before it', async () => {
    const sandbox = await start(version);
    const before = withoutTimes(sandbox.dump());
    const d = deps(sandbox);
    const plan = await createPlan(d, { records: records(), root: '/bank', projectTitle: 'matrix' });
    const run = await applyPlan(d, plan, { command: 'migrate', checkStale: false, verify: true });
    expect(run.report.errors).toEqual([]);
    expect(run.run.status).toBe('succeeded');
    const undo = await rollbackRun(d, run.run.id, { force: false, dryRun: false });
    expect(undo.failures).toEqual([]);
    expect(withoutTimes(sandbox.dump())).toEqual(before);
  });
});
