/**
 * The rules behind the MCP tools that need no server: `resolve_conflict`'s decisions (the chosen side for one field,
 * the item's other changes left for the next sync) and `get_sync_status`'s pending conflicts and lag, read from a
 * real SQLite state store.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { resolveDecisions } from '../../../jobs/sync.js';
import { compareItem, defaultOwnership, type SyncValues } from '../../../src/core/three-way.js';
import { readSyncStatus } from '../../../src/mcp/status.js';
import { openStore } from '../../../src/store/index.js';

const base: SyncValues = { title: 'A', description: '', done: false, priority: 3, due: null, percentDone: null, labels: ['ui'], bucket: 'To-Do' };

/** Priority changed differently on both sides; the title changed in the bank, the labels in Vikunja. */
const decisions = compareItem({
  base,
  ours: { ...base, title: 'A2', priority: 2 },
  theirs: { ...base, priority: 5, labels: ['ui', 'beta'] },
  ownership: defaultOwnership,
  policy: 'report',
  oursChangedAt: null,
  theirsChangedAt: null,
});
const actions = (list: ReturnType<typeof resolveDecisions>): Record<string, string> => Object.fromEntries(list.map((decision) => [decision.field, decision.action]));

describe('resolveDecisions', () => {
  it('without a resolution: the conflict is reported and the other changes are written', () => {
    expect(actions(resolveDecisions(decisions, undefined))).toMatchObject({ priority: 'conflict', title: 'push', labels: 'pull' });
  });

  it('takes the chosen side for the resolved field and leaves every other write of the item for the next sync', () => {
    const vikunja = resolveDecisions(decisions, { key: 'k', field: 'priority', side: 'vikunja' });
    expect(actions(vikunja)).toEqual({ title: 'ignore', description: 'none', done: 'none', priority: 'pull', due: 'none', percentDone: 'none', labels: 'ignore', bucket: 'none' });
    expect(vikunja.find((decision) => decision.field === 'title')?.reason).toContain('next sync');
    expect(actions(resolveDecisions(decisions, { key: 'k', field: 'priority', side: 'memory-bank' }))).toMatchObject({ priority: 'push', title: 'ignore', labels: 'ignore' });
  });

  it('a bucket conflict around Done settles with the bucket; a done resolution carries its bucket along', () => {
    const ticked = compareItem({
      base,
      ours: { ...base, done: true, bucket: 'Done' },
      theirs: { ...base, bucket: 'Doing' },
      ownership: defaultOwnership,
      policy: 'report',
      oursChangedAt: null,
      theirsChangedAt: null,
    });
    expect(actions(resolveDecisions(ticked, undefined))).toMatchObject({ done: 'push', bucket: 'conflict' });
    expect(actions(resolveDecisions(ticked, { key: 'k', field: 'bucket', side: 'vikunja' }))).toMatchObject({ done: 'ignore', bucket: 'pull' });
    expect(actions(resolveDecisions(ticked, { key: 'k', field: 'done', side: 'memory-bank' }))).toMatchObject({ done: 'push', bucket: 'conflict' });
  });
});

describe('readSyncStatus', () => {
  const stores: Array<{ close(): void }> = [];
  afterEach(() => {
    for (const store of stores.splice(0)) store.close();
  });

  it("lists the last full sync's conflicts less those a later resolve run settled, and the lag since the last success", () => {
    const store = openStore(join(mkdtempSync(join(tmpdir(), 'membank-mcp-status-')), 'state.sqlite'));
    stores.push(store);
    const scope = 'http://127.0.0.1:1|reader-app';
    const conflict = (key: string, field: string, taskId: number): Record<string, unknown> => ({ key, source: `${key}#a`, taskId, field });
    const finish = (id: string, status: 'succeeded' | 'failed', summary: Record<string, unknown>): void => {
      store.runs.finish(id, { status, summary });
    };
    const other = store.runs.create({ command: 'sync', options: { scope: 'http://127.0.0.1:1|another' } });
    finish(other.id, 'succeeded', { conflicts: 1, pendingConflicts: [conflict('x', 'due', 9)] });
    const full = store.runs.create({ command: 'sync', options: { scope } });
    finish(full.id, 'succeeded', { conflicts: 2, pendingConflicts: [conflict('a', 'priority', 1), conflict('b', 'due', 2)] });
    const failedResolve = store.runs.create({ command: 'sync', options: { scope, resolve: { key: 'b', field: 'due', side: 'vikunja' } } });
    finish(failedResolve.id, 'failed', { conflicts: 1, pendingConflicts: [conflict('b', 'due', 2)] });
    const resolved = store.runs.create({ command: 'sync', options: { scope, resolve: { key: 'a', field: 'priority', side: 'vikunja' } } });
    finish(resolved.id, 'succeeded', { conflicts: 0, pendingConflicts: [] });
    const finishedAt = store.runs.get(resolved.id)?.finishedAt ?? '';

    const status = readSyncStatus(store, { serverUrl: 'http://127.0.0.1:1', projectTitle: 'reader-app', bank: '/repo', now: new Date(Date.parse(finishedAt) + 90_000) });
    expect(status.pendingConflicts).toEqual([{ key: 'b', source: 'b#a', taskId: 2, field: 'due' }]);
    expect(status.conflictsAsOf).toBe(full.id);
    expect(status.lastSync?.id).toBe(resolved.id);
    expect(status.lastSuccessfulSync).toMatchObject({ id: resolved.id, counts: { conflicts: 0 } });
    expect(status.lagSeconds).toBe(90);
    expect(status.runningNow).toBeNull();
  });

  it('says so when the bank was never synced', () => {
    const store = openStore(join(mkdtempSync(join(tmpdir(), 'membank-mcp-status-')), 'state.sqlite'));
    stores.push(store);
    const status = readSyncStatus(store, { serverUrl: 'http://127.0.0.1:1', projectTitle: 'reader-app', bank: '/repo', now: new Date() });
    expect(status).toMatchObject({ lastSync: null, lastSuccessfulSync: null, lagSeconds: null, pendingConflicts: [], conflictsAsOf: null, guard: null });
    expect(status.notes[0]).toContain('never been synced');
  });
});
