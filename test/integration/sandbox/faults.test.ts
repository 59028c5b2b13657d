import { describe, expect, it } from 'vitest';
import { createTestClock, startTestSandbox, type TestSandbox } from '../../helpers/sandbox.js';

async function withSandbox(options: Parameters<typeof startTestSandbox>[0], body: (t: TestSandbox) => Promise<void>): Promise<void> {
  const t = await startTestSandbox(options);
  try {
    await body(t);
  } finally {
    await t.sandbox.close();
  }
}

describe('rate limiter', () => {
  it('counts per user in a fixed window, with X-RateLimit-* on every limited response and no Retry-After', async () => {
    const clock = createTestClock('2026-08-01T00:00:00.700Z');
    await withSandbox({ now: clock.now, rateLimit: { limit: 3, periodSeconds: 60 } }, async (t) => {
      // The window ends at 00:01:00.700; Vikunja's header says 00:01:00 (whole seconds, rounded down).
      const reset = String(Date.parse('2026-08-01T00:01:00Z') / 1000);
      const remaining: (string | null)[] = [];
      for (let i = 0; i < 3; i += 1) {
        const res = await t.api('GET', '/projects');
        expect(res.status).toBe(200);
        expect(res.headers.get('x-ratelimit-limit')).toBe('3');
        expect(res.headers.get('x-ratelimit-reset')).toBe(reset);
        remaining.push(res.headers.get('x-ratelimit-remaining'));
      }
      expect(remaining).toEqual(['2', '1', '0']);
      const limited = await t.api('PUT', '/projects', { title: 'not created' });
      expect(limited.status).toBe(429);
      expect(limited.body).toEqual({ message: 'Too Many Requests' });
      expect(limited.headers.get('x-ratelimit-remaining')).toBe('0');
      expect(limited.headers.get('x-ratelimit-reset')).toBe(reset);
      expect(limited.headers.get('retry-after')).toBeNull();
      expect(limited.headers.get('cache-control')).toBe('no-store');
      expect(t.sandbox.dump().projects).toHaveLength(1);
      // Three separate budgets: /api/v2 per user and /info per IP are not touched by the v1 requests.
      const v2 = await t.v2('GET', '/tasks');
      expect(v2.status).toBe(200);
      expect(v2.headers.get('x-ratelimit-remaining')).toBe('2');
      const unauthenticated = await t.api('GET', '/projects', undefined, { token: null });
      expect(unauthenticated.status).toBe(401);
      expect(unauthenticated.headers.get('x-ratelimit-limit')).toBeNull();
      const info = await t.api('GET', '/info');
      expect(info.status).toBe(200);
      expect(info.headers.get('x-ratelimit-remaining')).toBe('2');
      // Past the second the header named, but before the window really ends: still 429, same past reset.
      clock.set('2026-08-01T00:01:00.300Z');
      const early = await t.api('GET', '/projects');
      expect(early.status).toBe(429);
      expect(early.headers.get('x-ratelimit-reset')).toBe(reset);
      clock.set('2026-08-01T00:01:00.800Z');
      const again = await t.api('GET', '/projects');
      expect(again.status).toBe(200);
      expect(again.headers.get('x-ratelimit-remaining')).toBe('2');
    });
  });

  it('sends no rate-limit headers when the limiter is off', async () => {
    await withSandbox({}, async (t) => {
      const res = await t.api('GET', '/projects');
      expect(res.headers.get('x-ratelimit-limit')).toBeNull();
    });
  });
});

