import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, describe, expect, it } from 'vitest';
import { AmbiguousWriteError, FatalApiError, RetryableApiError, ServerUnavailableError } from '../../../src/core/errors.js';
import type { Logger } from '../../../src/core/ports.js';
import { createVikunjaClient, isNumericLabelSearch, serialiseTaskFields } from '../../../src/vikunja/client.js';
import { joinApiUrl, normaliseBaseUrl } from '../../../src/vikunja/transport.js';
import { replyInfo, startStub, type Stub, type StubHandler } from './stub-server.js';

const TOKEN = 'tk_feedfacefeedfacefeedfacefeedfacefeedface';
const stubs: Stub[] = [];

async function stubWith(handler: StubHandler, prefix = ''): Promise<Stub> {
  const stub = await startStub(handler, prefix);
  stubs.push(stub);
  return stub;
}

afterEach(async () => {
  await Promise.all(stubs.splice(0).map((stub) => stub.close()));
});

function fastClient(url: string, extra: Partial<Parameters<typeof createVikunjaClient>[0]> = {}) {
  return createVikunjaClient({ url, token: TOKEN, timeoutMs: 2_000, concurrency: 4, retries: 3, retryBaseMs: 1, retryMaxMs: 5, ...extra });
}

function createRecordingLogger(lines: string[]): Logger {
  const logger: Logger = {
    debug: (obj, msg) => lines.push(JSON.stringify({ obj, msg })),
    info: (obj, msg) => lines.push(JSON.stringify({ obj, msg })),
    warn: (obj, msg) => lines.push(JSON.stringify({ obj, msg })),
    error: (obj, msg) => lines.push(JSON.stringify({ obj, msg })),
    child: () => logger,
  };
  return logger;
}

const task = <T extends Record<string, unknown>>(id: number, extra: T = {} as T) => ({ id, project_id: 3, title: `task ${id}`, ...extra });

describe('URL joining', () => {
  it('keeps a path prefix and drops trailing slashes and a pasted /api/v1', () => {
    expect(normaliseBaseUrl('http://localhost/vikunja/')).toBe('http://localhost/vikunja');
    expect(normaliseBaseUrl('http://localhost/vikunja/api/v1')).toBe('http://localhost/vikunja');
    expect(normaliseBaseUrl('http://localhost:3456')).toBe('http://localhost:3456');
    expect(joinApiUrl('http://localhost/vikunja', 'v1', '/tasks/1')).toBe('http://localhost/vikunja/api/v1/tasks/1');
    expect(joinApiUrl('http://localhost/vikunja', 'v2', '/tasks/1')).toBe('http://localhost/vikunja/api/v2/tasks/1');
  });

  it('rejects URLs that are not http(s) or carry credentials', () => {
    expect(() => normaliseBaseUrl('localhost:3456')).toThrow(/http/);
    expect(() => normaliseBaseUrl('http://user:secret@localhost')).toThrow(/credentials/);
  });

  it('sends requests below the prefix with the bearer token', async () => {
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply, {}, '/vikunja')) return;
      reply.json(200, { id: 1, username: 'me', name: '' });
    }, '/vikunja');
    const client = fastClient(`${stub.url}/`);
    await client.getUser();
    expect(stub.requests.map((r) => r.path)).toEqual(['/vikunja/api/v1/user']);
    expect(stub.requests[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });
});

