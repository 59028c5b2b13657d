/**
 * A bank file saved as UTF-16 with its byte-order mark (what Windows PowerShell 5's `Out-File` and `>` write), through
 * the CLI against the sandbox at 0.24.1 and 2.5.0: migrate reads its tasks (it was "binary data" before), and a task
 * ticked in Vikunja is written back into the file, which stays UTF-16 in the same byte order, every other byte kept.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { openMigratedWorld } from './world.js';

const closers = closeAfterEach();

/** The bytes PowerShell writes: a byte-order mark, then UTF-16 code units in that order. */
function utf16(value: string, encoding: 'utf-16le' | 'utf-16be'): Uint8Array {
  const body = Buffer.from(value, 'utf16le');
  if (encoding === 'utf-16be') body.swap16();
  return Uint8Array.from([...(encoding === 'utf-16le' ? [0xff, 0xfe] : [0xfe, 0xff]), ...body]);
}

const text = '# Tâches\r\n\r\n- [ ] Traduire l’écran 🚀\r\n- [x] Écrire le guide\r\n';

for (const version of ['0.24.1', '2.5.0']) {
  for (const encoding of ['utf-16le', 'utf-16be'] as const) {
    it(`Vikunja ${version}: a ${encoding} task list is migrated, and a task ticked in Vikunja is written back in ${encoding}`, async () => {
      const world = await openMigratedWorld(closers, {
        version,
        repoName: 'windows-app',
        fill: (repo) => {
          mkdirSync(join(repo, 'memory-bank'), { recursive: true });
          writeFileSync(join(repo, 'memory-bank', 'tasks.md'), utf16(text, encoding));
        },
      });
      const tasks = await world.tasks();
      expect(tasks.map((task) => [task.title, task.done]).sort()).toEqual([
        ['Traduire l’écran 🚀', false],
        ['Écrire le guide', true],
      ]);
      await world.editTask('Traduire l’écran 🚀', { done: true });
      const run = await world.cli(['sync', world.repo, '--json']);
      expect(run.code, run.stdout + run.stderr).toBe(0);
      const bytes = readFileSync(join(world.bank, 'tasks.md'));
      expect(Uint8Array.from(bytes)).toEqual(utf16(text.replace('- [ ] Traduire', '- [x] Traduire'), encoding));
      const again = await world.cli(['sync', world.repo, '--json']);
      expect(again.code, again.stdout + again.stderr).toBe(0);
      expect(JSON.parse(again.stdout)).toMatchObject({ toVikunja: [], toMemoryBank: [] });
    });
  }
}

describe('a UTF-16 byte-order mark over bytes that are not UTF-16', () => {
  it('is reported as not UTF-16, with the file and a fix, and the other files are still read', async () => {
    const world = await openMigratedWorld(closers, {
      version: '2.5.0',
      repoName: 'windows-app',
      fill: (repo) => {
        mkdirSync(join(repo, 'memory-bank'), { recursive: true });
        writeFileSync(join(repo, 'memory-bank', 'tasks.md'), '# Tasks\n\n- [ ] Ship it\n');
        writeFileSync(join(repo, 'memory-bank', 'progress.md'), Uint8Array.from([0xff, 0xfe, 0x23, 0x00, 0x20]));
      },
    });
    const run = await world.cli(['validate', world.repo, '--json']);
    const problems = (JSON.parse(run.stdout) as { problems: Array<{ code: string; file: string; fix: string }> }).problems;
    expect(problems).toEqual([expect.objectContaining({ code: 'not-utf16', file: 'memory-bank/progress.md', fix: expect.stringContaining('UTF-8') })]);
    expect((await world.tasks()).map((task) => task.title)).toEqual(['Ship it']);
  });
});