describe('fault injection', () => {
  it('injected 429 bursts last burstLength requests and carry X-RateLimit-* headers', async () => {
    await withSandbox({ faults: { rateLimitBurst: 1, burstLength: 2 } }, async (t) => {
      for (let i = 0; i < 2; i += 1) {
        const res = await t.api('GET', '/projects');
        expect(res.status).toBe(429);
        expect(res.body).toEqual({ message: 'Too Many Requests' });
        expect(res.headers.get('x-ratelimit-limit')).not.toBeNull();
        expect(res.headers.get('x-ratelimit-remaining')).toBe('0');
        expect(Number(res.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000 - 5);
        expect(res.headers.get('retry-after')).toBeNull();
      }
      t.sandbox.setFaults(undefined);
      expect((await t.api('GET', '/projects')).status).toBe(200);
      expect(t.sandbox.requestLog().map((e) => [e.status, e.fault])).toEqual([
        [429, 'rateLimitBurst'],
        [429, 'rateLimitBurst'],
        [200, undefined],
      ]);
    });
  });

  it('500/502/503 commit nothing; 502/503 look like a proxy page', async () => {
    await withSandbox({ faults: { error500: 1 } }, async (t) => {
      const res = await t.api('PUT', '/projects', { title: 'lost' });
      expect(res.status).toBe(500);
      expect(res.body).toEqual({ message: 'Internal Server Error' });
      expect(t.sandbox.dump().projects).toHaveLength(1);
      t.sandbox.setFaults({ error502: 1 });
      const bad = await t.api('PUT', '/projects', { title: 'lost' });
      expect(bad.status).toBe(502);
      expect(bad.headers.get('content-type')).toBe('text/html');
      t.sandbox.setFaults({ error503: 1 });
      expect((await t.api('GET', '/projects')).status).toBe(503);
      expect(t.sandbox.dump().projects).toHaveLength(1);
    });
  });

  it('drop destroys the connection before processing: the client errors and nothing is committed', async () => {
    await withSandbox({ faults: { drop: 1 } }, async (t) => {
      await expect(t.api('PUT', '/projects', { title: 'dropped' })).rejects.toThrow();
      expect(t.sandbox.dump().projects).toHaveLength(1);
      expect(t.sandbox.requestLog()).toEqual([expect.objectContaining({ method: 'PUT', path: '/api/v1/projects', status: 0, fault: 'drop' })]);
    });
  });

  it('commitThenDrop applies the write, then drops the connection without a response', async () => {
    await withSandbox({ faults: { commitThenDrop: 1 } }, async (t) => {
      await expect(t.api('PUT', '/projects/1/tasks', { title: 'committed but unanswered' })).rejects.toThrow();
      expect(t.sandbox.dump().tasks.map((x) => x.title)).toEqual(['committed but unanswered']);
      const read = await t.api('GET', '/projects/1/tasks');
      expect(read.status).toBe(200);
      expect(read.body).toHaveLength(1);
      expect(t.sandbox.requestLog().map((e) => [e.method, e.status, e.fault])).toEqual([
        ['PUT', 0, 'commitThenDrop'],
        ['GET', 200, undefined],
      ]);
    });
  });

  it('applyTo restricts faults to reads or writes', async () => {
    await withSandbox({ faults: { error500: 1, applyTo: 'writes' } }, async (t) => {
      expect((await t.api('GET', '/projects')).status).toBe(200);
      expect((await t.api('PUT', '/projects', { title: 'x' })).status).toBe(500);
      t.sandbox.setFaults({ error503: 1, applyTo: 'reads' });
      expect((await t.api('GET', '/projects')).status).toBe(503);
      expect((await t.api('PUT', '/projects', { title: 'x' })).status).toBe(201);
    });
  });

  it('is deterministic for a seed', async () => {
    const run = async (seed: number): Promise<number[]> => {
      const statuses: number[] = [];
      await withSandbox({ faults: { error500: 0.3, error503: 0.2, seed } }, async (t) => {
        for (let i = 0; i < 40; i += 1) statuses.push((await t.api('GET', '/info')).status);
      });
      return statuses;
    };
    const first = await run(7);
    expect(await run(7)).toEqual(first);
    expect(first.filter((s) => s === 200).length).toBeGreaterThan(5);
    expect(first.filter((s) => s === 500).length).toBeGreaterThan(3);
    expect(first.filter((s) => s === 503).length).toBeGreaterThan(1);
    expect(await run(8)).not.toEqual(first);
  });

  it('adds latency to every request', async () => {
    await withSandbox({ latencyMs: 80 }, async (t) => {
      const started = performance.now();
      await t.api('GET', '/info');
      expect(performance.now() - started).toBeGreaterThanOrEqual(75);
    });
  });
});

describe('serial writes (SQLite emulation)', () => {
  it('answers overlapping writes with 500 "database is locked" and commits only one', async () => {
    await withSandbox({ enforceSerialWrites: true, latencyMs: 50 }, async (t) => {
      const results = await Promise.all([
        t.api('PUT', '/projects', { title: 'first' }),
        t.api('PUT', '/projects', { title: 'second' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([201, 500]);
      expect(results.find((r) => r.status === 500)?.body).toEqual({ message: 'database is locked' });
      expect(t.sandbox.dump().projects).toHaveLength(2);
      expect((await t.api('PUT', '/projects', { title: 'third' })).status).toBe(201);
      expect((await t.api('PUT', '/projects', { title: 'fourth' })).status).toBe(201);
      const reads = await Promise.all([t.api('GET', '/projects'), t.api('GET', '/projects')]);
      expect(reads.map((r) => r.status)).toEqual([200, 200]);
    });
  });

  it('allows overlapping writes when concurrentWrites is on', async () => {
    await withSandbox({ enforceSerialWrites: true, concurrentWrites: true, latencyMs: 50 }, async (t) => {
      const results = await Promise.all([t.api('PUT', '/projects', { title: 'a' }), t.api('PUT', '/projects', { title: 'b' })]);
      expect(results.map((r) => r.status)).toEqual([201, 201]);
    });
  });
});

describe('request log and admin endpoints', () => {
  it('logs method, path without prefix, query and status; clearRequestLog empties it', async () => {
    await withSandbox({ pathPrefix: '/vikunja' }, async (t) => {
      await t.api('GET', '/projects?page=1&per_page=5');
      await t.api('GET', '/tasks/99');
      const log = t.sandbox.requestLog();
      expect(log).toEqual([
        expect.objectContaining({ method: 'GET', path: '/api/v1/projects', query: 'page=1&per_page=5', status: 200 }),
        expect.objectContaining({ method: 'GET', path: '/api/v1/tasks/99', query: '', status: 404 }),
      ]);
      expect(Number.isNaN(Date.parse(log[0]?.at ?? ''))).toBe(false);
      t.sandbox.clearRequestLog();
      expect(t.sandbox.requestLog()).toEqual([]);
    });
  });

  it('serves /__sandbox/requests, /state and /faults with the token, unlogged and never faulted', async () => {
    await withSandbox({ pathPrefix: '/vikunja', faults: { error500: 1 } }, async (t) => {
      expect((await t.call('GET', '/__sandbox/requests', undefined, { token: null })).status).toBe(401);
      const state = await t.call('GET', '/__sandbox/state');
      expect(state.status).toBe(200);
      expect(state.body.projects[0].title).toBe('Inbox');
      const cleared = await t.call('POST', '/__sandbox/faults', null);
      expect(cleared.status).toBe(200);
      expect(cleared.body).toEqual({ faults: null });
      await t.api('PUT', '/projects/1/tasks', { title: 'x' });
      const set = await t.call('POST', '/__sandbox/faults', { error503: 1, applyTo: 'reads' });
      expect(set.body.faults).toEqual({ error503: 1, applyTo: 'reads' });
      expect((await t.api('GET', '/projects')).status).toBe(503);
      const invalid = await t.call('POST', '/__sandbox/faults', { drop: 7 });
      expect(invalid.status).toBe(400);
      const log = await t.call('GET', '/__sandbox/requests');
      expect(log.body.map((e: { path: string; status: number }) => [e.path, e.status])).toEqual([
        ['/api/v1/projects/1/tasks', 201],
        ['/api/v1/projects', 503],
      ]);
      await t.api('DELETE', '/tasks/1');
      const withDeleted = await t.call('GET', '/__sandbox/state?includeDeleted=true');
      expect(withDeleted.body.tasks).toHaveLength(1);
      expect((await t.call('GET', '/__sandbox/state')).body.tasks).toHaveLength(0);
    });
  });
});
