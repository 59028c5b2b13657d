/**
 * Source order in Vikunja's views after importing the client's bank (240 tasks): on 2.5 (v2 bulk create, which
 * ignores `position` and puts each batch on top) and on 0.24.1 (v1 creates with `position`). The views are read
 * back through the API, as the UI reads them.
 */
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { readBank } from '../../../src/cli/read-bank.js';
import { applyPlan, createPlan, rollbackRun } from '../../../src/pipeline/workflows/index.js';
import { createDefaultConfig } from '../../../src/core/config.js';
import { findMarker } from '../../../src/core/mapping.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { makeDeps } from '../../helpers/workflow.js';
import { clientBank, hasClientBank as hasCorpus } from '../../helpers/corpus.js';

const closers = closeAfterEach();

interface ApiTask {
  id: number;
  description: string;
  index: number;
}

async function get(sandbox: SandboxHandle, path: string): Promise<unknown> {
  const response = await fetch(`${sandbox.url}/api/v1${path}`, { headers: { authorization: `Bearer ${sandbox.token}` } });
  expect(response.status).toBe(200);
  return response.json();
}

/** The List view's tasks, all pages, in the order the view gives them. */
async function readListView(sandbox: SandboxHandle, projectId: number, viewId: number): Promise<ApiTask[]> {
  const tasks: ApiTask[] = [];
  for (let page = 1; ; page += 1) {
    const batch = (await get(sandbox, `/projects/${projectId}/views/${viewId}/tasks?page=${page}&per_page=50`)) as ApiTask[] | null;
    if (batch === null || batch.length === 0) return tasks;
    tasks.push(...batch);
  }
}

/** The Kanban view's buckets with their tasks, all pages (pagination is per bucket), in view order. */
async function readKanbanView(sandbox: SandboxHandle, projectId: number, viewId: number): Promise<Map<string, ApiTask[]>> {
  const buckets = new Map<string, ApiTask[]>();
  for (let page = 1; ; page += 1) {
    const batch = (await get(sandbox, `/projects/${projectId}/views/${viewId}/tasks?page=${page}&per_page=50`)) as Array<{ title: string; tasks: ApiTask[] | null }>;
    let any = false;
    for (const bucket of batch) {
      const tasks = bucket.tasks ?? [];
      if (tasks.length > 0) any = true;
      buckets.set(bucket.title, [...(buckets.get(bucket.title) ?? []), ...tasks]);
    }
    if (!any) return buckets;
  }
}

describe.each(['2.5.0', '0.24.1'])('source order on Vikunja %s', (version) => {
  it.skipIf(!hasCorpus)('shows the client bank in source order in the List and Kanban views, #index counting up; rollback writes nothing to tasks it deletes', async () => {
    const sandbox = await startSandbox({ version });
    closers.push(() => sandbox.close());
    const deps = makeDeps(sandbox.url, sandbox.token);
    closers.push(() => deps.runtime.close());
    const bank = await readBank(clientBank, process.cwd(), createDefaultConfig());
    expect(bank.records.length).toBeGreaterThanOrEqual(200);
    const plan = await createPlan(deps, { records: bank.records, root: bank.root, projectTitle: 'order' });
    const outcome = await applyPlan(deps, plan, { command: 'migrate', checkStale: false, verify: true });
    expect(outcome.report.errors).toEqual([]);
    expect(outcome.run.status).toBe('succeeded');

    const orderOf = new Map(Object.values(plan.desired).map((task) => [task.marker, task.position]));
    const sourceOrder = (tasks: ApiTask[]): number[] => tasks.map((task) => orderOf.get(findMarker(task.description) ?? '') ?? -1);
    const ascending = (values: number[]): number[] => [...values].sort((a, b) => a - b);

    const projectId = outcome.report.project?.id ?? 0;
    const views = (await get(sandbox, `/projects/${projectId}/views`)) as Array<{ id: number; view_kind: string }>;
    const list = views.find((view) => view.view_kind === 'list');
    const kanban = views.find((view) => view.view_kind === 'kanban');
    if (list === undefined || kanban === undefined) throw new Error('the project lacks a List or Kanban view');

    const listed = sourceOrder(await readListView(sandbox, projectId, list.id));
    const open = Object.values(plan.desired).filter((task) => !task.fields.done).length;
    expect(listed).toHaveLength(open);
    expect(listed).toEqual(ascending(listed));

    const buckets = await readKanbanView(sandbox, projectId, kanban.id);
    let onBoard = 0;
    for (const [title, tasks] of buckets) {
      const order = sourceOrder(tasks);
      onBoard += order.length;
      expect(order, `bucket ${title}`).toEqual(ascending(order));
    }
    expect(onBoard).toBe(Object.keys(plan.desired).length);

    // #index identifiers count up in source order.
    const all = sandbox.dump().tasks.filter((task) => task.project_id === projectId).sort((a, b) => a.index - b.index);
    const byIndex = all.map((task) => orderOf.get(findMarker(task.description) ?? '') ?? -1);
    expect(byIndex).toEqual(ascending(byIndex));

    // Rolling the run back deletes the tasks: no label (or any other) write on a task it then deletes.
    sandbox.clearRequestLog();
    const undo = await rollbackRun(deps, outcome.run.id, { force: false, dryRun: false });
    expect(undo.failures).toEqual([]);
    const writes = sandbox.requestLog().filter((entry) => entry.method !== 'GET');
    expect(writes.filter((entry) => /^\/api\/v[12]\/tasks\/\d+\/./.test(entry.path))).toEqual([]);
    expect(writes.filter((entry) => /^\/api\/v[12]\/tasks\/\d+$/.test(entry.path) && entry.method !== 'DELETE')).toEqual([]);
    expect(sandbox.dump().tasks.filter((task) => task.project_id === projectId)).toEqual([]);
    // The project's delete took its tasks with it: one request, and every entry of the run is marked reverted.
    expect(writes.filter((entry) => entry.method === 'DELETE' && /^\/api\/v1\/tasks\//.test(entry.path))).toEqual([]);
    expect(deps.runtime.store.journal.appliedEntries(outcome.run.id)).toEqual([]);
    expect(deps.runtime.store.mappings.list(plan.scope)).toEqual([]);
  }, 120_000);
});
