/**
 * bench/startup: how long membank takes to start — `--help`, `<cmd> --help`, `--version`, bare `membank` (exit 64)
 * and `doctor` against an unreachable server (start-up plus one failed connect, exit 5) — from `dist/` (the
 * published package; `npm run build` first), through the clone's launcher `src/cli/membank.js` (which runs `dist/`
 * when a build is newer than the sources, else tsx) and through tsx itself (`node --import tsx src/cli/bin.ts`:
 * what the launcher does once a source is edited), next to Node's own start (`node -e ''`) measured in the same run.
 * With `--before <dir>` (another tree, e.g. a `git archive` of an older commit built with `npm run build`) the same
 * commands run from that tree too, interleaved. Each command runs `--runs` times in turn; the table gives the
 * median and range of wall time, the median CPU time (user + system, reported by the child at exit: steadier than
 * wall time on a shared machine) and the median peak RSS.
 *
 * `--mode first-request`: how long `membank doctor` takes to send its first request — what a cron job or an MCP
 * client waits for before membank talks to Vikunja. A local TCP server records when the first connection arrives
 * after the spawn (wall time) and the child's CPU time at that moment (user + system, from /proc/<pid>/stat, 10 ms
 * steps), then drops the connection (doctor retries once and exits 5). Next to it, Node's floor: a script that only
 * connects. dist and launcher (tsx only with `--only tsx`), with `--before` as above.
 *
 *   npx tsx bench/startup.ts [--runs 9] [--only dist|launcher|tsx] [--before /tmp/base] [--mode start|first-request]
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Socket } from 'node:net';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '9' }, only: { type: 'string' }, before: { type: 'string' }, mode: { type: 'string', default: 'start' } },
});
if (args.mode !== 'start' && args.mode !== 'first-request') throw new Error(`--mode ${args.mode}: use start or first-request`);
const runs = Math.max(1, Number(args.runs));
const root = fileURLToPath(new URL('..', import.meta.url));
const usageProbe = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nBENCH-USAGE '+JSON.stringify({maxRssKb:u.maxRSS,cpuMs:(u.userCPUTime+u.systemCPUTime)/1000})+'\\n')})`;

interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

function runOnce(argv: string[], cwd: string, exit: number): Sample {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', usageProbe, ...argv], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const wallMs = performance.now() - started;
  if (result.status !== exit) throw new Error(`node ${argv.join(' ')} exited ${result.status}, not ${exit}: ${result.stderr.slice(-400)}`);
  const usage = /BENCH-USAGE (\{.*\})/.exec(result.stderr);
  if (usage === null) throw new Error(`no usage line from node ${argv.join(' ')}`);
  const parsed = JSON.parse(usage[1] ?? '{}') as { maxRssKb: number; cpuMs: number };
  return { wallMs, cpuMs: parsed.cpuMs, rssMb: parsed.maxRssKb / 1024 };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

const trees: Array<{ name: string; dir: string }> = [
  ...(args.before === undefined ? [] : [{ name: 'before', dir: resolve(args.before) }]),
  { name: args.before === undefined ? '' : 'after', dir: root },
];
const entries = (dir: string): Array<{ name: string; argv: string[]; file: string }> =>
  [
    { name: 'dist', argv: [], file: join(dir, 'dist', 'src', 'cli', 'bin.js') },
    { name: 'launcher', argv: [], file: join(dir, 'src', 'cli', 'membank.js') },
    { name: 'tsx', argv: ['--import', 'tsx'], file: join(dir, 'src', 'cli', 'bin.ts') },
  ].filter((entry) => args.only === undefined || entry.name === args.only);
// `doctor` against a port nothing listens on: start-up, config, client, one refused connect (and its one retry).
const commands: Array<{ argv: string[]; exit: number }> = [
  { argv: ['--help'], exit: 0 },
  { argv: ['doctor', '--help'], exit: 0 },
  { argv: ['sandbox', '--help'], exit: 0 },
  // The commands whose modules loaded their whole run (workflows, store, client, parser) for --help until #12.
  { argv: ['migrate', '--help'], exit: 0 },
  { argv: ['sync', '--help'], exit: 0 },
  { argv: ['parse', '--help'], exit: 0 },
  { argv: ['runs', '--help'], exit: 0 },
  { argv: ['--version'], exit: 0 },
  { argv: [], exit: 64 },
  { argv: ['doctor', '--url', 'http://127.0.0.1:9', '--json'], exit: 5 },
];
/** A case's label; the launcher's says which way it went (asked before each run: a source edited meanwhile counts). */
interface Case {
  label: () => string;
  argv: string[];
  cwd: string;
  exit: number;
}
/**
 * A tree's entry as the table names it. The launcher runs dist when that tree's own build stamp says dist is fresh,
 * else tsx: each tree is judged by its own `dist-stamp.js` (an older tree's stamp format differs from this one's).
 */
