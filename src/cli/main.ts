/**
 * The CLI entry: parses argv (membank's own parser, argv.ts, for the clean cases; yargs for the rest and for every
 * usage error), runs one command, and is the single place that catches errors and
 * turns them into exit codes. Nothing below it calls `process.exit`.
 */
import { readOwnVersion } from './own-version.js';
import type { Argv } from 'yargs';
import { ExitCode, GuardTrippedError, InternalError, InterruptedError, MembankError, UsageError } from '../core/errors.js';
import type { Logger } from '../core/ports.js';
import { suggestClosest } from '../core/suggest.js';
import type { CliContext, CliIo, GlobalOptions } from './command.js';
import { shouldUseColor } from './color.js';
import { commands } from './commands/index.js';
import { parseCommandArgv } from './argv.js';
import { epilogue, globalOptions, helpWidth, recordBuilder, renderHelp, usage } from './help.js';
import { createCliLogger, logLevels, redactSecrets } from './logger.js';

/** Whether an error says stdout's reader closed the pipe (EPIPE) while the command was still writing. */
function isClosedOutput(thrown: unknown): boolean {
  return thrown instanceof Error && (thrown as NodeJS.ErrnoException).code === 'EPIPE';
}

/** Options for an in-process run (tests pass their own signal). */
export interface MainOptions {
  signal?: AbortSignal;
  /**
   * Who prints `--help`: membank's own renderer (the default: yargs is not loaded) or yargs itself, the reference
   * the renderer's output is tested against.
   */
  helpRenderer?: 'own' | 'yargs';
  /**
   * Who parses a command's arguments: membank's own parser (the default: yargs is not loaded; anything it does not
   * model, and every usage error, still goes to yargs) or always yargs, the reference the own parser is tested against.
   */
  argvParser?: 'own' | 'yargs';
}

/** The message of a run that names no command (yargs' `demandCommand` says the same). */
const noCommandMessage = 'Name a command: membank --help lists them.';

/**
 * `--help` or `-h` before any `--`, and no `--version` (yargs decides between the two): the help `renderHelp`
 * prints without yargs.
 */
function asksForHelp(argv: readonly string[]): boolean {
  const end = argv.indexOf('--');
  const options = end >= 0 ? argv.slice(0, end) : argv;
  return (options.includes('--help') || options.includes('-h')) && !options.includes('--version');
}

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

/**
 * Options that take one value but were given several times (`--url a --url b`) and numbers that are not
 * numbers: yargs would pass an array or NaN on; these are usage errors naming the flag.
 */
interface OptionLists {
  array: string[];
  number: string[];
  string: string[];
  boolean: string[];
}

function checkOptionValues(argv: Record<string, unknown>, options: OptionLists): void {
  const repeatable = new Set(options.array);
  for (const key of [...options.string, ...options.number, ...options.boolean]) {
    if (repeatable.has(key)) continue;
    const value = argv[key];
    if (Array.isArray(value)) {
      throw new UsageError(
        `--${key} was given ${value.length} times (${value.map((v) => JSON.stringify(v)).join(', ')}); give it once`,
      );
    }
  }
  for (const key of options.number) {
    const value = argv[key];
    if (typeof value === 'number' && Number.isNaN(value)) {
      throw new UsageError(`--${key} takes a number; e.g. --${key} 4`);
    }
  }
}

/** Global options that take a value (`--log-level warn`), so the command name is found after them. */
const globalOptionsWithValue = new Set(['--log-level', '--config']);

/** Where the first argument that is not an option (nor a global option's value) is: the command's name, if any. */
function findCommandIndex(argv: readonly string[]): number {
  let index = 0;
  while (index < argv.length && (argv[index] ?? '').startsWith('-')) {
    index += globalOptionsWithValue.has(argv[index] ?? '') ? 2 : 1;
  }
  return index;
}

/** The first argument that is not an option (nor a global option's value): the command's name, if any. */
function findCommandName(argv: readonly string[]): string | undefined {
  return argv[findCommandIndex(argv)];
}

function checkCommandName(argv: readonly string[]): void {
  const first = findCommandName(argv);
  if (first === undefined) return;
  const names = commands.map((command) => command.command.split(' ')[0] ?? command.command);
  if (names.includes(first)) return;
  const closest = suggestClosest(first, names);
  throw new UsageError(
    `unknown command ${JSON.stringify(first)}${closest === undefined ? '' : `; did you mean ${JSON.stringify(closest)}?`}\nRun membank --help for the list of commands.`,
  );
}

