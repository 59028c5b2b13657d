/**
 * Atomic writes of memory-bank files for write-back: a temp file in the same directory, written and fsynced,
 * renamed over the target, then the directory fsynced. A reader sees the old bytes or the new bytes, never a mix.
 */
import { createHash, randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { open, readdir, readFile, realpath, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { SourceChangedError } from '../core/errors.js';
import type { SourceFileWriter } from '../core/source-edit.js';

/** sha256 (hex) of bytes. */
export function hashBytes(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

function isNotFound(error: unknown): boolean {
  return error instanceof Error && (error as NodeJS.ErrnoException).code === 'ENOENT';
}

async function hashFile(path: string): Promise<string | null> {
  try {
    return hashBytes(await readFile(path));
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

async function fileMode(path: string): Promise<number | null> {
  try {
    return (await stat(path)).mode & 0o7777;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The file a path names: a symlink's target (the link itself stays), or the path itself when it does not exist yet. */
async function resolveTarget(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch (error) {
    if (isNotFound(error)) return path;
    throw error;
  }
}

async function fsyncDirectory(dir: string): Promise<void> {
  // Windows cannot open a directory for fsync; its rename is durable enough there.
  if (process.platform === 'win32') return;
  const handle = await open(dir, constants.O_RDONLY);
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

function describeHash(hash: string | null): string {
  return hash === null ? 'absent' : `sha256 ${hash}`;
}

/** The file-system calls an atomic write makes after the temp file is written (replaceable to test failures). */
export interface AtomicWriteSteps {
  rename: (from: string, to: string) => Promise<void>;
}

const nodeSteps: AtomicWriteSteps = { rename };

const tempName = /^\.membank-(\d+)-[0-9a-f]{16}\.tmp$/;

/** Whether a process with this id runs on this machine (one owned by another user counts). */
function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temp files a membank process killed between writing its temp file and the rename left in `dir`
 * (`.membank-<pid>-<hex>.tmp` whose process no longer runs here), so a killed run leaves no litter in the bank
 * once the next write there happens. Returns the names removed.
 */
export async function removeStaleTemps(dir: string): Promise<string[]> {
  const removed: string[] = [];
  for (const name of await readdir(dir)) {
    const pid = tempName.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || isAlive(Number(pid))) continue;
    try {
      await unlink(join(dir, name));
      removed.push(name);
    } catch (error) {
      // Another run removed it first.
      if (!isNotFound(error)) throw error;
    }
  }
  return removed;
}

/** Writes `bytes` to `path` atomically, with `mode` (or the default mode for a new file). */
export async function writeFileAtomic(path: string, bytes: Uint8Array, mode: number | null, steps: AtomicWriteSteps = nodeSteps): Promise<void> {
  const dir = dirname(path);
  await removeStaleTemps(dir);
  // Short and hidden: a long file name plus a suffix could pass the 255-byte name limit.
  const temp = join(dir, `.membank-${process.pid}-${randomBytes(8).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const handle = await open(temp, constants.O_WRONLY | constants.O_CREAT | constants.O_EXCL, mode ?? 0o666);
    try {
      // open() applies the umask; chmod restores the target's exact mode.
      if (mode !== null) await handle.chmod(mode);
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await steps.rename(temp, path);
    renamed = true;
    await fsyncDirectory(dir);
  } finally {
    if (!renamed) {
      try {
        await unlink(temp);
      } catch (error) {
        // The temp file may never have been created (open failed); any other failure is worth reporting.
        if (!isNotFound(error)) throw error;
      }
    }
  }
}

/** Creates the local-disk {@link SourceFileWriter}: hash-checked, atomic replacement of memory-bank files. */
export function createSourceFileWriter(steps: AtomicWriteSteps = nodeSteps): SourceFileWriter {
  return {
    hash: hashFile,
    async replaceIfUnchanged(path, expectedHash, bytes) {
      const current = await hashFile(path);
      if (current !== expectedHash) {
        throw new SourceChangedError(
          `${path} changed since it was read (expected ${describeHash(expectedHash)}, found ${describeHash(current)}): nothing was written to it; it is re-read on the next run`,
          { details: { path, expectedHash, actualHash: current } },
        );
      }
      const target = await resolveTarget(path);
      await writeFileAtomic(target, bytes, await fileMode(target), steps);
      return { hash: hashBytes(bytes) };
    },
  };
}
