/**
 * The loop behind `membank sync <dir> --watch`: one long-running process that runs a sync round whenever either
 * side changes. Triggers: the bank's files (chokidar, debounced; an editor's write-temp-then-rename is one
 * change), Vikunja's project webhook (verified HMAC signature), a poll (`intervalMs` until a webhook delivery
 * proved that Vikunja reaches the listener, then `safetyIntervalMs`), and a retry with backoff after a failed
 * round. At most one round runs and all triggers that arrive meanwhile are judged when it ends — so a round's
 * own write-back (a file event for bytes it wrote) and its own Vikunja writes (a webhook reporting the values the
 * round just agreed on) cause no second round. The same listener serves `GET /healthz` and `GET /metrics`.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basename } from 'node:path';
import { watch as watchFiles, type FSWatcher } from 'chokidar';
import { UsageError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import type { WebhookEvent, WebhookVerdict } from './echo.js';
import { createWatchMetrics, renderWatchMetrics, type WatchMetrics } from './metrics.js';
import { verifyWebhookSignature } from './signature.js';
import { WATCH_EVENTS, type WebhookApi } from './webhook-api.js';

/** What triggered a round. */
export type RoundReason = 'start' | 'file' | 'webhook' | 'poll' | 'retry';

/** What one sync round reports back to the loop. */
export interface WatchRoundResult {
  runId: string | null;
  /** The synced project (null when the round could not tell). */
  projectId: number | null;
  /** Absolute paths of the files the round wrote (write-back, inbox). */
  writtenFiles: readonly string[];
  vikunjaWrites: number;
  fileWrites: number;
  conflicts: number;
  /** Ops that failed (the round itself ended). */
  failures: number;
}

/** Health as `GET /healthz` reports it. */
export interface WatchHealth {
  status: 'ready' | 'lagging' | 'broken';
  reason: string;
  rounds: number;
  lastRoundAt: string | null;
  lastSuccessAt: string | null;
  lastRunId: string | null;
  webhook: { registered: boolean; confirmed: boolean; id: number | null; targetUrl: string; error: string | null };
  pollEverySeconds: number;
}

/** How to run the watcher. */
export interface WatchOptions {
  /** Folders and files to watch (absolute). */
  watchPaths: readonly string[];
  listen: { host: string; port: number };
  /** The URL Vikunja delivers to; default `http://<listen address>/webhook`. Its path is the one served. */
  webhookUrl?: string | undefined;
  intervalMs: number;
  safetyIntervalMs: number;
  debounceMs: number;
  /** First retry delay after a failed round (doubles, capped at `intervalMs`). */
  retryBaseMs: number;
  runRound(reason: RoundReason): Promise<WatchRoundResult>;
  /** Webhook calls; null: polling only. */
  webhooks: WebhookApi | null;
  /** Whether a verified delivery brings news (see `judgeWebhookEvent`); called only between rounds. */
  judge(event: WebhookEvent, projectId: number | null): Promise<WebhookVerdict>;
  /** More Prometheus text for `GET /metrics` (the last round's run metrics). */
  extraMetrics?: () => string;
  log: Logger;
  /** Aborted on SIGTERM/SIGINT: the round in flight finishes, the webhook is removed, `runWatch` resolves. */
  signal: AbortSignal;
  /** Called once the listener is bound, with its URL (e.g. `http://127.0.0.1:40123`). */
  onListening?: (url: string, webhookUrl: string) => void;
  onRound?: (reason: RoundReason, result: WatchRoundResult | Error) => void;
  now?: () => number;
}

/** What a finished watch did. */
export interface WatchSummary {
  rounds: number;
  failedRounds: number;
  webhookRemoved: boolean;
  /** Why the webhook could not be removed, when it could not. */
  removeError: string | null;
}

const MAX_BODY_BYTES = 5 * 1024 * 1024;
/** A round running longer than this makes the watcher "lagging". */
const SLOW_ROUND_MS = 60_000;
const membankTemp = /^\.membank-\d+-[0-9a-f]{16}\.tmp$/;
/** Editors' swap and backup files, and membank's own temp files: never a bank change by themselves. */
function isIgnoredName(name: string): boolean {
  return membankTemp.test(name) || /\.(swp|swx|swo|tmp|bak)$/i.test(name) || name.endsWith('~') || name.startsWith('.#') || name === '4913';
}

