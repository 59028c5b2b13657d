/**
 * Items under a heading naming a priority and a status (`## 🔥 High Priority — In Progress`), checklists written without
 * bullets under a label line (`**Next steps:**` over `[ ] Embed the fonts`, `Website:` over `  ☐ Redesign …`) and items
 * closed by TaskPaper tags (`@wip`, `@waiting`, `@priority(medium)`) or led by a mark the file's legend explains as a
 * priority (`Priority: 🔴 high · 🟡 medium` over `- [ ] 🔴 Patch the login bug`): migrated as tasks with the priority and status
 * they say, and a task closed, reopened or reprioritised in Vikunja is written back where the file writes it, after which
 * a sync has nothing to do. Through the CLI against the sandbox at 0.24.1 and 2.5.0. Before parser version 26 the
 * heading was a task of its own and its items had no priority, the labelled checklists were no tasks, and the tags were
 * title text (`@waiting` an owner), and so was the priority mark.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const todo = ['# Sprint board', '', '## 🔥 High Priority — In Progress', '', '- [ ] Move the session store to Redis', '- [ ] Add retries to the webhook sender', '', '## Done: Low Priority', '', '- [x] Rename the staging bucket', ''].join('\n');

const progress = ['# Progress', '', '## 2025-09-14', '', '**Next steps:**', '[ ] Embed the fonts in the PDF export', '[x] Rename the export menu', '', 'Website:', '  ☐ Redesign the pricing page', '  ✔ Renew the domain', ''].join('\n');

const tasks = [
  '# Tasks',
  '',
  'Priority: 🔴 high · 🟡 medium · 🟢 low',
  '',
  '## Bugs',
  '',
  '- [ ] 🔴 Patch the login bug',
  '- [ ] 🟡 Fix the CSV export',
  '',
  '## Website',
  '',
  '- [ ] Move the blog to the new host @wip',
  '- [ ] Write the pricing FAQ @due(2025-10-01) @priority(medium)',
  '- Ask Dana about the logo @waiting',
  '',
].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: ranked headings, labelled checklists and tagged items are tasks, written back where the file writes them`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'ranked',
      fill: fillBank({ 'todo.md': todo, 'progress.md': progress, 'tasks.md': tasks }),
    });
    const read = async (title: string): Promise<[boolean, number]> => {
      const task = await world.task(title);
      return [task.done as boolean, task.priority as number];
    };
    expect(await read('Move the session store to Redis')).toEqual([false, 3]);
    expect(await read('Rename the staging bucket')).toEqual([true, 1]);
    expect(await read('Embed the fonts in the PDF export')).toEqual([false, 0]);
    expect(await read('Renew the domain')).toEqual([true, 0]);
    expect(await read('Write the pricing FAQ')).toEqual([false, 2]);
    expect(await read('Patch the login bug')).toEqual([false, 3]);
    expect((await world.task('Write the pricing FAQ')).due_date).toMatch(/^2025-10-01/u);
    const titles = (await world.tasks()).map((task) => task.title as string);
    expect(titles).not.toContain('🔥 High Priority');
    expect(titles).toContain('Ask Dana about the logo');

    for (const title of ['Move the session store to Redis', 'Embed the fonts in the PDF export', 'Redesign the pricing page', 'Move the blog to the new host', 'Ask Dana about the logo']) {
      await world.editTask(title, { done: true });
    }
    for (const title of ['Rename the staging bucket', 'Renew the domain']) await world.editTask(title, { done: false });
    await world.editTask('Write the pricing FAQ', { priority: 4 });
    await world.editTask('Patch the login bug', { priority: 1 });
    await syncTwice(world);

    const text = (path: string): string => readFileSync(join(world.bank, path), 'utf8');
    expect(text('todo.md')).toContain('- [x] Move the session store to Redis\n- [ ] Add retries to the webhook sender');
    expect(text('todo.md')).toContain('- [ ] Rename the staging bucket');
    expect(text('progress.md')).toContain('**Next steps:**\n[x] Embed the fonts in the PDF export\n[x] Rename the export menu');
    expect(text('progress.md')).toContain('Website:\n  ✔ Redesign the pricing page\n  ☐ Renew the domain');
    // The refining tag goes when the box is ticked; a status tag alone takes the new status's word.
    expect(text('tasks.md')).toContain('- [x] Move the blog to the new host\n');
    expect(text('tasks.md')).toContain('- Ask Dana about the logo @done\n');
    expect(text('tasks.md')).toContain('- [ ] Write the pricing FAQ @due(2025-10-01) @priority(critical)\n');
    // A priority mark the file's legend explains is replaced by the legend's mark for the new priority.
    expect(text('tasks.md')).toContain('- [ ] 🟢 Patch the login bug\n- [ ] 🟡 Fix the CSV export\n');
  });
}
