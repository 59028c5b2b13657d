/**
 * The restore workflow behind `membank restore <dir>` (and the MCP `restore` tool): write a wiped or damaged memory
 * bank back, byte for byte, from the source snapshot a successful run stored (`recordSourceSnapshot`, called by
 * migrate, apply and sync at the end of each successful run), or — when the state store is gone too — regenerate
 * readable Markdown from the tasks in Vikunja, under the files' original paths so the parser reads back the same
 * keys. Existing files that differ are never overwritten without `force`; files not in the snapshot are left alone.
 */
import type { MembankConfig } from '../../core/config.js';
import { InternalError, UsageError } from '../../core/errors.js';
import { findAnyMarker } from '../../core/mapping.js';
import type { MemoryBankReader } from '../../core/memory-bank.js';
import type { Clock, FileSystemReader, Logger } from '../../core/ports.js';
import type { SourceFileWriter } from '../../core/source-edit.js';
import type { SnapshotFile, SourceFileBytes, SourceFileIdentity, SourceSnapshot, StateStore } from '../../core/store.js';
import type { ExportTask, RenderVikunjaExport } from '../../core/vikunja-export.js';
import type { VikunjaApi, VikunjaProject } from '../../core/vikunja.js';
import type { WorkflowDeps } from './deps.js';

const systemClock: Clock = { now: () => new Date() };

/**
 * Stores byte-exact copies of every file of the bank under `root` as they stand at the end of a successful run
 * (after any write-back), content-addressed: a file whose bytes are already stored costs one manifest row, a run that
 * changed nothing one row. The files are the ones the caller discovered (`deps.bankFiles`), else discovered now, plus
 * `extraPaths` (an inbox file the run created). Called by the writing workflows only when the run succeeded; a dry run
 * never gets here. A file that vanished since discovery is left out and logged.
 */
export async function recordSourceSnapshot(deps: WorkflowDeps, runId: string, root: string, extraPaths: readonly string[] = []): Promise<void> {
  const { runtime } = deps;
  if (deps.bankFiles === undefined && !(await isFolder(runtime.files, root))) {
    // A plan applied where its bank is not (another machine, a moved folder): the run's writes stand; it has no
    // snapshot, and says so.
    deps.log.warn({ event: 'snapshot.no_bank', run: runId, root }, `no source snapshot for run ${runId}: the bank folder ${root} is not here (membank restore cannot bring back this run's files)`);
    return;
  }
  const listed =
    deps.bankFiles ??
    (await runtime.memoryBank.discover(root, { files: runtime.files, config: deps.config.discover, signal: deps.signal })).files.map((file) => file.path);
  const known = new Map((deps.bankIdentities ?? []).map((identity) => [identity.path, identity]));
  const files: (SourceFileBytes | SnapshotFile)[] = [];
  const missing: string[] = [];
  let reread = 0;
  for (const path of [...new Set([...listed, ...extraPaths])].sort()) {
    try {
      const reused = await reuseIdentity(deps, joinPath(root, path), known.get(path));
      if (reused !== null) {
        files.push({ path, sha256: reused.sha256, size: reused.size });
        continue;
      }
      files.push({ path, bytes: await runtime.files.readFile(joinPath(root, path)) });
      reread++;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      missing.push(path);
    }
  }
  if (missing.length > 0) deps.log.warn({ event: 'snapshot.file_missing', run: runId, files: missing }, `${missing.length} file(s) deleted during the run are not in its source snapshot`);
  const recorded = runtime.store.snapshots.record({ runId, root, files });
  deps.log.info(
    { event: 'snapshot.recorded', run: runId, files: recorded.snapshot.files, bytes: recorded.snapshot.bytes, read: reread, newBlobs: recorded.newBlobs, newBytes: recorded.newBytes },
    `source snapshot: ${recorded.snapshot.files} file(s) (${reread} read), ${recorded.newBlobs} new blob(s)`,
  );
  // Only the newest `snapshots.keep` snapshots of this folder stay restorable; what only older ones used goes.
  const pruned = runtime.store.snapshots.prune({ root, keep: deps.config.snapshots.keep });
  if (pruned.runs.length > 0) {
    deps.log.info(
      { event: 'snapshot.pruned', run: runId, runs: pruned.runs, manifests: pruned.manifests, blobs: pruned.blobs, bytes: pruned.bytes },
      `source snapshots pruned: ${pruned.runs.length} run(s) beyond snapshots.keep (${deps.config.snapshots.keep}), ${pruned.blobs} blob(s), ${pruned.bytes} bytes`,
    );
  }
}

