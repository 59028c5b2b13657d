/**
 * The one place that wires real adapters (node:fs, pino, got, better-sqlite3) behind the small interfaces in
 * `src/core/ports.ts`. Everything below the CLI receives these through `ctx`.
 */
import { lstat, readdir, readFile, realpath, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type { FileStat, FileSystemReader } from './core/ports.js';

function toFileStat(stats: Stats): FileStat {
  return {
    isFile: stats.isFile(),
    isDirectory: stats.isDirectory(),
    isSymbolicLink: stats.isSymbolicLink(),
    size: stats.size,
    mtimeMs: stats.mtimeMs,
  };
}

/** Read-only file access on the local disk. */
export function createNodeFileSystem(): FileSystemReader {
  return {
    async readFile(path) {
      return readFile(path);
    },
    async readDir(path) {
      return readdir(path);
    },
    async lstat(path) {
      return toFileStat(await lstat(path));
    },
    async stat(path) {
      return toFileStat(await stat(path));
    },
    async realPath(path) {
      return realpath(path);
    },
  };
}
