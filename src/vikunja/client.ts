/**
 * The Vikunja client behind the `VikunjaApi` port: version selection (v2 PATCH / bulk create where the
 * server has them, v1 read-modify-write otherwise), pagination, the tolerated "already so" answers, and
 * label dedupe. Transport mechanics live in `transport.ts`, classification in `http-policy.ts`.
 */
import type { z } from 'zod';
import { AmbiguousWriteError, ConfigError, FatalApiError, InternalError } from '../core/errors.js';
import { silentLogger, type Logger } from '../core/ports.js';
import {
  VIKUNJA_ZERO_DATE,
  type Capabilities,
  type LabelCreate,
  type ProjectCreate,
  type RelationKind,
  type TaskCreate,
  type TaskListOptions,
  type TaskWrite,
  type VikunjaApi,
  type VikunjaBucketTasks,
  type VikunjaLabel,
  type VikunjaTask,
  type VikunjaUser,
} from '../core/vikunja.js';
import type { CircuitBreakerSettings, CircuitStateValue } from './circuit-breaker.js';
import { RequestSemantics } from './http-policy.js';
import type { RateLimitBucket, RateLimitStatus } from './rate-limiter.js';
import {
  convertBucket,
  convertComment,
  convertLabel,
  convertProject,
  convertTask,
  convertUser,
  convertView,
  deriveCapabilities,
  normaliseHexColor,
} from './convert.js';
import type * as ResponseSchemas from './schemas.js';
import { createTransport, type ApiRequest, type ApiResponse, type QueryValue } from './transport.js';

/** The response schemas module (zod). */
type Schemas = typeof ResponseSchemas;
/** Picks (or builds) the schema a response is validated with. */
type SchemaPick<T extends z.ZodType> = (schemas: Schemas) => T;

let schemasLoading: Promise<Schemas> | undefined;

/**
 * The response schemas, loaded with the first response to validate: zod costs start-up time that a command's
 * first request (`membank doctor`) need not wait for.
 */
function loadSchemas(): Promise<Schemas> {
  schemasLoading ??= import('./schemas.js');
  return schemasLoading;
}

/** Options of `createVikunjaClient`. Defaults match `config.vikunja`. */
export interface VikunjaClientOptions {
  /** Base URL, path prefix allowed (`http://localhost/vikunja`). */
  url: string;
  /** API token (`tk_…`) or JWT. Never logged, never put in an error. */
  token: string;
  timeoutMs?: number;
  /** Parallel requests; writes are serialised when `/info` says `concurrent_writes: false`. */
  concurrency?: number;
  /** Retries per call for 429/5xx/network errors. */
  retries?: number;
  log?: Logger;
  /** First backoff delay (exponential, with jitter). Tests make it small. */
  retryBaseMs?: number;
  /** Longest backoff delay. */
  retryMaxMs?: number;
  breaker?: CircuitBreakerSettings;
  /** Longest single wait for a rate-limit window (guards against clock skew). */
  maxRateLimitWaitMs?: number;
  /** How long one call retries a server that does not answer before `ServerUnavailableError` (exit 5). */
  unavailableAfterMs?: number;
  /** Tasks per v2 bulk-create request, 1..100 (config `vikunja.bulkCreateSize`). */
  bulkCreateSize?: number;
}

/** The client: the `VikunjaApi` port plus what `membank doctor` reports. */
export interface VikunjaClient extends VikunjaApi {
  /** The normalised base URL (never carries the token). */
  readonly url: string;
  /** The `/api/v1` rate limit as last reported by the server. */
  rateLimitStatus(): RateLimitStatus;
  /** Each of the server's rate-limit budgets: `/api/v1`, `/api/v2` (per user) and `/info` (per IP). */
  rateLimitStatuses(): Record<RateLimitBucket, RateLimitStatus>;
  circuitState(): CircuitStateValue;
  /**
   * Checks the token with a route every API token may call. Vikunja 0.24 never lets an API token call `/user`
   * or `/token/test` (401), so there `GET /projects` decides and the user stays unknown; on later versions
   * `GET /user` is tried first and a 401 from it is not taken as a rejection until `/projects` refuses too
   * (the token may simply lack the `other.user` scope). Throws what the deciding call threw.
   */
  verifyToken(): Promise<TokenCheck>;
}

