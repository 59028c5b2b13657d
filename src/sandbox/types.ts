/**
 * Public types of the Vikunja sandbox: start options, the running handle, and the JSON state dump.
 * Dump rows use Vikunja's own snake_case column names; dates are RFC 3339 UTC strings at second
 * precision, with `0001-01-01T00:00:00Z` meaning "unset", exactly as the API renders them.
 */

/** Fault injection settings. Probabilities are per request, 0..1, drawn from a seeded PRNG. */
export interface FaultOptions {
  /** Probability (0..1) per request of a 500 / 502 / 503 response (nothing committed). */
  error500?: number;
  error502?: number;
  error503?: number;
  /** Probability per request of starting a burst of 429s; burstLength consecutive requests get 429 (default 3). */
  rateLimitBurst?: number;
  burstLength?: number;
  /** Probability per request that the connection is destroyed before the request is processed (nothing committed). */
  drop?: number;
  /** Probability per WRITE request (non-GET) that the write is committed and then the socket destroyed without a response. */
  commitThenDrop?: number;
  /** Which requests faults apply to: 'all' (default), 'reads', 'writes'. */
  applyTo?: 'all' | 'reads' | 'writes';
  /** Seed for the deterministic PRNG (default 1). */
  seed?: number;
}

/** How to start a sandbox. Every field is optional. */
export interface SandboxOptions {
  /** Interface to listen on, default '127.0.0.1'. */
  host?: string;
  /** TCP port, default 0 (ephemeral). */
  port?: number;
  /** Vikunja version to emulate, default '2.5.0' (accept 'v2.5.0' too; 'dev' = latest). */
  version?: string;
  /** Path prefix, as behind a reverse proxy, e.g. '/vikunja' → API at /vikunja/api/v1. Default ''. */
  pathPrefix?: string;
  /** General rate limiter (like ratelimit.enabled). null/undefined = off. */
  rateLimit?: { limit: number; periodSeconds: number } | null;
  /** Added to every request, default 0. */
  latencyMs?: number;
  /** service.maxitemsperpage, default 50. */
  maxItemsPerPage?: number;
  /** Reported in /info (≥2.4); default false. */
  concurrentWrites?: boolean;
  /** When true and concurrentWrites is false, overlapping write requests get 500 "database is locked" (emulates SQLite). Default false. */
  enforceSerialWrites?: boolean;
  /** API token to accept; default: generated 'tk_' + 40 hex. */
  token?: string;
  /** Fault injection, off by default. */
  faults?: FaultOptions;
  /** Clock override for tests. */
  now?: () => Date;
  /**
   * The database Vikunja runs on (default 'sqlite'). 'postgres' reports `concurrent_writes: true` (unless
   * `concurrentWrites` says otherwise) and emulates its unlocked task index: concurrent creates into one
   * project read the same max(index) and all but one fail with HTTP 500
   * `pq: duplicate key value violates unique constraint "UQE_tasks_tasks_project_index"` (API.md §17.5).
   */
  database?: 'sqlite' | 'postgres';
  /** PostgreSQL only: time between reading max(index) and inserting a created task, default 15 ms. */
  createRaceWindowMs?: number;
  /**
   * PostgreSQL only, opt-in: Vikunja's `database.maxopenconnections`. When given, v2 bulk creates open about
   * n/2 + 1 pooled connections each (kept by the pool up to this cap); when the pool would exceed
   * `postgresMaxConnections` − 3 (reserved), the server dies as Vikunja does (`log.Fatalf`, API.md §17.6):
   * the request gets no answer and every later connection is refused.
   */
  maxOpenConnections?: number;
  /** PostgreSQL's `max_connections`, default 100 (used with `maxOpenConnections`). */
  postgresMaxConnections?: number;
  /**
   * Webhook delivery (API.md §17.8). `allowNonRoutable` is Vikunja's `outgoingrequests.allownonroutableips`:
   * false by default, as in Vikunja, so a target on a loopback or private address is registered but every
   * delivery to it is refused (logged as `refused` in `webhookDeliveries()`). `timeoutMs` defaults to 30 000.
   */
  webhooks?: { allowNonRoutable?: boolean; timeoutMs?: number };
}

/** A project webhook as the sandbox stores it (Vikunja's `webhooks` table). */
export interface SandboxWebhook {
  id: number;
  target_url: string;
  events: string[];
  project_id: number;
  secret: string;
  basic_auth_user: string;
  basic_auth_password: string;
  created_by_id: number;
  created: string;
  updated: string;
}

/** One webhook delivery attempt. */
export interface WebhookDelivery {
  webhookId: number;
  projectId: number;
  eventName: string;
  targetUrl: string;
  /** delivered: the target answered (any status); refused: non-routable target; failed: no answer (error). */
  outcome: 'delivered' | 'refused' | 'failed';
  /** The target's HTTP status when it answered. */
  status: number | null;
  error: string | null;
  /** ISO time the delivery started (sandbox clock). */
  at: string;
}

/** One API request as the sandbox saw it. */
export interface RequestLogEntry {
  method: string;
  /** Path without the configured prefix, e.g. '/api/v1/tasks/5'. */
  path: string;
  /** Query string without the leading '?'. */
  query: string;
  /** HTTP status sent; 0 when the connection was dropped. */
  status: number;
  /** ISO timestamp of arrival (sandbox clock). */
  at: string;
  /** Name of the injected fault, when one was injected. */
  fault?: string;
}

