/**
 * The request/reply shapes route handlers work with, plus the shared helpers for path parameters,
 * `expand`, and v1 pagination (`page`, `per_page`, `x-pagination-*` headers).
 */
import type { IncomingHttpHeaders } from 'node:http';
import { isJsonObject, type JsonObject } from './bind.js';
import { bareError, invalidModel } from './errors.js';
import type { SandboxStore } from './state.js';

/** Sandbox-wide settings handlers read. */
export interface ServerSettings {
  /** Base URL with prefix, no trailing slash. */
  baseUrl: string;
  maxItemsPerPage: number;
  concurrentWrites: boolean;
}

/** One routed request. */
export interface RequestContext {
  method: string;
  /** Path without the prefix. */
  path: string;
  params: Readonly<Record<string, string>>;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  store: SandboxStore;
  settings: ServerSettings;
  /** Media type of the body, lower-cased, without parameters ('' when none). */
  contentType: string;
  /** True when the request carried a non-empty body. */
  hasBody: boolean;
  /** v1 binding: the JSON object body (`{}` when empty); non-JSON media type or bad JSON → 400 2004. */
  body(): JsonObject;
  /** The decoded JSON value regardless of media type (`undefined` when empty); bad JSON → 400 2004. */
  rawJson(): unknown;
}

/** What a handler returns. `body` is JSON-encoded unless `text` is given. */
export interface Reply {
  status: number;
  body?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

/** A route handler. Synchronous: a request is one transaction. */
export type Handler = (ctx: RequestContext) => Reply;

/** A JSON reply. */
export function json(status: number, body: unknown, headers?: Record<string, string>): Reply {
  return headers === undefined ? { status, body } : { status, body, headers };
}

/** `{"message":"Successfully deleted."}`. */
export function deleted(): Reply {
  return json(200, { message: 'Successfully deleted.' });
}

/** Headers single-object GETs carry (`x-max-permission`, `x-max-right` before 1.0). */
export function maxPermissionHeader(store: SandboxStore, permission = 2): Record<string, string> {
  return { [store.features.permissionNaming ? 'x-max-permission' : 'x-max-right']: String(permission) };
}

/** A numeric path parameter; a non-number is a bind error (e.g. `/tasks/all` on ≥1.0 → 400 2004). */
export function intParam(ctx: RequestContext, name: string): number {
  const raw = ctx.params[name] ?? '';
  if (!/^-?\d+$/.test(raw)) throw invalidModel(`strconv.ParseInt: parsing ${JSON.stringify(raw)}: invalid syntax`);
  return Number(raw);
}

/** Every value of a repeatable query parameter, accepting PHP-style `key[]=` too. */
export function queryAll(query: URLSearchParams, key: string): string[] {
  return [...query.getAll(key), ...query.getAll(`${key}[]`)];
}

/** The `expand` values requested. */
export function expandSet(query: URLSearchParams): Set<string> {
  return new Set(queryAll(query, 'expand').flatMap((v) => v.split(',')).map((v) => v.trim()).filter((v) => v !== ''));
}

/** Resolved v1 pagination: `limit` 0 means "everything" (`page=0`). */
export interface Pagination {
  page: number;
  perPage: number;
  limit: number;
}

/** Parses v1 `page`/`per_page`: absent or 0 per_page → max; above max → capped; negative → 400; `page=0` → all. */
export function parsePagination(query: URLSearchParams, maxItemsPerPage: number): Pagination {
  const pageText = query.get('page');
  let page = 1;
  if (pageText !== null && pageText !== '') {
    if (!/^-?\d+$/.test(pageText)) throw bareError(400, 'Bad page requested.');
    page = Number(pageText);
    if (page < 0) throw bareError(400, 'Page number cannot be negative.');
  }
  const perPageText = query.get('per_page');
  let perPage = maxItemsPerPage;
  if (perPageText !== null && perPageText !== '') {
    if (!/^-?\d+$/.test(perPageText)) throw bareError(400, 'Bad per page amount requested.');
    const requested = Number(perPageText);
    if (requested < 0) throw bareError(400, 'Per page amount cannot be negative.');
    perPage = requested === 0 ? maxItemsPerPage : Math.min(requested, maxItemsPerPage);
  }
  return { page, perPage, limit: page === 0 ? 0 : perPage };
}

/** One page of items. */
export function pageOf<T>(items: readonly T[], pagination: Pagination): T[] {
  if (pagination.limit === 0) return [...items];
  const start = (pagination.page - 1) * pagination.perPage;
  return items.slice(start, start + pagination.perPage);
}

/** `x-pagination-total-pages` (ceil(total/per_page), 0 when the page is empty) and `x-pagination-result-count`. */
export function paginationHeaders(total: number, resultCount: number, pagination: Pagination): Record<string, string> {
  let totalPages = pagination.limit === 0 ? 1 : Math.ceil(total / pagination.perPage);
  if (resultCount === 0) totalPages = 0;
  return { 'x-pagination-total-pages': String(totalPages), 'x-pagination-result-count': String(resultCount) };
}

/** A paginated list reply. */
export function listReply<T>(items: readonly T[], pagination: Pagination, render: (item: T) => unknown): Reply {
  const page = pageOf(items, pagination);
  return json(200, page.map(render), paginationHeaders(items.length, page.length, pagination));
}

/** A non-paginated list reply (views, buckets) with the headers the generic handler still sets. */
export function unpagedReply(items: unknown[]): Reply {
  return json(200, items, {
    'x-pagination-total-pages': items.length === 0 ? '0' : '1',
    'x-pagination-result-count': String(items.length),
  });
}

/** The body of a request that must be a JSON object, else a bind error. */
export function objectBody(value: unknown): JsonObject {
  if (value === undefined || value === null) return {};
  if (!isJsonObject(value)) throw invalidModel('the request body must be a JSON object');
  return value;
}
