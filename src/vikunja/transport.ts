/**
 * The HTTP transport: the request adapter of `node-http.ts` (no retries of its own, every status returned) and,
 * around each logical call, the circuit breaker → p-retry → concurrency limits → rate limiter → request. What an
 * answer means is decided in `http-policy.ts`; this file only wires the mechanics together.
 */
import pLimit from 'p-limit';
import type pRetryFunction from 'p-retry';
import { ConfigError, RetryableApiError, ServerUnavailableError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import type { VikunjaStats } from '../core/vikunja.js';
import { createCircuitBreaker, type CircuitBreakerSettings, type CircuitStateValue } from './circuit-breaker.js';
import {
  classifyErrorResponse,
  classifyTransportFailure,
  consumesRetryBudget,
  isRetryable,
  isServerTrouble,
  parseSuccessBody,
  type RequestDescription,
  type RequestSemantic,
} from './http-policy.js';
import {
  createRateLimiter,
  rateLimitBucketOf,
  type RateLimitBucket,
  type RateLimiter,
  type RateLimitStatus,
  type RateLimitTicket,
} from './rate-limiter.js';
import { HttpRequestFailure, sendHttpRequest } from './node-http.js';

/** The two API roots. */
export const ApiRoot = { v1: '/api/v1', v2: '/api/v2' } as const;

/** HTTP methods the client uses. */
export type HttpMethod = 'GET' | 'PUT' | 'POST' | 'PATCH' | 'DELETE';

/** Query values; arrays repeat the key (`sort_by=a&sort_by=b`). */
export type QueryValue = string | number | boolean | readonly (string | number)[] | undefined;

/** One logical API call. */
export interface ApiRequest {
  method: HttpMethod;
  /** Default `v1`. */
  api?: keyof typeof ApiRoot;
  /** Below the API root, starting with `/`. */
  path: string;
  query?: Readonly<Record<string, QueryValue>>;
  body?: unknown;
  /** Default `application/json` when there is a body. */
  contentType?: string;
  semantics: RequestSemantic;
}

/** A successful (2xx) answer with its body parsed as JSON. */
export interface ApiResponse {
  status: number;
  headers: Readonly<Record<string, string | string[] | undefined>>;
  body: unknown;
}

/** Settings of the transport. */
export interface TransportOptions {
  url: string;
  token: string;
  timeoutMs: number;
  concurrency: number;
  retries: number;
  log: Logger;
  retryBaseMs: number;
  retryMaxMs: number;
  breaker: CircuitBreakerSettings;
  maxRateLimitWaitMs: number;
  /**
   * How long one call keeps retrying a server that does not answer usefully (refused connections, 5xx, resets)
   * before it gives up with `ServerUnavailableError`. Rate-limit waits do not count.
   */
  unavailableAfterMs: number;
}

/** What the client sends its calls through. */
export interface Transport {
  /** The normalised base URL (prefix kept, no trailing slash, no API root). */
  readonly baseUrl: string;
  send(request: ApiRequest): Promise<ApiResponse>;
  /** Serialise writes (one in flight at a time) or not; starts serialised until the server says otherwise. */
  setSerialWrites(serial: boolean): void;
  stats(): VikunjaStats;
  /** The `/api/v1` budget (the one most calls use). */
  rateLimitStatus(): RateLimitStatus;
  /** Every budget: `/api/v1` and `/api/v2` per user, `/info` per IP. */
  rateLimitStatuses(): Record<RateLimitBucket, RateLimitStatus>;
  circuitState(): CircuitStateValue;
  /** Replaces every occurrence of the token in a text. */
  redact(text: string): string;
}

/**
 * Normalises a base URL: keeps any path prefix (`http://host/vikunja`), drops a trailing slash, a query, a
 * fragment and an `/api/v1` or `/api/v2` the user may have pasted.
 */
export function normaliseBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new ConfigError(`Vikunja URL ${JSON.stringify(url)} is not a valid URL; use e.g. http://localhost:3456 or http://localhost/vikunja`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
    throw new ConfigError(`Vikunja URL ${JSON.stringify(url)} must start with http:// or https://`);
  }
  if (parsed.username !== '' || parsed.password !== '') {
    throw new ConfigError('Vikunja URL must not carry credentials; pass the API token with --token, --token-file or VIKUNJA_TOKEN');
  }
  const path = parsed.pathname.replace(/\/+$/, '').replace(/\/api\/v[12]$/, '');
  return `${parsed.origin}${path}`;
}

