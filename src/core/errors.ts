/**
 * membank's error family. Each error is named for what the runner does next, carries a stable `code`,
 * and maps to one documented process exit code (see README "Exit codes"). This file is the one mapping from
 * errors to exit codes: `src/cli/main.ts` returns `error.exitCode`, nothing else.
 */
import type { GuardRecord } from './guards.js';
import type { RunReport } from './report.js';

/** Process exit codes, the README's table. Stable: cron users script against them. */
export const ExitCode = {
  ok: 0,
  failed: 1,
  changesPending: 2,
  validationErrors: 3,
  locked: 4,
  serverUnavailable: 5,
  conflict: 6,
  /** A blast-radius guard refused the run before its first write (`--allow-mass-change` overrides). */
  guardTripped: 7,
  /** Command line or configuration (flags, environment, config file) is wrong. */
  usage: 64,
  /** Stopped by SIGINT/SIGTERM (128 + SIGINT). */
  interrupted: 130,
} as const;
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];

/** Stable machine-readable error codes. */
export const ErrorCode = {
  config: 'CONFIG_INVALID',
  input: 'INPUT_INVALID',
  retryableApi: 'API_RETRYABLE',
  fatalApi: 'API_FATAL',
  serverUnavailable: 'SERVER_UNAVAILABLE',
  ambiguousWrite: 'WRITE_OUTCOME_UNKNOWN',
  conflict: 'CONFLICT',
  stalePlan: 'PLAN_STALE',
  sourceChanged: 'SOURCE_CHANGED',
  runLocked: 'RUN_LOCKED',
  guardTripped: 'GUARD_TRIPPED',
  usage: 'USAGE',
  interrupted: 'INTERRUPTED',
  internal: 'INTERNAL',
} as const;
export type ErrorCodeValue = (typeof ErrorCode)[keyof typeof ErrorCode];

/** Base class: every membank error has a code, an exit code and optional structured details. */
export class MembankError extends Error {
  readonly code: ErrorCodeValue;
  readonly exitCode: ExitCodeValue;
  readonly details: Readonly<Record<string, unknown>>;

  constructor(
    code: ErrorCodeValue,
    exitCode: ExitCodeValue,
    message: string,
    options: { cause?: unknown; details?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.exitCode = exitCode;
    this.details = Object.freeze({ ...(options.details ?? {}) });
  }
}

/** Configuration is missing or invalid: the run stops before doing anything (exit 64, like a usage error). */
export class ConfigError extends MembankError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(ErrorCode.config, ExitCode.usage, message, options);
  }
}

/** Where a piece of bad input sits, what was received, and how to fix it. */
export interface InputProblemLocation {
  /** Path of the file, relative to the scanned root (POSIX separators). */
  file: string;
  /** 1-based line, when known. */
  line?: number;
}

/**
 * One bad input file or fragment. Collected per file and reported; never fatal to the run.
 */
export class InputError extends MembankError {
  readonly file: string;
  readonly line: number | undefined;
  readonly received: string | undefined;
  readonly fix: string;

  constructor(
    location: InputProblemLocation,
    what: string,
    fix: string,
    options: { received?: string; cause?: unknown } = {},
  ) {
    const where = location.line === undefined ? location.file : `${location.file}:${location.line}`;
    const received = options.received === undefined ? undefined : truncateForMessage(options.received);
    const parts = [`${where}: ${what}`];
    if (received !== undefined) parts.push(`received: ${JSON.stringify(received)}`);
    parts.push(`fix: ${fix}`);
    super(ErrorCode.input, ExitCode.validationErrors, parts.join(' — '), {
      cause: options.cause,
      details: { file: location.file, line: location.line, received, fix },
    });
    this.file = location.file;
    this.line = location.line;
    this.received = received;
    this.fix = fix;
  }
}

/**
 * A request failed in a way worth retrying (429, 5xx, network). When one reaches the top, the retries ran
 * out: Vikunja is unavailable (exit 5, re-run to resume).
 */
export class RetryableApiError extends MembankError {
  readonly status: number | undefined;
  readonly method: string;
  readonly path: string;
  /** Unix seconds at which the server's rate-limit window resets, when it said so. */
  readonly rateLimitReset: number | undefined;

  constructor(
    method: string,
    path: string,
    message: string,
    options: { status?: number; rateLimitReset?: number; cause?: unknown } = {},
  ) {
    super(ErrorCode.retryableApi, ExitCode.serverUnavailable, `${method} ${path}: ${message}`, {
      cause: options.cause,
      details: { method, path, status: options.status },
    });
    this.status = options.status;
    this.method = method;
    this.path = path;
    this.rateLimitReset = options.rateLimitReset;
  }
}

/**
 * One problem a validation answer names (v2 `422 application/problem+json` `errors[]`): where (`body.tasks[1].title`),
 * which item of a batch (`itemIndex` 1, relative to the request that failed, and `batchIndex` relative to the whole
 * list the caller passed, when the client split it into requests), which field, and why.
 */
