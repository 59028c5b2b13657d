/**
 * `--help` without yargs: the global options, usage line and epilogue are declared here once (main.ts gives the
 * same declarations to yargs), a command's own options are read by running its builder against a recorder, and
 * the text is laid out as yargs lays it out (cliui's columns, wrap-ansi's word wrap) — loading yargs and its
 * string-width/Intl.Segmenter costs more than the rest of `membank --help` together. A builder that calls
 * something the recorder does not model makes `renderHelp` return undefined: `main` then asks yargs.
 */
import type { MembankCommand } from './command.js';
import type { CommandEntry } from './commands/index.js';
import { logLevels } from './logger.js';

/** One option or positional as membank's builders declare it (the subset of yargs' options they use). */
export interface HelpOptionSpec {
  type?: 'boolean' | 'string' | 'number' | 'count' | undefined;
  describe?: string | undefined;
  default?: unknown;
  choices?: ReadonlyArray<string | number> | undefined;
  alias?: string | undefined;
  array?: boolean | undefined;
  demandOption?: boolean | undefined;
}

/** Options every command accepts, in the order help lists them. */
export const globalOptions: ReadonlyArray<readonly [string, HelpOptionSpec]> = [
  ['json', { type: 'boolean', default: false, describe: 'Print results as JSON on stdout' }],
  [
    'log-level',
    {
      type: 'string',
      default: 'warn',
      choices: logLevels,
      describe: 'Log level for the JSON log on stderr (env MEMBANK_LOG_LEVEL)',
    },
  ],
  [
    'color',
    {
      type: 'boolean',
      describe:
        'Colour human output: --color forces it, --no-color turns it off (default: on a terminal, unless NO_COLOR or TERM=dumb; FORCE_COLOR forces it)',
    },
  ],
  ['quiet', { alias: 'q', type: 'boolean', default: false, describe: 'Print nothing on success and one line per problem (for cron)' }],
  ['verbose', { alias: 'v', type: 'boolean', default: false, describe: 'Same as --log-level debug' }],
  ['config', { type: 'string', describe: 'Config file (default: membank.config.{json,yaml} in the cwd)' }],
];

/** The top-level usage line and the one-sentence description under it. */
export const usage = '$0 <command> [options]\n\nMigrate and sync an AI memory bank into Vikunja — planned, journaled, verified, reversible.';

/** Printed at the end of the top-level help: exit codes, environment, docs. */
export const epilogue = `Exit codes:
  0  ok                     4  another run holds the lock
  1  failed                 5  Vikunja unavailable (unreachable / circuit open)
  2  plan has changes          — re-run to resume
     (--detailed-exitcode)  6  conflict: stale plan, or rollback refused
  3  validation errors      7  guard tripped (--allow-mass-change)
     in the input          64  usage or configuration error
                          130  interrupted (Ctrl-C)

Environment: VIKUNJA_URL, VIKUNJA_TOKEN (or --token-file), MEMBANK_STATE.
Docs: README.md and docs/.`;

/** The help width membank gives yargs: the terminal's, capped at 110; 100 when stdout is not a terminal. */
export function helpWidth(columns: number | undefined): number {
  return Math.min(110, columns ?? 100);
}

/** What a command's builder declared, as far as help (and the own argv parser, argv.ts) reads it. */
export interface RecordedCommand {
  options: Array<[string, HelpOptionSpec]>;
  positionals: Array<[string, HelpOptionSpec]>;
  examples: Array<[string, string]>;
  /** The builder's `.check()` functions (help ignores them; the own argv parser runs them). */
  checks: Array<(argv: Record<string, unknown>) => unknown>;
  /** `.version(false)`: the command uses `--version` for something else. */
  versionOff: boolean;
  /** An option uses a key help ignores but parsing needs (`conflicts`, `implies`, `coerce`, …): only yargs parses it. */
  parseOnlyKeys: boolean;
}

/** Option keys that change nothing in help (yargs checks them while parsing). */
const parseOnlyKeys = new Set(['conflicts', 'implies', 'coerce', 'requiresArg', 'nargs']);
const modelledKeys = new Set(['type', 'describe', 'default', 'choices', 'alias', 'array', 'demandOption']);

function isModelled(spec: unknown): spec is HelpOptionSpec {
  if (typeof spec !== 'object' || spec === null) return false;
  for (const [key, value] of Object.entries(spec)) {
    if (parseOnlyKeys.has(key)) continue;
    if (!modelledKeys.has(key)) return false;
    if (key === 'type' && !['boolean', 'string', 'number'].includes(value as string)) return false;
    if (key === 'alias' && typeof value !== 'string') return false;
  }
  return true;
}

