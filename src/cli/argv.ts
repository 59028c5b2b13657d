/**
 * A command's arguments without yargs: the global options (help.ts) and what the command's builder declares (read
 * by help.ts' recorder) parse argv into exactly the object yargs hands a handler — kebab-case and camelCase keys,
 * aliases, defaults, `--no-x`, `--x=y`, numbers, arrays, positionals, `_` and `$0`. Loading yargs costs more than
 * the rest of a command's start together, so the commands that run take this path; yargs stays the reference and
 * the fallback. The parser models the clean cases only: whatever it does not model or finds wrong (an unknown or
 * repeated option, a bad number, a choices miss, a missing or extra positional, `--help`, `--version`, a builder's
 * `.check()` that does not pass) makes `parseCommandArgv` return undefined, and `main` hands argv to yargs, so every
 * usage error keeps yargs' message and exit code.
 */
import type { HelpOptionSpec } from './help.js';

/** What a builder declared, as `recordBuilder` records it. */
export interface DeclaredCommand {
  /** The command string (`migrate <dir>`, `init [dir]`): its name and positionals. */
  command: string;
  options: ReadonlyArray<readonly [string, HelpOptionSpec]>;
  positionals: ReadonlyArray<readonly [string, HelpOptionSpec]>;
  /** The builder's `.check()` functions, run on the parsed object. */
  checks: ReadonlyArray<(argv: Record<string, unknown>) => unknown>;
  /** `.version(false)`: `--version` is not yargs' version flag (the command may declare its own). */
  versionOff: boolean;
}

/** The object a command's handler receives. */
export type ParsedArgv = Record<string, unknown> & { _: Array<string | number>; $0: string };

