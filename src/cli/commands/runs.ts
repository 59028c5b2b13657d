import { existsSync } from 'node:fs';
import { ExitCode, UsageError } from '../../core/errors.js';
import { readGuardRecord } from '../../core/guards.js';
import type { RunRecord, StateStore } from '../../core/store.js';
import { resolveConfig } from '../../config.js';
import { fitToWidth, formatDuration, formatTimestamp, measureDurationMs, pluralise, renderTextTable, truncateText } from '../../report/index.js';
import { createTextStyle, styleStatus } from '../../report/index.js';
import type { TextStyle } from '../../report/index.js';
import { openStore } from '../../store/index.js';
import type { CliContext, CliIo, GlobalOptions } from '../command.js';
import { defaultLimit } from './runs-command.js';
import { redactSecrets } from '../logger.js';
import { shouldUseColor } from '../color.js';

/** Arguments of `membank runs`. */
export interface RunsArgs {
  state?: string | undefined;
  limit?: number | undefined;
  verify?: boolean | undefined;
}

/** What to do when `runs --verify` finds the chain broken. */
export const tamperFix =
  'the journal was edited outside membank; restore the state file from a backup, or start a new state file with --state; rollback of affected runs is unsafe';

/** Resolves the state store path the way every command does: `--state` > `MEMBANK_STATE` > config > default. */
export function resolveStatePath(flags: { state?: string | undefined; config?: string | undefined }, io: CliIo): string {
  return resolveStoreSettings(flags, io).statePath;
}

/** The state store path plus the secrets (the configured API token) to redact from what is read from it. */
export function resolveStoreSettings(
  flags: { state?: string | undefined; config?: string | undefined },
  io: CliIo,
): { statePath: string; secrets: string[] } {
  const resolved = resolveConfig({ state: flags.state, config: flags.config }, io.env, io.cwd);
  const token = resolved.config.vikunja?.token;
  return { statePath: resolved.statePath, secrets: token === undefined ? [] : [token] };
}

/**
 * Copies a value with every string passed through `redactSecrets`, so secrets are removed before any text is
 * cut short for display (a cut token would no longer be recognised by the final redaction in `ctx.print`).
 */
export function redactDeep<T>(value: T, secrets: readonly string[]): T {
  const visit = (inner: unknown): unknown => {
    if (typeof inner === 'string') return redactSecrets(inner, secrets);
    if (Array.isArray(inner)) return inner.map(visit);
    if (inner !== null && typeof inner === 'object') {
      return Object.fromEntries(Object.entries(inner as Record<string, unknown>).map(([key, v]) => [key, visit(v)]));
    }
    return inner;
  };
  return visit(value) as T;
}

/**
 * Opens the state store only if it already exists, so that read-only commands never create one. Returns null
 * when there is no store file yet.
 */
export function openExistingStore(statePath: string): StateStore | null {
  if (statePath !== ':memory:' && !existsSync(statePath)) return null;
  return openStore(statePath);
}

/** Decides whether human output gets ANSI colours (defined in ../color.ts, which `main` loads alone). */
export { shouldUseColor };

/** The width to cut human output to: the terminal's, when the stream is one; else none (pipes keep whole lines). */
export function terminalColumns(stream: { isTTY?: boolean; columns?: number | undefined }): number | undefined {
  return stream.isTTY === true && typeof stream.columns === 'number' && stream.columns > 0 ? stream.columns : undefined;
}