/**
 * Runs a command's builder against a recorder of the calls help and the own argv parser need (`option`,
 * `positional`, `example`, `check`, `version(false)`); undefined when the builder calls anything else or passes options help does not
 * model, so the caller falls back to yargs instead of printing incomplete help.
 */
// The builders are typed against yargs' Argv; the recorder implements the part of it they call.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function recordBuilder(command: MembankCommand<any>): RecordedCommand | undefined {
  const recorded: RecordedCommand = { options: [], positionals: [], examples: [], checks: [], versionOff: false, parseOnlyKeys: false };
  let supported = true;
  const noteParseOnly = (spec: unknown): void => {
    if (typeof spec === 'object' && spec !== null && Object.keys(spec).some((key) => parseOnlyKeys.has(key))) recorded.parseOnlyKeys = true;
  };
  const handlers: Record<string, (...args: unknown[]) => void> = {
    option(key, spec) {
      if (typeof key !== 'string' || !isModelled(spec)) supported = false;
      else recorded.options.push([key, spec]);
      noteParseOnly(spec);
    },
    positional(key, spec) {
      if (typeof key !== 'string' || !isModelled(spec)) supported = false;
      else recorded.positionals.push([key, spec]);
      noteParseOnly(spec);
    },
    example(cmd, description) {
      if (typeof cmd !== 'string' || (description !== undefined && typeof description !== 'string')) supported = false;
      else recorded.examples.push([cmd, description ?? '']);
    },
    check(fn, ...rest) {
      if (typeof fn !== 'function' || rest.length > 1) supported = false;
      else recorded.checks.push(fn as (argv: Record<string, unknown>) => unknown);
    },
    version(...args) {
      if (args.length === 1 && args[0] === false) recorded.versionOff = true;
      else supported = false;
    },
  };
  const recorder: object = new Proxy(
    {},
    {
      get(_target, property) {
        const handler = typeof property === 'string' ? handlers[property] : undefined;
        return (...args: unknown[]) => {
          if (handler === undefined) supported = false;
          else handler(...args);
          return recorder;
        };
      },
    },
  );
  command.builder(recorder as Parameters<typeof command.builder>[0]);
  return supported ? recorded : undefined;
}

// --- text layout: the part of cliui and wrap-ansi that yargs' help uses, for plain (ANSI-free) text. ---

const narrowText = /^[\u0020-\u007e\u00a0-\u02ff\u2010-\u2027\u2190-\u21ff]*$/;

/** Columns a string takes in a terminal: 2 for East Asian wide characters, 0 for combining marks. */
export function displayWidth(text: string): number {
  // Nearly all help text is printable ASCII, Latin-1 and a few narrow punctuation marks (— … → ←): one column each.
  if (narrowText.test(text)) return text.length;
  let width = 0;
  for (const char of text) {
    const code = char.codePointAt(0) ?? 0;
    if (code < 0x20 || (code >= 0x7f && code < 0xa0) || (code >= 0x300 && code <= 0x36f) || code === 0x200b || (code >= 0xfe00 && code <= 0xfe0f)) continue;
    const wide =
      (code >= 0x1100 && code <= 0x115f) ||
      (code >= 0x2e80 && code <= 0xa4cf && code !== 0x303f) ||
      (code >= 0xac00 && code <= 0xd7a3) ||
      (code >= 0xf900 && code <= 0xfaff) ||
      (code >= 0xfe30 && code <= 0xfe4f) ||
      (code >= 0xff00 && code <= 0xff60) ||
      (code >= 0xffe0 && code <= 0xffe6) ||
      (code >= 0x1f300 && code <= 0x1faff) ||
      (code >= 0x20000 && code <= 0x3fffd);
    width += wide ? 2 : 1;
  }
  return width;
}

/** Breaks a word longer than the line into pieces (wrap-ansi's `wrapWord`, without escape codes). */
function wrapWord(rows: string[], word: string, columns: number): void {
  const characters = [...word];
  let visible = displayWidth(rows.at(-1) ?? '');
  characters.forEach((character, index) => {
    const characterLength = displayWidth(character);
    if (visible + characterLength <= columns) rows[rows.length - 1] += character;
    else {
      rows.push(character);
      visible = 0;
    }
    visible += characterLength;
    if (visible === columns && index < characters.length - 1) {
      rows.push('');
      visible = 0;
    }
  });
  if (visible === 0 && (rows.at(-1) ?? '').length > 0 && rows.length > 1) {
    const last = rows.pop() ?? '';
    rows[rows.length - 1] += last;
  }
}

