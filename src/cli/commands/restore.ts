import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import { createTwoFilesPatch } from 'diff';
import { ExitCode } from '../../core/errors.js';
import { renderVikunjaExport } from '../../memory-bank/export.js';
import { type RestoreDeps, type RestoreResult, restoreBank } from '../../pipeline/workflows/restore.js';
import { createMemoryBankReader, createNodeFileSystem, createRuntime } from '../../runtime.js';
import { openStore } from '../../store/index.js';
import { createSourceFileWriter } from '../../files/atomic-write.js';
import type { ResolvedConfig } from '../../config.js';
import type { CliContext, GlobalOptions } from '../command.js';
import { resolveFromArgs } from '../resolve-args.js';
import type { RestoreArgs } from './restore-command.js';

/** The adapters `restoreBank` runs against, for the CLI (and any other caller holding a resolved configuration). */
export function createRestoreDeps(resolved: ResolvedConfig, ctx: Pick<CliContext, 'log' | 'onClose'>): RestoreDeps {
  const store = existsSync(resolved.statePath) ? openStore(resolved.statePath) : null;
  if (store !== null) ctx.onClose(() => store.close());
  return {
    store,
    statePath: resolved.statePath,
    files: createNodeFileSystem(),
    sourceFiles: createSourceFileWriter(),
    makeDirectory: async (path) => {
      await mkdir(path, { recursive: true });
    },
    openVikunja: () => {
      // Read-only: a missing state file is not created by opening the client.
      const runtime = createRuntime({ config: resolved.config, statePath: resolved.statePath, log: ctx.log, readOnly: true });
      ctx.onClose(() => runtime.close());
      return runtime.vikunja;
    },
    memoryBank: createMemoryBankReader(),
    renderExport: renderVikunjaExport,
    createPatch: (path, before, after) => createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after),
    config: resolved.config,
    log: ctx.log,
  };
}

const verbs: Record<RestoreResult['files'][number]['action'], string> = {
  create: 'created',
  overwrite: 'overwritten',
  unchanged: 'unchanged',
  differs: 'differs, left alone (--force overwrites)',
};

function renderRestore(result: RestoreResult): string {
  const lines: string[] = [];
  const from =
    result.source === 'store'
      ? `the source snapshot of run ${result.runId ?? '?'}`
      : `Vikunja project "${result.project?.title ?? '?'}" (#${result.project?.id ?? '?'}): ${result.tasks?.placed ?? 0} task(s) under their original file, ${result.tasks?.unsourced ?? 0} made in Vikunja`;
  lines.push(`restore ${result.dir} from ${from}${result.dryRun ? ' (dry run: nothing was written)' : ''}`);
  for (const note of result.notes) lines.push(`note: ${note}`);
  for (const file of result.files) {
    if (file.action === 'unchanged') continue;
    const verb = result.dryRun ? (file.action === 'differs' ? verbs.differs : `would be ${verbs[file.action]}`) : verbs[file.action];
    lines.push(`  ${file.path}: ${verb}`);
  }
  if (result.dryRun) for (const file of result.files) if (file.diff !== null) lines.push(file.diff.trimEnd());
  const c = result.counts;
  lines.push(`${result.files.length} file(s): ${c.create} ${result.dryRun ? 'to create' : 'created'}, ${c.overwrite} ${result.dryRun ? 'to overwrite' : 'overwritten'}, ${c.unchanged} unchanged, ${c.differs} differ and were left alone`);
  if (c.differs > 0) lines.push(`re-run with --force to overwrite the ${c.differs} file(s) that differ (exit 6 until then)`);
  return lines.join('\n');
}

/**
 * `membank restore <dir>` once its arguments are parsed (the command's definition, in restore-command.ts, loads this
 * module when it runs): restores, prints, and says the exit code.
 */
export async function runRestore(args: RestoreArgs & GlobalOptions, ctx: CliContext): Promise<number> {
  const resolved = resolveFromArgs(args, ctx);
  const deps = createRestoreDeps(resolved, ctx);
  const result = await restoreBank(deps, {
    dir: resolve(ctx.io.cwd, args.dir),
    force: args.force,
    dryRun: args.dryRun,
    fromVikunja: args.fromVikunja,
    ...(args.at === undefined ? {} : { at: args.at }),
    ...(args.project === undefined ? {} : { project: args.project }),
  });
  if (ctx.quiet === true) {
    for (const file of result.files) if (file.action === 'differs') ctx.io.stderr.write(`membank: restore: ${file.path} differs from the snapshot; left alone (--force overwrites)\n`);
  } else {
    ctx.print(result, renderRestore(result));
  }
  return result.counts.differs > 0 ? ExitCode.conflict : ExitCode.ok;
}
