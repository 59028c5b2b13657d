/**
 * The sandbox at 0.24.1 answers as a real 0.24.1 does, in each of the places API.md §18 lists where it
 * differs from 2.5 (and from "2.5 minus routes").
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

const ZERO = '0001-01-01T00:00:00Z';

describe('sandbox at Vikunja 0.24.1 (API.md §18)', () => {
  let t: TestSandbox;
  beforeEach(async () => {
    t = await startTestSandbox({ version: '0.24.1' });
  });
  afterEach(async () => {
    await t.sandbox.close();
  });

  it('1. /info: registration_enabled at the top, no max_items_per_page, concurrent_writes, ldap, icon or pro flags', async () => {
    const info = (await t.api('GET', '/info', undefined, { token: null })).body;
    expect(info.version).toBe('v0.24.1');
    expect(info.registration_enabled).toBe(true);
    for (const key of ['max_items_per_page', 'concurrent_writes', 'allow_icon_changes', 'enabled_pro_features']) expect(info).not.toHaveProperty(key);
    expect(info.auth).not.toHaveProperty('ldap');
  });

  it('2. an API token is refused on /user and /token/test, and on unknown routes, with 401', async () => {
    expect((await t.api('GET', '/user')).status).toBe(401);
    expect((await t.api('GET', '/token/test')).status).toBe(401);
    expect((await t.api('GET', '/no/such/route')).status).toBe(401);
    expect((await t.api('GET', '/projects')).status).toBe(200);
  });

  it('3. 401 bodies carry a message and no code', async () => {
    const res = await t.api('GET', '/projects', undefined, { token: 'tk_wrong' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBeUndefined();
    expect(typeof res.body.message).toBe('string');
  });

  it('4. bind errors are 400 "Invalid model provided" without code 2004', async () => {
    const res = await t.api('PUT', '/projects/1/tasks', { title: 'x', due_date: '2026-01-01' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBeUndefined();
    expect(res.body.message).toMatch(/^Invalid model provided/);
    const noType = await t.api('PUT', '/projects/1/tasks', undefined, { raw: '{"title":"x"}', contentType: 'text/plain' });
    expect(noType.status).toBe(400);
    expect(noType.body.code).toBeUndefined();
  });

  it('5. validation errors are 400 "Struct is invalid", no code 2002, no invalid_fields', async () => {
    const res = await t.api('PUT', '/projects', { title: '' });
    expect(res.status).toBe(400);
    expect(res.body).toEqual({ message: 'Struct is invalid. Invalid Data' });
  });

  it('6. project identifiers are kept as sent; a clash is still 3007', async () => {
    const project = await t.api('PUT', '/projects', { title: 'P', identifier: 'mixed' });
    expect(project.body.identifier).toBe('mixed');
    const task = await t.api('PUT', `/projects/${project.body.id}/tasks`, { title: 'a' });
    expect(task.body.identifier).toBe('mixed-1');
    const clash = await t.api('PUT', '/projects', { title: 'Q', identifier: 'mixed' });
    expect(clash.status).toBe(400);
    expect(clash.body.code).toBe(3007);
  });

  it('7. a task created without a position goes to the bottom of every view', async () => {
    const project = (await t.api('PUT', '/projects', { title: 'Order' })).body;
    for (const title of ['first', 'second', 'third']) await t.api('PUT', `/projects/${project.id}/tasks`, { title });
    const table = project.views.find((v: { view_kind: string }) => v.view_kind === 'table');
    const listed = await t.api('GET', `/projects/${project.id}/views/${table.id}/tasks`);
    expect(listed.body.map((x: { title: string }) => x.title)).toEqual(['first', 'second', 'third']);
  });

  it('8. create answers echo the bound body (labels, sub-second dates); a read shows what was stored', async () => {
    const label = (await t.api('PUT', '/labels', { title: 'l' })).body;
    const created = await t.api('PUT', '/projects/1/tasks', { title: 'echo', labels: [{ id: label.id }], due_date: '2026-09-01T10:00:07.500Z' });
    expect(created.body.labels).toEqual([{ id: label.id }]);
    expect(created.body.due_date).toBe('2026-09-01T10:00:07.5Z');
    const stored = (await t.api('GET', `/tasks/${created.body.id}`)).body;
    expect(stored.labels).toBeNull();
    expect(stored.due_date).toBe('2026-09-01T10:00:07Z');
  });

  it('9. a new project has one Backlog bucket, default_bucket_id and done_bucket_id 0; count 0; bucket 0 → 404 10001', async () => {
    const project = (await t.api('PUT', '/projects', { title: 'Board' })).body;
    const kanban = project.views.find((v: { view_kind: string }) => v.view_kind === 'kanban');
    expect([kanban.default_bucket_id, kanban.done_bucket_id]).toEqual([0, 0]);
    const task = (await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'in backlog' })).body;
    const buckets = (await t.api('GET', `/projects/${project.id}/views/${kanban.id}/buckets`)).body;
    expect(buckets.map((b: { title: string; count: number }) => [b.title, b.count])).toEqual([['Backlog', 0]]);
    expect(t.sandbox.dump().taskBuckets.find((r) => r.task_id === task.id)?.bucket_id).toBe(buckets[0].id);
    const move = await t.api('POST', `/projects/${project.id}/views/${kanban.id}/buckets/0/tasks`, { task_id: task.id });
    expect(move.status).toBe(404);
    expect(move.body.code).toBe(10001);
  });

  it('10. empty labels are null, assignees [], no max_right on create, no Cache-Control: no-store', async () => {
    const project = await t.api('PUT', '/projects', { title: 'Shape' });
    expect(project.body).not.toHaveProperty('max_right');
    expect(project.headers.get('cache-control')).toBeNull();
    const task = (await t.api('GET', `/tasks/${(await t.api('PUT', `/projects/${project.body.id}/tasks`, { title: 'x' })).body.id}`)).body;
    expect(task.labels).toBeNull();
    expect(task.assignees).toEqual([]);
  });

  it('11. the old /tasks/bulk keeps an omitted description and zeroes the due date', async () => {
    const task = (await t.api('PUT', '/projects/1/tasks', { title: 'b', description: '<p>kept</p>', due_date: '2026-10-01T00:00:00Z', priority: 1 })).body;
    const res = await t.api('POST', '/tasks/bulk', { task_ids: [task.id], priority: 4 });
    expect(res.status).toBe(200);
    const stored = (await t.api('GET', `/tasks/${task.id}`)).body;
    expect(stored).toMatchObject({ description: '<p>kept</p>', priority: 4, due_date: ZERO });
  });

  it('12. rate limiting is off by default; when on, the three budgets and rounded-down reset apply', async () => {
    expect((await t.api('GET', '/projects')).headers.get('x-ratelimit-limit')).toBeNull();
    const limited = await startTestSandbox({ version: '0.24.1', rateLimit: { limit: 5, periodSeconds: 60 } });
    try {
      const res = await limited.api('GET', '/projects');
      expect(Number(res.headers.get('x-ratelimit-reset'))).toBeLessThanOrEqual(Math.floor(Date.now() / 1000) + 60);
      expect(res.headers.get('x-ratelimit-remaining')).toBe('4');
      expect((await limited.api('GET', '/info')).headers.get('x-ratelimit-remaining')).toBe('4');
    } finally {
      await limited.sandbox.close();
    }
  });
});
