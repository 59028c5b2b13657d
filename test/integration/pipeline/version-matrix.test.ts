/**
 * The pipeline on the client's server version (0.24.1, v1 path: one create per task, one "Backlog" bucket and
 * no done bucket) and on 2.5 (v2 bulk create): buckets, updates from a fresh state store, hand edits, rollback.
 */
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { applyPlan, createPlan, rollbackRun } from '../../../src/pipeline/workflows/index.js';
import type { TaskRecord } from '../../../src/core/task-record.js';
import { renderMarkdown } from '../../../src/report/markdown.js';
import { renderTerminalSummary } from '../../../src/report/terminal.js';
import { type SandboxHandle, startSandbox } from '../../../src/sandbox/index.js';
import { makeRecord } from '../../helpers/records.js';
import { makeDeps } from '../../helpers/workflow.js';

const closers = closeAfterEach();

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

/** The Kanban bucket title each task of the project sits in, and the view's done bucket title. */
function kanbanOf(sandbox: SandboxHandle, projectTitle: string): { bucketOf: Map<string, string>; doneBucket: string | null; buckets: string[] } {
  const dump = sandbox.dump();
  const project = dump.projects.find((candidate) => candidate.title === projectTitle);
  const view = project?.views.find((candidate) => candidate.view_kind === 'kanban');
  if (project === undefined || view === undefined) throw new Error(`no Kanban view in project ${projectTitle}`);
  const titleOf = new Map(view.buckets.map((bucket) => [bucket.id, bucket.title]));
  const bucketOf = new Map<string, string>();
  for (const row of dump.taskBuckets) {
    if (row.project_view_id !== view.id) continue;
    const task = dump.tasks.find((candidate) => candidate.id === row.task_id);
    if (task !== undefined) bucketOf.set(task.title.split(' ')[0] ?? task.title, titleOf.get(row.bucket_id) ?? `#${row.bucket_id}`);
  }
  return { bucketOf, doneBucket: titleOf.get(view.done_bucket_id) ?? null, buckets: view.buckets.map((bucket) => bucket.title) };
}

