/**
 * `membank sync <dir> --watch`: parses the watch flags, wires one sync round (the same `runSync` as a cron sync:
 * run lock, journal, guards, report) and the webhook adapter into the watch loop (`src/watch/`), and prints one
 * line per round. The loop runs until SIGTERM/SIGINT; then the round in flight finishes, the webhook is removed
 * and the command exits 0.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { createScope } from '../../../jobs/plan.js';
import { ConfigError, ExitCode, GuardTrippedError, UsageError } from '../../core/errors.js';
import type { StateStore } from '../../core/store.js';
import type { ConflictPolicyValue } from '../../core/three-way.js';
import type { ResolvedConfig } from '../../config.js';
import { runSync } from '../../pipeline/workflows/sync.js';
import { openStore } from '../../store/index.js';
import { judgeWebhookEventNow } from '../../watch/echo.js';
import { checkWebhookReach } from '../../watch/reach.js';
import { createWebhookApi } from '../../watch/webhook-api.js';
import { runWatch, type RoundReason, type WatchRoundResult } from '../../watch/watch-loop.js';
import type { CliContext } from '../command.js';
import { countAppliedOps, readMetricsFile, recordRunMetrics, renderMetrics, type RunMetrics, writeMetricsFile } from '../metrics.js';
import { createSyncInput, readBank, selectProjectTitle } from '../read-bank.js';
import { saveReport } from '../run-output.js';
import { createWorkflowDeps } from '../workflow-deps.js';

/** The flags `--watch` reads (besides the sync and connection flags). */
export interface SyncWatchArgs {
  dir: string;
  listen: string;
  interval: number;
  safetyInterval: number;
  webhookUrl?: string | undefined;
  webhooks: boolean;
  debounce: number;
  conflicts?: ConflictPolicyValue | undefined;
  allowOtherBank: boolean;
  allowMassChange?: boolean | undefined;
  metricsFile?: string | undefined;
}

/** Parses `--listen`: `host:port`, `[v6]:port`, `:port` or `port` (host 127.0.0.1); port 0 picks a free one. */
export function parseListen(text: string): { host: string; port: number } {
  const match = /^(?:(?:\[([^\]]+)\]|([^:[\]]*)):)?(\d+)$/.exec(text.trim());
  const port = match === null ? Number.NaN : Number(match[3]);
  if (match === null || !Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UsageError(`--listen ${JSON.stringify(text)} is not host:port; use e.g. --listen 127.0.0.1:8787 (port 0 picks a free port)`);
  }
  const host = match[1] ?? match[2] ?? '';
  return { host: host === '' ? '127.0.0.1' : host, port };
}

function positiveSeconds(name: string, value: number): number {
  if (!Number.isFinite(value) || value <= 0) throw new UsageError(`--${name} must be a positive number of seconds, got ${String(value)}`);
  return value * 1000;
}

/** Series of the rendered run metrics carried from round to round (counters), by series text. */
function readSeries(text: string): Map<string, number> {
  const series = new Map<string, number>();
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\{[^}]*\})?)\s+(\S+)$/.exec(line);
    if (match?.[1] !== undefined && match[2] !== undefined) series.set(match[1], Number(match[2]));
  }
  return series;
}

