/**
 * A status closing a bullet after a colon (issue #13): `- Rate limiting: not started`, `- Login page: done`, through the
 * CLI against the sandbox at 0.24.1 and 2.5.0. Migrate creates one task per such bullet with its status (a status
 * before the colon opens the bullet instead: `- Next: the harvest log` is the task `the harvest log`, todo); a task
 * closed or reopened in Vikunja is written back over the status word after the colon, every other byte kept; the next
 * sync has nothing to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const todo = [
  '# TODO',
  '',
  '## This sprint',
  '',
  '- Rate limiting: not started',
  '- Harbour search: in progress',
  '- Login page: done',
  '- Push alerts: blocked (waiting on the provider)',
  '- Next: the harvest log',
  '',
].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: a status after a colon is the bullet's, and a change in Vikunja is written over it`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'harbour',
      fill: fillBank({ 'todo.md': todo }),
    });
    const tasks = await world.tasks();
    expect(tasks.map((task) => [task.title, task.done]).sort()).toEqual([
      ['Harbour search', false],
      ['Login page', true],
      ['Push alerts', false],
      ['Rate limiting', false],
      ['the harvest log', false],
    ]);
    await world.editTask('Rate limiting', { done: true });
    await world.editTask('Login page', { done: false });
    await syncTwice(world);
    expect(readFileSync(join(world.bank, 'todo.md'), 'utf8')).toBe(todo.replace('Rate limiting: not started', 'Rate limiting: done').replace('Login page: done', 'Login page: not started'));
  });
}