/**
 * The identity a run already read for a file, when it still stands for the bytes on disk: a stat gives the same
 * size and mtime, and its blob is already stored (else the bytes must be read to store them). Null: read the file.
 * The one blob check: `snapshots.record` takes the hash as given (the manifest's foreign key refuses a missing blob).
 */
async function reuseIdentity(deps: WorkflowDeps, absolute: string, identity: SourceFileIdentity | undefined): Promise<SourceFileIdentity | null> {
  if (identity === undefined) return null;
  const stat = await deps.runtime.files.stat(absolute);
  if (!stat.isFile || stat.size !== identity.size || stat.mtimeMs !== identity.mtimeMs) return null;
  return deps.runtime.store.snapshots.hasBlob(identity.sha256) ? identity : null;
}

/** Whether `path` is a folder here; false when it does not exist (any other failure is thrown). */
async function isFolder(files: FileSystemReader, path: string): Promise<boolean> {
  try {
    return (await files.stat(path)).isDirectory;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'ENOTDIR') return false;
    throw error;
  }
}

/** What restore needs: the store (null when it is gone), local files, and Vikunja opened only when needed. */
export interface RestoreDeps {
  /** The state store, or null when there is none (then restore regenerates from Vikunja). */
  store: StateStore | null;
  /** Where the state store is (or was), for messages. */
  statePath: string;
  files: FileSystemReader;
  sourceFiles: SourceFileWriter;
  /** Creates a folder and its parents (a wiped bank lost its folders too). */
  makeDirectory(path: string): Promise<void>;
  /** Opens the Vikunja client; throws ConfigError without a URL or token. Called only for a Vikunja restore. */
  openVikunja(): VikunjaApi;
  memoryBank: MemoryBankReader;
  renderExport: RenderVikunjaExport;
  /** A unified diff of one file (`--dry-run`). */
  createPatch(path: string, before: string, after: string): string;
  config: Readonly<MembankConfig>;
  log: Logger;
  clock?: Clock;
}

/** What to restore. */
export interface RestoreOptions {
  /** Absolute folder to restore into (the `dir` the runs scanned). */
  dir: string;
  /** Restore this run's snapshot instead of the latest successful one of `dir`. */
  at?: string;
  /** Overwrite existing files whose bytes differ. */
  force?: boolean;
  /** Write nothing; return a unified diff per file that would change. */
  dryRun?: boolean;
  /** Regenerate from Vikunja even when the store has a snapshot. */
  fromVikunja?: boolean;
  /** The Vikunja project to regenerate from (default: the one named like the repository folder, or the only membank project). */
  project?: string;
}

/**
 * What happens to one file: `create` (missing), `overwrite` (differs, forced), `unchanged` (same bytes), `differs`
 * (exists with other bytes and was left alone: pass `force`).
 */
export type RestoreFileAction = 'create' | 'overwrite' | 'unchanged' | 'differs';

/** One file of a restore. */
export interface RestoreFileResult {
  /** Relative to `dir`. */
  path: string;
  action: RestoreFileAction;
  /** Whether the file was written (never in a dry run). */
  written: boolean;
  /** sha256 of the restored bytes. */
  sha256: string;
  /** sha256 of the file on disk before the restore, null when missing. */
  currentSha256: string | null;
  size: number;
  /** Unified diff of what would change (dry run, for `create`, `overwrite` and `differs`); null otherwise. */
  diff: string | null;
}

/** The outcome of `restoreBank`: typed for the CLI and the MCP tool. */
export interface RestoreResult {
  source: 'store' | 'vikunja';
  dir: string;
  dryRun: boolean;
  force: boolean;
  /** The run whose snapshot was restored (store), else null. */
  runId: string | null;
  /** The project regenerated from (Vikunja), else null. */
  project: { id: number; title: string } | null;
  files: RestoreFileResult[];
  counts: { create: number; overwrite: number; unchanged: number; differs: number };
  /** Vikunja: tasks written under their original key, and tasks made in Vikunja (written to the project's file). */
  tasks: { placed: number; unsourced: number } | null;
  notes: string[];
}

