/**
 * A task whose parent changes in the bank after it was migrated, its key unchanged (a task file's frontmatter gains
 * `parent: T-1`; a task file folded into the list item naming it after an upgrade), through the CLI against the
 * sandbox at 0.24.1 and 2.5.0: the next sync makes it the parent's subtask, once. A relation someone then removes in
 * Vikunja is not put back while the bank's parent stays the same.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const files: Record<string, string> = {
  'tasks/T-1-harbour-list.md': '---\nid: T-1\ntitle: Harbour list\nstatus: in-progress\n---\n\nEvery harbour with its code.\n',
  'tasks/T-2-cache-the-list.md': '---\nid: T-2\ntitle: Cache the list\nstatus: todo\n---\n\nKeep the last fetch for a day.\n',
};

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: a task given a parent in the bank becomes its subtask on the next sync, and a relation removed in Vikunja stays removed`, async () => {
    const world = await openMigratedWorld(closers, { version, repoName: 'harbour', fill: fillBank(files) });
    const subtasks = async (title: string): Promise<number[]> => ((await world.task(title)).related_tasks?.subtask ?? []).map((task: { id: number }) => task.id);
    expect(await subtasks('Harbour list')).toEqual([]);
    const child = (await world.task('Cache the list')).id as number;

    const path = join(world.bank, 'tasks', 'T-2-cache-the-list.md');
    writeFileSync(path, readFileSync(path, 'utf8').replace('status: todo\n', 'status: todo\nparent: T-1\n'));
    const report = (await syncTwice(world)) as { items: { key: string; notes: string[] }[] };
    expect(report.items.find((item) => item.key.includes('T-2'))?.notes.join(' ')).toContain('becomes that task');
    expect(await subtasks('Harbour list')).toEqual([child]);

    const parent = (await world.task('Harbour list')).id as number;
    await world.api('DELETE', `/tasks/${parent}/relations/subtask/${child}`);
    world.takeWrites();
    const again = await world.cli(['sync', world.repo, '--json']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(await subtasks('Harbour list')).toEqual([]);
    expect(world.takeWrites()).toEqual([]);
  });
}
