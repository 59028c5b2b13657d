/**
 * The one place where HTTP outcomes are classified and retry decisions are made. The transport sends;
 * this file says what a status, a body or a socket error means and whether to try again.
 *
 * Why creates are treated differently: Vikunja handles every request in one database transaction, so a
 * definite error answer from Vikunja itself (429, 500, 503) means nothing was committed and the create may
 * be sent again. A request that was fully sent but got no answer (reset, timeout, dropped connection) may
 * have committed, and so may one answered by a gateway in Vikunja's place (502/504: the upstream may still
 * finish). Creates have no natural idempotency key in Vikunja, so those outcomes surface as
 * `AmbiguousWriteError` and the caller reconciles by marker instead of risking a duplicate.
 */
import { AmbiguousWriteError, FatalApiError, RetryableApiError, truncateForMessage, type ApiProblem } from '../core/errors.js';

/** How a request behaves when repeated. */
export const RequestSemantics = {
  /** Reads: always safe to repeat. */
  read: 'read',
  /** Writes whose repetition lands in the same state (full-object update, PATCH, bulk set, delete, attach with "exists" tolerated). */
  idempotent: 'idempotent',
  /** Creates: a repeat after an unknown outcome may duplicate. */
  create: 'create',
} as const;
/** One of `RequestSemantics`. */
export type RequestSemantic = (typeof RequestSemantics)[keyof typeof RequestSemantics];

/** What the policy needs to know about a request. */
export interface RequestDescription {
  method: string;
  /** Path below the API root (`/tasks/5`), for messages. Never contains the token. */
  path: string;
  semantics: RequestSemantic;
}

/** Statuses worth retrying: rate limit, server errors, gateway errors. */
const RETRYABLE_STATUSES: ReadonlySet<number> = new Set([429, 500, 502, 503, 504]);
/** Gateway statuses: answered by a proxy, so a create behind it may have committed anyway. */
const GATEWAY_STATUSES: ReadonlySet<number> = new Set([502, 504]);
/** Network error codes that prove the request never left this machine. */
const NOT_SENT_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH']);

/** Vikunja's error body, as far as it could be read (v1 `{code,message,invalid_fields}` or v2 problem+json). */
export interface ApiErrorBody {
  code: number | undefined;
  message: string;
  invalidFields: string[];
  /** v2 problem+json `errors[]`, each with the batch item and field its location names. */
  problems: ApiProblem[];
  json: unknown;
}

/**
 * A short, readable summary of a body that is not JSON: an HTML page (a proxy's 502/503, the web frontend) is
 * named by its `<title>` (or first heading); other text is cut to 200 characters. Never the whole page.
 */
