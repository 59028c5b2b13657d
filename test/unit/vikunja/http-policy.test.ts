import { describe, expect, it } from 'vitest';
import { AmbiguousWriteError, FatalApiError, RetryableApiError } from '../../../src/core/errors.js';
import {
  classifyErrorResponse,
  classifyTransportFailure,
  consumesRetryBudget,
  describeLikelyScope,
  isRetryable,
  parseApiErrorBody,
  parseSuccessBody,
  RequestSemantics,
} from '../../../src/vikunja/http-policy.js';

const read = { method: 'GET', path: '/tasks/5', semantics: RequestSemantics.read };
const create = { method: 'PUT', path: '/projects/3/tasks', semantics: RequestSemantics.create };
const update = { method: 'POST', path: '/tasks/5', semantics: RequestSemantics.idempotent };
const noRedaction = (text: string): string => text;

describe('classifyErrorResponse', () => {
  it.each([429, 500, 502, 503, 504])('%i on a read is retryable', (status) => {
    const error = classifyErrorResponse(read, status, {}, '{"message":"oops"}');
    expect(error).toBeInstanceOf(RetryableApiError);
    expect((error as RetryableApiError).status).toBe(status);
    expect(isRetryable(error)).toBe(true);
  });

  it('429 carries the X-RateLimit-Reset second (there is no Retry-After)', () => {
    const error = classifyErrorResponse(read, 429, { 'x-ratelimit-reset': '1900000000' }, '{"message":"Too Many Requests"}');
    expect(error).toBeInstanceOf(RetryableApiError);
    expect((error as RetryableApiError).rateLimitReset).toBe(1_900_000_000);
  });

  it.each([429, 500, 503])('%i on a create may be retried: Vikunja rolled the transaction back', (status) => {
    expect(classifyErrorResponse(create, status, {}, '')).toBeInstanceOf(RetryableApiError);
  });

  it.each([502, 504])('%i on a create is ambiguous: a gateway answered and the upstream may have committed', (status) => {
    const error = classifyErrorResponse(create, status, {}, 'Bad Gateway');
    expect(error).toBeInstanceOf(AmbiguousWriteError);
    expect(isRetryable(error)).toBe(false);
  });

  it('412 validation errors name the invalid fields (gotcha 9)', () => {
    const error = classifyErrorResponse(update, 412, {}, '{"code":2002,"message":"Invalid Data","invalid_fields":["title: non zero value required"]}');
    expect(error).toBeInstanceOf(FatalApiError);
    expect((error as FatalApiError).apiCode).toBe(2002);
    expect(error.message).toContain('title: non zero value required');
    expect(error.message).toContain('412');
  });

  it('v2 problem+json 422 lists its errors and keeps the v1 code', () => {
    const body = JSON.stringify({ status: 422, title: 'Unprocessable Entity', detail: 'validation failed', code: 2002, errors: [{ location: 'body.title', message: 'required' }] });
    const error = classifyErrorResponse({ method: 'PATCH', path: '/tasks/1', semantics: RequestSemantics.idempotent }, 422, {}, body);
    expect(error).toBeInstanceOf(FatalApiError);
    expect((error as FatalApiError).apiCode).toBe(2002);
    expect(error.message).toContain('body.title: required');
  });

  it('401 code 11 tells the user to check the token and its scopes (gotcha 10)', () => {
    const error = classifyErrorResponse(read, 401, {}, '{"code":11,"message":"missing, malformed, expired or otherwise invalid token provided"}');
    expect(error).toBeInstanceOf(FatalApiError);
    expect((error as FatalApiError).apiCode).toBe(11);
    expect(error.message).toMatch(/token was rejected/);
    expect(error.message).toMatch(/scope/);
    expect(error.message).toContain('tasks.read_one');
    expect(error.message).toContain('membank doctor');
  });

  it('other 4xx are fatal with Vikunja code; bare framework errors have none', () => {
    const domain = classifyErrorResponse(read, 404, {}, '{"code":4002,"message":"The task does not exist."}');
    expect((domain as FatalApiError).apiCode).toBe(4002);
    const bare = classifyErrorResponse(read, 404, {}, '{"message":"Not Found"}');
    expect(bare).toBeInstanceOf(FatalApiError);
    expect((bare as FatalApiError).apiCode).toBeUndefined();
    expect(isRetryable(bare)).toBe(false);
  });

  it('a redirect is fatal and names the target', () => {
    const error = classifyErrorResponse(read, 301, { location: 'https://example.org/vikunja/api/v1/tasks/5' }, '');
    expect(error).toBeInstanceOf(FatalApiError);
    expect(error.message).toContain('https://example.org/vikunja');
  });
});