/** The outcome of `verifyToken`. */
export interface TokenCheck {
  /** The token's user, when the server let the token read it. */
  user: VikunjaUser | null;
  /** The request that proved the token, e.g. `GET /api/v1/user`. */
  checkedWith: string;
  /** Why the user is unknown, when it is. */
  note: string | undefined;
}

/** Tasks per v2 bulk-create request: the server's maximum, and the default of `bulkCreateSize`. */
export const BULK_CREATE_CHUNK = 100;
/** Page size asked of v2 list endpoints (their maximum). */
export const V2_PAGE_SIZE = 1000;
/** A guard against servers whose pagination never ends. */
const MAX_PAGES = 100_000;

/** Defaults for the optional client settings. */
export const VIKUNJA_CLIENT_DEFAULTS = {
  timeoutMs: 30_000,
  concurrency: 4,
  retries: 6,
  retryBaseMs: 500,
  retryMaxMs: 30_000,
  breaker: { threshold: 5, cooldownMs: 30_000 },
  maxRateLimitWaitMs: 15 * 60_000,
  unavailableAfterMs: 30_000,
  bulkCreateSize: BULK_CREATE_CHUNK,
} as const;

/**
 * A date as membank sends it: UTC, whole seconds. Vikunja stores seconds but echoes what it was sent, so a
 * sub-second date would read back differently from the write's answer (API.md §17.3).
 */
export function truncateToSeconds(value: string): string {
  const ms = Date.parse(value);
  if (Number.isNaN(ms)) return value;
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * Whether a label search would be read by Vikunja as a list of label ids (`s=12`, `s=1,2`; gotcha 7).
 */
export function isNumericLabelSearch(search: string): boolean {
  return /\d/.test(search) && /^[\s\d,+-]+$/.test(search);
}

/** Turns domain-level changes into the JSON Vikunja expects (dates: `null` → zero time; colours without `#`). */
export function serialiseTaskFields(fields: Partial<TaskWrite> | TaskCreate): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(fields) as [string, unknown][]) {
    if (value === undefined) continue;
    switch (key) {
      case 'due_date':
      case 'start_date':
      case 'end_date':
      case 'done_at':
        body[key] = value === null ? VIKUNJA_ZERO_DATE : truncateToSeconds(value as string);
        break;
      case 'hex_color':
        body[key] = normaliseHexColor(value as string);
        break;
      case 'assignees':
        body[key] = (value as TaskWrite['assignees']).map((user) => ({ id: user.id, ...(user.username === undefined ? {} : { username: user.username }) }));
        break;
      case 'reminders':
        body[key] = (value as TaskWrite['reminders']).map((reminder) =>
          reminder.relative_to === ''
            ? { reminder: reminder.reminder === null ? VIKUNJA_ZERO_DATE : truncateToSeconds(reminder.reminder), relative_period: 0, relative_to: '' }
            : { relative_period: reminder.relative_period, relative_to: reminder.relative_to },
        );
        break;
      default:
        body[key] = value;
    }
  }
  return body;
}

/** A create body: the fields as JSON, without `id` or `project_id`, which would override the URL (gotcha 4). */
function serialiseCreate(input: TaskCreate): Record<string, unknown> {
  const body = serialiseTaskFields(input);
  delete body.id;
  delete body.project_id;
  return body;
}

function readHeaderNumber(headers: ApiResponse['headers'], name: string): number | undefined {
  const raw = headers[name];
  const value = Number(Array.isArray(raw) ? raw[0] : raw);
  return raw === undefined || !Number.isFinite(value) ? undefined : value;
}

function isFatal(error: unknown, predicate: (error: FatalApiError) => boolean): boolean {
  return error instanceof FatalApiError && predicate(error);
}

/**
 * A bulk-create validation error with each problem's index into the caller's whole list (the request held
 * the items from `offset` on), so the caller can name the source record behind `tasks[1]`.
 */
