import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClock, startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

const ZERO = '0001-01-01T00:00:00Z';

interface Project {
  id: number;
  views: { id: number; view_kind: string; default_bucket_id: number; done_bucket_id: number }[];
}

function kanbanOf(project: Project): Project['views'][number] {
  const view = project.views.find((v) => v.view_kind === 'kanban');
  if (view === undefined) throw new Error('no kanban view');
  return view;
}

describe('tasks (v1)', () => {
  let t: TestSandbox;
  let project: Project;
  const clock = createTestClock('2026-08-01T10:00:00Z');

  beforeEach(async () => {
    clock.set('2026-08-01T10:00:00Z');
    t = await startTestSandbox({ now: clock.now });
    project = (await t.api('PUT', '/projects', { title: 'Tasks', identifier: 'TSK' })).body;
  });
  afterEach(async () => {
    await t.sandbox.close();
  });

  it('creates with 201 and renders Vikunja zero values (null slices, zero dates, identifier)', async () => {
    const res = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'First' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      title: 'First',
      description: '',
      done: false,
      done_at: ZERO,
      due_date: ZERO,
      labels: null,
      assignees: null,
      attachments: null,
      reminders: null,
      related_tasks: null,
      project_id: project.id,
      index: 1,
      identifier: 'TSK-1',
      created: '2026-08-01T10:00:00Z',
      updated: '2026-08-01T10:00:00Z',
    });
    const read = await t.api('GET', `/tasks/${res.body.id}`);
    expect(read.status).toBe(200);
    expect(read.headers.get('x-max-permission')).toBe('2');
    expect(read.body.related_tasks).toEqual({});
    expect(read.body.labels).toBeNull();
    const inbox = await t.api('PUT', '/projects/1/tasks', { title: 'no identifier' });
    expect(inbox.body.identifier).toBe('#1');
  });

  it('rejects an empty title with 400 4001 and an unknown project with 404 3001', async () => {
    const empty = await t.api('PUT', `/projects/${project.id}/tasks`, { title: '' });
    expect(empty.status).toBe(400);
    expect(empty.body.code).toBe(4001);
    const missing = await t.api('PUT', '/projects/999/tasks', { title: 'x' });
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(3001);
  });

  it('lets the body project_id override the URL; project_id 0 → 404 3001 (gotcha 4)', async () => {
    const moved = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'to inbox', project_id: 1 });
    expect(moved.status).toBe(201);
    expect(moved.body.project_id).toBe(1);
    const zero = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'x', project_id: 0 });
    expect(zero.status).toBe(404);
    expect(zero.body.code).toBe(3001);
  });

  it('places tasks without position ABOVE existing ones in every view; explicit positions are used as-is', async () => {
    const a = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'A' });
    const b = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'B' });
    const c = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'C', position: 10 });
    expect(b.body.position).toBeLessThan(a.body.position);
    expect(a.body.position).toBe(65536);
    expect(b.body.position).toBe(0);
    const table = project.views.find((v) => v.view_kind === 'table');
    const listed = await t.api('GET', `/projects/${project.id}/views/${table?.id}/tasks`);
    expect(listed.body.map((x: { title: string; position: number }) => [x.title, x.position])).toEqual([
      ['B', 0],
      ['C', 10],
      ['A', 65536],
    ]);
    const positions = t.sandbox.dump().taskPositions.filter((p) => p.task_id === c.body.id);
    expect(positions).toHaveLength(4);
    expect(positions.every((p) => p.position === 10)).toBe(true);
  });

  it('honours bucket_id on create (404 10001 for a bucket outside the project) and done:true → done bucket', async () => {
    const kanban = kanbanOf(project);
    const buckets = (await t.api('GET', `/projects/${project.id}/views/${kanban.id}/buckets`)).body;
    const doing = buckets[1].id;
    const inDoing = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'doing', bucket_id: doing });
    expect(inDoing.status).toBe(201);
    const done = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'done', done: true });
    const intoDone = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'into done', bucket_id: kanban.done_bucket_id });
    expect(intoDone.body.done).toBe(true);
    const rows = t.sandbox.dump().taskBuckets;
    expect(rows.find((r) => r.task_id === inDoing.body.id)?.bucket_id).toBe(doing);
    expect(rows.find((r) => r.task_id === done.body.id)?.bucket_id).toBe(kanban.done_bucket_id);
    const foreign = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'x', bucket_id: 1 });
    expect(foreign.status).toBe(404);
    expect(foreign.body.code).toBe(10001);
  });

  it('keeps a free index, replaces a taken one, and ignores done_at on create (server-set, API.md §17.7)', async () => {
    const free = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'i7', index: 7 });
    expect(free.body.index).toBe(7);
    expect(free.body.identifier).toBe('TSK-7');
    const taken = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'again 7', index: 7 });
    expect(taken.body.index).toBe(8);
    const doneAt = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'old', done: true, done_at: '2025-03-04T05:06:07+02:00' });
    expect((await t.api('GET', `/tasks/${doneAt.body.id}`)).body.done_at).toBe(ZERO);
    const doneNoDate = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'done, no date', done: true });
    expect(doneNoDate.body.done_at).toBe(ZERO);
  });

  it('GET /tasks/{id}: bucket_id 0 unless expand=buckets', async () => {
    const task = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'b' });
    expect((await t.api('GET', `/tasks/${task.body.id}`)).body.bucket_id).toBe(0);
    const expanded = await t.api('GET', `/tasks/${task.body.id}?expand=buckets`);
    expect(expanded.body.bucket_id).toBe(kanbanOf(project).default_bucket_id);
    expect(expanded.body.buckets).toHaveLength(1);
    expect((await t.api('GET', `/tasks/${task.body.id}?expand=nonsense`)).status).toBe(412);
    const missing = await t.api('GET', '/tasks/4242');
    expect(missing.status).toBe(404);
    expect(missing.body.code).toBe(4002);
  });

  it('POST /tasks/{id} is a full replace: omitted fields are zeroed, assignees/reminders cleared (gotcha 2)', async () => {
    const full = await t.api('PUT', `/projects/${project.id}/tasks`, {
      title: 'Full',
      description: '<p>desc</p>',
      priority: 4,
      due_date: '2026-09-01T12:00:00Z',
      start_date: '2026-08-20T12:00:00Z',
      end_date: '2026-08-25T12:00:00Z',
      repeat_after: 3600,
      repeat_mode: 0,
      hex_color: '#ABCDEF',
      percent_done: 0.5,
      is_favorite: true,
      assignees: [{ id: 1 }],
      reminders: [{ relative_to: 'due_date', relative_period: -3600 }],
    });
    expect(full.status).toBe(201);
    expect(full.body.hex_color).toBe('ABCDEF');
    expect(full.body.assignees).toHaveLength(1);
    expect(full.body.reminders).toEqual([{ reminder: '2026-09-01T11:00:00Z', relative_period: -3600, relative_to: 'due_date' }]);
    clock.advance(5);
    const res = await t.api('POST', `/tasks/${full.body.id}`, { title: '' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      title: 'Full',
      description: '',
      priority: 0,
      due_date: ZERO,
      start_date: ZERO,
      end_date: ZERO,
      repeat_after: 0,
      hex_color: '',
      percent_done: 0,
      is_favorite: false,
      assignees: null,
      reminders: null,
      project_id: project.id,
      updated: '2026-08-01T10:00:05Z',
    });
  });

  it('uses the body id over the URL id (gotcha 4) and ignores labels, bucket_id and position in updates', async () => {
    const a = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'A' });
    const b = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'B' });
    const label = await t.api('PUT', '/labels', { title: 'ignored' });
    const res = await t.api('POST', `/tasks/${a.body.id}`, {
      id: b.body.id,
      title: 'B via A',
      labels: [{ id: label.body.id }],
      bucket_id: kanbanOf(project).done_bucket_id,
      position: 1,
    });
    expect(res.status).toBe(200);
    expect(res.body.id).toBe(b.body.id);
    // The answer echoes the labels sent (API.md §17.3); a read shows none were attached.
    expect(res.body.labels).toEqual([{ id: label.body.id }]);
    expect((await t.api('GET', `/tasks/${b.body.id}`)).body.labels).toBeNull();
    expect((await t.api('GET', `/tasks/${a.body.id}`)).body.title).toBe('A');
    expect((await t.api('GET', `/tasks/${b.body.id}`)).body.title).toBe('B via A');
    const row = t.sandbox.dump().taskBuckets.find((r) => r.task_id === b.body.id);
    expect(row?.bucket_id).toBe(kanbanOf(project).default_bucket_id);
  });

  it('done false→true moves to the done bucket and sets done_at; true→false moves back and zeroes done_at', async () => {
    const kanban = kanbanOf(project);
    const task = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'flip' });
    clock.advance(60);
    const done = await t.api('POST', `/tasks/${task.body.id}`, { title: 'flip', done: true });
    expect(done.body.done).toBe(true);
    expect(done.body.done_at).toBe('2026-08-01T10:01:00Z');
    const bucketOf = (): number | undefined => t.sandbox.dump().taskBuckets.find((r) => r.task_id === task.body.id)?.bucket_id;
    expect(bucketOf()).toBe(kanban.done_bucket_id);
    const undone = await t.api('POST', `/tasks/${task.body.id}`, { title: 'flip', done: false });
    expect(undone.body.done).toBe(false);
    expect(undone.body.done_at).toBe(ZERO);
    expect(bucketOf()).toBe(kanban.default_bucket_id);
  });

  it('marking a repeating task done re-opens it and shifts its dates', async () => {
    const task = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'daily', repeat_after: 86400, due_date: '2026-08-01T09:00:00Z' });
    const res = await t.api('POST', `/tasks/${task.body.id}`, { ...task.body, done: true });
    expect(res.body.done).toBe(false);
    expect(res.body.due_date).toBe('2026-08-02T09:00:00Z');
  });

  it('repeat_mode 2 repeats from the completion date; repeat_mode 1 adds a month', async () => {
    const fromNow = await t.api('PUT', `/projects/${project.id}/tasks`, {
      title: 'from now',
      repeat_after: 3600,
      repeat_mode: 2,
      due_date: '2026-07-01T00:00:00Z',
      start_date: '2026-06-30T00:00:00Z',
    });
    const done = await t.api('POST', `/tasks/${fromNow.body.id}`, { ...fromNow.body, done: true });
    expect(done.body).toMatchObject({ done: false, due_date: '2026-08-01T11:00:00Z', start_date: '2026-07-31T11:00:00Z' });
    const monthly = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'monthly', repeat_mode: 1, due_date: '2026-01-31T08:00:00Z' });
    const next = await t.api('POST', `/tasks/${monthly.body.id}`, { ...monthly.body, done: true });
    expect(next.body).toMatchObject({ done: false, due_date: '2026-03-03T08:00:00Z' });
  });

  it('moves a task to another project through project_id (new index, buckets reset)', async () => {
    const task = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'mover' });
    await t.api('PUT', '/projects/1/tasks', { title: 'inbox 1' });
    const res = await t.api('POST', `/tasks/${task.body.id}`, { title: 'mover', project_id: 1 });
    expect(res.body.project_id).toBe(1);
    expect(res.body.index).toBe(2);
    const inboxKanban = kanbanOf((await t.api('GET', '/projects/1')).body);
    expect(t.sandbox.dump().taskBuckets.filter((r) => r.task_id === task.body.id)).toEqual([
      { task_id: task.body.id, project_view_id: inboxKanban.id, bucket_id: inboxKanban.default_bucket_id },
    ]);
  });

  it('dates: RFC 3339 in, UTC Z out at second precision; null and the zero string clear; "" and date-only → 400 2004', async () => {
    const task = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'dates', due_date: '2026-12-24T18:30:15.987+01:00' });
    // The create answer echoes the bound value (API.md §17.3); the row keeps UTC whole seconds.
    expect(task.body.due_date).toBe('2026-12-24T18:30:15.987+01:00');
    expect((await t.api('GET', `/tasks/${task.body.id}`)).body.due_date).toBe('2026-12-24T17:30:15Z');
    const cleared = await t.api('POST', `/tasks/${task.body.id}`, { ...task.body, due_date: null, start_date: ZERO });
    expect(cleared.body.due_date).toBe(ZERO);
    expect(cleared.body.start_date).toBe(ZERO);
    for (const bad of ['', '2026-01-01', '2026-01-01 10:00:00', 20260101]) {
      const res = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'bad', due_date: bad });
      expect(res.status, String(bad)).toBe(400);
      expect(res.body.code).toBe(2004);
    }
  });

  it('hex_color loses its # and is cut to 6 characters; more than 7 is 412', async () => {
    const hash = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'c', hex_color: '#1E90ff' });
    expect(hash.body.hex_color).toBe('1E90ff');
    const seven = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'c', hex_color: '1e90ffa' });
    expect(seven.body.hex_color).toBe('1e90ff');
    const long = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'c', hex_color: '#1e90ffa' });
    expect(long.status).toBe(412);
    expect(long.body.code).toBe(2002);
  });

  it('repeat_after out of range → 400 4029; relative reminder without relative_to → 400 4022', async () => {
    const repeat = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'r', repeat_after: 315360001 });
    expect(repeat.status).toBe(400);
    expect(repeat.body.code).toBe(4029);
    const reminder = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'r', reminders: [{ relative_period: 60 }] });
    expect(reminder.status).toBe(400);
    expect(reminder.body.code).toBe(4022);
  });

  it('DELETE soft-deletes (2.4+): 200 message, 404 afterwards, index stays reserved, dump hides it unless asked', async () => {
    const first = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'one' });
    const second = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'two' });
    const res = await t.api('DELETE', `/tasks/${second.body.id}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ message: 'Successfully deleted.' });
    const read = await t.api('GET', `/tasks/${second.body.id}`);
    expect(read.status).toBe(404);
    expect(read.body.code).toBe(4002);
    expect((await t.api('DELETE', `/tasks/${second.body.id}`)).status).toBe(404);
    const third = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'three' });
    expect(third.body.index).toBe(3);
    expect(t.sandbox.dump().tasks.map((x) => x.id)).toEqual([first.body.id, third.body.id]);
    const withDeleted = t.sandbox.dump({ includeDeleted: true }).tasks.find((x) => x.id === second.body.id);
    expect(withDeleted?.deleted_at).toBe('2026-08-01T10:00:00Z');
    expect(t.sandbox.dump({ includeDeleted: true }).taskBuckets.some((r) => r.task_id === second.body.id)).toBe(false);
    const listed = await t.api('GET', `/projects/${project.id}/tasks`);
    expect(listed.body.map((x: { id: number }) => x.id)).toEqual([first.body.id, third.body.id]);
  });

  it('GET /projects/{id}/tasks/by-index/{index} finds by id or identifier', async () => {
    const task = await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'by index' });
    expect((await t.api('GET', `/projects/${project.id}/tasks/by-index/1`)).body.id).toBe(task.body.id);
    expect((await t.api('GET', '/projects/TSK/tasks/by-index/1')).body.id).toBe(task.body.id);
    expect((await t.api('GET', '/projects/TSK/tasks/by-index/9')).status).toBe(404);
  });

  it('dump() is a deep copy', async () => {
    await t.api('PUT', `/projects/${project.id}/tasks`, { title: 'original' });
    const dump = t.sandbox.dump();
    const task = dump.tasks[0];
    if (task !== undefined) task.title = 'mutated';
    expect(t.sandbox.dump().tasks[0]?.title).toBe('original');
    expect(JSON.parse(JSON.stringify(t.sandbox.dump()))).toEqual(t.sandbox.dump());
  });
});
