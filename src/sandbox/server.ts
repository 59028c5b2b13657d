/**
 * The HTTP server: prefix handling, request log, latency, fault injection, serial-write emulation,
 * token auth, rate limiting, routing, and the `/__sandbox/*` admin endpoints.
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { isJsonObject } from './bind.js';
import { bareError, HttpError, invalidModel, invalidToken, legacyShape, routeNotFound } from './errors.js';
import { FaultInjector, type FaultKind } from './faults.js';
import { objectBody, type RequestContext, type Reply, type ServerSettings } from './http.js';
import { FixedWindowLimiter, rateLimitHeaders, rateLimitKey } from './rate-limit.js';
import { Router } from './router.js';
import { registerLabelRoutes } from './routes-v1-labels.js';
import { registerMiscRoutes } from './routes-v1-misc.js';
import { registerProjectRoutes } from './routes-v1-projects.js';
import { registerTaskLinkRoutes } from './routes-v1-task-links.js';
import { registerTaskRoutes } from './routes-v1-tasks.js';
import { registerV2Routes, toProblem } from './routes-v2.js';
import { registerWebhookRoutes } from './routes-v1-webhooks.js';
import { SandboxStore, USER_ID } from './state.js';
import type { FaultOptions, RequestLogEntry, SandboxHandle, SandboxOptions } from './types.js';
import { featuresOf, parseVersion } from './version.js';
import { WebhookDispatcher } from './webhooks.js';

const MAX_BODY_BYTES = 22 * 1024 * 1024;
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Normalises a path prefix to '' or '/segment…' without a trailing slash. */
export function normalizePrefix(prefix: string): string {
  const trimmed = prefix.trim().replace(/\/+$/, '');
  if (trimmed === '') return '';
  return trimmed.startsWith('/') ? trimmed : `/${trimmed}`;
}

function checkOptions(options: SandboxOptions): void {
  const { maxItemsPerPage, latencyMs, rateLimit, port } = options;
  if (maxItemsPerPage !== undefined && (!Number.isInteger(maxItemsPerPage) || maxItemsPerPage < 1)) {
    throw new Error(`maxItemsPerPage must be a positive integer, got ${String(maxItemsPerPage)}`);
  }
  if (latencyMs !== undefined && (!Number.isFinite(latencyMs) || latencyMs < 0)) {
    throw new Error(`latencyMs must be a non-negative number, got ${String(latencyMs)}`);
  }
  if (rateLimit !== undefined && rateLimit !== null) {
    if (!Number.isInteger(rateLimit.limit) || rateLimit.limit < 1 || !(rateLimit.periodSeconds > 0)) {
      throw new Error(`rateLimit needs a positive integer limit and a positive periodSeconds, got ${JSON.stringify(rateLimit)}`);
    }
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new Error(`port must be an integer between 0 and 65535, got ${String(port)}`);
  }
  const timeoutMs = options.webhooks?.timeoutMs;
  if (timeoutMs !== undefined && (!Number.isFinite(timeoutMs) || timeoutMs <= 0)) {
    throw new Error(`webhooks.timeoutMs must be a positive number, got ${String(timeoutMs)}`);
  }
  const { database, createRaceWindowMs, maxOpenConnections, postgresMaxConnections } = options;
  if (database !== undefined && database !== 'sqlite' && database !== 'postgres') {
    throw new Error(`database must be sqlite or postgres, got ${String(database)}`);
  }
  if (createRaceWindowMs !== undefined && (!Number.isFinite(createRaceWindowMs) || createRaceWindowMs < 0)) {
    throw new Error(`createRaceWindowMs must be a non-negative number, got ${String(createRaceWindowMs)}`);
  }
  for (const [name, value] of [['maxOpenConnections', maxOpenConnections], ['postgresMaxConnections', postgresMaxConnections]] as const) {
    if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new Error(`${name} must be a positive integer, got ${String(value)}`);
  }
}