export function summariseText(text: string): string {
  const trimmed = text.trim();
  if (trimmed === '') return '';
  if (/^<!doctype html|^<html|<head[\s>]|<body[\s>]/i.test(trimmed)) {
    const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(trimmed)?.[1] ?? /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(trimmed)?.[1];
    const plain = (title ?? trimmed.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
    return `an HTML page${plain === '' ? '' : `: "${truncateForMessage(plain, 120)}"`}`;
  }
  return truncateForMessage(trimmed.replace(/\s+/g, ' '));
}

/** Reads `body.tasks[3].title` into the item index and field; other locations keep both undefined. */
export function parseProblemLocation(location: string): { itemIndex: number | undefined; field: string | undefined } {
  const match = /^body\.[A-Za-z_]+\[(\d+)\](?:\.(.+))?$/.exec(location);
  if (match === null) return { itemIndex: undefined, field: undefined };
  return { itemIndex: Number(match[1]), field: match[2] };
}

/** Reads an error body of either API version; a body that is not JSON is summarised (HTML by its title). */
export function parseApiErrorBody(text: string): ApiErrorBody {
  let json: unknown;
  try {
    json = text.length > 0 ? JSON.parse(text) : undefined;
  } catch {
    return { code: undefined, message: summariseText(text), invalidFields: [], problems: [], json: summariseText(text) };
  }
  if (json === null || typeof json !== 'object' || Array.isArray(json)) {
    return { code: undefined, message: truncateForMessage(text.trim()), invalidFields: [], problems: [], json };
  }
  const record = json as Record<string, unknown>;
  const code = typeof record.code === 'number' ? record.code : undefined;
  const message =
    (typeof record.message === 'string' && record.message) ||
    (typeof record.detail === 'string' && record.detail) ||
    (typeof record.title === 'string' && record.title) ||
    '';
  const invalidFields: string[] = [];
  const problems: ApiProblem[] = [];
  if (Array.isArray(record.invalid_fields)) {
    for (const field of record.invalid_fields) if (typeof field === 'string') invalidFields.push(field);
  }
  if (Array.isArray(record.errors)) {
    for (const item of record.errors) {
      if (item !== null && typeof item === 'object') {
        const entry = item as Record<string, unknown>;
        const location = typeof entry.location === 'string' ? entry.location : '';
        const where = location === '' ? '' : `${location}: `;
        if (typeof entry.message === 'string') {
          invalidFields.push(`${where}${entry.message}`);
          problems.push({ location, message: entry.message, ...parseProblemLocation(location), batchIndex: undefined });
        }
      }
    }
  }
  return { code, message: truncateForMessage(message), invalidFields, problems, json };
}

/** Unix seconds from `X-RateLimit-Reset`, when present and numeric. */
export function readRateLimitReset(headers: Readonly<Record<string, string | string[] | undefined>>): number | undefined {
  const raw = headers['x-ratelimit-reset'];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * The token scope a call probably needs, derived the way Vikunja derives scopes from routes (API.md §3.2):
 * non-numeric path segments joined by `_`, action from the verb. A hint for messages, not an authority.
 */
export function describeLikelyScope(method: string, path: string): string {
  const segments = path.split('?')[0]!.split('/').filter((segment) => segment.length > 0);
  const named = segments.filter((segment) => !/^-?\d+$/.test(segment));
  if (named.length === 1 && named[0] === 'user') return 'other.user';
  const last = segments.at(-1) ?? '';
  const endsWithId = /^-?\d+$/.test(last);
  const isBulk = named.at(-1) === 'bulk';
  const group = (isBulk ? named.slice(0, -1) : named).join('_').replaceAll('-', '_');
  const verb = method.toUpperCase();
  let action = 'read_all';
  if (verb === 'GET') action = endsWithId ? 'read_one' : 'read_all';
  else if (verb === 'PUT') action = 'create';
  else if (verb === 'POST') action = isBulk ? 'update_bulk' : 'update';
  else if (verb === 'PATCH') action = 'update';
  else if (verb === 'DELETE') action = 'delete';
  return `${group}.${action}`;
}

/**
 * Classifies a non-2xx answer: 429/5xx → `RetryableApiError` (a gateway 502/504 on a create →
 * `AmbiguousWriteError`); any other status → `FatalApiError` with Vikunja's code, the invalid fields of a
 * validation error, and a way out for a rejected token.
 */
export function classifyErrorResponse(
  request: RequestDescription,
  status: number,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  bodyText: string,
): RetryableApiError | FatalApiError | AmbiguousWriteError {
  const { method, path } = request;
  const body = parseApiErrorBody(bodyText);
  const summary = body.message.length > 0 ? body.message : `HTTP ${status}`;
  if (RETRYABLE_STATUSES.has(status)) {
    if (request.semantics === RequestSemantics.create && GATEWAY_STATUSES.has(status)) {
      return new AmbiguousWriteError(method, path, {
        cause: new Error(`a gateway answered ${status} (${summary}) in Vikunja's place; the upstream may still have committed`),
      });
    }
    const rateLimitReset = status === 429 ? readRateLimitReset(headers) : undefined;
    return new RetryableApiError(method, path, `HTTP ${status}: ${summary}`, {
      status,
      ...(rateLimitReset === undefined ? {} : { rateLimitReset }),
    });
  }
  if (status >= 300 && status < 400) {
    const location = headers.location;
    const target = Array.isArray(location) ? location[0] : location;
    return new FatalApiError(
      method,
      path,
      status,
      `the server redirected to ${target ?? '(no location)'}; membank does not follow redirects (a redirected POST can turn into a GET). Set the URL to the final address`,
    );
  }
  const codePart = body.code === undefined ? '' : ` (code ${body.code})`;
  let message = `${summary}${codePart}`;
  if (body.invalidFields.length > 0) message += ` — invalid fields: ${body.invalidFields.join('; ')}`;
  if (status === 401) {
    message =
      `the API token was rejected${codePart}: it is missing, malformed, expired, or lacks the scope this call needs ` +
      `(probably "${describeLikelyScope(method, path)}"). Check VIKUNJA_TOKEN / --token / --token-file, the token's expiry ` +
      `and its permissions in Vikunja (Settings → API Tokens), then run \`membank doctor\``;
  } else if (status === 403 && body.code === undefined) {
    message = `${summary}: the token is valid but its user has no rights on this object`;
  }
  return new FatalApiError(method, path, status, message, {
    ...(body.code === undefined ? {} : { apiCode: body.code }),
    body: body.json,
    problems: body.problems,
  });
}

/**
 * Reads a 2xx body as JSON (empty → `undefined`). Anything else — typically an HTML page served by a proxy
 * or the web frontend when the path prefix is wrong — is a `FatalApiError` that says so.
 */
export function parseSuccessBody(
  request: RequestDescription,
  status: number,
  headers: Readonly<Record<string, string | string[] | undefined>>,
  text: string,
): unknown {
  if (text.trim().length === 0) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    const type = headers['content-type'];
    throw new FatalApiError(
      request.method,
      request.path,
      status,
      `expected JSON from the Vikunja API but received ${String(Array.isArray(type) ? type[0] : (type ?? 'no content type'))}: ` +
        `${summariseText(text)}. Is the URL (including its path prefix, e.g. http://host/vikunja) the Vikunja base URL?`,
    );
  }
}

/** The parts of a failed request (`HttpRequestFailure` of `node-http.ts`) the policy reads. */
export interface TransportFailure {
  code?: string | undefined;
  message: string;
  /** `upload` is set once the whole request was handed to the socket. */
  timings?: { upload?: number | undefined } | undefined;
  /** Present when the server had started answering (headers received) before the failure. */
  response?: { statusCode: number } | undefined;
}

/**
 * Classifies a failure without a complete answer (socket reset, timeout, DNS, refused). Reads and
 * idempotent writes → `RetryableApiError`. Creates → `RetryableApiError` only when the request provably
 * never reached the server, else `AmbiguousWriteError`. The cause is a fresh error carrying only the code
 * and the redacted message, never an HTTP library's own error (which may hold the request and its Authorization header).
 */
export function classifyTransportFailure(
  request: RequestDescription,
  failure: TransportFailure,
  redact: (text: string) => string,
): RetryableApiError | AmbiguousWriteError {
  const code = failure.code ?? 'ERR_UNKNOWN';
  const cause = new Error(redact(`${code}: ${failure.message}`));
  const sent = failure.response !== undefined || failure.timings?.upload !== undefined;
  const provablyNotSent = !sent || NOT_SENT_CODES.has(code);
  if (request.semantics === RequestSemantics.create && !provablyNotSent) {
    return new AmbiguousWriteError(request.method, request.path, { cause });
  }
  const what = provablyNotSent ? 'could not reach the server' : 'the connection failed before a complete answer';
  return new RetryableApiError(request.method, request.path, `${what} (${code})`, { cause });
}

/** Whether p-retry should try this error again. */
export function isRetryable(error: unknown): boolean {
  return error instanceof RetryableApiError;
}

/** Whether an error says the server is in trouble (counts towards opening the circuit breaker). */
export function isServerTrouble(error: unknown): boolean {
  return error instanceof RetryableApiError || error instanceof AmbiguousWriteError;
}

/** Rate-limit answers carrying a reset time are waited out and do not use up the retry budget (up to this many per call). */
export const MAX_FREE_RATE_LIMIT_RETRIES = 20;

/** Whether this failure should consume one of the call's retries (429s with a known reset do not). */
export function consumesRetryBudget(error: unknown, freeRateLimitRetriesUsed: number): boolean {
  return !(
    error instanceof RetryableApiError &&
    error.status === 429 &&
    error.rateLimitReset !== undefined &&
    freeRateLimitRetriesUsed < MAX_FREE_RATE_LIMIT_RETRIES
  );
}
