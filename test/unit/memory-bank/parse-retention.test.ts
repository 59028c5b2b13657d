/**
 * A parsed file's working data (its tree, sections, lines, drafts) must die young: nothing long-lived may point at
 * it. Issue #13: each file's extractor context was an object literal with `get tree()`/`get sections()`, and the line
 * scanner gave every table and code-span cell a `children` getter closure; V8 keeps each such accessor pair in the
 * old generation, so every file's tree survived the young-generation GCs and was promoted — a 10,000-file bank's heap
 * grew to 3–4× its live size before a full GC freed it.
 *
 * Measured in a fresh process (`--predictable`, a young generation large enough that no GC runs during the parses,
 * pretenuring off): 1,000 warm-up parses, then five rounds of a full GC, 100 parses of one task file whose results are
 * dropped, and two young-generation GCs (the second promotes whatever survived the first). In the round that promoted
 * least, the old generation must not have grown by more than a small fraction of what the parses allocated. Before the
 * fix every round promoted 23–26% (9–10% with only one of the two accessors fixed); after it, the least is about 0.55%.
 *
 * Why a warm-up and the least of five rounds: what V8 itself leaves in the old generation while it runs the parser
 * (its compilers' feedback and deoptimisation data as it tiers the parser up, bytecode re-made after a flush) comes in
 * bursts that depend on timing, so one round read anywhere from 0.5% to 4.4% with no change to the code, most often
 * when several tests ran at once on two cores. What a parse keeps alive, it keeps in every round.
 */
import { describe, expect, it } from 'vitest';
import { runFreshModule } from '../../helpers/fresh-process.js';

const taskFile = [
  '# [TASK00042] - Improve the session cache',
  '',
  '**Status:** In Progress',
  '**Added:** 2025-09-02',
  '**Updated:** 2025-10-02',
  '',
  '## Original Request',
  'Make the session cache configurable instead of hard-coded, so that hosts that expect a different buffer keep',
  'working, and document the choices for users.',
  '',
  '## Thought Process',
  'Splitting the state makes **testing** easier and keeps the `terminal` module small. See [the notes](../notes.md).',
  '',
  '## Implementation Plan',
  '1. Define the cursor constants with their capabilities',
  '2. Update the field layer to read the configured value',
  '- [x] Read the input files',
  '- [ ] Write the report',
  '',
  '## Progress Tracking',
  '',
  '**Overall Status:** In Progress',
  '',
  '### Subtasks',
  '| ID | Description | Status | Updated | Notes |',
  '|----|-------------|--------|---------|-------|',
  '| 42.1 | Update the session negotiation handling | In Progress | 2025-10-02 | Covered by `test_session.py` |',
  '| 42.2 | Define the buffer screen handling | Not Started | 2025-10-02 | Waiting on review |',
  '| 42.3 | Test the negotiation terminal handling | Blocked | 2025-10-02 | Covered by `test_terminal.py` |',
  '| 42.4 | Refactor the screen cursor handling | Complete | 2025-10-02 | Waiting on review |',
  '',
  '## Progress Log',
  '### 2025-10-02',
  '- Reviewed the protocol code paths and wrote down the open questions',
  '',
].join('\n');

const childScript = `
import v8 from 'node:v8';
const [parseUrl, vocabularyUrl, configUrl, text] = process.argv.slice(1);
const { parseFile } = await import(parseUrl);
const { createVocabulary } = await import(vocabularyUrl);
const { createDefaultConfig } = await import(configUrl);
const vocabulary = createVocabulary(createDefaultConfig().vocabulary);
const file = { path: 'tasks/TASK00042-session.md', bank: '.', kind: 'task-document', reason: 'test', size: text.length, text, eol: 'lf', extractors: ['tasks-folder-task'] };
const used = (space) => v8.getHeapSpaceStatistics().find((s) => s.space_name === space).space_used_size;
let records = 0;
for (let i = 0; i < 1000; i++) records = parseFile(file, vocabulary).records.length;
function parseAndDrop() {
  for (let i = 0; i < 100; i++) parseFile(file, vocabulary);
}
const rounds = [];
for (let round = 0; round < 5; round++) {
  globalThis.gc();
  const oldBefore = used('old_space');
  const youngBefore = used('new_space');
  parseAndDrop();
  const youngAllocated = used('new_space') - youngBefore;
  globalThis.gc({ type: 'minor' });
  globalThis.gc({ type: 'minor' });
  rounds.push({ youngAllocated, promoted: used('old_space') - oldBefore });
}
process.stdout.write(JSON.stringify({ records, rounds }));
`;

describe('parseFile retention', () => {
  it("leaves nothing of a file's parse for the old generation once its result is dropped", () => {
    const url = (path: string): string => new URL(`../../../src/${path}`, import.meta.url).href;
    const output = runFreshModule(
      [childScript],
      [url('memory-bank/parse.ts'), url('memory-bank/vocabulary.ts'), url('core/config.ts'), taskFile],
      {
        nodeFlags: [
          '--expose-gc',
          '--predictable',
          '--no-allocation-site-pretenuring',
          '--min-semi-space-size=64',
          '--max-semi-space-size=64',
        ],
      },
    ).stdout;
    const result = JSON.parse(output) as { records: number; rounds: { youngAllocated: number; promoted: number }[] };
    // The file parses (the task and its four subtasks) and the parses allocated enough to measure.
    expect(result.records).toBe(5);
    // No young-generation GC ran during any round's parses (it would have emptied the young generation).
    for (const round of result.rounds) expect(round.youngAllocated).toBeGreaterThan(4 * 1024 * 1024);
    // What a parse leaves behind is left by every round; what V8's compilers leave is not.
    const fractions = result.rounds.map((round) => round.promoted / round.youngAllocated);
    expect(Math.min(...fractions), `promoted fraction per round: ${fractions.map((f) => f.toFixed(4)).join(', ')}`).toBeLessThan(0.02);
    // A fresh process loading the parser through tsx: seconds on a loaded machine.
  }, 60_000);
});