/** Edits a task by hand through the v1 API (read, change, send the whole object), as a person in the UI would. */
async function editByHand(sandbox: SandboxHandle, titlePrefix: string, changes: Record<string, unknown>): Promise<number> {
  const task = sandbox.dump().tasks.find((candidate) => candidate.title.startsWith(titlePrefix));
  if (task === undefined) throw new Error(`no task ${titlePrefix}`);
  const headers = { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' };
  const current = (await (await fetch(`${sandbox.url}/api/v1/tasks/${task.id}`, { headers })).json()) as Record<string, unknown>;
  const response = await fetch(`${sandbox.url}/api/v1/tasks/${task.id}`, { method: 'POST', headers, body: JSON.stringify({ ...current, ...changes }) });
  expect(response.status).toBe(200);
  return task.id;
}

const handDue = '2027-03-04T10:00:00Z';

describe.each(['0.24.1', '2.5.0'])('pipeline on Vikunja %s', (version) => {
  it('keeps a due date set by hand when a fresh state store updates the task; verify does not call it drift; rollback refuses to delete it', async () => {
    const sandbox = await start(version);
    const first = deps(sandbox);
    const plan = await createPlan(first, { records: records(), root: '/bank', projectTitle: 'fresh' });
    const run = await applyPlan(first, plan, { command: 'migrate', checkStale: false, verify: true });
    expect(run.run.status).toBe('succeeded');
    const ids: number[] = [];
    for (const id of ['A-1', 'A-2', 'A-3']) ids.push(await editByHand(sandbox, id, { due_date: handDue }));

    // Another machine (a fresh state store) migrates a changed source: titles change, no due date in the source.
    const second = deps(sandbox);
    const changed = records({ 'A-1': { title: 'A-1 · task 1, renamed' }, 'A-2': { title: 'A-2 · task 2, renamed' } });
    const again = await createPlan(second, { records: changed, root: '/bank', projectTitle: 'fresh' });
    const updates = again.ops.filter((op) => op.kind === 'update');
    expect(updates.map((op) => (op.kind === 'update' ? op.changes.map((change) => change.field) : []))).toEqual([['title'], ['title']]);
    const applied = await applyPlan(second, again, { command: 'migrate', checkStale: false, verify: true });
    expect(applied.report.verify?.drift).toEqual([]);
    expect(applied.run.status).toBe('succeeded');
    for (const id of ids) expect(sandbox.dump().tasks.find((task) => task.id === id)?.due_date).toBe(handDue);

    // The first machine's run created those tasks; deleting them now would lose the hand-set due dates.
    await expect(rollbackRun(first, run.run.id, { force: false, dryRun: false })).rejects.toThrow(/due_date/);
    expect(sandbox.dump().tasks.filter((task) => ids.includes(task.id))).toHaveLength(3);
  });

  it('refuses to roll back an older run that a later run changed, naming it and the way out; --include-later does both', async () => {
    const sandbox = await start(version);
    const before = withoutTimes(sandbox.dump());
    const d = deps(sandbox);
    const migrate = async (input: TaskRecord[]): Promise<string> => {
      const outcome = await applyPlan(d, await createPlan(d, { records: input, root: '/bank', projectTitle: 'later' }), { command: 'migrate', checkStale: false, verify: true });
      expect(outcome.run.status).toBe('succeeded');
      return outcome.run.id;
    };
    const older = await migrate(records());
    const newer = await migrate(records({ 'A-1': { title: 'A-1 · task 1, renamed' }, 'A-3': { priority: { value: 4, raw: 'urgent' } } }));
    sandbox.clearRequestLog();
    const refusal = rollbackRun(d, older, { force: false, dryRun: false });
    await expect(refusal).rejects.toThrow(`later membank run(s) changed the same tasks`);
    await expect(rollbackRun(d, older, { force: false, dryRun: false })).rejects.toThrow(
      new RegExp(`run ${newer} \\(migrate[^\\n]*\\n[\\s\\S]*membank rollback ${newer}\\n  membank rollback ${older}\\n[\\s\\S]*--include-later`),
    );
    expect(sandbox.requestLog()).toEqual([]);

    const preview = await rollbackRun(d, older, { force: false, dryRun: true, includeLater: true });
    expect(preview.later?.map((outcome) => outcome.plan.runId)).toEqual([newer]);
    expect(preview.plan.runId).toBe(older);
    expect(preview.plan.ops.length).toBeGreaterThan(0);
    expect(sandbox.requestLog().filter((entry) => entry.method !== 'GET')).toEqual([]);

    const both = await rollbackRun(d, older, { force: false, dryRun: false, includeLater: true });
    expect(both.later?.map((outcome) => outcome.plan.runId)).toEqual([newer]);
    expect(both.failures).toEqual([]);
    expect(withoutTimes(sandbox.dump())).toEqual(before);
  });

  it('keeps a hand edit on a later migrate with the same state store, and says so', async () => {
    const sandbox = await start(version);
    const d = deps(sandbox);
    const first = await applyPlan(d, await createPlan(d, { records: records(), root: '/bank', projectTitle: 'hand' }), { command: 'migrate', checkStale: false, verify: true });
    expect(first.run.status).toBe('succeeded');
    const taskId = await editByHand(sandbox, 'A-2', { title: 'A-2 · renamed in Vikunja', priority: 5 });
    const plan = await createPlan(d, { records: records(), root: '/bank', projectTitle: 'hand' });
    expect(plan.summary.writes).toBe(0);
    expect(plan.kept).toEqual([
      expect.objectContaining({ taskId, fields: [expect.objectContaining({ field: 'title', vikunja: 'A-2 · renamed in Vikunja' })] }),
    ]);
    const second = await applyPlan(d, plan, { command: 'migrate', checkStale: false, verify: true });
    expect(second.run.status).toBe('succeeded');
    expect(second.report.verify?.drift).toEqual([]);
    expect(second.report.kept?.map((item) => item.message)).toEqual([`tasks.md#A-2 (task #${taskId}): title changed in Vikunja since the last run — kept`]);
    expect(renderTerminalSummary(second.report, { color: false })).toContain(`kept tasks.md#A-2 (task #${taskId}): title changed in Vikunja since the last run — kept`);
    expect(renderMarkdown(second.report)).toContain('Changed in Vikunja since the last run — kept (1 task, not written, not drift)');
    const task = sandbox.dump().tasks.find((candidate) => candidate.id === taskId);
    expect(task?.title).toBe('A-2 · renamed in Vikunja');
    expect(task?.priority).toBe(5);
  });


  it('puts tasks in To-Do/Doing/Done buckets, moves them on later runs, and rolls every run back', async () => {
    const sandbox = await start(version);
    const before = withoutTimes(sandbox.dump());
    const d = deps(sandbox);
    const migrate = async (input: TaskRecord[]): Promise<Awaited<ReturnType<typeof applyPlan>>> => {
      const plan = await createPlan(d, { records: input, root: '/bank', projectTitle: 'kanban' });
      const outcome = await applyPlan(d, plan, { command: 'migrate', checkStale: false, verify: true });
      expect(outcome.report.errors).toEqual([]);
      expect(outcome.report.verify?.drift).toEqual([]);
      expect(outcome.run.status).toBe('succeeded');
      return outcome;
    };
    const first = await migrate(records({ 'A-4': { status: { canonical: 'done', raw: 'done', from: 'table-cell' } } }));
    let kanban = kanbanOf(sandbox, 'kanban');
    expect(kanban.doneBucket).toBe('Done');
    expect(kanban.bucketOf.get('A-1')).toBe('To-Do');
    expect(kanban.bucketOf.get('A-4')).toBe('Done');

    const second = await migrate(records({
      'A-2': { status: { canonical: 'in_progress', raw: 'in progress', from: 'table-cell' } },
      'A-4': { status: { canonical: 'done', raw: 'done', from: 'table-cell' } },
    }));
    kanban = kanbanOf(sandbox, 'kanban');
    expect(kanban.bucketOf.get('A-2')).toBe('Doing');

    const third = await migrate(records({
      'A-2': { status: { canonical: 'in_progress', raw: 'in progress', from: 'table-cell' } },
      'A-3': { status: { canonical: 'done', raw: 'done', from: 'table-cell' } },
      'A-4': { status: { canonical: 'done', raw: 'done', from: 'table-cell' } },
    }));
    kanban = kanbanOf(sandbox, 'kanban');
    expect(kanban.bucketOf.get('A-3')).toBe('Done');
    expect(sandbox.dump().tasks.find((task) => task.title.startsWith('A-3'))?.done).toBe(true);

    for (const run of [third, second, first]) {
      const undo = await rollbackRun(d, run.run.id, { force: false, dryRun: false });
      expect(undo.failures).toEqual([]);
      expect(undo.run?.status).toBe('succeeded');
    }
    expect(withoutTimes(sandbox.dump())).toEqual(before);
  });


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

describe('buckets in a project that already exists on Vikunja 0.24.1', () => {
  it('creates the buckets and the done bucket it lacks, journaled, and rollback removes exactly those', async () => {
    const sandbox = await start('0.24.1');
    const headers = { authorization: `Bearer ${sandbox.token}`, 'content-type': 'application/json' };
    const created = await fetch(`${sandbox.url}/api/v1/projects`, { method: 'PUT', headers, body: JSON.stringify({ title: 'existing' }) });
    expect(created.status).toBe(201);
    const before = withoutTimes(sandbox.dump());
    expect(kanbanOf(sandbox, 'existing').buckets).toEqual(['Backlog']);
    const d = deps(sandbox);
    const plan = await createPlan(d, { records: records({ 'A-2': { status: { canonical: 'done', raw: 'done', from: 'table-cell' } } }), root: '/bank', projectTitle: 'existing' });
    expect(plan.ops.filter((op) => op.kind === 'bucket' || op.kind === 'kanban').map((op) => op.id)).toEqual([
      'bucket:To-Do',
      'bucket:Doing',
      'bucket:Done',
      'kanban:buckets',
    ]);
    const run = await applyPlan(d, plan, { command: 'migrate', checkStale: false, verify: true });
    expect(run.run.status).toBe('succeeded');
    const kanban = kanbanOf(sandbox, 'existing');
    expect(kanban.buckets).toEqual(['Backlog', 'To-Do', 'Doing', 'Done']);
    expect(kanban.doneBucket).toBe('Done');
    expect(kanban.bucketOf.get('A-2')).toBe('Done');
    const journal = d.runtime.store.journal.entries(run.run.id).filter((entry) => entry.status === 'applied').map((entry) => entry.kind);
    expect(journal.filter((kind) => kind === 'bucket' || kind === 'view')).toEqual(['bucket', 'bucket', 'bucket', 'view']);

    const undo = await rollbackRun(d, run.run.id, { force: false, dryRun: false });
    expect(undo.failures).toEqual([]);
    expect(undo.plan.ops.map((op) => op.kind).filter((kind) => kind === 'delete-bucket' || kind === 'restore-kanban')).toEqual([
      'restore-kanban',
      'delete-bucket',
      'delete-bucket',
      'delete-bucket',
    ]);
    expect(withoutTimes(sandbox.dump())).toEqual(before);
  });
});

describe('v2 bulk create refused (Vikunja 2.5)', () => {
  it('names the source item (file:line) behind the tasks[i] the server rejected', async () => {
    const sandbox = await start('2.5.0');
    const d = deps(sandbox);
    const input = records({ 'A-3': { title: '', source: { path: 'memory-bank/tasks.md', line: 12, anchor: 'A-3' } } });
    const outcome = await applyPlan(d, await createPlan(d, { records: input, root: '/bank', projectTitle: 'refused' }), {
      command: 'migrate',
      checkStale: false,
      verify: true,
    });
    expect(outcome.run.status).toBe('failed');
    const messages = outcome.report.errors.map((error) => error.message).join('\n');
    expect(messages).toContain('memory-bank/tasks.md:12 (A-3) — title: expected length >= 1');
  });
});
