/**
 * `npm run bench`: runs every benchmark in turn (journal, parse, import, client-bank), each in its own process so one's
 * memory does not colour another's. Results go to stdout; record them in bench/RESULTS.md with the command.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const benches: Array<{ name: string; args: string[] }> = [
  { name: 'journal', args: ['bench/journal.ts', '2000'] },
  { name: 'parse', args: ['bench/parse.ts', '--runs', '3'] },
  { name: 'import', args: ['bench/import.ts', '--tasks', '2000', '--latency', '5ms'] },
  { name: 'client-bank', args: ['bench/client-bank.ts'] },
];
let failed = 0;
for (const bench of benches) {
  process.stdout.write(`\n=== bench/${bench.name} ===\n`);
  const result = spawnSync(process.execPath, ['--import', 'tsx', ...bench.args], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) failed += 1;
}
process.exitCode = failed === 0 ? 0 : 1;