/** `dry-run` → `dryRun`, as yargs-parser's camel-case expansion writes it. */
function camelCase(key: string): string {
  return key.replace(/-([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

/** Every key yargs sets for an option: the key, its camelCase form and its alias. */
function keysOf(key: string, spec: HelpOptionSpec): string[] {
  const keys = [key];
  if (key.includes('-')) keys.push(camelCase(key));
  if (spec.alias !== undefined) keys.push(spec.alias);
  return keys;
}

/** A plain decimal, the only number form this parser reads (yargs reads more: those go to yargs). */
const plainNumber = /^-?\d{1,15}(\.\d{1,15})?$/;

/** An argument after `--` that yargs-parser would turn into a number: only plain integers are modelled. */
const plainInteger = /^(0|[1-9]\d{0,14})$/;

/** Something yargs-parser might read as a number or a negative-number value: not modelled after `--`. */
const numberLike = /^[-+]?(\.|\d|0x)/i;

/**
 * Parses `argv` for the command it names, or returns undefined when yargs must decide (see the module comment).
 * `commandIndex` is where `main` found the command's name.
 */
export function parseCommandArgv(
  argv: readonly string[],
  commandIndex: number,
  globals: ReadonlyArray<readonly [string, HelpOptionSpec]>,
  declared: DeclaredCommand,
): ParsedArgv | undefined {
  const [name, ...words] = declared.command.split(' ');
  if (name === undefined || argv[commandIndex] !== name) return undefined;
  const positionalNames = words.map((word) => {
    const match = /^([<[])([a-z][a-z0-9-]*)[>\]]$/.exec(word);
    return match === null ? undefined : { key: match[2] as string, required: match[1] === '<' };
  });
  if (positionalNames.some((positional) => positional === undefined)) return undefined;

  // Every spelling an option answers to → its key and declaration.
  const options = new Map<string, { key: string; spec: HelpOptionSpec }>();
  // Before the command's name yargs knows only the global options (a command's own there is an unknown argument).
  const globalKeys = new Set(globals.map(([key]) => key));
  for (const [key, spec] of [...globals, ...declared.options]) {
    if (keysOf(key, spec).some((spelling) => options.has(spelling))) return undefined;
    if (spec.type === undefined || (spec.array === true && spec.type !== 'string')) return undefined;
    for (const spelling of keysOf(key, spec)) options.set(spelling, { key, spec });
  }
  const positionalSpecs = new Map(declared.positionals);
  for (const positional of positionalNames) {
    // A positional without a `string` declaration is one yargs may read as a number: not modelled.
    const spec = positionalSpecs.get(positional?.key ?? '');
    if (spec === undefined || spec.type !== 'string' || spec.array === true || spec.alias !== undefined) return undefined;
    if (options.has(positional?.key ?? '') || options.has(camelCase(positional?.key ?? ''))) return undefined;
  }
  if (declared.positionals.some(([key]) => !positionalNames.some((positional) => positional?.key === key))) return undefined;

  const given = new Map<string, unknown>();
  const positionals: string[] = [];
  const rest: Array<string | number> = [];
  const set = (key: string, value: unknown): boolean => {
    const existing = given.get(key);
    const spec = options.get(key)?.spec;
    if (spec?.array === true) {
      given.set(key, [...((existing as unknown[] | undefined) ?? []), value]);
      return true;
    }
    // A repeated single-value option: yargs passes an array on and `checkOptionValues` reports it.
    if (existing !== undefined) return false;
    given.set(key, value);
    return true;
  };

  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] as string;
    if (arg === '--') {
      // `-- migrate …`: `main` took the word after it for the command, yargs does not.
      if (index < commandIndex) return undefined;
      for (const after of argv.slice(index + 1)) {
        if (plainInteger.test(after)) rest.push(Number(after));
        else if (numberLike.test(after)) return undefined;
        else rest.push(after);
      }
      break;
    }
    if (index === commandIndex) continue;
    if (!arg.startsWith('-') || arg === '-') {
      if (index < commandIndex || arg === '-') return undefined;
      positionals.push(arg);
      continue;
    }
    let spelling: string;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const equals = arg.indexOf('=');
      spelling = equals < 0 ? arg.slice(2) : arg.slice(2, equals);
      inline = equals < 0 ? undefined : arg.slice(equals + 1);
    } else {
      // `-q`, `-v`: one short alias; bundles (`-qv`) and `-q=…` go to yargs.
      if (arg.length !== 2) return undefined;
      spelling = arg.slice(1);
    }
    // yargs' own flags: `--help` prints help, `--version` the version, unless the command turned it off.
    if (spelling === 'help' || spelling === 'h' || (spelling === 'version' && !declared.versionOff)) return undefined;
    const option = options.get(spelling);
    if (option === undefined && spelling.startsWith('no-') && inline === undefined) {
      const negated = options.get(spelling.slice(3));
      if (negated === undefined || negated.key !== spelling.slice(3) || negated.spec.type !== 'boolean') return undefined;
      if (index < commandIndex && !globalKeys.has(negated.key)) return undefined;
      if (!set(negated.key, false)) return undefined;
      continue;
    }
    if (option === undefined || (index < commandIndex && !globalKeys.has(option.key))) return undefined;
    const { key, spec } = option;
    const next = argv[index + 1];
    if (spec.type === 'boolean') {
      let value = true;
      if (inline !== undefined) {
        if (inline !== 'true' && inline !== 'false') return undefined;
        value = inline === 'true';
      } else if (next === 'true' || next === 'false') {
        return undefined;
      }
      if (!set(key, value)) return undefined;
      continue;
    }
    // A string or number option takes the next argument (or its `=` value).
    let value: string;
    if (inline !== undefined) {
      if (inline === '') return undefined;
      value = inline;
    } else {
      if (next === undefined || next === '--' || (next.startsWith('-') && !(spec.type === 'number' && plainNumber.test(next)))) return undefined;
      // `--url doctor`: `main` took `doctor` for the command, yargs for the value.
      if (index + 1 === commandIndex) return undefined;
      value = next;
      index += 1;
    }
    if (spec.type === 'number') {
      if (!plainNumber.test(value)) return undefined;
      if (!set(key, Number(value))) return undefined;
    } else if (!set(key, value)) return undefined;
    // An array option takes every following argument up to the next option (`--fault a b`).
    if (spec.array === true && inline === undefined) {
      while (index + 1 < argv.length && !(argv[index + 1] as string).startsWith('-')) {
        index += 1;
        set(key, argv[index]);
      }
    } else if (spec.array === true && index + 1 < argv.length && !(argv[index + 1] as string).startsWith('-')) {
      return undefined;
    }
  }

  const parsed: ParsedArgv = { _: [name, ...rest], $0: 'membank' };
  for (const [key, spec] of [...globals, ...declared.options]) {
    const value = given.has(key) ? given.get(key) : spec.default;
    if (value === undefined) {
      if (spec.demandOption === true) return undefined;
      continue;
    }
    if (spec.choices !== undefined && !spec.choices.includes(value as string | number)) return undefined;
    for (const spelling of keysOf(key, spec)) parsed[spelling] = value;
  }
  if (positionals.length > positionalNames.length) return undefined;
  for (const [at, positional] of positionalNames.entries()) {
    if (positional === undefined) return undefined;
    const spec = positionalSpecs.get(positional.key) ?? {};
    const value = positionals[at] ?? spec.default;
    if (value === undefined) {
      if (positional.required || spec.demandOption === true) return undefined;
      continue;
    }
    if (spec.choices !== undefined && !spec.choices.includes(value as string)) return undefined;
    for (const spelling of keysOf(positional.key, spec)) parsed[spelling] = value;
  }
  for (const check of declared.checks) {
    try {
      if (check(parsed) !== true) return undefined;
    } catch {
      // The check refused: yargs runs it again and reports its message as it always has.
      return undefined;
    }
  }
  return parsed;
}