describe('retries', () => {
  it('retries 500s on reads (the HTTP adapter never retries: every attempt is counted once)', async () => {
    let calls = 0;
    const stub = await stubWith((request, reply) => {
      calls += 1;
      if (calls <= 2) reply.json(500, { message: 'Internal Server Error' });
      else reply.json(200, { id: 1, username: 'me', name: '' });
    });
    const client = fastClient(stub.url);
    await expect(client.getUser()).resolves.toMatchObject({ username: 'me' });
    expect(stub.requests).toHaveLength(3);
    expect(client.stats()).toMatchObject({ requests: { GET: 3 }, retries: 2 });
  });

  it('gives up after the configured retries with ServerUnavailableError (exit 5), the last failure as its cause', async () => {
    const stub = await stubWith((_request, reply) => reply.json(503, { message: 'down' }));
    const client = fastClient(stub.url, { retries: 2 });
    const error = await client.getUser().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnavailableError);
    expect((error as ServerUnavailableError).exitCode).toBe(5);
    expect((error as Error).cause).toBeInstanceOf(RetryableApiError);
    expect((error as Error).message).toMatch(/is unavailable: GET \/user: HTTP 503: down \(3 attempt\(s\)/);
    expect(stub.requests).toHaveLength(3);
  });

  it('stops retrying a server that stays down after unavailableAfterMs, whatever the retry count', async () => {
    const stub = await stubWith((_request, reply) => reply.json(503, { message: 'down' }));
    const client = fastClient(stub.url, { retries: 20, retryBaseMs: 30, retryMaxMs: 30, unavailableAfterMs: 100 });
    await expect(client.getUser()).rejects.toBeInstanceOf(ServerUnavailableError);
    expect(stub.requests.length).toBeLessThan(20);
  });

  it('summarises an HTML error page by its title, never dumping it', async () => {
    const page = `<html><head><title>503 Service Temporarily Unavailable</title></head><body>${'<p>x</p>'.repeat(200)}</body></html>`;
    const stub = await stubWith((_request, reply) => reply.text(503, page));
    const client = fastClient(stub.url, { retries: 0 });
    const error = (await client.getUser().catch((e: unknown) => e)) as Error;
    expect(error.message).toContain('an HTML page: "503 Service Temporarily Unavailable"');
    expect(error.message).not.toContain('<p>');
  });

  it('does not retry 4xx', async () => {
    const stub = await stubWith((_request, reply) => reply.json(404, { code: 4002, message: 'The task does not exist.' }));
    const client = fastClient(stub.url);
    await expect(client.getTask(5)).rejects.toMatchObject({ apiCode: 4002, status: 404 });
    expect(stub.requests).toHaveLength(1);
  });

  it('a create whose connection drops after sending is ambiguous and sent exactly once', async () => {
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply)) return;
      reply.drop();
    });
    const client = fastClient(stub.url);
    await expect(client.createTask(3, { title: 'x' })).rejects.toBeInstanceOf(AmbiguousWriteError);
    expect(stub.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('a create answered 503 by Vikunja is retried (nothing was committed)', async () => {
    let puts = 0;
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply)) return;
      puts += 1;
      if (puts === 1) reply.json(503, { message: 'busy' });
      else reply.json(201, task(10, { title: 'x' }));
    });
    const client = fastClient(stub.url);
    await expect(client.createTask(3, { title: 'x' })).resolves.toMatchObject({ id: 10 });
    expect(puts).toBe(2);
  });

  it('a create answered 502 by a gateway is ambiguous, not retried', async () => {
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply)) return;
      reply.text(502, 'Bad Gateway');
    });
    const client = fastClient(stub.url);
    await expect(client.addComment(1, '<p>x</p>')).rejects.toBeInstanceOf(AmbiguousWriteError);
    expect(stub.requests.filter((r) => r.method === 'PUT')).toHaveLength(1);
  });

  it('an idempotent write whose connection drops is retried', async () => {
    let posts = 0;
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply)) return;
      posts += 1;
      if (posts === 1) reply.drop();
      else reply.json(201, { labels: [] });
    });
    const client = fastClient(stub.url);
    await client.setTaskLabels(1, [2, 3]);
    expect(posts).toBe(2);
    expect(stub.requests.at(-1)?.body).toEqual({ labels: [{ id: 2 }, { id: 3 }] });
  });

  it('times out a hanging read and retries it', async () => {
    let calls = 0;
    const stub = await stubWith(async (_request, reply) => {
      calls += 1;
      if (calls === 1) await sleep(500);
      reply.json(200, { id: 1, username: 'me', name: '' });
    });
    const client = fastClient(stub.url, { timeoutMs: 100 });
    await expect(client.getUser()).resolves.toMatchObject({ id: 1 });
    expect(calls).toBe(2);
  });
});

