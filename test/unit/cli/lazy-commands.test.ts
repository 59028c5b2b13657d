/**
 * Start-up: `membank --help` loads no command module (no state store, Vikunja client, sandbox or Markdown
 * parser) and not the logger's pino, yet lists every command; a command's own options are loaded when it is
 * named, its dependencies only when it runs (`doctor --help` loads neither the config reader nor the client).
 */
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { commands } from '../../../src/cli/commands/index.js';
import { runCli } from '../../helpers/cli.js';
import { resolvedUrlHook, runFreshModule, trackLoadedModules } from '../../helpers/fresh-process.js';

const loaded = vi.hoisted(() => [] as string[]);
vi.mock('../../../src/store/index.js', async (importOriginal) => {
  loaded.push('store');
  return importOriginal();
});
vi.mock('../../../src/vikunja/index.js', async (importOriginal) => {
  loaded.push('vikunja');
  return importOriginal();
});
vi.mock('../../../src/sandbox/index.js', async (importOriginal) => {
  loaded.push('sandbox');
  return importOriginal();
});
vi.mock('../../../src/config.js', async (importOriginal) => {
  loaded.push('config');
  return importOriginal();
});
vi.mock('../../../src/config-input.js', async (importOriginal) => {
  loaded.push('config input');
  return importOriginal();
});
vi.mock('../../../src/cli/commands/migrate.js', async (importOriginal) => {
  loaded.push('migrate command');
  return importOriginal();
});
// Every yargs parser made is recorded (not only the first load: the module stays cached between tests), and so is
// every time one lays out its help text.
vi.mock('yargs', async (importOriginal) => {
  const original = await importOriginal<typeof import('yargs')>();
  const make = (...args: Parameters<typeof original.default>) => {
    loaded.push('yargs');
    const parser = original.default(...args);
    const usage = (parser as unknown as { getInternalMethods(): { getUsageInstance(): { help: (...rest: unknown[]) => unknown } } })
      .getInternalMethods()
      .getUsageInstance();
    const help = usage.help;
    usage.help = function (this: unknown, ...rest: unknown[]) {
      loaded.push('yargs help laid out');
      return help.apply(this, rest);
    };
    return parser;
  };
  return { ...original, default: make };
});

/** `main`, imported by the fresh processes below. */
const mainUrl = new URL('../../../src/cli/main.ts', import.meta.url).href;

/** What a fresh process loaded importing `main` (`atStart`) and then per run, each run's exit code, and stdout. */
interface FreshRun {
  codes: number[];
  atStart: string[];
  loaded: string[][];
  out: string;
}

/**
 * Runs `main` with each argv in turn in a fresh Node process (cwd: the OS temp folder) and says, per run, which
 * modules it loaded that importing `main` and the runs before it had not (file paths with `/` separators: packages under
 * `node_modules/<name>/`, the project's own files under the repository), the exit codes and everything written to
 * stdout.
 */
function runMainInFreshProcess(runs: string[][]): FreshRun {
  const script = [
    ...trackLoadedModules,
    'const [mainUrl, cwd, runsJson] = process.argv.slice(1);',
    'const { main } = await import(mainUrl);',
    "let out = '';",
    'const io = { stdout: { write: (c) => (out += c) }, stderr: { write: () => true }, env: {}, cwd };',
    'const codes = [];',
    'const loaded = [];',
    'const seen = new Set();',
    'const collect = () => {',
    '  const fresh = loadedFiles().filter((path) => !seen.has(path));',
    '  for (const path of fresh) seen.add(path);',
    '  return fresh;',
    '};',
    'await settle();',
    'const atStart = collect();',
    'for (const argv of JSON.parse(runsJson)) {',
    '  codes.push(await main(argv, io));',
    '  await settle();',
    '  loaded.push(collect());',
    '}',
    'process.stdout.write(JSON.stringify({ codes, atStart, loaded, out }));',
  ];
  return JSON.parse(runFreshModule(script, [mainUrl, tmpdir(), JSON.stringify(runs), resolvedUrlHook]).stdout) as FreshRun;
}