/** Runs `sync --watch` until a signal stops it. */
export async function runSyncWatch(args: SyncWatchArgs, resolved: ResolvedConfig, ctx: CliContext): Promise<number> {
  const listen = parseListen(args.listen);
  const intervalMs = positiveSeconds('interval', args.interval);
  const safetyIntervalMs = positiveSeconds('safety-interval', args.safetyInterval);
  if (!Number.isFinite(args.debounce) || args.debounce < 0) throw new UsageError(`--debounce must be a number of milliseconds ≥ 0, got ${String(args.debounce)}`);
  const { url, token, timeoutMs } = resolved.config.vikunja;
  if (url === undefined) throw new ConfigError('no Vikunja URL: pass --url, set VIKUNJA_URL, or put vikunja.url in membank.config.json');
  if (token === undefined) {
    throw new ConfigError('no Vikunja API token: pass --token-file <file>, set VIKUNJA_TOKEN, or put vikunja.token in the config (create one in Vikunja under Settings → API Tokens)');
  }
  // A bad --webhook-url is a usage error before anything starts.
  if (args.webhookUrl !== undefined) await checkWebhookReach(args.webhookUrl);
  const first = await readBank(args.dir, ctx.io.cwd, resolved.config);
  const watchPaths = [...new Set(first.discover.banks.map((bank) => resolve(first.root, bank.path)))];
  const projectTitle = selectProjectTitle(resolved.config, first);
  const scope = createScope(url, projectTitle);
  const out = (human: string, json: Record<string, unknown>): void => {
    if (ctx.quiet === true) return;
    ctx.io.stdout.write(ctx.json ? `${JSON.stringify(json)}\n` : `${human}\n`);
  };

  // Rounds run with a signal of their own: SIGTERM stops the loop, never the writes of the round in flight.
  const roundSignal = new AbortController().signal;
  // The last round's run metrics as /metrics serves them (rendered once: counters counted once per round).
  let lastRunText = '';
  // --metrics-file: written after every round (atomically), its counters carried on from the file found at start.
  const metricsPath = args.metricsFile === undefined ? undefined : resolve(ctx.io.cwd, args.metricsFile);
  let carried = metricsPath === undefined ? new Map<string, number>() : await readMetricsFile(metricsPath);
  const settleRound = async (run: RunMetrics): Promise<void> => {
    const before = carried;
    lastRunText = renderMetrics(run, before);
    carried = readSeries(lastRunText);
    if (metricsPath === undefined) return;
    try {
      await writeMetricsFile(metricsPath, run, before);
      recordRunMetrics(ctx, { writtenByCommand: true });
    } catch (error) {
      // The round's sync stands; the file is written again after the next round.
      ctx.log.warn({ event: 'watch.metrics_file_failed', err: (error as Error).message });
      ctx.io.stderr.write(`membank: sync --watch: ${(error as Error).message}\n`);
    }
  };
  const runRound = async (reason: RoundReason): Promise<WatchRoundResult> => {
    const startedAt = Date.now();
    const deps = createWorkflowDeps({ config: resolved.config, statePath: resolved.statePath, log: ctx.log, signal: roundSignal });
    try {
      // As a cron sync: unchanged files come from the parse cache, and the fingerprint enables the no-op fast path.
      const bank = await readBank(args.dir, ctx.io.cwd, resolved.config, { cache: { open: () => deps.runtime.store.parseCache, write: true } });
      // The run's source snapshot (membank restore) stores these files without a second discovery, and re-reads none this read hashed whose stat is unchanged.
      deps.bankFiles = bank.discover.files.map((file) => file.path);
      if (bank.identities !== undefined) deps.bankIdentities = bank.identities;
      const input = createSyncInput(bank, resolved.config, { allowOtherBank: args.allowOtherBank, ...(args.conflicts === undefined ? {} : { conflicts: args.conflicts }) });
      let outcome: Awaited<ReturnType<typeof runSync>>;
      try {
        outcome = await runSync(deps, input, { problems: bank.problems, guard: { allowMassChange: args.allowMassChange === true, files: bank.discover.files.length } });
      } catch (error) {
        const refused = error instanceof GuardTrippedError ? error : null;
        await settleRound({ command: 'sync --watch', startedAt, finishedAt: Date.now(), exitCode: refused === null ? ExitCode.failed : ExitCode.guardTripped, succeeded: false, ops: [], conflicts: 0, errors: 1, guard: refused?.guard ?? null, stats: deps.runtime.vikunja.stats() });
        // A round the guards refused leaves its report like a one-shot sync's (what was refused and why).
        if (refused?.report !== undefined) await saveReport(refused.report, resolved.statePath, ctx.io.cwd, resolved.config.reports.keep);
        throw error;
      }
      const applied = new Set(outcome.loop?.applied ?? []);
      // The round's written files and write counts; the metrics count from the plan's ops, as a one-shot sync's do.
      const appliedOps = outcome.plan.ops.filter((op) => applied.has(op.id));
      const fileOps = appliedOps.filter((op) => op.kind === 'file-edit' || op.kind === 'inbox-append');
      const failures = outcome.loop?.failures.length ?? 0;
      await settleRound({
        command: 'sync --watch',
        startedAt,
        finishedAt: Date.now(),
        exitCode: failures > 0 ? ExitCode.failed : ExitCode.ok,
        succeeded: failures === 0,
        ops: countAppliedOps(outcome.plan.ops, applied),
        conflicts: outcome.plan.conflicts.length,
        errors: failures,
        guard: outcome.guard ?? null,
        stats: deps.runtime.vikunja.stats(),
      });
      if (outcome.report !== null && (appliedOps.length > 0 || failures > 0)) {
        await saveReport(outcome.report, resolved.statePath, ctx.io.cwd, resolved.config.reports.keep);
      }
      return {
        runId: outcome.run?.id ?? null,
        projectId: outcome.plan.project.id,
        writtenFiles: fileOps.map((op) => (op.kind === 'file-edit' || op.kind === 'inbox-append' ? op.file : '')),
        vikunjaWrites: appliedOps.length - fileOps.length,
        fileWrites: fileOps.length,
        conflicts: outcome.plan.conflicts.length,
        failures,
      };
    } finally {
      deps.runtime.close();
    }
  };

  // Mappings are read between rounds to tell a webhook's news from the echo of membank's own writes.
  let store: StateStore | null = null;
  ctx.onClose(() => store?.close());
  const ignoredLabels = [resolved.config.sync.removedLabel];
  // The adapter also reads a task back when a delivery's payload looks like news (it may be older than the task).
  const readTaskApi = createWebhookApi({ baseUrl: url, token, timeoutMs });
  const webhookApi = args.webhooks ? readTaskApi : null;

  const summary = await runWatch({
    watchPaths,
    listen,
    webhookUrl: args.webhookUrl,
    intervalMs,
    safetyIntervalMs,
    debounceMs: args.debounce,
    retryBaseMs: 1000,
    runRound,
    webhooks: webhookApi,
    judge: async (event, projectId) => {
      if (store === null) {
        if (!existsSync(resolved.statePath)) return { news: true, reason: 'no state store yet' };
        store = openStore(resolved.statePath);
      }
      return judgeWebhookEventNow(event, { mappings: store.mappings, scope, projectId, ignoredLabels }, (taskId) => readTaskApi.getTask(taskId));
    },
    extraMetrics: () => lastRunText,
    log: ctx.log.child({ command: 'sync --watch' }),
    signal: ctx.signal,
    onListening: (listenUrl, webhookUrl) => {
      out(`membank sync --watch: watching ${watchPaths.join(', ')}`, { event: 'watching', paths: watchPaths });
      out(`listening on ${listenUrl} (webhook ${webhookUrl}, GET /healthz, GET /metrics)`, { event: 'listening', url: listenUrl, webhookUrl });
      void checkWebhookReach(webhookUrl).then(
        (reach) => {
          if (reach.nonRoutable !== null) out(`note: ${reach.advice}`, { event: 'webhook-reach', ...reach });
        },
        (error: unknown) => ctx.log.warn({ event: 'watch.reach_check_failed', err: (error as Error).message }),
      );
    },
    onRound: (reason, result) => {
      if (result instanceof Error) {
        ctx.io.stderr.write(`membank: sync --watch: round (${reason}) failed, retrying with backoff: ${result.message}\n`);
        return;
      }
      out(
        `round (${reason}): run ${result.runId ?? '-'} — ${result.vikunjaWrites} → Vikunja, ${result.fileWrites} ← memory bank, ${result.conflicts} conflict(s)`,
        { event: 'round', reason, ...result },
      );
    },
  });
  out(
    `stopped after ${summary.rounds} round(s)${summary.failedRounds > 0 ? ` (${summary.failedRounds} failed)` : ''}; webhook ${summary.webhookRemoved ? 'removed' : summary.removeError === null ? 'none registered' : `NOT removed: ${summary.removeError}`}`,
    { event: 'stopped', ...summary },
  );
  if (summary.removeError !== null) {
    ctx.io.stderr.write(`membank: sync --watch: could not remove its webhook: ${summary.removeError}; delete it in Vikunja (project → Webhooks)\n`);
    return ExitCode.failed;
  }
  return ExitCode.ok;
}
