/**
 * `membank sandbox`: runs the Vikunja-compatible sandbox server until interrupted, printing its URL
 * and API token. Flags map onto `SandboxOptions` (see docs/sandbox.md).
 */
import type { Argv } from 'yargs';
import { ConfigError, ExitCode, UsageError } from '../../core/errors.js';
import { startSandbox, type FaultOptions, type SandboxHandle, type SandboxOptions } from '../../sandbox/index.js';
import { defineCommand } from '../command.js';

/** Parsed flags of `membank sandbox`. */
export interface SandboxArgs {
  port: number;
  host: string;
  version: string;
  rateLimit?: string | undefined;
  latency?: string | undefined;
  fault?: string[] | undefined;
  maxItemsPerPage?: number | undefined;
  prefix?: string | undefined;
  token?: string | undefined;
  concurrentWrites?: boolean | undefined;
  enforceSerialWrites?: boolean | undefined;
  database?: string | undefined;
  maxOpenConnections?: number | undefined;
  postgresMaxConnections?: number | undefined;
}

const PERIOD_UNITS: Record<string, number> = { s: 1, m: 60, h: 3600 };

/** Parses `--rate-limit`: `LIMIT/PERIOD` with PERIOD in s, m or h (`100/60s`, `100/1m`, `10/s`). */
export function parseRateLimit(text: string): { limit: number; periodSeconds: number } {
  const match = /^\s*(\d+)\s*\/\s*(\d+(?:\.\d+)?)?\s*([smh])?\s*$/.exec(text);
  const limit = Number(match?.[1]);
  const amount = match?.[2] === undefined ? 1 : Number(match[2]);
  const unit = match?.[3] ?? 's';
  if (match === null || match[2] === undefined && match[3] === undefined || !(limit >= 1) || !(amount > 0)) {
    throw new UsageError(
      `--rate-limit expects LIMIT/PERIOD such as 100/60s or 100/1m (a positive request count per s, m or h), got ${JSON.stringify(text)}`,
    );
  }
  return { limit, periodSeconds: amount * (PERIOD_UNITS[unit] ?? 1) };
}

/** Parses `--latency`: `5ms`, `1s`, `0.5s`, or a plain number of milliseconds. */
export function parseLatency(text: string): number {
  const match = /^\s*(\d+(?:\.\d+)?)\s*(ms|s)?\s*$/.exec(text);
  if (match === null) {
    throw new UsageError(`--latency expects a duration such as 5ms, 1s or 250 (milliseconds), got ${JSON.stringify(text)}`);
  }
  return Number(match[1]) * (match[2] === 's' ? 1000 : 1);
}

type ProbabilityKey = 'error500' | 'error502' | 'error503' | 'rateLimitBurst' | 'drop' | 'commitThenDrop';

const FAULT_KEYS: Record<string, ProbabilityKey | 'burstLength' | 'applyTo' | 'seed'> = {
  '500': 'error500',
  error500: 'error500',
  '502': 'error502',
  error502: 'error502',
  '503': 'error503',
  error503: 'error503',
  '429': 'rateLimitBurst',
  burst: 'rateLimitBurst',
  ratelimitburst: 'rateLimitBurst',
  'rate-limit-burst': 'rateLimitBurst',
  drop: 'drop',
  committhendrop: 'commitThenDrop',
  'commit-then-drop': 'commitThenDrop',
  burstlength: 'burstLength',
  'burst-length': 'burstLength',
  applyto: 'applyTo',
  'apply-to': 'applyTo',
  seed: 'seed',
};

const FAULT_EXAMPLE = 'e.g. --fault 500=0.2 --fault drop=0.02 --fault commit-then-drop=0.01 --fault 429=0.05 --fault burst-length=3 --fault apply-to=writes --fault seed=7';

