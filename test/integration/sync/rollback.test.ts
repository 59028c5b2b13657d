/**
 * `membank rollback <sync-run-id>` restores both sides: after a sync that wrote to Vikunja (a close, a priority, a
 * new label, a created task) and to the Markdown (a tick, a priority cell, a frontmatter due date, an inbox append),
 * the sandbox's whole state equals its state before the sync and every bank file has its sha256 from before.
 * And it refuses — exit 6, nothing written on either side, the file named — when a file the sync edited was
 * changed since; with `--force` it undoes the rest but still never overwrites that file (exit 1, the file named).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { syncFixture } from './helpers.js';
import { type E2eWorld, setupE2eWorld, sha256File } from './e2e-helpers.js';

const closers = closeAfterEach();

/** The fixture bank's files, by path relative to the bank. */
function fixtureBank(): Record<string, string> {
  const root = join(syncFixture, 'memory-bank');
  const out: Record<string, string> = {};
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = readFileSync(join(folder, entry.name), 'utf8');
    }
  };
  walk(root, '');
  return out;
}

/** sha256 of every file under the bank, by relative path. */
function hashBank(world: E2eWorld): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (folder: string, prefix: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      if (entry.isDirectory()) walk(join(folder, entry.name), `${prefix}${entry.name}/`);
      else out[`${prefix}${entry.name}`] = sha256File(join(folder, entry.name));
    }
  };
  walk(world.bank, '');
  return out;
}

function replaceIn(world: E2eWorld, path: string, from: string, to: string): void {
  const text = world.read(path);
  if (!text.includes(from)) throw new Error(`${path} does not contain ${JSON.stringify(from)}`);
  world.write(path, text.replace(from, to));
}

interface SyncResult {
  runId: string;
  toVikunja: Array<{ kind: string }>;
  toMemoryBank: Array<{ kind: string; path: string }>;
  failures: unknown[];
}

async function sync(world: E2eWorld): Promise<SyncResult> {
  const run = await world.cli(['sync', world.repo, '--json']);
  expect(run.code, run.stdout + run.stderr).toBe(0);
  return JSON.parse(run.stdout) as SyncResult;
}

/** Changes on both sides that the next sync writes to both: ticks, priorities, a tag, a due date, new items. */
async function changeBothSides(world: E2eWorld): Promise<void> {
  replaceIn(world, 'tasks.md', '- [ ] Write the onboarding guide', '- [x] Write the onboarding guide');
  replaceIn(world, 'tasks.md', '- [ ] Plan the Q3 roadmap\n', '- [ ] Plan the Q3 roadmap\n- [ ] Record a demo video\n');
  replaceIn(world, 'sprint.md', '| S-1 | Export to Markdown | Sam | High |', '| S-1 | Export to Markdown | Sam | Low |');
  replaceIn(world, 'tasks/TASK002-offline-mode.md', 'tags: [reader]', 'tags: [reader, mobile]');
  await world.editTask('Fix the login redirect', { done: true });
  await world.editTask('Dark mode for the reader', { priority: 3 });
  await world.editTask('Import browser exports', { due_date: '2027-02-01T12:00:00Z' });
  await world.api('PUT', `/projects/${world.projectId}/tasks`, { title: 'Order toner' });
}

