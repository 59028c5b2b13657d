/**
 * The one place that wires real adapters (node:fs, pino, the Vikunja HTTP client, better-sqlite3) behind the small interfaces in
 * `src/core/ports.ts`. Everything below the CLI receives these through `ctx`.
 */
import { existsSync } from 'node:fs';
import type { MembankConfig } from './core/config.js';
import { ConfigError } from './core/errors.js';
import type { Logger } from './core/ports.js';
import { createMemoryBankReader } from './bank-reader.js';
import { createNodeFileSystem } from './node-files.js';
import { createSourceFileWriter } from './files/atomic-write.js';
import { renderMarkdownToHtml } from './memory-bank/render-html.js';
import { createSourceEditor } from './memory-bank/writeback/index.js';
import type { WorkflowRuntime } from './pipeline/workflows/deps.js';
import { openStore } from './store/index.js';
import { createVikunjaClient } from './vikunja/index.js';

export { createNodeFileSystem } from './node-files.js';
export { createMemoryBankReader } from './bank-reader.js';

/** Everything a write command needs, wired to real adapters. */
export type Runtime = WorkflowRuntime;

/** Options for `createRuntime`. */
export interface RuntimeOptions {
  config: Readonly<MembankConfig>;
  statePath: string;
  log: Logger;
  /** Test and benchmark knob: base delay of the retry backoff. */
  retryBaseMs?: number;
  /**
   * For commands that only plan (`plan`, `migrate --dry-run`): when the state store does not exist yet, use an
   * empty in-memory one instead of creating the file.
   */
  readOnly?: boolean;
}

/**
 * Opens the state store and creates the Vikunja client from resolved configuration. Throws ConfigError when
 * the URL or token is missing.
 */
export function createRuntime(options: RuntimeOptions): Runtime {
  const { url, token, timeoutMs, concurrency, retries, retryBaseMs, bulkCreateSize } = options.config.vikunja;
  if (url === undefined) {
    throw new ConfigError('no Vikunja URL: pass --url, set VIKUNJA_URL, or put vikunja.url in membank.config.json');
  }
  if (token === undefined) {
    throw new ConfigError(
      'no Vikunja API token: pass --token-file <file>, set VIKUNJA_TOKEN, or put vikunja.token in the config (create one in Vikunja under Settings → API Tokens)',
    );
  }
  const store = options.readOnly === true && !existsSync(options.statePath) ? openStore(':memory:') : openStore(options.statePath);
  const vikunja = createVikunjaClient({
    url,
    token,
    timeoutMs,
    concurrency,
    retries,
    log: options.log.child({ component: 'vikunja' }),
    retryBaseMs: options.retryBaseMs ?? retryBaseMs,
    bulkCreateSize,
  });
  return {
    store,
    vikunja,
    files: createNodeFileSystem(),
    memoryBank: createMemoryBankReader(),
    editor: createSourceEditor(),
    sourceFiles: createSourceFileWriter(),
    renderHtml: renderMarkdownToHtml,
    serverUrl: url.replace(/\/+$/, ''),
    close: () => store.close(),
  };
}
