/**
 * Relink (issue #8): with the state store deleted (a new machine, a lost laptop), `sync` rebuilds the mappings and
 * base copies from the markers in Vikunja before planning — on the client's bank (read from ../shared, copied to a
 * temp folder): zero duplicate tasks, zero conflicts, exit 0, and a field changed in Vikunja while the store was
 * gone is pulled, not reported as a conflict. At 0.24.1 (the client's version) and 2.5.0.
 */
import { rmSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { clientBank, hasClientBank } from '../../helpers/corpus.js';
import { findProject, listProjectTasks, openClientBankCopy, takeWrites } from './sandbox-api.js';

if (!hasClientBank) console.warn(`corpus not found at ${clientBank}: the relink test is skipped`);

const closers = closeAfterEach();

interface SyncJson {
  toVikunja: Array<{ kind: string; key: string }>;
  toMemoryBank: Array<{ kind: string; edits: Array<{ key: string }> }>;
  conflicts: unknown[];
  summary: { relinked: number };
}

describe.each(['0.24.1', '2.5.0'])('sync after the state store is lost (Vikunja %s)', (version) => {
  it.skipIf(!hasClientBank)('relinks every task by its marker: no duplicate, no conflict, a Vikunja edit is pulled', async () => {
    const { sandbox, repo, state, cli, api, records } = await openClientBankCopy(closers, { version, prefix: 'membank-relink-', env: { MEMBANK_LOG_LEVEL: 'silent' } });
    const listTasks = async (): Promise<any[]> => listProjectTasks(api, (await findProject(api, 'xoe-novai-foundation')).id);
    const markerOf = (task: any): string => /membank:(mb-[0-9a-f]+)/.exec(String(task.description))?.[1] ?? `untagged #${task.id}`;

    const first = await cli(['sync', repo, '--quiet']);
    expect(first.code, first.stderr).toBe(0);
    const before = await listTasks();
    expect(before.length).toBeGreaterThan(100);
    const markers = before.map(markerOf);
    expect(new Set(markers).size).toBe(markers.length);

    // The store is lost; meanwhile a person ticks one open task in Vikunja.
    rmSync(state, { force: true });
    rmSync(`${state}-wal`, { force: true });
    rmSync(`${state}-shm`, { force: true });
    const open = (await records()).find((record) => record.status.canonical === 'todo' && record.status.from === 'table-cell');
    expect(open).toBeDefined();
    const ticked = before.find((task) => String(task.description).includes(`source: ${open?.source.path}#`) && task.title === open?.title);
    expect(ticked, open?.key).toBeDefined();
    const full = await api('GET', `/tasks/${ticked.id}`);
    await api('POST', `/tasks/${ticked.id}`, { ...full, done: true });

    const relinked = await cli(['sync', repo, '--json']);
    expect(relinked.code, relinked.stderr).toBe(0);
    const result = JSON.parse(relinked.stdout) as SyncJson;
    expect(result.conflicts).toEqual([]);
    expect(result.summary.relinked).toBe(before.length);
    // Nothing is created: every item found its task by marker. The tick is pulled into the bank, not undone.
    expect(result.toVikunja.filter((op) => op.kind === 'create')).toEqual([]);
    expect(result.toVikunja.filter((op) => op.key === open?.key)).toEqual([]);
    expect(result.toMemoryBank.flatMap((op) => op.edits.map((edit) => edit.key))).toEqual([open?.key]);
    const after = await listTasks();
    expect(after.length).toBe(before.length);
    expect(new Set(after.map(markerOf)).size).toBe(after.length);
    const reparsed = await records();
    expect(reparsed.find((record) => record.key === open?.key)?.status.canonical).toBe('done');

    // The base copies are rebuilt: the next sync has nothing to do on either side.
    takeWrites(sandbox);
    const again = await cli(['sync', repo, '--json']);
    expect(again.code, again.stderr).toBe(0);
    const second = JSON.parse(again.stdout) as SyncJson;
    expect(second.conflicts).toEqual([]);
    expect(second.toVikunja).toEqual([]);
    expect(second.toMemoryBank).toEqual([]);
    expect(takeWrites(sandbox)).toEqual([]);

    // migrate relinks as well: with the store lost again it adopts every task by its marker and creates none.
    rmSync(state, { force: true });
    rmSync(`${state}-wal`, { force: true });
    rmSync(`${state}-shm`, { force: true });
    sandbox.clearRequestLog();
    const migrated = await cli(['migrate', repo, '--quiet']);
    expect(migrated.code, migrated.stderr).toBe(0);
    expect(takeWrites(sandbox).filter((entry) => /^\/api\/v[12]\/projects\/\d+\/tasks(\/bulk)?$/.test(entry.path))).toEqual([]);
    const final = await listTasks();
    expect(final.length).toBe(before.length);
    // …and the base copies migrate recorded make the next sync an ordinary one: nothing to write, no conflict.
    const afterMigrate = await cli(['sync', repo, '--json']);
    expect(afterMigrate.code, afterMigrate.stderr).toBe(0);
    const third = JSON.parse(afterMigrate.stdout) as SyncJson;
    expect(third.conflicts).toEqual([]);
    expect(third.toVikunja).toEqual([]);
    expect(third.toMemoryBank).toEqual([]);
  }, 300_000);
});
