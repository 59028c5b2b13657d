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

    it('validation errors are 422 problem+json naming body.tasks[i].field, no Vikunja code, nothing created', async () => {
      const res = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: [{ title: 'ok' }, { title: '' }, { title: 'fine' }] });
      expect(res.status).toBe(422);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.body).toMatchObject({ status: 422, title: 'Unprocessable Entity' });
      expect(res.body.code).toBeUndefined();
      expect(res.body.errors).toEqual([{ location: 'body.tasks[1].title', message: 'expected length >= 1', value: '' }]);
      const typed = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: [{ title: 'ok' }, { title: 'x', priority: 'high' }] });
      expect(typed.status).toBe(422);
      expect(typed.body.errors[0].location).toBe('body.tasks[1].priority');
      expect(t.sandbox.dump().tasks).toHaveLength(0);
    });

    it('a domain error after validation is 400 4031 naming the index, nothing created', async () => {
      const badBucket = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: [{ title: 'ok' }, { title: 'x', bucket_id: 99999 }] });
      expect(badBucket.status).toBe(400);
      expect(badBucket.body.code).toBe(4031);
      expect(badBucket.body.detail).toMatch(/index 1/);
      expect(t.sandbox.dump().tasks).toHaveLength(0);
    });

    it('0 or more than 100 tasks → 422', async () => {
      const none = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: [] });
      expect(none.status).toBe(422);
      const many = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: Array.from({ length: 101 }, (_, i) => ({ title: `t${i}` })) });
      expect(many.status).toBe(422);
      expect(many.body.errors[0].location).toBe('body.tasks');
      expect(t.sandbox.dump().tasks).toHaveLength(0);
      const hundred = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: Array.from({ length: 100 }, (_, i) => ({ title: `t${i}` })) });
      expect(hundred.status).toBe(201);
      expect(hundred.body.tasks).toHaveLength(100);
    });

    it('ignores position: each batch lands on top in payload order; the answer shows position 0 and bucket_id 0', async () => {
      const first = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: [{ title: 'a1', position: 10 }, { title: 'a2', position: 20 }] });
      const second = await t.v2('POST', `/projects/${projectId}/tasks/bulk`, { tasks: [{ title: 'b1', position: 30 }, { title: 'b2', done: true }] });
      expect(second.body.tasks.map((x: { position: number; bucket_id: number }) => [x.position, x.bucket_id])).toEqual([[0, 0], [0, 0]]);
      expect(first.status).toBe(201);
      const project = (await t.api('GET', `/projects/${projectId}`)).body;
      const table = project.views.find((v: { view_kind: string }) => v.view_kind === 'table');
      const listed = await t.api('GET', `/projects/${projectId}/views/${table.id}/tasks`);
      expect(listed.body.map((x: { title: string }) => x.title)).toEqual(['b1', 'b2', 'a1', 'a2']);
    });
  });

  describe('2.5 behaviours verified against a real server (API.md §17)', () => {
    it('a PATCH that changes nothing answers 304 with an empty body; one that changes something 200', async () => {
      const task = (await t.v2('POST', `/projects/${projectId}/tasks`, { title: 'same', priority: 2 })).body;
      const same = await t.v2('PATCH', `/tasks/${task.id}`, { title: 'same', priority: 2 }, { contentType: 'application/merge-patch+json' });
      expect(same.status).toBe(304);
      expect(same.text).toBe('');
      const changed = await t.v2('PATCH', `/tasks/${task.id}`, { priority: 3 }, { contentType: 'application/merge-patch+json' });
      expect(changed.status).toBe(200);
      expect((await t.v2('GET', `/tasks/${task.id}`)).body.priority).toBe(3);
    });

    it('create and update answers echo the body: labels not attached, sub-second dates stored to the second', async () => {
      const label = (await t.api('PUT', '/labels', { title: 'echoed' })).body;
      const created = await t.v2('POST', `/projects/${projectId}/tasks`, { title: 'echo', labels: [{ id: label.id }], due_date: '2026-09-01T10:00:07.890Z' });
      expect(created.body.labels).toEqual([{ id: label.id }]);
      expect(created.body.due_date).toBe('2026-09-01T10:00:07.89Z');
      const stored = (await t.v2('GET', `/tasks/${created.body.id}`)).body;
      expect(stored.labels).toBeNull();
      expect(stored.due_date).toBe('2026-09-01T10:00:07Z');
    });

    it('done_at is server-set: ignored on create, set when an update flips done', async () => {
      const created = (await t.v2('POST', `/projects/${projectId}/tasks`, { title: 'd', done_at: '2020-01-01T00:00:00Z' })).body;
      expect((await t.v2('GET', `/tasks/${created.id}`)).body.done_at).toBe('0001-01-01T00:00:00Z');
      await t.v2('PATCH', `/tasks/${created.id}`, { done: true, done_at: '2020-01-01T00:00:00Z' }, { contentType: 'application/merge-patch+json' });
      expect((await t.v2('GET', `/tasks/${created.id}`)).body.done_at).not.toBe('2020-01-01T00:00:00Z');
    });

    it('PUT /tasks/{id}/labels/bulk accepts labels by id or by title (201)', async () => {
      const existing = (await t.api('PUT', '/labels', { title: 'known' })).body;
      const task = (await t.v2('POST', `/projects/${projectId}/tasks`, { title: 'labelled' })).body;
      const res = await t.v2('PUT', `/tasks/${task.id}/labels/bulk`, { labels: [{ title: 'known' }, { title: 'fresh' }] });
      expect(res.status).toBe(201);
      const labels = (await t.api('GET', `/tasks/${task.id}`)).body.labels.map((l: { id: number; title: string }) => l.title);
      expect(labels.sort()).toEqual(['fresh', 'known']);
      expect(t.sandbox.dump().labels.filter((l) => l.title === 'known').map((l) => l.id)).toEqual([existing.id]);
    });
  });
});
