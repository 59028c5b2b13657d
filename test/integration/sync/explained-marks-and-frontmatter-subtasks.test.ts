/**
 * Items whose status is an indicator mark the file explains (`- 🟡 Move the cron jobs` beside a legend, `- Retire the
 * pager 🔴`, `- [ ] 🟡 Write the runbook`) and subtasks listed in a task document's frontmatter (`subtasks:` over `- title: … status: …`): migrated
 * as tasks, and a task closed or reopened in Vikunja is written back as the file writes it — the file's mark for the
 * status, the entry's own `status:` line — after which a sync has nothing to do. Through the CLI against the sandbox at
 * 0.24.1 and 2.5.0. Before parser version 25 the marked items and the frontmatter subtasks were no tasks at all.
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
  'Key: 🔴 not started · 🟡 in progress · 🟢 done',
  '',
  '## Release 2.0',
  '',
  '- 🟢 Rotate the API keys',
  '- 🟡 Move the cron jobs',
  '- 🔴 Renew the TLS certificate',
  '',
  '## Release 2.1',
  '',
  '- Retire the old pager 🔴',
  '- Archive the dashboards 🟡',
  '',
  '## Checks',
  '',
  '- [ ] 🟡 Write the runbook',
  '- [ ] Test the restore',
  '',
].join('\n');

const exporter = [
  '---',
  'title: Build the exporter',
  'status: in-progress',
  'subtasks:',
  '  - id: 14.1',
  '    title: Write the CSV writer',
  '    status: done',
  '  - id: 14.2',
  '    title: Write the JSON writer',
  '    status: todo',
  '---',
  '',
  'The exporter writes every board to CSV and JSON.',
  '',
].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: marked items and frontmatter subtasks are tasks, and their statuses are written back as the file writes them`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'marks',
      fill: fillBank({ 'progress.md': progress, 'tasks/TASK-014-exporter.md': exporter }),
    });
    const done = async (title: string): Promise<boolean> => (await world.task(title)).done as boolean;
    expect([await done('Rotate the API keys'), await done('Renew the TLS certificate'), await done('Retire the old pager')]).toEqual([true, false, false]);
    expect([await done('Write the CSV writer'), await done('Write the JSON writer')]).toEqual([true, false]);
    const parent = (await world.task('Write the JSON writer')).related_tasks?.parenttask as Array<{ title: string }> | undefined;
    expect(parent?.map((task) => task.title)).toEqual(['Build the exporter']);

    for (const title of ['Move the cron jobs', 'Retire the old pager', 'Write the JSON writer', 'Write the runbook']) await world.editTask(title, { done: true });
    for (const title of ['Rotate the API keys', 'Write the CSV writer']) await world.editTask(title, { done: false });
    await syncTwice(world);

    const progressText = readFileSync(join(world.bank, 'progress.md'), 'utf8');
    expect(progressText).toContain('- 🟢 Move the cron jobs');
    expect(progressText).toContain('- 🔴 Rotate the API keys');
    expect(progressText).toContain('- Retire the old pager 🟢');
    // A mark refining an open box goes when the box is ticked: the box says done alone.
    expect(progressText).toContain('- [x] Write the runbook\n- [ ] Test the restore');
    const exporterText = readFileSync(join(world.bank, 'tasks/TASK-014-exporter.md'), 'utf8');
    expect(exporterText).toContain(['  - id: 14.1', '    title: Write the CSV writer', '    status: todo', '  - id: 14.2', '    title: Write the JSON writer', '    status: done'].join('\n'));
    // The document's own keys are left as they were.
    expect(exporterText).toContain('title: Build the exporter\nstatus: in-progress\n');
  });
}