function trimSpacesRight(row: string): string {
  const words = row.split(' ');
  let last = words.length;
  while (last > 0 && displayWidth(words[last - 1] ?? '') === 0) last--;
  return last === words.length ? row : words.slice(0, last).join(' ') + words.slice(last).join('');
}

/** wrap-ansi with `{ hard: true }` on one line of plain text. */
function wrapLine(line: string, columns: number): string {
  if (line.trim() === '') return '';
  const words = line.split(' ');
  const lengths = words.map((word) => displayWidth(word));
  let rows = [''];
  words.forEach((word, index) => {
    rows[rows.length - 1] = (rows.at(-1) ?? '').trimStart();
    let rowLength = displayWidth(rows.at(-1) ?? '');
    if (index !== 0 && rowLength > 0) {
      rows[rows.length - 1] += ' ';
      rowLength++;
    }
    const length = lengths[index] ?? 0;
    if (length > columns) {
      const remainingColumns = columns - rowLength;
      const breaksStartingThisLine = 1 + Math.floor((length - remainingColumns - 1) / columns);
      const breaksStartingNextLine = Math.floor((length - 1) / columns);
      if (breaksStartingNextLine < breaksStartingThisLine) rows.push('');
      wrapWord(rows, word, columns);
      return;
    }
    if (rowLength + length > columns && rowLength > 0 && length > 0) rows.push('');
    rows[rows.length - 1] += word;
  });
  rows = rows.map(trimSpacesRight);
  return rows.join('\n');
}

function wrapText(text: string, columns: number): string[] {
  // Text of the narrow characters is already in NFC (normalize() would load ICU's tables for nothing).
  return (narrowText.test(text) ? text : text.normalize())
    .replaceAll('\r\n', '\n')
    .split('\n')
    .map((line) => wrapLine(line, columns))
    .join('\n')
    .split('\n');
}

interface Column {
  text: string;
  /** top, right, bottom, left */
  padding?: [number, number, number, number];
  width?: number | undefined;
  align?: 'right';
}

type Row = Column[] & { span?: boolean };

interface Line {
  text: string;
  span?: boolean | undefined;
  hidden?: boolean;
}

/** cliui's `UI` (wrapping on), for the calls yargs' help makes. */
class Layout {
  private readonly rows: Row[] = [];

  constructor(private readonly width: number) {}

  div(...columns: Array<string | Column>): Row {
    if (columns.length === 0) return this.div('');
    const only = columns[0];
    if (columns.length === 1 && typeof only === 'string' && /[\t\n]/.test(only)) return this.layoutDsl(only);
    const row: Row = columns.map((column) => (typeof column === 'string' ? { text: column, padding: measurePadding(column) } : column));
    this.rows.push(row);
    return row;
  }

  span(...columns: Array<string | Column>): void {
    this.div(...columns).span = true;
  }

  private layoutDsl(text: string): Row {
    const rows = text.split('\n').map((row) => row.split('\t'));
    let leftColumnWidth = 0;
    for (const columns of rows) {
      if (columns.length > 1 && displayWidth(columns[0] ?? '') > leftColumnWidth) {
        leftColumnWidth = Math.min(Math.floor(this.width * 0.5), displayWidth(columns[0] ?? ''));
      }
    }
    for (const columns of rows) {
      this.div(
        ...columns.map((column, index) => ({
          text: column.trim(),
          padding: measurePadding(column),
          width: index === 0 && columns.length > 1 ? leftColumnWidth : undefined,
        })),
      );
    }
    return this.rows[this.rows.length - 1] ?? [];
  }

  toString(): string {
    const lines: Line[] = [];
    for (const row of this.rows) this.rowToString(row, lines);
    return lines
      .filter((line) => line.hidden !== true)
      .map((line) => line.text)
      .join('\n');
  }

  private rowToString(row: Row, lines: Line[]): void {
    this.rasterize(row).forEach((rasterRow, r) => {
      let text = '';
      rasterRow.forEach((cell, c) => {
        const column = row[c] as Column;
        const wrapWidth = negatePadding(column);
        let padded = cell;
        if (wrapWidth > displayWidth(cell)) padded += ' '.repeat(wrapWidth - displayWidth(cell));
        if (column.align === 'right') {
          padded = alignRight(padded, wrapWidth);
          if (displayWidth(padded) < wrapWidth) padded += ' '.repeat((column.width ?? 0) - displayWidth(padded) - 1);
        }
        const padding = column.padding ?? [0, 0, 0, 0];
        if (padding[3]) text += ' '.repeat(padding[3]);
        text += padded;
        if (padding[1]) text += ' '.repeat(padding[1]);
        if (r === 0 && lines.length > 0) text = renderInline(text, lines[lines.length - 1] as Line);
      });
      lines.push({ text: text.replace(/ +$/, ''), span: row.span });
    });
  }

