/**
 * Benchmark of discover + parse (issue #13 "Speed"). Three measurements, each in a fresh process per code tree:
 *
 * - corpus: discover + parse of the fifteen shared banks, round 1 cold (module loading included), then warm rounds;
 * - large: parse throughput on large Markdown files (the corpus files of 30 KB or more, plus a generated progress
 *   log of headings, checklists, status lines and tables), as the tree alone and as `parseFiles`;
 * - bank: a generated bank of 10,000 task files (created once under the OS temp folder): discover, parse, peak RSS.
 *
 * `npx tsx bench/parse.ts` measures this tree. `--compare <dir>` also measures another checkout of membank (e.g.
 * `git worktree add /tmp/membank-old <commit>`), alternating old and new, and prints them side by side.
 * `--dist` measures the compiled trees instead (`<tree>/dist/src/**.js`, what users of the published package run):
 * each child is plain `node dist/bench/parse.js`, no tsx loader; run `npm run build` in every tree first.
 * Options: `--runs N` (corpus rounds, default 3), `--only corpus|large|bank`, `--bank-files N` (default 10000),
 * `--log-phases N` (sections in the generated progress log, default 4000 ≈ 1.4 MB), `--large-rounds N` (rounds of
 * the large files, default 3; "best" needs more on a loaded machine, where a round can lose its core).
 * Run with `taskset -c 0` for one core. CPU times are `process.cpuUsage()` (user + system) of the child.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

function readOption(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const here = fileURLToPath(new URL('..', import.meta.url));
// Under --dist the child runs from <tree>/dist/bench/parse.js and is told where the corpus is.
const corpus = readOption('--corpus') ?? fileURLToPath(new URL('../../shared/memory-banks/corpus/', import.meta.url));
const dist = process.argv.includes('--dist');


const runs = Math.max(1, Number(readOption('--runs') ?? '3'));
const only = readOption('--only');
const bankFiles = Math.max(1, Number(readOption('--bank-files') ?? '10000'));
const logPhases = Math.max(1, Number(readOption('--log-phases') ?? '4000'));
const largeRounds = Math.max(1, Number(readOption('--large-rounds') ?? '3'));
const code = readOption('--code');
const compare = readOption('--compare');

type Result = Record<string, number | string>;

function listMarkdown(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listMarkdown(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** A progress log as agents write them: a heading per phase, a status line, a checklist and a small task table. */
function generateProgressLog(phases: number): string {
  const parts = ['# Progress\n'];
  for (let i = 0; i < phases; i++) {
    parts.push(
      `\n## Phase ${i}: Feature work ${i}\n\n**Status:** In Progress\n\nWork on the **parser** continued; see \`src/p${i}.ts\` and [the notes](notes/${i}.md).\n\n` +
        `- [x] Implement the parser part ${i}\n- [ ] Write tests for module ${i}\n  - [ ] unit tests for case ${i}\n- [x] Review TASK${String(i).padStart(3, '0')} with the team\n\n` +
        `| ID | Task | Status |\n|----|------|--------|\n| T${i}-1 | Build step ${i} | ✅ Done |\n| T${i}-2 | Ship step ${i} | Pending |\n`,
    );
  }
  return parts.join('');
}

/** A Cline-style task file of about 1.8 KB with a header, a plan checklist, a subtask table and a log. */
function generateTaskFile(n: number): string {
  const id = `TASK${String(n).padStart(5, '0')}`;
  const rows = [1, 2, 3, 4].map((k) => `| ${n}.${k} | Build part ${k} of feature ${n} | ${k < 3 ? 'Complete' : 'In Progress'} | 2025-03-0${k} | checked by the team |`);
  return [
    `# ${id} - Feature ${n}`,
    '',
    '**Status:** In Progress  ',
    '**Added:** 2025-03-01  ',
    '**Updated:** 2025-03-04',
    '',
    '## Original Request',
    `The user asked for feature ${n}: read the input files, validate them and write a report that names every problem with its file and line, so that the migration can be planned before anything is sent.`,
    '',
    '## Thought Process',
    `Reading the files once and keeping only what the report needs keeps memory flat; feature ${n} reuses the shared reader.`,
    '',
    '## Implementation Plan',
    '- [x] Read the input files',
    '- [x] Validate each record',
    '- [ ] Write the report',
    '',
    '## Progress Tracking',
    '',
    '**Overall Status:** In Progress - 50%',
    '',
    '### Subtasks',
    '| ID | Description | Status | Updated | Notes |',
    '|----|-------------|--------|---------|-------|',
    ...rows,
    '',
    '## Progress Log',
    '### 2025-03-04',
    `- Finished parts 1 and 2 of feature ${n}; part 3 is under review.`,
    '- Next: the report writer.',
    '',
  ].join('\n');
}

