/**
 * bench/json-memory: peak RSS and wall time of `membank parse <bank> --json` and `membank migrate <bank> --dry-run
 * --json` on a generated bank (default 10,000 task files, ~70,000 records: bench/big-bank.ts), each run as its own
 * process writing to a pipe this bench reads (and counts, without keeping). The dry run plans against a sandbox
 * (2.5, empty) started here. Peak RSS is the child's own (`process.resourceUsage().maxRSS`, reported at exit), and so
 * are its CPU time and its main thread's CPU time (Linux `/proc`): the latter is what the wall time waits on on an idle
 * machine, the file reads (a worker thread) and part of the GC running on the other core.
 *
 *   npx tsx bench/json-memory.ts [--files 10000] [--bank <dir>] [--only parse|migrate] [--dist]
 *                                [--compare <checkout>]... [--save <dir>] [--node-option <flag>]...
 *
 * `--dist` runs `dist/src/cli/bin.js` (`npm run build` first) instead of the launcher `src/cli/membank.js` (tsx).
 * `--compare <checkout>` also runs each command from another copy of the project (e.g. an older commit:
 * `git archive <commit> | tar -x -C <checkout>` and a `node_modules` symlink), alternating with this one in the
 * same run, so before and after share the machine's load. `--save <dir>` keeps each output there
 * (`<checkout-number>-<command>.json`) for a diff. `--node-option <flag>` passes a Node/V8 flag to every child
 * (e.g. `--node-option=--max-old-space-size=160`: how much of the peak is live data and how much is garbage V8 has
 * not collected yet).
 */
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { startSandbox } from '../src/sandbox/index.js';
import { writeBigBank } from './big-bank.js';

const { values: args } = parseArgs({
  options: {
    files: { type: 'string', default: '10000' },
    bank: { type: 'string' },
    only: { type: 'string' },
    dist: { type: 'boolean', default: false },
    compare: { type: 'string', multiple: true, default: [] },
    save: { type: 'string' },
    'node-option': { type: 'string', multiple: true, default: [] },
  },
});
const root = fileURLToPath(new URL('..', import.meta.url));
const checkouts = [root, ...(args.compare ?? [])];
const entries = checkouts.map((checkout) => {
  const entry = args.dist ? join(checkout, 'dist', 'src', 'cli', 'bin.js') : join(checkout, 'src', 'cli', 'membank.js');
  if (!existsSync(entry)) throw new Error(`${entry} not found${args.dist ? ': run npm run build first' : ''}`);
  return entry;
});
if (args.save !== undefined) mkdirSync(args.save, { recursive: true });
// Written by the child at exit, on its stderr: its own peak RSS and CPU time, and its main thread's CPU time (Linux:
// utime + stime of /proc/self/task/<pid>/stat, in ticks of 10 ms) — what the wall time waits on when a second core
// is free, since file reads (a worker thread) and part of the GC run beside it.
const usageProbe = `data:text/javascript,import{readFileSync as r}from'node:fs';process.on('exit',()=>{const u=process.resourceUsage();let m=-1;try{const f=r('/proc/self/task/'+process.pid+'/stat','utf8').split(') ')[1].split(' ');m=(Number(f[11])+Number(f[12]))*10}catch{}process.stderr.write('\\nBENCH-USAGE '+JSON.stringify({maxRssKb:u.maxRSS,cpuMs:(u.userCPUTime+u.systemCPUTime)/1000,mainCpuMs:m})+'\\n')})`;

interface ChildRun {
  code: number | null;
  seconds: number;
  bytes: number;
  maxRssMb: number;
  cpuS: number;
  /** The main thread's CPU seconds, or null where /proc is not there. */
  mainCpuS: number | null;
  valid: string;
}

function runCli(entry: string, argv: string[], env: Record<string, string>, save: string | undefined): Promise<ChildRun> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [...(args['node-option'] ?? []), '--import', usageProbe, entry, ...argv], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let bytes = 0;
    let first = '';
    let last = '';
    let stderr = '';
    if (save !== undefined) child.stdout.pipe(createWriteStream(save));
    child.stdout.on('data', (chunk: Buffer) => {
      if (bytes === 0) first = chunk.toString('utf8', 0, 1);
      bytes += chunk.length;
      last = chunk.toString('utf8', Math.max(0, chunk.length - 2));
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => {
      const usage = /BENCH-USAGE (\{.*\})/.exec(stderr);
      if (usage === null) return reject(new Error(`no usage line from the child (exit ${code}): ${stderr.slice(-500)}`));
      const parsed = JSON.parse(usage[1] ?? '{}') as { maxRssKb: number; cpuMs: number; mainCpuMs: number };
      resolvePromise({
        code,
        seconds: (performance.now() - started) / 1000,
        bytes,
        maxRssMb: parsed.maxRssKb / 1024,
        cpuS: parsed.cpuMs / 1000,
        mainCpuS: parsed.mainCpuMs < 0 ? null : parsed.mainCpuMs / 1000,
        // The document is checked for shape only (one object, newline-terminated): it is not kept in memory here.
        valid: first === '{' && last.endsWith('}\n') ? 'one JSON object' : `unexpected: starts ${JSON.stringify(first)}, ends ${JSON.stringify(last)}`,
      });
    });
  });
}

const bank = args.bank ?? join(mkdtempSync(join(tmpdir(), 'membank-json-memory-')), 'big-repo');
if (args.bank === undefined) writeBigBank(bank, Number(args.files));
const sandbox = await startSandbox({ port: 0, version: '2.5.0' });
const env = { VIKUNJA_URL: sandbox.url, VIKUNJA_TOKEN: sandbox.token, NO_COLOR: '1' };
const rows: string[] = [];
const commands: Array<{ name: string; argv: string[] }> = [
  { name: 'parse --json', argv: ['parse', bank, '--json'] },
  { name: 'migrate --dry-run --json', argv: ['migrate', bank, '--dry-run', '--json'] },
];
try {
  for (const command of commands) {
    if (args.only !== undefined && !command.name.startsWith(args.only)) continue;
    for (const [index, entry] of entries.entries()) {
      const save = args.save === undefined ? undefined : join(args.save, `${index}-${command.argv[0]}.json`);
      const run = await runCli(entry, command.argv, env, save);
      const name = entries.length === 1 ? command.name : `${command.name} (${index === 0 ? 'this checkout' : checkouts[index]})`;
      rows.push(
        `| ${name} | ${run.code} | ${run.seconds.toFixed(1)} | ${run.cpuS.toFixed(1)} | ${run.mainCpuS === null ? '—' : run.mainCpuS.toFixed(1)} | ${(run.bytes / 1024 / 1024).toFixed(1)} | **${run.maxRssMb.toFixed(0)}** | ${run.valid} |`,
      );
      process.stderr.write(`${rows.at(-1)}\n`);
    }
  }
} finally {
  await sandbox.close();
  if (args.bank === undefined) rmSync(join(bank, '..'), { recursive: true, force: true });
}
const version = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;
process.stdout.write(
  [
    `bench/json-memory: membank ${version} via ${args.dist ? 'dist' : 'the tsx launcher'}, bank ${args.bank ?? `of ${args.files} generated task files`}`,
    '',
    '| command | exit | wall s | CPU s | main-thread CPU s | JSON MiB | peak RSS MB | output |',
    '|---|---|---|---|---|---|---|---|',
    ...rows,
    '',
  ].join('\n'),
);
