import type { Argv } from 'yargs';
import type { Logger } from '../core/ports.js';

/**
 * Where a command writes: results to stdout, logs and progress to stderr. `columns` is the terminal width when
 * the stream is a terminal (human output is cut to it).
 */
export interface CliIo {
  stdout: { write(chunk: string): unknown; isTTY?: boolean; columns?: number | undefined };
  stderr: { write(chunk: string): unknown; isTTY?: boolean; columns?: number | undefined };
  env: Readonly<Record<string, string | undefined>>;
  cwd: string;
}

/** Options every command accepts (declared once in `main.ts`). */
export interface GlobalOptions {
  json: boolean;
  /** Print nothing on success and one line per problem (cron). */
  quiet?: boolean | undefined;
  logLevel: string;
  config?: string | undefined;
}

/** What a command's `run` receives besides its parsed arguments. */
export interface CliContext {
  io: CliIo;
  json: boolean;
  /** `--quiet`: `print` prints nothing; commands report only problems, one line each, on stderr. */
  quiet?: boolean | undefined;
  /**
   * Colour human output: decided once in `main` from `--no-color`, `NO_COLOR`, `FORCE_COLOR`, `TERM=dumb` and
   * whether stdout is a terminal. Undefined in tests that build a context by hand (then: the same rules).
   */
  color?: boolean | undefined;
  log: Logger;
  /** Aborted on SIGINT/SIGTERM: finish the in-flight write, then stop. */
  signal: AbortSignal;
  /**
   * Prints a result: the JSON value with `--json`, else the human text. Secrets are redacted, except the
   * values listed in `reveal` (e.g. the token `membank sandbox` has just minted for the user).
   */
  print(value: unknown, human: string, options?: { reveal?: readonly string[] }): void;
  /**
   * With --json: writes `value` to stdout as the same document `print` would, streamed (one array element at a
   * time, with backpressure) and redacted the same way, for results too large to build as one string. Set by
   * `main`; contexts built by hand may leave it out (`printJsonResult` then falls back to `print`).
   */
  printJson?: (value: unknown) => Promise<void>;
  /** Registers something to close when the command ends (servers, databases). */
  onClose(fn: () => Promise<void> | void): void;
}

/**
 * One CLI command. `run` returns the process exit code and throws only MembankErrors
 * (or bugs, which the single top-level catch reports as internal errors).
 */
export interface MembankCommand<A = Record<string, unknown>> {
  command: string;
  describe: string;
  builder: (yargs: Argv) => Argv;
  run: (args: A & GlobalOptions, ctx: CliContext) => Promise<number>;
}

/** Identity helper that keeps a command's argument type. */
export function defineCommand<A>(command: MembankCommand<A>): MembankCommand<A> {
  return command;
}