function ensureGeneratedBank(files: number): string {
  const root = join(tmpdir(), `membank-bench-bank-${files}`);
  const tasks = join(root, 'memory-bank', 'tasks');
  if (existsSync(join(root, 'done'))) return root;
  mkdirSync(tasks, { recursive: true });
  for (let n = 1; n <= files; n++) writeFileSync(join(tasks, `TASK${String(n).padStart(5, '0')}-feature-${n}.md`), generateTaskFile(n));
  writeFileSync(join(root, 'done'), '');
  return root;
}

/** Measures one checkout in this process. */
async function measure(root: string, what: string): Promise<Result> {
  const load = performance.now();
  const loadCpu = process.cpuUsage();
  // A module of the measured tree: its TypeScript source (under tsx) or its compiled JavaScript (--dist).
  const modulePath = (path: string): string => (dist ? join(root, 'dist', `${path}.js`) : join(root, `${path}.ts`));
  const url = (path: string): string => pathToFileURL(modulePath(path)).href;
  const { createDefaultConfig } = (await import(url('src/core/config'))) as typeof import('../src/core/config.js');
  const { discoverBanks } = (await import(url('src/memory-bank/discover'))) as typeof import('../src/memory-bank/discover.js');
  const { parseFiles, prepareSource } = (await import(url('src/memory-bank/parse'))) as typeof import('../src/memory-bank/parse.js');
  // The disk adapter alone when the tree has it (src/node-files.ts); older trees only had it in runtime.ts, which
  // also loads the state store and the Vikunja client.
  const adapter = existsSync(modulePath('src/node-files')) ? 'src/node-files' : 'src/runtime';
  const { createNodeFileSystem } = (await import(url(adapter))) as typeof import('../src/node-files.js');
  const loadMs = performance.now() - load;
  const cpuMs = (since: NodeJS.CpuUsage): number => {
    const used = process.cpuUsage(since);
    return (used.user + used.system) / 1000;
  };
  const loadCpuMs = cpuMs(loadCpu);
  const config = createDefaultConfig();
  const files = createNodeFileSystem();
  const result: Result = {};

  if (what === 'corpus') {
    const banks = readdirSync(corpus).sort();
    for (let round = 1; round <= runs; round++) {
      const start = performance.now();
      const startCpu = process.cpuUsage();
      let discoverMs = 0;
      let discoverCpuMs = 0;
      let records = 0;
      for (const bank of banks) {
        const t0 = performance.now();
        const cpu0 = process.cpuUsage();
        const discovered = await discoverBanks(`${corpus}${bank}`, { files, config: config.discover });
        discoverMs += performance.now() - t0;
        discoverCpuMs += cpuMs(cpu0);
        records += parseFiles(discovered.files, { vocabulary: config.vocabulary }).records.length;
      }
      const ms = performance.now() - start;
      result[`round ${round} ms`] = Math.round(ms);
      result[`round ${round} cpu ms`] = Math.round(cpuMs(startCpu));
      result[`round ${round} discover ms`] = Math.round(discoverMs);
      result[`round ${round} discover cpu ms`] = Math.round(discoverCpuMs);
      result.records = records;
    }
    result['module load ms'] = Math.round(loadMs);
    result['module load cpu ms'] = Math.round(loadCpuMs);
    result['cold ms (load + round 1)'] = Math.round(loadMs + Number(result['round 1 ms']));
    result['cold cpu ms (load + round 1)'] = Math.round(loadCpuMs + Number(result['round 1 cpu ms']));
  }

  if (what === 'large') {
    const large = listMarkdown(corpus)
      .filter((path) => statSync(path).size >= 30_000)
      .map((path) => ({ path: path.slice(corpus.length), text: readFileSync(path, 'utf8') }));
    large.push({ path: 'generated/progress.md', text: generateProgressLog(logPhases) });
    const bytes = large.reduce((sum, file) => sum + Buffer.byteLength(file.text), 0);
    const discovered = large.map((file) => ({
      path: file.path,
      bank: 'large',
      kind: 'task-list' as const,
      reason: 'bench',
      size: Buffer.byteLength(file.text),
      text: file.text,
      eol: 'lf' as const,
      extractors: ['cursor-tasks' as const],
    }));
    const { parseMarkdown } = (await import(url('src/memory-bank/markdown'))) as typeof import('../src/memory-bank/markdown.js');
    const scannerPath = modulePath('src/memory-bank/line-scanner');
    const scanner = existsSync(scannerPath) ? ((await import(pathToFileURL(scannerPath).href)) as typeof import('../src/memory-bank/line-scanner.js')) : null;
    const prepared = discovered.map((file) => prepareSource(file.text, file.path));
    const cpu = (fn: () => void): number => {
      const before = process.cpuUsage();
      fn();
      const used = process.cpuUsage(before);
      return (used.user + used.system) / 1000;
    };
    const treeMs: number[] = [];
    const parseMs: number[] = [];
    let records = 0;
    for (let round = 0; round < largeRounds; round++) {
      treeMs.push(cpu(() => prepared.forEach((file) => scanner?.scanMarkdown(file.source, file.lines) ?? parseMarkdown(file.source))));
      parseMs.push(cpu(() => (records = parseFiles(discovered, { vocabulary: config.vocabulary }).records.length)));
    }
    const rate = (ms: number): string => (bytes / 1e6 / (ms / 1000)).toFixed(2);
    result.files = large.length;
    result.MB = (bytes / 1e6).toFixed(2);
    result.records = records;
    result['tree MB/s (cold, best)'] = `${rate(treeMs[0] ?? 1)}, ${rate(Math.min(...treeMs))}`;
    result['parseFiles MB/s (cold, best)'] = `${rate(parseMs[0] ?? 1)}, ${rate(Math.min(...parseMs))}`;
  }

  if (what === 'bank') {
    const bankRoot = ensureGeneratedBank(bankFiles);
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    const discovered = await discoverBanks(bankRoot, { files, config: config.discover });
    const t1 = performance.now();
    const discoverCpuMs = cpuMs(cpu0);
    const cpu1 = process.cpuUsage();
    const parsed = parseFiles(discovered.files, { vocabulary: config.vocabulary });
    const parseCpuMs = cpuMs(cpu1);
    const t2 = performance.now();
    result.files = discovered.files.length;
    result.MiB = (discovered.files.reduce((sum, file) => sum + file.size, 0) / 1024 / 1024).toFixed(1);
    result.records = parsed.records.length;
    result['discover ms'] = Math.round(t1 - t0);
    result['parse ms'] = Math.round(t2 - t1);
    result['discover cpu ms'] = Math.round(discoverCpuMs);
    result['parse cpu ms'] = Math.round(parseCpuMs);
    result['peak RSS MB'] = Math.round(process.resourceUsage().maxRSS / 1024);
  }
  return result;
}

