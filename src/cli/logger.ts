import { createRequire } from 'node:module';
import type { pino as createPino } from 'pino';
import type { Logger } from '../core/ports.js';

/** pino, loaded on the first `createCliLogger` call: commands that never log (`--help`) do not load it. */
const loadPino = (): typeof createPino => (createRequire(import.meta.url)('pino') as { pino: typeof createPino }).pino;

/** Matches Vikunja API tokens anywhere in text. */
const tokenPattern = /tk_[0-9a-f]{40}/g;

/**
 * Removes every occurrence of the given secrets (and anything shaped like a Vikunja API token) from text.
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(tokenPattern, '[redacted]');
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.split(secret).join('[redacted]');
  }
  return out;
}

/** The levels `--log-level` and `MEMBANK_LOG_LEVEL` accept (pino's). */
export const logLevels = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;

/** Options for the CLI logger. */
export interface CliLoggerOptions {
  level: string;
  write: (line: string) => void;
  /** Secret values to redact wherever they appear in a log line. */
  secrets: () => readonly string[];
}

/**
 * Creates the pino logger used by the CLI: JSON lines to stderr, header and token fields redacted by path,
 * and any secret value redacted from the serialised line as a last line of defence.
 */
export function createCliLogger(options: CliLoggerOptions): Logger {
  return loadPino()(
    {
      level: options.level,
      base: undefined,
      redact: {
        paths: [
          'token',
          '*.token',
          'authorization',
          '*.authorization',
          'headers.authorization',
          '*.headers.authorization',
          'req.headers.authorization',
        ],
        censor: '[redacted]',
      },
      hooks: {
        streamWrite: (line: string) => redactSecrets(line, options.secrets()),
      },
    },
    { write: (line: string) => options.write(line) },
  ) as unknown as Logger;
}