/**
 * Runs `main(argv(url))` in a fresh Node process (cwd: the OS temp folder, no config file) next to a TCP server on
 * 127.0.0.1 that drops every connection, and says which modules had been loaded when the first connection arrived
 * (file paths with `/` separators, as above) and the run's exit code.
 */
function modulesAtFirstConnection(argv: string[]): { code: number; connections: number; atFirstConnection: string[] } {
  const script = [
    ...trackLoadedModules,
    "import { createServer } from 'node:net';",
    'const [mainUrl, cwd, argvJson] = process.argv.slice(1);',
    'let atFirstConnection;',
    'let connections = 0;',
    'const server = createServer((socket) => {',
    '  connections += 1;',
    '  atFirstConnection ??= loadedFiles();',
    '  socket.destroy();',
    '});',
    "await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));",
    'const { main } = await import(mainUrl);',
    "const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd };",
    "const code = await main(JSON.parse(argvJson).map((arg) => arg.replace('PORT', String(server.address().port))), io);",
    'server.close();',
    'process.stdout.write(JSON.stringify({ code, connections, atFirstConnection: atFirstConnection ?? [] }));',
  ];
  const output = runFreshModule(script, [mainUrl, tmpdir(), JSON.stringify(argv), resolvedUrlHook]).stdout;
  return JSON.parse(output) as { code: number; connections: number; atFirstConnection: string[] };
}

/**
 * A loader hook that appends a marker to p-retry's source: the module, once evaluated, counts itself in
 * `globalThis.__membankPRetryEvaluated`.
 */
const pRetryMarkerHook = [
  'export async function load(url, context, next) {',
  '  const loaded = await next(url, context);',
  "  if (!url.includes('/node_modules/p-retry/')) return loaded;",
  "  return { ...loaded, source: `${loaded.source};globalThis.__membankPRetryEvaluated = (globalThis.__membankPRetryEvaluated ?? 0) + 1;` };",
  '}',
].join('\n');

/**
 * Runs `main(argv(url))` in a fresh Node process next to a TCP server on 127.0.0.1 that drops every connection, and
 * says whether p-retry had been evaluated when the process opened its first connection (`net.Socket#connect`), how
 * many connections arrived and the exit code.
 */
function pRetryAtFirstConnect(argv: string[]): { code: number; connections: number; evaluatedAtConnect: boolean | undefined } {
  const script = [
    "import { register } from 'node:module';",
    "import { createServer, Socket } from 'node:net';",
    'const [mainUrl, cwd, argvJson, hookSource] = process.argv.slice(1);',
    "register(`data:text/javascript,${encodeURIComponent(hookSource)}`, import.meta.url);",
    'let evaluatedAtConnect;',
    'const connect = Socket.prototype.connect;',
    'Socket.prototype.connect = function (...args) {',
    '  evaluatedAtConnect ??= (globalThis.__membankPRetryEvaluated ?? 0) > 0;',
    '  return connect.apply(this, args);',
    '};',
    'let connections = 0;',
    'const server = createServer((socket) => { connections += 1; socket.destroy(); });',
    "await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));",
    'const { main } = await import(mainUrl);',
    "const io = { stdout: { write: () => true }, stderr: { write: () => true }, env: {}, cwd };",
    "const code = await main(JSON.parse(argvJson).map((arg) => arg.replace('PORT', String(server.address().port))), io);",
    'server.close();',
    'process.stdout.write(JSON.stringify({ code, connections, evaluatedAtConnect }));',
  ];
  const output = runFreshModule(script, [mainUrl, tmpdir(), JSON.stringify(argv), pRetryMarkerHook]).stdout;
  return JSON.parse(output) as { code: number; connections: number; evaluatedAtConnect: boolean | undefined };
}

/** The files of package `name` that the process loaded at all. */
function filesOfPackage(run: FreshRun, name: string): string[] {
  return [...run.atStart, ...run.loaded.flat()].filter((path) => path.includes(`/node_modules/${name}/`));
}

