/**
 * Obsidian Dataview page fields in a task file (issue #13): `status:: in-progress`, `due:: 2026-03-01`,
 * `priority:: high` under the title, through the CLI against the sandbox at 0.24.1 and 2.5.0. Migrate reads them as the
 * task's fields (version 11 read the status as `: in-progress` and left the rest in the description); a task closed
 * and re-dated in Vikunja is written after the `::`, every other byte kept; the next sync has nothing to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const login = ['# Login page', '', 'status:: in-progress', 'due:: 2026-03-01', 'priority:: high', '', 'Build the login page.', ''].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: Dataview page fields are the task's, and what changed in Vikunja is written after the ::`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'vault',
      fill: fillBank({ 'tasks/login.md': login }),
    });
    const task = await world.task('Login page');
    expect([task.done, task.priority, String(task.due_date).slice(0, 10), task.description]).toEqual([false, 3, '2026-03-01', expect.stringContaining('Build the login page.')]);
    expect(task.description).not.toContain('due::');
    await world.editTask('Login page', { done: true, due_date: String(task.due_date).replace('2026-03-01', '2026-03-08') });
    await syncTwice(world);
    expect(readFileSync(join(world.bank, 'tasks', 'login.md'), 'utf8')).toBe(login.replace('status:: in-progress', 'status:: done').replace('due:: 2026-03-01', 'due:: 2026-03-08'));
  });
}
