/**
 * `membank doctor`: checks that Vikunja is reachable at the configured URL, that the token is accepted,
 * which version and features the server has, whether it rate-limits, and prints what membank will use.
 * Exit 0 ok, 5 unreachable, 1 token rejected (or no Vikunja API at the URL). The token is never printed.
 */
import { ConfigError, ExitCode, FatalApiError, RetryableApiError, ServerUnavailableError } from '../../core/errors.js';
import type { ExitCodeValue } from '../../core/errors.js';
import type { Capabilities, VikunjaUser } from '../../core/vikunja.js';
// The config reader and the HTTP client are loaded when the command runs, not for `doctor --help`.
import type { RateLimitStatus, VikunjaClient } from '../../vikunja/index.js';
import { defineCommand } from '../command.js';
import { connectionOptionDescriptions } from '../connection-options.js';

/** Arguments of `membank doctor`. */
export interface DoctorArgs {
  url?: string | undefined;
  token?: string | undefined;
  tokenFile?: string | undefined;
  /** Where `sync --watch` would have Vikunja deliver webhooks (checked for Vikunja's non-routable refusal). */
  webhookUrl?: string | undefined;
}

/** What membank will use against this server. */
export interface DoctorPlan {
  api: 'v1' | 'v2';
  taskUpdates: string;
  taskCreates: string;
  taskListing: string;
  bulkCreate: boolean;
  pageSize: number;
  writeConcurrency: number;
  writes: string;
}

/** The doctor's findings; `--json` prints exactly this object. */
export interface DoctorReport {
  ok: boolean;
  exitCode: ExitCodeValue;
  verdict: string;
  url: string;
  reachable: boolean;
  server: (Capabilities & { supported: boolean }) | null;
  token: {
    provided: boolean;
    valid: boolean | null;
    /** The token's user, when the token may read it (never on 0.24: API tokens cannot call /user). */
    user: VikunjaUser | null;
    /** The request that proved the token valid. */
    checkedWith: string | null;
    /** Why the user is unknown although the token is valid. */
    note: string | null;
  };
  rateLimit: RateLimitStatus | null;
  /** What membank will use; only when the token was accepted (null otherwise: membank will not run). */
  willUse: DoctorPlan | null;
  problems: string[];
  warnings: string[];
  /**
   * Can Vikunja deliver `sync --watch` webhooks to the target? Vikunja refuses loopback/private targets unless
   * `outgoingrequests.allownonroutableips` is set (it accepts the registration all the same). Null: not checked.
   */
  webhooks?: { targetUrl: string; addresses: string[]; nonRoutable: string | null; advice: string } | null;
}

/** Oldest Vikunja membank supports (task create at `PUT /projects/{id}/tasks`). */
const OLDEST_SUPPORTED = { major: 0, minor: 22 } as const;

function isUnreachable(error: unknown): boolean {
  return error instanceof RetryableApiError || error instanceof ServerUnavailableError;
}

