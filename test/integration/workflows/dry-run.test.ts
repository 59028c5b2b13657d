/**
 * `migrate --dry-run` and `plan` write nothing — to Vikunja, to the state store, or to disk — even when the plan
 * is full of pending writes of every kind.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { openStore } from '../../../src/store/index.js';
import { runCli } from '../../helpers/cli.js';
import { changeDemoBank, setupWorkflow, writeRequests } from './fixtures.js';

const closers = closeAfterEach();

type PlanOutput = { plan: { ops: Array<{ kind: string; changes?: Array<{ field: string; after: unknown }> }> } };

function readStoreState(state: string): { digest: string; runs: number; journalHead: unknown } {
  const store = openStore(state);
  try {
    return { digest: store.mappings.digest(), runs: store.runs.list().length, journalHead: store.journal.head() };
  } finally {
    store.close();
  }
}

describe('dry runs with pending writes of every kind', () => {
  it('migrate --dry-run and plan send no write and leave the store unchanged', async () => {
    const { sandbox, env, dir, bank, state } = await setupWorkflow(closers);
    const migrated = await runCli(['migrate', bank, '--json'], { env, cwd: dir });
    expect(migrated.code, migrated.stderr + migrated.stdout).toBe(0);
    changeDemoBank(bank);
    const before = readStoreState(state);
    const dump = JSON.stringify(sandbox.dump());
    sandbox.clearRequestLog();

    const dry = await runCli(['migrate', bank, '--dry-run', '--detailed-exitcode', '--json'], { env, cwd: dir });
    expect(dry.code, dry.stderr).toBe(2);
    const ops = (JSON.parse(dry.stdout) as PlanOutput).plan.ops;
    for (const kind of ['create', 'update', 'move', 'labels', 'comment']) expect(ops.map((op) => op.kind)).toContain(kind);
    expect(ops.some((op) => (op.changes ?? []).some((change) => change.field === 'done' && change.after === true))).toBe(true);
    const planned = await runCli(['plan', bank, '--out', join(dir, 'plan.json'), '--detailed-exitcode'], { env, cwd: dir });
    expect(planned.code, planned.stderr).toBe(2);

    expect(sandbox.requestLog().length).toBeGreaterThan(0);
    expect(writeRequests(sandbox)).toEqual([]);
    expect(JSON.stringify(sandbox.dump())).toBe(dump);
    expect(readStoreState(state)).toEqual(before);
  });

  it('a first dry run (nothing in Vikunja yet) writes nothing and creates no state store file', async () => {
    const { sandbox, dir, bank, env } = await setupWorkflow(closers);
    const { MEMBANK_STATE: _unused, ...withoutState } = env;
    sandbox.clearRequestLog();
    const dry = await runCli(['migrate', bank, '--dry-run', '--detailed-exitcode'], { env: withoutState, cwd: dir });
    expect(dry.code, dry.stderr).toBe(2);
    expect(dry.stdout).toContain('to create');
    const planned = await runCli(['plan', bank], { env: withoutState, cwd: dir });
    expect(planned.code, planned.stderr).toBe(0);
    expect(writeRequests(sandbox)).toEqual([]);
    expect(existsSync(join(dir, 'snapshots'))).toBe(false);
  });
});
