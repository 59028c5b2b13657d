/**
 * `get_sync_status`: where the bank's sync stands, from the state store alone (no Vikunja request, so it answers
 * while the server is down): the last run, the last sync of this bank and the last successful one, the lag since
 * then, the run holding the lock, the conflicts the last sync left pending and the last blast-radius guard verdict.
 */
import { createScope } from '../../jobs/plan.js';
import { findLastGuardState, type GuardState } from '../core/guards.js';
import type { RunRecord, StateStore } from '../core/store.js';
import type { ConflictSummary } from './tools.js';

/** A run as `get_sync_status` shows it: its numeric summary fields as counts. */
export interface RunSummary {
  id: string;
  command: string;
  status: string;
  startedAt: string;
  finishedAt: string | null;
  error: string | null;
  counts: Record<string, number>;
}

function summariseRun(run: RunRecord | undefined): RunSummary | null {
  if (run === undefined) return null;
  const counts: Record<string, number> = {};
  for (const [key, value] of Object.entries(run.summary ?? {})) if (typeof value === 'number' && Number.isFinite(value)) counts[key] = value;
  return { id: run.id, command: run.command, status: run.status, startedAt: run.startedAt, finishedAt: run.finishedAt, error: run.error, counts };
}

interface StoredConflict {
  key: string;
  source: string;
  taskId: number;
  field: string;
}

function readStoredConflicts(run: RunRecord): StoredConflict[] | null {
  const list = run.summary?.['pendingConflicts'];
  if (!Array.isArray(list)) return null;
  return list.filter(
    (entry): entry is StoredConflict =>
      entry !== null && typeof entry === 'object' && typeof entry.key === 'string' && typeof entry.field === 'string' && typeof entry.taskId === 'number',
  );
}

function readResolution(run: RunRecord): { key: string; field: string } | null {
  const resolve = run.options['resolve'] as { key?: unknown; field?: unknown } | undefined;
  return resolve !== undefined && typeof resolve.key === 'string' && typeof resolve.field === 'string' ? { key: resolve.key, field: resolve.field } : null;
}

/** The status of the bank's sync with its project (`serverUrl` + `projectTitle` name the sync scope runs record). */
export function readSyncStatus(
  store: StateStore,
  options: { serverUrl: string; projectTitle: string; bank: string; now: Date },
): {
  bank: string;
  project: string;
  lastRun: RunSummary | null;
  lastSync: RunSummary | null;
  lastSuccessfulSync: RunSummary | null;
  lagSeconds: number | null;
  runningNow: string | null;
  pendingConflicts: ConflictSummary[];
  conflictsAsOf: string | null;
  guard: GuardState | null;
  notes: string[];
} {
  const scope = createScope(options.serverUrl, options.projectTitle);
  const syncs = store.runs.list({ command: 'sync' }).filter((run) => run.options['scope'] === scope);
  const lastSuccessful = syncs.find((run) => run.status === 'succeeded' && run.finishedAt !== null);
  const notes: string[] = [];
  // Newest first: the conflicts of the last full sync, less those a later resolve_conflict run settled.
  const settled = new Set<string>();
  let pending: StoredConflict[] = [];
  let asOf: string | null = null;
  for (const run of syncs) {
    const stored = readStoredConflicts(run);
    const resolution = readResolution(run);
    if (resolution !== null) {
      if (run.status === 'succeeded' && !(stored ?? []).some((entry) => entry.key === resolution.key && entry.field === resolution.field)) {
        settled.add(`${resolution.key}\u0000${resolution.field}`);
      }
      continue;
    }
    if (stored === null) continue;
    pending = stored.filter((entry) => !settled.has(`${entry.key}\u0000${entry.field}`));
    asOf = run.id;
    break;
  }
  if (syncs.length === 0) notes.push('this bank has never been synced with this project: run sync_now (or plan to preview)');
  else if (asOf === null) notes.push('no sync run of this bank recorded its conflicts: run sync_now to list them');
  const holder = store.lock.holder();
  const finished = lastSuccessful?.finishedAt ?? null;
  return {
    bank: options.bank,
    project: options.projectTitle,
    lastRun: summariseRun(store.runs.list({ limit: 1 })[0]),
    lastSync: summariseRun(syncs[0]),
    lastSuccessfulSync: summariseRun(lastSuccessful),
    lagSeconds: finished === null ? null : Math.max(0, Math.round((options.now.getTime() - Date.parse(finished)) / 1000)),
    runningNow: holder === null ? null : holder.owner,
    pendingConflicts: pending.map((entry) => ({ key: entry.key, source: entry.source, taskId: entry.taskId, field: entry.field })),
    conflictsAsOf: asOf,
    guard: findLastGuardState(store.runs.list({ limit: 500 }), scope),
    notes,
  };
}
