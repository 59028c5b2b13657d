import { basename, resolve } from 'node:path';
import type { MembankConfig } from '../core/config.js';
import { UsageError } from '../core/errors.js';
import type { DiscoverResult } from '../core/source-file.js';
import type { InputProblem, TaskRecord } from '../core/task-record.js';
import { discoverBanks } from '../memory-bank/discover.js';
import { parseFiles } from '../memory-bank/parse.js';
import { createNodeFileSystem } from '../runtime.js';

/** A memory bank read from disk: discovery, records and every problem found on the way. */
export interface BankReading {
  root: string;
  discover: DiscoverResult;
  records: TaskRecord[];
  problems: InputProblem[];
}

/** Discovers and parses the memory bank(s) under `dir` (relative to `cwd`). */
export async function readBank(dir: string, cwd: string, config: Readonly<MembankConfig>): Promise<BankReading> {
  const root = resolve(cwd, dir);
  const files = createNodeFileSystem();
  try {
    const stats = await files.stat(root);
    if (!stats.isDirectory) throw new UsageError(`${root} is not a directory; point membank at a repository or a memory-bank folder`);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    throw new UsageError(`${root} does not exist; point membank at a repository or a memory-bank folder`, { cause: error });
  }
  const discover = await discoverBanks(root, { files, config: config.discover });
  const parsed = parseFiles(discover.files, { vocabulary: config.vocabulary });
  return { root, discover, records: parsed.records, problems: [...discover.problems, ...parsed.problems] };
}

/** The Vikunja project title: config, else the repository folder name. */
export function selectProjectTitle(config: Readonly<MembankConfig>, root: string): string {
  return config.mapping.project ?? basename(root);
}
