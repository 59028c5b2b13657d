/**
 * A plan whose headings close with their status (issue #13): `### Step 2.2: Tide chart 🚧`, `### Step 2.3: Offline
 * mode ⏳` in an `implementation-plan.md`, which is no task location, through the CLI against the sandbox at 0.24.1
 * and 2.5.0. Migrate creates one task per heading (version 11 read the file as context: no task); a step closed in
 * Vikunja is written back as the heading's mark, every other byte kept; the next sync has nothing to do.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { fillBank, openMigratedWorld, syncTwice } from './world.js';

const closers = closeAfterEach();

const plan = ['# Implementation Plan', '', '## Phase 2: App 🚧', '', '### Step 2.1: Harbour picker ✅', '', '### Step 2.2: Tide chart 🚧', 'Day and week views.', '', '### Step 2.3: Offline mode ⏳', ''].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: a plan's status-closed headings are tasks, and a step closed in Vikunja gets its done mark`, async () => {
    const world = await openMigratedWorld(closers, { version, repoName: 'harbour', fill: fillBank({ 'implementation-plan.md': plan }) });
    const tasks = await world.tasks();
    expect(tasks.map((task) => [task.title, task.done]).sort()).toEqual([
      ['Phase 2: App', false],
      ['Step 2.1: Harbour picker', true],
      ['Step 2.2: Tide chart', false],
      ['Step 2.3: Offline mode', false],
    ]);
    await world.editTask('Step 2.3: Offline mode', { done: true });
    await syncTwice(world);
    expect(readFileSync(join(world.bank, 'implementation-plan.md'), 'utf8')).toBe(plan.replace('Offline mode ⏳', 'Offline mode ✅'));
  });
}
