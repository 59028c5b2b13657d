/**
 * The CLI entry: parses argv with yargs, runs one command, and is the single place that catches errors and
 * turns them into exit codes. Nothing below it calls `process.exit`.
 */
import yargs, { type Argv } from 'yargs';
import { ExitCode, InternalError, MembankError, UsageError } from '../core/errors.js';
import type { CliContext, CliIo, GlobalOptions } from './command.js';
import { commands } from './commands/index.js';
import { createCliLogger, redactSecrets } from './logger.js';

/** Options for an in-process run (tests pass their own signal). */
export interface MainOptions {
  signal?: AbortSignal;
}

const epilogue = `Exit codes:
  0  ok                     3  validation problems (errors) in the input
  1  failed                 4  another run holds the lock
  2  plan has changes       5  Vikunja unavailable (circuit open / unreachable)
     (--detailed-exitcode)  6  conflict: stale plan, or rollback refused
 64  usage error

Environment: VIKUNJA_URL, VIKUNJA_TOKEN (or --token-file), MEMBANK_STATE.
Docs: README.md and docs/.`;

function collectSecrets(argv: readonly string[], env: CliIo['env']): string[] {
  const secrets: string[] = [];
  const token = env['VIKUNJA_TOKEN'];
  if (token !== undefined && token !== '') secrets.push(token);
  argv.forEach((arg, index) => {
    if (arg === '--token') {
      const next = argv[index + 1];
      if (next !== undefined) secrets.push(next);
    } else if (arg.startsWith('--token=')) {
      secrets.push(arg.slice('--token='.length));
    }
  });
  return secrets;
}

function describeError(error: unknown, secrets: readonly string[]): { code: string; message: string; exit: number } {
  if (error instanceof MembankError) {
    return { code: error.code, message: redactSecrets(error.message, secrets), exit: error.exitCode };
  }
  const internal = new InternalError(
    `unexpected error (a bug — please report it with the command you ran): ${
      error instanceof Error ? error.message : String(error)
    }`,
    { cause: error },
  );
  return { code: internal.code, message: redactSecrets(internal.message, secrets), exit: internal.exitCode };
}

/**
 * Runs membank with the given arguments and I/O; resolves to the process exit code.
 */
export async function main(argv: readonly string[], io: CliIo, options: MainOptions = {}): Promise<number> {
  const secrets = collectSecrets(argv, io.env);
  const wantsJson = argv.includes('--json');
  const closers: Array<() => Promise<void> | void> = [];
  let pending: Promise<number> | undefined;

  const logLevelFromArgv = (): string => {
    const index = argv.indexOf('--log-level');
    const value = index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--log-level='))?.split('=')[1];
    if (argv.includes('--verbose') || argv.includes('-v')) return 'debug';
    return value ?? io.env['MEMBANK_LOG_LEVEL'] ?? 'warn';
  };
  const log = createCliLogger({
    level: logLevelFromArgv(),
    write: (line) => io.stderr.write(line),
    secrets: () => secrets,
  });

  const makeContext = (args: GlobalOptions): CliContext => ({
    io,
    json: args.json,
    log,
    signal: options.signal ?? new AbortController().signal,
    print(value, human, printOptions) {
      let text = args.json ? `${JSON.stringify(value)}\n` : human.endsWith('\n') ? human : `${human}\n`;
      const reveal = printOptions?.reveal ?? [];
      reveal.forEach((secret, index) => {
        text = text.split(secret).join(`\u0000reveal${index}\u0000`);
      });
      text = redactSecrets(text, secrets);
      reveal.forEach((secret, index) => {
        text = text.split(`\u0000reveal${index}\u0000`).join(secret);
      });
      io.stdout.write(text);
    },
    onClose(fn) {
      closers.push(fn);
    },
  });

  let parser: Argv = yargs()
    .scriptName('membank')
    .usage('$0 <command> [options]\n\nMigrate and sync an AI memory bank into Vikunja — planned, journaled, verified, reversible.')
    .option('json', { type: 'boolean', default: false, describe: 'Print results as JSON on stdout' })
    .option('log-level', {
      type: 'string',
      default: 'warn',
      choices: ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'],
      describe: 'Log level for the JSON log on stderr',
    })
    .option('verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Same as --log-level debug' })
    .option('config', { type: 'string', describe: 'Config file (default: membank.config.{json,yaml} in the cwd)' })
    .strict()
    .demandCommand(1, 'Name a command: membank --help lists them.')
    .recommendCommands()
    .exitProcess(false)
    .wrap(Math.min(110, process.stdout.columns ?? 100))
    .epilogue(epilogue)
    .version()
    .help();

  for (const command of commands) {
    parser = parser.command({
      command: command.command,
      describe: command.describe,
      builder: command.builder,
      handler: (args) => {
        const globals = args as unknown as GlobalOptions & Record<string, unknown>;
        pending = command.run(globals, makeContext(globals));
      },
    });
  }

  try {
    const { error, output } = await new Promise<{ error: Error | undefined; output: string }>((resolvePromise) => {
      parser.parse([...argv], {}, (err: Error | undefined, _parsed: unknown, out: string) => {
        resolvePromise({ error: err ?? undefined, output: out });
      });
    });
    if (error !== undefined && pending === undefined) {
      throw new UsageError(`${error.message}\nRun membank --help for usage.`, { cause: error });
    }
    if (pending === undefined) {
      if (output !== '') io.stdout.write(`${output}\n`);
      return ExitCode.ok;
    }
    return await pending;
  } catch (error) {
    const { code, message, exit } = describeError(error, secrets);
    if (wantsJson) io.stdout.write(`${JSON.stringify({ error: { code, message } })}\n`);
    io.stderr.write(`membank: ${message}\n`);
    if (!(error instanceof MembankError)) {
      log.error({ event: 'cli.crash', err: error instanceof Error ? { message: error.message, stack: error.stack } : error });
    }
    return exit;
  } finally {
    for (const close of closers.reverse()) {
      try {
        await close();
      } catch (error) {
        log.warn({ event: 'cli.close_failed', err: error instanceof Error ? error.message : String(error) });
      }
    }
  }
}
