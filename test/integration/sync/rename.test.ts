/**
 * An item whose key changed since the last sync (renamed in the bank, its heading renamed, or read differently after
 * an upgrade) keeps its Vikunja task: sync pairs the key that disappeared with the one that appeared (same file, same
 * parent, title evidence) and updates that task, its marker included, instead of labelling it removed and creating a
 * second one. An unrelated item that takes the place of a removed one is not paired. `migrate` run again pairs the
 * same way. At 0.24.1 and 2.5.0.
 */
import { mkdirSync, renameSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { createMarker, findMarker } from '../../../src/core/mapping.js';
import { fixtureFiles, setupSyncWorld, snapshotFiles, type SyncWorld } from './helpers.js';

const closers = closeAfterEach();

/** Runs `sql` with `params` on the world's state store (what an older membank, or a stopped run, left there). */
function writeStore(world: SyncWorld, sql: string, ...params: unknown[]): void {
  const db = new Database(world.env.MEMBANK_STATE);
  try {
    db.prepare(sql).run(...params);
  } finally {
    db.close();
  }
}

function mappings(world: SyncWorld): Array<{ source_key: string; task_id: number }> {
  const db = new Database(world.env.MEMBANK_STATE, { readonly: true });
  try {
    return db.prepare('SELECT source_key, task_id FROM mappings ORDER BY source_key').all() as Array<{ source_key: string; task_id: number }>;
  } finally {
    db.close();
  }
}

const labelsOf = (task: any): string[] => ((task.labels ?? []) as Array<{ title: string }>).map((label) => label.title);

for (const version of ['0.24.1', '2.5.0']) {
  describe(`sync pairs renamed items with their tasks (Vikunja ${version})`, () => {
    it('a renamed heading and a renamed item keep their tasks: updated in place, nothing created or labelled removed', async () => {
      const world = await setupSyncWorld(closers, { version });
      const before = await world.tasks();
      const guide = await world.task('Write the onboarding guide');
      const mapped = mappings(world);
      expect(mapped.map((row) => row.source_key)).toContain('memory-bank/tasks.md#now/write-the-onboarding-guide');
      world.editFile('tasks.md', '## Now\n', '## This week\n');
      world.editFile('tasks.md', '- [ ] Write the onboarding guide\n', '- [ ] Write the onboarding guide for admins\n');

      // The dry run says what sync will do, and writes nothing: no request, no file, no mapping.
      const files = snapshotFiles(world, fixtureFiles);
      world.takeWrites();
      const dry = await world.sync('--dry-run');
      expect(dry.code, dry.run.stderr).toBe(0);
      expect(dry.result.summary).toMatchObject({ renamed: 4, created: 0, removed: 0 });
      const renamed = dry.result.items.filter((item) => item.state === 'renamed');
      expect(renamed.map((item) => item.key).sort()).toEqual([
        'memory-bank/tasks.md#this-week/fix-the-login-redirect',
        'memory-bank/tasks.md#this-week/plan-the-q3-roadmap',
        'memory-bank/tasks.md#this-week/ship-the-private-beta',
        'memory-bank/tasks.md#this-week/write-the-onboarding-guide-for-admins',
      ]);
      const guideItem = renamed.find((item) => item.key.endsWith('write-the-onboarding-guide-for-admins'));
      expect(guideItem?.taskId).toBe(guide.id);
      expect(guideItem?.notes.join(' ')).toContain('memory-bank/tasks.md#now/write-the-onboarding-guide');
      expect(dry.result.toVikunja.filter((op) => op.kind === 'create' || op.kind === 'labels')).toEqual([]);
      expect(world.takeWrites()).toEqual([]);
      expect(snapshotFiles(world, fixtureFiles)).toEqual(files);
      expect(mappings(world)).toEqual(mapped);

      const run = await world.sync();
      expect(run.code, run.run.stderr + run.run.stdout).toBe(0);
      expect(run.result.summary).toMatchObject({ renamed: 4, created: 0, removed: 0 });
      const after = await world.tasks();
      expect(after.map((task) => task.id).sort()).toEqual(before.map((task) => task.id).sort());
      for (const task of after) expect(labelsOf(task)).not.toContain('removed-from-memory-bank');
      const updated = await world.api('GET', `/tasks/${guide.id}`);
      expect(updated.title).toBe('Write the onboarding guide for admins');
      expect(String(updated.description)).toContain('tasks.md#this-week/write-the-onboarding-guide-for-admins');
      // The task's mapping moved to the new key; no mapping is left under an old one.
      const rows = mappings(world);
      expect(rows.find((row) => row.task_id === guide.id)?.source_key).toBe('memory-bank/tasks.md#this-week/write-the-onboarding-guide-for-admins');
      expect(rows.filter((row) => row.source_key.includes('tasks.md#now/'))).toEqual([]);
      expect(rows).toHaveLength(mapped.length);

      // Settled: the next sync writes nothing on either side.
      world.takeWrites();
      const again = await world.sync();
      expect(again.code).toBe(0);
      expect(again.result.toVikunja).toEqual([]);
      expect(again.result.toMemoryBank).toEqual([]);
      expect(world.takeWrites()).toEqual([]);

      // The footer carries the new key's marker: with the state store lost, sync relinks every task, creates none.
      expect(findMarker(String(updated.description))).toBe(createMarker('memory-bank/tasks.md#this-week/write-the-onboarding-guide-for-admins'));
      for (const suffix of ['', '-wal', '-shm']) rmSync(`${world.env.MEMBANK_STATE}${suffix}`, { force: true });
      const relinked = await world.sync();
      expect(relinked.code, relinked.run.stderr).toBe(0);
      expect(relinked.result.summary).toMatchObject({ created: 0, removed: 0, relinked: before.length });
    });

    it('after an upgrade that reads a title differently (a completion date on it), the task is renamed, not duplicated', async () => {
      const world = await setupSyncWorld(closers, { version });
      world.editFile('tasks.md', '- [ ] Plan the Q3 roadmap\n', '- [ ] Plan the Q3 roadmap\n- [x] Tag the release ✅ 2026-03-02\n');
      expect((await world.sync()).code).toBe(0);
      const tag = await world.task('Tag the release');
      const newKey = 'memory-bank/tasks.md#now/tag-the-release';
      // What parser version 2 left: the date read as part of the title, in the key, the marker and the task's title.
      const oldKey = 'memory-bank/tasks.md#now/tag-the-release-2026-03-02';
      const oldTitle = 'Tag the release ✅ 2026-03-02';
      const row = mappings(world).find((mapping) => mapping.task_id === tag.id);
      expect(row?.source_key).toBe(newKey);
      const db = new Database(world.env.MEMBANK_STATE, { readonly: true });
      const base = JSON.parse((db.prepare('SELECT base_record FROM mappings WHERE source_key = ?').get(newKey) as { base_record: string }).base_record);
      db.close();
      const oldMarker = createMarker(oldKey);
      const oldDescription = String(base.fields.description).replace(createMarker(newKey), oldMarker);
      const oldBase = { ...base, key: oldKey, marker: oldMarker, fields: { ...base.fields, title: oldTitle, description: oldDescription }, sync: { ...base.sync, title: oldTitle } };
      writeStore(world, 'UPDATE mappings SET source_key = ?, base_record = ? WHERE source_key = ?', oldKey, JSON.stringify(oldBase), newKey);
      await world.api('POST', `/tasks/${tag.id}`, { ...tag, title: oldTitle, description: oldDescription });

      const run = await world.sync();
      expect(run.code, run.run.stderr + run.run.stdout).toBe(0);
      expect(run.result.summary).toMatchObject({ renamed: 1, created: 0, removed: 0 });
      const after = await world.api('GET', `/tasks/${tag.id}`);
      expect(after.title).toBe('Tag the release');
      expect(findMarker(String(after.description))).toBe(createMarker(newKey));
      expect((await world.tasks()).filter((task) => String(task.title).startsWith('Tag the release'))).toHaveLength(1);
      expect(mappings(world).find((mapping) => mapping.task_id === tag.id)?.source_key).toBe(newKey);
      world.takeWrites();
      const again = await world.sync();
      expect(again.result.toVikunja).toEqual([]);
      expect(world.takeWrites()).toEqual([]);
    });

    it('a task already carrying the new key\'s marker while the store still maps its old key (a stopped run) moves its mapping', async () => {
      const world = await setupSyncWorld(closers, { version });
      const guide = await world.task('Write the onboarding guide');
      world.editFile('tasks.md', '- [ ] Write the onboarding guide\n', '- [ ] Write the onboarding guide for admins\n');
      expect((await world.sync()).code).toBe(0);
      const newKey = 'memory-bank/tasks.md#now/write-the-onboarding-guide-for-admins';
      // The run wrote the task, then stopped before moving the mapping.
      writeStore(world, 'UPDATE mappings SET source_key = ? WHERE source_key = ?', 'memory-bank/tasks.md#now/write-the-onboarding-guide', newKey);
      const run = await world.sync();
      expect(run.code, run.run.stderr + run.run.stdout).toBe(0);
      expect(run.result.summary).toMatchObject({ created: 0, removed: 0, relinked: 1 });
      expect(labelsOf(await world.api('GET', `/tasks/${guide.id}`))).not.toContain('removed-from-memory-bank');
      expect(mappings(world).filter((mapping) => mapping.task_id === guide.id).map((mapping) => mapping.source_key)).toEqual([newKey]);
      world.takeWrites();
      const again = await world.sync();
      expect(again.result.toVikunja).toEqual([]);
      expect(world.takeWrites()).toEqual([]);
    });

    it('migrate run again after a rename keeps the tasks: plan shows the pairs, nothing is created, the next run writes nothing', async () => {
      const world = await setupSyncWorld(closers, { version });
      const before = await world.tasks();
      const guide = await world.task('Write the onboarding guide');
      const mapped = mappings(world);
      world.editFile('tasks.md', '## Now\n', '## This week\n');
      world.editFile('tasks.md', '- [ ] Write the onboarding guide\n', '- [ ] Write the onboarding guide for admins\n');
      world.takeWrites();
      const plan = await world.cli(['plan', world.repo]);
      expect(plan.code, plan.stderr).toBe(0);
      expect(plan.stdout).toContain(`existing task #${guide.id} (renamed from memory-bank/tasks.md#now/write-the-onboarding-guide:`);
      expect(plan.stdout).toMatch(/Plan: 0 to create/);
      expect(world.takeWrites()).toEqual([]);
      expect(mappings(world)).toEqual(mapped);

      const migrated = await world.cli(['migrate', world.repo, '--json']);
      expect(migrated.code, migrated.stderr + migrated.stdout).toBe(0);
      const after = await world.tasks();
      expect(after.map((task) => task.id).sort()).toEqual(before.map((task) => task.id).sort());
      const updated = await world.api('GET', `/tasks/${guide.id}`);
      expect(updated.title).toBe('Write the onboarding guide for admins');
      expect(findMarker(String(updated.description))).toBe(createMarker('memory-bank/tasks.md#this-week/write-the-onboarding-guide-for-admins'));
      const rows = mappings(world);
      expect(rows.filter((row) => row.source_key.includes('tasks.md#now/'))).toEqual([]);
      expect(rows).toHaveLength(mapped.length);

      world.takeWrites();
      const again = await world.cli(['migrate', world.repo, '--json']);
      expect(again.code, again.stderr).toBe(0);
      expect(world.takeWrites()).toEqual([]);
      // sync agrees: nothing renamed, created or removed.
      const synced = await world.sync();
      expect(synced.result.summary).toMatchObject({ renamed: 0, created: 0, removed: 0 });
      expect(synced.result.toVikunja).toEqual([]);
    });

    it('an item added under a renamed one becomes a subtask of the kept task', async () => {
      const world = await setupSyncWorld(closers, { version });
      const guide = await world.task('Write the onboarding guide');
      world.editFile('tasks.md', '- [ ] Write the onboarding guide\n', '- [ ] Write the onboarding guide for admins\n  - [ ] Draft the outline\n');
      const run = await world.sync();
      expect(run.code, run.run.stderr + run.run.stdout).toBe(0);
      expect(run.result.summary).toMatchObject({ renamed: 1, created: 1, removed: 0 });
      const child = await world.task('Draft the outline');
      const subtasks = ((await world.api('GET', `/tasks/${guide.id}`)).related_tasks?.subtask ?? []) as Array<{ id: number }>;
      expect(subtasks.map((task) => task.id)).toEqual([child.id]);
    });

    it('an item indented under another keeps its task and becomes that task\'s subtask; the next sync writes nothing', async () => {
      const world = await setupSyncWorld(closers, { version });
      const before = await world.tasks();
      const guide = await world.task('Write the onboarding guide');
      const redirect = await world.task('Fix the login redirect');
      world.editFile('tasks.md', '- [ ] Fix the login redirect\n', '  - [ ] Fix the login redirect\n');
      const dry = await world.sync('--dry-run');
      expect(dry.code, dry.run.stderr).toBe(0);
      expect(dry.result.summary).toMatchObject({ renamed: 1, created: 0, removed: 0 });
      expect(dry.result.toVikunja.filter((op) => op.kind === 'relation')).toHaveLength(1);
      const run = await world.sync();
      expect(run.code, run.run.stderr + run.run.stdout).toBe(0);
      expect(run.result.summary).toMatchObject({ renamed: 1, created: 0, removed: 0 });
      expect((await world.tasks()).map((task) => task.id).sort()).toEqual(before.map((task) => task.id).sort());
      expect(labelsOf(await world.api('GET', `/tasks/${redirect.id}`))).not.toContain('removed-from-memory-bank');
      const subtasks = ((await world.api('GET', `/tasks/${guide.id}`)).related_tasks?.subtask ?? []) as Array<{ id: number }>;
      expect(subtasks.map((task) => task.id)).toEqual([redirect.id]);
      expect(mappings(world).find((row) => row.task_id === redirect.id)?.source_key).toBe('memory-bank/tasks.md#now/write-the-onboarding-guide/fix-the-login-redirect');
      const again = await world.sync();
      expect(again.result.summary).toMatchObject({ renamed: 0, created: 0, removed: 0 });
      expect(again.result.toVikunja).toEqual([]);
    });

    it('a task file moved to another folder, or renamed, keeps its task: nothing created or labelled removed', async () => {
      const world = await setupSyncWorld(closers, { version });
      const before = await world.tasks();
      const offline = await world.task('Offline reading mode');
      const exports = await world.task('Import browser exports');
      mkdirSync(join(world.bank, 'tasks', 'done'), { recursive: true });
      renameSync(join(world.bank, 'tasks', 'TASK002-offline-mode.md'), join(world.bank, 'tasks', 'done', 'TASK002-offline-mode.md'));
      renameSync(join(world.bank, 'tasks', 'TASK001-import-exports.md'), join(world.bank, 'tasks', 'TASK001-import-browser-exports.md'));
      const dry = await world.sync('--dry-run');
      expect(dry.code, dry.run.stderr).toBe(0);
      expect(dry.result.summary).toMatchObject({ renamed: 2, created: 0, removed: 0 });
      const run = await world.sync();
      expect(run.code, run.run.stderr + run.run.stdout).toBe(0);
      expect(run.result.summary).toMatchObject({ renamed: 2, created: 0, removed: 0 });
      expect((await world.tasks()).map((task) => task.id).sort()).toEqual(before.map((task) => task.id).sort());
      const moved = mappings(world).filter((row) => row.task_id === offline.id || row.task_id === exports.id).map((row) => row.source_key).sort();
      expect(moved).toEqual([
        'memory-bank/tasks/TASK001-import-browser-exports.md#import-browser-exports',
        'memory-bank/tasks/done/TASK002-offline-mode.md#offline-reading-mode',
      ]);
      expect(String((await world.api('GET', `/tasks/${offline.id}`)).description)).toContain('tasks/done/TASK002-offline-mode.md');
      for (const task of await world.tasks()) expect(labelsOf(task)).not.toContain('removed-from-memory-bank');
      const again = await world.sync();
      expect(again.result.summary).toMatchObject({ renamed: 0, created: 0, removed: 0 });
      expect(again.result.toVikunja).toEqual([]);
      // Renamed with its task, as Backlog.md does when a title is edited: the task id leading the name is kept.
      renameSync(join(world.bank, 'tasks', 'TASK001-import-browser-exports.md'), join(world.bank, 'tasks', 'TASK001-import-all-exports.md'));
      world.editFile('tasks/TASK001-import-all-exports.md', 'title: Import browser exports\n', 'title: Import all browser exports\n');
      const retitled = await world.sync();
      expect(retitled.code, retitled.run.stderr + retitled.run.stdout).toBe(0);
      expect(retitled.result.summary).toMatchObject({ renamed: 1, created: 0, removed: 0 });
      expect((await world.api('GET', `/tasks/${exports.id}`)).title).toBe('Import all browser exports');
      expect((await world.tasks()).map((task) => task.id).sort()).toEqual(before.map((task) => task.id).sort());
    });

    it('an unrelated item in the place of a removed one is not a rename: the old task is labelled removed, a new one created', async () => {
      const world = await setupSyncWorld(closers, { version });
      const redirect = await world.task('Fix the login redirect');
      world.editFile('tasks.md', '- [ ] Fix the login redirect\n', '- [ ] Record a demo video\n');
      const run = await world.sync();
      expect(run.code, run.run.stderr).toBe(0);
      expect(run.result.summary).toMatchObject({ renamed: 0, created: 1, removed: 1 });
      expect(labelsOf(await world.api('GET', `/tasks/${redirect.id}`))).toContain('removed-from-memory-bank');
      expect((await world.tasks()).filter((task) => task.title === 'Record a demo video')).toHaveLength(1);
    });
  });
}
