/**
 * The memory bank as the MCP tools read it: discovered and parsed afresh on every call (the assistant edits it
 * between calls), and turned into the sync job's input exactly as `membank sync` does.
 */
import type { SyncInput } from '../../jobs/sync.js';
import type { MembankConfig } from '../core/config.js';
import { type BankReading, createSyncInput, readBank } from '../cli/read-bank.js';

/** A bank read for one tool call, with the sync job's input. */
export interface SyncReading {
  bank: BankReading;
  input: SyncInput;
}

/** Reads the bank under `dir` and builds the sync input (`resolve`: settle one conflict only). */
export async function readSyncInput(dir: string, cwd: string, config: Readonly<MembankConfig>, extra: Pick<SyncInput, 'resolve'> = {}): Promise<SyncReading> {
  const bank = await readBank(dir, cwd, config);
  const input = createSyncInput(bank, config, extra);
  return { bank, input };
}
