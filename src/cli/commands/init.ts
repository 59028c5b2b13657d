import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';
import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../command.js';
import { createNodeReportWriter } from '../report-writer.js';

interface InitArgs {
  dir: string;
  url?: string | undefined;
  project?: string | undefined;
  force: boolean;
}

/** What `init` found, and the file it wrote. */
export interface InitResult {
  file: string;
  bank: { path: string; conventions: string[]; reason: string | null } | null;
  url: string | null;
  urlFrom: 'flag' | 'VIKUNJA_URL' | 'config file' | null;
  project: string;
}

/** A YAML scalar as the file would hold it (quoted when needed). */
function scalar(value: string): string {
  // The YAML package is loaded when a file is written, not for `init --help`.
  const { stringify } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return stringify(value).trimEnd();
}

/** The commented config file for what was found. The token is never written (env or --token-file). */
export function renderInitConfig(found: Omit<InitResult, 'file'>, root: string, now: string): string {
  const lines = [
    `# membank configuration, written by \`membank init\` on ${now.slice(0, 10)} for ${root}.`,
    '# Settings resolve as: command-line flags > environment (VIKUNJA_URL, VIKUNJA_TOKEN, MEMBANK_STATE) > this file > defaults.',
    '# Every key is optional; README.md shows them all (an unknown key is an error naming the closest known one).',
    '#',
  ];
  if (found.bank === null) {
    lines.push(`# No memory bank was found under ${root}: point membank at the folder that holds it (membank discover <dir>),`);
    lines.push('# or list extra bank folders under discover.bankGlobs below.');
  } else {
    const conventions = found.bank.conventions.length === 0 ? '' : ` (${found.bank.conventions.join(', ')})`;
    lines.push(`# Memory bank: ${found.bank.path === '.' ? root : found.bank.path}${conventions}${found.bank.reason === null ? '' : ` — ${found.bank.reason}`}.`);
    lines.push(`# Preview a migration: membank plan ${root} --html plan.html`);
  }
  lines.push('', 'vikunja:');
  if (found.url === null) {
    lines.push('  # Your Vikunja server: no VIKUNJA_URL was set and no config file named one. Uncomment and edit:');
    lines.push('  # url: http://localhost:3456');
  } else {
    lines.push(`  # Your Vikunja server (from ${found.urlFrom}); VIKUNJA_URL and --url override it.`);
    lines.push(`  url: ${scalar(found.url)}`);
  }
  lines.push(
    '  # The API token is never stored here: set VIKUNJA_TOKEN, or pass --token-file ~/.vikunja-token.',
    '  # Parallel requests (1–32) and retries for 429/5xx/network errors:',
    '  # concurrency: 4',
    '  # retries: 6',
    '',
    'mapping:',
    '  # The Vikunja project the bank goes to (default: the repository folder name); --project overrides it.',
    `  project: ${scalar(found.project)}`,
    '  # Labels added to every migrated task:',
    '  # runLabels: [memory_bank, migration]',
    '',
    'discover:',
    '  # Extra folders (globs relative to the scanned folder) that hold memory banks, and paths to ignore:',
    '  bankGlobs: []',
    '  ignore: []',
    '',
    'reports:',
    '  # Report folders (report.json, report.md, report.html) kept beside the state store:',
    '  keep: 20',
    '',
    'sync:',
    '  # A field changed differently on both sides: report (default), prefer-memory-bank, prefer-vikunja, newest.',
    '  conflicts: report',
    '',
  );
  return lines.join('\n');
}

/**
 * `membank init [dir]`: writes a commented membank.config.yaml in the working directory for the bank it finds
 * under `dir` and the server it finds (--url, VIKUNJA_URL or an existing config). It never prompts; what it cannot
 * find is left commented. It refuses to replace a config file unless --force.
 */
