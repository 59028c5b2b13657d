/**
 * Task lists kept as data (a YAML project queue, an issue log in JSON Lines) through the CLI against the sandbox at
 * 0.24.1 and 2.5.0: migrate creates a task per item (they were "not Markdown" before), and a task closed, reopened or
 * re-prioritised in Vikunja is written back into the item's own value (its status word, or its done flag) — in the
 * file's words, every other byte kept; the next sync has nothing to do.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { openMigratedWorld } from './world.js';

const closers = closeAfterEach();

const queue = [
  '# The release queue',
  'now:',
  '  - id: REL-1',
  '    title: "Rotate the signing keys"',
  '    status: in_progress',
  '    priority: high',
  '    subtasks:',
  '      - title: Publish the public key',
  '        status: pending',
  '  - id: REL-4',
  '    title: Cut the release branch',
  '    subtasks:',
  '      - title: Tag the commit',
  '        status: pending',
  '    status: pending',
  '  - id: REL-2',
  '    title: Freeze the API',
  '    status: completed',
  '    priority: low',
  'later:',
  '  - id: REL-3',
  '    title: Translate the docs',
  "    status: 'pending'   # after the freeze",
  '',
].join('\n');

const issues = [
  '{"id":"ops-1","title":"Move the backups","status":"closed","priority":2}',
  '{"id":"ops-2","title":"Alert on failed backups","status":"open","priority":2}',
  '',
].join('\n');

const chores = '- task: Water the plants\n  done: False\n- task: Pay the rent\n  done: true\n';
const todos = '[\n  { "id": 1, "title": "Book the venue", "completed": false },\n  { "id": 2, "title": "Send the invitations", "completed": true }\n]\n';

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: a YAML queue and a JSON Lines log are migrated, and changes made in Vikunja are written into their values`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'release',
      fill: (repo) => {
        mkdirSync(join(repo, 'memory-bank'), { recursive: true });
        writeFileSync(join(repo, 'memory-bank', 'queue.yaml'), queue);
        writeFileSync(join(repo, 'memory-bank', 'issues.jsonl'), issues);
        writeFileSync(join(repo, 'memory-bank', 'chores.yaml'), chores);
        writeFileSync(join(repo, 'memory-bank', 'todos.json'), todos);
      },
    });
    const tasks = await world.tasks();
    expect(tasks.map((task) => [task.title, task.done, task.priority]).sort()).toEqual([
      ['Alert on failed backups', false, 2],
      ['Book the venue', false, 0],
      ['Move the backups', true, 2],
      ['Pay the rent', true, 0],
      ['Publish the public key', false, 0],
      ['REL-1 · Rotate the signing keys', false, 3],
      ['REL-2 · Freeze the API', true, 1],
      ['REL-3 · Translate the docs', false, 0],
      ['REL-4 · Cut the release branch', false, 0],
      ['Send the invitations', true, 0],
      ['Tag the commit', false, 0],
      ['Water the plants', false, 0],
    ]);
    await world.editTask('Publish the public key', { done: true });
    await world.editTask('REL-3 · Translate the docs', { done: true });
    await world.editTask('REL-1 · Rotate the signing keys', { priority: 4 });
    await world.editTask('Alert on failed backups', { done: true });
    // An item's own status, written after its subtasks' (whose `status:` lines come first): that one changes.
    await world.editTask('REL-4 · Cut the release branch', { done: true });
    // Done flags flip, in the case the file wrote them in.
    await world.editTask('Water the plants', { done: true });
    await world.editTask('Book the venue', { done: true });
    await world.editTask('Send the invitations', { done: false });
    const run = await world.cli(['sync', world.repo, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const lines = queue.split('\n');
    const edit = (at: number, from: string, to: string): void => {
      expect(lines[at]).toBe(from);
      lines[at] = to;
    };
    edit(5, '    priority: high', '    priority: critical');
    edit(8, '        status: pending', '        status: completed');
    edit(14, '    status: pending', '    status: completed');
    edit(22, "    status: 'pending'   # after the freeze", "    status: 'completed'   # after the freeze");
    expect(readFileSync(join(world.bank, 'queue.yaml'), 'utf8')).toBe(lines.join('\n'));
    expect(readFileSync(join(world.bank, 'issues.jsonl'), 'utf8')).toBe(issues.replace('"status":"open"', '"status":"closed"'));
    expect(readFileSync(join(world.bank, 'chores.yaml'), 'utf8')).toBe(chores.replace('done: False', 'done: True'));
    expect(readFileSync(join(world.bank, 'todos.json'), 'utf8')).toBe(todos.replace('"completed": false', '"completed": true').replace('"completed": true }\n]', '"completed": false }\n]'));
    const again = await world.cli(['sync', world.repo, '--json']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ toVikunja: [], toMemoryBank: [] });
  });
}