  private rasterize(row: Row): string[][] {
    const rasterRows: string[][] = [];
    const widths = this.columnWidths(row);
    row.forEach((column, c) => {
      column.width = widths[c];
      const wrapped = wrapText(column.text, negatePadding(column));
      const padding = column.padding;
      if (padding !== undefined) {
        wrapped.unshift(...new Array<string>(padding[0]).fill(''));
        wrapped.push(...new Array<string>(padding[2]).fill(''));
      }
      wrapped.forEach((text, r) => {
        if (rasterRows[r] === undefined) rasterRows.push([]);
        const rasterRow = rasterRows[r] as string[];
        for (let i = 0; i < c; i++) if (rasterRow[i] === undefined) rasterRow.push('');
        rasterRow.push(text);
      });
    });
    return rasterRows;
  }

  private columnWidths(row: Row): number[] {
    let unset = row.length;
    let remaining = this.width;
    const widths = row.map((column) => {
      if (column.width) {
        unset--;
        remaining -= column.width;
        return column.width;
      }
      return undefined;
    });
    const unsetWidth = unset ? Math.floor(remaining / unset) : 0;
    return widths.map((width, index) => width ?? Math.max(unsetWidth, minWidth(row[index] as Column)));
  }
}

function measurePadding(text: string): [number, number, number, number] {
  return [0, /\s*$/.exec(text)?.[0].length ?? 0, 0, /^\s*/.exec(text)?.[0].length ?? 0];
}

function negatePadding(column: Column): number {
  return (column.width ?? 0) - (column.padding === undefined ? 0 : column.padding[3] + column.padding[1]);
}

function minWidth(column: Column): number {
  return 1 + (column.padding?.[3] ?? 0) + (column.padding?.[1] ?? 0);
}

function alignRight(text: string, width: number): string {
  const trimmed = text.trim();
  const length = displayWidth(trimmed);
  return length < width ? ' '.repeat(width - length) + trimmed : trimmed;
}

/** A right-aligned column after a span goes on the span's last line when it fits there. */
function renderInline(source: string, previous: Line): string {
  const leadingWhitespace = /^ */.exec(source)?.[0].length ?? 0;
  const target = previous.text;
  const targetWidth = displayWidth(target.trimEnd());
  if (previous.span !== true) return source;
  if (leadingWhitespace < targetWidth) return source;
  previous.hidden = true;
  return target.trimEnd() + ' '.repeat(leadingWhitespace - targetWidth) + source.trimStart();
}

// --- help text, as yargs' usage.help() builds it for membank's declarations. ---

