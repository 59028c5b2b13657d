/**
 * membank's own argv parser (argv.ts) against yargs, the reference: for every command, the object its `run`
 * receives is the same under both (`main`'s `argvParser: 'own' | 'yargs'`), and the clean argv lists are parsed
 * without constructing a yargs parser at all; every usage error prints yargs' message and exit code under both.
 */
import { describe, expect, it, vi } from 'vitest';
import { commands } from '../../../src/cli/commands/index.js';
import { globalOptions, recordBuilder } from '../../../src/cli/help.js';
import { main, type MainOptions } from '../../../src/cli/main.js';

/** What each command's `run` received (the command modules are the real ones, their `run` records instead of running). */
const recorder = vi.hoisted(() => {
  const state = { calls: [] as Array<Record<string, unknown>>, yargsParsers: 0 };
  const wrap = (module: Record<string, unknown>): Record<string, unknown> =>
    Object.fromEntries(
      Object.entries(module).map(([name, value]) => {
        const isCommand = typeof value === 'object' && value !== null && 'builder' in value && 'run' in value;
        if (!isCommand) return [name, value];
        return [
          name,
          {
            ...(value as object),
            run: async (args: Record<string, unknown>) => {
              state.calls.push(args);
              return 0;
            },
          },
        ];
      }),
    );
  return { state, wrap };
});

vi.mock('../../../src/cli/commands/discover.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/parse.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/validate.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/plan.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/apply.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/migrate.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/sync.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/mcp.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/rollback.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/restore-command.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/runs-command.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/show-command.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/doctor.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/sandbox.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/demo.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/init.js', async (importOriginal) => recorder.wrap(await importOriginal()));
vi.mock('../../../src/cli/commands/completion.js', async (importOriginal) => recorder.wrap(await importOriginal()));
// Every yargs parser constructed is counted.
vi.mock('yargs', async (importOriginal) => {
  const original = await importOriginal<typeof import('yargs')>();
  const make = (...args: Parameters<typeof original.default>) => {
    recorder.state.yargsParsers += 1;
    return original.default(...args);
  };
  return { ...original, default: make };
});

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
  /** What the command's `run` received; undefined when it did not run. */
  args: Record<string, unknown> | undefined;
  /** How many yargs parsers the run constructed. */
  yargsParsers: number;
}

async function run(argv: string[], argvParser: MainOptions['argvParser']): Promise<Outcome> {
  recorder.state.calls.length = 0;
  recorder.state.yargsParsers = 0;
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    { stdout: { write: (chunk: string) => (stdout += chunk) }, stderr: { write: (chunk: string) => (stderr += chunk) }, env: {}, cwd: '/' },
    { argvParser },
  );
  expect(recorder.state.calls.length).toBeLessThanOrEqual(1);
  return { code, stdout, stderr, args: recorder.state.calls[0], yargsParsers: recorder.state.yargsParsers };
}

/** Global options, before or after the command: each is added to one command's base argv below. */
const globalVariants: string[][] = [
  ['--json'],
  ['--json=false'],
  ['--json=true', '--no-color'],
  ['--log-level', 'debug'],
  ['--log-level=silent', '-q'],
  ['-v', '--color'],
  ['--quiet', '--no-verbose'],
  ['--config', 'membank.config.yaml'],
  ['--config=other.yaml', '--logLevel', 'info'],
];

