import { defineJob } from '../src/core/job.js';
import type { DiscoverResult } from '../src/core/source-file.js';

/** Input of the discover job: the folder to scan (a repository or a memory-bank folder). */
export interface DiscoverInput {
  root: string;
}

/**
 * Finds the memory bank(s) under a folder and classifies every file in them, with a reason per file.
 * Read-only: it never writes, so it has no ops.
 */
export const discoverJob = defineJob<DiscoverInput, DiscoverResult>({
  name: 'discover',
  describe: 'find the memory bank(s) under a folder and classify every file: task document, task list, task table, index, context, template or ignored',
  async plan(ctx, input) {
    const output = await ctx.memoryBank.discover(input.root, {
      files: ctx.files,
      config: ctx.config.discover,
      log: ctx.log.child({ job: 'discover' }),
      signal: ctx.signal,
    });
    return { output, ops: [] };
  },
});