/** A default as yargs prints it: strings in quotes (not escaped), objects as JSON, the rest as they print. */
function defaultText(value: unknown): string {
  if (typeof value === 'string') return `"${value}"`;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function typeHint(spec: HelpOptionSpec): string | null {
  if (spec.array === true) return '[array]';
  if (spec.type === 'boolean') return '[boolean]';
  if (spec.type === 'count') return '[count]';
  if (spec.type === 'string') return '[string]';
  if (spec.type === 'number') return '[number]';
  return null;
}

function extras(spec: HelpOptionSpec): string {
  return [
    typeHint(spec),
    spec.demandOption === true ? '[required]' : null,
    spec.choices === undefined || spec.choices.length === 0 ? null : `[choices: ${spec.choices.map((value) => JSON.stringify(value)).join(', ')}]`,
    spec.default === undefined ? null : `[default: ${defaultText(spec.default)}]`,
  ]
    .filter((part) => part !== null)
    .join(' ');
}

interface HelpTable {
  usage: Array<[string, string]>;
  commands: Array<[string, string]>;
  groups: Array<{ name: string; positional: boolean; rows: ReadonlyArray<readonly [string, HelpOptionSpec]> }>;
  examples: Array<[string, string]>;
  epilogue: string | undefined;
}

function layoutHelp(table: HelpTable, width: number): string {
  const ui = new Layout(width);
  const base = 'membank';
  for (const [line, description] of table.usage) {
    ui.div({ text: line.replace(/\$0/g, base) });
    if (description !== '') ui.div({ text: description, padding: [1, 0, 0, 0] });
  }
  ui.div();
  if (table.commands.length > 0) {
    ui.div('Commands:');
    const commandWidth = Math.min(Math.max(...table.commands.map(([name]) => displayWidth(`${base} ${name}`))), Math.floor(width * 0.5));
    for (const [name, description] of table.commands) {
      ui.span({ text: `${base} ${name}`, padding: [0, 2, 0, 2], width: commandWidth + 4 }, { text: description });
      ui.div();
    }
    ui.div();
  }
  const switchesOf = (key: string, spec: HelpOptionSpec, positional: boolean): string =>
    positional ? key : [...(spec.alias === undefined ? [] : [`-${spec.alias}`]), `--${key}`].join(', ');
  const shortUsed = table.groups.some((group) => !group.positional && group.rows.some(([, spec]) => spec.alias !== undefined));
  for (const group of table.groups) {
    const switches = group.rows.map(([key, spec]) => {
      const text = switchesOf(key, spec, group.positional);
      return { text, indent: !group.positional && shortUsed && text.startsWith('--') ? '-x, '.length : 0 };
    });
    const switchWidth = Math.min(Math.max(...switches.map((sw) => displayWidth(sw.text) + sw.indent)), Math.floor(width * 0.5));
    ui.div(group.name);
    group.rows.forEach(([, spec], index) => {
      const sw = switches[index] as { text: string; indent: number };
      ui.span({ text: sw.text, padding: [0, 2, 0, 2 + sw.indent], width: switchWidth + 4 }, spec.describe ?? '');
      const extra = extras(spec);
      if (extra !== '') ui.div({ text: extra, padding: [0, 0, 0, 2], align: 'right' });
      else ui.div();
    });
    ui.div();
  }
  if (table.examples.length > 0) {
    ui.div('Examples:');
    const examples = table.examples.map(([cmd, description]) => [cmd.replace(/\$0/g, base), description] as const);
    const exampleWidth = Math.min(Math.max(...examples.map(([cmd]) => displayWidth(cmd))), Math.floor(width * 0.5));
    for (const [cmd, description] of examples) {
      if (description === '') ui.div({ text: cmd, padding: [0, 2, 0, 2] });
      else ui.div({ text: cmd, padding: [0, 2, 0, 2], width: exampleWidth + 4 }, { text: description });
    }
    ui.div();
  }
  if (table.epilogue !== undefined) ui.div(`${table.epilogue.replace(/\$0/g, base)}\n`);
  return ui.toString().replace(/\s*$/, '');
}

const helpOptions: ReadonlyArray<readonly [string, HelpOptionSpec]> = [
  ['version', { type: 'boolean', describe: 'Show version number' }],
  ['help', { alias: 'h', type: 'boolean', describe: 'Show help' }],
];

/**
 * The help yargs would print for `membank --help` (command undefined) or `membank <command> --help`, at `width`
 * columns; undefined when the command's builder does something this renderer does not model.
 */
export function renderHelp(
  registry: readonly CommandEntry[],
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  command: { entry: CommandEntry; module: MembankCommand<any> } | undefined,
  width: number,
): string | undefined {
  if (command === undefined) {
    return layoutHelp(
      {
        usage: [[usage, '']],
        commands: registry.map((entry) => [entry.command, entry.describe]),
        groups: [{ name: 'Options:', positional: false, rows: [...globalOptions, ...helpOptions] }],
        examples: [],
        epilogue,
      },
      width,
    );
  }
  const recorded = recordBuilder(command.module);
  if (recorded === undefined) return undefined;
  // yargs lists an option once, where it was first declared; a command redeclaring a global one is not modelled.
  const builtIn = recorded.versionOff ? helpOptions.filter(([key]) => key !== 'version') : helpOptions;
  const rows: Array<readonly [string, HelpOptionSpec]> = [...globalOptions, ...builtIn];
  for (const [key, spec] of recorded.options) {
    if (rows.some(([known]) => known === key)) return undefined;
    rows.push([key, spec]);
  }
  const groups: HelpTable['groups'] = [];
  // A positional the command string writes as <name> is required, whatever its builder says.
  const positionals = recorded.positionals.map(
    ([key, spec]) => [key, command.entry.command.split(' ').includes(`<${key}>`) ? { ...spec, demandOption: true } : spec] as const,
  );
  if (positionals.length > 0) groups.push({ name: 'Positionals:', positional: true, rows: positionals });
  groups.push({ name: 'Options:', positional: false, rows });
  return layoutHelp(
    {
      usage: [[`$0 ${command.entry.command}`, command.entry.describe]],
      commands: [],
      groups,
      examples: recorded.examples,
      epilogue: undefined,
    },
    width,
  );
}
