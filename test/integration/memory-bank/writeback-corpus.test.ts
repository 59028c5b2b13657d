/**
 * Write-back over real memory banks of the shared corpus (read in place from ../shared, never copied): for every
 * record of the files below, write the opposite status (done ↔ todo) and then the old one back. Each planned edit
 * changes one token and nothing else, the real parser reads the new status (and every other record as before), and
 * writing the old status back restores the file byte for byte. A refusal names the file and line.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../src/core/config.js';
import type { SourceEdit } from '../../../src/core/source-edit.js';
import type { DiscoveredFile } from '../../../src/core/source-file.js';
import type { TaskRecord } from '../../../src/core/task-record.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { parseFiles } from '../../../src/memory-bank/parse.js';
import { createSourceEditor } from '../../../src/memory-bank/writeback/index.js';
import { createNodeFileSystem } from '../../../src/runtime.js';

const corpus = fileURLToPath(new URL('../../../../shared/memory-banks/corpus/', import.meta.url));
const config = createDefaultConfig();
const editor = createSourceEditor();

/** Banks and the files of each that write statuses in different conventions and languages. */
const selection: Record<string, string[]> = {
  'efargas__S7-Tools': [
    'memory-bank/tasks/TASK013-implement-command-pattern.md',
    'memory-bank/tasks/TASK017-testing-and-coverage.md',
  ],
  dtg01100__pure3270: ['memory-bank/tasks/TASK004-integrate-s3270-license-attribution.md'],
  'GalaxyXieyu__didatodolist-mcp': ['memory_bank/tasks.md'],
  'JochenWeerda__AI_driven_ERP': ['memory-bank/tasks.md'],
  'toptracerpeter__clinewiz': ['memory-bank/progress.md', 'memory-bank/implementation-plan.md'],
};

/**
 * Items whose old value is the only one of its form in the file (`### … (ABGESCHLOSSEN)` beside `## … - ABGESCHLOSSEN ✓`,
 * a lone `NÄCHSTE AUFGABE`): once replaced, nothing in the file remembers it, so writing the old status back writes
 * the file's form for it (docs/write-back.md). For these the status must come back, in one token, not the bytes.
 */
const uniqueForms: ReadonlySet<string> = new Set([
  'JochenWeerda__AI_driven_ERP/memory-bank/tasks.md:27',
  'JochenWeerda__AI_driven_ERP/memory-bank/tasks.md:171',
]);

function decode(bytes: Uint8Array): string {
  return new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
}

function byteOffset(bytes: Uint8Array, line: number, column: number): number {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const lines = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(bom)).split(/(?<=\r\n|\n|\r(?!\n))/u);
  return bom + new TextEncoder().encode(lines.slice(0, line - 1).join('') + (lines[line - 1] ?? '').slice(0, column)).length;
}

/** Applies the edits one at a time (right to left) and says what changed outside an edit's token, if anything. */
function applyChecked(bytes: Uint8Array, edits: readonly SourceEdit[]): { bytes: Uint8Array; problem: string | null } {
  let current = bytes;
  for (const edit of [...edits].sort((a, b) => b.line - a.line || b.column - a.column)) {
    if (/[\r\n]/u.test(edit.before + edit.after)) return { bytes: current, problem: `edit spans lines: ${JSON.stringify(edit)}` };
    const next = editor.applyEdits(current, [edit]);
    let prefix = 0;
    while (prefix < current.length && prefix < next.length && current[prefix] === next[prefix]) prefix++;
    let suffix = 0;
    while (suffix < current.length - prefix && suffix < next.length - prefix && current[current.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
    const start = byteOffset(current, edit.line, edit.column);
    const end = start + new TextEncoder().encode(edit.before).length;
    if (prefix < start || current.length - suffix > end) return { bytes: next, problem: `bytes changed outside ${JSON.stringify(edit)}` };
    current = next;
  }
  return { bytes: current, problem: null };
}

function reparse(file: DiscoveredFile, bytes: Uint8Array): TaskRecord[] {
  return parseFiles([{ ...file, text: decode(bytes), size: bytes.length }], { vocabulary: config.vocabulary }).records;
}

const available = existsSync(corpus);
if (!available) console.warn(`write-back corpus test skipped: ${corpus} not found (the shared corpus sits beside the project)`);

describe.skipIf(!available)('write-back over the shared corpus', () => {
  it.each(Object.entries(selection))('%s: flip every status and back — one token each way, bytes restored', async (bank, paths) => {
    const root = `${corpus}${bank}`;
    const discovered = await discoverBanks(root, { files: createNodeFileSystem(), config: config.discover });
    const problems: string[] = [];
    let flipped = 0;
    for (const path of paths) {
      const file = discovered.files.find((candidate) => candidate.path === path);
      if (file === undefined) throw new Error(`${bank}/${path} was not discovered`);
      const input = new Uint8Array(readFileSync(`${root}/${path}`));
      const original = reparse(file, input);
      for (const record of original) {
        if (record.status.canonical === 'unknown') continue;
        const target = record.status.canonical === 'done' ? 'todo' : 'done';
        const where = `${path}:${record.source.line} ${record.title}`;
        const [outcome] = editor.planEdits(path, input, [{ record, change: { field: 'status', status: target } }]);
        if (outcome === undefined) throw new Error('no outcome');
        if (!outcome.ok) {
          if (!outcome.reason.startsWith(`${path}:`)) problems.push(`${where}: refusal does not name file:line: ${outcome.reason}`);
          continue;
        }
        const forth = applyChecked(input, outcome.edits);
        if (forth.problem !== null) problems.push(`${where}: ${forth.problem}`);
        const reread = reparse(file, forth.bytes);
        const again = reread.find((candidate) => candidate.key === record.key);
        if (again?.status.canonical !== target) {
          problems.push(`${where}: reads back as ${again?.status.canonical ?? 'no record'} after ${JSON.stringify(outcome.edits)}`);
          continue;
        }
        for (const other of original) {
          // Statuses the parser derives from others follow them: a parent's from its subtasks, a bare sub-item's from its parent.
          if (other.key === record.key || other.status.from === 'children' || (other.status.from === 'default' && other.parentKey === record.key)) continue;
          const now = reread.find((candidate) => candidate.key === other.key);
          if (now?.status.canonical !== other.status.canonical) problems.push(`${where}: also changed ${other.key} (${other.status.canonical} → ${now?.status.canonical ?? 'gone'})`);
        }
        const [back] = editor.planEdits(path, forth.bytes, [{ record: again, change: { field: 'status', status: record.status.canonical } }]);
        if (back === undefined || !back.ok) {
          problems.push(`${where}: writing ${record.status.canonical} back was refused: ${back?.ok === false ? back.reason : ''}`);
          continue;
        }
        const restored = applyChecked(forth.bytes, back.edits);
        if (restored.problem !== null) problems.push(`${where}: ${restored.problem}`);
        if (uniqueForms.has(`${bank}/${path}:${record.source.line}`)) {
          const status = reparse(file, restored.bytes).find((candidate) => candidate.key === record.key)?.status.canonical;
          if (status !== record.status.canonical || back.edits.length !== 1) problems.push(`${where}: status not restored (${status ?? 'gone'})`);
        } else if (!Buffer.from(restored.bytes).equals(Buffer.from(input))) {
          problems.push(`${where}: not restored: ${JSON.stringify(outcome.edits)} then ${JSON.stringify(back.edits)}`);
        }
        flipped++;
      }
    }
    expect(problems).toEqual([]);
    expect(flipped).toBeGreaterThan(0);
  });
});
