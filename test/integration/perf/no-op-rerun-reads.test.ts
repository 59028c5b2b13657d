/**
 * A re-run with nothing to do reads each listing once: the project's task list (⌈N/page⌉ pages), the project
 * list, the labels, the Kanban view and its buckets, and /info — at most ⌈N/page⌉ + 5 GET requests, on every
 * Vikunja version the sandbox emulates, for `migrate` and for `apply` of a saved plan. Verify reads nothing more
 * when the run wrote nothing.
 */
import { describe, expect, it } from 'vitest';
import { closeAfterEach } from '../../helpers/closers.js';
import { applyPlan, createPlan, deferPlan } from '../../../src/pipeline/workflows/index.js';
import { startSandbox } from '../../../src/sandbox/index.js';
import { makeRecords } from '../../helpers/records.js';
import { makeDeps } from '../../helpers/workflow.js';

const closers = closeAfterEach();

const taskCount = 240;
const pageSize = 50;

describe('no-op re-run reads', () => {
  it.each(['0.24.1', '1.0.0', '2.5.0'])(
    `a re-run (migrate, and apply of a saved plan) of a ${taskCount}-task bank with nothing to do reads each listing once: at most ⌈N/page⌉ + 5 GETs, no write (Vikunja %s)`,
    async (version) => {
      const sandbox = await startSandbox({ port: 0, version, maxItemsPerPage: pageSize });
      closers.push(() => sandbox.close());
      const first = makeDeps(sandbox.url, sandbox.token);
      closers.push(() => first.runtime.close());
      const input = { records: makeRecords(taskCount), root: '/bench', projectTitle: 'No-op re-run' };
      const migrated = await applyPlan(first, deferPlan(first, input), { command: 'migrate', checkStale: false, verify: true });
      expect(migrated.run.status).toBe('succeeded');
      expect(sandbox.dump().tasks.length).toBe(taskCount);

      // A new process: fresh client (no cached /info), same state store.
      const again = makeDeps(sandbox.url, sandbox.token, { statePath: first.runtime.store.path });
      closers.push(() => again.runtime.close());
      sandbox.clearRequestLog();
      const rerun = await applyPlan(again, deferPlan(again, input), { command: 'migrate', checkStale: false, verify: true });
      expect(rerun.run.status).toBe('succeeded');
      expect(rerun.plan.ops.filter((op) => op.kind !== 'skip' && op.kind !== 'adopt')).toEqual([]);
      const log = sandbox.requestLog();
      expect(log.filter((entry) => entry.method !== 'GET')).toEqual([]);
      const gets = log.map((entry) => `${entry.path}?${entry.query}`);
      expect(gets.length, gets.join('\n')).toBeLessThanOrEqual(Math.ceil(taskCount / pageSize) + 5);
      // Each listing read once: no page of the task list, the projects or the labels is asked for twice.
      expect(gets.length - new Set(gets).size, gets.join('\n')).toBe(0);

      // `plan --out` then `apply`: the apply of a plan with nothing to do reads each listing once too.
      const planner = makeDeps(sandbox.url, sandbox.token, { statePath: first.runtime.store.path });
      closers.push(() => planner.runtime.close());
      const saved = await createPlan(planner, input);
      const applier = makeDeps(sandbox.url, sandbox.token, { statePath: first.runtime.store.path });
      closers.push(() => applier.runtime.close());
      sandbox.clearRequestLog();
      const applied = await applyPlan(applier, saved, { command: 'apply', checkStale: true, verify: true });
      expect(applied.run.status).toBe('succeeded');
      const applyLog = sandbox.requestLog();
      expect(applyLog.filter((entry) => entry.method !== 'GET')).toEqual([]);
      const applyGets = applyLog.map((entry) => `${entry.path}?${entry.query}`);
      expect(applyGets.length, applyGets.join('\n')).toBeLessThanOrEqual(Math.ceil(taskCount / pageSize) + 5);
      expect(applyGets.length - new Set(applyGets).size, applyGets.join('\n')).toBe(0);
    },
  );
});