export const initCommand = defineCommand<InitArgs>({
  command: 'init [dir]',
  describe: 'Write a commented membank.config.yaml for the memory bank and Vikunja server it finds (never prompts)',
  builder: (yargs) =>
    yargs
      .positional('dir', { type: 'string', default: '.', describe: 'Repository or memory-bank folder (default: the current folder)' })
      .option('url', { type: 'string', describe: 'Vikunja URL to write (default: VIKUNJA_URL, else an existing config file)' })
      .option('project', { type: 'string', describe: 'Vikunja project title to write (default: the repository folder name)' })
      .option('force', { type: 'boolean', default: false, describe: 'Replace an existing membank.config.yaml' })
      .example('$0 init', 'Write membank.config.yaml for the bank in this folder')
      .example('VIKUNJA_URL=http://localhost:3456 $0 init ./repo', 'With the server from the environment'),
  async run(args, ctx) {
    // What the run needs is loaded when it runs: `init --help` loads none of it.
    const { configFileNames, resolveConfig } = await import('../../config.js');
    const { sanitiseUrl } = await import('../../report/index.js');
    const { discoverBanks } = await import('../../memory-bank/discover.js');
    const { createNodeFileSystem } = await import('../../node-files.js');
    const { selectProjectTitle } = await import('../read-bank.js');
    const cwd = ctx.io.cwd;
    const existing = configFileNames.map((name) => join(cwd, name)).filter((path) => existsSync(path));
    const json = existing.find((path) => path.endsWith('.json'));
    if (json !== undefined) {
      throw new UsageError(
        `${json} already exists; nothing was written. membank init writes membank.config.yaml, and membank refuses two config files side by side: edit ${json}, or remove it and run membank init again`,
      );
    }
    const target = existing[0] ?? join(cwd, 'membank.config.yaml');
    if (existing.length > 0 && !args.force) {
      throw new UsageError(`${target} already exists; nothing was written. Pass --force to replace it (its vikunja.url and mapping.project are kept)`);
    }
    // The existing file (with --force) and the environment give the server, as every other command reads them.
    const resolved = resolveConfig({ url: args.url, project: args.project }, ctx.io.env, cwd);
    const envUrl = ctx.io.env['VIKUNJA_URL'];
    const urlFrom: InitResult['urlFrom'] =
      args.url !== undefined ? 'flag' : envUrl !== undefined && envUrl !== '' ? 'VIKUNJA_URL' : resolved.config.vikunja.url !== undefined ? 'config file' : null;
    const root = resolve(cwd, args.dir);
    const files = createNodeFileSystem();
    if (!existsSync(root)) throw new UsageError(`${root} does not exist; point membank init at a repository or a memory-bank folder`);
    const discover = await discoverBanks(root, { files, config: resolved.config.discover });
    const first = discover.banks[0];
    const found: Omit<InitResult, 'file'> = {
      bank: first === undefined ? null : { path: first.path, conventions: [...first.conventions], reason: first.reason ?? null },
      url: resolved.config.vikunja.url === undefined ? null : sanitiseUrl(resolved.config.vikunja.url),
      urlFrom,
      project: selectProjectTitle(resolved.config, { root, discover }),
    };
    await createNodeReportWriter().writeFile(target, renderInitConfig(found, root, new Date().toISOString()));
    const result: InitResult = { file: target, ...found };
    ctx.log.info({ event: 'init.written', file: target });
    const shown = relative(cwd, target) || target;
    const human = [
      `Wrote ${shown}`,
      `  memory bank  ${found.bank === null ? `none found under ${root} (membank discover ${args.dir} explains)` : `${found.bank.path}${found.bank.conventions.length === 0 ? '' : ` (${found.bank.conventions.join(', ')})`}`}`,
      `  Vikunja      ${found.url === null ? 'not set: edit vikunja.url, or set VIKUNJA_URL' : `${found.url} (from ${urlFrom})`}`,
      `  project      ${found.project}`,
      'The token is not stored: set VIKUNJA_TOKEN or pass --token-file. Next: membank doctor',
    ];
    ctx.print(result, human.join('\n'));
    return 0;
  },
});
