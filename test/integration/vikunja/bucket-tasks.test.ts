/**
 * `listBucketTasks`: which Kanban bucket each task is in, read from a Kanban view's task listing (API.md §6.2:
 * buckets with their tasks, paginated per bucket) against the sandbox at 0.24.1 and 2.5.0 with a small page size,
 * so a bucket fuller than a page is read on its own (`filter=bucket_id = N`, paged) and no task is missed.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createVikunjaClient } from '../../../src/vikunja/index.js';
import { startSandboxTarget } from '../../helpers/vikunja-target.js';

const closers: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

for (const version of ['0.24.1', '2.5.0']) {
  describe(`listBucketTasks against Vikunja ${version}`, () => {
    it('returns every bucket with all its tasks, paging a bucket fuller than a page', async () => {
      const target = await startSandboxTarget({ version, maxItemsPerPage: 3 });
      closers.push(() => target.close());
      const client = createVikunjaClient({ url: target.url, token: target.token, concurrency: 2, retries: 2, retryBaseMs: 5, retryMaxMs: 50, timeoutMs: 10_000 });
      const project = await client.createProject({ title: 'kanban read' });
      const kanban = (await client.listViews(project.id)).find((view) => view.view_kind === 'kanban');
      if (kanban === undefined) throw new Error('no Kanban view');
      const doing = await client.createBucket(project.id, kanban.id, { title: 'Review', position: 1_000_000_000 });
      const created: number[] = [];
      for (let i = 0; i < 7; i += 1) created.push((await client.createTask(project.id, { title: `t${i}` })).id);
      const moved = created.slice(0, 2);
      for (const id of moved) await client.moveTaskToBucket(project.id, kanban.id, doing.id, id);
      const buckets = await client.listBucketTasks(project.id, kanban.id);
      const inDoing = buckets.filter((entry) => entry.bucket.id === doing.id);
      expect(inDoing.map((entry) => [...entry.taskIds].sort((a, b) => a - b)), JSON.stringify(buckets)).toEqual([moved]);
      const rest = buckets.filter((entry) => entry.bucket.id !== doing.id).flatMap((entry) => entry.taskIds);
      expect(rest.sort((a, b) => a - b)).toEqual(created.slice(2));
      expect(buckets.every((entry) => entry.bucket.project_view_id === kanban.id)).toBe(true);
    });

    it('reads a view whose buckets all fit a page in one request (0.24: plus its fullest bucket)', async () => {
      const target = await startSandboxTarget({ version, maxItemsPerPage: 50 });
      closers.push(() => target.close());
      const client = createVikunjaClient({ url: target.url, token: target.token, concurrency: 2, retries: 2, retryBaseMs: 5, retryMaxMs: 50, timeoutMs: 10_000 });
      const project = await client.createProject({ title: 'kanban read' });
      const kanban = (await client.listViews(project.id)).find((view) => view.view_kind === 'kanban');
      if (kanban === undefined) throw new Error('no Kanban view');
      const task = await client.createTask(project.id, { title: 'one' });
      target.sandbox.clearRequestLog();
      const buckets = await client.listBucketTasks(project.id, kanban.id);
      expect(buckets.flatMap((entry) => entry.taskIds)).toEqual([task.id]);
      // 1.0+ reports each bucket's count: one request. 0.24 does not (nor its page cap): its fullest bucket is
      // read again on its own, as it may have filled a page.
      const reads = target.sandbox.requestLog().filter((entry) => entry.method === 'GET' && entry.path.endsWith('/tasks'));
      expect(reads).toHaveLength(version === '0.24.1' ? 2 : 1);
    });
  });
}