/** Lists the snapshots a store holds, for an error message: newest first, at most 20. */
function describeSnapshots(store: StateStore, snapshots: readonly SourceSnapshot[]): string {
  if (snapshots.length === 0) return 'the state store holds no source snapshot (a successful migrate, apply or sync stores one)';
  const lines = snapshots.slice(0, 20).map((snapshot) => {
    const run = store.runs.get(snapshot.runId);
    return `  ${snapshot.runId}  ${run?.command ?? '?'} ${run?.status ?? '?'}  ${snapshot.files} file(s)  ${snapshot.root}`;
  });
  if (snapshots.length > 20) lines.push(`  … and ${snapshots.length - 20} more`);
  return `snapshots in the state store (run, command, status, files, root):\n${lines.join('\n')}`;
}

function selectSnapshot(store: StateStore, statePath: string, options: RestoreOptions, keep: number): SourceSnapshot {
  const all = store.snapshots.list();
  if (options.at !== undefined) {
    const chosen = store.snapshots.get(options.at);
    if (chosen === undefined) {
      const run = store.runs.get(options.at);
      // A successful writing run without a snapshot: most likely pruned (config snapshots.keep).
      const pruned = run?.status === 'succeeded' && (run.command === 'sync' || run.command === 'migrate' || run.command === 'apply');
      const reason = pruned ? `has no source snapshot (config snapshots.keep is ${keep}: only the newest ${keep} successful runs of a folder keep theirs, older ones are pruned)` : 'has no source snapshot';
      throw new UsageError(
        `run ${options.at} ${reason} in the state store ${statePath}; ${describeSnapshots(store, all)}\n` +
          'Pass one of these with --at, or regenerate from Vikunja with --from-vikunja.',
        { details: { at: options.at } },
      );
    }
    return chosen;
  }
  const succeeded = all.filter((snapshot) => store.runs.get(snapshot.runId)?.status === 'succeeded');
  // The folder the runs scanned first; else a run of the bank folder inside it, or of the repository around it.
  const latest =
    succeeded.find((snapshot) => snapshot.root === options.dir) ?? succeeded.find((snapshot) => relateRoots(snapshot.root, options.dir) !== 'unrelated');
  if (latest === undefined) {
    throw new UsageError(
      `no successful run of ${options.dir} has a source snapshot in the state store ${statePath}; ${describeSnapshots(store, all)}\n` +
        'Point restore at the folder the runs scanned, pick a run with --at <run-id>, or regenerate from Vikunja with --from-vikunja.',
      { details: { dir: options.dir } },
    );
  }
  return latest;
}

/** Where a snapshot's root sits from the restore folder: the same, inside it, around it, or elsewhere. */
function relateRoots(root: string, dir: string): 'same' | 'inside' | 'around' | 'unrelated' {
  if (root === dir) return 'same';
  if (root.startsWith(`${dir}/`)) return 'inside';
  if (dir.startsWith(`${root}/`)) return 'around';
  return 'unrelated';
}

/**
 * A snapshot file's path relative to the restore folder, or null when it lies outside it: a run of `repo` restored
 * into `repo/memory-bank` writes only that folder's files; a run of `repo/memory-bank` restored into `repo` writes them
 * under `memory-bank/`; a run of another folder (`--at`, a bank that moved) is written into the folder as it was.
 */
function placeInDir(root: string, dir: string, path: string): string | null {
  const relation = relateRoots(root, dir);
  if (relation === 'inside') return `${root.slice(dir.length + 1)}/${path}`;
  if (relation === 'around') {
    const prefix = `${dir.slice(root.length + 1)}/`;
    return path.startsWith(prefix) ? path.slice(prefix.length) : null;
  }
  return path;
}

/** A relative path from a snapshot or a Vikunja footer, refused when it could leave the restore folder. */
function checkRelativePath(path: string, where: string): string {
  const parts = path.split('/');
  if (path === '' || path.startsWith('/') || /^[A-Za-z]:/u.test(path) || path.includes('\\') || parts.some((part) => part === '..' || part === '.' || part === '')) {
    throw new UsageError(`${where} names the path ${JSON.stringify(path.slice(0, 200))}, which is not a plain relative path inside the restore folder; nothing was written`);
  }
  return path;
}

function joinPath(root: string, relative: string): string {
  return `${root.replace(/\/+$/u, '')}/${relative}`;
}

