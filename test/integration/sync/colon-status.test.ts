/**
 * A status closing a bullet after a colon (issue #13): `- Rate limiting: not started`, `- Login page: done`, through the
 * CLI against the sandbox at 0.24.1 and 2.5.0. Migrate creates one task per such bullet with its status (and none for
 * a bullet whose text after the colon is not a status); a task closed or reopened in Vikunja is written back over the
 * status word after the colon, every other byte kept; the next sync has nothing to do.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { openMigratedWorld } from './world.js';

const closers: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

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
      fill: (repo) => {
        mkdirSync(join(repo, 'memory-bank'), { recursive: true });
        writeFileSync(join(repo, 'memory-bank', 'projectbrief.md'), '# Harbour\n\nA tide app.\n');
        writeFileSync(join(repo, 'memory-bank', 'todo.md'), todo);
      },
    });
    const tasks = await world.tasks();
    expect(tasks.map((task) => [task.title, task.done]).sort()).toEqual([
      ['Harbour search', false],
      ['Login page', true],
      ['Push alerts', false],
      ['Rate limiting', false],
    ]);
    await world.editTask('Rate limiting', { done: true });
    await world.editTask('Login page', { done: false });
    const run = await world.cli(['sync', world.repo, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(join(world.bank, 'todo.md'), 'utf8')).toBe(todo.replace('Rate limiting: not started', 'Rate limiting: done').replace('Login page: done', 'Login page: not started'));
    const again = await world.cli(['sync', world.repo, '--json']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ toVikunja: [], toMemoryBank: [] });
  });
}
