/**
 * `membank restore <dir>` when the state store is gone too (or `--from-vikunja`): Markdown regenerated from the
 * tasks in Vikunja, under the files' original paths, that membank's own parser reads back to the same records —
 * keys, statuses, priorities, due dates — through the CLI against the real sandbox.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { hasClientBank } from '../../helpers/corpus.js';
import { parseRecords, type RestoreSetup, runOk, setupRestore } from './helpers.js';

const closers = closeAfterEach();

/** What must survive the round trip, per record. */
function byKey(a: Record<string, unknown>, b: Record<string, unknown>): number {
  return String(a['key']) < String(b['key']) ? -1 : String(a['key']) > String(b['key']) ? 1 : 0;
}

function readFields(record: Record<string, any>, withLabels: boolean): Record<string, unknown> {
  return {
    key: record['key'],
    status: record['status'].canonical,
    priority: record['priority'].value,
    due: record['dates'].due,
    parentKey: record['parentKey'],
    ...(withLabels ? { labels: record['labels'], owner: record['owner'] } : {}),
  };
}

async function wipeEverythingAndRegenerate(setup: RestoreSetup, bankFolder: string, withLabels: boolean): Promise<void> {
  await runOk(setup, ['migrate', setup.repo, '--json']);
  const before = (await parseRecords(setup)).map((record) => readFields(record, withLabels)).sort(byKey);
  expect(before.length).toBeGreaterThan(0);
  rmSync(join(setup.repo, bankFolder), { recursive: true });
  rmSync(setup.state);
  const { stdout } = await runOk(setup, ['restore', setup.repo, '--json']);
  const result = JSON.parse(stdout) as { source: string; notes: string[]; tasks: { placed: number; unsourced: number } };
  expect(result.source).toBe('vikunja');
  expect(result.notes.join('\n')).toContain('no state store at');
  expect(result.tasks).toEqual({ placed: before.length, unsourced: 0 });
  // Restore reads; it never creates a state store.
  expect(existsSync(setup.state)).toBe(false);
  const after = (await parseRecords(setup)).map((record) => readFields(record, withLabels)).sort(byKey);
  expect(after).toEqual(before);
}

describe('membank restore from Vikunja', () => {
  it.each(['0.24.1', '2.5.0'])('regenerates the hand-written bank from Vikunja %s: the same keys, statuses, priorities, due dates, parents, tags and owners', async (version) => {
    const setup = await setupRestore(closers, 'hand-written', 'tidepool', version);
    await wipeEverythingAndRegenerate(setup, 'memory-bank', true);
    const tasks = readFileSync(join(setup.repo, 'memory-bank', 'tasks.md'), 'utf8');
    expect(tasks).toMatch(/- \[x\] Add routes\n\s+<!-- membank: mb-[0-9a-f]{16} vikunja #\d+ -->/u);
    expect(readFileSync(join(setup.repo, 'memory-bank', 'features', 'share-links.md'), 'utf8')).toContain('Anyone with the link can see the list read-only.');
  });

  it.runIf(hasClientBank)("regenerates the client's bank from Vikunja 0.24.1 (the client's): every migrated task reads back with its key, status, priority and due date", async () => {
    const setup = await setupRestore(closers, 'client', 'xoe-novai-foundation', '0.24.1');
    await wipeEverythingAndRegenerate(setup, 'memory_bank', false);
  });

  it('--from-vikunja with the store present: Vikunja-made tasks go to the project file, changed states are written, differing files are kept without --force', async () => {
    const setup = await setupRestore(closers, 'hand-written');
    await runOk(setup, ['migrate', setup.repo, '--json']);
    const project = setup.sandbox.dump().projects.find((candidate) => candidate.title === 'tidepool');
    if (project === undefined) throw new Error('migrate made no project tidepool');
    const shipping = setup.sandbox.dump().tasks.find((task) => task.title === 'S-1 · Ship the beta');
    if (shipping === undefined) throw new Error('no task for S-1');
    // Done in Vikunja, and a task made there.
    const headers = { Authorization: `Bearer ${setup.sandbox.token}`, 'Content-Type': 'application/json' };
    const done = await fetch(`${setup.sandbox.url}/api/v1/tasks/${shipping.id}`, { method: 'POST', headers, body: JSON.stringify({ ...shipping, done: true }) });
    expect(done.status).toBe(200);
    const made = await fetch(`${setup.sandbox.url}/api/v1/projects/${project.id}/tasks`, { method: 'PUT', headers, body: JSON.stringify({ title: 'Call the printer', priority: 4 }) });
    expect(made.status).toBe(201);

    const sprint = join(setup.repo, 'memory-bank', 'sprint.md');
    const own = readFileSync(sprint);
    const kept = await runOk(setup, ['restore', setup.repo, '--from-vikunja', '--json'], 6);
    const result = JSON.parse(kept.stdout) as { files: Array<{ path: string; action: string }>; tasks: { unsourced: number } };
    expect(result.files.find((file) => file.path === 'memory-bank/sprint.md')?.action).toBe('differs');
    expect(result.tasks.unsourced).toBe(1);
    expect(readFileSync(sprint)).toEqual(own);
    const exported = readFileSync(join(setup.repo, 'vikunja-export', 'tidepool.md'), 'utf8');
    expect(exported).toContain('- [ ] Call the printer (Priority: P0)');

    await runOk(setup, ['restore', setup.repo, '--from-vikunja', '--force']);
    const records = await parseRecords(setup);
    expect(records.find((record) => record['key'] === 'memory-bank/sprint.md#S-1')?.['status'].canonical).toBe('done');
  });
});
