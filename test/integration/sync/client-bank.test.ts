/**
 * The client's bank (read from ../shared, copied to a temp folder because sync writes Markdown) against the sandbox at
 * 0.24.1, the client's version: migrate; tick 5 items in Vikunja and 5 in the Markdown; one sync makes exactly those
 * 10 changes; both sides then agree; a second sync writes nothing on either side.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { clientBank, hasClientBank } from '../../helpers/corpus.js';
import { findProject, listProjectTasks, openClientBankCopy, type ParsedRecord, takeWrites } from './sandbox-api.js';

if (!hasClientBank) console.warn(`corpus not found at ${clientBank}: the client-bank sync test is skipped`);

const closers = closeAfterEach();

describe('membank sync on the client bank (Vikunja 0.24.1)', () => {
  it.skipIf(!hasClientBank)('makes exactly the 10 changes made on the two sides, then nothing', async () => {
    const { sandbox, repo, cli, api, records } = await openClientBankCopy(closers, { version: '0.24.1', prefix: 'membank-sync-client-' });

    const migrated = await cli(['migrate', repo, '--quiet']);
    expect(migrated.code, migrated.stderr).toBe(0);
    // The bank is mostly task tables: a person ticks a row by writing the done word into its status cell. The 5 bank
    // ticks are `⏳ Pending` rows; the 5 Vikunja ticks are open rows of other files (each side's edits its own).
    const open = (await records()).filter((record) => record.status.canonical === 'todo' && record.status.from === 'table-cell');
    const inBank = open.filter((record) => record.status.raw === '⏳ Pending').slice(0, 5);
    const bankFiles = new Set(inBank.map((record) => record.source.path));
    const inVikunja = open.filter((record) => !bankFiles.has(record.source.path)).slice(0, 5);
    expect(inBank).toHaveLength(5);
    expect(inVikunja).toHaveLength(5);

    for (const record of inBank) {
      const file = join(repo, record.source.path);
      const lines = readFileSync(file, 'utf8').split('\n');
      const line = lines[record.source.line - 1] ?? '';
      expect(line, `${record.source.path}:${record.source.line}`).toContain('| ⏳ Pending |');
      lines[record.source.line - 1] = line.replace('| ⏳ Pending |', '| ✅ Done |');
      writeFileSync(file, lines.join('\n'));
    }
    const tasks = await listProjectTasks(api, (await findProject(api, 'xoe-novai-foundation')).id);
    const taskOf = (record: ParsedRecord): any => {
      const found = tasks.find((task) => String(task.description).includes(`source: ${record.source.path}#`) && task.title === record.title);
      expect(found, record.key).toBeDefined();
      return found;
    };
    for (const record of inVikunja) {
      const task = await api('GET', `/tasks/${taskOf(record).id}`);
      await api('POST', `/tasks/${task.id}`, { ...task, done: true });
    }

    takeWrites(sandbox);
    const synced = await cli(['sync', repo, '--json']);
    expect(synced.code, synced.stderr).toBe(0);
    const result = JSON.parse(synced.stdout) as {
      toVikunja: Array<{ kind: string; key: string }>;
      toMemoryBank: Array<{ kind: string; edits: Array<{ key: string }> }>;
      conflicts: unknown[];
    };
    expect(result.conflicts).toEqual([]);
    expect(result.toVikunja.map((op) => `${op.kind} ${op.key}`).sort()).toEqual(inBank.map((record) => `close ${record.key}`).sort());
    expect(result.toMemoryBank.every((op) => op.kind === 'file-edit')).toBe(true);
    expect(result.toMemoryBank.flatMap((op) => op.edits.map((edit) => edit.key)).sort()).toEqual(inVikunja.map((record) => record.key).sort());

    // Both sides agree: the bank reads the 10 items as done, Vikunja holds the 10 tasks done.
    const after = await records();
    for (const record of [...inBank, ...inVikunja]) {
      expect(after.find((candidate) => candidate.key === record.key)?.status.canonical, record.key).toBe('done');
      expect((await api('GET', `/tasks/${taskOf(record).id}`)).done, record.key).toBe(true);
    }

    takeWrites(sandbox);
    const again = await cli(['sync', repo, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as { toVikunja: unknown[]; toMemoryBank: unknown[] };
    expect(second.toVikunja).toEqual([]);
    expect(second.toMemoryBank).toEqual([]);
    expect(takeWrites(sandbox)).toEqual([]);
  });
});
