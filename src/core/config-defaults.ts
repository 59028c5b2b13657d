/**
 * The configuration's defaults as a plain object, without zod: what `membankConfigSchema.parse({})` returns
 * (test/unit/core/config-lazy.test.ts holds the two equal, key order included). `src/config.ts` uses it when there
 * is no config file and the flags and environment need no schema to check them, so a command such as `membank
 * doctor` reaches its first request without loading zod; `createDefaultConfig` (core/config.ts) returns it.
 */
import type { MembankConfig } from './config-schema.js';

/** A fresh copy of the default configuration (the caller may change and freeze it). */
export function createConfigDefaults(): MembankConfig {
  return {
    vikunja: { timeoutMs: 30_000, concurrency: 4, retries: 6, retryBaseMs: 500, bulkCreateSize: 100 },
    discover: { bankGlobs: [], maxFileBytes: 2 * 1024 * 1024, ignore: [], taskGlobs: [] },
    vocabulary: { status: {}, priority: {} },
    mapping: {
      runLabels: ['memory_bank', 'migration'],
      labelRules: [
        { key: 'tags', prefix: '' },
        { key: 'agents', prefix: 'agent:' },
        { key: 'ma_at_ideals', prefix: 'ma_at_' },
        { key: 'knowledge', prefix: 'domain:' },
        { key: 'domains', prefix: 'domain:' },
      ],
      ownerLabelPrefix: 'owner:',
      blockedBucket: false,
    },
    reports: { keep: 20 },
    snapshots: { keep: 50 },
    sync: {
      // `defaultOwnership` of three-way.ts, written out: importing it would load the 3-way engine (and node:crypto)
      // before doctor's first request. The test holding these defaults equal to the schema's guards the copy.
      ownership: { title: 'memory-bank', description: 'memory-bank', done: 'both', priority: 'both', due: 'both', percentDone: 'memory-bank', labels: 'both', bucket: 'both' },
      conflicts: 'report',
      inbox: 'vikunja-inbox.md',
      removed: 'label',
      removedLabel: 'removed-from-memory-bank',
    },
    guards: {
      maxDestructive: 10,
      maxDestructiveShare: 0.2,
      minForShare: 5,
      maxShrink: 0.5,
      alertWindowMinutes: 60,
      alertMinItems: 5,
      alertMinShare: 0.1,
    },
  };
}
