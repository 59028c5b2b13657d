import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

interface View {
  id: number;
  title: string;
  view_kind: string;
  position: number;
  filter: { filter: string } | null;
  bucket_configuration_mode: string;
  default_bucket_id: number;
  done_bucket_id: number;
}

function viewOf(project: { views: View[] }, kind: string): View {
  const view = project.views.find((v) => v.view_kind === kind);
  if (view === undefined) throw new Error(`no ${kind} view`);
  return view;
}

describe('projects, views and buckets', () => {
  let t: TestSandbox;
  beforeEach(async () => {
    t = await startTestSandbox();
  });
  afterEach(async () => {
    await t.sandbox.close();
  });

  it('starts with the Inbox and the "My Open Tasks" saved filter (id −2)', async () => {
    const res = await t.api('GET', '/projects');
    expect(res.status).toBe(200);
    expect(res.body.map((p: { id: number; title: string }) => [p.id, p.title])).toEqual([
      [1, 'Inbox'],
      [-2, 'My Open Tasks'],
    ]);
    const state = t.sandbox.dump();
    expect(state.users).toEqual([expect.objectContaining({ id: 1 })]);
    expect(state.savedFilters).toEqual([expect.objectContaining({ id: 1, title: 'My Open Tasks', filter: 'done = false' })]);
    expect(state.projects[0]?.views.map((v) => v.title)).toEqual(['List', 'Gantt', 'Table', 'Kanban']);
  });

  it('PUT /projects → 201 with the four default views and To-Do/Doing/Done buckets', async () => {
    const res = await t.api('PUT', '/projects', { title: 'Memory bank', identifier: 'mb', hex_color: '#aabbcc' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ title: 'Memory bank', identifier: 'MB', hex_color: 'aabbcc', parent_project_id: 0, is_archived: false });
    const views: View[] = res.body.views;
    expect(views.map((v) => [v.title, v.view_kind, v.position])).toEqual([
      ['List', 'list', 100],
      ['Gantt', 'gantt', 200],
      ['Table', 'table', 300],
      ['Kanban', 'kanban', 400],
    ]);
    expect(viewOf(res.body, 'list').filter?.filter).toBe('done = false');
    const kanban = viewOf(res.body, 'kanban');
    expect(kanban.bucket_configuration_mode).toBe('manual');
    const buckets = await t.api('GET', `/projects/${res.body.id}/views/${kanban.id}/buckets`);
    expect(buckets.status).toBe(200);
    expect(buckets.body.map((b: { id: number; title: string }) => b.title)).toEqual(['To-Do', 'Doing', 'Done']);
    expect(kanban.default_bucket_id).toBe(buckets.body[0].id);
    expect(kanban.done_bucket_id).toBe(buckets.body[2].id);
  });

  it('validates titles with 412 invalid_fields and enforces identifier uniqueness with 400 3007', async () => {
    const noTitle = await t.api('PUT', '/projects', { description: 'x' });
    expect(noTitle.status).toBe(412);
    expect(noTitle.body).toEqual({ code: 2002, message: 'Invalid Data', invalid_fields: ['title: non zero value required'] });
    const longIdent = await t.api('PUT', '/projects', { title: 'x', identifier: 'ABCDEFGHIJK' });
    expect(longIdent.status).toBe(412);
    await t.api('PUT', '/projects', { title: 'A', identifier: 'dup' });
    const clash = await t.api('PUT', '/projects', { title: 'B', identifier: 'DUP' });
    expect(clash.status).toBe(400);
    expect(clash.body.code).toBe(3007);
  });

  it('GET /projects/{id}: 404 3001 for a missing project', async () => {
    const res = await t.api('GET', '/projects/999');
    expect(res.status).toBe(404);
    expect(res.body.code).toBe(3001);
  });

  it('POST /projects/{id} replaces per §5.2: title required, description kept when empty, favourite cleared', async () => {
    const created = await t.api('PUT', '/projects', { title: 'P', description: '<p>keep</p>', identifier: 'P1', is_favorite: true, hex_color: 'ff0000' });
    const id = created.body.id;
    const noTitle = await t.api('POST', `/projects/${id}`, { description: 'y' });
    expect(noTitle.status).toBe(412);
    expect(noTitle.body.invalid_fields).toEqual(['title: non zero value required']);
    const updated = await t.api('POST', `/projects/${id}`, { title: 'P renamed' });
    expect(updated.status).toBe(200);
    expect(updated.body).toMatchObject({ title: 'P renamed', description: '<p>keep</p>', identifier: '', hex_color: '', is_favorite: false });
  });

  it('lists projects by position, pages only real projects and appends pseudo-projects to every page', async () => {
    for (const title of ['B', 'C', 'D']) await t.api('PUT', '/projects', { title });
    await t.api('PUT', '/projects', { title: 'first', position: 1 });
    const page1 = await t.api('GET', '/projects?per_page=2&page=1');
    expect(page1.body.map((p: { title: string }) => p.title)).toEqual(['first', 'Inbox', 'My Open Tasks']);
    expect(page1.headers.get('x-pagination-total-pages')).toBe('3');
    const page3 = await t.api('GET', '/projects?per_page=2&page=3');
    expect(page3.body.map((p: { title: string }) => p.title)).toEqual(['D', 'My Open Tasks']);
  });

  it('adds the Favorites pseudo-project (id −1) while a task is favourite', async () => {
    const task = await t.api('PUT', '/projects/1/tasks', { title: 'fav', is_favorite: true });
    const ids = (await t.api('GET', '/projects')).body.map((p: { id: number }) => p.id);
    expect(ids).toEqual([-1, 1, -2]);
    const favTasks = await t.api('GET', '/projects/-1/tasks');
    expect(favTasks.body.map((x: { id: number }) => x.id)).toEqual([task.body.id]);
    await t.api('POST', `/tasks/${task.body.id}`, { title: 'fav' });
    expect((await t.api('GET', '/projects')).body.map((p: { id: number }) => p.id)).toEqual([1, -2]);
  });

  it('excludes archived projects unless is_archived=true; archived projects refuse new tasks (412 3008)', async () => {
    const p = await t.api('PUT', '/projects', { title: 'Old' });
    const child = await t.api('PUT', '/projects', { title: 'Old child', parent_project_id: p.body.id });
    await t.api('PUT', `/projects/${child.body.id}/tasks`, { title: 'hidden' });
    const archived = await t.api('POST', `/projects/${p.body.id}`, { title: 'Old', is_archived: true });
    expect(archived.body.is_archived).toBe(true);
    const titles = (await t.api('GET', '/projects')).body.map((x: { title: string }) => x.title);
    expect(titles).not.toContain('Old');
    expect(titles).not.toContain('Old child');
    const withArchived = await t.api('GET', '/projects?is_archived=true');
    expect(withArchived.body.map((x: { title: string }) => x.title)).toEqual(expect.arrayContaining(['Old', 'Old child']));
    const create = await t.api('PUT', `/projects/${child.body.id}/tasks`, { title: 'nope' });
    expect(create.status).toBe(412);
    expect(create.body.code).toBe(3008);
    expect((await t.api('GET', '/tasks')).body).toHaveLength(0);
    const inbox = await t.api('POST', '/projects/1', { title: 'Inbox', is_archived: true });
    expect(inbox.status).toBe(412);
    expect(inbox.body.code).toBe(3013);
  });

  it('DELETE /projects/{id} deletes its tasks and children; the default project cannot be deleted', async () => {
    const p = await t.api('PUT', '/projects', { title: 'Doomed' });
    const child = await t.api('PUT', '/projects', { title: 'Doomed child', parent_project_id: p.body.id });
    const task = await t.api('PUT', `/projects/${child.body.id}/tasks`, { title: 'x' });
    const res = await t.api('DELETE', `/projects/${p.body.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'Successfully deleted.' });
    expect((await t.api('GET', `/projects/${child.body.id}`)).status).toBe(404);
    expect((await t.api('GET', `/tasks/${task.body.id}`)).status).toBe(404);
    const inbox = await t.api('DELETE', '/projects/1');
    expect(inbox.status).toBe(412);
    expect(inbox.body.code).toBe(3012);
  });

  it('GET /projects/{p}/views and 404 3014 for a view of another project', async () => {
    const p = await t.api('PUT', '/projects', { title: 'V' });
    const views = await t.api('GET', `/projects/${p.body.id}/views`);
    expect(views.status).toBe(200);
    expect(views.body).toHaveLength(4);
    const foreign = await t.api('GET', `/projects/${p.body.id}/views/1`);
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe(3014);
  });

  it('creates buckets (title required) and refuses to delete the last one', async () => {
    const p = await t.api('PUT', '/projects', { title: 'K' });
    const kanban = viewOf(p.body, 'kanban');
    const base = `/projects/${p.body.id}/views/${kanban.id}/buckets`;
    const bad = await t.api('PUT', base, { limit: 3 });
    expect(bad.status).toBe(412);
    const blocked = await t.api('PUT', base, { title: 'Blocked', position: 150000 });
    expect(blocked.status).toBe(201);
    expect(blocked.body).toMatchObject({ title: 'Blocked', project_view_id: kanban.id, position: 150000 });
    const titles = (await t.api('GET', base)).body.map((b: { title: string }) => b.title);
    expect(titles).toEqual(['To-Do', 'Doing', 'Blocked', 'Done']);
    for (const b of (await t.api('GET', base)).body.slice(0, 3)) expect((await t.api('DELETE', `${base}/${b.id}`)).status).toBe(200);
    const remaining = (await t.api('GET', base)).body;
    expect(remaining).toHaveLength(1);
    const last = await t.api('DELETE', `${base}/${remaining[0].id}`);
    expect(last.status).toBe(412);
    expect(last.body.code).toBe(10003);
  });

  it('moving a task into the done bucket marks it done (mirrored in other kanban views) and out of it undone', async () => {
    const p = await t.api('PUT', '/projects', { title: 'Board' });
    const kanban = viewOf(p.body, 'kanban');
    const second = await t.api('PUT', `/projects/${p.body.id}/views`, { title: 'Board 2', view_kind: 'kanban', bucket_configuration_mode: 'manual' });
    expect(second.status).toBe(201);
    expect(second.body.done_bucket_id).toBeGreaterThan(0);
    const task = await t.api('PUT', `/projects/${p.body.id}/tasks`, { title: 'move me' });
    const moved = await t.api('POST', `/projects/${p.body.id}/views/${kanban.id}/buckets/${kanban.done_bucket_id}/tasks`, { task_id: task.body.id });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ bucket_id: kanban.done_bucket_id, task_id: task.body.id, project_view_id: kanban.id });
    expect(moved.body.task.done).toBe(true);
    const read = await t.api('GET', `/tasks/${task.body.id}`);
    expect(read.body.done).toBe(true);
    expect(read.body.done_at).not.toBe('0001-01-01T00:00:00Z');
    const rows = t.sandbox.dump().taskBuckets.filter((r) => r.task_id === task.body.id);
    expect(rows).toEqual(
      expect.arrayContaining([
        { task_id: task.body.id, project_view_id: kanban.id, bucket_id: kanban.done_bucket_id },
        { task_id: task.body.id, project_view_id: second.body.id, bucket_id: second.body.done_bucket_id },
      ]),
    );
    const back = await t.api('POST', `/projects/${p.body.id}/views/${kanban.id}/buckets/${kanban.default_bucket_id}/tasks`, { task_id: task.body.id });
    expect(back.body.task.done).toBe(false);
    expect(back.body.task.done_at).toBe('0001-01-01T00:00:00Z');
    const after = t.sandbox.dump().taskBuckets.find((r) => r.task_id === task.body.id && r.project_view_id === second.body.id);
    expect(after?.bucket_id).toBe(second.body.default_bucket_id);
  });

  it('bucket move errors: unknown bucket 404 10001, bucket of another view 400 10002, unknown task 404 4002, limit 412 10004', async () => {
    const p = await t.api('PUT', '/projects', { title: 'Errors' });
    const kanban = viewOf(p.body, 'kanban');
    const base = `/projects/${p.body.id}/views/${kanban.id}/buckets`;
    const task = await t.api('PUT', `/projects/${p.body.id}/tasks`, { title: 't' });
    expect((await t.api('POST', `${base}/9999/tasks`, { task_id: task.body.id })).body.code).toBe(10001);
    const inboxKanban = viewOf((await t.api('GET', '/projects/1')).body, 'kanban');
    const other = await t.api('POST', `${base}/${inboxKanban.default_bucket_id}/tasks`, { task_id: task.body.id });
    expect(other.status).toBe(400);
    expect(other.body.code).toBe(10002);
    const missing = await t.api('POST', `${base}/${kanban.done_bucket_id}/tasks`, { task_id: 9999 });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(4002);
    const limited = await t.api('PUT', base, { title: 'One only', limit: 1 });
    expect((await t.api('POST', `${base}/${limited.body.id}/tasks`, { task_id: task.body.id })).status).toBe(200);
    const task2 = await t.api('PUT', `/projects/${p.body.id}/tasks`, { title: 't2' });
    const full = await t.api('POST', `${base}/${limited.body.id}/tasks`, { task_id: task2.body.id });
    expect(full.status).toBe(412);
    expect(full.body.code).toBe(10004);
  });
});
