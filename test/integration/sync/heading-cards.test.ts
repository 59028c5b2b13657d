/**
 * Cards on a board kept in Markdown (issue #13): a heading in a status lane whose bullets are its fields (`- due:`,
 * `- Owner:`, `- **Priority:**`, `- steps:` over a checklist), through the CLI against the sandbox at 0.24.1 and
 * 2.5.0. Migrate creates one task per card with its fields, and none for its field bullets; a card re-dated or a step
 * ticked in Vikunja is written back into its own line, every other byte kept; a card closed in Vikunja stays closed
 * there and the report says why it was not written (its status is its lane); the next sync has nothing to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const board = [
  '# Garden board',
  '',
  '## Todo',
  '',
  '### Frost warning banner',
  '',
  '  - due: 2026-04-02',
  '  - tags: [alerts, ui]',
  '  - priority: high',
  '',
  '## In Progress',
  '',
  '### Compost calculator',
  '- Owner: Priya',
  '- Due: 2026-03-28',
  '',
  '### Watering reminders',
  '  - steps:',
  '      - [x] Store each bed\'s last watering',
  '      - [ ] Send the push notification',
  '',
  '## Done',
  '',
  '### Photo upload',
  '- **Owner:** Leo',
  '',
].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: a board's cards are tasks with their fields, and what changed in Vikunja is written into the card`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'garden',
      fill: fillBank({ 'kanban.md': board }),
    });
    const tasks = await world.tasks();
    expect(tasks.map((task) => [task.title, task.done, task.priority, String(task.due_date ?? '').slice(0, 10)]).sort()).toEqual([
      ['Compost calculator', false, 0, '2026-03-28'],
      ['Frost warning banner', false, 3, '2026-04-02'],
      ['Photo upload', true, 0, '0001-01-01'],
      ['Send the push notification', false, 0, '0001-01-01'],
      ["Store each bed's last watering", true, 0, '0001-01-01'],
      ['Watering reminders', false, 0, '0001-01-01'],
    ]);
    await world.editTask('Send the push notification', { done: true });
    // A card's status is its lane: closing it in Vikunja is kept there, and said so (write-back does not move sections).
    await world.editTask('Compost calculator', { done: true });
    const frost = await world.task('Frost warning banner');
    await world.editTask('Frost warning banner', { due_date: String(frost.due_date).replace('2026-04-02', '2026-04-09') });
    const compost = await world.task('Compost calculator');
    await world.editTask('Compost calculator', { due_date: String(compost.due_date).replace('2026-03-28', '2026-03-30') });
    const report = (await syncTwice(world)) as { summary: { pulled: number; notWritable: number }; items: { key: string; notes: string[] }[] };
    expect(report.summary.notWritable).toBe(1);
    // Pulled: the fields written into the card (a done flag and its bucket, two due dates), not the lane's (not writable).
    expect(report.summary.pulled).toBe(4);
    expect(report.items.find((item) => item.key.endsWith('#compost-calculator'))?.notes.join(' ')).toContain('comes from the section heading');
    const text = readFileSync(join(world.bank, 'kanban.md'), 'utf8');
    expect(text).toBe(
      board
        .replace('- [ ] Send the push notification', '- [x] Send the push notification')
        .replace('due: 2026-04-02', 'due: 2026-04-09')
        .replace('Due: 2026-03-28', 'Due: 2026-03-30'),
    );
  });
}