describe('rate limiting', () => {
  it('waits past X-RateLimit-Reset after a 429 (no Retry-After), backing off, without using up retries', async () => {
    let calls = 0;
    const at: number[] = [];
    const stub = await stubWith((_request, reply) => {
      calls += 1;
      at.push(Date.now());
      // Vikunja rounds the reset down: at the boundary a 429 can name a second already past.
      const reset = String(Math.floor(Date.now() / 1000));
      if (calls <= 2) reply.json(429, { message: 'Too Many Requests' }, { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset });
      else reply.json(200, { id: 1, username: 'me', name: '' }, { 'x-ratelimit-limit': '5', 'x-ratelimit-remaining': '4', 'x-ratelimit-reset': reset });
    });
    const client = fastClient(stub.url, { retries: 1 });
    await expect(client.getUser()).resolves.toMatchObject({ id: 1 });
    expect(calls).toBe(3);
    // No burst: each request after a 429 waited at least a second.
    expect(at[1]! - at[0]!).toBeGreaterThanOrEqual(950);
    expect(at[2]! - at[1]!).toBeGreaterThanOrEqual(1950);
    expect(client.stats().rateLimitWaits).toBeGreaterThanOrEqual(1);
    expect(client.rateLimitStatus()).toMatchObject({ seen: true, limit: 5 });
  }, 15_000);

  it('stops before the budget runs out instead of provoking a 429', async () => {
    const windowEnd = Math.ceil(Date.now() / 1000) + 1;
    let remaining = 2;
    const seen: number[] = [];
    const stub = await stubWith((_request, reply) => {
      const now = Date.now();
      seen.push(now);
      if (now >= windowEnd * 1000) remaining = 2;
      if (remaining <= 0) {
        reply.json(429, { message: 'Too Many Requests' }, { 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': String(windowEnd) });
        return;
      }
      remaining -= 1;
      reply.json(200, { id: 1, username: 'me', name: '' }, {
        'x-ratelimit-limit': '2',
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': String(now >= windowEnd * 1000 ? windowEnd + 1 : windowEnd),
      });
    });
    const client = fastClient(stub.url, { concurrency: 1 });
    await client.getUser();
    await client.getUser();
    await client.getUser();
    expect(seen).toHaveLength(3);
    expect(seen[2]).toBeGreaterThanOrEqual(windowEnd * 1000);
    expect(client.stats().rateLimitWaits).toBe(1);
  });
});

describe('circuit breaker', () => {
  it('opens after consecutive failures and then fails fast without a request', async () => {
    const stub = await stubWith((_request, reply) => reply.json(503, { message: 'down' }));
    const client = fastClient(stub.url, { retries: 0, breaker: { threshold: 2, cooldownMs: 60_000 } });
    await expect(client.getUser()).rejects.toBeInstanceOf(ServerUnavailableError);
    await expect(client.getUser()).rejects.toBeInstanceOf(ServerUnavailableError);
    const before = stub.requests.length;
    const error = await client.getUser().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ServerUnavailableError);
    expect((error as Error).message).toContain(stub.url);
    expect((error as Error).message).toMatch(/next probe is at \d{4}-/);
    expect((error as Error).message).toMatch(/is unavailable: 2 calls in a row failed/);
    expect((error as Error).message).not.toMatch(/createUnavailableError/);
    expect(stub.requests.length).toBe(before);
    expect(client.stats().circuitOpens).toBe(1);
    expect(client.circuitState()).toBe('open');
  });

  it('half-opens after the cooldown and closes when the probe succeeds', async () => {
    let healthy = false;
    const stub = await stubWith((_request, reply) => {
      if (healthy) reply.json(200, { id: 1, username: 'me', name: '' });
      else reply.json(500, { message: 'down' });
    });
    const client = fastClient(stub.url, { retries: 0, breaker: { threshold: 1, cooldownMs: 50 } });
    await expect(client.getUser()).rejects.toBeInstanceOf(ServerUnavailableError);
    await expect(client.getUser()).rejects.toBeInstanceOf(ServerUnavailableError);
    expect(client.circuitState()).toBe('open');
    healthy = true;
    await sleep(60);
    await expect(client.getUser()).resolves.toMatchObject({ id: 1 });
    expect(client.circuitState()).toBe('closed');
  });

  it('4xx answers do not count as server trouble', async () => {
    const stub = await stubWith((_request, reply) => reply.json(404, { code: 4002, message: 'nope' }));
    const client = fastClient(stub.url, { retries: 0, breaker: { threshold: 1, cooldownMs: 60_000 } });
    for (let i = 0; i < 3; i += 1) await expect(client.getTask(1)).rejects.toBeInstanceOf(FatalApiError);
    expect(client.circuitState()).toBe('closed');
  });
});

describe('token redaction', () => {
  it('never puts the token in errors, causes or logs', async () => {
    const lines: string[] = [];
    const stub = await stubWith((request, reply) => {
      if (request.path.endsWith('/user')) reply.json(401, { code: 11, message: 'missing, malformed, expired or otherwise invalid token provided' });
      else if (request.path.endsWith('/info')) reply.json(500, { message: 'boom' });
      else reply.drop();
    });
    const client = fastClient(stub.url, { log: createRecordingLogger(lines), retries: 1 });
    const errors = [
      await client.getUser().catch((e: unknown) => e),
      await client.capabilities().catch((e: unknown) => e),
      await client.getTask(1).catch((e: unknown) => e),
    ];
    expect(errors[0]).toBeInstanceOf(FatalApiError);
    expect((errors[0] as Error).message).toMatch(/token was rejected/);
    for (const error of errors) {
      let current: unknown = error;
      while (current instanceof Error) {
        expect(current.message).not.toContain(TOKEN);
        expect(JSON.stringify(current, Object.getOwnPropertyNames(current))).not.toContain(TOKEN);
        expect(current.stack ?? '').not.toContain(TOKEN);
        current = current.cause;
      }
    }
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.join('\n')).not.toContain(TOKEN);
  });
});

