import { createHash } from 'node:crypto';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import type { MembankConfig } from '../core/config.js';
import { InputError, UsageError } from '../core/errors.js';
import type { DiscoveredFile, DiscoverResult } from '../core/source-file.js';
import type { ParseCacheEntry, ParseCacheStore, SourceFileIdentity } from '../core/store.js';
import type { InputProblem, TaskRecord } from '../core/task-record.js';
import { bankFolderNames, discoverBanks } from '../memory-bank/discover.js';
import { decodeFileBytes } from '../memory-bank/decode.js';
import { type FileParse, type FileParseCache, parseFiles, parserVersion } from '../memory-bank/parse.js';
import { createFileCacheKey, createParseCacheKey, type FileIdentity, isCacheHit } from '../store/parse-cache.js';
import { createNodeFileSystem } from '../node-files.js';
import type { PlanInput } from '../../jobs/plan.js';
import type { SyncInput } from '../../jobs/sync.js';

/** A memory bank read from disk: discovery, records and every problem found on the way. */
export interface BankReading {
  root: string;
  discover: DiscoverResult;
  records: TaskRecord[];
  problems: InputProblem[];
  /** With a parse cache: how many files were parsed and how many were taken from the cache unchanged. */
  parseCache?: { parsed: number; cached: number };
  /**
   * sha256 over every discovered file (path, discovery decisions, content hash) and the parse cache key: equal
   * fingerprints, equal records. Set with a parse cache.
   */
  fingerprint?: string;
  /**
   * The files this read hashed whose stat, bytes and discovery text agreed and whose mtime is not within the racy
   * window (set with a parse cache): the run's source snapshot stores them without reading them again.
   */
  identities?: SourceFileIdentity[];
}

/**
 * A file modified this recently (ms) before it was read may be modified again within the same mtime tick without
 * its stat changing (git's "racy" files): its identity is not handed on, so the snapshot reads it again.
 */
const racyWindowMs = 2000;

/** Where readBank keeps per-file parses: the state store's parse cache; `write: false` reads it only (dry runs). */
export interface BankParseCacheOption {
  /** Opens the cache's store; called only once a bank was found (a wrong folder must not create a state store). */
  open(): ParseCacheStore;
  write: boolean;
}

/** Discovers and parses the memory bank(s) under `dir` (relative to `cwd`). */
export async function readBank(dir: string, cwd: string, config: Readonly<MembankConfig>, options: { cache?: BankParseCacheOption } = {}): Promise<BankReading> {
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
  if (options.cache === undefined) {
    const parsed = parseFiles(discover.files, { vocabulary: config.vocabulary });
    return { root, discover, records: parsed.records, problems: [...discover.problems, ...parsed.problems] };
  }
  const store = options.cache.open();
  const cache = await openFileParseCache(root, discover.files, config, store);
  const parsed = parseFiles(discover.files, { vocabulary: config.vocabulary }, cache);
  if (options.cache.write) store.replace(root, cache.pending, new Set(discover.files.map((file) => file.path)));
  return {
    root,
    discover,
    records: parsed.records,
    problems: [...discover.problems, ...parsed.problems],
    parseCache: { parsed: cache.pending.length, cached: discover.files.length - cache.pending.length },
    fingerprint: cache.fingerprint,
    identities: cache.identities,
  };
}

/**
 * The parse cache for one read of a bank: each file's identity now (size and mtime from a stat, sha256 of its
 * bytes, its cache key), the cached parses whose identity is unchanged, and the parses made in this read (kept
 * as deep copies: the merge step changes the records it is given).
 */
