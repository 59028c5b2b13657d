import { defineJob } from '../src/core/job.js';
import type { ParseResult, ValidationReport } from '../src/core/memory-bank.js';
import type { DiscoverResult } from '../src/core/source-file.js';

/** Input of the validate job: what discover and parse produced. */
export interface ValidateInput {
  discover: DiscoverResult;
  parse: ParseResult;
}

/**
 * Reports every problem in a memory bank at once (discovery, parsing, merging, record checks), each with
 * file:line, what was received and the fix. Read-only: no ops.
 */
export const validateJob = defineJob<ValidateInput, ValidationReport>({
  name: 'validate',
  describe: 'report every problem in the memory bank at once, with file:line, what was received and the fix',
  async plan(ctx, input) {
    return { output: ctx.memoryBank.validate(input.discover, input.parse), ops: [] };
  },
});
