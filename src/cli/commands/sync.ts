import type { SyncConflict, SyncItem, SyncOp, SyncPlan } from '../../../jobs/sync.js';
import type { ConflictPolicyValue } from '../../core/three-way.js';
import { conflictPolicies } from '../../core/three-way.js';
import { ExitCode, UsageError } from '../../core/errors.js';
import type { SyncOutcome } from '../../pipeline/workflows/sync.js';
import { defineCommand } from '../command.js';
import { countAppliedOps, recordReportTarget, recordRunMetrics, type UnattendedArgs, withUnattendedOptions } from '../metrics.js';
import type { SyncWatchArgs } from './sync-watch.js';
import { addConnectionOptions, type ConnectionArgs } from '../connection-options.js';
import type { WorkflowDeps } from '../../pipeline/workflows/index.js';

/** `--watch`'s flags (and the sync flags it shares) are declared once, with the watcher (src/cli/commands/sync-watch.ts). */
interface SyncArgs extends ConnectionArgs, UnattendedArgs, SyncWatchArgs {
  dryRun: boolean;
  detailedExitcode: boolean;
  failOnConflict: boolean;
  html?: string | undefined;
  watch: boolean;
}

const listLimit = 20;

function show(value: unknown): string {
  if (value === undefined) return '(none: never agreed)';
  if (value === null) return '(empty)';
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  const text = typeof value === 'string' ? JSON.stringify(value) : String(value);
  return text.length > 80 ? `${text.slice(0, 79)}…` : text;
}

