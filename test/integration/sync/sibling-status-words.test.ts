/**
 * A task file's status written back in the words its sibling files use (issue #13's write-back of banks kept by other
 * tools), through the CLI against the sandbox at 0.24.1 and 2.5.0: Task Magic's `.ai/tasks/` files say `pending` and
 * `completed`, CCPM's epic files `open` and `closed`. A file whose own text has no word for the new status took the
 * language's (`done`), which those tools do not read; it now takes the word another task file of its folder (or of
 * the folders beside it: another epic's) writes for that status in the language of the value replaced, and the
 * language's word only when none does.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const task = (title: string, status: string): string => `---\ntitle: ${title}\nstatus: ${status}\n---\n\n# ${title}\n\nNotes.\n`;
const files: Record<string, string> = {
  'tasks/task1_tide_api.md': task('Tide API client', 'completed'),
  'tasks/task2_harbour_list.md': task('Harbour list', 'pending'),
  'epics/charts/1301.md': task('Tide chart', 'closed'),
  'epics/charts/1302.md': task('Moon phases', 'open'),
  'epics/alerts/1401.md': task('Storm alerts', 'open'),
  'ideas/later.md': task('Share a tide table', 'pending'),
  'ideas/TASK-009-partager.md': task('Partager une table des marées', 'terminé'),
  'ideas/drafts/export.md': task('Export to CSV', 'pending'),
};

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: a task file's new status is written in the words its sibling files use`, async () => {
    const world = await openMigratedWorld(closers, { version, repoName: 'harbour', fill: fillBank(files) });
    for (const title of ['Harbour list', 'Moon phases', 'Storm alerts', 'Export to CSV']) await world.editTask(title, { done: true });
    await syncTwice(world);
    const status = (path: string): string | undefined => /^status: (.*)$/mu.exec(readFileSync(join(world.bank, path), 'utf8'))?.[1];
    expect(['tasks/task2_harbour_list.md', 'epics/charts/1302.md', 'epics/alerts/1401.md', 'ideas/drafts/export.md'].map(status)).toEqual([
      'completed',
      'closed',
      'closed',
      'done',
    ]);
  });
}