describe('parseSuccessBody', () => {
  it('parses JSON and treats an empty body as undefined', () => {
    expect(parseSuccessBody(read, 200, {}, '{"a":1}')).toEqual({ a: 1 });
    expect(parseSuccessBody(read, 204, {}, '')).toBeUndefined();
  });

  it('an HTML page (wrong path prefix) is fatal with a hint', () => {
    expect(() => parseSuccessBody(read, 200, { 'content-type': 'text/html' }, '<!doctype html><html>…</html>')).toThrow(/path prefix/);
  });
});

describe('classifyTransportFailure', () => {
  it('a create whose request was fully sent is ambiguous, never retried', () => {
    const error = classifyTransportFailure(create, { code: 'ECONNRESET', message: 'socket hang up', timings: { upload: 1 } }, noRedaction);
    expect(error).toBeInstanceOf(AmbiguousWriteError);
    expect(isRetryable(error)).toBe(false);
  });

  it('a create that never reached the server is retryable', () => {
    expect(classifyTransportFailure(create, { code: 'ECONNREFUSED', message: 'refused', timings: {} }, noRedaction)).toBeInstanceOf(RetryableApiError);
    expect(classifyTransportFailure(create, { code: 'ECONNRESET', message: 'reset', timings: { upload: undefined } }, noRedaction)).toBeInstanceOf(
      RetryableApiError,
    );
  });

  it('a create that timed out after sending is ambiguous', () => {
    expect(classifyTransportFailure(create, { code: 'ETIMEDOUT', message: 'Timeout awaiting request', timings: { upload: 5 } }, noRedaction)).toBeInstanceOf(
      AmbiguousWriteError,
    );
  });

  it('reads and idempotent writes are retryable whatever happened', () => {
    expect(classifyTransportFailure(read, { code: 'ECONNRESET', message: 'x', timings: { upload: 1 } }, noRedaction)).toBeInstanceOf(RetryableApiError);
    expect(classifyTransportFailure(update, { code: 'ETIMEDOUT', message: 'x', timings: { upload: 1 } }, noRedaction)).toBeInstanceOf(RetryableApiError);
  });

  it('the cause is a fresh error with the redacted text only', () => {
    const token = 'tk_0123456789abcdef0123456789abcdef01234567';
    const error = classifyTransportFailure(read, { code: 'EPROTO', message: `bad ${token}`, timings: {} }, (text) => text.split(token).join('[redacted]'));
    const cause = error.cause as Error;
    expect(Object.keys(cause)).toEqual([]);
    expect(cause.message).toBe('EPROTO: bad [redacted]');
  });
});

describe('retry budget', () => {
  it('429s with a reset time do not use up retries; other failures do', () => {
    const limited = new RetryableApiError('GET', '/x', 'HTTP 429', { status: 429, rateLimitReset: 1 });
    expect(consumesRetryBudget(limited, 0)).toBe(false);
    expect(consumesRetryBudget(limited, 20)).toBe(true);
    expect(consumesRetryBudget(new RetryableApiError('GET', '/x', 'HTTP 429', { status: 429 }), 0)).toBe(true);
    expect(consumesRetryBudget(new RetryableApiError('GET', '/x', 'HTTP 500', { status: 500 }), 0)).toBe(true);
  });
});

describe('helpers', () => {
  it('parseApiErrorBody survives non-JSON', () => {
    expect(parseApiErrorBody('<html>bad gateway</html>')).toMatchObject({ code: undefined, message: 'an HTML page: "bad gateway"' });
    expect(parseApiErrorBody('plain text')).toMatchObject({ message: 'plain text' });
  });

  it('parseApiErrorBody reads v2 problem+json errors with the item index and field each location names', () => {
    const body = JSON.stringify({
      title: 'Unprocessable Entity',
      status: 422,
      detail: 'validation failed',
      errors: [{ message: 'expected length >= 1', location: 'body.tasks[1].title', value: '' }, { message: 'expected array length <= 100', location: 'body.tasks' }],
    });
    const parsed = parseApiErrorBody(body);
    expect(parsed.code).toBeUndefined();
    expect(parsed.problems).toEqual([
      { location: 'body.tasks[1].title', message: 'expected length >= 1', itemIndex: 1, field: 'title', batchIndex: undefined },
      { location: 'body.tasks', message: 'expected array length <= 100', itemIndex: undefined, field: undefined, batchIndex: undefined },
    ]);
  });

  it('describeLikelyScope follows Vikunja route-to-scope derivation', () => {
    expect(describeLikelyScope('GET', '/user')).toBe('other.user');
    expect(describeLikelyScope('GET', '/projects/3/tasks')).toBe('projects_tasks.read_all');
    expect(describeLikelyScope('PUT', '/projects/3/tasks')).toBe('projects_tasks.create');
    expect(describeLikelyScope('POST', '/tasks/5')).toBe('tasks.update');
    expect(describeLikelyScope('POST', '/tasks/5/labels/bulk')).toBe('tasks_labels.update_bulk');
    expect(describeLikelyScope('DELETE', '/tasks/5')).toBe('tasks.delete');
  });
});
