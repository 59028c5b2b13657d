/**
 * Walks a folder tree through the FileSystemReader port, safely: symbolic links to directories are never followed
 * (so symlink loops cannot happen), links that resolve outside the root are reported, directory cycles are cut by
 * tracking real paths, VCS and dependency folders are skipped, and unreadable entries become problems instead of
 * crashes. Nothing is read here except directory listings and stats.
 */
import { posix, sep } from 'node:path';
import type { FileSystemReader } from '../core/ports.js';
import type { InputProblem } from '../core/task-record.js';
import { findMatchingGlob } from './discover-glob.js';

/** Folder names never descended into. */
export const skippedFolderNames: readonly string[] = ['node_modules', '.git', '.hg', '.svn'];

/** One entry met during the walk, with a path relative to the root (POSIX separators). */
export type WalkEntry =
  | { type: 'dir'; path: string; abs: string }
  | { type: 'file'; path: string; abs: string; size: number }
  /** A symbolic link to a regular file inside the root; `target` is the target's path relative to the root. */
  | { type: 'file-link'; path: string; abs: string; size: number; target: string }
  /** Anything not walked or not readable: skipped folders, links not followed, special files, errors. */
  | { type: 'skipped'; path: string; abs: string; reason: string; problem: InputProblem | null };

/** What the walk found. */
export interface WalkResult {
  entries: WalkEntry[];
  /** Child folder names per visited folder (relative path → names), for bank detection. */
  childDirs: Map<string, string[]>;
}

/** Options of the walk. */
export interface WalkOptions {
  files: FileSystemReader;
  /** Absolute real path of the root (already resolved through symlinks). */
  rootReal: string;
  /** `discover.ignore` patterns (relative paths). */
  ignore: readonly string[];
  /** Stops early when aborted. */
  signal?: AbortSignal | undefined;
}

function joinAbs(dir: string, name: string): string {
  return dir.endsWith(sep) ? `${dir}${name}` : `${dir}${sep}${name}`;
}

function joinRel(dir: string, name: string): string {
  return dir === '.' ? name : `${dir}/${name}`;
}

/** Path of `abs` relative to `rootReal` in POSIX form, or null when it lies outside. */
export function toPathInside(rootReal: string, abs: string): string | null {
  if (abs === rootReal) return '.';
  const prefix = rootReal.endsWith(sep) ? rootReal : `${rootReal}${sep}`;
  if (!abs.startsWith(prefix)) return null;
  return abs.slice(prefix.length).split(sep).join('/');
}

function readErrorCode(error: unknown): string {
  if (typeof error === 'object' && error !== null && 'code' in error) return String((error as { code: unknown }).code);
  return error instanceof Error ? error.message : String(error);
}

function makeWarning(code: string, file: string, message: string, received: string | null, fix: string): InputProblem {
  return { severity: 'warning', code, file, line: null, message, received, fix };
}

function makeFailure(code: string, file: string, message: string, received: string | null, fix: string): InputProblem {
  return { severity: 'error', code, file, line: null, message, received, fix };
}

/** Walks the tree under `rootReal`, depth first, each folder's entries in sorted order. */
export async function walkTree(options: WalkOptions): Promise<WalkResult> {
  const { files, rootReal } = options;
  const entries: WalkEntry[] = [];
  const childDirs = new Map<string, string[]>();
  const visitedReal = new Set<string>([rootReal]);
  const stack: { rel: string; abs: string }[] = [{ rel: '.', abs: rootReal }];

  while (stack.length > 0) {
    if (options.signal?.aborted === true) break;
    const dir = stack.pop();
    if (dir === undefined) break;
    let names: string[];
    try {
      names = [...(await files.readDir(dir.abs))].sort(compareNames);
    } catch (error) {
      entries.push({
        type: 'skipped',
        path: dir.rel,
        abs: dir.abs,
        reason: `folder could not be listed (${readErrorCode(error)})`,
        problem: makeFailure(
          'unreadable',
          dir.rel,
          'folder could not be listed, so the files in it are not accounted for',
          readErrorCode(error),
          'give the user running membank read and execute permission on the folder, or add it to discover.ignore',
        ),
      });
      continue;
    }
    const subdirs: { rel: string; abs: string }[] = [];
    const dirNames: string[] = [];
    for (const name of names) {
      const rel = joinRel(dir.rel, name);
      const abs = joinAbs(dir.abs, name);
      const entry = await inspectEntry(options, rel, abs, name, dir.abs);
      if (entry.type === 'dir') {
        const real = await tryRealPath(files, abs);
        if (real !== null && visitedReal.has(real)) {
          entries.push({
            type: 'skipped',
            path: rel,
            abs,
            reason: `directory cycle: same folder as ${toPathInside(rootReal, real) ?? real}, already scanned`,
            problem: makeWarning('directory-cycle', rel, 'folder is the same as one already scanned (a cycle)', real, 'remove the bind mount or hard link that creates the cycle'),
          });
          continue;
        }
        if (real !== null) visitedReal.add(real);
        entries.push(entry);
        subdirs.push({ rel, abs });
        dirNames.push(name);
      } else {
        entries.push(entry);
      }
    }
    childDirs.set(dir.rel, dirNames);
    for (let i = subdirs.length - 1; i >= 0; i--) {
      const sub = subdirs[i];
      if (sub !== undefined) stack.push(sub);
    }
  }
  return { entries, childDirs };
}