function findParentFolder(path: string): string {
  const cut = path.lastIndexOf('/');
  return cut <= 0 ? '/' : path.slice(0, cut);
}

const textDecoder = new TextDecoder('utf-8', { fatal: false });

function readText(bytes: Uint8Array): string | null {
  return bytes.includes(0) ? null : textDecoder.decode(bytes);
}

async function hashContent(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes);
  return Buffer.from(digest).toString('hex');
}

/** Compares each wanted file with the disk and, unless a dry run, writes the missing ones (and, forced, the differing ones). */
async function writeFiles(
  deps: RestoreDeps,
  options: RestoreOptions,
  wanted: readonly { path: string; bytes: Uint8Array }[],
): Promise<RestoreFileResult[]> {
  const results: RestoreFileResult[] = [];
  for (const file of wanted) {
    const target = joinPath(options.dir, file.path);
    const sha256 = await hashContent(file.bytes);
    const current = await deps.sourceFiles.hash(target);
    const action: RestoreFileAction = current === sha256 ? 'unchanged' : current === null ? 'create' : options.force === true ? 'overwrite' : 'differs';
    let diff: string | null = null;
    if (options.dryRun === true && action !== 'unchanged') {
      const before = current === null ? '' : readText(await deps.files.readFile(target));
      const after = readText(file.bytes);
      diff = before === null || after === null ? `Binary files ${file.path} differ\n` : deps.createPatch(file.path, before, after);
    }
    let written = false;
    if (options.dryRun !== true && (action === 'create' || action === 'overwrite')) {
      if (current === null) await deps.makeDirectory(findParentFolder(target));
      // Hash-checked: a file that appears or changes between the check and the write is not overwritten.
      await deps.sourceFiles.replaceIfUnchanged(target, current, file.bytes);
      written = true;
    }
    results.push({ path: file.path, action, written, sha256, currentSha256: current, size: file.bytes.byteLength, diff });
  }
  return results;
}

function countActions(files: readonly RestoreFileResult[]): RestoreResult['counts'] {
  const counts = { create: 0, overwrite: 0, unchanged: 0, differs: 0 };
  for (const file of files) counts[file.action]++;
  return counts;
}

async function restoreFromStore(deps: RestoreDeps, store: StateStore, options: RestoreOptions): Promise<RestoreResult> {
  const snapshot = selectSnapshot(store, deps.statePath, options, deps.config.snapshots.keep);
  const wanted: { path: string; bytes: Uint8Array }[] = [];
  for (const file of store.snapshots.files(snapshot.runId)) {
    const path = placeInDir(snapshot.root, options.dir, checkRelativePath(file.path, `the snapshot of run ${snapshot.runId}`));
    if (path === null) continue;
    const bytes = store.snapshots.readBlob(file.sha256);
    if (bytes === undefined) throw new InternalError(`the state store ${deps.statePath} lost the blob ${file.sha256} of ${file.path} (run ${snapshot.runId})`);
    wanted.push({ path, bytes });
  }
  const files = await writeFiles(deps, options, wanted);
  const notes = snapshot.root === options.dir ? [] : [`the snapshot of run ${snapshot.runId} was taken of ${snapshot.root}; restored into ${options.dir}`];
  return { source: 'store', dir: options.dir, dryRun: options.dryRun === true, force: options.force === true, runId: snapshot.runId, project: null, files, counts: countActions(files), tasks: null, notes };
}

const zeroDate = /^0001-01-01/u;

function isMembankProject(project: VikunjaProject): boolean {
  return /membank-source:/u.test(project.description) || findAnyMarker(project.description) !== null;
}

function readBaseName(path: string): string {
  const parts = path.replace(/\/+$/u, '').split('/');
  return parts[parts.length - 1] ?? path;
}

