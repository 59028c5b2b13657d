/**
 * `membank sync` pulls Kanban bucket moves made in Vikunja (issue #16, field "bucket", cell "changed in Vikunja"),
 * through the CLI against the sandbox at 0.24.1 and 2.5.0: a person drags a task To-Do → Doing (the web UI's
 * `POST /projects/{p}/views/{v}/buckets/{b}/tasks`), sync writes "in progress" in the file's own words, a second
 * sync writes nothing, and a bucket changed differently on both sides is a conflict under `report`.
 */
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fixtureFiles, setupSyncWorld, snapshotFiles, type SyncWorld } from './helpers.js';

const closers = closeAfterEach();

/** Moves the task titled like `title` to the Kanban bucket `bucketTitle`, as the web UI does. */
async function moveInKanban(world: SyncWorld, title: string, bucketTitle: string): Promise<void> {
  const views = (await world.api('GET', `/projects/${world.projectId}/views`)) as Array<{ id: number; view_kind: string }>;
  const kanban = views.find((view) => view.view_kind === 'kanban');
  if (kanban === undefined) throw new Error('the project has no Kanban view');
  const buckets = (await world.api('GET', `/projects/${world.projectId}/views/${kanban.id}/buckets`)) as Array<{ id: number; title: string }>;
  const bucket = buckets.find((candidate) => candidate.title === bucketTitle);
  if (bucket === undefined) throw new Error(`no bucket ${bucketTitle}: ${buckets.map((b) => b.title).join(', ')}`);
  const task = await world.task(title);
  await world.api('POST', `/projects/${world.projectId}/views/${kanban.id}/buckets/${bucket.id}/tasks`, { task_id: task.id });
}

/** The title of the Kanban bucket the task titled like `title` is in (the view's bucket listing, as the web UI reads it). */
async function bucketOf(world: SyncWorld, title: string): Promise<string> {
  const views = (await world.api('GET', `/projects/${world.projectId}/views`)) as Array<{ id: number; view_kind: string }>;
  const kanban = views.find((view) => view.view_kind === 'kanban');
  if (kanban === undefined) throw new Error('the project has no Kanban view');
  const task = await world.task(title);
  const buckets = (await world.api('GET', `/projects/${world.projectId}/views/${kanban.id}/tasks?per_page=250`)) as Array<{
    title: string;
    tasks: Array<{ id: number }> | null;
  }>;
  const bucket = buckets.find((candidate) => (candidate.tasks ?? []).some((listed) => listed.id === task.id));
  if (bucket === undefined) throw new Error(`task #${task.id} is in no bucket`);
  return bucket.title;
}

/** A second sync with nothing changed: exit `code`, no write on either side. */
async function expectQuiet(world: SyncWorld, code = 0): Promise<void> {
  const before = snapshotFiles(world, fixtureFiles);
  world.takeWrites();
  const again = await world.sync();
  expect(again.code, again.run.stdout).toBe(code);
  expect(again.result.toVikunja).toEqual([]);
  expect(again.result.toMemoryBank).toEqual([]);
  expect(world.takeWrites()).toEqual([]);
  expect(snapshotFiles(world, fixtureFiles)).toEqual(before);
}

