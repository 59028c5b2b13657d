/**
 * Is a webhook delivery news? Judged against a real state store's mappings (SQLite in memory).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { StateStore } from '../../../src/core/store.js';
import { openStore } from '../../../src/store/index.js';
import { judgeWebhookEvent, judgeWebhookEventNow } from '../../../src/watch/echo.js';

const scope = 'http://vikunja.test|app';
let store: StateStore;
afterEach(() => store.close());

function open(): StateStore {
  store = openStore(':memory:');
  store.mappings.upsert({
    scope,
    sourceKey: 'tasks.md#alpha',
    taskId: 7,
    projectId: 3,
    contentHash: 'h',
    baseRecord: { sync: { title: 'Alpha', description: '<p>Why</p>', done: true, priority: null, due: null, labels: ['backend'], bucket: 'Done' } },
  });
  return store;
}

const task = (changes: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 7,
  project_id: 3,
  title: 'Alpha',
  description: '<p>Why</p>',
  done: true,
  priority: 0,
  due_date: '0001-01-01T00:00:00Z',
  labels: [{ id: 1, title: 'Backend' }],
  ...changes,
});

describe('judging a webhook delivery', () => {
  it('ignores a task holding the agreed values (labels case-insensitively, priority 0 as unset), other projects, and deletes of unmapped tasks', () => {
    const context = { mappings: open().mappings, scope, projectId: 3, ignoredLabels: ['removed-from-memory-bank'] };
    expect(judgeWebhookEvent({ eventName: 'task.updated', task: task() }, context).news).toBe(false);
    expect(judgeWebhookEvent({ eventName: 'task.updated', task: task({ labels: [{ id: 1, title: 'backend' }, { id: 2, title: 'removed-from-memory-bank' }] }) }, context).news).toBe(false);
    expect(judgeWebhookEvent({ eventName: 'task.updated', task: task({ project_id: 4 }) }, context).news).toBe(false);
    expect(judgeWebhookEvent({ eventName: 'task.deleted', task: task({ id: 99 }) }, context).news).toBe(false);
    expect(judgeWebhookEvent({ eventName: 'project.updated', task: undefined }, context).news).toBe(false);
  });

  it('reports a changed field, an unmapped task, a deleted mapped task and an unreadable payload as news', () => {
    const context = { mappings: open().mappings, scope, projectId: 3, ignoredLabels: [] };
    expect(judgeWebhookEvent({ eventName: 'task.updated', task: task({ done: false }) }, context)).toEqual({ news: true, reason: 'task #7 changed done in Vikunja' });
    expect(judgeWebhookEvent({ eventName: 'task.updated', task: task({ priority: 4, due_date: '2026-12-01T12:00:00Z' }) }, context).reason).toBe('task #7 changed priority, due in Vikunja');
    expect(judgeWebhookEvent({ eventName: 'task.created', task: task({ id: 8 }) }, context).news).toBe(true);
    expect(judgeWebhookEvent({ eventName: 'task.deleted', task: task() }, context).news).toBe(true);
    expect(judgeWebhookEvent({ eventName: 'task.updated', task: { id: 'x' } }, context).news).toBe(true);
  });

  it('reads the task back when the payload looks changed: a payload older than the task (labels attached after it) is no news', async () => {
    const context = { mappings: open().mappings, scope, projectId: 3, ignoredLabels: [] };
    const stale = { eventName: 'task.updated', task: task({ labels: [] }) };
    const reads: number[] = [];
    const now = await judgeWebhookEventNow(stale, context, async (id) => {
      reads.push(id);
      return task();
    });
    expect(now).toEqual({ news: false, reason: 'task #7 holds the values the last sync agreed on (the delivery was older than the task)' });
    expect(reads).toEqual([7]);
    // Still changed now → news; gone → news; the read failing → news; an agreed payload needs no read.
    expect((await judgeWebhookEventNow(stale, context, async () => task({ labels: [] }))).news).toBe(true);
    expect(await judgeWebhookEventNow(stale, context, async () => null)).toEqual({ news: true, reason: 'task #7 is gone from Vikunja' });
    const failed = await judgeWebhookEventNow(stale, context, async () => {
      throw new Error('connection refused');
    });
    expect(failed.news).toBe(true);
    expect(failed.reason).toContain('connection refused');
    await judgeWebhookEventNow({ eventName: 'task.updated', task: task() }, context, async () => {
      throw new Error('no read expected');
    });
  });
});
