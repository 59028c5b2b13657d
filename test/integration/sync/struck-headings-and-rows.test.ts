/**
 * Headings and table rows struck through whole (`### ~~Shared albums~~` in a run of headings carrying their status,
 * `| B-2 | ~~Print the album as a book~~ | Pending |`): migrated as crossed-off tasks (done, or cancelled when they say
 * the work is still open), beside the run's other headings and the table's other rows; closing a task in Vikunja is
 * written where the file writes its status, reopening a crossed-off one is refused (write-back does not remove `~~`),
 * and a sync after has nothing to do. Through the CLI against the sandbox at 0.24.1 and 2.5.0. Before parser version 27
 * a struck heading broke its run (every heading of it was lost, or the struck one alone), a progress file with a task
 * table read no heading of the run at all, and a struck row kept the status its cell wrote.
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
  '## Feature status',
  '',
  '### ✅ Sign-in',
  '### ~~Shared albums~~',
  '### 🚧 Photo import',
  '### ~~⬜ Public profiles~~',
  '### ⏳ Share links',
  '',
  '## Backlog',
  '',
  '| ID | Task | Status |',
  '|----|------|--------|',
  '| B-1 | Export the album as a zip | Pending |',
  '| B-2 | ~~Print the album as a book~~ | Pending |',
  '',
].join('\n');

const tasks = ['# Tasks', '', '## Release 2.0', '', '### Offline cache ✅', '', '### ~~Desktop widget~~', '', '### Push notifications 🚧', ''].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: struck headings and rows are crossed-off tasks; reopening one is refused`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'struck',
      fill: fillBank({ 'progress.md': progress, 'tasks.md': tasks }),
    });
    const done = async (title: string): Promise<boolean> => (await world.task(title)).done as boolean;
    // Cancelled is a label beside an open task (Vikunja has no such state).
    const cancelled = async (title: string): Promise<boolean> => ((await world.task(title)).labels ?? []).some((label: { title: string }) => label.title === 'cancelled');
    expect(await done('Sign-in')).toBe(true);
    expect(await done('Shared albums')).toBe(true);
    expect(await done('Photo import')).toBe(false);
    expect([await done('Public profiles'), await cancelled('Public profiles')]).toEqual([false, true]);
    expect(await done('Share links')).toBe(false);
    expect(await done('Export the album as a zip')).toBe(false);
    expect([await done('Print the album as a book'), await cancelled('Print the album as a book')]).toEqual([false, true]);
    expect(await cancelled('Export the album as a zip')).toBe(false);
    expect(await done('Desktop widget')).toBe(true);
    expect(await done('Push notifications')).toBe(false);

    await world.editTask('Share links', { done: true });
    await world.editTask('Export the album as a zip', { done: true });
    await world.editTask('Shared albums', { done: false });
    await world.editTask('Desktop widget', { done: false });
    const run = await syncTwice(world);

    const text = (path: string): string => readFileSync(join(world.bank, path), 'utf8');
    expect(text('progress.md')).toContain('### ~~Shared albums~~\n### 🚧 Photo import\n### ~~⬜ Public profiles~~\n### ✅ Share links\n');
    expect(text('progress.md')).toContain('| B-1 | Export the album as a zip | Done |\n| B-2 | ~~Print the album as a book~~ | Pending |\n');
    expect(text('tasks.md')).toContain('### ~~Desktop widget~~\n');
    const notes = (run.items as Array<{ key: string; notes: string[] }>).filter((item) => item.notes.some((note) => note.includes('struck through')));
    expect(notes.map((item) => item.key.split('#')[1]).sort()).toEqual(['feature-status/shared-albums', 'release-2-0/desktop-widget']);
  });
}
