/**
 * `membank sync` through the CLI against the sandbox at Vikunja 0.24.1 (the client's: v1, full-replace updates) and
 * 2.5.0: every cell of the 3-way table per field, items created and removed on either side, each conflict policy,
 * fields only Vikunja has surviving every sync, dry runs that write nothing anywhere, and a second sync that writes
 * nothing on either side.
 */
import { existsSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { runCli } from '../../helpers/cli.js';
import { fixtureFiles, setupSyncWorld, snapshotFiles, syncFixture, type SyncWorld } from './helpers.js';

const closers = closeAfterEach();

function mappingRows(world: SyncWorld): string {
  const db = new Database(world.env.MEMBANK_STATE, { readonly: true });
  try {
    return JSON.stringify(db.prepare('SELECT source_key, task_id, base_record FROM mappings ORDER BY source_key').all());
  } finally {
    db.close();
  }
}

/** A second sync with nothing changed: exit 0, no write on either side. */
async function expectQuiet(world: SyncWorld, code = 0): Promise<void> {
  const before = snapshotFiles(world, fixtureFiles);
  world.takeWrites();
  const again = await world.sync(...(code === 6 ? ['--fail-on-conflict'] : []));
  expect(again.code, again.run.stdout).toBe(code);
  expect(again.result.toVikunja).toEqual([]);
  expect(again.result.toMemoryBank).toEqual([]);
  expect(world.takeWrites()).toEqual([]);
  expect(snapshotFiles(world, fixtureFiles)).toEqual(before);
}

for (const version of ['0.24.1', '2.5.0']) {
  describe(`membank sync against Vikunja ${version}`, () => {
    it('--dry-run before any migrate creates no state store and writes nothing', async () => {
      const world = await setupSyncWorld(closers, { version });
      const fresh = join(world.dir, 'fresh.sqlite');
      world.takeWrites();
      const run = await runCli(['sync', world.repo, '--dry-run', '--state', fresh], { env: world.env, cwd: world.dir });
      expect(run.code, run.stderr).toBe(0);
      expect(existsSync(fresh)).toBe(false);
      expect(world.takeWrites()).toEqual([]);
    });

    it('unchanged: right after migrate, sync writes nothing on either side', async () => {
      const world = await setupSyncWorld(closers, { version });
      await expectQuiet(world);
    });

    /** Field × cell: each row edits one side, both, or neither, then checks both sides after one sync. */
    const cells: Array<{
      name: string;
      ours?: (world: SyncWorld) => void | Promise<void>;
      theirs?: (world: SyncWorld) => Promise<void>;
      check: (world: SyncWorld, result: Awaited<ReturnType<SyncWorld['sync']>>) => Promise<void>;
      /** The exit code of the next sync (6 while a conflict stays pending). */
      quietCode?: number;
    }> = [
      {
        name: 'done · ours → push: a box ticked in the bank closes the task',
        ours: (world) => world.editFile('tasks.md', '- [ ] Write the onboarding guide', '- [x] Write the onboarding guide'),
        check: async (world, { code }) => {
          expect(code).toBe(0);
          expect((await world.task('Write the onboarding guide')).done).toBe(true);
        },
      },
      {
        name: 'done · theirs → pull: a task closed in Vikunja ticks the box, and only that byte changes',
        theirs: (world) => world.editTask('Fix the login redirect', { done: true }),
        check: async (world, { code }) => {
          expect(code).toBe(0);
          const now = world.read('tasks.md');
          expect(now).toContain('- [x] Fix the login redirect');
          expect(now.replace('- [x] Fix the login redirect', '- [ ] Fix the login redirect')).toBe(readFileSync(join(fixtureBank(), 'tasks.md'), 'utf8'));
          expect((await world.task('Fix the login redirect')).done).toBe(true);
        },
      },
      {
        name: 'done · both-same → recorded, no write on either side',
        ours: (world) => world.editFile('tasks.md', '- [ ] Plan the Q3 roadmap', '- [x] Plan the Q3 roadmap'),
        theirs: (world) => world.editTask('Plan the Q3 roadmap', { done: true }),
        check: async (world, { code, result }) => {
          expect(code).toBe(0);
          expect(result.toVikunja).toEqual([]);
          expect(result.toMemoryBank).toEqual([]);
          const item = result.items.find((candidate) => candidate.key.includes('plan-the-q3-roadmap'));
          expect(item?.fields).toContainEqual(expect.objectContaining({ field: 'done', cell: 'both-same', action: 'record' }));
        },
      },
      {
        name: 'priority · ours → push',
        ours: (world) => world.editFile('sprint.md', '| S-1 | Export to Markdown | Sam | High |', '| S-1 | Export to Markdown | Sam | Low |'),
        check: async (world, { code }) => {
          expect(code).toBe(0);
          expect((await world.task('Export to Markdown')).priority).toBe(1);
        },
      },
      {
        name: 'priority · theirs → pull: the table cell takes the new priority',
        theirs: (world) => world.editTask('Dark mode for the reader', { priority: 3 }),
        check: async (world, { code }) => {
          expect(code).toBe(0);
          expect(world.read('sprint.md')).toMatch(/\| S-3 \| Dark mode for the reader \| Sam \| High \|/);
          expect((await world.task('Dark mode for the reader')).priority).toBe(3);
        },
      },
      {
        name: 'due · ours → push: an all-day date lands at 12:00 UTC',
        ours: (world) => world.editFile('tasks/TASK001-import-exports.md', 'due: 2026-12-31', 'due: 2027-01-15'),
        check: async (world, { code }) => {
          expect(code).toBe(0);
          expect((await world.task('Import browser exports')).due_date).toBe('2027-01-15T12:00:00Z');
        },
      },
      {
        name: 'due · theirs → pull: an all-day date comes back date-only',
        theirs: (world) => world.editTask('Import browser exports', { due_date: '2027-02-01T12:00:00Z' }),
        check: async (world, { code }) => {
          expect(code).toBe(0);
          expect(world.read('tasks/TASK001-import-exports.md')).toContain('due: 2027-02-01\n');
        },
      },
      {
        name: 'labels · ours → push: a tag added in the bank becomes a label',
        ours: (world) => world.editFile('tasks/TASK002-offline-mode.md', 'tags: [reader]', 'tags: [reader, mobile]'),
        check: async (world, { code }) => {
          expect(code).toBe(0);
          const labels = ((await world.task('Offline reading mode')).labels as Array<{ title: string }>).map((label) => label.title);
          expect(labels).toEqual(expect.arrayContaining(['reader', 'mobile', 'memory_bank']));
        },
      },
      {
        name: 'title · ours → push (a keyed table row keeps its key)',
        ours: (world) => world.editFile('sprint.md', 'Dark mode for the reader', 'Dark and sepia modes for the reader'),
        check: async (world, { code }) => {
          expect(code).toBe(0);
          expect((await world.task('S-3')).title).toBe('S-3 · Dark and sepia modes for the reader');
        },
      },
      {
        name: 'title · theirs → ignored: the bank owns the text; Vikunja keeps its edit and the bank is not touched',
        theirs: (world) => world.editTask('Export to Markdown', { title: 'S-1 · Export to Markdown (and HTML)' }),
        check: async (world, { code, result }) => {
          expect(code).toBe(0);
          expect(result.toVikunja).toEqual([]);
          expect(result.toMemoryBank).toEqual([]);
          expect((await world.task('S-1')).title).toBe('S-1 · Export to Markdown (and HTML)');
          expect(world.read('sprint.md')).toBe(readFileSync(join(fixtureBank(), 'sprint.md'), 'utf8'));
        },
      },
      {
        name: 'priority · both-same → recorded, no write',
        ours: (world) => world.editFile('sprint.md', '| S-1 | Export to Markdown | Sam | High |', '| S-1 | Export to Markdown | Sam | Low |'),
        theirs: (world) => world.editTask('Export to Markdown', { priority: 1 }),
        check: async (_world, { code, result }) => {
          expect(code).toBe(0);
          expect(result.toVikunja).toEqual([]);
          expect(result.toMemoryBank).toEqual([]);
        },
      },
      {
        name: 'due · both-different → conflict reported (exit 6), neither side written',
        ours: (world) => world.editFile('tasks/TASK001-import-exports.md', 'due: 2026-12-31', 'due: 2027-01-15'),
        theirs: (world) => world.editTask('Import browser exports', { due_date: '2027-02-01T12:00:00Z' }),
        check: async (world, { code, result }) => {
          expect(code).toBe(6);
          expect(result.conflicts).toEqual([expect.objectContaining({ field: 'due', base: '2026-12-31T12:00:00Z', ours: '2027-01-15T12:00:00Z', theirs: '2027-02-01T12:00:00Z' })]);
          expect(world.read('tasks/TASK001-import-exports.md')).toContain('due: 2027-01-15\n');
          expect((await world.task('Import browser exports')).due_date).toBe('2027-02-01T12:00:00Z');
        },
        quietCode: 6,
      },
      {
        name: 'labels · theirs → pull: the bank has no writable place for labels, so it is reported and Vikunja keeps the label',
        theirs: async (world) => {
          const label = await world.api('PUT', '/labels', { title: 'urgent' });
          const task = await world.task('Import browser exports');
          await world.api('PUT', `/tasks/${task.id}/labels`, { label_id: label.id });
        },
        check: async (world, { code, result }) => {
          expect(code).toBe(0);
          const item = result.items.find((candidate) => candidate.key.endsWith('#import-browser-exports'));
          expect(item?.fields).toEqual([expect.objectContaining({ field: 'labels', cell: 'pull', action: 'pull' })]);
          expect(item?.notes.join('\n')).toContain('labels: not written back (kept in Vikunja only)');
          expect(result.toMemoryBank).toEqual([]);
          expect(world.read('tasks/TASK001-import-exports.md')).toBe(readFileSync(join(fixtureBank(), 'tasks/TASK001-import-exports.md'), 'utf8'));
          const labels = ((await world.task('Import browser exports')).labels as Array<{ title: string }>).map((label) => label.title);
          expect(labels).toContain('urgent');
        },
      },
      {
        name: 'title · both-different → the bank owns the text: its title is pushed',
        ours: (world) => world.editFile('sprint.md', 'Dark mode for the reader', 'Dark and sepia modes'),
        theirs: (world) => world.editTask('Dark mode for the reader', { title: 'S-3 · Night mode' }),
        check: async (world, { code }) => {
          expect(code).toBe(0);
          expect((await world.task('S-3')).title).toBe('S-3 · Dark and sepia modes');
        },
      },
      {
        name: 'description · theirs → ignored: a description edited in Vikunja is kept there, the bank is not touched',
        theirs: (world) => world.editTask('Offline reading mode', { description: '<p>Notes from the planning call.</p>' }),
        check: async (world, { code, result }) => {
          expect(code).toBe(0);
          expect(result.toVikunja).toEqual([]);
          expect(result.toMemoryBank).toEqual([]);
          expect((await world.task('Offline reading mode')).description).toBe('<p>Notes from the planning call.</p>');
        },
      },
      {
        name: 'description · ours → push',
        ours: (world) => world.editFile('tasks/TASK002-offline-mode.md', 'Cache articles for reading without a connection.', 'Cache articles and their images for reading offline.'),
        check: async (world, { code }) => {
          expect(code).toBe(0);
          expect((await world.task('Offline reading mode')).description).toContain('Cache articles and their images for reading offline.');
        },
      },
      {
        name: 'due · both-same → recorded, no write',
        ours: (world) => world.editFile('tasks/TASK001-import-exports.md', 'due: 2026-12-31', 'due: 2027-01-15'),
        theirs: (world) => world.editTask('Import browser exports', { due_date: '2027-01-15T12:00:00Z' }),
        check: async (_world, { code, result }) => {
          expect(code).toBe(0);
          expect(result.toVikunja).toEqual([]);
          expect(result.toMemoryBank).toEqual([]);
          const item = result.items.find((candidate) => candidate.key.endsWith('#import-browser-exports'));
          expect(item?.fields).toContainEqual(expect.objectContaining({ field: 'due', cell: 'both-same', action: 'record' }));
        },
      },
      {
        name: 'labels · both-same → recorded, no write',
        ours: (world) => world.editFile('tasks/TASK002-offline-mode.md', 'tags: [reader]', 'tags: [reader, mobile]'),
        theirs: async (world) => {
          const label = await world.api('PUT', '/labels', { title: 'mobile' });
          const task = await world.task('Offline reading mode');
          await world.api('PUT', `/tasks/${task.id}/labels`, { label_id: label.id });
        },
        check: async (_world, { code, result }) => {
          expect(code).toBe(0);
          expect(result.toVikunja).toEqual([]);
          expect(result.toMemoryBank).toEqual([]);
          const item = result.items.find((candidate) => candidate.key.endsWith('#offline-reading-mode'));
          expect(item?.fields).toContainEqual(expect.objectContaining({ field: 'labels', cell: 'both-same', action: 'record' }));
        },
      },
      {
        name: 'labels · both-different → conflict reported (exit 6), neither side written',
        ours: (world) => world.editFile('tasks/TASK002-offline-mode.md', 'tags: [reader]', 'tags: [reader, mobile]'),
        theirs: async (world) => {
          const label = await world.api('PUT', '/labels', { title: 'urgent' });
          const task = await world.task('Offline reading mode');
          await world.api('PUT', `/tasks/${task.id}/labels`, { label_id: label.id });
        },
        check: async (world, { code, result }) => {
          expect(code).toBe(6);
          expect(result.conflicts).toEqual([expect.objectContaining({ field: 'labels' })]);
          expect(result.toVikunja).toEqual([]);
          expect(result.toMemoryBank).toEqual([]);
          const labels = ((await world.task('Offline reading mode')).labels as Array<{ title: string }>).map((label) => label.title);
          expect(labels).toContain('urgent');
          expect(labels).not.toContain('mobile');
          expect(world.read('tasks/TASK002-offline-mode.md')).toContain('tags: [reader, mobile]');
        },
        quietCode: 6,
      },
      {
        name: 'title · both-same → recorded, no write',
        ours: (world) => world.editFile('sprint.md', 'Dark mode for the reader', 'Night mode'),
        theirs: (world) => world.editTask('Dark mode for the reader', { title: 'S-3 · Night mode' }),
        check: async (world, { code, result }) => {
          expect(code).toBe(0);
          expect(result.toVikunja).toEqual([]);
          expect(result.toMemoryBank).toEqual([]);
          const item = result.items.find((candidate) => candidate.fields.some((field) => field.field === 'title'));
          expect(item?.fields).toContainEqual(expect.objectContaining({ field: 'title', cell: 'both-same', action: 'record' }));
          expect((await world.task('S-3')).title).toBe('S-3 · Night mode');
        },
      },
      {
        name: 'description · both-same → recorded, no write',
        ours: (world) => world.editFile('tasks/TASK002-offline-mode.md', 'Cache articles for reading without a connection.', 'Cache articles and images.'),
        theirs: async (world) => {
          const task = await world.task('Offline reading mode');
          const description = String(task.description).replace('Cache articles for reading without a connection.', 'Cache articles and images.');
          await world.editTask('Offline reading mode', { description });
        },
        check: async (_world, { code, result }) => {
          expect(code).toBe(0);
          expect(result.toVikunja).toEqual([]);
          expect(result.toMemoryBank).toEqual([]);
          const item = result.items.find((candidate) => candidate.key.endsWith('#offline-reading-mode'));
          expect(item?.fields).toContainEqual(expect.objectContaining({ field: 'description', cell: 'both-same', action: 'record' }));
        },
      },
      {
        name: 'description · both-different → the bank owns the text: its description is pushed',
        ours: (world) => world.editFile('tasks/TASK002-offline-mode.md', 'Cache articles for reading without a connection.', 'Cache articles and images.'),
        theirs: (world) => world.editTask('Offline reading mode', { description: '<p>Notes from the planning call.</p>' }),
        check: async (world, { code, result }) => {
          expect(code).toBe(0);
          expect(result.toMemoryBank).toEqual([]);
          const description = String((await world.task('Offline reading mode')).description);
          expect(description).toContain('Cache articles and images.');
          expect(description).not.toContain('Notes from the planning call.');
        },
      },
    ];

    for (const cell of cells) {
      it(cell.name, async () => {
        const world = await setupSyncWorld(closers, { version });
        await cell.ours?.(world);
        await cell.theirs?.(world);
        const result = await world.sync('--fail-on-conflict');
        await cell.check(world, result);
        await expectQuiet(world, cell.quietCode ?? 0);
      });
    }

    it('both-different: reported (exit 6, neither side written, every sync) until resolved by a policy', async () => {
      const world = await setupSyncWorld(closers, { version });
      world.editFile('sprint.md', '| S-1 | Export to Markdown | Sam | High |', '| S-1 | Export to Markdown | Sam | Medium |');
      await world.editTask('Export to Markdown', { priority: 5 });
      const bankBefore = world.read('sprint.md');
      world.takeWrites();
      for (let round = 0; round < 2; round += 1) {
        const { code, result, run } = await world.sync('--fail-on-conflict');
        expect(code, run.stdout).toBe(6);
        expect(result.conflicts).toEqual([expect.objectContaining({ field: 'priority', base: 3, ours: 2, theirs: 5 })]);
        expect(world.takeWrites()).toEqual([]);
        expect(world.read('sprint.md')).toBe(bankBefore);
      }
      const human = await world.cli(['sync', world.repo, '--fail-on-conflict']);
      expect(human.code).toBe(6);
      expect(human.stdout).toContain('priority: base 3 · memory bank 2 · Vikunja 5');
      expect(human.stdout).toContain('--conflicts prefer-memory-bank | prefer-vikunja');
      const resolved = await world.sync('--conflicts', 'prefer-vikunja');
      expect(resolved.code).toBe(0);
      expect(world.read('sprint.md')).not.toContain('| S-1 | Export to Markdown | Sam | Medium |');
      expect((await world.task('Export to Markdown')).priority).toBe(5);
      await expectQuiet(world);
    });

    it('both-different with prefer-memory-bank, and with newest (the file changed last)', async () => {
      const world = await setupSyncWorld(closers, { version, config: { sync: { conflicts: 'prefer-memory-bank' } } });
      world.editFile('sprint.md', '| S-1 | Export to Markdown | Sam | High |', '| S-1 | Export to Markdown | Sam | Medium |');
      await world.editTask('Export to Markdown', { priority: 5 });
      expect((await world.sync()).code).toBe(0);
      expect((await world.task('Export to Markdown')).priority).toBe(2);

      world.editFile('sprint.md', '| S-3 | Dark mode for the reader | Sam | Medium |', '| S-3 | Dark mode for the reader | Sam | Low |');
      await world.editTask('Dark mode for the reader', { priority: 4 });
      // The file's change time is later than the task's `updated`: newest takes the bank's value.
      const future = new Date(Date.now() + 3_600_000);
      utimesSync(join(world.bank, 'sprint.md'), future, future);
      expect((await world.sync('--conflicts', 'newest')).code).toBe(0);
      expect((await world.task('Dark mode for the reader')).priority).toBe(1);
    });

    it('created in the bank → created in Vikunja once', async () => {
      const world = await setupSyncWorld(closers, { version });
      world.editFile('tasks.md', '- [ ] Plan the Q3 roadmap\n', '- [ ] Plan the Q3 roadmap\n- [ ] Record a demo video\n');
      const { code } = await world.sync();
      expect(code).toBe(0);
      expect((await world.tasks()).filter((task) => task.title === 'Record a demo video')).toHaveLength(1);
      await expectQuiet(world);
    });

    it('a pull the parser would not read back as written is reported, not written: the bank keeps every item', async () => {
      const world = await setupSyncWorld(closers, { version });
      // A list of marks reads as tasks while one is open; all ticked, as a summary of results (no task).
      writeFileSync(join(world.bank, 'progress.md'), '# Progress\n\n## Integrations\n\n- ✅ Slack notifications\n- ✅ Import from CSV\n- ⏳ Calendar sync\n');
      expect((await world.sync()).code).toBe(0);
      await world.editTask('Calendar sync', { done: true });
      const before = world.read('progress.md');
      const { code, result } = await world.sync();
      expect(code).toBe(0);
      const item = result.items.find((candidate) => candidate.key.endsWith('#integrations/calendar-sync'));
      expect(item?.notes.join('\n')).toMatch(/not written back \(kept in Vikunja only\) — memory-bank\/progress\.md:7: writing status done into "Calendar sync" would change how the line is read/u);
      expect(world.read('progress.md')).toBe(before);
      expect((await world.task('Calendar sync')).done).toBe(true);
      expect((await world.tasks()).filter((task) => task.title === 'Slack notifications' && !task.done)).toHaveLength(0);
    });

    it('created in the bank under an item Vikunja already has → created as a subtask of that task', async () => {
      const world = await setupSyncWorld(closers, { version });
      const guide = await world.task('Write the onboarding guide');
      world.editFile('tasks.md', '- [ ] Write the onboarding guide\n', '- [ ] Write the onboarding guide\n  - [ ] Draft the outline\n');
      const { code, result } = await world.sync();
      expect(code, JSON.stringify(result)).toBe(0);
      const child = await world.task('Draft the outline');
      const subtasks = ((await world.api('GET', `/tasks/${guide.id}`)).related_tasks?.subtask ?? []) as Array<{ id: number }>;
      expect(subtasks.map((task) => task.id)).toEqual([child.id]);
      await expectQuiet(world);
    });

    it('created in Vikunja → appended to the inbox with its marker, mapped, never appended or created twice', async () => {
      const world = await setupSyncWorld(closers, { version });
      const created = await world.api('PUT', `/projects/${world.projectId}/tasks`, { title: 'Call the printer' });
      const { code, result } = await world.sync();
      expect(code, JSON.stringify(result)).toBe(0);
      const inbox = world.read('vikunja-inbox.md');
      expect(inbox).toContain('- [ ] Call the printer <!-- membank:');
      expect(inbox).toContain(`vikunja #${created.id} -->`);
      expect(mappingRows(world)).toContain(`"task_id":${created.id}`);
      for (let round = 0; round < 2; round += 1) {
        const again = await world.sync();
        expect(again.code).toBe(0);
        expect(again.result.toMemoryBank).toEqual([]);
        expect(again.result.toVikunja.filter((op) => op.kind === 'create')).toEqual([]);
      }
      expect(world.read('vikunja-inbox.md').match(/Call the printer/g)).toHaveLength(1);
      expect((await world.tasks()).filter((task) => task.title === 'Call the printer')).toHaveLength(1);
    });

    it('removed from the bank → labelled removed-from-memory-bank and kept open; nothing more on the next sync', async () => {
      const world = await setupSyncWorld(closers, { version });
      world.editFile('tasks.md', '- [ ] Fix the login redirect\n', '');
      expect((await world.sync()).code).toBe(0);
      const task = await world.task('Fix the login redirect');
      expect(task.done).toBe(false);
      expect((task.labels as Array<{ title: string }>).map((label) => label.title)).toContain('removed-from-memory-bank');
      await expectQuiet(world);
    });

    for (const policy of ['close', 'delete'] as const) {
      it(`removed from the bank with sync.removed: ${policy}`, async () => {
        const world = await setupSyncWorld(closers, { version, config: { sync: { removed: policy } } });
        const task = await world.task('Fix the login redirect');
        world.editFile('tasks.md', '- [ ] Fix the login redirect\n', '');
        expect((await world.sync()).code).toBe(0);
        const left = (await world.tasks()).find((candidate) => candidate.id === task.id);
        if (policy === 'close') expect(left?.done).toBe(true);
        else expect(left).toBeUndefined();
        await expectQuiet(world);
      });
    }

    it('a wiped bank removes nothing: no close, no label, no delete', async () => {
      const world = await setupSyncWorld(closers, { version, config: { sync: { removed: 'delete' } } });
      for (const path of fixtureFiles) world.editFile(path, world.read(path), '# nothing here\n');
      world.takeWrites();
      // The shrink guard refuses a bank that lost its task items before any write (exit 7, docs/cron.md) …
      expect((await world.sync()).code).toBe(7);
      expect(world.takeWrites()).toEqual([]);
      // … and with the override, sync itself still removes nothing.
      const { code, result } = await world.sync('--allow-mass-change');
      expect(code).toBe(0);
      expect(result.toVikunja).toEqual([]);
      expect(result.items.find((item) => item.state === 'removed')?.notes[0]).toContain('never empties Vikunja');
      expect((await world.tasks()).length).toBe(9);
    });

    it('ownership vikunja: a change made in the bank is not pushed', async () => {
      const world = await setupSyncWorld(closers, { version, config: { sync: { ownership: { done: 'vikunja' } } } });
      world.editFile('tasks.md', '- [ ] Write the onboarding guide', '- [x] Write the onboarding guide');
      const { code, result } = await world.sync();
      expect(code).toBe(0);
      expect(result.toVikunja).toEqual([]);
      expect((await world.task('Write the onboarding guide')).done).toBe(false);
    });

    it('inbox off (sync.inbox: false): a task added in Vikunja is reported, no file is written', async () => {
      const world = await setupSyncWorld(closers, { version, config: { sync: { inbox: false } } });
      await world.api('PUT', `/projects/${world.projectId}/tasks`, { title: 'Call the printer' });
      const { code, result } = await world.sync();
      expect(code).toBe(0);
      expect(result.toMemoryBank).toEqual([]);
      expect(result.items.find((item) => item.state === 'new-in-vikunja')?.notes[0]).toContain('the inbox is off');
    });

    it('deleted in Vikunja → reported; the bank keeps its text and nothing is re-created', async () => {
      const world = await setupSyncWorld(closers, { version });
      const task = await world.task('Ship the private beta');
      await world.api('DELETE', `/tasks/${task.id}`);
      const before = snapshotFiles(world, fixtureFiles);
      world.takeWrites();
      const { code, result } = await world.sync();
      expect(code).toBe(0);
      expect(result.items.find((item) => item.state === 'deleted-in-vikunja')?.notes[0]).toContain(`task #${task.id} was deleted in Vikunja`);
      expect(world.takeWrites()).toEqual([]);
      expect(snapshotFiles(world, fixtureFiles)).toEqual(before);
    });

    it('fields only Vikunja has (colour, assignee, a due date set by a person) survive every sync', async () => {
      const world = await setupSyncWorld(closers, { version });
      // The token's user (an API token may not call /user on 0.24.1): the task's creator.
      const user = (await world.task('Offline reading mode')).created_by as { id: number };
      expect(user.id).toBeGreaterThan(0);
      await world.editTask('Offline reading mode', { hex_color: 'ff8800', due_date: '2027-03-01T09:30:00Z', assignees: [{ id: user.id }] });
      // A push on the same task: v1 replaces the whole task, so a careless client would blank the rest.
      world.editFile('tasks/TASK002-offline-mode.md', 'priority: medium', 'priority: high');
      for (let round = 0; round < 3; round += 1) expect((await world.sync()).code).toBe(0);
      const task = await world.task('Offline reading mode');
      expect(task.priority).toBe(3);
      expect(task.hex_color).toBe('ff8800');
      expect(task.due_date).toBe('2027-03-01T09:30:00Z');
      expect((task.assignees as Array<{ id: number }>).map((assignee) => assignee.id)).toEqual([user.id]);
    });

    it('--dry-run prints both directions and writes nothing: no request, same bytes and mtimes, no mapping', async () => {
      const world = await setupSyncWorld(closers, { version });
      world.editFile('tasks.md', '- [ ] Write the onboarding guide', '- [x] Write the onboarding guide');
      await world.editTask('Fix the login redirect', { done: true });
      await world.api('PUT', `/projects/${world.projectId}/tasks`, { title: 'Call the printer' });
      const files = snapshotFiles(world, fixtureFiles);
      const mappings = mappingRows(world);
      world.takeWrites();
      const { code, result } = await world.sync('--dry-run');
      expect(code).toBe(0);
      expect(result.dryRun).toBe(true);
      expect(result.toVikunja.map((op) => op.kind)).toContain('close');
      expect(result.toMemoryBank.map((op) => op.kind).sort()).toEqual(['file-edit', 'inbox-append']);
      expect(world.takeWrites()).toEqual([]);
      expect(snapshotFiles(world, fixtureFiles)).toEqual(files);
      expect(mappingRows(world)).toBe(mappings);
      const human = await world.cli(['sync', world.repo, '--dry-run']);
      expect(human.stdout).toContain('→ Vikunja: ');
      expect(human.stdout).toContain('← memory bank: ');
      expect(human.stdout).toContain('(dry run: nothing was written)');
    });

    it('rollback of a sync run refuses (exit 6) to restore a Markdown file changed since, and changes nothing', async () => {
      const world = await setupSyncWorld(closers, { version });
      await world.editTask('Fix the login redirect', { done: true });
      const { code, result } = await world.sync();
      expect(code).toBe(0);
      world.editFile('tasks.md', '- [ ] Plan the Q3 roadmap', '- [ ] Plan the Q3 and Q4 roadmaps');
      const later = world.read('tasks.md');
      const rollback = await world.cli(['rollback', result.runId ?? '']);
      expect(rollback.code, rollback.stdout + rollback.stderr).toBe(6);
      expect(rollback.stdout + rollback.stderr).toContain('memory-bank/tasks.md changed since the sync edited it');
      expect(world.read('tasks.md')).toBe(later);
    });

    it('rollback of a sync that created a task forgets its mapping: the next sync creates it again, once', async () => {
      const world = await setupSyncWorld(closers, { version });
      world.editFile('tasks.md', '- [ ] Plan the Q3 roadmap\n', '- [ ] Plan the Q3 roadmap\n- [ ] Record a demo video\n');
      const { result } = await world.sync();
      expect(mappingRows(world)).toContain('record-a-demo-video');
      const rollback = await world.cli(['rollback', result.runId ?? '']);
      expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
      expect((await world.tasks()).filter((task) => task.title === 'Record a demo video')).toHaveLength(0);
      expect(mappingRows(world)).not.toContain('record-a-demo-video');
      const again = await world.sync();
      expect(again.code).toBe(0);
      expect((await world.tasks()).filter((task) => task.title === 'Record a demo video')).toHaveLength(1);
    });

    it('rollback of a sync run restores both sides', async () => {
      const world = await setupSyncWorld(closers, { version });
      const files = snapshotFiles(world, fixtureFiles);
      world.editFile('tasks.md', '- [ ] Write the onboarding guide', '- [x] Write the onboarding guide');
      const edited = world.read('tasks.md');
      await world.editTask('Fix the login redirect', { done: true });
      const { code, result } = await world.sync();
      expect(code).toBe(0);
      expect(world.read('tasks.md')).toContain('- [x] Fix the login redirect');
      const rollback = await world.cli(['rollback', result.runId ?? '']);
      expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
      expect(world.read('tasks.md')).toBe(edited);
      expect((await world.task('Write the onboarding guide')).done).toBe(false);
      expect(files['tasks.md']?.text).not.toBe(edited);
    });
  });
}

function fixtureBank(): string {
  return join(syncFixture, 'memory-bank');
}