function selectProject(projects: readonly VikunjaProject[], options: RestoreOptions, config: Readonly<MembankConfig>): VikunjaProject {
  const membank = projects.filter(isMembankProject);
  const list = (membank.length > 0 ? membank : projects).slice(0, 20).map((project) => `  #${project.id} ${project.title}`).join('\n');
  const wanted = options.project ?? config.mapping.project;
  if (wanted !== undefined) {
    const found = projects.find((project) => project.title === wanted);
    if (found === undefined) throw new UsageError(`Vikunja has no project titled ${JSON.stringify(wanted)}; projects:\n${list || '  (none)'}\nPass one with --project <title>.`);
    return found;
  }
  // Like migrate's default title: the repository folder (the folder itself, or its parent for a bank folder).
  const names = [readBaseName(options.dir), readBaseName(findParentFolder(options.dir))];
  const byName = names.map((name) => projects.find((project) => project.title === name)).find((project) => project !== undefined);
  if (byName !== undefined) return byName;
  if (membank.length === 1 && membank[0] !== undefined) return membank[0];
  throw new UsageError(
    `cannot tell which Vikunja project holds the bank of ${options.dir} (none is titled ${JSON.stringify(names[0])}); ${membank.length} project(s) made by membank:\n${list || '  (none)'}\nPass one with --project <title>.`,
  );
}

async function readProject(vikunja: VikunjaApi, project: VikunjaProject): Promise<ExportTask[]> {
  const tasks = await vikunja.listProjectTasks(project.id);
  const bucketOf = new Map<number, string>();
  const kanban = (await vikunja.listViews(project.id)).find((view) => view.view_kind === 'kanban');
  if (kanban !== undefined) {
    for (const bucket of await vikunja.listBucketTasks(project.id, kanban.id)) for (const id of bucket.taskIds) bucketOf.set(id, bucket.bucket.title);
  }
  // Vikunja's position keeps the bank's order (membank writes it from the source order).
  const ordered = [...tasks].sort((a, b) => a.position - b.position || a.id - b.id);
  return ordered.map((task) => ({
    id: task.id,
    title: task.title,
    description: task.description,
    done: task.done,
    dueDate: task.due_date === null || zeroDate.test(task.due_date) ? null : task.due_date,
    priority: task.priority,
    labels: task.labels.map((label) => label.title),
    bucket: bucketOf.get(task.id) ?? null,
    parentId: task.related_tasks.parenttask?.[0]?.id ?? null,
  }));
}

async function restoreFromVikunja(deps: RestoreDeps, options: RestoreOptions, notes: string[]): Promise<RestoreResult> {
  const vikunja = deps.openVikunja();
  const project = selectProject(await vikunja.listProjects(), options, deps.config);
  const tasks = await readProject(vikunja, project);
  const exported = deps.renderExport(
    { id: project.id, title: project.title, tasks },
    { mapping: deps.config.mapping, vocabulary: deps.config.vocabulary, exportedAt: (deps.clock ?? systemClock).now().toISOString(), projectFolder: 'vikunja-export' },
  );
  const encoder = new TextEncoder();
  const wanted = exported.files.map((file) => ({ path: checkRelativePath(file.path, `a task of Vikunja project #${project.id}`), bytes: encoder.encode(file.text) }));
  const files = await writeFiles(deps, options, wanted);
  return {
    source: 'vikunja',
    dir: options.dir,
    dryRun: options.dryRun === true,
    force: options.force === true,
    runId: null,
    project: { id: project.id, title: project.title },
    files,
    counts: countActions(files),
    tasks: { placed: exported.placed.length, unsourced: exported.unsourced.length },
    notes,
  };
}

/**
 * Restores a memory bank into `options.dir`: from the latest successful run's source snapshot of that folder (or the
 * run given by `at`), or regenerated from Vikunja when the state store is gone or `fromVikunja` is set. Writes each
 * missing file atomically, leaves files not in the snapshot alone, and reports existing files that differ unless
 * `force` (then overwrites them). `dryRun` writes nothing and returns a unified diff per file.
 */
export async function restoreBank(deps: RestoreDeps, options: RestoreOptions): Promise<RestoreResult> {
  if (options.fromVikunja === true) {
    if (options.at !== undefined) throw new UsageError(`--at ${options.at} picks a run's snapshot in the state store; --from-vikunja regenerates from Vikunja instead: pass one of them`);
    return restoreFromVikunja(deps, options, []);
  }
  if (deps.store === null) {
    if (options.at !== undefined) throw new UsageError(`--at ${options.at}: there is no state store at ${deps.statePath}, so no run snapshot to restore; drop --at to regenerate from Vikunja`);
    return restoreFromVikunja(deps, options, [`no state store at ${deps.statePath}: regenerated from Vikunja`]);
  }
  return restoreFromStore(deps, deps.store, options);
}
