/**
 * The near-free no-op sync (issue #8), through the CLI against the sandbox at 0.24.1, 1.0.0 and 2.5.0: once a
 * sync has proved both sides in step (its checkpoint), a sync with nothing changed makes at most 5 requests and no
 * write, whatever the number of tasks — and the fast path never hides a real change: a title, a done flag, a Kanban
 * move or a new or deleted task in Vikunja, and an edit of one bank file, are each picked up by the next sync.
 */
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { setupSyncWorld, type SyncWorld } from './helpers.js';

const closers = closeAfterEach();

/** A checkpoint's `since` lies 2 s before the server time of the read that proved it (docs/sync.md). */
const sleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

interface FastJson {
  fastPath: { since: string; requests: number } | null;
}

/** A sync with nothing changed: exit 0, no write, and no more than 5 requests (the fast path). */
async function expectFastNoop(world: SyncWorld): Promise<void> {
  world.sandbox.clearRequestLog();
  const { code, result, run } = await world.sync();
  expect(code, run.stderr).toBe(0);
  const log = world.sandbox.requestLog();
  expect(log.filter((entry) => entry.method !== 'GET')).toEqual([]);
  expect(log.length, log.map((entry) => `${entry.method} ${entry.path}?${entry.query}`).join('\n')).toBeLessThanOrEqual(5);
  expect((result as unknown as FastJson).fastPath).not.toBeNull();
  expect(result.toVikunja).toEqual([]);
  expect(result.toMemoryBank).toEqual([]);
}

/** Lets the last writes age past the checkpoint margin, then a full sync proves the checkpoint: the next is fast. */
async function proveCheckpoint(world: SyncWorld): Promise<void> {
  await sleep(2100);
  const proving = await world.sync();
  expect(proving.code, proving.run.stderr + proving.run.stdout).toBe(0);
  expect(proving.result.toVikunja).toEqual([]);
  expect(proving.result.toMemoryBank).toEqual([]);
  await expectFastNoop(world);
}

/** The next sync reads in full (not the fast path). */
async function syncInFull(world: SyncWorld): Promise<Awaited<ReturnType<SyncWorld['sync']>>> {
  const synced = await world.sync();
  expect((synced.result as unknown as FastJson).fastPath, synced.run.stdout).toBeNull();
  return synced;
}

async function kanbanIds(world: SyncWorld): Promise<{ viewId: number; buckets: Map<string, number> }> {
  const views = (await world.api('GET', `/projects/${world.projectId}/views`)) as Array<{ id: number; view_kind: string }>;
  const kanban = views.find((view) => view.view_kind === 'kanban');
  if (kanban === undefined) throw new Error('the project has no Kanban view');
  const buckets = (await world.api('GET', `/projects/${world.projectId}/views/${kanban.id}/buckets`)) as Array<{ id: number; title: string }>;
  return { viewId: kanban.id, buckets: new Map(buckets.map((bucket) => [bucket.title, bucket.id])) };
}

for (const version of ['0.24.1', '1.0.0', '2.5.0']) {
  describe(`the no-op fast path (Vikunja ${version})`, () => {
    it('a no-op sync makes at most 5 requests and no write; every kind of change is still picked up', async () => {
      const world = await setupSyncWorld(closers, { version });
      await proveCheckpoint(world);

      // A title changed in Vikunja: read in full (the bank owns titles: reported as ignored).
      await world.editTask('Export to Markdown', { title: 'Export to Markdown (renamed)' });
      const renamed = await syncInFull(world);
      expect(renamed.result.items.some((item) => item.fields.some((field) => field.field === 'title' && field.action === 'ignore'))).toBe(true);
      await world.editTask('Export to Markdown (renamed)', { title: 'Export to Markdown' });
      await world.sync();

      // A task ticked in Vikunja: pulled into the bank.
      await proveCheckpoint(world);
      await world.editTask('Export to Markdown', { done: true });
      const ticked = await syncInFull(world);
      expect(ticked.code).toBe(0);
      expect(ticked.result.toMemoryBank.map((op) => op.kind)).toEqual(['file-edit']);
      expect(world.read('sprint.md')).not.toContain('| S-1 | Export to Markdown | Sam | High | ⏳ Pending |');

      // A card moved on the Kanban board (a move does not change the task's `updated`): pulled.
      await proveCheckpoint(world);
      const { viewId, buckets } = await kanbanIds(world);
      const card = await world.task('Dark mode for the reader');
      await world.api('POST', `/projects/${world.projectId}/views/${viewId}/buckets/${buckets.get('To-Do')}/tasks`, { task_id: card.id });
      const moved = await syncInFull(world);
      expect(moved.code).toBe(0);
      expect(moved.result.toMemoryBank.map((op) => op.kind)).toEqual(['file-edit']);
      expect(world.read('sprint.md')).not.toContain('| S-3 | Dark mode for the reader | Sam | Medium | 🔄 In Progress |');

      // One bank file edited: pushed.
      await proveCheckpoint(world);
      world.editFile('sprint.md', '| S-3 | Dark mode for the reader | Sam | Medium |', '| S-3 | Dark mode for the reader | Sam | High |');
      const edited = await syncInFull(world);
      expect(edited.code).toBe(0);
      expect(edited.result.toVikunja.map((op) => op.kind)).toEqual(['update']);

      // A task added in Vikunja: appended to the inbox.
      await proveCheckpoint(world);
      await world.api('PUT', `/projects/${world.projectId}/tasks`, { title: 'Call the printer' });
      const added = await syncInFull(world);
      expect(added.code).toBe(0);
      expect(added.result.toMemoryBank.map((op) => op.kind)).toEqual(['inbox-append']);

      // A task deleted in Vikunja: reported.
      await proveCheckpoint(world);
      const gone = await world.task('Sync reading position');
      await world.api('DELETE', `/tasks/${gone.id}`);
      const deleted = await syncInFull(world);
      expect(deleted.result.items.find((item) => item.taskId === gone.id)?.state).toBe('deleted-in-vikunja');
    }, 180_000);
  });
}
