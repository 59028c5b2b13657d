/**
 * A task file's status field written in other typography (issue #13): quoted (`> **Status:** Pending`), its name in
 * italics (`_Status_: In Progress`), a spaced dash for its colon (`Status — Done`), a mark before it (`✅ **Status:**
 * Complete`), inside an Obsidian callout (`> Status: Blocked`), through the CLI against the sandbox at 0.24.1 and
 * 2.5.0. Migrate reads each status (version 12 read two of them as their checklists' and lost three files); a status
 * changed in Vikunja is written over the value, every other byte kept — except beside a mark that would then say
 * otherwise, which is reported not writable.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const files: Record<string, string> = {
  'tasks/TASK301-quoted.md': '# TASK301 - Quoted header\n\n> **Status:** Pending\n> **Added:** 2026-03-01\n\nDraft the copy.\n',
  'tasks/TASK302-italic.md': '# TASK302 - Italic field name\n\n_Status_: In Progress\n*Priority*: High\n\nSketch the screen.\n',
  'tasks/TASK303-dash.md': '# TASK303 - Dash instead of a colon\n\nStatus — Done\n\nShipped with 1.2.\n',
  'tasks/TASK304-mark.md': '# TASK304 - Mark before the field\n\n✅ **Status:** Complete\n\nRelease note written.\n',
  'tasks/TASK305-callout.md': '# TASK305 - Callout\n\n> [!NOTE]\n> Status: Blocked\n> Waiting on the harbour API key.\n',
};

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: status fields in other typography are read, and written back in place`, async () => {
    const world = await openMigratedWorld(closers, { version, repoName: 'harbour', fill: fillBank(files) });
    const read = await Promise.all(
      ['TASK301 · Quoted header', 'TASK302 · Italic field name', 'TASK303 · Dash instead of a colon', 'TASK304 · Mark before the field', 'TASK305 · Callout'].map(
        async (title) => {
          const task = await world.task(title);
          return [title, task.done, task.priority];
        },
      ),
    );
    expect(read).toEqual([
      ['TASK301 · Quoted header', false, 0],
      ['TASK302 · Italic field name', false, 3],
      ['TASK303 · Dash instead of a colon', true, 0],
      ['TASK304 · Mark before the field', true, 0],
      ['TASK305 · Callout', false, 0],
    ]);
    await world.editTask('TASK301 · Quoted header', { done: true });
    await world.editTask('TASK302 · Italic field name', { done: true });
    await world.editTask('TASK303 · Dash instead of a colon', { done: false });
    await world.editTask('TASK304 · Mark before the field', { done: false });
    const report = (await syncTwice(world)) as { summary: { notWritable: number }; items: { key: string; notes: string[] }[] };
    expect(report.summary.notWritable).toBe(1);
    expect(report.items.find((item) => item.key.includes('TASK304'))?.notes.join(' ')).toContain('opens with ✅');
    const text = (name: string): string => readFileSync(join(world.bank, 'tasks', name), 'utf8');
    expect(text('TASK301-quoted.md')).toBe((files['tasks/TASK301-quoted.md'] ?? '').replace('**Status:** Pending', '**Status:** Done'));
    expect(text('TASK302-italic.md')).toBe((files['tasks/TASK302-italic.md'] ?? '').replace('_Status_: In Progress', '_Status_: Done'));
    expect(text('TASK303-dash.md')).toMatch(/^# TASK303 - Dash instead of a colon\n\nStatus — (?:Pending|To do|Todo|Not started)\n\nShipped with 1\.2\.\n$/u);
    expect(text('TASK304-mark.md')).toBe(files['tasks/TASK304-mark.md']);
  });
}
