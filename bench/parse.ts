/**
 * Benchmark: discover + parse the whole shared corpus (fifteen banks) in one process on one core.
 * Run with `npx tsx bench/parse.ts` (add `--runs 5` for more rounds). Target: under 2 s per full pass.
 * Reports wall time per round, files/s, records, and peak RSS / heap.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createDefaultConfig } from '../src/core/config.js';
import { discoverBanks } from '../src/memory-bank/discover.js';
import { parseFiles } from '../src/memory-bank/parse.js';
import { createNodeFileSystem } from '../src/runtime.js';

const corpus = fileURLToPath(new URL('../../shared/memory-banks/corpus/', import.meta.url));
if (!existsSync(corpus)) {
  process.stderr.write(`bench/parse: corpus not found at ${corpus}\n`);
  process.exit(1);
}
const runsIndex = process.argv.indexOf('--runs');
const runs = runsIndex >= 0 ? Math.max(1, Number(process.argv[runsIndex + 1] ?? '3')) : 3;
const config = createDefaultConfig();
const files = createNodeFileSystem();
const banks = readdirSync(corpus).sort();

let peakRss = 0;
let peakHeap = 0;
const sample = (): void => {
  const usage = process.memoryUsage();
  peakRss = Math.max(peakRss, usage.rss);
  peakHeap = Math.max(peakHeap, usage.heapUsed);
};
const sampler = setInterval(sample, 5);

interface Round {
  ms: number;
  discoverMs: number;
  parseMs: number;
  files: number;
  parsedFiles: number;
  records: number;
  problems: number;
}

async function runOnce(): Promise<Round> {
  const start = performance.now();
  let discoverMs = 0;
  let parseMs = 0;
  let fileCount = 0;
  let parsedFiles = 0;
  let records = 0;
  let problems = 0;
  for (const bank of banks) {
    const t0 = performance.now();
    const discovered = await discoverBanks(`${corpus}${bank}`, { files, config: config.discover });
    const t1 = performance.now();
    const parsed = parseFiles(discovered.files, { vocabulary: config.vocabulary });
    const t2 = performance.now();
    sample();
    discoverMs += t1 - t0;
    parseMs += t2 - t1;
    fileCount += discovered.files.length;
    parsedFiles += discovered.files.filter((file) => file.extractors.length > 0).length;
    records += parsed.records.length;
    problems += discovered.problems.length + parsed.problems.length;
  }
  return { ms: performance.now() - start, discoverMs, parseMs, files: fileCount, parsedFiles, records, problems };
}

const rounds: Round[] = [];
for (let index = 0; index < runs; index++) rounds.push(await runOnce());
clearInterval(sampler);
sample();

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const best = rounds.reduce((a, b) => (a.ms <= b.ms ? a : b));
const first = rounds[0] as Round;
const lines = [
  `discover + parse, ${banks.length} banks, ${first.files} files (${first.parsedFiles} with extractors), ${first.records} records, ${first.problems} problems`,
  ...rounds.map(
    (round, index) =>
      `  round ${index + 1}: ${round.ms.toFixed(0)} ms (discover ${round.discoverMs.toFixed(0)} ms, parse ${round.parseMs.toFixed(0)} ms), ${((round.files / round.ms) * 1000).toFixed(0)} files/s`,
  ),
  `  cold (round 1): ${first.ms.toFixed(0)} ms — ${first.ms < 2000 ? 'under' : 'OVER'} the 2 s target`,
  `  best: ${best.ms.toFixed(0)} ms, ${((best.files / best.ms) * 1000).toFixed(0)} files/s`,
  `  peak RSS ${mb(peakRss)}, peak heap ${mb(peakHeap)}`,
];
process.stdout.write(`${lines.join('\n')}\n`);