/** Per command, argv lists the own parser models (aliases, `=` forms, negations, arrays, numbers, positionals, `--`). */
const clean: Record<string, string[][]> = {
  discover: [['discover', '.'], ['discover', './bank', '--explain', '--include-text'], ['discover', '--includeText', '--no-explain', '.'], ['discover', '007']],
  parse: [['parse', '.'], ['parse', 'bank', '--explain'], ['parse', '--explain=false', 'my bank']],
  validate: [['validate', '.'], ['validate', '.', '--explain', '--', 'rest', '5']],
  plan: [
    ['plan', '.'],
    ['plan', '.', '--out', 'p.json', '--html=p.html', '--detailed-exitcode', '--allow-other-bank', '--project', 'P', '--url', 'http://x', '--token', 'tk_1', '--token-file', 'f', '--state', 's.sqlite'],
    ['plan', '--tokenFile=t', '--detailedExitcode', 'repo', '--no-allow-other-bank'],
  ],
  apply: [['apply', 'plan.json'], ['apply', 'plan.json', '--no-verify', '--allow-mass-change', '--metrics-file', 'm.prom'], ['apply', '--metricsFile=m', 'p.json', '--verify']],
  migrate: [
    ['migrate', './repo'],
    ['migrate', './repo', '--dry-run', '--out', 'plan.json', '--detailed-exitcode'],
    ['migrate', './repo', '--dryRun', '--no-verify', '--allow-other-bank', '--allow-mass-change', '--project=Work'],
    ['migrate', '--token', '123', './repo'],
    ['migrate', './repo', '--dry-run', '--out=-'],
  ],
  sync: [
    ['sync', '.'],
    ['sync', '.', '--conflicts', 'prefer-vikunja', '--interval', '5', '--safety-interval=1.5', '--debounce', '0', '--no-webhooks', '--listen', '127.0.0.1:0', '--watch'],
    ['sync', '.', '--dry-run', '--fail-on-conflict', '--html', 'r.html', '--webhook-url=http://h/w?a=b', '--interval', '-1', '--conflicts=newest'],
  ],
  mcp: [['mcp', '.'], ['mcp', 'repo', '--url', 'http://x', '--project', 'p']],
  rollback: [['rollback', '2026-11-21T13-40-00Z-k3x9q2'], ['rollback', '007', '--dry-run', '--force', '--include-later', '--state', 's']],
  restore: [['restore', '.'], ['restore', '.', '--at', 'r1', '--from-vikunja', '--force', '--dry-run']],
  runs: [['runs'], ['runs', '--limit', '5', '--verify'], ['runs', '--limit=05', '--state', 's.sqlite'], ['runs', '--limit', '-1']],
  show: [['show', 'r1'], ['show', 'r1', '--journal', '--open'], ['show', '--no-journal', 'r1']],
  doctor: [
    ['doctor'],
    ['doctor', '--url', 'http://127.0.0.1:9', '--token', 'tk_x', '--token-file', 'f', '--webhook-url', 'http://h/w'],
    ['doctor', '--url=http://a=b', '--webhookUrl', 'x'],
    ['doctor', '--', '5', '-x', 'y'],
    ['doctor', '--url=http://x', '--token', '', '--no-json'],
  ],
  sandbox: [
    ['sandbox'],
    ['sandbox', '--port', '0', '--fault', '500=0.2', '--fault', 'drop=0.1', '--fault=seed=7'],
    ['sandbox', '--fault', 'a', 'b', '--version', '2.3.0', '--database', 'postgres', '--max-open-connections', '3', '--concurrent-writes'],
    ['sandbox', '--host', '0.0.0.0', '--prefix', '/v', '--token', 't', '--rate-limit', '100/60s', '--latency', '5ms', '--enforce-serial-writes', '--postgres-max-connections', '10', '--max-items-per-page', '2'],
  ],
  demo: [['demo'], ['demo', '--keep']],
  init: [['init'], ['init', './repo', '--url', 'u', '--project', 'p', '--force'], ['init', '5']],
  completion: [['completion'], ['completion', 'zsh'], ['completion', 'bash']],
};

/** Argv lists the own parser hands to yargs (not modelled, or wrong): same outcome either way, yargs' messages. */
const handedToYargs: string[][] = [
  ['doctor', '--frobnicate'],
  ['doctor', 'extra'],
  ['doctor', '--url'],
  ['doctor', '--url', 'a', '--url', 'b'],
  ['doctor', '--json', '--json'],
  ['doctor', '-q', '--quiet'],
  ['doctor', '--json', 'true'],
  ['doctor', '-qv'],
  ['doctor', '--no-url'],
  ['doctor', '--version'],
  ['--url', 'doctor'],
  ['--log-level', 'loud', 'doctor'],
  ['migrate'],
  ['migrate', 'd', '--out', 'x'],
  ['migrate', 'd', '--detailed-exitcode'],
  ['migrate', 'a', 'b'],
  ['migrate', '--', './d'],
  ['--dry-run', 'migrate', './repo'],
  ['--webhook-url=x', 'doctor'],
  ['--no-explain', 'parse', '.'],
  ['runs', '--limit', 'abc'],
  ['runs', '--limit', '0x10'],
  ['runs', '--limit', '1', '--limit', '2'],
  ['sync', 'd', '--conflicts', 'nope'],
  ['sync', 'd', '--interval'],
  ['completion', 'fish'],
  ['sandbox', '--fault=a', 'b'],
  ['rollback'],
  ['show', 'r1', '--', '-1'],
  ['--', 'completion', 'bash'],
];

