import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The client's own memory bank in the shared corpus (read in place, never copied into the repository). */
export const clientBank = fileURLToPath(
  new URL('../../../shared/memory-banks/corpus/Xoe-NovAi__xoe-novai-foundation/memory_bank', import.meta.url),
);

/** Whether `../shared` is beside the project, so the corpus tests can run. */
export const hasClientBank = existsSync(clientBank);
