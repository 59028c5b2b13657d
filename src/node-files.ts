/**
 * The local-disk adapter behind the `FileSystemReader` port, in a module of its own: commands that only read a bank
 * (discover, parse, validate) load it without the state store, the Vikunja client and their dependencies, which
 * `runtime.ts` wires for write commands.
 */
import { lstatSync, readdirSync, readFileSync, realpathSync, statSync, type Stats } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { FileReadAhead, FileStat, FileSystemReader } from './core/ports.js';

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
    readAhead(paths) {
      return paths.length >= workerReadMinFiles ? new WorkerReadAhead(paths) : undefined;
    },
  };
}

/**
 * From this many files on, `readAhead` reads on a worker thread; below it, it returns `undefined` and each file is
 * read when asked for (a worker's start costs more CPU than a few hundred small reads).
 */
export const workerReadMinFiles = 512;

/** Files per message between the reading thread and the main thread, and how many batches are read ahead. */
const batchFiles = 128;
const batchesAhead = 3;

/** The error a failed read gave on the worker, as plain data (Error objects lose `code` and `path` when posted). */
interface PostedReadError {
  message: string;
  code?: string;
  errno?: number;
  syscall?: string;
  path?: string;
}

/**
 * The reading thread: for each message `{ id, paths }`, reads each path with `readFileSync` (one system call each
 * way, the cheapest read) and posts back `{ id, results }` — each an ArrayBuffer (transferred, not copied) or the
 * read's error as data. Plain CommonJS, evaluated: it needs neither the project's modules nor a TypeScript loader.
 */
const readerSource = `
const { parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
parentPort.on('message', ({ id, paths }) => {
  const results = [];
  const transfer = [];
  for (const path of paths) {
    try {
      const bytes = readFileSync(path);
      const whole = bytes.byteOffset === 0 && bytes.buffer.byteLength === bytes.length;
      const buffer = whole ? bytes.buffer : bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length);
      results.push(buffer);
      transfer.push(buffer);
    } catch (error) {
      results.push({ message: String(error && error.message), code: error && error.code, errno: error && error.errno, syscall: error && error.syscall, path: error && error.path });
    }
  }
  parentPort.postMessage({ id, results }, transfer);
});
`;

function toReadError(posted: PostedReadError): Error {
  const error = new Error(posted.message) as Error & Omit<PostedReadError, 'message'>;
  if (posted.code !== undefined) error.code = posted.code;
  if (posted.errno !== undefined) error.errno = posted.errno;
  if (posted.syscall !== undefined) error.syscall = posted.syscall;
  if (posted.path !== undefined) error.path = posted.path;
  return error;
}

/**
 * Reads a list of files on a worker thread, a few batches ahead of the file the main thread asks for, so the main
 * thread parses while the disk is read (issue #13: reading 10,000 files one at a time kept the second core idle).
 * A file's bytes are handed out once and then dropped; a path not in the list, or asked for twice, is read directly.
 */
class WorkerReadAhead implements FileReadAhead {
  readonly #paths: readonly string[];
  readonly #position = new Map<string, number>();
  /** Each batch's results; `null` once the worker failed (then `#failure` says why). */
  readonly #batches: Array<Promise<Array<ArrayBuffer | PostedReadError | undefined> | null> | undefined> = [];
  readonly #waiting = new Map<number, (results: Array<ArrayBuffer | PostedReadError> | null) => void>();
  #worker: Worker | undefined;
  #closed = false;
  #requested = 0;
  #failure: Error | undefined;

  constructor(paths: readonly string[]) {
    this.#paths = paths;
    paths.forEach((path, index) => {
      if (!this.#position.has(path)) this.#position.set(path, index);
    });
  }

  async read(path: string): Promise<Uint8Array> {
    const index = this.#position.get(path);
    if (index === undefined || this.#closed) return readFileSync(path);
    this.#position.delete(path);
    const batch = Math.floor(index / batchFiles);
    this.#request(batch + batchesAhead);
    const results = await this.#batches[batch];
    if (results === null || results === undefined) throw this.#failure ?? new Error('the file-reading thread gave no result');
    const slot = index - batch * batchFiles;
    const result = results[slot];
    results[slot] = undefined;
    if (result instanceof ArrayBuffer) return Buffer.from(result);
    if (result === undefined) return readFileSync(path);
    throw toReadError(result);
  }

  close(): void {
    this.#closed = true;
    this.#waiting.clear();
    const worker = this.#worker;
    this.#worker = undefined;
    if (worker !== undefined) void worker.terminate();
  }

  /** Asks the worker for every batch up to `last` not asked for yet. */
  #request(last: number): void {
    const count = Math.ceil(this.#paths.length / batchFiles);
    while (this.#requested <= Math.min(last, count - 1)) {
      const id = this.#requested;
      this.#requested += 1;
      const worker = this.#start();
      this.#batches[id] = new Promise((resolve) => {
        if (this.#failure !== undefined) return resolve(null);
        this.#waiting.set(id, resolve);
        worker.postMessage({ id, paths: this.#paths.slice(id * batchFiles, (id + 1) * batchFiles) });
      });
    }
  }

  #start(): Worker {
    if (this.#worker !== undefined) return this.#worker;
    // No inherited --import/--require: the reader is plain JavaScript and starts without the parent's loaders.
    // A small heap: the thread only holds one batch's buffers (outside its heap) at a time.
    const worker = new Worker(readerSource, { eval: true, execArgv: [], resourceLimits: { maxYoungGenerationSizeMb: 1, maxOldGenerationSizeMb: 8 } });
    // Never what keeps the process alive: a run that stops early (an abort, an error) leaves it behind harmlessly.
    worker.unref();
    worker.on('message', ({ id, results }: { id: number; results: Array<ArrayBuffer | PostedReadError> }) => {
      const waiting = this.#waiting.get(id);
      this.#waiting.delete(id);
      waiting?.(results);
    });
    const fail = (error: Error): void => {
      this.#failure = error;
      for (const waiting of this.#waiting.values()) waiting(null);
      this.#waiting.clear();
    };
    worker.on('error', fail);
    worker.on('exit', (code) => {
      if (this.#waiting.size > 0) fail(new Error(`the file-reading thread stopped (exit code ${code}) before it read every file`));
    });
    this.#worker = worker;
    return worker;
  }
}