const freshness = new Map<string, (dir: string) => boolean>();
for (const tree of trees) {
  const stamp = join(tree.dir, 'src', 'cli', 'dist-stamp.js');
  if (existsSync(stamp)) freshness.set(tree.dir, ((await import(pathToFileURL(stamp).href)) as { distIsFresh: (dir: string) => boolean }).distIsFresh);
}
function entryName(name: string, dir: string): string {
  if (name !== 'launcher') return name;
  return `launcher (${freshness.get(dir)?.(dir) === true ? 'runs dist' : 'runs tsx'})`;
}

const cases: Case[] = [{ label: () => "`node -e ''` (Node alone)", argv: ['-e', ''], cwd: root, exit: 0 }];
for (const tree of trees) {
  for (const entry of entries(tree.dir)) {
    if (!existsSync(entry.file)) {
      process.stderr.write(`bench/startup: ${entry.file} not found${entry.name === 'dist' ? ' (run npm run build)' : ''}; skipped\n`);
      continue;
    }
    // The launcher runs dist when a build is newer than every source, else tsx (before this change: always tsx).
    const name = (): string => entryName(entry.name, tree.dir);
    for (const command of commands) {
      const label = (): string => `${tree.name === '' ? '' : `${tree.name} `}${name()} \`${['membank', ...command.argv].join(' ')}\``;
      cases.push({ label, argv: [...entry.argv, entry.file, ...command.argv], cwd: tree.dir, exit: command.exit });
    }
  }
}

if (args.mode === 'first-request') {
  await benchFirstRequest();
  process.exit(0);
}