/** Parses repeated `--fault KEY=VALUE` flags into FaultOptions. */
export function parseFaults(entries: readonly string[]): FaultOptions | undefined {
  if (entries.length === 0) return undefined;
  const faults: FaultOptions = {};
  for (const entry of entries) {
    const [rawKey, rawValue, ...rest] = entry.split('=');
    const key = FAULT_KEYS[(rawKey ?? '').trim().toLowerCase()];
    const value = (rawValue ?? '').trim();
    if (key === undefined || rest.length > 0 || value === '') {
      throw new UsageError(`--fault expects KEY=VALUE with KEY one of 500, 502, 503, 429, drop, commit-then-drop, burst-length, apply-to, seed; got ${JSON.stringify(entry)} (${FAULT_EXAMPLE})`);
    }
    if (key === 'applyTo') {
      if (value !== 'all' && value !== 'reads' && value !== 'writes') {
        throw new UsageError(`--fault apply-to must be all, reads or writes, got ${JSON.stringify(value)}`);
      }
      faults.applyTo = value;
    } else if (key === 'burstLength' || key === 'seed') {
      const n = Number(value);
      if (!Number.isInteger(n) || (key === 'burstLength' && n < 1)) {
        throw new UsageError(`--fault ${rawKey ?? ''} must be ${key === 'seed' ? 'an integer' : 'a positive integer'}, got ${JSON.stringify(value)}`);
      }
      faults[key] = n;
    } else {
      const p = Number(value);
      if (!Number.isFinite(p) || p < 0 || p > 1) {
        throw new UsageError(`--fault ${rawKey ?? ''} must be a probability between 0 and 1, got ${JSON.stringify(value)} (${FAULT_EXAMPLE})`);
      }
      faults[key] = p;
    }
  }
  return faults;
}

/** Turns parsed flags into sandbox options, throwing UsageError for bad values. */
export function sandboxOptionsFromArgs(args: SandboxArgs): SandboxOptions {
  if (!Number.isInteger(args.port) || args.port < 0 || args.port > 65535) {
    throw new UsageError(`--port must be an integer between 0 and 65535 (0 picks a free port), got ${String(args.port)}`);
  }
  if (args.maxItemsPerPage !== undefined && (!Number.isInteger(args.maxItemsPerPage) || args.maxItemsPerPage < 1)) {
    throw new UsageError(`--max-items-per-page must be a positive integer, got ${String(args.maxItemsPerPage)}`);
  }
  const options: SandboxOptions = { port: args.port, host: args.host, version: args.version };
  if (args.rateLimit !== undefined) options.rateLimit = parseRateLimit(args.rateLimit);
  if (args.latency !== undefined) options.latencyMs = parseLatency(args.latency);
  const faults = parseFaults(args.fault ?? []);
  if (faults !== undefined) options.faults = faults;
  if (args.maxItemsPerPage !== undefined) options.maxItemsPerPage = args.maxItemsPerPage;
  if (args.prefix !== undefined) options.pathPrefix = args.prefix;
  if (args.token !== undefined) options.token = args.token;
  if (args.concurrentWrites !== undefined) options.concurrentWrites = args.concurrentWrites;
  if (args.enforceSerialWrites !== undefined) options.enforceSerialWrites = args.enforceSerialWrites;
  if (args.database !== undefined) {
    if (args.database !== 'sqlite' && args.database !== 'postgres') {
      throw new UsageError(`--database must be sqlite or postgres, got ${JSON.stringify(args.database)}`);
    }
    options.database = args.database;
  }
  for (const [flag, value] of [['--max-open-connections', args.maxOpenConnections], ['--postgres-max-connections', args.postgresMaxConnections]] as const) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) throw new UsageError(`${flag} must be a positive integer, got ${String(value)}`);
    if (args.database !== 'postgres') throw new UsageError(`${flag} applies to --database postgres only`);
  }
  if (args.maxOpenConnections !== undefined) options.maxOpenConnections = args.maxOpenConnections;
  if (args.postgresMaxConnections !== undefined) options.postgresMaxConnections = args.postgresMaxConnections;
  return options;
}

