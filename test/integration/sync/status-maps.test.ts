/**
 * Status maps kept as data (BMAD's `sprint-status.yaml`, a hand-kept `status.json`) through the CLI against the
 * sandbox at 0.24.1 and 2.5.0: migrate creates a task per entry, folding an entry into the story file named after it
 * (one task, not two), and a task closed or reopened in Vikunja is written into the entry's own value — in the map's
 * words, every other byte kept; the next sync has nothing to do.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { openMigratedWorld } from './world.js';

const closers = closeAfterEach();

const sprint = [
  '# tracking_system: file-system',
  'project: Lantern',
  'development_status:',
  '  epic-1: in-progress',
  '  1-1-pick-a-palette: done',
  '  1-2-night-mode: review   # waits on the icon set',
  '  "1-3-export-themes": backlog',
  '  epic-1-retrospective: optional',
  '',
].join('\n');

const story = '# Story 1.2: Night Mode\n\nStatus: review\n\n## Tasks / Subtasks\n\n- [x] Dark colours (AC: 1)\n';

const statuses = '{\n  "statuses": {\n    "OPS-7": "in progress",\n    "OPS-8": "done"\n  }\n}\n';

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: a sprint status map and a JSON status map are migrated, and statuses changed in Vikunja are written into their values`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'lantern',
      fill: (repo) => {
        const sprintFolder = join(repo, '_bmad-output', 'implementation-artifacts');
        mkdirSync(sprintFolder, { recursive: true });
        writeFileSync(join(sprintFolder, 'sprint-status.yaml'), sprint);
        writeFileSync(join(sprintFolder, '1-2-night-mode.md'), story);
      },
    });
    const tasks = await world.tasks();
    expect(tasks.map((task) => [task.title, task.done]).sort()).toEqual([
      ['1-1-pick-a-palette · Pick a palette', true],
      ['1-3-export-themes · Export themes', false],
      ['Dark colours', true],
      ['Story 1.2 · Night Mode', false],
      ['epic-1', false],
      ['epic-1-retrospective · Epic 1 retrospective', false],
    ]);
    await world.editTask('1-3-export-themes', { done: true });
    await world.editTask('1-1-pick-a-palette', { done: false });
    const run = await world.cli(['sync', world.repo, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const path = join(world.repo, '_bmad-output', 'implementation-artifacts', 'sprint-status.yaml');
    // Reopened: the map's own word for todo (`backlog`); closed: its word for done; the quotes kept.
    expect(readFileSync(path, 'utf8')).toBe(sprint.replace('1-1-pick-a-palette: done', '1-1-pick-a-palette: backlog').replace('"1-3-export-themes": backlog', '"1-3-export-themes": done'));
    const again = await world.cli(['sync', world.repo, '--json']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ toVikunja: [], toMemoryBank: [] });
  });

  it(`Vikunja ${version}: a JSON status map's value is rewritten in place`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'ops',
      fill: (repo) => {
        mkdirSync(join(repo, 'memory-bank'), { recursive: true });
        writeFileSync(join(repo, 'memory-bank', 'status.json'), statuses);
      },
    });
    expect((await world.tasks()).map((task) => [task.title, task.done]).sort()).toEqual([
      ['OPS-7', false],
      ['OPS-8', true],
    ]);
    await world.editTask('OPS-7', { done: true });
    const run = await world.cli(['sync', world.repo, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(readFileSync(join(world.bank, 'status.json'), 'utf8')).toBe(statuses.replace('"OPS-7": "in progress"', '"OPS-7": "done"'));
    const again = await world.cli(['sync', world.repo, '--json']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ toVikunja: [], toMemoryBank: [] });
  });
}
