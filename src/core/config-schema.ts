/**
 * The zod schema of membank's configuration (`membank.config.json` / `.yaml`): what `src/config.ts` validates a
 * config file, the environment and the flags against. Apart from `config.ts` so that reading the defaults
 * (`createDefaultConfig`, e.g. discover + parse in a library or benchmark) does not load zod.
 */
import { z } from 'zod';
import { taskStatusSchema } from './task-record.js';
import { conflictPolicies, defaultOwnership } from './three-way.js';

const ownershipSchema = z.enum(['both', 'memory-bank', 'vikunja']);

/**
 * membank's configuration (`membank.config.json` / `.yaml`), validated once and frozen.
 * Resolution order (in `src/config.ts`): flags > env > config file > these defaults.
 */
export const membankConfigSchema = z
  .object({
    vikunja: z
      .object({
        /** Base URL; may carry a path prefix (`http://localhost/vikunja`). */
        url: z.string().url().optional(),
        /** Never written anywhere; redacted in logs. */
        token: z.string().min(1).optional(),
        /** Request timeout in milliseconds. */
        timeoutMs: z.number().int().positive().default(30_000),
        /** Upper bound on parallel requests (writes are serialised when the server says so). */
        concurrency: z.number().int().min(1).max(32).default(4),
        /** Retries for 429/5xx/network errors. */
        retries: z.number().int().min(0).max(20).default(6),
        /** First backoff delay in milliseconds (doubles per retry, with jitter). */
        retryBaseMs: z.number().int().min(1).max(60_000).default(500),
        /**
         * Tasks per v2 bulk-create request (Vikunja 2.5+), 1..100. Lower it when Vikunja on PostgreSQL runs out of
         * database connections under bulk creates (docs/troubleshooting.md).
         */
        bulkCreateSize: z.number().int().min(1).max(100).default(100),
      })
      .strict()
      .prefault({}),
    discover: z
      .object({
        /** Extra folder globs (relative to the root) that hold memory banks. */
        bankGlobs: z.array(z.string()).default([]),
        /** Files larger than this are reported and not parsed. */
        maxFileBytes: z.number().int().positive().default(2 * 1024 * 1024),
        /** Glob-ish patterns (relative paths) to ignore. */
        ignore: z.array(z.string()).default([]),
        /** Glob-ish patterns (relative paths) of files to read as task sources, as if they sat in a tasks/ folder. */
        taskGlobs: z.array(z.string()).default([]),
      })
      .strict()
      .prefault({}),
    vocabulary: z
      .object({
        /** Extra status words → canonical status (case-insensitive, after normalisation). */
        status: z.record(z.string(), taskStatusSchema).default({}),
        /** Extra priority words → Vikunja priority 1..5. */
        priority: z.record(z.string(), z.number().int().min(1).max(5)).default({}),
      })
      .strict()
      .prefault({}),
    mapping: z
      .object({
        /** Vikunja project title; default: the repository folder name. */
        project: z.string().min(1).optional(),
        /** Labels added to every migrated task. */
        runLabels: z.array(z.string().min(1)).default(['memory_bank', 'migration']),
        /** Frontmatter key → label prefix rules (`agents` → `agent:`). Empty prefix keeps the value as is. */
        labelRules: z
          .array(z.object({ key: z.string().min(1), prefix: z.string().default('') }).strict())
          .default([
            { key: 'tags', prefix: '' },
            { key: 'agents', prefix: 'agent:' },
            { key: 'ma_at_ideals', prefix: 'ma_at_' },
            { key: 'knowledge', prefix: 'domain:' },
            { key: 'domains', prefix: 'domain:' },
          ]),
        /** Owner → label prefix. */
        ownerLabelPrefix: z.string().default('owner:'),
        /** Use a Blocked bucket for blocked tasks (else a `blocked` label only). */
        blockedBucket: z.boolean().default(false),
      })
      .strict()
      .prefault({}),
    reports: z
      .object({
        /** Report folders (`reports/<run-id>/`) kept beside the state store; older ones are removed after each run. */
        keep: z.number().int().min(1).max(10_000).default(20),
      })
      .strict()
      .prefault({}),
    /** Source snapshots for `membank restore` (docs/restore.md). */
    snapshots: z
      .object({
        /** Snapshots kept per bank folder: the newest N successful runs; older ones, and blobs no kept one uses, are pruned after each run. */
        keep: z.number().int().min(1).max(100_000).default(50),
      })
      .strict()
      .prefault({}),
    /** `membank sync` (docs/sync.md). */
    sync: z
      .object({
        /** Who may change each field: `both` (3-way), `memory-bank` or `vikunja`; unlisted fields keep their default. */
        ownership: z
          .object({
            title: ownershipSchema.default(defaultOwnership.title),
            description: ownershipSchema.default(defaultOwnership.description),
            done: ownershipSchema.default(defaultOwnership.done),
            priority: ownershipSchema.default(defaultOwnership.priority),
            due: ownershipSchema.default(defaultOwnership.due),
            percentDone: ownershipSchema.default(defaultOwnership.percentDone),
            labels: ownershipSchema.default(defaultOwnership.labels),
            bucket: ownershipSchema.default(defaultOwnership.bucket),
          })
          .strict()
          .prefault({}),
        /** A field changed differently on both sides: `report` (write neither), `prefer-memory-bank`, `prefer-vikunja`, `newest`. */
        conflicts: z.enum(conflictPolicies).default('report'),
        /** File (relative to the bank folder) that tasks added in Vikunja are appended to; `false` turns it off. */
        inbox: z.union([z.string().min(1), z.literal(false)]).default('vikunja-inbox.md'),
        /** A task whose item left the memory bank: `label` it (kept open), `close` it, or `delete` it (explicit only). */
        removed: z.enum(['label', 'close', 'delete']).default('label'),
        /** The label the `label` policy puts on such a task. */
        removedLabel: z.string().min(1).max(250).default('removed-from-memory-bank'),
      })
      .strict()
      .prefault({}),
    /** Blast-radius guards of every writing run (sync, migrate, apply); `--allow-mass-change` overrides (docs/cron.md). */
    guards: z
      .object({
        /** A run may close, reopen, delete or label-removed at most this many tasks. */
        maxDestructive: z.number().int().min(0).default(10),
        /** …and at most this share (0..1) of the project's tasks. */
        maxDestructiveShare: z.number().min(0).max(1).default(0.2),
        /** The share limits (destructive share, shrink, fast deletion) apply once at least this many are affected. */
        minForShare: z.number().int().min(1).default(5),
        /** Discovery may lose at most this share (0..1) of the files or task items of the last successful run. */
        maxShrink: z.number().min(0).max(1).default(0.5),
        /** Fast-deletion alert: task items gone since a successful run at most this many minutes ago… */
        alertWindowMinutes: z.number().positive().default(60),
        /** …at least this many… */
        alertMinItems: z.number().int().min(1).default(5),
        /** …and at least this share (0..1) of them. */
        alertMinShare: z.number().min(0).max(1).default(0.1),
      })
      .strict()
      .prefault({}),
  })
  .strict();

/** Parsed, defaulted configuration. */
export type MembankConfig = z.infer<typeof membankConfigSchema>;