function readNumber(value: unknown): number | null {
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

/** Stored summary keys of the write workflows → what each counts, in display order. */
const runSummaryLabels: ReadonlyArray<readonly [string, string]> = [
  ['writes', 'ops'],
  ['applied', 'writes applied'],
  ['failed', 'writes failed'],
  ['notReached', 'ops not reached'],
  ['planned', 'steps'],
  ['undone', 'steps undone'],
];

/**
 * Condenses a run's stored summary into one line of counts. Understands a `byKind` map of outcome counts (as in
 * a run report); otherwise lists the summary's numeric fields (one level of nesting, zeros left out).
 */
export function summariseRunCounts(summary: Record<string, unknown> | null, max = 6): string {
  if (summary === null) return '—';
  const parts: string[] = [];
  const byKind = summary['byKind'];
  if (byKind !== null && typeof byKind === 'object' && !Array.isArray(byKind)) {
    const totals = new Map<string, number>();
    for (const counts of Object.values(byKind as Record<string, unknown>)) {
      if (counts === null || typeof counts !== 'object') continue;
      for (const [outcome, value] of Object.entries(counts as Record<string, unknown>)) {
        const n = readNumber(value);
        if (n !== null) totals.set(outcome, (totals.get(outcome) ?? 0) + n);
      }
    }
    for (const outcome of ['planned', 'applied', 'failed', 'skipped', 'reverted']) {
      const n = totals.get(outcome) ?? 0;
      if (n > 0) parts.push(`${outcome} ${n}`);
    }
  } else {
    // The write workflows store these counts; name each for what it counts (ops vs journaled writes).
    const ordered = [
      ...runSummaryLabels.map(([key]) => key).filter((key) => key in summary),
      ...Object.keys(summary).filter((key) => !runSummaryLabels.some(([known]) => known === key)),
    ];
    for (const key of ordered) {
      if (key === 'guard') {
        // The blast-radius guards' verdict: named when a guard tripped or an alert was raised, else left out.
        const guard = readGuardRecord({ summary });
        if (guard !== null && guard.tripped.length > 0) parts.push(`guard ${guard.refused ? 'refused' : 'overridden'}: ${guard.tripped.map((trip) => trip.guard).join(', ')}`);
        if (guard !== null && guard.alerts.length > 0) parts.push('fast-deletion alert');
        continue;
      }
      const value = summary[key];
      const label = runSummaryLabels.find(([known]) => known === key)?.[1] ?? key;
      const n = readNumber(value);
      if (n !== null) {
        if (n !== 0) parts.push(`${label} ${n}`);
      } else if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
        for (const [inner, innerValue] of Object.entries(value as Record<string, unknown>)) {
          const m = readNumber(innerValue);
          if (m !== null && m !== 0) parts.push(`${key}.${inner} ${m}`);
        }
      }
    }
  }
  if (parts.length === 0) return '—';
  return parts.length > max ? `${parts.slice(0, max).join(' · ')} · …` : parts.join(' · ');
}

/** The JSON shape of one run in `membank runs --json`. */
export function describeRunForJson(run: RunRecord): Record<string, unknown> {
  return {
    id: run.id,
    command: run.command,
    status: run.status,
    startedAt: run.startedAt,
    finishedAt: run.finishedAt,
    durationMs: measureDurationMs(run.startedAt, run.finishedAt),
    summary: run.summary,
    error: run.error,
  };
}

function describeDuration(run: RunRecord): string {
  if (run.finishedAt === null) return run.status === 'running' ? 'running' : '—';
  return formatDuration(measureDurationMs(run.startedAt, run.finishedAt));
}

function describeSummaryCell(run: RunRecord, style: TextStyle): string {
  const counts = summariseRunCounts(run.summary);
  if (run.error === null) return counts;
  const error = style.red(truncateText(run.error, 60));
  return counts === '—' ? error : `${counts} — ${error}`;
}

function parseLimit(limit: number | undefined): number {
  if (limit === undefined) return defaultLimit;
  if (!Number.isInteger(limit) || limit < 1) {
    throw new UsageError(`--limit must be a whole number of runs, at least 1 (received ${String(limit)}); e.g. --limit 50`);
  }
  return limit;
}