function withBatchIndexes(error: unknown, offset: number): unknown {
  if (!(error instanceof FatalApiError) || error.problems.length === 0) return error;
  const problems = error.problems.map((problem) => ({
    ...problem,
    batchIndex: problem.itemIndex === undefined ? undefined : offset + problem.itemIndex,
  }));
  const items = problems.map((p) => (p.batchIndex === undefined ? p.location : `task ${p.batchIndex} (${p.location}): ${p.message}`));
  return new FatalApiError(error.method, error.path, error.status, `the server refused the batch — ${items.join('; ')}`, {
    ...(error.apiCode === undefined ? {} : { apiCode: error.apiCode }),
    body: error.body,
    cause: error,
    problems,
  });
}

/** Creates a Vikunja client; the server is first contacted on the first call. */
export function createVikunjaClient(options: VikunjaClientOptions): VikunjaClient {
  const log = options.log ?? silentLogger;
  const transport = createTransport({
    url: options.url,
    token: options.token,
    timeoutMs: options.timeoutMs ?? VIKUNJA_CLIENT_DEFAULTS.timeoutMs,
    concurrency: options.concurrency ?? VIKUNJA_CLIENT_DEFAULTS.concurrency,
    retries: options.retries ?? VIKUNJA_CLIENT_DEFAULTS.retries,
    log,
    retryBaseMs: options.retryBaseMs ?? VIKUNJA_CLIENT_DEFAULTS.retryBaseMs,
    retryMaxMs: options.retryMaxMs ?? VIKUNJA_CLIENT_DEFAULTS.retryMaxMs,
    breaker: options.breaker ?? VIKUNJA_CLIENT_DEFAULTS.breaker,
    maxRateLimitWaitMs: options.maxRateLimitWaitMs ?? VIKUNJA_CLIENT_DEFAULTS.maxRateLimitWaitMs,
    unavailableAfterMs: options.unavailableAfterMs ?? VIKUNJA_CLIENT_DEFAULTS.unavailableAfterMs,
  });
  const bulkCreateSize = options.bulkCreateSize ?? VIKUNJA_CLIENT_DEFAULTS.bulkCreateSize;
  if (!Number.isInteger(bulkCreateSize) || bulkCreateSize < 1 || bulkCreateSize > BULK_CREATE_CHUNK) {
    throw new ConfigError(`vikunja.bulkCreateSize must be an integer from 1 to ${BULK_CREATE_CHUNK}, got ${String(bulkCreateSize)}`);
  }
  /**
   * Creates into one project run one at a time, whatever `concurrent_writes` says: Vikunja computes the next
   * task index as max+1 without a lock, so on PostgreSQL parallel creates into one project collide (HTTP 500,
   * API.md §17.5). Creates into different projects, and other writes, still overlap where the server allows.
   */
  const projectCreateChains = new Map<number, Promise<unknown>>();
  function serialisePerProject<T>(projectId: number, work: () => Promise<T>): Promise<T> {
    const previous = projectCreateChains.get(projectId) ?? Promise.resolve();
    const next = previous.then(work, work);
    const settled = next.then(
      () => undefined,
      () => undefined,
    );
    projectCreateChains.set(projectId, settled);
    void settled.then(() => {
      if (projectCreateChains.get(projectId) === settled) projectCreateChains.delete(projectId);
    });
    return next;
  }
  let capabilitiesPromise: Promise<Capabilities> | undefined;
  const labelLookups = new Map<string, Promise<VikunjaLabel>>();

  async function probeCapabilities(): Promise<Capabilities> {
    const response = await transport.send({ method: 'GET', path: '/info', semantics: RequestSemantics.read });
    const schemas = await loadSchemas();
    const capabilities = deriveCapabilities(
      schemas.parseResponseBody(schemas.infoSchema, response.body, { method: 'GET', path: '/info', status: response.status }),
    );
    transport.setSerialWrites(!capabilities.concurrentWrites);
    log.info({ event: 'vikunja.capabilities', url: transport.baseUrl, ...capabilities }, 'probed Vikunja');
    return capabilities;
  }

  function capabilities(): Promise<Capabilities> {
    capabilitiesPromise ??= probeCapabilities().catch((error: unknown) => {
      capabilitiesPromise = undefined;
      throw error;
    });
    return capabilitiesPromise;
  }

  /** Sends a request; writes wait for the capability probe so they know whether to serialise. */
  async function call(request: ApiRequest): Promise<ApiResponse> {
    if (request.method !== 'GET') await capabilities();
    return transport.send(request);
  }

  async function callAndParse<T extends z.ZodType>(request: ApiRequest, pick: SchemaPick<T>): Promise<z.infer<T>> {
    const response = await call(request);
    const where = { method: request.method, path: request.api === 'v2' ? `/api/v2${request.path}` : request.path, status: response.status };
    const schemas = await loadSchemas();
    return schemas.parseResponseBody(pick(schemas), response.body, where);
  }

  async function listAllV1<T extends z.ZodType>(
    path: string,
    query: Readonly<Record<string, QueryValue>>,
    item: SchemaPick<T>,
  ): Promise<z.infer<T>[]> {
    const { maxItemsPerPage } = await capabilities();
    const schemas = await loadSchemas();
    const schema = schemas.createV1ListSchema(item(schemas));
    const items: z.infer<T>[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const response = await call({ method: 'GET', path, query: { ...query, page, per_page: maxItemsPerPage }, semantics: RequestSemantics.read });
      const batch = schemas.parseResponseBody(schema, response.body, { method: 'GET', path, status: response.status }) ?? [];
      items.push(...batch);
      const totalPages = readHeaderNumber(response.headers, 'x-pagination-total-pages');
      if (batch.length === 0) break;
      if (totalPages === undefined ? batch.length < maxItemsPerPage : page >= totalPages) break;
    }
    return items;
  }

  async function listAllV2<T extends z.ZodType>(
    path: string,
    query: Readonly<Record<string, QueryValue>>,
    item: SchemaPick<T>,
  ): Promise<z.infer<T>[]> {
    const items: z.infer<T>[] = [];
    for (let page = 1; page <= MAX_PAGES; page += 1) {
      const envelope = await callAndParse(
        { method: 'GET', api: 'v2', path, query: { ...query, page, per_page: V2_PAGE_SIZE }, semantics: RequestSemantics.read },
        (schemas) => schemas.createV2ListSchema(item(schemas)),
      );
      const batch = (envelope.items ?? []) as z.infer<T>[];
      items.push(...batch);
      if (batch.length === 0 || page >= (envelope.total_pages ?? page)) break;
    }
    return items;
  }

  async function listTasksAt(v1Path: string, v2Path: string, options: TaskListOptions): Promise<VikunjaTask[]> {
    const caps = await capabilities();
    const raw = caps.v2Patch
      ? await listAllV2(v2Path, { q: options.search, filter: options.filter }, (schemas) => schemas.rawTaskSchema)
      : await listAllV1(v1Path, { s: options.search, filter: options.filter }, (schemas) => schemas.rawTaskSchema);
    return raw.map(convertTask);
  }

  async function getRawTask(id: number): Promise<ResponseSchemas.RawTask> {
    return callAndParse({ method: 'GET', path: `/tasks/${id}`, semantics: RequestSemantics.read }, (schemas) => schemas.rawTaskSchema);
  }

  async function applyTaskChanges(id: number, changes: Partial<TaskWrite>): Promise<void> {
    const caps = await capabilities();
    const patch = serialiseTaskFields(changes);
    delete patch.id;
    if (caps.v2Patch) {
      // 200 (changed) and 304 (already so: a retried PATCH whose first answer was lost, or an idempotent
      // re-apply) both mean the task now holds these values (API.md §17.2).
      await call({
        method: 'PATCH',
        api: 'v2',
        path: `/tasks/${id}`,
        body: patch,
        contentType: 'application/merge-patch+json',
        semantics: RequestSemantics.idempotent,
      });
      return;
    }
    // v1 POST replaces every writable field (gotcha 2): send the complete current object with the changes
    // on top. `id` and `project_id` would override the URL (gotcha 4), so they are left out unless moving.
    const current = await getRawTask(id);
    const body: Record<string, unknown> = { ...current, ...patch };
    delete body.id;
    if (changes.project_id === undefined) delete body.project_id;
    await call({ method: 'POST', path: `/tasks/${id}`, body, semantics: RequestSemantics.idempotent });
  }

  async function deleteTolerantly(path: string, goneCodes: readonly number[]): Promise<void> {
    try {
      await call({ method: 'DELETE', path, semantics: RequestSemantics.idempotent });
    } catch (error) {
      if (isFatal(error, (e) => e.status === 404 || (e.apiCode !== undefined && goneCodes.includes(e.apiCode)))) return;
      throw error;
    }
  }

  async function listLabels(search?: string): Promise<VikunjaLabel[]> {
    const useServerSearch = search !== undefined && search.length > 0 && !isNumericLabelSearch(search);
    const raw = await listAllV1('/labels', { s: useServerSearch ? search : undefined }, (schemas) => schemas.rawLabelSchema);
    const labels = raw.map(convertLabel);
    if (search === undefined || search.length === 0) return labels;
    const needle = search.toLowerCase();
    return labels.filter((label) => label.title.toLowerCase().includes(needle));
  }

  async function createLabel(input: LabelCreate): Promise<VikunjaLabel> {
    const body: Record<string, unknown> = { title: input.title };
    if (input.description !== undefined) body.description = input.description;
    if (input.hex_color !== undefined) body.hex_color = normaliseHexColor(input.hex_color);
    const raw = await callAndParse({ method: 'PUT', path: '/labels', body, semantics: RequestSemantics.create }, (schemas) => schemas.rawLabelSchema);
    return convertLabel(raw);
  }

  async function findLabel(input: LabelCreate): Promise<VikunjaLabel | undefined> {
    const matches = (await listLabels(input.title)).filter((label) => label.title === input.title);
    const colour = input.hex_color === undefined ? undefined : normaliseHexColor(input.hex_color).toLowerCase();
    matches.sort((a, b) => a.id - b.id);
    const sameColour = colour === undefined ? undefined : matches.find((label) => label.hex_color.toLowerCase() === colour);
    return sameColour ?? matches[0];
  }

  async function findOrCreateLabel(input: LabelCreate): Promise<VikunjaLabel> {
    const existing = await findLabel(input);
    if (existing !== undefined) return existing;
    try {
      const created = await createLabel(input);
      log.info({ event: 'vikunja.label.created', labelId: created.id, title: created.title });
      return created;
    } catch (error) {
      // The create may have committed before its answer was lost: look again before giving up, so a
      // retried ensureLabel never makes a second label.
      if (!(error instanceof AmbiguousWriteError)) throw error;
      const committed = await findLabel(input);
      if (committed === undefined) throw error;
      log.warn({ event: 'vikunja.label.reconciled', labelId: committed.id, title: committed.title });
      return committed;
    }
  }

  return {
    url: transport.baseUrl,
    capabilities,

    async getUser() {
      return convertUser(await callAndParse({ method: 'GET', path: '/user', semantics: RequestSemantics.read }, (schemas) => schemas.rawUserSchema));
    },

    async listProjects() {
      const raw = await listAllV1('/projects', {}, (schemas) => schemas.rawProjectSchema);
      const seen = new Set<number>();
      return raw
        .filter((project) => project.id > 0 && !seen.has(project.id) && seen.add(project.id))
        .map(convertProject);
    },

    async getProject(id) {
      return convertProject(await callAndParse({ method: 'GET', path: `/projects/${id}`, semantics: RequestSemantics.read }, (schemas) => schemas.rawProjectSchema));
    },

    async createProject(input: ProjectCreate) {
      const body: Record<string, unknown> = { title: input.title };
      if (input.description !== undefined) body.description = input.description;
      if (input.identifier !== undefined) body.identifier = input.identifier;
      if (input.hex_color !== undefined) body.hex_color = normaliseHexColor(input.hex_color);
      if (input.parent_project_id !== undefined) body.parent_project_id = input.parent_project_id;
      return convertProject(await callAndParse({ method: 'PUT', path: '/projects', body, semantics: RequestSemantics.create }, (schemas) => schemas.rawProjectSchema));
    },

    async deleteProject(id) {
      await deleteTolerantly(`/projects/${id}`, [3001]);
    },

    async listViews(projectId) {
      const raw = await callAndParse(
        { method: 'GET', path: `/projects/${projectId}/views`, semantics: RequestSemantics.read },
        (schemas) => schemas.createV1ListSchema(schemas.rawViewSchema),
      );
      return (raw ?? []).map((view) => convertView(view, projectId));
    },

    async listBuckets(projectId, viewId) {
      const raw = await callAndParse(
        { method: 'GET', path: `/projects/${projectId}/views/${viewId}/buckets`, semantics: RequestSemantics.read },
        (schemas) => schemas.createV1ListSchema(schemas.rawBucketSchema),
      );
      return (raw ?? []).map((bucket) => convertBucket(bucket, viewId));
    },

    async createBucket(projectId, viewId, input) {
      const body: Record<string, unknown> = { title: input.title };
      if (input.position !== undefined) body.position = input.position;
      const raw = await callAndParse(
        { method: 'PUT', path: `/projects/${projectId}/views/${viewId}/buckets`, body, semantics: RequestSemantics.create },
        (schemas) => schemas.rawBucketSchema,
      );
      return convertBucket(raw, viewId);
    },

    async deleteBucket(projectId, viewId, bucketId) {
      await deleteTolerantly(`/projects/${projectId}/views/${viewId}/buckets/${bucketId}`, [10001]);
    },

    async setViewBuckets(projectId, viewId, changes) {
      const path = `/projects/${projectId}/views/${viewId}`;
      const current = await callAndParse({ method: 'GET', path, semantics: RequestSemantics.read }, (schemas) => schemas.rawViewSchema);
      const body: Record<string, unknown> = { ...current, ...changes };
      delete body.id;
      delete body.project_id;
      await call({ method: 'POST', path, body, semantics: RequestSemantics.idempotent });
      // The answer echoes the body (API.md §17.3): read the view back instead.
      return convertView(await callAndParse({ method: 'GET', path, semantics: RequestSemantics.read }, (schemas) => schemas.rawViewSchema), projectId);
    },

    async listBucketTasks(projectId, viewId) {
      // A Kanban view's listing pages per bucket (API.md §6.2): the first page of every bucket in one request.
      // A bucket that may hold more is read again on its own (`filter=bucket_id = N`: flat and paged): since 1.0
      // one whose `count` exceeds its page; before, `count` is 0 and the server's page cap unknown (0.24's /info
      // does not say it, §18), so the bucket(s) with the most tasks, which may have filled a page.
      const { maxItemsPerPage } = await capabilities();
      const path = `/projects/${projectId}/views/${viewId}/tasks`;
      const raw =
        (await callAndParse(
          { method: 'GET', path, query: { page: 1, per_page: maxItemsPerPage }, semantics: RequestSemantics.read },
          (schemas) => schemas.createV1ListSchema(schemas.rawKanbanBucketSchema),
        )) ?? [];
      const largest = Math.max(0, ...raw.map((bucket) => bucket.tasks?.length ?? 0));
      const result: VikunjaBucketTasks[] = [];
      for (const bucket of raw) {
        const firstPage = bucket.tasks ?? [];
        const count = bucket.count ?? 0;
        const mayHoldMore = count > 0 ? count > firstPage.length : firstPage.length > 0 && firstPage.length === largest;
        const tasks = mayHoldMore ? await listAllV1(path, { filter: `bucket_id = ${bucket.id}` }, (schemas) => schemas.rawTaskIdSchema) : firstPage;
        result.push({ bucket: convertBucket(bucket, viewId), taskIds: tasks.map((task) => task.id) });
      }
      return result;
    },

    async readServerTime() {
      const response = await call({ method: 'GET', path: '/info', semantics: RequestSemantics.read });
      const raw = response.headers.date;
      const ms = Date.parse(Array.isArray(raw) ? (raw[0] ?? '') : (raw ?? ''));
      return Number.isNaN(ms) ? null : new Date(Math.floor(ms / 1000) * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    },

    async probeProject(projectId) {
      try {
        const raw = await callAndParse({ method: 'GET', path: `/projects/${projectId}`, semantics: RequestSemantics.read }, (schemas) => schemas.rawProjectSchema);
        const updated = (raw as { updated?: unknown }).updated;
        return { exists: true, updated: typeof updated === 'string' ? updated : null };
      } catch (error) {
        if (isFatal(error, (fatal) => fatal.status === 404 || fatal.status === 403)) return { exists: false, updated: null };
        throw error;
      }
    },

    async countProjectTasks(projectId) {
      const response = await call({ method: 'GET', path: `/projects/${projectId}/tasks`, query: { page: 1, per_page: 1 }, semantics: RequestSemantics.read });
      return readHeaderNumber(response.headers, 'x-pagination-total-pages') ?? null;
    },

    async countTasksUpdatedAfter(projectId, after) {
      const response = await call({
        method: 'GET',
        path: `/projects/${projectId}/tasks`,
        query: { page: 1, per_page: 1, filter: `updated > ${after}` },
        semantics: RequestSemantics.read,
      });
      return readHeaderNumber(response.headers, 'x-pagination-total-pages') ?? null;
    },

    async readKanbanFirstPage(projectId, viewId) {
      const { maxItemsPerPage } = await capabilities();
      const raw =
        (await callAndParse(
          { method: 'GET', path: `/projects/${projectId}/views/${viewId}/tasks`, query: { page: 1, per_page: maxItemsPerPage }, semantics: RequestSemantics.read },
          (schemas) => schemas.createV1ListSchema(schemas.rawKanbanBucketSchema),
        )) ?? [];
      const largest = Math.max(0, ...raw.map((bucket) => bucket.tasks?.length ?? 0));
      return raw.map((bucket) => {
        const tasks = bucket.tasks ?? [];
        const count = bucket.count ?? 0;
        const complete = count > 0 ? count <= tasks.length : tasks.length === 0 || (tasks.length < largest && tasks.length < maxItemsPerPage);
        return { bucket: convertBucket(bucket, viewId), taskIds: tasks.map((task) => task.id), complete };
      });
    },

    async listProjectTasks(projectId, options = {}) {
      return listTasksAt(`/projects/${projectId}/tasks`, `/projects/${projectId}/tasks`, options);
    },

    async listTasks(options = {}) {
      const caps = await capabilities();
      const v1Path = caps.major >= 1 || caps.isDev ? '/tasks' : '/tasks/all';
      return listTasksAt(v1Path, '/tasks', options);
    },

    async getTask(id) {
      return convertTask(await getRawTask(id));
    },

    async createTask(projectId, input) {
      const raw = await serialisePerProject(projectId, () =>
        callAndParse(
          { method: 'PUT', path: `/projects/${projectId}/tasks`, body: serialiseCreate(input), semantics: RequestSemantics.create },
          (schemas) => schemas.rawTaskSchema,
        ),
      );
      // The answer echoes the body (API.md §17.3): its id, index and identifier are the server's, but its
      // bucket_id and position are not where the task went; read the task when those matter.
      return convertTask(raw);
    },

    async createTasksBulk(projectId, inputs) {
      const caps = await capabilities();
      if (!caps.v2BulkCreate) {
        throw new InternalError(
          `bulk task create needs Vikunja 2.5 or newer, but ${transport.baseUrl} runs ${caps.version}; check capabilities().v2BulkCreate and create tasks one by one`,
        );
      }
      const created: VikunjaTask[] = [];
      for (let start = 0; start < inputs.length; start += bulkCreateSize) {
        const tasks = inputs.slice(start, start + bulkCreateSize).map(serialiseCreate);
        let response;
        try {
          response = await serialisePerProject(projectId, () =>
            callAndParse(
              { method: 'POST', api: 'v2', path: `/projects/${projectId}/tasks/bulk`, body: { tasks }, semantics: RequestSemantics.create },
              (schemas) => schemas.bulkCreateResponseSchema,
            ),
          );
        } catch (error) {
          throw withBatchIndexes(error, start);
        }
        created.push(...response.tasks.map(convertTask));
      }
      return created;
    },

    async updateTask(id, changes) {
      await applyTaskChanges(id, changes);
      // The write's answer echoes the body, not what was stored (API.md §17.3): read it back.
      return convertTask(await getRawTask(id));
    },

    applyTaskChanges,

    async deleteTask(id) {
      await deleteTolerantly(`/tasks/${id}`, [4002]);
    },

    async moveTaskToBucket(projectId, viewId, bucketId, taskId) {
      try {
        await call({
          method: 'POST',
          path: `/projects/${projectId}/views/${viewId}/buckets/${bucketId}/tasks`,
          body: { task_id: taskId },
          semantics: RequestSemantics.idempotent,
        });
      } catch (error) {
        if (isFatal(error, (e) => e.apiCode === 10006)) return;
        throw error;
      }
    },

    listLabels,
    createLabel,

    async ensureLabel(input) {
      const key = input.title;
      let lookup = labelLookups.get(key);
      if (lookup === undefined) {
        lookup = findOrCreateLabel(input);
        labelLookups.set(key, lookup);
        lookup.catch(() => labelLookups.delete(key));
      }
      return lookup;
    },

    async deleteLabel(id) {
      await deleteTolerantly(`/labels/${id}`, [8002]);
    },

    async setTaskLabels(taskId, labelIds) {
      await call({
        method: 'POST',
        path: `/tasks/${taskId}/labels/bulk`,
        body: { labels: labelIds.map((labelId) => ({ id: labelId })) },
        semantics: RequestSemantics.idempotent,
      });
    },

    async addTaskLabel(taskId, labelId) {
      try {
        await call({ method: 'PUT', path: `/tasks/${taskId}/labels`, body: { label_id: labelId }, semantics: RequestSemantics.idempotent });
      } catch (error) {
        if (isFatal(error, (e) => e.apiCode === 8001)) return;
        throw error;
      }
    },

    async removeTaskLabel(taskId, labelId) {
      try {
        await call({ method: 'DELETE', path: `/tasks/${taskId}/labels/${labelId}`, semantics: RequestSemantics.idempotent });
      } catch (error) {
        // Vikunja answers 403 (not 404) when the label is not on the task; only a fresh read can tell that
        // apart from a real permission problem.
        if (isFatal(error, (e) => e.status === 403 || e.status === 404)) {
          const task = await getRawTask(taskId);
          if (!(task.labels ?? []).some((label) => label.id === labelId)) return;
        }
        throw error;
      }
    },

    async createRelation(taskId, otherTaskId, kind: RelationKind) {
      try {
        await call({
          method: 'PUT',
          path: `/tasks/${taskId}/relations`,
          body: { other_task_id: otherTaskId, relation_kind: kind },
          semantics: RequestSemantics.idempotent,
        });
      } catch (error) {
        if (isFatal(error, (e) => e.apiCode === 4008)) return;
        throw error;
      }
    },

    async deleteRelation(taskId, otherTaskId, kind) {
      await deleteTolerantly(`/tasks/${taskId}/relations/${kind}/${otherTaskId}`, [4009]);
    },

    async addComment(taskId, html) {
      const raw = await callAndParse(
        { method: 'PUT', path: `/tasks/${taskId}/comments`, body: { comment: html }, semantics: RequestSemantics.create },
        (schemas) => schemas.rawCommentSchema,
      );
      return convertComment(raw);
    },

    async listComments(taskId) {
      const raw = await listAllV1(`/tasks/${taskId}/comments`, { order_by: 'asc' }, (schemas) => schemas.rawCommentSchema);
      // Vikunja orders by `created`, whole seconds: comments of one second come back in no defined order
      // (API.md §17.7). Ids grow with creation, so they give the true order.
      return raw.map(convertComment).sort((a, b) => a.id - b.id);
    },

    async deleteComment(taskId, commentId) {
      await deleteTolerantly(`/tasks/${taskId}/comments/${commentId}`, [4015]);
    },

    stats() {
      return transport.stats();
    },
    rateLimitStatus() {
      return transport.rateLimitStatus();
    },
    rateLimitStatuses() {
      return transport.rateLimitStatuses();
    },
    async verifyToken() {
      const caps = await capabilities();
      const projectsCheck = async (): Promise<void> => {
        await call({ method: 'GET', path: '/projects', query: { page: 1, per_page: 1 }, semantics: RequestSemantics.read });
      };
      if (!caps.isDev && caps.major < 1) {
        await projectsCheck();
        return {
          user: null,
          checkedWith: 'GET /api/v1/projects',
          note: `Vikunja ${caps.version} never lets API tokens read /user`,
        };
      }
      try {
        const user = convertUser(await callAndParse({ method: 'GET', path: '/user', semantics: RequestSemantics.read }, (schemas) => schemas.rawUserSchema));
        return { user, checkedWith: 'GET /api/v1/user', note: undefined };
      } catch (error) {
        if (!isFatal(error, (e) => e.status === 401)) throw error;
        await projectsCheck();
        return {
          user: null,
          checkedWith: 'GET /api/v1/projects',
          note: 'the token may not read /user (it lacks the other.user scope); membank does not need it',
        };
      }
    },
    circuitState() {
      return transport.circuitState();
    },
  };
}
