/**
 * A task's own data keyed in other words (issue #13): frontmatter in French (`état:`), keys in spaced English
 * (`Current Status:`, `Due Date:`), quoted keys, a YAML list in Spanish (`título`, `estado`) and a JSON list with camelCase
 * keys (`taskName`, `isDone`, `dueDate`),
 * through the CLI against the sandbox at 0.24.1 and 2.5.0. Migrate creates one task per file or item with its
 * status, priority and due date; a task closed or re-dated in Vikunja is written back under the file's own key, in
 * its words, every other byte kept; the next sync has nothing to do.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { openMigratedWorld } from './world.js';

const closers = closeAfterEach();

const refonte = ['---', 'titre: Refonte du tableau de bord', 'état: en cours', 'priorité: haute', '---', '', 'Le tableau de bord affiche les commandes ouvertes.', ''].join('\n');
const notes = ['---', 'Task Name: Write the release notes', 'Current Status: blocked', 'Due Date: 2026-05-10', '---', '', 'Waiting on the changelog.', ''].join('\n');
const api = ['---', '"title": "Move the API to v2"', '"status": "todo"', '---', '', 'Every endpoint moves to the v2 router.', ''].join('\n');
const tareas = ['- título: Traducir la página de pago', '  estado: pendiente', '- título: Revisar los textos legales', '  estado: completado', ''].join('\n');
const todos = [
  '{',
  '  "items": [',
  '    { "id": "WEB-1", "taskName": "Add the newsletter form", "isDone": true },',
  '    { "id": "WEB-2", "taskName": "Show stock on the product page", "isDone": false, "dueDate": "2026-02-15" }',
  '  ]',
  '}',
  '',
].join('\n');

for (const version of ['0.24.1', '2.5.0']) {
  it(`Vikunja ${version}: data keyed in other words is migrated, and what changed in Vikunja is written under the file's own keys`, async () => {
    const world = await openMigratedWorld(closers, {
      version,
      repoName: 'boutique',
      fill: (repo) => {
        const tasks = join(repo, 'memory-bank', 'tasks');
        mkdirSync(tasks, { recursive: true });
        writeFileSync(join(repo, 'memory-bank', 'projectbrief.md'), '# Boutique\n\nA small web shop.\n');
        writeFileSync(join(tasks, 'refonte.md'), refonte);
        writeFileSync(join(tasks, 'release-notes.md'), notes);
        writeFileSync(join(tasks, 'api-v2.md'), api);
        writeFileSync(join(repo, 'memory-bank', 'todos.json'), todos);
        writeFileSync(join(repo, 'memory-bank', 'tareas.yaml'), tareas);
      },
    });
    const tasks = await world.tasks();
    expect(tasks.map((task) => [task.title, task.done, task.priority, String(task.due_date ?? '').slice(0, 10)]).sort()).toEqual([
      ['Move the API to v2', false, 0, '0001-01-01'],
      ['Refonte du tableau de bord', false, 3, '0001-01-01'],
      ['Revisar los textos legales', true, 0, '0001-01-01'],
      ['Traducir la página de pago', false, 0, '0001-01-01'],
      ['WEB-1 · Add the newsletter form', true, 0, '0001-01-01'],
      ['WEB-2 · Show stock on the product page', false, 0, '2026-02-15'],
      ['Write the release notes', false, 0, '2026-05-10'],
    ]);
    await world.editTask('Refonte du tableau de bord', { done: true });
    await world.editTask('Move the API to v2', { done: true });
    await world.editTask('WEB-2', { done: true });
    await world.editTask('Traducir la página de pago', { done: true });
    const release = await world.task('Write the release notes');
    await world.editTask('Write the release notes', { due_date: String(release.due_date).replace('2026-05-10', '2026-05-24') });
    const run = await world.cli(['sync', world.repo, '--json']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const read = (path: string): string => readFileSync(join(world.bank, path), 'utf8');
    // French: the vocabulary's French word for done, under `état:`.
    expect(read('tasks/refonte.md')).toBe(refonte.replace('état: en cours', 'état: terminé'));
    expect(read('tasks/api-v2.md')).toBe(api.replace('"status": "todo"', '"status": "done"'));
    expect(read('tasks/release-notes.md')).toBe(notes.replace('Due Date: 2026-05-10', 'Due Date: 2026-05-24'));
    expect(read('todos.json')).toBe(todos.replace('"isDone": false', '"isDone": true'));
    // Spanish keys of a YAML list: the file's own word for done (`completado`), under `estado:`.
    expect(read('tareas.yaml')).toBe(tareas.replace('estado: pendiente', 'estado: completado'));
    const again = await world.cli(['sync', world.repo, '--json']);
    expect(again.code, again.stdout + again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ toVikunja: [], toMemoryBank: [] });
  });
}