/** Joins the base URL (with its prefix), an API root and a path. */
export function joinApiUrl(baseUrl: string, api: keyof typeof ApiRoot, path: string): string {
  return `${baseUrl}${ApiRoot[api]}${path.startsWith('/') ? path : `/${path}`}`;
}

/** The URL with the query appended (`undefined` values left out, arrays repeating the key), form-encoded. */
export function appendQuery(url: string, query: Readonly<Record<string, QueryValue>> | undefined): string {
  if (query === undefined) return url;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) for (const item of value) params.append(key, String(item));
    else params.append(key, String(value));
  }
  const search = params.toString();
  return search === '' ? url : `${url}?${search}`;
}

/** p-retry, once loaded: the process's first request does not wait for it (see `send`). */
let loadedPRetry: typeof pRetryFunction | undefined;

async function loadPRetry(): Promise<typeof pRetryFunction> {
  loadedPRetry ??= (await import('p-retry')).default;
  return loadedPRetry;
}

/** An attempt's outcome held until p-retry takes it, so a failure is neither lost nor reported as unhandled meanwhile. */
type HeldAttempt = { ok: true; value: ApiResponse } | { ok: false; error: unknown };

function createRedactor(token: string): (text: string) => string {
  if (token.length < 4) return (text) => text;
  return (text) => text.split(token).join('[redacted]');
}