for (const version of ['0.24.1', '2.5.0']) {
  describe(`rollback of a sync run (Vikunja ${version})`, () => {
    it('restores both sides: the sandbox state and every file hash as before the sync', async () => {
      // A stopped clock: a restored task is then byte-for-byte its old self, `updated` included.
      const world = await setupE2eWorld(closers, { version, files: fixtureBank(), sandbox: { now: () => new Date('2026-11-30T06:00:00Z') } });
      // A first sync creates the inbox (a file sync creates is not deleted by rollback): the sync under test appends.
      await world.api('PUT', `/projects/${world.projectId}/tasks`, { title: 'Call the printer' });
      await sync(world);
      expect(world.read('vikunja-inbox.md')).toContain('Call the printer');

      await changeBothSides(world);
      const dumpBefore = world.sandbox.dump();
      const hashesBefore = hashBank(world);
      world.takeWrites();
      const result = await sync(world);
      // The sync wrote on both sides.
      expect(result.toVikunja.map((op) => op.kind).sort()).toEqual(expect.arrayContaining(['close', 'create', 'labels', 'update']));
      expect(result.toMemoryBank.map((op) => op.path).sort()).toEqual(
        ['memory-bank/sprint.md', 'memory-bank/tasks.md', 'memory-bank/tasks/TASK001-import-exports.md', 'memory-bank/vikunja-inbox.md'],
      );
      expect(world.takeWrites().length).toBeGreaterThan(0);
      expect(hashBank(world)).not.toEqual(hashesBefore);
      expect(world.sandbox.dump()).not.toEqual(dumpBefore);

      const rollback = await world.cli(['rollback', result.runId]);
      expect(rollback.code, rollback.stdout + rollback.stderr).toBe(0);
      expect(hashBank(world)).toEqual(hashesBefore);
      expect(world.sandbox.dump()).toEqual(dumpBefore);
    });

    it('refuses (exit 6, nothing written, the file named) when a file the sync edited changed since; --force undoes the rest and leaves that file', async () => {
      const world = await setupE2eWorld(closers, { version, files: fixtureBank() });
      await world.api('PUT', `/projects/${world.projectId}/tasks`, { title: 'Call the printer' });
      await sync(world);
      await changeBothSides(world);
      const result = await sync(world);
      // A person edits a file the sync wrote to, after the sync.
      replaceIn(world, 'sprint.md', '| S-2 | Sync reading position | Priya |', '| S-2 | Sync reading position | Priya and Sam |');
      const hashes = hashBank(world);
      const dump = world.sandbox.dump();
      world.takeWrites();

      const refused = await world.cli(['rollback', result.runId]);
      expect(refused.code, refused.stdout + refused.stderr).toBe(6);
      expect(refused.stderr).toContain('memory-bank/sprint.md');
      expect(refused.stderr).toContain('--force');
      expect(world.takeWrites()).toEqual([]);
      expect(hashBank(world)).toEqual(hashes);
      expect(world.sandbox.dump()).toEqual(dump);

      // --force overrides edits made in Vikunja, never a person's edit of a file: that file is reported and kept.
      const forced = await world.cli(['rollback', result.runId, '--force']);
      expect(forced.code, forced.stdout + forced.stderr).toBe(1);
      expect(forced.stdout).toContain('memory-bank/sprint.md');
      expect(hashBank(world)['sprint.md']).toBe(hashes['sprint.md']);
      // Everything else was undone: the pulled tick is gone from tasks.md, the pushed close is reopened.
      expect(world.read('tasks.md')).toContain('- [ ] Fix the login redirect');
      expect((await world.task('Write the onboarding guide')).done).toBe(false);
      expect((await world.tasks()).filter((task) => task.title === 'Record a demo video')).toEqual([]);
    });

    it('refuses (exit 6, nothing written, the task named) when a task the sync wrote was edited in Vikunja since', async () => {
      const world = await setupE2eWorld(closers, { version, files: fixtureBank() });
      replaceIn(world, 'sprint.md', '| S-1 | Export to Markdown | Sam | High |', '| S-1 | Export to Markdown | Sam | Low |');
      await world.editTask('Fix the login redirect', { done: true });
      const result = await sync(world);
      expect((await world.task('Export to Markdown')).priority).toBe(1);
      // A person sets another priority in Vikunja after the sync pushed one.
      await world.editTask('Export to Markdown', { priority: 5 });
      const task = await world.task('Export to Markdown');
      const hashes = hashBank(world);
      world.takeWrites();

      const refused = await world.cli(['rollback', result.runId]);
      expect(refused.code, refused.stdout + refused.stderr).toBe(6);
      expect(refused.stderr).toContain(`task #${task.id}`);
      expect(refused.stderr).toContain('priority');
      expect(world.takeWrites()).toEqual([]);
      expect(hashBank(world)).toEqual(hashes);

      const forced = await world.cli(['rollback', result.runId, '--force']);
      expect(forced.code, forced.stdout + forced.stderr).toBe(0);
      expect((await world.task('Export to Markdown')).priority).toBe(3);
      expect(world.read('tasks.md')).toContain('- [ ] Fix the login redirect');
    });
  });
}
