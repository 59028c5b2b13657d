/**
 * Precision over the shared corpus (issue #13): every record comes from a file classified as a task source and
 * has a title with at least one word that is neither a status nor a number; every file that yields no task says
 * why (`--explain`). Read in place from ../shared, never copied.
 */
import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { createDefaultConfig } from '../../../src/core/config.js';
import type { DiscoverResult } from '../../../src/core/source-file.js';
import { discoverBanks } from '../../../src/memory-bank/discover.js';
import { parseFiles, type ParseResult } from '../../../src/memory-bank/parse.js';
import { createVocabulary } from '../../../src/memory-bank/vocabulary.js';
import { createNodeFileSystem } from '../../../src/runtime.js';

const corpus = fileURLToPath(new URL('../../../../shared/memory-banks/corpus/', import.meta.url));
const available = existsSync(corpus);
const banks = available ? readdirSync(corpus).sort() : [];
const config = createDefaultConfig();
const vocabulary = createVocabulary(config.vocabulary);
const taskSourceKinds = new Set(['task-document', 'task-list', 'task-table', 'index']);
const readings = new Map<string, { discover: DiscoverResult; parse: ParseResult }>();

/** True when the word is a status (`Done`, `Pending`) or a number (`12`, `1.2`). */
function isStatusOrNumber(word: string): boolean {
  if (/^[\p{N}.]+$/u.test(word)) return true;
  const match = vocabulary.matchStatus(word);
  return match.matched && match.coverage >= 1;
}

describe.skipIf(!available)('corpus precision: records only from task sources, titles that name work', () => {
  beforeAll(async () => {
    for (const bank of banks) {
      const discover = await discoverBanks(`${corpus}${bank}`, { files: createNodeFileSystem(), config: config.discover });
      readings.set(bank, { discover, parse: parseFiles(discover.files, { vocabulary: config.vocabulary }) });
    }
  });

  it.each(banks)('%s: every record comes from a file classified as a task source', (bank) => {
    const reading = readings.get(bank);
    const kinds = new Map(reading?.discover.files.map((file) => [file.path, file.kind]));
    const outside = (reading?.parse.records ?? []).filter((record) => !taskSourceKinds.has(kinds.get(record.source.path) ?? 'none'));
    expect(outside.map((record) => `${record.key} (${kinds.get(record.source.path)})`)).toEqual([]);
  });

  it.each(banks)('%s: every title has a word that is not a status or a number', (bank) => {
    const records = readings.get(bank)?.parse.records ?? [];
    const bare = records.filter((record) => {
      const words = record.title.match(/[\p{L}\p{N}][\p{L}\p{N}'’_.-]*/gu) ?? [];
      const withoutId = record.sourceId === null ? words : words.filter((word) => !record.sourceId?.includes(word));
      return !withoutId.some((word) => !isStatusOrNumber(word));
    });
    expect(bare.map((record) => `${record.key}: ${record.title}`)).toEqual([]);
  });

  it.each(banks)('%s: every file that yields no task says why', (bank) => {
    const explain = readings.get(bank)?.parse.explain ?? [];
    expect(explain.length).toBe(readings.get(bank)?.discover.files.length);
    for (const entry of explain) {
      const produced = entry.extractors.some((extractor) => extractor.keys.length > 0) || entry.merged.length > 0;
      if (produced) continue;
      expect(entry.noRecords, entry.file).toEqual(expect.stringMatching(/\S{3,}/u));
      expect(entry.reason, entry.file).toEqual(expect.stringMatching(/\S{3,}/u));
    }
  });
});
