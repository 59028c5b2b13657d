/**
 * Rollback of a run that created its project reads the project's task list once — one paged read serves both the
 * check that the project holds nothing else and the check that no task was edited since — then deletes the project:
 * at most ⌈N/page⌉ + 3 GETs (the task pages, the labels, /info), on the v1 path (pages of 50) and on 2.5.
 */
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { applyPlan, deferPlan, rollbackRun } from '../../../src/pipeline/workflows/index.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import { makeRecords } from '../../helpers/records.js';
import { makeDeps } from '../../helpers/workflow.js';

const closers = closeAfterEach();

const taskCount = 120;
const pageSize = 50;

describe('rollback reads', () => {
  it.each(['0.24.1', '2.5.0'])(
    `rolling back a ${taskCount}-task run that created its project reads its task list once and deletes the project (Vikunja %s)`,
    async (version) => {
      const sandbox = await startSandbox({ port: 0, version, maxItemsPerPage: pageSize });
      closers.push(() => sandbox.close());
      const deps = makeDeps(sandbox.url, sandbox.token);
      closers.push(() => deps.runtime.close());
      const input = { records: makeRecords(taskCount), root: '/bench', projectTitle: 'Rollback reads' };
      const migrated = await applyPlan(deps, deferPlan(deps, input), { command: 'migrate', checkStale: false, verify: true });
      expect(migrated.run.status).toBe('succeeded');

      // A new process: fresh client (no cached /info), same state store.
      const again = makeDeps(sandbox.url, sandbox.token, { statePath: deps.runtime.store.path });
      closers.push(() => again.runtime.close());
      sandbox.clearRequestLog();
      const undone = await rollbackRun(again, migrated.run.id, { force: false, dryRun: false });
      expect(undone.run?.status).toBe('succeeded');
      expect(sandbox.dump().tasks).toEqual([]);
      const log = sandbox.requestLog();
      const gets = log.filter((entry) => entry.method === 'GET').map((entry) => `${entry.path}?${entry.query}`);
      expect(gets.length, gets.join('\n')).toBeLessThanOrEqual(Math.ceil(taskCount / pageSize) + 3);
      expect(gets.length - new Set(gets).size, gets.join('\n')).toBe(0);
      // Not the listing of every task the user can see: the run's tasks are all in the project it created.
      expect(gets.filter((get) => /^\/api\/v[12]\/tasks(\/all)?\?/.test(get))).toEqual([]);
      // No write to a task: the project delete takes them with it.
      expect(log.filter((entry) => entry.method !== 'GET' && /\/tasks\//.test(entry.path))).toEqual([]);
    },
  );
});