/** A running sandbox. */
export interface SandboxHandle {
  /** Base URL including pathPrefix, without '/api/v1', no trailing slash, e.g. http://127.0.0.1:41234/vikunja */
  url: string;
  token: string;
  /** Emulated version without the leading 'v', e.g. '2.5.0' (or 'dev'). */
  version: string;
  /** The emulated database. */
  database: 'sqlite' | 'postgres';
  /** True once the emulated server died (PostgreSQL pool exhausted); it then refuses every connection. */
  isDead(): boolean;
  /**
   * Restarts the server on the same address with its state kept, as an operator restarts Vikunja (and its
   * database keeps the data): revives a dead one, optionally with a new `maxOpenConnections` (the fix).
   */
  restart(options?: { maxOpenConnections?: number }): Promise<void>;
  requestLog(): readonly RequestLogEntry[];
  clearRequestLog(): void;
  /** Deep-copied, JSON-serialisable full state. Soft-deleted tasks excluded unless includeDeleted. */
  dump(options?: { includeDeleted?: boolean }): SandboxState;
  setFaults(faults: FaultOptions | undefined): void;
  /** The registered project webhooks (secrets included). */
  webhooks(): SandboxWebhook[];
  /** Every webhook delivery attempted so far, oldest first. */
  webhookDeliveries(): WebhookDelivery[];
  close(): Promise<void>;
}

/** The sandbox's single user. */
export interface SandboxUser {
  id: number;
  username: string;
  name: string;
  email: string;
  created: string;
  updated: string;
}

/** A Kanban bucket. */
export interface SandboxBucket {
  id: number;
  title: string;
  project_view_id: number;
  limit: number;
  position: number;
  created_by_id: number;
  created: string;
  updated: string;
}

/** View kinds Vikunja knows. */
export type SandboxViewKind = 'list' | 'gantt' | 'table' | 'kanban';

/** A project view as stored (buckets live separately in the store, nested in the dump). */
export interface SandboxViewRow {
  id: number;
  project_id: number;
  title: string;
  view_kind: SandboxViewKind;
  /** The view's filter query, or null for none. */
  filter: string | null;
  position: number;
  bucket_configuration_mode: 'none' | 'manual' | 'filter';
  bucket_configuration: { title: string; filter: string }[];
  default_bucket_id: number;
  done_bucket_id: number;
  created: string;
  updated: string;
}

/** A project view in the dump, with its buckets. */
export interface SandboxView extends SandboxViewRow {
  buckets: SandboxBucket[];
}

/** A project as stored (views live separately in the store, nested in the dump). */
export interface SandboxProjectRow {
  id: number;
  title: string;
  description: string;
  identifier: string;
  hex_color: string;
  parent_project_id: number;
  owner_id: number;
  is_archived: boolean;
  is_favorite: boolean;
  position: number;
  created: string;
  updated: string;
}

/** A project in the dump, with its views and their buckets. */
export interface SandboxProject extends SandboxProjectRow {
  views: SandboxView[];
}

/** A task reminder: absolute, or relative to one of the task's dates. */
export interface SandboxReminder {
  reminder: string;
  relative_period: number;
  relative_to: '' | 'due_date' | 'start_date' | 'end_date';
}

/** A task row. `deleted_at` is set on soft-deleted tasks (2.4+). */
export interface SandboxTask {
  id: number;
  project_id: number;
  title: string;
  description: string;
  done: boolean;
  done_at: string;
  due_date: string;
  start_date: string;
  end_date: string;
  repeat_after: number;
  repeat_mode: number;
  priority: number;
  hex_color: string;
  percent_done: number;
  index: number;
  cover_image_attachment_id: number;
  is_favorite: boolean;
  created_by_id: number;
  created: string;
  updated: string;
  deleted_at: string | null;
  reminders: SandboxReminder[];
  assignee_ids: number[];
}

/** Which bucket a task sits in, per Kanban view. */
export interface SandboxTaskBucket {
  task_id: number;
  project_view_id: number;
  bucket_id: number;
}

/** A task's position, per view. */
export interface SandboxTaskPosition {
  task_id: number;
  project_view_id: number;
  position: number;
}

/** A label (no uniqueness on title). */
export interface SandboxLabel {
  id: number;
  title: string;
  description: string;
  hex_color: string;
  created_by_id: number;
  created: string;
  updated: string;
}

/** A label attached to a task. */
export interface SandboxLabelTask {
  task_id: number;
  label_id: number;
  created: string;
}

/** One directed relation row; every relation is stored with its inverse row. */
export interface SandboxRelation {
  task_id: number;
  other_task_id: number;
  relation_kind: string;
  created_by_id: number;
  created: string;
}

/** A task comment. */
export interface SandboxComment {
  id: number;
  task_id: number;
  comment: string;
  author_id: number;
  created: string;
  updated: string;
}

/** A saved filter; it shows up as pseudo-project −(id+1). */
export interface SandboxSavedFilter {
  id: number;
  title: string;
  description: string;
  filter: string;
  filter_include_nulls: boolean;
  is_favorite: boolean;
  owner_id: number;
  created: string;
  updated: string;
}

/** The whole sandbox state, as returned by `dump()` and `GET <prefix>/__sandbox/state`. */
export interface SandboxState {
  /** Emulated version without the leading 'v'. */
  version: string;
  users: SandboxUser[];
  projects: SandboxProject[];
  tasks: SandboxTask[];
  taskBuckets: SandboxTaskBucket[];
  taskPositions: SandboxTaskPosition[];
  labels: SandboxLabel[];
  labelTasks: SandboxLabelTask[];
  relations: SandboxRelation[];
  comments: SandboxComment[];
  savedFilters: SandboxSavedFilter[];
}
