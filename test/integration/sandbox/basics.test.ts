import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox } from '../../../src/sandbox/index.js';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

describe('sandbox basics (2.5.0)', () => {
  let t: TestSandbox;
  beforeAll(async () => {
    t = await startTestSandbox();
  });
  afterAll(async () => {
    await t.sandbox.close();
  });

  it('exposes url, token and version on the handle', () => {
    expect(t.sandbox.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(t.sandbox.token).toMatch(/^tk_[0-9a-f]{40}$/);
    expect(t.sandbox.version).toBe('2.5.0');
  });

  it('serves /info without a token, with version, page size and concurrent_writes', async () => {
    const res = await t.api('GET', '/info', undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.body.version).toBe('v2.5.0');
    expect(res.body.max_items_per_page).toBe(50);
    expect(res.body.concurrent_writes).toBe(false);
    expect(res.body.task_comments_enabled).toBe(true);
    expect(res.body.frontend_url).toBe(`${t.sandbox.url}/`);
    const v2 = await t.v2('GET', '/info', undefined, { token: null });
    expect(v2.status).toBe(200);
    expect(v2.body.version).toBe('v2.5.0');
  });

  it('rejects missing and wrong tokens with 401 code 11', async () => {
    const expected = { code: 11, message: 'missing, malformed, expired or otherwise invalid token provided' };
    const missing = await t.api('GET', '/user', undefined, { token: null });
    expect(missing.status).toBe(401);
    expect(missing.body).toEqual(expected);
    const wrong = await t.api('GET', '/projects', undefined, { token: 'tk_0000000000000000000000000000000000000000' });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual(expected);
    const malformed = await t.api('GET', '/projects', undefined, { headers: { Authorization: t.sandbox.token }, token: null });
    expect(malformed.status).toBe(401);
  });

  it('answers /user with user 1 and /token/test with ok', async () => {
    const user = await t.api('GET', '/user');
    expect(user.status).toBe(200);
    expect(user.body.id).toBe(1);
    expect(user.body.username).toBe('sandbox');
    const test = await t.api('GET', '/token/test');
    expect(test.status).toBe(200);
    expect(test.body).toEqual({ message: 'ok' });
  });

  it('refuses JWT-only routes for API tokens with 401', async () => {
    const res = await t.api('GET', '/routes');
    expect(res.status).toBe(401);
    expect(res.body.code).toBe(11);
  });

  it('sets Cache-Control: no-store on every v1 response and x-max-permission on single-object GETs', async () => {
    const single = await t.api('GET', '/projects/1');
    expect(single.headers.get('cache-control')).toBe('no-store');
    expect(single.headers.get('x-max-permission')).toBe('2');
    const list = await t.api('GET', '/projects');
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(list.headers.get('x-max-permission')).toBeNull();
    const notFound = await t.api('GET', '/nope');
    expect(notFound.headers.get('cache-control')).toBe('no-store');
  });

  it('returns a bare router 404 and 405', async () => {
    const missing = await t.api('GET', '/does/not/exist');
    expect(missing.status).toBe(404);
    expect(missing.body).toEqual({ message: 'Not Found' });
    const method = await t.api('PATCH', '/projects/1', {});
    expect(method.status).toBe(405);
    expect(method.body).toEqual({ message: 'Method Not Allowed' });
  });

  it('rejects bodies without Content-Type application/json with 400 2004', async () => {
    const res = await t.api('PUT', '/projects', undefined, { raw: JSON.stringify({ title: 'x' }), contentType: 'text/plain' });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(2004);
    const form = await t.api('PUT', '/projects', undefined, { raw: 'title=x', contentType: 'application/x-www-form-urlencoded' });
    expect(form.status).toBe(400);
    expect(form.body.code).toBe(2004);
  });

  it('rejects unparseable JSON with 400 2004 and ignores unknown keys', async () => {
    const bad = await t.api('PUT', '/projects', undefined, { raw: '{"title": "x",' });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe(2004);
    const unknown = await t.api('PUT', '/projects', { title: 'Unknown keys', no_such_field: [1, 2], another: { deep: true } });
    expect(unknown.status).toBe(201);
    expect(unknown.body.title).toBe('Unknown keys');
    expect(unknown.body).not.toHaveProperty('no_such_field');
  });

  it('rejects wrongly typed fields with 400 2004', async () => {
    const res = await t.api('PUT', '/projects/1/tasks', { title: 5 });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe(2004);
  });

  it('serves /health', async () => {
    const res = await t.call('GET', '/health', undefined, { token: null });
    expect(res.status).toBe(200);
    expect(res.text).toBe('OK');
  });
});

describe('sandbox options', () => {
  it('serves the API under a path prefix and 404s outside it', async () => {
    const t = await startTestSandbox({ pathPrefix: '/vikunja/' });
    try {
      expect(t.sandbox.url).toMatch(/:\d+\/vikunja$/);
      const info = await t.api('GET', '/info');
      expect(info.status).toBe(200);
      const outside = await fetch(t.sandbox.url.replace(/\/vikunja$/, '/api/v1/info'));
      expect(outside.status).toBe(404);
      expect(t.sandbox.requestLog().at(-2)).toMatchObject({ method: 'GET', path: '/api/v1/info', status: 200 });
    } finally {
      await t.sandbox.close();
    }
  });

  it('accepts a fixed token, a v-prefixed version and a smaller page size', async () => {
    const t = await startTestSandbox({ token: 'tk_fixed', version: 'v2.4.1', maxItemsPerPage: 7, concurrentWrites: true });
    try {
      expect(t.sandbox.token).toBe('tk_fixed');
      expect(t.sandbox.version).toBe('2.4.1');
      const info = await t.api('GET', '/info');
      expect(info.body).toMatchObject({ version: 'v2.4.1', max_items_per_page: 7, concurrent_writes: true });
    } finally {
      await t.sandbox.close();
    }
  });

  it('refuses unsupported versions and bad options', async () => {
    await expect(startSandbox({ version: 'banana' })).rejects.toThrow(/unsupported Vikunja version/);
    await expect(startSandbox({ version: '0.22.1' })).rejects.toThrow(/0\.24\.0 and later/);
    await expect(startSandbox({ maxItemsPerPage: 0 })).rejects.toThrow(/maxItemsPerPage/);
    await expect(startSandbox({ faults: { drop: 2 } })).rejects.toThrow(/probability/);
  });

  it('close() is idempotent', async () => {
    const t = await startTestSandbox();
    await Promise.all([t.sandbox.close(), t.sandbox.close()]);
    await t.sandbox.close();
  });
});

describe('version gating', () => {
  it('2.3: no /api/v2, no concurrent_writes, no "My Open Tasks", hard delete', async () => {
    const t = await startTestSandbox({ version: '2.3.0' });
    try {
      const info = await t.api('GET', '/info');
      expect(info.body.version).toBe('v2.3.0');
      expect(info.body).not.toHaveProperty('concurrent_writes');
      for (const path of ['/info', '/tasks/1', '/tasks', '/projects/1/tasks']) {
        const res = await t.v2('GET', path);
        expect(res.status, path).toBe(404);
        expect(res.body).toEqual({ message: 'Not Found' });
      }
      const projects = await t.api('GET', '/projects');
      expect(projects.body.map((p: { id: number }) => p.id)).toEqual([1]);
      const task = await t.api('PUT', '/projects/1/tasks', { title: 'gone' });
      expect((await t.api('DELETE', `/tasks/${task.body.id}`)).status).toBe(200);
      expect(t.sandbox.dump({ includeDeleted: true }).tasks).toHaveLength(0);
      const next = await t.api('PUT', '/projects/1/tasks', { title: 'reuses index' });
      expect(next.body.index).toBe(1);
    } finally {
      await t.sandbox.close();
    }
  });

  it('2.4: /api/v2 exists but the bulk create does not', async () => {
    const t = await startTestSandbox({ version: '2.4.0' });
    try {
      expect((await t.v2('GET', '/tasks')).status).toBe(200);
      const bulk = await t.v2('POST', '/projects/1/tasks/bulk', { tasks: [{ title: 'a' }] });
      expect(bulk.status).toBe(404);
      expect(t.sandbox.dump().tasks).toHaveLength(0);
    } finally {
      await t.sandbox.close();
    }
  });

  it('1.0+: /tasks/all is routed to /tasks/{id} and fails with 400 2004', async () => {
    const t = await startTestSandbox();
    try {
      const res = await t.api('GET', '/tasks/all');
      expect(res.status).toBe(400);
      expect(res.body.code).toBe(2004);
      expect((await t.api('GET', '/tasks')).status).toBe(200);
    } finally {
      await t.sandbox.close();
    }
  });

  it('0.24: /tasks/all instead of /tasks, x-max-right, a single Backlog bucket, string view filters', async () => {
    const t = await startTestSandbox({ version: '0.24.6' });
    try {
      await t.api('PUT', '/projects/1/tasks', { title: 'old' });
      const all = await t.api('GET', '/tasks/all');
      expect(all.status).toBe(200);
      expect(all.body).toHaveLength(1);
      // With an API token an unknown route is refused as unauthorised on 0.24 (API.md §18.2).
      const tasks = await t.api('GET', '/tasks');
      expect(tasks.status).toBe(401);
      const project = await t.api('GET', '/projects/1');
      expect(project.headers.get('x-max-right')).toBe('2');
      expect(project.headers.get('x-max-permission')).toBeNull();
      expect(project.body).toHaveProperty('max_right', 0);
      const kanban = project.body.views.find((v: { view_kind: string }) => v.view_kind === 'kanban');
      expect(kanban.done_bucket_id).toBe(0);
      const buckets = await t.api('GET', `/projects/1/views/${kanban.id}/buckets`);
      expect(buckets.body.map((b: { title: string }) => b.title)).toEqual(['Backlog']);
      const list = project.body.views.find((v: { view_kind: string }) => v.view_kind === 'list');
      expect(list.filter).toBe('done = false');
      expect((await t.v2('GET', '/info')).status).toBe(404);
    } finally {
      await t.sandbox.close();
    }
  });

  it('dev is treated as the latest release', async () => {
    const t = await startTestSandbox({ version: 'dev' });
    try {
      expect((await t.api('GET', '/info')).body.version).toBe('dev');
      expect((await t.v2('POST', '/projects/1/tasks/bulk', { tasks: [{ title: 'a' }] })).status).toBe(201);
    } finally {
      await t.sandbox.close();
    }
  });
});