function describeFailure(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function planUsage(capabilities: Capabilities, concurrency: number, v2PageSize: number): DoctorPlan {
  const writeConcurrency = capabilities.concurrentWrites ? concurrency : 1;
  return {
    api: capabilities.v2Patch ? 'v2' : 'v1',
    taskUpdates: capabilities.v2Patch
      ? 'v2 PATCH /api/v2/tasks/{id} (merge: only changed fields are sent)'
      : 'v1 read-modify-write: GET /api/v1/tasks/{id}, then POST of the complete task with the changes',
    taskCreates: capabilities.v2BulkCreate
      ? 'v2 POST /api/v2/projects/{id}/tasks/bulk, up to 100 tasks per request'
      : 'v1 PUT /api/v1/projects/{id}/tasks, one request per task',
    // One page size per API, named for the API it belongs to: v2 lists take up to 1000 per page; v1 lists are
    // capped by the server's max_items_per_page (50 unless configured; 0.24's /info does not report it).
    taskListing: capabilities.v2Patch
      ? `v2 GET /api/v2/projects/{id}/tasks, ${v2PageSize} per page (other lists: v1, ${capabilities.maxItemsPerPage} per page)`
      : `v1 GET /api/v1/projects/{id}/tasks, ${capabilities.maxItemsPerPage} per page`,
    bulkCreate: capabilities.v2BulkCreate,
    pageSize: capabilities.maxItemsPerPage,
    writeConcurrency,
    writes: capabilities.concurrentWrites
      ? `up to ${concurrency} in parallel (/info says concurrent_writes: true)`
      : 'one at a time (/info says concurrent_writes: false, or does not say)',
  };
}

function isSupported(capabilities: Capabilities): boolean {
  if (capabilities.isDev) return true;
  const { major, minor } = capabilities;
  return major > OLDEST_SUPPORTED.major || (major === OLDEST_SUPPORTED.major && minor >= OLDEST_SUPPORTED.minor);
}

/**
 * Runs the checks against one server. Never throws for server or token problems: they end up in the report
 * with the exit code to use.
 */
export async function diagnoseVikunja(client: VikunjaClient, token: string | undefined, concurrency: number): Promise<DoctorReport> {
  const report: DoctorReport = {
    ok: false,
    exitCode: ExitCode.failed,
    verdict: '',
    url: client.url,
    reachable: false,
    server: null,
    token: { provided: token !== undefined, valid: null, user: null, checkedWith: null, note: null },
    rateLimit: null,
    willUse: null,
    problems: [],
    warnings: [],
  };

  let capabilities: Capabilities;
  try {
    capabilities = await client.capabilities();
  } catch (error) {
    if (isUnreachable(error)) {
      report.exitCode = ExitCode.serverUnavailable;
      report.problems.push(`cannot reach Vikunja: ${describeFailure(error)}`);
      report.verdict = `FAIL: Vikunja at ${client.url} is unreachable. Check that the server runs and that the URL (with its path prefix, e.g. http://host/vikunja) is right.`;
      return report;
    }
    report.reachable = true;
    const status = error instanceof FatalApiError ? ` (HTTP ${error.status})` : '';
    report.problems.push(`no Vikunja API answered at ${client.url}/api/v1/info${status}: ${describeFailure(error)}`);
    report.verdict = `FAIL: something answers at ${client.url}, but not Vikunja's API. Check the path prefix: the URL must be the address Vikunja's web UI is served under.`;
    return report;
  }
  report.reachable = true;
  const supported = isSupported(capabilities);
  report.server = { ...capabilities, supported };
  const willUse = planUsage(capabilities, concurrency, (await import('../../vikunja/index.js')).V2_PAGE_SIZE);
  if (!supported) {
    report.warnings.push(`Vikunja ${capabilities.version} is older than 0.22, the oldest version membank supports; upgrade Vikunja`);
  }

  if (token === undefined) {
    report.problems.push('no API token given');
    report.verdict =
      'FAIL: no API token. Pass --token-file <file> (or --token, or set VIKUNJA_TOKEN); create one in Vikunja under Settings → API Tokens.';
    report.rateLimit = client.rateLimitStatus();
    return report;
  }
  try {
    // A route every token may call decides (on 0.24 an API token may never call /user, and with a token an
    // unknown route answers 401 too: a 401 from /user alone proves nothing, API.md §18.2).
    const check = await client.verifyToken();
    report.token.user = check.user;
    report.token.checkedWith = check.checkedWith;
    report.token.note = check.note ?? null;
    report.token.valid = true;
  } catch (error) {
    report.rateLimit = client.rateLimitStatus();
    if (isUnreachable(error)) {
      report.exitCode = ExitCode.serverUnavailable;
      report.problems.push(`Vikunja stopped answering while checking the token: ${describeFailure(error)}`);
      report.verdict = `FAIL: Vikunja at ${client.url} became unreachable; try again when it is back.`;
      return report;
    }
    report.token.valid = false;
    report.problems.push(describeFailure(error));
    report.verdict =
      error instanceof FatalApiError && error.status === 401
        ? 'FAIL: the token was rejected (401 on GET /api/v1/projects, a route every membank token needs). It is wrong, expired, or lacks scopes: create a new API token in Vikunja (Settings → API Tokens) with the permissions listed in docs/vikunja-client.md, and pass it with --token-file or VIKUNJA_TOKEN.'
        : `FAIL: checking the token failed: ${describeFailure(error)}`;
    return report;
  }

  report.rateLimit = client.rateLimitStatus();
  report.willUse = willUse;
  report.ok = true;
  report.exitCode = ExitCode.ok;
  const user = report.token.user;
  const who = user === null ? 'its API token' : user.username || `user ${user.id}`;
  report.verdict =
    `OK: membank can use Vikunja ${capabilities.version} at ${client.url} as ${who}` +
    ` (${willUse.api} API, ${willUse.bulkCreate ? 'bulk create' : 'one create per task'}, writes ${capabilities.concurrentWrites ? 'in parallel' : 'serialised'})` +
    (report.warnings.length > 0 ? `, with ${report.warnings.length} warning(s)` : '') +
    '.';
  return report;
}

function describeRateLimit(status: RateLimitStatus | null): string {
  if (status === null || !status.seen) return 'no X-RateLimit headers seen (the server limiter looks off)';
  const parts = [`${status.limit ?? '?'} requests per window`];
  if (status.remaining !== undefined) parts.push(`${status.remaining} left`);
  if (status.reset !== undefined) parts.push(`window resets ${new Date(status.reset * 1000).toISOString()}`);
  return parts.join(', ');
}

/** Renders the report for a terminal. */
export function renderDoctorReport(report: DoctorReport): string {
  const lines: string[] = [`membank doctor — ${report.url}`];
  const row = (label: string, value: string): void => {
    lines.push(`  ${label.padEnd(14)} ${value}`);
  };
  row('reachable', report.reachable ? 'yes' : 'no');
  if (report.server !== null) {
    row('server', `Vikunja ${report.server.version}${report.server.isDev ? ' (development build, treated as latest)' : ''}`);
    row('features', [
      report.server.v2Patch ? '/api/v2' : 'no /api/v2',
      report.server.v2BulkCreate ? 'v2 bulk create' : 'no bulk create',
      // /info reports concurrent_writes since 2.4; before, it says nothing (and membank serialises writes).
      report.server.v2Patch || report.server.concurrentWrites ? `concurrent_writes ${report.server.concurrentWrites}` : 'concurrent_writes not reported',
    ].join(', '));
  }
  if (report.reachable) {
    const token = !report.token.provided
      ? 'not given'
      : report.token.valid === true && report.token.user !== null
        ? `accepted — user ${report.token.user.username || '(no username)'} (id ${report.token.user.id})`
        : report.token.valid === true
          ? `accepted (${report.token.checkedWith ?? 'checked'}; ${report.token.note ?? 'user not readable'})`
          : report.token.valid === false
          ? 'REJECTED'
          : 'not checked';
    row('token', token);
    row('rate limit', describeRateLimit(report.rateLimit));
  }
  if (report.willUse !== null) {
    lines.push('membank will use');
    row('task updates', report.willUse.taskUpdates);
    row('task creates', report.willUse.taskCreates);
    row('task listing', report.willUse.taskListing);
    row('writes', report.willUse.writes);
  }
  if (report.webhooks !== undefined && report.webhooks !== null) row('webhooks', `sync --watch: ${report.webhooks.advice}`);
  for (const warning of report.warnings) lines.push(`  warning: ${warning}`);
  for (const problem of report.problems) lines.push(`  problem: ${problem}`);
  lines.push(report.verdict);
  return lines.join('\n');
}

/** `membank doctor`. */
export const doctorCommand = defineCommand<DoctorArgs>({
  command: 'doctor',
  describe: 'Check the Vikunja URL, token, version and rate limit, and show what membank will use',
  builder: (yargs) =>
    yargs
      .option('url', { type: 'string', describe: connectionOptionDescriptions.url })
      .option('token', { type: 'string', describe: connectionOptionDescriptions.token })
      .option('token-file', { type: 'string', describe: connectionOptionDescriptions.tokenFile })
      .option('webhook-url', { type: 'string', default: 'http://127.0.0.1:8787/webhook', describe: 'Where sync --watch would receive webhooks: says whether Vikunja can deliver there' })
      .example('$0 doctor', 'Check the server and token from VIKUNJA_URL / VIKUNJA_TOKEN or the config file')
      .example('$0 doctor --url http://localhost/vikunja --token-file ~/.vikunja-token', 'Check a Vikunja behind a reverse proxy')
      .example('$0 doctor --json', 'The findings as one JSON object'),
  async run(args, ctx) {
    // Without a config file the flags and environment are checked without zod (config-input.ts): doctor's first
    // request waits for neither zod nor the client's response schemas (loaded with the first answer).
    const { resolveConfigLazily } = await import('../../config-input.js');
    const { createVikunjaClient } = await import('../../vikunja/index.js');
    const { config } = await resolveConfigLazily(
      { config: args.config, url: args.url, token: args.token, tokenFile: args.tokenFile },
      ctx.io.env,
      ctx.io.cwd,
    );
    const { url, token, timeoutMs, concurrency } = config.vikunja;
    if (url === undefined) {
      throw new ConfigError('no Vikunja URL: pass --url, set VIKUNJA_URL, or put vikunja.url in membank.config.json');
    }
    const client = createVikunjaClient({
      url,
      token: token ?? '',
      timeoutMs: Math.min(timeoutMs, 10_000),
      concurrency,
      retries: 1,
      retryBaseMs: 250,
      log: ctx.log.child({ command: 'doctor', component: 'vikunja' }),
    });
    const report = await diagnoseVikunja(client, token, concurrency);
    if (args.webhookUrl !== undefined) {
      const { checkWebhookReach } = await import('../../watch/reach.js');
      report.webhooks = await checkWebhookReach(args.webhookUrl);
    }
    ctx.print(report, renderDoctorReport(report));
    return report.exitCode;
  },
});