/** A deterministic pseudo-random sequence (a linear congruential generator), so a failure names a reproducible argv. */
function createRandom(seed: number): (below: number) => number {
  let state = seed;
  return (below) => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state % below;
  };
}

describe('own argv parser vs yargs', () => {
  it('covers every command', () => {
    expect(Object.keys(clean).sort()).toEqual(commands.map((entry) => entry.command.split(' ')[0]).sort());
  });

  for (const [name, lists] of Object.entries(clean)) {
    it(`${name}: run receives the same arguments under both parsers, and the own parser loads no yargs`, async () => {
      const variants = lists.flatMap((argv, index) => {
        const globals = globalVariants[index % globalVariants.length] ?? [];
        const other = globalVariants[(index + 3) % globalVariants.length] ?? [];
        return [argv, [...argv, ...globals], [...other, ...argv]];
      });
      for (const argv of variants) {
        const reference = await run(argv, 'yargs');
        expect({ argv, code: reference.code, stderr: reference.stderr }).toEqual({ argv, code: 0, stderr: '' });
        expect(reference.args, argv.join(' ')).toBeDefined();
        const own = await run(argv, 'own');
        expect({ argv, ...own }).toStrictEqual({ argv, ...reference, yargsParsers: 0 });
      }
    }, 60_000);
  }

  it('random argv lists from each command\'s own words (options in every spelling, values, choices, `--`) come out the same under both parsers', async () => {
    const random = createRandom(42);
    for (const entry of commands) {
      const name = entry.command.split(' ')[0] ?? entry.command;
      const declared = recordBuilder(await entry.load());
      expect(declared, name).toBeDefined();
      const words = ['--', '-', 'x', '5', '-1', '0', 'true', 'false', '', 'bash', 'a=b', '-q', '-v', '-qv', '--version', '1.5', '05'];
      for (const [key, spec] of [...globalOptions, ...(declared?.options ?? [])]) {
        words.push(`--${key}`, `--${key}=1`, `--${key}=true`, `--no-${key}`, `--${key.replace(/-([a-z])/g, (_match, letter: string) => letter.toUpperCase())}`);
        for (const choice of spec.choices ?? []) words.push(String(choice));
      }
      for (let round = 0; round < 15; round++) {
        const argv = Array.from({ length: random(6) }, () => words[random(words.length)] ?? '');
        argv.splice(random(2) === 0 ? 0 : random(argv.length + 1), 0, name);
        const reference = await run(argv, 'yargs');
        const own = await run(argv, 'own');
        expect({ argv, ...own, yargsParsers: 0 }).toStrictEqual({ argv, ...reference, yargsParsers: 0 });
      }
    }
  }, 120_000);

  it('every usage error (and what the own parser does not model) gives yargs\' stderr and exit code under both', async () => {
    for (const argv of handedToYargs) {
      const reference = await run(argv, 'yargs');
      const own = await run(argv, 'own');
      expect({ argv, ...own }).toStrictEqual({ argv, ...reference });
    }
    // The cases above include real usage errors (not only ones yargs accepts).
    expect((await run(['doctor', '--frobnicate'], 'own')).stderr).toContain('Unknown argument: frobnicate');
    expect((await run(['migrate', 'd', '--out', 'x'], 'own')).code).toBe(64);
    expect((await run(['runs', '--limit', '1', '--limit', '2'], 'own')).stderr).toContain('--limit was given 2 times');
  }, 60_000);
});
