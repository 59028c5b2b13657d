/**
 * The local-disk adapter behind the `FileSystemReader` port, in a module of its own: commands that only read a bank
 * (discover, parse, validate) load it without the state store, the Vikunja client and their dependencies, which
 * `runtime.ts` wires for write commands.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
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

/**
 * Read-only file access on the local disk. Each call is one synchronous system call behind the async port: a memory
 * bank is thousands of small files, and `fs/promises` pays four thread-pool round trips per read (open, fstat, read,
 * close) — several times the CPU of `readFileSync` per file (issue #13: discovery of a 10,000-file bank).
 * A failure rejects the returned promise with the error the promise API gives (same `code` and `path`).
 */
export function createNodeFileSystem(): FileSystemReader {
  return {
    async readFile(path) {
      return readFileSync(path);
    },
    async readDir(path) {
      return readdirSync(path);
    },
    async lstat(path) {
      return toFileStat(lstatSync(path));
    },
    async stat(path) {
      return toFileStat(statSync(path));
    },
    async realPath(path) {
      return realpathSync.native(path);
    },
  };
}