const sections = only === undefined ? ['corpus', 'large', 'bank'] : [only];

if (code !== undefined) {
  // Child mode: one checkout, one section, JSON on stdout.
  const what = sections[0] ?? 'corpus';
  process.stdout.write(`${JSON.stringify(await measure(code, what))}\n`);
} else {
  if (!existsSync(corpus)) {
    process.stderr.write(`bench/parse: corpus not found at ${corpus}\n`);
    process.exit(1);
  }
  const trees = compare === undefined ? [['new', here]] : [['old', compare], ['new', here]];
  if (dist) {
    for (const path of [...trees.map(([, root]) => join(root as string, 'dist', 'src', 'memory-bank', 'parse.js')), join(here, 'dist', 'bench', 'parse.js')]) {
      if (!existsSync(path)) {
        process.stderr.write(`bench/parse: --dist needs ${path}: run \`npm run build\` in that tree first\n`);
        process.exit(1);
      }
    }
  }
  const child = (root: string, what: string): Result => {
    const options = ['--code', root, '--only', what, '--runs', String(runs), '--bank-files', String(bankFiles), '--log-phases', String(logPhases), '--large-rounds', String(largeRounds), '--corpus', corpus];
    const args = dist ? [join(here, 'dist', 'bench', 'parse.js'), '--dist', ...options] : ['--import', 'tsx', fileURLToPath(import.meta.url), ...options];
    return JSON.parse(execFileSync(process.execPath, args, { cwd: here, encoding: 'utf8', maxBuffer: 1 << 24 })) as Result;
  };
  for (const what of sections) {
    if (what === 'bank') ensureGeneratedBank(bankFiles);
    const rows: [string, Result][] = [];
    // Alternate old and new twice so machine load hits both alike.
    for (let pass = 0; pass < 2; pass++) for (const [name, root] of trees) rows.push([`${name} #${pass + 1}`, child(root as string, what)]);
    process.stdout.write(`\n${what}${dist ? ' (compiled: dist/)' : ' (TypeScript under tsx)'}\n`);
    for (const [name, result] of rows) {
      process.stdout.write(`  ${name}: ${Object.entries(result).map(([key, value]) => `${key} ${value}`).join(', ')}\n`);
    }
  }
}
