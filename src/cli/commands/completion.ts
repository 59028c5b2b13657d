/**
 * `membank completion [bash|zsh]`: prints yargs' completion script, and answers the script's requests
 * (`membank --get-yargs-completions <words…>`, routed here by `main`) with command names, options and choices.
 *
 * yargs 18 picks the script and the answer format from the environment: zsh when `SHELL` (or `ZSH_NAME`)
 * contains "zsh" — a `#compdef` script whose answers carry descriptions (`name:description`) —, fish when it
 * contains "fish", bash otherwise. `membank completion zsh` / `bash` asks for one regardless of `SHELL`.
 */
import type { Argv } from 'yargs';
import { UsageError } from '../../core/errors.js';
import { defineCommand } from '../command.js';
import type { CliIo } from '../command.js';
import { logLevels } from '../logger.js';
import { commands } from './index.js';

/** Shells membank prints a completion script for. */
export const completionShells = ['bash', 'zsh'] as const;

/** One of {@link completionShells}. */
export type CompletionShell = (typeof completionShells)[number];

interface CompletionArgs {
  shell?: CompletionShell | undefined;
}

/** The shell a script is for: the one asked for, else zsh when `SHELL` names zsh, else bash. */
export function detectShell(env: CliIo['env']): CompletionShell {
  return (env['SHELL'] ?? '').includes('zsh') || (env['ZSH_NAME'] ?? '').includes('zsh') ? 'zsh' : 'bash';
}

/**
 * A yargs parser that knows membank's commands and global options, with completion on. yargs reads the shell
 * from `process.env.SHELL` when the parser is created (there is no option for it), so SHELL is set for that one
 * synchronous call to the shell wanted and put back at once.
 */
async function createCompletionParser(shell: CompletionShell, completing: string | undefined): Promise<Argv> {
  const { default: yargs } = await import('yargs');
  const saved = { SHELL: process.env['SHELL'], ZSH_NAME: process.env['ZSH_NAME'] };
  let parser: Argv;
  try {
    process.env['SHELL'] = shell === 'zsh' ? '/bin/zsh' : '/bin/bash';
    delete process.env['ZSH_NAME'];
    parser = yargs();
  } finally {
    for (const [key, value] of Object.entries(saved)) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
  }
  parser = parser
    .scriptName('membank')
    .completion('completion', false)
    .option('json', { type: 'boolean', describe: 'Print results as JSON on stdout' })
    .option('log-level', { type: 'string', choices: [...logLevels], describe: 'Log level for the JSON log on stderr' })
    .option('color', { type: 'boolean', describe: 'Colour human output (--no-color turns it off)' })
    .option('quiet', { alias: 'q', type: 'boolean', describe: 'Print nothing on success and one line per problem' })
    .option('verbose', { alias: 'v', type: 'boolean', describe: 'Same as --log-level debug' })
    .option('config', { type: 'string', describe: 'Config file' })
    .help()
    .version(false)
    .exitProcess(false);
  for (const entry of commands) {
    const name = entry.command.split(' ')[0] ?? entry.command;
    // Only the command being completed is loaded (its options and choices); the others complete by name.
    const loaded = name === completing ? await entry.load() : undefined;
    parser = parser.command(entry.command, entry.describe, loaded?.builder ?? ((y: Argv) => y));
  }
  return parser;
}

/**
 * Runs the parser and returns what it printed. yargs calls the parse callback more than once on a completion
 * request (a first pass, then the pass that prints), so the last output is the answer.
 */
async function runParser(parser: Argv, argv: string[]): Promise<string> {
  const outputs: string[] = [];
  let failure: Error | undefined;
  parser.parse(argv, {}, (error: Error | undefined, _parsed: unknown, output: string) => {
    if (error !== undefined && error !== null) failure = error;
    outputs.push(output);
  });
  // Builders are synchronous; the printing pass may finish on the next turn of the event loop.
  await new Promise((resolvePromise) => setImmediate(resolvePromise));
  if (failure !== undefined) throw failure;
  return outputs.filter((output) => output !== '').at(-1) ?? '';
}

/** The completion script for `shell`, as yargs writes it (installs with `membank completion >> ~/.bashrc`). */
export async function renderCompletionScript(shell: CompletionShell): Promise<string> {
  const script = await runParser(await createCompletionParser(shell, undefined), ['completion']);
  if (script.trim() === '') throw new UsageError(`yargs printed no ${shell} completion script`);
  return script.endsWith('\n') ? script : `${script}\n`;
}

/**
 * Answers a completion request: `words` are the command line typed so far (`membank`, then the words, the last
 * one being completed). Writes one candidate a line to stdout; returns the exit code.
 */
export async function printCompletions(words: readonly string[], io: CliIo): Promise<number> {
  const typed = words[0] === 'membank' ? words.slice(1) : words;
  const completing = typed.length > 1 ? typed[0] : undefined;
  const parser = await createCompletionParser(detectShell(io.env), completing);
  const output = await runParser(parser, ['--get-yargs-completions', ...words]);
  io.stdout.write(output === '' ? '' : `${output}\n`);
  return 0;
}

/** `membank completion [shell]`: prints the completion script for bash or zsh. */
export const completionCommand = defineCommand<CompletionArgs>({
  command: 'completion [shell]',
  describe: 'Print the bash or zsh completion script (add it to ~/.bashrc or ~/.zshrc)',
  builder: (yargs) =>
    yargs
      .positional('shell', { type: 'string', choices: completionShells, describe: 'bash or zsh (default: zsh when $SHELL is zsh, else bash)' })
      .example('$0 completion >> ~/.bashrc', 'Complete membank commands and options in bash')
      .example('$0 completion zsh > "${fpath[1]}/_membank"', 'Install for zsh'),
  async run(args, ctx) {
    const shell = args.shell ?? detectShell(ctx.io.env);
    const script = await renderCompletionScript(shell);
    ctx.print({ shell, script }, script);
    return 0;
  },
});
