/**
 * bench/big-bank: writes a generated memory bank of N task files (default 10,000) in the Copilot "tasks folder"
 * convention — `memory-bank/tasks/TASKnnnnn-….md`, each with the `**Status:**` header, a paragraph, an
 * implementation plan and a subtasks table of six rows (7 records per file, ~1.8 KiB) — plus `_index.md`. The
 * 10,000-file bank is issue #12/#13's: ~18 MiB, ~70,000 records.
 *
 *   npx tsx bench/big-bank.ts <dir> [--files 10000]
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

const statuses = ['Completed', 'In Progress', 'Pending', 'Not Started', 'Blocked', 'Completed'] as const;
const words = ['parser', 'session', 'buffer', 'negotiation', 'screen', 'terminal', 'cursor', 'field', 'protocol', 'model', 'cache', 'index', 'export', 'report', 'schema', 'queue'];

function pick(seed: number, list: readonly string[]): string {
  return list[seed % list.length] ?? '';
}

/** The text of task file number `n` (1-based). */
export function renderTaskFile(n: number): string {
  const id = `TASK${String(n).padStart(5, '0')}`;
  const topic = `${pick(n, words)} ${pick(n * 7 + 3, words)}`;
  const status = pick(n, statuses);
  const day = String((n % 28) + 1).padStart(2, '0');
  const rows = Array.from({ length: 6 }, (_, index) => {
    const sub = `${n}.${index + 1}`;
    const rowStatus = pick(n + index, ['Complete', 'In Progress', 'Not Started', 'Blocked']);
    return `| ${sub} | ${pick(n + index * 5, ['Define', 'Update', 'Validate', 'Document', 'Refactor', 'Test'])} the ${pick(n + index, words)} ${pick(n * 3 + index, words)} handling | ${rowStatus} | 2025-10-${day} | ${index % 2 === 0 ? 'Covered by `test_' + pick(n + index, words) + '.py`' : 'Waiting on review'} |`;
  });
  return `# [${id}] - Improve the ${topic} (${n})

**Status:** ${status}
**Added:** 2025-09-${day}
**Updated:** 2025-10-${day}

## Original Request
Make the ${topic} configurable instead of hard-coded, so that hosts that expect a different ${pick(n + 1, words)} keep working,
and document the choices for users. The current behaviour stays the default for backward compatibility.

## Thought Process
The ${pick(n + 2, words)} and the ${pick(n + 3, words)} share state today. Splitting them makes **testing** easier and
keeps the \`${pick(n + 4, words)}\` module small. See [the design notes](../systemPatterns.md) for the layering.

## Implementation Plan
1. Define the ${pick(n + 5, words)} constants with their capabilities
2. Update the ${pick(n + 6, words)} layer to read the configured value
3. Add validation and tests for every supported value

## Progress Tracking

**Overall Status:** ${status}

### Subtasks
| ID | Description | Status | Updated | Notes |
|----|-------------|--------|---------|-------|
${rows.join('\n')}

## Progress Log
### 2025-10-${day}
- Reviewed the ${pick(n + 7, words)} code paths and wrote down the open questions
- Agreed on the default with the maintainers
`;
}

/** Writes the bank under `dir` (creating `dir/memory-bank/tasks/`); returns the number of bytes written. */
export function writeBigBank(dir: string, files: number): number {
  const tasks = join(dir, 'memory-bank', 'tasks');
  mkdirSync(tasks, { recursive: true });
  let bytes = 0;
  const index: string[] = ['# Tasks Index', '', '## All tasks', ''];
  for (let n = 1; n <= files; n++) {
    const id = `TASK${String(n).padStart(5, '0')}`;
    const text = renderTaskFile(n);
    bytes += Buffer.byteLength(text);
    writeFileSync(join(tasks, `${id}-improve-${pick(n, words)}.md`), text);
    index.push(`- [${id}] Improve the ${pick(n, words)} ${pick(n * 7 + 3, words)} (${n})`);
  }
  const indexText = `${index.join('\n')}\n`;
  writeFileSync(join(tasks, '_index.md'), indexText);
  return bytes + Buffer.byteLength(indexText);
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { files: { type: 'string', default: '10000' } } });
  const dir = positionals[0];
  if (dir === undefined) throw new Error('usage: npx tsx bench/big-bank.ts <dir> [--files 10000]');
  const bytes = writeBigBank(dir, Number(values.files));
  process.stdout.write(`bench/big-bank: ${values.files} task files, ${(bytes / 1024 / 1024).toFixed(1)} MiB under ${dir}\n`);
}
