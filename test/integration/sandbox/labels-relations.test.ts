import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createTestClock, startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

describe('labels, relations, comments, assignees and /tasks/bulk', () => {
  let t: TestSandbox;
  let projectId: number;
  const clock = createTestClock('2026-08-01T00:00:00Z');

  beforeEach(async () => {
    clock.set('2026-08-01T00:00:00Z');
    t = await startTestSandbox({ now: clock.now });
    projectId = (await t.api('PUT', '/projects', { title: 'Links' })).body.id;
  });
  afterEach(async () => {
    await t.sandbox.close();
  });

  const newTask = async (title: string, extra: Record<string, unknown> = {}): Promise<{ id: number; [key: string]: unknown }> =>
    (await t.api('PUT', `/projects/${projectId}/tasks`, { title, ...extra })).body;

  describe('labels', () => {
    it('allows duplicate titles; GET /labels?s= is a case-insensitive substring; numeric s means ids', async () => {
      const a = await t.api('PUT', '/labels', { title: 'Backend', hex_color: '#00ff00' });
      expect(a.status).toBe(201);
      expect(a.body).toMatchObject({ title: 'Backend', hex_color: '00ff00', created_by: { id: 1 } });
      const dup = await t.api('PUT', '/labels', { title: 'Backend' });
      expect(dup.status).toBe(201);
      expect(dup.body.id).not.toBe(a.body.id);
      const c = await t.api('PUT', '/labels', { title: 'frontend' });
      await t.api('PUT', '/labels', { title: `label ${a.body.id}` });
      const search = await t.api('GET', '/labels?s=END');
      expect(search.body.map((l: { id: number }) => l.id)).toEqual([a.body.id, dup.body.id, c.body.id]);
      const byId = await t.api('GET', `/labels?s=${a.body.id}`);
      expect(byId.body.map((l: { id: number }) => l.id)).toEqual([a.body.id]);
      const byIds = await t.api('GET', `/labels?s=${encodeURIComponent(`${a.body.id},${c.body.id}`)}`);
      expect(byIds.body.map((l: { id: number }) => l.id)).toEqual([a.body.id, c.body.id]);
    });

    it('GET/POST/DELETE /labels/{id} with 404 8002', async () => {
      const label = await t.api('PUT', '/labels', { title: 'x', description: 'd' });
      const read = await t.api('GET', `/labels/${label.body.id}`);
      expect(read.headers.get('x-max-permission')).toBe('2');
      const updated = await t.api('POST', `/labels/${label.body.id}`, { title: 'y' });
      expect(updated.body).toMatchObject({ title: 'y', description: '' });
      expect((await t.api('DELETE', `/labels/${label.body.id}`)).body).toEqual({ message: 'Successfully deleted.' });
      const missing = await t.api('GET', `/labels/${label.body.id}`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe(8002);
    });

    it('attach 201 {label_id, created}, again 400 8001, detach unattached 403, bulk replace 201; each bumps updated', async () => {
      const task = await newTask('labelled');
      const l1 = (await t.api('PUT', '/labels', { title: 'one' })).body;
      const l2 = (await t.api('PUT', '/labels', { title: 'two' })).body;
      clock.advance(10);
      const attach = await t.api('PUT', `/tasks/${task.id}/labels`, { label_id: l1.id });
      expect(attach.status).toBe(201);
      expect(attach.body).toEqual({ label_id: l1.id, created: '2026-08-01T00:00:10Z' });
      expect((await t.api('GET', `/tasks/${task.id}`)).body.updated).toBe('2026-08-01T00:00:10Z');
      const again = await t.api('PUT', `/tasks/${task.id}/labels`, { label_id: l1.id });
      expect(again.status).toBe(400);
      expect(again.body.code).toBe(8001);
      const missingLabel = await t.api('PUT', `/tasks/${task.id}/labels`, { label_id: 999 });
      expect(missingLabel.status).toBe(404);
      const detach = await t.api('DELETE', `/tasks/${task.id}/labels/${l2.id}`);
      expect(detach.status).toBe(403);
      expect(detach.body).toEqual({ code: 0, message: 'Forbidden' });
      const read = await t.api('GET', `/tasks/${task.id}`);
      expect(read.body.labels.map((l: { id: number }) => l.id)).toEqual([l1.id]);
      clock.advance(10);
      const bulk = await t.api('POST', `/tasks/${task.id}/labels/bulk`, { labels: [{ id: l2.id }] });
      expect(bulk.status).toBe(201);
      const list = await t.api('GET', `/tasks/${task.id}/labels`);
      expect(list.body.map((l: { id: number }) => l.id)).toEqual([l2.id]);
      expect((await t.api('GET', `/tasks/${task.id}`)).body.updated).toBe('2026-08-01T00:00:20Z');
      expect((await t.api('DELETE', `/tasks/${task.id}/labels/${l2.id}`)).status).toBe(200);
      expect((await t.api('POST', `/tasks/${task.id}/labels/bulk`, { labels: [] })).status).toBe(201);
      expect((await t.api('GET', `/tasks/${task.id}`)).body.labels).toBeNull();
    });
  });

  describe('relations', () => {
    it('creates the inverse row automatically and shows both sides in related_tasks', async () => {
      const parent = await newTask('parent');
      const child = await newTask('child');
      const res = await t.api('PUT', `/tasks/${parent.id}/relations`, { other_task_id: child.id, relation_kind: 'subtask' });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({ task_id: parent.id, other_task_id: child.id, relation_kind: 'subtask' });
      const p = await t.api('GET', `/tasks/${parent.id}`);
      expect(p.body.related_tasks.subtask.map((x: { id: number }) => x.id)).toEqual([child.id]);
      const c = await t.api('GET', `/tasks/${child.id}`);
      expect(c.body.related_tasks.parenttask.map((x: { id: number }) => x.id)).toEqual([parent.id]);
      const pairs: [string, string][] = [
        ['related', 'related'],
        ['blocking', 'blocked'],
        ['precedes', 'follows'],
        ['duplicateof', 'duplicates'],
        ['copiedfrom', 'copiedto'],
      ];
      for (const [kind, inverse] of pairs) {
        await t.api('PUT', `/tasks/${parent.id}/relations`, { other_task_id: child.id, relation_kind: kind });
        const other = await t.api('GET', `/tasks/${child.id}`);
        expect(other.body.related_tasks[inverse], kind).toHaveLength(1);
      }
    });

    it('exists → 409 4008, self → 400 4010, bad kind → 400 4007, cycle → 409 4023', async () => {
      const a = await newTask('a');
      const b = await newTask('b');
      await t.api('PUT', `/tasks/${a.id}/relations`, { other_task_id: b.id, relation_kind: 'subtask' });
      const exists = await t.api('PUT', `/tasks/${a.id}/relations`, { other_task_id: b.id, relation_kind: 'subtask' });
      expect(exists.status).toBe(409);
      expect(exists.body.code).toBe(4008);
      const self = await t.api('PUT', `/tasks/${a.id}/relations`, { other_task_id: a.id, relation_kind: 'related' });
      expect(self.status).toBe(400);
      expect(self.body.code).toBe(4010);
      const kind = await t.api('PUT', `/tasks/${a.id}/relations`, { other_task_id: b.id, relation_kind: 'sibling' });
      expect(kind.status).toBe(400);
      expect(kind.body.code).toBe(4007);
      const cycle = await t.api('PUT', `/tasks/${b.id}/relations`, { other_task_id: a.id, relation_kind: 'subtask' });
      expect(cycle.status).toBe(409);
      expect(cycle.body.code).toBe(4023);
    });

    it('DELETE removes both rows; a missing relation is 404 4009', async () => {
      const a = await newTask('a');
      const b = await newTask('b');
      await t.api('PUT', `/tasks/${a.id}/relations`, { other_task_id: b.id, relation_kind: 'blocking' });
      const res = await t.api('DELETE', `/tasks/${a.id}/relations/blocking/${b.id}`);
      expect(res.status).toBe(200);
      expect((await t.api('GET', `/tasks/${b.id}`)).body.related_tasks).toEqual({});
      expect(t.sandbox.dump().relations).toEqual([]);
      const missing = await t.api('DELETE', `/tasks/${a.id}/relations/blocking/${b.id}`);
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe(4009);
    });

    it('hides soft-deleted tasks from related_tasks', async () => {
      const a = await newTask('a');
      const b = await newTask('b');
      await t.api('PUT', `/tasks/${a.id}/relations`, { other_task_id: b.id, relation_kind: 'related' });
      await t.api('DELETE', `/tasks/${b.id}`);
      expect((await t.api('GET', `/tasks/${a.id}`)).body.related_tasks).toEqual({});
    });
  });

  describe('comments and assignees', () => {
    it('PUT/GET/POST/DELETE comments', async () => {
      const task = await newTask('discussed');
      const empty = await t.api('PUT', `/tasks/${task.id}/comments`, { comment: '' });
      expect(empty.status).toBe(412);
      const c = await t.api('PUT', `/tasks/${task.id}/comments`, { comment: '<p>hi</p>' });
      expect(c.status).toBe(201);
      expect(c.body).toMatchObject({ comment: '<p>hi</p>', author: { id: 1 }, reactions: null });
      await t.api('PUT', `/tasks/${task.id}/comments`, { comment: '<p>second</p>' });
      // Ordered by `created` (whole seconds) only: the same second gives no defined order (API.md §17.7);
      // the sandbox shows such ties newest first.
      const list = await t.api('GET', `/tasks/${task.id}/comments`);
      expect(list.body.map((x: { comment: string }) => x.comment)).toEqual(['<p>second</p>', '<p>hi</p>']);
      clock.advance(1);
      await t.api('PUT', `/tasks/${task.id}/comments`, { comment: '<p>third</p>' });
      const later = await t.api('GET', `/tasks/${task.id}/comments`);
      expect(later.body.map((x: { comment: string }) => x.comment)).toEqual(['<p>second</p>', '<p>hi</p>', '<p>third</p>']);
      const edited = await t.api('POST', `/tasks/${task.id}/comments/${c.body.id}`, { comment: 'edited' });
      expect(edited.body.comment).toBe('edited');
      expect((await t.api('DELETE', `/tasks/${task.id}/comments/${c.body.id}`)).status).toBe(200);
      const gone = await t.api('GET', `/tasks/${task.id}/comments/${c.body.id}`);
      expect(gone.status).toBe(404);
      expect(gone.body.code).toBe(4015);
      const missingTask = await t.api('PUT', '/tasks/999/comments', { comment: 'x' });
      expect(missingTask.status).toBe(404);
      expect(missingTask.body.code).toBe(4002);
    });

    it('assignees: add 201, twice 400 4021, unknown user 404 1005, remove 200', async () => {
      const task = await newTask('assigned');
      expect((await t.api('PUT', `/tasks/${task.id}/assignees`, { user_id: 1 })).status).toBe(201);
      expect((await t.api('PUT', `/tasks/${task.id}/assignees`, { user_id: 1 })).body.code).toBe(4021);
      expect((await t.api('PUT', `/tasks/${task.id}/assignees`, { user_id: 7 })).status).toBe(404);
      expect((await t.api('GET', `/tasks/${task.id}`)).body.assignees).toHaveLength(1);
      expect((await t.api('DELETE', `/tasks/${task.id}/assignees/1`)).status).toBe(200);
      expect((await t.api('GET', `/tasks/${task.id}`)).body.assignees).toBeNull();
    });
  });

  describe('POST /tasks/bulk', () => {
    it('writes the listed fields with the same values and returns an object with tasks', async () => {
      const a = await newTask('a', { priority: 1, description: 'keep a' });
      const b = await newTask('b', { priority: 2, description: 'keep b' });
      const res = await t.api('POST', '/tasks/bulk', { task_ids: [a.id, b.id], fields: ['priority', 'done'], values: { priority: 4, done: true } });
      expect(res.status).toBe(200);
      expect(res.body.task_ids).toEqual([a.id, b.id]);
      expect(res.body.tasks.map((x: { priority: number; done: boolean; description: string }) => [x.priority, x.done, x.description])).toEqual([
        [4, true, 'keep a'],
        [4, true, 'keep b'],
      ]);
    });

    it('clears assignees, reminders and is_favorite when values omits them (the §7 caveat)', async () => {
      const a = await newTask('a', { assignees: [{ id: 1 }], is_favorite: true, reminders: [{ reminder: '2026-09-01T00:00:00Z' }] });
      const res = await t.api('POST', '/tasks/bulk', { task_ids: [a.id], fields: ['priority'], values: { priority: 3 } });
      expect(res.body.tasks[0]).toMatchObject({ priority: 3, assignees: null, reminders: null, is_favorite: false });
    });

    it('disallowed field → 400 4027, empty ids → 400 4004, unknown task → 404 4002, nothing written', async () => {
      const a = await newTask('a', { priority: 1 });
      const bad = await t.api('POST', '/tasks/bulk', { task_ids: [a.id], fields: ['labels'], values: {} });
      expect(bad.status).toBe(400);
      expect(bad.body.code).toBe(4027);
      expect((await t.api('POST', '/tasks/bulk', { task_ids: [], fields: ['priority'], values: { priority: 2 } })).body.code).toBe(4004);
      const missing = await t.api('POST', '/tasks/bulk', { task_ids: [a.id, 999], fields: ['priority'], values: { priority: 5 } });
      expect(missing.status).toBe(404);
      expect((await t.api('GET', `/tasks/${a.id}`)).body.priority).toBe(1);
    });
  });
});
