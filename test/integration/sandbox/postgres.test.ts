/**
 * The PostgreSQL emulation (API.md §17.5, §17.6): the unlocked max+1 task index makes concurrent creates into
 * one project collide with a 500, and (opt-in) the connection pool can kill the server under bulk creates.
 */
import { describe, expect, it } from 'vitest';
import { startTestSandbox } from '../../helpers/sandbox.js';

describe('sandbox --database postgres', () => {
  it('reports concurrent_writes: true, and parallel creates into one project collide on the task index', async () => {
    const t = await startTestSandbox({ database: 'postgres' });
    try {
      expect(t.sandbox.database).toBe('postgres');
      expect((await t.api('GET', '/info')).body.concurrent_writes).toBe(true);
      const project = (await t.api('PUT', '/projects', { title: 'Race' })).body;
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) => t.api('PUT', `/projects/${project.id}/tasks`, { title: `parallel ${i}` })),
      );
      const failed = answers.filter((a) => a.status === 500);
      expect(failed.length).toBeGreaterThan(0);
      expect(failed[0]?.body.message).toBe('pq: duplicate key value violates unique constraint "UQE_tasks_tasks_project_index"');
      const stored = t.sandbox.dump().tasks.filter((task) => task.project_id === project.id);
      expect(stored).toHaveLength(answers.filter((a) => a.status === 201).length);
      expect(new Set(stored.map((task) => task.index)).size).toBe(stored.length);
      // One after another they all succeed, and creates into different projects never collide.
      for (let i = 0; i < 3; i += 1) expect((await t.api('PUT', `/projects/${project.id}/tasks`, { title: `serial ${i}` })).status).toBe(201);
      const other = (await t.api('PUT', '/projects', { title: 'Other' })).body;
      const mixed = await Promise.all([
        t.api('PUT', `/projects/${project.id}/tasks`, { title: 'here' }),
        t.api('PUT', `/projects/${other.id}/tasks`, { title: 'there' }),
      ]);
      expect(mixed.map((a) => a.status)).toEqual([201, 201]);
      const bulk = await Promise.all([
        t.v2('POST', `/projects/${project.id}/tasks/bulk`, { tasks: [{ title: 'b1' }, { title: 'b2' }] }),
        t.v2('POST', `/projects/${project.id}/tasks/bulk`, { tasks: [{ title: 'c1' }] }),
      ]);
      expect(bulk.map((a) => a.status).sort()).toEqual([201, 500]);
    } finally {
      await t.sandbox.close();
    }
  });

  it('SQLite (the default) never collides on the index', async () => {
    const t = await startTestSandbox({ concurrentWrites: true });
    try {
      const answers = await Promise.all(Array.from({ length: 8 }, (_, i) => t.api('PUT', '/projects/1/tasks', { title: `p${i}` })));
      expect(answers.map((a) => a.status)).toEqual(Array(8).fill(201));
    } finally {
      await t.sandbox.close();
    }
  });

  it('with maxOpenConnections = max_connections the second 100-task bulk create kills the server; 40 does not', async () => {
    const tasks = Array.from({ length: 100 }, (_, i) => ({ title: `t${i}` }));
    const dies = await startTestSandbox({ database: 'postgres', maxOpenConnections: 100, postgresMaxConnections: 100 });
    try {
      expect((await dies.v2('POST', '/projects/1/tasks/bulk', { tasks })).status).toBe(201);
      await expect(dies.v2('POST', '/projects/1/tasks/bulk', { tasks })).rejects.toThrow();
      expect(dies.sandbox.isDead()).toBe(true);
      await expect(dies.api('GET', '/projects')).rejects.toThrow();
      // Restarted (state kept, the pool fixed), it answers again and keeps what the first bulk created.
      await dies.sandbox.restart({ maxOpenConnections: 40 });
      expect(dies.sandbox.isDead()).toBe(false);
      expect((await dies.api('GET', '/projects/1/tasks?per_page=50')).headers.get('x-pagination-total-pages')).toBe('2');
      for (let i = 0; i < 3; i += 1) expect((await dies.v2('POST', '/projects/1/tasks/bulk', { tasks })).status).toBe(201);
      expect(dies.sandbox.dump().tasks).toHaveLength(400);
    } finally {
      await dies.sandbox.close();
    }
    const lives = await startTestSandbox({ database: 'postgres', maxOpenConnections: 40 });
    try {
      for (let i = 0; i < 3; i += 1) expect((await lives.v2('POST', '/projects/1/tasks/bulk', { tasks })).status).toBe(201);
      expect(lives.sandbox.isDead()).toBe(false);
    } finally {
      await lives.sandbox.close();
    }
  });
});
