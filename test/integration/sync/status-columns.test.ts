/**
 * A task table whose status column is named otherwise (issue #13): `| Feature | Stage | Owner |` over `In dev`,
 * `Shipped`; `| Ticket | Summary | Resolution |` over `Fixed`, `Won't fix`. Through the CLI against the sandbox at 0.24.1
 * and 2.5.0: migrate reads each row's status from that column (they were all todo); a task closed in Vikunja is
 * written into that cell in the column's own word, every other byte kept; the next sync has nothing to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const progress = [
  '# Progress',
  '',
  '## Features',
  '',
  '| Feature | Stage | Owner |',
  '|---------|-------|-------|',
  '| Harbour search | In dev | Dana |',
  '| Tide chart | Shipped | Leo |',
  '',
  '## Bugs',
  '',
  '| Ticket | Summary | Resolution |',
  '|--------|---------|------------|',
  '| WX-1 | Crash on launch | Fixed |',
  '| WX-3 | Slow search | Unresolved |',
  '',
].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: a status column named otherwise gives each row its status, and a task closed in Vikunja is written there`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'harbour',
      fill: fillBank({ 'progress.md': progress }),
    });
    const tasks = await world.tasks();
    expect(tasks.map((task) => [task.title, task.done]).sort()).toEqual([
      ['Harbour search', false],
      ['Tide chart', true],
      ['WX-1 · Crash on launch', true],
      ['WX-3 · Slow search', false],
    ]);
    await world.editTask('Harbour search', { done: true });
    await world.editTask('WX-3', { done: true });
    await syncTwice(world);
    expect(readFileSync(join(world.bank, 'progress.md'), 'utf8')).toBe(
      progress.replace('| Harbour search | In dev | Dana |', '| Harbour search | Shipped | Dana |').replace('| WX-3 | Slow search | Unresolved |', '| WX-3 | Slow search | Fixed    |'),
    );
  });
}
