import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClock, startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

const ZERO = '0001-01-01T00:00:00Z';

describe('/api/v2', () => {
  let t: TestSandbox;
  let projectId: number;
  let kanban: { id: number; default_bucket_id: number; done_bucket_id: number };
  const clock = createTestClock('2026-08-01T00:00:00Z');

  beforeEach(async () => {
    clock.set('2026-08-01T00:00:00Z');
    t = await startTestSandbox({ now: clock.now });
    const project = (await t.api('PUT', '/projects', { title: 'V2' })).body;
    projectId = project.id;
    kanban = project.views.find((v: { view_kind: string }) => v.view_kind === 'kanban');
  });
  afterEach(async () => {
    await t.sandbox.close();
  });

  it('POST /projects/{p}/tasks creates (201); GET returns an ETag and honours If-None-Match with 304', async () => {
    const created = await t.v2('POST', `/projects/${projectId}/tasks`, { title: 'v2 task', priority: 2 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ title: 'v2 task', priority: 2, project_id: projectId, index: 1 });
    const read = await t.v2('GET', `/tasks/${created.body.id}`);
    expect(read.status).toBe(200);
    const etag = read.headers.get('etag');
    expect(etag).toBe(`"${Date.parse('2026-08-01T00:00:00Z')}000000-2"`);
    expect(read.headers.get('cache-control')).toBeNull();
    const notModified = await t.v2('GET', `/tasks/${created.body.id}`, undefined, { headers: { 'If-None-Match': etag ?? '' } });
    expect(notModified.status).toBe(304);
    expect(notModified.text).toBe('');
  });

  it('PATCH merges: only given fields change; null clears; done semantics apply', async () => {
    const created = await t.v2('POST', `/projects/${projectId}/tasks`, {
      title: 'patch me',
      description: 'keep',
      priority: 3,
      due_date: '2026-09-01T00:00:00Z',
      assignees: [{ id: 1 }],
    });
    clock.advance(30);
    const patched = await t.v2('PATCH', `/tasks/${created.body.id}`, { priority: 5, due_date: null }, { contentType: 'application/merge-patch+json' });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({ title: 'patch me', description: 'keep', priority: 5, due_date: ZERO, updated: '2026-08-01T00:00:30Z' });
    expect(patched.body.assignees).toHaveLength(1);
    const done = await t.v2('PATCH', `/tasks/${created.body.id}`, { done: true });
    expect(done.body).toMatchObject({ done: true, done_at: '2026-08-01T00:00:30Z', description: 'keep' });
    expect(t.sandbox.dump().taskBuckets.find((r) => r.task_id === created.body.id)?.bucket_id).toBe(kanban.done_bucket_id);
    const jsonPatch = await t.v2('PATCH', `/tasks/${created.body.id}`, [{ op: 'replace', path: '/title', value: 'json patched' }], {
      contentType: 'application/json-patch+json',
    });
    expect(jsonPatch.body).toMatchObject({ title: 'json patched', priority: 5, done: true });
  });

  it('PUT replaces like v1 POST', async () => {
    const created = await t.v2('POST', `/projects/${projectId}/tasks`, { title: 'replace me', priority: 3, description: 'gone' });
    const replaced = await t.v2('PUT', `/tasks/${created.body.id}`, { title: 'replaced' });
    expect(replaced.status).toBe(200);
    expect(replaced.body).toMatchObject({ title: 'replaced', priority: 0, description: '' });
  });

  it('DELETE → 204 and the task is gone (soft-deleted)', async () => {
    const created = await t.v2('POST', `/projects/${projectId}/tasks`, { title: 'delete me' });
    const res = await t.v2('DELETE', `/tasks/${created.body.id}`);
    expect(res.status).toBe(204);
    expect(res.text).toBe('');
    const read = await t.v2('GET', `/tasks/${created.body.id}`);
    expect(read.status).toBe(404);
    expect(read.headers.get('content-type')).toBe('application/problem+json');
    expect(read.body).toMatchObject({ status: 404, title: 'Not Found', code: 4002 });
    expect(read.body).toHaveProperty('detail');
    expect(t.sandbox.dump({ includeDeleted: true }).tasks[0]?.deleted_at).not.toBeNull();
  });

  it('lists with envelopes; per_page default 50, max 1000 (above → 422); q searches', async () => {
    for (let i = 1; i <= 60; i += 1) await t.api('PUT', `/projects/${projectId}/tasks`, { title: `task ${i}` });
    const page = await t.v2('GET', `/projects/${projectId}/tasks`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ total: 60, page: 1, per_page: 50, total_pages: 2 });
    expect(page.body.items).toHaveLength(50);
    const page2 = await t.v2('GET', `/projects/${projectId}/tasks?page=2&per_page=50`);
    expect(page2.body.items).toHaveLength(10);
    const big = await t.v2('GET', '/tasks?per_page=1000');
    expect(big.body.items).toHaveLength(60);
    const tooBig = await t.v2('GET', '/tasks?per_page=1001');
    expect(tooBig.status).toBe(422);
    expect(tooBig.body).toMatchObject({ status: 422, title: 'Unprocessable Entity' });
    expect(tooBig.body.errors[0].location).toBe('query.per_page');
    const search = await t.v2('GET', '/tasks?q=task%205');
    expect(search.body.items.map((x: { title: string }) => x.title)).toEqual(['task 5', 'task 50', 'task 51', 'task 52', 'task 53', 'task 54', 'task 55', 'task 56', 'task 57', 'task 58', 'task 59']);
    const filtered = await t.v2('GET', `/tasks?filter=${encodeURIComponent('done = true')}`);
    expect(filtered.body).toMatchObject({ items: [], total: 0, total_pages: 0 });
  });

  it('validation errors are problem+json 422; auth errors 401 with code 11', async () => {
    const typed = await t.v2('POST', `/projects/${projectId}/tasks`, { title: 'x', priority: 'high' });
    expect(typed.status).toBe(422);
    expect(typed.headers.get('content-type')).toBe('application/problem+json');
    expect(typed.body.errors[0].location).toBe('body.priority');
    const empty = await t.v2('POST', `/projects/${projectId}/tasks`, { title: '' });
    expect(empty.status).toBe(400);
    expect(empty.body).toMatchObject({ status: 400, code: 4001 });
    const auth = await t.v2('GET', '/tasks', undefined, { token: null });
    expect(auth.status).toBe(401);
    expect(auth.body).toMatchObject({ status: 401, code: 11 });
    const media = await t.v2('POST', `/projects/${projectId}/tasks`, undefined, { raw: 'title=x', contentType: 'text/plain' });
    expect(media.status).toBe(415);
  });

  describe('bulk create (2.5)', () => {
    it('creates all in payload order, on top of every view, returning ids', async () => {
      await t.api('PUT', `/projects/${projectId}/tasks`, { title: 'existing' });
      const res = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: [{ title: 'one' }, { title: 'two', done: true }, { title: 'three' }] });
      expect(res.status).toBe(201);
      const created: { id: number; title: string }[] = res.body.tasks;
      expect(created.map((x) => x.title)).toEqual(['one', 'two', 'three']);
      expect(created[0]?.id).toBeLessThan(created[1]?.id ?? 0);
      expect(created[1]?.id).toBeLessThan(created[2]?.id ?? 0);
      const project = (await t.api('GET', `/projects/${projectId}`)).body;
      const table = project.views.find((v: { view_kind: string }) => v.view_kind === 'table');
      const listed = await t.api('GET', `/projects/${projectId}/views/${table.id}/tasks`);
      expect(listed.body.map((x: { title: string }) => x.title)).toEqual(['one', 'two', 'three', 'existing']);
      expect(t.sandbox.dump().taskBuckets.find((r) => r.task_id === created[1]?.id)?.bucket_id).toBe(kanban.done_bucket_id);
    });

    it('is atomic: one bad item → 400 4031 naming the index, nothing created', async () => {
      const res = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: [{ title: 'ok' }, { title: 'fine' }, { title: '' }] });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(4031);
      expect(res.body.detail).toMatch(/index 2/);
      expect(t.sandbox.dump().tasks).toHaveLength(0);
      const badBucket = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: [{ title: 'ok' }, { title: 'x', bucket_id: 99999 }] });
      expect(badBucket.body.code).toBe(4031);
      expect(badBucket.body.detail).toMatch(/index 1/);
      expect(t.sandbox.dump().tasks).toHaveLength(0);
    });

    it('0 or more than 100 tasks → 400 4030', async () => {
      const none = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: [] });
      expect(none.status).toBe(400);
      expect(none.body.code).toBe(4030);
      const many = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: Array.from({ length: 101 }, (_, i) => ({ title: `t${i}` })) });
      expect(many.status).toBe(400);
      expect(many.body.code).toBe(4030);
      const hundred = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: Array.from({ length: 100 }, (_, i) => ({ title: `t${i}` })) });
      expect(hundred.status).toBe(201);
      expect(hundred.body.tasks).toHaveLength(100);
    });
  });
});
