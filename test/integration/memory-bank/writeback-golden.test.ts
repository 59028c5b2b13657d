/**
 * Golden write-back tests: each folder of fixtures/writeback/ holds an input bank, the requests, and the file as it
 * must be after write-back (hand-written). The input is discovered and parsed by the real parser, the edits are
 * planned and applied, and the output must be byte-identical to the expected file, differ from the input only inside
 * the edited tokens, read back (real parser) with the new values and nothing else changed, and turn back into the
 * input byte for byte when the old values are written back.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../src/core/config.js';
import type { BankChange, EditRequest, SourceEdit } from '../../../src/core/source-edit.js';
import type { DiscoveredFile } from '../../../src/core/source-file.js';
import type { TaskRecord } from '../../../src/core/task-record.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { parseFiles } from '../../../src/memory-bank/parse.js';
import { createSourceEditor } from '../../../src/memory-bank/writeback/index.js';
import { createNodeFileSystem } from '../../../src/runtime.js';

const fixtures = fileURLToPath(new URL('../../../fixtures/writeback/', import.meta.url));
const config = createDefaultConfig();
const editor = createSourceEditor();

interface Spec {
  file: string;
  requests: { title: string; change: BankChange }[];
}

function readTitle(record: TaskRecord): string {
  return record.title.includes(' · ') ? record.title.slice(record.title.indexOf(' · ') + 3) : record.title;
}

function parseText(file: DiscoveredFile, bytes: Uint8Array): TaskRecord[] {
  const text = new TextDecoder('utf-8', { ignoreBOM: false }).decode(bytes);
  return parseFiles([{ ...file, text, size: bytes.length }], { vocabulary: config.vocabulary }).records;
}

/** The value a change writes, as the parser reads it back. */
function readValue(record: TaskRecord, change: BankChange): unknown {
  if (change.field === 'status') return record.status.canonical;
  if (change.field === 'priority') return record.priority.value;
  if (change.field === 'due') return record.dates.due;
  return null;
}

function wantedValue(change: BankChange): unknown {
  if (change.field === 'status') return change.status;
  if (change.field === 'priority') return change.priority;
  if (change.field === 'due') return change.date;
  return null;
}

/** The change that writes the record's current value back. */
function restoring(record: TaskRecord, change: BankChange): BankChange {
  if (change.field === 'status') return { field: 'status', status: record.status.canonical };
  if (change.field === 'priority') return { field: 'priority', priority: record.priority.value };
  if (change.field === 'due') return { field: 'due', date: record.dates.due };
  return change;
}

/** Byte offset of a line and UTF-16 column (the model SourceEdit uses: lines split at CRLF, LF or CR, after a BOM). */
function byteOffset(bytes: Uint8Array, line: number, column: number): number {
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes.subarray(bom));
  const lines = text.split(/(?<=\r\n|\n|\r(?!\n))/u);
  const before = lines.slice(0, line - 1).join('') + (lines[line - 1] ?? '').slice(0, column);
  return bom + new TextEncoder().encode(before).length;
}

/** Asserts `after` equals `before` outside the byte range of `edit`. */
function expectOnlyTokenChanged(before: Uint8Array, after: Uint8Array, edit: SourceEdit): void {
  let prefix = 0;
  while (prefix < before.length && prefix < after.length && before[prefix] === after[prefix]) prefix++;
  let suffix = 0;
  while (suffix < before.length - prefix && suffix < after.length - prefix && before[before.length - 1 - suffix] === after[after.length - 1 - suffix]) suffix++;
  const start = byteOffset(before, edit.line, edit.column);
  const end = start + new TextEncoder().encode(edit.before).length;
  expect(prefix).toBeGreaterThanOrEqual(start);
  expect(before.length - suffix).toBeLessThanOrEqual(end);
  expect(after.length - before.length).toBe(new TextEncoder().encode(edit.after).length - (end - start));
}

function applyOneByOne(bytes: Uint8Array, edits: readonly SourceEdit[]): Uint8Array {
  let current = bytes;
  // Right to left: each edit's column is still valid when it is applied alone.
  for (const edit of [...edits].sort((a, b) => b.line - a.line || b.column - a.column)) {
    const next = editor.applyEdits(current, [edit]);
    expectOnlyTokenChanged(current, next, edit);
    current = next;
  }
  return current;
}

