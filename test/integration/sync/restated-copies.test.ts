/**
 * An item written twice in one file, a copy further along holding its status (issue #13): a checklist pasted again
 * with the copy above still ticked, a log whose dated entries carry an item forward. The parser reads one task, done
 * (an open copy does not undo work a ticked one states); reopened in Vikunja, clearing the last copy's box would change
 * nothing it reads. Through the CLI against the sandbox at 0.24.1 and 2.5.0: such a task is reported not writable,
 * naming the copy to clear, every byte of the file kept — not counted as pulled with the two sides left apart — while
 * the file's other items are written as usual.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const tasks = [
  '# Tasks',
  '',
  '## Sprint 4',
  '',
  '- [x] Rotate the signing keys',
  '- [ ] Draft the release notes',
  '',
  '## Sprint 4',
  '',
  '- [ ] Rotate the signing keys',
  '- [ ] Draft the release notes',
  '',
].join('\n');

const progress = [
  '# Progress',
  '',
  '## 2026-03-09 — Importer',
  '',
  '### Next steps',
  '- [ ] Write the importer tests',
  '- [ ] Map the label colours',
  '',
  '## 2026-03-10 — Tests',
  '',
  '### Next steps',
  '- [x] Write the importer tests',
  '- [ ] Map the label colours',
  '',
  '## 2026-03-11 — Wrap-up',
  '',
  '### Next steps',
  '- [ ] Write the importer tests',
  '- [ ] Map the label colours',
  '',
].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: reopening a task a ticked copy states done is reported, naming the copy, and nothing else is lost`, async () => {
    const world = await openMigratedWorld(closers, { version, repoName: 'harbour', fill: fillBank({ 'tasks.md': tasks, 'progress.md': progress }) });
    const read = (await world.tasks()).map((task) => [task.title, task.done]).sort();
    expect(read).toEqual([
      ['Draft the release notes', false],
      ['Map the label colours', false],
      ['Rotate the signing keys', true],
      ['Write the importer tests', true],
    ]);
    await world.editTask('Rotate the signing keys', { done: false });
    await world.editTask('Write the importer tests', { done: false });
    await world.editTask('Map the label colours', { done: true });
    const report = (await syncTwice(world)) as { summary: { notWritable: number }; items: { key: string; notes: string[] }[] };
    expect(report.summary.notWritable).toBe(2);
    const notes = (slug: string): string => report.items.find((item) => item.key.endsWith(slug))?.notes.join(' ') ?? '';
    expect(notes('/rotate-the-signing-keys')).toContain('written again in this file (line 5, "[x]")');
    expect(notes('/write-the-importer-tests')).toContain('written again in this file (line 12, "[x]")');
    expect(readFileSync(join(world.bank, 'tasks.md'), 'utf8')).toBe(tasks);
    // The other item of the log is written: its last copy ticked.
    expect(readFileSync(join(world.bank, 'progress.md'), 'utf8')).toBe(progress.replace(/- \[ \] Map the label colours\n$/u, '- [x] Map the label colours\n'));
    // Vikunja keeps the reopened tasks open: the sync pushed nothing back over them.
    expect((await world.task('Rotate the signing keys')).done).toBe(false);
    expect((await world.task('Write the importer tests')).done).toBe(false);
  });
}