/** Creates the transport for one server and token. */
export function createTransport(options: TransportOptions): Transport {
  const baseUrl = normaliseBaseUrl(options.url);
  const { log } = options;
  const redact = createRedactor(options.token);
  const counters: VikunjaStats = { requests: {}, retries: 0, rateLimitWaits: 0, circuitOpens: 0 };
  const headers = { authorization: `Bearer ${options.token}`, accept: 'application/json', 'user-agent': 'membank' } as const;
  const limit = pLimit(options.concurrency);
  const writeLock = pLimit(1);
  let serialWrites = true;

  const makeLimiter = (bucket: RateLimitBucket): RateLimiter =>
    createRateLimiter({
      maxWaitMs: options.maxRateLimitWaitMs,
      onWait(waitMs, reason) {
        counters.rateLimitWaits += 1;
        log.info({ event: 'vikunja.rate_limit.wait', bucket, waitMs, reason }, 'waiting for the rate-limit window to reset');
      },
    });
  const rateLimiters: Record<RateLimitBucket, RateLimiter> = { v1: makeLimiter('v1'), v2: makeLimiter('v2'), info: makeLimiter('info') };
  const breaker = createCircuitBreaker({
    ...options.breaker,
    url: baseUrl,
    onOpen({ failures, nextProbeAt, lastError }) {
      counters.circuitOpens += 1;
      log.error({ event: 'vikunja.circuit.open', failures, nextProbeAt: nextProbeAt.toISOString(), lastError }, 'circuit opened');
    },
    onClose() {
      log.info({ event: 'vikunja.circuit.closed' }, 'circuit closed: the server answers again');
    },
  });

  async function sendOnce(
    request: ApiRequest,
    description: RequestDescription,
    rateLimiter: RateLimiter,
    ticket: RateLimitTicket,
  ): Promise<ApiResponse> {
    counters.requests[request.method] = (counters.requests[request.method] ?? 0) + 1;
    const url = appendQuery(joinApiUrl(baseUrl, request.api ?? 'v1', request.path), request.query);
    const hasBody = request.body !== undefined;
    const startedAt = Date.now();
    let response;
    try {
      response = await sendHttpRequest({
        method: request.method,
        url,
        headers: hasBody ? { ...headers, 'content-type': request.contentType ?? 'application/json' } : headers,
        body: hasBody ? JSON.stringify(request.body) : undefined,
        timeoutMs: options.timeoutMs,
      });
    } catch (error) {
      rateLimiter.settle(ticket, undefined);
      if (error instanceof HttpRequestFailure) throw classifyTransportFailure(description, error, redact);
      throw error;
    }
    const status = response.status;
    rateLimiter.settle(ticket, response.headers, status);
    log.debug({ event: 'vikunja.request', method: request.method, path: request.path, status, ms: Date.now() - startedAt });
    if (status >= 200 && status < 300) {
      return { status, headers: response.headers, body: parseSuccessBody(description, status, response.headers, response.text) };
    }
    // v2 PATCH that changes nothing: 304 Not Modified, empty body — "already so" (API.md §17.2), not a redirect.
    if (status === 304 && request.method === 'PATCH') return { status, headers: response.headers, body: undefined };
    throw classifyErrorResponse(description, status, response.headers, redact(response.text));
  }

  /**
   * The rate-limit budget is taken first, outside the concurrency slots: a call waiting for its bucket's window
   * must not hold a slot another bucket's call could use (each bucket is waited for on its own).
   */
  async function schedule(request: ApiRequest, description: RequestDescription): Promise<ApiResponse> {
    const rateLimiter = rateLimiters[rateLimitBucketOf(request.api ?? 'v1', request.path)];
    const ticket = await rateLimiter.acquire();
    const run = (): Promise<ApiResponse> => limit(() => sendOnce(request, description, rateLimiter, ticket));
    return request.method !== 'GET' && serialWrites ? writeLock(run) : run();
  }

  return {
    baseUrl,
    async send(request) {
      const description: RequestDescription = { method: request.method, path: request.path, semantics: request.semantics };
      const admission = breaker.admit();
      let freeRateLimitRetries = 0;
      let troubleSince: number | undefined;
      let attempts = 0;
      const attempt = (): Promise<ApiResponse> => {
        attempts += 1;
        return schedule(request, description);
      };
      try {
        // Until p-retry is loaded (the process's first calls, e.g. doctor's /info), attempt 1 leaves at once and
        // p-retry, loaded meanwhile, takes it as its first attempt: the same attempts, budget and backoff as when
        // p-retry calls `attempt` itself (it does so synchronously on entry), without the request waiting for it.
        let first: Promise<HeldAttempt> | undefined;
        if (loadedPRetry === undefined) {
          first = attempt().then(
            (value): HeldAttempt => ({ ok: true, value }),
            (error: unknown): HeldAttempt => ({ ok: false, error }),
          );
        }
        const pRetry = loadedPRetry ?? (await loadPRetry());
        const response = await pRetry(async (attemptNumber) => {
          if (attemptNumber > 1 || first === undefined) return attempt();
          const held = await first;
          if (held.ok) return held.value;
          throw held.error;
        }, {
          retries: options.retries,
          factor: 2,
          minTimeout: options.retryBaseMs,
          maxTimeout: options.retryMaxMs,
          randomize: true,
          shouldConsumeRetry: ({ error }) => {
            const consume = consumesRetryBudget(error, freeRateLimitRetries);
            if (!consume) freeRateLimitRetries += 1;
            return consume;
          },
          shouldRetry: ({ error, attemptNumber }) => {
            const rateLimited = error instanceof RetryableApiError && error.status === 429;
            if (isRetryable(error) && !rateLimited) {
              troubleSince ??= Date.now();
              // A bounded time, not only a bounded count: a server that is down is reported as such promptly.
              if (Date.now() - troubleSince >= options.unavailableAfterMs) return false;
            }
            const retry = isRetryable(error);
            if (retry) {
              counters.retries += 1;
              log.warn({ event: 'vikunja.retry', method: request.method, path: request.path, attempt: attemptNumber, error: error.message });
            }
            return retry;
          },
        });
        breaker.recordSuccess(admission);
        return response;
      } catch (error) {
        if (isServerTrouble(error)) breaker.recordFailure(admission, error as Error);
        else breaker.recordSuccess(admission);
        // Retries ran out on a server that does not answer (refused, 5xx, resets): Vikunja is unavailable —
        // exit 5, re-run to resume. Ambiguous creates stay what they are (the caller reconciles them), and so
        // do rate-limit answers.
        if (error instanceof RetryableApiError && error.status !== 429) {
          const seconds = troubleSince === undefined ? 0 : Math.round((Date.now() - troubleSince) / 1000);
          throw new ServerUnavailableError(
            `Vikunja at ${baseUrl} is unavailable: ${error.message} (${attempts} attempt(s) over ${seconds} s). ` +
              'Check the server, then run membank again: the run resumes where it stopped.',
            { cause: error, details: { url: baseUrl, method: request.method, path: request.path, status: error.status } },
          );
        }
        throw error;
      }
    },
    setSerialWrites(serial) {
      serialWrites = serial;
    },
    stats() {
      return { ...counters, requests: { ...counters.requests } };
    },
    rateLimitStatus() {
      return rateLimiters.v1.status();
    },
    rateLimitStatuses() {
      return { v1: rateLimiters.v1.status(), v2: rateLimiters.v2.status(), info: rateLimiters.info.status() };
    },
    circuitState() {
      return breaker.state();
    },
    redact,
  };
}
