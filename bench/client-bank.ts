/**
 * bench/client-bank: the client's own bank (~240 tasks) migrated into a fresh sandbox at 2.5 (v2 bulk create,
 * batches sent last first so the views keep source order) and at 0.24.1 (one create per task with `position`),
 * then rolled back. Prints requests per task for the migrate (plan + apply + verify) and for the rollback.
 *
 *   npx tsx bench/client-bank.ts
 */
import { fileURLToPath } from 'node:url';
import { readBank } from '../src/cli/read-bank.js';
import { applyPlan, createPlan, rollbackRun } from '../src/pipeline/workflows/index.js';
import { createDefaultConfig } from '../src/core/config.js';
import { startSandbox } from '../src/sandbox/index.js';
import { makeDeps } from '../test/helpers/workflow.js';

const clientBank = fileURLToPath(
  new URL('../../shared/memory-banks/corpus/Xoe-NovAi__xoe-novai-foundation/memory_bank', import.meta.url),
);

const rows: string[] = [];
for (const version of ['2.5.0', '0.24.1']) {
  const sandbox = await startSandbox({ version });
  const deps = makeDeps(sandbox.url, sandbox.token);
  const bank = await readBank(clientBank, process.cwd(), createDefaultConfig());
  const plan = await createPlan(deps, { records: bank.records, root: bank.root, projectTitle: 'client-bank' });
  const outcome = await applyPlan(deps, plan, { command: 'migrate', checkStale: false, verify: true });
  const migrate = sandbox.requestLog();
  sandbox.clearRequestLog();
  const undo = await rollbackRun(deps, outcome.run.id, { force: false, dryRun: false });
  const rollback = sandbox.requestLog();
  const tasks = bank.records.length;
  const writes = (log: typeof migrate): number => log.filter((entry) => entry.method !== 'GET').length;
  // Writes to a task other than deleting it (labels, fields, comments): rollback should send none.
  const taskWrites = rollback.filter((entry) => entry.method !== 'GET' && entry.method !== 'DELETE' && /^\/api\/v[12]\/tasks\/\d+/.test(entry.path)).length;
  rows.push(
    `| ${version} | ${tasks} | ${outcome.run.status} | ${migrate.length} | ${writes(migrate)} | ${(migrate.length / tasks).toFixed(3)} | ${(writes(migrate) / tasks).toFixed(3)} | ${rollback.length} | ${writes(rollback)} | ${taskWrites} | ${undo.run?.status ?? 'none'} |`,
  );
  deps.runtime.close();
  await sandbox.close();
}
console.log('| Vikunja | tasks | migrate | requests | writes | requests/task | writes/task | rollback requests | rollback writes | rollback writes to tasks (not deletes) | rollback |');
console.log('|---|---|---|---|---|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
