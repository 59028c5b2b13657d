import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestClock, startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

interface View {
  id: number;
  view_kind: string;
  default_bucket_id: number;
  done_bucket_id: number;
}

describe('task listings, pagination, search, sort and filter', () => {
  let t: TestSandbox;
  let projectId: number;
  let views: Record<string, View>;
  const ids: Record<string, number> = {};
  const clock = createTestClock('2026-08-01T00:00:00Z');

  beforeAll(async () => {
    t = await startTestSandbox({ now: clock.now, maxItemsPerPage: 5 });
    const project = (await t.api('PUT', '/projects', { title: 'Lists' })).body;
    projectId = project.id;
    views = Object.fromEntries(project.views.map((v: View) => [v.view_kind, v]));
    const specs = [
      { title: 'Alpha report', priority: 3, description: 'quarterly numbers' },
      { title: 'beta launch', priority: 1, done: true },
      { title: 'Gamma', priority: 5, description: 'mentions ALPHA in the body' },
      { title: 'delta', priority: 2, due_date: '2026-09-01T00:00:00Z' },
      { title: 'epsilon', priority: 4, done: true },
      { title: 'zeta', priority: 0 },
      { title: 'eta', priority: 3 },
    ];
    for (const spec of specs) {
      clock.advance(3600);
      const res = await t.api('PUT', `/projects/${projectId}/tasks`, spec);
      ids[spec.title] = res.body.id;
    }
    const archived = (await t.api('PUT', '/projects', { title: 'Archived' })).body;
    await t.api('PUT', `/projects/${archived.id}/tasks`, { title: 'in archived project' });
    await t.api('POST', `/projects/${archived.id}`, { title: 'Archived', is_archived: true });
  });
  afterAll(async () => {
    await t.sandbox.close();
  });

  const titles = (body: { title: string }[]): string[] => body.map((x) => x.title);

  it('GET /projects/{id}/tasks is flat, includes done tasks, ordered by id, position 0', async () => {
    const res = await t.api('GET', `/projects/${projectId}/tasks?page=0`);
    expect(res.status).toBe(200);
    expect(titles(res.body)).toEqual(['Alpha report', 'beta launch', 'Gamma', 'delta', 'epsilon', 'zeta', 'eta']);
    expect(res.body.every((x: { position: number }) => x.position === 0)).toBe(true);
  });

  it('silently caps per_page at max_items_per_page and sets the pagination headers', async () => {
    const res = await t.api('GET', `/projects/${projectId}/tasks?per_page=1000`);
    expect(res.body).toHaveLength(5);
    expect(res.headers.get('x-pagination-total-pages')).toBe('2');
    expect(res.headers.get('x-pagination-result-count')).toBe('5');
    expect(res.headers.get('x-pagination-total-items')).toBeNull();
    const page2 = await t.api('GET', `/projects/${projectId}/tasks?per_page=3&page=2`);
    expect(titles(page2.body)).toEqual(['delta', 'epsilon', 'zeta']);
    expect(page2.headers.get('x-pagination-total-pages')).toBe('3');
    const beyond = await t.api('GET', `/projects/${projectId}/tasks?page=9`);
    expect(beyond.body).toEqual([]);
    expect(beyond.headers.get('x-pagination-total-pages')).toBe('0');
    expect(beyond.headers.get('x-pagination-result-count')).toBe('0');
  });

  it('page=0 returns everything; negative page or per_page → 400', async () => {
    const all = await t.api('GET', `/projects/${projectId}/tasks?page=0`);
    expect(all.body).toHaveLength(7);
    expect((await t.api('GET', `/projects/${projectId}/tasks?page=-1`)).status).toBe(400);
    expect((await t.api('GET', `/projects/${projectId}/tasks?per_page=-1`)).status).toBe(400);
    const zero = await t.api('GET', `/projects/${projectId}/tasks?per_page=0`);
    expect(zero.body).toHaveLength(5);
  });

  it('the List view hides done tasks (view filter AND-ed with the request filter), the Table view does not', async () => {
    const list = await t.api('GET', `/projects/${projectId}/views/${views['list']?.id}/tasks?page=0`);
    expect(titles(list.body)).not.toContain('beta launch');
    expect(list.body).toHaveLength(5);
    const listDone = await t.api('GET', `/projects/${projectId}/views/${views['list']?.id}/tasks?filter=done%20%3D%20true`);
    expect(listDone.body).toEqual([]);
    const table = await t.api('GET', `/projects/${projectId}/views/${views['table']?.id}/tasks?page=0`);
    expect(table.body).toHaveLength(7);
  });

  it('the Kanban view returns buckets with tasks; filter=bucket_id = N returns a flat list', async () => {
    const kanban = views['kanban'];
    const res = await t.api('GET', `/projects/${projectId}/views/${kanban?.id}/tasks`);
    expect(res.status).toBe(200);
    expect(res.body.map((b: { title: string; count: number }) => [b.title, b.count])).toEqual([
      ['To-Do', 5],
      ['Doing', 0],
      ['Done', 2],
    ]);
    expect(res.headers.get('x-pagination-result-count')).toBe('3');
    const done = res.body[2];
    expect(titles(done.tasks).sort()).toEqual(['beta launch', 'epsilon']);
    expect(done.tasks.every((x: { bucket_id: number }) => x.bucket_id === kanban?.done_bucket_id)).toBe(true);
    const flat = await t.api('GET', `/projects/${projectId}/views/${kanban?.id}/tasks?filter=${encodeURIComponent(`bucket_id = ${kanban?.done_bucket_id}`)}`);
    expect(flat.body).toHaveLength(2);
    expect(flat.body[0]).toHaveProperty('title');
    expect(flat.body[0]).not.toHaveProperty('tasks');
  });

  it('GET /tasks covers non-archived projects only', async () => {
    const res = await t.api('GET', '/tasks?page=0');
    expect(titles(res.body)).not.toContain('in archived project');
    expect(res.body).toHaveLength(7);
  });

  it('s: case-insensitive substring on title or description; #N and N match the index', async () => {
    expect(titles((await t.api('GET', `/projects/${projectId}/tasks?s=alpha`)).body)).toEqual(['Alpha report', 'Gamma']);
    expect(titles((await t.api('GET', `/projects/${projectId}/tasks?s=%234`)).body)).toEqual(['delta']);
    expect(titles((await t.api('GET', `/projects/${projectId}/tasks?s=6`)).body)).toEqual(['zeta']);
  });

  it('sort_by/order_by with the id tie-breaker; bad params → 4013/4014', async () => {
    const byPriority = await t.api('GET', `/projects/${projectId}/tasks?page=0&sort_by=priority&order_by=desc`);
    expect(titles(byPriority.body)).toEqual(['Gamma', 'epsilon', 'Alpha report', 'eta', 'delta', 'beta launch', 'zeta']);
    const multi = await t.api('GET', `/projects/${projectId}/tasks?page=0&sort_by=done&sort_by=title&order_by=asc&order_by=desc`);
    expect(titles(multi.body)).toEqual(['zeta', 'eta', 'delta', 'Gamma', 'Alpha report', 'epsilon', 'beta launch']);
    const php = await t.api('GET', `/projects/${projectId}/tasks?page=0&sort_by[]=id&order_by[]=desc`);
    expect(php.body[0].title).toBe('eta');
    const badField = await t.api('GET', `/projects/${projectId}/tasks?sort_by=nope`);
    expect(badField.status).toBe(400);
    expect(badField.body.code).toBe(4013);
    const badOrder = await t.api('GET', `/projects/${projectId}/tasks?sort_by=id&order_by=sideways`);
    expect(badOrder.body.code).toBe(4014);
  });

  it('filter: done, updated comparisons (RFC 3339 and 2006-01-02), id in, project, &&, ||, parentheses', async () => {
    const q = async (filter: string): Promise<string[]> => {
      const res = await t.api('GET', `/tasks?page=0&filter=${encodeURIComponent(filter)}`);
      expect(res.status, filter).toBe(200);
      return titles(res.body);
    };
    expect(await q('done = true')).toEqual(['beta launch', 'epsilon']);
    expect(await q('updated > 2026-08-01T05:00:00Z')).toEqual(['zeta', 'eta']);
    expect(await q('updated >= 2026-08-01T05:00:00Z')).toEqual(['epsilon', 'zeta', 'eta']);
    expect(await q('updated < 2026-08-01T02:00:00Z')).toEqual(['Alpha report']);
    expect(await q('created > 2026-08-01')).toHaveLength(7);
    expect(await q(`id in ${ids['Gamma']},${ids['zeta']}`)).toEqual(['Gamma', 'zeta']);
    expect(await q(`project = ${projectId} && priority >= 4`)).toEqual(['Gamma', 'epsilon']);
    expect(await q('priority = 5 || priority = 1')).toEqual(['beta launch', 'Gamma']);
    expect(await q('(priority = 5 || priority = 1) && done = false')).toEqual(['Gamma']);
    expect(await q('due_date < 2026-12-31')).toEqual(['delta']);
    expect(await q('title like alp')).toEqual(['Alpha report']);
  });

  it('filter_include_nulls also returns unset values', async () => {
    const res = await t.api('GET', `/tasks?page=0&filter=${encodeURIComponent('due_date < 2026-12-31')}&filter_include_nulls=true`);
    expect(res.body).toHaveLength(7);
  });

  it('bad filters: unknown field 4016, unparsable 4024, bad value 4019', async () => {
    const field = await t.api('GET', `/tasks?filter=${encodeURIComponent('nope = 1')}`);
    expect(field.status).toBe(400);
    expect(field.body.code).toBe(4016);
    const syntax = await t.api('GET', `/tasks?filter=${encodeURIComponent('done = true &&')}`);
    expect(syntax.status).toBe(400);
    expect(syntax.body.code).toBe(4024);
    const value = await t.api('GET', `/tasks?filter=${encodeURIComponent('updated > yesterday')}`);
    expect(value.status).toBe(400);
    expect(value.body.code).toBe(4019);
  });

  it('a saved filter pseudo-project lists the matching tasks', async () => {
    const res = await t.api('GET', '/projects/-2/tasks?page=0');
    expect(res.status).toBe(200);
    expect(titles(res.body)).toEqual(['Alpha report', 'Gamma', 'delta', 'zeta', 'eta']);
  });
});