/**
 * What no `--help` may load: the dependencies of running a command (the state store's better-sqlite3, the HTTP
 * client got, zod, pino, the YAML and Markdown parsers, yargs itself) and the project's workflows, jobs, state
 * store, Vikunja client and memory-bank parsers.
 */
const notForHelp = [
  /\/node_modules\/(better-sqlite3|got|zod|pino|yaml|yargs|unified|remark-[^/]+|micromark[^/]*|mdast-[^/]+)\//,
  /\/(src\/pipeline\/workflows|src\/store|src\/vikunja|src\/memory-bank|jobs)\//,
];

describe('CLI start-up', () => {
  it('--help lists every command with its description and loads none of their modules, nor yargs', async () => {
    const help = await runCli(['--help']);
    expect(help.code, help.stderr).toBe(0);
    for (const entry of commands) {
      expect(help.stdout).toContain(`membank ${entry.command}`);
      expect(help.stdout.replace(/\s+/g, ' ')).toContain(entry.describe.split(' ').slice(0, 6).join(' '));
    }
    expect(loaded).toEqual([]);
  });

  it('a named command is loaded with its options: migrate --help shows --dry-run', async () => {
    const help = await runCli(['migrate', '--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('--dry-run');
    expect(loaded).toContain('migrate command');
  }, 60_000);

  it('doctor --help shows its options without loading the config reader, the Vikunja client or yargs', async () => {
    loaded.length = 0;
    const help = await runCli(['doctor', '--help']);
    expect(help.code, help.stderr).toBe(0);
    expect(help.stdout).toContain('--token-file');
    expect(loaded).toEqual([]);
  }, 60_000);

  it('bare membank (a usage error, exit 64) loads no command and not yargs; a usage error in a command\'s options is yargs\'', async () => {
    loaded.length = 0;
    const bare = await runCli([]);
    expect(bare.code).toBe(64);
    expect(loaded).toEqual([]);
    const wrong = await runCli(['doctor', '--frobnicate']);
    expect(wrong.code).toBe(64);
    expect(wrong.stderr).toContain('Unknown argument: frobnicate');
    expect(loaded).toContain('yargs');
  }, 60_000);

  it('argv the own parser hands to yargs (`--json true`) is parsed by yargs without laying out its help text; a usage error still shows the way to help', async () => {
    loaded.length = 0;
    const run = await runCli(['completion', 'bash', '--json', 'true']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('membank');
    expect(loaded).toContain('yargs');
    expect(loaded).not.toContain('yargs help laid out');
    const wrong = await runCli(['completion', 'bash', '--frobnicate']);
    expect(wrong.code).toBe(64);
    expect(wrong.stderr).toContain('Unknown argument: frobnicate');
    expect(wrong.stderr).toContain('Run membank --help for usage.');
  }, 60_000);

  it('--help and --version do not load pino; --version prints the package version', () => {
    const result = runMainInFreshProcess([['--help'], ['--version']]);
    expect(result.codes).toEqual([0, 0]);
    expect(result.out).toContain('membank migrate <dir>');
    const version = (JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
    expect(result.out.endsWith(`\n${version}\n`)).toBe(true);
    expect(filesOfPackage(result, 'pino')).toEqual([]);
  }, 60_000);

  it('doctor (no config file) runs without loading the YAML parser', () => {
    const result = runMainInFreshProcess([['doctor', '--url', 'http://127.0.0.1:9', '--json', '--log-level', 'silent']]);
    expect(result.codes, result.out).toEqual([5]);
    expect((JSON.parse(result.out) as { reachable: boolean }).reachable).toBe(false);
    expect(filesOfPackage(result, 'yaml')).toEqual([]);
  }, 60_000);

  it('doctor (no config file) sends its first request before loading zod, and loads no got at all', () => {
    const result = modulesAtFirstConnection(['doctor', '--url', 'http://127.0.0.1:PORT', '--token', 'tk_x', '--json', '--log-level', 'silent']);
    // The server drops both attempts (doctor retries once): unreachable, exit 5.
    expect({ code: result.code, connections: result.connections }).toEqual({ code: 5, connections: 2 });
    // The hook saw the project's own modules on the way (the check above would pass on an empty list otherwise).
    expect(result.atFirstConnection.some((path) => path.endsWith('/src/vikunja/transport.ts'))).toBe(true);
    const offenders = result.atFirstConnection
      .filter((path) => /\/node_modules\/(zod|got)\//.test(path))
      .map((path) => path.replace(/^.*\/node_modules\/([^/]+)\/.*$/, '$1'))
      .filter((name, at, names) => names.indexOf(name) === at);
    expect(offenders).toEqual([]);
  }, 60_000);

  it('doctor parses its arguments without yargs: no yargs module is loaded before its first request', () => {
    const result = modulesAtFirstConnection(['--log-level', 'silent', 'doctor', '--url=http://127.0.0.1:PORT', '--token', 'tk_x', '--json', '--webhook-url', 'http://127.0.0.1:1/webhook']);
    expect({ code: result.code, connections: result.connections }).toEqual({ code: 5, connections: 2 });
    expect(result.atFirstConnection.some((path) => path.endsWith('/src/cli/commands/doctor.ts'))).toBe(true);
    const yargsFiles = result.atFirstConnection.filter((path) => /\/node_modules\/(yargs|yargs-parser|cliui|y18n)\//.test(path));
    expect(yargsFiles).toEqual([]);
  }, 60_000);

  it('doctor\'s first request leaves before p-retry is loaded, and p-retry then retries it as before', () => {
    const result = pRetryAtFirstConnect(['doctor', '--url', 'http://127.0.0.1:PORT', '--token', 'tk_x', '--json', '--log-level', 'silent']);
    // The server drops both attempts: the second is p-retry's retry of the first.
    expect(result).toEqual({ code: 5, connections: 2, evaluatedAtConnect: false });
  }, 60_000);

  it('parse and discover read a bank without loading the state store (better-sqlite3)', () => {
    const bank = fileURLToPath(new URL('../../../fixtures/parser/01-task-file-headers', import.meta.url));
    const result = runMainInFreshProcess(
      ['parse', 'discover'].map((command) => [command, bank, '--json', '--log-level', 'silent']),
    );
    expect(result.codes).toEqual([0, 0]);
    expect(result.out.length).toBeGreaterThan(0);
    expect(filesOfPackage(result, 'better-sqlite3')).toEqual([]);
  }, 60_000);

  it('every command\'s --help, in a fresh process, loads no dependency of running it (nor yargs); so do bare membank and the completion script', () => {
    const names = commands.map((entry) => entry.command.split(' ')[0] ?? entry.command);
    const runs = [...names.map((name) => [name, '--help']), [], ['completion', 'bash']];
    const result = runMainInFreshProcess(runs);
    expect(result.codes).toEqual([...names.map(() => 0), 64, 0]);
    const offenders = runs.map((argv, index) => ({
      argv: argv.join(' '),
      loaded: [...(index === 0 ? result.atStart : []), ...(result.loaded[index] ?? [])]
        // `completion bash` runs, and yargs writes its script.
        .filter((path) => !(argv[0] === 'completion' && argv[1] === 'bash' && /\/node_modules\/(yargs|yargs-parser|cliui|y18n|escalade|get-caller-file|string-width|strip-ansi|wrap-ansi|ansi-regex|ansi-styles|emoji-regex|get-east-asian-width)\//.test(path)))
        .filter((path) => notForHelp.some((pattern) => pattern.test(path)))
        .map((path) => path.replace(/^.*\/node_modules\/((@[^/]+\/)?[^/]+)\/.*$/, '$1').replace(/^.*\/(src|jobs)\//, '$1/'))
        .filter((name, at, names) => names.indexOf(name) === at),
    }));
    expect(offenders.filter((offender) => offender.loaded.length > 0)).toEqual([]);
  }, 60_000);

  it("the registry's names and descriptions are the command modules' own", async () => {
    for (const entry of commands) {
      const command = await entry.load();
      expect({ command: entry.command, describe: entry.describe }).toEqual({ command: command.command, describe: command.describe });
    }
  });
});