const cases = readdirSync(fixtures).sort();

describe('golden write-back fixtures', () => {
  it('covers every convention, CRLF, BOM, trailing spaces and non-English vocabularies', () => {
    expect(cases).toEqual(
      expect.arrayContaining([
        'checkbox-nested',
        'checkbox-crlf',
        'kiro-in-progress',
        'table-aligned-emoji',
        'table-priority',
        'status-field-trailing-spaces',
        'frontmatter-quoted',
        'frontmatter-due',
        'taskmaster-json',
        'index-inline',
        'french-status-field',
        'russian-table',
        'chinese-bold-field-bom',
        'status-field-priority-due',
        'status-field-beside-a-box',
      ]),
    );
  });

  it.each(cases)('%s', async (name) => {
    const dir = `${fixtures}${name}`;
    const spec = JSON.parse(readFileSync(`${dir}/requests.json`, 'utf8')) as Spec;
    const discovered = await discoverBanks(`${dir}/input`, { files: createNodeFileSystem(), config: config.discover });
    const file = discovered.files.find((candidate) => candidate.path === spec.file);
    expect(file?.kind, `${spec.file} was discovered as a file with tasks`).not.toBe('context-document');
    if (file === undefined) throw new Error(`${spec.file} not discovered`);
    const records = parseFiles(discovered.files, { vocabulary: config.vocabulary }).records.filter((record) => record.source.path === spec.file);
    const input = new Uint8Array(readFileSync(`${dir}/input/${spec.file}`));
    const expected = new Uint8Array(readFileSync(`${dir}/expected/${spec.file}`));

    const requests: EditRequest[] = spec.requests.map((request) => {
      const record = records.find((candidate) => readTitle(candidate) === request.title);
      if (record === undefined) throw new Error(`no record titled ${request.title} in ${spec.file}: ${records.map(readTitle).join(', ')}`);
      return { record, change: request.change };
    });
    // As sync plans them: every edit read back by the parser as it reads the file.
    const outcomes = editor.planEdits(spec.file, input, requests, { extractors: file.extractors, vocabulary: config.vocabulary });
    const edits = outcomes.flatMap((outcome) => {
      if (!outcome.ok) throw new Error(outcome.reason);
      return outcome.edits;
    });
    // One token per value; a status written twice on its line (a box and a status field) is two.
    expect(edits.length).toBeGreaterThanOrEqual(requests.length);

    const output = applyOneByOne(input, edits);
    expect(Buffer.from(editor.applyEdits(input, edits)).equals(Buffer.from(output))).toBe(true);
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(output)).toBe(new TextDecoder('utf-8', { ignoreBOM: true }).decode(expected));
    expect(Buffer.from(output).equals(Buffer.from(expected))).toBe(true);

    // Read back: the new values, and every other record as it was.
    const reread = parseText(file, output);
    const original = parseText(file, input);
    expect(reread.map((record) => record.key)).toEqual(original.map((record) => record.key));
    for (const request of requests) {
      const again = reread.find((record) => record.key === request.record.key);
      expect(again === undefined ? undefined : readValue(again, request.change)).toEqual(wantedValue(request.change));
    }
    const changed = new Set(requests.map((request) => request.record.key));
    // Sub-items with no status of their own read their parent's (parser rule), so they follow it.
    const inheriting = (record: TaskRecord): boolean => record.status.from === 'default' && record.parentKey !== null && changed.has(record.parentKey);
    for (const record of original.filter((candidate) => !changed.has(candidate.key) && !inheriting(candidate))) {
      const again = reread.find((candidate) => candidate.key === record.key);
      expect([record.key, again?.status, again?.priority, again?.dates]).toEqual([record.key, record.status, record.priority, record.dates]);
    }

    // Writing the old values back restores the input byte for byte.
    const back = requests.map((request) => {
      const again = reread.find((record) => record.key === request.record.key);
      if (again === undefined) throw new Error(`lost ${request.record.key}`);
      return { record: again, change: restoring(request.record, request.change) };
    });
    const backEdits = editor.planEdits(spec.file, output, back).flatMap((outcome) => {
      if (!outcome.ok) throw new Error(outcome.reason);
      return outcome.edits;
    });
    expect(Buffer.from(applyOneByOne(output, backEdits)).equals(Buffer.from(input))).toBe(true);
  });
});
