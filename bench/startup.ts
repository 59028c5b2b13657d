/**
 * bench/startup: how long membank takes to start — `--help`, `doctor --help`, `--version` — from `dist/` (the
 * published package; `npm run build` first) and through the clone's launcher `src/cli/membank.js` (tsx), next to
 * Node's own start (`node -e ''`) measured in the same run. Each command runs `--runs` times in turn; the table gives
 * the median and range of wall time, the median CPU time (user + system, reported by the child at exit: steadier
 * than wall time on a shared machine) and the median peak RSS.
 *
 *   npx tsx bench/startup.ts [--runs 9] [--only dist|launcher]
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const { values: args } = parseArgs({ options: { runs: { type: 'string', default: '9' }, only: { type: 'string' } } });
const runs = Math.max(1, Number(args.runs));
const root = fileURLToPath(new URL('..', import.meta.url));
const usageProbe = `data:text/javascript,process.on('exit',()=>{const u=process.resourceUsage();process.stderr.write('\\nBENCH-USAGE '+JSON.stringify({maxRssKb:u.maxRSS,cpuMs:(u.userCPUTime+u.systemCPUTime)/1000})+'\\n')})`;

interface Sample {
  wallMs: number;
  cpuMs: number;
  rssMb: number;
}

function runOnce(argv: string[]): Sample {
  const started = performance.now();
  const result = spawnSync(process.execPath, ['--import', usageProbe, ...argv], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const wallMs = performance.now() - started;
  if (result.status !== 0) throw new Error(`node ${argv.join(' ')} exited ${result.status}: ${result.stderr.slice(-400)}`);
  const usage = /BENCH-USAGE (\{.*\})/.exec(result.stderr);
  if (usage === null) throw new Error(`no usage line from node ${argv.join(' ')}`);
  const parsed = JSON.parse(usage[1] ?? '{}') as { maxRssKb: number; cpuMs: number };
  return { wallMs, cpuMs: parsed.cpuMs, rssMb: parsed.maxRssKb / 1024 };
}

const median = (values: number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)] ?? 0;
};

const entries: Array<{ name: string; file: string }> = [
  { name: 'dist', file: join(root, 'dist', 'src', 'cli', 'bin.js') },
  { name: 'launcher', file: join(root, 'src', 'cli', 'membank.js') },
].filter((entry) => args.only === undefined || entry.name === args.only);
const commands = [['--help'], ['doctor', '--help'], ['--version']];
const cases: Array<{ label: string; argv: string[] }> = [{ label: "`node -e ''` (Node alone)", argv: ['-e', ''] }];
for (const entry of entries) {
  if (!existsSync(entry.file)) {
    process.stderr.write(`bench/startup: ${entry.file} not found${entry.name === 'dist' ? ' (run npm run build)' : ''}; skipped\n`);
    continue;
  }
  for (const command of commands) cases.push({ label: `${entry.name} \`membank ${command.join(' ')}\``, argv: [entry.file, ...command] });
}

const samples = new Map(cases.map((item) => [item.label, [] as Sample[]]));
const loadBefore = loadavg()[0] ?? 0;
// Round-robin, so load that comes and goes touches every command alike.
for (let round = 0; round < runs; round++) {
  for (const item of cases) samples.get(item.label)?.push(runOnce(item.argv));
}
const lines = [
  `bench/startup: ${runs} runs each, round-robin; load average ${loadBefore.toFixed(1)} → ${(loadavg()[0] ?? 0).toFixed(1)}`,
  '',
  '| command | wall median (min–max) | CPU median | peak RSS |',
  '|---|---|---|---|',
  ...cases.map((item) => {
    const list = samples.get(item.label) ?? [];
    const walls = list.map((sample) => sample.wallMs);
    return `| ${item.label} | ${median(walls).toFixed(0)} ms (${Math.min(...walls).toFixed(0)}–${Math.max(...walls).toFixed(0)}) | ${median(list.map((sample) => sample.cpuMs)).toFixed(0)} ms | ${median(list.map((sample) => sample.rssMb)).toFixed(0)} MB |`;
  }),
];
process.stdout.write(`${lines.join('\n')}\n`);
