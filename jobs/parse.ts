import { defineJob } from '../src/core/job.js';
import type { ParseResult } from '../src/core/memory-bank.js';
import type { DiscoveredFile } from '../src/core/source-file.js';

/** Input of the parse job: the files discovery classified (with their decoded text and chosen extractors). */
export interface ParseInput {
  files: DiscoveredFile[];
}

/**
 * Turns discovered files into normalised task records with stable keys, statuses, priorities, dates, labels and
 * hierarchy, merged across files. Read-only: no ops.
 */
export const parseJob = defineJob<ParseInput, ParseResult>({
  name: 'parse',
  describe: 'turn discovered memory-bank files into normalised task records (keys, status, priority, dates, labels, hierarchy)',
  async plan(ctx, input) {
    const output = ctx.memoryBank.parse(input.files, { vocabulary: ctx.config.vocabulary });
    ctx.log.child({ job: 'parse' }).debug(
      { event: 'parse.finished', records: output.records.length, problems: output.problems.length },
      'parsed memory bank',
    );
    return { output, ops: [] };
  },
});
