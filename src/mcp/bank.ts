/**
 * The memory bank as the MCP tools read it: discovered and read afresh on every call (the assistant edits it between
 * calls; a sync takes unchanged files' parses from the parse cache), and turned into the sync job's input exactly as
 * `membank sync` does.
 */
import type { SyncInput } from '../../jobs/sync.js';
import type { MembankConfig } from '../core/config.js';
import { type BankParseCacheOption, type BankReading, createSyncInput, readBank } from '../cli/read-bank.js';

/** A bank read for one tool call, with the sync job's input. */
export interface SyncReading {
  bank: BankReading;
  input: SyncInput;
}

/**
 * Reads the bank under `dir` and builds the sync input. With `cache` (a sync), unchanged files come from the state
 * store's parse cache and the reading carries each file's identity (size, mtime, sha256) for the run's snapshot.
 */
export async function readSyncInput(dir: string, cwd: string, config: Readonly<MembankConfig>, options: { cache?: BankParseCacheOption } = {}): Promise<SyncReading> {
  const bank = await readBank(dir, cwd, config, options);
  const input = createSyncInput(bank, config);
  return { bank, input };
}