async function openFileParseCache(
  root: string,
  files: readonly DiscoveredFile[],
  config: Readonly<MembankConfig>,
  store: ParseCacheStore,
): Promise<FileParseCache & { pending: ParseCacheEntry[]; fingerprint: string; identities: SourceFileIdentity[] }> {
  const fs = createNodeFileSystem();
  const bankKey = createParseCacheKey({ parserVersion, vocabulary: config.vocabulary, discover: config.discover });
  const cached = new Map(store.list(root).map((entry) => [entry.path, entry]));
  const identities = new Map<string, FileIdentity>();
  const fingerprint = createHash('sha256').update(bankKey);
  const known: SourceFileIdentity[] = [];
  for (const file of files) {
    const absolute = join(root, file.path);
    // The stat before the read: a write between the two leaves a newer mtime than the one kept with these bytes,
    // so the next stat shows the change (read in parallel, an old hash could be kept with the new mtime).
    const stat = await fs.stat(absolute);
    const readAtMs = Date.now();
    const bytes = await fs.readFile(absolute);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    // A file rewritten between discovery and this read: its parse (of the text discovery read) is not cached.
    const decoded = file.text === null ? null : decodeFileBytes(bytes);
    const stable = bytes.length === stat.size && (decoded === null || (decoded.ok && decoded.text === file.text));
    identities.set(file.path, { size: bytes.length, mtimeMs: stat.mtimeMs, sha256: stable ? sha256 : '', cacheKey: createFileCacheKey(bankKey, file) });
    if (stable && readAtMs - stat.mtimeMs > racyWindowMs) known.push({ path: file.path, size: bytes.length, mtimeMs: stat.mtimeMs, sha256 });
  }
  for (const path of [...identities.keys()].sort()) {
    const identity = identities.get(path);
    fingerprint.update(`\n${path}\0${identity?.cacheKey}\0${identity?.sha256}`);
  }
  const pending: ParseCacheEntry[] = [];
  return {
    pending,
    identities: known,
    fingerprint: fingerprint.digest('hex'),
    get(file) {
      const entry = cached.get(file.path);
      return isCacheHit(entry, identities.get(file.path) ?? { size: -1, mtimeMs: -1, sha256: '', cacheKey: '' }) ? (entry?.parse as FileParse) : undefined;
    },
    put(file, parse) {
      const identity = identities.get(file.path);
      if (identity === undefined || identity.sha256 === '') return;
      pending.push({ root, path: file.path, ...identity, parse: structuredClone(parse) });
    },
  };
}

/**
 * The folder of the repository that holds the bank: the scanned root, unless the root is the bank folder itself
 * (`repo/memory-bank`, `repo/.kiro/specs`, `repo/.taskmaster`, `repo/roadmap`, `repo/conductor`, `repo/.cursor/plans`,
 * `repo/docs/stories`, `repo/.agent-os`, `repo/.beads`, BMAD's `repo/_bmad-output/implementation-artifacts`), then the folder that holds it.
 */
export function findRepositoryFolder(bank: Pick<BankReading, 'root' | 'discover'>): string {
  const rootIsBank = bank.discover.banks.some((found) => found.path === '.');
  if (!rootIsBank) return bank.root;
  const name = basename(bank.root).toLowerCase();
  const parent = dirname(bank.root);
  if (name === 'specs' && basename(parent).toLowerCase() === '.kiro') return dirname(parent);
  if (bankFolderNames.includes(name) || name === '.taskmaster' || name === 'roadmap' || name === '.beads') return parent;
  if (name === 'conductor' && bank.discover.banks.some((found) => found.conventions.includes('conductor'))) return parent;
  const parentName = basename(parent).toLowerCase();
  if ((name === 'plans' && parentName === '.cursor') || (name === 'stories' && parentName === 'docs')) return dirname(parent);
  // BMAD's sprint folder: `repo/_bmad-output/implementation-artifacts`, `repo/docs/sprint-artifacts`.
  if ((name === 'implementation-artifacts' && parentName === '_bmad-output') || (name === 'sprint-artifacts' && parentName === 'docs')) return dirname(parent);
  if ((name === '.agent-os' || name === 'agent-os') && bank.discover.banks.some((found) => found.conventions.includes('agent-os'))) return parent;
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

/**
 * The configuration sync runs with: the inbox file is read as a task list wherever discovery would file it (a
 * context document, by its name).
 */
export function selectSyncConfig(config: Readonly<MembankConfig>): Readonly<MembankConfig> {
  const inbox = config.sync.inbox;
  if (inbox === false) return config;
  return { ...config, discover: { ...config.discover, taskGlobs: [...config.discover.taskGlobs, `**/${inbox}`] } };
}

/** The sync job's input for a bank read from disk, as `membank sync`, `sync --watch` and the MCP tools build it. */
export function createSyncInput(
  bank: BankReading,
  config: Readonly<MembankConfig>,
  options: { allowOtherBank?: boolean } & Pick<SyncInput, 'conflicts' | 'resolve'> = {},
): SyncInput {
  const planInput = createPlanInput(bank, config, options);
  return {
    root: planInput.root,
    records: planInput.records,
    bank: bank.discover.banks[0]?.path ?? null,
    projectTitle: planInput.projectTitle,
    ...(planInput.source === undefined ? {} : { source: planInput.source }),
    allowOtherSource: options.allowOtherBank === true,
    ...(options.conflicts === undefined ? {} : { conflicts: options.conflicts }),
    ...(bank.fingerprint === undefined ? {} : { bankFingerprint: bank.fingerprint }),
    ...(options.resolve === undefined ? {} : { resolve: options.resolve }),
  };
}
