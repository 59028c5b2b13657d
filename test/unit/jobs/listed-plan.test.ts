/**
 * `migrate --dry-run`'s plan (`makeListedPlan`, through the `createListedPlan` workflow): the same plan as
 * `createPlan` — every op in the same order with the same fields, the same desired tasks, kept edits and summary —
 * while its ops and desired tasks are made from the records as they are listed, not held (issue #12: a
 * 10,000-file bank's dry run held 210,000 ops and 70,000 desired tasks on top of the parse's records).
 */
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { chunkJson, ListedJsonArray, ListedJsonObject } from '../../../src/cli/json-stream.js';
import type { Plan } from '../../../src/core/plan.js';
import type { TaskRecord } from '../../../src/core/task-record.js';
import { applyPlan, createListedPlan, createPlan, type WorkflowDeps } from '../../../src/pipeline/workflows/index.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import { runFreshModule } from '../../helpers/fresh-process.js';
import { makeRecord } from '../../helpers/records.js';
import { makeDeps } from '../../helpers/workflow.js';

const closers = closeAfterEach();

function makeBank(): TaskRecord[] {
  return [
    makeRecord({ key: 'tasks.md#A-1', title: 'A-1 · parent', order: 0, body: 'Some **body** and `code`', priority: { value: 3, raw: 'High' }, owner: 'alice', labels: ['area:core'], progress: [{ date: '2026-10-01', text: 'started', line: 3 }] }),
    makeRecord({ key: 'tasks.md#A-2', title: 'A-2 · child', order: 1, parentKey: 'tasks.md#A-1', status: { canonical: 'in_progress', raw: 'In Progress', from: 'table-cell' } }),
    makeRecord({ key: 'tasks.md#A-3', title: 'A-3 · blocked', order: 2, parentKey: 'tasks.md#A-1', status: { canonical: 'blocked', raw: 'Blocked', from: 'table-cell' } }),
    makeRecord({ key: 'tasks.md#A-4', title: 'A-4 · todo', order: 3, source: { path: 'tasks.md', line: 9, anchor: 'a-4-todo' }, dates: { due: '2026-12-01', start: null, done: null, created: '2026-09-01', updated: null } }),
  ];
}

/** The plan as its saved document, with the run-specific `createdAt` blanked. */
function document(plan: Omit<Plan, 'ops' | 'desired'> & { ops: unknown; desired: unknown }): string {
  return JSON.stringify({ ...plan, createdAt: '<createdAt>' });
}

async function expectSamePlans(deps: WorkflowDeps, records: TaskRecord[], projectTitle: string): Promise<Plan> {
  const input = { root: '/bank', projectTitle, source: 'repo/memory-bank' };
  const plan = await createPlan(deps, { ...input, records });
  const listed = await createListedPlan(deps, { ...input, records });
  expect(document(listed.withLists([...listed.ops()], Object.fromEntries(listed.desired())))).toBe(document(plan));
  // As the dry run writes it: streamed from the lists, the same text as the held plan's JSON.
  const streamed = [...chunkJson(listed.withLists(new ListedJsonArray(() => listed.ops()), new ListedJsonObject(() => listed.desired())), { indent: 2 })].join('');
  expect(streamed.replace(/"createdAt": "[^"]*"/, '')).toBe(`${JSON.stringify(plan, null, 2)}\n`.replace(/"createdAt": "[^"]*"/, ''));
  // Listed again: the same ops (a document written twice, or a --out file and stdout, hold the same plan).
  expect(JSON.stringify([...listed.ops()])).toBe(JSON.stringify(plan.ops));
  expect(listed.summary).toEqual(plan.summary);
  return plan;
}