function listRuns(store: StateStore, statePath: string, limit: number, secrets: readonly string[], ctx: CliContext): number {
  const fetched = redactDeep(store.runs.list({ limit: limit + 1 }), secrets);
  const runs = fetched.slice(0, limit);
  const more = fetched.length > limit;
  if (runs.length === 0) {
    ctx.print({ statePath, exists: true, runs: [], more: false }, `no runs yet in ${statePath}`);
    return ExitCode.ok;
  }
  const style = createTextStyle(ctx.color ?? shouldUseColor(ctx.io, ctx.json));
  const table = renderTextTable(
    [
      ['ID', 'COMMAND', 'STATUS', 'STARTED (UTC)', 'DURATION', 'SUMMARY'].map((h) => style.dim(h)),
      ...runs.map((run) => [
        run.id,
        run.command,
        styleStatus(style, run.status),
        formatTimestamp(run.startedAt),
        describeDuration(run),
        describeSummaryCell(run, style),
      ]),
    ],
    { align: ['left', 'left', 'left', 'left', 'right', 'left'] },
  );
  const heading = `${pluralise(runs.length, 'run')} in ${statePath}, newest first${more ? ` (the ${limit} newest; --limit N shows more)` : ''}`;
  const footer = 'membank show <run-id> shows one run; membank runs --verify checks the journal chain.';
  ctx.print(
    { statePath, exists: true, runs: runs.map(describeRunForJson), more },
    [heading, '', ...table, '', style.dim(footer)].map((line) => fitToWidth(line, terminalColumns(ctx.io.stdout))).join('\n'),
  );
  return ExitCode.ok;
}

function verifyJournal(store: StateStore, statePath: string, ctx: CliContext): number {
  const result = store.journal.verifyChain();
  if (result.ok) {
    ctx.print(
      { statePath, ok: true, rows: result.rows, lastHash: result.lastHash },
      `journal OK: ${pluralise(result.rows, 'row')}, chain intact (${statePath})`,
    );
    return ExitCode.ok;
  }
  // Read from the run ids alone: a tampered row's content cannot hide its run (nor a run row deleted with it).
  const affectedRuns = store.journal.runIdsFromSeq(result.firstBadSeq);
  const human = [
    `journal TAMPERED: row seq ${result.firstBadSeq} (${result.reason})`,
    `  state store: ${statePath}; ${pluralise(result.rows, 'row')} before it verified intact`,
    ...(affectedRuns.length > 0 ? [`  runs with rows from seq ${result.firstBadSeq} on: ${affectedRuns.join(', ')}`] : []),
    `  fix: ${tamperFix}`,
  ].join('\n');
  // --quiet prints nothing through ctx.print: the problem still gets its one line.
  if (ctx.quiet === true) ctx.io.stderr.write(`membank: journal TAMPERED at row seq ${result.firstBadSeq} (${result.reason}) in ${statePath}\n`);
  ctx.print(
    {
      statePath,
      ok: false,
      intactRows: result.rows,
      firstBadSeq: result.firstBadSeq,
      reason: result.reason,
      affectedRuns,
      fix: tamperFix,
    },
    human,
  );
  return ExitCode.failed;
}

/**
 * `membank runs` once its arguments are parsed: lists the runs or verifies the journal. Its definition (runs-command.ts)
 * loads this module when it runs.
 */
export async function runRuns(args: RunsArgs & GlobalOptions, ctx: CliContext): Promise<number> {
  if (args.verify === true && args.limit !== undefined) {
    // A flag that does not apply is an error, never ignored: --verify checks the whole journal.
    throw new UsageError('--limit does not apply with --verify (it checks the whole journal); drop one of them');
  }
  const limit = parseLimit(args.limit);
  const { statePath, secrets } = resolveStoreSettings(args, ctx.io);
  const store = openExistingStore(statePath);
  if (store === null) {
    const message = `no runs yet (state store ${statePath} does not exist)`;
    ctx.print(args.verify === true ? { statePath, exists: false, ok: true, rows: 0 } : { statePath, exists: false, runs: [], more: false }, message);
    return ExitCode.ok;
  }
  try {
    return args.verify === true ? verifyJournal(store, statePath, ctx) : listRuns(store, statePath, limit, secrets, ctx);
  } finally {
    store.close();
  }
}

export { runsCommand } from './runs-command.js';