/** `--color`/`--no-color` win; otherwise the environment and the terminal decide (`shouldUseColor`). */
function decideColor(flag: boolean | undefined, io: CliIo, json: boolean): boolean {
  if (json || flag === false) return false;
  if (flag === true) return true;
  return shouldUseColor(io, json);
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

/** The part of yargs' internals `skipHelpCaching` touches (not in @types/yargs). */
interface YargsUsageInternals {
  getInternalMethods?: () => { getUsageInstance?: () => { cacheHelpMessage?: unknown } };
}

/**
 * yargs lays out the whole help text of a command each time the command runs (cliui and string-width over every
 * row: about as much CPU as the rest of parsing), only to keep it for a later `showHelp()`, which membank never
 * calls. Turned off where yargs has the hook; help that is asked for (`--help`, a usage error) is laid out as before.
 */
function skipHelpCaching(parser: Argv): void {
  const usage = (parser as unknown as YargsUsageInternals).getInternalMethods?.().getUsageInstance?.();
  if (usage !== undefined && typeof usage.cacheHelpMessage === 'function') usage.cacheHelpMessage = () => undefined;
}

/**
 * A logger that creates the real one on its first call: `--help`, `--version` and a usage error never log, so they
 * never load pino.
 */
function createLazyLogger(create: () => Logger): Logger {
  let real: Logger | undefined;
  const get = (): Logger => (real ??= create());
  return {
    debug: (obj, msg) => (msg === undefined ? get().debug(obj) : get().debug(obj, msg)),
    info: (obj, msg) => (msg === undefined ? get().info(obj) : get().info(obj, msg)),
    warn: (obj, msg) => (msg === undefined ? get().warn(obj) : get().warn(obj, msg)),
    error: (obj, msg) => (msg === undefined ? get().error(obj) : get().error(obj, msg)),
    child: (bindings) => createLazyLogger(() => get().child(bindings)),
  };
}


/**
 * Runs membank with the given arguments and I/O; resolves to the process exit code.
 */
export async function main(argv: readonly string[], io: CliIo, options: MainOptions = {}): Promise<number> {
  // `membank --version` alone needs no parser: print what yargs would, without loading it.
  if (argv.length === 1 && argv[0] === '--version') {
    const version = readOwnVersion();
    if (version !== undefined) {
      io.stdout.write(`${version}\n`);
      return ExitCode.ok;
    }
  }
  // The completion script's requests (`membank --get-yargs-completions membank pl`) are answered by the completion
  // command's own parser: they name no command of their own.
  if (argv[0] === '--get-yargs-completions') return (await import('./commands/completion.js')).printCompletions(argv.slice(1), io);
  const secrets = collectSecrets(argv, io.env);
  const wantsJson = argv.includes('--json');
  const closers: Array<() => Promise<void> | void> = [];
  // The command yargs chose, run only once parsing (strict options, checks) passed: yargs may call a handler
  // even when a builder's check failed.
  let pending: (() => Promise<number>) | undefined;

  const signal = options.signal ?? new AbortController().signal;
  // The logger exists before yargs has checked --log-level, so an unknown level falls back to `warn` here and
  // yargs (`choices`) or the check below reports it as a usage error.
  let badLevel: string | undefined;
  const logLevelFromArgv = (): string => {
    const index = argv.indexOf('--log-level');
    const value = index >= 0 ? argv[index + 1] : argv.find((a) => a.startsWith('--log-level='))?.split('=')[1];
    if (argv.includes('--verbose') || argv.includes('-v')) return 'debug';
    if (value !== undefined) return (logLevels as readonly string[]).includes(value) ? value : 'warn';
    const fromEnv = io.env['MEMBANK_LOG_LEVEL'];
    // --quiet: the problems are printed one line each by the command and the top-level catch; the JSON log
    // stays silent unless a level is asked for explicitly.
    const quiet = (argv.includes('--quiet') || argv.includes('-q')) && !argv.includes('--json');
    if (fromEnv === undefined || fromEnv === '') return quiet ? 'silent' : 'warn';
    if ((logLevels as readonly string[]).includes(fromEnv)) return fromEnv;
    badLevel = fromEnv;
    return 'warn';
  };
  const level = logLevelFromArgv();
  const log = createLazyLogger(() =>
    createCliLogger({
      level,
      write: (line) => io.stderr.write(line),
      secrets: () => secrets,
    }),
  );

  const makeContext = (args: GlobalOptions): CliContext => ({
    io,
    json: args.json,
    quiet: args.quiet === true && !args.json,
    color: decideColor((args as { color?: boolean }).color, io, args.json),
    log,
    signal,
    print(value, human, printOptions) {
      if (args.quiet === true && !args.json) return;
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
    async printJson(value) {
      const { writeJsonStream } = await import('./json-stream.js');
      await writeJsonStream(io.stdout, value, { transform: (text) => redactSecrets(text, secrets) });
    },
    onClose(fn) {
      closers.push(fn);
    },
  });

  try {
    if (badLevel !== undefined) {
      throw new UsageError(
        `MEMBANK_LOG_LEVEL=${JSON.stringify(badLevel)} is not a log level; use one of ${logLevels.join(', ')}`,
      );
    }
    checkCommandName(argv);
    // Only the command that runs is loaded (its options, its dependencies); the others are listed by name and
    // description, which is all `--help` shows of them.
    const name = findCommandName(argv);
    // Bare `membank` and `--help` are answered without loading yargs (a third of a second of start-up); with
    // YARGS_DISABLE_WRAP (help unwrapped) yargs prints it.
    if (argv.length === 0) throw new UsageError(`${noCommandMessage}\nRun membank --help for usage.`);
    const entry = commands.find((candidate) => candidate.command.split(' ')[0] === name);
    if (options.helpRenderer !== 'yargs' && asksForHelp(argv) && io.env['YARGS_DISABLE_WRAP'] === undefined) {
      const help = renderHelp(commands, entry === undefined ? undefined : { entry, module: await entry.load() }, helpWidth(io.stdout.columns));
      if (help !== undefined) {
        io.stdout.write(`${help}\n`);
        return ExitCode.ok;
      }
    }
    // A command's arguments without yargs (a third of a second before `doctor`'s first request) when the own parser
    // models all of them; otherwise, and for every usage error, yargs parses as before.
    if (options.argvParser !== 'yargs' && entry !== undefined) {
      const module = await entry.load();
      const recorded = recordBuilder(module);
      const parsed =
        recorded === undefined || recorded.parseOnlyKeys
          ? undefined
          : parseCommandArgv(argv, findCommandIndex(argv), globalOptions, { command: module.command, ...recorded });
      if (parsed !== undefined) {
        const globals = parsed as unknown as GlobalOptions & Record<string, unknown>;
        return await module.run(globals, makeContext(globals));
      }
    }
    const { default: yargs } = await import('yargs');
    let parser: Argv = yargs().scriptName('membank').usage(usage);
    for (const [key, spec] of globalOptions) parser = parser.option(key, spec);
    parser = parser
      .strict()
      .demandCommand(1, noCommandMessage)
      .recommendCommands()
      .exitProcess(false)
      .wrap(helpWidth(io.stdout.columns))
      .epilogue(epilogue)
      .version()
      .help()
      .alias('help', 'h')
      // yargs passes its own instance as the second argument (missing from @types/yargs).
      .middleware(((args: Record<string, unknown>, instance: Argv & { getOptions(): OptionLists }) => {
        checkOptionValues(args, instance.getOptions());
      }) as unknown as (args: Record<string, unknown>) => void);
    for (const entry of commands) {
      const loaded = entry.command.split(' ')[0] === name ? await entry.load() : undefined;
      parser = parser.command({
        command: entry.command,
        describe: entry.describe,
        builder: loaded?.builder ?? ((y: Argv) => y),
        handler: (args) => {
          if (loaded === undefined) throw new InternalError(`command ${entry.command} ran without being loaded`);
          const globals = args as unknown as GlobalOptions & Record<string, unknown>;
          pending = () => loaded.run(globals, makeContext(globals));
        },
      });
    }
    skipHelpCaching(parser);
    const { error, output } = await new Promise<{ error: Error | undefined; output: string }>((resolvePromise) => {
      parser.parse([...argv], {}, (err: Error | undefined, _parsed: unknown, out: string) => {
        resolvePromise({ error: err ?? undefined, output: out });
      });
    });
    if (error !== undefined) {
      throw new UsageError(`${error.message}\nRun membank --help for usage.`, { cause: error });
    }
    if (pending === undefined) {
      if (output !== '') io.stdout.write(`${output}\n`);
      return ExitCode.ok;
    }
    // A command that returns after Ctrl-C decides its own code: a write run that stopped early says 130
    // (`exitCodeForRun`), `sandbox` stopping on Ctrl-C as documented says 0.
    return await pending();
  } catch (thrown) {
    // The reader of stdout went away (`membank parse --json | head`): nothing more can be said there, and it is
    // not a failure of the run — stop quietly, as a command whose output was cut short by its reader does.
    if (isClosedOutput(thrown)) return ExitCode.ok;
    // Whatever a command threw after Ctrl-C (an aborted request, a stopped loop), the run was interrupted.
    const error = signal.aborted && !(thrown instanceof InterruptedError) ? new InterruptedError({ cause: thrown }) : thrown;
    const { code, message, exit } = describeError(error, secrets);
    // A guard refusal carries its record (which guard, the numbers) for scripts reading --json.
    const guard = error instanceof GuardTrippedError ? { runId: error.runId, guard: error.guard } : {};
    if (wantsJson) io.stdout.write(`${JSON.stringify({ error: { code, message, ...guard } })}\n`);
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