async function hashFile(path: string): Promise<string> {
  try {
    return createHash('sha256').update(await readFile(path)).digest('hex');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 'missing';
    throw error;
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Runs the watcher until `options.signal` is aborted. */
export async function runWatch(options: WatchOptions): Promise<WatchSummary> {
  const now = options.now ?? Date.now;
  const log = options.log;
  const metrics: WatchMetrics = createWatchMetrics();
  /** sha256 of each file as membank last knew it (written by a round, or seen changed). */
  const knownHashes = new Map<string, string>();
  /** Files with events still inside the debounce window, and files whose window closed (judged by the next pump). */
  const pendingFiles = new Set<string>();
  const readyFiles = new Set<string>();
  const pendingWebhooks: WebhookEvent[] = [];
  let pollDue = false;
  let retryDue = false;
  let running: Promise<void> | null = null;
  let roundStartedAt = 0;
  let stopping = false;
  let failures = 0;
  let lastError: string | null = null;
  let lastRunId: string | null = null;
  let projectId: number | null = null;
  let started = false;
  let ensureWebhookNext = true;
  const webhook = { id: null as number | null, secret: '', confirmed: false, error: null as string | null, projectId: null as number | null };
  let debounceTimer: NodeJS.Timeout | undefined;
  let pumpTimer: NodeJS.Timeout | undefined;
  let pollTimer: NodeJS.Timeout | undefined;
  let retryTimer: NodeJS.Timeout | undefined;

  // --- the listener: webhooks, /healthz, /metrics ---
  const server: Server = createServer((req, res) => {
    handleRequest(req, res).catch((error: unknown) => {
      log.error({ event: 'watch.listener_error', err: describe(error) });
      if (!res.headersSent) reply(res, 500, { message: 'internal error' });
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${options.listen.host}:${options.listen.port}`;
      const why = error.code === 'EADDRINUSE' ? 'the address is in use (another watcher?)' : error.code === 'EADDRNOTAVAIL' ? 'no interface of this machine has that address' : error.message;
      reject(new UsageError(`sync --watch cannot listen on ${where}: ${why}; pick another --listen host:port (port 0: any free port)`, { cause: error }));
    });
    server.listen(options.listen.port, options.listen.host, () => {
      server.removeAllListeners('error');
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' || address.address.includes(':') ? `[${address.address}]` : address.address;
  const listenUrl = `http://${host}:${address.port}`;
  const webhookUrl = options.webhookUrl ?? `${listenUrl}/webhook`;
  const webhookPath = new URL(webhookUrl).pathname;
  options.onListening?.(listenUrl, webhookUrl);

  function health(): WatchHealth {
    const pollEvery = webhook.confirmed ? options.safetyIntervalMs : options.intervalMs;
    let status: WatchHealth['status'] = 'ready';
    let reason: string;
    if (failures > 0) {
      status = 'broken';
      reason = `the last ${failures} round(s) failed, retrying with backoff: ${lastError ?? 'unknown error'}`;
    } else if (!started) {
      status = 'lagging';
      reason = 'the first sync round has not finished yet';
    } else if (running !== null && now() - roundStartedAt > SLOW_ROUND_MS) {
      status = 'lagging';
      reason = `a sync round has been running for ${Math.round((now() - roundStartedAt) / 1000)} s`;
    } else if (options.webhooks === null) {
      status = 'lagging';
      reason = `webhooks are off: polling Vikunja every ${pollEvery / 1000} s`;
    } else if (webhook.id === null) {
      status = 'lagging';
      reason = `no webhook registered (${webhook.error ?? 'not yet'}): polling Vikunja every ${pollEvery / 1000} s`;
    } else if (!webhook.confirmed) {
      reason = `webhook #${webhook.id} registered, no delivery seen yet (if Vikunja cannot reach ${webhookUrl} — it refuses loopback and private addresses unless outgoingrequests.allownonroutableips is set — changes arrive by polling every ${pollEvery / 1000} s)`;
    } else {
      reason = `webhook #${webhook.id} delivering; safety poll every ${pollEvery / 1000} s`;
    }
    metrics.health = status === 'ready' ? 0 : status === 'lagging' ? 1 : 2;
    const iso = (ms: number): string | null => (ms === 0 ? null : new Date(ms).toISOString());
    return {
      status,
      reason,
      rounds: Object.values(metrics.rounds).reduce((sum, count) => sum + count, 0),
      lastRoundAt: iso(metrics.lastRoundAt),
      lastSuccessAt: iso(metrics.lastSuccessAt),
      lastRunId,
      webhook: { registered: webhook.id !== null, confirmed: webhook.confirmed, id: webhook.id, targetUrl: webhookUrl, error: webhook.error },
      pollEverySeconds: pollEvery / 1000,
    };
  }

  async function handleRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://watch.invalid');
    const method = (req.method ?? 'GET').toUpperCase();
    if (method === 'GET' && url.pathname === '/healthz') {
      const current = health();
      reply(res, current.status === 'broken' ? 503 : 200, current);
      return;
    }
    if (method === 'GET' && url.pathname === '/metrics') {
      health();
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(renderWatchMetrics(metrics) + (options.extraMetrics?.() ?? ''));
      return;
    }
    if (url.pathname !== webhookPath) {
      reply(res, 404, { message: 'not found: POST webhooks to ' + webhookPath + ', GET /healthz, GET /metrics' });
      return;
    }
    if (method !== 'POST') {
      reply(res, 405, { message: 'webhooks are POSTed' });
      return;
    }
    const body = await readBody(req);
    if (body === null) {
      reply(res, 413, { message: 'payload too large' });
      return;
    }
    if (webhook.secret === '' || !verifyWebhookSignature(webhook.secret, body, req.headers['x-vikunja-signature'])) {
      metrics.webhookSignatureFailures += 1;
      log.warn({ event: 'watch.webhook_refused', from: req.socket.remoteAddress, reason: req.headers['x-vikunja-signature'] === undefined ? 'no X-Vikunja-Signature' : 'wrong signature' });
      reply(res, 401, { message: 'missing or invalid X-Vikunja-Signature' });
      return;
    }
    let payload: { event_name?: unknown; data?: { task?: unknown } };
    try {
      payload = JSON.parse(body.toString('utf8')) as typeof payload;
    } catch (error) {
      reply(res, 400, { message: `the body is not JSON: ${describe(error)}` });
      return;
    }
    metrics.webhooksReceived += 1;
    const firstDelivery = !webhook.confirmed;
    webhook.confirmed = true;
    reply(res, 200, { message: 'ok' });
    const eventName = typeof payload.event_name === 'string' ? payload.event_name : '';
    pendingWebhooks.push({ eventName, task: payload.data?.task });
    schedulePump();
    // Deliveries arrive: from now on the poll is only the slow safety net.
    if (firstDelivery) reschedulePoll();
  }

  // --- scheduling ---
  /** A pump soon (webhooks: not debounced; deliveries arriving together still make one round). */
  function schedulePump(): void {
    if (stopping || pumpTimer !== undefined) return;
    pumpTimer = setTimeout(() => {
      pumpTimer = undefined;
      pump();
    }, 0);
  }

  /** A file event: the files become ready once no event arrived for `debounceMs`. */
  function debounceFiles(): void {
    if (stopping) return;
    if (debounceTimer !== undefined) clearTimeout(debounceTimer);
    debounceTimer = setTimeout(() => {
      debounceTimer = undefined;
      for (const file of pendingFiles) readyFiles.add(file);
      pendingFiles.clear();
      pump();
    }, options.debounceMs);
  }

  function reschedulePoll(): void {
    if (pollTimer !== undefined) clearTimeout(pollTimer);
    if (stopping) return;
    pollTimer = setTimeout(() => {
      pollDue = true;
      pump();
      reschedulePoll();
    }, webhook.confirmed ? options.safetyIntervalMs : options.intervalMs);
  }

  /** Judges what arrived since the last round and starts one when anything is news. Never runs two at once. */
  function pump(): void {
    if (running !== null || stopping) return;
    running = (async () => {
      try {
        await judgeAndRun();
      } catch (error) {
        // Reading a changed file failed (permissions, a folder gone): report it like a failed round and retry.
        failures += 1;
        lastError = describe(error);
        metrics.roundsFailed += 1;
        log.warn({ event: 'watch.trigger_failed', err: lastError });
        scheduleRetry();
      }
    })().finally(() => {
      running = null;
      if (!stopping && (readyFiles.size > 0 || pendingWebhooks.length > 0 || pollDue || retryDue)) pump();
    });
  }

  async function judgeAndRun(): Promise<void> {
    {
      const reasons = new Set<RoundReason>();
      if (!started) reasons.add('start');
      if (retryDue) {
        retryDue = false;
        reasons.add('retry');
      }
      if (pollDue) {
        pollDue = false;
        reasons.add('poll');
      }
      const files = [...readyFiles];
      readyFiles.clear();
      for (const file of files) {
        const hash = await hashFile(file);
        if (knownHashes.get(file) === hash) {
          metrics.fileEventsIgnored += 1;
          continue;
        }
        knownHashes.set(file, hash);
        reasons.add('file');
        log.debug({ event: 'watch.file_changed', file });
      }
      const events = pendingWebhooks.splice(0);
      for (const event of events) {
        const verdict = await options.judge(event, projectId);
        if (!verdict.news) {
          metrics.webhooksIgnored += 1;
          log.debug({ event: 'watch.webhook_ignored', reason: verdict.reason });
          continue;
        }
        reasons.add('webhook');
        log.debug({ event: 'watch.webhook_news', reason: verdict.reason });
      }
      if (reasons.size === 0) return;
      // One round covers every trigger; it is counted under the first of start, retry, file, webhook, poll.
      const order: RoundReason[] = ['start', 'retry', 'file', 'webhook', 'poll'];
      const reason = order.find((candidate) => reasons.has(candidate)) ?? 'poll';
      await runRound(reason);
    }
  }

  function scheduleRetry(): void {
    if (stopping) return;
    const delay = Math.min(options.retryBaseMs * 2 ** Math.min(failures - 1, 16), Math.max(options.retryBaseMs, options.intervalMs));
    if (retryTimer !== undefined) clearTimeout(retryTimer);
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      retryDue = true;
      pump();
    }, delay);
  }

  async function runRound(reason: RoundReason): Promise<void> {
    metrics.rounds[reason] = (metrics.rounds[reason] ?? 0) + 1;
    roundStartedAt = now();
    log.info({ event: 'watch.round_start', reason });
    try {
      const result = await options.runRound(reason);
      for (const file of result.writtenFiles) knownHashes.set(file, await hashFile(file));
      metrics.writes.vikunja += result.vikunjaWrites;
      metrics.writes.memoryBank += result.fileWrites;
      metrics.conflicts = result.conflicts;
      metrics.lastRoundAt = now();
      metrics.lastRoundDurationMs = metrics.lastRoundAt - roundStartedAt;
      lastRunId = result.runId;
      if (result.projectId !== null) projectId = result.projectId;
      if (result.failures > 0) throw new Error(`sync run ${result.runId ?? '?'} had ${result.failures} failed op(s); see membank runs show ${result.runId ?? ''}`.trim());
      metrics.lastSuccessAt = metrics.lastRoundAt;
      const recovered = failures > 0;
      failures = 0;
      lastError = null;
      started = true;
      options.onRound?.(reason, result);
      if (ensureWebhookNext || recovered || reason === 'poll') await ensureWebhook();
    } catch (error) {
      metrics.roundsFailed += 1;
      metrics.lastRoundAt = now();
      failures += 1;
      lastError = describe(error);
      ensureWebhookNext = true;
      log.warn({ event: 'watch.round_failed', reason, failures, err: lastError });
      options.onRound?.(reason, error instanceof Error ? error : new Error(lastError));
      scheduleRetry();
    }
  }

  /** Registers the watcher's webhook, or checks it is still there (Vikunja restored, or someone deleted it). */
  async function ensureWebhook(): Promise<void> {
    const api = options.webhooks;
    if (api === null || projectId === null || stopping) return;
    try {
      if (webhook.id !== null && webhook.projectId === projectId) {
        const hooks = await api.list(projectId);
        if (hooks.some((hook) => hook.id === webhook.id)) {
          ensureWebhookNext = false;
          return;
        }
        log.warn({ event: 'watch.webhook_lost', webhookId: webhook.id });
        webhook.id = null;
        webhook.confirmed = false;
      }
      // A watcher that was killed left its webhook behind: the same target URL is ours to replace.
      for (const hook of await api.list(projectId)) {
        if (hook.targetUrl === webhookUrl) await api.remove(projectId, hook.id);
      }
      const secret = randomBytes(32).toString('hex');
      webhook.secret = secret;
      const created = await api.create(projectId, { targetUrl: webhookUrl, events: WATCH_EVENTS, secret });
      webhook.id = created.id;
      webhook.projectId = projectId;
      webhook.error = null;
      metrics.webhookRegistrations += 1;
      ensureWebhookNext = false;
      log.info({ event: 'watch.webhook_registered', webhookId: created.id, targetUrl: webhookUrl });
      reschedulePoll();
    } catch (error) {
      webhook.error = describe(error);
      ensureWebhookNext = true;
      log.warn({ event: 'watch.webhook_register_failed', err: webhook.error });
    }
  }

  // --- the bank's files ---
  const watcher: FSWatcher = watchFiles([...options.watchPaths], {
    ignoreInitial: true,
    ignored: (path: string) => isIgnoredName(basename(path)) || /(^|[\\/])(node_modules|\.git)([\\/]|$)/.test(path),
  });
  const onFileEvent = (path: string): void => {
    if (isIgnoredName(basename(path))) return;
    metrics.fileEvents += 1;
    pendingFiles.add(path);
    debounceFiles();
  };
  watcher.on('add', onFileEvent).on('change', onFileEvent).on('unlink', onFileEvent);
  watcher.on('error', (error: unknown) => log.warn({ event: 'watch.watcher_error', err: describe(error) }));
  await new Promise<void>((resolve) => watcher.once('ready', () => resolve()));

  // --- run until stopped ---
  reschedulePoll();
  pump();
  await new Promise<void>((resolve) => {
    if (options.signal.aborted) resolve();
    else options.signal.addEventListener('abort', () => resolve(), { once: true });
  });
  stopping = true;
  log.info({ event: 'watch.stopping' });
  for (const timer of [debounceTimer, pumpTimer, pollTimer, retryTimer]) if (timer !== undefined) clearTimeout(timer);
  await watcher.close();
  // The round in flight finishes its writes (its journal settles them); no new round starts.
  const inFlight = running as Promise<void> | null;
  if (inFlight !== null) await inFlight;
  let webhookRemoved = false;
  let removeError: string | null = null;
  if (options.webhooks !== null && webhook.id !== null && webhook.projectId !== null) {
    try {
      await options.webhooks.remove(webhook.projectId, webhook.id);
      webhookRemoved = true;
      log.info({ event: 'watch.webhook_removed', webhookId: webhook.id });
    } catch (error) {
      removeError = describe(error);
      log.warn({ event: 'watch.webhook_remove_failed', webhookId: webhook.id, err: removeError });
    }
  }
  await new Promise<void>((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
  return {
    rounds: Object.values(metrics.rounds).reduce((sum, count) => sum + count, 0),
    failedRounds: metrics.roundsFailed,
    webhookRemoved,
    removeError,
  };
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(text)) });
  res.end(text);
}

function readBody(req: IncomingMessage): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let tooLarge = false;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) tooLarge = true;
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(tooLarge ? null : Buffer.concat(chunks)));
    req.on('error', reject);
  });
}
