/**
 * An update costs what the server needs and no more: on the v2 path one PATCH, with no read of the task; on the
 * v1 path one GET (read-modify-write of the whole task) and one POST. Nothing reads a task back after writing it:
 * verify checks the written fields against the one task listing it reads.
 */
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { applyPlan, deferPlan } from '../../../src/pipeline/workflows/index.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import { makeRecords } from '../../helpers/records.js';
import { makeDeps } from '../../helpers/workflow.js';

const closers = closeAfterEach();

describe('reads per update', () => {
  it.each([
    ['0.24.1', 1],
    ['2.5.0', 0],
  ] as const)('Vikunja %s: %i read(s) of a task per update, none after the write', async (version, readsPerUpdate) => {
    const sandbox = await startSandbox({ port: 0, version });
    closers.push(() => sandbox.close());
    const deps = makeDeps(sandbox.url, sandbox.token);
    closers.push(() => deps.runtime.close());
    const records = makeRecords(12);
    const input = { records, root: '/bench', projectTitle: 'Reads per update' };
    expect((await applyPlan(deps, deferPlan(deps, input), { command: 'migrate', checkStale: false, verify: true })).run.status).toBe('succeeded');

    const changed = records.map((record, index) => (index < 5 ? { ...record, priority: { value: 3, raw: 'High' } } : record));
    sandbox.clearRequestLog();
    const rerun = await applyPlan(deps, deferPlan(deps, { ...input, records: changed }), { command: 'migrate', checkStale: false, verify: true });
    expect(rerun.run.status).toBe('succeeded');
    const updates = rerun.plan.ops.filter((op) => op.kind === 'update');
    expect(updates).toHaveLength(5);
    const log = sandbox.requestLog();
    const singleTaskReads = log.filter((entry) => entry.method === 'GET' && /\/tasks\/\d+$/.test(entry.path));
    expect(singleTaskReads.map((entry) => entry.path)).toHaveLength(5 * readsPerUpdate);
    expect(sandbox.dump().tasks.filter((task) => task.priority === 3)).toHaveLength(5);
  });
});
