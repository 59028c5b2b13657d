/**
 * The SQLite state store (better-sqlite3): runs, the hash-chained journal, mappings, the label cache and the
 * run lock. The contract lives in `src/core/store.ts`.
 */
export { defaultStatePath, openStore } from './open-store.js';
export { toCanonicalJson } from './canonical-json.js';
export { computeJournalHash, genesisHash } from './journal.js';
export { applyMigrations, migrations, readSchemaVersion } from './migrations.js';
export type { Migration } from './migrations.js';
export { createRunId, runIdPattern } from './run-id.js';
