/**
 * The memory-bank port on the `src/memory-bank/` implementation, wired without the rest of the runtime: commands
 * that only read a bank (`discover`, `parse`, `validate`) load it and the disk adapter, not the state store or the
 * Vikunja client.
 */
import type { MemoryBankReader } from './core/memory-bank.js';
import { discoverBanks } from './memory-bank/discover.js';
import { pairRenames } from './memory-bank/keys.js';
import { parseFiles } from './memory-bank/parse.js';
import { validateReading } from './memory-bank/validate.js';

/** The memory-bank port on the `src/memory-bank/` implementation. */
export function createMemoryBankReader(): MemoryBankReader {
  return { discover: discoverBanks, parse: parseFiles, validate: validateReading, pairRenames };
}