describe('the listed plan of a dry run', () => {
  it('is createPlan’s plan: a first import, a re-run after edits on both sides, and a re-run with a fresh state store', async () => {
    const sandbox = await startSandbox({ port: 0, version: '2.5.0' });
    closers.push(() => sandbox.close());
    const deps = makeDeps(sandbox.url, sandbox.token);
    closers.push(() => deps.runtime.close());
    const first = await expectSamePlans(deps, makeBank(), 'listed');
    expect(first.summary.byKind).toMatchObject({ project: 1, create: 4, labels: 4, relation: 2, comment: 1 });
    const run = await applyPlan(deps, first, { command: 'migrate', checkStale: false, verify: false });
    expect(run.run.status).toBe('succeeded');

    // The bank changes: a title, two statuses (one moves its task), a new subtask, a new progress entry, a label gone.
    const edited = makeBank().map((record) =>
      record.key === 'tasks.md#A-1'
        ? { ...record, title: 'A-1 · parent, renamed', labels: [], progress: [...record.progress, { date: '2026-10-02', text: 'went on', line: 4 }] }
        : record.key === 'tasks.md#A-2'
          ? { ...record, status: { canonical: 'done' as const, raw: 'Done', from: 'table-cell' as const } }
          : record.key === 'tasks.md#A-3'
            ? { ...record, status: { canonical: 'in_progress' as const, raw: 'In Progress', from: 'table-cell' as const } }
            : record,
    );
    edited.push(makeRecord({ key: 'tasks.md#A-5', title: 'A-5 · new child', order: 4, parentKey: 'tasks.md#A-1' }));
    const rerun = await expectSamePlans(deps, edited, 'listed');
    expect(rerun.summary.byKind).toMatchObject({ create: 1, update: 3, move: 1, comment: 1 });
    expect(rerun.summary.byKind.labels).toBeGreaterThan(0);

    // A fresh state store finds the tasks by their markers: adopt ops, and every field compared without a base.
    const fresh = makeDeps(sandbox.url, sandbox.token);
    closers.push(() => fresh.runtime.close());
    const adopted = await expectSamePlans(fresh, edited, 'listed');
    expect(adopted.summary.byKind.adopt).toBe(4);
  }, 60_000);

  it('is createPlan’s plan when two records share a key (the desired map keeps the first place and the later task)', async () => {
    const sandbox = await startSandbox({ port: 0, version: '2.5.0' });
    closers.push(() => sandbox.close());
    const deps = makeDeps(sandbox.url, sandbox.token);
    closers.push(() => deps.runtime.close());
    const bank = makeBank();
    bank.push(makeRecord({ key: 'tasks.md#A-1', title: 'A-1 · again, elsewhere', order: 5, body: 'Other body' }));
    const plan = await expectSamePlans(deps, bank, 'duplicates');
    expect(Object.keys(plan.desired)).toHaveLength(4);
  }, 60_000);
});

// In a fresh process with the GC exposed: the desired tasks of the first 100 create ops and of the first 100
// entries of the plan's desired tasks, each watched by a WeakRef as it is listed; once listed past, a full GC must
// find them gone while the plan itself is still in use.
const childScript = `
const [sandboxUrl, depsUrl, workflowsUrl, recordsUrl, planApi] = process.argv.slice(1);
const { startSandbox } = await import(sandboxUrl);
const { makeDeps } = await import(depsUrl);
const workflows = await import(workflowsUrl);
const { makeRecords } = await import(recordsUrl);
const sandbox = await startSandbox({ port: 0, version: '2.5.0' });
const deps = makeDeps(sandbox.url, sandbox.token);
const records = makeRecords(2000).map((record, index) => ({ ...record, body: 'Task body ' + index }));
const input = { root: '/bank', projectTitle: 'listed', records };
const watched = [];
let plan;
if (planApi === 'listed') {
  plan = await workflows.createListedPlan(deps, input);
  for (const op of plan.ops()) if (op.kind === 'create' && watched.length < 100) watched.push(new WeakRef(op.desired));
  for (const [, task] of plan.desired()) if (watched.length < 200) watched.push(new WeakRef(task));
} else {
  plan = await workflows.createPlan(deps, input);
  for (const op of plan.ops) if (op.kind === 'create' && watched.length < 100) watched.push(new WeakRef(op.desired));
  for (const task of Object.values(plan.desired)) if (watched.length < 200) watched.push(new WeakRef(task));
}
// A WeakRef keeps its target until the end of the job that made it.
await new Promise((resolve) => setTimeout(resolve, 0));
globalThis.gc();
const released = watched.filter((ref) => ref.deref() === undefined).length;
process.stdout.write(JSON.stringify({ watched: watched.length, released, creates: plan.summary.byKind.create }));
deps.runtime.close();
await sandbox.close();
`;

describe('the desired tasks of a listed plan', () => {
  it('are made as they are listed and not held once listed past', () => {
    const url = (path: string): string => new URL(`../../../${path}`, import.meta.url).href;
    const output = runFreshModule(
      [childScript],
      [url('src/sandbox/index.ts'), url('test/helpers/workflow.ts'), url('src/pipeline/workflows/index.ts'), url('test/helpers/records.ts'), 'listed'],
      { nodeFlags: ['--expose-gc'] },
    ).stdout;
    const result = JSON.parse(output) as { watched: number; released: number; creates: number };
    expect(result.creates).toBe(2000);
    expect(result.watched).toBe(200);
    // All of them (createPlan, which holds its plan's ops and desired tasks, releases none: 0).
    expect(result.released).toBe(200);
  }, 60_000);
});
