import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { applyPlan, createPlan, rollbackRun } from '../../../src/pipeline/workflows/index.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import { makeRecord } from '../../helpers/records.js';
import { makeDeps } from '../../helpers/workflow.js';

const closers = closeAfterEach();

function withoutTimes(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (key, inner) => (['created', 'updated'].includes(key) ? undefined : inner)));
}

describe('pipeline smoke', () => {
  it('migrates, re-runs with zero writes, and rolls back to the pre-run state', async () => {
    const sandbox = await startSandbox();
    closers.push(() => sandbox.close());
    const before = withoutTimes(sandbox.dump());
    const deps = makeDeps(sandbox.url, sandbox.token);
    closers.push(() => deps.runtime.close());
    const records = [
      makeRecord({ key: 'tasks.md#A-1', title: 'A-1 · parent', order: 0, body: 'Some **body**', priority: { value: 3, raw: 'High' }, owner: 'alice', progress: [{ date: '2026-10-01', text: 'started', line: 3 }] }),
      makeRecord({ key: 'tasks.md#A-2', title: 'A-2 · child', order: 1, parentKey: 'tasks.md#A-1', status: { canonical: 'done', raw: '✅ Done', from: 'table-cell' }, dates: { due: '2026-12-01', start: null, done: '2026-10-05', created: null, updated: null } }),
      makeRecord({ key: 'tasks.md#A-3', title: 'A-3 · doing', order: 2, status: { canonical: 'in_progress', raw: 'In Progress', from: 'table-cell' } }),
    ];
    const plan = await createPlan(deps, { records, root: '/bank', projectTitle: 'smoke' });
    expect(plan.summary.byKind.create).toBe(3);
    const first = await applyPlan(deps, plan, { command: 'migrate', checkStale: false, verify: true });
    expect(first.report.verify?.drift).toEqual([]);
    expect(first.report.errors).toEqual([]);
    expect(first.run.status).toBe("succeeded");
    const dump = sandbox.dump();
    expect(dump.tasks.filter((task) => task.project_id !== 1)).toHaveLength(3);

    sandbox.clearRequestLog();
    const again = await createPlan(deps, { records, root: '/bank', projectTitle: 'smoke' });
    expect(again.summary.writes).toBe(0);
    const second = await applyPlan(deps, again, { command: 'migrate', checkStale: false, verify: true });
    expect(second.run.status).toBe('succeeded');
    expect(sandbox.requestLog().filter((entry) => entry.method !== 'GET')).toEqual([]);

    const undo = await rollbackRun(deps, first.run.id, { force: false, dryRun: false });
    expect(undo.failures).toEqual([]);
    expect(withoutTimes(sandbox.dump())).toEqual(before);
  });
});