describe('write serialisation', () => {
  async function measureOverlap(concurrentWrites: boolean): Promise<number> {
    let inFlight = 0;
    let maxInFlight = 0;
    const stub = await stubWith(async (request, reply) => {
      if (replyInfo(request, reply, { concurrent_writes: concurrentWrites })) return;
      inFlight += 1;
      maxInFlight = Math.max(maxInFlight, inFlight);
      await sleep(15);
      inFlight -= 1;
      reply.json(201, { labels: [] });
    });
    const client = fastClient(stub.url, { concurrency: 4 });
    await Promise.all(Array.from({ length: 8 }, (_, i) => client.setTaskLabels(i + 1, [1])));
    return maxInFlight;
  }

  it('sends one write at a time when /info says concurrent_writes: false', async () => {
    expect(await measureOverlap(false)).toBe(1);
  });

  it('overlaps writes up to the concurrency when the server allows it', async () => {
    expect(await measureOverlap(true)).toBeGreaterThan(1);
  });
});

describe('updates', () => {
  it('on v1 POSTs the complete current object with the change, without id or project_id (gotchas 2 and 4)', async () => {
    const current = task(7, {
      description: '<p>keep me</p>',
      due_date: '2026-09-01T10:00:00Z',
      priority: 4,
      assignees: [{ id: 2, username: 'bob' }],
      reminders: [{ reminder: '2026-08-31T10:00:00Z', relative_period: 0, relative_to: '' }],
      labels: [{ id: 5, title: 'x' }],
      future_writable_field: 'keep',
    });
    let stored: Record<string, unknown> = current;
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply, { version: 'v1.0.0' })) return;
      if (request.method === 'GET') reply.json(200, stored);
      else {
        stored = { ...current, ...(request.body as object) };
        reply.json(200, { ...stored, title: 'an echo is not what was stored' });
      }
    });
    const client = fastClient(stub.url);
    const updated = await client.updateTask(7, { title: 'renamed', due_date: null });
    const post = stub.requests.find((r) => r.method === 'POST');
    expect(post?.path).toBe('/api/v1/tasks/7');
    const body = post?.body as Record<string, unknown>;
    expect(body).not.toHaveProperty('id');
    expect(body).not.toHaveProperty('project_id');
    expect(body).toMatchObject({
      title: 'renamed',
      description: '<p>keep me</p>',
      due_date: '0001-01-01T00:00:00Z',
      priority: 4,
      assignees: [{ id: 2, username: 'bob' }],
      reminders: current.reminders,
      future_writable_field: 'keep',
    });
    expect(updated).toMatchObject({ title: 'renamed', due_date: null, priority: 4 });
    expect(stub.requests.some((r) => r.method === 'PATCH')).toBe(false);
  });

  it('on 2.4+ PATCHes only the changed fields as merge-patch, then reads the stored task (never the echo)', async () => {
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply, { version: 'v2.4.0' })) return;
      if (request.method === 'PATCH') reply.json(200, task(7, { title: 'echo', priority: 1 }));
      else reply.json(200, task(7, { title: 'renamed', priority: 4 }));
    });
    const client = fastClient(stub.url);
    const updated = await client.updateTask(7, { title: 'renamed', due_date: '2026-09-01T10:00:07.890Z' });
    const patch = stub.requests.find((r) => r.method === 'PATCH');
    expect(patch?.path).toBe('/api/v2/tasks/7');
    expect(patch?.headers['content-type']).toBe('application/merge-patch+json');
    // Dates go out at whole seconds: Vikunja stores seconds but echoes what it was sent.
    expect(patch?.body).toEqual({ title: 'renamed', due_date: '2026-09-01T10:00:07Z' });
    expect(updated).toMatchObject({ title: 'renamed', priority: 4 });
  });

  it('applyTaskChanges makes the same write without reading the task back (one request fewer)', async () => {
    for (const version of ['v2.5.0', 'v1.0.0']) {
      const stub = await stubWith((request, reply) => {
        if (replyInfo(request, reply, { version })) return;
        if (request.method === 'PATCH') reply.text(304, '');
        else reply.json(200, task(7, { title: 'same' }));
      });
      const client = fastClient(stub.url);
      await expect(client.applyTaskChanges(7, { title: 'same' })).resolves.toBeUndefined();
      const calls = stub.requests.filter((r) => !r.path.endsWith('/info')).map((r) => `${r.method} ${r.path}`);
      expect(calls).toEqual(version === 'v2.5.0' ? ['PATCH /api/v2/tasks/7'] : ['GET /api/v1/tasks/7', 'POST /api/v1/tasks/7']);
    }
  });

  it('a PATCH answered 304 Not Modified (already so) is a success, not a redirect', async () => {
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply, { version: 'v2.5.0' })) return;
      if (request.method === 'PATCH') reply.text(304, '');
      else reply.json(200, task(7, { title: 'same' }));
    });
    const client = fastClient(stub.url);
    await expect(client.updateTask(7, { title: 'same' })).resolves.toMatchObject({ id: 7, title: 'same' });
  });

  it('a create never sends project_id or id in the body (gotcha 4)', async () => {
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply)) return;
      reply.json(201, task(1));
    });
    const client = fastClient(stub.url);
    await client.createTask(3, { title: 'x', ...({ project_id: 0, id: 9 } as object) });
    expect(stub.requests.at(-1)?.body).toEqual({ title: 'x' });
  });
});

