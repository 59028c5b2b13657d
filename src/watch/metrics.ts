/**
 * The counters and gauges of `membank sync --watch`, rendered in the Prometheus text exposition format for
 * `GET /metrics` on the watcher's listener.
 */

/** A watcher's counters (monotonic) and gauges, as `GET /metrics` reports them. */
export interface WatchMetrics {
  /** Sync rounds started, by what triggered them (start, file, webhook, poll, retry). */
  rounds: Record<string, number>;
  roundsFailed: number;
  /** Writes the rounds applied, by side. */
  writes: { vikunja: number; memoryBank: number };
  webhooksReceived: number;
  /** Deliveries refused with 401 (missing or wrong `X-Vikunja-Signature`). */
  webhookSignatureFailures: number;
  /** Verified deliveries that reported nothing new (the watcher's own writes, other projects). */
  webhooksIgnored: number;
  fileEvents: number;
  /** File events for bytes the watcher already knows (its own write-back, a save without a change). */
  fileEventsIgnored: number;
  webhookRegistrations: number;
  /** Unix ms; 0 when none yet. */
  lastRoundAt: number;
  lastSuccessAt: number;
  lastRoundDurationMs: number;
  conflicts: number;
  /** 0 ready, 1 lagging, 2 broken. */
  health: number;
}

/** Fresh metrics. */
export function createWatchMetrics(): WatchMetrics {
  return {
    rounds: {},
    roundsFailed: 0,
    writes: { vikunja: 0, memoryBank: 0 },
    webhooksReceived: 0,
    webhookSignatureFailures: 0,
    webhooksIgnored: 0,
    fileEvents: 0,
    fileEventsIgnored: 0,
    webhookRegistrations: 0,
    lastRoundAt: 0,
    lastSuccessAt: 0,
    lastRoundDurationMs: 0,
    conflicts: 0,
    health: 0,
  };
}

function escapeLabel(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');
}

/** The Prometheus text of a watcher's metrics. */
export function renderWatchMetrics(metrics: Readonly<WatchMetrics>): string {
  const out: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: ReadonlyArray<[Record<string, string>, number]>): void => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [pairs, value] of samples) {
      const entries = Object.entries(pairs);
      const labels = entries.length === 0 ? '' : `{${entries.map(([key, v]) => `${key}="${escapeLabel(v)}"`).join(',')}}`;
      out.push(`${name}${labels} ${Number.isInteger(value) ? value : value.toFixed(3)}`);
    }
  };
  const seconds = (ms: number): number => Math.floor(ms / 1000);
  const reasons = ['start', 'file', 'webhook', 'poll', 'retry'];
  metric(
    'membank_watch_rounds_total',
    'counter',
    'Sync rounds started, by trigger.',
    reasons.map((reason): [Record<string, string>, number] => [{ reason }, metrics.rounds[reason] ?? 0]),
  );
  metric('membank_watch_rounds_failed_total', 'counter', 'Sync rounds that failed (retried with backoff).', [[{}, metrics.roundsFailed]]);
  metric('membank_watch_writes_total', 'counter', 'Writes applied by the rounds, by side.', [
    [{ side: 'vikunja' }, metrics.writes.vikunja],
    [{ side: 'memory-bank' }, metrics.writes.memoryBank],
  ]);
  metric('membank_watch_webhooks_received_total', 'counter', 'Webhook deliveries with a valid signature.', [[{}, metrics.webhooksReceived]]);
  metric('membank_watch_webhook_signature_failures_total', 'counter', 'Webhook deliveries refused with 401: missing or wrong X-Vikunja-Signature.', [
    [{}, metrics.webhookSignatureFailures],
  ]);
  metric('membank_watch_webhooks_ignored_total', 'counter', "Verified deliveries that changed nothing membank had not agreed on (its own writes' echo).", [
    [{}, metrics.webhooksIgnored],
  ]);
  metric('membank_watch_file_events_total', 'counter', 'File-system events seen in the bank.', [[{}, metrics.fileEvents]]);
  metric('membank_watch_file_events_ignored_total', 'counter', 'File events for bytes already known (its own write-back, a save without a change).', [
    [{}, metrics.fileEventsIgnored],
  ]);
  metric('membank_watch_webhook_registrations_total', 'counter', 'Times the watcher registered its project webhook.', [[{}, metrics.webhookRegistrations]]);
  metric('membank_watch_last_round_timestamp_seconds', 'gauge', 'When the last round ended (Unix seconds; 0: none yet).', [[{}, seconds(metrics.lastRoundAt)]]);
  metric('membank_watch_last_success_timestamp_seconds', 'gauge', 'When the last successful round ended (Unix seconds; 0: none yet).', [[{}, seconds(metrics.lastSuccessAt)]]);
  metric('membank_watch_last_round_duration_seconds', 'gauge', 'Wall time of the last round.', [[{}, metrics.lastRoundDurationMs / 1000]]);
  metric('membank_watch_conflicts', 'gauge', 'Conflicts pending after the last round.', [[{}, metrics.conflicts]]);
  metric('membank_watch_health', 'gauge', 'Health: 0 ready, 1 lagging, 2 broken (GET /healthz says why).', [[{}, metrics.health]]);
  return `${out.join('\n')}\n`;
}