export interface ApiProblem {
  location: string;
  message: string;
  /** Index into the request's `tasks` array, when the location names one. */
  itemIndex: number | undefined;
  /** Index into the caller's whole input list (bulk creates split into chunks), when known. */
  batchIndex: number | undefined;
  /** The field below the item (`title`), when the location names one. */
  field: string | undefined;
}

/** The server refused the request for a reason retrying will not fix (4xx other than 429). */
export class FatalApiError extends MembankError {
  readonly status: number;
  readonly method: string;
  readonly path: string;
  /** Vikunja's own error code from the body, when there was one. */
  readonly apiCode: number | undefined;
  readonly body: unknown;
  /** The problems a validation answer listed (v2 422 problem+json), each naming its item; [] otherwise. */
  readonly problems: readonly ApiProblem[];

  constructor(
    method: string,
    path: string,
    status: number,
    message: string,
    options: { apiCode?: number; body?: unknown; cause?: unknown; problems?: readonly ApiProblem[] } = {},
  ) {
    super(ErrorCode.fatalApi, ExitCode.failed, `${method} ${path} → ${status}: ${message}`, {
      cause: options.cause,
      details: { method, path, status, apiCode: options.apiCode },
    });
    this.status = status;
    this.method = method;
    this.path = path;
    this.apiCode = options.apiCode;
    this.body = options.body;
    this.problems = options.problems ?? [];
  }
}

/** The server is down or the circuit breaker is open: stop the run cleanly, resume later. */
export class ServerUnavailableError extends MembankError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(ErrorCode.serverUnavailable, ExitCode.serverUnavailable, message, options);
  }
}

/**
 * A write was sent but its outcome is unknown (connection dropped, timeout after send).
 * Never retried blindly: the caller reconciles (e.g. by searching for the task's marker).
 */
export class AmbiguousWriteError extends MembankError {
  readonly method: string;
  readonly path: string;

  constructor(method: string, path: string, options: { cause?: unknown } = {}) {
    super(
      ErrorCode.ambiguousWrite,
      ExitCode.failed,
      `${method} ${path}: the request was sent but no response arrived, so it may or may not have been applied`,
      { cause: options.cause, details: { method, path } },
    );
    this.method = method;
    this.path = path;
  }
}

/** Something changed on the other side since we last looked: refuse unless forced. */
export class ConflictError extends MembankError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(ErrorCode.conflict, ExitCode.conflict, message, options);
  }
}

/** A saved plan no longer matches its inputs or its targets. */
export class StalePlanError extends MembankError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(ErrorCode.stalePlan, ExitCode.conflict, message, options);
  }
}

/**
 * A memory-bank file changed between reading it and writing an edit back (its hash differs): nothing was
 * written to it; the next run reads it again.
 */
export class SourceChangedError extends MembankError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(ErrorCode.sourceChanged, ExitCode.conflict, message, options);
  }
}

/** Another run holds the lock. */
export class RunLockedError extends MembankError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(ErrorCode.runLocked, ExitCode.locked, message, options);
  }
}

/**
 * A blast-radius guard refused the run after planning and before its first write (too many tasks closed, deleted
 * or labelled as removed; far fewer files or task items than the last successful run): exit 7, nothing written.
 * `details.guard` holds the guard record (`src/core/guards.ts`); `--allow-mass-change` overrides.
 */
export class GuardTrippedError extends MembankError {
  readonly guard: GuardRecord;
  readonly runId: string;
  /** The refused run's report (what was planned, each guard and its numbers), for the CLI to write like any run's. */
  readonly report: RunReport | undefined;

  constructor(message: string, options: { guard: GuardRecord; runId: string; cause?: unknown; report?: RunReport }) {
    super(ErrorCode.guardTripped, ExitCode.guardTripped, message, { cause: options.cause, details: { runId: options.runId, guard: options.guard } });
    this.guard = options.guard;
    this.runId = options.runId;
    this.report = options.report;
  }
}

/** The command line was wrong. */
export class UsageError extends MembankError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(ErrorCode.usage, ExitCode.usage, message, options);
  }
}

/** SIGINT/SIGTERM stopped the command (after the writes in flight finished): exit 130, re-run to resume. */
export class InterruptedError extends MembankError {
  constructor(options: { cause?: unknown } = {}) {
    super(
      ErrorCode.interrupted,
      ExitCode.interrupted,
      'interrupted: stopped after the writes in flight finished; run the same command again to resume',
      options,
    );
  }
}

/** A bug: an invariant did not hold. */
export class InternalError extends MembankError {
  constructor(message: string, options: { cause?: unknown; details?: Record<string, unknown> } = {}) {
    super(ErrorCode.internal, ExitCode.failed, message, options);
  }
}

/** Cuts received text to 200 characters for messages, marking the cut. */
export function truncateForMessage(text: string, max = 200): string {
  return text.length <= max ? text : `${text.slice(0, max)}…(${text.length - max} more characters)`;
}