/** One line per write, in both directions. */
function describeOp(op: SyncOp, plan: SyncPlan): string {
  switch (op.kind) {
    case 'file-edit':
      return `${op.path}: ${op.edits.map((edit) => `line ${edit.line} ${edit.field} ${JSON.stringify(edit.before)} → ${JSON.stringify(edit.after)}`).join('; ')}`;
    case 'inbox-append':
      return `${op.path}: append ${op.items.map((item) => `"${item.title}" (#${item.taskId})`).join(', ')}`;
    case 'update':
    case 'close':
      return `${op.source} (#${op.taskId}): ${op.changes.map((change) => `${change.field} ${show(change.field === 'description' ? '(text)' : change.before)} → ${show(change.field === 'description' ? '(text)' : change.after)}`).join(', ')}`;
    case 'move':
      return `${op.source} (#${op.taskId}): to bucket ${op.to}`;
    case 'labels':
      return `${op.source}${op.taskId === null ? '' : ` (#${op.taskId})`}: labels ${show(op.before)} → ${show(op.after)}`;
    case 'delete':
      return `${op.source} (#${op.taskId}): delete`;
    case 'create':
      return `${op.source}: create "${op.desired.fields.title}"`;
    case 'project':
      return `project "${op.title}": create`;
    case 'label':
      return `label "${op.title}": create`;
    case 'bucket':
      return `bucket ${op.title}: create`;
    case 'kanban':
      return `Kanban view of "${plan.project.title}": default/done buckets`;
    case 'relation':
      return `${op.source}: subtask of ${op.parentKey}`;
    case 'comment':
      return `${op.source}: comment`;
  }
}

function resolveCommand(dir: string, conflict: SyncConflict): string {
  return `edit ${conflict.field} on one side (bank ${conflict.source} or Vikunja task #${conflict.taskId}), or: membank sync ${dir} --conflicts prefer-memory-bank | prefer-vikunja`;
}

function renderSync(outcome: SyncOutcome, dir: string, dryRun: boolean): string {
  const { plan } = outcome;
  const lines: string[] = [];
  const run = outcome.run === null ? '' : ` — run ${outcome.run.id} ${outcome.run.status}`;
  lines.push(`sync ${plan.root} ↔ Vikunja project "${plan.project.title}"${plan.project.id === null ? '' : ` (#${plan.project.id})`}${dryRun ? ' (dry run: nothing was written)' : run}`);
  const toVikunja = plan.ops.filter((op) => op.kind !== 'file-edit' && op.kind !== 'inbox-append');
  const toBank = plan.ops.filter((op) => op.kind === 'file-edit' || op.kind === 'inbox-append');
  const failed = new Map((outcome.loop?.failures ?? []).map((failure) => [failure.opId, failure.message]));
  const mark = (op: SyncOp): string => (failed.has(op.id) ? ` — FAILED: ${failed.get(op.id)}` : '');
  // Long lists are cut (failed ops are always shown); --json lists everything.
  const list = (ops: readonly SyncOp[]): void => {
    const shown = ops.filter((op, index) => index < listLimit || failed.has(op.id));
    for (const op of shown) lines.push(`  ${describeOp(op, plan)}${mark(op)}`);
    if (shown.length < ops.length) lines.push(`  … and ${ops.length - shown.length} more (--json lists them all)`);
  };
  lines.push(`→ Vikunja: ${toVikunja.length} write(s)`);
  list(toVikunja);
  lines.push(`← memory bank: ${toBank.length} file write(s)`);
  list(toBank);
  if (plan.conflicts.length > 0) {
    lines.push(`conflicts: ${plan.conflicts.length} (neither side written for these fields; reported on every sync until one side is edited)`);
    for (const conflict of plan.conflicts) {
      lines.push(`  ${conflict.source} (#${conflict.taskId}) ${conflict.field}: base ${show(conflict.base)} · memory bank ${show(conflict.ours)} · Vikunja ${show(conflict.theirs)}`);
      lines.push(`    resolve: ${resolveCommand(dir, conflict)}`);
    }
  }
  const noted = plan.items.filter((item: SyncItem) => item.notes.length > 0);
  if (noted.length > 0) {
    lines.push('notes:');
    for (const item of noted) for (const note of item.notes) lines.push(`  ${item.source}: ${note}`);
  }
  for (const id of outcome.unreadInbox) lines.push(`  vikunja #${id}: appended to the inbox, but the parser did not read the line back as a task item (membank parse --explain)`);
  const s = plan.summary;
  lines.push(
    `${s.items} item(s): ${s.pushed} field(s) pushed, ${s.pulled} pulled, ${s.recorded} agreed, ${s.conflicts} conflict(s), ${s.ignored} ignored (owned by the other side), ` +
      `${s.created} created in Vikunja, ${s.appended} appended to the inbox, ${s.removed} removed from the bank, ${s.deletedInVikunja} deleted in Vikunja, ${s.notWritable} not writable in the bank`,
  );
  if (plan.fastPath !== undefined) {
    lines.push(`nothing changed on either side since sync ${plan.fastPath.since} (fast path: ${plan.fastPath.requests} request(s), no full read, no parse of unchanged files)`);
  }
  if (s.relinked > 0) lines.push(`relinked ${s.relinked} task(s) from their markers (no mapping in the state store): mappings and base copies rebuilt`);
  if (s.renamed > 0) lines.push(`renamed ${s.renamed} item(s): their key changed (the item or a heading above it renamed, or read differently after an upgrade), so their tasks are kept and updated, none created (see the notes)`);
  if (s.writes === 0 && plan.conflicts.length === 0) lines.push('in sync: nothing to write');
  for (const alert of outcome.guard?.alerts ?? []) lines.push(`alert: ${alert.message}`);
  for (const trip of outcome.guard?.overridden === true ? outcome.guard.tripped : []) lines.push(`guard ${trip.guard} tripped, overridden by --allow-mass-change: ${trip.message}`);
  // A dry run that a guard would refuse says so: the real run would exit 7 and write nothing.
  for (const trip of outcome.run === null && outcome.guard?.refused === true ? outcome.guard.tripped : []) {
    lines.push(`guard ${trip.guard} would trip: ${trip.message} — the real sync would be refused (exit 7) unless --allow-mass-change`);
  }
  return lines.join('\n');
}

function toJson(outcome: SyncOutcome, dryRun: boolean): unknown {
  const { plan } = outcome;
  return {
    dryRun,
    runId: outcome.run?.id ?? null,
    status: outcome.run?.status ?? null,
    project: plan.project,
    policy: plan.policy,
    summary: plan.summary,
    fastPath: plan.fastPath ?? null,
    toVikunja: plan.ops.filter((op) => op.kind !== 'file-edit' && op.kind !== 'inbox-append'),
    toMemoryBank: plan.ops.filter((op) => op.kind === 'file-edit' || op.kind === 'inbox-append'),
    conflicts: plan.conflicts,
    items: plan.items.map((item) => ({
      key: item.key,
      source: item.source,
      taskId: item.taskId,
      state: item.state,
      fields: item.decisions.filter((decision) => decision.cell !== 'unchanged').map((decision) => ({ field: decision.field, cell: decision.cell, action: decision.action, reason: decision.reason })),
      notes: item.notes,
    })),
    failures: outcome.loop?.failures ?? [],
    unreadInbox: outcome.unreadInbox,
    guard: outcome.guard ?? null,
    report: outcome.report?.files ?? [],
  };
}

/** `membank sync <dir>`: both directions, per field, journaled on both sides. */
export const syncCommand = withUnattendedOptions(defineCommand<SyncArgs>({
  command: 'sync <dir>',
  describe: 'Sync a memory bank and Vikunja both ways, per field (3-way against the last sync), journaled and reversible',
  builder: (yargs) =>
    addConnectionOptions(yargs)
      .positional('dir', { type: 'string', describe: 'Repository or memory-bank folder', demandOption: true })
      .option('dry-run', { type: 'boolean', default: false, describe: 'Print both directions and write nothing anywhere (no file, no Vikunja write, no state store)' })
      .option('conflicts', { type: 'string', choices: conflictPolicies, describe: 'A field changed differently on both sides: report (default), prefer-memory-bank, prefer-vikunja, newest (config sync.conflicts)' })
      .option('allow-other-bank', { type: 'boolean', default: false, describe: 'Sync with a project membank created for another memory bank anyway' })
      .option('detailed-exitcode', { type: 'boolean', default: false, describe: 'Exit 2 when the sync applied changes (0: nothing to do)' })
      .option('fail-on-conflict', { type: 'boolean', default: false, describe: 'Exit 6 while a conflict is pending (default: reported, exit 0)' })
      .option('html', { type: 'string', describe: 'Also write both directions and the conflicts as a one-file HTML review page (with --dry-run: the plan)' })
      .option('watch', { type: 'boolean', default: false, describe: 'Keep running: sync on every change in the bank (file watcher) or in Vikunja (webhook, poll) — docs/watch.md' })
      .option('listen', { type: 'string', default: '127.0.0.1:8787', describe: 'With --watch: host:port for webhooks, GET /healthz and GET /metrics (port 0: any free port, printed)' })
      .option('webhook-url', { type: 'string', describe: 'With --watch: the URL Vikunja should deliver to (default http://<listen>/webhook; e.g. behind a reverse proxy)' })
      .option('webhooks', { type: 'boolean', default: true, describe: 'With --watch: register a project webhook (--no-webhooks: poll only)' })
      .option('interval', { type: 'number', default: 60, describe: 'With --watch: seconds between polls of Vikunja until a webhook delivery arrives' })
      .option('safety-interval', { type: 'number', default: 600, describe: 'With --watch: seconds between safety-net polls once webhooks are delivered' })
      .option('debounce', { type: 'number', default: 300, describe: 'With --watch: milliseconds of quiet after a file event before a round' })
      .example('$0 sync ./repo --dry-run', 'Preview both directions')
      .example('$0 sync ./repo', 'Sync (cron: add --quiet; docs/cron.md)')
      .example('$0 sync ./repo --conflicts prefer-vikunja', 'Resolve pending conflicts in favour of Vikunja')
      .example('$0 rollback <run-id>', 'Undo a sync run on both sides'),
  async run(args, ctx) {
    // What the run needs is loaded when it runs: `sync --help` loads none of it.
    const { resolveFromArgs } = await import('../resolve-args.js');
    const { openWorkflow } = await import('../write-options.js');
    const { createSyncInput, readBank, selectSyncConfig } = await import('../read-bank.js');
    const given = resolveFromArgs(args, ctx);
    const resolved = { ...given, config: selectSyncConfig(given.config) };
    if (args.watch) {
      if (args.dryRun) throw new UsageError('--watch writes as it syncs; --dry-run cannot be combined with it (run sync --dry-run once instead)');
      // Loaded only for --watch: a one-shot sync never pays for the watcher (chokidar, the listener).
      const { runSyncWatch } = await import('./sync-watch.js');
      return runSyncWatch(args, resolved, ctx);
    }
    // The state store is opened once a bank was found: a wrong folder leaves no store file behind.
    const { planSyncOnly, runSync } = await import('../../pipeline/workflows/sync.js');
    const { createRunProgress, fitText, saveReport } = await import('../run-output.js');
    const { createSyncRows, recordLines, writeHtmlPage } = await import('../html-page.js');
    const { createPlanPage, createRunPage, renderHtml } = await import('../../report/index.js');
    let opened: WorkflowDeps | undefined;
    const open = (): WorkflowDeps => (opened ??= openWorkflow(resolved, ctx, createRunProgress(ctx, 'sync'), { readOnly: args.dryRun }));
    // Unchanged files are not parsed again (the parse cache; a dry run reads it and writes nothing).
    const bank = await readBank(args.dir, ctx.io.cwd, resolved.config, { cache: { open: () => open().runtime.store.parseCache, write: !args.dryRun } });
    const deps = open();
    recordRunMetrics(ctx, { stats: () => deps.runtime.vikunja.stats() });
    recordReportTarget(ctx, { statePath: resolved.statePath, keep: resolved.config.reports.keep });
    // The run's source snapshot (membank restore) stores these files without a second discovery, and re-reads none this read hashed whose stat is unchanged.
    deps.bankFiles = bank.discover.files.map((file) => file.path);
    if (bank.identities !== undefined) deps.bankIdentities = bank.identities;
    const input = createSyncInput(bank, resolved.config, { allowOtherBank: args.allowOtherBank, ...(args.conflicts === undefined ? {} : { conflicts: args.conflicts }) });
    const guard = { allowMassChange: args.allowMassChange === true, files: bank.discover.files.length };
    const outcome = args.dryRun ? await planSyncOnly(deps, input, { guard }) : await runSync(deps, input, { problems: bank.problems, guard });
    recordRunMetrics(ctx, { ops: countAppliedOps(outcome.plan.ops, new Set(outcome.loop?.applied ?? [])), conflicts: outcome.plan.conflicts.length, errors: outcome.loop?.failures.length ?? 0, guard: outcome.guard ?? null });
    if (outcome.report !== null) {
      const saved = await saveReport(outcome.report, resolved.statePath, ctx.io.cwd, resolved.config.reports.keep, { rows: createSyncRows(outcome.plan, recordLines(bank.records)) });
      outcome.report = saved;
    }
    if (args.html !== undefined) {
      const rows = createSyncRows(outcome.plan, recordLines(bank.records));
      const page =
        outcome.report === null
          ? { ...createPlanPage(outcome.plan.plan, { problems: bank.problems, heading: 'sync plan' }), rows }
          : createRunPage(outcome.report, { rows });
      ctx.log.info({ event: 'sync.html_saved', path: await writeHtmlPage(args.html, ctx.io.cwd, renderHtml(page)) });
    }
    if (ctx.quiet === true) {
      const runId = outcome.run?.id ?? 'dry-run';
      for (const failure of outcome.loop?.failures ?? []) ctx.io.stderr.write(`membank: ${runId}: ${failure.where}: ${failure.message}\n`);
      for (const alert of outcome.guard?.alerts ?? []) ctx.io.stderr.write(`membank: ${runId}: alert: ${alert.message}\n`);
      // A pending conflict is a problem line only when it fails the run (--fail-on-conflict); else the metrics count it.
      for (const conflict of args.failOnConflict ? outcome.plan.conflicts : []) {
        ctx.io.stderr.write(`membank: ${runId}: conflict ${conflict.source} (#${conflict.taskId}) ${conflict.field}: memory bank ${show(conflict.ours)} · Vikunja ${show(conflict.theirs)}\n`);
      }
    } else {
      ctx.print(toJson(outcome, args.dryRun), fitText(renderSync(outcome, args.dir, args.dryRun), ctx.io.stdout));
    }
    if ((outcome.loop?.failures.length ?? 0) > 0 || (outcome.run !== null && outcome.run.status !== 'succeeded')) return ExitCode.failed;
    if (args.failOnConflict && outcome.plan.conflicts.length > 0) return ExitCode.conflict;
    return args.detailedExitcode && (outcome.loop?.applied.length ?? 0) > 0 ? ExitCode.changesPending : ExitCode.ok;
  },
}), 'sync');