/** Task-create routes whose index Vikunja computes as max+1 without a lock (API.md §17.5). */
function createTarget(method: string, path: string): { projectId: number } | undefined {
  const v1 = method === 'PUT' ? /^\/api\/v1\/projects\/(\d+)\/tasks$/.exec(path) : null;
  const v2 = method === 'POST' ? /^\/api\/v2\/projects\/(\d+)\/tasks(?:\/bulk)?$/.exec(path) : null;
  const match = v1 ?? v2;
  return match === null ? undefined : { projectId: Number(match[1]) };
}

/** PostgreSQL reserves a few connections for superusers; Vikunja's pool cannot use them. */
const POSTGRES_RESERVED_CONNECTIONS = 3;

/** Starts a Vikunja-compatible sandbox server with in-memory state. */
export async function startSandbox(options: SandboxOptions = {}): Promise<SandboxHandle> {
  checkOptions(options);
  const version = parseVersion(options.version ?? '2.5.0');
  const features = featuresOf(version);
  const clock = options.now ?? (() => new Date());
  const store = new SandboxStore(version, features, clock);
  const prefix = normalizePrefix(options.pathPrefix ?? '');
  const token = options.token ?? `tk_${randomBytes(20).toString('hex')}`;
  const latencyMs = options.latencyMs ?? 0;
  const postgres = options.database === 'postgres';
  const concurrentWrites = options.concurrentWrites ?? postgres;
  const raceWindowMs = options.createRaceWindowMs ?? 15;
  /** The connection-pool model is opt-in: it runs only when `maxOpenConnections` is given. */
  const poolModel = options.maxOpenConnections !== undefined;
  let maxOpenConnections = options.maxOpenConnections ?? 100;
  const postgresMaxConnections = options.postgresMaxConnections ?? 100;
  let openConnections = 0;
  let dead = false;
  const enforceSerialWrites = (options.enforceSerialWrites ?? false) && !concurrentWrites;
  const faults = new FaultInjector(options.faults);
  const rateLimit = options.rateLimit ?? undefined;
  const limiter = rateLimit === undefined ? undefined : new FixedWindowLimiter(rateLimit.limit, rateLimit.periodSeconds, () => clock().getTime());
  const webhooks = new WebhookDispatcher(store, {
    allowNonRoutable: options.webhooks?.allowNonRoutable ?? false,
    timeoutMs: options.webhooks?.timeoutMs ?? 30_000,
    userAgent: `Vikunja/${version.display}`,
  });
  const settings: ServerSettings = { baseUrl: '', maxItemsPerPage: options.maxItemsPerPage ?? 50, concurrentWrites };

  const router = new Router();
  router.add('GET', '/health', () => ({ status: 200, text: 'OK' }), { public: true });
  registerMiscRoutes(router, '/api/v1');
  registerProjectRoutes(router, '/api/v1');
  registerTaskRoutes(router, '/api/v1', store);
  registerLabelRoutes(router, '/api/v1');
  registerTaskLinkRoutes(router, '/api/v1');
  registerWebhookRoutes(router, '/api/v1');
  if (features.apiV2) registerV2Routes(router, '/api/v2', store);

  let log: RequestLogEntry[] = [];
  /** 0.24 sends no `Cache-Control: no-store` (API.md §18.10). */
  const noStore: Record<string, string> = features.legacy024 ? {} : { 'Cache-Control': 'no-store' };
  let activeWrites = 0;

  const isAuthorized = (req: IncomingMessage): boolean => {
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match !== null && match[1] === token;
  };

  /** Auth, rate limit, route, handler — synchronous, so each request is one transaction. */
  const processRequest = (req: IncomingMessage, method: string, path: string, url: URL, rawBody: string): Reply => {
    const isV1 = path === '/api/v1' || path.startsWith('/api/v1/');
    const isV2 = path === '/api/v2' || path.startsWith('/api/v2/');
    let limitHeaders: Record<string, string> = {};
    try {
      if (isV2 && !features.apiV2) throw routeNotFound();
      const match = router.match(method, path);
      const isPublic = typeof match === 'object' && match.public;
      if ((isV1 || isV2) && !isPublic && !isAuthorized(req)) throw invalidToken();
      if (features.legacy024 && isV1 && !isPublic) {
        // 0.24 never lets API tokens call /user or /token/test, and a route no token permission names
        // (an unknown one) is refused the same way (`CanDoAPIRoute`, API.md §18.2).
        if (path === '/api/v1/user' || path === '/api/v1/token/test' || typeof match !== 'object') throw invalidToken();
      }
      if (limiter !== undefined && (isV1 || isV2)) {
        const key = rateLimitKey({ isPublic, isV2, userId: USER_ID, ip: req.socket.remoteAddress ?? '' });
        const result = limiter.hit(key);
        limitHeaders = result.headers;
        if (!result.allowed) throw bareError(429, 'Too Many Requests');
      }
      if (match === undefined) throw routeNotFound();
      if (match === 'method-not-allowed') throw bareError(405, 'Method Not Allowed');
      const ctx = buildContext(req, method, path, url, rawBody, match.params);
      const reply = match.handler(ctx);
      return { ...reply, headers: { ...limitHeaders, ...reply.headers, ...(isV1 ? noStore : {}) } };
    } catch (error) {
      let reply: Reply;
      if (error instanceof HttpError) {
        let shaped = isV2 && (error.apiCode !== undefined || error.fields.length > 0) ? toProblem(error) : error;
        if (features.legacy024 && !isV2) shaped = legacyShape(shaped);
        reply = { status: shaped.status, body: shaped.body, headers: { ...shaped.headers } };
      } else {
        reply = { status: 500, body: { message: 'Internal Server Error' }, headers: { 'x-sandbox-error': describe(error) } };
      }
      return { ...reply, headers: { ...limitHeaders, ...reply.headers, ...(isV1 ? noStore : {}) } };
    }
  };

  const buildContext = (
    req: IncomingMessage,
    method: string,
    path: string,
    url: URL,
    rawBody: string,
    params: Record<string, string>,
  ): RequestContext => {
    const contentType = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
    const hasBody = rawBody.length > 0;
    let parsed: { value: unknown } | undefined;
    const rawJson = (): unknown => {
      if (!hasBody) return undefined;
      if (parsed === undefined) {
        try {
          parsed = { value: JSON.parse(rawBody) as unknown };
        } catch (error) {
          throw invalidModel(describe(error));
        }
      }
      return parsed.value;
    };
    return {
      method,
      path,
      params,
      query: url.searchParams,
      headers: req.headers,
      store,
      settings,
      contentType,
      hasBody,
      rawJson,
      body: () => {
        if (hasBody && contentType !== 'application/json') throw invalidModel('Unsupported Media Type');
        return objectBody(rawJson());
      },
    };
  };

  const handleAdmin = async (req: IncomingMessage, res: ServerResponse, method: string, adminPath: string, url: URL): Promise<void> => {
    if (!isAuthorized(req)) return send(res, { status: 401, body: invalidToken().body });
    if (adminPath === '/requests' && method === 'GET') return send(res, { status: 200, body: [...log] });
    if (adminPath === '/requests' && method === 'DELETE') {
      log = [];
      return send(res, { status: 200, body: { message: 'Request log cleared.' } });
    }
    if (adminPath === '/state' && method === 'GET') {
      return send(res, { status: 200, body: store.dump(url.searchParams.get('includeDeleted') === 'true') });
    }
    if (adminPath === '/faults' && method === 'GET') return send(res, { status: 200, body: { faults: faults.current() ?? null } });
    if (adminPath === '/faults' && method === 'POST') {
      const raw = await readBody(req);
      try {
        const value = raw.trim() === '' ? null : (JSON.parse(raw) as unknown);
        if (value !== null && !isJsonObject(value)) throw new Error('the body must be a JSON object of fault options, or null');
        faults.set(value === null ? undefined : (value as FaultOptions));
      } catch (error) {
        return send(res, { status: 400, body: { message: describe(error) } });
      }
      return send(res, { status: 200, body: { faults: faults.current() ?? null } });
    }
    return send(res, { status: 404, body: { message: 'Not Found' } });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    req.on('error', () => undefined);
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', 'http://sandbox.invalid');
    const fullPath = url.pathname;
    const inPrefix = prefix === '' || fullPath === prefix || fullPath.startsWith(`${prefix}/`);
    const path = inPrefix ? fullPath.slice(prefix.length) || '/' : fullPath;
    if (inPrefix && path.startsWith('/__sandbox/')) return handleAdmin(req, res, method, path.slice('/__sandbox'.length), url);

    const entry: RequestLogEntry = { method, path, query: url.search.replace(/^\?/, ''), status: 0, at: clock().toISOString() };
    log.push(entry);
    const isWrite = !READ_METHODS.has(method);
    let locked = false;
    if (isWrite && enforceSerialWrites && inPrefix && path.startsWith('/api/')) {
      if (activeWrites > 0) locked = true;
      else {
        activeWrites += 1;
        let released = false;
        res.once('close', () => {
          if (!released) activeWrites -= 1;
          released = true;
        });
      }
    }
    if (latencyMs > 0) await sleep(latencyMs);

    const fault: FaultKind | undefined = faults.next(isWrite);
    if (fault !== undefined) entry.fault = fault;
    if (fault === 'drop') {
      req.socket.destroy();
      return;
    }
    const injected = injectedReply(fault, rateLimit?.limit ?? 100, clock().getTime());
    if (injected !== undefined) {
      entry.status = injected.status;
      const fromVikunja = injected.status === 500 || injected.status === 429;
      if (fromVikunja && path.startsWith('/api/v1/')) injected.headers = { ...injected.headers, ...noStore };
      return send(res, injected);
    }
    if (locked) {
      entry.status = 500;
      return send(res, { status: 500, body: { message: 'database is locked' }, headers: noStore });
    }
    let rawBody: string;
    try {
      rawBody = await readBody(req);
    } catch {
      entry.status = 413;
      return send(res, { status: 413, body: { message: 'Request Entity Too Large' } });
    }
    const creating = postgres && inPrefix ? createTarget(method, path) : undefined;
    if (creating !== undefined) {
      if (poolModel && path.endsWith('/bulk') && consumePoolFor(rawBody)) {
        entry.status = 0;
        req.socket.destroy();
        return;
      }
      // PostgreSQL: the next task index is read (max + 1) in one statement and inserted in a later one,
      // with no lock in between; concurrent creates into one project read the same max and collide.
      const snapshot = store.maxIndexOf(creating.projectId);
      await sleep(raceWindowMs);
      if (dead) {
        req.socket.destroy();
        return;
      }
      store.indexSnapshot = { projectId: creating.projectId, max: snapshot, offset: 0 };
    }
    let reply: Reply;
    try {
      reply = inPrefix ? processRequest(req, method, path, url, rawBody) : { status: 404, body: { message: 'Not Found' } };
    } finally {
      store.indexSnapshot = undefined;
    }
    // Webhooks go out after the write committed (a failed request committed nothing), asynchronously.
    webhooks.settle(reply.status < 400);
    if (fault === 'commitThenDrop') {
      req.socket.destroy();
      return;
    }
    entry.status = reply.status;
    send(res, reply);
  };

  /**
   * Vikunja's connection pool under a v2 bulk create (API.md §17.6): a batch of n tasks holds about n/2 + 1
   * connections, and the pool keeps what it opened, up to `maxOpenConnections`. When the pool needs more
   * connections than PostgreSQL allows, Vikunja exits (`log.Fatalf`) and every later request is refused.
   * Returns true when the server died.
   */
  const consumePoolFor = (rawBody: string): boolean => {
    let count = 0;
    try {
      const parsed = JSON.parse(rawBody) as unknown;
      if (isJsonObject(parsed) && Array.isArray(parsed['tasks'])) count = parsed['tasks'].length;
    } catch {
      return false;
    }
    openConnections = Math.min(maxOpenConnections, Math.max(openConnections, 0) + Math.ceil(count / 2) + 1);
    if (openConnections <= postgresMaxConnections - POSTGRES_RESERVED_CONNECTIONS) return false;
    dead = true;
    server.close();
    server.closeAllConnections();
    return true;
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) send(res, { status: 500, body: { message: 'Internal Server Error' }, headers: { 'x-sandbox-error': describe(error) } });
      else res.destroy();
    });
  });
  server.keepAliveTimeout = 5000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}${prefix}`;
  settings.baseUrl = url;

  let closing: Promise<void> | undefined;
  return {
    url,
    token,
    version: version.plain,
    database: postgres ? 'postgres' : 'sqlite',
    isDead: () => dead,
    restart: async (next = {}) => {
      if (closing !== undefined) throw new Error('the sandbox was closed; start a new one');
      if (next.maxOpenConnections !== undefined) {
        if (!Number.isInteger(next.maxOpenConnections) || next.maxOpenConnections < 1) {
          throw new Error(`maxOpenConnections must be a positive integer, got ${String(next.maxOpenConnections)}`);
        }
        maxOpenConnections = next.maxOpenConnections;
      }
      if (server.listening) {
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeAllConnections();
        });
      }
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(address.port, address.address, () => {
          server.off('error', reject);
          resolve();
        });
      });
      openConnections = 0;
      dead = false;
    },
    requestLog: () => log.map((e) => ({ ...e })),
    clearRequestLog: () => {
      log = [];
    },
    dump: (dumpOptions) => store.dump(dumpOptions?.includeDeleted ?? false),
    setFaults: (next) => faults.set(next),
    webhooks: () => [...store.webhooks.values()].map((hook) => ({ ...hook, events: [...hook.events] })),
    webhookDeliveries: () => webhooks.deliveries(),
    close: () => {
      closing ??= Promise.all([
        webhooks.close(),
        new Promise<void>((resolve) => {
          if (!server.listening) {
            resolve();
            return;
          }
          server.close(() => resolve());
          server.closeAllConnections();
        }),
      ]).then(() => undefined);
      return closing;
    },
  };
}

/** The reply for an injected 5xx or 429 fault. */
function injectedReply(fault: FaultKind | undefined, limit: number, nowMs: number): Reply | undefined {
  switch (fault) {
    case 'error500':
      return { status: 500, body: { message: 'Internal Server Error' } };
    case 'error502':
      return { status: 502, text: proxyPage(502, 'Bad Gateway'), contentType: 'text/html' };
    case 'error503':
      return { status: 503, text: proxyPage(503, 'Service Temporarily Unavailable'), contentType: 'text/html' };
    case 'rateLimitBurst':
      return { status: 429, body: { message: 'Too Many Requests' }, headers: rateLimitHeaders(limit, 0, nowMs + 1000) };
    default:
      return undefined;
  }
}

function proxyPage(status: number, title: string): string {
  return `<html>\r\n<head><title>${status} ${title}</title></head>\r\n<body>\r\n<center><h1>${status} ${title}</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n`;
}

function send(res: ServerResponse, reply: Reply): void {
  const headers: Record<string, string> = { ...reply.headers };
  let payload: string;
  if (reply.text !== undefined) {
    payload = reply.text;
    if (reply.contentType !== undefined) headers['content-type'] = reply.contentType;
    else if (payload !== '') headers['content-type'] = 'text/plain; charset=utf-8';
  } else {
    payload = `${JSON.stringify(reply.body ?? null)}\n`;
    headers['content-type'] ??= reply.contentType ?? 'application/json';
  }
  if (reply.status === 204 || reply.status === 304) payload = '';
  headers['content-length'] = String(Buffer.byteLength(payload));
  res.writeHead(reply.status, headers);
  res.end(payload);
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.pause();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