async function tryRealPath(files: FileSystemReader, abs: string): Promise<string | null> {
  try {
    return await files.realPath(abs);
  } catch {
    return null;
  }
}

async function inspectEntry(options: WalkOptions, rel: string, abs: string, name: string, parentAbs: string): Promise<WalkEntry> {
  const { files, rootReal } = options;
  let stat;
  try {
    stat = await files.lstat(abs);
  } catch (error) {
    return {
      type: 'skipped',
      path: rel,
      abs,
      reason: `could not be inspected (${readErrorCode(error)})`,
      problem: makeFailure('unreadable', rel, 'entry could not be inspected (lstat failed)', readErrorCode(error), 'check the permissions of the entry and its folder'),
    };
  }
  const ignoredBy = findMatchingGlob(rel, options.ignore);
  if (ignoredBy !== null) {
    return { type: 'skipped', path: rel, abs, reason: `matches discover.ignore "${ignoredBy}"`, problem: null };
  }
  if (stat.isSymbolicLink) return inspectLink(files, rootReal, rel, abs, parentAbs);
  if (stat.isDirectory) {
    if (skippedFolderNames.includes(name)) {
      return { type: 'skipped', path: rel, abs, reason: `${name}/ is never scanned (dependency or version-control folder)`, problem: null };
    }
    return { type: 'dir', path: rel, abs };
  }
  if (stat.isFile) return { type: 'file', path: rel, abs, size: stat.size };
  return { type: 'skipped', path: rel, abs, reason: 'not a regular file (socket, FIFO or device)', problem: null };
}

async function inspectLink(files: FileSystemReader, rootReal: string, rel: string, abs: string, parentAbs: string): Promise<WalkEntry> {
  let real: string;
  try {
    real = await files.realPath(abs);
  } catch (error) {
    const code = readErrorCode(error);
    if (code === 'ELOOP') {
      return {
        type: 'skipped',
        path: rel,
        abs,
        reason: 'symbolic link loop (ELOOP): not followed',
        problem: makeWarning('symlink-loop', rel, 'symbolic link points back to itself through other links; it was not followed', code, 'remove the link or point it at a real file'),
      };
    }
    return {
      type: 'skipped',
      path: rel,
      abs,
      reason: `broken symbolic link (${code}): not followed`,
      problem: makeWarning('symlink-broken', rel, 'symbolic link points at something that does not exist', code, 'remove the link or restore its target'),
    };
  }
  const inside = toPathInside(rootReal, real);
  if (inside === null) {
    return {
      type: 'skipped',
      path: rel,
      abs,
      reason: `symbolic link to ${real}, outside the scanned root: not followed`,
      problem: makeWarning(
        'symlink-outside-root',
        rel,
        'symbolic link resolves outside the scanned root; membank never follows it',
        real,
        'copy the target into the bank, or run membank on the folder the link points to',
      ),
    };
  }
  let target;
  try {
    target = await files.stat(abs);
  } catch (error) {
    return {
      type: 'skipped',
      path: rel,
      abs,
      reason: `symbolic link target could not be inspected (${readErrorCode(error)})`,
      problem: makeWarning('symlink-broken', rel, 'symbolic link target could not be inspected', readErrorCode(error), 'check the link target and its permissions'),
    };
  }
  if (target.isDirectory) {
    const parentReal = await tryRealPath(files, parentAbs);
    const isAncestor = parentReal !== null && (parentReal === real || parentReal.startsWith(real.endsWith(sep) ? real : `${real}${sep}`));
    if (isAncestor) {
      return {
        type: 'skipped',
        path: rel,
        abs,
        reason: `symbolic link loop: points to its own ancestor folder ${inside === '.' ? '. (the root)' : inside}; not followed`,
        problem: makeWarning('symlink-loop', rel, 'symbolic link points to a folder that contains it (a loop); it was not followed', inside, 'remove the link'),
      };
    }
    return {
      type: 'skipped',
      path: rel,
      abs,
      reason: `symbolic link to folder ${inside}: not followed (membank scans folders only at their real path)`,
      problem: null,
    };
  }
  if (target.isFile) return { type: 'file-link', path: rel, abs, size: target.size, target: inside };
  return { type: 'skipped', path: rel, abs, reason: `symbolic link to ${inside}, not a regular file`, problem: null };
}

/** Deterministic name order: by UTF-16 code units (not locale), as `Array.prototype.sort` does. */
export function compareNames(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Says whether `path` (relative, POSIX) lies inside folder `dir` (relative, POSIX; `.` is the root). */
export function isInside(dir: string, path: string): boolean {
  if (dir === '.') return true;
  return path === dir || path.startsWith(`${dir}/`);
}

/** Path of `path` relative to the folder `dir` (both relative to the root). */
export function toRelativePath(dir: string, path: string): string {
  if (dir === '.') return path;
  if (path === dir) return '.';
  // Walk paths are normalised (no `.`/`..` segments), so a path inside `dir` is the rest after `dir/`.
  return path.startsWith(`${dir}/`) ? path.slice(dir.length + 1) : posix.relative(dir, path);
}