for (const version of ['0.24.1', '2.5.0']) {
  describe(`bucket moves made in Vikunja ${version}`, () => {
    it('bucket · ours → push: a row set to in progress in the bank moves the card to Doing', async () => {
      const world = await setupSyncWorld(closers, { version });
      expect(await bucketOf(world, 'Export to Markdown')).toBe('To-Do');
      world.editFile('sprint.md', '| S-1 | Export to Markdown | Sam | High | ⏳ Pending |', '| S-1 | Export to Markdown | Sam | High | 🔄 In Progress |');
      const { code, result, run } = await world.sync();
      expect(code, run.stdout + run.stderr).toBe(0);
      expect(result.toMemoryBank).toEqual([]);
      expect(await bucketOf(world, 'Export to Markdown')).toBe('Doing');
      await expectQuiet(world);
    });

    it('bucket · both-same → recorded, no write on either side', async () => {
      const world = await setupSyncWorld(closers, { version });
      world.editFile('sprint.md', '| S-1 | Export to Markdown | Sam | High | ⏳ Pending |', '| S-1 | Export to Markdown | Sam | High | 🔄 In Progress |');
      await moveInKanban(world, 'Export to Markdown', 'Doing');
      world.takeWrites();
      const { code, result, run } = await world.sync();
      expect(code, run.stdout + run.stderr).toBe(0);
      expect(result.toVikunja).toEqual([]);
      expect(result.toMemoryBank).toEqual([]);
      expect(world.takeWrites()).toEqual([]);
      const item = result.items.find((candidate) => candidate.key.endsWith('#S-1') || candidate.fields.some((field) => field.field === 'bucket'));
      expect(item?.fields).toContainEqual(expect.objectContaining({ field: 'bucket', cell: 'both-same', action: 'record' }));
      await expectQuiet(world);
    });

    it('To-Do → Doing is pulled as "in progress" in the file\'s own words; the next sync writes nothing', async () => {
      const world = await setupSyncWorld(closers, { version });
      await moveInKanban(world, 'Offline reading mode', 'Doing');
      await moveInKanban(world, 'Export to Markdown', 'Doing');
      world.takeWrites();
      const { code, result, run } = await world.sync();
      expect(code, run.stdout + run.stderr).toBe(0);
      expect(result.conflicts).toEqual([]);
      // TASK002 has no spelling of its own for "in progress": the writer's own (`in-progress`) is used.
      expect(world.read('tasks/TASK002-offline-mode.md')).toMatch(/^status: in[ -]progress$/mu);
      expect(world.read('sprint.md')).toContain('| S-1 | Export to Markdown | Sam | High | 🔄 In Progress |');
      const pulled = result.items.filter((item) => item.fields.some((field) => field.field === 'bucket' && field.action === 'pull'));
      expect(pulled.map((item) => item.taskId).sort()).toEqual(
        [(await world.task('Offline reading mode')).id, (await world.task('Export to Markdown')).id].sort(),
      );
      await expectQuiet(world);
    });

    it('Doing → To-Do is pulled: an "in progress" item goes back to pending', async () => {
      const world = await setupSyncWorld(closers, { version });
      await moveInKanban(world, 'Import browser exports', 'To-Do');
      const { code, run } = await world.sync();
      expect(code, run.stdout + run.stderr).toBe(0);
      expect(world.read('tasks/TASK001-import-exports.md')).not.toContain('status: in progress');
      expect(world.read('tasks/TASK001-import-exports.md')).toMatch(/^status: (pending|todo|to-do)$/mu);
      await expectQuiet(world);
    });

    it('Doing → Blocked is pulled as "blocked" when the mapping has a Blocked bucket', async () => {
      const world = await setupSyncWorld(closers, { version, config: { mapping: { blockedBucket: true } } });
      await moveInKanban(world, 'Import browser exports', 'Blocked');
      const { code, run } = await world.sync();
      expect(code, run.stdout + run.stderr).toBe(0);
      expect(world.read('tasks/TASK001-import-exports.md')).toMatch(/^status: blocked$/mu);
      await expectQuiet(world);
    });

    it('a move into a bucket membank maps no status to is neither pulled nor undone', async () => {
      const world = await setupSyncWorld(closers, { version });
      const views = (await world.api('GET', `/projects/${world.projectId}/views`)) as Array<{ id: number; view_kind: string }>;
      const kanban = views.find((view) => view.view_kind === 'kanban');
      if (kanban === undefined) throw new Error('the project has no Kanban view');
      await world.api('PUT', `/projects/${world.projectId}/views/${kanban.id}/buckets`, { title: 'Review', position: 1e9 });
      await moveInKanban(world, 'Offline reading mode', 'Review');
      const { result } = await world.sync();
      const item = result.items.find((candidate) => candidate.key.includes('TASK002'));
      expect(item?.fields.filter((field) => field.field === 'bucket' && field.action !== 'none')).toEqual([]);
      await expectQuiet(world);
      expect(world.read('tasks/TASK002-offline-mode.md')).toContain('status: pending');
    });

    it('bucket changed differently on both sides: a conflict under report, neither side written', async () => {
      const world = await setupSyncWorld(closers, { version, config: { mapping: { blockedBucket: true } } });
      world.editFile('tasks/TASK002-offline-mode.md', 'status: pending', 'status: blocked');
      await moveInKanban(world, 'Offline reading mode', 'Doing');
      const bankBefore = world.read('tasks/TASK002-offline-mode.md');
      world.takeWrites();
      const { code, result, run } = await world.sync('--fail-on-conflict');
      expect(code, run.stdout).toBe(6);
      expect(result.conflicts).toEqual(
        expect.arrayContaining([expect.objectContaining({ field: 'bucket', base: 'To-Do', ours: 'Blocked', theirs: 'Doing' })]),
      );
      expect(world.read('tasks/TASK002-offline-mode.md')).toBe(bankBefore);
      expect(world.takeWrites().filter((write) => write.path.includes('/buckets/'))).toEqual([]);
    });
  });
}
