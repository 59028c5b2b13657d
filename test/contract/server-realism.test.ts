/**
 * The client against the sandbox's emulations of what real servers do under load (sandbox only: these need
 * the PostgreSQL index race, the real-style rate limiter and fault injection, which a real server cannot be
 * told to produce on demand).
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { RequestLogEntry } from '../../src/sandbox/index.js';
import { createVikunjaClient } from '../../src/vikunja/index.js';
import { startSandboxTarget, type VikunjaTarget } from '../helpers/vikunja-target.js';

const targets: VikunjaTarget[] = [];
afterEach(async () => {
  await Promise.all(targets.splice(0).map((target) => target.close()));
});

async function start(options: Parameters<typeof startSandboxTarget>[0]) {
  const target = await startSandboxTarget(options);
  targets.push(target);
  return target;
}

describe('PostgreSQL: creates into one project are serialised by the client (API.md §17.5)', () => {
  it('8 parallel creates into one project all succeed exactly once, with no 500 and no retry', async () => {
    const target = await start({ database: 'postgres', version: '2.5.0' });
    const client = createVikunjaClient({ url: target.url, token: target.token, concurrency: 8, retries: 0 });
    expect((await client.capabilities()).concurrentWrites).toBe(true);
    const project = await client.createProject({ title: 'race' });
    const other = await client.createProject({ title: 'elsewhere' });
    const created = await Promise.all([
      ...Array.from({ length: 8 }, (_, i) => client.createTask(project.id, { title: `parallel ${i}` })),
      client.createTask(other.id, { title: 'other project' }),
    ]);
    expect(new Set(created.map((t) => t.id)).size).toBe(9);
    const stored = target.sandbox.dump().tasks.filter((t) => t.project_id === project.id);
    expect(stored.map((t) => t.title).sort()).toEqual(Array.from({ length: 8 }, (_, i) => `parallel ${i}`));
    expect(new Set(stored.map((t) => t.index)).size).toBe(8);
    expect(target.sandbox.requestLog().filter((e) => e.status >= 500)).toEqual([]);
    expect(client.stats().retries).toBe(0);
  });

  it('bulk creates into one project are serialised too', async () => {
    const target = await start({ database: 'postgres', version: '2.5.0' });
    const client = createVikunjaClient({ url: target.url, token: target.token, concurrency: 4, retries: 0 });
    const project = await client.createProject({ title: 'bulk race' });
    await Promise.all([
      client.createTasksBulk(project.id, [{ title: 'a1' }, { title: 'a2' }]),
      client.createTasksBulk(project.id, [{ title: 'b1' }]),
      client.createTask(project.id, { title: 'c1' }),
    ]);
    expect(target.sandbox.dump().tasks.filter((t) => t.project_id === project.id)).toHaveLength(4);
    expect(target.sandbox.requestLog().filter((e) => e.status >= 500)).toEqual([]);
  });
});

describe("a lost PATCH answer whose retry gets 304 (API.md §17.2)", () => {
  it('completes with the task correct: the retry finds the change already made', async () => {
    const target = await start({ version: '2.5.0' });
    const client = createVikunjaClient({ url: target.url, token: target.token, retries: 3, retryBaseMs: 1, retryMaxMs: 5 });
    const project = await client.createProject({ title: 'lost answer' });
    const task = await client.createTask(project.id, { title: 'patched', description: '<p>kept</p>', priority: 1 });
    target.sandbox.setFaults({ commitThenDrop: 1, applyTo: 'writes' });
    let dropped = false;
    const updating = client.updateTask(task.id, { priority: 5 });
    // After the first (dropped) PATCH, let the retry through.
    const watch = setInterval(() => {
      if (!dropped && target.sandbox.requestLog().some((e) => e.method === 'PATCH' && e.fault === 'commitThenDrop')) {
        dropped = true;
        target.sandbox.setFaults(undefined);
      }
    }, 1);
    const updated = await updating.finally(() => clearInterval(watch));
    expect(updated).toMatchObject({ priority: 5, description: '<p>kept</p>', title: 'patched' });
    const patches = target.sandbox.requestLog().filter((e) => e.method === 'PATCH');
    expect(patches.map((e) => [e.fault ?? null, e.status])).toEqual([
      ['commitThenDrop', 0],
      [null, 304],
    ]);
  });
});

/** Entries of one rate-limit bucket, in arrival order. */
function bucketOf(log: readonly RequestLogEntry[], bucket: 'v1' | 'v2' | 'info'): RequestLogEntry[] {
  return log.filter((e) => {
    if (e.path.endsWith('/info')) return bucket === 'info';
    return e.path.startsWith(`/api/${bucket}/`);
  });
}

describe('the real-style rate limiter (rounded-down reset, three budgets; API.md §17.9)', () => {
  it('sends no request into a window known to be exhausted: no 429 burst in any bucket', async () => {
    const target = await start({ version: '2.5.0', rateLimit: { limit: 6, periodSeconds: 1 } });
    const client = createVikunjaClient({ url: target.url, token: target.token, concurrency: 4, retries: 2, retryBaseMs: 5, retryMaxMs: 20 });
    const project = await client.createProject({ title: 'polite' });
    const tasks = await client.createTasksBulk(project.id, Array.from({ length: 5 }, (_, i) => ({ title: `t${i}` })));
    // v1 reads and v2 updates interleaved: two budgets spent at once.
    await Promise.all([
      ...Array.from({ length: 14 }, () => client.listViews(project.id)),
      ...tasks.map((t, i) => client.updateTask(t.id, { priority: (i % 4) + 1 })),
    ]);
    const log = target.sandbox.requestLog();
    for (const bucket of ['v1', 'v2'] as const) {
      const entries = bucketOf(log, bucket);
      // At most one 429 per window boundary, and never two in a row: after a 429 the client waits.
      for (let i = 1; i < entries.length; i += 1) {
        expect([entries[i - 1]!.status, entries[i]!.status], `${bucket} #${i}`).not.toEqual([429, 429]);
      }
    }
    expect((await client.listProjectTasks(project.id)).map((t) => t.priority).sort()).toEqual([1, 1, 2, 3, 4]);
  });

  it('waits for each bucket on its own: an exhausted /api/v1 budget does not hold back /api/v2 calls', async () => {
    const target = await start({ version: '2.5.0', rateLimit: { limit: 3, periodSeconds: 2 } });
    const client = createVikunjaClient({ url: target.url, token: target.token, concurrency: 1, retries: 0 });
    const project = await client.createProject({ title: 'buckets' });
    await client.listViews(project.id);
    const task = await client.createTask(project.id, { title: 'v1 spent' });
    // /api/v1 is now exhausted (create project, views, create task = 3; /info counts on its own budget).
    expect(client.rateLimitStatuses().v1.remaining).toBe(0);
    const v1Waiting = client.listViews(project.id);
    const viaV2 = await client.listProjectTasks(project.id);
    expect(viaV2.map((t) => t.id)).toEqual([task.id]);
    const atV2Read = target.sandbox.requestLog();
    // The v2 read went out while the v1 call still waited, and v1 sent nothing into its spent window.
    expect(atV2Read.at(-1)?.path).toBe(`/api/v2/projects/${project.id}/tasks`);
    expect(atV2Read.filter((e) => e.path === `/api/v1/projects/${project.id}/views`)).toHaveLength(1);
    expect((await v1Waiting).length).toBe(4);
    expect(target.sandbox.requestLog().filter((e) => e.status === 429)).toEqual([]);
  });
});