describe('pagination and lookups', () => {
  it('follows x-pagination-total-pages at the server page size, and drops pseudo-projects (gotchas 6 and 15)', async () => {
    const real = Array.from({ length: 5 }, (_, i) => ({ id: i + 1, title: `p${i + 1}` }));
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply, { max_items_per_page: 2 })) return;
      const page = Number(request.query.get('page'));
      const perPage = Number(request.query.get('per_page'));
      const items = [...real.slice((page - 1) * perPage, page * perPage), { id: -1, title: 'Favorites' }, { id: -2, title: 'My Open Tasks' }];
      reply.json(200, items, { 'x-pagination-total-pages': '3', 'x-pagination-result-count': String(items.length) });
    });
    const client = fastClient(stub.url);
    const projects = await client.listProjects();
    expect(projects.map((p) => p.id)).toEqual([1, 2, 3, 4, 5]);
    expect(stub.requests.filter((r) => r.path === '/api/v1/projects').map((r) => r.query.get('per_page'))).toEqual(['2', '2', '2']);
  });

  it('never sends a numeric label search to the server (gotcha 7)', async () => {
    const labels = [
      { id: 1, title: '12' },
      { id: 12, title: 'other' },
      { id: 3, title: 'bug' },
    ];
    const stub = await stubWith((request, reply) => {
      if (replyInfo(request, reply)) return;
      const s = request.query.get('s');
      reply.json(200, s === null ? labels : labels.filter((l) => l.title.includes(s)), { 'x-pagination-total-pages': '1' });
    });
    const client = fastClient(stub.url);
    expect((await client.listLabels('12')).map((l) => l.id)).toEqual([1]);
    expect((await client.listLabels('bu')).map((l) => l.id)).toEqual([3]);
    const searches = stub.requests.filter((r) => r.path === '/api/v1/labels').map((r) => r.query.get('s'));
    expect(searches).toEqual([null, 'bu']);
    expect(isNumericLabelSearch('1,2')).toBe(true);
    expect(isNumericLabelSearch(' 12 ')).toBe(true);
    expect(isNumericLabelSearch('v2')).toBe(false);
  });
});

describe('serialiseTaskFields', () => {
  it('clears dates with the zero time and strips # from colours', () => {
    expect(serialiseTaskFields({ due_date: null, hex_color: '#ff0000', priority: 3, title: undefined })).toEqual({
      due_date: '0001-01-01T00:00:00Z',
      hex_color: 'ff0000',
      priority: 3,
    });
  });
});
