/**
 * A pull that changes another item's text: a task file's plan lists its subtasks (`- [ ] Write the importer`), and
 * the file's body is the parent task's description in Vikunja. A subtask closed in Vikunja is ticked in the file, so
 * the parent's description changes with it: the same sync pushes it (and records it as the base), and the next sync
 * has nothing to do. Before, the next sync pushed the parent's description (one write after every pull). Through the
 * CLI against the sandbox at 0.24.1 and 2.5.0, for a checklist plan and a subtask table.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const checklistTask = [
  '# TASK004 - Import the legacy data',
  '',
  '**Status:** In Progress',
  '',
  '## Plan',
  '',
  '- [x] Read the old schema',
  '- [ ] Write the importer',
  '- [ ] Check the counts',
  '',
].join('\n');

const tableTask = [
  '# TASK005 - Tidy the exports',
  '',
  '**Status:** In Progress',
  '',
  '## Subtasks',
  '',
  '| ID | Description | Status | Updated | Notes |',
  '|----|-------------|--------|---------|-------|',
  '| 5.1 | Rename the columns | Complete | 2025-03-01 | |',
  '| 5.2 | Drop the empty rows | Not Started | 2025-03-01 | |',
  '',
].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: a subtask closed in Vikunja is ticked, and its parent's description follows in the same sync`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'legacy',
      fill: fillBank({ 'tasks/TASK004-import-the-legacy-data.md': checklistTask, 'tasks/TASK005-tidy-the-exports.md': tableTask }),
    });
    await world.editTask('Write the importer', { done: true });
    await world.editTask('Drop the empty rows', { done: true });
    const report = await syncTwice(world);
    const bank = (path: string): string => readFileSync(join(world.bank, path), 'utf8');
    expect(bank('tasks/TASK004-import-the-legacy-data.md')).toBe(checklistTask.replace('- [ ] Write the importer', '- [x] Write the importer'));
    expect(bank('tasks/TASK005-tidy-the-exports.md')).toMatch(/\| 5\.2 \| Drop the empty rows \| Complete(d)? \|/u);
    // The parents' descriptions in Vikunja hold the ticked plan: pushed by the first sync.
    expect((await world.task('Import the legacy data')).description).toContain('Write the importer');
    expect((await world.task('Import the legacy data')).description).toMatch(/\[x\]|checked|☑|✅/u);
    expect(JSON.stringify(report.toVikunja)).toContain('description');
  });
}