const samples = new Map<string, Sample[]>();
const loadBefore = loadavg()[0] ?? 0;
// Round-robin, so load that comes and goes touches every command (and both trees) alike.
for (let round = 0; round < runs; round++) {
  for (const item of cases) {
    const label = item.label();
    const sample = runOnce(item.argv, item.cwd, item.exit);
    samples.set(label, [...(samples.get(label) ?? []), sample]);
  }
}
const lines = [
  `bench/startup: ${runs} runs each, round-robin; load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
  '',
  '| command | wall median (min–max) | CPU median | peak RSS |',
  '|---|---|---|---|',
  ...[...samples.keys()].map((label) => {
    const list = samples.get(label) ?? [];
    const walls = list.map((sample) => sample.wallMs);
    return `| ${label}${list.length < runs ? ` (${list.length} of ${runs} runs)` : ''} | ${median(walls).toFixed(0)} ms (${Math.min(...walls).toFixed(0)}–${Math.max(...walls).toFixed(0)}) | ${median(list.map((sample) => sample.cpuMs)).toFixed(0)} ms | ${median(list.map((sample) => sample.rssMb)).toFixed(0)} MB |`;
  }),
];
process.stdout.write(`${lines.join('\n')}\n`);

/** One spawn until its first connection: wall time and the child's CPU time (ms) when it arrived. */
interface FirstRequest {
  wallMs: number;
  cpuMs: number;
}

/** User + system CPU time of a live process, from /proc/<pid>/stat (clock ticks of 10 ms on Linux). */
function readProcessCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The fields after the command name (which may hold spaces): utime and stime are the 12th and 13th of them.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

async function benchFirstRequest(): Promise<void> {
  let waiting: (() => void) | undefined;
  const server = createServer((socket: Socket) => {
    const take = waiting;
    waiting = undefined;
    if (take !== undefined) take();
    socket.destroy();
  });
  await new Promise<void>((resolvePromise) => server.listen(0, '127.0.0.1', resolvePromise));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('bench/startup: the server has no port');
  const url = `http://127.0.0.1:${address.port}`;
  // The doctor of a fresh shell: no config file in its cwd, the token as a flag.
  const cwd = tmpdir();
  const measure = async (argv: string[], exit: number): Promise<FirstRequest> => {
    const started = performance.now();
    const child = spawn(process.execPath, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, NO_COLOR: '1' } });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    const exited = new Promise<number | null>((resolvePromise) => child.on('exit', (code) => resolvePromise(code)));
    const first = await new Promise<FirstRequest>((resolvePromise, reject) => {
      waiting = () => resolvePromise({ wallMs: performance.now() - started, cpuMs: child.pid === undefined ? Number.NaN : readProcessCpuMs(child.pid) });
      void exited.then((code) => reject(new Error(`node ${argv.join(' ')} exited ${code} before connecting: ${stderr.slice(-400)}`)));
    });
    const code = await exited;
    if (code !== exit) throw new Error(`node ${argv.join(' ')} exited ${code}, not ${exit}: ${stderr.slice(-400)}`);
    return first;
  };
  const floor = `require('node:net').connect(${address.port}, '127.0.0.1').on('error', () => {})`;
  const firstCases: Array<{ label: () => string; argv: string[]; exit: number }> = [
    { label: () => "`node -e 'net.connect(…)'` (Node alone)", argv: ['-e', floor], exit: 0 },
  ];
  for (const tree of trees) {
    // dist and the launcher (tsx only when asked for with --only tsx: it is what an edited clone runs, not a user).
    for (const entry of entries(tree.dir).filter((candidate) => candidate.name !== 'tsx' || args.only === 'tsx')) {
      if (!existsSync(entry.file)) {
        process.stderr.write(`bench/startup: ${entry.file} not found${entry.name === 'dist' ? ' (run npm run build)' : ''}; skipped\n`);
        continue;
      }
      const name = (): string => entryName(entry.name, tree.dir);
      // The child runs in an empty folder (no config file): tsx is named by its path, not looked up from there.
      if (entry.name === 'tsx') entry.argv = ['--import', import.meta.resolve('tsx')];
      firstCases.push({
        label: () => `${tree.name === '' ? '' : `${tree.name} `}${name()} \`membank doctor --url http://127.0.0.1:PORT --token x\``,
        argv: [...entry.argv, entry.file, 'doctor', '--url', url, '--token', 'x'],
        exit: 5,
      });
    }
  }
  const results = new Map<string, FirstRequest[]>();
  const loadAtStart = loadavg()[0] ?? 0;
  // Round-robin, as above.
  for (let round = 0; round < runs; round++) {
    for (const item of firstCases) {
      const label = item.label();
      results.set(label, [...(results.get(label) ?? []), await measure(item.argv, item.exit)]);
    }
  }
  server.close();
  const table = [
    `bench/startup --mode first-request: ${runs} runs each, round-robin; load average ${loadAtStart.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
    '',
    '| command | first connection after spawn: wall median (min–max) | child CPU by then (median) |',
    '|---|---|---|',
    ...[...results.entries()].map(([label, list]) => {
      const walls = list.map((sample) => sample.wallMs);
      return `| ${label} | ${median(walls).toFixed(0)} ms (${Math.min(...walls).toFixed(0)}–${Math.max(...walls).toFixed(0)}) | ${median(list.map((sample) => sample.cpuMs)).toFixed(0)} ms |`;
    }),
  ];
  process.stdout.write(`${table.join('\n')}\n`);
}
