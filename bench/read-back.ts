/**
 * Benchmark of write-back's read-back (docs/write-back.md, "Every edit is read back"): a sync pulling many statuses
 * into one large file, one of which does not stand. A generated progress log of `--items N` checkbox items (default
 * 1,000) and one list of marks whose last open mark, ticked, would turn the list into a summary of results; every item
 * is closed in one `planEdits` call with read-back. Prints the time, the parses the read-back made and the outcomes.
 *
 * `npx tsx bench/read-back.ts [--items N] [--rounds N]` (default 3 rounds; the best is printed). Run with `taskset -c 0`.
 */
import { createDefaultConfig } from '../src/core/config.js';
import type { BankChange, EditRequest } from '../src/core/source-edit.js';
import type { DiscoveredFile } from '../src/core/source-file.js';
import { parseFiles } from '../src/memory-bank/parse.js';
import { createSourceEditor } from '../src/memory-bank/writeback/index.js';

function readOption(name: string): string | undefined {
  const index = process.argv.indexOf(name);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

const items = Math.max(1, Number(readOption('--items') ?? '1000'));
const rounds = Math.max(1, Number(readOption('--rounds') ?? '3'));

const parts = ['# Progress', '', '## Integrations', '', '- ✅ Slack notifications', '- ⏳ Calendar sync', ''];
for (let section = 0; section * 20 < items; section++) {
  parts.push(`## Phase ${section + 1}`, '');
  for (let item = section * 20; item < Math.min(items, (section + 1) * 20); item++) parts.push(`- [ ] Port screen ${item + 1} to the new layout`);
  parts.push('');
}
const text = `${parts.join('\n')}\n`;
const path = 'memory-bank/progress.md';
const vocabulary = createDefaultConfig().vocabulary;
const file: DiscoveredFile = { path, bank: '.', kind: 'task-list', reason: 'bench', size: Buffer.byteLength(text), text, eol: 'lf', extractors: ['checklist'] };
const records = parseFiles([file], { vocabulary }).records;
const change: BankChange = { field: 'status', status: 'done' };
const requests: EditRequest[] = records.map((record) => ({ record, change }));
const editor = createSourceEditor();
const bytes = new TextEncoder().encode(text);

let best = Number.POSITIVE_INFINITY;
let refused = 0;
for (let round = 0; round < rounds; round++) {
  const start = process.hrtime.bigint();
  const outcomes = editor.planEdits(path, bytes, requests, { extractors: ['checklist'], vocabulary });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  best = Math.min(best, ms);
  refused = outcomes.filter((outcome) => !outcome.ok).length;
}
const parseStart = process.hrtime.bigint();
parseFiles([file], { vocabulary });
const parseMs = Number(process.hrtime.bigint() - parseStart) / 1e6;
console.log(
  JSON.stringify({ items: records.length, kb: Math.round(bytes.length / 1024), refused, 'planEdits with read-back ms (best)': Math.round(best), 'one parse ms': Math.round(parseMs), 'parses (≈)': Math.round(best / parseMs) }),
);
