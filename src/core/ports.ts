/**
 * Small interfaces for the outside world. Jobs and core code see only these; `src/runtime.ts` wires the
 * real adapters (node:fs, pino, node:http, better-sqlite3) behind them.
 */

/** Structured logger (a pino-compatible subset). Event names are stable: `op.applied`, `run.finished`… */
export interface Logger {
  debug(obj: Record<string, unknown>, msg?: string): void;
  info(obj: Record<string, unknown>, msg?: string): void;
  warn(obj: Record<string, unknown>, msg?: string): void;
  error(obj: Record<string, unknown>, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

/** A logger that drops everything: for tests and library use. */
export const silentLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
  child() {
    return silentLogger;
  },
};

/** What `lstat`/`stat` tell about one directory entry. */
export interface FileStat {
  isFile: boolean;
  isDirectory: boolean;
  isSymbolicLink: boolean;
  size: number;
  /** Modification time, milliseconds since the epoch. */
  mtimeMs: number;
}

/** Read-only file-system access, enough for discovery and parsing. Paths are absolute. */
export interface FileSystemReader {
  readFile(path: string): Promise<Uint8Array>;
  readDir(path: string): Promise<string[]>;
  lstat(path: string): Promise<FileStat>;
  stat(path: string): Promise<FileStat>;
  realPath(path: string): Promise<string>;
  /**
   * Optional: starts reading `paths` (in this order) ahead of use, e.g. on another thread, and returns each file's
   * bytes, or the error `readFile` would give, when asked for it; `undefined` when the list is better read with
   * `readFile` one by one. `close` ends the reading (call it when done). It reads the disk itself, not through
   * `readFile`: a wrapper that changes `readFile` must leave `readAhead` out.
   */
  readAhead?(paths: readonly string[]): FileReadAhead | undefined;
}

/** Files being read ahead of use (`FileSystemReader.readAhead`). */
export interface FileReadAhead {
  /** The bytes of one of the listed paths, read once: rejects as `readFile` would (same `code` and `path`). */
  read(path: string): Promise<Uint8Array>;
  close(): void;
}

/** A clock, so tests can pin time. */
export interface Clock {
  now(): Date;
}