/** `membank sandbox`. */
export const sandboxCommand = defineCommand<SandboxArgs>({
  command: 'sandbox',
  describe: 'Run a local Vikunja-compatible server (in-memory) for demos, tests and dry runs',
  builder: (yargs: Argv) =>
    yargs
      .version(false)
      .option('port', { type: 'number', default: 3456, describe: 'TCP port (0 picks a free one)' })
      .option('host', { type: 'string', default: '127.0.0.1', describe: 'Interface to listen on' })
      .option('version', { type: 'string', default: '2.5.0', describe: 'Vikunja version to emulate (0.24.0 or later, or dev)' })
      .option('rate-limit', { type: 'string', describe: 'Enable the rate limiter: LIMIT/PERIOD, e.g. 100/60s or 100/1m' })
      .option('latency', { type: 'string', describe: 'Delay added to every request, e.g. 5ms or 1s' })
      .option('fault', { type: 'string', array: true, describe: 'Inject faults: KEY=VALUE, repeatable (500, 502, 503, 429, drop, commit-then-drop, burst-length, apply-to, seed)' })
      .option('max-items-per-page', { type: 'number', describe: 'service.maxitemsperpage (default 50)' })
      .option('prefix', { type: 'string', describe: 'Path prefix, as behind a reverse proxy, e.g. /vikunja' })
      .option('token', { type: 'string', describe: 'API token to accept (default: a random tk_… token)' })
      .option('concurrent-writes', { type: 'boolean', describe: 'Report concurrent_writes: true in /info (2.4+)' })
      .option('enforce-serial-writes', { type: 'boolean', describe: 'Answer overlapping writes with 500 "database is locked", like SQLite' })
      .option('database', {
        type: 'string',
        choices: ['sqlite', 'postgres'],
        describe: 'Database to emulate: postgres reports concurrent_writes and makes parallel creates into one project collide (500)',
      })
      .option('max-open-connections', {
        type: 'number',
        describe: 'With --database postgres: database.maxopenconnections; bulk creates can then exhaust PostgreSQL and kill the server',
      })
      .option('postgres-max-connections', { type: 'number', describe: "With --database postgres: PostgreSQL's max_connections (default 100)" })
      .example('$0 sandbox', 'Emulate Vikunja 2.5.0 on http://127.0.0.1:3456')
      .example('$0 sandbox --port 0 --json', 'Pick a free port and print {url, token, version} as JSON')
      .example('$0 sandbox --version 2.3.0 --prefix /vikunja', 'Emulate a release without /api/v2, behind a path prefix')
      .example('$0 sandbox --rate-limit 100/60s --latency 5ms', 'Turn on the rate limiter and add latency')
      .example('$0 sandbox --version 0.24.1 --database postgres', "Emulate the client's server: Vikunja 0.24.1 on PostgreSQL")
      .example('$0 sandbox --fault 500=0.2 --fault drop=0.02 --fault seed=7', 'Inject 500s and dropped connections, reproducibly'),
  run: async (args, ctx) => {
    const options = sandboxOptionsFromArgs(args);
    let handle: SandboxHandle;
    try {
      handle = await startSandbox(options);
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      if (code === 'EADDRINUSE' || code === 'EACCES' || code === 'EADDRNOTAVAIL') {
        throw new ConfigError(
          `cannot listen on ${args.host}:${args.port} (${String(code)}): pass --port 0 for a free port, or another --port/--host`,
          { cause: error },
        );
      }
      throw new UsageError(error instanceof Error ? error.message : String(error), { cause: error });
    }
    ctx.onClose(() => handle.close());
    const human = [
      `Vikunja sandbox (emulating ${handle.version === 'dev' ? 'dev' : `v${handle.version}`}${handle.database === 'postgres' ? ' on PostgreSQL' : ''}) is listening.`,
      `  URL:   ${handle.url}`,
      `  API:   ${handle.url}/api/v1`,
      `  Token: ${handle.token}`,
      'Stop it with Ctrl+C.',
    ].join('\n');
    ctx.print({ url: handle.url, token: handle.token, version: handle.version, database: handle.database }, human, { reveal: [handle.token] });
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      else ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    await handle.close();
    return ExitCode.ok;
  },
});
