import { basename, dirname, relative, resolve, sep } from 'node:path';
import type { MembankConfig } from '../core/config.js';
import { InputError, UsageError } from '../core/errors.js';
import type { DiscoverResult } from '../core/source-file.js';
import type { InputProblem, TaskRecord } from '../core/task-record.js';
import { bankFolderNames, discoverBanks } from '../memory-bank/discover.js';
import { parseFiles } from '../memory-bank/parse.js';
import { createNodeFileSystem } from '../runtime.js';
import type { PlanInput } from '../../jobs/plan.js';

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
  if (discover.banks.length === 0) {
    // Nothing to import is an error, never an empty project: the folder is most likely the wrong one.
    throw new InputError(
      { file: root },
      'no memory bank found here (no memory_bank/, memory-bank/, .kiro/specs/, .taskmaster/ or roadmap/ folder, and no Markdown files)',
      'point membank at the repository that holds the memory bank, or at the bank folder itself; membank discover <dir> shows what it finds',
    );
  }
  const parsed = parseFiles(discover.files, { vocabulary: config.vocabulary });
  return { root, discover, records: parsed.records, problems: [...discover.problems, ...parsed.problems] };
}

/**
 * The folder of the repository that holds the bank: the scanned root, unless the root is the bank folder itself
 * (`repo/memory-bank`, `repo/.kiro/specs`, `repo/.taskmaster`, `repo/roadmap`), then the folder that holds it.
 */
export function findRepositoryFolder(bank: Pick<BankReading, 'root' | 'discover'>): string {
  const rootIsBank = bank.discover.banks.some((found) => found.path === '.');
  if (!rootIsBank) return bank.root;
  const name = basename(bank.root).toLowerCase();
  const parent = dirname(bank.root);
  if (name === 'specs' && basename(parent).toLowerCase() === '.kiro') return dirname(parent);
  if (bankFolderNames.includes(name) || name === '.taskmaster' || name === 'roadmap') return parent;
  return bank.root;
}

/**
 * Which bank this is, independent of the machine: `<repository folder>/<bank folder>` (e.g. `tidepool/memory-bank`).
 * membank records it in the project it creates and refuses to mix another bank into that project.
 */
export function describeBankSource(bank: Pick<BankReading, 'root' | 'discover'>): string {
  const repository = findRepositoryFolder(bank);
  const folders = bank.discover.banks
    .map((found) => relative(repository, resolve(bank.root, found.path)).split(sep).join('/'))
    .sort();
  const inside = folders.filter((folder) => folder !== '');
  return [basename(repository), ...(inside.length === 0 ? [] : [inside.join('+')])].join('/');
}

/**
 * The Vikunja project title: config (or --project), else the name of the repository folder that holds the bank,
 * so that two repositories whose banks are both called `memory-bank/` get a project each.
 */
export function selectProjectTitle(config: Readonly<MembankConfig>, bank: Pick<BankReading, 'root' | 'discover'>): string {
  return config.mapping.project ?? basename(findRepositoryFolder(bank));
}

/** The plan job's input for a bank read from disk: its records, project title and source (`--allow-other-bank`). */
export function createPlanInput(bank: BankReading, config: Readonly<MembankConfig>, options: { allowOtherBank?: boolean } = {}): PlanInput {
  return {
    records: bank.records,
    root: bank.root,
    projectTitle: selectProjectTitle(config, bank),
    source: describeBankSource(bank),
    allowOtherSource: options.allowOtherBank === true,
  };
}
